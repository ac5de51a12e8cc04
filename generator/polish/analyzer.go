package polish

import (
	"fmt"
	"sort"
	"strings"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/analysis/lang/pl"
)

// Analyzer is razem's Polish analysis. Build one with New and share it: it is
// safe for concurrent use, and its word cache makes it faster the more it is
// used.
type Analyzer struct {
	stems stemmer
	stops map[string]bool // folded stop words
	cache *wordCache
}

// Token is one word of analysed text.
type Token struct {
	Start, End int    // byte offsets of the word in the analysed text
	Position   int    // 1-based word position; stop words keep their numbers, so gaps show where they were
	Fold       string // the word lowercased and folded: "współpracy" → "wspolpracy"
	// Terms are the index terms of the word: fold(stem(word)) and, when it
	// differs, fold(stem(fold(word))). Two terms per word let a query typed
	// with or without diacritics meet the text either way. Terms are always
	// folded. The slice is shared and must not be modified.
	Terms []string
}

// New loads the Stempel table (once per process) and builds an Analyzer.
func New() (*Analyzer, error) {
	trie, err := loadTrie()
	if err != nil {
		return nil, fmt.Errorf("polish: load stempel table: %w", err)
	}
	return &Analyzer{
		stems: stemmer{trie: trie, overrides: overrideTable()},
		stops: foldedStopWords(),
		cache: newWordCache(),
	}, nil
}

// Tokens splits text into words (see scan: Unicode word boundaries, as the
// browser's search client splits them too), drops stop words, and analyses
// each word.
func (a *Analyzer) Tokens(text string) []Token {
	spans := scan(text)
	out := make([]Token, 0, len(spans))
	var buf []byte
	for i, s := range spans {
		buf = lowerInto(buf[:0], text[s.start:s.end])
		info := a.wordBytes(buf)
		if info.stop {
			continue
		}
		out = append(out, Token{Start: s.start, End: s.end, Position: i + 1, Fold: info.fold, Terms: info.terms})
	}
	return out
}

// Words returns the lowercased words of text that are not stop words, in
// order. It is how a query string is split into words: exactly as Tokens
// splits the text that was indexed.
func (a *Analyzer) Words(text string) []string {
	spans := scan(text)
	out := make([]string, 0, len(spans))
	var buf []byte
	for _, s := range spans {
		buf = lowerInto(buf[:0], text[s.start:s.end])
		if !a.wordBytes(buf).stop {
			out = append(out, string(buf))
		}
	}
	return out
}

// Terms returns the index terms of one lowercased word (see Token.Terms), or
// nil for a stop word.
func (a *Analyzer) Terms(word string) []string {
	return a.word(word).terms
}

// LexiconForms lists every word form of the domain lexicon (overrides.go),
// sorted. The static search dictionary adds them, so a form that the
// content never uses (Białystok, when the text says „w Białymstoku”) is
// still found without a stemmer in the browser.
func (a *Analyzer) LexiconForms() []string {
	out := make([]string, 0, len(a.stems.overrides))
	for f := range a.stems.overrides {
		out = append(out, f)
	}
	sort.Strings(out)
	return out
}

// IsStop reports whether a lowercased word is a stop word. Stop words are
// matched after folding, so "bedzie" is one just like "będzie"; the static
// search client can then test a typed word with nothing but fold + lookup.
func (a *Analyzer) IsStop(word string) bool {
	return a.word(word).stop
}

// StopWords returns the folded stop words, sorted.
func (a *Analyzer) StopWords() []string {
	return sortedKeys(a.stops)
}

func (a *Analyzer) word(w string) *wordInfo {
	return a.cache.get([]byte(w), a.analyseWord)
}

func (a *Analyzer) wordBytes(w []byte) *wordInfo {
	return a.cache.get(w, a.analyseWord)
}

// analyseWord is the dual stem/fold filter for one word. Stempel knows
// inflected forms with diacritics ("współpracy") but guesses on folded ones
// ("wspolpracy"), while text may be written either way; indexing both
// fold(stem(w)) and stem(fold(w)) makes the two spellings meet. The second
// term is folded as well (SEARCH.md left it unfolded): Stempel's guesses
// often add diacritics (samorzad→samorzeć), and folding them costs no recall
// while halving the term count of listed words, whose two terms become one.
func (a *Analyzer) analyseWord(w string) *wordInfo {
	f := Fold(w)
	if a.stops[f] {
		return &wordInfo{fold: f, stop: true}
	}
	t1 := Fold(a.stems.stem(w))
	t2 := Fold(a.stems.stem(f))
	if t1 == t2 {
		return &wordInfo{fold: f, terms: []string{t1}}
	}
	return &wordInfo{fold: f, terms: []string{t1, t2}}
}

// foldedStopWords is bleve's Polish stop list plus the folded spelling of
// every entry, since learners type "bedzie" as often as "będzie".
func foldedStopWords() map[string]bool {
	tm := analysis.NewTokenMap()
	if err := tm.LoadBytes(pl.PolishStopWords); err != nil {
		panic(err) // embedded constant data; cannot fail
	}
	out := make(map[string]bool, len(tm))
	for w := range tm {
		out[Fold(strings.ToLower(w))] = true
	}
	return out
}

// SameWord reports whether two tokens are forms of one word: whether they
// share an index term. It is the glossary auto-linker's test, so that a
// term page for "koalicja" links "koalicji" and "koalicjami" in the text.
func SameWord(x, y Token) bool {
	for _, a := range x.Terms {
		for _, b := range y.Terms {
			if a == b {
				return true
			}
		}
	}
	return false
}
