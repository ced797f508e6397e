/* graphsvc map UI: search, filters, focus, side panel, tooltips.
 *
 * Data comes from the JSON script element #graphsvc-data. Every text from
 * the data goes into the DOM through textContent (never innerHTML); tooltips are DOM
 * elements handed to vis-network, which appends them as they are.
 *
 * window.graphsvcMap is the page's API (tests, PNG export, the API's pages):
 *   network, nodes, edges (vis DataSets), firstDrawMs (the first picture), ready (true
 *   once vis-network holds the ties too, a moment after the first picture: tests and
 *   exports wait for it), timings,
 *   search(q) -> [ids], setFilter(key, values|null), resetFilters(),
 *   focus(id, depth), clearFocus(), visibleNodeIds(), visibleEdgeIds(), focusedIds(),
 *   labelledIds(), zoomedIn(), select(id), exportMode(on).
 *
 * Labels never overlap: after every change of view (zoom, pan, filter, focus, resize)
 * placeLabels() hands out labels in order of importance (the focused node and its
 * neighbours, then the nodes the builder marked ``lb``: the lens' own and the largest by
 * the size measure, then by size) and skips a label whose box would overlap one already
 * placed or leave the map (a screen-space grid): the most important labels show first
 * and more as you zoom in; the rest are in the tooltips. Labels are LABEL_MIN_PX to
 * LABEL_MAX_PX high on screen at any zoom (and in the PNG export).
 * The view fits what is focused: the whole view (an ego map is its ego network, spread
 * to fill the map rather than zoomed into big nodes), or the focused node and its
 * neighbours, and fits again when the side panel opens or closes and on resize.
 * Clicking a group of the overview fires window event "graphsvc:drilldown"
 * ({detail: {key, by, url}}); double-clicking it opens its url when there is one.
 */
import { el, norm } from "./common.js";
import { createTable } from "./maptable.js";

var timings = { script: performance.now() };
var data = JSON.parse(document.getElementById("graphsvc-data").textContent);
timings.parsed = performance.now();
var ui = data.ui;
// The side panel's entries and the edge tooltips come in a second script element,
// parsed after the first frame or when first needed (graphsvc/maps/payload.py).
var info = {};
var later = null;
var overview = data.mode === "overview";
var api = (window.graphsvcMap = {
  ready: false,
  firstDrawMs: null,
  mode: data.mode,
  timings: timings,
});

// ---------------------------------------------------------------- tooltips
function nodeTip(id) {
  loadLater();
  var i = info[id];
  var box = el("div", "tip");
  if (!i) return box;
  box.appendChild(el("strong", null, i.name));
  if (i.sub) box.appendChild(el("div", "tip-sub", i.sub));
  if (i.note) box.appendChild(el("div", "tip-sub", i.note));
  (i.facts || []).forEach(function (f) {
    box.appendChild(el("div", null, f[0] + ": " + f[1]));
  });
  var roles = i.roles || [];
  roles.slice(0, 5).forEach(function (r) {
    box.appendChild(el("div", null, "• " + r[0] + " — " + r[1]));
  });
  if (roles.length > 5) box.appendChild(el("div", "tip-more", "+ " + (roles.length - 5)));
  var sources = i.sources || [];
  if (sources.length)
    box.appendChild(el("div", "tip-more", ui.sources + ": " + sources.slice(0, 3).join("; ")));
  if (i.passage) box.appendChild(el("div", "tip-passage", "“" + shorten(i.passage, 160) + "”"));
  if (i.members) box.appendChild(el("div", "tip-more", ui.members + ": " + i.members.length));
  return box;
}

function shorten(text, limit) {
  return text.length <= limit ? text : text.slice(0, limit - 1).trimEnd() + "…";
}

function edgeTip(e) {
  loadLater();
  var box = el("div", "tip");
  (e.tip || []).forEach(function (line, k) {
    box.appendChild(el(k === 0 ? "strong" : "div", null, line));
  });
  return box;
}

// Tooltips are built when vis-network shows one ("showPopup"): building thousands up
// front slows the first draw, and so does an element as every item's title (vis-network
// copies each item's options deeply, walking an element's properties): items get a
// one-space text title, and the popup's frame gets the tooltip when it is shown.
var TITLE = " ";

function showTip(id) {
  var popup = network.interactionHandler && network.interactionHandler.popup;
  if (!popup || !popup.frame) return;
  var tip = null;
  if (popup.popupTargetType === "node" && byId[id]) tip = nodeTip(id);
  else if (popup.popupTargetType === "edge" && edgeById[id]) tip = edgeTip(edgeById[id]);
  if (!tip) return;
  popup.frame.textContent = "";
  popup.frame.appendChild(tip);
  popup.show(); // placed again for its real size
}

