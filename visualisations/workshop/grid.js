/* The stakeholder grid (influence × interest): chips, dragging, keys, the attitude. */
import { $, api, el, enc, num, t } from "../common.js";
import { canEdit, WS, ws } from "./shared.js";
import { nameOf, say, wrote } from "./state.js";
import { enqueue, gridEntry, record } from "./edits.js";
import { renderDetails, select } from "./details.js";
import { byName, clamp01, config, errorText, round2 } from "./util.js";

// ------------------------------------------------------------ the stakeholder grid
var gridEl = $("grid");
var trayEl = $("tray-chips");
var chips = {};
export var pendingGrid = {}; // our own placements not yet confirmed by a state fetch

export function gridOf(id) {
  if (pendingGrid[id]) return pendingGrid[id];
  var a = ws.actorsById[id];
  var g = (a && a.grid) || {};
  return {
    power: g.power === undefined ? null : g.power,
    interest: g.interest === undefined ? null : g.interest,
    attitude: g.attitude === undefined ? null : g.attitude,
  };
}

function placed(g) {
  return g.power !== null && g.interest !== null;
}

function chipLabel(a, g) {
  var parts = [a.name];
  parts.push(g.attitude ? t(g.attitude) : t("attitude_none"));
  parts.push(
    placed(g) ? t("power_interest", num(g.power, 2), num(g.interest, 2)) : t("not_placed"),
  );
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
    if (suppressClick) {
      suppressClick = false;
      return;
    }
    select({ type: "actor", id: id }, "grid");
  });
  chip.addEventListener("focus", function () {
    if (!ws.selected || ws.selected.id !== id) select({ type: "actor", id: id }, "grid");
  });
  if (canEdit) {
    chip.addEventListener("pointerdown", dragStart);
    chip.addEventListener("keydown", chipKey);
  }
  chips[id] = chip;
  return chip;
}

