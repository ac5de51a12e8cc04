package main

import (
	"context"
	"fmt"
	"net"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
)

// The end-to-end tests drive Debian's headless Chromium against the built
// bundled site, opened from file:// and served by razem. CI installs
// Chromium and sets CI=true, which makes them mandatory; elsewhere they skip
// with a message when Chromium is absent.

func chromiumPath(t *testing.T) string {
	t.Helper()
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	if os.Getenv("CI") != "" {
		t.Fatal("Chromium is required in CI: apt-get install chromium")
	}
	t.Skip("Chromium not installed; browser tests skipped (CI installs it)")
	return ""
}

var (
	siteOnce sync.Once
	siteDir  string
	siteErr  string
)

// trainerSite is where builtSite puts the trainer edition.
func trainerSite(t *testing.T) string {
	return filepath.Join(filepath.Dir(builtSite(t)), "trener")
}

// builtSite builds the bundled content once per test binary with the CLI.
func builtSite(t *testing.T) string {
	t.Helper()
	siteOnce.Do(func() {
		dir, err := os.MkdirTemp("", "razem-e2e-")
		if err != nil {
			siteErr = err.Error()
			return
		}
		siteDir = filepath.Join(dir, "public")
		var out, errb strings.Builder
		if code := run(context.Background(), []string{"build", "--source", repoRoot(), "--dest", siteDir, "--trainer-dest", filepath.Join(dir, "trener")}, &out, &errb); code != 0 {
			siteErr = errb.String()
		}
	})
	if siteErr != "" {
		t.Fatalf("build: %s", siteErr)
	}
	return siteDir
}

// TestMain removes the site built once for the browser tests.
func TestMain(m *testing.M) {
	code := m.Run()
	if siteDir != "" {
		os.RemoveAll(filepath.Dir(siteDir))
	}
	os.Exit(code)
}

func repoRoot() string {
	wd, _ := os.Getwd()
	return filepath.Join(wd, "..", "..")
}

// browser is one headless Chromium tab that records console errors,
// exceptions and every request it makes.
type browser struct {
	ctx      context.Context
	mu       sync.Mutex
	errors   []string
	requests []string
}

func newBrowser(t *testing.T) *browser {
	t.Helper()
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(chromiumPath(t)),
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("no-first-run", true),
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("allow-file-access-from-files", false),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(1280, 900),
	)
	actx, cancelA := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelC := chromedp.NewContext(actx)
	ctx, cancelT := context.WithTimeout(ctx, 90*time.Second)
	t.Cleanup(func() {
		_ = chromedp.Cancel(ctx) // waits for Chromium to exit, before its profile folder is removed
		cancelT()
		cancelC()
		cancelA()
	})
	b := &browser{ctx: ctx}
	chromedp.ListenTarget(ctx, func(ev any) {
		b.mu.Lock()
		defer b.mu.Unlock()
		switch ev := ev.(type) {
		case *runtime.EventExceptionThrown:
			b.errors = append(b.errors, "exception: "+ev.ExceptionDetails.Error())
		case *runtime.EventConsoleAPICalled:
			if ev.Type == runtime.APITypeError {
				var parts []string
				for _, a := range ev.Args {
					parts = append(parts, string(a.Value)+a.Description)
				}
				b.errors = append(b.errors, "console.error: "+strings.Join(parts, " "))
			}
		case *network.EventRequestWillBeSent:
			b.requests = append(b.requests, ev.Request.URL)
		}
	})
	if err := chromedp.Run(ctx, network.Enable()); err != nil {
		t.Fatalf("start chromium: %v", err)
	}
	return b
}

func (b *browser) run(t *testing.T, actions ...chromedp.Action) {
	t.Helper()
	if err := chromedp.Run(b.ctx, actions...); err != nil {
		t.Fatalf("chromium: %v", err)
	}
}

// check fails on console errors and on any request that leaves the site.
func (b *browser) check(t *testing.T, allowedPrefix string) {
	t.Helper()
	b.mu.Lock()
	defer b.mu.Unlock()
	for _, e := range b.errors {
		t.Errorf("browser: %s", e)
	}
	for _, r := range b.requests {
		if !strings.HasPrefix(r, allowedPrefix) && !strings.HasPrefix(r, "data:") {
			t.Errorf("request left the site: %s", r)
		}
	}
	b.errors, b.requests = nil, nil
}