var FONT = (data.options.nodes || {}).font || {};
var BASE_FONT = FONT.size || 14;
var LABEL_COLOUR = "#343434";
var ZOOM_ALL = 1.6; // zoomedIn(): this many times the fitted scale
var LABEL_MIN_PX = 11; // label height on screen, whatever the zoom
var LABEL_MAX_PX = 15;
var EXPORT_WIDTH_PER_PX = 110; // in an exported picture: 1 px of label per 110 px of map
var LABEL_GAP = 3; // px kept free around each label
var MAX_LABELS = 800;
var FIT_MAX_SCALE = 1.2; // beyond this a small view is spread out instead of zoomed in
var FOCUS_MAX_SCALE = 1.6;
var fitScale = 1;
var zoomedIn = false;
var live = false; // true once the page's state below is set up

// Nodes and edges come as columns, with what repeats as an index into a table of
// styles (graphsvc/maps/payload.py); vis-network gets one object per node and edge.
var NODE_COLUMNS = ["id", "label", "x", "y", "size"];

function expandNodes(d) {
  var c = d.nodes;
  var labelled = {};
  c.lb.forEach(function (n) {
    labelled[n] = true;
  });
  var out = new Array(c.id.length);
  for (var n = 0; n < out.length; n++) {
    var style = d.node_styles[c.style[n]];
    var o = {};
    for (var k in style) o[k] = style[k];
    for (var j = 0; j < NODE_COLUMNS.length; j++) {
      var v = c[NODE_COLUMNS[j]][n];
      if (v !== null) o[NODE_COLUMNS[j]] = v;
    }
    if (labelled[n]) o.lb = 1;
    if (c.m[n] !== undefined) o.m = c.m[n];
    if (c.f[n] >= 0) o.f = d.filter_sets[c.f[n]];
    out[n] = o;
  }
  return out;
}

function expandEdges(d, ids) {
  var c = d.edges;
  var out = new Array(c.id.length);
  for (var e = 0; e < out.length; e++) {
    var style = d.edge_styles[c.style[e]];
    var o = {};
    for (var k in style) o[k] = style[k];
    o.id = c.id[e];
    o.from = typeof c.from[e] === "number" ? ids[c.from[e]] : c.from[e];
    o.to = typeof c.to[e] === "number" ? ids[c.to[e]] : c.to[e];
    out[e] = o;
  }
  return out;
}

// True once loaded; false while the page's end, where it is, is still being read (the
// first frame does not wait for it: see map.html).
function loadLater() {
  if (later) return true;
  var element = document.getElementById("graphsvc-later");
  if (!element) return false;
  later = JSON.parse(element.textContent);
  info = later.info;
  edgeList.forEach(function (e, k) {
    if (later.tip_of[k] >= 0) e.tip = later.tips[later.tip_of[k]];
  });
  labelIndex = nodeList.map(function (n) {
    return [n.id, norm((info[n.id] || {}).name || n.text || n.id)];
  });
  return true;
}

// After the first frame: as soon as the page's end is read.
function loadLaterSoon() {
  if (!loadLater()) {
    document.addEventListener("DOMContentLoaded", loadLaterSoon, { once: true });
    return;
  }
  if (tableView.isOpen()) tableView.render(); // opened at the start, before the data
}

var nodeList = expandNodes(data);
var edgeList = expandEdges(data, data.nodes.id);
var byId = {};
var labelIndex = [];
nodeList.forEach(function (n) {
  n.title = TITLE;
  // vis-network measures every label it holds, drawn or not (most of a big map's first
  // draw): it gets only the labels shown now; apply() hands over the others when shown.
  n.text = n.label;
  if (n.lb) n.font = { size: BASE_FONT, color: LABEL_COLOUR };
  else delete n.label;
  n.x0 = n.x;
  n.y0 = n.y;
  byId[n.id] = n;
});
var edgeById = {};
var adjacency = {};
edgeList.forEach(function (e) {
  e.title = TITLE;
  edgeById[e.id] = e;
  (adjacency[e.from] = adjacency[e.from] || []).push(e);
  (adjacency[e.to] = adjacency[e.to] || []).push(e);
});

timings.prepared = performance.now();
var nodes = new vis.DataSet(nodeList);
// vis-network builds an object per edge, merging its options with the defaults (on a
// 3,000-actor map a third of the time to the first picture). The first frame draws the
// edges itself from the same positions and styles (drawEdges), and vis-network gets
// them right after it (handOverEdges): hover, selection and tooltips of ties from then.
var edges = new vis.DataSet();
var edgesGiven = false;
var pendingEdges = {}; // id -> the changes apply() made before the hand-over
var container = document.getElementById("map");
var network = new vis.Network(container, {}, data.options);
network.on("beforeDrawing", drawEdges);
network.once("afterDrawing", function () {
  api.firstDrawMs = timings.firstDraw = performance.now();
  // once the first frame is on the screen (a test may hold it to compare the two)
  if (!window.graphsvcHoldTies) setTimeout(handOverEdges, 0);
});
network.on("showPopup", showTip);
api.handOverEdges = handOverEdges;

function handOverEdges() {
  if (edgesGiven) return;
  network.off("beforeDrawing", drawEdges);
  edges.add(edgeList);
  var changes = Object.keys(pendingEdges).map(function (id) {
    return pendingEdges[id];
  });
  if (changes.length) edges.update(changes);
  edgesGiven = true;
  var selected = network.getSelectedNodes();
  if (selected.length) network.selectNodes(selected); // their ties highlighted too
  api.ready = true;
  timings.ready = performance.now();
  document.body.setAttribute("data-ready", "1");
  setTimeout(loadLaterSoon, 0); // the panel's entries and tooltips
}

