package main

import (
	"bufio"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"
)

// saveAtomically writes a file the way many editors do: a temporary file
// in the same folder, renamed over the original.
func saveAtomically(t testing.TB, p, s string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	tmp := filepath.Join(filepath.Dir(p), ".#"+filepath.Base(p)+".tmp")
	if err := os.WriteFile(tmp, []byte(s), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(tmp, p); err != nil {
		t.Fatal(err)
	}
}

func get(t testing.TB, url string) (int, string) {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

// eventually polls until cond holds (the watcher and build take a moment).
func eventually(t testing.TB, what string, cond func() bool) {
	t.Helper()
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		if cond() {
			return
		}
	}
	t.Fatalf("timed out: %s", what)
}

// events follows the live-reload stream and counts events by name.
type events struct {
	mu     sync.Mutex
	counts map[string]int
	last   map[string]string
}

func followEvents(t testing.TB, base string) *events {
	t.Helper()
	resp, err := http.Get(base + "__razem/events")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { resp.Body.Close() })
	ev := &events{counts: map[string]int{}, last: map[string]string{}}
	go func() {
		sc := bufio.NewScanner(resp.Body)
		name := ""
		for sc.Scan() {
			line := sc.Text()
			switch {
			case strings.HasPrefix(line, "event:"):
				name = strings.TrimSpace(strings.TrimPrefix(line, "event:"))
			case strings.HasPrefix(line, "data:"):
				ev.mu.Lock()
				ev.counts[name]++
				ev.last[name] = strings.TrimSpace(strings.TrimPrefix(line, "data:"))
				ev.mu.Unlock()
			}
		}
	}()
	return ev
}

func (e *events) count(name string) int {
	e.mu.Lock()
	defer e.mu.Unlock()
	return e.counts[name]
}

func TestServeWatchesEdits(t *testing.T) {
	dir := smallSite(t, goodSite)
	base := serve(t, "--source", dir)
	page := func(p string) (int, string) { return get(t, base+p) }
	if code, body := page("moduly/a/index.html"); code != 200 || !strings.Contains(body, "Koalicje") || !strings.Contains(body, "data-razem-reload") {
		t.Fatalf("first page: %d", code)
	}
	// The trainer edition is previewed under /_trener/, rebuilt with the rest.
	if code, body := page(TrainerPreview + "moduly/a/index.html"); code != 200 || !strings.Contains(body, "edition-trainer") || !strings.Contains(body, "data-razem-reload") {
		t.Fatalf("trainer preview: %d", code)
	}
	ev := followEvents(t, base)
	content := filepath.Join(dir, "content", "moduly")

	saveAtomically(t, filepath.Join(content, "a.md"), "---\ntitle: Koalicje\n---\nNowa treść po zapisie.\n")
	eventually(t, "edited page served", func() bool {
		_, b := page("moduly/a/index.html")
		return strings.Contains(b, "Nowa treść po zapisie.")
	})
	eventually(t, "reload event", func() bool { return ev.count("reload") >= 1 })
	if _, b := page(TrainerPreview + "moduly/a/index.html"); !strings.Contains(b, "Nowa treść po zapisie.") {
		t.Error("the trainer preview was not rebuilt")
	}

	saveAtomically(t, filepath.Join(content, "c.md"), "---\ntitle: Nowa strona\n---\nTekst.\n")
	eventually(t, "new page served", func() bool { c, _ := page("moduly/c/index.html"); return c == 200 })

	if err := os.Rename(filepath.Join(content, "c.md"), filepath.Join(content, "d.md")); err != nil {
		t.Fatal(err)
	}
	eventually(t, "renamed page moved", func() bool {
		c1, _ := page("moduly/c/index.html")
		c2, _ := page("moduly/d/index.html")
		return c1 == 404 && c2 == 200
	})

	if err := os.Remove(filepath.Join(content, "d.md")); err != nil {
		t.Fatal(err)
	}
	eventually(t, "deleted page gone", func() bool { c, _ := page("moduly/d/index.html"); return c == 404 })

	// A new folder created while serving is watched too.
	saveAtomically(t, filepath.Join(dir, "content", "nowy-dzial", "e.md"), "---\ntitle: W nowym folderze\n---\nTekst.\n")
	eventually(t, "page in a new folder", func() bool { c, _ := page("nowy-dzial/e/index.html"); return c == 200 })

	// Broken front matter: the overlay payload names file and line, the last
	// good page keeps being served.
	saveAtomically(t, filepath.Join(content, "a.md"), "---\ntitle: [Koalicje\n---\nZepsute.\n")
	var st struct {
		Diagnostics []struct {
			File    string
			Line    int
			Message string
		}
	}
	eventually(t, "error reported", func() bool {
		_, body := page("__razem/status")
		return json.Unmarshal([]byte(body), &st) == nil && len(st.Diagnostics) > 0
	})
	if d := st.Diagnostics[0]; !strings.HasSuffix(d.File, "content/moduly/a.md") || d.Line != 2 || !strings.Contains(d.Message, "invalid YAML") {
		t.Errorf("diagnostic = %+v", d)
	}
	if _, body := page("moduly/a/index.html"); !strings.Contains(body, "Nowa treść po zapisie.") {
		t.Error("the last good page is not served while the build is broken")
	}
	eventually(t, "error event", func() bool { return ev.count("error") >= 1 })

	saveAtomically(t, filepath.Join(content, "a.md"), "---\ntitle: Koalicje\n---\nNaprawione.\n")
	eventually(t, "recovered", func() bool {
		_, body := page("__razem/status")
		_, p := page("moduly/a/index.html")
		return strings.Contains(body, `"diagnostics":[]`) && strings.Contains(p, "Naprawione.")
	})
	// The search API follows the live site.
	eventually(t, "search API", func() bool {
		c, body := page("api/search?q=naprawione")
		return c == 200 && strings.Contains(body, "moduly/a/index.html")
	})
}

