package search

import (
	"context"
	"math"
	"sync"

	index "github.com/blevesearch/bleve_index_api"

	"github.com/razem/razem/generator/polish"
)

// evaluate scores every section that matches all words of plans, reading
// bleve's postings directly. It computes exactly what bleve's searchers
// compute for bleveQuery(plans) (TestEvaluateMatchesBleve), less bleve's
// query normalisation, which scales every score alike: per field
// sqrt(tf)·norm·idf·(boost·idf), each OR times the fraction of its
// children that match, AND as a sum. bleve's searchers walk the query tree
// once per matching section, which costs tens of milliseconds for a common
// word on a large site; summing postings into per-section arrays costs a
// few nanoseconds per posting and gives the same numbers.
//
// It calls fn for each matching section with its entry number and score,
// in no particular order.
func (ix *Index) evaluate(ctx context.Context, r index.IndexReader, plans []wordPlan, fn func(doc int, score float64)) error {
	n, err := r.DocCount()
	if err != nil {
		return err
	}
	s := ix.scratch.Get().(*scratch)
	defer ix.scratch.Put(s)
	s.reset(len(ix.byNum))
	e := evalState{ix: ix, ctx: ctx, r: r, docs: float64(n), s: s}
	for _, p := range plans {
		children := len(p.terms)
		for _, t := range p.terms {
			if err := e.term(t.Text, t.Weight); err != nil {
				return err
			}
			s.term.drain(len(fields), &s.word)
		}
		if len(p.prefix) > 0 {
			children++
			for _, t := range p.prefix {
				if err := e.term(t, polish.WeightPrefix); err != nil {
					return err
				}
				s.term.drain(len(fields), &s.group)
			}
			s.group.drain(len(p.prefix), &s.word)
		}
		s.word.drain(children, &s.total)
		if err := ctx.Err(); err != nil {
			return err
		}
	}
	words := int32(len(plans))
	for _, num := range s.total.touched {
		if s.total.n[num] == words {
			fn(int(ix.byNum[num]), s.total.sum[num])
		}
	}
	s.total.clear()
	return nil
}

type evalState struct {
	ix   *Index
	ctx  context.Context
	r    index.IndexReader
	docs float64
	s    *scratch
}

// term adds one term's per-field scores to s.term.
func (e *evalState) term(term string, weight float64) error {
	var tfd index.TermFieldDoc
	for _, f := range fields {
		tfr, err := e.r.TermFieldReader(e.ctx, []byte(term), f.name, true, true, false)
		if err != nil {
			return err
		}
		idf := 1 + math.Log(e.docs/float64(tfr.Count()+1))
		qw := f.boost * weight * idf
		for {
			d, err := tfr.Next(&tfd)
			if err != nil {
				tfr.Close()
				return err
			}
			if d == nil {
				break
			}
			num := d.ID.Value()
			if num >= uint64(len(e.ix.byNum)) || e.ix.byNum[num] < 0 {
				continue // not a section of the catalog; cannot happen in an index WriteIndex wrote
			}
			e.s.term.add(int32(num), math.Sqrt(float64(d.Freq))*d.Norm*idf*qw)
		}
		if err := tfr.Close(); err != nil {
			return err
		}
	}
	return nil
}

// acc sums scores per section, counting the children that contributed,
// and remembers which sections it touched so that clearing costs only
// what was used.
type acc struct {
	sum     []float64
	n       []int32
	touched []int32
}

func (a *acc) grow(size int) {
	if len(a.sum) < size {
		a.sum, a.n = make([]float64, size), make([]int32, size)
	}
}

func (a *acc) add(num int32, v float64) {
	if a.n[num] == 0 {
		a.touched = append(a.touched, num)
	}
	a.sum[num] += v
	a.n[num]++
}

// drain passes each touched section's score, times coord (the fraction of
// the OR's children that matched), to the parent OR and clears a.
func (a *acc) drain(children int, parent *acc) {
	for _, num := range a.touched {
		parent.add(num, a.sum[num]*(float64(a.n[num])/float64(children)))
	}
	a.clear()
}

func (a *acc) clear() {
	for _, num := range a.touched {
		a.sum[num], a.n[num] = 0, 0
	}
	a.touched = a.touched[:0]
}

// scratch is the per-query working memory of evaluate, pooled because it
// is sized by the number of sections.
type scratch struct {
	term, group, word, total acc
}

func (s *scratch) reset(size int) {
	s.term.grow(size)
	s.group.grow(size)
	s.word.grow(size)
	s.total.grow(size)
}

func newScratchPool() *sync.Pool {
	return &sync.Pool{New: func() any { return new(scratch) }}
}
