/*
 * razem search: the search box on every page and the search page.
 *
 * Two back ends give the same answers (see generator/search/doc.go):
 * - the razem server's GET api/search, tried first over http(s);
 * - the static index in search/ (meta.js, l/N.js, p/N.js, f/P[-G].js, t/N.js), used from
 *   file:// and on any static host. Its files are classic scripts that call
 *   window.__razemSearch.*, because file:// pages may not fetch() local files.
 *
 * The static engine below mirrors generator/search (plan.go, eval.go,
 * open.go, snippet.go): same words, same completions and corrections, the
 * same integer page impacts combined in the same order, the same ranking.
 * generator/search's tests run this file in Node and compare its hits with
 * the server's.
 *
 * No dependencies, no eval, no inline handlers, no HTML parsing: the DOM is
 * built with createElement/textContent; snippets are split on <mark> and
 * unescaped into text nodes.
 */
(function () {
  'use strict';

  var G = typeof window !== 'undefined' ? window : globalThis;
  var ns = G.__razemSearch || (G.__razemSearch = {});

  // ---- JSONP callbacks: the static index files call these. ----
  var store = { meta: null, lex: {}, post: {}, pages: {}, tags: {} };
  ns.meta = function (m) { store.meta = m; };
  ns.lex = function (n, entries) { store.lex[n] = entries; };
  ns.post = function (n, entries) { store.post[n] = entries; };
  ns.page = function (n, p) { store.pages[n] = p; };
  ns.tag = function (n, pages) { store.tags[n] = pages; };

  // ---- Words: what bleve's unicode tokenizer (UAX #29) makes of text. ----
  var RUN = /[\p{L}\p{M}\p{N}_\p{Pc}]+/gu;
  var LETTER = /[\p{L}\p{M}]/u;
  var DIGIT = /\p{Nd}/u;
  var MID_LETTER = ".'\u2019:\u00B7";
  var MID_NUM = ".,;'\u2019";

  // spans returns [start, end) UTF-16 offsets of the words of text: runs of
  // letters and digits, joined across one "mid" character when it stands
  // between two letters (e.g. "crowdsourcing'u") or two digits ("3,5").
  function spans(text) {
    var out = [];
    var m;
    RUN.lastIndex = 0;
    while ((m = RUN.exec(text)) !== null) {
      var s = m.index, e = s + m[0].length;
      var last = out[out.length - 1];
      if (last && last[1] + 1 === s && joins(text, last[1], s)) {
        last[1] = e;
      } else {
        out.push([s, e]);
      }
    }
    return out;
  }

  function joins(text, mid, next) {
    var c = text[mid];
    var before = lastChar(text, mid);
    var after = String.fromCodePoint(text.codePointAt(next));
    if (MID_LETTER.indexOf(c) >= 0 && LETTER.test(before) && LETTER.test(after)) return true;
    return MID_NUM.indexOf(c) >= 0 && DIGIT.test(before) && DIGIT.test(after);
  }

  function lastChar(text, end) {
    var c = text.charCodeAt(end - 1);
    if (c >= 0xDC00 && c <= 0xDFFF && end >= 2) return text.slice(end - 2, end);
    return text[end - 1];
  }

  // fold mirrors polish.Fold on lowercased text: the corpus's own characters
  // through meta.fold (bleve's ASCII folding), others by NFD without marks.
  function fold(s) {
    var table = (store.meta && store.meta.fold) || {};
    var out = '';
    for (var ch of s) {
      if (ch.charCodeAt(0) < 0x80) {
        out += ch;
      } else if (Object.prototype.hasOwnProperty.call(table, ch)) {
        out += table[ch];
      } else if (ch === '\u0142') {
        out += 'l';
      } else {
        out += ch.normalize('NFD').replace(/\p{M}/gu, '');
      }
    }
    return out;
  }

  // langCode mirrors analysis.Code: lowercase, the primary subtag, Norwegian
  // Bokmål and Nynorsk as Norwegian, "" as Polish.
  function langCode(tag) {
    var c = String(tag || '').toLowerCase().split(/[-_]/)[0];
    if (c === 'nb' || c === 'nn') return 'no';
    return c || 'pl';
  }

  // readerLang is the language a query is read in (open.go, corpusLangs.find):
  // the reader's, when the site has pages in it, else the site's default.
  function readerLang(meta, tag) {
    var c = langCode(tag);
    return Object.prototype.hasOwnProperty.call(meta.langs, c) ? c : meta.lang;
  }

  // keyOf mirrors the analysis of a lowercased word up to its key
  // (analysis/chain.go): bleve's English possessive, its elision and its
  // Turkish apostrophe filters, as meta.langs gives them, then folding.
  function keyOf(w, rules) {
    if (rules.poss && /['\u2019\uFF07][sS]$/.test(w)) w = w.slice(0, -2);
    if (rules.el) {
      for (var i = 0; i < w.length; i++) {
        if (w[i] === "'" || w[i] === '\u2019') {
          if (rules.el.indexOf(w.slice(0, i)) >= 0) { w = w.slice(i + 1); break; }
        }
      }
    }
    if (rules.apos) w = w.split(/['\u2019]/)[0];
    return fold(w);
  }

  // CJK letters, as analysis/chain.go's isCJK: Han, Hiragana, Katakana,
  // Hangul and the prolonged sound mark.
  var CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\u30FC]/u;

  // wordSpans mirrors the analysis's split (chain.go): the words of spans, or
  // with rules.cjk each run of CJK letters as its overlapping pairs (a
  // lone letter alone) and the parts between runs whole.
  function wordSpans(text, rules) {
    var sp = spans(text);
    if (!rules.cjk) return sp;
    var out = [];
    sp.forEach(function (w) {
      var letters = [], other = -1;
      function flush(end) {
        if (letters.length === 1) out.push([letters[0], end]);
        for (var k = 0; k + 1 < letters.length; k++) out.push([letters[k], k + 2 < letters.length ? letters[k + 2] : end]);
        letters = [];
      }
      for (var i = w[0]; i < w[1];) {
        var ch = String.fromCodePoint(text.codePointAt(i));
        if (CJK.test(ch)) {
          if (other >= 0) { out.push([other, i]); other = -1; }
          letters.push(i);
        } else {
          if (letters.length) flush(i);
          if (other < 0) other = i;
        }
        i += ch.length;
      }
      if (other >= 0) out.push([other, w[1]]);
      flush(w[1]);
    });
    return out;
  }

  // queryWords mirrors plan.go's queryWords: the lowercased non-stop words
  // of a query in the reader's language with their keys, without repeats,
  // at most meta.maxWords.
  function queryWords(text, meta, lang) {
    var rules = meta.langs[lang];
    var stop = rules._stop || (rules._stop = toSet(rules.stop));
    var out = [];
    var sp = wordSpans(text, rules);
    for (var i = 0; i < sp.length; i++) {
      var w = text.slice(sp[i][0], sp[i][1]).toLowerCase();
      var k = keyOf(w, rules);
      if (!k || stop.has(k) || out.some(function (x) { return x.key === k; })) continue;
      if (out.length === meta.maxWords) break;
      out.push({ word: w, key: k });
    }
    return out;
  }

  // truncateQuery mirrors open.go: at most 500 characters (Go counts bytes),
  // without the stump of a word cut in two.
  function truncateQuery(s) {
    if (s.length <= 500) return s;
    var cut = s.slice(0, 500);
    if (!/\s/.test(s.charAt(500))) {
      var i = cut.search(/\s\S*$/);
      if (i >= 0) cut = cut.slice(0, i);
    }
    return cut;
  }

  function toSet(list) {
    var s = new Set();
    for (var i = 0; i < list.length; i++) s.add(list[i]);
    return s;
  }

  // cmp orders strings by code point, as Go's strings.Compare orders their
  // UTF-8 bytes (JavaScript's < compares UTF-16 units).
  function cmp(a, b) {
    if (a === b) return 0;
    var x = Array.from(a), y = Array.from(b);
    for (var i = 0; i < x.length && i < y.length; i++) {
      if (x[i] !== y[i]) return x[i].codePointAt(0) < y[i].codePointAt(0) ? -1 : 1;
    }
    return x.length - y.length;
  }

  function runeCount(s) { return Array.from(s).length; }

  // editDistance mirrors plan.go: optimal string alignment distance by
  // character, or max+1 beyond max.
  function editDistance(a, b, max) {
    var x = Array.from(a), y = Array.from(b);
    var prev2 = new Array(y.length + 1).fill(0), prev = [], cur = new Array(y.length + 1).fill(0);
    for (var j = 0; j <= y.length; j++) prev.push(j);
    for (var i = 1; i <= x.length; i++) {
      cur[0] = i;
      var low = cur[0];
      for (j = 1; j <= y.length; j++) {
        var cost = x[i - 1] === y[j - 1] ? 0 : 1;
        var v = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost);
        if (i > 1 && j > 1 && x[i - 1] === y[j - 2] && x[i - 2] === y[j - 1]) v = Math.min(v, prev2[j - 2] + 1);
        cur[j] = v;
        low = Math.min(low, v);
      }
      if (low > max) return max + 1;
      var t = prev2; prev2 = prev; prev = cur; cur = t;
    }
    return prev[y.length] > max ? max + 1 : prev[y.length];
  }

  // ---- The static engine. ----

  // StaticEngine answers queries from the static index. load(path) runs the
  // file search/<path> and resolves when its callback has been called.
  function StaticEngine(load) {
    this.load = load;
    this.pending = {};
  }

  StaticEngine.prototype.file = function (path) {
    if (!this.pending[path]) {
      var self = this;
      this.pending[path] = this.load(path).catch(function (err) {
        delete self.pending[path];
        throw err;
      });
    }
    return this.pending[path];
  };

  StaticEngine.prototype.meta = function () {
    return this.file('meta.js').then(function () {
      var m = store.meta;
      if (!m || m.v !== 6) throw new Error('search: unknown static index version');
      return m;
    });
  };

  // chunkFor is the chunk that would hold key: the last whose first key is
  // not after it (JavaScript's < is the UTF-16 order the keys were sorted in).
  function chunkFor(firsts, key) {
    var lo = 0, hi = firsts.length - 1, ans = -1;
    while (lo <= hi) {
      var mid = (lo + hi) >> 1;
      if (firsts[mid] <= key) { ans = mid; lo = mid + 1; } else { hi = mid - 1; }
    }
    return ans;
  }

  function lowerBound(entries, key) {
    var lo = 0, hi = entries.length;
    while (lo < hi) {
      var mid = (lo + hi) >> 1;
      if (entries[mid][0] < key) lo = mid + 1; else hi = mid;
    }
    return lo;
  }

  function startsWith(s, prefix) { return s.lastIndexOf(prefix, 0) === 0; }

  StaticEngine.prototype.lexChunk = function (n) {
    return this.file('l/' + n + '.js').then(function () { return store.lex[n]; });
  };

  // prefixed resolves to the lexicon entries [key, pages, terms] whose key
  // starts with prefix, in key order, across chunks (lexicon.prefixed).
  StaticEngine.prototype.prefixed = function (meta, prefix) {
    var self = this;
    var out = [];
    var n = Math.max(chunkFor(meta.lx, prefix), 0);
    function step(entries) {
      for (var i = lowerBound(entries, prefix); i < entries.length; i++) {
        if (!startsWith(entries[i][0], prefix)) return out;
        out.push(entries[i]);
      }
      n++;
      if (n >= meta.lx.length || !startsWith(meta.lx[n], prefix)) return out;
      return self.lexChunk(n).then(step);
    }
    if (!meta.lx.length) return Promise.resolve(out);
    return this.lexChunk(n).then(step);
  };

  // top mirrors lexicon.top: up to n entries, most pages first, then in
  // key order.
  function top(entries, n) {
    var out = [];
    entries.forEach(function (e) {
      var at = out.length;
      while (at > 0 && out[at - 1][1] < e[1]) at--;
      if (at < n) {
        out.splice(at, 0, e);
        if (out.length > n) out.length = n;
      }
    });
    return out;
  }

  // plan mirrors lexicon.expand for one word: the terms of its exact
  // spelling and of its completions; failing both, of its other endings;
  // failing those, of its corrections; each term once at its highest
  // weight, sorted by term.
  // termIn mirrors plan.go: whether a term is of the language whose terms
  // start with prefix (Polish terms, prefix "", carry no code).
  function termIn(term, prefix) {
    if (prefix) return startsWith(term, prefix);
    return !/^[a-z]{2,3}:/.test(term);
  }

  StaticEngine.prototype.plan = function (meta, w, last, lang) {
    var q = meta.q;
    var terms = [];
    var own = lang === 'pl' ? '' : lang + ':';
    function hasOwn() { return terms.some(function (t) { return termIn(t.term, own); }); }
    function add(entry, weight) {
      entry[2].forEach(function (t) {
        var lo = 0, hi = terms.length;
        while (lo < hi) { var mid = (lo + hi) >> 1; if (cmp(terms[mid].term, t) < 0) lo = mid + 1; else hi = mid; }
        if (lo < terms.length && terms[lo].term === t) {
          if (terms[lo].w < weight) terms[lo].w = weight;
        } else {
          terms.splice(lo, 0, { term: t, w: weight });
        }
      });
    }
    var n = runeCount(w.key);
    var self = this;
    return this.prefixed(meta, w.key).then(function (range) {
      if (range.length && range[0][0] === w.key) {
        add(range[0], q.exact);
        range = range.slice(1);
      }
      if ((last && n >= q.typingMin) || n >= q.compoundMin) {
        top(range, q.completions).forEach(function (e) { add(e, last ? q.typing : q.compound); });
      }
      if (hasOwn()) return null;
      var cps = Array.from(w.key);
      var drop = 1;
      // Other endings: the word less 1, 2, 3 letters, the fewest that
      // find some spellings (lexicon.expand).
      function ending() {
        if (n < q.endingMin || drop > Math.min(q.endingDrop, n - 4)) return Promise.resolve();
        return self.prefixed(meta, cps.slice(0, n - drop).join('')).then(function (range) {
          top(range, q.completions).forEach(function (e) { add(e, q.ending); });
          drop++;
          if (!hasOwn()) return ending();
        });
      }
      return ending().then(function () {
        if (hasOwn() || n < q.typoMin) return null;
        return self.prefixed(meta, cps.slice(0, q.bucket).join(''));
      });
    }).then(function (bucket) {
      if (bucket) {
        var d = n >= q.typo2Min ? 2 : 1;
        var best = d + 1, close = [];
        bucket.forEach(function (e) {
          var m = runeCount(e[0]);
          if (m < n - d || m > n + d) return;
          var dist = editDistance(w.key, e[0], d);
          if (dist <= d) { close.push([e, dist]); best = Math.min(best, dist); }
        });
        var weight = best === 2 ? q.typo2 : q.typo1;
        top(close.filter(function (c) { return c[1] === best; }).map(function (c) { return c[0]; }), q.corrections)
          .forEach(function (e) { add(e, weight); });
      }
      return { word: w.word, key: w.key, terms: terms };
    });
  };

  // Varints (static.go, appendVarint): 5 bits a character, most
  // significant first; characters of VARINT_MORE continue a number.
  var VARINT_LAST = '0123456789ABCDEFGHIJKLMNOPQRSTUV';
  var VARINT_MORE = 'WXYZabcdefghijklmnopqrstuvwxyz-_';
  var DIGIT_OF = {};
  for (var vi = 0; vi < 32; vi++) {
    DIGIT_OF[VARINT_LAST.charCodeAt(vi)] = vi;
    DIGIT_OF[VARINT_MORE.charCodeAt(vi)] = vi + 32;
  }

  function varints(s) {
    var out = [], acc = 0;
    for (var i = 0; i < s.length; i++) {
      var d = DIGIT_OF[s.charCodeAt(i)];
      if (d >= 32) { acc = acc * 32 + (d - 32); } else { out.push(acc * 32 + d); acc = 0; }
    }
    return out;
  }

  // pageList resolves to a term's pages {pages, impact, sec} (static.go,
  // postingChunks), or empty lists when the index has no such term.
  StaticEngine.prototype.pageList = function (meta, term) {
    var n = chunkFor(meta.px, term);
    var empty = { pages: [], impact: [], sec: [], mask: [] };
    if (n < 0) return Promise.resolve(empty);
    return this.file('p/' + n + '.js').then(function () {
      var entries = store.post[n];
      var i = lowerBound(entries, term);
      if (i >= entries.length || entries[i][0] !== term) return empty;
      if (entries[i]._list) return entries[i]._list;
      var v = varints(entries[i][1]);
      var l = { pages: [], impact: [], sec: [], mask: [] }, page = 0;
      for (var k = 0; k + 3 < v.length; k += 4) {
        page += v[k];
        l.pages.push(page); l.impact.push(v[k + 1]); l.sec.push(v[k + 2]); l.mask.push(v[k + 3]);
      }
      entries[i]._list = l;
      return l;
    });
  };

  // wordList mirrors eval.go's wordList: a word's pages with the best of
  // its terms' impacts times their weights (integer percent), terms in
  // plan order, a later one winning only when it is higher; the masks of
  // where the terms are are joined.
  function wordList(plan, lists) {
    var out = { pages: [], value: [], sec: [], mask: [] };
    function push(o, p, v, s, m) { o.pages.push(p); o.value.push(v); o.sec.push(s); o.mask.push(m); }
    plan.terms.forEach(function (t, i) {
      var l = lists[i], w = t.w;
      var next = { pages: [], value: [], sec: [], mask: [] };
      var a = 0, b = 0;
      while (a < out.pages.length || b < l.pages.length) {
        if (b === l.pages.length || (a < out.pages.length && out.pages[a] < l.pages[b])) {
          push(next, out.pages[a], out.value[a], out.sec[a], out.mask[a]); a++;
        } else if (a === out.pages.length || l.pages[b] < out.pages[a]) {
          push(next, l.pages[b], Math.trunc(l.impact[b] * w / 100), l.sec[b], l.mask[b]); b++;
        } else {
          var v = out.value[a], s = out.sec[a], nv = Math.trunc(l.impact[b] * w / 100);
          if (nv > v) { v = nv; s = l.sec[b]; }
          push(next, out.pages[a], v, s, (out.mask[a] | l.mask[b]) >>> 0); a++; b++;
        }
      }
      out = next;
    });
    return out;
  }

  // combine mirrors eval.go: pages with every word, or, when none has
  // every word, pages with some (partial); keep filters by type and tag.
  function combine(words, keep) {
    var at = words.map(function () { return 0; });
    var hits = [], some = [];
    for (;;) {
      var next = Infinity;
      words.forEach(function (w, i) { if (at[i] < w.pages.length) next = Math.min(next, w.pages[at[i]]); });
      if (next === Infinity) break;
      var h = { page: next, matched: 0, score: 0, sec: -1 };
      words.forEach(function (w, i) {
        if (at[i] < w.pages.length && w.pages[at[i]] === next) {
          h.matched++; h.score += w.value[at[i]]; at[i]++;
        }
      });
      if (!keep(next)) continue;
      if (h.matched === words.length) hits.push(h);
      else if (!hits.length) some.push(h);
    }
    if (!hits.length && words.length > 1) return { hits: some, partial: true };
    return { hits: hits, partial: false };
  }

  function bsearch(list, x) {
    var lo = 0, hi = list.length;
    while (lo < hi) { var mid = (lo + hi) >> 1; if (list[mid] < x) lo = mid + 1; else hi = mid; }
    return lo < list.length && list[lo] === x ? lo : -1;
  }

  // MASK_SECTIONS is maskSections of score.go: the sections a mask
  // records (bit i: section i's text has the word).
  var MASK_SECTIONS = 31;

  // placeHits mirrors eval.go: each hit's best section, the one whose text
  // has the most of the query's words, then the most value, then the first.
  function placeHits(hits, words) {
    hits.forEach(function (h) {
      var here = [], cands = 1;
      words.forEach(function (w) {
        var j = bsearch(w.pages, h.page);
        if (j >= 0) {
          here.push({ mask: w.mask[j], sec: w.sec[j], value: w.value[j] });
          cands = (cands | w.mask[j]) >>> 0;
        }
      });
      var best = -1, bestCount = -1, bestSum = -1;
      function tryAt(s) {
        var count = 0, sum = 0;
        here.forEach(function (x) {
          if ((s < MASK_SECTIONS && (x.mask & (1 << s))) || x.sec === s) count++;
          if (x.sec === s) sum += x.value;
        });
        if (count > bestCount || (count === bestCount && (sum > bestSum || (sum === bestSum && s < best)))) {
          best = s; bestCount = count; bestSum = sum;
        }
      }
      for (var s = 0; s < MASK_SECTIONS; s++) if (cands & (1 << s)) tryAt(s);
      here.forEach(function (x) { tryAt(x.sec); });
      h.sec = best;
    });
  }

  function typeOfPage(meta, p) {
    return meta.types[parseInt(meta.doctype[p], 36)];
  }

  // search resolves to {query, total, hits[, ignored][, partial]} exactly
  // like GET api/search (and to unavailable: N when N hits could not be
  // shown, offline).
  StaticEngine.prototype.search = function (text, opts) {
    var self = this;
    opts = opts || {};
    var limit = Math.min(opts.limit > 0 ? opts.limit : 10, 100);
    var result = { query: text, total: 0, hits: [] };
    var meta, plans, lang;
    return this.meta().then(function (m) {
      meta = m;
      lang = readerLang(meta, opts.lang);
      var words = queryWords(truncateQuery(String(text)), meta, lang);
      return Promise.all(words.map(function (w, i) { return self.plan(meta, w, i === words.length - 1, lang); }));
    }).then(function (ps) {
      plans = ps.filter(function (p) { return p.terms.length; });
      var ignored = ps.filter(function (p) { return !p.terms.length; }).map(function (p) { return p.word; });
      if (ignored.length) result.ignored = ignored;
      if (!plans.length) return null;
      var tagP = opts.tag ? self.tagPages(meta, opts.tag) : Promise.resolve(null);
      return Promise.all([Promise.all(plans.map(function (p) {
        return Promise.all(p.terms.map(function (t) { return self.pageList(meta, t.term); }));
      })), tagP]);
    }).then(function (r) {
      if (!r) return result;
      var words = plans.map(function (p, i) { return wordList(p, r[0][i]); });
      var tagSet = r[1];
      var c = combine(words, function (p) {
        return (!opts.type || typeOfPage(meta, p) === opts.type) && (!tagSet || tagSet.has(p));
      });
      result.total = c.hits.length;
      if (c.partial) result.partial = true;
      var codes = Object.keys(meta.langs).sort();
      var pageLangs = meta.doclang ? varints(meta.doclang) : null;
      var own = codes.indexOf(lang);
      c.hits.forEach(function (h) { h.own = pageLangs ? pageLangs[h.page] === own : false; });
      var ranked = c.hits.sort(function (a, b) {
        if (a.own !== b.own) return a.own ? -1 : 1;
        if (a.matched !== b.matched) return b.matched - a.matched;
        if (a.score !== b.score) return b.score - a.score;
        return a.page - b.page;
      }).slice(0, limit);
      placeHits(ranked, words);
      // Scores are relative to the best of the hits shown (eval.go, relScore).
      var topScore = ranked.reduce(function (m, h) { return Math.max(m, h.score); }, 0);
      // A hit shows what its fragment holds. Offline, a fragment never
      // fetched cannot load: that hit is left out and counted, rather
      // than failing the whole search.
      return Promise.all(ranked.map(function (h) {
        return self.section(meta, h.page, h.sec).then(function (d) {
          return {
            url: d.url,
            title: d.heading && d.heading !== d.title ? d.title + ' \u203A ' + d.heading : d.title,
            type: typeOfPage(meta, h.page),
            score: topScore ? Math.round(h.score / topScore * 1e4) / 1e4 : 0,
            snippet: snippet(d.body, plans, meta, meta.langs[pageLangs ? codes[pageLangs[h.page]] : meta.lang])
          };
        }, function () { return null; });
      })).then(function (hits) {
        result.hits = hits.filter(Boolean);
        if (result.hits.length < hits.length) result.unavailable = hits.length - result.hits.length;
        return result;
      });
    });
  };

  // section resolves to what a hit on section sec of page p shows, from
  // the fragment holding it: the sections of page P go meta.fk to a file,
  // f/P.js then f/P-1.js, f/P-2.js…, each {u, t, s: [[anchor, heading, body], ...]}.
  StaticEngine.prototype.section = function (meta, p, sec) {
    var g = Math.floor(sec / meta.fk);
    var key = g ? p + '-' + g : String(p);
    return this.file('f/' + key + '.js').then(function () {
      var pg = store.pages[key];
      var s = pg && pg.s[sec - g * meta.fk];
      if (!s) throw new Error('search: fragment ' + key + ' lacks section ' + sec);
      return { url: s[0] ? pg.u + '#' + s[0] : pg.u, title: pg.t, heading: s[1], body: s[2] };
    });
  };

  StaticEngine.prototype.tagPages = function (meta, tag) {
    var i = meta.tags.indexOf(tag);
    if (i < 0) return Promise.resolve(new Set());
    return this.file('t/' + i + '.js').then(function () {
      var s = new Set(), p = 0;
      varints(store.tags[i] || '').forEach(function (gap) { p += gap; s.add(p); });
      return s;
    });
  };

  // ---- Snippets (snippet.go): the window with the most query words. ----

  var ESC = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&#34;', "'": '&#39;' };
  function escapeHTML(s) {
    return s.replace(/[&<>"']/g, function (c) { return ESC[c]; });
  }

  // The static client has no stemmer, so a body word counts as a match when
  // its key is the query word's, or starts with a matched term (less its
  // language code, "de:") less its last letter (koalicja → koalicj…).
  function matcher(plans) {
    var tests = plans.map(function (p) {
      var heads = p.terms.map(function (t) {
        var term = t.term.replace(/^[a-z]+:/, '');
        return term.length > 4 ? term.slice(0, -1) : term;
      });
      return { key: p.key, heads: heads };
    });
    return function (word) {
      var mask = 0;
      for (var i = 0; i < tests.length; i++) {
        var t = tests[i];
        var hit = word === t.key;
        for (var j = 0; !hit && j < t.heads.length; j++) hit = word.lastIndexOf(t.heads[j], 0) === 0;
        if (hit) mask |= 1 << (i % 31);
      }
      return mask;
    };
  }

  function popcount(x) {
    var n = 0;
    for (; x; x &= x - 1) n++;
    return n;
  }

  // snippet is the window of body with the most query words; rules are the
  // page's language's (meta.langs), which key its words.
  function snippet(body, plans, meta, rules) {
    var len = meta.snippet[0], before = meta.snippet[1];
    var match = matcher(plans);
    var stop = rules._stop || (rules._stop = toSet(rules.stop));
    var toks = [];
    wordSpans(body, rules).forEach(function (sp) {
      var k = keyOf(body.slice(sp[0], sp[1]).toLowerCase(), rules);
      if (!stop.has(k)) toks.push({ s: sp[0], e: sp[1], hit: match(k) });
    });
    var bestStart = 0, bestWords = -1, bestCount = -1;
    for (var i = 0; i < toks.length; i++) {
      if (!toks[i].hit) continue;
      var s = windowStart(toks, i, before), words = 0, count = 0;
      for (var j = i; j < toks.length && toks[j].e <= s + len; j++) {
        words |= toks[j].hit;
        if (toks[j].hit) count++;
      }
      var n = popcount(words);
      if (n > bestWords || (n === bestWords && count > bestCount)) {
        bestStart = s; bestWords = n; bestCount = count;
      }
    }
    var end = windowEnd(body, toks, bestStart, len);
    var out = bestStart > 0 ? '\u2026 ' : '';
    var pos = bestStart, marks = [];
    // Matches that overlap or touch are marked as one (snippet.go, markRanges).
    toks.forEach(function (t) {
      if (!t.hit || t.s < bestStart || t.e > end) return;
      var last = marks[marks.length - 1];
      if (last && t.s <= last[1]) last[1] = Math.max(last[1], t.e);
      else marks.push([t.s, t.e]);
    });
    marks.forEach(function (m) {
      out += escapeHTML(body.slice(pos, m[0])) + '<mark>' + escapeHTML(body.slice(m[0], m[1])) + '</mark>';
      pos = m[1];
    });
    out += escapeHTML(body.slice(pos, end));
    if (end < body.length) out += ' \u2026';
    return out;
  }

  function windowStart(toks, i, before) {
    var limit = toks[i].s - before;
    if (limit <= 0) return 0;
    var j = i;
    while (j > 0 && toks[j - 1].s >= limit) j--;
    return toks[j].s;
  }

  function windowEnd(body, toks, start, len) {
    if (body.length - start <= len) return body.length;
    var end = start;
    toks.forEach(function (t) { if (t.s >= start && t.e <= start + len) end = t.e; });
    if (end === start) {
      end = start + len;
      var c = body.charCodeAt(end);
      if (c >= 0xDC00 && c <= 0xDFFF) end--; // do not split a surrogate pair
    }
    return end;
  }

  ns.StaticEngine = StaticEngine;
  ns.spans = spans;
  ns.fold = fold;

  // ---- Choosing a back end. ----

  // Search tries the razem server first when the page came over http(s)
  // and falls back to the static index on any failure; the choice is kept
  // for the session so that a static host is asked only once.
  // Search asks in the reader's language: the language of the page the
  // search box is on (its html lang), whose pages come first.
  function Search(root, lang) {
    this.root = root;
    this.lang = lang || '';
    this.engine = new StaticEngine(scriptLoader(root));
    var remembered = null;
    try { remembered = G.sessionStorage.getItem('razem.search.mode'); } catch (e) { /* storage blocked */ }
    var http = /^https?:$/.test(G.location.protocol);
    this.mode = !http ? 'static' : (remembered || 'try');
  }

  Search.prototype.setMode = function (mode) {
    this.mode = mode;
    try { G.sessionStorage.setItem('razem.search.mode', mode); } catch (e) { /* storage blocked */ }
  };

  Search.prototype.run = function (text, opts) {
    var self = this;
    opts = Object.assign({ lang: this.lang }, opts);
    if (this.mode === 'static') return this.engine.search(text, opts);
    return this.server(text, opts).then(function (res) {
      if (self.mode !== 'server') self.setMode('server');
      return res;
    }, function () {
      self.setMode('static');
      return self.engine.search(text, opts);
    });
  };

  Search.prototype.server = function (text, opts) {
    var q = 'q=' + encodeURIComponent(text) + '&limit=' + (opts.limit || 10);
    if (opts.lang) q += '&lang=' + encodeURIComponent(opts.lang);
    if (opts.type) q += '&type=' + encodeURIComponent(opts.type);
    if (opts.tag) q += '&tag=' + encodeURIComponent(opts.tag);
    return fetch(this.root + 'api/search?' + q, { headers: { Accept: 'application/json' } }).then(function (r) {
      if (!r.ok) throw new Error('search: HTTP ' + r.status);
      return r.json();
    }).then(function (res) {
      if (!res || !Array.isArray(res.hits)) throw new Error('search: not a search result');
      return res;
    });
  };

  function scriptLoader(root) {
    return function (path) {
      return new Promise(function (resolve, reject) {
        var s = document.createElement('script');
        s.src = root + 'search/' + path;
        s.async = true;
        s.onload = function () { s.remove(); resolve(); };
        s.onerror = function () { s.remove(); reject(new Error('search: cannot load ' + path)); };
        document.head.appendChild(s);
      });
    };
  }

  // ---- User interface. ----

  var DEFAULT_STRINGS = {
    'search.noResults': 'Brak wyników.',
    'search.results': 'Wyniki: {n}',
    'search.loading': 'Szukam…',
    'search.error': 'Wyszukiwanie jest niedostępne.',
    'type.module': 'Moduł',
    'type.case': 'Studium przypadku',
    'type.exercise': 'Ćwiczenie',
    'type.term': 'Pojęcie',
    'type.path': 'Ścieżka',
    'type.page': 'Strona'
  };

  function strings() {
    var out = {};
    Object.keys(DEFAULT_STRINGS).forEach(function (k) { out[k] = DEFAULT_STRINGS[k]; });
    var el = document.getElementById('razem-i18n');
    if (el) {
      try {
        var given = JSON.parse(el.textContent);
        Object.keys(given).forEach(function (k) { if (typeof given[k] === 'string') out[k] = given[k]; });
      } catch (e) { /* keep the defaults */ }
    }
    return out;
  }

  // snippetNodes appends a server- or engine-made snippet to el: escaped
  // text with <mark> tags. It never parses HTML: it splits on the two tags
  // and unescapes the five entities escapeHTML (and Go's html.EscapeString)
  // produce, so nothing else in the string can become markup.
  function snippetNodes(el, html) {
    var parts = String(html).split(/(<mark>|<\/mark>)/);
    var target = el;
    parts.forEach(function (part) {
      if (part === '<mark>') {
        target = el.appendChild(document.createElement('mark'));
      } else if (part === '</mark>') {
        target = el;
      } else if (part) {
        target.appendChild(document.createTextNode(unescapeHTML(part)));
      }
    });
  }

  var UNESC = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&#34;': '"', '&#39;': "'", '&quot;': '"', '&#x27;': "'" };
  function unescapeHTML(s) {
    return s.replace(/&(?:amp|lt|gt|quot|#34|#39|#x27);/g, function (e) { return UNESC[e]; });
  }

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined) e.textContent = text;
    return e;
  }

  function typeLabel(t, type) {
    return t['type.' + type] || type;
  }

  function debounce(fn, ms) {
    var timer = null;
    return function () {
      var args = arguments;
      clearTimeout(timer);
      timer = setTimeout(function () { fn.apply(null, args); }, ms);
    };
  }

  // Suggest is the combobox: results under the header search box as you
  // type (ARIA 1.2 combobox with a listbox popup).
  function Suggest(form, input, list, search, t, root) {
    this.form = form; this.input = input; this.list = list;
    this.search = search; this.t = t; this.root = root;
    this.active = -1; this.seq = 0;
    var self = this;
    input.addEventListener('input', debounce(function () { self.update(); }, 150));
    input.addEventListener('keydown', function (e) { self.key(e); });
    input.addEventListener('blur', function () { setTimeout(function () { self.close(); }, 150); });
    list.addEventListener('mousedown', function (e) { e.preventDefault(); }); // keep focus in the box
  }

  Suggest.prototype.options = function () {
    return this.list.querySelectorAll('[role=option]');
  };

  Suggest.prototype.update = function () {
    var self = this, text = this.input.value.trim(), seq = ++this.seq;
    if (!text) { this.close(); return; }
    this.search.run(text, { limit: 8 }).then(function (res) {
      if (seq === self.seq) self.render(res);
    }, function () {
      if (seq === self.seq) self.close();
    });
  };

  Suggest.prototype.render = function (res) {
    var self = this;
    this.list.textContent = '';
    this.active = -1;
    this.input.removeAttribute('aria-activedescendant');
    var note = notes(this.t, res);
    if (!res.hits.length || note) {
      var none = el('div', 'search-suggest-empty', res.hits.length ? note : this.t['search.noResults'] + (note ? ' ' + note : ''));
      none.setAttribute('role', 'presentation');
      this.list.appendChild(none);
    }
    res.hits.forEach(function (h, i) {
      var a = el('a', 'search-hit');
      a.id = 'search-suggest-' + i;
      a.href = self.root + h.url;
      a.setAttribute('role', 'option');
      a.setAttribute('aria-selected', 'false');
      a.setAttribute('tabindex', '-1');
      a.setAttribute('data-hit', String(i));
      a.appendChild(el('span', 'search-hit-title', h.title));
      a.appendChild(el('span', 'search-hit-type', typeLabel(self.t, h.type)));
      var sn = el('span', 'search-hit-snippet');
      snippetNodes(sn, h.snippet);
      a.appendChild(sn);
      self.list.appendChild(a);
    });
    this.list.hidden = false;
    this.input.setAttribute('aria-expanded', 'true');
  };

  Suggest.prototype.close = function () {
    this.list.hidden = true;
    this.active = -1;
    this.input.setAttribute('aria-expanded', 'false');
    this.input.removeAttribute('aria-activedescendant');
  };

  Suggest.prototype.select = function (i) {
    var opts = this.options();
    if (!opts.length) return;
    i = (i + opts.length) % opts.length;
    for (var j = 0; j < opts.length; j++) opts[j].setAttribute('aria-selected', j === i ? 'true' : 'false');
    this.active = i;
    this.input.setAttribute('aria-activedescendant', opts[i].id);
    if (opts[i].scrollIntoView) opts[i].scrollIntoView({ block: 'nearest' });
  };

  Suggest.prototype.key = function (e) {
    var open = !this.list.hidden;
    switch (e.key) {
      case 'ArrowDown':
        e.preventDefault();
        if (!open) { this.update(); return; }
        this.select(this.active + 1);
        break;
      case 'ArrowUp':
        if (!open) return;
        e.preventDefault();
        this.select(this.active < 0 ? -1 : this.active - 1);
        break;
      case 'Enter':
        if (open && this.active >= 0) {
          e.preventDefault();
          G.location.href = this.options()[this.active].href;
        }
        break; // otherwise the form submits to the search page with ?q=
      case 'Escape':
        if (open) { e.preventDefault(); this.close(); } else if (this.input.value) { e.preventDefault(); this.input.value = ''; }
        break;
    }
  };

  // Page is the search page: results for ?q= and &type=, kept up to date
  // as the query or the type changes. The page has its own box
  // (#search-q, with the type select) besides the header's (#q); both show
  // the query and typing in either updates the other. Neither form is
  // submitted: the results are already on this page, and the address is
  // updated in place (replaceState), so nothing reloads.
  function Page(app, header, search, t, root) {
    this.search = search; this.t = t; this.root = root;
    this.select = app.querySelector('#search-type');
    this.status = app.querySelector('#search-status');
    this.results = app.querySelector('#search-results');
    this.inputs = [app.querySelector('#search-q'), header].filter(Boolean);
    this.input = this.inputs[0] || null;
    this.seq = 0;
    var params = new URLSearchParams(G.location.search);
    var q = params.get('q') || '';
    this.inputs.forEach(function (i) { i.value = q; });
    if (this.select && params.get('type') && hasOption(this.select, params.get('type'))) {
      this.select.value = params.get('type');
    }
    this.tag = params.get('tag') || '';
    var self = this, go = debounce(function () { self.update(true); }, 150);
    var forms = [];
    this.inputs.forEach(function (input) {
      input.addEventListener('input', function () {
        self.inputs.forEach(function (other) { if (other !== input) other.value = input.value; });
        go();
      });
      if (input.form && forms.indexOf(input.form) < 0) forms.push(input.form);
    });
    if (this.select && this.select.form && forms.indexOf(this.select.form) < 0) forms.push(this.select.form);
    forms.forEach(function (form) {
      form.addEventListener('submit', function (e) {
        e.preventDefault();
        var box = form.querySelector('input[name=q]');
        if (box) self.inputs.forEach(function (other) { if (other !== box) other.value = box.value; });
        self.update(true);
      });
    });
    if (this.select) this.select.addEventListener('change', function () { self.update(true); });
    this.update(false);
  }

  function hasOption(select, value) {
    for (var i = 0; i < select.options.length; i++) if (select.options[i].value === value) return true;
    return false;
  }

  // PAGE_HITS is how many hits the search page shows at first and adds on
  // each "more".
  var PAGE_HITS = 20;

  Page.prototype.update = function (push, more) {
    var self = this, seq = ++this.seq;
    var text = this.input ? this.input.value.trim() : '';
    var type = this.select ? this.select.value : '';
    var focusFrom = more ? this.results.children.length : -1; // the first new hit gets focus
    if (push && G.history && G.history.replaceState) {
      var p = new URLSearchParams();
      if (text) p.set('q', text);
      if (type) p.set('type', type);
      if (this.tag) p.set('tag', this.tag);
      var qs = p.toString();
      G.history.replaceState(null, '', G.location.pathname + (qs ? '?' + qs : ''));
    }
    if (!more) this.results.textContent = '';
    if (this.more) { this.more.remove(); this.more = null; }
    if (!text) { this.status.textContent = ''; return; }
    this.status.textContent = this.t['search.loading'];
    // From a static host every hit costs one page file, so the page asks
    // for a screenful and offers more on request.
    if (!more) this.limit = PAGE_HITS;
    this.search.run(text, { limit: this.limit, type: type, tag: this.tag }).then(function (res) {
      if (seq !== self.seq) return;
      self.render(res);
      var next = self.results.children[focusFrom];
      if (next && next.querySelector('a')) next.querySelector('a').focus();
    }, function () {
      if (seq === self.seq) self.status.textContent = self.t['search.error'];
    });
  };

  // notes are what a result says besides its hits: words ignored, hits
  // with only some of the words, hits that cannot be shown offline.
  function notes(t, res) {
    var out = [];
    if (res.ignored && res.ignored.length) {
      out.push((t['search.ignored'] || 'Not found: {words}.').replace('{words}', res.ignored.join(', ')));
    }
    if (res.partial) out.push(t['search.partial'] || 'No page has all the words: those with the most come first.');
    if (res.unavailable) out.push(t['search.unavailable'] || 'Some results cannot be shown offline.');
    return out.join(' ');
  }

  Page.prototype.render = function (res) {
    var self = this;
    this.results.textContent = '';
    var note = notes(this.t, res);
    this.status.textContent = (res.total
      ? this.t['search.results'].replace('{n}', String(res.total))
      : this.t['search.noResults']) + (note ? ' ' + note : '');
    res.hits.forEach(function (h, i) {
      var li = el('li', 'search-hit');
      var a = el('a', 'search-hit-title', h.title);
      a.href = self.root + h.url;
      a.setAttribute('data-hit', String(i));
      li.appendChild(a);
      li.appendChild(document.createTextNode(' '));
      li.appendChild(el('span', 'search-hit-type', typeLabel(self.t, h.type)));
      var p = el('p', 'search-hit-snippet');
      snippetNodes(p, h.snippet);
      li.appendChild(p);
      self.results.appendChild(li);
    });
    if (res.total > res.hits.length && this.limit < 100) {
      var btn = el('button', 'button search-more', this.t['search.more'] || 'Więcej wyników');
      btn.type = 'button';
      btn.addEventListener('click', function () {
        self.limit = Math.min(self.limit + PAGE_HITS, 100);
        self.update(false, true);
      });
      this.results.parentNode.insertBefore(btn, this.results.nextSibling);
      this.more = btn;
    }
  };

  function init() {
    var root = document.documentElement.getAttribute('data-root') || '';
    var t = strings();
    var search = new Search(root, document.documentElement.getAttribute('lang'));
    var input = document.getElementById('q');
    var app = document.getElementById('search-app');
    if (app) {
      new Page(app, input, search, t, root);
      return; // the page's own results replace the suggestion list here
    }
    var list = document.getElementById('search-suggest');
    if (input && list && input.form) new Suggest(input.form, input, list, search, t, root);
  }

  if (typeof document !== 'undefined' && document.addEventListener) {
    if (document.readyState === 'loading') {
      document.addEventListener('DOMContentLoaded', init);
    } else {
      init();
    }
  }
})();
