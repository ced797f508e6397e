/* graphsvc survey answer page (GET /s/{token}): one respondent's form, page by page.
 *
 * No framework and no imports: the whole page is this file, the inlined CSS and the
 * JSON in #survey-config (graphsvc.surveys.answer_page): both languages' words and
 * questions, the answer labels, the roster the respondent may name and their saved
 * answers. Every input writes into `state` at once, so switching the language redraws
 * the page without losing anything. Text from the survey and the roster reaches the
 * DOM only through textContent.
 *
 * Pages: 1 about the survey (GDPR art. 13), 2 the partners (a searchable list and
 * "someone not on the list"), 3 one screen per named partner (how often, kinds, since,
 * PARTNER's trust and value on 1–4, what it contributes), 4 what the collaboration
 * achieved. Each is saved with PUT /s/{token}/pages/{page} before the next is shown;
 * the same link later opens the first page not saved yet. The last page submits
 * (POST /s/{token}/submit).
 */

const config = JSON.parse(document.getElementById("survey-config").textContent);
const form = config.form;
const root = document.getElementById("root");
const announcer = document.getElementById("announce");
const base = location.pathname.replace(/\/+$/, "");
const STEPS = ["intro", "partners", "ratings", "outcomes"];
const SCALES = config.labels.trust.concat(config.labels.value);

const state = {
  lang: config.lang,
  step: "error", // intro | partners | ratings | outcomes | thanks | error
  partner: 0, // which named partner the ratings screen shows
  status: config.error, // the HTTP status that ended the form, if any
  resumed: false,
  alreadySent: false,
  errors: [], // [{id, key, args} | {id, text}]: the error summary
  notice: null, // {key} | {text}: a problem of the whole page (network, 429)
  busy: false,
  filter: "",
  chosen: new Set(), // roster ids named
  others: [], // [{name, checked}] named but not on the roster
  ratings: {}, // key -> the answers about that partner
  outcomes: { achieved: [], comment: "" },
  pagesDone: new Set(),
};

// ------------------------------------------------------------------ words

function w(key, ...args) {
  const text = config.words[state.lang][key];
  if (text === undefined) return key;
  return args.reduce((out, value, i) => out.split("{" + i + "}").join(String(value)), text);
}

function question(key, partner) {
  let text = form.questions[state.lang][key] || "";
  text = text.split("{topic}").join(form.title[state.lang] || "");
  return text.split("{partner}").join(partner || "");
}

function pick(row) {
  return state.lang === "da" ? row[1] : row[2];
}

function count(n, noun) {
  const forms = config.nouns[noun];
  const offset = state.lang === "da" ? 0 : 2;
  return number(n) + " " + forms[offset + (n === 1 ? 0 : 1)];
}

// 4.000 in Danish, 4,000 in English.
function number(n) {
  return Number(n).toLocaleString(state.lang === "da" ? "da-DK" : "en-GB");
}

// The key of a name "not on the list", as the server makes it (casefolded, spaces
// collapsed); upper then lower case comes close to Python's casefold (ß → ss).
function nameKey(name) {
  return name.split(/\s+/).filter(Boolean).join(" ").toUpperCase().toLowerCase();
}

function announce(text) {
  announcer.textContent = "";
  window.setTimeout(() => {
    announcer.textContent = text;
  }, 50);
}

// ------------------------------------------------------------------ DOM

function el(tag, props, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(props || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (name === "text") node.textContent = value;
    else if (name === "value") node.value = value;
    else if (name.startsWith("on")) node.addEventListener(name.slice(2), value);
    else if (name in node && typeof value !== "string") node[name] = value;
    else node.setAttribute(name, value === true ? "" : value);
  }
  for (const child of children.flat()) {
    if (child !== null && child !== undefined && child !== false) {
      node.append(typeof child === "string" ? document.createTextNode(child) : child);
    }
  }
  return node;
}

function errorFor(id) {
  const found = state.errors.find((e) => e.id === id);
  if (!found) return null;
  return found.text !== undefined ? found.text : w(found.key, ...(found.args || []));
}

