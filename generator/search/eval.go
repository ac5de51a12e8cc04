package search

import (
	"context"
	"math"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"

	index "github.com/blevesearch/bleve_index_api"

	"github.com/razem/razem/generator/polish"
)

// evaluate scores every section that matches all words of plans. It
// computes exactly what bleve's searchers compute for bleveQuery(plans)
// (TestEvaluateMatchesBleve), less bleve's query normalisation, which
// scales every score alike: per field sqrt(tf)·norm·idf·(boost·idf), each
// OR times the fraction of its children that match (coord), AND as a sum.
//
// bleve's searchers walk the query tree once per matching section; on a
// site where a domain word occurs on every page that is over 100,000
// sections and tens of milliseconds. Here each OR and AND is a merge of
// lists sorted by section, over per-term lists computed once (see
// termScores), in memory from a per-query arena: a few nanoseconds per
// section.
//
// It returns the matching sections in entry order with their scores; the
// lists live in ar, or in the word cache, and are valid until ar is reset.
// They are read-only.
func (ix *Index) evaluate(ctx context.Context, rs readers, plans []wordPlan, ar *arena) (counted, error) {
	e := evaluation{ix: ix, rs: rs, docs: float64(len(ix.cat.Docs)), ar: ar}
	var result counted
	for k, p := range plans {
		key := p.cacheKey()
		l, ok := ix.words.get(key)
		if !ok {
			w, err := e.word(p)
			if err != nil {
				return counted{}, err
			}
			l = scoredList(w) // w lives in the query's arena
			ix.words.put(key, l)
		}
		word := counted{docs: l.docs, sum: l.score, scale: 1}
		if k == 0 {
			result = word
		} else {
			result = e.and(&result, &word)
		}
		if err := ctx.Err(); err != nil {
			return counted{}, err
		}
	}
	return result, nil
}

// word is one word's list: the OR of its terms and of its prefix group.
func (e *evaluation) word(p wordPlan) (counted, error) {
	children := make([]counted, 0, len(p.terms)+1)
	for _, t := range p.terms {
		l, err := e.term(t.Text, t.Weight)
		if err != nil {
			return counted{}, err
		}
		children = append(children, l)
	}
	if len(p.prefix) > 0 {
		group := make([]counted, 0, len(p.prefix))
		for _, t := range p.prefix {
			l, err := e.term(t, polish.WeightPrefix)
			if err != nil {
				return counted{}, err
			}
			group = append(group, l)
		}
		children = append(children, e.or(group))
	}
	return e.or(children), nil
}

type evaluation struct {
	ix   *Index
	rs   readers
	docs float64
	ar   *arena
}

// term is one term's OR over the fields, at a weight. A term's weight
// multiplies the boost of all its fields alike, so the OR is computed once
// at weight 1 (termScores) and scaled here.
func (e *evaluation) term(term string, weight float64) (counted, error) {
	l, err := e.ix.termScores(e.rs, term, e.docs)
	if err != nil {
		return counted{}, err
	}
	return counted{docs: l.docs, sum: l.score, scale: weight}, nil
}

// list is a set of sections, in entry order, with a score each.
type list struct {
	docs  []int32
	score []float64
}

// counted is a list inside the evaluation. Plain lists (n == nil) score
// sum[i]·scale; lists being merged by an OR carry, per section, the sum of
// the children's scores so far (sum) and how many children matched (n).
type counted struct {
	docs  []int32
	sum   []float64
	n     []int32
	scale float64
}

func (c *counted) at(i int) (float64, int32) {
	if c.n == nil {
		return c.sum[i] * c.scale, 1
	}
	return c.sum[i], c.n[i]
}

// or is a bleve disjunction of children: each section's scores summed,
// times the fraction of children it occurs in (coord). Children are merged
// in pairs, so that n lists of m sections cost m·log n; the last merge
// applies coord and yields a plain list.
func (e *evaluation) or(children []counted) counted {
	total := len(children)
	switch total {
	case 0:
		return counted{scale: 1}
	case 1:
		return children[0] // coord 1/1
	}
	parts := append([]counted(nil), children...)
	for len(parts) > 2 {
		next := parts[:0]
		for i := 0; i+1 < len(parts); i += 2 {
			next = append(next, e.merge(&parts[i], &parts[i+1], 0))
		}
		if len(parts)%2 == 1 {
			next = append(next, parts[len(parts)-1])
		}
		parts = next
	}
	return e.merge(&parts[0], &parts[1], total)
}

