/* The workshop page's map (vis-network): nodes and ties from the state, layout, legend. */
import { $, el, enumLabel, t } from "../common.js";
import { exposed, ws } from "./shared.js";
import { nameOf } from "./state.js";
import { tieForm } from "./edits.js";
import { select } from "./details.js";
import { config, placeName } from "./util.js";

// ------------------------------------------------------------ the map
var SIZE = 16;
var GLOW = { enabled: true, color: "rgba(255, 140, 0, 0.9)", size: 16, x: 0, y: 0 };
var CUT = "#d62728";
export var nodes = new vis.DataSet();
export var edges = new vis.DataSet();
exposed.nodes = nodes;
exposed.edges = edges;
export var network = new vis.Network(
  $("map"),
  { nodes: nodes, edges: edges },
  {
    autoResize: true,
    physics: {
      enabled: false,
      solver: "forceAtlas2Based",
      forceAtlas2Based: {
        gravitationalConstant: -120,
        centralGravity: 0.01,
        springLength: 150,
        springConstant: 0.04,
        avoidOverlap: 0.8,
      },
      stabilization: { enabled: true, iterations: 400, updateInterval: 50, fit: false },
    },
    layout: { randomSeed: 7, improvedLayout: true },
    interaction: { hover: true, multiselect: false, tooltipDelay: 200, keyboard: false },
    nodes: {
      shape: "dot",
      size: SIZE,
      borderWidth: 2,
      font: {
        size: 13,
        face: "system-ui, sans-serif",
        color: "#1f2328",
        strokeWidth: 4,
        strokeColor: "#ffffff",
      },
    },
    edges: { smooth: false, selectionWidth: 1.5, hoverWidth: 0.5 },
  },
);
exposed.network = network;
var settling = false;
var firstLayout = true;

function wrap(text, width) {
  var words = String(text).split(/\s+/);
  var lines = [];
  var line = "";
  words.forEach(function (w) {
    if (line && (line + " " + w).length > width) {
      lines.push(line);
      line = w;
    } else {
      line = line ? line + " " + w : w;
    }
  });
  if (line) lines.push(line);
  if (lines.length > 3) lines = lines.slice(0, 3).concat(["…"]);
  return lines.join("\n");
}

function darker(hex) {
  var m = /^#([0-9a-f]{6})$/i.exec(hex || "");
  if (!m) return "#555";
  var n = parseInt(m[1], 16);
  var c = [n >> 16, (n >> 8) & 255, n & 255].map(function (v) {
    return Math.round(v * 0.68);
  });
  return (
    "#" +
    c
      .map(function (v) {
        return ("0" + v.toString(16)).slice(-2);
      })
      .join("")
  );
}

function tip(lines) {
  var box = el("div", "tip");
  lines.filter(Boolean).forEach(function (line, k) {
    box.appendChild(el(k === 0 ? "strong" : "div", null, line));
  });
  return box;
}

export function measuresOf(id) {
  if (!ws.analysis) return null;
  for (var k = 0; k < ws.analysis.actors.length; k++)
    if (ws.analysis.actors[k].id === id) return ws.analysis.actors[k];
  return null;
}

function maxBetweenness() {
  if (!ws.analysis) return 0;
  return ws.analysis.actors.reduce(function (m, a) {
    return Math.max(m, a.betweenness || 0);
  }, 0);
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
    title: tip([
      a.name,
      [enumLabel("kind", a.kind), enumLabel("sector", a.sector), placeName(a.locality)]
        .filter(Boolean)
        .join(" · "),
      a.added_here ? t("added_here") : "",
      cut ? t("legend_cut") : "",
    ]),
    shape: "dot",
    size: size,
    borderWidth: cut ? 4 : 2,
    borderWidthSelected: cut ? 5 : 3,
    color: {
      background: colour,
      border: border,
      highlight: { background: colour, border: "#1f2328" },
      hover: { background: colour, border: "#1f2328" },
    },
    shadow: a.added_here ? GLOW : { enabled: false },
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
    color: {
      background: config.projectColour,
      border: config.projectBorder,
      highlight: { background: config.projectColour, border: "#1f2328" },
      hover: { background: config.projectColour, border: "#1f2328" },
    },
    font: { size: 12, color: "#6b5600", strokeWidth: 4, strokeColor: "#ffffff" },
    shadow: { enabled: false },
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
    title: tip([
      enumLabel("tie_kind", x.kind) +
        (x.status === "proposed" ? " (" + enumLabel("tie_status", "proposed") + ")" : ""),
      nameOf(x.source_id) + " – " + nameOf(x.target_id),
      x.added_here ? t("added_here") : "",
    ]),
    length: 130,
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
    shadow: { enabled: false },
  };
}

function sync(ds, wanted) {
  var want = {};
  wanted.forEach(function (w) {
    want[w.id] = true;
  });
  var gone = ds.getIds().filter(function (id) {
    return !want[id];
  });
  if (gone.length) ds.remove(gone);
  var added = [];
  var updated = [];
  wanted.forEach(function (w) {
    (ds.get(w.id) ? updated : added).push(w);
  });
  if (updated.length) ds.update(updated);
  return added;
}

