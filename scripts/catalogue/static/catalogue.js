// Filters and sorting for the all-papers table. The table is plain HTML without this
// script; with it, year / topic / code selects narrow the rows and headings sort them.
"use strict";

function cellValues(cell, column) {
  const text = cell.textContent.trim();
  // Topics are joined with a middle dot: topic titles may contain commas.
  return column === "Topics" ? text.split("·").map((t) => t.trim()).filter(Boolean) : [text];
}

function makeSelect(label, values, onChange) {
  const wrap = document.createElement("label");
  wrap.className = "catalogue-filter";
  wrap.append(label + " ");
  const select = document.createElement("select");
  select.setAttribute("aria-label", label);
  select.add(new Option("all", ""));
  values.forEach((v) => select.add(new Option(v, v)));
  select.addEventListener("change", onChange);
  wrap.append(select);
  return [wrap, select];
}

function enhance(table) {
  const headers = [...table.tHead.rows[0].cells].map((c) => c.textContent.trim());
  const rows = [...table.tBodies[0].rows];
  const controls = document.createElement("div");
  controls.className = "catalogue-controls";
  const filters = [];
  const count = document.createElement("span");
  count.className = "catalogue-count";
  count.setAttribute("aria-live", "polite");

  const apply = () => {
    let shown = 0;
    rows.forEach((row) => {
      const ok = filters.every(({ index, column, select }) =>
        !select.value || cellValues(row.cells[index], column).includes(select.value));
      row.hidden = !ok;
      if (ok) shown += 1;
    });
    count.textContent = `${shown} of ${rows.length} papers`;
  };

  ["Year", "Topics", "Code"].forEach((column) => {
    const index = headers.indexOf(column);
    if (index < 0) return;
    const values = new Set();
    rows.forEach((row) => cellValues(row.cells[index], column).forEach((v) => values.add(v)));
    const sorted = [...values].sort();
    if (column === "Year") sorted.reverse();
    const [wrap, select] = makeSelect(column === "Topics" ? "Topic" : column, sorted, apply);
    filters.push({ index, column, select });
    controls.append(wrap);
  });
  controls.append(count);
  (table.closest(".table-wrapper") || table).before(controls);

  [...table.tHead.rows[0].cells].forEach((th, index) => {
    th.classList.add("catalogue-sortable");
    th.tabIndex = 0;
    th.setAttribute("aria-sort", "none");
    const sort = () => {
      const ascending = th.getAttribute("aria-sort") !== "ascending";
      [...table.tHead.rows[0].cells].forEach((other) => other.setAttribute("aria-sort", "none"));
      th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
      const key = (row) => row.cells[index].textContent.trim().toLowerCase();
      rows.sort((a, b) => key(a).localeCompare(key(b), undefined, { numeric: true }) * (ascending ? 1 : -1));
      rows.forEach((row) => table.tBodies[0].append(row));
    };
    th.addEventListener("click", sort);
    th.addEventListener("keydown", (event) => { if (event.key === "Enter") sort(); });
  });
  apply();
}

// The all-papers page's section carries the id of its label, (all-papers)= in all.md.j2.
document.addEventListener("DOMContentLoaded", () => {
  document.querySelectorAll("#all-papers table").forEach(enhance);
});