// The ties as vis-network draws them: straight, from centre to centre, under the nodes;
// a selected node's ties in their highlight colour and wider; an arrow ends at the
// node's rim (vis-network draws arrows over the nodes, these are under them: the seed
// maps differ in 0.1 % of their pixels). One canvas path per style; until the hand-over.
var ARROW_SHAPE = [
  [0, 0],
  [-1, 0.3],
  [-0.9, 0],
  [-1, -0.3],
];
var SELECTION_WIDTH = (data.options.edges || {}).selectionWidth || 1;

function rgba(colour, opacity) {
  var m = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(colour);
  if (!m || opacity === undefined) return colour;
  var rgb = [m[1], m[2], m[3]].map(function (h) {
    return parseInt(h, 16);
  });
  return "rgba(" + rgb.join(",") + "," + opacity + ")";
}

function drawEdges(ctx) {
  var drawn = network.body.nodes;
  var scale = network.getScale();
  var selected = {};
  network.getSelectedNodes().forEach(function (id) {
    selected[id] = true;
  });
  var batches = {};
  edgeList.forEach(function (e) {
    var s = estate[e.id] || "v";
    var a = drawn[e.from],
      b = drawn[e.to];
    if (s === "h" || !a || !b || a === b || a.options.hidden || b.options.hidden) return;
    var colour = s === "f" ? FADED_EDGE : e.color;
    var width = e.width || 1;
    var stroke = rgba(colour.color, colour.opacity);
    if (selected[e.from] || selected[e.to]) {
      width += SELECTION_WIDTH;
      stroke = rgba(colour.highlight, colour.opacity);
    }
    width = Math.max(width, 0.3 / scale);
    var key = stroke + "|" + width + "|" + (e.dashes ? 1 : 0);
    var batch =
      batches[key] ||
      (batches[key] = { stroke: stroke, width: width, dashes: e.dashes, lines: [], arrows: [] });
    batch.lines.push(a.x, a.y, b.x, b.y);
    if (e.arrows === "to" || (e.arrows && e.arrows.to)) batch.arrows.push(a, b);
  });
  var withArrows = [];
  ctx.save();
  Object.keys(batches).forEach(function (key) {
    var batch = batches[key];
    var lines = batch.lines;
    ctx.strokeStyle = batch.stroke;
    ctx.lineWidth = batch.width;
    ctx.lineCap = batch.dashes ? "round" : "butt";
    ctx.setLineDash(batch.dashes ? (Array.isArray(batch.dashes) ? batch.dashes : [5, 5]) : []);
    ctx.beginPath();
    for (var k = 0; k < lines.length; k += 4) {
      ctx.moveTo(lines[k], lines[k + 1]);
      ctx.lineTo(lines[k + 2], lines[k + 3]);
    }
    ctx.stroke();
    if (batch.arrows.length) withArrows.push(batch);
  });
  ctx.restore();
  drawArrows(ctx, withArrows);
}

function drawArrows(ctx, batches) {
  ctx.save();
  batches.forEach(function (batch) {
    ctx.fillStyle = batch.stroke;
    ctx.beginPath();
    var length = 15 + 3 * batch.width;
    for (var j = 0; j < batch.arrows.length; j += 2) {
      var from = batch.arrows[j],
        to = batch.arrows[j + 1];
      var angle = Math.atan2(to.y - from.y, to.x - from.x);
      var rim = to.distanceToBorder(ctx, angle);
      var px = to.x - rim * Math.cos(angle),
        py = to.y - rim * Math.sin(angle);
      var cos = Math.cos(angle) * length,
        sin = Math.sin(angle) * length;
      ARROW_SHAPE.forEach(function (p, i) {
        var x = px + p[0] * cos - p[1] * sin,
          y = py + p[0] * sin + p[1] * cos;
        if (i === 0) ctx.moveTo(x, y);
        else ctx.lineTo(x, y);
      });
      ctx.closePath();
    }
    ctx.fill();
  });
  ctx.restore();
}
api.network = network;
api.nodes = nodes;
api.edges = edges;

// Fit from the positions we ship: network.fit() needs drawn nodes, and a second
// draw of thousands of nodes would double the time to the first picture.
var spread = 1; // how far the whole view is spread out (1: the builder's layout)
// vis-network gets the nodes only at the end of this script, with the first view's
// labels already in them (see the end): until then the view is kept here.
var firstView = { position: { x: 0, y: 0 }, scale: 1 };
var firstSelected = [];
var given = false; // true once vis-network has the nodes

function viewScale() {
  return given ? network.getScale() : firstView.scale;
}

