// Package render executes the theme's html/template layouts. Templates are
// parsed once per build from the theme folder; a site's own layouts/ folder
// overrides any theme file of the same name, so a site can replace one
// partial without copying the theme.
package render

import (
	"bytes"
	"crypto/sha256"
	"errors"
	"fmt"
	"html/template"
	"io/fs"
	"path"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/BurntSushi/toml"

	"github.com/razem/razem/generator/diag"
)

// Theme is a parsed theme: one template set per top-level layout.
type Theme struct {
	// Hash covers every file the theme was loaded from, so a build cache
	// can tell when rendered pages are stale.
	Hash    [32]byte
	sets    map[string]*template.Template
	natives map[string]map[string]*native // layout → the natives in its set by name
	Strings map[string]map[string]string  // lang → key → text
	Static  map[string][]byte             // theme static files by path under static/
	stock   bool                          // every layout is the built-in theme's (Layer.Stock)
}

// Stock reports whether every layout comes from the theme built into razem,
// none overridden: then a page's rendering reads no other page's HTML
// (lists show titles, descriptions and counts), which lets a build drop a
// page's HTML as soon as the page's own outputs are rendered.
func (th *Theme) Stock() bool { return th.stock }

// Layer is one place layouts are looked up in: the site's overrides first,
// then the theme. FS is where the layer is (nil: the site's), Dir the
// folder inside it holding layouts/, i18n/ and static/; Name is how
// diagnostics name it ("" for the site's own folders). NoStatic skips static/ (a
// site's static/ folder is published as is, not as theme assets).
type Layer struct {
	FS       fs.FS
	Dir      string
	Name     string
	NoStatic bool
	Stock    bool // the theme built into razem (Theme.Stock)
}

// Options tune how a theme is loaded.
type Options struct {
	// TemplatesOnly keeps every partial a template: no natives (native.go).
	TemplatesOnly bool
	// Problem, if set, checks each entry found in a layer's folders (p, in
	// the walk of root) and returns what is wrong with it ("" if nothing):
	// such an entry is reported at p and not used.
	Problem func(fsys fs.FS, root, p string, d fs.DirEntry) string
}

// Load parses layouts, i18n strings and static files from the layers.
// Problems are reported with the file and line of the template.
func Load(layers []Layer, fsys fs.FS, l *diag.List, o Options) *Theme {
	th := &Theme{sets: map[string]*template.Template{}, natives: map[string]map[string]*native{}, Strings: map[string]map[string]string{}, Static: map[string][]byte{}}
	files := map[string]layerFile{} // relative path → winning layer
	for i := len(layers) - 1; i >= 0; i-- {
		ly := layers[i]
		if ly.FS == nil {
			ly.FS = fsys
		}
		subs := []string{"layouts", "i18n", "static"}
		if ly.NoStatic {
			subs = subs[:2]
		}
		for _, sub := range subs {
			root := path.Join(ly.Dir, sub)
			_ = fs.WalkDir(ly.FS, root, func(p string, d fs.DirEntry, err error) error {
				if err != nil || d.IsDir() {
					return nil
				}
				if o.Problem != nil {
					if problem := o.Problem(ly.FS, root, p, d); problem != "" {
						l.Add(diag.Pos{File: layerFile{layer: ly, path: p}.name()}, "%s", problem)
						return nil
					}
				}
				rel := strings.TrimPrefix(p, ly.Dir+"/")
				if ly.Dir == "." {
					rel = p
				}
				files[rel] = layerFile{layer: ly, path: p}
				return nil
			})
		}
	}
	rels := make([]string, 0, len(files))
	for r := range files {
		rels = append(rels, r)
	}
	sort.Strings(rels) // sort for determinism
	th.stock = stockLayouts(layers, fsys, files, rels)
	h := sha256.New()
	var common, tops []string
	for _, r := range rels {
		if b, err := fs.ReadFile(files[r].layer.FS, files[r].path); err == nil {
			fmt.Fprintf(h, "%s\x00%d\x00", r, len(b))
			h.Write(b)
		}
		switch {
		case strings.HasPrefix(r, "layouts/partials/") || r == "layouts/base.html":
			common = append(common, r)
		case strings.HasPrefix(r, "layouts/") && strings.HasSuffix(r, ".html"):
			tops = append(tops, r)
		case strings.HasPrefix(r, "i18n/") && strings.HasSuffix(r, ".toml"):
			th.loadStrings(files[r], l)
		case strings.HasPrefix(r, "static/"):
			if b, err := fs.ReadFile(files[r].layer.FS, files[r].path); err == nil {
				th.Static[strings.TrimPrefix(r, "static/")] = b
			}
		}
	}
	copy(th.Hash[:], h.Sum(nil))
	th.fallBackToEnglish()
	base := template.New("").Funcs(funcs)
	for _, r := range common {
		parse(base, files[r], l)
	}
	for _, r := range tops {
		set, err := base.Clone()
		if err != nil {
			l.Add(diag.Pos{File: files[r].name()}, "%v", err)
			continue
		}
		set.Funcs(template.FuncMap{"cached": cached(set)})
		if !parse(set, files[r], l) {
			continue
		}
		layout := strings.TrimSuffix(strings.TrimPrefix(r, "layouts/"), ".html")
		if !o.TemplatesOnly {
			use, err := installNatives(set, layout)
			if err != nil {
				l.Add(diag.Pos{File: files[r].name()}, "%v", err)
				continue
			}
			th.natives[layout] = use
		}
		th.sets[layout] = set
	}
	return th
}

