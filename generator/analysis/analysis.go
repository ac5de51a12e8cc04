package analysis

import (
	"strings"
	"sync"

	"github.com/razem/razem/generator/polish"
)

// Token is one analysed word: its byte range, its position, its key (Fold)
// and its terms. Every language returns this shape.
type Token = polish.Token

// Analyzer is the analysis of one language. Implementations are safe for
// concurrent use.
type Analyzer interface {
	// Lang is the language's ISO 639-1 code.
	Lang() string
	// Tokens splits text into words, drops stop words and analyses the
	// rest: Token.Fold is the word's key, Token.Terms its index terms.
	Tokens(text string) []Token
	// Terms returns the index terms of one lowercased word, nil for a stop
	// word.
	Terms(word string) []string
	// Keys calls fn for every word of text, stop words included, with its
	// byte range and key (Token.Fold); key is valid only during the call.
	Keys(text string, fn func(start, end int, key []byte))
	// StopWords returns the folded stop words, sorted.
	StopWords() []string
	// Rules says what the language does to a lowercased word before it is
	// folded into its key, for the browser's search client to do alike.
	Rules() Rules
	// LexiconForms lists word forms the search dictionary should hold
	// although the text may not use them (Polish: the domain lexicon).
	LexiconForms() []string
}

// Rules are the steps between a lowercased word and its key, as the
// browser's search client repeats them (meta.js): bleve's English
// possessive filter, its elision filters, its Turkish apostrophe filter,
// and its CJK bigrams.
type Rules struct {
	Possessive bool     `json:"poss,omitempty"` // drop a final 's or ’s
	Elision    []string `json:"el,omitempty"`   // drop one of these articles before ' or ’
	Apostrophe bool     `json:"apos,omitempty"` // drop everything from the first ' or ’
	// Bigrams splits each run of Han, Hiragana, Katakana and Hangul
	// letters in a word into the overlapping pairs of its letters (a lone
	// letter stays one), as bleve's cjk analyzer does: Chinese and Japanese
	// do not put spaces between words.
	Bigrams bool `json:"cjk,omitempty"`
}

// Default is the language of a page or query that names none: razem's
// default content language.
const Default = "pl"

// Code normalises a language tag to the code analyzers are known by:
// lowercase, the primary subtag only ("pt-BR" → "pt"), and Norwegian
// Bokmål and Nynorsk as Norwegian. "" is Default.
func Code(tag string) string {
	tag = strings.ToLower(tag)
	if i := strings.IndexAny(tag, "-_"); i >= 0 {
		tag = tag[:i]
	}
	switch tag {
	case "":
		return Default
	case "nb", "nn":
		return "no"
	}
	return tag
}

// Set gives the analyzer of each language, built on first use: a site
// pays only for the languages it has. It is safe for concurrent use.
type Set struct {
	mu    sync.Mutex
	pl    *polish.Analyzer
	langs map[string]Analyzer
}

// NewSet returns an empty set. pl, if not nil, is the Polish analysis to
// use (loading Stempel takes about 80 ms: share one); otherwise the set
// loads one when Polish is first asked for.
func NewSet(pl *polish.Analyzer) *Set {
	return &Set{pl: pl, langs: map[string]Analyzer{}}
}

// For returns the analyzer of a language (see Code). Only loading the
// Polish analysis can fail.
func (s *Set) For(lang string) (Analyzer, error) {
	code := Code(lang)
	s.mu.Lock()
	defer s.mu.Unlock()
	if a, ok := s.langs[code]; ok {
		return a, nil
	}
	var a Analyzer
	if code == "pl" {
		if s.pl == nil {
			pl, err := polish.New()
			if err != nil {
				return nil, err
			}
			s.pl = pl
		}
		a = Polish(s.pl)
	} else {
		a = newChain(code)
	}
	s.langs[code] = a
	return a, nil
}

// Polish returns razem's Polish analysis as an Analyzer. Its terms are
// polish.Analyzer's, unprefixed; its keys are folded by Fold, which for
// Polish text is polish.Fold.
func Polish(a *polish.Analyzer) Analyzer { return polishLang{a} }

type polishLang struct{ a *polish.Analyzer }

var _ Analyzer = polishLang{}

func (polishLang) Lang() string { return "pl" }

func (p polishLang) Tokens(text string) []Token {
	toks := p.a.Tokens(text)
	for i := range toks {
		if !isASCII(toks[i].Fold) { // Polish letters are ASCII once folded: only other scripts
			toks[i].Fold = Fold(toks[i].Fold)
		}
	}
	return toks
}

func (p polishLang) Terms(word string) []string { return p.a.Terms(word) }

func (p polishLang) Keys(text string, fn func(start, end int, key []byte)) {
	p.a.Keys(text, func(start, end int, key []byte) {
		if !isASCII(string(key)) { // no allocation: the compiler converts in place
			key = []byte(Fold(string(key)))
		}
		fn(start, end, key)
	})
}

func (p polishLang) StopWords() []string    { return p.a.StopWords() }
func (polishLang) Rules() Rules             { return Rules{} }
func (p polishLang) LexiconForms() []string { return p.a.LexiconForms() }