function errorMessage(id) {
  const text = errorFor(id);
  if (text === null) return null;
  return el(
    "p",
    { class: "error-message", id: id + "-error" },
    el("span", { class: "visually-hidden", text: w("error_prefix") + " " }),
    text,
  );
}

function describedBy(id, ...others) {
  return (
    [...others, errorFor(id) !== null ? id + "-error" : null].filter(Boolean).join(" ") || null
  );
}

// A group of radio buttons or check boxes in a fieldset with its question as legend.
function choiceGroup({ id, legend, hint, type, options, selected, onchange, columns }) {
  const hintId = hint ? id + "-hint" : null;
  const field = el(
    "fieldset",
    {
      id,
      class: "field" + (errorFor(id) !== null ? " has-error" : ""),
      "aria-describedby": describedBy(id, hintId),
    },
    el("legend", { class: "question", text: legend }),
    hint ? el("p", { class: "hint", id: hintId, text: hint }) : null,
    errorMessage(id),
  );
  const list = el("div", { class: "choices" + (columns ? " " + columns : "") });
  options.forEach(([value, text, extra], i) => {
    const inputId = id + "-" + i;
    const checked = type === "radio" ? selected === value : selected.includes(value);
    list.append(
      el(
        "div",
        { class: "choice" },
        el("input", {
          type,
          id: inputId,
          name: id,
          value: String(value),
          checked,
          onchange: (event) => onchange(value, event.target.checked),
        }),
        el(
          "label",
          { for: inputId },
          text,
          extra ? el("span", { class: "meta", text: extra }) : null,
        ),
      ),
    );
  });
  field.append(list);
  return field;
}

function actions(backTo, primaryKey) {
  return el(
    "div",
    { class: "actions" },
    el("button", {
      type: "submit",
      class: "primary",
      id: "next",
      "data-key": primaryKey,
      text: w(primaryKey),
    }),
    backTo ? el("button", { type: "button", id: "back", text: w("back"), onclick: backTo }) : null,
  );
}

function errorSummary() {
  if (!state.errors.length && !state.notice) return null;
  const box = el("div", {
    class: "error-summary",
    id: "error-summary",
    tabindex: "-1",
    "aria-labelledby": "error-summary-h",
  });
  if (state.notice) {
    const text = state.notice.text !== undefined ? state.notice.text : w(state.notice.key);
    box.append(el("h2", { id: "error-summary-h", class: "summary-title", text }));
  } else {
    box.append(
      el("h2", { id: "error-summary-h", class: "summary-title", text: w("error_summary") }),
    );
  }
  if (state.errors.length) {
    box.append(
      el(
        "ul",
        {},
        state.errors.map((error) =>
          el(
            "li",
            {},
            el("a", {
              href: "#" + error.id,
              lang: error.lang || null,
              onclick: goToField,
              text: error.text !== undefined ? error.text : w(error.key, ...(error.args || [])),
            }),
          ),
        ),
      ),
    );
  }
  return box;
}

function goToField(event) {
  const id = event.currentTarget.getAttribute("href").slice(1);
  const target = document.getElementById(id);
  if (!target) return;
  event.preventDefault();
  const input = target.matches("input, textarea")
    ? target
    : target.querySelector("input[type=radio], input[type=checkbox]") ||
      target.querySelector("input, textarea");
  target.scrollIntoView({ block: "start" });
  if (input) input.focus({ preventScroll: true });
}

// ------------------------------------------------------------------ the answers

// The partners named so far, in the roster's order, then those not on the list.
function namedPartners() {
  const named = form.roster
    .filter((r) => state.chosen.has(r.id))
    .map((r) => ({ key: r.id, name: r.name, body: { actor_id: r.id } }));
  for (const other of state.others) {
    if (other.checked) {
      named.push({
        key: "other:" + nameKey(other.name),
        name: other.name,
        body: { other_name: other.name },
      });
    }
  }
  return named;
}

function rating(key) {
  if (!state.ratings[key]) {
    state.ratings[key] = { frequency: null, kinds: [], since: null, contributes: [] };
    for (const scale of SCALES) state.ratings[key][scale] = null;
  }
  return state.ratings[key];
}