// waitFor evaluates a condition until it holds, surviving page reloads
// (a live reload replaces the document under a running evaluation).
func (b *browser) waitFor(t *testing.T, cond string, timeout time.Duration) {
	t.Helper()
	deadline := time.Now().Add(timeout)
	for time.Now().Before(deadline) {
		var ok bool
		if err := chromedp.Run(b.ctx, chromedp.Evaluate(cond, &ok)); err == nil && ok {
			return
		}
		time.Sleep(100 * time.Millisecond)
	}
	t.Fatalf("timed out waiting for %s", cond)
}

func fileURL(dir, page string) string {
	return (&url.URL{Scheme: "file", Path: filepath.ToSlash(filepath.Join(dir, page))}).String()
}

// waitHits waits for search results carrying data-hit and returns their
// hrefs in rank order.
func waitHits(t *testing.T, b *browser, container string) []string {
	t.Helper()
	var hrefs []string
	b.run(t, chromedp.WaitVisible(container+" [data-hit]", chromedp.ByQuery),
		chromedp.Evaluate(`Array.from(document.querySelectorAll(`+"`"+container+` [data-hit]`+"`"+`)).map(a => a.getAttribute("href"))`, &hrefs))
	return hrefs
}

func TestBrowserFromFile(t *testing.T) {
	dir := builtSite(t)
	b := newBrowser(t)
	prefix := "file://" + filepath.ToSlash(dir)

	var title, h1 string
	b.run(t, chromedp.Navigate(fileURL(dir, "index.html")), chromedp.Title(&title), chromedp.Text("h1", &h1, chromedp.ByQuery))
	if !strings.Contains(title, "Razem") {
		t.Errorf("home title %q", title)
	}
	// Follow a module card from the home page.
	b.run(t, chromedp.Click(`.card-module .card-title a`, chromedp.ByQuery), chromedp.WaitVisible(`.page-module h1`, chromedp.ByQuery))
	var loc string
	b.run(t, chromedp.Location(&loc))
	if !strings.HasSuffix(loc, "/index.html") || !strings.Contains(loc, "/moduly/") {
		t.Errorf("module link went to %s", loc)
	}
	// The glossary A–Z page and a term page.
	var terms int
	b.run(t, chromedp.Navigate(fileURL(dir, "slownik/index.html")), chromedp.Evaluate(`document.querySelectorAll(".glossary-entry").length`, &terms))
	if terms < 30 {
		t.Errorf("glossary lists %d terms", terms)
	}
	// Static search from file://: typed without diacritics, results as you type.
	b.run(t, chromedp.Navigate(fileURL(dir, "moduly/ambasadorzy/index.html")), chromedp.SendKeys("#q", "wspolpraca z samorzadem", chromedp.ByID))
	hits := waitHits(t, b, "#search-suggest")
	if len(hits) == 0 || !strings.Contains(hits[0], "wspolpraca-z-samorzadem") {
		t.Errorf("suggestions for „wspolpraca z samorzadem” = %v", hits)
	}
	var mark string
	b.run(t, chromedp.Text("#search-suggest mark", &mark, chromedp.ByQuery))
	if mark == "" {
		t.Error("no highlighted match in the snippet")
	}
	// Enter opens the first hit at its section.
	b.run(t, chromedp.SendKeys("#q", "\r", chromedp.ByID), chromedp.Sleep(300*time.Millisecond), chromedp.Location(&loc))
	if !strings.Contains(loc, "wspolpraca") {
		t.Errorf("Enter went to %s", loc)
	}
	// The search page reads ?q= and &type=.
	b.run(t, chromedp.Navigate(fileURL(dir, "szukaj/index.html")+"?q=ambasador%C3%B3w&type=module"))
	hits = waitHits(t, b, "#search-results")
	if len(hits) == 0 || !strings.Contains(hits[0], "moduly/ambasadorzy") {
		t.Errorf("search page hits for ambasadorów = %v", hits)
	}
	b.check(t, prefix)
}

