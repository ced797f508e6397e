/* graphsvc survey coordinator pages: create a survey; a survey's roster, invitations, live
 * status, review queue and apply.
 *
 * Configuration comes from the JSON script element #graphsvc-survey (both languages' words
 * and enum labels, so the language switches without a reload; the lists to choose from).
 * Text from data only ever reaches the DOM through textContent, never innerHTML.
 *
 * The survey page polls GET /surveys/{id} every config.pollMs; when the survey's version
 * changes it reloads the roster, invitations, reminders and status (the response rate and
 * the ties follow the answers without a reload).
 *
 * window.graphsvcSurvey (tests): ready, busy(), survey(), status(), roster(), version(),
 * lastApply(), setLang(code), lang(), refresh().
 */
import {
  $,
  ApiError,
  api,
  applyWords,
  commonErrorText,
  currentLang,
  day,
  el,
  enc,
  enumLabel,
  num,
  onLang,
  pageData,
  setLang,
  setMsg,
  startLanguage,
  t,
  useWords,
  words,
} from "../common.js";

var config = pageData("graphsvc-survey");
var choices = config.choices || {};
var busy = 0;

// ---------------------------------------------------------------- helpers
function announce(text) {
  var live = $("announce");
  live.textContent = "";
  // A fresh text node after a tick, so screen readers say it even when it repeats.
  setTimeout(function () {
    live.textContent = text;
  }, 50);
}

function errorText(err) {
  var said = commonErrorText(err);
  if (said !== null) return said;
  // Each problem with where it is: the file, the row, the column (or the field).
  var detail = (err.details || [])
    .slice(0, 5)
    .map(function (d) {
      var where = [
        d.file,
        d.row !== null && d.row !== undefined ? t("row_n", d.row) : null,
        d.column || d.field ? t("column_n", d.column || d.field) : null,
      ].filter(Boolean);
      return (where.length ? where.join(", ") + ": " : "") + (d.message || "");
    })
    .filter(Boolean)
    .join("; ");
  return t("error", err.message + (detail ? " (" + detail + ")" : ""));
}

function fail(node) {
  return function (err) {
    setMsg(
      node,
      function () {
        return errorText(err);
      },
      "error",
    );
    announce(errorText(err));
  };
}

function setBusy(delta) {
  busy += delta;
  document.body.setAttribute("aria-busy", busy > 0 ? "true" : "false");
}

function withBusy(promise) {
  setBusy(1);
  return promise.then(
    function (v) {
      setBusy(-1);
      return v;
    },
    function (e) {
      setBusy(-1);
      throw e;
    },
  );
}

function percent(rate) {
  if (rate === null || rate === undefined || isNaN(Number(rate))) return "–";
  return num(Math.round(Number(rate) * 1000) / 10, 1) + " %";
}

/** A table: caption, column keys (words), rows of cells (text or a node). */
function table(caption, columns, rows, cls) {
  var tbl = el("table", cls || null);
  tbl.appendChild(el("caption", null, caption));
  var head = el("tr");
  columns.forEach(function (c) {
    var th = el("th", c.cls || null, t(c.key));
    th.scope = "col";
    head.appendChild(th);
  });
  tbl.appendChild(el("thead")).appendChild(head);
  var body = el("tbody");
  rows.forEach(function (cells) {
    var tr = el("tr");
    cells.forEach(function (cell, i) {
      var node;
      if (i === 0) {
        node = el("th");
        node.scope = "row";
      } else {
        node = el("td", columns[i].cls || null);
      }
      if (cell instanceof Node) node.appendChild(cell);
      else node.textContent = cell === null || cell === undefined ? "" : String(cell);
      tr.appendChild(node);
    });
    body.appendChild(tr);
  });
  tbl.appendChild(body);
  return tbl;
}

function button(key, label, onClick, cls) {
  var b = el("button", cls || null, t(key));
  b.type = "button";
  if (label) b.setAttribute("aria-label", label);
  b.addEventListener("click", onClick);
  return b;
}

function municipalityName(code) {
  var found = (choices.municipalities || []).find(function (m) {
    return m.id === code;
  });
  return found ? found.name : code || "";
}

function localised(survey, field) {
  if (!survey) return "";
  var lang = currentLang();
  var value = survey[field];
  if (value && typeof value === "object") return value[lang] || value.da || value.en || "";
  return survey[field + "_" + lang] || survey[field + "_da"] || survey[field + "_en"] || "";
}

function applyLinks() {
  document.querySelectorAll("a[data-lang-link]").forEach(function (a) {
    var u = new URL(a.getAttribute("href"), location.href);
    u.searchParams.set("lang", currentLang());
    a.setAttribute("href", u.pathname + u.search);
  });
}

// ================================================================ the new survey
var created = null;

function fillSelect(select, items) {
  items.forEach(function (item) {
    var o = el("option", null, item.name);
    o.value = item.id;
    select.appendChild(o);
  });
}

function scopeKind() {
  var checked = document.querySelector("input[name=scope_kind]:checked");
  return checked ? checked.value : "project";
}

