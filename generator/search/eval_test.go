package search

import (
	"context"
	"math"
	"path/filepath"
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
	r, err := ix.adv.Reader()
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	ctx := context.Background()
	s, err := bleveQuery(plans).Searcher(ctx, r, ix.idx.Mapping(), search.SearcherOptions{})
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
		out[int(ix.byNum[dm.IndexInternalID.Value()])] = dm.Score
		sctx.DocumentMatchPool.Put(dm)
	}
}

// TestEvaluateMatchesBleve checks that evaluate finds the sections bleve's
// searchers find for bleveQuery, with the same scores up to bleve's query
// normalisation (one factor per query).
func TestEvaluateMatchesBleve(t *testing.T) {
	a := analyzer(t)
	docs := contentDocs(t)
	dir := filepath.Join(t.TempDir(), "bleve")
	if err := WriteIndex(dir, docs, a); err != nil {
		t.Fatal(err)
	}
	ix, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	queries := []string{"koalicji", "wspolpraca z samorzadem", "umow", "partnerstwa lokalne", "ambasadorami", "crowdsourcing"}
	for _, q := range corpusQueries(t, docs, 60) {
		queries = append(queries, q.Q)
	}
	for _, q := range queries {
		plans := planQuery(q, a, &ix.lex)
		want := bleveScores(t, ix, plans)
		got := map[int]float64{}
		r, _ := ix.adv.Reader()
		matches, err := ix.evaluate(context.Background(), r, plans, new(arena))
		r.Close()
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
