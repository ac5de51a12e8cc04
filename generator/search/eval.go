package search

import (
	"context"
	"math"
	"sort"
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
// lists sorted by section, over postings kept in compact arrays (see
// postingsOf), in memory from a per-query arena: a few nanoseconds per
// posting.
//
// It returns the matching sections in entry order with their scores; the
// lists live in ar and are valid until ar is reset.
func (ix *Index) evaluate(ctx context.Context, r index.IndexReader, plans []wordPlan, ar *arena) (list, error) {
	n, err := r.DocCount()
	if err != nil {
		return list{}, err
	}
	e := evaluation{ix: ix, r: r, docs: float64(n), ar: ar}
	var result list
	for k, p := range plans {
		children := make([]counted, 0, len(p.terms)+1)
		for _, t := range p.terms {
			l, err := e.term(t.Text, t.Weight)
			if err != nil {
				return list{}, err
			}
			children = append(children, l)
		}
		if len(p.prefix) > 0 {
			group := make([]counted, 0, len(p.prefix))
			for _, t := range p.prefix {
				l, err := e.term(t, polish.WeightPrefix)
				if err != nil {
					return list{}, err
				}
				group = append(group, l)
			}
			children = append(children, e.or(group))
		}
		word := e.or(children)
		if k == 0 {
			result = list{docs: word.docs, score: word.sum}
		} else {
			result = e.and(result, word)
		}
		if err := ctx.Err(); err != nil {
			return list{}, err
		}
	}
	return result, nil
}

type evaluation struct {
	ix   *Index
	r    index.IndexReader
	docs float64
	ar   *arena
}

// term is one term's OR over the fields.
func (e *evaluation) term(term string, weight float64) (counted, error) {
	var fl [len(fields)]counted
	for f := range fields {
		p, err := e.ix.postingsOf(e.r, term, f)
		if err != nil {
			return counted{}, err
		}
		idf := 1 + math.Log(e.docs/float64(len(p.docs)+1))
		fl[f] = counted{docs: p.docs, sum: p.w, scale: idf * (fields[f].boost * weight * idf)}
	}
	return e.or(fl[:]), nil
}

// list is a set of sections, in entry order, with a score each.
type list struct {
	docs  []int32
	score []float64
}

// counted is a list inside an OR: per section, the sum of the children's
// scores and how many children matched. A leaf (a posting list) has n ==
// nil (one child each) and scores sum[i]*scale; otherwise scale is 0 and
// sum holds scores.
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
// in pairs, so that n lists of m sections cost m·log n. The result is a
// plain list of scores (n == nil would read as a leaf, so n is kept).
func (e *evaluation) or(children []counted) counted {
	total := len(children)
	if total == 0 {
		return counted{n: []int32{}}
	}
	parts := append([]counted(nil), children...)
	for len(parts) > 1 {
		next := parts[:0]
		for i := 0; i+1 < len(parts); i += 2 {
			next = append(next, e.merge(&parts[i], &parts[i+1]))
		}
		if len(parts)%2 == 1 {
			next = append(next, parts[len(parts)-1])
		}
		parts = next
	}
	m := parts[0]
	out := counted{docs: m.docs, sum: e.ar.floats(len(m.docs)), n: e.ar.ints(len(m.docs))}
	for i := range m.docs {
		s, n := m.at(i)
		out.sum[i] = s * (float64(n) / float64(total))
		out.n[i] = 1
	}
	return out
}

func (e *evaluation) merge(a, b *counted) counted {
	size := len(a.docs) + len(b.docs)
	docs, sum, cnt := e.ar.ints(size), e.ar.floats(size), e.ar.ints(size)
	i, j, k := 0, 0, 0
	for i < len(a.docs) && j < len(b.docs) {
		da, db := a.docs[i], b.docs[j]
		switch {
		case da < db:
			docs[k] = da
			sum[k], cnt[k] = a.at(i)
			i++
		case db < da:
			docs[k] = db
			sum[k], cnt[k] = b.at(j)
			j++
		default:
			sa, na := a.at(i)
			sb, nb := b.at(j)
			docs[k], sum[k], cnt[k] = da, sa+sb, na+nb
			i, j = i+1, j+1
		}
		k++
	}
	for ; i < len(a.docs); i, k = i+1, k+1 {
		docs[k] = a.docs[i]
		sum[k], cnt[k] = a.at(i)
	}
	for ; j < len(b.docs); j, k = j+1, k+1 {
		docs[k] = b.docs[j]
		sum[k], cnt[k] = b.at(j)
	}
	return counted{docs: docs[:k], sum: sum[:k], n: cnt[:k]}
}

// and is a bleve conjunction: the sections in both, scores added.
func (e *evaluation) and(a list, b counted) list {
	size := min(len(a.docs), len(b.docs))
	out := list{docs: e.ar.ints(size)[:0], score: e.ar.floats(size)[:0]}
	i, j := 0, 0
	for i < len(a.docs) && j < len(b.docs) {
		switch da, db := a.docs[i], b.docs[j]; {
		case da < db:
			i++
		case db < da:
			j++
		default:
			out.docs, out.score = append(out.docs, da), append(out.score, a.score[i]+b.sum[j])
			i, j = i+1, j+1
		}
	}
	return out
}

// arena hands out the slices of one query's merges from a few large
// arrays, which the next query reuses: a common word makes megabytes of
// intermediate lists, and allocating them anew each time would keep the
// garbage collector busy.
type arena struct {
	i32 []int32
	f64 []float64
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
	a.i32, a.f64 = a.i32[:0], a.f64[:0]
}

// plist is one term's postings in one field: sections in entry order and
// sqrt(tf)·norm for each, the part of bleve's score that depends on the
// section. bleve's own decoding costs about 50 ns a posting, so each list
// is decoded from the index once, on first use, and kept.
type plist struct {
	docs []int32
	w    []float64
}

type plistKey struct {
	term  string
	field int
}

// postingCache holds the decoded posting lists of an Index.
type postingCache struct {
	mu    sync.RWMutex
	lists map[plistKey]*plist
}

func (ix *Index) postingsOf(r index.IndexReader, term string, field int) (*plist, error) {
	key := plistKey{term, field}
	ix.postings.mu.RLock()
	p := ix.postings.lists[key]
	ix.postings.mu.RUnlock()
	if p != nil {
		return p, nil
	}
	p, err := ix.readPostings(r, term, fields[field].name)
	if err != nil {
		return nil, err
	}
	ix.postings.mu.Lock()
	if ix.postings.lists == nil {
		ix.postings.lists = map[plistKey]*plist{}
	}
	ix.postings.lists[key] = p
	ix.postings.mu.Unlock()
	return p, nil
}

func (ix *Index) readPostings(r index.IndexReader, term, field string) (*plist, error) {
	tfr, err := r.TermFieldReader(context.Background(), []byte(term), field, true, true, false)
	if err != nil {
		return nil, err
	}
	defer tfr.Close()
	n := tfr.Count()
	p := &plist{docs: make([]int32, 0, n), w: make([]float64, 0, n)}
	var tfd index.TermFieldDoc
	sorted := true
	for {
		d, err := tfr.Next(&tfd)
		if err != nil {
			return nil, err
		}
		if d == nil {
			break
		}
		num := d.ID.Value()
		if num >= uint64(len(ix.byNum)) || ix.byNum[num] < 0 {
			continue // not a section of the catalog; cannot happen in an index WriteIndex wrote
		}
		doc := ix.byNum[num]
		if k := len(p.docs); k > 0 && p.docs[k-1] > doc {
			sorted = false
		}
		p.docs = append(p.docs, doc)
		p.w = append(p.w, math.Sqrt(float64(d.Freq))*d.Norm)
	}
	if !sorted { // bleve numbers sections in the order WriteIndex added them; this is a safety net
		sort.Sort(byDoc{p})
	}
	return p, nil
}

type byDoc struct{ p *plist }

func (b byDoc) Len() int           { return len(b.p.docs) }
func (b byDoc) Less(i, j int) bool { return b.p.docs[i] < b.p.docs[j] }
func (b byDoc) Swap(i, j int) {
	b.p.docs[i], b.p.docs[j] = b.p.docs[j], b.p.docs[i]
	b.p.w[i], b.p.w[j] = b.p.w[j], b.p.w[i]
}
