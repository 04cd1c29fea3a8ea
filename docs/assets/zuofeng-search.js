// The search page: cuts a Chinese query into the index's own words (search/words.txt, jieba's
// words of every page), asks Pagefind, and lists every result with what it is and when.
// The offline archive (data-index="offline", opened from file:// where Pagefind cannot run) asks
// the same words of search/offline-index.js instead (see zuofeng/site/offline_index.py).
(function () {
  "use strict";
  const root = document.getElementById("zf-search");
  if (!root) return;
  const base = root.dataset.root;  // the site root, relative to this page
  const PAGE = 20;
  const HAN = /[\u3400-\u9fff\uf900-\ufaff]/;
  const form = root.querySelector("form");
  const input = root.querySelector("input[name=q]");
  const yearSel = root.querySelector("select[name=year]");
  const typeSel = root.querySelector("select[name=type]");
  const sortSel = root.querySelector("select[name=sort]");
  const status = root.querySelector(".zf-search-status");
  const list = root.querySelector(".zf-search-results");
  const more = root.querySelector(".zf-search-more");
  let backend, words, maxLen = 1, results = [], shown = 0, run = 0;

  // Forward maximum matching over the index's words; a stretch no word covers stays whole.
  function cut(text) {
    const terms = [];
    // Punctuation separates words (二、贯彻落实…); the index holds none.
    for (const part of text.replace(/[\p{P}\p{S}]+/gu, " ").trim().split(/\s+/)) {
      if (!HAN.test(part)) { if (part) terms.push(part); continue; }
      let unknown = "";
      for (let i = 0; i < part.length;) {
        let found = "";
        for (let n = Math.min(maxLen, part.length - i); n > 1; n--) {
          if (words.has(part.substr(i, n))) { found = part.substr(i, n); break; }
        }
        if (found) {
          if (unknown) { terms.push(unknown); unknown = ""; }
          terms.push(found); i += found.length;
        } else { unknown += part[i]; i += 1; }
      }
      if (unknown) terms.push(unknown);
    }
    // A lone character no word holds (the 二 of 二、…) adds nothing when words were found.
    const words_ = terms.filter((t) => !(HAN.test(t) && t.length === 1 && !words.has(t)));
    return words_.length ? words_ : terms;
  }

  // Pagefind shortens a word it cannot find (用车 → 用, matching 用工): a Chinese term that starts
  // no indexed word has no result at all.
  function known(term) {
    if (!HAN.test(term) || term.length < 2) return true;
    if (words.has(term)) return true;
    for (const w of words) if (w.startsWith(term)) return true;
    return false;
  }

  // Chinese characters are indexed as q + 5 hex digits (see zuofeng/site/pagefind_index.py).
  const encode = (term) => term.replace(/[\u3400-\u9fff\uf900-\ufaff]/g, (c) => "q" + c.codePointAt(0).toString(16).padStart(5, "0"));
  const decode = (text) => text.replace(/q([0-9a-f]{5})/g, (_, hex) => String.fromCodePoint(parseInt(hex, 16)));

  const facet = (key, value) => "zf" + encode(key) + encode(value) + "z";

  function tidy(excerpt) {
    excerpt = excerpt.replace(/(<mark>)?zf[0-9a-zq]+z(<\/mark>)?/g, "");
    // The index holds words separated by spaces; Chinese reads without them.
    excerpt = decode(excerpt);
    return excerpt.replace(/([\u3400-\u9fff\uff00-\uffef\u3000-\u303f0-9]|<\/?mark>)\s+(?=[\u3400-\u9fff\uff00-\uffef\u3000-\u303f0-9]|<\/?mark>)/g, "$1")
      .replace(/([\u3400-\u9fff\uff00-\uffef\u3000-\u303f0-9]|<\/?mark>)\s+(?=[\u3400-\u9fff\uff00-\uffef\u3000-\u303f0-9]|<\/?mark>)/g, "$1");
  }

  function item(data) {
    const li = document.createElement("li");
    const a = document.createElement("a");
    a.className = "zf-search-title";
    a.href = base + data.url.replace(/^\//, "");
    a.textContent = data.meta.title || data.url;
    const info = document.createElement("div");
    info.className = "zf-search-info";
    info.textContent = data.meta.info || "";
    const excerpt = document.createElement("div");
    excerpt.className = "zf-search-excerpt";
    // Pagefind escapes < and > of the text; any other < is escaped here too: only <mark> is markup.
    excerpt.innerHTML = (data.tidy ? data.excerpt : tidy(data.excerpt)).replace(/<(?!\/?mark>)/g, "&lt;");
    li.append(a, info, excerpt);
    return li;
  }

  async function showMore(mine) {
    const next = results.slice(shown, shown + PAGE);
    const datas = await Promise.all(next.map((r) => r.data()));
    if (mine !== run) return;
    for (const data of datas) list.append(item(data));
    shown += next.length;
    more.hidden = shown >= results.length;
  }

  async function search() {
    const mine = ++run;
    const query = input.value.trim();
    list.replaceChildren();
    more.hidden = true;
    results = []; shown = 0;
    if (!query) { status.textContent = "请输入要搜索的词语。"; return; }
    const terms = cut(query);
    const narrow = { year: yearSel.value, type: typeSel.value, sort: sortSel.value };
    const found = terms.every(known) ? await backend.search(terms, narrow) : [];
    if (mine !== run) return;
    results = found;
    status.textContent = results.length ? `找到 ${results.length} 条结果（${terms.join(" ")}）` : `没有找到“${query}”的结果。`;
    await showMore(mine);
    root.dataset.done = query;  // the results of this query are on the page
    history.replaceState(null, "", "?q=" + encodeURIComponent(query));
  }

  // The intranet site: Pagefind's chunked index, the words and facets as files beside it.
  async function pagefindBackend() {
    const [pagefind, text, facets] = await Promise.all([
      import(base + "pagefind/pagefind.js"),
      fetch(base + "search/words.txt").then((r) => r.text()),
      fetch(base + "search/facets.json").then((r) => r.json()),
    ]);
    await pagefind.options({ baseUrl: "/", excerptLength: 40 });
    async function search(terms, narrow) {
      // Year and type are words of every page (see facet_word in zuofeng/site/pagefind_index.py).
      const facets = [];
      if (narrow.year) facets.push(facet("年份", narrow.year));
      if (narrow.type) facets.push(facet("类型", narrow.type));
      const options = {};
      if (narrow.sort) options.sort = { date: narrow.sort };
      return (await pagefind.search(terms.map(encode).concat(facets).join(" "), options)).results;
    }
    return { words: text.split("\n").filter(Boolean), facets, search };
  }

  // A script of the same folder loads under file://, where fetch and WebAssembly do not.
  function loadScript(src) {
    return new Promise((resolve, reject) => {
      const script = document.createElement("script");
      script.src = src;
      script.onload = resolve;
      script.onerror = () => reject(new Error("无法读取 " + src));
      document.head.append(script);
    });
  }

  // The offline archive: every page's words with their weights in one script (window.__zuofengSearch).
  async function offlineBackend() {
    await loadScript(base + "search/offline-index.js");
    const index = window.__zuofengSearch;
    const keys = Object.keys(index.words);
    const total = index.pages.length;
    const avgLen = index.pages.reduce((sum, p) => sum + p[6], 0) / Math.max(total, 1);

    // A term matches the index word itself, or (at half weight) the words it starts, as Pagefind does.
    function postings(term) {
      const key = term.toLowerCase();
      const found = new Map();
      for (const word of keys) {
        if (!word.startsWith(key)) continue;
        const list = index.words[word], factor = word === key ? 1 : 0.5;
        for (let i = 0; i < list.length; i += 2) found.set(list[i], (found.get(list[i]) || 0) + factor * list[i + 1] / 2);
      }
      return found;
    }

    // BM25 over the weighted counts; a page must hold every term.
    function rank(terms) {
      let scores = null;
      for (const term of terms) {
        const hits = postings(term);
        const idf = Math.log(1 + (total - hits.size + 0.5) / (hits.size + 0.5));
        const next = new Map();
        for (const [id, tf] of hits) {
          if (scores && !scores.has(id)) continue;
          const norm = tf + 1.2 * (0.25 + 0.75 * index.pages[id][6] / avgLen);
          next.set(id, (scores ? scores.get(id) : 0) + idf * tf * 2.2 / norm);
        }
        scores = next;
      }
      return scores || new Map();
    }

    const escapeHtml = (text) => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

    // About 80 characters around the place where most of the terms are, each term marked.
    function excerpt(text, terms) {
      const lower = text.toLowerCase(), needles = terms.map((t) => t.toLowerCase());
      let best = 0, bestCount = -1;
      for (const needle of needles) {
        for (let at = lower.indexOf(needle); at >= 0; at = lower.indexOf(needle, at + 1)) {
          const window_ = lower.slice(Math.max(0, at - 20), at + 60);
          const count = needles.filter((n) => window_.includes(n)).length;
          if (count > bestCount) { best = at; bestCount = count; }
        }
      }
      const start = Math.max(0, best - 20);
      const part = text.slice(start, start + 80);
      const pattern = new RegExp(needles.map((n) => n.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join("|"), "gi");
      let html = "", last = 0;
      for (const m of part.matchAll(pattern)) {
        html += escapeHtml(part.slice(last, m.index)) + "<mark>" + escapeHtml(m[0]) + "</mark>";
        last = m.index + m[0].length;
      }
      html += escapeHtml(part.slice(last));
      return (start > 0 ? "…" : "") + html + (start + 80 < text.length ? "…" : "");
    }

    async function search(terms, narrow) {
      const scores = rank(terms);
      const ids = [...scores.keys()].filter((id) => (!narrow.year || index.pages[id][4] === narrow.year)
        && (!narrow.type || index.pages[id][5] === narrow.type));
      if (narrow.sort) {
        // Pages with no date (site pages) last, as Pagefind does.
        const dir = narrow.sort === "asc" ? 1 : -1;
        ids.sort((a, b) => {
          const da = index.pages[a][3], db = index.pages[b][3];
          if (!da || !db) return (da ? 0 : 1) - (db ? 0 : 1) || scores.get(b) - scores.get(a);
          return da === db ? scores.get(b) - scores.get(a) : (da < db ? -dir : dir);
        });
      } else {
        ids.sort((a, b) => scores.get(b) - scores.get(a) || a - b);
      }
      return ids.map((id) => {
        const [url, title, info, , , , , text] = index.pages[id];
        return { data: async () => ({ url, meta: { title, info }, excerpt: excerpt(text, terms), tidy: true }) };
      });
    }
    return { words: keys, facets: index.facets, search };
  }

  async function start() {
    status.textContent = "正在加载搜索……";
    backend = await (root.dataset.index === "offline" ? offlineBackend() : pagefindBackend());
    words = new Set(backend.words.filter((w) => HAN.test(w) && w.length > 1));
    for (const w of words) maxLen = Math.max(maxLen, w.length);
    const facets = backend.facets;
    for (const year of (facets["年份"] || []).slice().reverse()) yearSel.append(new Option(year + "年", year));
    for (const type of facets["类型"] || []) typeSel.append(new Option(type, type));
    input.value = new URLSearchParams(location.search).get("q") || "";
    form.addEventListener("submit", (e) => { e.preventDefault(); search(); });
    let timer;
    input.addEventListener("input", () => { clearTimeout(timer); timer = setTimeout(search, 250); });
    for (const select of [yearSel, typeSel, sortSel]) select.addEventListener("change", search);
    more.addEventListener("click", () => showMore(run));
    await search();
  }

  start().catch((error) => { status.textContent = "搜索加载失败：" + error; });
})();