// stockLayouts reports whether every layout is the built-in theme's: from
// its layer, or a file of the same name and content (a site's copy of the
// theme, as the tests load it).
func stockLayouts(layers []Layer, fsys fs.FS, files map[string]layerFile, rels []string) bool {
	var stock *Layer
	for i := range layers {
		if layers[i].Stock {
			stock = &layers[i]
		}
	}
	if stock == nil {
		return false
	}
	for _, r := range rels {
		f := files[r]
		if !strings.HasPrefix(r, "layouts/") || f.layer.Stock {
			continue
		}
		own, err := fs.ReadFile(f.layer.FS, f.path)
		if err != nil {
			return false
		}
		builtin, err := fs.ReadFile(stock.FS, path.Join(stock.Dir, r))
		if err != nil || !bytes.Equal(own, builtin) {
			return false
		}
	}
	return true
}

// cached returns the "cached" template function of a set:
//
//	{{cached "partial" .}}
//
// renders the partial once per language and folder depth (Root), and
// reuses the HTML on every other page of the build. It is
// for the parts of a page that show nothing of the page itself, such as
// the header and footer: with relative links, those depend on the depth
// alone. Use it where the partial's output is HTML text, not inside an
// attribute.
func cached(set *template.Template) func(string, *Data) (template.HTML, error) {
	return func(name string, page *Data) (template.HTML, error) { return cachedPartial(set, name, page) }
}

func cachedPartial(set *template.Template, name string, page *Data) (template.HTML, error) {
	key := name + "\x00" + page.Lang + "\x00" + page.Root()
	if page.Shared != nil {
		if v, ok := page.Shared.parts.Load(key); ok {
			return v.(template.HTML), nil
		}
	}
	// The partial sees the site, not the page: a part that used the page
	// would be wrong on every page but the first, so it gets none. Its URL
	// is a stand-in at the same depth in folders no real page has, so
	// every link goes through the root, the same from any folder.
	d := &Data{Site: page.Site, Config: page.Config, URL: strings.Repeat("_/", strings.Count(page.URL, "/")) + "index.html",
		Lang: page.Lang, Assets: page.Assets, Strings: page.Strings, Shared: page.Shared}
	var b bytes.Buffer
	if err := set.ExecuteTemplate(&b, name, d); err != nil {
		return "", err
	}
	out := template.HTML(b.String())
	if page.Shared != nil {
		page.Shared.parts.Store(key, out)
	}
	return out, nil
}

type layerFile struct {
	layer Layer
	path  string
}

func (f layerFile) name() string {
	if f.layer.Dir == "." && f.layer.Name == "" { // the site's own layouts/ and i18n/
		return f.path
	}
	return path.Join(f.layer.Name, strings.TrimPrefix(f.path, f.layer.Dir+"/"))
}

// parse adds one file to a set. Each file's templates are named after the
// file so that errors point at it.
func parse(set *template.Template, f layerFile, l *diag.List) bool {
	b, err := fs.ReadFile(f.layer.FS, f.path)
	if err == nil {
		_, err = set.New(f.name()).Parse(string(b))
	}
	if err != nil {
		l.Append(templateDiag(err, f.name()))
		return false
	}
	return true
}

