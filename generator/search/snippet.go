package search

import (
	"html"
	"strings"

	"github.com/razem/razem/generator/polish"
)

// Snippet shape, in bytes of body text: the window around the best match
// and how much of it comes before the match. The static client uses the
// same numbers (meta.js) so that both show similar snippets.
const (
	snippetLen    = 180
	snippetBefore = 40
)

// makeSnippet returns an HTML-escaped excerpt of body with query matches
// wrapped in <mark>. A token matches when one of its terms is a term of a
// query word (prefix terms included). The excerpt is the window of about
// snippetLen bytes that contains the most distinct query words, then the
// most matches, then comes first; a section that matched by title or
// heading only shows its beginning.
func makeSnippet(body string, toks []polish.Token, plans []wordPlan) string {
	wordOf := map[string]uint64{}
	for i, p := range plans {
		bit := uint64(1) << (i % 64)
		for _, t := range p.terms {
			wordOf[t.Text] |= bit
		}
		for _, t := range p.prefix {
			wordOf[t] |= bit
		}
	}
	hits := make([]uint64, len(toks)) // per token: the query words it matches
	for i, t := range toks {
		for _, term := range t.Terms {
			hits[i] |= wordOf[term]
		}
	}
	start, end := bestWindow(body, toks, hits)
	var b strings.Builder
	if start > 0 {
		b.WriteString("… ")
	}
	pos := start
	for i, t := range toks {
		if hits[i] == 0 || t.Start < start || t.End > end {
			continue
		}
		b.WriteString(html.EscapeString(body[pos:t.Start]))
		b.WriteString("<mark>")
		b.WriteString(html.EscapeString(body[t.Start:t.End]))
		b.WriteString("</mark>")
		pos = t.End
	}
	b.WriteString(html.EscapeString(body[pos:end]))
	if end < len(body) {
		b.WriteString(" …")
	}
	return b.String()
}

// bestWindow chooses the byte range [start, end) of the snippet. Windows
// start snippetBefore bytes before a matching token, snapped to the start
// of a token, and end at the last token that fits in snippetLen.
func bestWindow(body string, toks []polish.Token, hits []uint64) (start, end int) {
	bestStart, bestWords, bestCount := 0, -1, -1
	for i := range toks {
		if hits[i] == 0 {
			continue
		}
		s := windowStart(toks, i)
		e := s + snippetLen
		var words uint64
		count := 0
		for j := i; j < len(toks) && toks[j].End <= e; j++ {
			words |= hits[j]
			if hits[j] != 0 {
				count++
			}
		}
		n := popcount(words)
		if n > bestWords || (n == bestWords && count > bestCount) {
			bestStart, bestWords, bestCount = s, n, count
		}
	}
	if bestWords < 0 {
		bestStart = 0
	}
	return bestStart, windowEnd(body, toks, bestStart)
}

// windowStart is the start of the first token at most snippetBefore bytes
// before token i (0 when the window would reach the start of the body).
func windowStart(toks []polish.Token, i int) int {
	limit := toks[i].Start - snippetBefore
	if limit <= 0 {
		return 0
	}
	j := i
	for j > 0 && toks[j-1].Start >= limit {
		j--
	}
	return toks[j].Start
}

// windowEnd is the end of the last token that ends within snippetLen bytes
// of start, or the end of body if all of it fits.
func windowEnd(body string, toks []polish.Token, start int) int {
	if len(body)-start <= snippetLen {
		return len(body)
	}
	end := start
	for _, t := range toks {
		if t.Start >= start && t.End <= start+snippetLen {
			end = t.End
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