function bounds(list) {
  var x0 = Infinity,
    x1 = -Infinity,
    y0 = Infinity,
    y1 = -Infinity;
  list.forEach(function (n) {
    var r = n.size || 10;
    x0 = Math.min(x0, n.x - r);
    x1 = Math.max(x1, n.x + r);
    y0 = Math.min(y0, n.y - r);
    y1 = Math.max(y1, n.y + r);
  });
  return { x0: x0, x1: x1, y0: y0, y1: y1 };
}

// The largest scale at which every node of `list`, and the label under it, is inside
// the map (labels at their largest; a long label is given at most 45 % of the width).
function scaleFor(list) {
  var b = bounds(list);
  var cx = (b.x0 + b.x1) / 2,
    cy = (b.y0 + b.y1) / 2;
  var W = (container.clientWidth || 800) / 2 - 4,
    H = (container.clientHeight || 600) / 2 - 4;
  var px = LABEL_MAX_PX;
  var labelH = px * 1.3 + 4;
  var withLabels = list.length <= 60;
  var scale = Infinity;
  list.forEach(function (n) {
    var r = n.size || 10;
    var hw = 0;
    if (withLabels || n.lb)
      hw = Math.min((textWidth(n.text || "") * px) / BASE_FONT / 2 + 4, 0.45 * W);
    var dx = Math.abs(n.x - cx);
    if (dx + r > 0) scale = Math.min(scale, (W - Math.max(hw, 0)) / (dx + (hw ? 0 : r)));
    var up = cy - (n.y - r),
      down = n.y + r - cy;
    if (up > 0) scale = Math.min(scale, H / up);
    if (down > 0) scale = Math.min(scale, (H - (withLabels || n.lb ? labelH : 0)) / down);
  });
  return { scale: isFinite(scale) && scale > 0 ? scale : 1, x: cx, y: cy };
}

// Spread the layout by `factor` around its centre (from the builder's positions).
function spreadTo(factor) {
  if (Math.abs(factor - spread) < 1e-3) return;
  spread = factor;
  var b = bounds(
    nodeList.map(function (n) {
      return { x: n.x0, y: n.y0, size: 0 };
    }),
  );
  var cx = (b.x0 + b.x1) / 2,
    cy = (b.y0 + b.y1) / 2;
  var moved = nodeList.map(function (n) {
    n.x = cx + (n.x0 - cx) * factor;
    n.y = cy + (n.y0 - cy) * factor;
    return { id: n.id, x: n.x, y: n.y };
  });
  if (nodes) nodes.update(moved);
}

function fitTo(list, maxScale, spreadOut) {
  if (!list.length) return;
  network.setSize("100%", "100%"); // the canvas follows its box now, not at the next tick
  if (spreadOut) {
    // A small view (an ego network) fills the map: spread, so nodes keep their size.
    spreadTo(1);
    var wanted = scaleFor(list).scale;
    if (wanted > maxScale) spreadTo(Math.min(wanted / maxScale, 4));
  }
  var fit = scaleFor(list);
  fitScale = Math.min(fit.scale, maxScale);
  var view = { position: { x: fit.x, y: fit.y }, scale: fitScale, animation: false };
  if (given) network.moveTo(view);
  else firstView = view;
  if (live) zoomChanged(true);
}

function shownNodes() {
  return nodeList.filter(function (n) {
    return live ? !!visibleNodes[n.id] : !n.hidden;
  });
}

function fitAll() {
  fitTo(shownNodes(), FIT_MAX_SCALE, true);
}

// What the view fits after a resize or when the panel opens or closes: the focused
// node and its neighbours, else the whole view.
function refit() {
  if (focused) {
    fitTo(
      Object.keys(focused).map(function (id) {
        return byId[id];
      }),
      FOCUS_MAX_SCALE,
      false,
    );
  } else {
    fitAll();
  }
}
api.fitAll = fitAll;

// ---------------------------------------------------------------- state
var filters = {}; // key -> Set of allowed values (absent: all)
var focusId = null;
var depthSelect = document.getElementById("depth");
var focusDepth = depthSelect ? Number(depthSelect.value) : 1;
var state = {}; // id -> "v" visible, "h" hidden, "f" faded; + "L" when labelled
var estate = {};
var visibleNodes = {};
var visibleEdges = {};
var focused = null;

function allows(key, values) {
  var allowed = filters[key];
  if (!allowed || !values) return true;
  for (var k = 0; k < values.length; k++) if (allowed.has(values[k])) return true;
  return false;
}

function actorFilterActive() {
  return !!(filters.sector || filters.kind || filters.loc || filters.theme);
}

function computeVisible() {
  var vis_ = {};
  var projects = [];
  nodeList.forEach(function (n) {
    var f = n.f || {};
    if (n.g === "group") {
      vis_[n.id] = true;
      return;
    }
    if (n.g === "project") {
      if (allows("loc", f.loc) && allows("theme", f.theme)) projects.push(n);
      return;
    }
    if (!allows("sector", f.sector) || !allows("kind", f.kind) || !allows("loc", f.loc)) return;
    if (filters.theme && !allows("theme", f.theme)) return;
    vis_[n.id] = true;
  });
  var pruneProjects = actorFilterActive();
  projects.forEach(function (p) {
    var adj = adjacency[p.id] || [];
    if (!pruneProjects || adj.length === 0) {
      vis_[p.id] = true;
      return;
    }
    for (var k = 0; k < adj.length; k++) {
      var other = adj[k].from === p.id ? adj[k].to : adj[k].from;
      if (vis_[other] && byId[other].g !== "project") {
        vis_[p.id] = true;
        return;
      }
    }
  });
  var evis = {};
  edgeList.forEach(function (e) {
    if (vis_[e.from] && vis_[e.to] && allows("tie", [e.k])) evis[e.id] = true;
  });
  visibleNodes = vis_;
  visibleEdges = evis;
}

