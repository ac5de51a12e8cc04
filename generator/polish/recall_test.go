package polish

import (
	"fmt"
	"strings"
	"testing"
)

// strategy gives the terms a query word looks for and the terms a text word
// is indexed under; a query finds a text word when the two share a term, or,
// with prefix set, by the prefix fallback of package search.
type strategy struct {
	name   string
	query  func(a *Analyzer, q string) []string
	text   func(a *Analyzer, d string) []string
	prefix bool
}

func rawStempel(a *Analyzer, w string) []string {
	return []string{string(stempelDiff(a, []rune(w)))}
}

func queryTerms(a *Analyzer, q string) []string {
	var out []string
	for _, t := range a.QueryTerms(q) {
		out = append(out, t.Text)
	}
	return out
}

// prefixOf is the prefix fallback of package search, reduced to one word:
// a query of six or more letters also finds words starting with all but its
// last two letters (folded). It returns "" for shorter words.
func prefixOf(q string) string {
	fq := []rune(Fold(q))
	if len(fq) < 6 {
		return ""
	}
	return string(fq[:len(fq)-2])
}

var strategies = []strategy{
	{"bleve pl (Stempel alone)", rawStempel, rawStempel, false},
	{"dual stem/fold + lexicon", (*Analyzer).Terms, (*Analyzer).Terms, false},
	{"+ diacritic restoration", queryTerms, (*Analyzer).Terms, false},
	{"+ prefix fallback", queryTerms, (*Analyzer).Terms, true},
}

type recall struct{ hits, pairs, falseHits, falsePairs int }

func (r recall) rate() float64 { return float64(r.hits) / float64(r.pairs) }

func (r recall) String() string { return fmt.Sprintf("%5.1f%%", 100*r.rate()) }

type form struct {
	paradigm int
	word     string
	folded   string
	terms    []int // interned, so that a million pairs compare quickly
}

func forms(a *Analyzer, ps []paradigm, terms func(*Analyzer, string) []string, fold bool, ids map[string]int) []form {
	var out []form
	for i, p := range ps {
		for _, w := range p.forms {
			if fold {
				w = Fold(w)
			}
			f := form{paradigm: i, word: w, folded: Fold(w)}
			for _, t := range terms(a, w) {
				if _, ok := ids[t]; !ok {
					ids[t] = len(ids)
				}
				f.terms = append(f.terms, ids[t])
			}
			out = append(out, f)
		}
	}
	return out
}

func shareInt(x, y []int) bool {
	for _, a := range x {
		for _, b := range y {
			if a == b {
				return true
			}
		}
	}
	return false
}

// measure counts, for every ordered pair of distinct forms of one paradigm,
// whether the query form (with diacritics, or folded when fold is set)
// finds the written form; and, across paradigms, how many pairs of
// different words meet.
func measure(a *Analyzer, s strategy, ps []paradigm, fold bool) recall {
	var r recall
	ids := map[string]int{}
	queries := forms(a, ps, s.query, fold, ids)
	texts := forms(a, ps, s.text, false, ids)
	for _, q := range queries {
		prefix := ""
		if s.prefix {
			prefix = prefixOf(q.word)
		}
		for _, d := range texts {
			hit := shareInt(q.terms, d.terms) ||
				(prefix != "" && strings.HasPrefix(d.folded, prefix))
			switch {
			case q.paradigm != d.paradigm:
				r.falsePairs++
				if hit {
					r.falseHits++
				}
			case q.word != d.word:
				r.pairs++
				if hit {
					r.hits++
				}
			}
		}
	}
	return r
}

// TestRecall reports recall over the hand-written paradigms (run with -v to
// see the table) and guards the figures against regressions.
func TestRecall(t *testing.T) {
	a := analyzer(t)
	lex, _ := parseLexicon(lexicon)
	var tuned []paradigm
	for _, p := range paradigms {
		if _, ok := lex[p.lemma]; ok {
			tuned = append(tuned, p)
		}
	}
	var untuned []paradigm
	for _, p := range paradigms {
		if _, ok := lex[p.lemma]; !ok {
			untuned = append(untuned, p)
		}
	}
	untuned = append(untuned, generalParadigms...)
	sets := []struct {
		name string
		ps   []paradigm
	}{
		{"all", append(append([]paradigm(nil), paradigms...), generalParadigms...)},
		{"lexicon words", tuned},
		{"words not in lexicon", untuned},
	}
	for _, set := range sets {
		n := 0
		for _, p := range set.ps {
			n += len(p.forms)
		}
		t.Logf("%s: %d paradigms, %d forms", set.name, len(set.ps), n)
		t.Logf("  %-28s %10s %10s %s", "strategy", "diacritics", "folded", "false matches")
		for _, s := range strategies {
			with := measure(a, s, set.ps, false)
			without := measure(a, s, set.ps, true)
			t.Logf("  %-28s %10s %10s %d/%d", s.name, with, without, with.falseHits+without.falseHits, with.falsePairs+without.falsePairs)
		}
	}
	// Regression guards, a little under the figures measured when the
	// lexicon was written (see the report in -v output).
	all := sets[0].ps
	for _, g := range []struct {
		s        strategy
		fold     bool
		min      float64
		maxFalse int
	}{
		{strategies[2], false, 0.93, 5},
		{strategies[2], true, 0.92, 5},
		{strategies[3], false, 0.97, 1500},
		{strategies[3], true, 0.97, 1500},
	} {
		r := measure(a, g.s, all, g.fold)
		if r.rate() < g.min || r.falseHits > g.maxFalse {
			t.Errorf("%s (folded queries %v): recall %s, %d false matches; want at least %.0f%% and at most %d",
				g.s.name, g.fold, r, r.falseHits, 100*g.min, g.maxFalse)
		}
	}
}

// TestStempelOnDomainWords prints (with -v) every paradigm whose forms
// Stempel alone stems apart, with diacritics or folded, and whether the
// lexicon covers it. It is how the lexicon was found: a paradigm printed
// without "(lexicon)" is a candidate for it.
func TestStempelOnDomainWords(t *testing.T) {
	a := analyzer(t)
	lex, _ := parseLexicon(lexicon)
	for _, p := range append(append([]paradigm(nil), paradigms...), generalParadigms...) {
		stems := map[string][]string{}
		for _, f := range p.forms {
			for _, w := range []string{f, Fold(f)} {
				s := Fold(rawStempel(a, w)[0])
				stems[s] = append(stems[s], w)
			}
		}
		if len(stems) > 1 {
			note := ""
			if _, ok := lex[p.lemma]; ok {
				note = " (lexicon)"
			}
			t.Logf("%s%s: %d stems %v", p.lemma, note, len(stems), stems)
		}
	}
}