// A new node starts next to what it is tied to, so the layout hardly has to move.
function startAt(id, positions) {
  var xs = 0;
  var ys = 0;
  var n = 0;
  ws.S.ties.forEach(function (x) {
    var other = x.source_id === id ? x.target_id : x.target_id === id ? x.source_id : null;
    if (other && positions[other]) {
      xs += positions[other].x;
      ys += positions[other].y;
      n++;
    }
  });
  ws.S.projects.forEach(function (p) {
    var key = "project:" + p.id;
    if (p.actor_ids.indexOf(id) >= 0 && positions[key]) {
      xs += positions[key].x;
      ys += positions[key].y;
      n++;
    }
  });
  var jitter = function () {
    return (Math.random() - 0.5) * 80;
  };
  if (n) return { x: xs / n + jitter(), y: ys / n + jitter() };
  var centre = network.getViewPosition();
  return { x: centre.x + jitter() * 2, y: centre.y + jitter() * 2 };
}

export function updateMap() {
  var maxB = maxBetweenness();
  var wantedNodes = ws.S.actors
    .map(function (a) {
      return actorNode(a, maxB);
    })
    .concat(ws.S.projects.map(projectNode));
  var wantedEdges = ws.S.ties.map(tieEdge);
  ws.S.projects.forEach(function (p) {
    p.actor_ids.forEach(function (aid) {
      if (ws.actorsById[aid]) wantedEdges.push(memberEdge(p, aid));
    });
  });
  var existing = nodes.getIds();
  var positions = existing.length ? network.getPositions(existing) : {};
  var newNodes = sync(nodes, wantedNodes);
  if (!firstLayout && newNodes.length) {
    newNodes.forEach(function (n) {
      var p = startAt(n.id, positions);
      n.x = p.x;
      n.y = p.y;
    });
  }
  var ids = nodes.getIds();
  if (newNodes.length) nodes.add(newNodes);
  syncEdges(wantedEdges);
  $("map-empty").hidden = ws.S.actors.length > 0;
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
  if (holdIds.length)
    nodes.update(
      holdIds.map(function (id) {
        return { id: id, fixed: true };
      }),
    );
  settling = true;
  network.setOptions({ physics: { enabled: true } });
  network.stabilize(firstLayout ? 400 : 120);
}

network.on("stabilizationIterationsDone", function () {
  network.setOptions({ physics: { enabled: false } });
  var held = nodes.get({
    filter: function (n) {
      return n.fixed === true;
    },
    fields: ["id"],
  });
  if (held.length)
    nodes.update(
      held.map(function (n) {
        return { id: n.id, fixed: false };
      }),
    );
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
  if (!settling && ws.S.version >= 0) {
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
$("fit").addEventListener("click", function () {
  fitMap(true);
});

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
  ws.S.actors.forEach(function (a) {
    sectors[a.sector] = true;
  });
  Object.keys(config.sectorColours).forEach(function (s) {
    if (sectors[s])
      box.appendChild(legendItem("dot", enumLabel("sector", s), config.sectorColours[s]));
  });
  if (ws.S.projects.length)
    box.appendChild(legendItem("square", t("legend_project"), config.projectColour));
  if (
    ws.S.actors.some(function (a) {
      return a.added_here;
    }) ||
    ws.S.ties.some(function (x) {
      return x.added_here;
    })
  ) {
    box.appendChild(legendItem("glow", t("legend_added")));
  }
  if (
    ws.S.ties.some(function (x) {
      return x.status === "proposed";
    })
  )
    box.appendChild(legendItem("dash", t("legend_proposed")));
  if (
    ws.analysis &&
    ws.analysis.actors.some(function (a) {
      return a.is_articulation;
    })
  )
    box.appendChild(legendItem("cut", t("legend_cut")));
  if (ws.analysis && maxBetweenness() > 0) box.appendChild(legendItem("size", t("legend_size")));
}

network.on("click", function (params) {
  var shift = params.event && params.event.srcEvent && params.event.srcEvent.shiftKey;
  if (params.nodes.length) {
    var id = String(params.nodes[0]);
    if (id.indexOf("project:") === 0) {
      select({ type: "project", id: id.slice(8) }, "map");
      return;
    }
    if (shift && tieForm && ws.tieFrom && ws.tieFrom !== id && ws.actorsById[ws.tieFrom]) {
      $("tie-source").value = ws.tieFrom;
      $("tie-target").value = id;
      select({ type: "actor", id: id }, "map");
      $("tie-kind").focus();
      return;
    }
    ws.tieFrom = id;
    if (tieForm) $("tie-source").value = id;
    select({ type: "actor", id: id }, "map");
  } else if (params.edges.length && ws.tiesById[params.edges[0]]) {
    select({ type: "tie", id: String(params.edges[0]) }, "map");
  } else {
    select(null, "map");
  }
});
