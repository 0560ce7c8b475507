// The search page: asks Pagefind's index (pagefind/, written after the build) for the query in
// the address (?q=) and lists the results: the paper's name, its title, year and venue, and
// the passage that matched. Pagefind downloads only the index fragments a query needs.
const SHOWN = 10; // each result's fragment is a download: 20 took a first query at N=10,000 past 300 KB

const root = document.getElementById("search-results");
const input = document.getElementById("catalogue-search-query");
const params = new URLSearchParams(window.location.search); // the query, and the filters below
const query = (params.get("q") || "").trim();
input.value = query;

function line(className, text) {
  const element = document.createElement("span");
  element.className = className;
  element.textContent = text;
  return element;
}

// Pagefind's excerpt is HTML: the page's text (escaped) with <mark> around matched words.
// Only the marks are kept; everything else becomes plain text.
function excerpt(html) {
  const template = document.createElement("template");
  template.innerHTML = html;
  const paragraph = document.createElement("span");
  paragraph.className = "catalogue-result-excerpt";
  for (const node of template.content.childNodes) {
    if (node.nodeName === "MARK") paragraph.append(Object.assign(document.createElement("mark"), { textContent: node.textContent }));
    else paragraph.append(node.textContent);
  }
  return paragraph;
}

function result(data, base) {
  const item = document.createElement("li");
  item.className = "catalogue-result";
  const anchor = document.createElement("a");
  anchor.className = "catalogue-result-name";
  anchor.href = new URL(data.url.replace(/^\//, ""), base).href;
  anchor.textContent = data.meta.name || data.meta.title || data.url;
  item.append(anchor);
  if (data.meta.name && data.meta.title && data.meta.title !== data.meta.name) item.append(line("catalogue-result-title", data.meta.title));
  const where = [data.meta.year, data.meta.venue].filter(Boolean).join(" · ");
  if (where) item.append(line("catalogue-result-where", where));
  item.append(excerpt(data.excerpt));
  return item;
}

// Filters: one select per key the index knows (year, topic, code, kind), kept in the address
// (?q=...&year=2025) so a filtered search can be shared. Only paper pages carry filters.
const FILTERS = { year: "Year", topic: "Topic", code: "Code", kind: "Kind" };

function filterControls(available, onChange) {
  const box = document.createElement("div");
  box.className = "catalogue-controls catalogue-search-filters";
  for (const [key, label] of Object.entries(FILTERS)) {
    const values = Object.keys(available[key] || {}).sort((a, b) => (key === "year" ? b.localeCompare(a) : a.localeCompare(b)));
    if (!values.length) continue;
    const wrap = document.createElement("label");
    wrap.className = "catalogue-filter";
    wrap.append(label + " ");
    const select = document.createElement("select");
    select.name = key;
    select.setAttribute("aria-label", label);
    select.add(new Option("all", ""));
    values.forEach((v) => select.add(new Option(`${v} (${available[key][v]})`, v)));
    select.value = params.get(key) || "";
    select.addEventListener("change", () => onChange(key, select.value));
    wrap.append(select);
    box.append(wrap);
  }
  return box;
}

async function show(pagefind, base, list, summary, more) {
  root.dataset.state = "searching";
  const filters = Object.fromEntries(Object.keys(FILTERS).filter((k) => params.get(k)).map((k) => [k, params.get(k)]));
  // A page named exactly what the reader typed (a paper's short name or one of its other
  // spellings, a topic, a benchmark) comes first, whatever the word counts say. Its other
  // spellings are indexed run together too (search.py), so "vlm2vec v2" is also looked up as
  // "vlm2vecv2": the page is found even where many others mention VLM2Vec more often.
  const key = query.toLowerCase().replace(/[^0-9a-z]+/g, "");
  const isExact = (data) => (data.meta.exact || "").split(" ").includes(key);
  const [search, joined] = await Promise.all([pagefind.search(query, { filters }),
    key && key !== query.toLowerCase() ? pagefind.search(key, { filters }) : null]);
  const candidates = joined ? joined.results.slice(0, 10) : [];
  const loaded = await Promise.all(candidates.map((r) => r.data()));
  const exact = candidates.filter((r, i) => isExact(loaded[i])); // Pagefind's results, each with its id
  const first = new Set(exact.map((r) => r.id));
  // A topic or board named exactly so comes before everything (its address and title come with the page).
  const named = JSON.parse(root.dataset.named || "{}")[key];
  const namedResult = named && { data: async () => ({ url: `/${named[0]}`, meta: { name: named[1] }, excerpt: "" }) };
  const queue = [...(namedResult ? [namedResult] : []), ...exact, ...search.results.filter((r) => !first.has(r.id))];
  const narrowed = Object.keys(filters).length ? " with these filters" : "";
  let shown = 0;
  // Results come SHOWN at a time: "Show more" fetches the next ones' fragments only when asked.
  const next = async () => {
    const found = (await Promise.all(queue.slice(shown, shown + SHOWN).map((r) => r.data())))
      .filter((data, i) => !named || shown + i === 0 || data.url !== `/${named[0]}`); // listed once
    if (!shown) found.sort((a, b) => isExact(b) - isExact(a));
    shown += found.length;
    list.append(...found.map((data) => result(data, base)));
    const count = queue.length;
    summary.textContent = count ? `${count} page${count === 1 ? "" : "s"} match “${query}”${narrowed}${count > shown ? `; the first ${shown} are shown` : ""}.`
      : `Nothing matches “${query}”${narrowed}. Try a short name (VLM2Vec), an author's surname or a backbone (Qwen2-VL).`;
    more.hidden = count <= shown;
  };
  list.replaceChildren();
  more.onclick = () => next().catch(fail);
  await next();
  root.dataset.state = "done";
}

async function run() {
  if (!query) return;
  const bundle = new URL(root.dataset.pagefind, document.baseURI);
  const base = new URL("..", bundle); // the site's root, wherever it is hosted
  const pagefind = await import(bundle.href);
  const options = { baseUrl: "/", excerptLength: 24 };
  await pagefind.options(options);
  // The index comes in shards (search.py): the paper pages' are merged into the main one.
  const shards = root.dataset.shards.split(" ").filter(Boolean);
  await Promise.all(shards.map((name) => pagefind.mergeIndex(new URL(`${name}/`, bundle).href, options)));
  const summary = document.createElement("p");
  summary.className = "catalogue-search-summary";
  summary.setAttribute("aria-live", "polite");
  const list = document.createElement("ol");
  list.className = "catalogue-results";
  const more = Object.assign(document.createElement("button"), { type: "button", className: "catalogue-search-more-results",
    textContent: `Show ${SHOWN} more`, hidden: true });
  // The filters' values and counts come with the page (search.filter_counts): asking Pagefind
  // would download every shard's filter index before the first result.
  const controls = filterControls(JSON.parse(root.dataset.filters || "{}"), (key, value) => {
    if (value) params.set(key, value);
    else params.delete(key);
    window.history.replaceState(null, "", `?${params}`);
    show(pagefind, base, list, summary, more).catch(fail);
  });
  root.replaceChildren(controls, summary, list, more);
  await show(pagefind, base, list, summary, more);
}

function fail(error) {
  root.replaceChildren(line("catalogue-search-error", `Search could not run: ${error.message}`));
  root.dataset.state = "done";
}

run()
  .catch(fail)
  .finally(() => {
    if (root.dataset.state !== "searching") root.dataset.state = "done";
  });
