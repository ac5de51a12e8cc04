package analysis

import (
	"bytes"
	"sort"
	"strings"
	"sync"
	"unicode"

	"github.com/blevesearch/bleve/v2/analysis"

	"github.com/razem/razem/generator/polish"
)

// chain analyses one language with bleve's pieces (see langs.go): each
// word, lowercased, goes through the language's pre-filters (possessive,
// elision, apostrophe), is folded into its key and checked against the
// folded stop words, then through its normalizers and stemmer.
type chain struct {
	code   string
	prefix string // "de:", put in front of every term
	rules  Rules
	pre    []analysis.TokenFilter
	stem   []analysis.TokenFilter
	stops  map[string]bool // folded
	cache  wordCache
}

var _ Analyzer = (*chain)(nil)

// newChain builds the analysis of a language other than Polish from its
// spec (langs.go), or the generic one for a language bleve lacks.
func newChain(code string) *chain {
	sp := specFor(code)
	c := &chain{code: code, prefix: code + ":", rules: sp.rules, stem: sp.stem, stops: map[string]bool{}}
	c.cache.m = map[string]*wordInfo{}
	if sp.rules.Possessive {
		c.pre = append(c.pre, possessiveFilter())
	}
	if len(sp.rules.Elision) > 0 {
		c.pre = append(c.pre, elisionFilter(sp.rules.Elision))
	}
	if sp.rules.Apostrophe {
		c.pre = append(c.pre, apostropheFilter())
	}
	if sp.stop != nil {
		tm := analysis.NewTokenMap()
		if err := tm.LoadBytes(sp.stop); err != nil {
			panic(err) // bleve's embedded constant data; cannot fail
		}
		for w := range tm {
			if w = strings.TrimSpace(w); w != "" {
				c.stops[Fold(string(polish.AppendLower(nil, w)))] = true
			}
		}
	}
	return c
}

func (c *chain) Lang() string { return c.code }

// wordInfo is what the analysis derives from one lowercased word; shared
// through the cache, never modified.
type wordInfo struct {
	key   string
	stop  bool
	terms []string
}

func (c *chain) Tokens(text string) []Token {
	var out []Token
	var buf []byte
	pos := 0
	c.split(text, func(start, end int) {
		pos++
		buf = polish.AppendLower(buf[:0], text[start:end])
		info := c.word(buf)
		if !info.stop {
			out = append(out, Token{Start: start, End: end, Position: pos, Fold: info.key, Terms: info.terms})
		}
	})
	return out
}

func (c *chain) Terms(word string) []string { return c.word([]byte(word)).terms }

func (c *chain) Keys(text string, fn func(start, end int, key []byte)) {
	var buf []byte
	c.split(text, func(start, end int) {
		buf = polish.AppendLower(buf[:0], text[start:end])
		fn(start, end, []byte(c.word(buf).key))
	})
}

// split calls fn with the words of text: the scanner's (polish.Split),
// or with Bigrams their CJK runs as pairs (see Rules.Bigrams).
func (c *chain) split(text string, fn func(start, end int)) {
	if !c.rules.Bigrams {
		polish.Split(text, fn)
		return
	}
	polish.Split(text, func(start, end int) { bigrams(text[:end], start, fn) })
}

// bigrams splits the word text[start:] into the runs of CJK letters, each
// as its overlapping pairs (a run of one letter alone), and the parts
// between them, each whole.
func bigrams(text string, start int, fn func(start, end int)) {
	var letters []int // starts of the current run's letters
	flush := func(end int) {
		if len(letters) == 1 {
			fn(letters[0], end)
		}
		for i := 0; i+1 < len(letters); i++ {
			e := end
			if i+2 < len(letters) {
				e = letters[i+2]
			}
			fn(letters[i], e)
		}
		letters = letters[:0]
	}
	other := -1 // start of the current part that is not CJK
	for i, r := range text[start:] {
		i += start
		if isCJK(r) {
			if other >= 0 {
				fn(other, i)
				other = -1
			}
			letters = append(letters, i)
			continue
		}
		if len(letters) > 0 {
			flush(i)
		}
		if other < 0 {
			other = i
		}
	}
	if other >= 0 {
		fn(other, len(text))
	}
	flush(len(text))
}

// isCJK reports whether r is a letter of the scripts bleve's cjk analyzer
// pairs: Han, Hiragana, Katakana, Hangul, and the prolonged sound mark,
// which both kana use.
func isCJK(r rune) bool {
	return r >= 0x1100 && (r == 0x30FC || unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana, unicode.Hangul))
}

func (c *chain) StopWords() []string {
	out := make([]string, 0, len(c.stops))
	for w := range c.stops {
		out = append(out, w)
	}
	sort.Strings(out)
	return out
}

func (c *chain) Rules() Rules           { return c.rules }
func (c *chain) LexiconForms() []string { return nil }

func (c *chain) word(w []byte) *wordInfo {
	c.cache.mu.RLock()
	info, ok := c.cache.m[string(w)]
	c.cache.mu.RUnlock()
	if ok {
		return info
	}
	key := string(w)
	info = c.analyse(key)
	c.cache.mu.Lock()
	if len(c.cache.m) < maxCachedWords {
		c.cache.m[key] = info
	}
	c.cache.mu.Unlock()
	return info
}

// analyse is one word's analysis. As in the Polish analysis, a word has
// the terms of its spelling and of its folded spelling, so that text
// written without accents (common in Romanian) meets text written with
// them, and the terms are folded.
func (c *chain) analyse(w string) *wordInfo {
	w = run(c.pre, w)
	key := Fold(w)
	if key == "" || c.stops[key] {
		return &wordInfo{key: key, stop: true}
	}
	t1 := c.prefix + Fold(c.stemOf(w))
	t2 := c.prefix + Fold(c.stemOf(key))
	if t1 == t2 {
		return &wordInfo{key: key, terms: []string{t1}}
	}
	return &wordInfo{key: key, terms: []string{t1, t2}}
}

// stemOf runs the normalizers and the stemmer over one word. Words without
// letters (numbers, codes) are kept whole, as the Polish analysis keeps
// them; so is a word the stemmer would leave empty.
func (c *chain) stemOf(w string) string {
	if len(c.stem) == 0 || strings.IndexFunc(w, unicode.IsLetter) < 0 {
		return w
	}
	if s := run(c.stem, w); s != "" {
		return s
	}
	return w
}

// run passes one word through bleve token filters.
func run(filters []analysis.TokenFilter, w string) string {
	if len(filters) == 0 {
		return w
	}
	ts := analysis.TokenStream{{Term: []byte(w), Start: 0, End: len(w), Position: 1, Type: analysis.AlphaNumeric}}
	for _, f := range filters {
		ts = f.Filter(ts)
		if len(ts) == 0 {
			return ""
		}
	}
	return string(bytes.Clone(ts[0].Term))
}

// wordCache memoises wordInfo per lowercased word, bounded so that a
// pathological input cannot grow it without limit.
type wordCache struct {
	mu sync.RWMutex
	m  map[string]*wordInfo
}

const maxCachedWords = 1 << 20
