package search

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2"
	index "github.com/blevesearch/bleve_index_api"

	"github.com/razem/razem/generator/analysis"
)

// Index is an opened prebuilt index, or one that Update made from it. It
// is safe for concurrent use.
type Index struct {
	parts    []*part
	ends     []int         // part i holds entries [ends[i-1], ends[i])
	set      *analysis.Set // each language's analysis, built when a query or snippet needs it
	langs    corpusLangs
	cat      *catalog
	lex      lexicon
	dead     []bool  // entries replaced or removed by Update (nil: none)
	sections int     // entries not dead: the corpus idf sees
	page     []int32 // entry number → page number
	first    []int32 // page number → its first entry
	ptype    []uint8 // page number → index in Types
	rank     []int32 // page number → place in URL order, for ties

	inverseOnce sync.Once
	inverse     map[string][]int32 // term → lexicon keys that have it (snippets)

	terms cache[*pageList] // term → its pages (termPages)
	words cache[wordPages] // word plan → its pages as queried; bounded

	live *liveState // what Update changed; nil for an index as written
}

// wordCacheBytes bounds the word cache.
const wordCacheBytes = 64 << 20

// Open opens the index that WriteIndex wrote into dir, read-only.
func Open(dir string) (*Index, error) {
	cat, err := readCatalog(filepath.Join(dir, catalogFile))
	if err != nil {
		return nil, fmt.Errorf("search: open %s: %w", dir, err)
	}
	ix := &Index{set: analysis.NewSet(nil), cat: cat}
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
		ix.ends = append(ix.ends, seen)
	}
	if seen != len(cat.Docs) {
		ix.Close()
		return nil, fmt.Errorf("search: open %s: index has %d documents, catalog %d", dir, seen, len(cat.Docs))
	}
	ix.lex = lexicon{keys: cat.Keys, terms: cat.Terms, df: cat.KeyDF}
	ix.prepare()
	return ix, nil
}

// prepare computes what evaluation reads for every match, as compact
// arrays: the catalog's structs would drag their strings through the
// cache.
func (ix *Index) prepare() {
	cat := ix.cat
	ix.words = cache[wordPages]{budget: wordCacheBytes}
	ix.page = make([]int32, len(cat.Docs))
	ix.sections = len(cat.Docs)
	for i, d := range cat.Docs {
		ix.page[i] = int32(d.Page)
		if i == 0 || d.Page != cat.Docs[i-1].Page {
			ix.first = append(ix.first, int32(i))
			ix.ptype = append(ix.ptype, uint8(typeIndex(d.Type)))
		}
		if ix.dead != nil && ix.dead[i] {
			ix.sections--
		}
	}
	ix.langs = catalogLangs(cat)
	ix.rank = make([]int32, len(ix.first))
	for p := range ix.rank {
		ix.rank[p] = int32(p) // pages as written are numbered in URL order
	}
	if ix.live != nil { // pages Update added come after, in URL order of their own
		order := make([]int32, 0, len(ix.first))
		for p, f := range ix.first {
			if !ix.dead[f] {
				order = append(order, int32(p))
			}
		}
		slices.SortFunc(order, func(a, b int32) int {
			return strings.Compare(pageURL(cat.Docs[ix.first[a]].ID), pageURL(cat.Docs[ix.first[b]].ID))
		})
		for r, p := range order {
			ix.rank[p] = int32(r)
		}
	}
}

// pageURL is the page part of a section's id.
func pageURL(id string) string {
	u, _, _ := strings.Cut(id, "#")
	return u
}

// keysOf returns the lexicon keys that have each term (snippets mark the
// body words whose key has a query term), computed on first use.
func (ix *Index) keysOf() map[string][]int32 {
	ix.inverseOnce.Do(func() {
		ix.inverse = map[string][]int32{}
		for k, ts := range ix.lex.terms {
			for _, t := range ts {
				ix.inverse[t] = append(ix.inverse[t], int32(k))
			}
		}
	})
	return ix.inverse
}

