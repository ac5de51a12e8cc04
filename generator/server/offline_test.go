package server

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
)

func offlineSite() fstest.MapFS {
	return fstest.MapFS{
		"index.html":                 {Data: []byte("home")},
		"404.html":                   {Data: []byte("404")},
		"moduly/index.html":          {Data: []byte("list")},
		"moduly/koalicje/index.html": {Data: []byte("page")},
		"a:b.html":                   {Data: []byte("odd name")},
		"współpraca/index.html":      {Data: []byte("diacritics")},
		"assets/app.0123abcd.css":    {Data: []byte("css")},
		"assets/app.0123abcd.js":     {Data: []byte("js")},
		"assets/icon.svg":            {Data: []byte("<svg/>")},
		"assets/font.woff2":          {Data: []byte("font")},
		"search/meta.js":             {Data: []byte("razemSearch({})")},
		"search/s/0.js":              {Data: []byte("razemSearch([0])")},
		"search/s/1.js":              {Data: []byte("razemSearch([1])")},
		"search/f/0.js":              {Data: []byte("razemSearch([])")},
		"szukaj/index.html":          {Data: []byte("search")},
		"images/foto.jpg":            {Data: []byte("jpeg")},
		"images/huge.png":            {Data: bytes.Repeat([]byte("x"), 2<<20)},
		"index.xml":                  {Data: []byte("<feed/>")},
		"sitemap.xml":                {Data: []byte("<urlset/>")},
		"assets/app.0123abcd.css.gz": {Data: []byte("gz")},
		"bleve/index_meta.json":      {Data: []byte("{}")},
		"bleve/store/000.zap":        {Data: []byte("zap")},
		".hidden/x.html":             {Data: []byte("hidden")},
	}
}

var precacheRe = regexp.MustCompile(`var PRECACHE = (\[.*\]);`)
var versionRe = regexp.MustCompile(`var VERSION = '([0-9a-f]+)';`)

func offline(t *testing.T, app WebApp, site fstest.MapFS) (list []string, version string, manifest map[string]any) {
	t.Helper()
	out, err := OfflineFiles(app, site)
	if err != nil {
		t.Fatal(err)
	}
	if len(out) != 2 {
		t.Fatalf("files: %v", out)
	}
	sw := out[ServiceWorkerFile]
	m := precacheRe.FindSubmatch(sw)
	if m == nil {
		t.Fatalf("no PRECACHE in sw.js:\n%s", sw)
	}
	if err := json.Unmarshal(m[1], &list); err != nil {
		t.Fatal(err)
	}
	v := versionRe.FindSubmatch(sw)
	if v == nil {
		t.Fatal("no VERSION")
	}
	if err := json.Unmarshal(out[ManifestFile], &manifest); err != nil {
		t.Fatal(err)
	}
	return list, string(v[1]), manifest
}

// testIndex ranks the test site's search files as the search package
// ranks its own: meta first, then chunks; fragments are not precached.
func testIndex(name string) (int, bool) {
	switch name {
	case "search/meta.js":
		return 0, true
	case "search/s/1.js":
		return 2, true
	case "search/s/0.js":
		return 1, true
	}
	return 0, false
}

