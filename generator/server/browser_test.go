package server

import (
	"bytes"
	"context"
	"io/fs"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"
	"time"
)

// chromium runs headless Chromium on url and returns the DOM after wait.
// It skips the test when Chromium is not installed.
func chromium(t *testing.T, url string, wait time.Duration) string {
	t.Helper()
	bin := ""
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			bin = p
			break
		}
	}
	if bin == "" {
		if os.Getenv("CI") != "" {
			t.Fatal("Chromium is required in CI (apt-get install chromium)")
		}
		t.Skip("Chromium not installed: live reload and overlay not checked in a browser")
	}
	ctx, cancel := context.WithTimeout(context.Background(), wait+30*time.Second)
	defer cancel()
	out, err := exec.CommandContext(ctx, bin, "--headless", "--no-sandbox", "--disable-gpu",
		"--user-data-dir="+t.TempDir(), "--timeout="+strconv.FormatInt(wait.Milliseconds(), 10), "--dump-dom", url).Output()
	if err != nil {
		t.Fatalf("chromium: %v", err)
	}
	return string(out)
}

// A page opened while the build is broken shows the overlay, with the
// diagnostic as text (never as HTML), under the server's own CSP.
func TestBrowserShowsOverlay(t *testing.T) {
	t.Parallel()
	shown := make(chan struct{})
	site := holdLoad(testSite("v1"), "moduly/index.html", "Moduły")
	s := New(Options{Watch: true}, Snapshot{Site: blockingFS{site, "slow.png", shown}})
	s.Update(Snapshot{Diags: []Diagnostic{{File: "content/moduly/a.md", Line: 3, Col: 7, Message: "zły <b>link</b>"}}})
	srv := serve(t, s)
	go func() {
		waitForStream(s)
		time.Sleep(500 * time.Millisecond) // the page handles the error event
		close(shown)
	}()
	dom := chromium(t, srv.url+"/moduly/", 10*time.Second)
	for _, want := range []string{`role="alertdialog"`, `aria-modal="true"`, "<code>content/moduly/a.md:3:7</code>: zły &lt;b&gt;link&lt;/b&gt;", "Moduły"} {
		if !strings.Contains(dom, want) {
			t.Errorf("DOM lacks %s:\n%s", want, dom)
		}
	}
}

// holdLoad adds to a page an image that blocks until released: headless
// Chromium dumps the DOM at the load event, which must wait until the page
// has handled the server's events.
func holdLoad(site fstest.MapFS, name, title string) fstest.MapFS {
	site[name] = &fstest.MapFile{Data: bytes.Replace(page(title), []byte("</h1>"), []byte(`</h1><img src="/slow.png" alt="">`), 1)}
	site["slow.png"] = &fstest.MapFile{Data: []byte("png")}
	return site
}

func waitForStream(s *Server) {
	for s.hub.count() == 0 {
		time.Sleep(10 * time.Millisecond)
	}
}

// Saving a fix reloads the open page: the browser fetches the page again,
// the overlay is gone and the scroll position is kept.
func TestBrowserReloads(t *testing.T) {
	t.Parallel()
	var access syncBuffer
	fixed := make(chan struct{})
	v1 := holdLoad(testSite("v1"), "index.html", "Start v1")
	v2 := testSite("v2")
	tall := &fstest.MapFile{Data: []byte("body{min-height:5000px}")}
	v1["assets/app.0123abcd.css"], v2["assets/app.0123abcd.css"] = tall, tall
	// The reader scrolled before the save: app.js runs before reload.js
	// opens the stream, and the tall stylesheet is applied by then.
	v1["assets/app.js"] = &fstest.MapFile{Data: []byte(`scrollTo(0, 1234);`)}
	v2["assets/app.js"] = &fstest.MapFile{Data: []byte(
		`addEventListener('load', function () { document.body.dataset.y = scrollY; });`)}
	s := New(Options{Watch: true, AccessLog: &access}, Snapshot{Site: blockingFS{v1, "slow.png", fixed}})
	s.Update(Snapshot{Diags: []Diagnostic{{File: "a.md", Line: 1, Message: "broken"}}})
	srv := serve(t, s)
	go func() {
		waitForStream(s)
		srv.Update(Snapshot{Site: v2})
		time.Sleep(time.Second)
		close(fixed)
	}()
	dom := chromium(t, srv.url+"/", 10*time.Second)
	if !strings.Contains(dom, "<h1>Start v2</h1>") || strings.Contains(dom, "razem-overlay") ||
		!strings.Contains(dom, `data-y="1234"`) {
		t.Errorf("after the fix:\n%s", dom)
	}
	if n := strings.Count(access.String(), `"GET / HTTP/1.1" 200`); n != 2 {
		t.Errorf("page loaded %d times, want 2:\n%s", n, access.String())
	}
}

// blockingFS holds Open of one file until release is closed.
type blockingFS struct {
	fs.FS
	name    string
	release chan struct{}
}

func (b blockingFS) Open(name string) (fs.File, error) {
	if name == b.name {
		<-b.release
	}
	return b.FS.Open(name)
}
