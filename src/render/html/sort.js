// The actor table: sort by a column (a click, or a #sort=KEY / #sort=-KEY
// fragment in the address: both go through the fragment), filter by name or
// group. Without script the table stays a plain table.
(function () {
  "use strict";
  var table = document.getElementById("actor-table");
  if (!table) { return; }
  var body = table.tBodies[0];
  var heads = Array.prototype.slice.call(table.tHead.rows[0].cells);

  function value(row, index, numeric) {
    var raw = row.cells[index].getAttribute("data-value");
    if (raw === null) { raw = row.cells[index].textContent; }
    if (raw === "") { return null; }
    return numeric ? parseFloat(raw) : raw.toLowerCase();
  }

  function order(row) { return parseInt(row.getAttribute("data-order"), 10); }

  function sortBy(key, descending) {
    var index = -1;
    heads.forEach(function (th, i) { if (th.getAttribute("data-key") === key) { index = i; } });
    if (index < 0) { return; }
    var numeric = heads[index].getAttribute("data-type") === "number";
    var rows = Array.prototype.slice.call(body.rows);
    rows.sort(function (a, b) {
      var x = value(a, index, numeric), y = value(b, index, numeric);
      if (x === null || y === null) {
        // Empty cells last whichever the direction; then the id order.
        return (x === null) - (y === null) || order(a) - order(b);
      }
      var c = numeric ? x - y : x.localeCompare(y);
      return (descending ? -c : c) || order(a) - order(b);
    });
    rows.forEach(function (row) { body.appendChild(row); });
    heads.forEach(function (th, i) {
      if (i === index) {
        th.setAttribute("aria-sort", descending ? "descending" : "ascending");
      } else {
        th.removeAttribute("aria-sort");
      }
    });
  }

  function fromFragment() {
    var match = /^#sort=(-?)([a-z_]+)$/.exec(window.location.hash);
    if (match) { sortBy(match[2], match[1] === "-"); }
  }

  heads.forEach(function (th) {
    var key = th.getAttribute("data-key");
    if (!key) { return; }
    var button = document.createElement("button");
    button.type = "button";
    while (th.firstChild) { button.appendChild(th.firstChild); }
    th.appendChild(button);
    button.addEventListener("click", function () {
      var state = th.getAttribute("aria-sort");
      // Numbers start with the largest, text from A.
      var descending = state ? state === "ascending" : th.getAttribute("data-type") === "number";
      window.location.hash = "sort=" + (descending ? "-" : "") + key;
    });
  });
  window.addEventListener("hashchange", fromFragment);
  fromFragment();

  var filter = document.getElementById("actor-filter");
  var input = document.getElementById("actor-filter-input");
  var count = document.getElementById("actor-filter-count");
  filter.hidden = false;
  input.addEventListener("input", function () {
    var query = input.value.trim().toLowerCase();
    var shown = 0;
    Array.prototype.forEach.call(body.rows, function (row) {
      var hit = query === "" || row.getAttribute("data-search").indexOf(query) >= 0;
      row.hidden = !hit;
      if (hit) { shown += 1; }
    });
    count.textContent = shown + " of " + body.rows.length + " actors shown";
  });
})();