export function renderGrid() {
  var sorted = ws.S.actors.slice().sort(byName);
  var want = {};
  var focused = document.activeElement;
  sorted.forEach(function (a) {
    want[a.id] = true;
    var chip = chips[a.id] || makeChip(a.id);
    var g = gridOf(a.id);
    chip.querySelector(".sw").style.background = config.sectorColours[a.sector] || "#9aa5b1";
    chip.querySelector(".nm").textContent = a.name;
    chip.querySelector(".mark").textContent =
      g.attitude === "supporter"
        ? "+"
        : g.attitude === "critic"
          ? "−"
          : g.attitude === "neutral"
            ? "○"
            : "";
    chip.className =
      "chip" +
      (g.attitude ? " att-" + g.attitude : "") +
      (a.added_here ? " added" : "") +
      (ws.selected && ws.selected.type === "actor" && ws.selected.id === a.id ? " selected" : "") +
      (drag && drag.id === a.id ? " dragging" : "");
    chip.setAttribute("aria-label", chipLabel(a, g));
    chip.title = a.name;
    if (placed(g)) {
      // The chip's dot marks the point; on the right half the name runs leftwards,
      // so no chip hangs out of the grid.
      var flip = g.interest > 0.5;
      chip.classList.toggle("flip", flip);
      // As wide as the room towards the edge it runs to (at most 2/3 of the grid).
      chip.style.maxWidth =
        "calc(" + Math.min(66, 100 * (flip ? g.interest : 1 - g.interest)) + "% + 8px)";
      chip.style.left = g.interest * 100 + "%";
      chip.style.top = (1 - g.power) * 100 + "%";
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
  var inTray = sorted
    .map(function (a) {
      return chips[a.id];
    })
    .filter(function (c) {
      return c.parentNode === trayEl;
    });
  var inOrder = inTray.every(function (c, k) {
    return trayEl.children[k] === c;
  });
  if (!inOrder)
    inTray.forEach(function (c) {
      trayEl.appendChild(c);
    });
  Object.keys(chips).forEach(function (id) {
    if (!want[id]) {
      chips[id].remove();
      delete chips[id];
    }
  });
  if (
    focused &&
    focused.classList &&
    focused.classList.contains("chip") &&
    document.activeElement !== focused &&
    focused.isConnected
  ) {
    focused.focus({ preventScroll: true });
  }
  $("tray-empty").hidden = trayEl.children.length > 0 || ws.S.actors.length === 0;
}

export function markChips() {
  Object.keys(chips).forEach(function (id) {
    chips[id].classList.toggle(
      "selected",
      !!(ws.selected && ws.selected.type === "actor" && ws.selected.id === id),
    );
  });
}

function setGrid(id, next, key) {
  var before = gridOf(id);
  if (
    before.power === next.power &&
    before.interest === next.interest &&
    before.attitude === next.attitude
  )
    return;
  pendingGrid[id] = next;
  renderGrid();
  renderAttitude();
  enqueue(function () {
    return api("PUT", WS + "/grid/" + enc(id), next);
  }).then(
    function (res) {
      record(gridEntry(id, before, next, key));
      if (pendingGrid[id] === next) delete pendingGrid[id];
      if (ws.actorsById[id] && res && res.grid) ws.actorsById[id].grid = res.grid;
      wrote(res);
      if (ws.selected && ws.selected.id === id) renderDetails();
    },
    function (err) {
      if (pendingGrid[id] === next) delete pendingGrid[id];
      renderGrid();
      renderAttitude();
      say(errorText(err), true);
    },
  );
}

// Pointer dragging (mouse, pen and touch alike): a ghost follows the pointer and the
// drop point itself becomes the position, so what you see is what is stored.
var drag = null;
var suppressClick = false;

function dragStart(ev) {
  if (ev.button !== 0) return;
  var chip = ev.currentTarget;
  // The chip's dot marks its point: keep where it was grabbed, relative to the dot, so
  // the chip moves with the pointer instead of jumping its dot under it.
  var dot = chip.querySelector(".sw").getBoundingClientRect();
  drag = {
    id: chip.getAttribute("data-actor-id"),
    chip: chip,
    x0: ev.clientX,
    y0: ev.clientY,
    dx: ev.clientX - (dot.left + dot.width / 2),
    dy: ev.clientY - (dot.top + dot.height / 2),
    moved: false,
    ghost: null,
    pointer: ev.pointerId,
  };
  try {
    chip.setPointerCapture(ev.pointerId);
  } catch (e) {
    /* synthetic events */
  }
  chip.addEventListener("pointermove", dragMove);
  chip.addEventListener("pointerup", dragEnd);
  chip.addEventListener("pointercancel", dragCancel);
}

function dragMove(ev) {
  if (!drag) return;
  if (!drag.moved) {
    if (Math.abs(ev.clientX - drag.x0) + Math.abs(ev.clientY - drag.y0) < 5) return;
    drag.moved = true;
    // The ghost looks as the chip does (same width, dot on the same side).
    drag.ghost = drag.chip.cloneNode(true);
    drag.ghost.classList.add("ghost");
    drag.ghost.classList.remove("selected");
    drag.ghost.style.width = drag.chip.getBoundingClientRect().width + "px";
    drag.ghost.style.maxWidth = "none";
    drag.ghost.removeAttribute("data-actor-id");
    drag.ghost.removeAttribute("title");
    drag.ghost.setAttribute("aria-hidden", "true");
    document.body.appendChild(drag.ghost);
    drag.chip.classList.add("dragging");
  }
  ev.preventDefault();
  var p = dropPoint(ev);
  drag.ghost.style.left = p.x + "px";
  drag.ghost.style.top = p.y + "px";
  gridEl.classList.toggle("drop", inside(gridEl, p.x, p.y, 0));
}

// Where the chip's dot is while the pointer is at ev.
function dropPoint(ev) {
  return { x: ev.clientX - drag.dx, y: ev.clientY - drag.dy };
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
  var at = drag && dropPoint(ev);
  var d = dragFinish();
  if (!d || !d.moved) return;
  suppressClick = true;
  setTimeout(function () {
    suppressClick = false;
  }, 0);
  var g = gridOf(d.id);
  if (inside(gridEl, at.x, at.y, 8)) {
    var r = gridEl.getBoundingClientRect();
    var interest = round2(clamp01((at.x - r.left) / r.width));
    var power = round2(clamp01(1 - (at.y - r.top) / r.height));
    setGrid(d.id, { power: power, interest: interest, attitude: g.attitude }, "act_grid");
  } else if (placed(g) && inside($("tray"), ev.clientX, ev.clientY, 8)) {
    setGrid(d.id, { power: null, interest: null, attitude: g.attitude }, "act_grid");
  }
  select({ type: "actor", id: d.id }, "grid");
}

function dragCancel() {
  dragFinish();
}

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
    var next = {
      power: round2(clamp01(start.power + dy)),
      interest: round2(clamp01(start.interest + dx)),
      attitude: g.attitude,
    };
    if (!nudge || nudge.id !== id) {
      flushNudge();
      nudge = { id: id, before: g, timer: null };
    }
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
  enqueue(function () {
    return api("PUT", WS + "/grid/" + enc(n.id), next);
  }).then(
    function (res) {
      record(gridEntry(n.id, before, next, "act_grid"));
      if (pendingGrid[n.id] === next) delete pendingGrid[n.id];
      if (ws.actorsById[n.id] && res && res.grid) ws.actorsById[n.id].grid = res.grid;
      wrote(res);
    },
    function (err) {
      if (pendingGrid[n.id] === next) delete pendingGrid[n.id];
      renderGrid();
      say(errorText(err), true);
    },
  );
}

// The attitude of the selected actor.
var attitudeSet = $("attitude");

export function renderAttitude() {
  var id =
    ws.selected && ws.selected.type === "actor" && ws.actorsById[ws.selected.id]
      ? ws.selected.id
      : null;
  attitudeSet.disabled = !id || !canEdit;
  $("attitude-who").textContent = id ? ": " + nameOf(id) : "";
  var g = id ? gridOf(id) : { attitude: undefined };
  attitudeSet.querySelectorAll("input[name=attitude]").forEach(function (r) {
    r.checked = id !== null && (r.value || null) === g.attitude;
  });
}

attitudeSet.addEventListener("change", function (ev) {
  if (!canEdit || !ws.selected || ws.selected.type !== "actor") return;
  var g = gridOf(ws.selected.id);
  setGrid(
    ws.selected.id,
    { power: g.power, interest: g.interest, attitude: ev.target.value || null },
    "act_attitude",
  );
});
