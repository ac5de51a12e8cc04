package search

import (
	"slices"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/razem/razem/generator/polish"
)

// lexicon maps the folded spelling of every word in the corpus to the index
// terms of all its spellings: "wspolpracy" → the terms of "współpracy". It
// is the dictionary of the static index, and the server answers corpus
// words from the same table, so that both find the same terms for them
// (see doc.go, "Query terms").
type lexicon struct {
	keys  []string   // folded spellings, in keyLess order
	terms [][]string // terms[i] belong to keys[i], sorted
	known map[string]bool
}

// buildLexicon merges the spellings collected by analyse's workers, and
// adds the forms of the domain lexicon whose terms occur in the corpus:
// the browser has no stemmer, so a form the content never uses must be in
// the dictionary to be found.
func buildLexicon(docs []analysed, parts []map[string][]string, a *polish.Analyzer) lexicon {
	forms := map[string][]string{}
	for _, part := range parts {
		for k, ts := range part {
			forms[k] = union(forms[k], ts)
		}
	}
	known := map[string]bool{}
	for i := range docs {
		for f := range docs[i].fields {
			for _, t := range docs[i].fields[f].terms {
				known[t.term] = true
			}
		}
	}
	if a != nil {
		for _, f := range a.LexiconForms() {
			var ts []string
			for _, t := range a.Terms(f) {
				if known[t] {
					ts = append(ts, t)
				}
			}
			if len(ts) > 0 {
				k := polish.Fold(f)
				forms[k] = union(forms[k], ts)
			}
		}
	}
	lex := lexicon{keys: make([]string, 0, len(forms)), known: known}
	for k := range forms {
		lex.keys = append(lex.keys, k)
	}
	sortKeys(lex.keys) // sort for determinism, and for binary search
	lex.terms = make([][]string, len(lex.keys))
	for i, k := range lex.keys {
		ts := slices.Clone(forms[k])
		sort.Strings(ts)
		lex.terms[i] = ts
	}
	return lex
}

// lookup returns the terms of a folded spelling found in the corpus.
func (l *lexicon) lookup(key string) ([]string, bool) {
	i := l.lowerBound(key)
	if i < len(l.keys) && l.keys[i] == key {
		return l.terms[i], true
	}
	return nil, false
}

func (l *lexicon) lowerBound(key string) int {
	return sort.Search(len(l.keys), func(i int) bool { return !keyLess(l.keys[i], key) })
}

// prefixTerms returns the terms of the first maxPrefixKeys corpus spellings
// that start with prefix, sorted and without repeats.
func (l *lexicon) prefixTerms(prefix string) []string {
	var out []string
	for i, n := l.lowerBound(prefix), 0; i < len(l.keys) && n < maxPrefixKeys && strings.HasPrefix(l.keys[i], prefix); i, n = i+1, n+1 {
		out = union(out, l.terms[i])
	}
	out = slices.Clone(out)
	sort.Strings(out)
	return out
}

// Prefix fallback parameters (see doc.go, "Query terms"); the static client
// reads them from meta.js.
const (
	prefixMinLen  = 6  // words shorter than this (in letters) get no prefix fallback
	prefixDrop    = 2  // letters cut from the end of the word to make the prefix
	maxPrefixKeys = 50 // spellings a prefix may expand to, in key order
)

// wordPlan is what one query word looks for.
type wordPlan struct {
	word   string        // the folded word, as the static client sees it
	terms  []polish.Term // sorted by Text
	prefix []string      // prefix-fallback terms (weight polish.WeightPrefix), sorted, none in terms
}

// planQuery turns query text into one wordPlan per distinct word (at most
// MaxWords), in order. Stop words are dropped. A corpus word takes its terms
// from the lexicon, as the static client does; any other word is analysed
// here, with diacritic restoration, and keeps the terms that exist in the
// index.
func planQuery(text string, a *polish.Analyzer, lex *lexicon) []wordPlan {
	var plans []wordPlan
	seen := map[string]bool{}
	for _, w := range a.Words(text) {
		k := polish.Fold(w)
		if seen[k] {
			continue
		}
		seen[k] = true
		if len(plans) == MaxWords {
			break
		}
		p := wordPlan{word: k}
		if ts, ok := lex.lookup(k); ok {
			for _, t := range ts {
				p.terms = append(p.terms, polish.Term{Text: t, Weight: polish.WeightExact})
			}
		} else {
			for _, t := range a.QueryTerms(w) {
				if lex.known[t.Text] {
					p.terms = append(p.terms, t)
				}
			}
			sort.Slice(p.terms, func(i, j int) bool { return p.terms[i].Text < p.terms[j].Text })
		}
		if n := utf8.RuneCountInString(k); n >= prefixMinLen {
			r := []rune(k)
			for _, t := range lex.prefixTerms(string(r[:n-prefixDrop])) {
				if !slices.ContainsFunc(p.terms, func(x polish.Term) bool { return x.Text == t }) {
					p.prefix = append(p.prefix, t)
				}
			}
		}
		plans = append(plans, p)
	}
	return plans
}

// keyLess orders strings by UTF-16 code units, the order of JavaScript's <,
// so that the static client can binary-search the keys Go sorted. It
// differs from Go's byte order only between characters above U+FFFF and
// those in U+E000–U+FFFF.
func keyLess(a, b string) bool {
	for a != "" && b != "" {
		if a[0] < utf8.RuneSelf && b[0] < utf8.RuneSelf {
			if a[0] != b[0] {
				return a[0] < b[0]
			}
			a, b = a[1:], b[1:]
			continue
		}
		ra, na := utf8.DecodeRuneInString(a)
		rb, nb := utf8.DecodeRuneInString(b)
		if ra != rb {
			return utf16Lead(ra) < utf16Lead(rb) || (utf16Lead(ra) == utf16Lead(rb) && ra < rb)
		}
		a, b = a[na:], b[nb:]
	}
	return len(a) < len(b)
}

// utf16Lead is the first UTF-16 code unit of r.
func utf16Lead(r rune) rune {
	if r < 0x10000 {
		return r
	}
	return 0xD800 + (r-0x10000)>>10
}

func sortKeys(keys []string) {
	sort.Slice(keys, func(i, j int) bool { return keyLess(keys[i], keys[j]) })
}
