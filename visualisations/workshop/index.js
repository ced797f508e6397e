/* The index: the workshops, and a form to create one (empty, or from an actor or project). */
import {
  $,
  api,
  currentLang,
  day,
  el,
  enc,
  enumLabel,
  onLang,
  setMsg,
  t,
  words,
} from "../common.js";
import { errorText, failure, placeName } from "./util.js";
import { combobox } from "./combobox.js";

export function indexPage() {
  var listEl = $("workshop-list");
  var listMsg = $("list-msg");
  var workshops = null;

  function renderList() {
    listEl.textContent = "";
    if (workshops === null) return;
    if (!workshops.length) {
      listMsg.hidden = false;
      listMsg.textContent = t("no_workshops");
      return;
    }
    listMsg.hidden = true;
    workshops.forEach(function (w) {
      var li = el("li");
      var a = el("a", "ws-link", w.name);
      a.href = "/workshop/" + enc(w.id) + "?lang=" + currentLang();
      li.appendChild(a);
      if (w.purpose) li.appendChild(el("p", "ws-purpose", w.purpose));
      var meta = [placeName(w.municipality), day(w.date), t("n_counts", w.n_actors, w.n_ties)]
        .filter(Boolean)
        .join(" · ");
      li.appendChild(el("p", "muted", meta));
      listEl.appendChild(li);
    });
  }

  api("GET", "/workshops").then(
    function (found) {
      workshops = found || [];
      renderList();
    },
    function (err) {
      listMsg.textContent = errorText(err);
      listMsg.classList.add("error");
    },
  );
  onLang(renderList);

  var form = $("create");
  if (!form) return;
  var msg = $("create-msg");
  var pickBox = $("start-pick");
  var q = $("start-q");
  var chosenEl = $("start-chosen");
  var chosen = null;

  function startFrom() {
    var r = form.querySelector("input[name=start_from]:checked");
    return r ? r.value : "empty";
  }

  function showChosen() {
    chosenEl.textContent = chosen ? "✓ " + chosen.name : "";
  }

  function updateStart() {
    var from = startFrom();
    pickBox.hidden = from === "empty";
    $("radius-row").hidden = from !== "actor";
    var label = $("start-q-label");
    label.setAttribute("data-i18n", from === "actor" ? "find_actor" : "find_project");
    label.textContent = t(label.getAttribute("data-i18n"));
    chosen = null;
    showChosen();
    q.value = "";
    box.reset();
  }

  var box = combobox(q, $("start-list"), {
    fetch: function (text) {
      var what = startFrom() === "actor" ? "/actors" : "/projects";
      // shared_screen: a person who did not consent is not found by name on a projector
      return api(
        "GET",
        what +
          "?q=" +
          enc(text) +
          "&limit=8&sort=name" +
          (what === "/actors" ? "&shared_screen=true" : ""),
      ).then(function (page) {
        return (page && page.items) || [];
      });
    },
    renderItem: function (li, item) {
      li.appendChild(el("span", "opt-name", item.name));
      var meta =
        startFrom() === "actor"
          ? [enumLabel("kind", item.kind), placeName(item.locality)]
          : [enumLabel("theme", item.theme), (item.localities || []).map(placeName).join(", ")];
      li.appendChild(el("span", "opt-meta", meta.filter(Boolean).join(" · ")));
    },
    emptyText: function () {
      return t("no_match");
    },
    onInput: function () {
      chosen = null;
      showChosen();
    },
    onPick: function (item) {
      chosen = { id: item.id, name: item.name };
      q.value = item.name;
      showChosen();
    },
  });

  form.querySelectorAll("input[name=start_from]").forEach(function (r) {
    r.addEventListener("change", updateStart);
  });
  onLang(function () {
    showChosen();
    box.rerender();
  });

  form.addEventListener("submit", function (ev) {
    ev.preventDefault();
    var name = $("ws-name-in").value.trim();
    if (!name) {
      setMsg(msg, words("name_needed"), "error");
      $("ws-name-in").focus();
      return;
    }
    var from = startFrom();
    if (from !== "empty" && !chosen) {
      setMsg(msg, words("pick_required"), "error");
      q.focus();
      return;
    }
    var body = { name: name, start_from: from };
    var purpose = $("ws-purpose-in").value.trim();
    if (purpose) body.purpose = purpose;
    if ($("ws-municipality-in").value) body.municipality = $("ws-municipality-in").value;
    if ($("ws-date-in").value) body.date = $("ws-date-in").value;
    if (from !== "empty") body.start_id = chosen.id;
    if (from === "actor") body.radius = Number($("radius").value);
    var button = form.querySelector("button[type=submit]");
    button.disabled = true;
    setMsg(msg, words("loading"));
    api("POST", "/workshops", body).then(
      function (made) {
        location.assign("/workshop/" + enc(made.id) + "?lang=" + currentLang());
      },
      function (err) {
        button.disabled = false;
        setMsg(msg, failure(err), "error");
      },
    );
  });
}