function showScope() {
  var kind = scopeKind();
  document.querySelectorAll(".scope-pick").forEach(function (div) {
    div.hidden = div.getAttribute("data-for") !== kind;
  });
}

function isoDay(offsetDays) {
  var d = new Date(Date.now() + offsetDays * 86400000);
  var m = String(d.getMonth() + 1).padStart(2, "0");
  var dd = String(d.getDate()).padStart(2, "0");
  return d.getFullYear() + "-" + m + "-" + dd;
}

// A day chosen in a date field means "until that day is over" (UTC, as the server keeps it).
function endOfDay(value) {
  return value ? value + "T23:59:59" : null;
}

function fieldError(input, key) {
  var err = $(input.id + "-error");
  input.setAttribute("aria-invalid", key ? "true" : "false");
  if (!err) return;
  err._key = key;
  err.textContent = key ? t("required", labelOf(input)) : "";
}

function labelOf(input) {
  var label = document.querySelector("label[for='" + input.id + "']");
  return label ? label.textContent : input.name;
}

function repaintFieldErrors() {
  document.querySelectorAll(".field-error").forEach(function (err) {
    var input = $(err.id.replace(/-error$/, ""));
    if (err._key && input) err.textContent = t("required", labelOf(input));
  });
}

function newSurveyBody() {
  var kind = scopeKind();
  var body = {
    title: { da: $("title-da").value.trim(), en: $("title-en").value.trim() },
    purpose: { da: $("purpose-da").value.trim(), en: $("purpose-en").value.trim() },
    scope_kind: kind,
    scope_id: kind === "roster" ? null : $("pick-" + kind).value || null,
    asker: $("asker").value.trim(),
    asker_contact: $("asker-contact").value.trim(),
    closes_at: endOfDay($("closes-at").value),
    keep_answers_until: $("keep-until").value || null,
    wave: Number($("wave").value || 1),
    baseline_id: $("baseline").value || null,
  };
  if (!body.title.en) body.title.en = body.title.da;
  if (!body.purpose.en) body.purpose.en = body.purpose.da;
  return body;
}

function validateNew() {
  var missing = [];
  var kind = scopeKind();
  var needed = ["title-da", "purpose-da", "asker", "asker-contact", "closes-at", "keep-until"];
  if (kind !== "roster") needed.unshift("pick-" + kind);
  ["project", "municipality", "workshop"].forEach(function (k) {
    fieldError($("pick-" + k), null);
  });
  needed.forEach(function (id) {
    var input = $(id);
    var empty = !String(input.value || "").trim();
    fieldError(input, empty ? "required" : null);
    if (empty) missing.push(input);
  });
  return missing;
}

function createSurvey(ev) {
  ev.preventDefault();
  var msg = $("create-msg");
  var missing = validateNew();
  if (missing.length) {
    setMsg(msg, words("check_fields"), "error");
    missing[0].focus();
    return;
  }
  var submit = $("create");
  submit.disabled = true;
  setMsg(msg, words("creating"));
  withBusy(api("POST", "/surveys", newSurveyBody())).then(
    function (survey) {
      created = survey;
      location.assign("/surveys/" + enc(survey.id) + "/page?lang=" + currentLang());
    },
    function (err) {
      submit.disabled = false;
      fail(msg)(err);
    },
  );
}

function startNew() {
  fillSelect($("pick-project"), choices.projects || []);
  fillSelect($("pick-municipality"), choices.municipalities || []);
  fillSelect($("pick-workshop"), choices.workshops || []);
  var scope = config.scope || {};
  if (scope.kind) {
    var radio = document.querySelector("input[name=scope_kind][value='" + scope.kind + "']");
    if (radio) radio.checked = true;
    var select = $("pick-" + scope.kind);
    if (select) {
      if (!Array.prototype.some.call(select.options, (o) => o.value === scope.id)) {
        fillSelect(select, [{ id: scope.id, name: scope.id }]);
      }
      select.value = scope.id;
    }
  }
  showScope();
  document.querySelectorAll("input[name=scope_kind]").forEach(function (r) {
    r.addEventListener("change", showScope);
  });
  $("closes-at").value = isoDay(21);
  $("keep-until").value = isoDay(365);
  $("new-survey").addEventListener("submit", createSurvey);
  api("GET", "/surveys").then(
    function (list) {
      fillSelect(
        $("baseline"),
        (list || []).map(function (s) {
          return { id: s.id, name: localised(s, "title") || s.id };
        }),
      );
    },
    function () {
      /* no earlier waves to offer */
    },
  );
}

// ================================================================ one survey
var survey = null;
var roster = []; // the roster as shown: {actor_id, name, sector, locality, asked, nameable, ...}
var rosterDirty = false;
var invitations = [];
var reminders = [];
var status = null;
var contacts = {}; // actor_id -> {name, email} typed for new links
var newLinks = []; // invitations made on this page (with their tokens), newest first
var applied = null; // the last apply answer
var dryKey = null; // the version the last dry run was of
var version = null;
var polling = null;
var lastDownload = null; // the name of the last mail merge file

