package search

import (
	"slices"
	"testing"

	"github.com/razem/razem/generator/analysis"
)

func TestEditDistance(t *testing.T) {
	for _, tt := range []struct {
		a, b string
		max  int
		want int
	}{
		{"koalicja", "koalicja", 2, 0},
		{"koalicija", "koalicja", 2, 1},      // one letter too many
		{"klawiatyra", "klawiatura", 2, 1},   // one wrong
		{"kodkes", "kodeks", 1, 1},           // neighbours swapped: one edit
		{"metrkyi", "metryki", 1, 1},         // swapped
		{"wypalneie", "wypalenie", 2, 1},     // swapped
		{"lacznik", "laczny", 2, 2},          // i→y, k dropped
		{"lacznik", "laczny", 1, 2},          // beyond max: max+1
		{"abc", "", 2, 3},                    // beyond max
		{"łącznik", "lacznik", 2, 2},         // by character, not by byte
		{"współpraca", "wspolpraca", 1, 2},   // ó, ł
		{"ab", "ba", 1, 1},                   // a swap
		{"organizacja", "organizacji", 1, 1}, // ending
	} {
		if got := editDistance(tt.a, tt.b, tt.max); got != tt.want {
			t.Errorf("editDistance(%q, %q, %d) = %d, want %d", tt.a, tt.b, tt.max, got, tt.want)
		}
	}
}

// planDocs has words that tempt a careless planner: łączny beside
// łącznik, compounds of wideo, a word on many pages and its rarer
// neighbours.
var planDocs = []Doc{
	{URL: "a/index.html", Title: "Łącznik", Type: "term", Body: "Łącznik łączy organizację z partnerem. Rola łącznika."},
	{URL: "b/index.html", Title: "Budżet", Type: "page", Body: "Łączny koszt i łączna kwota projektu."},
	{URL: "c/index.html", Title: "Wideorozmowy", Type: "module", Body: "Wideorozmowy i wideokonferencje zbliżają partnerów. Nagranie wideo."},
	{URL: "d/index.html", Title: "Koalicja", Type: "term", Body: "Koalicja to sojusz organizacji."},
	{URL: "e/index.html", Title: "Koalicje lokalne", Type: "module", Body: "Koalicje działają w gminach. Koalicja lokalna."},
	{URL: "f/index.html", Title: "Ambasadorzy", Type: "module", Body: "Ambasador i ambasadorka organizacji."},
}

func TestPlanQuery(t *testing.T) {
	c, err := NewCorpus(planDocs, analyzer(t))
	if err != nil {
		t.Fatal(err)
	}
	lex := &c.c.lex
	termsOf := func(keys ...string) []string {
		var out []string
		for _, k := range keys {
			ts, ok := lex.lookup(k)
			if !ok {
				t.Fatalf("no key %q", k)
			}
			out = append(out, ts...)
		}
		return out
	}
	for _, tt := range []struct {
		q       string
		word    int      // which word's plan
		has     []string // keys whose terms the word must look for
		weight  int32    // at this weight
		hasNot  []string // keys whose terms it must not look for
		ignored []string
	}{
		{q: "lacznik", has: []string{"lacznik", "lacznika"}, weight: weightExact, hasNot: []string{"laczny", "laczna"}},
		{q: "lacz", has: []string{"lacznik", "laczny", "laczna"}, weight: weightTyping},                 // typing: every completion
		{q: "ambas", has: []string{"ambasador", "ambasadorka"}, weight: weightTyping},                   // as you type
		{q: "wideo partner", has: []string{"wideorozmowy", "wideokonferencje"}, weight: weightCompound}, // compounds, not the last word
		{q: "koalicija", has: []string{"koalicja"}, weight: weightTypo1},                                // one edit away
		{q: "koalicjia lokalne", has: []string{"koalicja"}, weight: weightTypo1},
		{q: "zzzzzz koalicja", word: 0, has: []string{"koalicja"}, weight: weightExact, ignored: []string{"zzzzzz"}},
		{q: "k", ignored: []string{"k"}}, // one letter: not completed
	} {
		plans, ignored := planQuery(tt.q, analysis.Polish(analyzer(t)), lex)
		if !slices.Equal(ignored, tt.ignored) {
			t.Errorf("%q: ignored %q, want %q", tt.q, ignored, tt.ignored)
		}
		if tt.has == nil {
			if len(plans) != 0 {
				t.Errorf("%q: plans %+v, want none", tt.q, plans)
			}
			continue
		}
		p := plans[tt.word]
		weight := map[string]int32{}
		for _, w := range p.terms {
			weight[w.term] = w.w
		}
		for _, term := range termsOf(tt.has...) {
			if weight[term] < tt.weight {
				t.Errorf("%q: term %q at weight %d, want at least %d (plan %+v)", tt.q, term, weight[term], tt.weight, p.terms)
			}
		}
		for _, term := range termsOf(tt.hasNot...) {
			if _, ok := weight[term]; ok && !slices.Contains(termsOf(tt.has...), term) {
				t.Errorf("%q: looks for %q (plan %+v)", tt.q, term, p.terms)
			}
		}
		if !slices.IsSortedFunc(p.terms, func(a, b weighted) int { return cmpString(a.term, b.term) }) {
			t.Errorf("%q: terms not sorted: %+v", tt.q, p.terms)
		}
	}
}

func cmpString(a, b string) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// Completions and corrections are the most common spellings, then the
// first in key order, at most the limit.
func TestLexiconTop(t *testing.T) {
	l := lexicon{keys: []string{"a", "b", "c", "d", "e"}, df: []int32{3, 5, 5, 1, 9}}
	if got := l.top(0, 5, 3, nil); !slices.Equal(got, []int{4, 1, 2}) {
		t.Errorf("top 3 = %v, want [4 1 2]", got)
	}
	if got := l.top(0, 5, 10, func(i int) bool { return i != 4 }); !slices.Equal(got, []int{1, 2, 0, 3}) {
		t.Errorf("top without e = %v, want [1 2 0 3]", got)
	}
}
