/* graphsvc import page: a file in, its mapping checked and fixed, a dry run, the import.
 *
 * Configuration comes from the JSON script element #graphsvc-import (both languages'
 * words, field names and enum labels, so the language switches without a reload). Text
 * from files only ever reaches the DOM through textContent, never innerHTML.
 *
 * The flow: choosing (or dropping) files sends them to POST /imports/preview, which
 * answers the detected mapping (a choice per column of every sheet), the first rows as
 * they will be stored and every problem. Changing a choice asks for the preview again
 * with the mapping as the page shows it. "Try the import" posts the files and that
 * mapping to POST /imports?dry_run=true; only after a trial of the current files and
 * mapping is "Import" enabled, which posts the same to POST /imports.
 *
 * window.graphsvcImport (tests): ready, busy(), preview(), mapping(), result(),
 * setLang(code), lang().
 */
import {
  $,
  api,
  applyWords,
  commonErrorText,
  currentLang,
  day,
  el,
  enumLabel,
  locale,
  num,
  onLang,
  pageData,
  setLang,
  setMsg,
  startLanguage,
  t,
  useWords,
  words,
} from "./common.js";

var config = pageData("graphsvc-import");
var MAX_ROWS_SHOWN = 200; // problems listed in the page; the count says how many more

var files = []; // the File objects chosen
var preview = null; // the last ImportPreview
var mapping = null; // the mapping the page shows (the last preview's)
var savedMapping = null; // the text of a saved mapping file (.toml) chosen with the files
var savedName = "";
var triedKey = null; // what the last successful trial was of (files + mapping)
var result = null; // the last ImportResult
var imported = false; // the current files were imported (the map link stays)
var busy = 0;
var seq = 0; // answers to older requests are dropped
var previewLang = null; // the language the preview's problems are said in

// ---------------------------------------------------------------- helpers
function pick(pair) {
  return pair ? pair[currentLang() === "da" ? 0 : 1] : "";
}

function fieldName(field) {
  var pair = config.fields[field];
  return pair ? pick(pair) : String(field);
}

function announce(text) {
  var live = $("announce");
  live.textContent = "";
  // A fresh text node after a tick, so screen readers say it even when it repeats.
  setTimeout(function () {
    live.textContent = text;
  }, 50);
}

// ---------------------------------------------------------------- the JSON API
function count(x) {
  return num(x || 0);
}

function errorText(err) {
  var said = commonErrorText(err);
  if (said !== null) return said;
  if (err.status === 413) {
    var limit = /([\d,.]+) bytes/.exec(err.message || "");
    if (!limit) return t("too_large");
    return t("too_large_limit", num(Number(limit[1].replace(/[,.]/g, "")) / 1e6));
  }
  if (err.status === 409) return t("conflict");
  return t("error", serverText(err.message).text);
}

// The server's messages about the uploaded files (English, as every API message), said
// in the page's language when known; others stay as they are, marked English. A problem
// the server said in the page's language (its `text`, `lang`) is shown as it is.
// A message may start with the file it is about ("liste.xlsx: cannot read …"), kept.
var SERVER_WORDS = [
  [/unsupported file type; expected one of (.+)$/, "m_unsupported"],
  [/the same file name was uploaded twice$/, "m_twice"],
  [/the file is empty.*$/, "m_empty"],
  [/cannot read this workbook.*$/, "m_workbook"],
  [/missing required column\(s\) (.+)$/, "m_missing_columns"],
  [/^no files uploaded$/, "m_no_files"],
];

function serverText(message) {
  var text = message || "";
  for (var k = 0; k < SERVER_WORDS.length; k++) {
    var found = SERVER_WORDS[k][0].exec(text);
    if (found && (found.index === 0 || text.slice(found.index - 2, found.index) === ": "))
      return { text: text.slice(0, found.index) + t(SERVER_WORDS[k][1], found[1]), lang: null };
  }
  return { text: text, lang: "en" };
}

function formWith(extra) {
  var form = new FormData();
  files.forEach(function (f) {
    form.append("files", f, f.name);
  });
  var given = givenMapping();
  if (given) form.append("mapping", JSON.stringify(given));
  else if (savedMapping) form.append("mapping", savedMapping);
  Object.keys(extra || {}).forEach(function (k) {
    form.append(k, extra[k]);
  });
  return form;
}