var tmplErrRe = regexp.MustCompile(`^template: ([^:]+):(\d+):(?:(\d+):)? ?(.*)$`)

// templateDiag turns an html/template error into a diagnostic at the
// template's file and line.
func templateDiag(err error, fallback string) diag.Diagnostic {
	msg := err.Error()
	if i := strings.LastIndex(msg, "template: "); i > 0 {
		msg = msg[i:] // the innermost: a partial rendered by "cached" fails inside a call
	}
	if m := tmplErrRe.FindStringSubmatch(msg); m != nil {
		line, _ := strconv.Atoi(m[2])
		col, _ := strconv.Atoi(m[3])
		return diag.Diagnostic{Pos: diag.Pos{File: m[1], Line: line, Col: col}, Msg: "template: " + m[4]}
	}
	return diag.Diagnostic{Pos: diag.Pos{File: fallback}, Msg: msg}
}

func (th *Theme) loadStrings(f layerFile, l *diag.List) {
	lang := strings.TrimSuffix(path.Base(f.path), ".toml")
	b, err := fs.ReadFile(f.layer.FS, f.path)
	var m map[string]string
	if err == nil {
		_, err = toml.Decode(string(b), &m)
	}
	if err != nil {
		var pe toml.ParseError
		if errors.As(err, &pe) {
			l.Add(diag.Pos{File: f.name(), Line: pe.Position.Line, Col: pe.Position.Col}, "%s", pe.Message)
		} else {
			l.Add(diag.Pos{File: f.name()}, "%v", err)
		}
		return
	}
	if th.Strings[lang] == nil {
		th.Strings[lang] = map[string]string{}
	}
	for k, v := range m {
		th.Strings[lang][k] = v
	}
}

// fallBackToEnglish fills the keys a language's strings lack with the
// English ones, key by key: a half-translated file still shows no raw keys.
func (th *Theme) fallBackToEnglish() {
	en := th.Strings["en"]
	for code, strs := range th.Strings {
		if code == "en" {
			continue
		}
		for k, v := range en {
			if _, ok := strs[k]; !ok {
				strs[k] = v
			}
		}
	}
}

// StringsFor returns the UI strings of a language: its i18n file with
// English for what it lacks, or English for a language with no file.
func (th *Theme) StringsFor(code string) map[string]string {
	if s, ok := th.Strings[code]; ok {
		return s
	}
	if s, ok := th.Strings["en"]; ok {
		return s
	}
	return th.Strings["pl"]
}

// Has reports whether the theme has a layout.
func (th *Theme) Has(layout string) bool { return th.sets[layout] != nil }

// Execute renders a layout with data. A failing template becomes a
// diagnostic naming the template line and the page being rendered.
func (th *Theme) Execute(layout string, data any, page string) ([]byte, *diag.Diagnostic) {
	return th.ExecuteTo(nil, layout, data, page)
}

// ExecuteTo is Execute appending to dst, whose room is reused: a build
// that writes pages as they render can recycle their buffers.
func (th *Theme) ExecuteTo(dst []byte, layout string, data any, page string) ([]byte, *diag.Diagnostic) {
	set := th.sets[layout]
	if set == nil {
		return nil, &diag.Diagnostic{Pos: diag.Pos{File: page}, Msg: fmt.Sprintf("theme has no layout %q", layout)}
	}
	size := 16 << 10
	if d, ok := data.(*Data); ok && d.Page != nil {
		// Most of a page is its body: one allocation, not a doubling series.
		size += len(d.Page.Doc.HTML)
	}
	dst = slices.Grow(dst, size)
	if n := th.natives[layout]["base"]; n != nil {
		w := writer{b: dst, set: set, use: th.natives[layout]}
		if n.render(&w, data) {
			if w.err != nil {
				return nil, th.failed(w.err, page)
			}
			return w.b, nil
		}
	}
	b := bytes.NewBuffer(dst)
	if err := set.ExecuteTemplate(b, "base", data); err != nil {
		return nil, th.failed(err, page)
	}
	return b.Bytes(), nil
}

func (th *Theme) failed(err error, page string) *diag.Diagnostic {
	d := templateDiag(err, page)
	d.Msg += " (rendering " + page + ")"
	return &d
}
