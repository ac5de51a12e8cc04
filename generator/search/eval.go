package search

import (
	"context"
	"math"
	"slices"
	"sort"
	"sync"

	index "github.com/blevesearch/bleve_index_api"
)

// Evaluation works on pages (see doc.go, "Scoring"): a word's value on a
// page is the best impact of its terms there, scaled by the term's weight;
// a page's score is the sum of its words' values; a query keeps the pages
// that have every word, or, when none has, the pages that have most of
// them. search.js does the same steps on the static index's page lists.

// termPages returns a term's page list, computed from bleve's postings on
// first use and kept: a common word is on most of 150,000 sections, whose
// postings take milliseconds to decode, and a query needs the list again
// and again.
func (ix *Index) termPages(rs readers, term string) (*pageList, error) {
	if l, ok := ix.terms.get(term); ok {
		return l, nil
	}
	var per [len(fields)]*plist
	var idf [len(fields)]float64
	for f := range fields {
		p, err := ix.readPostings(rs, term, fields[f].name)
		if err != nil {
			return nil, err
		}
		per[f], idf[f] = p, idfOf(ix.sections, len(p.docs))
	}
	l := &pageList{}
	var at [len(fields)]int
	for {
		next := int32(math.MaxInt32)
		for f, p := range per {
			if at[f] < len(p.docs) {
				next = min(next, p.docs[at[f]])
			}
		}
		if next == math.MaxInt32 {
			break
		}
		var w [len(fields)]float64
		for f, p := range per {
			if at[f] < len(p.docs) && p.docs[at[f]] == next {
				w[f] = p.w[at[f]]
				at[f]++
			}
		}
		pg := ix.page[next]
		l.add(pg, int(next-ix.first[pg]), &w, &idf)
	}
	ix.terms.put(term, l, len(l.pages)*10)
	return l, nil
}

// wordPages is one query word's pages: each with its value (the best of
// its terms' impacts there, times the term's weight in percent, in
// integer arithmetic), the section that value came from, and where in the
// page any of its terms is (the union of their masks).
type wordPages struct {
	pages []int32
	value []int32
	sec   []uint16
	mask  []uint32
}

// wordList merges the page lists of a word's terms, taken in the plan's
// term order; a later term must beat the value so far to change the
// section.
func wordList(p wordPlan, lists []*pageList) wordPages {
	var out wordPages
	for i, l := range lists {
		w := p.terms[i].w
		var next wordPages
		a, b := 0, 0
		for a < len(out.pages) || b < len(l.pages) {
			switch {
			case b == len(l.pages) || a < len(out.pages) && out.pages[a] < l.pages[b]:
				next.push(out.pages[a], out.value[a], out.sec[a], out.mask[a])
				a++
			case a == len(out.pages) || l.pages[b] < out.pages[a]:
				next.push(l.pages[b], l.impact[b]*w/100, l.sec[b], l.mask[b])
				b++
			default:
				v, s := out.value[a], out.sec[a]
				if nv := l.impact[b] * w / 100; nv > v {
					v, s = nv, l.sec[b]
				}
				next.push(out.pages[a], v, s, out.mask[a]|l.mask[b])
				a, b = a+1, b+1
			}
		}
		out = next
	}
	return out
}

func (w *wordPages) push(page, value int32, sec uint16, mask uint32) {
	w.pages = append(w.pages, page)
	w.value = append(w.value, value)
	w.sec = append(w.sec, sec)
	w.mask = append(w.mask, mask)
}

// pageHit is a page that matched, with what ranks it.
type pageHit struct {
	page    int32
	own     bool  // the page is in the reader's language
	matched int   // how many query words the page has
	score   int64 // the sum of their values
	sec     int   // the best section: most value, then first
}

// combine joins the words' pages: those with every word, or, when no page
// has every word, those with at least one (partial). keep filters pages
// (type, tag). The lists are in page order, so this is one merge.
func combine(words []wordPages, keep func(page int32) bool) (hits []pageHit, partial bool) {
	at := make([]int, len(words))
	var some []pageHit // pages with some of the words, in case none has all
	for {
		next := int32(math.MaxInt32)
		for w := range words {
			if at[w] < len(words[w].pages) {
				next = min(next, words[w].pages[at[w]])
			}
		}
		if next == math.MaxInt32 {
			break
		}
		h := pageHit{page: next}
		for w := range words {
			if at[w] < len(words[w].pages) && words[w].pages[at[w]] == next {
				h.matched++
				h.score += int64(words[w].value[at[w]])
				at[w]++
			}
		}
		switch {
		case !keep(next):
		case h.matched == len(words):
			hits = append(hits, h)
		case len(hits) == 0:
			some = append(some, h)
		}
	}
	if len(hits) == 0 && len(words) > 1 {
		return some, true
	}
	return hits, false
}

