/* Helpers the page scripts share: the DOM, text, the words of two languages, the JSON API.
 *
 * An ES module (the served pages load it through their entry module). The maps, which
 * are files opened from disk as well, get it inlined by graphsvc/maps/scripts.py, which
 * turns the imports into plain scopes; so it keeps no exported `let` (a copy would not
 * follow a reassignment there) and its state lives behind functions.
 */

// ---------------------------------------------------------------- the DOM, text
export function $(id) {
  return document.getElementById(id);
}

export function el(tag, cls, text) {
  var e = document.createElement(tag);
  if (cls) e.className = cls;
  if (text !== undefined && text !== null) e.textContent = String(text);
  return e;
}

/** Text for matching: no accents, lower case ("Aarhus Å" and "aarhus a" match). */
export function norm(s) {
  return String(s)
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase();
}

export function enc(s) {
  return encodeURIComponent(s);
}

/** The JSON in the page's element `id` (a script element of type application/json). */
export function pageData(id) {
  return JSON.parse(document.getElementById(id).textContent);
}

// ---------------------------------------------------------------- words
var LANG_KEY = "graphsvc.lang";
var speech = { words: {}, enums: {}, lang: "en", listeners: [] };

/** The page's words (`{da: {key: text}, en: …}`), enum labels and first language. */
export function useWords(words, enums, lang) {
  speech.words = words || {};
  speech.enums = enums || {};
  speech.lang = lang;
}

export function currentLang() {
  return speech.lang;
}

/** The word `key` in the current language, `{0}`, `{1}` … replaced by the arguments. */
export function t(key, ...args) {
  var table = speech.words[speech.lang] || {};
  var text = Object.prototype.hasOwnProperty.call(table, key) ? table[key] : key;
  return text.replace(/\{(\d)\}/g, function (_m, i) {
    var v = args[Number(i)];
    return v === undefined || v === null ? "" : String(v);
  });
}

/** `t(...)` kept as a function, to be said again in the other language after a switch. */
export function words(...args) {
  return function () {
    return t(...args);
  };
}

/** The label of an enum value (`pair` [da, en]), else the value made readable. */
export function enumLabel(group, value) {
  if (value === null || value === undefined || value === "") return "";
  var pair = (speech.enums[group] || {})[value];
  if (pair) return pair[speech.lang === "da" ? 0 : 1];
  var s = String(value).replace(/_/g, " ");
  return s.charAt(0).toUpperCase() + s.slice(1);
}

export function locale() {
  return speech.lang === "da" ? "da-DK" : "en-GB";
}

/** A date (YYYY-MM-DD) as the reader says it; `month` "long" (the default) or "short". */
export function day(iso, month) {
  if (!iso) return "";
  var m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) return iso;
  // A local date: new Date("YYYY-MM-DD") is UTC midnight, the day before west of Greenwich.
  var d = new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  return new Intl.DateTimeFormat(locale(), {
    day: "numeric",
    month: month || "long",
    year: "numeric",
  }).format(d);
}

export function num(x, digits) {
  if (x === null || x === undefined || isNaN(Number(x))) return "–";
  return Number(x).toLocaleString(locale(), {
    maximumFractionDigits: digits,
    minimumFractionDigits: 0,
  });
}

/** Put the words of the current language into `[data-i18n…]` elements and enum options. */
export function applyWords(root) {
  root = root || document;
  root.querySelectorAll("[data-i18n]").forEach(function (e) {
    e.textContent = t(e.getAttribute("data-i18n"));
  });
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
    b.setAttribute("aria-pressed", b.getAttribute("data-lang") === speech.lang ? "true" : "false");
  });
}

/** Calls `fn` after every switch of language. */
export function onLang(fn) {
  speech.listeners.push(fn);
}

/** Switch to `code`: the words, the address (?lang=), the stored choice, the listeners. */
export function setLang(code, persist) {
  if (!speech.words[code]) return;
  speech.lang = code;
  document.documentElement.lang = code;
  applyWords();
  if (persist !== false) {
    try {
      localStorage.setItem(LANG_KEY, code);
    } catch {
      /* storage off: the URL still says */
    }
  }
  try {
    var u = new URL(location.href);
    u.searchParams.set("lang", code);
    history.replaceState(history.state, "", u.pathname + u.search + u.hash);
  } catch {
    /* file: URLs */
  }
  speech.listeners.forEach(function (fn) {
    fn();
  });
}

