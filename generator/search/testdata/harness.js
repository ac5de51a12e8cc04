// harness.js runs the browser's static search client (search.js) in Node,
// for generator/search's tests and benchmarks.
//
//   node harness.js SEARCH_JS STATIC_DIR < request.json > response.json
//
// request:  {"queries": [{"q": "...", "type": "", "tag": "", "limit": 10, "lang": ""}],
//            "texts": ["..."], "cold": true}
// response: {"results": [...], "bytes": [{"raw": N, "gzip": N, "files": N}],
//            "words": [["folded", ...], ...], "ms": [...]}
//
// Each static file is run in the client's own VM context, as a <script> tag
// would run it. With "cold", every query gets a fresh context, so "bytes"
// is what one visitor downloads for that query alone.
'use strict';
const fs = require('fs');
const path = require('path');
const vm = require('vm');
const zlib = require('zlib');

const [jsPath, dir] = process.argv.slice(2);
const source = fs.readFileSync(jsPath, 'utf8');
const req = JSON.parse(fs.readFileSync(0, 'utf8'));

function client() {
  const ctx = vm.createContext({ console });
  ctx.window = ctx;
  vm.runInContext(source, ctx, { filename: jsPath });
  const loaded = [];
  // A missing file rejects, as a <script> that fails to load does.
  const engine = new ctx.__razemSearch.StaticEngine((p) => {
    let data;
    try {
      data = fs.readFileSync(path.join(dir, p));
    } catch (err) {
      return Promise.reject(err);
    }
    loaded.push(data);
    vm.runInContext(data.toString('utf8'), ctx, { filename: p });
    return Promise.resolve();
  });
  return { ctx, engine, loaded };
}

// sizes measures the files loaded since index from, outside the timed part.
function sizes(loaded, from) {
  const b = { raw: 0, gzip: 0, files: 0 };
  for (const data of loaded.slice(from)) {
    b.raw += data.length;
    b.gzip += zlib.gzipSync(data, { level: 9 }).length;
    b.files++;
  }
  return b;
}

async function main() {
  const out = { results: [], bytes: [], words: [], ms: [] };
  let c = client();
  for (const q of req.queries || []) {
    if (req.cold) c = client();
    const from = c.loaded.length;
    const t0 = process.hrtime.bigint();
    const res = await c.engine.search(q.q, { type: q.type || '', tag: q.tag || '', limit: q.limit || 10, lang: q.lang || '' });
    out.ms.push(Number(process.hrtime.bigint() - t0) / 1e6);
    out.results.push(JSON.parse(JSON.stringify(res)));
    out.bytes.push(sizes(c.loaded, from));
  }
  if (req.texts) {
    await c.engine.meta(); // the fold table
    const ns = c.ctx.__razemSearch;
    for (const t of req.texts) {
      out.words.push(ns.spans(t).map(([s, e]) => ns.fold(t.slice(s, e).toLowerCase())));
    }
  }
  process.stdout.write(JSON.stringify(out));
}

main().catch((err) => { console.error(err && err.stack || err); process.exit(1); });