func TestOfflineFiles(t *testing.T) {
	app := WebApp{Name: "Razem — partnerstwa", ShortName: "Razem", Exclude: []string{"bleve"},
		Shell: []string{"index.html", "szukaj/index.html"},
		Lists: []string{"moduly/index.html", "współpraca/index.html", "a:b.html"},
		Index: testIndex}
	list, version, manifest := offline(t, app, offlineSite())
	want := []string{
		"index.html", "szukaj/index.html", "404.html",
		"assets/app.0123abcd.css", "assets/app.0123abcd.js", "assets/font.woff2", "assets/icon.svg",
		"moduly/index.html", "wsp%C3%B3%C5%82praca/index.html", "./a:b.html", // a:b.html must not read as a URL with scheme "a"
		"search/meta.js", "search/s/0.js", "search/s/1.js",
		ManifestFile,
	}
	if !slices.Equal(list, want) {
		t.Errorf("precache\n got %q\nwant %q", list, want)
	}
	for k, v := range map[string]string{
		"name": "Razem — partnerstwa", "short_name": "Razem", "start_url": "./index.html",
		"scope": "./", "display": "standalone", "lang": "pl",
	} {
		if manifest[k] != v {
			t.Errorf("manifest %s = %v, want %q", k, manifest[k], v)
		}
	}
	icons, _ := manifest["icons"].([]any)
	if len(icons) != 1 || icons[0].(map[string]any)["src"] != "assets/icon.svg" {
		t.Errorf("icons %v", manifest["icons"])
	}

	// Deterministic, and the version follows the precached content only.
	if _, v2, _ := offline(t, app, offlineSite()); v2 != version {
		t.Error("version differs for identical input")
	}
	for name, precached := range map[string]bool{
		"moduly/index.html": true, "search/s/1.js": true,
		"moduly/koalicje/index.html": false, "search/f/0.js": false, "bleve/store/000.zap": false,
	} {
		changed := offlineSite()
		changed[name] = &fstest.MapFile{Data: []byte("edited")}
		if _, v3, _ := offline(t, app, changed); (v3 != version) != precached {
			t.Errorf("%s edited: version changed %v, want %v", name, v3 != version, precached)
		}
	}
}

// The budget is spent in order: the shell, the lists, the search index;
// what does not fit is left out, and so is a file over the size limit.
func TestOfflineBudget(t *testing.T) {
	app := WebApp{Name: "x", MaxTotalBytes: 40, MaxFileBytes: 10,
		Shell: []string{"index.html"}, Lists: []string{"p/index.html"}, Index: testIndex}
	site := fstest.MapFS{
		"index.html":     {Data: bytes.Repeat([]byte("i"), 10)},
		"assets/a.css":   {Data: bytes.Repeat([]byte("c"), 10)},
		"assets/big.js":  {Data: bytes.Repeat([]byte("b"), 11)},
		"p/index.html":   {Data: bytes.Repeat([]byte("p"), 10)},
		"q/index.html":   {Data: bytes.Repeat([]byte("q"), 10)},
		"search/meta.js": {Data: bytes.Repeat([]byte("m"), 5)},
		"search/s/0.js":  {Data: bytes.Repeat([]byte("0"), 6)},
		"search/s/1.js":  {Data: bytes.Repeat([]byte("1"), 4)},
		"images/pic.png": {Data: []byte("png")},
	}
	list, _, _ := offline(t, app, site)
	want := []string{"index.html", "assets/a.css", "p/index.html", "search/meta.js", "search/s/1.js", ManifestFile}
	if !slices.Equal(list, want) {
		t.Errorf("got %q, want %q", list, want)
	}
}

// The generated worker and the server's own scripts must parse, and the
// worker's fingerprint rule must agree with the server's.
func TestScriptsWithNode(t *testing.T) {
	node, err := exec.LookPath("node")
	if err != nil {
		t.Skip("node not installed; JavaScript syntax not checked")
	}
	out, err := OfflineFiles(WebApp{Name: "x"}, offlineSite())
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	files := map[string][]byte{"sw.js": out[ServiceWorkerFile]}
	for _, n := range []string{"reload.js", "sw-kill.js"} {
		files[n], _ = assets.ReadFile("assets/" + n)
	}
	for n, b := range files {
		p := filepath.Join(dir, n)
		os.WriteFile(p, b, 0o644)
		if msg, err := exec.Command(node, "--check", p).CombinedOutput(); err != nil {
			t.Errorf("%s: %v\n%s", n, err, msg)
		}
	}

	re := regexp.MustCompile(`var FINGERPRINT = (/.*/i);`).FindSubmatch(out[ServiceWorkerFile])
	if re == nil {
		t.Fatal("no FINGERPRINT in sw.js")
	}
	names := []string{"assets/app.0123abcd.css", "app.0123abcd.min.js", "app.css", "app.0123abc.css",
		"0123abcd.css", "assets/app.12345678", "app-0123abcd.css", "a.b.c.d", "x/icon.cafebabe.svg"}
	js := "const re = " + string(re[1]) + ";\nfor (const n of " + mustJSON(names) + ") console.log(re.test('/' + n));"
	got, err := exec.Command(node, "-e", js).Output()
	if err != nil {
		t.Fatal(err)
	}
	for i, line := range strings.Fields(string(got)) {
		if want := fingerprinted(names[i]); (line == "true") != want {
			t.Errorf("%s: worker says %s, server says %v", names[i], line, want)
		}
	}
}

