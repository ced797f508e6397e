/* graphsvc map browser: choose a lens and its settings, show the map in the iframe.
 *
 * Configuration comes from the JSON script element #graphsvc-browser. Names from data
 * only ever reach the DOM through textContent.
 *
 * The map URL is  {mapsUrl}/{lens}?id=…&lang=…&as_of=…&remove=…&size_by=…&radius=…
 * (id for municipality/project/ego, radius for ego, remove — repeated — for whatif,
 * as_of when set). The choice is kept in the address' #fragment, so a view can be
 * bookmarked and reloaded.
 *
 * The timeline (a slider over the data's years, when it has dates) sets as_of to
 * 31 December of the year it shows, reloading the map when the slider rests (debounced);
 * "Nu" clears the date (the network today). The date field and the slider follow each
 * other, and as_of is kept in the #fragment like the rest.
 *
 * For a project or municipality view, a "Rapport" link opens its printable report:
 *   {reportsUrl}/{lens}/{id}?lang=…&as_of=…
 * and a link makes a network survey of it: {surveysUrl}?project=…&lang=…
 *
 * window.graphsvcBrowser: state(), url(state?), show(), set(state), needsChoice().
 */
import { $, norm, pageData } from "./common.js";

var config = pageData("graphsvc-browser");
var ui = config.ui;
var form = document.getElementById("browser");
var frame = document.getElementById("map-frame");
var status = document.getElementById("status");
var openTab = document.getElementById("open-tab");
var download = document.getElementById("download");
var report = document.getElementById("report");
var makeSurvey = document.getElementById("make-survey");
var removedList = document.getElementById("removed");
var removed = []; // [[id, name]]

function lens() {
  var checked = form.querySelector("input[name=lens]:checked");
  return checked ? checked.value : "network";
}

var pickFor = { municipality: "pick-municipality", project: "pick-project", actor: "pick-actor" };

function state() {
  var l = lens();
  var need = config.needs[l];
  var s = {
    lens: l,
    id: null,
    lang: $("map-lang").value,
    as_of: $("as-of").value || null,
    remove: [],
    size_by: $("size-by").value,
    radius: null,
  };
  if (need && pickFor[need]) s.id = $(pickFor[need]).value || null;
  if (l === "ego") s.radius = Number($("radius").value);
  if (l === "whatif")
    s.remove = removed.map(function (r) {
      return r[0];
    });
  return s;
}

function query(s) {
  var q = new URLSearchParams();
  if (s.id) q.append("id", s.id);
  q.append("lang", s.lang);
  if (s.as_of) q.append("as_of", s.as_of);
  (s.remove || []).forEach(function (id) {
    q.append("remove", id);
  });
  q.append("size_by", s.size_by);
  if (s.radius !== null && s.radius !== undefined) q.append("radius", String(s.radius));
  return q;
}

function url(s) {
  s = s || state();
  return config.mapsUrl + "/" + encodeURIComponent(s.lens) + "?" + query(s).toString();
}

// The printable report (PDF) of a project or a municipality view; null for other lenses.
function reportUrlOf(s) {
  if (!s.id || (s.lens !== "project" && s.lens !== "municipality")) return null;
  var q = new URLSearchParams([["lang", s.lang]]);
  if (s.as_of) q.append("as_of", s.as_of);
  return config.reportsUrl + "/" + s.lens + "/" + encodeURIComponent(s.id) + "?" + q.toString();
}

// The page to make a network survey of a project or a municipality; null for other lenses.
function surveyUrlOf(s) {
  if (!s.id || !config.surveysUrl || (s.lens !== "project" && s.lens !== "municipality")) {
    return null;
  }
  var q = new URLSearchParams([
    [s.lens, s.id],
    ["lang", s.lang],
  ]);
  return config.surveysUrl + "?" + q.toString();
}

function needsChoice(s) {
  s = s || state();
  var need = config.needs[s.lens];
  if (!need) return false;
  if (need === "remove") return s.remove.length === 0;
  return !s.id;
}

