package search

import (
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/razem/razem/generator/analysis"
	"github.com/razem/razem/generator/polish"
)

// A query word looks for its own spelling and, when that is not the whole
// story, for the spellings it may stand for (see doc.go, "Query words"):
//
//   - exact: the word's spelling occurs in the corpus; its terms are those
//     of every spelling that folds to it, so inflected forms the corpus
//     has meet, with or without diacritics;
//   - prefix: the word begins other spellings. The last word of a query is
//     usually still being typed ("ambas" → ambasador), and a longer word
//     anywhere may head a compound ("wideo" → wideorozmowy). The prefix is
//     the whole word: dropping letters would make "lacznik" reach "łączny";
//   - ending: the word occurs nowhere and begins nothing, often a form the
//     corpus does not use ("samorzadowi"): the spellings that start with
//     the word less one, two or three letters of its ending, the fewest
//     that find some, stand in, as a stemmer would have it;
//   - typo: nor that: spellings within a small edit distance take its
//     place ("kodkes" → kodeks).
//
// "Finds nothing" means nothing in the reader's language: on a site in
// several languages, a word that another language happens to spell alike
// ("sponsoring" in Polish text, asked from an English page) still tries
// the other endings and corrections of the reader's own.
//
// Candidates are ranked by how many pages have them, then by key order, so
// both indexes pick the same ones from the same lexicon. Weights are
// percentages of an exact match's, applied to integer impacts: both paths
// compute every score in the same integer arithmetic.
const (
	weightExact    = 100
	weightTyping   = 60 // completions of the last word
	weightCompound = 30 // completions of another word
	weightEnding   = 50 // another ending of the word
	weightTypo1    = 50 // one edit away
	weightTypo2    = 35 // two edits away

	typingMinLen   = 2 // the last word is completed from this many letters on
	compoundMinLen = 5 // other words head compounds from this many letters on
	maxCompletions = 8 // spellings a word may be completed to
	endingMinLen   = 6 // words this long try other endings
	maxEndingDrop  = 3 // letters of the ending dropped at most (the rest keeps 4)
	typoMinLen     = 5 // words this long tolerate one edit
	typo2MinLen    = 8 // and this long two
	maxCorrections = 3 // spellings a word may be corrected to
	bucketLen      = 2 // corrections keep the first letters of the word
)

// weighted is one term a query word looks for, with its weight in percent.
type weighted struct {
	term string
	w    int32
}

// wordPlan is what one query word looks for.
type wordPlan struct {
	word  string     // the lowercased word as typed (for "ignored")
	key   string     // its folded spelling
	terms []weighted // sorted by term, each once, at its highest weight
}

// planQuery turns query text into one wordPlan per distinct word (at most
// MaxWords, stop words dropped), in order, and lists the words that look
// for nothing at all: they are ignored, not ANDed. a is the analysis of
// the reader's language, which splits the query and knows its stop words.
func planQuery(text string, a analysis.Analyzer, lex *lexicon) (plans []wordPlan, ignored []string) {
	words, keys := queryWords(text, a)
	own := termPrefix(a.Lang())
	for i, k := range keys {
		p := wordPlan{word: words[i], key: k}
		lex.expand(&p, i == len(keys)-1, own)
		if len(p.terms) == 0 {
			ignored = append(ignored, p.word)
			continue
		}
		plans = append(plans, p)
	}
	return plans, ignored
}

// queryWords splits a query as the text was split, keys each word as the
// lexicon is keyed (the word lowercased, elided where the language elides,
// folded), and keeps the first MaxWords distinct ones.
func queryWords(text string, a analysis.Analyzer) (words, keys []string) {
	for _, t := range a.Tokens(text) {
		if slices.Contains(keys, t.Fold) {
			continue
		}
		if len(keys) == MaxWords {
			break
		}
		words = append(words, string(polish.AppendLower(nil, text[t.Start:t.End])))
		keys = append(keys, t.Fold)
	}
	return words, keys
}

// termPrefix is what the terms of a language start with: its code and a
// colon, or nothing for Polish (see package analysis).
func termPrefix(lang string) string {
	if lang == analysis.Default {
		return ""
	}
	return lang + ":"
}

// termIn reports whether a term is of the language whose terms start with
// prefix. Polish terms carry no code: a term is Polish unless it starts
// with two or three lowercase letters and a colon.
func termIn(term, prefix string) bool {
	if prefix != "" {
		return strings.HasPrefix(term, prefix)
	}
	i := strings.IndexByte(term, ':')
	if i < 2 || i > 3 {
		return true
	}
	for _, c := range []byte(term[:i]) {
		if c < 'a' || c > 'z' {
			return true
		}
	}
	return false
}