/** The language buttons switch; the reader's earlier choice is taken up. */
export function startLanguage() {
  document.querySelectorAll(".lang-switch button").forEach(function (b) {
    b.addEventListener("click", function () {
      setLang(b.getAttribute("data-lang"));
    });
  });
  onLang(function () {
    document.querySelectorAll(".msg").forEach(function (node) {
      if (node._msg) paintMsg(node);
    });
  });
  // An explicit ?lang= wins (the server rendered it); otherwise the reader's own
  // earlier choice beats the browser's Accept-Language the server went by.
  if (new URLSearchParams(location.search).has("lang")) return;
  var stored;
  try {
    stored = localStorage.getItem(LANG_KEY);
  } catch {
    stored = null;
  }
  if (stored && stored !== speech.lang && speech.words[stored]) setLang(stored, false);
}

// ---------------------------------------------------------------- messages
// A message is kept as a function of the language, so it can be said again in the
// other one when the reader switches.
export function setMsg(node, text, kind, extra) {
  if (!node) return;
  node._msg = text ? { text: text, kind: kind, extra: extra } : null;
  paintMsg(node);
}

export function paintMsg(node) {
  var m = node._msg;
  node.textContent = m ? (typeof m.text === "function" ? m.text() : m.text) : "";
  node.classList.toggle("error", !!m && m.kind === "error");
  node.classList.toggle("ok", !!m && m.kind === "ok");
  if (m && m.extra) m.extra(node);
}

// ---------------------------------------------------------------- the JSON API
export class ApiError extends Error {
  constructor(status, body) {
    var b = body && typeof body === "object" ? body : {};
    super(b.message || (status ? "HTTP " + status : "network"));
    this.status = status;
    this.body = b;
    this.code = b.code || null;
    this.details = Array.isArray(b.details) ? b.details : [];
  }
}

// Writes made with the session cookie carry the session's CSRF token (GET /session).
var session = { csrf: null };

function csrf(method) {
  if (method === "GET" || session.csrf !== null) return Promise.resolve(session.csrf);
  return fetch("/session", { credentials: "same-origin", headers: { Accept: "application/json" } })
    .then(function (res) {
      return res.ok ? res.json() : {};
    })
    .then(
      function (who) {
        session.csrf = (who && who.csrf_token) || "";
        return session.csrf;
      },
      function () {
        return "";
      },
    );
}

/** A call of the app's JSON API; `body` is JSON or a FormData. Fails with an ApiError. */
export function api(method, path, body, extraHeaders) {
  var opts = {
    method: method,
    credentials: "same-origin",
    headers: { Accept: "application/json" },
  };
  Object.keys(extraHeaders || {}).forEach(function (k) {
    opts.headers[k] = extraHeaders[k];
  });
  if (body instanceof FormData) {
    opts.body = body;
  } else if (body !== undefined) {
    opts.headers["Content-Type"] = "application/json";
    opts.body = JSON.stringify(body);
  }
  return csrf(method)
    .then(function (token) {
      if (token && method !== "GET") opts.headers["X-CSRF-Token"] = token;
      return fetch(path, opts);
    })
    .then(
      function (res) {
        if (res.status === 403) session.csrf = null; // signed in anew elsewhere: ask again
        return res.text().then(function (text) {
          var data = null;
          if (text) {
            try {
              data = JSON.parse(text);
            } catch {
              data = null;
            }
          }
          if (!res.ok) throw new ApiError(res.status, data);
          return data;
        });
      },
      function () {
        throw new ApiError(0, null);
      },
    );
}

/** What went wrong, in the reader's words where the status says it; else null. */
export function commonErrorText(err) {
  if (!(err instanceof ApiError)) return String((err && err.message) || err);
  if (err.status === 0) return t("network_error");
  if (err.status === 401) return t("unauthorized");
  if (err.status === 403) return t("forbidden");
  return null;
}