function base() {
  return "/surveys/" + enc(config.surveyId);
}

function nameOf(actorId) {
  var found = roster.find(function (r) {
    return r.actor_id === actorId;
  });
  if (found) return found.name;
  found = (choices.actors || []).find(function (a) {
    return a.id === actorId;
  });
  return found ? found.name : actorId;
}

function loadAll() {
  return withBusy(
    Promise.all([
      api("GET", base()),
      rosterDirty ? Promise.resolve(null) : api("GET", base() + "/roster"),
      api("GET", base() + "/invitations"),
      api("GET", base() + "/reminders"),
      api("GET", base() + "/status"),
    ]),
  ).then(function (got) {
    survey = got[0];
    if (got[1] !== null) roster = listOf(got[1], "roster");
    invitations = listOf(got[2], "invitations");
    reminders = listOf(got[3], "reminders");
    status = got[4];
    version = status && status.version !== undefined ? status.version : survey.version;
    renderSurvey();
  });
}

function listOf(answer, key) {
  if (Array.isArray(answer)) return answer;
  if (answer && Array.isArray(answer[key])) return answer[key];
  if (answer && Array.isArray(answer.items)) return answer.items;
  return [];
}

function poll() {
  polling = setTimeout(function () {
    if (busy > 0 || document.hidden) {
      poll();
      return;
    }
    api("GET", base())
      .then(function (s) {
        if (s.version !== survey.version) {
          survey = s;
          return loadAll().then(function () {
            announce(t("rate", percent(rateOf()), answeredOf(), invitedOf()));
          });
        }
        return null;
      })
      .catch(function () {
        /* the next poll tries again */
      })
      .then(poll);
  }, config.pollMs);
}

function rateOf() {
  return status ? status.rate : null;
}
function answeredOf() {
  return status ? num(status.answered || 0) : "–";
}
function invitedOf() {
  return status ? num(status.invited || 0) : "–";
}

// A table wider than the screen scrolls sideways: its box then takes the keyboard focus
// (arrow keys scroll it) and is named by its table's caption.
function markScrollers() {
  document.querySelectorAll(".scroll").forEach(function (box) {
    var caption = box.querySelector("caption");
    if (box.scrollWidth > box.clientWidth + 1 && caption) {
      box.setAttribute("tabindex", "0");
      box.setAttribute("role", "region");
      box.setAttribute("aria-label", caption.textContent);
    } else {
      box.removeAttribute("tabindex");
      box.removeAttribute("role");
      box.removeAttribute("aria-label");
    }
  });
}

function renderSurvey() {
  renderHead();
  renderTexts();
  renderRoster();
  renderContacts();
  renderNewLinks();
  renderInvitations();
  renderReminders();
  renderStatus();
  renderApply();
  markScrollers();
}

// ---------------------------------------------------------------- head
function scopeLink() {
  var kind = survey.scope_kind;
  var id = survey.scope_id;
  if (!id || kind === "roster") return null;
  var lang = "lang=" + currentLang();
  if (kind === "project" || kind === "municipality") {
    return "/maps/" + kind + "?id=" + enc(id) + "&" + lang;
  }
  if (kind === "workshop") return "/workshop/" + enc(id) + "?" + lang;
  return null;
}

function scopeName() {
  var kind = survey.scope_kind;
  var id = survey.scope_id;
  var list = { project: choices.projects, workshop: choices.workshops }[kind];
  if (kind === "municipality") return municipalityName(id);
  var found = (list || []).find(function (x) {
    return x.id === id;
  });
  return survey.scope_name || (found ? found.name : id) || "";
}

function renderHead() {
  var title = localised(survey, "title");
  $("survey-title").textContent = title || t("title_survey");
  $("survey-title").removeAttribute("data-i18n");
  document.title = (title ? title + " – " : "") + t("title_survey");
  var state = $("survey-state");
  state.textContent = "";
  var badge = el("span", "badge " + survey.status, t("status_" + survey.status));
  state.appendChild(document.createTextNode(t("state_is", "").trim() + " "));
  state.appendChild(badge);
  var facts = $("facts");
  facts.textContent = "";
  var scopeText = t("scope_" + survey.scope_kind) + (survey.scope_id ? ": " + scopeName() : "");
  [
    ["f_scope", scopeText],
    ["f_purpose", localised(survey, "purpose")],
    ["f_asker", [survey.asker, survey.asker_contact].filter(Boolean).join(", ")],
    ["f_closes", day(String(survey.closes_at || "").slice(0, 10))],
    ["f_keep", day(String(survey.keep_answers_until || "").slice(0, 10))],
    ["f_wave", survey.wave ? num(survey.wave) : ""],
  ].forEach(function (pair) {
    if (!pair[1]) return;
    facts.appendChild(el("dt", null, t(pair[0])));
    facts.appendChild(el("dd", null, pair[1]));
  });
  $("open-survey").hidden = survey.status === "open";
  $("close-survey").hidden = survey.status !== "open";
  var link = scopeLink();
  var a = $("scope-map");
  a.hidden = !link;
  if (link) {
    a.setAttribute("href", link);
    a.textContent =
      survey.scope_kind === "workshop" ? t("see_workshop") : t("see_map", scopeName());
  }
  $("result-map").setAttribute("href", link || "/?lang=" + currentLang());
}

