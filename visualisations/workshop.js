/* graphsvc workshop pages: the index, the live workshop page, the login page.
 *
 * Configuration comes from the JSON script element #graphsvc-workshop (both languages'
 * words and enum labels, so the language switches without a reload). Text from data
 * only ever reaches the DOM through textContent, never innerHTML.
 *
 * The workshop page keeps the server as the only source of truth: every write is a
 * JSON call, followed by a fresh GET /state; the event stream announces other people's
 * changes, and the page fetches /state again (one fetch in flight at most).
 *
 * window.graphsvcWorkshop (tests, screenshots): nodes, edges (vis DataSets), network,
 * ready, state(), version(), analysis(), undo(), redo(), setLang(code), lang(),
 * refresh(), loadAnalysis().
 */
(function () {
  "use strict";
  var config = JSON.parse(document.getElementById("graphsvc-workshop").textContent);
  var WORDS = config.words;
  var ENUMS = config.enums;
  var LANG_KEY = "graphsvc.lang";
  var lang = config.lang;
  var langListeners = [];

  // ---------------------------------------------------------------- helpers
  function $(id) { return document.getElementById(id); }

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined && text !== null) e.textContent = String(text);
    return e;
  }

  function t(key) {
    var table = WORDS[lang] || {};
    var text = Object.prototype.hasOwnProperty.call(table, key) ? table[key] : key;
    var args = arguments;
    return text.replace(/\{(\d)\}/g, function (_m, i) {
      var v = args[Number(i) + 1];
      return v === undefined || v === null ? "" : String(v);
    });
  }

  function enumLabel(group, value) {
    if (value === null || value === undefined || value === "") return "";
    var pair = (ENUMS[group] || {})[value];
    if (pair) return pair[lang === "da" ? 0 : 1];
    var s = String(value).replace(/_/g, " ");
    return s.charAt(0).toUpperCase() + s.slice(1);
  }

  function locale() { return lang === "da" ? "da-DK" : "en-GB"; }

  function num(x, digits) {
    if (x === null || x === undefined || isNaN(Number(x))) return "–";
    return Number(x).toLocaleString(locale(), { maximumFractionDigits: digits, minimumFractionDigits: 0 });
  }

  function day(iso) {
    if (!iso) return "";
    var m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
    if (!m) return iso;
    // A local date: new Date("YYYY-MM-DD") is UTC midnight, the day before west of Greenwich.
    var d = new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
    return new Intl.DateTimeFormat(locale(), { day: "numeric", month: "long", year: "numeric" }).format(d);
  }

  function moment(iso) {
    var d = new Date(iso);
    if (isNaN(d.getTime())) return iso || "";
    return new Intl.DateTimeFormat(locale(), { dateStyle: "medium", timeStyle: "short" }).format(d);
  }

  function placeName(code) {
    if (!code) return "";
    return config.municipalityNames[code] || code;
  }

  function norm(s) {
    return String(s).normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }

  function byName(a, b) {
    return norm(a.name).localeCompare(norm(b.name), locale()) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
  }

  function enc(s) { return encodeURIComponent(s); }

  function clamp01(x) { return Math.max(0, Math.min(1, x)); }

  function round2(x) { return Math.round(x * 100) / 100; }

  // ---------------------------------------------------------------- the JSON API
  function ApiError(status, body) {
    this.status = status;
    this.body = body && typeof body === "object" ? body : {};
    this.code = this.body.code || null;
    this.details = Array.isArray(this.body.details) ? this.body.details : [];
    this.message = this.body.message || (status ? "HTTP " + status : "network");
  }

  // Writes made with the session cookie carry the session's CSRF token (GET /session).
  var csrfToken = null;
  function csrf(method) {
    if (method === "GET" || csrfToken !== null) return Promise.resolve(csrfToken);
    return fetch("/session", { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (res) { return res.ok ? res.json() : {}; })
      .then(function (who) { csrfToken = (who && who.csrf_token) || ""; return csrfToken; },
        function () { return ""; });
  }

  function api(method, path, body, extraHeaders) {
    var opts = { method: method, credentials: "same-origin", headers: { Accept: "application/json" } };
    Object.keys(extraHeaders || {}).forEach(function (k) { opts.headers[k] = extraHeaders[k]; });
    if (body !== undefined) {
      opts.headers["Content-Type"] = "application/json";
      opts.body = JSON.stringify(body);
    }
    return csrf(method).then(function (token) {
      if (token && method !== "GET") opts.headers["X-CSRF-Token"] = token;
      return fetch(path, opts);
    }).then(function (res) {
      if (res.status === 403) csrfToken = null; // signed in anew elsewhere: ask again
      return res.text().then(function (text) {
        var data = null;
        if (text) {
          try { data = JSON.parse(text); } catch (e) { data = null; }
        }
        if (!res.ok) throw new ApiError(res.status, data);
        return data;
      });
    }, function () { throw new ApiError(0, null); });
  }

  function errorText(err) {
    if (!(err instanceof ApiError)) return String((err && err.message) || err);
    if (err.status === 0) return t("network_error");
    if (err.status === 401) return t("unauthorized");
    if (err.status === 403) return t("forbidden");
    if (err.status === 412) return t("changed_elsewhere");
    var detail = err.details.length && err.details[0].message;
    return detail && detail !== err.message ? err.message + " – " + detail : err.message;
  }

  // A message is kept as a function of the language, so it can be said again in the
  // other one when the participant switches.
  function setMsg(node, text, kind, extra) {
    if (!node) return;
    node._msg = text ? { text: text, kind: kind, extra: extra } : null;
    paintMsg(node);
  }

  function paintMsg(node) {
    var m = node._msg;
    node.textContent = m ? (typeof m.text === "function" ? m.text() : m.text) : "";
    node.classList.toggle("error", !!m && m.kind === "error");
    node.classList.toggle("ok", !!m && m.kind === "ok");
    if (m && m.extra) m.extra(node);
  }

  function words() {
    var args = arguments;
    return function () { return t.apply(null, args); };
  }

  function failure(err) {
    return function () { return errorText(err); };
  }

  // ---------------------------------------------------------------- language
  function applyWords(root) {
    root = root || document;
    root.querySelectorAll("[data-i18n]").forEach(function (e) { e.textContent = t(e.getAttribute("data-i18n")); });
    ["placeholder", "aria-label", "title", "label"].forEach(function (attr) {
      root.querySelectorAll("[data-i18n-" + attr + "]").forEach(function (e) {
        e.setAttribute(attr, t(e.getAttribute("data-i18n-" + attr)));
      });
    });
    root.querySelectorAll("select[data-enum]").forEach(function (select) {
      var group = select.getAttribute("data-enum");
      Array.prototype.forEach.call(select.options, function (o) {
        if (o.value) o.textContent = enumLabel(group, o.value);
      });
    });
    document.querySelectorAll(".lang-switch button").forEach(function (b) {
      b.setAttribute("aria-pressed", b.getAttribute("data-lang") === lang ? "true" : "false");
    });
  }

  function setLang(code, persist) {
    if (!WORDS[code]) return;
    lang = code;
    document.documentElement.lang = code;
    applyWords();
    if (persist !== false) {
      try { localStorage.setItem(LANG_KEY, code); } catch (e) { /* storage off: the URL still says */ }
    }
    try {
      var u = new URL(location.href);
      u.searchParams.set("lang", code);
      history.replaceState(history.state, "", u.pathname + u.search + u.hash);
    } catch (e) { /* file: URLs */ }
    langListeners.forEach(function (fn) { fn(); });
  }

  function onLang(fn) { langListeners.push(fn); }

  onLang(function () {
    document.querySelectorAll(".msg").forEach(function (node) { if (node._msg) paintMsg(node); });
  });

  document.querySelectorAll(".lang-switch button").forEach(function (b) {
    b.addEventListener("click", function () { setLang(b.getAttribute("data-lang")); });
  });

  function initialLang() {
    // An explicit ?lang= wins (the server rendered it); otherwise the participant's own
    // earlier choice beats the browser's Accept-Language the server went by.
    if (new URLSearchParams(location.search).has("lang")) return;
    var stored = null;
    try { stored = localStorage.getItem(LANG_KEY); } catch (e) { stored = null; }
    if (stored && stored !== lang && WORDS[stored]) setLang(stored, false);
  }

  // ---------------------------------------------------------------- a combobox
  // The listbox pattern of WAI-ARIA: focus stays in the input, aria-activedescendant
  // names the highlighted option, ↑ ↓ move, Enter picks, Escape closes.
  function combobox(input, list, opts) {
    var items = [];
    var active = -1;
    var timer = null;
    var seq = 0;

    function open() { return !list.hidden; }

    function close() {
      list.hidden = true;
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
      active = -1;
    }

    function highlight(k) {
      active = k;
      Array.prototype.forEach.call(list.children, function (li, i) {
        li.setAttribute("aria-selected", i === k ? "true" : "false");
      });
      if (k >= 0 && list.children[k]) {
        input.setAttribute("aria-activedescendant", list.children[k].id);
        list.children[k].scrollIntoView({ block: "nearest" });
      } else {
        input.removeAttribute("aria-activedescendant");
      }
    }

    function render() {
      list.textContent = "";
      items.forEach(function (item, k) {
        var li = el("li", "option");
        li.id = list.id + "-" + k;
        li.setAttribute("role", "option");
        li.setAttribute("aria-selected", "false");
        opts.renderItem(li, item);
        li.addEventListener("mousedown", function (ev) { ev.preventDefault(); });
        li.addEventListener("click", function () { pick(k); });
        list.appendChild(li);
      });
      if (!items.length && opts.emptyText) {
        var none = el("li", "none", opts.emptyText());
        none.setAttribute("role", "presentation");
        list.appendChild(none);
      }
      list.hidden = !items.length && !opts.emptyText;
      input.setAttribute("aria-expanded", list.hidden ? "false" : "true");
      highlight(-1);
    }

    function pick(k) {
      var item = items[k];
      close();
      if (item) opts.onPick(item);
    }

    function search() {
      var q = input.value.trim();
      var mine = ++seq;
      if (!q) { items = []; close(); return; }
      opts.fetch(q).then(function (found) {
        if (mine !== seq) return; // an older answer arriving late
        items = found;
        render();
      }, function () { if (mine === seq) close(); });
    }

    input.addEventListener("input", function () {
      clearTimeout(timer);
      highlight(-1);
      if (opts.onInput) opts.onInput();
      timer = setTimeout(search, 150);
    });
    input.addEventListener("keydown", function (ev) {
      if (ev.key === "ArrowDown" || ev.key === "ArrowUp") {
        if (!items.length) return;
        ev.preventDefault();
        if (!open()) { list.hidden = false; input.setAttribute("aria-expanded", "true"); }
        var n = items.length;
        highlight(ev.key === "ArrowDown" ? (active + 1) % n : (active <= 0 ? n - 1 : active - 1));
      } else if (ev.key === "Enter") {
        if (open() && active >= 0) {
          ev.preventDefault();
          pick(active);
        }
      } else if (ev.key === "Escape") {
        if (open()) { ev.preventDefault(); close(); }
      }
    });
    input.addEventListener("blur", function () { setTimeout(close, 100); });

    return {
      close: close,
      items: function () { return items; },
      reset: function () { seq++; clearTimeout(timer); items = []; close(); list.textContent = ""; },
      rerender: function () { if (open()) render(); }
    };
  }

  // ================================================================ login
  function loginPage() {
    var form = $("login");
    var msg = $("login-msg");
    form.addEventListener("submit", function (ev) {
      ev.preventDefault();
      var key = $("key").value.trim();
      if (!key) { setMsg(msg, words("bad_key"), "error"); $("key").focus(); return; }
      var button = form.querySelector("button[type=submit]");
      button.disabled = true;
      api("POST", "/session", { key: key }).then(function () {
        var next = String(config.next || "/workshop");
        // The server checked it; this only guards against a tampered page.
        if (next.charAt(0) !== "/" || next.charAt(1) === "/" || next.indexOf("\\") >= 0) next = "/workshop";
        location.assign(next);
      }, function (err) {
        button.disabled = false;
        setMsg(msg, err.status === 401 || err.status === 403 ? words("bad_key") : failure(err), "error");
        $("key").select();
      });
    });
  }

  // ================================================================ index
  function indexPage() {
    var listEl = $("workshop-list");
    var listMsg = $("list-msg");
    var workshops = null;

    function renderList() {
      listEl.textContent = "";
      if (workshops === null) return;
      if (!workshops.length) { listMsg.hidden = false; listMsg.textContent = t("no_workshops"); return; }
      listMsg.hidden = true;
      workshops.forEach(function (w) {
        var li = el("li");
        var a = el("a", "ws-link", w.name);
        a.href = "/workshop/" + enc(w.id) + "?lang=" + lang;
        li.appendChild(a);
        if (w.purpose) li.appendChild(el("p", "ws-purpose", w.purpose));
        var meta = [placeName(w.municipality), day(w.date), t("n_counts", w.n_actors, w.n_ties)]
          .filter(Boolean).join(" · ");
        li.appendChild(el("p", "muted", meta));
        listEl.appendChild(li);
      });
    }

    api("GET", "/workshops").then(function (found) {
      workshops = found || [];
      renderList();
    }, function (err) {
      listMsg.textContent = errorText(err);
      listMsg.classList.add("error");
    });
    onLang(renderList);

    var form = $("create");
    if (!form) return;
    var msg = $("create-msg");
    var pickBox = $("start-pick");
    var q = $("start-q");
    var chosenEl = $("start-chosen");
    var chosen = null;

    function startFrom() {
      var r = form.querySelector("input[name=start_from]:checked");
      return r ? r.value : "empty";
    }

    function showChosen() {
      chosenEl.textContent = chosen ? "✓ " + chosen.name : "";
    }

    function updateStart() {
      var from = startFrom();
      pickBox.hidden = from === "empty";
      $("radius-row").hidden = from !== "actor";
      var label = $("start-q-label");
      label.setAttribute("data-i18n", from === "actor" ? "find_actor" : "find_project");
      label.textContent = t(label.getAttribute("data-i18n"));
      chosen = null;
      showChosen();
      q.value = "";
      box.reset();
    }

    var box = combobox(q, $("start-list"), {
      fetch: function (text) {
        var what = startFrom() === "actor" ? "/actors" : "/projects";
        // shared_screen: a person who did not consent is not found by name on a projector
        return api("GET", what + "?q=" + enc(text) + "&limit=8&sort=name" +
          (what === "/actors" ? "&shared_screen=true" : "")).then(function (page) {
          return (page && page.items) || [];
        });
      },
      renderItem: function (li, item) {
        li.appendChild(el("span", "opt-name", item.name));
        var meta = startFrom() === "actor"
          ? [enumLabel("kind", item.kind), placeName(item.locality)]
          : [enumLabel("theme", item.theme), (item.localities || []).map(placeName).join(", ")];
        li.appendChild(el("span", "opt-meta", meta.filter(Boolean).join(" · ")));
      },
      emptyText: function () { return t("no_match"); },
      onInput: function () { chosen = null; showChosen(); },
      onPick: function (item) {
        chosen = { id: item.id, name: item.name };
        q.value = item.name;
        showChosen();
      }
    });

    form.querySelectorAll("input[name=start_from]").forEach(function (r) {
      r.addEventListener("change", updateStart);
    });
    onLang(function () { showChosen(); box.rerender(); });

    form.addEventListener("submit", function (ev) {
      ev.preventDefault();
      var name = $("ws-name-in").value.trim();
      if (!name) { setMsg(msg, words("name_needed"), "error"); $("ws-name-in").focus(); return; }
      var from = startFrom();
      if (from !== "empty" && !chosen) { setMsg(msg, words("pick_required"), "error"); q.focus(); return; }
      var body = { name: name, start_from: from };
      var purpose = $("ws-purpose-in").value.trim();
      if (purpose) body.purpose = purpose;
      if ($("ws-municipality-in").value) body.municipality = $("ws-municipality-in").value;
      if ($("ws-date-in").value) body.date = $("ws-date-in").value;
      if (from !== "empty") body.start_id = chosen.id;
      if (from === "actor") body.radius = Number($("radius").value);
      var button = form.querySelector("button[type=submit]");
      button.disabled = true;
      setMsg(msg, words("loading"));
      api("POST", "/workshops", body).then(function (made) {
        location.assign("/workshop/" + enc(made.id) + "?lang=" + lang);
      }, function (err) {
        button.disabled = false;
        setMsg(msg, failure(err), "error");
      });
    });
  }

  // ================================================================ the workshop
  function workshopPage() {
    var WS = "/workshops/" + enc(config.workshopId);
    var canEdit = !!config.canEdit;
    var S = { version: -1, workshop: null, actors: [], ties: [], projects: [] };
    var actorsById = {};
    var tiesById = {};
    var analysis = null;
    var snapshots = [];
    var lastCompare = null;
    var selected = null; // {type: "actor" | "project" | "tie", id}
    var minVersion = -1; // the newest version one of our own writes produced
    var exposed = (window.graphsvcWorkshop = {
      ready: false,
      lang: function () { return lang; },
      setLang: function (code) { setLang(code); },
      state: function () { return S; },
      version: function () { return S.version; },
      analysis: function () { return analysis; }
    });

    // ------------------------------------------------------------ toasts
    var toast = $("announce");
    var toastTimer = null;

    function say(text, isError) {
      toast.textContent = text;
      toast.classList.toggle("error", !!isError);
      toast.classList.add("show");
      clearTimeout(toastTimer);
      toastTimer = setTimeout(function () { toast.classList.remove("show"); }, isError ? 6000 : 2500);
    }

    function pageError(text) {
      var p = $("page-msg");
      setMsg(p, text, "error");
      p.hidden = !text;
    }

    // ------------------------------------------------------------ header
    function renderHeader() {
      var w = S.workshop;
      if (!w) return;
      $("ws-name").textContent = w.name;
      document.title = w.name + " – " + t("app_title");
      $("ws-purpose").textContent = w.purpose || "";
      $("ws-place").textContent = placeName(w.municipality);
      $("ws-date").textContent = day(w.date);
      if (w.date) $("ws-date").setAttribute("datetime", w.date); else $("ws-date").removeAttribute("datetime");
      $("back").href = "/workshop?lang=" + lang;
    }

    // The exports speak the page's language too.
    function renderExports() {
      [["export-xlsx", "xlsx"], ["export-html", "html"], ["export-png", "png"]].forEach(function (p) {
        var a = $(p[0]);
        a.href = WS + "/export." + p[1] + "?lang=" + lang;
        a.setAttribute("download", "workshop-" + config.workshopId + "." + p[1]);
      });
    }
    renderExports();

    // ------------------------------------------------------------ connection
    var conn = $("conn");
    var connState = "connecting";

    function setConn(state) {
      connState = state;
      conn.className = "conn " + state;
      var text = $("conn-text");
      text.setAttribute("data-i18n", "conn_" + state);
      text.textContent = t("conn_" + state);
      conn.title = S.version >= 0 ? t("version", S.version) : "";
    }

    // ------------------------------------------------------------ state fetches
    var fetching = null;
    var fetchAgain = false;
    var behind = 0;

    // One GET /state in flight at most; changes announced meanwhile cost one more fetch.
    function refresh() {
      if (fetching) { fetchAgain = true; return fetching; }
      fetching = api("GET", WS + "/state").then(function (st) {
        if (st.version >= S.version) apply(st);
        // An answer from before our own last write: ask again (a few times at most).
        if (st.version < minVersion && behind < 5) { behind++; fetchAgain = true; } else { behind = 0; }
        pageError(null);
      }, function (err) {
        if (err.status === 404) pageError(words("not_found"));
        else if (err.status === 401) pageError(words("unauthorized"));
        else if (S.version < 0) pageError(failure(err));
      }).then(function () {
        fetching = null;
        if (fetchAgain) { fetchAgain = false; return refresh(); }
      });
      return fetching;
    }
    exposed.refresh = refresh;

    function wrote(res) {
      if (res && typeof res.version === "number") minVersion = Math.max(minVersion, res.version);
      refresh();
      return res;
    }

    function apply(st) {
      var first = S.version < 0;
      var changed = st.version !== S.version;
      S = st;
      actorsById = {};
      tiesById = {};
      S.actors.forEach(function (a) { actorsById[a.id] = a; });
      S.ties.forEach(function (x) { tiesById[x.id] = x; });
      Object.keys(pendingGrid).forEach(function (id) {
        if (!actorsById[id]) delete pendingGrid[id];
      });
      if (!changed && !first) return;
      renderHeader();
      if (first && canEdit && S.workshop.municipality && !localityTouched) {
        $("actor-locality").value = S.workshop.municipality;
      }
      updateMap();
      renderTieSelects();
      renderGrid();
      if (selected && !exists(selected)) selected = null;
      renderDetails();
      renderAttitude();
      renderAnalysisState();
      conn.title = t("version", S.version);
      // Someone may have taken a snapshot: keep the open list current.
      if (!first && !$("snapshots-panel").hidden && !$("panels").classList.contains("collapsed")) loadSnapshots();
    }

    function exists(sel) {
      if (sel.type === "actor") return !!actorsById[sel.id];
      if (sel.type === "tie") return !!tiesById[sel.id];
      return S.projects.some(function (p) { return p.id === sel.id; });
    }

    function nameOf(id) {
      var a = actorsById[id];
      return a ? a.name : id;
    }

    // ------------------------------------------------------------ live events
    var source = null;
    var retry = null;

    function connect() {
      clearTimeout(retry);
      if (source) source.close();
      source = new EventSource(WS + "/events");
      source.addEventListener("open", function () {
        var wasDown = connState !== "live";
        setConn("live");
        if (wasDown && S.version >= 0) refresh(); // changes may have come while we were away
      });
      source.addEventListener("change", function (ev) {
        var v = null;
        try { v = JSON.parse(ev.data).version; } catch (e) { v = null; }
        if (typeof v !== "number" || v > S.version) refresh();
      });
      source.addEventListener("deleted", function () {
        source.close();
        setConn("offline");
        pageError(words("not_found"));
      });
      source.addEventListener("error", function () {
        if (source.readyState === EventSource.CLOSED) {
          // The browser gives up on an HTTP error answer; keep trying, gently.
          setConn("offline");
          retry = setTimeout(connect, 3000);
        } else {
          setConn("reconnecting");
        }
      });
    }

    // ------------------------------------------------------------ write queue, undo, redo
    var queue = Promise.resolve();

    // Writes go one after another, so an undo never overtakes the write it undoes.
    function enqueue(fn) {
      var p = queue.then(fn);
      queue = p.catch(function () { return null; });
      return p;
    }

    var undoStack = [];
    var redoStack = [];
    var undoBtn = $("undo");
    var redoBtn = $("redo");

    function label(entry) { return t.apply(null, entry.label); }

    function updateUndo() {
      if (!undoBtn) return;
      var u = undoStack[undoStack.length - 1];
      var r = redoStack[redoStack.length - 1];
      undoBtn.disabled = !u;
      redoBtn.disabled = !r;
      undoBtn.title = u ? t("undo_what", label(u)) + "  (Ctrl+Z)" : t("nothing_to_undo");
      redoBtn.title = r ? t("redo_what", label(r)) + "  (Ctrl+Shift+Z)" : t("nothing_to_redo");
      undoBtn.setAttribute("aria-label", u ? t("undo_what", label(u)) : t("undo"));
      redoBtn.setAttribute("aria-label", r ? t("redo_what", label(r)) : t("redo"));
    }

    function record(entry) {
      undoStack.push(entry);
      if (undoStack.length > 100) undoStack.shift();
      redoStack = [];
      updateUndo();
    }

    function step(from, to, method, doneKey, failKey) {
      var entry = from.pop();
      if (!entry) return Promise.resolve(false);
      updateUndo();
      return enqueue(entry[method]).then(function (res) {
        to.push(entry);
        say(t(doneKey, label(entry)));
        wrote(res);
        return true;
      }, function (err) {
        // The world moved on (someone else removed it, say): this step cannot be replayed.
        say(t(failKey, label(entry), errorText(err)), true);
        refresh();
        return false;
      }).then(function (ok) { updateUndo(); return ok; });
    }

    function undo() { return step(undoStack, redoStack, "undo", "undone", "undo_failed"); }
    function redo() { return step(redoStack, undoStack, "redo", "redone", "redo_failed"); }
    exposed.undo = undo;
    exposed.redo = redo;

    if (undoBtn) {
      undoBtn.addEventListener("click", undo);
      redoBtn.addEventListener("click", redo);
    }

    function typing(target) {
      if (!target) return false;
      if (target.tagName === "TEXTAREA") return target.value !== "";
      if (target.tagName !== "INPUT") return false;
      var type = (target.type || "text").toLowerCase();
      return ["text", "search", "password", "email", "url", "tel", "number"].indexOf(type) >= 0 && target.value !== "";
    }

    document.addEventListener("keydown", function (ev) {
      if (!canEdit || !(ev.ctrlKey || ev.metaKey) || ev.altKey) return;
      var k = ev.key.toLowerCase();
      var isUndo = k === "z" && !ev.shiftKey;
      var isRedo = (k === "z" && ev.shiftKey) || (k === "y" && !ev.shiftKey);
      if (!isUndo && !isRedo) return;
      // A field with text in it keeps the browser's own text undo; an empty one (as the
      // name field is right after adding an actor) undoes the last change to the map.
      if (typing(ev.target)) return;
      ev.preventDefault();
      if (isUndo) undo(); else redo();
    });

    $("details-close").addEventListener("click", function () { select(null); });
    document.addEventListener("keydown", function (ev) {
      if (ev.ctrlKey || ev.metaKey || ev.altKey) return;
      var field = ev.target && /^(INPUT|SELECT|TEXTAREA)$/.test(ev.target.tagName);
      if (ev.key === "Escape" && selected && !ev.defaultPrevented) {
        select(null);
      } else if (ev.key === "/" && !field && nameIn) {
        ev.preventDefault();
        nameIn.focus();
      }
    });

    // The calls each action and its inverse are made of.
    function actorBody(a) {
      var body = { id: a.id };
      ["name", "kind", "sector", "scale", "locality"].forEach(function (k) {
        if (a[k] !== null && a[k] !== undefined && a[k] !== "") body[k] = a[k];
      });
      return body;
    }

    function tieBody(x) {
      return { id: x.id, source_id: x.source_id, target_id: x.target_id, kind: x.kind, status: x.status || "existing" };
    }

    function hasGrid(g) {
      return !!g && (g.power !== null || g.interest !== null || g.attitude !== null);
    }

    // Out of the workshop; what went with it (its ties, its grid place) is remembered
    // so that putting it back restores them too.
    function takeOut(id) {
      var actor = actorsById[id];
      var touching = {};
      S.ties.forEach(function (x) { if (x.source_id === id || x.target_id === id) touching[x.id] = x; });
      var grid = actor && actor.grid ? { power: actor.grid.power, interest: actor.grid.interest, attitude: actor.grid.attitude } : null;
      return api("DELETE", WS + "/actors/" + enc(id)).then(function (res) {
        var gone = (res.deleted_ties || []).map(function (tid) { return touching[tid]; }).filter(Boolean);
        return { res: res, ties: gone, grid: grid };
      });
    }

    function putBack(actor, memo) {
      return api("POST", WS + "/actors", actorBody(actor)).then(function (res) {
        var chain = Promise.resolve(res);
        (memo && memo.ties || []).forEach(function (x) {
          chain = chain.then(function (last) {
            // A tie whose other end has left meanwhile cannot come back; skip it.
            return api("POST", WS + "/ties", tieBody(x)).catch(function () { return last; });
          });
        });
        if (memo && hasGrid(memo.grid)) {
          chain = chain.then(function () { return api("PUT", WS + "/grid/" + enc(actor.id), memo.grid); });
        }
        return chain;
      });
    }

    function actorEntry(actor, kindOfAction, memo) {
      var state = { memo: memo || null };
      var remove = function () { return takeOut(actor.id).then(function (m) { state.memo = m; return m.res; }); };
      var add = function () { return putBack(actor, state.memo); };
      return kindOfAction === "add"
        ? { label: ["act_add_actor", actor.name], undo: remove, redo: add }
        : { label: ["act_remove_actor", actor.name], undo: add, redo: remove };
    }

    function tieEntry(tie, kindOfAction) {
      var add = function () {
        return api("POST", WS + "/ties", tieBody(tie)).then(function (res) {
          if (res && res.tie) tie.etag = res.tie.etag;  // the version a later removal expects
          return res;
        });
      };
      var remove = function () { return api("DELETE", WS + "/ties/" + enc(tie.id), undefined, ifMatch(tie)); };
      var names = [nameOf(tie.source_id), nameOf(tie.target_id)];
      return kindOfAction === "add"
        ? { label: ["act_add_tie"].concat(names), undo: remove, redo: add }
        : { label: ["act_remove_tie"].concat(names), undo: add, redo: remove };
    }

    function gridEntry(id, before, after, key) {
      return {
        label: [key, nameOf(id)],
        undo: function () { return api("PUT", WS + "/grid/" + enc(id), before); },
        redo: function () { return api("PUT", WS + "/grid/" + enc(id), after); }
      };
    }

    // ------------------------------------------------------------ adding actors
    var localityTouched = false;
    var sectorTouched = false;
    var addForm = $("add-actor");
    var nameIn = $("actor-name");
    var actorMsg = $("actor-msg");
    var suggestBox = null;

    function showActorMsg(text, kind, offer) {
      setMsg(actorMsg, text, kind, offer ? function (node) {
        var b = el("button", "link", t("use_existing"));
        b.type = "button";
        b.addEventListener("click", function () { include({ id: offer }); });
        node.appendChild(document.createTextNode(" "));
        node.appendChild(b);
      } : null);
    }

    function afterAdd(res, fallbackName) {
      var actor = res.actor;
      var name = (actor && actor.name) || fallbackName;
      if (res.created === false && actor && actorsById[actor.id]) {
        showActorMsg(words("actor_already_in", name), "ok");
      } else {
        showActorMsg(words("actor_added", name), "ok");
        record(actorEntry(actor, "add"));
      }
      nameIn.value = "";
      suggestBox.reset();
      $("actor-kind").value = "";
      $("actor-sector").value = "";
      sectorTouched = false;
      wrote(res);
      if (actor) select({ type: "actor", id: actor.id }, "form");
      nameIn.focus();
    }

    function include(item) {
      if (actorsById[item.id]) {
        showActorMsg(words("actor_already_in", item.name || nameOf(item.id)), "ok");
        select({ type: "actor", id: item.id }, "form");
        return Promise.resolve(null);
      }
      return enqueue(function () { return api("POST", WS + "/actors", { id: item.id }); })
        .then(function (res) { afterAdd(res, item.name); }, function (err) { showActorMsg(failure(err), "error"); });
    }

    // The server's notion of "the same name": case and spaces do not count.
    function sameName(a, b) {
      var key = function (x) { return String(x).toLowerCase().replace(/\s+/g, ""); };
      return key(a) === key(b);
    }

    function createActor() {
      var name = nameIn.value.trim();
      if (!name) { showActorMsg(words("name_needed"), "error"); nameIn.focus(); return; }
      var same = suggestBox.items().filter(function (a) { return sameName(a.name, name); })[0];
      if (same) {
        // Known already: offer it rather than asking for a kind it has.
        showActorMsg(words("duplicate", same.name), "error", same.id);
        return;
      }
      var kind = $("actor-kind").value;
      var sector = $("actor-sector").value;
      if (!kind || !sector) {
        showActorMsg(words("need_kind"), "error");
        (kind ? $("actor-sector") : $("actor-kind")).focus();
        return;
      }
      var body = { name: name, kind: kind, sector: sector };
      if ($("actor-locality").value) body.locality = $("actor-locality").value;
      suggestBox.close();
      enqueue(function () { return api("POST", WS + "/actors", body); }).then(function (res) {
        afterAdd(res, name);
      }, function (err) {
        if (err.status === 409 && err.details.length && err.details[0].value) {
          showActorMsg(words("duplicate", name), "error", String(err.details[0].value));
        } else {
          showActorMsg(failure(err), "error");
        }
      });
    }

    if (addForm) {
      suggestBox = combobox(nameIn, $("actor-suggest"), {
        fetch: function (q) {
          return api("GET", "/actors?q=" + enc(q) + "&limit=8&sort=name&shared_screen=true").then(function (page) {
            return (page && page.items) || [];
          });
        },
        renderItem: function (li, a) {
          li.appendChild(el("span", "opt-name", a.name));
          var meta = [enumLabel("kind", a.kind), placeName(a.locality)].filter(Boolean).join(" · ");
          li.appendChild(el("span", "opt-meta", meta));
          if (actorsById[a.id]) li.appendChild(el("span", "tag", t("already_in")));
        },
        onInput: function () { setMsg(actorMsg, ""); },
        onPick: function (a) { include(a); }
      });
      addForm.addEventListener("submit", function (ev) { ev.preventDefault(); createActor(); });
      $("actor-kind").addEventListener("change", function () {
        var guess = config.kindSector[$("actor-kind").value];
        if (guess && (!sectorTouched || !$("actor-sector").value)) $("actor-sector").value = guess;
      });
      $("actor-sector").addEventListener("change", function () { sectorTouched = true; });
      $("actor-locality").addEventListener("change", function () { localityTouched = true; });
    }

    // ------------------------------------------------------------ adding ties
    var tieForm = $("add-tie");
    var tieMsg = $("tie-msg");

    function renderTieSelects() {
      if (!tieForm) return;
      var sorted = S.actors.slice().sort(byName);
      ["tie-source", "tie-target"].forEach(function (sid) {
        var select = $(sid);
        var keep = select.value;
        while (select.options.length > 1) select.remove(1);
        sorted.forEach(function (a) {
          var o = el("option", null, a.name);
          o.value = a.id;
          select.appendChild(o);
        });
        select.value = actorsById[keep] ? keep : "";
      });
    }

    function addTie() {
      var s = $("tie-source").value;
      var d = $("tie-target").value;
      var kind = $("tie-kind").value;
      if (!s || !d || !kind) { setMsg(tieMsg, words("need_tie"), "error"); (s ? $("tie-target") : $("tie-source")).focus(); return; }
      if (s === d) { setMsg(tieMsg, words("same_actor"), "error"); $("tie-target").focus(); return; }
      var body = { source_id: s, target_id: d, kind: kind, status: $("tie-proposed").checked ? "proposed" : "existing" };
      enqueue(function () { return api("POST", WS + "/ties", body); }).then(function (res) {
        setMsg(tieMsg, words("tie_added"), "ok");
        record(tieEntry(res.tie, "add"));
        $("tie-target").value = "";
        $("tie-proposed").checked = false;
        wrote(res);
        $("tie-target").focus();
      }, function (err) { setMsg(tieMsg, failure(err), "error"); });
    }

    if (tieForm) {
      tieForm.addEventListener("submit", function (ev) { ev.preventDefault(); addTie(); });
    }

    // Enter in a select submits its form, as it does in a text field: the forms are
    // meant to be filled without touching the mouse.
    [addForm, tieForm].forEach(function (form) {
      if (!form) return;
      form.addEventListener("keydown", function (ev) {
        if (ev.key === "Enter" && ev.target.tagName === "SELECT" && !ev.altKey) {
          ev.preventDefault();
          form.requestSubmit();
        }
      });
    });

    // ------------------------------------------------------------ removing
    function removeActor(id) {
      var actor = actorsById[id];
      if (!actor) return;
      var copy = JSON.parse(JSON.stringify(actor));
      enqueue(function () { return takeOut(id); }).then(function (memo) {
        record(actorEntry(copy, "remove", memo));
        say(t("actor_removed", copy.name));
        if (selected && selected.id === id) select(null);
        wrote(memo.res);
        if (nameIn) nameIn.focus();
      }, function (err) { say(errorText(err), true); });
    }

    function removeTie(id) {
      var tie = tiesById[id];
      if (!tie) return;
      var copy = JSON.parse(JSON.stringify(tie));
      enqueue(function () { return api("DELETE", WS + "/ties/" + enc(id), undefined, ifMatch(tie)); }).then(function (res) {
        record(tieEntry(copy, "remove"));
        if (selected && selected.type === "tie" && selected.id === id) select(null);
        wrote(res);
      }, function (err) {
        say(errorText(err), true);
        if (err.status === 412) refresh();  // someone changed the tie: show it as it is now
      });
    }

    // Only remove the tie as it was shown: if someone changed it since, the server says 412.
    function ifMatch(tie) {
      return tie.etag ? { "If-Match": tie.etag } : {};
    }

    // ------------------------------------------------------------ the map
    var SIZE = 16;
    var GLOW = { enabled: true, color: "rgba(255, 140, 0, 0.9)", size: 16, x: 0, y: 0 };
    var CUT = "#d62728";
    var nodes = new vis.DataSet();
    var edges = new vis.DataSet();
    exposed.nodes = nodes;
    exposed.edges = edges;
    var network = new vis.Network($("map"), { nodes: nodes, edges: edges }, {
      autoResize: true,
      physics: {
        enabled: false,
        solver: "forceAtlas2Based",
        forceAtlas2Based: { gravitationalConstant: -120, centralGravity: 0.01, springLength: 150, springConstant: 0.04, avoidOverlap: 0.8 },
        stabilization: { enabled: true, iterations: 400, updateInterval: 50, fit: false }
      },
      layout: { randomSeed: 7, improvedLayout: true },
      interaction: { hover: true, multiselect: false, tooltipDelay: 200, keyboard: false },
      nodes: {
        shape: "dot",
        size: SIZE,
        borderWidth: 2,
        font: { size: 13, face: "system-ui, sans-serif", color: "#1f2328", strokeWidth: 4, strokeColor: "#ffffff" }
      },
      edges: { smooth: false, selectionWidth: 1.5, hoverWidth: 0.5 }
    });
    exposed.network = network;
    var settling = false;
    var firstLayout = true;

    function wrap(text, width) {
      var words = String(text).split(/\s+/);
      var lines = [];
      var line = "";
      words.forEach(function (w) {
        if (line && (line + " " + w).length > width) { lines.push(line); line = w; } else { line = line ? line + " " + w : w; }
      });
      if (line) lines.push(line);
      if (lines.length > 3) lines = lines.slice(0, 3).concat(["…"]);
      return lines.join("\n");
    }

    function darker(hex) {
      var m = /^#([0-9a-f]{6})$/i.exec(hex || "");
      if (!m) return "#555";
      var n = parseInt(m[1], 16);
      var c = [n >> 16, (n >> 8) & 255, n & 255].map(function (v) { return Math.round(v * 0.68); });
      return "#" + c.map(function (v) { return ("0" + v.toString(16)).slice(-2); }).join("");
    }

    function tip(lines) {
      var box = el("div", "tip");
      lines.filter(Boolean).forEach(function (line, k) { box.appendChild(el(k === 0 ? "strong" : "div", null, line)); });
      return box;
    }

    function measuresOf(id) {
      if (!analysis) return null;
      for (var k = 0; k < analysis.actors.length; k++) if (analysis.actors[k].id === id) return analysis.actors[k];
      return null;
    }

    function maxBetweenness() {
      if (!analysis) return 0;
      return analysis.actors.reduce(function (m, a) { return Math.max(m, a.betweenness || 0); }, 0);
    }

    function actorNode(a, maxB) {
      var colour = config.sectorColours[a.sector] || "#9aa5b1";
      var m = measuresOf(a.id);
      var size = SIZE;
      if (m && maxB > 0) size = 12 + 24 * Math.sqrt((m.betweenness || 0) / maxB);
      var cut = !!(m && m.is_articulation);
      var border = cut ? CUT : darker(colour);
      return {
        id: a.id,
        label: wrap(a.name, 22),
        title: tip([a.name, [enumLabel("kind", a.kind), enumLabel("sector", a.sector), placeName(a.locality)].filter(Boolean).join(" · "),
          a.added_here ? t("added_here") : "", cut ? t("legend_cut") : ""]),
        shape: "dot",
        size: size,
        borderWidth: cut ? 4 : 2,
        borderWidthSelected: cut ? 5 : 3,
        color: { background: colour, border: border, highlight: { background: colour, border: "#1f2328" }, hover: { background: colour, border: "#1f2328" } },
        shadow: a.added_here ? GLOW : { enabled: false }
      };
    }

    function projectNode(p) {
      return {
        id: "project:" + p.id,
        label: wrap(p.name, 26),
        title: tip([p.name, t("legend_project") + " · " + enumLabel("theme", p.theme)]),
        shape: "square",
        size: 9,
        borderWidth: 1.5,
        color: { background: config.projectColour, border: config.projectBorder, highlight: { background: config.projectColour, border: "#1f2328" }, hover: { background: config.projectColour, border: "#1f2328" } },
        font: { size: 12, color: "#6b5600", strokeWidth: 4, strokeColor: "#ffffff" },
        shadow: { enabled: false }
      };
    }

    function tieEdge(x) {
      var colour = config.tieColours[x.kind] || "#8c959f";
      return {
        id: x.id,
        from: x.source_id,
        to: x.target_id,
        color: { color: colour, highlight: darker(colour), hover: darker(colour) },
        width: x.added_here ? 4 : 2.2,
        dashes: x.status === "proposed" ? [8, 6] : false,
        shadow: x.added_here ? GLOW : { enabled: false },
        title: tip([enumLabel("tie_kind", x.kind) + (x.status === "proposed" ? " (" + enumLabel("tie_status", "proposed") + ")" : ""),
          nameOf(x.source_id) + " – " + nameOf(x.target_id), x.added_here ? t("added_here") : ""]),
        length: 130
      };
    }

    function memberEdge(p, actorId) {
      return {
        id: "member:" + p.id + ":" + actorId,
        from: "project:" + p.id,
        to: actorId,
        color: { color: "#d4c06a", highlight: "#9a7a00", hover: "#b8a24a", opacity: 0.9 },
        width: 1,
        dashes: [3, 4],
        length: 90,
        title: undefined,
        shadow: { enabled: false }
      };
    }

    function sync(ds, wanted) {
      var want = {};
      wanted.forEach(function (w) { want[w.id] = true; });
      var gone = ds.getIds().filter(function (id) { return !want[id]; });
      if (gone.length) ds.remove(gone);
      var added = [];
      var updated = [];
      wanted.forEach(function (w) { (ds.get(w.id) ? updated : added).push(w); });
      if (updated.length) ds.update(updated);
      return added;
    }

    // A new node starts next to what it is tied to, so the layout hardly has to move.
    function startAt(id, positions) {
      var xs = 0;
      var ys = 0;
      var n = 0;
      S.ties.forEach(function (x) {
        var other = x.source_id === id ? x.target_id : x.target_id === id ? x.source_id : null;
        if (other && positions[other]) { xs += positions[other].x; ys += positions[other].y; n++; }
      });
      S.projects.forEach(function (p) {
        var key = "project:" + p.id;
        if (p.actor_ids.indexOf(id) >= 0 && positions[key]) { xs += positions[key].x; ys += positions[key].y; n++; }
      });
      var jitter = function () { return (Math.random() - 0.5) * 80; };
      if (n) return { x: xs / n + jitter(), y: ys / n + jitter() };
      var centre = network.getViewPosition();
      return { x: centre.x + jitter() * 2, y: centre.y + jitter() * 2 };
    }

    function updateMap() {
      var maxB = maxBetweenness();
      var wantedNodes = S.actors.map(function (a) { return actorNode(a, maxB); })
        .concat(S.projects.map(projectNode));
      var wantedEdges = S.ties.map(tieEdge);
      S.projects.forEach(function (p) {
        p.actor_ids.forEach(function (aid) { if (actorsById[aid]) wantedEdges.push(memberEdge(p, aid)); });
      });
      var existing = nodes.getIds();
      var positions = existing.length ? network.getPositions(existing) : {};
      var newNodes = sync(nodes, wantedNodes);
      if (!firstLayout && newNodes.length) {
        newNodes.forEach(function (n) { var p = startAt(n.id, positions); n.x = p.x; n.y = p.y; });
      }
      var ids = nodes.getIds();
      if (newNodes.length) nodes.add(newNodes);
      syncEdges(wantedEdges);
      $("map-empty").hidden = S.actors.length > 0;
      renderLegend();
      if (newNodes.length) settle(firstLayout ? [] : ids);
      else markReady();
    }

    function syncEdges(wanted) {
      var added = sync(edges, wanted);
      if (added.length) edges.add(added);
    }

    // Physics only while new nodes find their place; the others hold still meanwhile,
    // so nobody's mental map of the room is shuffled by someone else's addition.
    function settle(holdIds) {
      if (holdIds.length) nodes.update(holdIds.map(function (id) { return { id: id, fixed: true }; }));
      settling = true;
      network.setOptions({ physics: { enabled: true } });
      network.stabilize(firstLayout ? 400 : 120);
    }

    network.on("stabilizationIterationsDone", function () {
      network.setOptions({ physics: { enabled: false } });
      var held = nodes.get({ filter: function (n) { return n.fixed === true; }, fields: ["id"] });
      if (held.length) nodes.update(held.map(function (n) { return { id: n.id, fixed: false }; }));
      settling = false;
      if (firstLayout) {
        firstLayout = false;
        fitMap(false);
      } else if (!allInView()) {
        fitMap(true);
      }
      markReady();
    });

    function allInView() {
      var box = $("map").getBoundingClientRect();
      var pos = network.getPositions();
      return Object.keys(pos).every(function (id) {
        var p = network.canvasToDOM(pos[id]);
        return p.x > 20 && p.y > 20 && p.x < box.width - 20 && p.y < box.height - 20;
      });
    }

    function markReady() {
      if (!settling && S.version >= 0) {
        if (firstLayout && nodes.length === 0) firstLayout = false;
        exposed.ready = true;
      }
    }

    // fit() frames the nodes but not their labels: step back a little so names show too.
    function fitMap(animate) {
      var before = { position: network.getViewPosition(), scale: network.getScale() };
      network.fit({ animation: false });
      var target = { position: network.getViewPosition(), scale: network.getScale() * 0.9 };
      if (animate) {
        network.moveTo(before); // nothing is drawn in between: this only sets the start
        target.animation = { duration: 300, easingFunction: "easeInOutQuad" };
      }
      network.moveTo(target);
    }
    $("fit").addEventListener("click", function () { fitMap(true); });

    function legendItem(swatchClass, text, colour) {
      var item = el("span", "lg");
      var sw = el("span", "sw " + swatchClass);
      if (colour) sw.style.background = colour;
      sw.setAttribute("aria-hidden", "true");
      item.appendChild(sw);
      item.appendChild(el("span", null, text));
      return item;
    }

    function renderLegend() {
      var box = $("legend");
      box.textContent = "";
      var sectors = {};
      S.actors.forEach(function (a) { sectors[a.sector] = true; });
      Object.keys(config.sectorColours).forEach(function (s) {
        if (sectors[s]) box.appendChild(legendItem("dot", enumLabel("sector", s), config.sectorColours[s]));
      });
      if (S.projects.length) box.appendChild(legendItem("square", t("legend_project"), config.projectColour));
      if (S.actors.some(function (a) { return a.added_here; }) || S.ties.some(function (x) { return x.added_here; })) {
        box.appendChild(legendItem("glow", t("legend_added")));
      }
      if (S.ties.some(function (x) { return x.status === "proposed"; })) box.appendChild(legendItem("dash", t("legend_proposed")));
      if (analysis && analysis.actors.some(function (a) { return a.is_articulation; })) box.appendChild(legendItem("cut", t("legend_cut")));
      if (analysis && maxBetweenness() > 0) box.appendChild(legendItem("size", t("legend_size")));
    }

    var tieFrom = null;
    network.on("click", function (params) {
      var shift = params.event && params.event.srcEvent && params.event.srcEvent.shiftKey;
      if (params.nodes.length) {
        var id = String(params.nodes[0]);
        if (id.indexOf("project:") === 0) { select({ type: "project", id: id.slice(8) }, "map"); return; }
        if (shift && tieForm && tieFrom && tieFrom !== id && actorsById[tieFrom]) {
          $("tie-source").value = tieFrom;
          $("tie-target").value = id;
          select({ type: "actor", id: id }, "map");
          $("tie-kind").focus();
          return;
        }
        tieFrom = id;
        if (tieForm) $("tie-source").value = id;
        select({ type: "actor", id: id }, "map");
      } else if (params.edges.length && tiesById[params.edges[0]]) {
        select({ type: "tie", id: String(params.edges[0]) }, "map");
      } else {
        select(null, "map");
      }
    });

    // ------------------------------------------------------------ selection and details
    function select(sel, from) {
      var same = selected && sel && selected.type === sel.type && selected.id === sel.id;
      selected = sel;
      if (!same) $("details").scrollTop = 0;
      if (from !== "map") {
        if (sel && sel.type === "actor" && nodes.get(sel.id)) network.selectNodes([sel.id]);
        else if (sel && sel.type === "project") network.selectNodes(["project:" + sel.id]);
        else if (sel && sel.type === "tie" && edges.get(sel.id)) network.selectEdges([sel.id]);
        else network.unselectAll();
      }
      if (sel && sel.type === "actor") tieFrom = sel.id;
      renderDetails();
      markChips();
      renderAttitude();
      if (sel && sel.type !== "tie") keepVisible(sel.type === "project" ? "project:" + sel.id : sel.id, from === "map");
    }

    // The details card sits in a top corner of the map, on the side away from the node it
    // describes. Only when that is not enough, and the selection came from elsewhere, the
    // map slides: never under the pointer of someone clicking on it.
    function keepVisible(nodeId, clicked) {
      var card = $("details");
      if (card.hidden || !nodes.get(nodeId)) return;
      var p = network.canvasToDOM(network.getPositions([nodeId])[nodeId]);
      var area = $("map-area").getBoundingClientRect();
      var right = p.x < area.width / 2;
      card.classList.toggle("right", right);
      if (clicked) return;
      var box = card.getBoundingClientRect();
      var margin = 100; // room for the label under the node
      var dx = right ? box.left - area.left - margin - p.x : box.right - area.left + margin - p.x;
      var covered = right ? dx < 0 : dx > 0;
      if (!covered || p.y > box.bottom - area.top + 30) return;
      var view = network.getViewPosition();
      network.moveTo({
        position: { x: view.x - dx / network.getScale(), y: view.y },
        animation: { duration: 250, easingFunction: "easeInOutQuad" }
      });
    }

    function fact(dl, term, value) {
      if (!value) return;
      dl.appendChild(el("dt", null, term));
      dl.appendChild(el("dd", null, value));
    }

    function button(text, cls, onClick) {
      var b = el("button", cls || null, text);
      b.type = "button";
      b.addEventListener("click", onClick);
      return b;
    }

    function renderDetails() {
      var body = $("details-body");
      body.textContent = "";
      $("details").hidden = !selected;
      if (!selected) return;
      if (selected.type === "actor") detailsActor(body, actorsById[selected.id]);
      else if (selected.type === "tie") detailsTie(body, tiesById[selected.id]);
      else detailsProject(body, S.projects.filter(function (p) { return p.id === selected.id; })[0]);
    }

    function detailsActor(body, a) {
      if (!a) return;
      var head = el("h3", "d-name", a.name);
      head.style.borderLeftColor = config.sectorColours[a.sector] || "#9aa5b1";
      body.appendChild(head);
      if (a.added_here) body.appendChild(el("span", "tag added", t("added_here")));
      if (a.pseudonymised) body.appendChild(el("p", "muted", t("pseudonymised")));
      var dl = el("dl", "facts");
      fact(dl, t("kind"), enumLabel("kind", a.kind));
      fact(dl, t("sector"), enumLabel("sector", a.sector));
      fact(dl, t("scale"), enumLabel("scale", a.scale));
      fact(dl, t("municipality"), placeName(a.locality));
      var g = gridOf(a.id);
      fact(dl, t("position"), g.power === null || g.interest === null ? t("not_placed") : t("power_interest", num(g.power, 2), num(g.interest, 2)));
      fact(dl, t("attitude"), g.attitude ? t(g.attitude) : t("attitude_none"));
      var m = measuresOf(a.id);
      if (m) {
        fact(dl, t("m_betweenness"), num(m.betweenness, 3));
        fact(dl, t("m_degree"), num(m.degree, 0));
      }
      body.appendChild(dl);
      if (m && m[lang === "da" ? "role_da" : "role_en"]) body.appendChild(el("p", "role", m[lang === "da" ? "role_da" : "role_en"]));

      var ties = S.ties.filter(function (x) { return x.source_id === a.id || x.target_id === a.id; });
      body.appendChild(el("h4", null, t("ties") + " (" + ties.length + ")"));
      if (!ties.length) body.appendChild(el("p", "muted", t("no_ties")));
      else {
        var ul = el("ul", "ties");
        ties.forEach(function (x) {
          var other = x.source_id === a.id ? x.target_id : x.source_id;
          var li = el("li");
          var sw = el("span", "tie-sw");
          sw.style.background = config.tieColours[x.kind] || "#8c959f";
          sw.setAttribute("aria-hidden", "true");
          li.appendChild(sw);
          li.appendChild(el("span", "tie-text", nameOf(other) + " – " + enumLabel("tie_kind", x.kind) +
            (x.status === "proposed" ? " (" + enumLabel("tie_status", "proposed") + ")" : "")));
          if (canEdit && x.added_here) {
            var b = button(t("remove_tie"), "small", function () { removeTie(x.id); });
            b.setAttribute("aria-label", t("remove_tie_named", nameOf(other)));
            li.appendChild(b);
          }
          ul.appendChild(li);
        });
        body.appendChild(ul);
      }
      var inProjects = S.projects.filter(function (p) { return p.actor_ids.indexOf(a.id) >= 0; });
      if (inProjects.length) {
        body.appendChild(el("h4", null, t("projects")));
        var pl = el("ul", "plain");
        inProjects.forEach(function (p) { pl.appendChild(el("li", null, p.name)); });
        body.appendChild(pl);
      }
      if (canEdit) {
        var row = el("div", "d-actions");
        if (tieForm) row.appendChild(button(t("tie_from_here"), null, function () {
          $("tie-source").value = a.id;
          $("tie-target").focus();
        }));
        row.appendChild(button(t("remove_from_workshop"), "danger", function () { removeActor(a.id); }));
        body.appendChild(row);
      }
    }

    function detailsTie(body, x) {
      if (!x) return;
      body.appendChild(el("h3", "d-name", enumLabel("tie_kind", x.kind)));
      if (x.added_here) body.appendChild(el("span", "tag added", t("added_here")));
      var dl = el("dl", "facts");
      fact(dl, t("tie_from"), nameOf(x.source_id));
      fact(dl, t("tie_to"), nameOf(x.target_id));
      fact(dl, t("tie"), enumLabel("tie_status", x.status));
      body.appendChild(dl);
      if (!canEdit) return;
      if (x.added_here) {
        var row = el("div", "d-actions");
        row.appendChild(button(t("remove_tie"), "danger", function () { removeTie(x.id); }));
        body.appendChild(row);
      } else {
        body.appendChild(el("p", "muted", t("only_added_ties")));
      }
    }

    function detailsProject(body, p) {
      if (!p) return;
      body.appendChild(el("h3", "d-name project", p.name));
      var dl = el("dl", "facts");
      fact(dl, t("theme"), enumLabel("theme", p.theme));
      body.appendChild(dl);
      var score = analysis && analysis.projects.filter(function (q) { return q.id === p.id; })[0];
      if (score) body.appendChild(el("p", "role", score[lang === "da" ? "explanation_da" : "explanation_en"]));
      body.appendChild(el("h4", null, t("participants") + " (" + p.actor_ids.length + ")"));
      var ul = el("ul", "plain");
      p.actor_ids.map(nameOf).sort(function (a, b) { return a.localeCompare(b, locale()); })
        .forEach(function (n) { ul.appendChild(el("li", null, n)); });
      body.appendChild(ul);
    }

    // ------------------------------------------------------------ the stakeholder grid
    var gridEl = $("grid");
    var trayEl = $("tray-chips");
    var chips = {};
    var pendingGrid = {}; // our own placements not yet confirmed by a state fetch

    function gridOf(id) {
      if (pendingGrid[id]) return pendingGrid[id];
      var a = actorsById[id];
      var g = (a && a.grid) || {};
      return {
        power: g.power === undefined ? null : g.power,
        interest: g.interest === undefined ? null : g.interest,
        attitude: g.attitude === undefined ? null : g.attitude
      };
    }

    function placed(g) { return g.power !== null && g.interest !== null; }

    function chipLabel(a, g) {
      var parts = [a.name];
      parts.push(g.attitude ? t(g.attitude) : t("attitude_none"));
      parts.push(placed(g) ? t("power_interest", num(g.power, 2), num(g.interest, 2)) : t("not_placed"));
      return parts.join(", ");
    }

    function makeChip(id) {
      var chip = el("button", "chip");
      chip.type = "button";
      chip.setAttribute("data-actor-id", id);
      var dot = el("span", "sw");
      dot.setAttribute("aria-hidden", "true");
      chip.appendChild(dot);
      chip.appendChild(el("span", "nm"));
      var mark = el("span", "mark");
      mark.setAttribute("aria-hidden", "true");
      chip.appendChild(mark);
      chip.addEventListener("click", function () {
        if (suppressClick) { suppressClick = false; return; }
        select({ type: "actor", id: id }, "grid");
      });
      chip.addEventListener("focus", function () {
        if (!selected || selected.id !== id) select({ type: "actor", id: id }, "grid");
      });
      if (canEdit) {
        chip.addEventListener("pointerdown", dragStart);
        chip.addEventListener("keydown", chipKey);
      }
      chips[id] = chip;
      return chip;
    }

    function renderGrid() {
      var sorted = S.actors.slice().sort(byName);
      var want = {};
      var focused = document.activeElement;
      sorted.forEach(function (a) {
        want[a.id] = true;
        var chip = chips[a.id] || makeChip(a.id);
        var g = gridOf(a.id);
        chip.querySelector(".sw").style.background = config.sectorColours[a.sector] || "#9aa5b1";
        chip.querySelector(".nm").textContent = a.name;
        chip.querySelector(".mark").textContent = g.attitude === "supporter" ? "+" : g.attitude === "critic" ? "−" : g.attitude === "neutral" ? "○" : "";
        chip.className = "chip" + (g.attitude ? " att-" + g.attitude : "") + (a.added_here ? " added" : "") +
          (selected && selected.type === "actor" && selected.id === a.id ? " selected" : "") +
          (drag && drag.id === a.id ? " dragging" : "");
        chip.setAttribute("aria-label", chipLabel(a, g));
        chip.title = a.name;
        if (placed(g)) {
          // The chip's dot marks the point; on the right half the name runs leftwards,
          // so no chip hangs out of the grid.
          var flip = g.interest > 0.5;
          chip.classList.toggle("flip", flip);
          // As wide as the room towards the edge it runs to (at most 2/3 of the grid).
          chip.style.maxWidth = "calc(" + Math.min(66, 100 * (flip ? g.interest : 1 - g.interest)) + "% + 8px)";
          chip.style.left = (g.interest * 100) + "%";
          chip.style.top = ((1 - g.power) * 100) + "%";
          if (chip.parentNode !== gridEl) gridEl.appendChild(chip);
        } else {
          chip.style.left = "";
          chip.style.top = "";
          chip.style.maxWidth = "";
          chip.classList.remove("flip");
          if (chip.parentNode !== trayEl) trayEl.appendChild(chip);
        }
      });
      // The tray in name order, a stable place to find someone (moved only when out of
      // order: moving an element takes the keyboard focus off it).
      var inTray = sorted.map(function (a) { return chips[a.id]; }).filter(function (c) { return c.parentNode === trayEl; });
      var inOrder = inTray.every(function (c, k) { return trayEl.children[k] === c; });
      if (!inOrder) inTray.forEach(function (c) { trayEl.appendChild(c); });
      Object.keys(chips).forEach(function (id) {
        if (!want[id]) { chips[id].remove(); delete chips[id]; }
      });
      if (focused && focused.classList && focused.classList.contains("chip") && document.activeElement !== focused && focused.isConnected) {
        focused.focus({ preventScroll: true });
      }
      $("tray-empty").hidden = trayEl.children.length > 0 || S.actors.length === 0;
    }

    function markChips() {
      Object.keys(chips).forEach(function (id) {
        chips[id].classList.toggle("selected", !!(selected && selected.type === "actor" && selected.id === id));
      });
    }

    function setGrid(id, next, key) {
      var before = gridOf(id);
      if (before.power === next.power && before.interest === next.interest && before.attitude === next.attitude) return;
      pendingGrid[id] = next;
      renderGrid();
      renderAttitude();
      enqueue(function () { return api("PUT", WS + "/grid/" + enc(id), next); }).then(function (res) {
        record(gridEntry(id, before, next, key));
        if (pendingGrid[id] === next) delete pendingGrid[id];
        if (actorsById[id] && res && res.grid) actorsById[id].grid = res.grid;
        wrote(res);
        if (selected && selected.id === id) renderDetails();
      }, function (err) {
        if (pendingGrid[id] === next) delete pendingGrid[id];
        renderGrid();
        renderAttitude();
        say(errorText(err), true);
      });
    }

    // Pointer dragging (mouse, pen and touch alike): a ghost follows the pointer and the
    // drop point itself becomes the position, so what you see is what is stored.
    var drag = null;
    var suppressClick = false;

    function dragStart(ev) {
      if (ev.button !== 0) return;
      var chip = ev.currentTarget;
      drag = { id: chip.getAttribute("data-actor-id"), chip: chip, x0: ev.clientX, y0: ev.clientY, moved: false, ghost: null, pointer: ev.pointerId };
      try { chip.setPointerCapture(ev.pointerId); } catch (e) { /* synthetic events */ }
      chip.addEventListener("pointermove", dragMove);
      chip.addEventListener("pointerup", dragEnd);
      chip.addEventListener("pointercancel", dragCancel);
    }

    function dragMove(ev) {
      if (!drag) return;
      if (!drag.moved) {
        if (Math.abs(ev.clientX - drag.x0) + Math.abs(ev.clientY - drag.y0) < 5) return;
        drag.moved = true;
        drag.ghost = drag.chip.cloneNode(true);
        drag.ghost.classList.add("ghost");
        drag.ghost.classList.remove("flip", "selected");
        drag.ghost.removeAttribute("data-actor-id");
        drag.ghost.setAttribute("aria-hidden", "true");
        document.body.appendChild(drag.ghost);
        drag.chip.classList.add("dragging");
      }
      ev.preventDefault();
      drag.ghost.style.left = ev.clientX + "px";
      drag.ghost.style.top = ev.clientY + "px";
      gridEl.classList.toggle("drop", inside(gridEl, ev.clientX, ev.clientY, 0));
    }

    function inside(node, x, y, slack) {
      var r = node.getBoundingClientRect();
      return x >= r.left - slack && x <= r.right + slack && y >= r.top - slack && y <= r.bottom + slack;
    }

    function dragFinish() {
      if (!drag) return null;
      var d = drag;
      drag = null;
      d.chip.removeEventListener("pointermove", dragMove);
      d.chip.removeEventListener("pointerup", dragEnd);
      d.chip.removeEventListener("pointercancel", dragCancel);
      if (d.ghost) d.ghost.remove();
      d.chip.classList.remove("dragging");
      gridEl.classList.remove("drop");
      return d;
    }

    function dragEnd(ev) {
      var d = dragFinish();
      if (!d || !d.moved) return;
      suppressClick = true;
      setTimeout(function () { suppressClick = false; }, 0);
      var g = gridOf(d.id);
      if (inside(gridEl, ev.clientX, ev.clientY, 8)) {
        var r = gridEl.getBoundingClientRect();
        var interest = round2(clamp01((ev.clientX - r.left) / r.width));
        var power = round2(clamp01(1 - (ev.clientY - r.top) / r.height));
        setGrid(d.id, { power: power, interest: interest, attitude: g.attitude }, "act_grid");
      } else if (placed(g) && inside($("tray"), ev.clientX, ev.clientY, 8)) {
        setGrid(d.id, { power: null, interest: null, attitude: g.attitude }, "act_grid");
      }
      select({ type: "actor", id: d.id }, "grid");
    }

    function dragCancel() { dragFinish(); }

    // Keyboard: the same moves without a pointer; a burst of arrow presses is one
    // change (and one undo step).
    var nudge = null;

    function chipKey(ev) {
      var id = ev.currentTarget.getAttribute("data-actor-id");
      var g = gridOf(id);
      var step = ev.shiftKey ? 0.2 : 0.05;
      var dx = { ArrowLeft: -step, ArrowRight: step }[ev.key] || 0;
      var dy = { ArrowDown: -step, ArrowUp: step }[ev.key] || 0;
      if (ev.ctrlKey || ev.metaKey || ev.altKey) return;
      if (dx || dy) {
        ev.preventDefault();
        var start = placed(g) ? g : { power: 0.5, interest: 0.5, attitude: g.attitude };
        var next = { power: round2(clamp01(start.power + dy)), interest: round2(clamp01(start.interest + dx)), attitude: g.attitude };
        if (!nudge || nudge.id !== id) { flushNudge(); nudge = { id: id, before: g, timer: null }; }
        pendingGrid[id] = next;
        renderGrid();
        clearTimeout(nudge.timer);
        nudge.timer = setTimeout(flushNudge, 500);
      } else if (ev.key === "Enter" && !placed(g)) {
        ev.preventDefault();
        setGrid(id, { power: 0.5, interest: 0.5, attitude: g.attitude }, "act_grid");
      } else if ((ev.key === "Delete" || ev.key === "Backspace") && placed(g)) {
        ev.preventDefault();
        setGrid(id, { power: null, interest: null, attitude: g.attitude }, "act_grid");
      } else if (ev.key === "1" || ev.key === "2" || ev.key === "3" || ev.key === "0") {
        ev.preventDefault();
        var att = { 1: "supporter", 2: "neutral", 3: "critic", 0: null }[ev.key];
        setGrid(id, { power: g.power, interest: g.interest, attitude: att }, "act_attitude");
      }
    }

    function flushNudge() {
      if (!nudge) return;
      var n = nudge;
      nudge = null;
      clearTimeout(n.timer);
      var next = pendingGrid[n.id];
      if (!next) return;
      // setGrid compares with what is shown, so compare against the burst's start here.
      delete pendingGrid[n.id];
      var before = n.before;
      if (before.power === next.power && before.interest === next.interest) return;
      pendingGrid[n.id] = next;
      enqueue(function () { return api("PUT", WS + "/grid/" + enc(n.id), next); }).then(function (res) {
        record(gridEntry(n.id, before, next, "act_grid"));
        if (pendingGrid[n.id] === next) delete pendingGrid[n.id];
        if (actorsById[n.id] && res && res.grid) actorsById[n.id].grid = res.grid;
        wrote(res);
      }, function (err) {
        if (pendingGrid[n.id] === next) delete pendingGrid[n.id];
        renderGrid();
        say(errorText(err), true);
      });
    }

    // The attitude of the selected actor.
    var attitudeSet = $("attitude");

    function renderAttitude() {
      var id = selected && selected.type === "actor" && actorsById[selected.id] ? selected.id : null;
      attitudeSet.disabled = !id || !canEdit;
      $("attitude-who").textContent = id ? ": " + nameOf(id) : "";
      var g = id ? gridOf(id) : { attitude: undefined };
      attitudeSet.querySelectorAll("input[name=attitude]").forEach(function (r) {
        r.checked = id !== null && (r.value || null) === g.attitude;
      });
    }

    attitudeSet.addEventListener("change", function (ev) {
      if (!canEdit || !selected || selected.type !== "actor") return;
      var g = gridOf(selected.id);
      setGrid(selected.id, { power: g.power, interest: g.interest, attitude: ev.target.value || null }, "act_attitude");
    });

    // ------------------------------------------------------------ analysis
    var refreshBtn = $("refresh-analysis");

    var analysisError = null;

    function loadAnalysis() {
      refreshBtn.disabled = true;
      analysisError = null;
      $("analysis-state").textContent = t("loading");
      return api("GET", WS + "/analysis").then(function (res) {
        analysis = res;
        renderAnalysis();
        if (S.version >= 0) updateMap();
        renderDetails();
      }, function (err) {
        analysisError = err;
        renderAnalysisState();
      }).then(function () { refreshBtn.disabled = false; });
    }
    exposed.loadAnalysis = loadAnalysis;
    refreshBtn.addEventListener("click", loadAnalysis);

    function renderAnalysisState() {
      var state = $("analysis-state");
      $("analysis-empty").hidden = !!analysis;
      var stale = !!analysis && analysis.version < S.version;
      state.textContent = analysisError ? errorText(analysisError) : stale ? t("analysis_stale") : "";
      state.classList.toggle("warn", stale || !!analysisError);
    }

    function nameButton(id, text) {
      var b = button(text, "link", function () { select({ type: "actor", id: id }, "analysis"); });
      return b;
    }

    function renderAnalysis() {
      var out = $("analysis-out");
      out.textContent = "";
      renderAnalysisState();
      if (!analysis) return;
      var colBrokers = el("div", "a-col");
      var colCuts = el("div", "a-col");
      var colProjects = el("div", "a-col");
      out.appendChild(colBrokers);
      out.appendChild(colCuts);
      out.appendChild(colProjects);
      var roleKey = lang === "da" ? "role_da" : "role_en";
      var brokers = analysis.actors.filter(function (a) { return a.betweenness > 0; })
        .sort(function (a, b) { return b.betweenness - a.betweenness || byName(a, b); }).slice(0, 5);
      var maxB = brokers.length ? brokers[0].betweenness : 0;
      out = colBrokers;
      out.appendChild(el("h3", null, t("brokers")));
      if (!brokers.length) out.appendChild(el("p", "muted", t("no_brokers")));
      else {
        var ol = el("ol", "brokers");
        brokers.forEach(function (a) {
          var li = el("li");
          var top = el("div", "b-top");
          top.appendChild(nameButton(a.id, a.name));
          top.appendChild(el("span", "b-val", t("betweenness") + " " + num(a.betweenness, 2)));
          li.appendChild(top);
          var bar = el("span", "bar");
          bar.setAttribute("aria-hidden", "true");
          var fill = el("span", "fill");
          fill.style.width = (maxB ? Math.max(4, 100 * a.betweenness / maxB) : 0) + "%";
          bar.appendChild(fill);
          li.appendChild(bar);
          if (a[roleKey]) li.appendChild(el("p", "role", a[roleKey]));
          ol.appendChild(li);
        });
        out.appendChild(ol);
      }
      var cuts = analysis.actors.filter(function (a) { return a.is_articulation; }).sort(byName);
      out = colCuts;
      out.appendChild(el("h3", null, t("cut_points")));
      if (!cuts.length) out.appendChild(el("p", "muted", t("no_cut_points")));
      else {
        out.appendChild(el("p", "muted", t("cut_points_help")));
        var cl = el("ul", "cuts");
        cuts.forEach(function (a) {
          var li = el("li");
          li.appendChild(nameButton(a.id, a.name));
          cl.appendChild(li);
        });
        out.appendChild(cl);
      }
      out = colProjects;
      out.appendChild(el("h3", null, t("anchoring")));
      if (!analysis.projects.length) out.appendChild(el("p", "muted", t("no_projects")));
      else {
        var pl = el("ul", "anchoring");
        analysis.projects.slice().sort(byName).forEach(function (p) {
          var li = el("li");
          var top = el("div", "b-top");
          top.appendChild(el("strong", null, p.name));
          top.appendChild(document.createTextNode(" "));
          var band = el("span", "band band-" + p.band, t("band_" + p.band) + " · " + t("score", num(p.score, 0)));
          top.appendChild(band);
          li.appendChild(top);
          var text = p[lang === "da" ? "explanation_da" : "explanation_en"];
          if (text) li.appendChild(el("p", "role", text));
          pl.appendChild(li);
        });
        out.appendChild(pl);
      }
    }

    // ------------------------------------------------------------ snapshots
    function loadSnapshots() {
      return api("GET", WS + "/snapshots").then(function (list) {
        snapshots = list || [];
        renderSnapshots();
      }, function (err) { setMsg($("snapshot-msg"), failure(err), "error"); });
    }

    function snapshotTitle(s) { return (s.note || t("no_note")) + " – " + moment(s.created); }

    function renderSnapshots() {
      var list = $("snapshot-list");
      list.textContent = "";
      if (!snapshots.length) list.appendChild(el("li", "muted none", t("no_snapshots")));
      snapshots.forEach(function (s) {
        var li = el("li");
        li.appendChild(el("strong", null, s.note || t("no_note")));
        li.appendChild(el("span", "muted", moment(s.created) + " · " + t("n_counts", s.n_actors, s.n_ties)));
        list.appendChild(li);
      });
      var a = $("compare-a");
      var b = $("compare-b");
      var keepA = a.value;
      var keepB = b.value;
      a.textContent = "";
      b.textContent = "";
      snapshots.forEach(function (s) {
        var o = el("option", null, snapshotTitle(s));
        o.value = s.id;
        a.appendChild(o);
        b.appendChild(o.cloneNode(true));
      });
      var now = el("option", null, t("current"));
      now.value = "current";
      b.appendChild(now);
      var ids = snapshots.map(function (s) { return s.id; });
      a.value = ids.indexOf(keepA) >= 0 ? keepA : (ids[ids.length - 1] || "");
      b.value = keepB && (keepB === "current" || ids.indexOf(keepB) >= 0) ? keepB : "current";
      $("compare-form").hidden = !snapshots.length;
    }

    var snapForm = $("snapshot-form");
    if (snapForm) {
      snapForm.addEventListener("submit", function (ev) {
        ev.preventDefault();
        var note = $("snapshot-note").value.trim();
        var btn = snapForm.querySelector("button");
        btn.disabled = true;
        api("POST", WS + "/snapshots", { note: note }).then(function () {
          $("snapshot-note").value = "";
          setMsg($("snapshot-msg"), words("snapshot_taken"), "ok");
          return loadSnapshots();
        }, function (err) { setMsg($("snapshot-msg"), failure(err), "error"); })
          .then(function () { btn.disabled = false; });
      });
    }

    $("compare-form").addEventListener("submit", function (ev) {
      ev.preventDefault();
      var a = $("compare-a").value;
      var b = $("compare-b").value;
      if (!a || !b || a === b) { setMsg($("snapshot-msg"), words("need_two"), "error"); return; }
      setMsg($("snapshot-msg"), "");
      api("GET", WS + "/compare?a=" + enc(a) + "&b=" + enc(b)).then(function (res) {
        lastCompare = res;
        renderCompare();
      }, function (err) { setMsg($("snapshot-msg"), failure(err), "error"); });
    });

    function gridText(g) {
      if (!g) return "–";
      var where = g.power === null || g.power === undefined || g.interest === null || g.interest === undefined
        ? t("not_placed") : t("power_interest", num(g.power, 2), num(g.interest, 2));
      return g.attitude ? where + ", " + t(g.attitude) : where;
    }

    function renderCompare() {
      var out = $("compare-out");
      out.textContent = "";
      var c = lastCompare;
      if (!c) return;
      var tieName = function (x) { return nameOf(x.source_id) + " – " + nameOf(x.target_id) + " (" + enumLabel("tie_kind", x.kind) + ")"; };
      var sections = [
        ["actors_added", c.actors_added, function (x) { return x.name; }],
        ["actors_removed", c.actors_removed, function (x) { return x.name; }],
        ["ties_added", c.ties_added, tieName],
        ["ties_removed", c.ties_removed, tieName],
        ["measures_changed", c.measures_changed, function (x) {
          return x.name + ": " + enumLabel("measure", x.measure) + " " + num(x.before, 3) + " → " + num(x.after, 3);
        }],
        ["grid_changed", c.grid_changed, function (x) { return x.name + ": " + gridText(x.before) + " → " + gridText(x.after); }]
      ];
      var any = false;
      sections.forEach(function (s) {
        var items = s[1] || [];
        if (!items.length) return;
        any = true;
        out.appendChild(el("h4", null, t(s[0]) + " (" + items.length + ")"));
        var ul = el("ul", "plain diff");
        items.forEach(function (x) { ul.appendChild(el("li", null, s[2](x))); });
        out.appendChild(ul);
      });
      if (!any) out.appendChild(el("p", "muted", t("nothing_changed")));
    }

    // ------------------------------------------------------------ tabs
    var tabs = [$("tab-analysis"), $("tab-snapshots")];

    function showTab(tab) {
      tabs.forEach(function (x) {
        var on = x === tab;
        x.setAttribute("aria-selected", on ? "true" : "false");
        x.tabIndex = on ? 0 : -1;
        $(x.getAttribute("aria-controls")).hidden = !on;
      });
      document.querySelector(".bar-analysis").hidden = tab.id !== "tab-analysis";
      setPanelOpen(true);
      if (tab.id === "tab-snapshots") loadSnapshots();
    }

    var panels = $("panels");
    var toggle = $("panels-toggle");

    // Folding the panel away gives the map the whole column (a projector in a small room).
    function setPanelOpen(open) {
      var was = !panels.classList.contains("collapsed");
      panels.classList.toggle("collapsed", !open);
      toggle.setAttribute("aria-expanded", open ? "true" : "false");
      var key = open ? "hide_panel" : "show_panel";
      toggle.setAttribute("data-i18n-aria-label", key);
      toggle.setAttribute("data-i18n-title", key);
      toggle.setAttribute("aria-label", t(key));
      toggle.title = t(key);
      if (was !== open) network.redraw();
    }
    toggle.addEventListener("click", function () { setPanelOpen(panels.classList.contains("collapsed")); });

    tabs.forEach(function (tab, k) {
      tab.addEventListener("click", function () { showTab(tab); });
      tab.addEventListener("keydown", function (ev) {
        var next = ev.key === "ArrowRight" ? tabs[(k + 1) % tabs.length] : ev.key === "ArrowLeft" ? tabs[(k + tabs.length - 1) % tabs.length] : null;
        if (next) { ev.preventDefault(); showTab(next); next.focus(); }
      });
    });

    // ------------------------------------------------------------ language and start
    onLang(function () {
      renderHeader();
      renderExports();
      setConn(connState);
      updateUndo();
      if (S.version >= 0) {
        updateMap();
        renderGrid();
      }
      renderDetails();
      renderAttitude();
      if (analysis) renderAnalysis(); else renderAnalysisState();
      renderSnapshots();
      renderCompare();
      if (suggestBox) suggestBox.rerender();
      var tablist = document.querySelector("[role=tablist]");
      tablist.setAttribute("aria-label", t("analysis") + " / " + t("snapshots"));
    });

    // The export menu closes like any menu: a click elsewhere, or Escape.
    var menu = document.querySelector("details.menu");
    document.addEventListener("click", function (ev) {
      if (menu.open && !menu.contains(ev.target)) menu.open = false;
    });
    menu.addEventListener("keydown", function (ev) {
      if (ev.key === "Escape" && menu.open) {
        ev.preventDefault();
        menu.open = false;
        menu.querySelector("summary").focus();
      }
    });
    menu.querySelectorAll("a").forEach(function (a) {
      a.addEventListener("click", function () { menu.open = false; });
    });

    updateUndo();
    renderAttitude();
    // The analysis once at the start (the server caches it per version); after that only
    // on request, so the map does not resize under people's hands.
    refresh().then(function () { if (S.version >= 0) loadAnalysis(); });
    loadSnapshots();
    connect();
  }

  initialLang();
  if (config.mode === "login") loginPage();
  else if (config.mode === "index") indexPage();
  else workshopPage();
})();
