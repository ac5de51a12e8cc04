package search

import (
	"html"
	"strings"

	"github.com/razem/razem/generator/analysis"
)

// Snippet shape, in bytes of body text: the window around the best match
// and how much of it comes before the match. The static client uses the
// same numbers (meta.js) so that both show similar snippets.
const (
	snippetLen    = 180
	snippetBefore = 40
)

// word is one word of a body, with the query words it matches as bits.
type word struct {
	start, end int
	hits       uint64
}

// keyHits maps the key (folded spelling) of every corpus word that has a
// term of query word i to bit i. A body word matches a query word exactly
// when its analysis shares a term with it, and every body word is a corpus
// word, so looking its key up here is the same test as analysing it, at a
// fraction of the cost.
func (ix *Index) keyHits(plans []wordPlan) map[string]uint64 {
	m := map[string]uint64{}
	inverse := ix.keysOf()
	for i, p := range plans {
		bit := uint64(1) << (i % 64)
		add := func(term string) {
			for _, k := range inverse[term] {
				m[ix.lex.keys[k]] |= bit
			}
		}
		for _, t := range p.terms {
			add(t.term)
		}
	}
	return m
}

// makeSnippet returns an HTML-escaped excerpt of body with query matches
// wrapped in <mark>. The excerpt is the window of about snippetLen bytes
// that contains the most distinct query words, then the most matches, then
// comes first; a section that matched by title or heading only shows its
// beginning. a is the analysis of the page's language, which keys the
// body's words as the lexicon has them.
func makeSnippet(a analysis.Analyzer, body string, hits map[string]uint64) string {
	var words []word
	a.Keys(body, func(start, end int, key []byte) {
		words = append(words, word{start, end, hits[string(key)]})
	})
	start, end := bestWindow(body, words)
	var b strings.Builder
	if start > 0 {
		b.WriteString("… ")
	}
	pos := start
	for _, m := range markRanges(words, start, end) {
		b.WriteString(html.EscapeString(body[pos:m[0]]))
		b.WriteString("<mark>")
		b.WriteString(html.EscapeString(body[m[0]:m[1]]))
		b.WriteString("</mark>")
		pos = m[1]
	}
	b.WriteString(html.EscapeString(body[pos:end]))
	if end < len(body) {
		b.WriteString(" …")
	}
	return b.String()
}

// markRanges are the byte ranges to mark in [start, end): the matching
// words, those that overlap or touch joined into one (CJK text is keyed by
// overlapping pairs of letters; other words never touch).
func markRanges(words []word, start, end int) [][2]int {
	var out [][2]int
	for _, w := range words {
		if w.hits == 0 || w.start < start || w.end > end {
			continue
		}
		if n := len(out); n > 0 && w.start <= out[n-1][1] {
			out[n-1][1] = max(out[n-1][1], w.end)
			continue
		}
		out = append(out, [2]int{w.start, w.end})
	}
	return out
}

// bestWindow chooses the byte range [start, end) of the snippet. Windows
// start snippetBefore bytes before a matching token, snapped to the start
// of a token, and end at the last token that fits in snippetLen.
func bestWindow(body string, words []word) (start, end int) {
	bestStart, bestWords, bestCount := 0, -1, -1
	for i := range words {
		if words[i].hits == 0 {
			continue
		}
		s := windowStart(words, i)
		e := s + snippetLen
		var seen uint64
		count := 0
		for j := i; j < len(words) && words[j].end <= e; j++ {
			seen |= words[j].hits
			if words[j].hits != 0 {
				count++
			}
		}
		n := popcount(seen)
		if n > bestWords || (n == bestWords && count > bestCount) {
			bestStart, bestWords, bestCount = s, n, count
		}
	}
	return bestStart, windowEnd(body, words, bestStart)
}

// windowStart is the start of the first word at most snippetBefore bytes
// before word i (0 when the window would reach the start of the body).
func windowStart(words []word, i int) int {
	limit := words[i].start - snippetBefore
	if limit <= 0 {
		return 0
	}
	j := i
	for j > 0 && words[j-1].start >= limit {
		j--
	}
	return words[j].start
}

// windowEnd is the end of the last word that ends within snippetLen bytes
// of start, or the end of body if all of it fits.
func windowEnd(body string, words []word, start int) int {
	if len(body)-start <= snippetLen {
		return len(body)
	}
	end := start
	for _, w := range words {
		if w.start >= start && w.end <= start+snippetLen {
			end = w.end
		}
	}
	if end == start { // one giant token: cut inside it, on a character boundary
		return len(truncate(body, start+snippetLen))
	}
	return end
}

func popcount(x uint64) int {
	n := 0
	for ; x != 0; x &= x - 1 {
		n++
	}
	return n
}
