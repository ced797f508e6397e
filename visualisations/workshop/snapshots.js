/* The workshop page's snapshots: taking one, the list, comparing two. */
import { $, api, el, enc, enumLabel, num, setMsg, t, words } from "../common.js";
import { WS, ws } from "./shared.js";
import { nameOf } from "./state.js";
import { failure, moment } from "./util.js";

// ------------------------------------------------------------ snapshots
export function loadSnapshots() {
  return api("GET", WS + "/snapshots").then(
    function (list) {
      ws.snapshots = list || [];
      renderSnapshots();
    },
    function (err) {
      setMsg($("snapshot-msg"), failure(err), "error");
    },
  );
}

function snapshotTitle(s) {
  return (s.note || t("no_note")) + " – " + moment(s.created);
}

export function renderSnapshots() {
  var list = $("snapshot-list");
  list.textContent = "";
  if (!ws.snapshots.length) list.appendChild(el("li", "muted none", t("no_snapshots")));
  ws.snapshots.forEach(function (s) {
    var li = el("li");
    li.appendChild(el("strong", null, s.note || t("no_note")));
    li.appendChild(
      el("span", "muted", moment(s.created) + " · " + t("n_counts", s.n_actors, s.n_ties)),
    );
    list.appendChild(li);
  });
  var a = $("compare-a");
  var b = $("compare-b");
  var keepA = a.value;
  var keepB = b.value;
  a.textContent = "";
  b.textContent = "";
  ws.snapshots.forEach(function (s) {
    var o = el("option", null, snapshotTitle(s));
    o.value = s.id;
    a.appendChild(o);
    b.appendChild(o.cloneNode(true));
  });
  var now = el("option", null, t("current"));
  now.value = "current";
  b.appendChild(now);
  var ids = ws.snapshots.map(function (s) {
    return s.id;
  });
  a.value = ids.indexOf(keepA) >= 0 ? keepA : ids[ids.length - 1] || "";
  b.value = keepB && (keepB === "current" || ids.indexOf(keepB) >= 0) ? keepB : "current";
  $("compare-form").hidden = !ws.snapshots.length;
}

var snapForm = $("snapshot-form");
if (snapForm) {
  snapForm.addEventListener("submit", function (ev) {
    ev.preventDefault();
    var note = $("snapshot-note").value.trim();
    var btn = snapForm.querySelector("button");
    btn.disabled = true;
    api("POST", WS + "/snapshots", { note: note })
      .then(
        function () {
          $("snapshot-note").value = "";
          setMsg($("snapshot-msg"), words("snapshot_taken"), "ok");
          return loadSnapshots();
        },
        function (err) {
          setMsg($("snapshot-msg"), failure(err), "error");
        },
      )
      .then(function () {
        btn.disabled = false;
      });
  });
}

$("compare-form").addEventListener("submit", function (ev) {
  ev.preventDefault();
  var a = $("compare-a").value;
  var b = $("compare-b").value;
  if (!a || !b || a === b) {
    setMsg($("snapshot-msg"), words("need_two"), "error");
    return;
  }
  setMsg($("snapshot-msg"), "");
  api("GET", WS + "/compare?a=" + enc(a) + "&b=" + enc(b)).then(
    function (res) {
      ws.lastCompare = res;
      renderCompare();
    },
    function (err) {
      setMsg($("snapshot-msg"), failure(err), "error");
    },
  );
});

function gridText(g) {
  if (!g) return "–";
  var where =
    g.power === null || g.power === undefined || g.interest === null || g.interest === undefined
      ? t("not_placed")
      : t("power_interest", num(g.power, 2), num(g.interest, 2));
  return g.attitude ? where + ", " + t(g.attitude) : where;
}

export function renderCompare() {
  var out = $("compare-out");
  out.textContent = "";
  var c = ws.lastCompare;
  if (!c) return;
  var tieName = function (x) {
    return (
      nameOf(x.source_id) + " – " + nameOf(x.target_id) + " (" + enumLabel("tie_kind", x.kind) + ")"
    );
  };
  var sections = [
    [
      "actors_added",
      c.actors_added,
      function (x) {
        return x.name;
      },
    ],
    [
      "actors_removed",
      c.actors_removed,
      function (x) {
        return x.name;
      },
    ],
    ["ties_added", c.ties_added, tieName],
    ["ties_removed", c.ties_removed, tieName],
    [
      "measures_changed",
      c.measures_changed,
      function (x) {
        return (
          x.name +
          ": " +
          enumLabel("measure", x.measure) +
          " " +
          num(x.before, 3) +
          " → " +
          num(x.after, 3)
        );
      },
    ],
    [
      "grid_changed",
      c.grid_changed,
      function (x) {
        return x.name + ": " + gridText(x.before) + " → " + gridText(x.after);
      },
    ],
  ];
  var any = false;
  sections.forEach(function (s) {
    var items = s[1] || [];
    if (!items.length) return;
    any = true;
    out.appendChild(el("h4", null, t(s[0]) + " (" + items.length + ")"));
    var ul = el("ul", "plain diff");
    items.forEach(function (x) {
      ul.appendChild(el("li", null, s[2](x)));
    });
    out.appendChild(ul);
  });
  if (!any) out.appendChild(el("p", "muted", t("nothing_changed")));
}
