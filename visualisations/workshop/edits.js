/* The workshop page's writes: one queue, undo and redo, adding actors and ties, removing. */
import { $, api, el, enc, enumLabel, setMsg, t, words } from "../common.js";
import { canEdit, exposed, WS, ws } from "./shared.js";
import { nameOf, refresh, say, wrote } from "./state.js";
import { select } from "./details.js";
import { byName, config, errorText, failure, placeName } from "./util.js";
import { combobox } from "./combobox.js";

// ------------------------------------------------------------ write queue, undo, redo
var queue = Promise.resolve();

// Writes go one after another, so an undo never overtakes the write it undoes.
export function enqueue(fn) {
  var p = queue.then(fn);
  queue = p.catch(function () {
    return null;
  });
  return p;
}

var undoStack = [];
var redoStack = [];
var undoBtn = $("undo");
var redoBtn = $("redo");

function label(entry) {
  return t.apply(null, entry.label);
}

export function updateUndo() {
  if (!undoBtn) return;
  var u = undoStack[undoStack.length - 1];
  var r = redoStack[redoStack.length - 1];
  undoBtn.disabled = !u;
  redoBtn.disabled = !r;
  undoBtn.title = u ? t("undo_what", label(u)) + "  (Ctrl+Z)" : t("nothing_to_undo");
  redoBtn.title = r ? t("redo_what", label(r)) + "  (Ctrl+Shift+Z)" : t("nothing_to_redo");
  undoBtn.setAttribute("aria-label", u ? t("undo_what", label(u)) : t("undo"));
  redoBtn.setAttribute("aria-label", r ? t("redo_what", label(r)) : t("redo"));
}

export function record(entry) {
  undoStack.push(entry);
  if (undoStack.length > 100) undoStack.shift();
  redoStack = [];
  updateUndo();
}

function step(from, to, method, doneKey, failKey) {
  var entry = from.pop();
  if (!entry) return Promise.resolve(false);
  updateUndo();
  return enqueue(entry[method])
    .then(
      function (res) {
        to.push(entry);
        say(t(doneKey, label(entry)));
        wrote(res);
        return true;
      },
      function (err) {
        // The world moved on (someone else removed it, say): this step cannot be replayed.
        say(t(failKey, label(entry), errorText(err)), true);
        refresh();
        return false;
      },
    )
    .then(function (ok) {
      updateUndo();
      return ok;
    });
}

function undo() {
  return step(undoStack, redoStack, "undo", "undone", "undo_failed");
}
function redo() {
  return step(redoStack, undoStack, "redo", "redone", "redo_failed");
}
exposed.undo = undo;
exposed.redo = redo;

if (undoBtn) {
  undoBtn.addEventListener("click", undo);
  redoBtn.addEventListener("click", redo);
}

function typing(target) {
  if (!target) return false;
  if (target.tagName === "TEXTAREA") return target.value !== "";
  if (target.tagName !== "INPUT") return false;
  var type = (target.type || "text").toLowerCase();
  return (
    ["text", "search", "password", "email", "url", "tel", "number"].indexOf(type) >= 0 &&
    target.value !== ""
  );
}

document.addEventListener("keydown", function (ev) {
  if (!canEdit || !(ev.ctrlKey || ev.metaKey) || ev.altKey) return;
  var k = ev.key.toLowerCase();
  var isUndo = k === "z" && !ev.shiftKey;
  var isRedo = (k === "z" && ev.shiftKey) || (k === "y" && !ev.shiftKey);
  if (!isUndo && !isRedo) return;
  // A field with text in it keeps the browser's own text undo; an empty one (as the
  // name field is right after adding an actor) undoes the last change to the map.
  if (typing(ev.target)) return;
  ev.preventDefault();
  if (isUndo) undo();
  else redo();
});

