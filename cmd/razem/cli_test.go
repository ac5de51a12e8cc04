package main

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/razem/razem/generator"
	"github.com/razem/razem/generator/publish"
)

// runCLI runs one command line in-process.
func runCLI(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var o, e strings.Builder
	code = run(context.Background(), args, &o, &e)
	return code, o.String(), e.String()
}

// smallSite writes a minimal site using the repository's theme.
func smallSite(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	if err := os.Symlink(filepath.Join(repoRoot(), "themes"), filepath.Join(dir, "themes")); err != nil {
		t.Fatal(err)
	}
	for name, s := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

var goodSite = map[string]string{
	"config.toml":          "title = \"Test\"\n",
	"content/moduly/a.md":  "---\ntitle: Koalicje\n---\nWspółpraca z samorządem i [b](b.md).\n",
	"content/moduly/b.md":  "---\ntitle: Ambasadorzy\n---\nAmbasador organizacji.\n",
	"content/slownik/x.md": "---\ntitle: koalicja\ndescription: Sojusz.\n---\nTekst.\n",
}

func TestHelpAndVersion(t *testing.T) {
	for _, args := range [][]string{{"--help"}, {"help"}, {"build", "--help"}, {"check", "--help"}, {"serve", "--help"}, {"search", "--help"}, {"new", "--help"}, {"export", "--help"}} {
		code, out, _ := runCLI(t, args...)
		if code != 0 || !strings.Contains(out, "razem") {
			t.Errorf("%v: exit %d, output %q", args, code, out)
		}
	}
	if code, out, _ := runCLI(t, "serve", "--help"); code != 0 || !strings.Contains(out, "-watch") || !strings.Contains(out, "-bind") {
		t.Errorf("serve --help lacks flags: %s", out)
	}
	if code, out, _ := runCLI(t, "version"); code != 0 || !strings.HasPrefix(out, "razem ") {
		t.Errorf("version: %d %q", code, out)
	}
	if code, _, errOut := runCLI(t, "bogus"); code != 2 || !strings.Contains(errOut, "unknown command") {
		t.Errorf("unknown command: %d %q", code, errOut)
	}
	if code, _, _ := runCLI(t, "build", "--nope"); code != 2 {
		t.Errorf("unknown flag: exit %d, want 2", code)
	}
}

// --cpuprofile writes a profile go tool pprof reads (gzip-compressed
// protocol buffers); a folder that cannot take it is an error.
func TestBuildCPUProfile(t *testing.T) {
	dir := smallSite(t, goodSite)
	prof := filepath.Join(t.TempDir(), "cpu.prof")
	if code, _, errOut := runCLI(t, "build", "--source", dir, "--cpuprofile", prof); code != 0 {
		t.Fatalf("build: %s", errOut)
	}
	if b, err := os.ReadFile(prof); err != nil || len(b) < 2 || b[0] != 0x1f || b[1] != 0x8b {
		t.Errorf("profile: %d bytes, %v", len(b), err)
	}
	if code, _, errOut := runCLI(t, "build", "--source", dir, "--cpuprofile", filepath.Join(dir, "none", "cpu.prof")); code != 1 || !strings.Contains(errOut, "cpu.prof") {
		t.Errorf("profile into a missing folder: exit %d, %q", code, errOut)
	}
}

// --memprofile writes a heap profile go tool pprof reads, taken at the
// build's highest live heap; a folder that cannot take it is an error.
func TestBuildMemProfile(t *testing.T) {
	dir := smallSite(t, goodSite)
	prof := filepath.Join(t.TempDir(), "heap.prof")
	if code, _, errOut := runCLI(t, "build", "--source", dir, "--memprofile", prof); code != 0 {
		t.Fatalf("build: %s", errOut)
	}
	b, err := os.ReadFile(prof)
	if err != nil || len(b) < 2 || b[0] != 0x1f || b[1] != 0x8b {
		t.Fatalf("profile: %d bytes, %v", len(b), err)
	}
	zr, err := gzip.NewReader(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	raw, err := io.ReadAll(zr)
	if err != nil {
		t.Fatal(err)
	}
	// The profile's string table names its sample types.
	if !bytes.Contains(raw, []byte("inuse_space")) || !bytes.Contains(raw, []byte("alloc_space")) {
		t.Errorf("the profile (%d bytes) is not a heap profile", len(raw))
	}
	if code, _, errOut := runCLI(t, "build", "--source", dir, "--memprofile", filepath.Join(dir, "none", "heap.prof")); code != 1 || !strings.Contains(errOut, "heap.prof") {
		t.Errorf("profile into a missing folder: exit %d, %q", code, errOut)
	}
}

func TestBuildAndSearch(t *testing.T) {
	dir := smallSite(t, goodSite)
	code, out, errOut := runCLI(t, "build", "--source", dir)
	if code != 0 {
		t.Fatalf("build: %d %s", code, errOut)
	}
	if !strings.Contains(out, "razem: 3 pages,") || !strings.Contains(out, "search documents") {
		t.Errorf("summary: %q", out)
	}
	idx := filepath.Join(dir, "public", "search", "bleve")
	code, out, errOut = runCLI(t, "search", "--index", idx, "--json", "wspolpraca z samorzadem")
	if code != 0 {
		t.Fatalf("search: %d %s", code, errOut)
	}
	var res struct {
		Query string
		Total int
		Hits  []struct{ URL, Title, Type, Snippet string }
	}
	if err := json.Unmarshal([]byte(out), &res); err != nil || strings.Count(strings.TrimSpace(out), "\n") != 0 {
		t.Fatalf("not exactly one JSON object: %v\n%s", err, out)
	}
	if res.Total != 1 || res.Hits[0].URL != "moduly/a/index.html" || !strings.Contains(res.Hits[0].Snippet, "<mark>") {
		t.Errorf("result: %+v", res)
	}
	// Flags may follow the query; a type filter narrows.
	code, out, _ = runCLI(t, "search", "--index", idx, "koalicja", "--json", "--type", "term")
	if code != 0 || !strings.Contains(out, `"type":"term"`) || strings.Contains(out, `"type":"module"`) {
		t.Errorf("type filter: %d %s", code, out)
	}
	if code, _, _ := runCLI(t, "search", "--index", idx, "--type", "bogus", "x"); code != 2 {
		t.Errorf("bad type: exit %d, want 2", code)
	}
	if code, _, errOut := runCLI(t, "search", "--index", filepath.Join(dir, "nope"), "x"); code != 1 || !strings.Contains(errOut, "razem build") {
		t.Errorf("missing index: %d %q", code, errOut)
	}
}

// builtOnce builds the good site once and returns its folder and a check
// that public/ is still that build, with no staging folder beside it.
func builtOnce(t *testing.T) (dir string, keptPublic func()) {
	t.Helper()
	dir = smallSite(t, goodSite)
	if code, _, errOut := runCLI(t, "build", "--source", dir); code != 0 {
		t.Fatalf("first build: %s", errOut)
	}
	page := filepath.Join(dir, "public", "moduly", "a", "index.html")
	before, _ := os.ReadFile(page)
	return dir, func() {
		t.Helper()
		if after, _ := os.ReadFile(page); string(before) != string(after) {
			t.Error("public/ changed after a failed build")
		}
		if leftovers, _ := filepath.Glob(filepath.Join(dir, ".public.*")); len(leftovers) > 0 {
			t.Errorf("staging folders left behind: %v", leftovers)
		}
	}
}

// A failed build lists every problem and leaves the old public/ exactly as
// it was.
func TestFailedBuildKeepsPublic(t *testing.T) {
	dir, keptPublic := builtOnce(t)
	os.WriteFile(filepath.Join(dir, "content", "moduly", "a.md"), []byte("---\ntitle: [zepsute\n---\n[x](nie-ma.md)\n"), 0o644)
	os.WriteFile(filepath.Join(dir, "content", "moduly", "b.md"), []byte("---\ntitel: B\n---\n"), 0o644)
	code, _, errOut := runCLI(t, "build", "--source", dir)
	if code != 1 {
		t.Fatalf("broken build: exit %d", code)
	}
	for _, want := range []string{
		filepath.ToSlash(dir) + "/content/moduly/a.md:2:1: front matter: invalid YAML",
		filepath.ToSlash(dir) + "/content/moduly/a.md:4:1: broken link \"nie-ma.md\"",
		filepath.ToSlash(dir) + "/content/moduly/b.md:2:1: front matter: unknown key \"titel\"; did you mean \"title\"?",
		"nothing was written",
	} {
		if !strings.Contains(errOut, want) {
			t.Errorf("stderr lacks %q:\n%s", want, errOut)
		}
	}
	keptPublic()
	if code, _, _ := runCLI(t, "check", "--source", dir); code != 1 {
		t.Errorf("check on a broken site: exit %d, want 1", code)
	}
}

// A build that fails while rendering, when pages are already in the
// staging folder, also leaves public/ as it was and no folder behind.
func TestRenderFailureKeepsPublic(t *testing.T) {
	dir, keptPublic := builtOnce(t)
	os.WriteFile(filepath.Join(dir, "content", "moduly", "a.md"), []byte("---\ntitle: Koalicje 2\n---\nNowy tekst.\n"), 0o644)
	os.MkdirAll(filepath.Join(dir, "layouts"), 0o755)
	os.WriteFile(filepath.Join(dir, "layouts", "term.html"), []byte(`{{define "main"}}{{.Nope}}{{end}}`), 0o644)
	code, _, errOut := runCLI(t, "build", "--source", dir)
	if code != 1 || !strings.Contains(errOut, "layouts/term.html:1:") {
		t.Fatalf("broken template: exit %d\n%s", code, errOut)
	}
	keptPublic()
}

// razem build writes pages as they render; what lands on disk is exactly
// what the in-memory build makes (razem serve's), service worker included.
func TestBuildOnDiskMatchesMemory(t *testing.T) {
	dir := smallSite(t, goodSite)
	if code, _, errOut := runCLI(t, "build", "--source", dir); code != 0 {
		t.Fatalf("build: %s", errOut)
	}
	res, err := generator.Build(context.Background(), generator.Options{Source: os.DirFS(dir)})
	if err != nil {
		t.Fatal(err)
	}
	public := filepath.Join(dir, "public")
	onDisk := 0
	filepath.WalkDir(public, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && !strings.Contains(filepath.ToSlash(p), "/search/bleve/") && d.Name() != publish.ManifestFile {
			onDisk++
		}
		return nil
	})
	if onDisk != len(res.Files) || onDisk < 20 {
		t.Errorf("%d files on disk, %d in memory", onDisk, len(res.Files))
	}
	for _, f := range res.Files {
		b, err := os.ReadFile(filepath.Join(public, filepath.FromSlash(f.Path)))
		if err != nil || string(b) != string(f.Data) {
			t.Errorf("%s differs on disk (%v)", f.Path, err)
		}
	}
}

func TestCheckWritesNothing(t *testing.T) {
	dir := smallSite(t, goodSite)
	code, out, errOut := runCLI(t, "check", "--source", dir)
	if code != 0 || !strings.Contains(out, "no problems") {
		t.Fatalf("check: %d %q %q", code, out, errOut)
	}
	if _, err := os.Stat(filepath.Join(dir, "public")); !os.IsNotExist(err) {
		t.Error("check wrote public/")
	}
}

func TestNew(t *testing.T) {
	dir := smallSite(t, goodSite)
	var o, e strings.Builder
	c := &cli{stdout: &o, stderr: &e, now: func() time.Time { return time.Date(2026, 11, 22, 0, 0, 0, 0, time.UTC) }}
	if err := runNew(context.Background(), c, []string{"--source", dir, "module", "Współpraca z samorządem"}); err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(dir, "content", "moduly", "wspolpraca-z-samorzadem.md")
	b, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`title: "Współpraca z samorządem"`, "date: 2026-11-22", "duration: 45m", "objectives:"} {
		if !strings.Contains(string(b), want) {
			t.Errorf("new file lacks %q:\n%s", want, b)
		}
	}
	// It refuses to overwrite, and the new file passes check as written.
	if err := runNew(context.Background(), c, []string{"--source", dir, "module", "Współpraca z samorządem"}); err == nil || !strings.Contains(err.Error(), "already exists") {
		t.Errorf("overwrite: %v", err)
	}
	if code, _, errOut := runCLI(t, "check", "--source", dir); code != 0 {
		t.Errorf("check after new: %s", errOut)
	}
	for _, typ := range []string{"case", "exercise", "path", "page"} {
		if code, _, errOut := runCLI(t, "new", "--source", dir, typ, "Nowy "+typ); code != 0 {
			t.Errorf("new %s: %s", typ, errOut)
		}
	}
	if code, _, _ := runCLI(t, "new", "--source", dir, "lesson", "X"); code != 2 {
		t.Errorf("unknown type: exit %d, want 2", code)
	}
}

