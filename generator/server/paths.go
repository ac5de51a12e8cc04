package server

import (
	"io/fs"
	"net/http"
	"path"
	"strconv"
	"strings"
)

// request is a checked request path.
type request struct {
	name     string // file name inside the site, e.g. "moduly/index.html"
	slash    bool   // the URL path ended in "/" (or was "/")
	explicit bool   // name was spelled out, not derived from a folder URL
}

// parsePath checks r's path and maps it to a file name. It refuses, rather
// than cleans, anything that is not a plain path: a cleaned path would hide
// an attack from the access log, and no link of a built site needs it.
func parsePath(r *http.Request) (request, int) {
	p := r.URL.Path
	if !strings.HasPrefix(p, "/") || strings.ContainsAny(p, "\\\x00") || strings.Contains(p, "//") {
		return request{}, http.StatusBadRequest
	}
	// An encoded slash or backslash is decoded into Path, where it would
	// pass for a separator that the client did not send.
	if raw := strings.ToLower(r.URL.RawPath); strings.Contains(raw, "%2f") || strings.Contains(raw, "%5c") {
		return request{}, http.StatusBadRequest
	}
	rel := strings.TrimPrefix(p, "/")
	req := request{name: rel, slash: rel == "" || strings.HasSuffix(rel, "/"), explicit: true}
	if req.slash {
		rel = strings.TrimSuffix(rel, "/")
		req.name, req.explicit = path.Join(rel, "index.html"), false
	}
	if rel != "" && !fs.ValidPath(rel) { // "." and ".." segments, "//"
		return request{}, http.StatusBadRequest
	}
	// razem publishes no file or folder whose name starts with a dot but
	// its manifest; one found in the site folder was put there by someone
	// else (a gh-pages checkout's .git) and is not the site's to serve.
	if strings.HasPrefix(rel, ".") || strings.Contains(rel, "/.") {
		return request{}, http.StatusNotFound
	}
	return req, 0
}

// types maps extensions to media types. It is our own table, not the
// system's mime.types, so that every machine serves the same headers (the
// Debian table lacks .webmanifest, Windows registries vary).
var types = map[string]string{
	".html":        "text/html; charset=utf-8",
	".htm":         "text/html; charset=utf-8",
	".css":         "text/css; charset=utf-8",
	".js":          "text/javascript; charset=utf-8",
	".mjs":         "text/javascript; charset=utf-8",
	".json":        "application/json",
	".map":         "application/json",
	".xml":         "application/xml",
	".atom":        "application/atom+xml",
	".rss":         "application/rss+xml",
	".svg":         "image/svg+xml",
	".webmanifest": "application/manifest+json",
	".txt":         "text/plain; charset=utf-8",
	".md":          "text/markdown; charset=utf-8",
	".csv":         "text/csv; charset=utf-8",
	".woff2":       "font/woff2",
	".woff":        "font/woff",
	".ttf":         "font/ttf",
	".otf":         "font/otf",
	".png":         "image/png",
	".jpg":         "image/jpeg",
	".jpeg":        "image/jpeg",
	".gif":         "image/gif",
	".webp":        "image/webp",
	".avif":        "image/avif",
	".ico":         "image/x-icon",
	".pdf":         "application/pdf",
	".wasm":        "application/wasm",
	".gz":          "application/gzip",
	".zip":         "application/zip",
}

// contentType returns the media type for a file name; unknown types are
// served as opaque bytes (nosniff keeps browsers from guessing).
func contentType(name string) string {
	if t, ok := types[strings.ToLower(path.Ext(name))]; ok {
		return t
	}
	return "application/octet-stream"
}

func isHTML(name string) bool {
	ext := strings.ToLower(path.Ext(name))
	return ext == ".html" || ext == ".htm"
}

// compressible reports whether gzip pays off for a media type; images other
// than SVG and fonts like woff2 are compressed already.
func compressible(ctype string) bool {
	t, _, _ := strings.Cut(ctype, ";")
	switch t {
	case "application/json", "application/xml", "application/atom+xml", "application/rss+xml",
		"image/svg+xml", "application/manifest+json", "application/wasm":
		return true
	}
	return strings.HasPrefix(t, "text/")
}

// fingerprinted reports whether a file name carries a content hash, like
// app.0123abcd.js: a dot-separated segment of 8 or more hex digits between
// the stem and the extension. Such a file never changes under its name.
func fingerprinted(name string) bool {
	parts := strings.Split(path.Base(name), ".")
	for _, seg := range parts[1 : len(parts)-1] {
		if len(seg) >= 8 && isHex(seg) {
			return true
		}
	}
	return false
}

func isHex(s string) bool {
	for _, c := range s {
		if !('0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F') {
			return false
		}
	}
	return true
}

// Cache-Control values.
const (
	cacheImmutable  = "public, max-age=31536000, immutable"
	cacheRevalidate = "no-cache" // may store, must revalidate (cheap with ETags)
	cacheShort      = "public, max-age=300"
)

// cacheControl chooses the caching policy of a file. Anything that names
// other files by URL (HTML, the worker, the manifest, the static search
// index) must be revalidated, or a browser could mix two builds.
func cacheControl(name string, watch bool) string {
	switch {
	case fingerprinted(name):
		return cacheImmutable
	case watch, isHTML(name), name == "sw.js", strings.HasSuffix(name, ".webmanifest"),
		strings.HasPrefix(name, "search/"):
		return cacheRevalidate
	}
	return cacheShort
}

// acceptsGzip reports whether the Accept-Encoding header allows gzip.
func acceptsGzip(r *http.Request) bool {
	for _, v := range r.Header.Values("Accept-Encoding") {
		for part := range strings.SplitSeq(v, ",") {
			coding, params, _ := strings.Cut(part, ";")
			coding = strings.ToLower(strings.TrimSpace(coding))
			if coding != "gzip" && coding != "*" {
				continue
			}
			if q, ok := strings.CutPrefix(strings.TrimSpace(params), "q="); ok {
				if f, err := strconv.ParseFloat(q, 64); err != nil || f == 0 {
					continue
				}
			}
			return true
		}
	}
	return false
}
