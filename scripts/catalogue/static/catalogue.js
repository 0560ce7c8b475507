// Filters and sorting for the catalogue's tables: all papers, each leaderboard and the Models
// page. The controls are in the page (render._table), disabled until this script enables them;
// without it each is a plain table. A row says what it can be filtered by in an empty span
// (render._filters), which each select's key looks up.
"use strict";

function rowFilters(row) {
  const span = row.querySelector("span.catalogue-row");
  return span ? JSON.parse(span.dataset.filters) : {};
}

// Numbers (scores, ranks, sizes such as 8.29B) compare as numbers: as text "72.175" would sort
// above "72.4". Empty cells ("–") go last whichever way the column is sorted.
// A score may carry the size it belongs to: "77.8 (8B)" sorts as 77.8.
const NUMBER = /^-?\d+(?:\.\d+)?B?(?: \(.*\))?$/;

function sortValue(cell) {
  // A cell led by a link (a paper's name, with its title beneath) or a bold score (with the
  // same model's other numbers after it) sorts by that lead.
  const link = cell.querySelector("a, strong");
  const text = (link || cell).textContent.trim();
  if (text === "–" || text === "") return null;
  return NUMBER.test(text) ? parseFloat(text) : text.toLowerCase();
}

function compare(a, b, ascending) {
  if (a === null || b === null) return (a === null) - (b === null);
  const order = typeof a === "number" && typeof b === "number" ? a - b : String(a).localeCompare(String(b), undefined, { numeric: true });
  return ascending ? order : -order;
}

// A long table's page carries its first rows only; the others are in a file beside the page
// (render._table: data-rest), loaded the first time the reader filters, sorts or asks for more.
// The table holds at most `limit` of the rows that pass the filters, so it stays light; "Show
// more" adds as many as the page carried.

async function restRows(wrapper) {
  const text = await (await fetch(wrapper.dataset.rest)).text();
  const template = document.createElement("template");
  template.innerHTML = text;
  return [...template.content.querySelectorAll("tbody > tr")];
}

function enhance(table) {
  const body = table.tBodies[0];
  const wrapper = table.closest(".table-wrapper");
  const controls = wrapper.previousElementSibling;
  const count = controls.querySelector(".catalogue-count");
  const noun = count.dataset.noun;
  const rows = [...body.rows];
  const data = new Map(rows.map((row) => [row, rowFilters(row)]));
  const filters = [...controls.querySelectorAll("select[data-key]")].map((select) => ({ key: select.dataset.key, select }));
  const total = Number(wrapper.dataset.total) || rows.length;
  const step = wrapper.dataset.rest ? rows.length : Infinity;
  let limit = step;
  let loading = null;
  let addBox = () => {};

  const loadAll = () => {
    loading ||= wrapper.dataset.rest ? restRows(wrapper).then((extra) => {
      extra.forEach((row) => { data.set(row, rowFilters(row)); addBox(row); });
      rows.push(...extra);
    }) : Promise.resolve();
    return loading;
  };
  const passing = () => rows.filter((row) => {
    const values = data.get(row);
    return filters.every(({ key, select }) => !select.value || (values[key] || []).includes(select.value));
  });
  const more = wrapper.nextElementSibling?.matches("button.catalogue-more") ? wrapper.nextElementSibling : null;
  const apply = () => {
    const matching = passing();
    const known = rows.length < total && !filters.some(({ select }) => select.value) ? total : matching.length;
    const shown = matching.slice(0, limit);
    const current = body.rows;  // unchanged on the first call: re-inserting every row would lay the table out again
    if (shown.length !== current.length || shown.some((row, i) => row !== current[i])) body.replaceChildren(...shown);
    count.textContent = `${known} of ${total} ${noun}` + (shown.length < known ? `, the first ${shown.length} shown` : "");
    if (more) {
      more.hidden = shown.length >= known;
      more.textContent = `Show ${Math.min(step, known - shown.length)} more`;
    }
  };
  // While a change waits for the other rows, the wrapper says so (data-busy): the browser tests wait on it.
  const settle = (work) => async () => {
    wrapper.dataset.busy = "";
    try { await work(); } finally { delete wrapper.dataset.busy; }
  };
  more?.addEventListener("click", settle(async () => { await loadAll(); limit += step; apply(); }));
  const reapply = settle(async () => { await loadAll(); limit = step; apply(); });
  filters.forEach(({ select }) => select.addEventListener("change", reapply));
  addBox = addCompareBoxes(controls, rows);
  const cite = table.closest("section")?.querySelector("div.catalogue-cite");
  if (cite) addCiteButtons(controls, cite, async () => { await loadAll(); return passing(); });

  [...table.tHead.rows[0].cells].forEach((th, index) => {
    th.classList.add("catalogue-sortable");
    th.tabIndex = 0;
    th.setAttribute("aria-sort", "none");
    const sort = settle(async () => {
      const ascending = th.getAttribute("aria-sort") !== "ascending";
      [...table.tHead.rows[0].cells].forEach((other) => other.setAttribute("aria-sort", "none"));
      th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
      await loadAll();
      rows.sort((a, b) => compare(sortValue(a.cells[index]), sortValue(b.cells[index]), ascending));
      apply();
    });
    th.addEventListener("click", sort);
    th.addEventListener("keydown", (event) => { if (event.key === "Enter" || event.key === " ") { event.preventDefault(); sort(); } });
  });
  apply();
  controls.querySelectorAll("select, button").forEach((control) => { control.disabled = false; });
  if (more) more.disabled = false;
}

