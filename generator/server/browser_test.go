package server

import (
	"context"
	"os/exec"
	"strings"
	"testing"
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
		t.Skip("Chromium not installed: live reload and overlay not checked in a browser")
	}
	ctx, cancel := context.WithTimeout(context.Background(), wait+30*time.Second)
	defer cancel()
	out, err := exec.CommandContext(ctx, bin, "--headless", "--no-sandbox", "--disable-gpu",
		"--user-data-dir="+t.TempDir(), "--timeout="+itoa(wait.Milliseconds()), "--dump-dom", url).Output()
	if err != nil {
		t.Fatalf("chromium: %v", err)
	}
	return string(out)
}

func itoa(n int64) string { return strings.TrimSpace(strings.Repeat(" ", 0) + fmtInt(n)) }

func fmtInt(n int64) string {
	if n == 0 {
		return "0"
	}
	var b []byte
	for ; n > 0; n /= 10 {
		b = append([]byte{byte('0' + n%10)}, b...)
	}
	return string(b)
}

// A page opened while the build is broken shows the overlay, with the
// diagnostic as text (never as HTML), under the server's own CSP.
func TestBrowserShowsOverlay(t *testing.T) {
	t.Parallel()
	s := New(Options{Watch: true}, Snapshot{Site: testSite("v1")})
	s.Update(Snapshot{Diags: []Diagnostic{{File: "content/moduly/a.md", Line: 3, Col: 7, Message: "zły <b>link</b>"}}})
	srv := serve(t, s)
	dom := chromium(t, srv.url+"/moduly/", 2500*time.Millisecond)
	for _, want := range []string{`role="alertdialog"`, `aria-modal="true"`, "<code>content/moduly/a.md:3:7</code>: zły &lt;b&gt;link&lt;/b&gt;", "Moduły"} {
		if !strings.Contains(dom, want) {
			t.Errorf("DOM lacks %s:\n%s", want, dom)
		}
	}
}

// Saving a fix reloads the open page: the browser fetches the page again
// and the overlay is gone.
func TestBrowserReloads(t *testing.T) {
	t.Parallel()
	var access syncBuffer
	s := New(Options{Watch: true, AccessLog: &access}, Snapshot{Site: testSite("v1")})
	s.Update(Snapshot{Diags: []Diagnostic{{File: "a.md", Line: 1, Message: "broken"}}})
	srv := serve(t, s)
	go func() {
		// Once the page listens, fix the build.
		for !strings.Contains(access.String(), "GET /__razem/events") {
			time.Sleep(20 * time.Millisecond)
		}
		time.Sleep(200 * time.Millisecond)
		srv.Update(Snapshot{Site: testSite("v2")})
	}()
	dom := chromium(t, srv.url+"/", 4*time.Second)
	if !strings.Contains(dom, "<h1>Start v2</h1>") || strings.Contains(dom, "razem-overlay") {
		t.Errorf("after the fix:\n%s", dom)
	}
	if n := strings.Count(access.String(), `"GET / HTTP/1.1" 200`); n != 2 {
		t.Errorf("page loaded %d times, want 2:\n%s", n, access.String())
	}
}
