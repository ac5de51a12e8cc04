// Package site is the site model: every page with its URL, the sections,
// tags, learning paths and navigation between pages. It is assembled once,
// after every page is converted, and read-only afterwards, so templates and
// the search indexer can read it from many goroutines.
package site

import (
	"fmt"
	"maps"
	"net/url"
	"path"
	"slices"
	"sort"
	"strings"

	"github.com/razem/razem/generator/diag"
	"github.com/razem/razem/generator/lang"
	"github.com/razem/razem/generator/markdown"
	"github.com/razem/razem/generator/page"
)

// Page is one published page.
type Page struct {
	*page.Page
	URL     string // output path, e.g. "moduly/ambasadorzy/index.html"
	Section string // top content folder below the language folder, "" for root pages
	Doc     *markdown.Output
	// Translations are the page in every language it is written in, itself
	// included, in language order; nil for a page with no translation.
	Translations []*Page

	Related       []*Page
	Prerequisites []*Page
	Steps         []*Page     // learning path steps
	OnPaths       []*PathStep // the learning paths this page is a step of
	Prev, Next    *Page       // neighbours within the section
	Tags          []*Tag
	Backlinks     []*Page // pages whose related or steps name this one

	sortKey string    // SortKey of the title, for SortPages
	langDir string    // the language folder the page is in ("de/"), or ""
	tags    []tagName // the page's tags, each slug once, in the order written
}

// PathStep places a page on a learning path.
type PathStep struct {
	Path  *Page
	Index int // 0-based position of the page among the path's steps
	Next  *Page
	Prev  *Page
}

// Section is a top-level content folder of one language with its list
// page.
type Section struct {
	Name  string // folder below the language folder, e.g. "moduly"
	Lang  string
	Type  string // the type its pages default to
	URL   string // list page, e.g. "moduly/index.html", "de/moduly/index.html"
	Intro *Page  // the folder's index.md, if any
	Pages []*Page
}

// Tag groups the pages of one language by a tag.
type Tag struct {
	Name  string
	Lang  string
	Slug  string
	URL   string
	Pages []*Page
}

// Site is the whole site, or one language of it (In). A language's view
// holds its own pages, sections, tags and home, so the navigation that
// templates build from it stays within the language; links still resolve
// to any page of the site.
type Site struct {
	Pages    []*Page // sorted by URL
	Sections []*Section
	Tags     []*Tag
	Home     *Page // content/index.md (in a language's view: its index.md), or nil
	Files    map[string]bool
	FileList []string // Files, sorted

	// Lang is the language of this view; the default language for the
	// whole site.
	Lang string
	// DefaultLang is the language of pages that name none, whose generated
	// pages (home, tags, search) sit at the root.
	DefaultLang string
	// Languages are the codes of every language with pages, and the
	// default, sorted.
	Languages []string
	// HomeURL, TagsURL and SearchURL are the language's home page, tag
	// list and search page: "index.html" or "de/index.html".
	HomeURL, TagsURL, SearchURL string

	byPath map[string]*Page
	byURL  map[string]*Page
	views  map[string]*Site
	all    *Site
	ranked []*Page // Pages in SortPages order
}

// New indexes pages and non-page files (output paths of assets). Pages with
// the same URL are reported at both files, and so are two pages of one
// language with the same translation key. defaultLang is the language of
// pages outside language folders that name none.
func New(pages []*page.Page, files []string, defaultLang string, l *diag.List) *Site {
	return NewFrom(pages, files, defaultLang, nil, l)
}

// Derived keeps what New derives from each page's path and title (its URL,
// sort key and language folder) for the next site built from the same
// pages: razem serve rebuilds the site on every save, and a cached page is
// the same *page.Page each time. The zero value is ready to use; a Derived
// is used by one build at a time.
type Derived struct {
	m map[*page.Page]derived
	// The last site's pages in URL order, and in SortPages order with what
	// that order depends on. A save that changes no URL, title or weight
	// (most of them) keeps both orders: 4 ms of each save at 10,000 pages.
	byURL  []string
	ranked []rankKey
}

