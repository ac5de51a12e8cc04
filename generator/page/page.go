// Package page reads one content file: front matter into a typed Meta, and
// the Markdown body with the line it starts on, so later stages can report
// positions in the original file.
package page

import (
	"bytes"
	"path"
	"strings"
	"unicode/utf8"

	"github.com/razem/razem/generator/diag"
	"github.com/razem/razem/generator/lang"
)

// Page is one parsed content file.
type Page struct {
	// Path is the slash-separated path relative to the content root,
	// e.g. "moduly/ambasadorzy.md".
	Path string
	// File is the path used in diagnostics, e.g. "content/moduly/ambasadorzy.md".
	File     string
	Meta     Meta
	Body     []byte
	BodyLine int // line of the file on which Body starts (1-based)
}

// SectionTypes maps a top-level content folder to the type its pages have
// unless their front matter says otherwise.
var SectionTypes = map[string]string{
	"moduly":    TypeModule,
	"przypadki": TypeCase,
	"cwiczenia": TypeExercise,
	"slownik":   TypeTerm,
	"sciezki":   TypePath,
}

// DefaultType is the type implied by a content path's top folder (below
// its language folder, if any). Section index files (x/index.md) are pages:
// they introduce the list page.
func DefaultType(p string) string {
	dir, file := path.Split(strings.TrimPrefix(p, LangDir(p)))
	if file == "index.md" {
		return TypePage
	}
	top, _, _ := strings.Cut(dir, "/")
	if t, ok := SectionTypes[top]; ok {
		return t
	}
	return TypePage
}

// Parse reads one file. file names it in diagnostics. It never fails:
// problems are added to l and the best-effort page is returned.
func Parse(p, file string, src []byte, defaultLang string, aliases map[string]string, l *diag.List) *Page {
	pg := &Page{Path: p, File: file, BodyLine: 1}
	if !utf8.Valid(src) {
		line, col := invalidUTF8(src)
		l.Add(diag.Pos{File: file, Line: line, Col: col}, "invalid UTF-8: save the file as UTF-8")
		src = bytes.ToValidUTF8(src, []byte("\uFFFD"))
	}
	src = bytes.TrimPrefix(src, []byte("\uFEFF")) // editors on Windows add a BOM
	rm, body, bodyLine, err := split(src)
	if err != nil {
		l.Add(diag.Pos{File: file, Line: 1, Col: 1}, "front matter: %v", err)
		body, bodyLine = src, 1
	}
	pg.Body, pg.BodyLine = body, bodyLine
	var fields []field
	broken := false // a syntax error says it all; "title is required" would be noise
	if rm != nil {
		var own diag.List
		fields = decodeFields(file, rm, &own)
		broken = own.HasErrors()
		l.Append(own.Sorted()...)
	} else if bytes.HasPrefix(src, []byte("---")) || bytes.HasPrefix(src, []byte("+++")) {
		l.Add(diag.Pos{File: file, Line: 1, Col: 1}, "front matter: no closing %s line", src[:3])
	}
	if broken {
		pg.Meta = Meta{Title: "?", Type: DefaultType(p), Extra: map[string]any{}}
	} else {
		pg.Meta = decodeMeta(file, fields, DefaultType(p), aliases, l)
	}
	switch folder := lang.Folder(p); {
	case pg.Meta.Lang == "" && folder != "":
		pg.Meta.Lang = folder
	case pg.Meta.Lang == "":
		pg.Meta.Lang = defaultLang
	case folder != "" && pg.Meta.Lang != folder:
		l.Add(pg.Meta.LangPos, "front matter: lang: %q, but the file is in the language folder %s/; remove lang or move the file", pg.Meta.Lang, folder)
	case folder == "" && path.Base(p) == "index.md" && pg.Meta.Lang != defaultLang:
		// It would share its URL with the default language's home or list.
		l.Add(pg.Meta.LangPos, "front matter: lang: %q: an index.md outside a language folder introduces a page of the default language (%s); put this one in %s", pg.Meta.Lang, defaultLang, pg.Meta.Lang+"/"+p)
	}
	if pg.Meta.Type == TypeTerm && pg.Meta.Description == "" && pg.Meta.Title != "" {
		l.Add(diag.Pos{File: file, Line: 1, Col: 1}, "front matter: description is required for a term: it is the short definition shown in tooltips")
	}
	if pg.Meta.Type == TypePath && len(pg.Meta.Steps) == 0 && pg.Meta.Title != "" {
		l.Add(diag.Pos{File: file, Line: 1, Col: 1}, "front matter: steps is required for a learning path")
	}
	return pg
}

// LangDir is the language folder a content path starts with, slash
// included ("de/"), or "" for a path outside language folders.
func LangDir(p string) string {
	if f := lang.Folder(p); f != "" {
		return f + "/"
	}
	return ""
}

// TranslationKey is what joins the page to its translations: its
// translation_key, or else its path below its language folder, so
// content/moduly/x.md and content/de/moduly/x.md are translations of each
// other.
func (p *Page) TranslationKey() string {
	if p.Meta.TranslationKey != "" {
		return p.Meta.TranslationKey
	}
	return strings.TrimPrefix(p.Path, LangDir(p.Path))
}

func invalidUTF8(src []byte) (line, col int) {
	line, col = 1, 1
	for len(src) > 0 {
		r, size := utf8.DecodeRune(src)
		if r == utf8.RuneError && size <= 1 {
			return line, col
		}
		if r == '\n' {
			line, col = line+1, 1
		} else {
			col++
		}
		src = src[size:]
	}
	return line, col
}
