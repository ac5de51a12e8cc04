package search

import (
	"context"
	"math"
	"sort"
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
// Words are taken rarest first, and a section that missed an earlier word
// is skipped, since it cannot match them all. fn is called for each
// matching section with its entry number and score, in no particular
// order.
func (ix *Index) evaluate(ctx context.Context, r index.IndexReader, plans []wordPlan, fn func(doc int, score float64)) error {
	n, err := r.DocCount()
	if err != nil {
		return err
	}
	words := make([]wordReaders, len(plans))
	defer func() {
		for i := range words {
			words[i].close()
		}
	}()
	for i := range plans {
		if err := words[i].open(ctx, r, &plans[i]); err != nil {
			return err
		}
	}
	sort.SliceStable(words, func(i, j int) bool { return words[i].postings < words[j].postings })

	s := ix.scratch.Get().(*scratch)
	defer ix.scratch.Put(s)
	s.reset(len(ix.byNum))
	e := evalState{ix: ix, docs: float64(n), s: s}
	for k := range words {
		w := &words[k]
		e.need = int32(k)
		children := len(w.plan.terms)
		for i, t := range w.plan.terms {
			if err := e.term(w.readers[i], t.Weight); err != nil {
				return err
			}
			s.term.drain(len(fields), &s.word)
		}
		if len(w.plan.prefix) > 0 {
			children++
			for i := range w.plan.prefix {
				if err := e.term(w.readers[len(w.plan.terms)+i], polish.WeightPrefix); err != nil {
					return err
				}
				s.term.drain(len(fields), &s.group)
			}
			s.group.drain(len(w.plan.prefix), &s.word)
		}
		s.word.drain(children, &s.total)
		if err := ctx.Err(); err != nil {
			return err
		}
	}
	all := int32(len(plans))
	for _, num := range s.total.touched {
		if s.total.n[num] == all {
			fn(int(ix.byNum[num]), s.total.sum[num])
		}
	}
	s.total.clear()
	return nil
}

// wordReaders are the posting readers of one word: per term (then per
// prefix term), one per field.
type wordReaders struct {
	plan     *wordPlan
	readers  [][3]index.TermFieldReader
	postings uint64 // how many postings the readers hold: the word's cost
}

func (w *wordReaders) open(ctx context.Context, r index.IndexReader, p *wordPlan) error {
	w.plan = p
	terms := make([]string, 0, len(p.terms)+len(p.prefix))
	for _, t := range p.terms {
		terms = append(terms, t.Text)
	}
	terms = append(terms, p.prefix...)
	w.readers = make([][3]index.TermFieldReader, len(terms))
	for i, t := range terms {
		for f := range fields {
			tfr, err := r.TermFieldReader(ctx, []byte(t), fields[f].name, true, true, false)
			if err != nil {
				return err
			}
			w.readers[i][f] = tfr
			w.postings += tfr.Count()
		}
	}
	return nil
}

func (w *wordReaders) close() {
	for _, rs := range w.readers {
		for _, tfr := range rs {
			if tfr != nil {
				tfr.Close()
			}
		}
	}
}

type evalState struct {
	ix   *Index
	docs float64
	s    *scratch
	need int32 // words a section must already have matched to count
}

// term adds one term's per-field scores to s.term.
func (e *evalState) term(readers [3]index.TermFieldReader, weight float64) error {
	var tfd index.TermFieldDoc
	for f, tfr := range readers {
		idf := 1 + math.Log(e.docs/float64(tfr.Count()+1))
		qw := fields[f].boost * weight * idf
		for {
			d, err := tfr.Next(&tfd)
			if err != nil {
				return err
			}
			if d == nil {
				break
			}
			num := d.ID.Value()
			if num >= uint64(len(e.ix.byNum)) || e.ix.byNum[num] < 0 {
				continue // not a section of the catalog; cannot happen in an index WriteIndex wrote
			}
			if e.need > 0 && e.s.total.n[num] != e.need {
				continue // missed an earlier word
			}
			e.s.term.add(int32(num), math.Sqrt(float64(d.Freq))*d.Norm*idf*qw)
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
