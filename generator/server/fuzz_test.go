package server

import (
	"bytes"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
)

// FuzzServePath sends arbitrary request paths (decoded and raw) to both
// modes. The server must never panic, answer with a status it documents,
// and serve nothing but the site's own files: in intranet mode a 200's
// body is exactly one file of the site, and a path with a dot segment,
// an encoded slash or a backslash is never served.
func FuzzServePath(f *testing.F) {
	for _, p := range []string{
		"/", "/index.html", "/moduly/", "/moduly", "/moduly/koalicje.html", "/assets/app.0123abcd.css",
		"/../secret.txt", "/%2e%2e/secret.txt", "/..%2fsecret.txt", `/..\secret.txt`, "/a/../../x",
		"/index.html%00.css", "//x", "/.git/config", "/.razem-manifest", "/__razem/status", "/__razem/reload.js",
		"/api/search?q=x", "/sw.js", "/wsp%C3%B3%C5%82praca/", "/assets/pre.css", "/nie-ma", "/%ff",
	} {
		f.Add(p)
	}
	site := testSite("fuzz")
	files := map[string]bool{}
	for _, file := range site {
		files[string(file.Data)] = true
	}
	intranet := New(Options{}, Snapshot{Site: site}).Handler()
	authoring := New(Options{Watch: true}, Snapshot{Site: site}).Handler()
	f.Fuzz(func(t *testing.T, raw string) {
		u, err := url.ParseRequestURI(raw)
		if err != nil || u.Path == "" {
			return // net/http would have refused the request line
		}
		for mode, h := range []http.Handler{intranet, authoring} {
			r := httptest.NewRequest("GET", "/", nil)
			r.URL, r.RequestURI, r.Host = u, raw, "localhost:1313"
			w := httptest.NewRecorder()
			h.ServeHTTP(w, r)
			switch w.Code {
			case 200, 301, 302, 304, 400, 404, 405, 421, 503:
			default:
				t.Fatalf("%q: status %d", raw, w.Code)
			}
			if w.Code != 200 {
				continue
			}
			p := u.Path
			for _, seg := range strings.Split(p, "/") {
				if seg == ".." || seg == "." || strings.HasPrefix(seg, ".") {
					t.Fatalf("%q: served a path with segment %q", raw, seg)
				}
			}
			low := strings.ToLower(u.RawPath)
			if strings.Contains(low, "%2f") || strings.Contains(low, "%5c") || strings.ContainsAny(p, "\\\x00") {
				t.Fatalf("%q: served a path with an encoded slash, backslash or NUL", raw)
			}
			if mode == 0 && !files[w.Body.String()] && !strings.HasPrefix(p, "/api/") {
				t.Fatalf("%q: 200 with a body that is no file of the site: %.80q", raw, w.Body.String())
			}
			if mode == 1 && !strings.HasPrefix(p, "/__razem/") && p != "/sw.js" {
				name := strings.TrimPrefix(p, "/")
				if name == "" || strings.HasSuffix(name, "/") {
					name += "index.html"
				}
				if _, err := fs.Stat(site, name); err != nil && !bytes.Contains(w.Body.Bytes(), []byte("Nie znaleziono")) {
					t.Fatalf("%q: 200 for %s, which the site does not have", raw, name)
				}
			}
		}
	})
}