function setStatus(text, warn) {
  status.textContent = text;
  status.classList.toggle("warn", !!warn);
}

function showPickers() {
  var need = config.needs[lens()] || "";
  document.querySelectorAll("fieldset.pick").forEach(function (f) {
    f.hidden = f.getAttribute("data-for") !== need;
  });
}

function show() {
  var s = state();
  if (needsChoice(s)) {
    setStatus(ui.needs_choice, true);
    return null;
  }
  var u = url(s);
  setStatus(ui.loading);
  if (frame.getAttribute("src") !== u) frame.setAttribute("src", u);
  openTab.setAttribute("href", u);
  download.setAttribute("href", u);
  download.setAttribute(
    "download",
    ["graphsvc", s.lens]
      .concat(s.id ? [s.id] : [])
      .join("-")
      .replace(/[^\w.-]+/g, "_") + ".html",
  );
  openTab.hidden = false;
  download.hidden = false;
  var reportUrl = reportUrlOf(s);
  report.hidden = !reportUrl;
  if (reportUrl) report.setAttribute("href", reportUrl);
  var surveyUrl = surveyUrlOf(s);
  makeSurvey.hidden = !surveyUrl;
  if (surveyUrl) makeSurvey.setAttribute("href", surveyUrl);
  var hash = new URLSearchParams([["lens", s.lens]].concat(Array.from(query(s).entries())));
  try {
    history.replaceState(null, "", "#" + hash.toString());
  } catch (e) {
    /* file: */
  }
  return u;
}

frame.addEventListener("load", function () {
  if (frame.getAttribute("src") === "about:blank") return;
  var title;
  try {
    title = frame.contentDocument ? frame.contentDocument.title : "";
  } catch (e) {
    title = "";
  }
  setStatus(title ? ui.showing + ": " + title : "");
});

// ---------------------------------------------------------------- pickers
function filterList(select, text) {
  var needle = norm(text).trim();
  var first = null;
  Array.prototype.forEach.call(select.options, function (o) {
    var hit =
      !needle || norm(o.textContent).indexOf(needle) >= 0 || norm(o.value).indexOf(needle) >= 0;
    o.hidden = !hit;
    if (hit && first === null) first = o;
  });
  return first;
}

document.querySelectorAll(".pick-filter").forEach(function (input) {
  var select = $(input.getAttribute("data-target"));
  input.addEventListener("input", function () {
    filterList(select, input.value);
  });
  input.addEventListener("keydown", function (ev) {
    if (ev.key !== "Enter") return;
    ev.preventDefault();
    var first = filterList(select, input.value);
    if (!first) return;
    select.value = first.value;
    if (select.id === "pick-remove") addRemoved();
    else show();
  });
});

function renderRemoved() {
  removedList.textContent = "";
  if (!removed.length) {
    var empty = document.createElement("li");
    empty.className = "empty";
    empty.textContent = ui.nothing_chosen;
    removedList.appendChild(empty);
    return;
  }
  removed.forEach(function (r, k) {
    var li = document.createElement("li");
    var name = document.createElement("span");
    name.textContent = r[1];
    var drop = document.createElement("button");
    drop.type = "button";
    drop.textContent = ui.remove_item;
    drop.setAttribute("aria-label", ui.remove_item + " " + r[1]);
    drop.addEventListener("click", function () {
      removed.splice(k, 1);
      renderRemoved();
      if (removed.length) show();
      else setStatus(ui.needs_choice, true);
    });
    li.appendChild(name);
    li.appendChild(drop);
    removedList.appendChild(li);
  });
}

function optionName(select, id) {
  for (var k = 0; k < select.options.length; k++) {
    if (select.options[k].value === id) return select.options[k].textContent;
  }
  return null;
}

function addRemoved(id) {
  var select = $("pick-remove");
  id = id || select.value;
  if (!id) return;
  var name = optionName(select, id);
  if (name === null) return;
  if (
    removed.some(function (r) {
      return r[0] === id;
    })
  )
    return;
  removed.push([id, name]);
  renderRemoved();
  show();
}

