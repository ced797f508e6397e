/* The workshop page's toasts, header, connection state, state fetches and live events. */
import { $, api, currentLang, day, setMsg, t, words } from "../common.js";
import { canEdit, exposed, WS, ws } from "./shared.js";
import { localityTouched, renderTieSelects } from "./edits.js";
import { updateMap } from "./map.js";
import { renderDetails } from "./details.js";
import { pendingGrid, renderAttitude, renderGrid } from "./grid.js";
import { renderAnalysisState } from "./analysis.js";
import { loadSnapshots } from "./snapshots.js";
import { config, failure, placeName } from "./util.js";

// ------------------------------------------------------------ toasts
var toast = $("announce");
var toastTimer = null;

export function say(text, isError) {
  toast.textContent = text;
  toast.classList.toggle("error", !!isError);
  toast.classList.add("show");
  clearTimeout(toastTimer);
  toastTimer = setTimeout(
    function () {
      toast.classList.remove("show");
    },
    isError ? 6000 : 2500,
  );
}

function pageError(text) {
  var p = $("page-msg");
  setMsg(p, text, "error");
  p.hidden = !text;
}

// ------------------------------------------------------------ header
export function renderHeader() {
  var w = ws.S.workshop;
  if (!w) return;
  $("ws-name").textContent = w.name;
  document.title = w.name + " – " + t("app_title");
  $("ws-purpose").textContent = w.purpose || "";
  $("ws-place").textContent = placeName(w.municipality);
  $("ws-date").textContent = day(w.date);
  if (w.date) $("ws-date").setAttribute("datetime", w.date);
  else $("ws-date").removeAttribute("datetime");
  $("back").href = "/workshop?lang=" + currentLang();
}

// The exports speak the page's language too.
export function renderExports() {
  [
    ["export-xlsx", "xlsx"],
    ["export-html", "html"],
    ["export-png", "png"],
  ].forEach(function (p) {
    var a = $(p[0]);
    a.href = WS + "/export." + p[1] + "?lang=" + currentLang();
    a.setAttribute("download", "workshop-" + config.workshopId + "." + p[1]);
  });
}
renderExports();

// ------------------------------------------------------------ connection
var conn = $("conn");
export var connState = "connecting";

export function setConn(state) {
  connState = state;
  conn.className = "conn " + state;
  var text = $("conn-text");
  text.setAttribute("data-i18n", "conn_" + state);
  text.textContent = t("conn_" + state);
  conn.title = ws.S.version >= 0 ? t("version", ws.S.version) : "";
}

// ------------------------------------------------------------ state fetches
var fetching = null;
var fetchAgain = false;
var behind = 0;

// One GET /state in flight at most; changes announced meanwhile cost one more fetch.
export function refresh() {
  if (fetching) {
    fetchAgain = true;
    return fetching;
  }
  fetching = api("GET", WS + "/state")
    .then(
      function (st) {
        if (st.version >= ws.S.version) apply(st);
        // An answer from before our own last write: ask again (a few times at most).
        if (st.version < ws.minVersion && behind < 5) {
          behind++;
          fetchAgain = true;
        } else {
          behind = 0;
        }
        pageError(null);
      },
      function (err) {
        if (err.status === 404) pageError(words("not_found"));
        else if (err.status === 401) pageError(words("unauthorized"));
        else if (ws.S.version < 0) pageError(failure(err));
      },
    )
    .then(function () {
      fetching = null;
      if (fetchAgain) {
        fetchAgain = false;
        return refresh();
      }
    });
  return fetching;
}
exposed.refresh = refresh;

export function wrote(res) {
  if (res && typeof res.version === "number") ws.minVersion = Math.max(ws.minVersion, res.version);
  refresh();
  return res;
}

function apply(st) {
  var first = ws.S.version < 0;
  var changed = st.version !== ws.S.version;
  ws.S = st;
  ws.actorsById = {};
  ws.tiesById = {};
  ws.S.actors.forEach(function (a) {
    ws.actorsById[a.id] = a;
  });
  ws.S.ties.forEach(function (x) {
    ws.tiesById[x.id] = x;
  });
  Object.keys(pendingGrid).forEach(function (id) {
    if (!ws.actorsById[id]) delete pendingGrid[id];
  });
  if (!changed && !first) return;
  renderHeader();
  if (first && canEdit && ws.S.workshop.municipality && !localityTouched) {
    $("actor-locality").value = ws.S.workshop.municipality;
  }
  updateMap();
  renderTieSelects();
  renderGrid();
  if (ws.selected && !exists(ws.selected)) ws.selected = null;
  renderDetails();
  renderAttitude();
  renderAnalysisState();
  conn.title = t("version", ws.S.version);
  // Someone may have taken a snapshot: keep the open list current.
  if (!first && !$("snapshots-panel").hidden && !$("panels").classList.contains("collapsed"))
    loadSnapshots();
}

function exists(sel) {
  if (sel.type === "actor") return !!ws.actorsById[sel.id];
  if (sel.type === "tie") return !!ws.tiesById[sel.id];
  return ws.S.projects.some(function (p) {
    return p.id === sel.id;
  });
}

export function nameOf(id) {
  var a = ws.actorsById[id];
  return a ? a.name : id;
}

// ------------------------------------------------------------ live events
var source = null;
var retry = null;

export function connect() {
  clearTimeout(retry);
  if (source) source.close();
  source = new EventSource(WS + "/events");
  source.addEventListener("open", function () {
    var wasDown = connState !== "live";
    setConn("live");
    if (wasDown && ws.S.version >= 0) refresh(); // changes may have come while we were away
  });
  source.addEventListener("change", function (ev) {
    var v;
    try {
      v = JSON.parse(ev.data).version;
    } catch (e) {
      v = null;
    }
    if (typeof v !== "number" || v > ws.S.version) refresh();
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