// Only what was chosen (here, or in a saved mapping file) goes back: the server detects
// the rest again, and says how each column was decided.
function givenMapping() {
  var sheets = sheetsOf()
    .map(function (sheet) {
      var mine = (sheet.columns || []).filter(function (c) {
        return c.decided_by === "mapping";
      });
      return {
        sheet: sheet.sheet,
        name: sheet.name,
        shape: sheet.shape,
        columns: mine.map(function (c) {
          return { column: c.column, target: c.target };
        }),
      };
    })
    .filter(function (sheet) {
      return sheet.columns.length;
    });
  return sheets.length ? { version: 1, sheets: sheets } : null;
}

function setBusy(delta) {
  busy += delta;
  document.body.classList.toggle("busy", busy > 0);
  document.body.setAttribute("aria-busy", busy > 0 ? "true" : "false");
  updateButtons();
}

// ---------------------------------------------------------------- language
// The page's own parts of a switch of language (common.js does the rest).
function applyPageWords() {
  document.querySelectorAll("a[data-lang-link]").forEach(function (a) {
    var u = new URL(a.getAttribute("href"), location.href);
    u.searchParams.set("lang", currentLang());
    a.setAttribute("href", u.pathname + u.search);
  });
  var hint = $("file-hint");
  if (hint) {
    hint.textContent = t("formats", config.suffixes.join(", "));
    hint.hidden = !config.suffixes.length;
  }
  if (preview) renderPreview();
  if (result) renderResult();
  // the server says the problems of a row in the language asked: ask again in this one
  var listed = preview ? preview.problems.length + (preview.notes || []).length : 0;
  if (listed && previewLang !== currentLang() && !busy) askPreview();
}

// ---------------------------------------------------------------- 1 the file
function suffixOf(name) {
  var m = /\.[^.]+$/.exec(name || "");
  return m ? m[0].toLowerCase() : "";
}

function chooseFiles(list) {
  var picked = Array.prototype.slice.call(list || []);
  if (!picked.length) return;
  var mappings = picked.filter(function (f) {
    return suffixOf(f.name) === ".toml";
  });
  var data = picked.filter(function (f) {
    return suffixOf(f.name) !== ".toml";
  });
  var wrong = data.filter(function (f) {
    return config.suffixes.length && config.suffixes.indexOf(suffixOf(f.name)) < 0;
  });
  if (wrong.length || mappings.length > 1) {
    var names = (wrong.length ? wrong : mappings.slice(1))
      .map(function (f) {
        return f.name;
      })
      .join(", ");
    setMsg($("file-msg"), words("wrong_type", names), "error");
    announce(t("wrong_type", names));
    return;
  }
  if (!data.length && !files.length) {
    setMsg($("file-msg"), words("mapping_needs_file"), "error");
    announce(t("mapping_needs_file"));
    return;
  }
  var go = function () {
    if (data.length) files = data;
    // The choices made so far stay: a corrected file chosen again keeps them (the
    // server applies them by sheet and column name). A saved mapping file replaces
    // them; "Start over" forgets them.
    preview = null;
    result = null;
    imported = false;
    triedKey = null;
    $("result").textContent = "";
    $("after-import").hidden = true;
    $("start-over").hidden = false;
    askPreview();
  };
  if (!mappings.length) {
    go();
    return;
  }
  mappings[0].text().then(function (text) {
    savedMapping = text;
    savedName = mappings[0].name;
    mapping = null;
    go();
  });
}

function fileNames() {
  var names = files.map(function (f) {
    return f.name;
  });
  if (savedMapping && !mapping) names.push(savedName);
  return names.join(", ");
}

function startOver() {
  files = [];
  mapping = null;
  savedMapping = null;
  preview = null;
  result = null;
  imported = false;
  triedKey = null;
  seq++;
  $("file").value = "";
  setMsg($("file-msg"), null);
  $("start-over").hidden = true;
  ["step-mapping", "step-problems", "step-notes", "step-rows", "step-import"].forEach(
    function (id) {
      $(id).hidden = true;
    },
  );
  $("result").textContent = "";
  $("after-import").hidden = true;
  $("file").focus();
}

