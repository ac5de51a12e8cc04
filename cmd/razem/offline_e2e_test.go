package main

import (
	"context"
	"net"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"

	"github.com/razem/razem/generator/server"
)

// TestBrowserOffline opens the built site over http, lets the service
// worker install, reads one module, then stops the server: the home and
// search pages (precached), the module read before (kept when seen) and a
// search still work; a page never opened says it was not saved.
func TestBrowserOffline(t *testing.T) {
	dir := builtSite(t)
	site, err := server.DirFS(dir)
	if err != nil {
		t.Fatal(err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	base := "http://" + ln.Addr().String() + "/"
	ctx, stop := context.WithCancel(context.Background())
	stopped := make(chan struct{})
	go func() {
		defer close(stopped)
		_ = server.New(server.Options{}, server.Snapshot{Site: site}).Serve(ctx, ln)
	}()
	t.Cleanup(func() { stop(); <-stopped })

	b := newBrowser(t)
	var ready bool
	b.run(t, chromedp.Navigate(base+"index.html"),
		chromedp.Evaluate(`navigator.serviceWorker.ready.then(() => true)`, &ready, awaitPromise))
	if !ready {
		t.Fatal("no service worker")
	}
	// The precache is filled before the worker activates; visiting a page
	// while it controls the tab keeps that page.
	b.run(t, chromedp.Navigate(base+"moduly/ambasadorzy/index.html"), chromedp.WaitVisible("h1", chromedp.ByQuery))
	b.waitFor(t, `navigator.serviceWorker.controller !== null`, 10*time.Second)
	b.run(t, chromedp.Reload(), chromedp.WaitVisible("h1", chromedp.ByQuery))
	cached := `caches.keys().then(ks => Promise.all(ks.map(k => caches.open(k).then(c => c.keys())))).then(ls => ls.flat().some(r => r.url.endsWith("/moduly/ambasadorzy/index.html")))`
	for deadline := time.Now().Add(10 * time.Second); ; time.Sleep(100 * time.Millisecond) {
		var ok bool
		b.run(t, chromedp.Evaluate(cached, &ok, awaitPromise))
		if ok {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("the module read was not kept by the service worker")
		}
	}

	stop()
	<-stopped

	text := func(url string) string {
		var s string
		b.run(t, chromedp.Navigate(url), chromedp.WaitVisible("body", chromedp.ByQuery), chromedp.Text("body", &s, chromedp.ByQuery))
		return s
	}
	if s := text(base + "moduly/ambasadorzy/index.html"); !strings.Contains(s, "Ambasadorzy") {
		t.Errorf("a module read before is not readable offline:\n%.300s", s)
	}
	if s := text(base + "index.html"); !strings.Contains(s, "Razem") {
		t.Errorf("the home page is not readable offline:\n%.300s", s)
	}
	if s := text(base + "przypadki/cresus-banque-postale/index.html"); !strings.Contains(s, "Brak połączenia") {
		t.Errorf("a page never opened should say so offline:\n%.300s", s)
	}
	b.run(t, chromedp.Navigate(base+"szukaj/index.html?q=koalicja"))
	b.waitFor(t, `document.querySelector("#search-results [data-hit]") !== null || !document.querySelector("main").innerText.includes("Szukam")`, 20*time.Second)
	var n int
	var status string
	b.run(t, chromedp.Evaluate(`document.querySelectorAll("#search-results [data-hit]").length`, &n),
		chromedp.Evaluate(`document.querySelector("main").innerText`, &status))
	if n == 0 {
		t.Errorf("no search hits offline:\n%.600s", status)
	}
}

// awaitPromise makes chromedp.Evaluate wait for a promise's value.
func awaitPromise(p *runtime.EvaluateParams) *runtime.EvaluateParams { return p.WithAwaitPromise(true) }