$("add-remove").addEventListener("click", function () {
  addRemoved();
});
$("pick-remove").addEventListener("dblclick", function () {
  addRemoved();
});

// ---------------------------------------------------------------- events
form.querySelectorAll("input[name=lens]").forEach(function (radio) {
  radio.addEventListener("change", function () {
    showPickers();
    if (!needsChoice()) show();
    else setStatus(ui.needs_choice, true);
  });
});
[
  "pick-municipality",
  "pick-project",
  "pick-actor",
  "radius",
  "as-of",
  "size-by",
  "map-lang",
].forEach(function (id) {
  $(id).addEventListener("change", function () {
    show();
  });
});
$("clear-date").addEventListener("click", function () {
  $("as-of").value = "";
  showYear();
  show();
});
$("as-of").addEventListener("change", function () {
  showYear();
});

// ---------------------------------------------------------------- timeline
var year = $("year");
var yearTimer = null;
var YEAR_WAIT_MS = 400; // the map reloads when the slider has rested this long

// The slider, its words and aria-valuetext follow the date field.
function showYear() {
  if (!year) return;
  var asOf = $("as-of").value;
  var text = ui.timeline_now;
  if (!asOf) {
    year.value = year.max;
  } else {
    var y = Number(asOf.slice(0, 4));
    year.value = String(Math.min(Number(year.max), Math.max(Number(year.min), y)));
    text = asOf.slice(5) === "12-31" ? ui.timeline_end_of.replace("{year}", y) : asOf;
  }
  $("year-value").textContent = text;
  year.setAttribute("aria-valuetext", text);
}

function yearMoved() {
  $("as-of").value = year.value + "-12-31";
  showYear();
  clearTimeout(yearTimer);
  yearTimer = setTimeout(show, YEAR_WAIT_MS);
}

if (year) {
  year.addEventListener("input", yearMoved);
  year.addEventListener("change", yearMoved);
  $("now").addEventListener("click", function () {
    clearTimeout(yearTimer);
    $("as-of").value = "";
    showYear();
    show();
  });
}
form.addEventListener("submit", function (ev) {
  ev.preventDefault();
  show();
});

// ---------------------------------------------------------------- state in the #fragment
function setState(s) {
  if (s.lens) {
    var radio = form.querySelector('input[name=lens][value="' + CSS.escape(s.lens) + '"]');
    if (radio) radio.checked = true;
  }
  var need = config.needs[lens()];
  if (s.id && need && pickFor[need] && optionName($(pickFor[need]), s.id) !== null) {
    $(pickFor[need]).value = s.id;
  }
  if (s.lang && optionName($("map-lang"), s.lang) !== null) $("map-lang").value = s.lang;
  if (s.size_by && optionName($("size-by"), s.size_by) !== null) $("size-by").value = s.size_by;
  if (s.as_of !== undefined) $("as-of").value = s.as_of || "";
  if (s.radius && optionName($("radius"), String(s.radius)) !== null)
    $("radius").value = String(s.radius);
  showYear();
  if (s.remove) {
    removed = [];
    s.remove.forEach(function (id) {
      var name = optionName($("pick-remove"), id);
      if (
        name !== null &&
        !removed.some(function (r) {
          return r[0] === id;
        })
      )
        removed.push([id, name]);
    });
    renderRemoved();
  }
  showPickers();
}

function fromHash() {
  if (location.hash.length < 2) return null;
  var q = new URLSearchParams(location.hash.slice(1));
  return {
    lens: q.get("lens"),
    id: q.get("id"),
    lang: q.get("lang"),
    as_of: q.get("as_of"),
    size_by: q.get("size_by"),
    radius: q.get("radius"),
    remove: q.getAll("remove"),
  };
}

window.graphsvcBrowser = {
  state: state,
  url: url,
  show: show,
  needsChoice: needsChoice,
  set: function (s) {
    setState(s);
    return show();
  },
};

var initial = fromHash();
if (initial) setState(initial);
else showPickers();
if (needsChoice()) setStatus(ui.needs_choice, true);
else show();