// Closing the card sends the keyboard focus, if it was in the card, back to the
// selected actor's chip (or the map), not to the top of the page.
function closeDetails() {
  var card = $("details");
  var hadFocus = card.contains(document.activeElement);
  var id = ws.selected && ws.selected.type === "actor" ? ws.selected.id : null;
  if (hadFocus) {
    // Before unselecting: focusing a chip selects its actor, which is selected already.
    var chip = id && document.querySelector('.chip[data-actor-id="' + CSS.escape(id) + '"]');
    (chip || $("map")).focus();
  }
  select(null);
}
$("details-close").addEventListener("click", closeDetails);
document.addEventListener("keydown", function (ev) {
  if (ev.ctrlKey || ev.metaKey || ev.altKey) return;
  var field = ev.target && /^(INPUT|SELECT|TEXTAREA)$/.test(ev.target.tagName);
  if (ev.key === "Escape" && ws.selected && !ev.defaultPrevented) {
    closeDetails();
  } else if (ev.key === "/" && !field && nameIn) {
    ev.preventDefault();
    nameIn.focus();
  }
});

// The calls each action and its inverse are made of.
function actorBody(a) {
  var body = { id: a.id };
  ["name", "kind", "sector", "scale", "locality"].forEach(function (k) {
    if (a[k] !== null && a[k] !== undefined && a[k] !== "") body[k] = a[k];
  });
  return body;
}

function tieBody(x) {
  return {
    id: x.id,
    source_id: x.source_id,
    target_id: x.target_id,
    kind: x.kind,
    status: x.status || "existing",
  };
}

function hasGrid(g) {
  return !!g && (g.power !== null || g.interest !== null || g.attitude !== null);
}

// Out of the workshop; what went with it (its ties, its grid place) is remembered
// so that putting it back restores them too.
function takeOut(id) {
  var actor = ws.actorsById[id];
  var touching = {};
  ws.S.ties.forEach(function (x) {
    if (x.source_id === id || x.target_id === id) touching[x.id] = x;
  });
  var grid =
    actor && actor.grid
      ? {
          power: actor.grid.power,
          interest: actor.grid.interest,
          attitude: actor.grid.attitude,
        }
      : null;
  return api("DELETE", WS + "/actors/" + enc(id)).then(function (res) {
    var gone = (res.deleted_ties || [])
      .map(function (tid) {
        return touching[tid];
      })
      .filter(Boolean);
    return { res: res, ties: gone, grid: grid };
  });
}

function putBack(actor, memo) {
  return api("POST", WS + "/actors", actorBody(actor)).then(function (res) {
    var chain = Promise.resolve(res);
    ((memo && memo.ties) || []).forEach(function (x) {
      chain = chain.then(function (last) {
        // A tie whose other end has left meanwhile cannot come back; skip it.
        return api("POST", WS + "/ties", tieBody(x)).catch(function () {
          return last;
        });
      });
    });
    if (memo && hasGrid(memo.grid)) {
      chain = chain.then(function () {
        return api("PUT", WS + "/grid/" + enc(actor.id), memo.grid);
      });
    }
    return chain;
  });
}

function actorEntry(actor, kindOfAction, memo) {
  var state = { memo: memo || null };
  var remove = function () {
    return takeOut(actor.id).then(function (m) {
      state.memo = m;
      return m.res;
    });
  };
  var add = function () {
    return putBack(actor, state.memo);
  };
  return kindOfAction === "add"
    ? { label: ["act_add_actor", actor.name], undo: remove, redo: add }
    : { label: ["act_remove_actor", actor.name], undo: add, redo: remove };
}

function tieEntry(tie, kindOfAction) {
  var add = function () {
    return api("POST", WS + "/ties", tieBody(tie)).then(function (res) {
      if (res && res.tie) tie.etag = res.tie.etag; // the version a later removal expects
      return res;
    });
  };
  var remove = function () {
    return api("DELETE", WS + "/ties/" + enc(tie.id), undefined, ifMatch(tie));
  };
  var names = [nameOf(tie.source_id), nameOf(tie.target_id)];
  return kindOfAction === "add"
    ? { label: ["act_add_tie"].concat(names), undo: remove, redo: add }
    : { label: ["act_remove_tie"].concat(names), undo: add, redo: remove };
}

export function gridEntry(id, before, after, key) {
  return {
    label: [key, nameOf(id)],
    undo: function () {
      return api("PUT", WS + "/grid/" + enc(id), before);
    },
    redo: function () {
      return api("PUT", WS + "/grid/" + enc(id), after);
    },
  };
}