function ratingProblems(answer) {
  const problems = [];
  if (!answer.frequency) problems.push({ id: "f-frequency", key: "err_frequency" });
  if (!answer.kinds.length) {
    problems.push({ id: "f-kinds", key: "err_kinds" });
  }
  const since =
    answer.sinceText !== undefined
      ? answer.sinceText.trim()
      : answer.since === null
        ? ""
        : String(answer.since);
  if (since && !(/^\d{4}$/.test(since) && +since >= 1900 && +since <= config.year)) {
    problems.push({ id: "f-since", key: "err_since", args: [config.year] });
  }
  return problems;
}

function ratingBody(answer) {
  const body = {
    frequency: answer.frequency,
    kinds: answer.kinds.slice(),
    contributes: answer.contributes.slice(),
  };
  const since = answer.sinceText !== undefined ? answer.sinceText.trim() : answer.since;
  body.since = since === null || since === "" ? null : Number(since);
  for (const scale of SCALES) body[scale] = answer[scale];
  return body;
}

// What PUT /s/{token}/pages/{page}?lang= gets: {page: the page's part of the answers}.
function pageBody(page) {
  if (page === "partners") return { partners: namedPartners().map((p) => p.body) };
  if (page === "ratings") {
    const ratings = {};
    for (const partner of namedPartners()) {
      const answer = state.ratings[partner.key];
      if (answer && !ratingProblems(answer).length) ratings[partner.key] = ratingBody(answer);
    }
    return { ratings };
  }
  return {
    outcomes: { achieved: state.outcomes.achieved.slice(), comment: state.outcomes.comment },
  };
}

function loadAnswers() {
  const answers = form.answers || {};
  for (const partner of answers.partners || []) {
    if (partner.actor_id) state.chosen.add(partner.actor_id);
    else if (partner.other_name) state.others.push({ name: partner.other_name, checked: true });
  }
  for (const [key, answer] of Object.entries(answers.ratings || {})) {
    const draft = rating(key);
    Object.assign(draft, answer);
    draft.kinds = (answer.kinds || []).slice();
    draft.contributes = (answer.contributes || []).slice();
  }
  if (answers.outcomes) {
    state.outcomes.achieved = (answers.outcomes.achieved || []).slice();
    state.outcomes.comment = answers.outcomes.comment || "";
  }
  form.pagesDone.forEach((page) => state.pagesDone.add(page));
}

// Where the link opens: the first page not saved yet.
function resume() {
  if (form.submitted) {
    state.alreadySent = true;
    return { step: "thanks" };
  }
  if (!state.pagesDone.has("partners"))
    return { step: state.pagesDone.size ? "partners" : "intro" };
  const named = namedPartners();
  const open = named.findIndex((p) => !(state.ratings[p.key] && state.ratings[p.key].frequency));
  if (open >= 0) return { step: "ratings", partner: open };
  return { step: "outcomes" };
}

// ------------------------------------------------------------------ talking to the app

