// Material for MkDocs' search box, answered by Pagefind (see site_builder/search_index.py).
//
// Material runs its search in a web worker and talks to it with four messages:
// SETUP (0) -> READY (1), QUERY (2) -> RESULT (3), where a result is
// {items: [[article, ...sections]]} and every title and text is HTML (Material
// inserts it as such). The build copies this file over Material's lunr worker,
// so the theme's search box, keyboard shortcuts and highlighting stay as they are.
"use strict";

const SETUP = 0, READY = 1, QUERY = 2, RESULT = 3;
// Every result shown costs one fragment download (about 1-3 KB): a first search stays small.
const MAX_RESULTS = 10;
const MAX_SECTIONS = 3;
// This file is served from <site>/assets/javascripts/workers/, whatever path the site is under.
const ROOT = new URL("../../../", self.location.href);

let engine = null;

function pagefind() {
  if (!engine) {
    const bundle = new URL("pagefind/", ROOT);
    engine = import(new URL("pagefind.js", bundle).href).then(async (pf) => {
      await pf.options({ baseUrl: ROOT.pathname });
      // A large site is indexed in shards (search_index.py); each is merged into this one.
      const listed = await fetch(new URL("shards.json", bundle)).then((r) => (r.ok ? r.json() : []), () => []);
      for (const shard of listed) {
        await pf.mergeIndex(new URL(shard, bundle).pathname, { baseUrl: ROOT.pathname });
      }
      return pf;
    });
  }
  return engine;
}

function escapeHtml(text) {
  return String(text).replace(/[&<>"']/g, (c) => (
    { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c]));
}

async function search(query) {
  const text = String(query || "").trim();
  if (!text) return { items: [] };
  const pf = await pagefind();
  const found = await pf.search(text);
  if (!found || !found.results) return { items: [] };
  const pages = await Promise.all(found.results.slice(0, MAX_RESULTS).map((r) => r.data()));
  const terms = {};
  for (const word of text.split(/\s+/)) if (word) terms[word] = true;
  return {
    items: pages.map((page) => {
      // Pagefind's excerpts are escaped text with <mark> around the matches; titles are plain text.
      const article = { location: page.url, title: escapeHtml(page.meta.title || page.url),
                        text: page.excerpt || "", score: 1, terms };
      const sections = (page.sub_results || [])
        .filter((s) => s.url && s.url.includes("#"))
        .slice(0, MAX_SECTIONS)
        .map((s) => ({ location: s.url, title: escapeHtml(s.title || ""), text: s.excerpt || "", score: 1,
                       terms }));
      return [article, ...sections];
    }),
  };
}

// Answers leave in the order the queries came, as Material expects of its synchronous lunr worker.
let queue = Promise.resolve();

self.addEventListener("message", (event) => {
  const message = event.data || {};
  queue = queue.then(async () => {
    if (message.type === SETUP) {
      postMessage({ type: READY });  // the index loads on the first query, not with every page
    } else if (message.type === QUERY) {
      try {
        postMessage({ type: RESULT, data: await search(message.data) });
      } catch (err) {
        console.warn("search failed:", err);
        postMessage({ type: RESULT, data: { items: [] } });
      }
    }
  });
});