// ------------------------------------------------------------ adding actors
export var localityTouched = false;
var sectorTouched = false;
var addForm = $("add-actor");
var nameIn = $("actor-name");
var actorMsg = $("actor-msg");
export var suggestBox = null;

function showActorMsg(text, kind, offer) {
  setMsg(
    actorMsg,
    text,
    kind,
    offer
      ? function (node) {
          var b = el("button", "link", t("use_existing"));
          b.type = "button";
          b.addEventListener("click", function () {
            include({ id: offer });
          });
          node.appendChild(document.createTextNode(" "));
          node.appendChild(b);
        }
      : null,
  );
}

function afterAdd(res, fallbackName) {
  var actor = res.actor;
  var name = (actor && actor.name) || fallbackName;
  if (res.created === false && actor && ws.actorsById[actor.id]) {
    showActorMsg(words("actor_already_in", name), "ok");
  } else {
    showActorMsg(words("actor_added", name), "ok");
    record(actorEntry(actor, "add"));
  }
  nameIn.value = "";
  suggestBox.reset();
  $("actor-kind").value = "";
  $("actor-sector").value = "";
  sectorTouched = false;
  wrote(res);
  if (actor) select({ type: "actor", id: actor.id }, "form");
  nameIn.focus();
}

function include(item) {
  if (ws.actorsById[item.id]) {
    showActorMsg(words("actor_already_in", item.name || nameOf(item.id)), "ok");
    select({ type: "actor", id: item.id }, "form");
    return Promise.resolve(null);
  }
  return enqueue(function () {
    return api("POST", WS + "/actors", { id: item.id });
  }).then(
    function (res) {
      afterAdd(res, item.name);
    },
    function (err) {
      showActorMsg(failure(err), "error");
    },
  );
}

// The server's notion of "the same name": case and spaces do not count.
function sameName(a, b) {
  var key = function (x) {
    return String(x).toLowerCase().replace(/\s+/g, "");
  };
  return key(a) === key(b);
}

function createActor() {
  var name = nameIn.value.trim();
  if (!name) {
    showActorMsg(words("name_needed"), "error");
    nameIn.focus();
    return;
  }
  var same = suggestBox.items().filter(function (a) {
    return sameName(a.name, name);
  })[0];
  if (same) {
    // Known already: offer it rather than asking for a kind it has.
    showActorMsg(words("duplicate", same.name), "error", same.id);
    return;
  }
  var kind = $("actor-kind").value;
  var sector = $("actor-sector").value;
  if (!kind || !sector) {
    showActorMsg(words("need_kind"), "error");
    (kind ? $("actor-sector") : $("actor-kind")).focus();
    return;
  }
  var body = { name: name, kind: kind, sector: sector };
  if ($("actor-locality").value) body.locality = $("actor-locality").value;
  suggestBox.close();
  enqueue(function () {
    return api("POST", WS + "/actors", body);
  }).then(
    function (res) {
      afterAdd(res, name);
    },
    function (err) {
      if (err.status === 409 && err.details.length && err.details[0].value) {
        showActorMsg(words("duplicate", name), "error", String(err.details[0].value));
      } else {
        showActorMsg(failure(err), "error");
      }
    },
  );
}

if (addForm) {
  suggestBox = combobox(nameIn, $("actor-suggest"), {
    fetch: function (q) {
      return api("GET", "/actors?q=" + enc(q) + "&limit=8&sort=name&shared_screen=true").then(
        function (page) {
          return (page && page.items) || [];
        },
      );
    },
    renderItem: function (li, a) {
      li.appendChild(el("span", "opt-name", a.name));
      var meta = [enumLabel("kind", a.kind), placeName(a.locality)].filter(Boolean).join(" · ");
      li.appendChild(el("span", "opt-meta", meta));
      if (ws.actorsById[a.id]) li.appendChild(el("span", "tag", t("already_in")));
    },
    onInput: function () {
      setMsg(actorMsg, "");
    },
    onPick: function (a) {
      include(a);
    },
  });
  addForm.addEventListener("submit", function (ev) {
    ev.preventDefault();
    createActor();
  });
  $("actor-kind").addEventListener("change", function () {
    var guess = config.kindSector[$("actor-kind").value];
    if (guess && (!sectorTouched || !$("actor-sector").value)) $("actor-sector").value = guess;
  });
  $("actor-sector").addEventListener("change", function () {
    sectorTouched = true;
  });
  $("actor-locality").addEventListener("change", function () {
    localityTouched = true;
  });
}

