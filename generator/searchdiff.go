package generator

import (
	"sort"

	"github.com/razem/razem/generator/markdown"
	"github.com/razem/razem/generator/page"
	"github.com/razem/razem/generator/search"
	"github.com/razem/razem/generator/site"
)

// PageVersions remembers, per page URL, the version of each page that a
// search index holds, so that razem serve can hand the index only the
// pages a save changed (search.Index.Update).
type PageVersions map[string]pageVersion

// pageVersion is a page as indexed: its parse and conversion, which a
// Builder reuses for an unchanged page (so the same pointers mean the same
// page at no cost), and a digest of its search documents for when they
// differ (a change elsewhere re-converts every page; few pages' text
// changes).
type pageVersion struct {
	parsed *page.Page
	doc    *markdown.Output
	sum    key
}

// SearchChanges compares the site of a successful build with the versions
// an index holds: it returns the search documents of the pages that are
// new or differ, the URLs of pages gone, and the versions after. With no
// versions held, every page is new.
func (r *Result) SearchChanges(held PageVersions) (docs []search.Doc, removed []string, now PageVersions) {
	s := r.Site
	now = make(PageVersions, len(s.Pages))
	for _, p := range s.Pages {
		if !indexed(s, p) {
			continue
		}
		v, ok := held[p.URL]
		if ok && v.parsed == p.Page && v.doc == p.Doc {
			now[p.URL] = v
			continue
		}
		pd := appendPageDocs(nil, p)
		v = pageVersion{parsed: p.Page, doc: p.Doc, sum: docsSum(pd)}
		if !ok || v.sum != held[p.URL].sum {
			docs = append(docs, pd...)
		}
		now[p.URL] = v
	}
	for u := range held {
		if _, ok := now[u]; !ok {
			removed = append(removed, u)
		}
	}
	sort.Strings(removed) // sort for determinism
	return docs, removed, now
}

// indexed reports whether a page's sections are search documents: all
// pages but the homes.
func indexed(s *site.Site, p *site.Page) bool {
	return p != s.Home && p != s.In(p.Meta.Lang).Home
}

// appendPageDocs appends a page's search documents, one per section.
func appendPageDocs(docs []search.Doc, p *site.Page) []search.Doc {
	for _, sec := range p.Doc.Sections {
		docs = append(docs, search.Doc{URL: p.URL, Anchor: sec.Anchor, Title: p.Meta.Title, Heading: sec.Heading,
			Body: sec.Text, Type: p.Meta.Type, Tags: p.Meta.Tags, Lang: p.Meta.Lang})
	}
	return docs
}

// docsSum digests search documents, every field.
func docsSum(docs []search.Doc) key {
	h := newFieldHash()
	for _, d := range docs {
		for _, f := range []string{d.URL, d.Anchor, d.Title, d.Heading, d.Body, d.Type, d.Lang} {
			h.str(f)
		}
		h.strs(d.Tags)
	}
	return h.sum()
}
