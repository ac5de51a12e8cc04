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
		"search/idx-000.js":          {Data: []byte("razemSearch([])")},
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

func TestOfflineFiles(t *testing.T) {
	app := WebApp{Name: "Razem — partnerstwa", ShortName: "Razem", Exclude: []string{"bleve"}}
	list, version, manifest := offline(t, app, offlineSite())
	want := []string{
		"404.html", "index.html",
		"assets/app.0123abcd.css", "assets/app.0123abcd.js", "assets/font.woff2", "assets/icon.svg",
		"search/idx-000.js",
		"a:b.html",
		"moduly/index.html", "wsp%C3%B3%C5%82praca/index.html",
		"moduly/koalicje/index.html",
		"images/foto.jpg",
		ManifestFile,
	}
	// a:b.html must not read as a URL with scheme "a".
	want[7] = "./a:b.html"
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

	// Deterministic, and the version follows the precached content.
	if _, v2, _ := offline(t, app, offlineSite()); v2 != version {
		t.Error("version differs for identical input")
	}
	changed := offlineSite()
	changed["moduly/koalicje/index.html"] = &fstest.MapFile{Data: []byte("page, edited")}
	if _, v3, _ := offline(t, app, changed); v3 == version {
		t.Error("version unchanged after a page changed")
	}
	outside := offlineSite()
	outside["bleve/store/000.zap"] = &fstest.MapFile{Data: []byte("other")}
	if _, v4, _ := offline(t, app, outside); v4 != version {
		t.Error("version changed for a file that is not precached")
	}
}

func TestOfflineBudget(t *testing.T) {
	app := WebApp{Name: "x", MaxTotalBytes: 30, MaxFileBytes: 10}
	site := fstest.MapFS{
		"index.html":     {Data: bytes.Repeat([]byte("i"), 10)},
		"assets/a.css":   {Data: bytes.Repeat([]byte("c"), 10)},
		"assets/big.js":  {Data: bytes.Repeat([]byte("b"), 11)},
		"p/index.html":   {Data: bytes.Repeat([]byte("p"), 10)},
		"q/index.html":   {Data: bytes.Repeat([]byte("q"), 10)},
		"z/deep/x.html":  {Data: []byte("small")},
		"z/deep/y.html":  {Data: []byte("s")},
		"images/pic.png": {Data: []byte("png")},
	}
	list, _, _ := offline(t, app, site)
	want := []string{"index.html", "assets/a.css", "p/index.html", ManifestFile}
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