// Compare: a box per row ticks its model (render: data-compare); two to four open the comparison
// page, whose address names them (compare.py).
const COMPARE_MAX = 4;

function contentRoot() {
  return document.documentElement.dataset.content_root || "";
}

// Enables the rows' boxes and returns how to enable those of a row loaded later.
function addCompareBoxes(controls, rows) {
  const link = controls.querySelector("a.catalogue-compare-link");
  if (!link) return () => {};
  const ticked = [];
  const boxes = [];
  const update = () => {
    const query = ticked.map((id) => "m=" + encodeURIComponent(id)).join("&");
    link.textContent = `Compare (${ticked.length})`;
    if (ticked.length >= 2) link.href = `${contentRoot()}papers/compare.html?${query}`;
    else link.removeAttribute("href");
    link.setAttribute("aria-disabled", String(ticked.length < 2));
    boxes.forEach((box) => { box.disabled = !box.checked && ticked.length >= COMPARE_MAX; });
  };
  const addBox = (row) => {
    const id = row.querySelector("span.catalogue-row")?.dataset.compare;
    const box = row.querySelector("input.catalogue-tick");
    if (!id || !box) return;
    box.addEventListener("change", () => {
      if (box.checked && !ticked.includes(id)) ticked.push(id);
      if (!box.checked) ticked.splice(ticked.indexOf(id), 1);
      update();
    });
    boxes.push(box);
    box.disabled = ticked.length >= COMPARE_MAX;
  };
  rows.forEach(addBox);
  update();
  return addBox;
}

function cell(tag, text, attrs = {}) {
  const c = document.createElement(tag);
  if (text instanceof Node) c.append(text); else c.textContent = text;
  Object.entries(attrs).forEach(([k, v]) => c.setAttribute(k, v));
  return c;
}

function anchor(href, text) {
  const a = document.createElement("a");
  a.href = href;
  a.textContent = text;
  return a;
}

function compareTable(caption, heads, body) {
  const wrap = document.createElement("div");
  wrap.className = "table-wrapper catalogue-compare-table";
  const table = document.createElement("table");
  table.className = "docutils align-default";
  table.append(cell("caption", caption));
  const head = table.createTHead().insertRow();
  head.append(cell("th", ""), ...heads.map((h) => cell("th", h.cloneNode(true), { scope: "col" })));
  const tbody = table.createTBody();
  body.forEach(([label, values, best]) => {
    const tr = tbody.insertRow();
    tr.append(cell("th", label, { scope: "row" }));
    values.forEach((v, i) => {
      const td = cell("td", best.has(i) ? cell("strong", v) : v);
      if (best.has(i)) td.classList.add("catalogue-best");
      tr.append(td);
    });
  });
  wrap.append(table);
  return wrap;
}

function bestOf(values) {
  const numbers = values.map((v) => (typeof v === "number" ? v : null));
  const top = Math.max(...numbers.filter((v) => v !== null));
  return new Set(numbers.length > 1 && numbers.filter((v) => v !== null).length > 1
    ? numbers.flatMap((v, i) => (v === top ? [i] : [])) : []);
}

