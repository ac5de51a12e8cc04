package search

import (
	"context"
	"errors"
	"fmt"
	"math"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2"
	index "github.com/blevesearch/bleve_index_api"

	"github.com/razem/razem/generator/polish"
)

// Index is an opened prebuilt index. It is safe for concurrent use.
type Index struct {
	parts   []*part
	a       *polish.Analyzer
	cat     *catalog
	lex     lexicon
	page    []int32            // entry number → page number
	typ     []uint8            // entry number → index in Types
	inverse map[string][]int32 // term → lexicon keys that have it (snippets)
	terms   listCache          // term → its OR over the fields (termScores)
	words   listCache          // word plan → its list as queried (evaluate); bounded
	arenas  sync.Pool          // of *arena
}

// Open opens the index that WriteIndex wrote into dir, read-only.
func Open(dir string) (*Index, error) {
	a, err := polish.New()
	if err != nil {
		return nil, err
	}
	cat, err := readCatalog(filepath.Join(dir, catalogFile))
	if err != nil {
		return nil, fmt.Errorf("search: open %s: %w", dir, err)
	}
	ix := &Index{a: a, cat: cat, words: listCache{budget: wordCacheBytes}}
	byID := make(map[string]int, len(cat.Docs))
	for i, d := range cat.Docs {
		byID[d.ID] = i
	}
	seen := 0
	for i := range max(cat.Parts, 1) {
		p, n, err := openPart(partDir(dir, i), byID)
		if p != nil {
			ix.parts = append(ix.parts, p)
		}
		if err != nil {
			ix.Close()
			return nil, fmt.Errorf("search: open %s: %w", dir, err)
		}
		seen += n
	}
	if seen != len(cat.Docs) {
		ix.Close()
		return nil, fmt.Errorf("search: open %s: index has %d documents, catalog %d", dir, seen, len(cat.Docs))
	}
	// Every indexed term is a term of some corpus spelling, so the lexicon
	// also tells which terms exist.
	ix.lex = lexicon{keys: cat.Keys, terms: cat.Terms, known: map[string]bool{}}
	ix.inverse = map[string][]int32{}
	for k, ts := range cat.Terms {
		for _, t := range ts {
			ix.lex.known[t] = true
			ix.inverse[t] = append(ix.inverse[t], int32(k))
		}
	}
	// Compact copies of what collect reads for every match: the catalog's
	// structs would drag their strings through the cache.
	ix.page = make([]int32, len(cat.Docs))
	ix.typ = make([]uint8, len(cat.Docs))
	for i, d := range cat.Docs {
		ix.page[i], ix.typ[i] = int32(d.Page), uint8(typeIndex(d.Type))
	}
	return ix, nil
}

// part is one bleve index of a partitioned index (see partSize).
type part struct {
	idx   bleve.Index
	adv   index.Index
	byNum []int32 // bleve document number → entry number, or -1
}

// openPart opens one part and learns which catalog entry each of bleve's
// document numbers stands for. Search reads postings, which carry document
// numbers; resolving them once here is cheaper than asking bleve for the
// external id of every match. It returns the number of documents.
func openPart(dir string, byID map[string]int) (*part, int, error) {
	idx, err := bleve.OpenUsing(dir, map[string]interface{}{"read_only": true})
	if err != nil {
		return nil, 0, err
	}
	p := &part{idx: idx}
	p.adv, err = idx.Advanced()
	if err != nil {
		return p, 0, err
	}
	r, err := p.adv.Reader()
	if err != nil {
		return p, 0, err
	}
	defer r.Close()
	it, err := r.DocIDReaderAll()
	if err != nil {
		return p, 0, err
	}
	defer it.Close()
	seen := 0
	for {
		id, err := it.Next()
		if err != nil {
			return p, seen, err
		}
		if id == nil {
			break
		}
		ext, err := r.ExternalID(id)
		if err != nil {
			return p, seen, err
		}
		n, ok := byID[ext]
		if !ok {
			return p, seen, fmt.Errorf("document %q is not in the catalog", ext)
		}
		num := id.Value()
		for uint64(len(p.byNum)) <= num {
			p.byNum = append(p.byNum, -1)
		}
		p.byNum[num] = int32(n)
		seen++
	}
	return p, seen, nil
}

// readers is one open reader per part, in part order.
type readers []index.IndexReader

func (ix *Index) readers() (readers, error) {
	rs := make(readers, 0, len(ix.parts))
	for _, p := range ix.parts {
		r, err := p.adv.Reader()
		if err != nil {
			rs.close()
			return nil, err
		}
		rs = append(rs, r)
	}
	return rs, nil
}

func (rs readers) close() {
	for _, r := range rs {
		r.Close()
	}
}

// Close releases the index.
func (ix *Index) Close() error {
	var errs []error
	for _, p := range ix.parts {
		errs = append(errs, p.idx.Close())
	}
	return errors.Join(errs...)
}