// --timings names every stage, search included, and the search figures
// are measured (a search stage that took no time was not timed at all).
func TestBuildTimings(t *testing.T) {
	dir := smallSite(t, goodSite)
	code, out, errOut := runCLI(t, "build", "--source", dir, "--timings")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	for _, want := range []string{"read ", "parse ", "convert ", "render and write ", "search ", "analysis ", "static index ", "bleve index ", "finish "} {
		if !strings.Contains(out, want) {
			t.Errorf("--timings lacks %q:\n%s", want, out)
		}
	}
	for _, stage := range []string{"analysis", "static index", "bleve index"} {
		if strings.Contains(out, stage+" 0s") {
			t.Errorf("%s was not timed:\n%s", stage, out)
		}
	}
}

// TestSearchLang: razem search --lang reads the query in that language
// and lists its pages first; without it, the site's main language.
func TestSearchLang(t *testing.T) {
	dir := smallSite(t, map[string]string{
		"config.toml":              "title = \"Test\"\n",
		"content/moduly/a.md":      "---\ntitle: Partner i koalicja\n---\nPartner organizacji.\n",
		"content/moduly/b.md":      "---\ntitle: Umowa\n---\nPartnerzy podpisują umowę.\n",
		"content/en/modules/a.md":  "---\ntitle: Partner and coalition\n---\nThe partner's coalitions.\n",
		"content/de/module/a.md":   "---\ntitle: Partner und Koalition\n---\nDie Koalitionen der Partner.\n",
		"content/de/module/ubu.md": "---\ntitle: Übungen\n---\nÜbungen für Partner.\n",
	})
	if code, _, errOut := runCLI(t, "build", "--source", dir); code != 0 {
		t.Fatalf("build: %d %s", code, errOut)
	}
	idx := filepath.Join(dir, "public", "search", "bleve")
	first := func(args ...string) string {
		t.Helper()
		code, out, errOut := runCLI(t, append([]string{"search", "--index", idx, "--json"}, args...)...)
		var res struct{ Hits []struct{ URL string } }
		if code != 0 || json.Unmarshal([]byte(out), &res) != nil || len(res.Hits) == 0 {
			t.Fatalf("search %q: %d %s %s", args, code, out, errOut)
		}
		return res.Hits[0].URL
	}
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"partner"}, "moduly/a/"}, // Polish: the language of most pages
		{[]string{"--lang", "en", "partner"}, "en/modules/a/"},
		{[]string{"--lang", "de", "partner"}, "de/module/a/"},
		{[]string{"--lang", "de", "die", "ubungen"}, "de/module/ubu/"}, // "die" is a German stop word
		{[]string{"--lang", "en", "coalitions"}, "en/modules/a/"},
	} {
		if got := first(c.args...); !strings.HasPrefix(got, c.want) {
			t.Errorf("razem search %q: first hit %s, want %s", c.args, got, c.want)
		}
	}
}
