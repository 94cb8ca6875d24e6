// council-facts review: one script, inlined into every page (its hash is in the page's CSP).
// It reads the page and changes it; it never makes a request. Text is set with textContent and
// values are cloned from the page's own (escaped) fact table, never parsed from strings as HTML.
(function () {
  "use strict";

  // --- highlights: hovering or focusing one shows its normalised value ---------------------
  var tip = document.getElementById("tip");
  var shown = null;

  function highlightOf(node) {
    return node && node.closest ? node.closest("mark[data-fact], mark[data-mention]") : null;
  }

  function show(mark) {
    var id = mark.getAttribute("data-fact") || mark.getAttribute("data-mention");
    var value = document.getElementById("v-" + id);
    if (!tip || !value) { return; }
    var head = document.createElement("div");
    head.className = "tip-type";
    head.textContent = mark.getAttribute("data-type") + (mark.hasAttribute("data-mention") ? " (a further mention)" : "");
    tip.replaceChildren(head);
    Array.prototype.forEach.call(value.childNodes, function (child) { tip.appendChild(child.cloneNode(true)); });
    var box = mark.getBoundingClientRect();
    tip.hidden = false;
    var left = Math.min(box.left + window.scrollX, window.scrollX + document.documentElement.clientWidth - tip.offsetWidth - 8);
    tip.style.left = Math.max(left, 4) + "px";
    tip.style.top = (box.bottom + window.scrollY + 6) + "px";
    if (shown) { shown.classList.remove("active"); }
    shown = mark;
    mark.classList.add("active");
  }

  function hide() {
    if (tip) { tip.hidden = true; }
    if (shown) { shown.classList.remove("active"); shown = null; }
  }

  // The hand moving, not the page scrolling under a still pointer (as focusing a highlight does):
  // only a move to new coordinates changes what is shown.
  var pointer = "";
  document.addEventListener("mousemove", function (event) {
    var at = event.screenX + "," + event.screenY;
    if (at === pointer) { return; }
    pointer = at;
    var mark = highlightOf(event.target);
    if (mark) {
      if (mark !== shown) { show(mark); }
    } else if (shown && !(tip && tip.contains(event.target))) {
      hide();
    }
  });
  document.addEventListener("focusin", function (event) {
    var mark = highlightOf(event.target);
    if (mark) { show(mark); } else if (!(tip && tip.contains(event.target))) { hide(); }
  });
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape") { hide(); }
  });

  // A link to a highlight (the fact table, the contract records) moves the focus there too.
  function focusTarget() {
    var id = decodeURIComponent(window.location.hash.slice(1));
    var target = id ? document.getElementById(id) : null;
    if (target && highlightOf(target) === target) { target.focus(); }
  }
  window.addEventListener("hashchange", focusTarget);
  focusTarget();

  // --- tables: sortable columns -------------------------------------------------------------
  function cellKey(row, column, kind) {
    var cell = row.cells[column];
    var raw = cell ? (cell.getAttribute("data-sort") || cell.textContent) : "";
    return kind === "number" ? (parseFloat(raw) || 0) : raw.toLowerCase();
  }

  Array.prototype.forEach.call(document.querySelectorAll("table.sortable"), function (table) {
    var headers = table.tHead.rows[0].cells;
    Array.prototype.forEach.call(headers, function (header, column) {
      var button = header.querySelector("button");
      if (!button) { return; }
      button.addEventListener("click", function () {
        var ascending = header.getAttribute("aria-sort") !== "ascending";
        var kind = button.getAttribute("data-kind");
        var body = table.tBodies[0];
        var rows = Array.prototype.slice.call(body.rows).map(function (row, position) {
          return { row: row, key: cellKey(row, column, kind), position: position };
        });
        rows.sort(function (a, b) {
          var order = a.key < b.key ? -1 : a.key > b.key ? 1 : a.position - b.position;
          return ascending ? order : -order;
        });
        rows.forEach(function (item) { body.appendChild(item.row); });
        Array.prototype.forEach.call(headers, function (other) { other.removeAttribute("aria-sort"); });
        header.setAttribute("aria-sort", ascending ? "ascending" : "descending");
      });
    });
  });

  // --- the index: filters by fact type, provider and council ---------------------------------
  var documents = document.getElementById("documents");
  var filters = ["type", "provider", "council"].map(function (name) {
    return { name: name, select: document.getElementById("filter-" + name) };
  });
  var count = document.getElementById("shown");

  function holds(list, value) {
    return (" " + (list || "") + " ").indexOf(" " + value + " ") !== -1;
  }

  function applyFilters() {
    var rows = documents.tBodies[0].rows;
    var visible = 0;
    Array.prototype.forEach.call(rows, function (row) {
      var keep = filters.every(function (filter) {
        var wanted = filter.select ? filter.select.value : "";
        return wanted === "" || holds(row.getAttribute("data-" + filter.name + "s"), wanted);
      });
      row.hidden = !keep;
      visible += keep ? 1 : 0;
    });
    if (count) { count.textContent = visible + " of " + rows.length + " shown"; }
  }

  if (documents) {
    filters.forEach(function (filter) {
      if (filter.select) { filter.select.addEventListener("change", applyFilters); }
    });
    var form = document.getElementById("filters");
    if (form) { form.addEventListener("submit", function (event) { event.preventDefault(); }); }
  }
}());