// placeHits sets the best section of each hit: the section whose text has
// the most of the query's words, then the most value of the words that
// scored best there, then the first.
func placeHits(hits []pageHit, words []wordPages) {
	type at struct {
		mask  uint32
		sec   uint16
		value int32
	}
	for i := range hits {
		var here []at
		var cands uint64 = 1 // the lead section is always a candidate
		for _, w := range words {
			if j, ok := slices.BinarySearch(w.pages, hits[i].page); ok {
				here = append(here, at{w.mask[j], w.sec[j], w.value[j]})
				cands |= uint64(w.mask[j])
			}
		}
		best, bestCount, bestSum := -1, -1, int64(-1)
		try := func(s int) {
			count, sum := 0, int64(0)
			for _, x := range here {
				if s < maskSections && x.mask&(1<<s) != 0 || int(x.sec) == s {
					count++
				}
				if int(x.sec) == s {
					sum += int64(x.value)
				}
			}
			if count > bestCount || count == bestCount && (sum > bestSum || sum == bestSum && s < best) {
				best, bestCount, bestSum = s, count, sum
			}
		}
		for s := 0; s < maskSections; s++ {
			if cands&(1<<s) != 0 {
				try(s)
			}
		}
		for _, x := range here {
			try(int(x.sec))
		}
		hits[i].sec = best
	}
}

// rankHits returns the first limit hits in rank order: the reader's
// language first, then more words, then a higher score, then the page
// first in URL order (rank). Only the kept hits are sorted: a
// common word matches every page, and sorting them all was most of a
// query's time.
func rankHits(hits []pageHit, limit int, rank []int32) []pageHit {
	before := func(a, b *pageHit) bool {
		if a.own != b.own {
			return a.own
		}
		if a.matched != b.matched {
			return a.matched > b.matched
		}
		if a.score != b.score {
			return a.score > b.score
		}
		return rank[a.page] < rank[b.page]
	}
	kept := make([]pageHit, 0, min(limit, len(hits))+1)
	for i := range hits {
		h := &hits[i]
		if len(kept) == limit && !before(h, &kept[limit-1]) {
			continue
		}
		at := sort.Search(len(kept), func(j int) bool { return before(h, &kept[j]) })
		kept = slices.Insert(kept, at, *h)
		if len(kept) > limit {
			kept = kept[:limit]
		}
	}
	return kept
}

// markOwn marks the hits on pages in the reader's language (index into
// codes); with one language there is nothing to prefer.
func (l *corpusLangs) markOwn(hits []pageHit, reader int) {
	if len(l.codes) < 2 {
		return
	}
	for i := range hits {
		hits[i].own = int(l.page[hits[i].page]) == reader
	}
}

// bestScore is the highest score of hits.
func bestScore(hits []pageHit) int64 {
	var best int64
	for _, h := range hits {
		best = max(best, h.score)
	}
	return best
}

// relScore is a hit's score relative to the best score of the hits shown
// (the first hit's, unless pages in the reader's language come before
// better ones), to four places: the number Hit.Score shows. Both paths
// divide the same integers.
func relScore(score, top int64) float64 {
	if top == 0 {
		return 0
	}
	return math.Round(float64(score)/float64(top)*1e4) / 1e4
}

// cache keeps values by key; it is safe for concurrent use. With a budget
// it starts over when its values would pass that many bytes.
type cache[V any] struct {
	mu     sync.RWMutex
	m      map[string]V
	bytes  int
	budget int // 0: no bound
}

func (c *cache[V]) get(key string) (V, bool) {
	c.mu.RLock()
	defer c.mu.RUnlock()
	v, ok := c.m[key]
	return v, ok
}

func (c *cache[V]) put(key string, v V, size int) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.m == nil || c.budget > 0 && c.bytes+size > c.budget {
		c.m, c.bytes = map[string]V{}, 0
	}
	c.m[key] = v
	c.bytes += size
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
		if err := ix.parts[i].readPostings(r, term, field, p, ix.dead); err != nil {
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

// readPostings appends a part's postings of term in field to p, but for
// entries dead marks.
func (pt *part) readPostings(r index.IndexReader, term, field string, p *plist, dead []bool) error {
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
		if dead != nil && dead[pt.byNum[num]] {
			continue
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