function setOpen(open) {
  var msg = $("head-msg");
  withBusy(api("POST", base() + (open ? "/open" : "/close"))).then(function () {
    setMsg(msg, words(open ? "opened" : "closed"), "ok");
    announce(t(open ? "opened" : "closed"));
    return loadAll();
  }, fail(msg));
}

// ---------------------------------------------------------------- texts
var textsShown = false; // the fields were filled from the survey (not again while typing)

function renderTexts() {
  if (!textsShown) {
    textsShown = true;
    var title = survey.title || {};
    var purpose = survey.purpose || {};
    $("edit-title-da").value = title.da || "";
    $("edit-title-en").value = title.en || "";
    $("edit-purpose-da").value = purpose.da || "";
    $("edit-purpose-en").value = purpose.en || "";
  }
  var wrap = $("questions");
  var typed = {};
  wrap.querySelectorAll("textarea").forEach(function (area) {
    typed[area.id] = area.value;
  });
  wrap.textContent = "";
  var given = survey.questions || {};
  var rows = Object.keys(config.questions).map(function (key) {
    var pair = config.questions[key];
    var shown = pair[currentLang() === "da" ? 0 : 1];
    return [shown].concat(
      ["da", "en"].map(function (lang, i) {
        var area = el("textarea");
        area.id = "q-" + key + "-" + lang;
        area.rows = 2;
        area.maxLength = 4000;
        area.lang = lang;
        area.placeholder = pair[i];
        area.setAttribute("data-question", key);
        area.setAttribute("aria-label", t("q_" + lang + "_of", shown));
        var own = (given[key] || {})[lang] || "";
        area.value = Object.prototype.hasOwnProperty.call(typed, area.id) ? typed[area.id] : own;
        return area;
      }),
    );
  });
  wrap.appendChild(
    table(
      t("q_caption"),
      [{ key: "q_default" }, { key: "q_da" }, { key: "q_en" }],
      rows,
      "questions",
    ),
  );
}

function saveTexts() {
  var msg = $("texts-msg");
  var questions = {};
  $("questions")
    .querySelectorAll("textarea")
    .forEach(function (area) {
      var text = area.value.trim();
      if (!text) return;
      var key = area.getAttribute("data-question");
      questions[key] = questions[key] || {};
      questions[key][area.lang] = text;
    });
  var body = {
    title: {
      da: $("edit-title-da").value.trim() || null,
      en: $("edit-title-en").value.trim() || null,
    },
    purpose: {
      da: $("edit-purpose-da").value.trim() || null,
      en: $("edit-purpose-en").value.trim() || null,
    },
    questions: questions,
  };
  withBusy(api("PATCH", base(), body)).then(function () {
    setMsg(msg, words("texts_saved"), "ok");
    announce(t("texts_saved"));
    return loadAll();
  }, fail(msg));
}

// ---------------------------------------------------------------- roster
function renderRoster() {
  var wrap = $("roster-wrap");
  wrap.textContent = "";
  var asked = roster.filter(function (r) {
    return r.asked;
  }).length;
  $("roster-count").textContent = roster.length
    ? t("n_roster", num(roster.length), num(asked))
    : t("empty_roster");
  if (roster.length) {
    var rows = roster.map(function (r) {
      return [
        r.name,
        enumLabel("sector", r.sector),
        municipalityName(r.locality),
        checkbox(r, "asked", t("asked_of", r.name)),
        checkbox(r, "nameable", t("nameable_of", r.name)),
        r.invited ? t("yes") : t("no"),
        r.answered ? t("yes") : t("no"),
        button("r_remove", t("remove_of", r.name), function () {
          roster = roster.filter(function (x) {
            return x !== r;
          });
          markDirty();
          renderRoster();
          $("add-actor").focus();
        }),
      ];
    });
    wrap.appendChild(
      table(
        t("roster_caption"),
        [
          { key: "r_name" },
          { key: "r_sector" },
          { key: "r_locality" },
          { key: "r_asked", cls: "center" },
          { key: "r_nameable", cls: "center" },
          { key: "r_invited", cls: "center" },
          { key: "r_answered", cls: "center" },
          { key: "r_remove" },
        ],
        rows,
        "roster",
      ),
    );
  }
  var select = $("add-actor");
  var keep = select.value;
  while (select.options.length > 1) select.remove(1);
  fillSelect(
    select,
    (choices.actors || []).filter(function (a) {
      return !roster.some(function (r) {
        return r.actor_id === a.id;
      });
    }),
  );
  select.value = keep;
  if (rosterDirty) setMsg($("roster-msg"), words("roster_unsaved"));
  markScrollers();
}

