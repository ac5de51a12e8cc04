package server

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"io/fs"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"testing/fstest"
	"time"
)

// page returns a small HTML page whose body says what.
func page(what string) []byte {
	return []byte(`<!doctype html><html lang="pl"><head><meta charset="utf-8"><title>` + what +
		`</title><link rel="stylesheet" href="assets/app.0123abcd.css"></head><body><h1>` + what +
		`</h1><script src="assets/app.js" defer></script></body></html>`)
}

var bigCSS = bytes.Repeat([]byte("body{color:#123456;margin:0 auto;padding:1rem}\n"), 400)

func testSite(version string) fstest.MapFS {
	gz := gzipBytes([]byte("pre{}"))
	return fstest.MapFS{
		"index.html":              {Data: page("Start " + version)},
		"404.html":                {Data: page("Nie znaleziono")},
		"moduly/index.html":       {Data: page("Moduły")},
		"moduly/koalicje.html":    {Data: []byte("<p>koalicje, minified: no end tags")},
		"assets/app.0123abcd.css": {Data: bigCSS},
		"assets/app.js":           {Data: []byte("console.log('razem')")},
		"assets/pre.css":          {Data: []byte("pre{}")},
		"assets/pre.css.gz":       {Data: gz},
		"assets/font.woff2":       {Data: bytes.Repeat([]byte{1, 2, 3}, 500)},
		"assets/icon.svg":         {Data: []byte(`<svg xmlns="http://www.w3.org/2000/svg"/>`)},
		"manifest.webmanifest":    {Data: []byte(`{"name":"razem"}`)},
		"search/data.json":        {Data: []byte(`{"a":1}`)},
		"sitemap.xml":             {Data: []byte(`<urlset/>`)},
		"sw.js":                   {Data: []byte(`// site worker`)},
	}
}

func gzipBytes(b []byte) []byte {
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	zw.Write(b)
	zw.Close()
	return buf.Bytes()
}

// running is a Server serving on a loopback port.
type running struct {
	*Server
	url    string
	addr   string
	cancel context.CancelFunc
	done   chan error
}

// serve starts s on 127.0.0.1:0 with the production http.Server settings.
func serve(t testing.TB, s *Server) *running {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	r := &running{Server: s, addr: ln.Addr().String(), url: "http://" + ln.Addr().String(), cancel: cancel, done: make(chan error, 1)}
	go func() { r.done <- s.Serve(ctx, ln) }()
	t.Cleanup(func() {
		cancel()
		<-r.done
	})
	return r
}

func start(t testing.TB, opts Options, snap Snapshot) *running {
	t.Helper()
	return serve(t, New(opts, snap))
}

var client = &http.Client{
	Transport:     &http.Transport{DisableCompression: true},
	CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	Timeout:       10 * time.Second,
}

// get fetches url with optional header pairs and returns the response with
// its body read.
func get(t testing.TB, url string, hdr ...string) (*http.Response, string) {
	t.Helper()
	req, err := http.NewRequest("GET", url, nil)
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i+1 < len(hdr); i += 2 {
		req.Header.Set(hdr[i], hdr[i+1])
	}
	resp, err := client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp, string(body)
}

