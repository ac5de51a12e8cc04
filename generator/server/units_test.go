package server

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"
)

func TestParsePath(t *testing.T) {
	for _, c := range []struct {
		raw      string
		name     string
		explicit bool
		code     int
	}{
		{"/", "index.html", false, 0},
		{"/index.html", "index.html", true, 0},
		{"/moduly", "moduly", true, 0},
		{"/moduly/", "moduly/index.html", false, 0},
		{"/moduly/koalicje/index.html", "moduly/koalicje/index.html", true, 0},
		{"/wsp%C3%B3%C5%82praca/", "współpraca/index.html", false, 0},
		{"/a%20b.html", "a b.html", true, 0},
		{"/..", "", false, 400},
		{"/../x", "", false, 400},
		{"/a/../b", "", false, 400},
		{"/a/./b", "", false, 400},
		{"/%2e%2e/x", "", false, 400},
		{"/a%2fb", "", false, 400},
		{"/a%5Cb", "", false, 400},
		{"/a%00b", "", false, 400},
		{"//x", "", false, 400},
		{"//", "", false, 400}, // found by FuzzServePath: an empty segment served the home page
		{"/moduly//", "", false, 400},
		{"/a//b", "", false, 400},
		{"/.razem-manifest", "", false, 404},
		{"/.git/config", "", false, 404},
		{"/moduly/.git/", "", false, 404},
		{"/a/.hidden.html", "", false, 404},
		{"/a.b/c..d.html", "a.b/c..d.html", true, 0},
	} {
		u, err := url.ParseRequestURI(c.raw)
		if err != nil {
			t.Fatalf("%s: %v", c.raw, err)
		}
		req, code := parsePath(&http.Request{URL: u})
		if code != c.code || req.name != c.name || code == 0 && req.explicit != c.explicit {
			t.Errorf("%s: got %+v %d, want %q explicit=%v %d", c.raw, req, code, c.name, c.explicit, c.code)
		}
	}
	// Backslashes can only arrive unencoded from a raw client.
	if _, code := parsePath(&http.Request{URL: &url.URL{Path: `/..\x`}}); code != 400 {
		t.Errorf("backslash: %d", code)
	}
}

func TestFingerprinted(t *testing.T) {
	for name, want := range map[string]bool{
		"assets/app.0123abcd.css":       true,
		"app.0123ABCDef.js":             true,
		"app.0123abcd.min.js":           true,
		"search/chunk.deadbeef00.js":    true,
		"app.css":                       false,
		"app.0123abc.css":               false, // 7 digits
		"app.0123abcg.css":              false, // not hex
		"0123abcd.css":                  false, // the stem is not a hash segment
		"moduly/koalicje/index.html":    false,
		"images/zdjecie.20240101.jpg":   true, // a date reads as a hash: long cache, acceptable
		"assets/font.woff2":             false,
		"assets/app.12345678":           false, // no extension after the hash
		"assets/app.12345678.css.gz":    true,
		"a.b.c.d":                       false,
		"manifest.webmanifest":          false,
		"assets/icon.cafebabe.svg":      true,
		"assets/.0123abcd.css":          true,
		"assets/app-0123abcd.css":       false, // dash, not dot
		"assets/app.0123abcd0123ab.css": true,
	} {
		if got := fingerprinted(name); got != want {
			t.Errorf("fingerprinted(%q) = %v, want %v", name, got, want)
		}
	}
}

func TestCacheControl(t *testing.T) {
	for _, c := range []struct {
		name  string
		watch bool
		want  string
	}{
		{"index.html", false, cacheRevalidate},
		{"assets/app.0123abcd.css", false, cacheImmutable},
		{"assets/app.0123abcd.css", true, cacheImmutable},
		{"assets/app.css", false, cacheShort},
		{"assets/app.css", true, cacheRevalidate},
		{"search/idx-001.js", false, cacheRevalidate},
		{"sw.js", false, cacheRevalidate},
	} {
		if got := cacheControl(c.name, c.watch); got != c.want {
			t.Errorf("cacheControl(%q, %v) = %q, want %q", c.name, c.watch, got, c.want)
		}
	}
}

func TestAcceptsGzip(t *testing.T) {
	for v, want := range map[string]bool{
		"":                       false,
		"gzip":                   true,
		"gzip, deflate, br":      true,
		"br;q=1.0, gzip;q=0.8":   true,
		"GZIP":                   true,
		"gzip;q=0":               false,
		"gzip;q=0.0, identity":   false,
		"*":                      true,
		"identity":               false,
		"deflate, br, zstd":      false,
		"x-gzip-not-really, br":  false,
		" gzip ; q=0.5 ":         true,
		"gzip;q=nonsense":        false,
		"identity;q=1, *;q=0.1":  true,
		"br, *;q=0":              false,
		"compress, gzip;q=0.001": true,
	} {
		r := &http.Request{Header: http.Header{}}
		if v != "" {
			r.Header.Set("Accept-Encoding", v)
		}
		if got := acceptsGzip(r); got != want {
			t.Errorf("acceptsGzip(%q) = %v, want %v", v, got, want)
		}
	}
}

func TestInjectReload(t *testing.T) {
	tag := `<script src="/__razem/reload.js" data-build="b&lt;1" data-razem-reload defer></script>`
	for in, want := range map[string]string{
		"<p>x</p></body></html>":       "<p>x</p>" + tag + "</body></html>",
		"<p>x</p></BODY></HTML>":       "<p>x</p>" + tag + "</BODY></HTML>",
		"<p>x</p>":                     "<p>x</p>" + tag,
		"<p>&lt;/body></p><p>y</body>": "<p>&lt;/body></p><p>y" + tag + "</body>",
		"":                             tag,
	} {
		if got := string(injectReload([]byte(in), "b<1")); got != want {
			t.Errorf("injectReload(%q) =\n%s\nwant\n%s", in, got, want)
		}
	}
}

func TestContentType(t *testing.T) {
	for name, want := range map[string]string{
		"a.HTML":               "text/html; charset=utf-8",
		"x.webmanifest":        "application/manifest+json",
		"f.woff2":              "font/woff2",
		"search/store/000.zap": "application/octet-stream",
		"noext":                "application/octet-stream",
	} {
		if got := contentType(name); got != want {
			t.Errorf("contentType(%q) = %q, want %q", name, got, want)
		}
	}
}

func TestDiagnosticString(t *testing.T) {
	for d, want := range map[Diagnostic]string{
		{File: "content/a.md", Line: 12, Col: 3, Message: "broken link"}: "content/a.md:12:3: broken link",
		{File: "content/a.md", Line: 12, Message: "m"}:                   "content/a.md:12: m",
		{File: "config.toml", Message: "m"}:                              "config.toml: m",
	} {
		if got := d.String(); got != want {
			t.Errorf("%+v: %q, want %q", d, got, want)
		}
	}
}

func TestCommonLogLine(t *testing.T) {
	r := &http.Request{Method: "GET", RequestURI: "/a\"b\n", Proto: "HTTP/1.1", RemoteAddr: "[::1]:5555"}
	at := time.Date(2026, 3, 4, 5, 6, 7, 0, time.FixedZone("", 3600))
	got := commonLogLine(r, at, 0, 0)
	want := `::1 - - [04/Mar/2026:05:06:07 +0100] "GET /a\"b\n HTTP/1.1" 200 -` + "\n"
	if got != want {
		t.Errorf("got  %q\nwant %q", got, want)
	}
	if strings.Count(got, "\n") != 1 {
		t.Error("request line forged a log line")
	}
}