function checkbox(entry, field, label) {
  var box = el("input");
  box.type = "checkbox";
  box.checked = !!entry[field];
  box.setAttribute("aria-label", label);
  box.setAttribute("data-actor", entry.actor_id);
  box.setAttribute("data-field", field);
  box.addEventListener("change", function () {
    entry[field] = box.checked;
    markDirty();
  });
  return box;
}

function markDirty() {
  rosterDirty = true;
  setMsg($("roster-msg"), words("roster_unsaved"));
}

function addActor() {
  var id = $("add-actor").value;
  if (!id) return;
  var actor = (choices.actors || []).find(function (a) {
    return a.id === id;
  });
  roster.push({
    actor_id: id,
    name: actor ? actor.name : id,
    sector: actor ? actor.sector : "",
    locality: actor ? actor.locality : "",
    asked: true,
    nameable: true,
    invited: false,
    answered: false,
  });
  markDirty();
  $("add-actor").value = "";
  renderRoster();
}

function saveRoster() {
  var msg = $("roster-msg");
  var entries = roster.map(function (r) {
    return { actor_id: r.actor_id, asked: !!r.asked, nameable: !!r.nameable };
  });
  withBusy(api("PUT", base() + "/roster", { entries: entries })).then(function () {
    rosterDirty = false;
    setMsg(msg, words("roster_saved"), "ok");
    announce(t("roster_saved"));
    return loadAll();
  }, fail(msg));
}

function uploadRoster() {
  var input = $("roster-file");
  var msg = $("roster-msg");
  if (!input.files || !input.files.length) {
    input.focus();
    return;
  }
  var file = input.files[0];
  var form = new FormData();
  form.append("file", file, file.name);
  withBusy(api("POST", base() + "/roster", form)).then(function () {
    rosterDirty = false;
    setMsg(msg, words("uploaded", file.name), "ok");
    announce(t("uploaded", file.name));
    input.value = "";
    return loadAll();
  }, fail(msg));
}

// ---------------------------------------------------------------- invitations
function live(inv) {
  return !inv.revoked_at && !expired(inv);
}

function expired(inv) {
  return !!inv.expires_at && String(inv.expires_at) < new Date().toISOString();
}

function invState(inv) {
  if (inv.submitted_at) return "submitted";
  if (inv.revoked_at) return "revoked";
  if (expired(inv)) return "expired";
  if (inv.started_at) return "started";
  return "sent";
}

function toInvite() {
  return roster.filter(function (r) {
    return (
      r.asked &&
      !invitations.some(function (inv) {
        return inv.actor_id === r.actor_id && (live(inv) || inv.submitted_at);
      })
    );
  });
}

function renderContacts() {
  var wrap = $("contacts-wrap");
  wrap.textContent = "";
  var people = toInvite();
  $("make-links").disabled = !people.length;
  if (!people.length) {
    wrap.appendChild(el("p", "hint", t("nobody_to_invite")));
    return;
  }
  var rows = people.map(function (r) {
    var c = contacts[r.actor_id] || (contacts[r.actor_id] = { name: "", email: "" });
    return [
      r.name,
      contactInput(c, "name", t("c_name_of", r.name)),
      contactInput(c, "email", t("c_email_of", r.name)),
    ];
  });
  wrap.appendChild(
    table(t("contacts_caption"), [{ key: "r_name" }, { key: "c_name" }, { key: "c_email" }], rows),
  );
}

function contactInput(contact, field, label) {
  var input = el("input");
  input.type = field === "email" ? "email" : "text";
  input.autocomplete = "off";
  input.maxLength = 200;
  input.value = contact[field];
  input.setAttribute("aria-label", label);
  input.addEventListener("input", function () {
    contact[field] = input.value;
  });
  return input;
}

function typedContacts(people) {
  var given = {};
  people.forEach(function (r) {
    var c = contacts[r.actor_id];
    if (c && (c.name.trim() || c.email.trim())) {
      given[r.actor_id] = { name: c.name.trim(), email: c.email.trim() };
    }
  });
  return given;
}

function makeLinks() {
  var msg = $("inv-msg");
  var body = { contacts: typedContacts(toInvite()) };
  if ($("expires-at").value) body.expires_at = endOfDay($("expires-at").value);
  withBusy(api("POST", base() + "/invitations", body)).then(function (made) {
    var list = listOf(made, "invitations");
    newLinks = list.concat(newLinks);
    list.forEach(function (inv) {
      delete contacts[inv.actor_id];
    });
    var text = list.length === 1 ? words("one_link_made") : words("links_made", num(list.length));
    setMsg(msg, text, "ok");
    announce(text());
    return loadAll();
  }, fail(msg));
}

function linkOf(inv) {
  return location.origin + (inv.url_path || "/s/" + inv.token);
}