// ---------------------------------------------------------------- 2 the preview
function askPreview() {
  var mine = ++seq;
  var first = !preview;
  setMsg($("file-msg"), words("reading", fileNames()), null);
  if (!first) announce(t("updating"));
  setBusy(1);
  var asked = currentLang();
  api("POST", "/imports/preview?lang=" + asked, formWith())
    .then(
      function (answer) {
        if (mine !== seq) return;
        preview = answer;
        previewLang = asked;
        mapping = answer.mapping;
        triedKey = null;
        setMsg($("file-msg"), words("read_ok", fileNames()), "ok");
        renderPreview();
        var rows = previewRowCount();
        var n = answer.problems.length;
        announce(
          t(
            "updated",
            rows === 1 ? t("one_row") : t("n_rows", count(rows)),
            n === 0
              ? t("no_problems_short")
              : n === 1
                ? t("one_problem_short")
                : t("n_problems_short", count(n)),
          ),
        );
      },
      function (err) {
        if (mine !== seq) return;
        preview = null;
        ["step-mapping", "step-notes", "step-rows", "step-import"].forEach(function (id) {
          $(id).hidden = true;
        });
        setMsg(
          $("file-msg"),
          function () {
            return errorText(err);
          },
          "error",
        );
        renderProblems(err.details);
        announce(errorText(err));
      },
    )
    .then(function () {
      setBusy(-1);
    });
}

function previewRowCount() {
  var counts = preview.counts || {};
  var total = 0;
  Object.keys(counts).forEach(function (k) {
    total += Number(counts[k] || 0);
  });
  return total;
}

function renderPreview() {
  renderSheets();
  offerMapping();
  renderProblems(preview.problems);
  renderNotes(preview.notes || []);
  renderRows();
  $("step-import").hidden = false;
  updateButtons();
}

// The mapping as a TOML file, to choose again with next quarter's file.
var mappingUrl = null;
function offerMapping() {
  var link = $("save-mapping");
  if (mappingUrl) URL.revokeObjectURL(mappingUrl);
  mappingUrl = null;
  link.hidden = !preview.mapping_toml;
  if (!preview.mapping_toml) return;
  mappingUrl = URL.createObjectURL(new Blob([preview.mapping_toml], { type: "application/toml" }));
  link.href = mappingUrl;
  var stem = (files[0] ? files[0].name : "import").replace(/\.[^.]+$/, "");
  link.setAttribute("download", stem + "-mapping.toml");
}

function sheetsOf() {
  return (mapping && mapping.sheets) || [];
}

// A choice's words: a target of the mapping, or (graphsvc's own tables) a stored field.
function choiceLabel(sheet, value) {
  if (sheet.shape === "tables" && value !== "ignore") return fieldName(value);
  var pair = config.targets[value];
  return pair ? pick(pair) : String(value);
}

function shapeText(sheet) {
  var key = "shape_" + sheet.shape;
  return t("shape", sheet.shape === "tables" ? t(key, t("t_" + sheet.table)) : t(key));
}

