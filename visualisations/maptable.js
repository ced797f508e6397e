/* The table view beside a map: the map's actors, projects and ties as sortable,
 * searchable tables (what a screen reader can use, and what an analyst checks with).
 *
 * The rows are what the map shows: its visible nodes and edges under the map's filters,
 * and when a node is focused only the focused node and its neighbours (the part not
 * faded). Names are the side panel's (a hidden person is "Person N" there too), the
 * measures' text is the panel's and their raw values come from the payload's `table`
 * part (graphsvc/maps/table.py), so a column sorts by value. Every text reaches the DOM
 * through textContent.
 *
 * Each table is a real <table> with a <caption>, <th scope=col> headers whose buttons
 * sort (aria-sort on the header), and a <th scope=row> per row holding a button: Enter
 * (or a click) on it focuses that node on the map; ArrowUp/ArrowDown/Home/End move
 * between the rows' buttons (one of them is in the Tab order). The search box filters
 * the rows of every table; the counts ("12 af 119 aktører") are announced politely.
 */
import { el, norm } from "./common.js";

var GROUPS = {
  actors: { g: "actor", noun: "actor", title: "actors" },
  projects: { g: "project", noun: "project", title: "projects" },
  groups: { g: "group", noun: "group", title: "groups" },
};

/**
 * opts: ui (the page's words), section (the table's <section>), toggle (its button),
 * data() -> {info, table} (loads the deferred part; null while the page is still being
 *   read), nodes, edges (the map's objects),
 * shown() -> {nodes: {id: true}, edges: {id: true}, focused: {id: steps} | null},
 * focus(id) (focuses a node on the map), lang.
 */
