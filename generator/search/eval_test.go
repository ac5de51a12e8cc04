package search

import (
	"bytes"
	"context"
	"fmt"
	"math"
	"reflect"
	"testing"

	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"
)

// termQuery is one term as Search scores it, in bleve's terms: an OR over
// the title, heading and body fields with their boosts. bleve's
// disjunction multiplies by the fraction of fields matched (coord).
func termQuery(term string) query.Query {
	qs := make([]query.Query, len(fields))
	for i, f := range fields {
		tq := query.NewTermQuery(term)
		tq.SetField(f.name)
		tq.SetBoost(f.boost)
		qs[i] = tq
	}
	return query.NewDisjunctionQuery(qs)
}

// bleveScores runs termQuery(term) through bleve's own searchers and
// returns each matching section's score.
func bleveScores(t *testing.T, ix *Index, term string) map[int]float64 {
	t.Helper()
	if len(ix.parts) != 1 {
		t.Fatalf("%d index parts; bleve's own scores need one (its idf is per index)", len(ix.parts))
	}
	pt := ix.parts[0]
	r, err := pt.adv.Reader()
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	ctx := context.Background()
	s, err := termQuery(term).Searcher(ctx, r, pt.idx.Mapping(), search.SearcherOptions{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	sctx := &search.SearchContext{DocumentMatchPool: search.NewDocumentMatchPool(s.DocumentMatchPoolSize()+1, 0), IndexReader: r}
	out := map[int]float64{}
	for {
		dm, err := s.Next(sctx)
		if err != nil {
			t.Fatal(err)
		}
		if dm == nil {
			return out
		}
		out[int(pt.byNum[dm.IndexInternalID.Value()])] = dm.Score
		sctx.DocumentMatchPool.Put(dm)
	}
}

// sectionScores computes sectionScore for every section with term from
// the index's postings, as termPages does.
func sectionScores(t *testing.T, ix *Index, term string) map[int]float64 {
	rs, err := ix.readers()
	if err != nil {
		t.Fatal(err)
	}
	defer rs.close()
	w := map[int]*[len(fields)]float64{}
	var idf [len(fields)]float64
	for f := range fields {
		p, err := ix.readPostings(rs, term, fields[f].name)
		if err != nil {
			t.Fatal(err)
		}
		idf[f] = idfOf(len(ix.cat.Docs), len(p.docs))
		for i, d := range p.docs {
			if w[int(d)] == nil {
				w[int(d)] = new([len(fields)]float64)
			}
			w[int(d)][f] = p.w[i]
		}
	}
	out := map[int]float64{}
	for d, x := range w {
		out[d] = sectionScore(x, &idf)
	}
	return out
}

// TestSectionScoresMatchBleve checks that sectionScore gives, for every
// section with a term, bleve's own tf-idf score of the term's OR over the
// fields, up to bleve's query normalisation (one factor per query).
func TestSectionScoresMatchBleve(t *testing.T) {
	ix := openTestIndex(t, contentDocs(t))
	var terms []string
	for i := 0; i < len(ix.lex.keys); i += 37 {
		terms = append(terms, ix.lex.terms[i]...)
	}
	if len(terms) < 20 {
		t.Fatalf("only %d terms sampled", len(terms))
	}
	for _, term := range terms {
		want, got := bleveScores(t, ix, term), sectionScores(t, ix, term)
		if len(got) != len(want) || len(want) == 0 {
			t.Errorf("%q: %d sections, bleve %d", term, len(got), len(want))
			continue
		}
		ratio := math.NaN()
		for doc, w := range want {
			g, ok := got[doc]
			if !ok {
				t.Errorf("%q: bleve matches %s, sectionScores does not", term, ix.cat.Docs[doc].ID)
				continue
			}
			if math.IsNaN(ratio) {
				ratio = g / w
			}
			if math.Abs(g/w-ratio) > 1e-9*ratio {
				t.Errorf("%q: %s scores %g, bleve %g (ratio %g, others %g)", term, ix.cat.Docs[doc].ID, g, w, g/w, ratio)
			}
		}
	}
}

// TestPageListsAgree checks the foundation of the agreement between the
// two paths: for every term, the server's page list (from bleve's
// postings) equals the static index's (from the analysed corpus): the
// same pages, impacts, best sections and masks, as the static index
// writes them.
func TestPageListsAgree(t *testing.T) {
	for name, docs := range map[string][]Doc{"content": contentDocs(t), "wide": wideDocs(), "fixture": testDocs} {
		c, err := NewCorpus(docs, analyzer(t))
		if err != nil {
			t.Fatal(err)
		}
		ix := openCorpus(t, c)
		s := staticBuilder{c: c.c}
		s.paginate()
		s.pageLists()
		rs, err := ix.readers()
		if err != nil {
			t.Fatal(err)
		}
		for id, term := range c.c.terms.names {
			got, err := ix.termPages(rs, term)
			if err != nil {
				t.Fatal(err)
			}
			if want := s.lists[id].bytes(); !bytes.Equal(got.appendTo(nil), want) || len(got.pages) == 0 {
				t.Errorf("%s %q: server %+v, static %q", name, term, *got, want)
			}
		}
		rs.close()
		if len(s.lists) < 10 {
			t.Errorf("%s: only %d terms", name, len(s.lists))
		}
	}
}

// appendTo appends a server page list as the static index writes one
// (packedList).
func (l *pageList) appendTo(b []byte) []byte {
	last := int32(0)
	for i, p := range l.pages {
		b = appendEntry(b, p-last, listEntry{p, l.impact[i], l.sec[i], l.mask[i]})
		last = p
	}
	return b
}

// TestPartsSearchAsOne checks that an index split into parts finds exactly
// what the same index in one part finds: hits, order, scores and snippets.
func TestPartsSearchAsOne(t *testing.T) {
	a := analyzer(t)
	docs := contentDocs(t)
	open := func(partSize int) *Index {
		c, err := NewCorpus(docs, a)
		if err != nil {
			t.Fatal(err)
		}
		c.partSize = partSize
		return openCorpus(t, c)
	}
	one, split := open(0), open(len(docs)/3+1)
	if len(one.parts) != 1 || len(split.parts) != 3 {
		t.Fatalf("parts: %d and %d, want 1 and 3", len(one.parts), len(split.parts))
	}
	queries := []string{"koalicji", "wspolpraca z samorzadem", "umow", "ambasadorami", "crowdsourcing", "Banque Postale"}
	for _, q := range corpusQueries(t, docs, 40) {
		queries = append(queries, q.Q)
	}
	hits := 0
	for _, q := range queries {
		for _, typ := range []string{"", "module"} {
			want, err := one.Search(context.Background(), Query{Text: q, Type: typ, Limit: 20})
			if err != nil {
				t.Fatal(err)
			}
			got, err := split.Search(context.Background(), Query{Text: q, Type: typ, Limit: 20})
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("%q (type %q): three parts give\n%+v\none part gives\n%+v", q, typ, got, want)
			}
			hits += len(want.Hits)
		}
	}
	if hits == 0 {
		t.Fatal("no query found anything")
	}
}

func TestSortPostings(t *testing.T) {
	for _, n := range []int{0, 1, 63, 64, 1000, 70000} {
		p := &plist{}
		for i := range n {
			d := int32((i*7919 + 13) % (n + 1) * 37) // a shuffle of distinct values, some above 2^11·2^11
			p.docs = append(p.docs, d)
			p.w = append(p.w, float64(d)/2)
		}
		sortPostings(p)
		for i := range p.docs {
			if i > 0 && p.docs[i-1] >= p.docs[i] {
				t.Fatalf("n=%d: not sorted at %d: %d, %d", n, i, p.docs[i-1], p.docs[i])
			}
			if p.w[i] != float64(p.docs[i])/2 {
				t.Fatalf("n=%d: weight of %d moved apart from it", n, p.docs[i])
			}
		}
		if len(p.docs) != n {
			t.Fatalf("n=%d: %d postings after sorting", n, len(p.docs))
		}
	}
}

// A bounded cache starts over rather than grow past its budget.
func TestCacheBudget(t *testing.T) {
	c := cache[int]{budget: 10}
	c.put("a", 1, 6)
	c.put("b", 2, 4)
	if _, ok := c.get("a"); !ok {
		t.Fatal("a gone while within budget")
	}
	c.put("c", 3, 1)
	if _, ok := c.get("a"); ok {
		t.Error("a kept past the budget")
	}
	if v, ok := c.get("c"); !ok || v != 3 {
		t.Error("c not cached after starting over")
	}
	var unbounded cache[int]
	for i := range 1000 {
		unbounded.put(fmt.Sprint(i), i, 100)
	}
	if _, ok := unbounded.get("0"); !ok {
		t.Error("an unbounded cache dropped a value")
	}
}
