// Package glossary finds mentions of glossary terms in running text. Words
// are compared by their analysed keys (the same Polish stemming and folding
// search uses), so "koalicji" and "koalicjami" both mention "koalicja", and
// multi-word terms ("koalicja nieformalna") match word by word.
package glossary

import (
	"slices"
	"sort"
	"unicode"
	"unicode/utf8"

	"github.com/razem/razem/generator/analysis"
	"github.com/razem/razem/generator/markdown"
	"github.com/razem/razem/generator/site"
)

// Analyzer maps one word to the keys it matches by. Two words mention the
// same thing when their key sets intersect.
type Analyzer interface {
	Keys(word string) []string
}

// Term is one glossary entry.
type Term struct {
	Path       string // content path, the term's identity
	URL        string // output path of the term page
	Definition string
	Forms      []string // title and aliases
}

// Equal reports whether two terms are the same in every field.
func (t Term) Equal(u Term) bool {
	return t.Path == u.Path && t.URL == u.URL && t.Definition == u.Definition && slices.Equal(t.Forms, u.Forms)
}

type form struct {
	term  int
	words [][]string // keys of each word
}

// Index matches terms in text. It is read-only after New and safe for
// concurrent use.
type Index struct {
	a     Analyzer
	terms []Term
	first map[string][]int // key of a form's first word → form indexes
	forms []form
	// starts holds the first two folded letters of every form's first
	// word. Analysing a word costs far more than this lookup, and a word
	// that starts differently cannot share a stem with any term (Polish
	// inflection changes endings, not beginnings).
	starts map[string]bool
	// asciiStarts is starts for two ASCII letters, indexed by their folded
	// bytes: most words take this path, and an array beats the map.
	asciiStarts [128 * 128]bool
}

// New indexes terms.
func New(terms []Term, a Analyzer) *Index {
	ix := &Index{a: a, terms: terms, first: map[string][]int{}, starts: map[string]bool{}}
	for ti, t := range terms {
		for _, f := range t.Forms {
			var fw [][]string
			for j, w := range words(f) {
				if j == 0 {
					b, n := start(f[w[0]:w[1]])
					ix.starts[string(b[:n])] = true
					if n == 2 && b[0] < 128 && b[1] < 128 {
						ix.asciiStarts[int(b[0])*128+int(b[1])] = true
					}
				}
				fw = append(fw, a.Keys(f[w[0]:w[1]]))
			}
			if len(fw) == 0 || len(fw[0]) == 0 {
				continue
			}
			fi := len(ix.forms)
			ix.forms = append(ix.forms, form{term: ti, words: fw})
			for _, k := range fw[0] {
				ix.first[k] = append(ix.first[k], fi)
			}
		}
	}
	return ix
}

// words returns the byte ranges of the words in s.
func words(s string) [][2]int {
	var out [][2]int
	for i := 0; ; {
		start, end, ok := nextWord(s, i)
		if !ok {
			return out
		}
		out = append(out, [2]int{start, end})
		i = end
	}
}

// nextWord returns the byte range of the first word at or after i: letters
// and digits, with inner hyphens ("non-profit"). ASCII takes a fast path:
// this runs over every text node of every page.
func nextWord(s string, i int) (start, end int, ok bool) {
	// Skip to the first letter or digit (a hyphen starts no word).
	for i < len(s) {
		c := s[i]
		if c < utf8.RuneSelf {
			if asciiWord[c] {
				break
			}
			i++
			continue
		}
		isWord, size := wordRune(s, i)
		if isWord {
			break
		}
		i += size
	}
	if i == len(s) {
		return 0, 0, false
	}
	start = i
	// Then to the end of the letters, digits and hyphens.
	for i < len(s) {
		c := s[i]
		if c < utf8.RuneSelf {
			if !asciiWord[c] && c != '-' {
				break
			}
			i++
			continue
		}
		isWord, size := wordRune(s, i)
		if !isWord {
			break
		}
		i += size
	}
	end = i
	for end > start && s[end-1] == '-' { // a trailing hyphen is punctuation
		end--
	}
	return start, end, true
}

// wordRune reports whether the rune at s[i] (not ASCII) is a letter or a
// digit, and its size. Letters of U+00C0–U+017F (Polish ones among them)
// take a fast path: all but × and ÷ are letters, no decoding needed.
func wordRune(s string, i int) (bool, int) {
	if c := s[i]; c >= 0xC3 && c <= 0xC5 && i+1 < len(s) && s[i+1]&0xC0 == 0x80 {
		return !(c == 0xC3 && (s[i+1] == 0x97 || s[i+1] == 0xB7)), 2
	}
	r, size := utf8.DecodeRuneInString(s[i:])
	return unicode.IsLetter(r) || unicode.IsDigit(r), size
}

var asciiWord = func() (t [utf8.RuneSelf]bool) {
	for c := range t {
		t[c] = 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9'
	}
	return t
}()