function renderSheets() {
  var box = $("sheets");
  var focused = document.activeElement && document.activeElement.id;
  box.textContent = "";
  var examples = preview.examples || {};
  sheetsOf().forEach(function (sheet, s) {
    box.appendChild(el("h3", null, sheet.sheet));
    box.appendChild(el("p", "hint", shapeText(sheet)));
    var columns = sheet.columns || [];
    if (
      !columns.length ||
      !columns.some(function (c) {
        return (c.choices || []).length;
      })
    ) {
      if (sheet.shape.indexOf("graphsvc-") === 0)
        box.appendChild(el("p", "hint", t("mapped_exactly")));
      return;
    }
    var seen = examples[sheet.sheet] || {};
    var exampleOf = function (col) {
      return col.examples || seen[col.column] || [];
    };
    var withExamples = columns.some(function (col) {
      return exampleOf(col).length;
    });
    var wrap = el("div", "scroll");
    var table = el("table", "mapping");
    table.appendChild(el("caption", "visually-hidden", t("sheet_caption", sheet.sheet)));
    var head = el("tr");
    (withExamples ? ["col_column", "col_examples", "col_use"] : ["col_column", "col_use"]).forEach(
      function (k) {
        var th = el("th", null, t(k));
        th.scope = "col";
        head.appendChild(th);
      },
    );
    table.appendChild(el("thead")).appendChild(head);
    var body = el("tbody");
    columns.forEach(function (col, c) {
      var undecided = col.target === "undecided" || col.decided_by === "undecided";
      var tr = el("tr", undecided ? "undecided" : col.decided_by === "mapping" ? "changed" : null);
      var th = el("th", null, col.column);
      th.scope = "row";
      tr.appendChild(th);
      if (withExamples) tr.appendChild(el("td", "examples", exampleOf(col).join(" · ")));
      var td = el("td");
      var select = el("select");
      select.id = "use-" + s + "-" + c;
      select.setAttribute("aria-label", t("use_for", col.column));
      select.setAttribute("data-column", col.column);
      var values = (col.choices || []).slice();
      if (undecided) values.unshift("undecided");
      values.forEach(function (value) {
        var o = el("option", null, choiceLabel(sheet, value));
        o.value = value;
        if (value === "undecided") o.disabled = true;
        if (value === col.target) o.selected = true;
        select.appendChild(o);
      });
      select.addEventListener("change", function () {
        choose(col, select.value);
      });
      td.appendChild(select);
      var how = el(
        "span",
        "how" + (undecided ? " undecided" : ""),
        t("how_" + (undecided ? "undecided" : col.decided_by)),
      );
      how.id = select.id + "-how";
      select.setAttribute("aria-describedby", how.id);
      td.appendChild(how);
      tr.appendChild(td);
      body.appendChild(tr);
    });
    table.appendChild(body);
    wrap.appendChild(table);
    box.appendChild(wrap);
  });
  $("step-mapping").hidden = !sheetsOf().length;
  if (focused && $(focused)) $(focused).focus();
}

function choose(col, value) {
  col.target = value;
  col.decided_by = "mapping";
  col.note = null;
  triedKey = null;
  updateButtons();
  askPreview();
}

function renderNotes(notes) {
  var box = $("notes");
  box.textContent = "";
  $("step-notes").hidden = !notes.length;
  if (!notes.length) return;
  box.appendChild(problemTable(notes, t("notes"), "n_message"));
}

// ---------------------------------------------------------------- problems
function renderProblems(problems) {
  var list = problems || [];
  var box = $("problems");
  box.textContent = "";
  $("step-problems").hidden = false;
  var counter = $("problem-count"); // not "count": that is the number formatter
  if (!list.length) {
    setMsg(counter, words("no_problems"), "ok");
    return;
  }
  setMsg(
    counter,
    list.length === 1 ? words("one_problem") : words("n_problems", count(list.length)),
    "error",
  );
  box.appendChild(problemTable(list, t("problems"), "p_message"));
  if (list.length > MAX_ROWS_SHOWN)
    box.appendChild(el("p", "hint", t("more_problems", count(list.length - MAX_ROWS_SHOWN))));
  box.appendChild(el("p", "hint", t("problems_fix")));
}

// Problems (and notes): file, row, column, what.
function problemTable(list, caption, what) {
  var table = el("table", "problems");
  table.appendChild(el("caption", "visually-hidden", caption));
  var head = el("tr");
  ["p_file", "p_row", "p_column", what].forEach(function (k) {
    var th = el("th", k === "p_row" ? "num" : null, t(k));
    th.scope = "col";
    head.appendChild(th);
  });
  table.appendChild(el("thead")).appendChild(head);
  var body = el("tbody");
  list.slice(0, MAX_ROWS_SHOWN).forEach(function (p) {
    var tr = el("tr");
    tr.appendChild(el("td", "where", p.file || ""));
    tr.appendChild(el("td", "num", p.row === null || p.row === undefined ? "" : p.row));
    tr.appendChild(el("td", "where", p.column || (p.field ? fieldName(p.field) : "")));
    // the server's words in the page's language (p.text), else its file messages said here
    var said =
      p.text && p.lang === currentLang() ? { text: p.text, lang: null } : serverText(p.message);
    var what = el("td", null, said.text);
    // a message the page cannot say in its language is marked English (WCAG 3.1.2)
    if (said.lang) what.lang = said.lang;
    tr.appendChild(what);
    body.appendChild(tr);
  });
  table.appendChild(body);
  return table;
}

