/* The workshop page's analysis: brokers, cut points, projects' anchoring; loaded at the
 * start and on request. */
import { $, api, currentLang, el, num, t } from "../common.js";
import { exposed, WS, ws } from "./shared.js";
import { updateMap } from "./map.js";
import { button, renderDetails, select } from "./details.js";
import { byName, errorText } from "./util.js";

// ------------------------------------------------------------ analysis
var refreshBtn = $("refresh-analysis");

var analysisError = null;
var updateTimer = null;

export function loadAnalysis() {
  refreshBtn.disabled = true;
  analysisError = null;
  clearTimeout(updateTimer);
  $("analysis-state").textContent = t("loading");
  return api("GET", WS + "/analysis")
    .then(
      function (res) {
        ws.analysis = res;
        // computed before a change elsewhere in the network: ask again shortly
        if (res.stale) updateTimer = setTimeout(loadAnalysis, 3000);
        renderAnalysis();
        if (ws.S.version >= 0) updateMap();
        renderDetails();
      },
      function (err) {
        analysisError = err;
        renderAnalysisState();
      },
    )
    .then(function () {
      refreshBtn.disabled = false;
    });
}
exposed.loadAnalysis = loadAnalysis;
refreshBtn.addEventListener("click", loadAnalysis);

export function renderAnalysisState() {
  var state = $("analysis-state");
  $("analysis-empty").hidden = !!ws.analysis;
  var stale = !!ws.analysis && ws.analysis.version < ws.S.version;
  var updating = !!ws.analysis && ws.analysis.stale;
  state.textContent = analysisError
    ? errorText(analysisError)
    : stale
      ? t("analysis_stale")
      : updating
        ? t("analysis_updating")
        : "";
  state.classList.toggle("warn", stale || updating || !!analysisError);
}

function nameButton(id, text) {
  var b = button(text, "link", function () {
    select({ type: "actor", id: id }, "analysis");
  });
  return b;
}

export function renderAnalysis() {
  var out = $("analysis-out");
  out.textContent = "";
  renderAnalysisState();
  if (!ws.analysis) return;
  var colBrokers = el("div", "a-col");
  var colCuts = el("div", "a-col");
  var colProjects = el("div", "a-col");
  out.appendChild(colBrokers);
  out.appendChild(colCuts);
  out.appendChild(colProjects);
  var roleKey = currentLang() === "da" ? "role_da" : "role_en";
  var brokers = ws.analysis.actors
    .filter(function (a) {
      return a.betweenness > 0;
    })
    .sort(function (a, b) {
      return b.betweenness - a.betweenness || byName(a, b);
    })
    .slice(0, 5);
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
      fill.style.width = (maxB ? Math.max(4, (100 * a.betweenness) / maxB) : 0) + "%";
      bar.appendChild(fill);
      li.appendChild(bar);
      if (a[roleKey]) li.appendChild(el("p", "role", a[roleKey]));
      ol.appendChild(li);
    });
    out.appendChild(ol);
  }
  var cuts = ws.analysis.actors
    .filter(function (a) {
      return a.is_articulation;
    })
    .sort(byName);
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
  if (!ws.analysis.projects.length) out.appendChild(el("p", "muted", t("no_projects")));
  else {
    var pl = el("ul", "anchoring");
    ws.analysis.projects
      .slice()
      .sort(byName)
      .forEach(function (p) {
        var li = el("li");
        var top = el("div", "b-top");
        top.appendChild(el("strong", null, p.name));
        top.appendChild(document.createTextNode(" "));
        // the recorded score, as on the map, in the CLI and the API (#12); no score
        // without enough data
        var recorded = t("band_" + p.band);
        if (p.score !== null) recorded += " · " + t("score", num(p.score, 0));
        top.appendChild(el("span", "band band-" + p.band, recorded));
        // the room's plans give another score: said apart, labelled as the plans
        if (p.score_with_proposed !== null && p.score_with_proposed !== p.score) {
          top.appendChild(document.createTextNode(" "));
          top.appendChild(
            el("span", "planned", t("score_with_proposed", num(p.score_with_proposed, 0))),
          );
        }
        li.appendChild(top);
        var text = p[currentLang() === "da" ? "explanation_da" : "explanation_en"];
        if (text) li.appendChild(el("p", "role", text));
        pl.appendChild(li);
      });
    out.appendChild(pl);
  }
}
