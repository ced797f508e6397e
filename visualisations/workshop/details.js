/* The workshop page's selection and the details of the selected actor, project or tie. */
import { $, currentLang, el, enumLabel, locale, num, t } from "../common.js";
import { canEdit, ws } from "./shared.js";
import { nameOf } from "./state.js";
import { removeActor, removeTie, tieForm } from "./edits.js";
import { edges, measuresOf, network, nodes } from "./map.js";
import { gridOf, markChips, renderAttitude } from "./grid.js";
import { config, placeName } from "./util.js";

// ------------------------------------------------------------ selection and details
export function select(sel, from) {
  var same = ws.selected && sel && ws.selected.type === sel.type && ws.selected.id === sel.id;
  ws.selected = sel;
  if (!same) $("details").scrollTop = 0;
  if (from !== "map") {
    if (sel && sel.type === "actor" && nodes.get(sel.id)) network.selectNodes([sel.id]);
    else if (sel && sel.type === "project") network.selectNodes(["project:" + sel.id]);
    else if (sel && sel.type === "tie" && edges.get(sel.id)) network.selectEdges([sel.id]);
    else network.unselectAll();
  }
  if (sel && sel.type === "actor") ws.tieFrom = sel.id;
  renderDetails();
  markChips();
  renderAttitude();
  if (sel && sel.type !== "tie")
    keepVisible(sel.type === "project" ? "project:" + sel.id : sel.id, from === "map");
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
    animation: { duration: 250, easingFunction: "easeInOutQuad" },
  });
}

function fact(dl, term, value) {
  if (!value) return;
  dl.appendChild(el("dt", null, term));
  dl.appendChild(el("dd", null, value));
}

export function button(text, cls, onClick) {
  var b = el("button", cls || null, text);
  b.type = "button";
  b.addEventListener("click", onClick);
  return b;
}

export function renderDetails() {
  var body = $("details-body");
  body.textContent = "";
  $("details").hidden = !ws.selected;
  if (!ws.selected) return;
  if (ws.selected.type === "actor") detailsActor(body, ws.actorsById[ws.selected.id]);
  else if (ws.selected.type === "tie") detailsTie(body, ws.tiesById[ws.selected.id]);
  else
    detailsProject(
      body,
      ws.S.projects.filter(function (p) {
        return p.id === ws.selected.id;
      })[0],
    );
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
  fact(
    dl,
    t("position"),
    g.power === null || g.interest === null
      ? t("not_placed")
      : t("power_interest", num(g.power, 2), num(g.interest, 2)),
  );
  fact(dl, t("attitude"), g.attitude ? t(g.attitude) : t("attitude_none"));
  var m = measuresOf(a.id);
  if (m) {
    fact(dl, t("m_betweenness"), num(m.betweenness, 3));
    fact(dl, t("m_degree"), num(m.degree, 0));
  }
  body.appendChild(dl);
  if (m && m[currentLang() === "da" ? "role_da" : "role_en"])
    body.appendChild(el("p", "role", m[currentLang() === "da" ? "role_da" : "role_en"]));

  var ties = ws.S.ties.filter(function (x) {
    return x.source_id === a.id || x.target_id === a.id;
  });
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
      li.appendChild(
        el(
          "span",
          "tie-text",
          nameOf(other) +
            " – " +
            enumLabel("tie_kind", x.kind) +
            (x.status === "proposed" ? " (" + enumLabel("tie_status", "proposed") + ")" : ""),
        ),
      );
      if (canEdit && x.added_here) {
        var b = button(t("remove_tie"), "small", function () {
          removeTie(x.id);
        });
        b.setAttribute("aria-label", t("remove_tie_named", nameOf(other)));
        li.appendChild(b);
      }
      ul.appendChild(li);
    });
    body.appendChild(more("ties", t("ties") + " (" + ties.length + ")", ul));
  }
  var inProjects = ws.S.projects.filter(function (p) {
    return p.actor_ids.indexOf(a.id) >= 0;
  });
  if (inProjects.length) {
    var pl = el("ul", "plain");
    inProjects.forEach(function (p) {
      pl.appendChild(el("li", null, p.name));
    });
    body.appendChild(more("projects", t("projects") + " (" + inProjects.length + ")", pl));
  }
  if (canEdit) {
    var row = el("div", "d-actions");
    if (tieForm)
      row.appendChild(
        button(t("tie_from_here"), null, function () {
          $("tie-source").value = a.id;
          $("tie-target").focus();
        }),
      );
    row.appendChild(
      button(t("remove_from_workshop"), "danger", function () {
        removeActor(a.id);
      }),
    );
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
    row.appendChild(
      button(t("remove_tie"), "danger", function () {
        removeTie(x.id);
      }),
    );
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
  var score =
    ws.analysis &&
    ws.analysis.projects.filter(function (q) {
      return q.id === p.id;
    })[0];
  if (score)
    body.appendChild(
      el("p", "role", score[currentLang() === "da" ? "explanation_da" : "explanation_en"]),
    );
  var ul = el("ul", "plain");
  p.actor_ids
    .map(nameOf)
    .sort(function (a, b) {
      return a.localeCompare(b, locale());
    })
    .forEach(function (n) {
      ul.appendChild(el("li", null, n));
    });
  body.appendChild(more("participants", t("participants") + " (" + p.actor_ids.length + ")", ul));
}

// A list folded under its heading (the card stays small); it stays open as you left it
// when the selection changes.
var opened = {};

function more(key, heading, list) {
  var box = el("details", "more");
  box.open = !!opened[key];
  box.appendChild(el("summary", null, heading));
  box.appendChild(list);
  box.addEventListener("toggle", function () {
    opened[key] = box.open;
  });
  return box;
}

// Folding the card to its name line.
var fold = $("details-fold");

function setFolded(folded) {
  $("details").classList.toggle("folded", folded);
  fold.setAttribute("aria-expanded", folded ? "false" : "true");
  var key = folded ? "show_details" : "hide_details";
  fold.setAttribute("data-i18n-aria-label", key);
  fold.setAttribute("data-i18n-title", key);
  fold.setAttribute("aria-label", t(key));
  fold.title = t(key);
}
fold.addEventListener("click", function () {
  setFolded(!$("details").classList.contains("folded"));
});