// catalogLangs are the languages of the catalog's pages.
func catalogLangs(cat *catalog) corpusLangs {
	var l corpusLangs
	index := map[string]uint8{}
	for _, d := range cat.Docs {
		if _, ok := index[d.Lang]; !ok {
			index[d.Lang] = 0
			l.codes = append(l.codes, d.Lang)
		}
	}
	if len(l.codes) == 0 {
		l.codes = []string{cat.Default}
	}
	sortStrings(l.codes)
	for i, code := range l.codes {
		index[code] = uint8(i)
	}
	l.def = l.find(cat.Default)
	for i, d := range cat.Docs {
		if i == 0 || d.Page != cat.Docs[i-1].Page {
			l.page = append(l.page, index[d.Lang])
		}
	}
	return l
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
//
// An index that Update made shares the parts of the index it was made
// from: closing it closes only its own part and removes its folder, and
// the index it came from stays open until closed itself.
func (ix *Index) Close() error {
	if ix.live != nil {
		return ix.live.close()
	}
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
	reader := ix.langs.find(q.Lang)
	a, err := ix.set.For(ix.langs.codes[reader])
	if err != nil {
		return res, err
	}
	plans, ignored := planQuery(truncateQuery(q.Text), a, &ix.lex)
	res.Ignored = ignored
	if len(plans) == 0 {
		return res, nil
	}
	rs, err := ix.readers()
	if err != nil {
		return res, err
	}
	defer rs.close()
	words := make([]wordPages, len(plans))
	for i, p := range plans {
		if words[i], err = ix.wordPages(rs, p); err != nil {
			return res, err
		}
		if err := ctx.Err(); err != nil {
			return res, err
		}
	}
	typ := -1
	if q.Type != "" {
		typ = typeIndex(q.Type)
	}
	hits, partial := combine(words, func(p int32) bool {
		return (typ < 0 || int(ix.ptype[p]) == typ) && (q.Tag == "" || hasTag(ix.cat.Docs[ix.first[p]].Tags, q.Tag))
	})
	res.Total, res.Partial = len(hits), partial
	ix.langs.markOwn(hits, reader)
	top := rankHits(hits, limit, ix.rank)
	placeHits(top, words)
	var marks map[string]uint64
	if len(top) > 0 {
		marks = ix.keyHits(plans)
	}
	best := bestScore(top)
	for _, h := range top {
		d := &ix.cat.Docs[int(ix.first[h.page])+h.sec]
		body, err := ix.storedBody(rs, int(ix.first[h.page])+h.sec)
		if err != nil {
			return res, err
		}
		pa, err := ix.set.For(d.Lang)
		if err != nil {
			return res, err
		}
		res.Hits = append(res.Hits, Hit{
			URL: d.ID, Title: hitTitle(d.Title, d.Heading), Type: d.Type,
			Score: relScore(h.score, best), Snippet: makeSnippet(pa, body, marks),
		})
	}
	return res, nil
}

// wordPages returns a word's pages, from the word cache or merged from its
// terms' page lists.
func (ix *Index) wordPages(rs readers, p wordPlan) (wordPages, error) {
	key := p.cacheKey()
	if w, ok := ix.words.get(key); ok {
		return w, nil
	}
	lists := make([]*pageList, len(p.terms))
	for i, t := range p.terms {
		l, err := ix.termPages(rs, t.term)
		if err != nil {
			return wordPages{}, err
		}
		lists[i] = l
	}
	w := wordList(p, lists)
	ix.words.put(key, w, len(w.pages)*10)
	return w, nil
}

// cacheKey identifies a word plan by what it evaluates: its terms with
// their weights.
func (p wordPlan) cacheKey() string {
	var b strings.Builder
	for _, t := range p.terms {
		b.WriteString(t.term)
		b.WriteByte(0)
		b.WriteString(strconv.Itoa(int(t.w)))
		b.WriteByte(0)
	}
	return b.String()
}

func hasTag(tags []string, tag string) bool {
	for _, t := range tags {
		if t == tag {
			return true
		}
	}
	return false
}

// storedBody is the stored text of an entry, from the part that holds it.
func (ix *Index) storedBody(rs readers, entry int) (string, error) {
	i, _ := slices.BinarySearch(ix.ends, entry+1)
	doc, err := rs[i].Document(ix.cat.Docs[entry].ID)
	if err != nil || doc == nil {
		return "", err
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
