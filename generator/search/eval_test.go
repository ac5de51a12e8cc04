package search

import (
	"context"
	"fmt"
	"math"
	"reflect"
	"testing"

	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"

	"github.com/razem/razem/generator/polish"
)

// bleveQuery is the query of SEARCH.md as bleve sees it: AND across
// words; for each word an OR over its terms, each term an OR over the
// title, heading and body fields with their boosts times the term's
// weight; the prefix terms of a word form one more OR inside the word's OR.
// bleve's disjunctions multiply by the fraction of clauses matched (coord),
// so a section matching a term in title and body beats one matching it in
// body only. Search computes its scores with evaluate, which is faster and
// gives the same numbers (TestEvaluateMatchesBleve); the static client
// computes the same formula again.
func bleveQuery(plans []wordPlan) query.Query {
	words := make([]query.Query, 0, len(plans))
	for _, p := range plans {
		alts := make([]query.Query, 0, len(p.terms)+1)
		for _, t := range p.terms {
			alts = append(alts, termQuery(t.Text, t.Weight))
		}
		if len(p.prefix) > 0 {
			pre := make([]query.Query, len(p.prefix))
			for i, t := range p.prefix {
				pre[i] = termQuery(t, polish.WeightPrefix)
			}
			alts = append(alts, query.NewDisjunctionQuery(pre))
		}
		words = append(words, query.NewDisjunctionQuery(alts))
	}
	return query.NewConjunctionQuery(words)
}

func termQuery(term string, weight float64) query.Query {
	qs := make([]query.Query, len(fields))
	for i, f := range fields {
		tq := query.NewTermQuery(term)
		tq.SetField(f.name)
		tq.SetBoost(f.boost * weight)
		qs[i] = tq
	}
	return query.NewDisjunctionQuery(qs)
}

// bleveScores runs bleveQuery(plans) through bleve's own searchers and
// returns each matching section's score.
func bleveScores(t *testing.T, ix *Index, plans []wordPlan) map[int]float64 {
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
	s, err := bleveQuery(plans).Searcher(ctx, r, pt.idx.Mapping(), search.SearcherOptions{})
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

// TestEvaluateMatchesBleve checks that evaluate finds the sections bleve's
// searchers find for bleveQuery, with the same scores up to bleve's query
// normalisation (one factor per query).
func TestEvaluateMatchesBleve(t *testing.T) {
	a := analyzer(t)
	docs := contentDocs(t)
	ix := openTestIndex(t, docs)
	queries := []string{"koalicji", "wspolpraca z samorzadem", "umow", "partnerstwa lokalne", "ambasadorami", "crowdsourcing"}
	for _, q := range corpusQueries(t, docs, 60) {
		queries = append(queries, q.Q)
	}
	for _, q := range queries {
		plans := planQuery(q, a, &ix.lex)
		want := bleveScores(t, ix, plans)
		got := map[int]float64{}
		rs, _ := ix.readers()
		matches, err := ix.evaluate(context.Background(), rs, plans, new(arena))
		rs.close()
		if err != nil {
			t.Fatal(err)
		}
		for i, d := range matches.docs {
			got[int(d)], _ = matches.at(i)
		}
		if len(got) != len(want) {
			t.Errorf("%q: evaluate matches %d sections, bleve %d", q, len(got), len(want))
			continue
		}
		ratio := math.NaN()
		for doc, w := range want {
			g, ok := got[doc]
			if !ok {
				t.Errorf("%q: bleve matches %s, evaluate does not", q, ix.cat.Docs[doc].ID)
				continue
			}
			if math.IsNaN(ratio) {
				ratio = g / w
			}
			if math.Abs(g/w-ratio) > 1e-9*ratio {
				t.Errorf("%q: %s scores %g, bleve %g (ratio %g, others %g)", q, ix.cat.Docs[doc].ID, g, w, g/w, ratio)
			}
		}
	}
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

// A bounded listCache starts over rather than grow past its budget.
func TestListCacheBudget(t *testing.T) {
	c := listCache{budget: 12 * 10} // ten postings
	c.put("a", list{docs: make([]int32, 6), score: make([]float64, 6)})
	c.put("b", list{docs: make([]int32, 4), score: make([]float64, 4)})
	if _, ok := c.get("a"); !ok {
		t.Fatal("a gone while within budget")
	}
	c.put("c", list{docs: make([]int32, 1), score: make([]float64, 1)})
	if _, ok := c.get("a"); ok {
		t.Error("a kept past the budget")
	}
	if l, ok := c.get("c"); !ok || len(l.docs) != 1 {
		t.Error("c not cached after starting over")
	}
	var unbounded listCache
	for i := range 1000 {
		unbounded.put(fmt.Sprint(i), list{docs: make([]int32, 100), score: make([]float64, 100)})
	}
	if _, ok := unbounded.get("0"); !ok {
		t.Error("an unbounded cache dropped a list")
	}
}