func TestBrowserExercise(t *testing.T) {
	dir := builtSite(t)
	b := newBrowser(t)
	b.run(t, chromedp.Navigate(fileURL(dir, "cwiczenia/wybor-ambasadora/index.html")), chromedp.WaitVisible(`.question .check`, chromedp.ByQuery))
	// Answer the first question wrongly, check, then rightly (the second
	// option: the page itself does not say so).
	q := `.question[data-kind="single"]`
	var result string
	b.run(t,
		chromedp.Click(q+` input[value="0"]`, chromedp.ByQuery),
		chromedp.Click(q+` .check`, chromedp.ByQuery),
		chromedp.Sleep(100*time.Millisecond),
		chromedp.Text(q+` .question-result`, &result, chromedp.ByQuery),
	)
	var wrong bool
	b.run(t, chromedp.Evaluate(`document.querySelector('`+q+`').classList.contains("is-wrong")`, &wrong))
	if !wrong || result == "" {
		t.Errorf("wrong answer: is-wrong=%v result=%q", wrong, result)
	}
	var right bool
	b.run(t,
		chromedp.Click(q+` .check`, chromedp.ByQuery), // "try again"
		chromedp.Click(q+` input[value="1"]`, chromedp.ByQuery),
		chromedp.Click(q+` .check`, chromedp.ByQuery),
		chromedp.Sleep(100*time.Millisecond),
		chromedp.Evaluate(`document.querySelector('`+q+`').classList.contains("is-correct")`, &right),
		chromedp.Text(q+` .question-result`, &result, chromedp.ByQuery),
	)
	if !right {
		t.Errorf("right answer not accepted; result %q", result)
	}
	var score string
	b.run(t, chromedp.Text(`.exercise-score`, &score, chromedp.ByQuery))
	if score == "" {
		t.Error("no score shown")
	}
	b.check(t, "file://")
}

func freePort(t testing.TB) int {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().(*net.TCPAddr).Port
}

// serve starts `razem serve` in-process and waits until it answers.
func serve(t testing.TB, args ...string) string {
	t.Helper()
	port := freePort(t)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan int, 1)
	var out, errb syncBuffer
	go func() {
		done <- run(ctx, append([]string{"serve", "--port", fmt.Sprint(port)}, args...), &out, &errb)
	}()
	t.Cleanup(func() {
		cancel()
		select {
		case <-done:
		case <-time.After(60 * time.Second):
			t.Error("serve did not shut down")
		}
	})
	base := fmt.Sprintf("http://127.0.0.1:%d/", port)
	// The server listens once the first build is done: seconds for the
	// bundled content, a minute or more for a 10k-page benchmark corpus.
	for deadline := time.Now().Add(5 * time.Minute); time.Now().Before(deadline); {
		if c, err := net.Dial("tcp", fmt.Sprintf("127.0.0.1:%d", port)); err == nil {
			c.Close()
			return base
		}
		select {
		case code := <-done:
			t.Fatalf("serve exited with %d: %s", code, errb.String())
		case <-time.After(50 * time.Millisecond):
		}
	}
	t.Fatalf("serve did not start: %s", errb.String())
	return ""
}