// ---------------------------------------------------------------- 3 rows as stored
// A stored cell as the reader says it: lists split, booleans as yes/no, enum values
// and municipality codes in the page's language, attributes as "name: value".
var LIST_FIELDS = { tags: true, sources: true, localities: true };
var DATE_FIELDS = { start_date: true, end_date: true };
var NUMBER_FIELDS = { amount: true, weight: true };

function cellText(table, field, value) {
  if (value === null || value === undefined || value === "") return null;
  var text = String(value);
  if (field === "attributes") {
    try {
      var found = JSON.parse(text);
      return Object.keys(found)
        .map(function (k) {
          return k + ": " + found[k];
        })
        .join("; ");
    } catch (e) {
      return text;
    }
  }
  if (LIST_FIELDS[field]) {
    return text
      .split(";")
      .map(function (part) {
        return cellText(table, "", part.trim());
      })
      .join(", ");
  }
  if (text === "true" || text === "false") return t(text === "true" ? "yes" : "no");
  if (DATE_FIELDS[field]) return day(text, "short");
  if (NUMBER_FIELDS[field] && !isNaN(Number(text))) return Number(text).toLocaleString(locale());
  var group = (config.fieldEnums[table] || {})[field];
  if (group) return enumLabel(group, text);
  if ((field === "locality" || field === "localities") && config.municipalityNames[text]) {
    return config.municipalityNames[text];
  }
  return text;
}

function renderRows() {
  var box = $("rows");
  box.textContent = "";
  var first = preview.rows || {};
  var counts = preview.counts || {};
  var any = false;
  config.tableOrder.forEach(function (name) {
    var rows = first[name] || [];
    if (!rows.length) return;
    any = true;
    var fields = config.tables[name].filter(function (f) {
      return rows.some(function (r) {
        return r[f] !== null && r[f] !== undefined && r[f] !== "";
      });
    });
    var total = counts[name] === undefined ? rows.length : counts[name];
    var h = el("h3", null, t("t_" + name) + " (" + count(total) + ")");
    h.id = "rows-h-" + name;
    box.appendChild(h);
    var wrap = el("div", "scroll");
    wrap.tabIndex = 0; // a scrolling region: reachable from the keyboard
    wrap.setAttribute("role", "region");
    wrap.setAttribute("aria-labelledby", h.id);
    var table = el("table", "stored");
    table.setAttribute("data-table", name);
    table.appendChild(
      rows.length < total
        ? el("caption", null, t("first_of", count(rows.length), count(total)))
        : el("caption", "visually-hidden", t("t_" + name)),
    );
    var head = el("tr");
    fields.forEach(function (f) {
      var th = el("th", null, fieldName(f));
      th.scope = "col";
      head.appendChild(th);
    });
    table.appendChild(el("thead")).appendChild(head);
    var body = el("tbody");
    rows.forEach(function (row) {
      var tr = el("tr");
      fields.forEach(function (f) {
        var text = cellText(name, f, row[f]);
        tr.appendChild(el("td", text === null ? "cell-empty" : null, text === null ? "–" : text));
      });
      body.appendChild(tr);
    });
    table.appendChild(body);
    wrap.appendChild(table);
    box.appendChild(wrap);
  });
  if (!any) box.appendChild(el("p", "hint", t("nothing_to_store")));
  $("step-rows").hidden = false;
}

// ---------------------------------------------------------------- 4 try, import
function currentKey() {
  return JSON.stringify([
    files.map(function (f) {
      return [f.name, f.size, f.lastModified];
    }),
    givenMapping(),
  ]);
}

function updateButtons() {
  var dry = $("dry-run");
  var go = $("do-import");
  if (!dry) return;
  var ready = files.length > 0 && !!preview && busy === 0;
  dry.disabled = !ready;
  var tried = ready && triedKey !== null && triedKey === currentKey();
  go.disabled = !tried;
  $("import-note").hidden = tried;
}

