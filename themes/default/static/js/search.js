/*
 * razem search: the search box on every page and the search page.
 *
 * Two back ends give the same answers (see generator/search/doc.go):
 * - the razem server's GET api/search, tried first over http(s);
 * - the static index in search/ (meta.js, s/N.js, f/P[-G].js, t/N.js), used from
 *   file:// and on any static host. Its files are classic scripts that call
 *   window.__razemSearch.*, because file:// pages may not fetch() local files.
 *
 * The static engine below mirrors generator/search (lexicon.go, open.go,
 * snippet.go): same words, same terms, bleve's tf-idf score with its coord
 * factors, best section per page, same ranking. generator/search's tests run
 * this file in Node and compare its hits with bleve's.
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
  var store = { meta: null, chunks: {}, pages: {}, tags: {} };
  ns.meta = function (m) { store.meta = m; };
  ns.chunk = function (n, entries) { store.chunks[n] = entries; };
  ns.page = function (n, p) { store.pages[n] = p; };
  ns.tag = function (n, docs) { store.tags[n] = docs; };

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

  // keys mirrors polish.Analyzer.Words + Fold: the folded non-stop words of a
  // query, without repeats, at most meta.maxWords.
  function queryKeys(text, meta) {
    var stop = meta._stop || (meta._stop = toSet(meta.stop));
    var out = [];
    var sp = spans(text);
    for (var i = 0; i < sp.length; i++) {
      var k = fold(text.slice(sp[i][0], sp[i][1]).toLowerCase());
      if (stop.has(k) || out.indexOf(k) >= 0) continue;
      if (out.length === meta.maxWords) break;
      out.push(k);
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
      if (!m || m.v !== 4) throw new Error('search: unknown static index version');
      if (!m._wideSlot) {
        // First slot of each wide page: every page before it took one slot,
        // wide ones more.
        m._wideSlot = [];
        var extra = 0;
        for (var i = 0; i < m.wide.length; i++) {
          m._wideSlot.push(m.wide[i][0] + extra);
          extra += m.wide[i][1] - 1;
        }
      }
      return m;
    });
  };

  // Sections are numbered from their page's first slot times meta.slot
  // (static.go, slotSections): a page's first slot is its number plus the
  // extra slots of the wide pages before it.
  function firstSlot(meta, p) {
    var s = p;
    for (var i = 0; i < meta.wide.length && meta.wide[i][0] < p; i++) s += meta.wide[i][1] - 1;
    return s;
  }

  // pageOf is the page of section d.
  function pageOf(meta, d) {
    var slot = Math.floor(d / meta.slot);
    var lo = 0, hi = meta._wideSlot.length - 1, w = -1;
    while (lo <= hi) { // the last wide page starting at or before slot
      var mid = (lo + hi) >> 1;
      if (meta._wideSlot[mid] <= slot) { w = mid; lo = mid + 1; } else { hi = mid - 1; }
    }
    if (w < 0) return slot;
    var end = meta._wideSlot[w] + meta.wide[w][1];
    return slot < end ? meta.wide[w][0] : meta.wide[w][0] + 1 + (slot - end);
  }

  // typeOf is the type name of section d (types are per page).
  function typeOf(meta, d) {
    return meta.types[parseInt(meta.doctype[pageOf(meta, d)], 36)];
  }

  // chunkFor is the chunk that would hold key: the last whose first key is
  // not after it (JavaScript's < is the UTF-16 order the keys were sorted in).
  function chunkFor(meta, key) {
    var lo = 0, hi = meta.chunks.length - 1, ans = -1;
    while (lo <= hi) {
      var mid = (lo + hi) >> 1;
      if (meta.chunks[mid] <= key) { ans = mid; lo = mid + 1; } else { hi = mid - 1; }
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

  StaticEngine.prototype.chunk = function (n) {
    return this.file('s/' + n + '.js').then(function () { return store.chunks[n]; });
  };

  // entry resolves to the [key, terms, postings] entry of key, or null.
  StaticEngine.prototype.entry = function (meta, key) {
    var n = chunkFor(meta, key);
    if (n < 0) return Promise.resolve(null);
    return this.chunk(n).then(function (entries) {
      var i = lowerBound(entries, key);
      return i < entries.length && entries[i][0] === key ? entries[i] : null;
    });
  };

  // prefixTerms mirrors lexicon.prefixTerms: the terms of the first
  // meta.prefix[2] corpus spellings starting with prefix, across chunks.
  StaticEngine.prototype.prefixTerms = function (meta, prefix) {
    var self = this;
    var maxKeys = meta.prefix[2];
    var terms = [];
    var seen = new Set();
    var keys = 0;
    var n = Math.max(chunkFor(meta, prefix), 0);
    function step(entries) {
      for (var i = lowerBound(entries, prefix); i < entries.length; i++) {
        var e = entries[i];
        if (e[0].lastIndexOf(prefix, 0) !== 0 || keys >= maxKeys) return terms.sort();
        if (!e[1]) continue;
        keys++;
        for (var j = 0; j < e[1].length; j++) {
          if (!seen.has(e[1][j])) { seen.add(e[1][j]); terms.push(e[1][j]); }
        }
      }
      n++;
      if (n >= meta.chunks.length) return terms.sort();
      return self.chunk(n).then(step);
    }
    return this.chunk(n).then(step);
  };

  // plan mirrors planQuery for one folded word: its lexicon terms (there is
  // no stemmer here, so a word the corpus lacks has none) and prefix terms.
  StaticEngine.prototype.plan = function (meta, key) {
    var self = this;
    var cps = Array.from(key);
    var prefixP = cps.length >= meta.prefix[0]
      ? this.prefixTerms(meta, cps.slice(0, cps.length - meta.prefix[1]).join(''))
      : Promise.resolve([]);
    return Promise.all([this.entry(meta, key), prefixP]).then(function (r) {
      var terms = r[0] && r[0][1] ? r[0][1] : [];
      var prefix = r[1].filter(function (t) { return terms.indexOf(t) < 0; });
      return { key: key, terms: terms, prefix: prefix };
    });
  };

  // postings resolves to term → [title, heading, body] posting lists, each
  // {docs: [...], w: [...]} with w = sqrt(tf) * norm as bleve computes them.
  // termLists resolves to term → termList for each term.
  StaticEngine.prototype.termLists = function (meta, terms) {
    var self = this;
    var out = {};
    return Promise.all(terms.map(function (t) {
      return self.entry(meta, t).then(function (e) {
        out[t] = termList(meta, decode(meta, e && e[2]));
      });
    })).then(function () { return out; });
  };

  // decode expands [gap, tf, field length, ...] lists into sections and
  // sqrt(tf)·norm, as bleve (zap) computes them: norm = float32(1/sqrt(field
  // length)). Title lists are by page, [gap, tf, length, sections of the
  // page, ...]: every section of the page has them.
  function decode(meta, p) {
    var fields = [];
    for (var f = 0; f < 3; f++) {
      var list = p && p[f];
      var docs = [], w = [];
      if (list) {
        var at = 0;
        var stride = f === 0 ? 4 : 3;
        for (var i = 0; i < list.length; i += stride) {
          at += list[i];
          var wt = Math.sqrt(list[i + 1]) * Math.fround(1 / Math.sqrt(list[i + 2]));
          if (f === 0) {
            var first = firstSlot(meta, at) * meta.slot;
            for (var k = 0; k < list[i + 3]; k++) { docs.push(first + k); w.push(wt); }
          } else {
            docs.push(at);
            w.push(wt);
          }
        }
      }
      fields.push({ d: Int32Array.from(docs), w: Float64Array.from(w) });
    }
    return fields;
  }

  // Scoring mirrors eval.go: lists sorted by section ({d, s}, and n = how
  // many children matched while an OR is being merged), merged in pairs.

  // termList is one term's OR over the fields at weight 1 (termScores in
  // eval.go): per field sqrt(tf)·norm·idf·(boost·idf).
  function termList(meta, fields) {
    var leaves = [];
    for (var f = 0; f < 3; f++) {
      var pl = fields[f];
      var idf = 1 + Math.log(meta.n / (pl.d.length + 1));
      var c = idf * (meta.boosts[f] * idf);
      var s = new Float64Array(pl.d.length);
      for (var i = 0; i < s.length; i++) s[i] = pl.w[i] * c;
      leaves.push({ d: pl.d, s: s, n: null });
    }
    return or(leaves);
  }

  function scaled(l, weight) {
    var s = new Float64Array(l.s.length);
    for (var i = 0; i < s.length; i++) s[i] = l.s[i] * weight;
    return { d: l.d, s: s, n: null };
  }

  // or is bleve's disjunction: scores summed, times the fraction of
  // children matched (coord), applied by the last merge.
  function or(children) {
    var total = children.length;
    if (total === 0) return { d: new Int32Array(0), s: new Float64Array(0), n: null };
    if (total === 1) return children[0];
    var parts = children.slice();
    while (parts.length > 2) {
      var next = [];
      for (var i = 0; i + 1 < parts.length; i += 2) next.push(merge(parts[i], parts[i + 1], 0));
      if (parts.length % 2 === 1) next.push(parts[parts.length - 1]);
      parts = next;
    }
    return merge(parts[0], parts[1], total);
  }

  function merge(a, b, total) {
    var size = a.d.length + b.d.length;
    var d = new Int32Array(size), s = new Float64Array(size), n = total ? null : new Int32Array(size);
    var i = 0, j = 0, k = 0;
    while (i < a.d.length || j < b.d.length) {
      var doc, sum, cnt;
      if (j >= b.d.length || (i < a.d.length && a.d[i] < b.d[j])) {
        doc = a.d[i]; sum = a.s[i]; cnt = a.n ? a.n[i] : 1; i++;
      } else if (i >= a.d.length || b.d[j] < a.d[i]) {
        doc = b.d[j]; sum = b.s[j]; cnt = b.n ? b.n[j] : 1; j++;
      } else {
        doc = a.d[i]; sum = a.s[i] + b.s[j]; cnt = (a.n ? a.n[i] : 1) + (b.n ? b.n[j] : 1); i++; j++;
      }
      d[k] = doc;
      if (total) { s[k] = sum * (cnt / total); } else { s[k] = sum; n[k] = cnt; }
      k++;
    }
    return { d: d.subarray(0, k), s: s.subarray(0, k), n: n ? n.subarray(0, k) : null };
  }

  // and is bleve's conjunction: sections in both, scores added.
  function and(a, b) {
    var size = Math.min(a.d.length, b.d.length);
    var d = new Int32Array(size), s = new Float64Array(size);
    var i = 0, j = 0, k = 0;
    while (i < a.d.length && j < b.d.length) {
      if (a.d[i] < b.d[j]) { i++; } else if (b.d[j] < a.d[i]) { j++; } else {
        d[k] = a.d[i]; s[k] = a.s[i] + b.s[j]; i++; j++; k++;
      }
    }
    return { d: d.subarray(0, k), s: s.subarray(0, k), n: null };
  }

  function wordList(meta, plan, lists) {
    var children = plan.terms.map(function (t) { return scaled(lists[t], 1); });
    if (plan.prefix.length) {
      children.push(or(plan.prefix.map(function (t) { return scaled(lists[t], meta.prefix[3]); })));
    }
    return or(children);
  }

  // search resolves to {query, total, hits} exactly like GET api/search.
  StaticEngine.prototype.search = function (text, opts) {
    var self = this;
    opts = opts || {};
    var limit = Math.min(opts.limit > 0 ? opts.limit : 10, 100);
    var result = { query: text, total: 0, hits: [] };
    var meta, plans;
    return this.meta().then(function (m) {
      meta = m;
      var keys = queryKeys(truncateQuery(String(text)), meta);
      return Promise.all(keys.map(function (k) { return self.plan(meta, k); }));
    }).then(function (ps) {
      plans = ps;
      if (!plans.length || plans.some(function (p) { return !p.terms.length && !p.prefix.length; })) {
        return null;
      }
      var all = [];
      plans.forEach(function (p) { all = all.concat(p.terms, p.prefix); });
      var tagP = opts.tag ? self.tagDocs(meta, opts.tag) : Promise.resolve(null);
      return Promise.all([self.termLists(meta, unique(all)), tagP]);
    }).then(function (r) {
      if (!r) return result;
      var matches = null;
      plans.forEach(function (p) {
        var w = wordList(meta, p, r[0]);
        matches = matches ? and(matches, w) : w;
      });
      var pages = collect(meta, matches, opts.type, r[1]);
      result.total = pages.length;
      var top = rank(pages, limit);
      return Promise.all(top.map(function (h) {
        return self.section(meta, h.doc).then(function (d) {
          return {
            url: d.url,
            title: d.heading && d.heading !== d.title ? d.title + ' \u203A ' + d.heading : d.title,
            type: d.type,
            score: h.rel,
            snippet: snippet(d.body, plans, meta)
          };
        });
      })).then(function (hits) { result.hits = hits; return result; });
    });
  };

  // section resolves to what a hit on section d shows, from the fragment
  // holding it: the sections of page P go meta.fk to a file, f/P.js then
  // f/P-1.js, f/P-2.js…, each {u, t, s: [[anchor, heading, body], ...]};
  // the type is in meta.doctype.
  StaticEngine.prototype.section = function (meta, d) {
    var p = pageOf(meta, d);
    var local = d - firstSlot(meta, p) * meta.slot;
    var g = Math.floor(local / meta.fk);
    var key = g ? p + '-' + g : String(p);
    return this.file('f/' + key + '.js').then(function () {
      var pg = store.pages[key];
      var s = pg && pg.s[local - g * meta.fk];
      if (!s) throw new Error('search: fragment ' + key + ' lacks section ' + d);
      return {
        url: s[0] ? pg.u + '#' + s[0] : pg.u,
        title: pg.t,
        heading: s[1],
        type: typeOf(meta, d),
        body: s[2]
      };
    });
  };

  StaticEngine.prototype.tagDocs = function (meta, tag) {
    var i = meta.tags.indexOf(tag);
    if (i < 0) return Promise.resolve(new Set());
    return this.file('t/' + i + '.js').then(function () {
      var s = new Set(), d = 0, list = store.tags[i] || [];
      for (var j = 0; j < list.length; j++) { d += list[j]; s.add(d); }
      return s;
    });
  };

  function unique(list) {
    return Array.from(new Set(list));
  }

  // collect mirrors Index.collect: the matching sections, filtered, best
  // section per page (sections of a page are consecutive; a later one must
  // win by more than a relative 1e-9).
  function collect(meta, m, type, tagSet) {
    var pages = [];
    var last = -1;
    for (var i = 0; i < m.d.length; i++) {
      var d = m.d[i];
      var score = m.s[i];
      if (type && typeOf(meta, d) !== type) continue;
      if (tagSet && !tagSet.has(d)) continue;
      var p = pageOf(meta, d);
      if (p !== last) {
        pages.push({ doc: d, score: score });
        last = p;
      } else if (score - pages[pages.length - 1].score > 1e-9 * score) {
        pages[pages.length - 1] = { doc: d, score: score };
      }
    }
    return pages;
  }

  // rank mirrors open.go's rank: relative scores rounded to 1e-9, ties to
  // the earlier page.
  function rank(pages, limit) {
    var top = 0;
    pages.forEach(function (p) { top = Math.max(top, p.score); });
    pages.forEach(function (p) { p.rel = Math.round(p.score / top * 1e9) / 1e9; });
    pages.sort(function (a, b) { return a.rel !== b.rel ? b.rel - a.rel : a.doc - b.doc; });
    pages = pages.slice(0, limit);
    pages.forEach(function (p) { p.rel = Math.round(p.rel * 1e4) / 1e4; });
    return pages;
  }

  // ---- Snippets (snippet.go): the window with the most query words. ----

  var ESC = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&#34;', "'": '&#39;' };
  function escapeHTML(s) {
    return s.replace(/[&<>"']/g, function (c) { return ESC[c]; });
  }

  // The static client has no stemmer, so a body word counts as a match when
  // its folded form is the query word, starts with the word's prefix, or
  // starts with a matched term less its last letter (koalicja → koalicj…).
  function matcher(plans, meta) {
    var tests = plans.map(function (p) {
      var heads = p.terms.concat(p.prefix).map(function (t) {
        return t.length > 4 ? t.slice(0, -1) : t;
      });
      var cps = Array.from(p.key);
      if (cps.length >= meta.prefix[0]) heads.push(cps.slice(0, cps.length - meta.prefix[1]).join(''));
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

  function snippet(body, plans, meta) {
    var len = meta.snippet[0], before = meta.snippet[1];
    var match = matcher(plans, meta);
    var stop = meta._stop || (meta._stop = toSet(meta.stop));
    var toks = [];
    spans(body).forEach(function (sp) {
      var k = fold(body.slice(sp[0], sp[1]).toLowerCase());
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
    var pos = bestStart;
    toks.forEach(function (t) {
      if (!t.hit || t.s < bestStart || t.e > end) return;
      out += escapeHTML(body.slice(pos, t.s)) + '<mark>' + escapeHTML(body.slice(t.s, t.e)) + '</mark>';
      pos = t.e;
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
  function Search(root) {
    this.root = root;
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
    if (!res.hits.length) {
      var none = el('div', 'search-suggest-empty', this.t['search.noResults']);
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

  Page.prototype.render = function (res) {
    var self = this;
    this.results.textContent = '';
    this.status.textContent = res.total
      ? this.t['search.results'].replace('{n}', String(res.total))
      : this.t['search.noResults'];
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
    var search = new Search(root);
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
