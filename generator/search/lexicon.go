package search

import (
	"slices"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/razem/razem/generator/analysis"
)

// lexicon maps the folded spelling of every word in the corpus to the index
// terms of all its spellings: "wspolpracy" → the terms of "współpracy". It
// is the dictionary of the static index, and the server answers corpus
// words from the same table, so that both find the same terms for them
// (see doc.go, "Query terms").
type lexicon struct {
	keys  []string   // folded spellings, in keyLess order
	terms [][]string // terms[i] belong to keys[i], sorted
	// df[i] is how many pages have a term of keys[i]: the most pages any
	// of its terms is on. Completions and corrections of a query word are
	// ranked by it.
	df []int32
}

// buildLexicon merges the spellings collected by analyse's workers, and
// adds the forms of the analyzers' lexicons (the Polish domain lexicon)
// whose terms occur in the corpus: the browser has no stemmer, so a form
// the content never uses must be in the dictionary to be found.
func buildLexicon(entries []entry, docs []analysed, terms *termTable, parts []map[string][]string, an []analysis.Analyzer) lexicon {
	forms := map[string][]string{}
	for _, part := range parts {
		for k, ts := range part {
			forms[k] = union(forms[k], ts)
		}
	}
	// pages: on how many pages each term is (entries come in page order).
	// Every numbered term occurs in some section, so terms.lookup tells
	// which terms are known.
	type seen struct{ last, pages int32 }
	pages := make([]seen, len(terms.names))
	for i := range pages {
		pages[i].last = -1
	}
	for i := range docs {
		pg := int32(entries[i].page)
		for f := range fields {
			for id := range docs[i].field(f).all() {
				if s := &pages[id]; s.last != pg {
					s.last, s.pages = pg, s.pages+1
				}
			}
		}
	}
	for _, a := range an {
		for _, f := range a.LexiconForms() {
			var ts []string
			for _, t := range a.Terms(f) {
				if _, ok := terms.lookup(t); ok {
					ts = append(ts, t)
				}
			}
			if len(ts) > 0 {
				k := analysis.Fold(f)
				forms[k] = union(forms[k], ts)
			}
		}
	}
	lex := lexicon{keys: make([]string, 0, len(forms))}
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
	lex.setDF(func(t string) int {
		if id, ok := terms.lookup(t); ok {
			return int(pages[id].pages)
		}
		return 0
	})
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

// prefixed returns the range [lo, hi) of keys that start with prefix.
func (l *lexicon) prefixed(prefix string) (lo, hi int) {
	lo = l.lowerBound(prefix)
	hi = lo
	for hi < len(l.keys) && strings.HasPrefix(l.keys[hi], prefix) {
		hi++
	}
	return lo, hi
}

// setDF fills df from the number of pages each term is on.
func (l *lexicon) setDF(pages func(term string) int) {
	l.df = make([]int32, len(l.keys))
	for i, ts := range l.terms {
		for _, t := range ts {
			l.df[i] = max(l.df[i], int32(pages(t)))
		}
	}
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