function renderNewLinks() {
  var wrap = $("new-links");
  wrap.textContent = "";
  if (!newLinks.length) return;
  var rows = newLinks.map(function (inv) {
    var name = inv.actor_name || nameOf(inv.actor_id);
    var input = el("input");
    input.type = "text";
    input.readOnly = true;
    input.value = linkOf(inv);
    input.className = "link";
    input.setAttribute("aria-label", t("link_of", name));
    input.addEventListener("focus", function () {
      input.select();
    });
    var copy = button("copy", t("copy_of", name), function () {
      copyLink(input);
    });
    var cell = el("span");
    cell.appendChild(input);
    return [name, cell, copy, [inv.contact_name, inv.contact_email].filter(Boolean).join(", ")];
  });
  wrap.appendChild(
    table(
      t("new_links_caption"),
      [{ key: "r_name" }, { key: "link", cls: "link-cell" }, { key: "copy" }, { key: "i_contact" }],
      rows,
      "new-links",
    ),
  );
}

function copyLink(input) {
  var msg = $("inv-msg");
  var done = function () {
    setMsg(msg, words("copied"), "ok");
    announce(t("copied"));
  };
  var manual = function () {
    input.focus();
    input.select();
    setMsg(msg, words("copy_failed"), "error");
  };
  if (navigator.clipboard && navigator.clipboard.writeText) {
    navigator.clipboard.writeText(input.value).then(done, manual);
  } else {
    manual();
  }
}

function renderInvitations() {
  var wrap = $("inv-wrap");
  wrap.textContent = "";
  if (!invitations.length) return;
  var rows = invitations.map(function (inv) {
    var name = inv.actor_name || nameOf(inv.actor_id);
    var state = invState(inv);
    var actions = el("span");
    if (state !== "submitted" && state !== "revoked") {
      actions.appendChild(
        button("revoke", t("revoke_of", name), function () {
          invAction(inv, "revoke", name);
        }),
      );
    }
    if (state !== "submitted") {
      actions.appendChild(
        button("reissue", t("reissue_of", name), function () {
          invAction(inv, "reissue", name);
        }),
      );
    }
    return [
      name,
      el("span", "inv-state " + state, t("st_" + state)),
      [inv.contact_name, inv.contact_email].filter(Boolean).join(", "),
      day(String(inv.expires_at || "").slice(0, 10)),
      actions,
    ];
  });
  wrap.appendChild(
    table(
      t("inv_caption"),
      [
        { key: "r_name" },
        { key: "i_state" },
        { key: "i_contact" },
        { key: "i_expires" },
        { key: "i_actions", cls: "actions-cell" },
      ],
      rows,
      "invitations",
    ),
  );
}

function invAction(inv, action, name) {
  var msg = $("inv-msg");
  var id = inv.id || inv.invitation_id;
  withBusy(api("POST", base() + "/invitations/" + enc(id) + "/" + action)).then(function (made) {
    if (action === "reissue" && made) {
      newLinks = [made].concat(newLinks);
    }
    var text = words(action === "revoke" ? "revoked_msg" : "reissued_msg", name);
    setMsg(msg, text, "ok");
    announce(text());
    return loadAll();
  }, fail(msg));
}

function renderReminders() {
  var wrap = $("reminders");
  wrap.textContent = "";
  if (!reminders.length) {
    wrap.appendChild(el("p", "hint", t("no_reminders")));
    return;
  }
  var ul = el("ul", "reminders");
  reminders.forEach(function (r) {
    var name = r.actor_name || nameOf(r.actor_id);
    var contact = [r.contact_name, r.contact_email].filter(Boolean).join(", ");
    ul.appendChild(el("li", null, contact ? name + " (" + contact + ")" : name));
  });
  wrap.appendChild(ul);
}

// The mail merge files make new links for everyone who has not answered (reissue), with
// the contacts typed above; the links are in the file only.
function mailMerge(kind) {
  var msg = $("inv-msg");
  var path = base() + "/mail-merge." + kind;
  var body = { reissue: true, lang: currentLang(), contacts: typedContacts(toInvite()) };
  if ($("expires-at").value) body.expires_at = $("expires-at").value;
  withBusy(
    fetch("/session", { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (res) {
        return res.ok ? res.json() : {};
      })
      .then(function (who) {
        var headers = { "Content-Type": "application/json" };
        if (who && who.csrf_token) headers["X-CSRF-Token"] = who.csrf_token;
        return fetch(path, {
          method: "POST",
          credentials: "same-origin",
          headers: headers,
          body: JSON.stringify(body),
        });
      })
      .then(function (res) {
        if (!res.ok) {
          return res.json().then(
            function (data) {
              throw new ApiError(res.status, data);
            },
            function () {
              throw new ApiError(res.status, null);
            },
          );
        }
        var disposition = res.headers.get("Content-Disposition") || "";
        var named = /filename="([^"]+)"/.exec(disposition);
        return res.blob().then(function (blob) {
          return { blob: blob, name: named ? named[1] : "survey." + kind };
        });
      }),
  ).then(function (file) {
    lastDownload = file.name;
    var a = el("a");
    a.href = URL.createObjectURL(file.blob);
    a.download = file.name;
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(function () {
      URL.revokeObjectURL(a.href);
    }, 10000);
    return loadAll();
  }, fail(msg));
}

