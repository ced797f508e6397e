/* A search box with a list of found items (WAI-ARIA combobox), for the index and the
 * workshop page. */
import { el } from "../common.js";

// ---------------------------------------------------------------- a combobox
// The listbox pattern of WAI-ARIA: focus stays in the input, aria-activedescendant
// names the highlighted option, ↑ ↓ move, Enter picks, Escape closes.
export function combobox(input, list, opts) {
  var items = [];
  var active = -1;
  var timer = null;
  var seq = 0;

  function open() {
    return !list.hidden;
  }

  function close() {
    list.hidden = true;
    input.setAttribute("aria-expanded", "false");
    input.removeAttribute("aria-activedescendant");
    active = -1;
  }

  function highlight(k) {
    active = k;
    Array.prototype.forEach.call(list.children, function (li, i) {
      li.setAttribute("aria-selected", i === k ? "true" : "false");
    });
    if (k >= 0 && list.children[k]) {
      input.setAttribute("aria-activedescendant", list.children[k].id);
      list.children[k].scrollIntoView({ block: "nearest" });
    } else {
      input.removeAttribute("aria-activedescendant");
    }
  }

  function render() {
    list.textContent = "";
    items.forEach(function (item, k) {
      var li = el("li", "option");
      li.id = list.id + "-" + k;
      li.setAttribute("role", "option");
      li.setAttribute("aria-selected", "false");
      opts.renderItem(li, item);
      li.addEventListener("mousedown", function (ev) {
        ev.preventDefault();
      });
      li.addEventListener("click", function () {
        pick(k);
      });
      list.appendChild(li);
    });
    if (!items.length && opts.emptyText) {
      var none = el("li", "none", opts.emptyText());
      none.setAttribute("role", "presentation");
      list.appendChild(none);
    }
    list.hidden = !items.length && !opts.emptyText;
    input.setAttribute("aria-expanded", list.hidden ? "false" : "true");
    highlight(-1);
  }

  function pick(k) {
    var item = items[k];
    close();
    if (item) opts.onPick(item);
  }

  function search() {
    var q = input.value.trim();
    var mine = ++seq;
    if (!q) {
      items = [];
      close();
      return;
    }
    opts.fetch(q).then(
      function (found) {
        if (mine !== seq) return; // an older answer arriving late
        items = found;
        render();
      },
      function () {
        if (mine === seq) close();
      },
    );
  }

  input.addEventListener("input", function () {
    clearTimeout(timer);
    highlight(-1);
    if (opts.onInput) opts.onInput();
    timer = setTimeout(search, 150);
  });
  input.addEventListener("keydown", function (ev) {
    if (ev.key === "ArrowDown" || ev.key === "ArrowUp") {
      if (!items.length) return;
      ev.preventDefault();
      if (!open()) {
        list.hidden = false;
        input.setAttribute("aria-expanded", "true");
      }
      var n = items.length;
      highlight(ev.key === "ArrowDown" ? (active + 1) % n : active <= 0 ? n - 1 : active - 1);
    } else if (ev.key === "Enter") {
      if (open() && active >= 0) {
        ev.preventDefault();
        pick(active);
      }
    } else if (ev.key === "Escape") {
      if (open()) {
        ev.preventDefault();
        close();
      }
    }
  });
  input.addEventListener("blur", function () {
    setTimeout(close, 100);
  });

  return {
    close: close,
    items: function () {
      return items;
    },
    reset: function () {
      seq++;
      clearTimeout(timer);
      items = [];
      close();
      list.textContent = "";
    },
    rerender: function () {
      if (open()) render();
    },
  };
}