type rankKey struct {
	url, sortKey string
	weight       int
}

type derived struct {
	url, sortKey, langDir string
	tags                  []tagName
}

// tagName is a tag as a page names it, with its slug.
type tagName struct{ name, slug string }

// pageTags lists a page's tags with their slugs: the first of those with
// the same slug, none with an empty one.
func pageTags(names []string) []tagName {
	var out []tagName
	for _, name := range names {
		slug := markdown.Slugify(name)
		if slug != "" && !slices.ContainsFunc(out, func(t tagName) bool { return t.slug == slug }) {
			out = append(out, tagName{name, slug})
		}
	}
	return out
}

// NewFrom is New, reusing and then updating d (nil: nothing kept).
func NewFrom(pages []*page.Page, files []string, defaultLang string, d *Derived, l *diag.List) *Site {
	s := &Site{byPath: make(map[string]*Page, len(pages)), byURL: make(map[string]*Page, len(pages)), Files: make(map[string]bool, len(files)), DefaultLang: defaultLang}
	for _, f := range files {
		s.Files[f] = true
	}
	s.FileList = slices.Sorted(maps.Keys(s.Files))
	var next map[*page.Page]derived
	if d != nil {
		next = make(map[*page.Page]derived, len(pages)) // only the current pages: replaced ones go
	}
	for _, pg := range pages {
		dv, ok := derived{}, false
		if d != nil {
			dv, ok = d.m[pg]
		}
		if !ok {
			dv = derived{URLFor(pg.Path), SortKey(pg.Meta.Title), page.LangDir(pg.Path), pageTags(pg.Meta.Tags)}
		}
		if next != nil {
			next[pg] = dv
		}
		p := &Page{Page: pg, URL: dv.url, sortKey: dv.sortKey, langDir: dv.langDir, tags: dv.tags}
		if dir, _, ok := strings.Cut(strings.TrimPrefix(pg.Path, p.langDir), "/"); ok {
			p.Section = dir
		}
		if prev, dup := s.byURL[p.URL]; dup {
			l.Add(diag.Pos{File: pg.File, Line: 1, Col: 1}, "duplicate URL %s: %s is published there too", p.URL, prev.File)
			continue
		}
		s.byURL[p.URL] = p
		s.byPath[pg.Path] = p
		s.Pages = append(s.Pages, p)
		if pg.Path == "index.md" {
			s.Home = p
		}
	}
	// Sections, tags and type lists are in SortPages order. Its order is
	// total and depends only on the two pages compared, so each list is
	// the pages of this one sort taken in turn, rather than a sort of its
	// own (on 10,000 pages with a few tags each, those sorts cost more
	// than the rest of Assemble).
	if d == nil || !s.reuseOrder(d) {
		slices.SortFunc(s.Pages, func(a, b *Page) int { return strings.Compare(a.URL, b.URL) })
		s.ranked = slices.Clone(s.Pages)
		SortPages(s.ranked)
	}
	if d != nil {
		d.m = next
		d.keepOrder(s)
	}
	s.splitLanguages()
	s.linkTranslations(l)
	return s
}

// reuseOrder puts the pages in the orders d kept, if the site has the same
// URLs and each the same sort key and weight: then both sorts would give
// those orders again.
func (s *Site) reuseOrder(d *Derived) bool {
	if len(d.byURL) != len(s.Pages) || len(d.ranked) != len(s.Pages) {
		return false
	}
	byURL := make([]*Page, len(s.Pages))
	for i, u := range d.byURL {
		if byURL[i] = s.byURL[u]; byURL[i] == nil {
			return false // URLs are unique: the same count and all found is the same set
		}
	}
	ranked := make([]*Page, len(s.Pages))
	for i, k := range d.ranked {
		p := s.byURL[k.url]
		if p == nil || p.sortKey != k.sortKey || p.Meta.Weight != k.weight {
			return false
		}
		ranked[i] = p
	}
	s.Pages, s.ranked = byURL, ranked
	return true
}