export function createTable(opts) {
  var ui = opts.ui;
  var section = opts.section;
  var body = section.querySelector("#table-body");
  var search = section.querySelector("#table-search");
  var countOut = section.querySelector("#table-count");
  var focusNote = section.querySelector("#table-focus-note");
  var collator = new Intl.Collator(opts.lang, { numeric: true, sensitivity: "base" });
  var built = null; // {tables: [...]} once the tables' skeletons exist
  var lastKey = null;
  var sortOf = {}; // table key -> {col, dir}
  var STORE = "graphsvc.table";
  var LIMIT = 300; // rows drawn per table before "Vis alle"
  var panelTexts = {}; // node id -> {measure name: the side panel's text}

  function isOpen() {
    return !section.hidden;
  }

  function nameOf(id, info) {
    var i = info[id];
    return i && i.name ? i.name : String(id);
  }

  // The measures' text as the side panel shows them, by name (looked up once per node).
  function panelText(id, info, label) {
    var texts = panelTexts[id];
    if (!texts) {
      texts = panelTexts[id] = {};
      ((info[id] && info[id].measures) || []).forEach(function (m) {
        texts[m[0]] = m[1];
      });
    }
    return texts[label] === undefined ? null : texts[label];
  }

  function cellOf(value, column, id, info) {
    if (value === null || value === undefined || value === "") return { text: "–", sort: null };
    if (Array.isArray(value)) return { text: String(value[1]), sort: value[0] };
    if (typeof value === "number") {
      var text = column && column.panel ? panelText(id, info, column.label) : null;
      return { text: text !== null ? text : String(value), sort: value };
    }
    return { text: String(value), sort: String(value) };
  }

  // The tables' columns: the name (a button), the payload's columns, the ties shown.
  function columnsOf(table, key) {
    var cols = [{ key: "name", label: ui.name }];
    if (key === "ties")
      cols = [
        { key: "from", label: ui.from },
        { key: "to", label: ui.to },
      ];
    table.columns[key].forEach(function (c) {
      var col = { key: c.key, label: c.label, num: !!c.num, explain: c.explain || null };
      // measures: the panel's text for the raw value (graphsvc/maps/table.py)
      col.panel = key === "actors" && !!c.num;
      cols.push(col);
    });
    if (key !== "ties") cols.push({ key: "links", label: ui.ties_on_map, num: true });
    // on a map as of a date: whether each tie and project is active then (not faded)
    if (table.as_of && key !== "actors" && key !== "groups")
      cols.push({ key: "active", label: ui.active_as_of + " " + table.as_of });
    return cols;
  }

  function build() {
    var d = opts.data(); // null until the page's end is read (the table opens again then)
    var table = d && d.table;
    if (!table) return null;
    var keys = (table.mode === "overview" ? ["groups"] : ["actors", "projects"]).concat(["ties"]);
    var tables = keys.map(function (key) {
      var cols = columnsOf(table, key);
      var noun = key === "ties" ? "tie" : GROUPS[key].noun;
      var wrap = el("div", "table-wrap");
      var t = el("table");
      t.id = "table-" + key;
      var caption = el("caption");
      var title = el("span", "cap-title", ui[key === "ties" ? "ties" : GROUPS[key].title]);
      var count = el("span", "cap-count");
      caption.appendChild(title);
      caption.appendChild(document.createTextNode(" "));
      caption.appendChild(count);
      t.appendChild(caption);
      var thead = el("thead");
      var tr = el("tr");
      var ths = cols.map(function (c, k) {
        var th = el("th");
        th.setAttribute("scope", "col");
        if (c.num) th.className = "num";
        var b = el("button", "sort", c.label);
        b.type = "button";
        b.setAttribute("data-col", String(k));
        if (c.explain) b.title = c.explain;
        b.appendChild(el("span", "arrow"));
        b.lastChild.setAttribute("aria-hidden", "true");
        b.addEventListener("click", function () {
          var s = sortOf[key];
          if (s.col === k) s.dir = s.dir === "ascending" ? "descending" : "ascending";
          else sortOf[key] = { col: k, dir: c.num ? "descending" : "ascending" };
          render(true, key);
        });
        th.appendChild(b);
        tr.appendChild(th);
        return th;
      });
      thead.appendChild(tr);
      t.appendChild(thead);
      var tbody = el("tbody");
      tbody.addEventListener("keydown", rowKeys);
      tbody.addEventListener("click", function (ev) {
        var b = ev.target.closest ? ev.target.closest("button.row-focus") : null;
        if (b) opts.focus(b.getAttribute("data-node"));
      });
      t.appendChild(tbody);
      wrap.appendChild(t);
      body.appendChild(wrap);
      if (!sortOf[key]) sortOf[key] = { col: 0, dir: "ascending" };
      return {
        key: key,
        noun: noun,
        cols: cols,
        table: t,
        tbody: tbody,
        count: count,
        ths: ths,
        wrap: wrap,
        limit: LIMIT,
        rows: null,
      };
    });
    return { tables: tables, table: table };
  }

  // Every row the map shows now: [{id, node (for focus), cells: [{text, sort}], hay}].
  function rowsOf(spec, table, info) {
    var shown = opts.shown();
    var inFocus = function (id) {
      return !shown.focused || shown.focused[id] !== undefined;
    };
    var edges = opts.edges.filter(function (e) {
      return shown.edges[e.id] && inFocus(e.from) && inFocus(e.to);
    });
    if (spec.key === "ties") {
      var index = {};
      opts.edges.forEach(function (e, k) {
        index[e.id] = k;
      });
      return edges.map(function (e) {
        var extra = table.edges[index[e.id]] || [];
        var cells = [cellOf(nameOf(e.from, info)), cellOf(nameOf(e.to, info))];
        spec.cols.slice(2).forEach(function (c, k) {
          if (c.key === "active") cells.push(activeCell(e, table));
          else cells.push(cellOf(extra[k], c));
        });
        return { id: e.id, node: e.from, cells: cells, active: isActive(e) };
      });
    }
    var links = {};
    edges.forEach(function (e) {
      links[e.from] = (links[e.from] || 0) + 1;
      links[e.to] = (links[e.to] || 0) + 1;
    });
    var g = GROUPS[spec.key].g;
    return opts.nodes
      .filter(function (n) {
        return n.g === g && shown.nodes[n.id] && inFocus(n.id);
      })
      .map(function (n) {
        var extra = table.cells[n.id] || [];
        var cells = [cellOf(nameOf(n.id, info))];
        spec.cols.slice(1).forEach(function (c, k) {
          if (c.key === "links") cells.push(cellOf(links[n.id] || 0, c));
          else if (c.key === "active") cells.push(activeCell(n, table));
          else cells.push(cellOf(extra[k], c, n.id, info));
        });
        return { id: n.id, node: n.id, cells: cells, active: isActive(n) };
      });
  }

  // Active on the map's date: not drawn faded as ended (graphsvc/maps/html.py).
  function isActive(item) {
    return (item.m || []).indexOf("ended") < 0;
  }

  function activeCell(item, table) {
    return cellOf(isActive(item) ? table.words.yes : table.words.no);
  }

  function compare(spec) {
    var s = sortOf[spec.key];
    var sign = s.dir === "descending" ? -1 : 1;
    return function (a, b) {
      var x = a.cells[s.col].sort,
        y = b.cells[s.col].sort;
      if (x === null || y === null) {
        if (x !== y) return x === null ? 1 : -1; // empty cells last either way
      } else if (x !== y) {
        var c = typeof x === "number" && typeof y === "number" ? x - y : collator.compare(x, y);
        if (c) return sign * c;
      }
      return collator.compare(a.cells[0].text, b.cells[0].text) || (a.id < b.id ? -1 : 1);
    };
  }

  function counted(spec, shownN, total) {
    var noun = built.table.nouns[spec.noun] || [spec.noun, spec.noun];
    return shownN + " " + ui.of + " " + total + " " + noun[total === 1 ? 0 : 1];
  }

  function totalOf(spec) {
    if (spec.key === "ties") return opts.edges.length;
    var g = GROUPS[spec.key].g;
    return opts.nodes.filter(function (n) {
      return n.g === g;
    }).length;
  }

  // One table's rows as <tr>s: the first `spec.limit` of them, then a button for the rest
  // (thousands of rows would make every redraw slow; the counts count them all).
  function draw(spec, rows) {
    var frag = document.createDocumentFragment();
    var upTo = Math.min(rows.length, spec.limit);
    for (var k = 0; k < upTo; k++) {
      var r = rows[k];
      var tr = el("tr");
      tr.setAttribute("data-id", r.id);
      var th = el("th");
      th.setAttribute("scope", "row");
      var b = el("button", "row-focus", r.cells[0].text);
      b.type = "button";
      b.tabIndex = k === 0 ? 0 : -1;
      b.setAttribute("data-id", r.id);
      b.setAttribute("data-node", r.node);
      b.setAttribute("data-table", spec.key);
      th.appendChild(b);
      tr.appendChild(th);
      for (var j = 1; j < r.cells.length; j++)
        tr.appendChild(el("td", spec.cols[j].num ? "num" : null, r.cells[j].text));
      frag.appendChild(tr);
    }
    if (!rows.length || rows.length > upTo) {
      var last = el("tr");
      var td = el("td", rows.length ? "more" : "empty", rows.length ? null : ui.table_no_rows);
      td.colSpan = spec.cols.length;
      if (rows.length) {
        var more = el("button", "show-all", ui.table_show_all.replace("{n}", rows.length));
        more.type = "button";
        more.addEventListener("click", function () {
          spec.limit = Infinity;
          render(false, spec.key);
          var next = spec.tbody.querySelectorAll("button.row-focus")[upTo];
          if (next) moveTo(next);
        });
        td.appendChild(more);
      }
      last.appendChild(td);
      frag.appendChild(last);
    }
    spec.tbody.textContent = "";
    spec.tbody.appendChild(frag);
  }

  // Draw the tables again: every one (what the map shows, or the search, changed), or
  // only `onlyKey`'s, from the rows it has (sorted again, or all of them shown).
  function render(keepFocus, onlyKey) {
    if (!isOpen()) return;
    if (!built) built = build();
    if (!built) return;
    var info = opts.data().info;
    var focusNow = document.activeElement;
    var activeId = null,
      activeTable = null;
    if (focusNow && focusNow.classList && focusNow.classList.contains("row-focus")) {
      activeId = focusNow.getAttribute("data-id");
      activeTable = focusNow.getAttribute("data-table");
    }
    var needle = norm(search.value || "").trim();
    built.tables.forEach(function (spec) {
      if (onlyKey && spec.key !== onlyKey && spec.rows) return;
      var rows = spec.rows;
      if (!onlyKey || !rows) {
        rows = rowsOf(spec, built.table, info);
        if (needle)
          rows = rows.filter(function (r) {
            return r.cells.some(function (c) {
              return norm(c.text).indexOf(needle) >= 0;
            });
          });
        spec.rows = rows;
      }
      rows.sort(compare(spec));
      draw(spec, rows);
      var s = sortOf[spec.key];
      spec.ths.forEach(function (th, k) {
        th.setAttribute("aria-sort", k === s.col ? s.dir : "none");
        th.querySelector(".arrow").textContent =
          k === s.col ? (s.dir === "ascending" ? " ▲" : " ▼") : "";
      });
      var total = totalOf(spec);
      var phrase = counted(spec, rows.length, total);
      var caption = rows.length + " " + ui.of + " " + total;
      spec.active = undefined;
      if (built.table.as_of && spec.cols[spec.cols.length - 1].key === "active") {
        var active = rows.filter(function (r) {
          return r.active;
        }).length;
        var which = ui.table_active.replace("{n}", active).replace("{date}", built.table.as_of);
        phrase += " (" + which + ")";
        caption += ", " + which;
        spec.active = active;
      }
      spec.count.textContent = "(" + caption + ")";
      spec.phrase = phrase;
    });
    var said = built.tables
      .map(function (spec) {
        return spec.phrase;
      })
      .join(", ");
    if (countOut.textContent !== said) countOut.textContent = said;
    focusNote.hidden = !opts.shown().focused;
    if (keepFocus !== false && activeId !== null) {
      var again = body.querySelector(
        'button.row-focus[data-table="' +
          CSS.escape(activeTable) +
          '"][data-id="' +
          CSS.escape(activeId) +
          '"]',
      );
      if (again) moveTo(again);
    }
  }

  // One row button per table is in the Tab order: the one last used.
  function moveTo(button) {
    var tbody = button.closest("tbody");
    tbody.querySelectorAll("button.row-focus").forEach(function (b) {
      b.tabIndex = b === button ? 0 : -1;
    });
    button.focus();
  }

  function rowKeys(ev) {
    var b = ev.target;
    if (!b.classList || !b.classList.contains("row-focus")) return;
    var all = Array.prototype.slice.call(ev.currentTarget.querySelectorAll("button.row-focus"));
    var k = all.indexOf(b);
    var to;
    if (ev.key === "ArrowDown") to = all[k + 1];
    else if (ev.key === "ArrowUp") to = all[k - 1];
    else if (ev.key === "Home") to = all[0];
    else if (ev.key === "End") to = all[all.length - 1];
    else return;
    ev.preventDefault();
    if (to) moveTo(to);
  }

  // Called after every change of the map's view: redraw only when what it shows changed.
  function changed() {
    if (!isOpen()) return;
    var shown = opts.shown();
    var key =
      Object.keys(shown.nodes).join("\u0001") +
      "|" +
      Object.keys(shown.edges).length +
      "|" +
      (shown.focused ? Object.keys(shown.focused).join("\u0001") : "");
    if (key === lastKey) return;
    lastKey = key;
    render();
  }

  function setOpen(on) {
    section.hidden = !on;
    opts.toggle.setAttribute("aria-pressed", on ? "true" : "false");
    try {
      sessionStorage.setItem(STORE, on ? "1" : "0");
    } catch (e) {
      /* no storage (a file opened from disk in some browsers) */
    }
    lastKey = null;
    if (on) changed();
  }

  opts.toggle.addEventListener("click", function () {
    setOpen(!isOpen());
  });
  var searchTimer = null;
  search.addEventListener("input", function () {
    clearTimeout(searchTimer);
    searchTimer = setTimeout(render, 120);
  });
  search.addEventListener("keydown", function (ev) {
    if (ev.key === "Enter") {
      ev.preventDefault();
      clearTimeout(searchTimer);
      render();
    }
  });

  var initially = /(^|[#&])table(=1)?($|&)/.test(location.hash.slice(1));
  try {
    initially = initially || sessionStorage.getItem(STORE) === "1";
  } catch (e) {
    /* as above */
  }

  return {
    changed: changed,
    open: setOpen,
    isOpen: isOpen,
    openAtStart: initially,
    render: render,
    // For tests: the rows shown now (all that match, drawn or behind "Vis alle") and how
    // many of them are active on the map's date.
    counts: function () {
      if (!built) return {};
      var out = {};
      built.tables.forEach(function (spec) {
        out[spec.key] = {
          shown: spec.rows ? spec.rows.length : 0,
          total: totalOf(spec),
          active: spec.active === undefined ? null : spec.active,
        };
      });
      return out;
    },
    // For tests: the ids of a table's rows in their order, and its cells' text.
    rows: function (key) {
      var t = document.getElementById("table-" + key);
      if (!t) return [];
      return Array.prototype.map.call(t.querySelectorAll("tbody tr[data-id]"), function (tr) {
        return tr.getAttribute("data-id");
      });
    },
    cells: function (key) {
      var t = document.getElementById("table-" + key);
      if (!t) return [];
      return Array.prototype.map.call(t.querySelectorAll("tbody tr[data-id]"), function (tr) {
        return Array.prototype.map.call(tr.children, function (c) {
          return c.textContent;
        });
      });
    },
  };
}