// rawGet sends target exactly as written, bypassing any client-side
// cleaning, and returns the status and body.
func rawGet(t *testing.T, addr, target string) (int, string) {
	t.Helper()
	c, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	c.SetDeadline(time.Now().Add(5 * time.Second))
	fmt.Fprintf(c, "GET %s HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n", target)
	resp, err := http.ReadResponse(bufio.NewReader(c), nil)
	if err != nil {
		t.Fatalf("%s: %v", target, err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

func TestReloadScriptOnlyInWatchMode(t *testing.T) {
	for _, watch := range []bool{false, true} {
		srv := start(t, Options{Watch: watch}, Snapshot{Site: testSite("v1")})
		for _, p := range []string{"/", "/moduly/", "/moduly/koalicje.html", "/nie-ma"} {
			_, body := get(t, srv.url+p)
			has := strings.Contains(body, `src="/__razem/reload.js"`)
			if has != watch {
				t.Errorf("watch=%v %s: reload script present=%v\n%s", watch, p, has, body)
			}
			if watch && !strings.Contains(body, "</script></body>") && strings.Contains(body, "</body>") {
				t.Errorf("%s: script not placed before </body>: %s", p, body)
			}
		}
		resp, _ := get(t, srv.url+"/__razem/reload.js")
		if want := map[bool]int{true: 200, false: 404}[watch]; resp.StatusCode != want {
			t.Errorf("watch=%v reload.js: %d, want %d", watch, resp.StatusCode, want)
		}
		// CSS, JS and other files are never touched.
		_, js := get(t, srv.url+"/assets/app.js")
		if js != "console.log('razem')" {
			t.Errorf("watch=%v app.js changed: %q", watch, js)
		}
	}
}

// sse reads Server-Sent Events from one stream.
type sse struct {
	resp   *http.Response
	events chan [2]string
}

func openEvents(t testing.TB, base string) *sse {
	t.Helper()
	resp, err := (&http.Client{}).Get(base + "/__razem/events")
	if err != nil {
		t.Fatal(err)
	}
	if ct := resp.Header.Get("Content-Type"); ct != "text/event-stream" {
		t.Fatalf("events Content-Type %q", ct)
	}
	s := &sse{resp: resp, events: make(chan [2]string, 16)}
	go func() {
		defer close(s.events)
		br := bufio.NewReader(resp.Body)
		var name, data string
		for {
			line, err := br.ReadString('\n')
			if err != nil {
				return
			}
			line = strings.TrimRight(line, "\n")
			switch {
			case line == "":
				if name != "" || data != "" {
					s.events <- [2]string{name, data}
				}
				name, data = "", ""
			case strings.HasPrefix(line, "event: "):
				name = line[len("event: "):]
			case strings.HasPrefix(line, "data: "):
				data = line[len("data: "):]
			}
		}
	}()
	t.Cleanup(func() { resp.Body.Close() })
	return s
}

func (s *sse) next(t testing.TB) (string, status) {
	t.Helper()
	select {
	case ev, ok := <-s.events:
		if !ok {
			t.Fatal("event stream ended")
		}
		var st status
		if err := json.Unmarshal([]byte(ev[1]), &st); err != nil {
			t.Fatalf("event %s: bad JSON %q: %v", ev[0], ev[1], err)
		}
		return ev[0], st
	case <-time.After(5 * time.Second):
		t.Fatal("no event within 5s")
		return "", status{}
	}
}

func TestUpdateErrorKeepsLastGoodSite(t *testing.T) {
	srv := start(t, Options{Watch: true}, Snapshot{Site: testSite("v1")})
	ev := openEvents(t, srv.url)
	name, hello := ev.next(t)
	if name != "hello" || hello.Build == "" {
		t.Fatalf("first event %s %+v", name, hello)
	}

	diag := Diagnostic{File: "content/moduly/koalicje.md", Line: 12, Col: 3, Message: `broken link "../x.md" <b>`}
	srv.Update(Snapshot{Site: testSite("broken"), Diags: []Diagnostic{diag}})
	name, st := ev.next(t)
	if name != "error" || len(st.Diagnostics) != 1 || st.Diagnostics[0] != diag {
		t.Fatalf("got %s %+v, want error with %+v", name, st, diag)
	}
	if st.Build != hello.Build {
		t.Errorf("failed build changed the build ID: %s → %s", hello.Build, st.Build)
	}
	if _, body := get(t, srv.url+"/"); !strings.Contains(body, "Start v1") {
		t.Fatalf("after a failed build: %s", body)
	}
	_, js := get(t, srv.url+"/__razem/status")
	if !strings.Contains(js, `"line":12`) || !strings.Contains(js, `"file":"content/moduly/koalicje.md"`) {
		t.Fatalf("status: %s", js)
	}

	// A page opened now sees the error at once.
	late := openEvents(t, srv.url)
	if name, _ := late.next(t); name != "hello" {
		t.Fatalf("late stream: %s", name)
	}
	if name, st := late.next(t); name != "error" || len(st.Diagnostics) != 1 {
		t.Fatalf("late stream: %s %+v", name, st)
	}

	srv.Update(Snapshot{Site: testSite("v2")})
	name, st = ev.next(t)
	if name != "reload" || len(st.Diagnostics) != 0 || st.Build == hello.Build {
		t.Fatalf("got %s %+v, want reload with a new build", name, st)
	}
	if _, body := get(t, srv.url+"/"); !strings.Contains(body, "Start v2") || !strings.Contains(body, st.Build) {
		t.Fatalf("after a good build: %s", body)
	}
	if _, js := get(t, srv.url+"/__razem/status"); !strings.Contains(js, `"diagnostics":[]`) {
		t.Fatalf("status after fix: %s", js)
	}
}

func TestNoSiteYet(t *testing.T) {
	diags := []Diagnostic{{File: "config.toml", Line: 1, Message: "bad"}}
	srv := start(t, Options{Watch: true}, Snapshot{Diags: diags})
	resp, body := get(t, srv.url+"/moduly/")
	if resp.StatusCode != 503 || !strings.Contains(body, "/__razem/reload.js") {
		t.Fatalf("%d %s", resp.StatusCode, body)
	}
	ev := openEvents(t, srv.url)
	ev.next(t)
	if name, _ := ev.next(t); name != "error" {
		t.Fatalf("want error, got %s", name)
	}
	srv.Update(Snapshot{Site: testSite("v1")})
	if name, _ := ev.next(t); name != "reload" {
		t.Fatalf("want reload, got %s", name)
	}
	if resp, _ := get(t, srv.url+"/"); resp.StatusCode != 200 {
		t.Fatal(resp.Status)
	}

	intranet := start(t, Options{}, Snapshot{})
	if resp, _ := get(t, intranet.url+"/"); resp.StatusCode != 503 {
		t.Fatal(resp.Status)
	}
}

// siteOnDisk writes testSite to dir/site next to a secret file that must
// never be served, plus links pointing in and out.
func siteOnDisk(t *testing.T) (siteDir string) {
	t.Helper()
	dir := t.TempDir()
	siteDir = filepath.Join(dir, "site")
	for name, f := range testSite("disk") {
		p := filepath.Join(siteDir, filepath.FromSlash(name))
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, f.Data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	os.WriteFile(filepath.Join(dir, "secret.txt"), []byte("TOP SECRET"), 0o644)
	os.MkdirAll(filepath.Join(dir, "outside"), 0o755)
	os.WriteFile(filepath.Join(dir, "outside", "x.txt"), []byte("TOP SECRET"), 0o644)
	for link, target := range map[string]string{
		"leak.txt":   filepath.Join(dir, "secret.txt"),
		"rel.txt":    "../secret.txt",
		"outdir":     filepath.Join(dir, "outside"),
		"inside.css": "assets/pre.css",
	} {
		if err := os.Symlink(target, filepath.Join(siteDir, link)); err != nil {
			t.Skipf("symlinks unsupported: %v", err)
		}
	}
	return siteDir
}

func TestTraversalRefused(t *testing.T) {
	dir := siteOnDisk(t)
	rooted, err := DirFS(dir)
	if err != nil {
		t.Fatal(err)
	}
	for i, fsys := range []fs.FS{rooted, os.DirFS(dir), rooted} {
		watch := i == 2
		srv := start(t, Options{Watch: watch}, Snapshot{Site: fsys})
		for _, target := range []string{
			"/../secret.txt", "/../../../../etc/passwd", "/%2e%2e/secret.txt", "/%2E%2E/secret.txt",
			"/..%2fsecret.txt", "/..%2Fsecret.txt", "/a/../../secret.txt", "/assets/../../secret.txt",
			`/..\secret.txt`, "/%5c..%5csecret.txt", "/..%5csecret.txt", "/index.html%00.css",
			"/%00", "//secret.txt", "/./index.html", "/assets/./pre.css", "/.%2e/secret.txt",
			"/leak.txt", "/rel.txt", "/outdir/x.txt", "/outdir/",
		} {
			code, body := rawGet(t, srv.addr, target)
			if code != 400 && code != 404 {
				t.Errorf("watch=%v %s: status %d", watch, target, code)
			}
			if strings.Contains(body, "TOP SECRET") || strings.Contains(body, "root:") {
				t.Errorf("watch=%v %s: leaked %q", watch, target, body)
			}
		}
		// A link that stays inside the site works.
		if code, body := rawGet(t, srv.addr, "/inside.css"); code != 200 || body != "pre{}" {
			t.Errorf("inside link: %d %q", code, body)
		}
	}
}

func TestNotFoundPage(t *testing.T) {
	srv := start(t, Options{}, Snapshot{Site: testSite("v1")})
	resp, body := get(t, srv.url+"/moduly/nie-ma/")
	if resp.StatusCode != 404 || !strings.Contains(body, "Nie znaleziono") {
		t.Fatalf("%d %s", resp.StatusCode, body)
	}
	if ct := resp.Header.Get("Content-Type"); ct != "text/html; charset=utf-8" {
		t.Errorf("Content-Type %q", ct)
	}
	req, _ := http.NewRequest("HEAD", srv.url+"/nie-ma.html", nil)
	hr, err := client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	hr.Body.Close()
	if hr.StatusCode != 404 {
		t.Errorf("HEAD: %d", hr.StatusCode)
	}

	bare := fstest.MapFS{"index.html": {Data: page("x")}}
	srv2 := start(t, Options{}, Snapshot{Site: bare})
	if resp, _ := get(t, srv2.url+"/nie-ma"); resp.StatusCode != 404 {
		t.Fatalf("without 404.html: %d", resp.StatusCode)
	}
}

func TestFoldersAndRedirects(t *testing.T) {
	srv := start(t, Options{}, Snapshot{Site: testSite("v1")})
	resp, _ := get(t, srv.url+"/moduly?x=1")
	if resp.StatusCode != 301 || resp.Header.Get("Location") != "./moduly/?x=1" {
		t.Fatalf("%d Location=%q", resp.StatusCode, resp.Header.Get("Location"))
	}
	for _, p := range []string{"/moduly/", "/moduly/index.html"} {
		if resp, body := get(t, srv.url+p); resp.StatusCode != 200 || !strings.Contains(body, "Moduły") {
			t.Errorf("%s: %d %s", p, resp.StatusCode, body)
		}
	}
	if resp, _ := get(t, srv.url+"/assets/"); resp.StatusCode != 404 {
		t.Errorf("folder without index: %d (no listings)", resp.StatusCode)
	}
	req, _ := http.NewRequest("POST", srv.url+"/", strings.NewReader("x"))
	pr, err := client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	pr.Body.Close()
	if pr.StatusCode != 405 || pr.Header.Get("Allow") != "GET, HEAD" {
		t.Errorf("POST: %d Allow=%q", pr.StatusCode, pr.Header.Get("Allow"))
	}
}

func TestContentTypesAndCaching(t *testing.T) {
	srv := start(t, Options{}, Snapshot{Site: testSite("v1")})
	for _, c := range []struct{ path, ctype, cache string }{
		{"/", "text/html; charset=utf-8", cacheRevalidate},
		{"/assets/app.0123abcd.css", "text/css; charset=utf-8", cacheImmutable},
		{"/assets/app.js", "text/javascript; charset=utf-8", cacheShort},
		{"/assets/icon.svg", "image/svg+xml", cacheShort},
		{"/assets/font.woff2", "font/woff2", cacheShort},
		{"/manifest.webmanifest", "application/manifest+json", cacheRevalidate},
		{"/search/data.json", "application/json", cacheRevalidate},
		{"/sitemap.xml", "application/xml", cacheShort},
		{"/sw.js", "text/javascript; charset=utf-8", cacheRevalidate},
	} {
		resp, _ := get(t, srv.url+c.path)
		if resp.StatusCode != 200 {
			t.Errorf("%s: %d", c.path, resp.StatusCode)
		}
		if got := resp.Header.Get("Content-Type"); got != c.ctype {
			t.Errorf("%s: Content-Type %q, want %q", c.path, got, c.ctype)
		}
		if got := resp.Header.Get("Cache-Control"); got != c.cache {
			t.Errorf("%s: Cache-Control %q, want %q", c.path, got, c.cache)
		}
	}
}

func TestGzip(t *testing.T) {
	srv := start(t, Options{}, Snapshot{Site: testSite("v1")})
	url := srv.url + "/assets/app.0123abcd.css"

	resp, body := get(t, url, "Accept-Encoding", "gzip, br")
	if resp.Header.Get("Content-Encoding") != "gzip" || !strings.Contains(resp.Header.Get("Vary"), "Accept-Encoding") {
		t.Fatalf("headers %v", resp.Header)
	}
	zr, err := gzip.NewReader(strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	plain, _ := io.ReadAll(zr)
	if !bytes.Equal(plain, bigCSS) || len(body) >= len(bigCSS)/4 {
		t.Fatalf("gzip round trip: %d bytes → %d", len(body), len(plain))
	}
	gzTag := resp.Header.Get("ETag")

	resp, body = get(t, url, "Accept-Encoding", "identity")
	if resp.Header.Get("Content-Encoding") != "" || body != string(bigCSS) {
		t.Fatal("identity response compressed")
	}
	if resp, _ := get(t, url, "Accept-Encoding", "gzip;q=0"); resp.Header.Get("Content-Encoding") != "" {
		t.Fatal("gzip;q=0 honoured as gzip")
	}
	if tag := resp.Header.Get("ETag"); tag == gzTag || tag == "" {
		t.Fatalf("gzip and identity share ETag %q", tag)
	}

	// A precompressed sibling wins.
	resp, body = get(t, srv.url+"/assets/pre.css", "Accept-Encoding", "gzip")
	if resp.Header.Get("Content-Encoding") != "gzip" || body != string(testSite("")["assets/pre.css.gz"].Data) {
		t.Fatalf("precompressed: %v %q", resp.Header, body)
	}
	// Compressed formats are left alone.
	if resp, _ := get(t, srv.url+"/assets/font.woff2", "Accept-Encoding", "gzip"); resp.Header.Get("Content-Encoding") != "" {
		t.Fatal("woff2 gzipped")
	}
}

func TestETagAndLastModified(t *testing.T) {
	fsys, err := DirFS(siteOnDisk(t))
	if err != nil {
		t.Fatal(err)
	}
	srv := start(t, Options{}, Snapshot{Site: fsys})
	for _, ae := range []string{"identity", "gzip"} {
		for _, p := range []string{"/", "/assets/app.0123abcd.css", "/assets/font.woff2"} {
			resp, _ := get(t, srv.url+p, "Accept-Encoding", ae)
			tag := resp.Header.Get("ETag")
			if !regexp.MustCompile(`^"[0-9a-f]{24}(-gz)?"$`).MatchString(tag) {
				t.Fatalf("%s: ETag %q", p, tag)
			}
			if resp.Header.Get("Last-Modified") == "" {
				t.Errorf("%s: no Last-Modified", p)
			}
			resp2, body := get(t, srv.url+p, "Accept-Encoding", ae, "If-None-Match", tag)
			if resp2.StatusCode != 304 || body != "" {
				t.Errorf("%s %s: If-None-Match: %d", p, ae, resp2.StatusCode)
			}
			resp3, _ := get(t, srv.url+p, "Accept-Encoding", ae, "If-None-Match", `"other"`)
			if resp3.StatusCode != 200 {
				t.Errorf("%s: stale ETag: %d", p, resp3.StatusCode)
			}
		}
	}
}

func TestSecurityHeaders(t *testing.T) {
	for _, watch := range []bool{false, true} {
		srv := start(t, Options{Watch: watch}, Snapshot{Site: testSite("v1")})
		for _, p := range []string{"/", "/nie-ma", "/assets/app.js", "/moduly"} {
			resp, _ := get(t, srv.url+p)
			checkSecurity(t, p, resp.Header)
		}
		code, _ := rawGet(t, srv.addr, "/../x")
		if code != 400 {
			t.Errorf("traversal: %d", code)
		}
	}
}

func checkSecurity(t *testing.T, what string, h http.Header) {
	t.Helper()
	for k, v := range map[string]string{
		"Content-Security-Policy": ContentSecurityPolicy,
		"X-Content-Type-Options":  "nosniff",
		"Referrer-Policy":         "no-referrer",
		"X-Frame-Options":         "DENY",
	} {
		if got := h.Get(k); got != v {
			t.Errorf("%s: %s = %q, want %q", what, k, got, v)
		}
	}
}

func TestSearchMounted(t *testing.T) {
	search := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		json.NewEncoder(w).Encode(map[string]string{"query": r.URL.Query().Get("q")})
	})
	srv := start(t, Options{Search: search}, Snapshot{Site: testSite("v1")})
	resp, body := get(t, srv.url+"/api/search?q=koalicja")
	if resp.StatusCode != 200 || !strings.Contains(body, `"query":"koalicja"`) {
		t.Fatalf("%d %s", resp.StatusCode, body)
	}
	checkSecurity(t, "search", resp.Header)

	without := start(t, Options{}, Snapshot{Site: testSite("v1")})
	if resp, _ := get(t, without.url+"/api/search?q=x"); resp.StatusCode != 404 {
		t.Fatalf("unmounted search: %d", resp.StatusCode)
	}
}

func TestServiceWorkerKillSwitch(t *testing.T) {
	watch := start(t, Options{Watch: true}, Snapshot{Site: testSite("v1")})
	resp, body := get(t, watch.url+"/sw.js")
	if resp.StatusCode != 200 || !strings.Contains(body, "unregister()") || strings.Contains(body, "site worker") {
		t.Fatalf("authoring /sw.js: %d %s", resp.StatusCode, body)
	}
	intranet := start(t, Options{}, Snapshot{Site: testSite("v1")})
	if _, body := get(t, intranet.url+"/sw.js"); body != "// site worker" {
		t.Fatalf("intranet /sw.js: %s", body)
	}
}

func TestAccessLog(t *testing.T) {
	var buf syncBuffer
	srv := start(t, Options{AccessLog: &buf}, Snapshot{Site: testSite("v1")})
	get(t, srv.url+"/moduly/?q=a%22b")
	get(t, srv.url+"/nie-ma")
	lines := strings.Split(strings.TrimSpace(buf.String()), "\n")
	if len(lines) != 2 {
		t.Fatalf("log: %q", buf.String())
	}
	clf := regexp.MustCompile(`^127\.0\.0\.1 - - \[\d\d/\w{3}/\d{4}:\d\d:\d\d:\d\d [+-]\d{4}\] "GET /moduly/\?q=a%22b HTTP/1\.1" 200 \d+$`)
	if !clf.MatchString(lines[0]) {
		t.Errorf("line 1: %q", lines[0])
	}
	if !strings.Contains(lines[1], `"GET /nie-ma HTTP/1.1" 404 `) {
		t.Errorf("line 2: %q", lines[1])
	}
}

type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// Shutdown lets a request in flight finish, ends event streams, and
// returns nil well before the deadline.
func TestGracefulShutdown(t *testing.T) {
	started := make(chan struct{})
	slow := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		close(started)
		time.Sleep(300 * time.Millisecond)
		io.WriteString(w, "done")
	})
	var logBuf syncBuffer
	s := New(Options{Watch: true, Search: slow, Log: &logBuf}, Snapshot{Site: testSite("v1")})
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- s.Serve(ctx, ln) }()
	base := "http://" + ln.Addr().String()

	ev := openEvents(t, base)
	ev.next(t)
	inflight := make(chan string, 1)
	go func() {
		resp, err := client.Get(base + "/api/search?q=x")
		if err != nil {
			inflight <- err.Error()
			return
		}
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		inflight <- string(b)
	}()
	<-started
	t0 := time.Now()
	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("Serve: %v", err)
		}
	case <-time.After(shutdownTimeout - time.Second):
		t.Fatal("shutdown did not finish")
	}
	if got := <-inflight; got != "done" {
		t.Fatalf("in-flight request: %q", got)
	}
	if d := time.Since(t0); d > 2*time.Second {
		t.Errorf("shutdown took %v", d)
	}
	if _, ok := <-ev.events; ok {
		t.Error("event stream still open")
	}
	if _, err := client.Get(base + "/"); err == nil {
		t.Error("still accepting connections")
	}
	if !strings.Contains(logBuf.String(), "shutting down") {
		t.Errorf("log: %q", logBuf.String())
	}
}