// keepOrder records the site's orders for the next NewFrom.
func (d *Derived) keepOrder(s *Site) {
	d.byURL, d.ranked = d.byURL[:0], d.ranked[:0]
	for _, p := range s.Pages {
		d.byURL = append(d.byURL, p.URL)
	}
	for _, p := range s.ranked {
		d.ranked = append(d.ranked, rankKey{p.URL, p.sortKey, p.Meta.Weight})
	}
}

// Prefix is where a language's generated pages go: "" for the default
// language, "de/" for others.
func (s *Site) Prefix(lang string) string {
	if lang == s.DefaultLang {
		return ""
	}
	return lang + "/"
}

// splitLanguages makes a view of the site per language.
func (s *Site) splitLanguages() {
	s.all, s.views = s, map[string]*Site{}
	s.Lang = s.DefaultLang
	byLang := map[string][]*Page{s.DefaultLang: nil}
	ranked := map[string][]*Page{}
	for _, p := range s.Pages {
		byLang[p.Meta.Lang] = append(byLang[p.Meta.Lang], p)
	}
	for _, p := range s.ranked { // a subsequence of a sorted list is sorted
		ranked[p.Meta.Lang] = append(ranked[p.Meta.Lang], p)
	}
	for code := range byLang {
		s.Languages = append(s.Languages, code)
	}
	sort.Strings(s.Languages) // sort for determinism
	s.setURLs(s.DefaultLang)
	for _, code := range s.Languages {
		v := &Site{Pages: byLang[code], Files: s.Files, FileList: s.FileList, Lang: code, DefaultLang: s.DefaultLang, Languages: s.Languages,
			byPath: s.byPath, byURL: s.byURL, views: s.views, all: s, ranked: ranked[code]}
		v.setURLs(code)
		if h := s.byURL[v.HomeURL]; h != nil && h.Meta.Lang == code {
			v.Home = h
		}
		s.views[code] = v
	}
}

func (s *Site) setURLs(lang string) {
	pre := s.Prefix(lang)
	s.HomeURL, s.TagsURL, s.SearchURL = pre+"index.html", pre+"tagi/index.html", pre+"szukaj/index.html"
}

// In is the view of one language of the site (of the default language for
// a language without pages).
func (s *Site) In(lang string) *Site {
	if v := s.views[lang]; v != nil {
		return v
	}
	return s.views[s.DefaultLang]
}

// All is the whole site, whichever view it is called on.
func (s *Site) All() *Site { return s.all }

// linkTranslations joins pages with the same translation key. Two pages of
// one language with the same key are reported at the later one.
func (s *Site) linkTranslations(l *diag.List) {
	// With one language and every key taken from the page's path, each
	// page is alone: nothing to link, nothing to clash (razem serve
	// rebuilds the site on every save; this is most sites).
	if len(s.Languages) < 2 && !slices.ContainsFunc(s.Pages, func(p *Page) bool { return p.Meta.TranslationKey != "" }) {
		return
	}
	// A page at its path keeps the slot, a translation_key that claims it
	// too is the mistake; otherwise the first file by path keeps it.
	byPath := append([]*Page(nil), s.Pages...)
	sort.Slice(byPath, func(i, j int) bool {
		a, b := byPath[i], byPath[j]
		if ka, kb := a.Meta.TranslationKey != "", b.Meta.TranslationKey != ""; ka != kb {
			return kb
		}
		return a.Path < b.Path
	})
	groups := map[string][]*Page{}
	var keys []string
	for _, p := range byPath {
		k := p.TranslationKey()
		g := groups[k]
		if i := slices.IndexFunc(g, func(q *Page) bool { return q.Meta.Lang == p.Meta.Lang }); i >= 0 {
			pos := p.Meta.TranslationKeyPos
			if pos.File == "" {
				pos = diag.Pos{File: p.File, Line: 1, Col: 1}
			}
			l.Add(pos, "translation %q: %s is already its %s (%s) version; give one of them another translation_key", k, g[i].File, p.Meta.Lang, lang.Name(p.Meta.Lang))
			continue
		}
		if g == nil {
			keys = append(keys, k)
		}
		groups[k] = append(g, p)
	}
	for _, k := range keys {
		g := groups[k]
		if len(g) < 2 {
			continue
		}
		sort.Slice(g, func(i, j int) bool { return g[i].Meta.Lang < g[j].Meta.Lang })
		for _, p := range g {
			p.Translations = g
		}
	}
}