function computeFocus() {
  if (focusId === null || !visibleNodes[focusId]) {
    focusId = null;
    focused = null;
    return;
  }
  var seen = {}; // id -> steps from the focused node
  seen[focusId] = 0;
  var frontier = [focusId];
  for (var step = 0; step < focusDepth; step++) {
    var next = [];
    frontier.forEach(function (id) {
      (adjacency[id] || []).forEach(function (e) {
        if (!visibleEdges[e.id]) return;
        var other = e.from === id ? e.to : e.from;
        if (seen[other] === undefined) {
          seen[other] = step + 1;
          next.push(other);
        }
      });
    });
    frontier = next;
  }
  focused = seen;
}

var FADED_NODE = {
  color: {
    background: "rgba(215,215,215,0.35)",
    border: "rgba(170,170,170,0.35)",
    highlight: { background: "rgba(215,215,215,0.35)", border: "#999" },
  },
  font: { color: "rgba(60,60,60,0.25)" },
};
var FADED_EDGE = { color: "#dddddd", opacity: 0.25, highlight: "#000000" };

// ---------------------------------------------------------------- label placement
var measurer = document.createElement("canvas").getContext("2d");
var textWidths = {};
function textWidth(text, bold) {
  var key = (bold ? "b" : "n") + text;
  var w = textWidths[key];
  if (w === undefined) {
    measurer.font = (bold ? "bold " : "") + BASE_FONT + "px " + (FONT.face || "sans-serif");
    w = textWidths[key] = measurer.measureText(text).width;
  }
  return w;
}
// The lens' own nodes and the largest first; projects after actors of the same size.
var byImportance = nodeList.slice().sort(function (a, b) {
  return (
    (b.lb ? 1 : 0) - (a.lb ? 1 : 0) ||
    (b.size || 0) - (a.size || 0) ||
    (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
  );
});
var placed = {}; // id -> true when its label is drawn
var labelFont = BASE_FONT; // in canvas units: LABEL_MIN_PX..LABEL_MAX_PX on screen
var labelBoxes = []; // [id, left, top, right, bottom] in CSS px of the map, as placed

function placeLabels() {
  var scale = viewScale();
  var px = Math.min(LABEL_MAX_PX, Math.max(LABEL_MIN_PX, BASE_FONT * scale));
  labelFont = px / scale;
  var view = given ? network.getViewPosition() : firstView.position;
  var w = container.clientWidth,
    h = container.clientHeight;
  var stroke = (FONT.strokeWidth || 0) * (px / BASE_FONT);
  var CELL = 48;
  var grid = {};
  var out = {};
  var boxes = [];
  var selected = given ? network.getSelectedNodes() : firstSelected;
  function free(box) {
    for (var gx = Math.floor(box[1] / CELL); gx <= Math.floor(box[3] / CELL); gx++) {
      for (var gy = Math.floor(box[2] / CELL); gy <= Math.floor(box[4] / CELL); gy++) {
        var cell = grid[gx + "," + gy];
        if (!cell) continue;
        for (var k = 0; k < cell.length; k++) {
          var o = cell[k];
          if (box[1] < o[3] && o[1] < box[3] && box[2] < o[4] && o[2] < box[4]) return false;
        }
      }
    }
    return true;
  }
  function take(box) {
    for (var gx = Math.floor(box[1] / CELL); gx <= Math.floor(box[3] / CELL); gx++) {
      for (var gy = Math.floor(box[2] / CELL); gy <= Math.floor(box[4] / CELL); gy++) {
        (grid[gx + "," + gy] = grid[gx + "," + gy] || []).push(box);
      }
    }
  }
  function tryPlace(n) {
    if (boxes.length >= MAX_LABELS || out[n.id] || !visibleNodes[n.id] || !n.text) return;
    // The box vis-network draws: centred under the node, hanging from its rim.
    var cx = (n.x - view.x) * scale + w / 2;
    var top = (n.y - view.y) * scale + h / 2 + (n.size || 10) * scale;
    var bottom = top + px * 1.25 + stroke + LABEL_GAP;
    // Measuring the text costs most here: first the box's centre line, which the box
    // holds, so that a label that cannot fit is dropped unmeasured.
    if (cx < 0 || cx > w || top - LABEL_GAP < 0 || bottom > h) return; // off the map
    if (!free([n.id, cx, top - LABEL_GAP, cx, bottom])) return;
    var bold = selected.indexOf(n.id) >= 0; // vis-network draws a selected label bold
    var half = (textWidth(n.text, bold) * px) / BASE_FONT / 2 + stroke + LABEL_GAP;
    var box = [n.id, cx - half, top - LABEL_GAP, cx + half, bottom];
    if (box[1] < 0 || box[3] > w || box[2] < 0 || box[4] > h) return; // off the map
    if (!free(box)) return;
    take(box);
    boxes.push(box);
    out[n.id] = true;
  }
  if (focused) {
    // The focused node, then its neighbours by steps, then (zoomed in) the faded rest.
    var ids = Object.keys(focused).sort(function (a, b) {
      return focused[a] - focused[b] || (byId[b].size || 0) - (byId[a].size || 0);
    });
    ids.forEach(function (id) {
      tryPlace(byId[id]);
    });
  } else {
    byImportance.forEach(tryPlace);
  }
  placed = out;
  labelBoxes = boxes;
}

function labelled(n, s) {
  return s !== "h" && !!placed[n.id];
}

function apply() {
  computeVisible();
  computeFocus();
  placeLabels();
  var fontKey = labelFont.toFixed(2);
  var nodeUpdates = [];
  nodeList.forEach(function (n) {
    var s = !visibleNodes[n.id] ? "h" : focused && focused[n.id] === undefined ? "f" : "v";
    if (labelled(n, s)) s += "L" + fontKey;
    var old = state[n.id] || (n.lb ? "vL" : "v");
    if (s === old) return;
    state[n.id] = s;
    var faded = s.charAt(0) === "f";
    var u = {
      id: n.id,
      hidden: s === "h",
      color: faded ? FADED_NODE.color : n.color,
      font: {
        size: s.indexOf("L") > 0 ? labelFont : 0,
        color: faded ? FADED_NODE.font.color : LABEL_COLOUR,
      },
    };
    if (s.indexOf("L") > 0) u.label = n.text;
    else if (old.indexOf("L") > 0) u.label = ""; // vis-network measures every label it holds
    nodeUpdates.push(u);
  });
  var edgeUpdates = [];
  edgeList.forEach(function (e) {
    var s = !visibleEdges[e.id]
      ? "h"
      : focused && (focused[e.from] === undefined || focused[e.to] === undefined)
        ? "f"
        : "v";
    var old = estate[e.id] || "v";
    if (s === old) return;
    estate[e.id] = s;
    var u = { id: e.id, hidden: s === "h" };
    if (s === "f") u.color = FADED_EDGE;
    else if (old === "f") u.color = e.color;
    edgeUpdates.push(u);
  });
  if (nodeUpdates.length) nodes.update(nodeUpdates);
  if (edgesGiven) {
    if (edgeUpdates.length) edges.update(edgeUpdates);
  } else {
    edgeUpdates.forEach(function (u) {
      pendingEdges[u.id] = Object.assign(pendingEdges[u.id] || {}, u);
    });
  }
  var count = document.getElementById("visible-count");
  if (count) {
    count.textContent = Object.keys(visibleNodes).length + "/" + nodeList.length + " " + ui.visible;
  }
  if (tableView) tableView.changed();
}

// ---------------------------------------------------------------- panel
var panel = document.getElementById("panel");
var panelBody = document.getElementById("panel-body");

function section(title, items, render) {
  if (!items || !items.length) return;
  panelBody.appendChild(el("h3", null, title));
  var ul = el("ul", title === ui.sources ? "sources" : null);
  items.forEach(function (it, k) {
    ul.appendChild(render(it, k));
  });
  panelBody.appendChild(ul);
}

function showPanel(id) {
  loadLater();
  var i = info[id];
  panelBody.textContent = "";
  if (!i) {
    panel.hidden = true;
    return;
  }
  if (panel.hidden) panelOpener = document.activeElement;
  panel.hidden = false;
  panelBody.appendChild(el("h2", null, i.name));
  if (i.sub) panelBody.appendChild(el("div", "sub", i.sub));
  if (i.note) panelBody.appendChild(el("div", "panel-note", i.note));
  if (i.facts && i.facts.length) {
    var dl = el("dl");
    i.facts.forEach(function (f) {
      dl.appendChild(el("dt", null, f[0]));
      dl.appendChild(el("dd", null, f[1]));
    });
    panelBody.appendChild(dl);
  }
  if (i.description) panelBody.appendChild(el("p", null, i.description));
  if (i.tags && i.tags.length) {
    var tags = el("div", "tags");
    i.tags.forEach(function (t) {
      tags.appendChild(el("span", null, t));
    });
    panelBody.appendChild(el("h3", null, ui.tags));
    panelBody.appendChild(tags);
  }
  section(i.bridging && i.bridging.length ? ui.bridging : "", i.bridging, function (b) {
    return el("li", null, b);
  });
  section(ui.measures, i.measures, function (m) {
    // [name, value, its one-line explanation in later.explain or -1] (graphsvc/maps/payload.py)
    var li = el("li", "measure", m[0] + ": " + m[1]);
    if (m[2] >= 0) li.appendChild(el("span", "explain", later.explain[m[2]]));
    return li;
  });
  section(i.roles_title || ui.roles, i.roles, function (r) {
    return el("li", null, r[0] + " — " + r[1]);
  });
  section(ui.agreements, i.agreements, function (a) {
    return el("li", null, a);
  });
  section(ui.sources, i.sources, function (s, k) {
    var li = el("li", null, s);
    // the passage quoted from the (first) source: the item's own evidence
    if (k === 0 && i.passage) li.appendChild(el("span", "passage", "“" + i.passage + "”"));
    return li;
  });
  if (i.members) {
    if (i.drilldown) {
      var a = el("a", null, ui.drilldown);
      a.setAttribute("href", i.drilldown);
      var p = el("p");
      p.appendChild(a);
      panelBody.appendChild(p);
    }
    panelBody.appendChild(el("h3", null, ui.members + " (" + i.members.length + ")"));
    var ol = el("ol", "members");
    i.members.forEach(function (m) {
      ol.appendChild(el("li", null, m[1] + " · " + m[2]));
    });
    panelBody.appendChild(ol);
  }
}

// Escape or × closes the panel; the keyboard focus goes back to where it was when the
// panel opened (the search field, a table row), not to the top of the page.
var panelOpener = null;

function closePanel() {
  var back = panelOpener;
  panelOpener = null;
  panel.hidden = true;
  refit();
  if (back && back !== document.body && back.isConnected) back.focus();
}
document.getElementById("panel-close").addEventListener("click", closePanel);
document.addEventListener("keydown", function (ev) {
  if (ev.key === "Escape" && !panel.hidden && !ev.defaultPrevented) closePanel();
});

// ---------------------------------------------------------------- focus, search
function focusOn(id, depth) {
  if (!byId[id]) return [];
  if (depth !== undefined && depth !== null) {
    focusDepth = Number(depth);
    if (depthSelect) depthSelect.value = String(focusDepth);
  }
  if (overview) {
    focusId = null;
  } else {
    focusId = id;
  }
  apply();
  network.selectNodes([id]);
  showPanel(id);
  refit(); // the panel narrows the map: fit what is focused into what is left
  if (overview) {
    var i = info[id];
    window.dispatchEvent(
      new CustomEvent("graphsvc:drilldown", {
        detail: { key: i.key, by: i.by, url: i.drilldown || null },
      }),
    );
  }
  return api.focusedIds();
}

function clearFocus() {
  focusId = null;
  network.unselectAll();
  apply();
}

function search(q) {
  loadLater();
  var needle = norm(q).trim();
  var found = [];
  if (!needle) return found;
  labelIndex.forEach(function (row) {
    if (row[1].indexOf(needle) >= 0) found.push(row[0]);
  });
  if (overview) {
    // Members of a group: answer with the group.
    Object.keys(info).forEach(function (gid) {
      if (found.indexOf(gid) >= 0) return;
      var members = info[gid].members || [];
      for (var k = 0; k < members.length; k++) {
        if (norm(members[k][1]).indexOf(needle) >= 0) {
          found.push(gid);
          return;
        }
      }
    });
  }
  found.sort(function (a, b) {
    var va = visibleNodes[a] ? 0 : 1,
      vb = visibleNodes[b] ? 0 : 1;
    if (va !== vb) return va - vb;
    var sa = labelIndex.length && norm((info[a] || {}).name || a).indexOf(needle) === 0 ? 0 : 1;
    var sb = norm((info[b] || {}).name || b).indexOf(needle) === 0 ? 0 : 1;
    return sa - sb;
  });
  var out = document.getElementById("search-result");
  if (out) out.textContent = found.length ? String(found.length) : ui.no_match;
  if (found.length && visibleNodes[found[0]]) focusOn(found[0]);
  return found;
}

document.getElementById("search").addEventListener("submit", function (ev) {
  ev.preventDefault();
  search(document.getElementById("search-input").value);
});
if (depthSelect) {
  depthSelect.addEventListener("change", function () {
    focusDepth = Number(depthSelect.value);
    apply();
  });
}
var clearButton = document.getElementById("clear-focus");
if (clearButton) clearButton.addEventListener("click", clearFocus);
document.getElementById("fit").addEventListener("click", fitAll);

// ---------------------------------------------------------------- zoom and labels
// Labels are placed again when the view settles (a wheel turn fires many zoom events).
var relabelTimer = null;
function zoomChanged(now) {
  zoomedIn = viewScale() >= fitScale * ZOOM_ALL;
  clearTimeout(relabelTimer);
  if (now === true) apply();
  else relabelTimer = setTimeout(apply, 90);
}
network.on("zoom", zoomChanged);
network.on("dragEnd", function () {
  zoomChanged(true);
});
var lastSize = "";
if (window.ResizeObserver) {
  new ResizeObserver(function () {
    var size = container.clientWidth + "x" + container.clientHeight;
    if (size === lastSize || !live) return;
    lastSize = size;
    refit();
  }).observe(container);
}

network.on("click", function (params) {
  if (params.nodes && params.nodes.length) {
    focusOn(params.nodes[0]);
  } else if (!params.edges || !params.edges.length) {
    if (focusId !== null) clearFocus();
    if (!panel.hidden) {
      panel.hidden = true;
      refit();
    }
  }
});
network.on("doubleClick", function (params) {
  if (!overview || !params.nodes || !params.nodes.length) return;
  loadLater();
  var i = info[params.nodes[0]];
  if (i && i.drilldown) window.location.href = i.drilldown;
});

// ---------------------------------------------------------------- filters
function readFilter(key) {
  var boxes = document.querySelectorAll('#filters input[data-key="' + key + '"]');
  var on = [];
  var all = true;
  boxes.forEach(function (b) {
    if (b.checked) on.push(b.value);
    else all = false;
  });
  return all ? null : on;
}

function setFilter(key, values) {
  if (values === null || values === undefined) delete filters[key];
  else filters[key] = new Set(values);
  var boxes = document.querySelectorAll('#filters input[data-key="' + key + '"]');
  boxes.forEach(function (b) {
    b.checked = !filters[key] || filters[key].has(b.value);
  });
  apply();
  return api.visibleNodeIds().length;
}

document.querySelectorAll("#filters input[type=checkbox]").forEach(function (box) {
  box.addEventListener("change", function () {
    var key = box.getAttribute("data-key");
    var values = readFilter(key);
    if (values === null) delete filters[key];
    else filters[key] = new Set(values);
    apply();
  });
});
document.querySelectorAll("#filters .filter-actions button").forEach(function (b) {
  b.addEventListener("click", function () {
    var key = b.closest("details").getAttribute("data-key");
    setFilter(key, b.getAttribute("data-act") === "all" ? null : []);
  });
});
var reset = document.getElementById("reset-filters");
if (reset)
  reset.addEventListener("click", function () {
    api.resetFilters();
  });

// ---------------------------------------------------------------- API
api.search = search;
api.setFilter = setFilter;
api.resetFilters = function () {
  Object.keys(filters).forEach(function (k) {
    delete filters[k];
  });
  document.querySelectorAll("#filters input[type=checkbox]").forEach(function (b) {
    b.checked = true;
  });
  apply();
};
api.focus = focusOn;
api.select = focusOn;
api.clearFocus = clearFocus;
api.visibleNodeIds = function () {
  return Object.keys(visibleNodes).sort();
};
api.visibleEdgeIds = function () {
  return Object.keys(visibleEdges).sort();
};
api.focusedIds = function () {
  return focused ? Object.keys(focused).sort() : [];
};
api.labelledIds = function () {
  return nodeList
    .filter(function (n) {
      return (state[n.id] || (n.lb ? "vL" : "v")).indexOf("L") > 0;
    })
    .map(function (n) {
      return n.id;
    })
    .sort();
};
api.zoomedIn = function () {
  return zoomedIn;
};
// The label boxes placed now, [id, left, top, right, bottom] in CSS px of the map.
api.labelBoxes = function () {
  return labelBoxes.map(function (b) {
    return b.slice();
  });
};
api.labelPx = function () {
  return labelFont * network.getScale();
};
api.refit = refit;
api.exportMode = function (on) {
  document.body.classList.toggle("export", !!on);
  if (on) network.unselectAll();
  // A picture for print: labels in proportion to the picture (a 1,600 px wide export has
  // labels of about 12-16 px, a 3,200 px one twice that), placed by the same rule.
  var width = container.clientWidth || 800;
  LABEL_MIN_PX = on ? Math.max(11, Math.round(width / EXPORT_WIDTH_PER_PX)) : 11;
  LABEL_MAX_PX = LABEL_MIN_PX + 4;
  fitAll();
  network.redraw();
};

// ---------------------------------------------------------------- table view
// The map's actors, projects and ties as tables (visualisations/maptable.js).
var tableView = createTable({
  ui: ui,
  lang: data.lang,
  section: document.getElementById("table-view"),
  toggle: document.getElementById("table-toggle"),
  nodes: nodeList,
  edges: edgeList,
  data: function () {
    return loadLater() ? { info: info, table: later.table } : null;
  },
  shown: function () {
    return { nodes: visibleNodes, edges: visibleEdges, focused: focused };
  },
  focus: function (id) {
    focusOn(id);
  },
});
api.table = tableView;

// The first frame: the view fitted from the shipped positions and its labels placed
// before vis-network gets the nodes, so that it builds each node once as it is first
// drawn (an update of hundreds of labelled nodes after setData cost as much as a
// tenth of the map's nodes built again), and the first frame is the settled picture.
live = true;
if (data.focus && byId[data.focus]) {
  firstSelected = [data.focus];
  showPanel(data.focus);
}
if (tableView.openAtStart) tableView.open(true);
computeVisible(); // the fit below needs it
fitAll(); // with the panel open: the map is narrower now; places the labels
timings.datasets = performance.now();
network.setData({ nodes: nodes, edges: edges });
given = true;
timings.network = performance.now();
if (firstSelected.length) network.selectNodes(firstSelected);
network.moveTo(firstView);
lastSize = container.clientWidth + "x" + container.clientHeight; // fitted to this size
