package search

import (
	"errors"
	"fmt"
	"sort"
	"strings"
)

// Doc is one searchable section of a page.
type Doc struct {
	URL     string // site-root-relative page URL, always naming the file: "moduly/ambasadorzy/index.html"
	Anchor  string // heading id of the section, "" for the part before the first heading
	Title   string // page title
	Heading string // section heading text, "" for the lead section
	Body    string // plain text of the section
	Type    string // module, case, exercise, term, path, page
	Tags    []string
	Lang    string // ISO 639-1 code of the page's language, which analyses it; "" is Polish
}

// Types are the page types a Doc may have and a Query may filter by.
var Types = []string{"module", "case", "exercise", "term", "path", "page"}

// KnownType reports whether t is one of Types.
func KnownType(t string) bool {
	for _, k := range Types {
		if k == t {
			return true
		}
	}
	return false
}

// Query is one search request.
type Query struct {
	Text  string // what the user typed
	Type  string // only hits of this type; "" for all
	Tag   string // only hits with this tag; "" for all
	Limit int    // at most this many hits; 0 for DefaultLimit
	// Lang is the reader's language, that of the page the search box is
	// on: it splits the query (its stop words) and its pages come first.
	// "" or a language the site lacks reads as the site's default language
	// (the one most pages are in).
	Lang string
}

// Query limits. MaxQueryLen is in bytes; longer text is an error at the
// HTTP boundary and is cut at Search, so that a caller cannot make the
// server analyse megabytes. Only the first MaxWords words count.
const (
	DefaultLimit = 10
	MaxLimit     = 100
	MaxQueryLen  = 500
	MaxWords     = 10
)

// Result is the answer to a Query. It marshals to the JSON that `razem
// search --json`, GET /api/search and the static client all produce.
type Result struct {
	Query string `json:"query"`
	Total int    `json:"total"` // number of matching pages (not sections)
	Hits  []Hit  `json:"hits"`  // best first, at most Query.Limit
	// Ignored lists the query's words (lowercased) that occur nowhere and
	// resemble nothing: the hits are for the other words.
	Ignored []string `json:"ignored,omitempty"`
	// Partial says that no page has all the other words: the hits have
	// some of them, those with the most first.
	Partial bool `json:"partial,omitempty"`
}

// Hit is one page in a Result, linked to its best-matching section.
type Hit struct {
	URL string `json:"url"` // "moduly/x/index.html#anchor", or without "#…" for the lead section
	// Title is the page title, followed by " › " and the heading when the
	// best section is not the lead section: the reader sees where in the
	// page the link goes.
	Title string `json:"title"`
	Type  string `json:"type"`
	// Score is relative to the best hit, which scores 1. Absolute scores
	// depend on bleve's query normalisation and mean nothing to a reader;
	// relative ones are comparable between the server and the static client.
	Score   float64 `json:"score"`
	Snippet string  `json:"snippet"` // HTML-escaped text; the only markup is <mark>…</mark>
}

// entry is a Doc as both index builders see it: validated, numbered in
// (URL, Anchor) order, and grouped into pages. It points into the caller's
// list, which the corpus keeps: copies of the documents were 24 MB at
// 10,000 pages, beside the list itself (20 MB).
type entry struct {
	*Doc
	page int // index of the page (URL) in URL order
}

// id is the entry's bleve document id (docID). It is made when needed:
// kept for every section, the ids were 11 MB at 10,000 pages.
func (e *entry) id() string { return docID(e.URL, e.Anchor) }

// docID is the bleve document id of a section, which is also the URL of a
// hit on it.
func docID(url, anchor string) string {
	if anchor == "" {
		return url
	}
	return url + "#" + anchor
}

// hitTitle is Hit.Title.
func hitTitle(title, heading string) string {
	if heading == "" || heading == title {
		return title
	}
	return title + " › " + heading
}

// prepare validates docs and returns them sorted by (URL, Anchor), the order
// in which both indexes number them. Sorting makes the output independent of
// the order in which the pipeline produced the sections. The entries point
// into docs, which must not change after.
func prepare(docs []Doc) ([]entry, error) {
	out := make([]entry, len(docs))
	var errs []error
	for i := range docs {
		d := &docs[i]
		out[i] = entry{Doc: d}
		switch {
		case d.URL == "" || strings.HasPrefix(d.URL, "/") || strings.Contains(d.URL, "#"):
			errs = append(errs, fmt.Errorf("search: doc %d: URL %q must be a site-relative path without '#'", i, d.URL))
		case !KnownType(d.Type):
			errs = append(errs, fmt.Errorf("search: %s: unknown type %q", out[i].id(), d.Type))
		}
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].URL != out[j].URL {
			return out[i].URL < out[j].URL
		}
		return out[i].Anchor < out[j].Anchor
	})
	page := -1
	for i := range out {
		if i > 0 && out[i].URL == out[i-1].URL && out[i].Anchor == out[i-1].Anchor {
			return nil, fmt.Errorf("search: section %s appears twice", out[i].id())
		}
		if i == 0 || out[i].URL != out[i-1].URL {
			page++
		} else if out[i].Title != out[i-1].Title {
			// The static index lists title postings once per page.
			return nil, fmt.Errorf("search: sections of %s have different titles %q and %q", out[i].URL, out[i-1].Title, out[i].Title)
		}
		out[i].page = page
	}
	return out, nil
}

func sortStrings(s []string) { sort.Strings(s) }