// hasOwn reports whether p looks for a term of the reader's language.
func (p *wordPlan) hasOwn(prefix string) bool {
	for _, t := range p.terms {
		if termIn(t.term, prefix) {
			return true
		}
	}
	return false
}

// expand adds to p the terms of its exact spelling and its completions;
// failing both in the reader's language (whose terms start with own), of
// its other endings; failing those, of its corrections.
func (l *lexicon) expand(p *wordPlan, last bool, own string) {
	add := func(i int, w int32) {
		for _, t := range l.terms[i] {
			j, found := slices.BinarySearchFunc(p.terms, t, func(x weighted, t string) int { return strings.Compare(x.term, t) })
			switch {
			case !found:
				p.terms = slices.Insert(p.terms, j, weighted{t, w})
			case p.terms[j].w < w:
				p.terms[j].w = w
			}
		}
	}
	n := utf8.RuneCountInString(p.key)
	lo, hi := l.prefixed(p.key)
	if lo < hi && l.keys[lo] == p.key {
		add(lo, weightExact)
		lo++
	}
	if last && n >= typingMinLen || n >= compoundMinLen {
		w := int32(weightCompound)
		if last {
			w = weightTyping
		}
		for _, i := range l.top(lo, hi, maxCompletions, nil) {
			add(i, w)
		}
	}
	if p.hasOwn(own) {
		return
	}
	if n >= endingMinLen {
		r := []rune(p.key)
		for drop := 1; drop <= min(maxEndingDrop, n-4) && !p.hasOwn(own); drop++ {
			lo, hi := l.prefixed(string(r[:n-drop]))
			for _, i := range l.top(lo, hi, maxCompletions, nil) {
				add(i, weightEnding)
			}
		}
	}
	if p.hasOwn(own) || n < typoMinLen {
		return
	}
	d := 1
	if n >= typo2MinLen {
		d = 2
	}
	blo, bhi := l.prefixed(string([]rune(p.key)[:bucketLen]))
	dist := make(map[int]int)
	best := d + 1
	var ed editDistancer
	word := []rune(p.key)
	for i := blo; i < bhi; i++ {
		k := l.keys[i]
		if m := utf8.RuneCountInString(k); m < n-d || m > n+d {
			continue
		}
		if e := ed.distance(word, k, d); e <= d {
			dist[i] = e
			best = min(best, e)
		}
	}
	w := int32(weightTypo1)
	if best == 2 {
		w = weightTypo2
	}
	for _, i := range l.top(blo, bhi, maxCorrections, func(i int) bool { e, ok := dist[i]; return ok && e == best }) {
		add(i, w)
	}
}

// top returns up to n keys of [lo, hi) that pass keep (nil keeps all),
// most pages first, then in key order.
func (l *lexicon) top(lo, hi, n int, keep func(int) bool) []int {
	var out []int
	for i := lo; i < hi; i++ {
		if keep != nil && !keep(i) {
			continue
		}
		at := len(out)
		for at > 0 && l.df[out[at-1]] < l.df[i] {
			at--
		}
		if at < n {
			out = slices.Insert(out, at, i)
			if len(out) > n {
				out = out[:n]
			}
		}
	}
	return out
}

// editDistance is the optimal string alignment distance between a and b
// (insertions, deletions, substitutions and swaps of neighbours, by
// character), or max+1 when it exceeds max.
func editDistance(a, b string, max int) int {
	var ed editDistancer
	return ed.distance([]rune(a), b, max)
}

// editDistancer computes editDistance again and again without allocating:
// a typo is compared with every spelling of its first letters and about
// its length, hundreds on a large site, and three rows and a decoded
// spelling per comparison were most of a typo's planning.
type editDistancer struct {
	prev2, prev, cur []int
	y                []rune
}

func (ed *editDistancer) distance(x []rune, b string, max int) int {
	ed.y = ed.y[:0]
	for _, r := range b {
		ed.y = append(ed.y, r)
	}
	y := ed.y
	n := len(y) + 1
	if cap(ed.cur) < n {
		ed.prev2, ed.prev, ed.cur = make([]int, n), make([]int, n), make([]int, n)
	}
	prev2, prev, cur := ed.prev2[:n], ed.prev[:n], ed.cur[:n]
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(x); i++ {
		cur[0] = i
		low := cur[0]
		for j := 1; j <= len(y); j++ {
			cost := 1
			if x[i-1] == y[j-1] {
				cost = 0
			}
			v := min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && x[i-1] == y[j-2] && x[i-2] == y[j-1] {
				v = min(v, prev2[j-2]+1)
			}
			cur[j] = v
			low = min(low, v)
		}
		if low > max {
			return max + 1
		}
		prev2, prev, cur = prev, cur, prev2
	}
	if prev[len(y)] > max {
		return max + 1
	}
	return prev[len(y)]
}