func TestServeRefusesTraversal(t *testing.T) {
	dir := smallSite(t, goodSite)
	base := serve(t, "--watch=false", "--source", dir)
	for _, p := range []string{"../../etc/passwd", "%2e%2e/%2e%2e/etc/passwd", "moduly/..%2f..%2fconfig.toml", "..\\config.toml"} {
		code, body := get(t, base+p)
		if code != 400 && code != 404 || strings.Contains(body, "root:") || strings.Contains(body, "title =") {
			t.Errorf("%s: %d", p, code)
		}
	}
	resp, err := http.Get(base + "moduly/a/index.html")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	for _, h := range []string{"Content-Security-Policy", "X-Content-Type-Options", "Referrer-Policy", "Etag"} {
		if resp.Header.Get(h) == "" {
			t.Errorf("intranet mode lacks %s", h)
		}
	}
	if _, body := get(t, base+"moduly/a/index.html"); strings.Contains(body, "data-razem-reload") {
		t.Error("intranet mode injects the reload script")
	}
}

// TestServeSearchFollowsEdits: after the first index, saves update the
// search API page by page (search.Index.Update): a new word is found, a
// word removed is not, a deleted page leaves the results and a new page
// joins them, each within a second.
func TestServeSearchFollowsEdits(t *testing.T) {
	dir := smallSite(t, goodSite)
	base := serve(t, "--source", dir)
	search := func(q string) string {
		_, body := get(t, base+"api/search?q="+q)
		return body
	}
	eventually(t, "first index", func() bool { return strings.Contains(search("koalicje"), "moduly/a/index.html") })
	within := func(what string, cond func() bool) {
		t.Helper()
		start := time.Now()
		eventually(t, what, cond)
		if d := time.Since(start); d > 3*time.Second {
			t.Errorf("%s took %v", what, d)
		}
	}
	content := filepath.Join(dir, "content", "moduly")
	saveAtomically(t, filepath.Join(content, "a.md"), "---\ntitle: Koalicje\n---\nFlamingi przylatują do koalicji.\n")
	within("a new word found", func() bool { return strings.Contains(search("flamingi"), "moduly/a/index.html") })
	if strings.Contains(search("samorz%C4%85dem"), "moduly/a/index.html") {
		t.Error("a word the page no longer has still finds it")
	}
	saveAtomically(t, filepath.Join(content, "nowa.md"), "---\ntitle: Pelikany\n---\nPelikany i flamingi.\n")
	within("a new page found", func() bool { return strings.Contains(search("pelikany"), "moduly/nowa/index.html") })
	if err := os.Remove(filepath.Join(content, "b.md")); err != nil {
		t.Fatal(err)
	}
	within("a deleted page gone", func() bool { return !strings.Contains(search("ambasador"), "moduly/b/index.html") })
}

// TestSwapHandlerReleases checks that a replaced search index is closed as
// soon as the last request reading it ends, not before and not later,
// and that a base goes after the last index built on it.
func TestSwapHandlerReleases(t *testing.T) {
	var s swapHandler
	var closed []string
	closer := func(name string) func() { return func() { closed = append(closed, name) } }
	inside, leave := make(chan bool), make(chan bool)
	slow := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { inside <- true; <-leave })
	fast := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {})

	rec := httptest.NewRecorder()
	s.ServeHTTP(rec, httptest.NewRequest("GET", "/api/search?q=x", nil))
	if rec.Code != http.StatusServiceUnavailable {
		t.Fatalf("before any index: %d, want 503", rec.Code)
	}
	s.set(slow, closer("base"), nil)
	done := make(chan bool)
	go func() { s.ServeHTTP(httptest.NewRecorder(), httptest.NewRequest("GET", "/", nil)); done <- true }()
	<-inside
	s.set(fast, closer("update1"), nil)
	if len(closed) != 0 {
		t.Fatalf("closed %v while a request still reads it", closed)
	}
	leave <- true
	<-done
	if !slices.Equal(closed, []string{"base"}) {
		t.Fatalf("after the request: closed %v, want [base]", closed)
	}
	s.set(fast, closer("update2"), closer("old base"))
	if !slices.Equal(closed, []string{"base", "update1", "old base"}) {
		t.Fatalf("idle index replaced: closed %v", closed)
	}
	s.shutdown()
	if !slices.Equal(closed, []string{"base", "update1", "old base", "update2"}) {
		t.Fatalf("shutdown: closed %v", closed)
	}
}