// ------------------------------------------------------------ adding ties
export var tieForm = $("add-tie");
var tieMsg = $("tie-msg");

export function renderTieSelects() {
  if (!tieForm) return;
  var sorted = ws.S.actors.slice().sort(byName);
  ["tie-source", "tie-target"].forEach(function (sid) {
    var select = $(sid);
    var keep = select.value;
    while (select.options.length > 1) select.remove(1);
    sorted.forEach(function (a) {
      var o = el("option", null, a.name);
      o.value = a.id;
      select.appendChild(o);
    });
    select.value = ws.actorsById[keep] ? keep : "";
  });
}

function addTie() {
  var s = $("tie-source").value;
  var d = $("tie-target").value;
  var kind = $("tie-kind").value;
  if (!s || !d || !kind) {
    setMsg(tieMsg, words("need_tie"), "error");
    (s ? $("tie-target") : $("tie-source")).focus();
    return;
  }
  if (s === d) {
    setMsg(tieMsg, words("same_actor"), "error");
    $("tie-target").focus();
    return;
  }
  var body = {
    source_id: s,
    target_id: d,
    kind: kind,
    status: $("tie-proposed").checked ? "proposed" : "existing",
  };
  enqueue(function () {
    return api("POST", WS + "/ties", body);
  }).then(
    function (res) {
      setMsg(tieMsg, words("tie_added"), "ok");
      record(tieEntry(res.tie, "add"));
      $("tie-target").value = "";
      $("tie-proposed").checked = false;
      wrote(res);
      $("tie-target").focus();
    },
    function (err) {
      setMsg(tieMsg, failure(err), "error");
    },
  );
}

if (tieForm) {
  tieForm.addEventListener("submit", function (ev) {
    ev.preventDefault();
    addTie();
  });
}

// Enter in a select submits its form, as it does in a text field: the forms are
// meant to be filled without touching the mouse.
[addForm, tieForm].forEach(function (form) {
  if (!form) return;
  form.addEventListener("keydown", function (ev) {
    if (ev.key === "Enter" && ev.target.tagName === "SELECT" && !ev.altKey) {
      ev.preventDefault();
      form.requestSubmit();
    }
  });
});

// ------------------------------------------------------------ removing
export function removeActor(id) {
  var actor = ws.actorsById[id];
  if (!actor) return;
  var copy = JSON.parse(JSON.stringify(actor));
  enqueue(function () {
    return takeOut(id);
  }).then(
    function (memo) {
      record(actorEntry(copy, "remove", memo));
      say(t("actor_removed", copy.name));
      if (ws.selected && ws.selected.id === id) select(null);
      wrote(memo.res);
      if (nameIn) nameIn.focus();
    },
    function (err) {
      say(errorText(err), true);
    },
  );
}

export function removeTie(id) {
  var tie = ws.tiesById[id];
  if (!tie) return;
  var copy = JSON.parse(JSON.stringify(tie));
  enqueue(function () {
    return api("DELETE", WS + "/ties/" + enc(id), undefined, ifMatch(tie));
  }).then(
    function (res) {
      record(tieEntry(copy, "remove"));
      if (ws.selected && ws.selected.type === "tie" && ws.selected.id === id) select(null);
      wrote(res);
    },
    function (err) {
      say(errorText(err), true);
      if (err.status === 412) refresh(); // someone changed the tie: show it as it is now
    },
  );
}

// Only remove the tie as it was shown: if someone changed it since, the server says 412.
function ifMatch(tie) {
  return tie.etag ? { "If-Match": tie.etag } : {};
}
