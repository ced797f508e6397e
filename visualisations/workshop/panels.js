/* The workshop page's side panels: the tabs, and opening and closing the panels. */
import { $, t } from "../common.js";
import { network } from "./map.js";
import { loadSnapshots } from "./snapshots.js";

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
toggle.addEventListener("click", function () {
  setPanelOpen(panels.classList.contains("collapsed"));
});

tabs.forEach(function (tab, k) {
  tab.addEventListener("click", function () {
    showTab(tab);
  });
  tab.addEventListener("keydown", function (ev) {
    var next =
      ev.key === "ArrowRight"
        ? tabs[(k + 1) % tabs.length]
        : ev.key === "ArrowLeft"
          ? tabs[(k + tabs.length - 1) % tabs.length]
          : null;
    if (next) {
      ev.preventDefault();
      showTab(next);
      next.focus();
    }
  });
});
