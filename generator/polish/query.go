package polish

import (
	"sort"
)

// Term is one index term that a query word should match, with the weight
// its matches carry relative to the word's own terms.
type Term struct {
	Text   string
	Weight float64
}

// Query term weights. The word's own terms, typed or folded, count fully; a
// term reached only by guessing diacritics counts a little less, so that of
// two readings of "sad" the one the learner may have meant is not pushed
// below the one found by guessing. Prefix matches (WeightPrefix) are added by
// package search, which has the index's dictionary.
const (
	WeightExact    = 1.0
	WeightRestored = 0.8
	WeightPrefix   = 0.3
)

// QueryTerms returns the terms one query word should match, best first: the
// terms of the word as typed, of its folded spelling, and of the spellings
// obtained by restoring diacritics to its last letters (restorations). The
// caller keeps only terms that exist in its index. A stop word has no terms.
func (a *Analyzer) QueryTerms(word string) []Term {
	w := a.lowerWord(word)
	info := a.word(w)
	if info.stop || w == "" {
		return nil
	}
	best := map[string]float64{}
	add := func(terms []string, weight float64) {
		for _, t := range terms {
			if best[t] < weight {
				best[t] = weight
			}
		}
	}
	add(info.terms, WeightExact)
	add(a.Terms(info.fold), WeightExact)
	for _, v := range restorations(info.fold) {
		add(a.Terms(v), WeightRestored)
	}
	out := make([]Term, 0, len(best))
	for t, wt := range best {
		out = append(out, Term{Text: t, Weight: wt})
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Weight != out[j].Weight {
			return out[i].Weight > out[j].Weight
		}
		return out[i].Text < out[j].Text
	})
	return out
}

// lowerWord lowercases a word exactly as the indexing pipeline does.
func (a *Analyzer) lowerWord(word string) string {
	return string(lowerInto(nil, word))
}

// diacritics lists, for each letter, the Polish letters that fold to it.
var diacritics = map[rune][]rune{
	'a': {'ą'}, 'c': {'ć'}, 'e': {'ę'}, 'l': {'ł'}, 'n': {'ń'},
	'o': {'ó'}, 's': {'ś'}, 'z': {'ź', 'ż'},
}

// restorations returns the spellings of a folded word with Polish diacritics
// put back on one or two of its last three letters: samorzad → samorząd,
// ambasadorow → ambasadorów, wartosc → wartość. Learners drop diacritics
// everywhere, but Stempel mostly needs them in the ending, where the
// inflection is; restoring only there keeps the number of guesses small
// (at most a dozen), and guesses that are not words find no term in the
// index and fall away.
func restorations(folded string) []string {
	r := []rune(folded)
	if len(r) < 3 {
		return nil
	}
	start := len(r) - 3
	var out []string
	var walk func(from, left int)
	walk = func(from, left int) {
		if left == 0 {
			return
		}
		for i := from; i < len(r); i++ {
			orig := r[i]
			for _, d := range diacritics[orig] {
				r[i] = d
				out = append(out, string(r))
				walk(i+1, left-1)
			}
			r[i] = orig
		}
	}
	walk(start, 2)
	return out
}