// ByPath returns the page of a content path, or nil.
func (s *Site) ByPath(p string) *Page { return s.byPath[p] }

// ByURL returns the page published at an output path, or nil.
func (s *Site) ByURL(u string) *Page { return s.byURL[u] }

// Resolver returns the link resolver for links written in p.
func (s *Site) Resolver(p *Page) markdown.LinkResolver { return resolver{s: s, p: p} }

type resolver struct {
	s *Site
	p *Page
}

// Resolve implements markdown.LinkResolver. A destination is tried as a
// path to a content file relative to the page's file (how authors link:
// ../moduly/koalicje.md), then as a URL relative to the page's address (how
// sites imported from other generators link: ../koalicje/), and a leading
// slash means the site root. Anchors are normalised the way ids are made,
// so GitHub-style anchors that keep diacritics still land.
func (r resolver) Resolve(dest string, image bool) (markdown.Target, error) {
	u, perr := url.Parse(dest)
	if perr != nil {
		return markdown.Target{}, fmt.Errorf("not a valid address")
	}
	if u.Scheme != "" || u.Host != "" || strings.HasPrefix(dest, "//") {
		return markdown.Target{Href: dest}, nil
	}
	p, _ := url.PathUnescape(u.Path)
	frag := markdown.NormalizeAnchor(u.Fragment)
	withFrag := func(h string) string {
		if u.RawQuery != "" {
			h += "?" + u.RawQuery
		}
		if frag != "" {
			h += "#" + frag
		}
		return h
	}
	// Content paths or output paths to try, in order: a file path (with an
	// extension) is first taken relative to the source file, a directory
	// URL ("../koalicje/") relative to the page's own address.
	var candidates []string
	fromSource, fromURL := path.Join(path.Dir(r.p.Path), p), path.Join(path.Dir(r.p.URL), p)
	switch {
	case strings.HasPrefix(p, "/"):
		candidates = []string{strings.TrimPrefix(path.Clean(p), "/")}
	case path.Ext(p) == "" || strings.HasSuffix(p, "/"):
		candidates = []string{fromURL, fromSource}
	default:
		candidates = []string{fromSource, fromURL}
	}
	for _, c := range candidates {
		if strings.HasPrefix(c, "../") || c == ".." {
			continue // outside the site
		}
		if t := r.s.lookupPage(c); t != nil {
			if image {
				return markdown.Target{}, fmt.Errorf("%s is a page, not an image", t.File)
			}
			return markdown.Target{Href: withFrag(Rel(r.p.URL, t.URL)), Page: t.Path, Anchor: frag}, nil
		}
		if r.s.Files[c] {
			return markdown.Target{Href: withFrag(Rel(r.p.URL, c)), File: c}, nil
		}
	}
	return markdown.Target{}, fmt.Errorf("no such page or file")
}

// lookupPage finds a page by content path ("a/b.md") or by URL ("a/b/",
// "a/b/index.html", "a/b").
func (s *Site) lookupPage(c string) *Page {
	if c == "." || c == "" {
		return s.byURL["index.html"]
	}
	if strings.HasSuffix(c, ".md") {
		return s.byPath[c]
	}
	if t := s.byURL[c]; t != nil {
		return t
	}
	return s.byURL[strings.TrimSuffix(c, "/")+"/index.html"]
}