func intersects(a, b []string) bool {
	for _, x := range a {
		for _, y := range b {
			if x == y {
				return true
			}
		}
	}
	return false
}

// Match returns term mentions in s, leftmost first, longest at a position.
// skip is the path of the term page being rendered (a term does not link
// to itself).
func (ix *Index) match(s, skip string) []Match {
	var out []Match
	var seen map[int]bool // forms tried at this position; cleared per position
	for i := 0; ; {
		start, end, ok := nextWord(s, i)
		if !ok {
			return out
		}
		i = end
		if !ix.mayStart(s[start:end]) {
			continue // most words: analysing them would cost far more
		}
		best, bestEnd := -1, 0
		if seen == nil {
			seen = map[int]bool{}
		}
		clear(seen)
		for _, k := range ix.a.Keys(s[start:end]) {
			for _, fi := range ix.first[k] {
				if seen[fi] {
					continue
				}
				seen[fi] = true
				f := ix.forms[fi]
				if ix.terms[f.term].Path == skip || best >= 0 && len(f.words) <= len(ix.forms[best].words) {
					continue
				}
				if e, ok := ix.rest(s, end, f.words[1:]); ok {
					best, bestEnd = fi, e
				}
			}
		}
		if best >= 0 {
			out = append(out, Match{Start: start, End: bestEnd, Term: ix.forms[best].term})
		}
	}
}

// rest matches the words of a form after its first, from s[i:], and
// returns where the last one ends.
func (ix *Index) rest(s string, i int, words [][]string) (int, bool) {
	for _, keys := range words {
		start, end, ok := nextWord(s, i)
		if !ok || !intersects(keys, ix.a.Keys(s[start:end])) {
			return 0, false
		}
		i = end
	}
	return i, true
}

// Match is a term mention: byte range and the index of the term.
type Match struct {
	Start, End int
	Term       int
}

// For returns the matcher for one page: it links from the page's URL and
// never to the page itself.
func (ix *Index) For(p *site.Page) markdown.TermMatcher { return pageMatcher{ix: ix, p: p} }

type pageMatcher struct {
	ix *Index
	p  *site.Page
}

func (m pageMatcher) Match(s string) []markdown.TermMatch {
	var out []markdown.TermMatch
	for _, mt := range m.ix.match(s, m.p.Path) {
		t := m.ix.terms[mt.Term]
		out = append(out, markdown.TermMatch{Start: mt.Start, End: mt.End, Term: t.Path, Href: site.Rel(m.p.URL, t.URL), Definition: t.Definition})
	}
	return out
}

// FromSite collects the terms of a site.
func FromSite(s *site.Site, termType string) []Term {
	var out []Term
	for _, p := range s.OfType(termType) {
		out = append(out, Term{Path: p.Path, URL: p.URL, Definition: p.Meta.Description, Forms: append([]string{p.Meta.Title}, p.Meta.Aliases...)})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Path < out[j].Path })
	return out
}

// mayStart reports whether a term's first word starts like w.
func (ix *Index) mayStart(w string) bool {
	if len(w) >= 2 && w[0] < utf8.RuneSelf && w[1] < utf8.RuneSelf { // most words: start's result, directly
		return ix.asciiStarts[int(lowerASCII(w[0]))*128+int(lowerASCII(w[1]))]
	}
	b, n := start(w)
	if n == 2 && b[0] < 128 && b[1] < 128 {
		return ix.asciiStarts[int(b[0])*128+int(b[1])]
	}
	return ix.starts[string(b[:n])] // no allocation: the compiler reads the bytes in place
}

func lowerASCII(c byte) byte {
	if 'A' <= c && c <= 'Z' {
		return c + 'a' - 'A'
	}
	return c
}

// start is the first two letters of a word, lowercased and with
// diacritics removed (Polish letters directly, others by analysis.Fold,
// so "Bücher" starts like "Buch"): the cheap test in front of the
// analyser.
func start(w string) ([8]byte, int) {
	var b [8]byte
	n, count := 0, 0
	for i := 0; i < len(w) && count < 2; count++ {
		if c := w[i]; c < utf8.RuneSelf {
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			b[n] = c
			n++
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(w[i:])
		i += size
		r = unicode.ToLower(r)
		switch r {
		case 'ą':
			r = 'a'
		case 'ć':
			r = 'c'
		case 'ę':
			r = 'e'
		case 'ł':
			r = 'l'
		case 'ń':
			r = 'n'
		case 'ó':
			r = 'o'
		case 'ś':
			r = 's'
		case 'ź', 'ż':
			r = 'z'
		default:
			if f := analysis.Fold(string(r)); f != "" {
				r, _ = utf8.DecodeRuneInString(f)
			}
		}
		n += utf8.EncodeRune(b[n:], r)
	}
	return b, n
}
