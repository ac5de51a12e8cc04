// Package site is the site model: every page with its URL, the sections,
// tags, learning paths and navigation between pages. It is assembled once,
// after every page is converted, and read-only afterwards, so templates and
// the search indexer can read it from many goroutines.
package site

import (
	"fmt"
	"net/url"
	"path"
	"sort"
	"strings"

	"github.com/razem/razem/generator/diag"
	"github.com/razem/razem/generator/markdown"
	"github.com/razem/razem/generator/page"
)

// Page is one published page.
type Page struct {
	*page.Page
	URL     string // output path, e.g. "moduly/ambasadorzy/index.html"
	Section string // top content folder, "" for root pages
	Doc     *markdown.Output

	Related       []*Page
	Prerequisites []*Page
	Steps         []*Page     // learning path steps
	OnPaths       []*PathStep // the learning paths this page is a step of
	Prev, Next    *Page       // neighbours within the section
	Tags          []*Tag
	Backlinks     []*Page // pages whose related or steps name this one

	sortKey string // SortKey of the title, for SortPages
}

// PathStep places a page on a learning path.
type PathStep struct {
	Path  *Page
	Index int // 0-based position of the page among the path's steps
	Next  *Page
	Prev  *Page
}

// Section is a top-level content folder with its list page.
type Section struct {
	Name  string // folder, e.g. "moduly"
	Type  string // the type its pages default to
	URL   string // list page, e.g. "moduly/index.html"
	Intro *Page  // the folder's index.md, if any
	Pages []*Page
}

// Tag groups pages by a tag.
type Tag struct {
	Name  string
	Slug  string
	URL   string
	Pages []*Page
}

// Site is the whole site.
type Site struct {
	Pages    []*Page // sorted by URL
	Sections []*Section
	Tags     []*Tag
	Home     *Page // content/index.md, or nil
	Files    map[string]bool

	byPath map[string]*Page
	byURL  map[string]*Page
}

// New indexes pages and non-page files (output paths of assets). Pages with
// the same URL are reported at both files.
func New(pages []*page.Page, files []string, l *diag.List) *Site {
	s := &Site{byPath: map[string]*Page{}, byURL: map[string]*Page{}, Files: map[string]bool{}}
	for _, f := range files {
		s.Files[f] = true
	}
	for _, pg := range pages {
		p := &Page{Page: pg, URL: URLFor(pg.Path), sortKey: SortKey(pg.Meta.Title)}
		if dir, _, ok := strings.Cut(pg.Path, "/"); ok {
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
	sort.Slice(s.Pages, func(i, j int) bool { return s.Pages[i].URL < s.Pages[j].URL })
	return s
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
func (r resolver) Resolve(dest string, image bool) (href, pagePath, anchor string, err error) {
	u, perr := url.Parse(dest)
	if perr != nil {
		return "", "", "", fmt.Errorf("not a valid address")
	}
	if u.Scheme != "" || u.Host != "" || strings.HasPrefix(dest, "//") {
		return dest, "", "", nil
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
				return "", "", "", fmt.Errorf("%s is a page, not an image", t.File)
			}
			return withFrag(Rel(r.p.URL, t.URL)), t.Path, frag, nil
		}
		if r.s.Files[c] {
			return withFrag(Rel(r.p.URL, c)), "", "", nil
		}
	}
	return "", "", "", fmt.Errorf("no such page or file")
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