async function call(method, path, body) {
  let response;
  try {
    response = await fetch(base + path, {
      method,
      headers: { "Content-Type": "application/json", Accept: "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
      cache: "no-store",
      credentials: "same-origin",
    });
  } catch (error) {
    return { ok: false, status: "network", data: null };
  }
  let data;
  try {
    data = await response.json();
  } catch (error) {
    data = null;
  }
  return { ok: response.ok, status: response.status, data };
}

// Where an error the server found belongs on the page (its field path, e.g.
// "ratings.trygfonden.frequency" or "partners[2].actor_id").
function fieldOf(path) {
  const text = String(path || "");
  if (text.startsWith("partners")) return "partners-field";
  if (text.startsWith("outcomes")) return text.includes("comment") ? "f-comment" : "f-achieved";
  const match =
    /(frequency|kinds|since|contributes|reliable|mission|open|power|involvement|resources)\b[^.]*$/.exec(
      text,
    );
  if (match && state.step === "ratings") return "f-" + match[1];
  return null;
}

// Handles an answer that was not ok; true when the form went on to another state.
function failed(result) {
  state.errors = [];
  state.notice = null;
  if (result.status === 409) {
    state.alreadySent = true;
    show("thanks");
    return true;
  }
  if (result.status === 404 || result.status === 410) {
    state.status = result.status;
    show("error");
    return true;
  }
  if (result.status === 422) {
    state.notice = { key: "http_422" };
    const details = (result.data && result.data.details) || [];
    for (const detail of details) {
      const id = fieldOf(detail.field || detail.column) || "error-summary";
      state.errors.push({ id, text: detail.message, lang: "en" });
    }
  } else if (result.status === 429 || result.status === "network") {
    state.notice = { key: "http_" + result.status };
  } else {
    state.notice = { key: "http_other" };
  }
  return false;
}

// While a request runs, the button says so and ignores presses; it keeps the focus.
function setBusy(on, key) {
  state.busy = on;
  const button = document.getElementById("next");
  if (!button) return;
  button.textContent = w(on ? key : button.dataset.key);
  if (on) button.setAttribute("aria-disabled", "true");
  else button.removeAttribute("aria-disabled");
  if (on) announce(w(key));
}

async function save(page) {
  setBusy(true, "saving");
  const result = await call("PUT", "/pages/" + page + "?lang=" + state.lang, pageBody(page));
  setBusy(false);
  if (result.ok) {
    state.pagesDone.add(page);
    state.errors = [];
    state.notice = null;
    if (page === "partners") pruneRatings();
    announce(w("saved"));
    return true;
  }
  if (!failed(result)) render("#error-summary");
  return false;
}

function pruneRatings() {
  const keys = new Set(namedPartners().map((p) => p.key));
  for (const key of Object.keys(state.ratings)) if (!keys.has(key)) delete state.ratings[key];
}

// ------------------------------------------------------------------ moving between pages

// Each page is a step in the browser's history, so a phone's back button goes to the
// previous page of the form (what it held stays in `state`), not away from the survey.
function show(step, partner, fromHistory) {
  state.step = step;
  if (partner !== undefined) state.partner = partner;
  state.errors = [];
  state.notice = null;
  if (!fromHistory) history.pushState({ step, partner: state.partner }, "", location.href);
  render("#step-h");
}

window.addEventListener("popstate", (event) => {
  const target = event.state;
  if (!target || !target.step || !form || state.busy) return;
  if (state.status || state.step === "thanks") {
    // the answers are sent or the link is closed: stay on what says so
    history.pushState({ step: state.step, partner: state.partner }, "", location.href);
    return;
  }
  if (target.step === "ratings" && !namedPartners().length) show("partners", 0, true);
  else show(target.step, target.partner, true);
});

function invalid(problems) {
  state.errors = problems;
  state.notice = null;
  render("#error-summary");
}

async function submitStep(event) {
  event.preventDefault();
  if (state.busy) return;
  const step = state.step;
  if (step === "intro") {
    show("partners");
    return;
  }
  if (step === "partners") {
    if (!namedPartners().length) {
      invalid([{ id: "partners-field", key: "err_no_partner" }]);
      return;
    }
    if (await save("partners")) {
      state.resumed = false;
      show("ratings", 0);
    }
    return;
  }
  if (step === "ratings") {
    const named = namedPartners();
    const problems = ratingProblems(rating(named[state.partner].key));
    if (problems.length) {
      invalid(problems);
      return;
    }
    if (await save("ratings")) {
      state.resumed = false;
      if (state.partner + 1 < named.length) show("ratings", state.partner + 1);
      else show("outcomes");
    }
    return;
  }
  if (step === "outcomes") {
    if (state.outcomes.comment.length > config.commentMax) {
      invalid([{ id: "f-comment", key: "err_comment", args: [number(config.commentMax)] }]);
      return;
    }
    if (!(await save("outcomes"))) return;
    setBusy(true, "sending");
    const result = await call("POST", "/submit");
    setBusy(false);
    if (result.ok) {
      state.alreadySent = false;
      show("thanks");
    } else if (!failed(result)) {
      render("#error-summary");
    }
  }
}

function back() {
  if (state.step === "partners") show("intro");
  else if (state.step === "ratings" && state.partner > 0) show("ratings", state.partner - 1);
  else if (state.step === "ratings") show("partners");
  else if (state.step === "outcomes") {
    const named = namedPartners();
    if (named.length) show("ratings", named.length - 1);
    else show("partners");
  }
}

// ------------------------------------------------------------------ the pages

function stepHeading(text) {
  // The progress ("Side 2 af 4") is read with the heading when the focus moves to it.
  return el("h2", {
    id: "step-h",
    tabindex: "-1",
    text,
    "aria-describedby": STEPS.includes(state.step) ? "progress" : null,
  });
}

function resumedNote() {
  return state.resumed ? el("p", { class: "note", text: w("resumed") }) : null;
}

function privacy(open) {
  const sections = form.privacy[state.lang].map((part) =>
    el(
      "div",
      { class: "privacy-part" },
      el("h4", { text: part.heading }),
      el("p", { text: part.text }),
    ),
  );
  if (open) {
    return el(
      "section",
      { class: "privacy", "aria-labelledby": "privacy-h" },
      el("h3", { id: "privacy-h", text: w("privacy_title") }),
      sections,
    );
  }
  return el("details", { class: "privacy" }, el("summary", { text: w("privacy_title") }), sections);
}

function introPage() {
  return el(
    "form",
    { id: "step-form", novalidate: true, onsubmit: submitStep },
    stepHeading(w("step_intro")),
    resumedNote(),
    el("p", { class: "lead", text: question("intro") }),
    form.asker ? el("p", { text: w("asked_by", form.asker) }) : null,
    form.respondent ? el("p", { text: w("respondent", form.respondent) }) : null,
    form.closes ? el("p", { text: w("closes", form.closes[state.lang]) }) : null,
    privacy(true),
    actions(null, "start"),
  );
}

function rosterMatches(entry, words) {
  const hay = [entry.name, entry.place || "", entry.sector ? entry.sector.join(" ") : ""]
    .join(" ")
    .toLowerCase();
  return words.every((word) => hay.includes(word));
}

function filterRoster(list, status, noMatch) {
  const words = state.filter.toLowerCase().split(/\s+/).filter(Boolean);
  let shown = 0;
  for (const item of list.children) {
    const entry = form.roster[Number(item.dataset.index)];
    const visible = rosterMatches(entry, words);
    item.hidden = !visible;
    if (visible) shown += 1;
  }
  status.textContent = w("shown", shown, form.roster.length);
  noMatch.hidden = shown > 0;
  noMatch.textContent = shown > 0 ? "" : w("no_match", state.filter.trim());
  return shown;
}

function chosenText() {
  const n = namedPartners().length;
  return n ? w("chosen", count(n, "partner")) : w("none_chosen");
}

function partnersPage() {
  const status = el("p", { id: "search-count", class: "hint" });
  const noMatch = el("p", { id: "no-match", class: "note", hidden: true });
  const chosen = el("p", { id: "chosen-count", class: "chosen" });
  const updateChosen = () => {
    chosen.textContent = chosenText();
  };
  const list = el("ul", { id: "roster", class: "choices roster" });
  form.roster.forEach((entry, i) => {
    const meta = [entry.sector ? pick([null, ...entry.sector]) : null, entry.place]
      .filter(Boolean)
      .join(" · ");
    const inputId = "p-" + i;
    list.append(
      el(
        "li",
        { class: "choice", "data-index": String(i) },
        el("input", {
          type: "checkbox",
          id: inputId,
          name: "partners",
          value: entry.id,
          checked: state.chosen.has(entry.id),
          onchange: (event) => {
            if (event.target.checked) state.chosen.add(entry.id);
            else state.chosen.delete(entry.id);
            updateChosen();
          },
        }),
        el(
          "label",
          { for: inputId },
          entry.name,
          meta ? el("span", { class: "meta", text: meta }) : null,
        ),
      ),
    );
  });
  let timer = null;
  const search = el("input", {
    type: "search",
    id: "search",
    autocomplete: "off",
    value: state.filter,
    "aria-describedby": "search-hint search-count",
    "aria-controls": "roster",
    oninput: (event) => {
      state.filter = event.target.value;
      const shown = filterRoster(list, status, noMatch);
      window.clearTimeout(timer);
      timer = window.setTimeout(
        () =>
          announce(
            shown ? w("shown", shown, form.roster.length) : w("no_match", state.filter.trim()),
          ),
        600,
      );
    },
  });
  filterRoster(list, status, noMatch);
  updateChosen();

  const otherError = errorFor("other-name");
  const otherInput = el("input", {
    type: "text",
    id: "other-name",
    autocomplete: "organization",
    maxlength: "300",
    "aria-describedby": describedBy("other-name", "other-hint"),
    "aria-invalid": otherError !== null ? "true" : null,
    onkeydown: (event) => {
      if (event.key === "Enter") {
        event.preventDefault();
        addOther();
      }
    },
  });
  const others = el("ul", { id: "others", class: "choices" });
  state.others.forEach((other, i) => {
    const inputId = "o-" + i;
    others.append(
      el(
        "li",
        { class: "choice" },
        el("input", {
          type: "checkbox",
          id: inputId,
          name: "others",
          value: other.name,
          checked: other.checked,
          onchange: (event) => {
            other.checked = event.target.checked;
            updateChosen();
          },
        }),
        el(
          "label",
          { for: inputId },
          other.name,
          el("span", { class: "meta", text: w("not_on_list") }),
        ),
      ),
    );
  });

  function addOther() {
    const name = otherInput.value.split(/\s+/).filter(Boolean).join(" ");
    state.errors = state.errors.filter((e) => e.id !== "other-name");
    if (!name) {
      state.errors.push({ id: "other-name", key: "err_other_empty" });
      render("#other-name");
      return;
    }
    const key = nameKey(name);
    const onRoster = form.roster.find((r) => nameKey(r.name) === key);
    if (onRoster) {
      state.chosen.add(onRoster.id);
    } else {
      const existing = state.others.find((o) => nameKey(o.name) === key);
      if (existing && existing.checked) {
        state.errors.push({ id: "other-name", key: "err_other_twice", args: [name] });
        render("#other-name");
        return;
      }
      if (existing) existing.checked = true;
      else state.others.push({ name, checked: true });
    }
    render("#other-name");
    announce(w("added", onRoster ? onRoster.name : name) + " " + chosenText());
  }

  return el(
    "form",
    { id: "step-form", novalidate: true, onsubmit: submitStep },
    stepHeading(w("step_partners")),
    resumedNote(),
    errorSummary(),
    el(
      "fieldset",
      {
        id: "partners-field",
        class: "field" + (errorFor("partners-field") !== null ? " has-error" : ""),
        "aria-describedby": describedBy("partners-field", "partners-hint"),
      },
      el("legend", { class: "question", text: question("partners") }),
      el("p", { class: "hint", id: "partners-hint", text: question("partners_hint") }),
      errorMessage("partners-field"),
      form.roster.length === 0
        ? null
        : el(
            "div",
            { class: "search" },
            el("label", { for: "search", text: w("search") }),
            el("p", { class: "hint", id: "search-hint", text: w("search_hint") }),
            search,
            status,
          ),
      list,
      noMatch,
    ),
    el(
      "fieldset",
      { id: "other-field", class: "field" },
      el("legend", { class: "question", text: w("other_legend") }),
      el("p", { class: "hint", id: "other-hint", text: w("other_hint") }),
      el("label", { for: "other-name", text: w("other_name") }),
      errorMessage("other-name"),
      el(
        "div",
        { class: "add-row" },
        otherInput,
        el("button", { type: "button", id: "other-add", text: w("add"), onclick: addOther }),
      ),
      others,
    ),
    chosen,
    actions(back, "next"),
  );
}

function scaleGroup(dimension, partnerName, answer) {
  const options = config.labels.scale.map((row) => [row[0], pick(row), null]);
  options.push([null, pick([null, ...config.labels.dontKnow]), null]);
  return choiceGroup({
    id: "f-" + dimension,
    legend: question(dimension, partnerName),
    type: "radio",
    options: options.map(([value, text]) => [
      value === null ? "dont_know" : value,
      value === null ? text : value + " – " + text,
    ]),
    selected:
      answer[dimension] === null
        ? answer[dimension + "Seen"]
          ? "dont_know"
          : undefined
        : answer[dimension],
    onchange: (value) => {
      answer[dimension] = value === "dont_know" ? null : Number(value);
      answer[dimension + "Seen"] = true;
    },
    columns: "scale",
  });
}

function ratingsPage() {
  const named = namedPartners();
  if (!named.length) return partnersPage();
  state.partner = Math.min(state.partner, named.length - 1);
  const partner = named[state.partner];
  const answer = rating(partner.key);
  const since =
    answer.sinceText !== undefined
      ? answer.sinceText
      : answer.since === null || answer.since === undefined
        ? ""
        : String(answer.since);
  const sinceError = errorFor("f-since");
  return el(
    "form",
    { id: "step-form", novalidate: true, onsubmit: submitStep },
    stepHeading(w("step_ratings", partner.name)),
    resumedNote(),
    errorSummary(),
    choiceGroup({
      id: "f-frequency",
      legend: question("frequency", partner.name),
      type: "radio",
      options: config.labels.frequency.map((row) => [row[0], pick(row)]),
      selected: answer.frequency,
      onchange: (value) => {
        answer.frequency = value;
      },
    }),
    choiceGroup({
      id: "f-kinds",
      legend: question("kinds", partner.name),
      hint: w("choose_all"),
      type: "checkbox",
      options: config.labels.kinds.map((row) => [row[0], pick(row)]),
      selected: answer.kinds,
      columns: "two",
      onchange: (value, on) => toggle(answer.kinds, value, on),
    }),
    el(
      "div",
      { class: "field" + (sinceError !== null ? " has-error" : ""), id: "f-since-field" },
      el(
        "label",
        { for: "f-since", class: "question" },
        question("since", partner.name) + " ",
        el("span", { class: "optional", text: w("optional") }),
      ),
      el("p", { class: "hint", id: "f-since-hint", text: w("since_hint") }),
      errorMessage("f-since"),
      el("input", {
        type: "text",
        id: "f-since",
        inputmode: "numeric",
        maxlength: "4",
        autocomplete: "off",
        class: "year",
        value: since,
        "aria-describedby": describedBy("f-since", "f-since-hint"),
        "aria-invalid": sinceError !== null ? "true" : null,
        oninput: (event) => {
          answer.sinceText = event.target.value;
        },
      }),
    ),
    el(
      "section",
      { class: "dimensions", "aria-labelledby": "trust-h" },
      el("h3", { id: "trust-h", text: question("trust", partner.name) }),
      el("p", {
        class: "hint",
        text: question("trust_hint", partner.name) + " " + w("scale_hint"),
      }),
      config.labels.trust.map((d) => scaleGroup(d, partner.name, answer)),
    ),
    el(
      "section",
      { class: "dimensions", "aria-labelledby": "value-h" },
      el("h3", { id: "value-h", text: question("value", partner.name) }),
      config.labels.value.map((d) => scaleGroup(d, partner.name, answer)),
    ),
    choiceGroup({
      id: "f-contributes",
      legend: question("contributes", partner.name),
      hint: w("choose_all"),
      type: "checkbox",
      options: config.labels.contributes.map((row) => [row[0], pick(row)]),
      selected: answer.contributes,
      columns: "two",
      onchange: (value, on) => toggle(answer.contributes, value, on),
    }),
    actions(back, "next"),
  );
}

function toggle(list, value, on) {
  const at = list.indexOf(value);
  if (on && at < 0) list.push(value);
  if (!on && at >= 0) list.splice(at, 1);
}

function outcomesPage() {
  const left = el("p", { class: "hint", id: "f-comment-left" });
  const updateLeft = () => {
    left.textContent = w(
      "characters_left",
      number(Math.max(0, config.commentMax - state.outcomes.comment.length)),
    );
  };
  updateLeft();
  const commentError = errorFor("f-comment");
  return el(
    "form",
    { id: "step-form", novalidate: true, onsubmit: submitStep },
    stepHeading(w("step_outcomes")),
    resumedNote(),
    errorSummary(),
    choiceGroup({
      id: "f-achieved",
      legend: question("outcomes"),
      hint: w("choose_all"),
      type: "checkbox",
      options: config.labels.outcomes.map((row) => [row[0], pick(row)]),
      selected: state.outcomes.achieved,
      columns: "two",
      onchange: (value, on) => toggle(state.outcomes.achieved, value, on),
    }),
    el(
      "div",
      { class: "field" + (commentError !== null ? " has-error" : "") },
      el(
        "label",
        { for: "f-comment", class: "question" },
        question("comment") + " ",
        el("span", { class: "optional", text: w("optional") }),
      ),
      el("p", {
        class: "hint",
        id: "f-comment-hint",
        text: w("comment_hint", number(config.commentMax)),
      }),
      errorMessage("f-comment"),
      el("textarea", {
        id: "f-comment",
        rows: "6",
        maxlength: String(config.commentMax),
        value: state.outcomes.comment,
        "aria-describedby": describedBy("f-comment", "f-comment-hint", "f-comment-left"),
        "aria-invalid": commentError !== null ? "true" : null,
        oninput: (event) => {
          state.outcomes.comment = event.target.value;
          updateLeft();
        },
      }),
      left,
    ),
    actions(back, "send"),
  );
}

function thanksPage() {
  const asker = form.asker || w("http_contact_fallback");
  return el(
    "div",
    { class: "card done" },
    stepHeading(w("thanks_title")),
    el("p", { text: state.alreadySent ? w("already_sent") : w("thanks_text", asker) }),
    privacy(false),
  );
}

function errorPage() {
  const key = [404, 409, 410, 429].includes(state.status) ? "http_" + state.status : "http_other";
  const contact = (form && form.contact) || w("http_contact_fallback");
  return el(
    "div",
    { class: "card notice", id: "link-problem" },
    form ? stepHeading(w("http_title")) : null,
    el("p", { text: w(key, contact) }),
  );
}

// ------------------------------------------------------------------ drawing

const PAGES = {
  intro: introPage,
  partners: partnersPage,
  ratings: ratingsPage,
  outcomes: outcomesPage,
  thanks: thanksPage,
  error: errorPage,
};

function render(focus) {
  document.documentElement.lang = state.lang;
  for (const node of document.querySelectorAll("[data-i18n]"))
    node.textContent = w(node.dataset.i18n);
  for (const node of document.querySelectorAll("[data-i18n-aria-label]")) {
    node.setAttribute("aria-label", w(node.dataset.i18nAriaLabel));
  }
  for (const button of document.querySelectorAll(".lang-switch button")) {
    button.setAttribute("aria-pressed", String(button.dataset.lang === state.lang));
  }
  const title = form ? form.title[state.lang] || w("title") : w("http_title");
  document.getElementById("survey-title").textContent = title;
  const progress = document.getElementById("progress");
  const page = STEPS.indexOf(state.step);
  progress.hidden = page < 0;
  if (page >= 0) {
    const named = state.step === "ratings" ? namedPartners() : [];
    progress.textContent = named.length
      ? w("progress_partner", page + 1, STEPS.length, state.partner + 1, named.length)
      : w("progress", page + 1, STEPS.length);
  }
  const content = PAGES[state.step]();
  root.replaceChildren(content);
  const heading = document.getElementById("step-h");
  document.title =
    (heading && heading.textContent !== title ? heading.textContent + " – " : "") + title;
  if (focus) {
    const target = document.querySelector(focus);
    if (target) target.focus();
  }
}

function setLang(code) {
  if (code === state.lang || !config.words[code]) return;
  state.lang = code;
  const url = new URL(location.href);
  url.searchParams.set("lang", code);
  history.replaceState(history.state, "", url.pathname + url.search);
  render(null);
  announce(code === "da" ? "Dansk" : "English");
}

for (const button of document.querySelectorAll(".lang-switch button")) {
  button.addEventListener("click", () => setLang(button.dataset.lang));
}

if (form && !state.status) {
  loadAnswers();
  const start = resume();
  state.resumed = state.pagesDone.size > 0 && start.step !== "thanks";
  state.step = start.step;
  state.partner = start.partner || 0;
} else {
  state.status = state.status || 404;
  state.step = "error";
}
history.replaceState({ step: state.step, partner: state.partner }, "", location.href);
render(null);

// For the tests and for anyone looking at the page from the console.
window.graphsvcSurvey = {
  ready: true,
  state: () => ({
    step: state.step,
    partner: state.partner,
    lang: state.lang,
    pagesDone: [...state.pagesDone],
    named: namedPartners().map((p) => p.key),
  }),
  setLang,
};