// Search runs q. See doc.go for how words, terms, scores and sections
// become hits.
func (ix *Index) Search(ctx context.Context, q Query) (Result, error) {
	res := Result{Query: q.Text, Hits: []Hit{}}
	limit := q.Limit
	if limit <= 0 {
		limit = DefaultLimit
	}
	limit = min(limit, MaxLimit)
	plans := planQuery(truncateQuery(q.Text), ix.a, &ix.lex)
	if len(plans) == 0 {
		return res, nil
	}
	for _, p := range plans {
		if len(p.terms) == 0 && len(p.prefix) == 0 {
			return res, nil // a word found nowhere: no section has all words
		}
	}
	rs, err := ix.readers()
	if err != nil {
		return res, err
	}
	defer rs.close()
	ar, _ := ix.arenas.Get().(*arena)
	if ar == nil {
		ar = new(arena)
	}
	defer func() { ar.reset(); ix.arenas.Put(ar) }()
	scores, err := ix.collect(ctx, rs, plans, q, ar)
	if err != nil {
		return res, err
	}
	res.Total = len(scores)
	top := rank(scores, limit)
	var hits map[string]uint64
	if len(top) > 0 {
		hits = ix.keyHits(plans)
	}
	for _, s := range top {
		d := &ix.cat.Docs[s.doc]
		body, err := rs.storedBody(d.ID)
		if err != nil {
			return res, err
		}
		res.Hits = append(res.Hits, Hit{
			URL: d.ID, Title: hitTitle(d.Title, d.Heading), Type: d.Type,
			Score: s.rel, Snippet: makeSnippet(ix.a, body, hits),
		})
	}
	return res, nil
}

// scored is the best section of one page.
type scored struct {
	doc   int     // entry number
	score float64 // raw bleve score
	rel   float64 // score relative to the best page, rounded (see rank)
}

// collect scores the query and keeps the best-scoring section of each
// page that passes the type and tag filters. Sections come in entry order,
// so the sections of a page are consecutive.
//
// The result lives in ar.
func (ix *Index) collect(ctx context.Context, rs readers, plans []wordPlan, q Query, ar *arena) ([]scored, error) {
	matches, err := ix.evaluate(ctx, rs, plans, ar)
	if err != nil {
		return nil, err
	}
	typ := -1
	if q.Type != "" {
		typ = typeIndex(q.Type)
	}
	out := ar.pages[:0]
	defer func() { ar.pages = out[:0] }() // keeps the grown buffer for the next query

	last := int32(-1) // page of out[len(out)-1]
	for i, d := range matches.docs {
		if (typ >= 0 && int(ix.typ[d]) != typ) || (q.Tag != "" && !hasTag(ix.cat.Docs[d].Tags, q.Tag)) {
			continue
		}
		score, _ := matches.at(i)
		s := scored{doc: int(d), score: score}
		if p := ix.page[d]; p != last {
			out, last = append(out, s), p
		} else if k := len(out) - 1; s.score-out[k].score > 1e-9*s.score {
			// A later section of the page must win by more than a relative
			// 1e-9, for the same reason as in rank; ties go to the first.
			out[k] = s
		}
	}
	return out, nil
}

// rank returns the limit best pages, best first. Scores become relative
// to the best page and are compared after rounding to nine decimals, so
// that last-bit differences between Go's and JavaScript's arithmetic
// (summation order, logarithms) cannot reorder ties; ties go to the page
// that comes first in URL order. Only the kept pages are sorted: a common
// word matches thousands.
func rank(pages []scored, limit int) []scored {
	top := 0.0
	for _, p := range pages {
		top = math.Max(top, p.score)
	}
	less := func(a, b *scored) bool { // a ranks before b
		if a.rel != b.rel {
			return a.rel > b.rel
		}
		return a.doc < b.doc
	}
	kept := make([]scored, 0, min(limit, len(pages))+1)
	for _, p := range pages {
		p.rel = math.Round(p.score/top*1e9) / 1e9
		if len(kept) == limit && !less(&p, &kept[limit-1]) {
			continue
		}
		i := sort.Search(len(kept), func(i int) bool { return less(&p, &kept[i]) })
		kept = append(kept, scored{})
		copy(kept[i+1:], kept[i:])
		kept[i] = p
		if len(kept) > limit {
			kept = kept[:limit]
		}
	}
	for i := range kept {
		kept[i].rel = math.Round(kept[i].rel*1e4) / 1e4
	}
	return kept
}

func hasTag(tags []string, tag string) bool {
	for _, t := range tags {
		if t == tag {
			return true
		}
	}
	return false
}

// storedBody is the stored text of a section, from whichever part has it.
func (rs readers) storedBody(id string) (string, error) {
	var doc index.Document
	for _, r := range rs {
		d, err := r.Document(id)
		if err != nil {
			return "", err
		}
		if d != nil {
			doc = d
			break
		}
	}
	if doc == nil {
		return "", nil
	}
	var body string
	doc.VisitFields(func(f index.Field) {
		if f.Name() == "text" {
			body = string(f.Value())
		}
	})
	return body, nil
}

// truncateQuery cuts a query to MaxQueryLen bytes, dropping a word cut in
// two: its stump would find nothing and, words being ANDed, nor would the
// query.
func truncateQuery(s string) string {
	if len(s) <= MaxQueryLen {
		return s
	}
	cut := truncate(s, MaxQueryLen)
	if r, _ := utf8.DecodeRuneInString(s[len(cut):]); !unicode.IsSpace(r) {
		if i := strings.LastIndexFunc(cut, unicode.IsSpace); i >= 0 {
			cut = cut[:i]
		}
	}
	return cut
}

// truncate cuts s to at most n bytes without splitting a character.
func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return strings.ToValidUTF8(s[:n], "")
}