function run(dryRun) {
  var key = currentKey();
  var mine = ++seq;
  setBusy(1);
  var status = $("result");
  status.textContent = "";
  status.appendChild(el("p", "msg", t(dryRun ? "running_dry" : "running_import")));
  announce(t(dryRun ? "running_dry" : "running_import"));
  var query = "?lang=" + currentLang() + (dryRun ? "&dry_run=true" : "");
  api("POST", "/imports" + query, formWith())
    .then(
      function (answer) {
        if (mine !== seq) return;
        result = answer;
        triedKey = dryRun ? key : null;
        if (!dryRun) imported = true;
        renderResult();
        var sums = totals(answer);
        announce(
          t(
            dryRun ? "dry_done" : "import_done",
            count(sums.created),
            count(sums.updated),
            count(sums.unchanged),
          ),
        );
        if (!dryRun) $("see-map").focus();
      },
      function (err) {
        if (mine !== seq) return;
        result = null;
        triedKey = null;
        status.textContent = "";
        var p = el("p", "msg error", t("import_failed") + " " + errorText(err));
        status.appendChild(p);
        if (err.details.length) renderProblems(err.details);
        announce(p.textContent);
      },
    )
    .then(function () {
      setBusy(-1);
    });
}

function totals(answer) {
  var sums = { created: 0, updated: 0, unchanged: 0 };
  Object.keys(sums).forEach(function (k) {
    Object.keys(answer[k] || {}).forEach(function (table) {
      sums[k] += Number(answer[k][table] || 0);
    });
  });
  return sums;
}

function renderResult() {
  var box = $("result");
  box.textContent = "";
  if (!result) return;
  var dry = !!result.dry_run;
  var sums = totals(result);
  box.appendChild(el("h3", null, t(dry ? "dry_result" : "import_result")));
  box.appendChild(
    el(
      "p",
      "msg ok",
      t(
        dry ? "dry_done" : "import_done",
        count(sums.created),
        count(sums.updated),
        count(sums.unchanged),
      ),
    ),
  );
  var table = el("table", "result");
  table.appendChild(el("caption", "visually-hidden", t(dry ? "dry_result" : "import_result")));
  var head = el("tr");
  [
    ["r_table", ""],
    [dry ? "r_created" : "r_created_done", "num"],
    [dry ? "r_updated" : "r_updated_done", "num"],
    ["r_unchanged", "num"],
  ].forEach(function (pair) {
    var th = el("th", pair[1] || null, t(pair[0]));
    th.scope = "col";
    head.appendChild(th);
  });
  table.appendChild(el("thead")).appendChild(head);
  var body = el("tbody");
  config.tableOrder.forEach(function (name) {
    var tr = el("tr");
    var th = el("th", null, t("t_" + name));
    th.scope = "row";
    tr.appendChild(th);
    ["created", "updated", "unchanged"].forEach(function (k) {
      tr.appendChild(el("td", "num", count((result[k] || {})[name])));
    });
    body.appendChild(tr);
  });
  table.appendChild(body);
  box.appendChild(table);
  if (!dry && result.graph_version !== null && result.graph_version !== undefined) {
    box.appendChild(el("p", "hint", t("graph_version", count(result.graph_version))));
  }
  $("after-import").hidden = !imported;
  updateButtons();
}

// ---------------------------------------------------------------- wiring
function wire() {
  var input = $("file");
  var drop = $("drop");
  input.addEventListener("change", function () {
    chooseFiles(input.files);
  });
  ["dragenter", "dragover"].forEach(function (type) {
    drop.addEventListener(type, function (ev) {
      ev.preventDefault();
      drop.classList.add("over");
    });
  });
  ["dragleave", "drop"].forEach(function (type) {
    drop.addEventListener(type, function () {
      drop.classList.remove("over");
    });
  });
  drop.addEventListener("drop", function (ev) {
    ev.preventDefault();
    if (ev.dataTransfer && ev.dataTransfer.files) chooseFiles(ev.dataTransfer.files);
  });
  // A file dropped next to the zone must not replace the page.
  window.addEventListener("dragover", function (ev) {
    ev.preventDefault();
  });
  window.addEventListener("drop", function (ev) {
    ev.preventDefault();
  });
  $("start-over").addEventListener("click", startOver);
  $("dry-run").addEventListener("click", function () {
    run(true);
  });
  $("do-import").addEventListener("click", function () {
    run(false);
  });
  updateButtons();
}

useWords(config.words, config.enums, config.lang);
onLang(applyPageWords);
startLanguage();
applyWords();
applyPageWords();
if (config.canImport) wire();

window.graphsvcImport = {
  ready: true,
  busy: function () {
    return busy > 0;
  },
  preview: function () {
    return preview;
  },
  mapping: function () {
    return mapping;
  },
  result: function () {
    return result;
  },
  setLang: setLang,
  lang: currentLang,
};