// merge merges two lists of an OR. With total > 0 it is the OR's last
// merge: it applies coord (matched children / total) and returns a plain
// list; otherwise it carries sums and counts.
func (e *evaluation) merge(a, b *counted, total int) counted {
	size := len(a.docs) + len(b.docs)
	docs, sum := e.ar.ints(size), e.ar.floats(size)
	var cnt []int32
	if total == 0 {
		cnt = e.ar.ints(size)
	}
	k := 0
	put := func(d int32, s float64, n int32) {
		docs[k] = d
		if total == 0 {
			sum[k], cnt[k] = s, n
		} else {
			sum[k] = s * (float64(n) / float64(total))
		}
		k++
	}
	i, j := 0, 0
	for i < len(a.docs) && j < len(b.docs) {
		switch da, db := a.docs[i], b.docs[j]; {
		case da < db:
			s, n := a.at(i)
			put(da, s, n)
			i++
		case db < da:
			s, n := b.at(j)
			put(db, s, n)
			j++
		default:
			sa, na := a.at(i)
			sb, nb := b.at(j)
			put(da, sa+sb, na+nb)
			i, j = i+1, j+1
		}
	}
	for ; i < len(a.docs); i++ {
		s, n := a.at(i)
		put(a.docs[i], s, n)
	}
	for ; j < len(b.docs); j++ {
		s, n := b.at(j)
		put(b.docs[j], s, n)
	}
	if total == 0 {
		return counted{docs: docs[:k], sum: sum[:k], n: cnt[:k]}
	}
	return counted{docs: docs[:k], sum: sum[:k], scale: 1}
}

// and is a bleve conjunction: the sections in both, scores added.
func (e *evaluation) and(a, b *counted) counted {
	size := min(len(a.docs), len(b.docs))
	docs, sum := e.ar.ints(size), e.ar.floats(size)
	i, j, k := 0, 0, 0
	for i < len(a.docs) && j < len(b.docs) {
		switch da, db := a.docs[i], b.docs[j]; {
		case da < db:
			i++
		case db < da:
			j++
		default:
			sa, _ := a.at(i)
			sb, _ := b.at(j)
			docs[k], sum[k] = da, sa+sb
			i, j, k = i+1, j+1, k+1
		}
	}
	return counted{docs: docs[:k], sum: sum[:k], scale: 1}
}

// arena hands out the slices of one query's merges from a few large
// arrays, which the next query reuses: a common word makes megabytes of
// intermediate lists, and allocating them anew each time would keep the
// garbage collector busy.
type arena struct {
	i32   []int32
	f64   []float64
	pages []scored // collect's output, reused: a common word matches every page
}

func (a *arena) ints(n int) []int32 {
	if len(a.i32)+n > cap(a.i32) {
		a.i32 = make([]int32, 0, max(2*cap(a.i32), n, 1<<16)) // earlier slices keep the old array
	}
	a.i32 = a.i32[:len(a.i32)+n]
	return a.i32[len(a.i32)-n : len(a.i32) : len(a.i32)]
}

func (a *arena) floats(n int) []float64 {
	if len(a.f64)+n > cap(a.f64) {
		a.f64 = make([]float64, 0, max(2*cap(a.f64), n, 1<<16))
	}
	a.f64 = a.f64[:len(a.f64)+n]
	return a.f64[len(a.f64)-n : len(a.f64) : len(a.f64)]
}

func (a *arena) reset() {
	a.i32, a.f64, a.pages = a.i32[:0], a.f64[:0], a.pages[:0]
}

// termScores returns one term's OR over the fields at weight 1: per
// section, sum over fields of sqrt(tf)·norm·idf·(boost·idf), times the
// fraction of the three fields that have the term. bleve's own decoding
// costs about 50 ns a posting, and a common word has 100,000 postings on a
// large site; so each term's list is computed once, on first use, and kept
// (memory grows with the terms queried, up to the size of the postings).
func (ix *Index) termScores(rs readers, term string, docs float64) (list, error) {
	if l, ok := ix.terms.get(term); ok {
		return l, nil
	}
	var fl [len(fields)]counted
	for f := range fields {
		p, err := ix.readPostings(rs, term, fields[f].name)
		if err != nil {
			return list{}, err
		}
		idf := 1 + math.Log(docs/float64(len(p.docs)+1))
		fl[f] = counted{docs: p.docs, sum: p.w, scale: idf * (fields[f].boost * idf)}
	}
	e := evaluation{ar: new(arena)}
	l := scoredList(e.or(fl[:]))
	ix.terms.put(term, l)
	return l, nil
}

// scoredList copies c into a list of its own, each section with its final
// score: what the caches keep.
func scoredList(c counted) list {
	l := list{docs: append([]int32(nil), c.docs...), score: make([]float64, len(c.docs))}
	for i := range c.docs {
		l.score[i], _ = c.at(i)
	}
	return l
}

