/* The workshop page: its sections (imported here, each takes hold of its elements), the
 * language switch and the start. */
import { onLang, t } from "../common.js";
import { ws } from "./shared.js";
import { connect, connState, refresh, renderExports, renderHeader, setConn } from "./state.js";
import { suggestBox, updateUndo } from "./edits.js";
import { updateMap } from "./map.js";
import { renderDetails } from "./details.js";
import { renderAttitude, renderGrid } from "./grid.js";
import { loadAnalysis, renderAnalysis, renderAnalysisState } from "./analysis.js";
import { loadSnapshots, renderCompare, renderSnapshots } from "./snapshots.js";
import "./panels.js";

// ------------------------------------------------------------ language and start
onLang(function () {
  renderHeader();
  renderExports();
  setConn(connState);
  updateUndo();
  if (ws.S.version >= 0) {
    updateMap();
    renderGrid();
  }
  renderDetails();
  renderAttitude();
  if (ws.analysis) renderAnalysis();
  else renderAnalysisState();
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
  a.addEventListener("click", function () {
    menu.open = false;
  });
});

updateUndo();
renderAttitude();
// The analysis once at the start (the server caches it per version); after that only
// on request, so the map does not resize under people's hands.
refresh().then(function () {
  if (ws.S.version >= 0) loadAnalysis();
});
loadSnapshots();
connect();