// ---------------------------------------------------------------- status
function groupTable(key, groupKey, groups, label) {
  var names = Object.keys(groups || {}).sort(function (a, b) {
    return label(a).localeCompare(label(b));
  });
  if (!names.length) return el("p", "hint", t("none"));
  return table(
    t(key),
    [
      { key: groupKey },
      { key: "s_invited", cls: "num" },
      { key: "s_answered", cls: "num" },
      { key: "s_rate", cls: "num" },
    ],
    names.map(function (g) {
      var row = groups[g];
      return [label(g), num(row.invited), num(row.answered), percent(row.rate)];
    }),
  );
}

function tieState(state) {
  return el("span", "tie-state " + state, t("tie_" + state));
}

function renderStatus() {
  if (!status) return;
  $("rate").textContent = t(
    "rate",
    percent(status.rate),
    num(status.answered || 0),
    num(status.invited || 0),
  );
  var sector = $("by-sector");
  sector.textContent = "";
  sector.appendChild(
    groupTable("by_sector", "s_group_sector", status.by_sector, function (g) {
      return enumLabel("sector", g) || g;
    }),
  );
  var place = $("by-municipality");
  place.textContent = "";
  place.appendChild(
    groupTable("by_municipality", "s_group_municipality", status.by_municipality, municipalityName),
  );
  var ties = status.ties || [];
  var counts = { confirmed: 0, one_sided: 0, contradicted: 0 };
  ties.forEach(function (tie) {
    counts[tie.state] = (counts[tie.state] || 0) + 1;
  });
  $("ties-count").textContent = ties.length
    ? t(
        "n_ties",
        num(ties.length),
        num(counts.confirmed),
        num(counts.one_sided),
        num(counts.contradicted),
      )
    : t("no_ties");
  var tiesWrap = $("ties");
  tiesWrap.textContent = "";
  if (ties.length) {
    tiesWrap.appendChild(
      table(
        t("ties_caption"),
        [
          { key: "t_a" },
          { key: "t_b" },
          { key: "t_state" },
          { key: "t_named_by" },
          { key: "t_weight", cls: "num" },
          { key: "t_trust", cls: "num" },
          { key: "t_value", cls: "num" },
        ],
        ties.map(function (tie) {
          return [
            tie.a_name || nameOf(tie.a),
            tie.b_name || nameOf(tie.b),
            tieState(tie.state),
            (tie.named_by || []).map(nameOf).join(", "),
            num(tie.weight, 1),
            num(tie.trust, 2),
            num(tie.value, 2),
          ];
        }),
        "ties",
      ),
    );
  }
  renderReview();
}

function renderReview() {
  var wrap = $("review");
  wrap.textContent = "";
  var pending = (status && status.review) || [];
  if (!pending.length) {
    wrap.appendChild(el("p", "hint", t("no_review")));
    return;
  }
  var rows = pending.map(function (item) {
    var select = el("select");
    select.setAttribute("aria-label", t("rv_actor_of", item.name));
    var first = el("option", null, t("choose"));
    first.value = "";
    select.appendChild(first);
    fillSelect(select, choices.actors || []);
    var actions = el("span");
    actions.appendChild(
      button("rv_match", t("rv_match_of", item.name), function () {
        if (!select.value) {
          select.focus();
          return;
        }
        decide(item, "actor", select.value);
      }),
    );
    actions.appendChild(
      button("rv_ignore", t("rv_ignore_of", item.name), function () {
        decide(item, "ignore", null);
      }),
    );
    return [item.name, (item.named_by || []).map(nameOf).join(", "), select, actions];
  });
  wrap.appendChild(
    table(
      t("review_caption"),
      [
        { key: "rv_name" },
        { key: "rv_named_by" },
        { key: "rv_actor" },
        { key: "i_actions", cls: "actions-cell" },
      ],
      rows,
      "review",
    ),
  );
}

function decide(item, decision, actorId) {
  var msg = $("review-msg");
  var body = { name: item.name, decision: decision };
  if (actorId) body.actor_id = actorId;
  withBusy(api("POST", base() + "/review", body)).then(function () {
    setMsg(msg, words("rv_done", item.name), "ok");
    announce(t("rv_done", item.name));
    return loadAll();
  }, fail(msg));
}

// ---------------------------------------------------------------- apply
var resolve = {}; // pair key -> "survey" | "keep", for the conflicts the status lists

function conflictsNow() {
  return (status && status.conflicts) || [];
}

function conflictKey(c) {
  return c.pair || [c.a, c.b].sort().join("--");
}

