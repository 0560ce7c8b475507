// The search page: asks Pagefind's index (pagefind/, written after the build) for the query in
// the address (?q=) and lists the results: the paper's name, its title, year and venue, and
// the passage that matched. Pagefind downloads only the index fragments a query needs.
const SHOWN = 20;

const root = document.getElementById("search-results");
const input = document.getElementById("catalogue-search-query");
const query = (new URLSearchParams(window.location.search).get("q") || "").trim();
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

async function run() {
  if (!query) return;
  const bundle = new URL(root.dataset.pagefind, document.baseURI);
  const base = new URL("..", bundle); // the site's root, wherever it is hosted
  const pagefind = await import(bundle.href);
  await pagefind.options({ baseUrl: "/", excerptLength: 24 });
  const search = await pagefind.search(query);
  const found = await Promise.all(search.results.slice(0, SHOWN).map((r) => r.data()));
  // A page named exactly what the reader typed (a paper's short name or one of its other
  // spellings, a topic, a benchmark) comes first, whatever the word counts say.
  const key = query.toLowerCase().replace(/[^0-9a-z]+/g, "");
  const isExact = (data) => (data.meta.exact || "").split(" ").includes(key);
  found.sort((a, b) => isExact(b) - isExact(a));
  const summary = document.createElement("p");
  summary.className = "catalogue-search-summary";
  const count = search.results.length;
  summary.textContent = count ? `${count} page${count === 1 ? "" : "s"} match “${query}”${count > SHOWN ? `; the first ${SHOWN} are shown` : ""}.`
    : `Nothing matches “${query}”. Try a short name (VLM2Vec), an author's surname or a backbone (Qwen2-VL).`;
  const list = document.createElement("ol");
  list.className = "catalogue-results";
  list.append(...found.map((data) => result(data, base)));
  root.replaceChildren(summary, list);
}

run()
  .catch((error) => {
    root.replaceChildren(line("catalogue-search-error", `Search could not run: ${error.message}`));
  })
  .finally(() => {
    root.dataset.state = "done";
  });