func mustJSON(v any) string {
	b, _ := json.Marshal(v)
	return string(b)
}

// The worker keeps what is used, up to SEEN_MAX entries, dropping the
// oldest; a URL already precached is refreshed in the precache instead.
// Run in Node against an in-memory Cache Storage.
func TestWorkerKeepsSeenWithNode(t *testing.T) {
	node, err := exec.LookPath("node")
	if err != nil {
		t.Skip("node not installed; the worker's cache policy not checked")
	}
	out, err := OfflineFiles(WebApp{Name: "x", Shell: []string{"index.html"}}, offlineSite())
	if err != nil {
		t.Fatal(err)
	}
	harness := `
const vm = require('vm'), fs = require('fs');
const stores = new Map();
function cache(name) {
  if (!stores.has(name)) stores.set(name, new Map());
  const m = stores.get(name), key = r => typeof r === 'string' ? r : r.url;
  return {
    match: async r => m.get(key(r)),
    put: async (r, res) => { m.delete(key(r)); m.set(key(r), res); },
    keys: async () => [...m.keys()].map(url => ({ url })),
    delete: async r => m.delete(key(r)),
  };
}
const ctx = {
  self: { registration: { scope: 'http://h/site/' }, addEventListener() {}, skipWaiting() {}, clients: {} },
  caches: { open: async n => cache(n), keys: async () => [...stores.keys()] },
  URL, Promise, Request: class {}, Response: class {}, fetch: async () => { throw new Error('offline'); },
  setTimeout, clearTimeout, console,
};
vm.createContext(ctx);
vm.runInContext(fs.readFileSync(process.argv[2], 'utf8'), ctx);
const res = () => ({ ok: true, redirected: false, type: 'basic', clone() { return this; } });
(async () => {
  await cache(ctx.CACHE).put('http://h/site/index.html', res());
  for (let i = 0; i < ctx.SEEN_MAX + 5; i++) await ctx.store({ url: 'http://h/site/p' + i + '/index.html' }, res());
  await ctx.store({ url: 'http://h/site/index.html' }, res());
  const seen = [...stores.get(ctx.SEEN).keys()];
  console.log(JSON.stringify({ n: seen.length, first: seen[0], max: ctx.SEEN_MAX,
    pre: [...stores.get(ctx.CACHE).keys()], found: !!(await ctx.lookup({ url: 'http://h/site/p404/' })) }));
})();`
	dir := t.TempDir()
	sw, h := filepath.Join(dir, "sw.js"), filepath.Join(dir, "h.js")
	os.WriteFile(sw, out[ServiceWorkerFile], 0o644)
	os.WriteFile(h, []byte(harness), 0o644)
	got, err := exec.Command(node, h, sw).CombinedOutput()
	if err != nil {
		t.Fatalf("node: %v\n%s", err, got)
	}
	var r struct {
		N, Max int
		First  string
		Pre    []string
		Found  bool
	}
	if err := json.Unmarshal(got, &r); err != nil {
		t.Fatalf("%v: %s", err, got)
	}
	if r.N != r.Max || r.First != "http://h/site/p5/index.html" {
		t.Errorf("kept %d pages from %s, want %d from p5", r.N, r.First, r.Max)
	}
	if len(r.Pre) != 1 {
		t.Errorf("precache holds %q: a precached URL must be refreshed in place", r.Pre)
	}
	if !r.Found {
		t.Error("a kept page is not found by its folder URL")
	}
}
