// Package minify shrinks output files by media type: HTML with its own
// white-space pass (compact.go says why), CSS, JS, JSON, SVG and XML with
// tdewolff/minify. Types it does not know, and every type when
// minification is off, pass through unchanged.
package minify

import (
	"bytes"
	"path"
	"regexp"

	tdm "github.com/tdewolff/minify/v2"
	"github.com/tdewolff/minify/v2/css"
	"github.com/tdewolff/minify/v2/js"
	"github.com/tdewolff/minify/v2/json"
	"github.com/tdewolff/minify/v2/svg"
	"github.com/tdewolff/minify/v2/xml"
)

// Minifier minifies by file extension. It is safe for concurrent use.
type Minifier struct {
	m  *tdm.M
	on bool
}

var byExt = map[string]string{
	".html": "text/html", ".css": "text/css", ".js": "application/javascript",
	".json": "application/json", ".svg": "image/svg+xml", ".xml": "text/xml",
	".webmanifest": "application/json",
}

// New returns a minifier; with on false it passes everything through.
func New(on bool) *Minifier {
	m := tdm.New()
	m.AddFunc("text/css", css.Minify)
	m.AddFunc("application/javascript", js.Minify)
	m.AddFuncRegexp(regexp.MustCompile(`[/+]json$`), json.Minify)
	m.AddFunc("application/json", json.Minify)
	m.AddFunc("image/svg+xml", svg.Minify)
	m.AddFuncRegexp(regexp.MustCompile(`[/+]xml$`), xml.Minify)
	m.AddFunc("text/xml", xml.Minify)
	return &Minifier{m: m, on: on}
}

// Bytes minifies b according to the extension of name. On a minifier error
// the input is returned unchanged: a file that is only larger is better
// than a build that fails on a minifier's corner case.
func (m *Minifier) Bytes(name string, b []byte) []byte {
	mt, ok := byExt[path.Ext(name)]
	if !m.on || !ok {
		return b
	}
	if mt == "text/html" {
		return compactHTML(bytes.Clone(b))
	}
	var out bytes.Buffer
	out.Grow(len(b))
	if err := m.m.Minify(mt, &out, bytes.NewReader(b)); err != nil {
		return b
	}
	return out.Bytes()
}

// HTML minifies a page in place and returns it: for the render loop, which
// owns its buffers and should not copy 18 KB per page to minify it.
func (m *Minifier) HTML(b []byte) []byte {
	if !m.on {
		return b
	}
	return compactHTML(b)
}
