// The search page: cuts a Chinese query into the index's own words (search/words.txt, jieba's
// words of every page), asks Pagefind, and lists every result with what it is and when.
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
  let pagefind, words, maxLen = 1, results = [], shown = 0, run = 0;

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
    excerpt.innerHTML = tidy(data.excerpt).replace(/<(?!\/?mark>)/g, "&lt;");
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
    // Year and type are words of every page (see facet_word in zuofeng/site/pagefind_index.py).
    const facets = [];
    if (yearSel.value) facets.push(facet("年份", yearSel.value));
    if (typeSel.value) facets.push(facet("类型", typeSel.value));
    const options = {};
    if (sortSel.value) options.sort = { date: sortSel.value };
    const query_ = terms.map(encode).concat(facets).join(" ");
    const found = terms.every(known) ? await pagefind.search(query_, options) : { results: [] };
    if (mine !== run) return;
    results = found.results;
    status.textContent = results.length ? `找到 ${results.length} 条结果（${terms.join(" ")}）` : `没有找到“${query}”的结果。`;
    await showMore(mine);
    root.dataset.done = query;  // the results of this query are on the page
    history.replaceState(null, "", "?q=" + encodeURIComponent(query));
  }

  async function start() {
    status.textContent = "正在加载搜索……";
    const [module, text] = await Promise.all([
      import(base + "pagefind/pagefind.js"),
      fetch(base + "search/words.txt").then((r) => r.text()),
    ]);
    pagefind = module;
    await pagefind.options({ baseUrl: "/", excerptLength: 40 });
    words = new Set(text.split("\n").filter(Boolean));
    for (const w of words) maxLen = Math.max(maxLen, w.length);
    const facets = await fetch(base + "search/facets.json").then((r) => r.json());
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