async function renderCompare(root) {
  const ids = [...new Set(new URLSearchParams(location.search).getAll("m"))].slice(0, COMPARE_MAX);
  if (ids.length < 2) {
    root.append(cell("p", "Tick two to four models in a table to compare them here."));
    return;
  }
  const data = await (await fetch(contentRoot() + root.dataset.src)).json();
  const models = ids.map((id) => {
    const [slug, ...rest] = id.split(":");
    const name = rest.join(":");
    const paper = data.papers[slug];
    return { id, slug, name, paper, facts: paper && name ? paper.models[name] : undefined };
  });
  const missing = models.filter((m) => !m.paper);
  if (missing.length) root.append(cell("p", `Not in the catalogue: ${missing.map((m) => m.id).join(", ")}.`));
  const found = models.filter((m) => m.paper);
  const heads = found.map((m) => {
    const p = document.createElement("span");
    p.append(anchor(m.paper.page, m.name || m.paper.name));
    if (m.name) p.append(cell("small", ` ${m.paper.name}`));
    return p;
  });
  const FACTS = ["Parameters", "Dimension", "Max input", "Vectors", "Licence", "Weights"];
  root.append(compareTable("Facts", heads, FACTS.map((f) => [f, found.map((m) => (m.facts ? m.facts[f] : "–")), new Set()])));
  let shown = 0;
  const drawn = new Set();
  Object.entries(data.boards).forEach(([slug, board]) => {
    if (board.split_of && drawn.has(board.split_of)) return; // its parent's table has the split
    const best = found.map((m) => {
      const mine = board.rows.filter((r) => (m.name ? r[0] === m.id : r[1] === m.slug));
      return mine.length ? mine.reduce((a, b) => (b[3] > a[3] ? b : a)) : null;
    });
    if (best.filter(Boolean).length < 2) return;
    shown += 1;
    drawn.add(slug);
    const lines = [["Overall", best.map((r) => (r ? r[3] : null))],
      ...board.splits.map((s) => [s, best.map((r) => (r && s in r[4] ? r[4][s] : null))])]
      .filter(([label, values], i) => i === 0 || values.some((v) => v !== null));
    const caption = document.createElement("span");
    caption.append(anchor(board.page, board.name), ` (${board.metric})`);
    root.append(compareTable(caption, heads,
      lines.map(([label, values]) => [label, values.map((v) => (v === null ? "–" : String(v))), bestOf(values)])));
  });
  if (!shown) root.append(cell("p", "No board has a score from two of these models."));
  root.dataset.state = "done";
}

// "Copy as LaTeX" and "Download .bib" on a board: the rows that pass the filters, in the order
// shown. Each row carries its LaTeX line and BibTeX key (render._board, latex.py); the .bib is
// cut from the catalogue's own file, so the keys are the same. `passingRows` is async: a long
// board loads its other rows first.
function addCiteButtons(controls, cite, passingRows) {
  const status = controls.querySelector(".catalogue-cite-status");
  const spans = async () => (await passingRows()).map((row) => row.querySelector("span.catalogue-row"));

  controls.querySelector("button[data-action='latex']").addEventListener("click", async () => {
    const rows = await spans();
    const text = cite.dataset.head + rows.map((s) => s.dataset.tex).join("") + cite.dataset.foot;
    cite.dataset.latex = text; // readable where the clipboard is not (a page opened from disk)
    try {
      await navigator.clipboard.writeText(text);
      status.textContent = `Copied a table of ${rows.length} rows.`;
    } catch {
      status.textContent = "The browser refused the clipboard: select the table below.";
      showText(cite, text);
    }
  });
  controls.querySelector("button[data-action='bib']").addEventListener("click", async () => {
    const link = document.querySelector("a.catalogue-file[href$='catalogue.bib']");
    const wanted = new Set((await spans()).map((s) => s.dataset.cite));
    const whole = await (await fetch(link.href)).text();
    const entries = whole.split(/\n(?=@)/).filter((e) => wanted.has((e.match(/^@\w+\{([^,]+),/) || [])[1]));
    const file = new Blob([entries.map((e) => e.trim() + "\n").join("\n")], { type: "application/x-bibtex" });
    const save = document.createElement("a");
    save.href = URL.createObjectURL(file);
    save.download = `${cite.dataset.board}.bib`;
    document.body.append(save);
    save.click();
    save.remove();
    status.textContent = `Saved ${entries.length} BibTeX entries.`;
  });
}

function showText(cite, text) {
  let area = cite.querySelector("textarea");
  if (!area) {
    area = document.createElement("textarea");
    area.readOnly = true;
    area.rows = 8;
    area.setAttribute("aria-label", "The board as a LaTeX table");
    cite.append(area);
  }
  area.value = text;
  area.select();
}

// The sections carry the ids of their labels: (all-papers)= and (board-<slug>)= in the templates.
document.addEventListener("DOMContentLoaded", () => {
  document.querySelectorAll("#all-papers table, #models table, section[id^='board-'] table").forEach(enhance);
  document.querySelectorAll("#catalogue-compare").forEach((root) => renderCompare(root));
  // On a phone a chart scrolls sideways in its figure (catalogue.css): keyboard users can reach it.
  document.querySelectorAll("figure.catalogue-chart").forEach((figure) => { figure.tabIndex = 0; });
});

// The search page opened from disk: its module script and index cannot load, so say how to serve it.
if (window.location.protocol === "file:") {
  document.querySelectorAll(".catalogue-search-from-disk").forEach((note) => { note.hidden = false; });
}
