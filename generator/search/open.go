package search

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2"
	index "github.com/blevesearch/bleve_index_api"

	"github.com/razem/razem/generator/analysis"
)

// Index is an opened prebuilt index. It is safe for concurrent use.
type Index struct {
	parts   []*part
	set     *analysis.Set // each language's analysis, built when a query or snippet needs it
	langs   corpusLangs
	cat     *catalog
	lex     lexicon
	page    []int32            // entry number → page number
	first   []int32            // page number → its first entry
	ptype   []uint8            // page number → index in Types
	inverse map[string][]int32 // term → lexicon keys that have it (snippets)
	terms   cache[*pageList]   // term → its pages (termPages)
	words   cache[wordPages]   // word plan → its pages as queried; bounded
}

// wordCacheBytes bounds the word cache.
const wordCacheBytes = 64 << 20

// Open opens the index that WriteIndex wrote into dir, read-only.
func Open(dir string) (*Index, error) {
	cat, err := readCatalog(filepath.Join(dir, catalogFile))
	if err != nil {
		return nil, fmt.Errorf("search: open %s: %w", dir, err)
	}
	ix := &Index{set: analysis.NewSet(nil), cat: cat, words: cache[wordPages]{budget: wordCacheBytes}}
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
	ix.lex = lexicon{keys: cat.Keys, terms: cat.Terms, df: cat.KeyDF, known: map[string]bool{}}
	ix.inverse = map[string][]int32{}
	for k, ts := range cat.Terms {
		for _, t := range ts {
			ix.lex.known[t] = true
			ix.inverse[t] = append(ix.inverse[t], int32(k))
		}
	}
	// Compact copies of what evaluation reads for every match: the
	// catalog's structs would drag their strings through the cache.
	ix.page = make([]int32, len(cat.Docs))
	for i, d := range cat.Docs {
		ix.page[i] = int32(d.Page)
		if i == 0 || d.Page != cat.Docs[i-1].Page {
			ix.first = append(ix.first, int32(i))
			ix.ptype = append(ix.ptype, uint8(typeIndex(d.Type)))
		}
	}
	ix.langs = catalogLangs(cat)
	return ix, nil
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
	top := rankHits(hits, limit)
	placeHits(top, words)
	var marks map[string]uint64
	if len(top) > 0 {
		marks = ix.keyHits(plans)
	}
	best := bestScore(top)
	for _, h := range top {
		d := &ix.cat.Docs[int(ix.first[h.page])+h.sec]
		body, err := rs.storedBody(d.ID)
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