function renderApply() {
  $("do-apply").disabled = dryKey === null || dryKey !== version;
  var msg = $("apply-msg");
  var wrap = $("conflicts");
  wrap.textContent = "";
  $("after-apply").hidden = !(applied && !applied.dry_run);
  var conflicts = conflictsNow();
  if (conflicts.length) {
    wrap.appendChild(
      table(
        t("conflicts_caption"),
        [{ key: "k_pair" }, { key: "k_curated" }, { key: "k_survey" }, { key: "k_choice" }],
        conflicts.map(function (c) {
          var key = conflictKey(c);
          var pair = nameOf(c.a) + " – " + nameOf(c.b);
          return [pair, describe(c.curated), describe(c.survey), choice(key, pair)];
        }),
        "conflicts",
      ),
    );
  } else if (applied) {
    wrap.appendChild(el("p", "hint", t("no_conflicts")));
  }
  if (!applied) return;
  var n = applied;
  var text = words(
    n.dry_run ? "dry_done" : "apply_done",
    num(n.created || 0),
    num(n.updated || 0),
    num(n.unchanged || 0),
  );
  setMsg(
    msg,
    function () {
      var said = text();
      if (n.skipped_pending_review) {
        said += " " + t("pending_review", num(n.skipped_pending_review));
      }
      return said;
    },
    "ok",
  );
}

function describe(tie) {
  if (!tie) return "";
  if (Array.isArray(tie)) return tie.map(describe).join("; ");
  if (typeof tie === "string") return tie;
  var parts = [];
  if (tie.kind) parts.push(enumLabel("tie_kind", tie.kind));
  if (tie.weight !== undefined && tie.weight !== null) {
    parts.push(t("t_weight") + ": " + num(tie.weight, 1));
  }
  if (tie.confirmation) parts.push(t("tie_" + tie.confirmation));
  return parts.join(", ");
}

function choice(key, pair) {
  var group = el("fieldset", "choice");
  group.appendChild(el("legend", "visually-hidden", t("k_choice_of", pair)));
  ["keep", "survey"].forEach(function (value) {
    var label = el("label", "radio");
    var input = el("input");
    input.type = "radio";
    input.name = "resolve-" + key;
    input.value = value;
    input.checked = (resolve[key] || "keep") === value;
    input.addEventListener("change", function () {
      resolve[key] = value;
    });
    label.appendChild(input);
    label.appendChild(
      document.createTextNode(" " + t(value === "keep" ? "k_keep" : "k_use_survey")),
    );
    group.appendChild(label);
  });
  return group;
}

function runApply(dry) {
  var msg = $("apply-msg");
  setMsg(msg, words(dry ? "running_dry" : "running_apply"));
  var chosen = {};
  conflictsNow().forEach(function (c) {
    var key = conflictKey(c);
    if (resolve[key] === "survey") chosen[key] = "survey";
  });
  var body = { dry_run: dry };
  if (Object.keys(chosen).length) body.resolve = chosen;
  var at = version;
  withBusy(api("POST", base() + "/apply", body)).then(function (answer) {
    applied = Object.assign({ dry_run: dry }, answer || {});
    dryKey = dry ? at : null;
    renderApply();
    markScrollers();
    announce($("apply-msg").textContent);
    if (!dry) return loadAll();
    return null;
  }, fail(msg));
}

function startSurvey() {
  $("open-survey").addEventListener("click", function () {
    setOpen(true);
  });
  $("close-survey").addEventListener("click", function () {
    setOpen(false);
  });
  $("add-actor-button").addEventListener("click", addActor);
  $("save-texts").addEventListener("click", saveTexts);
  window.addEventListener("resize", markScrollers);
  $("save-roster").addEventListener("click", saveRoster);
  $("upload-roster").addEventListener("click", uploadRoster);
  $("make-links").addEventListener("click", makeLinks);
  $("dry-run").addEventListener("click", function () {
    runApply(true);
  });
  $("do-apply").addEventListener("click", function () {
    runApply(false);
  });
  if (config.mailMerge) {
    $("mail-merge").hidden = false;
    $("mail-merge-csv").addEventListener("click", function () {
      mailMerge("csv");
    });
    $("mail-merge-zip").addEventListener("click", function () {
      mailMerge("zip");
    });
  }
  return loadAll().then(
    function () {
      poll();
    },
    function (err) {
      fail($("head-msg"))(err);
      poll();
    },
  );
}

// ---------------------------------------------------------------- start
function applyPageWords() {
  applyLinks();
  if (config.mode === "new") repaintFieldErrors();
  if (config.mode === "survey" && survey) renderSurvey();
}

useWords(config.words, config.enums, config.lang);
onLang(applyPageWords);
startLanguage();
applyWords();
applyLinks();

var started = Promise.resolve();
if (config.mode === "new") startNew();
else if (config.mode === "survey") started = startSurvey();

window.graphsvcSurvey = {
  ready: false,
  busy: function () {
    return busy > 0;
  },
  survey: function () {
    return survey || created;
  },
  status: function () {
    return status;
  },
  roster: function () {
    return roster;
  },
  version: function () {
    return version;
  },
  lastApply: function () {
    return applied;
  },
  lastDownload: function () {
    return lastDownload;
  },
  refresh: loadAll,
  setLang: setLang,
  lang: currentLang,
  polling: function () {
    return polling !== null;
  },
};
started.then(function () {
  window.graphsvcSurvey.ready = true;
});