// listCache keeps scored lists by key; it is safe for concurrent use. With
// a budget it starts over when its lists would pass that many bytes.
//
// An Index has two: term lists (see termScores), unbounded, and the lists
// of words as queried (the OR of a word's terms and prefix group), within
// wordCacheBytes. A common word's terms each match most sections of a
// large site; merging them took milliseconds per query, the bulk of the
// slowest queries.
type listCache struct {
	mu     sync.RWMutex
	lists  map[string]list
	bytes  int
	budget int // 0: no bound
}

// wordCacheBytes bounds the word cache.
const wordCacheBytes = 64 << 20

func (c *listCache) get(key string) (list, bool) {
	c.mu.RLock()
	defer c.mu.RUnlock()
	l, ok := c.lists[key]
	return l, ok
}

func (c *listCache) put(key string, l list) {
	size := len(l.docs) * 12
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.lists == nil || c.budget > 0 && c.bytes+size > c.budget {
		c.lists, c.bytes = map[string]list{}, 0
	}
	c.lists[key] = l
	c.bytes += size
}

// cacheKey identifies a word plan by what it evaluates: its terms with
// their weights and its prefix terms.
func (p wordPlan) cacheKey() string {
	var b strings.Builder
	for _, t := range p.terms {
		b.WriteString(t.Text)
		b.WriteByte(0)
		b.WriteString(strconv.FormatFloat(t.Weight, 'g', -1, 64))
		b.WriteByte(0)
	}
	b.WriteByte(1)
	for _, t := range p.prefix {
		b.WriteString(t)
		b.WriteByte(0)
	}
	return b.String()
}

// plist is one term's postings in one field: sections in entry order and
// sqrt(tf)·norm for each, the part of bleve's score that depends on the
// section.
type plist struct {
	docs []int32
	w    []float64
}

func (ix *Index) readPostings(rs readers, term, field string) (*plist, error) {
	p := &plist{}
	for i, r := range rs {
		if err := ix.parts[i].readPostings(r, term, field, p); err != nil {
			return nil, err
		}
	}
	sortPostings(p)
	return p, nil
}

// sortPostings puts p in entry order. bleve numbers the sections of each
// Builder batch in map order, so postings come in batches of shuffled
// sections: a radix sort on the entry number is linear where a comparison
// sort of a common word's 50,000 postings took milliseconds.
func sortPostings(p *plist) {
	n := len(p.docs)
	if n < 64 {
		sort.Sort(byDoc{p})
		return
	}
	const digit = 11
	maxDoc := int32(0)
	for _, d := range p.docs {
		maxDoc = max(maxDoc, d)
	}
	docs, w := make([]int32, n), make([]float64, n)
	var count [1 << digit]int
	for shift := 0; maxDoc>>shift > 0; shift += digit {
		clear(count[:])
		for _, d := range p.docs {
			count[(d>>shift)&(1<<digit-1)]++
		}
		sum := 0
		for i, c := range count {
			count[i], sum = sum, sum+c
		}
		for i, d := range p.docs {
			k := (d >> shift) & (1<<digit - 1)
			docs[count[k]], w[count[k]] = d, p.w[i]
			count[k]++
		}
		p.docs, docs = docs, p.docs
		p.w, w = w, p.w
	}
}

// readPostings appends a part's postings of term in field to p.
func (pt *part) readPostings(r index.IndexReader, term, field string, p *plist) error {
	tfr, err := r.TermFieldReader(context.Background(), []byte(term), field, true, true, false)
	if err != nil {
		return err
	}
	defer tfr.Close()
	p.docs, p.w = slices.Grow(p.docs, int(tfr.Count())), slices.Grow(p.w, int(tfr.Count()))
	var tfd index.TermFieldDoc
	for {
		d, err := tfr.Next(&tfd)
		if err != nil {
			return err
		}
		if d == nil {
			return nil
		}
		num := d.ID.Value()
		if num >= uint64(len(pt.byNum)) || pt.byNum[num] < 0 {
			continue // not a section of the catalog; cannot happen in an index WriteIndex wrote
		}
		p.docs = append(p.docs, pt.byNum[num])
		p.w = append(p.w, math.Sqrt(float64(d.Freq))*d.Norm)
	}
}

type byDoc struct{ p *plist }

func (b byDoc) Len() int           { return len(b.p.docs) }
func (b byDoc) Less(i, j int) bool { return b.p.docs[i] < b.p.docs[j] }
func (b byDoc) Swap(i, j int) {
	b.p.docs[i], b.p.docs[j] = b.p.docs[j], b.p.docs[i]
	b.p.w[i], b.p.w[j] = b.p.w[j], b.p.w[i]
}