type syncBuffer struct {
	mu sync.Mutex
	b  strings.Builder
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

func TestBrowserServed(t *testing.T) {
	b := newBrowser(t)
	base := serve(t, "--watch=false", "--source", repoRoot(), "--dest", filepath.Join(t.TempDir(), "public"))
	var h1 string
	b.run(t, chromedp.Navigate(base+"moduly/partnerstwa-i-koalicje/index.html"), chromedp.Text("h1", &h1, chromedp.ByQuery))
	if !strings.Contains(h1, "koalicje") {
		t.Errorf("h1 = %q", h1)
	}
	b.run(t, chromedp.SendKeys("#q", "koalicji", chromedp.ByID))
	hits := waitHits(t, b, "#search-suggest")
	if len(hits) == 0 || !strings.Contains(strings.Join(hits, " "), "partnerstwa-i-koalicje") {
		t.Errorf("served search for koalicji = %v", hits)
	}
	usedAPI := false
	b.mu.Lock()
	for _, r := range b.requests {
		usedAPI = usedAPI || strings.Contains(r, "/api/search?")
	}
	b.mu.Unlock()
	if !usedAPI {
		t.Error("the served site did not ask the server's search API")
	}
	b.run(t, chromedp.Navigate(base+"slownik/index.html"), chromedp.WaitVisible(".glossary-entry", chromedp.ByQuery))
	b.check(t, base)
}

// TestBrowserLiveReload edits a page of a small site under `razem serve`
// and expects the open tab to show the new text without being touched;
// then breaks the front matter and expects the error overlay; then fixes it.
func TestBrowserLiveReload(t *testing.T) {
	src := t.TempDir()
	write := func(name, s string) {
		t.Helper()
		p := filepath.Join(src, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		// Write to a temporary file and rename, as editors do.
		if err := os.WriteFile(p+".tmp~", []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
		if err := os.Rename(p+".tmp~", p); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.Symlink(filepath.Join(repoRoot(), "themes"), filepath.Join(src, "themes")); err != nil {
		t.Fatal(err)
	}
	write("config.toml", "title = \"Test\"\n")
	write("content/moduly/a.md", "---\ntitle: Moduł A\n---\nPierwsza wersja.\n")
	base := serve(t, "--source", src)
	b := newBrowser(t)
	b.run(t, chromedp.Navigate(base+"moduly/a/index.html"), chromedp.WaitVisible(".content", chromedp.ByQuery))
	time.Sleep(300 * time.Millisecond) // the reload stream connects
	write("content/moduly/a.md", "---\ntitle: Moduł A\n---\nDruga wersja.\n")
	b.waitFor(t, `document.body.innerText.includes("Druga wersja")`, 10*time.Second)
	write("content/moduly/a.md", "---\ntitle: [Moduł A\n---\nZepsuta.\n")
	b.waitFor(t, `!!document.querySelector('[role="alertdialog"]')`, 10*time.Second)
	var overlay string
	b.run(t, chromedp.Text(`[role="alertdialog"]`, &overlay, chromedp.ByQuery))
	if !strings.Contains(overlay, "content/moduly/a.md:2") {
		t.Errorf("overlay = %q", overlay)
	}
	write("content/moduly/a.md", "---\ntitle: Moduł A\n---\nNaprawiona.\n")
	b.waitFor(t, `document.body.innerText.includes("Naprawiona") && !document.querySelector('[role="alertdialog"]:not([hidden])')`, 10*time.Second)
}

// TestBrowserSearchMore: the search page shows 20 hits and loads more on
// request, moving focus to the first new hit.
func TestBrowserSearchMore(t *testing.T) {
	dir := builtSite(t)
	b := newBrowser(t)
	b.run(t, chromedp.Navigate(fileURL(dir, "szukaj/index.html")+"?q=organizacja"))
	hits := waitHits(t, b, "#search-results")
	if len(hits) != 20 {
		t.Fatalf("%d hits at first, want 20", len(hits))
	}
	var focused string
	b.run(t, chromedp.Click(`.search-more`, chromedp.ByQuery))
	b.waitFor(t, `document.querySelectorAll("#search-results [data-hit]").length > 20`, 5*time.Second)
	b.run(t, chromedp.Evaluate(`document.activeElement.getAttribute("data-hit")`, &focused))
	if focused != "20" {
		t.Errorf("focus after „more” is on hit %q, want 20", focused)
	}
	var q string
	b.run(t, chromedp.Value(`#search-q`, &q, chromedp.ByID))
	if q != "organizacja" {
		t.Errorf("the page's own box holds %q", q)
	}
	b.check(t, "file://")
}

// TestBrowserSearchAsYouType: the header box suggests pages from the
// first letters of a word, a typo still finds its page, and the search
// page names a word it ignored.
func TestBrowserSearchAsYouType(t *testing.T) {
	dir := builtSite(t)
	b := newBrowser(t)
	b.run(t, chromedp.Navigate(fileURL(dir, "moduly/sponsorzy/index.html")), chromedp.SendKeys("#q", "ambas", chromedp.ByID))
	hits := waitHits(t, b, "#search-suggest")
	if len(hits) == 0 || !strings.Contains(hits[0], "ambasad") {
		t.Errorf("suggestions for „ambas” = %v", hits)
	}
	b.run(t, chromedp.Navigate(fileURL(dir, "szukaj/index.html")+"?q=koalicija"))
	if hits := waitHits(t, b, "#search-results"); len(hits) == 0 || !strings.Contains(strings.Join(hits[:min(3, len(hits))], " "), "koalicj") {
		t.Errorf("hits for the typo „koalicija” = %v", hits)
	}
	b.run(t, chromedp.Navigate(fileURL(dir, "szukaj/index.html")+"?q=koalicji%20qwxyzz"))
	waitHits(t, b, "#search-results")
	var status string
	b.run(t, chromedp.Text("#search-status", &status, chromedp.ByID))
	if !strings.Contains(status, "qwxyzz") {
		t.Errorf("status %q does not name the word ignored", status)
	}
	b.check(t, "file://")
}