func TestListenAndServeDefaults(t *testing.T) {
	s := New(Options{}, Snapshot{})
	if s.Addr() != "127.0.0.1:1313" {
		t.Fatal(s.Addr())
	}
	// A port in use is reported, not retried.
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	port := ln.Addr().(*net.TCPAddr).Port
	err = New(Options{Port: port}, Snapshot{}).ListenAndServe(context.Background())
	if err == nil || !strings.Contains(err.Error(), "serve:") {
		t.Fatalf("busy port: %v", err)
	}
}

// Updates racing with requests never tear a response: each page is
// entirely one version.
func TestConcurrentUpdates(t *testing.T) {
	srv := start(t, Options{Watch: true}, Snapshot{Site: testSite("0")})
	stop := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		for i := 1; ; i++ {
			select {
			case <-stop:
				return
			default:
			}
			if i%3 == 0 {
				srv.Update(Snapshot{Diags: []Diagnostic{{File: "a.md", Line: i, Message: "x"}}})
			} else {
				srv.Update(Snapshot{Site: testSite(fmt.Sprint(i))})
			}
		}
	}()
	re := regexp.MustCompile(`<title>Start (\d+)</title>.*<h1>Start (\d+)</h1>`)
	for range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for range 50 {
				_, body := get(t, srv.url+"/")
				m := re.FindStringSubmatch(body)
				if m == nil || m[1] != m[2] {
					t.Errorf("torn page: %s", body)
					return
				}
			}
		}()
	}
	time.Sleep(300 * time.Millisecond)
	close(stop)
	wg.Wait()
}

// The event stream outlives the server's WriteTimeout, also through the
// access log wrapper, while ordinary responses stay bounded by it.
func TestEventStreamOutlivesWriteTimeout(t *testing.T) {
	s := New(Options{Watch: true, AccessLog: io.Discard}, Snapshot{Site: testSite("v1")})
	s.writeTimeout = 200 * time.Millisecond
	srv := serve(t, s)
	ev := openEvents(t, srv.url)
	ev.next(t)
	time.Sleep(600 * time.Millisecond)
	srv.Update(Snapshot{Site: testSite("v2")})
	if name, _ := ev.next(t); name != "reload" {
		t.Fatalf("got %s, want reload after the write timeout", name)
	}
}
