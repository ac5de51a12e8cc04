package polish

import (
	"testing"
	"unicode/utf8"
)

// FuzzTokens checks that any text, valid UTF-8 or not, analyses without
// panicking into tokens that lie inside it, in order, on character
// boundaries, with folded terms.
func FuzzTokens(f *testing.F) {
	for _, s := range []string{"Współpraca z samorządem", "crowdsourcing'u 3,5 a.b.c", "ŁÓDŹ\xff\xfe", "ΣΟΦΙΑΣ", "e\u0301", "_x_ ..."} {
		f.Add(s)
	}
	a, err := New()
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, text string) {
		prev := 0
		for _, tok := range a.Tokens(text) {
			if tok.Start < prev || tok.End <= tok.Start || tok.End > len(text) {
				t.Fatalf("token [%d,%d) after %d in %q", tok.Start, tok.End, prev, text)
			}
			if utf8.ValidString(text) && (!utf8.RuneStart(text[tok.Start]) || (tok.End < len(text) && !utf8.RuneStart(text[tok.End]))) {
				t.Fatalf("token [%d,%d) splits a character of %q", tok.Start, tok.End, text)
			}
			if len(tok.Terms) == 0 {
				t.Fatalf("token %q has no terms", text[tok.Start:tok.End])
			}
			prev = tok.End
		}
		a.QueryTerms(text)
		a.Keys(text, func(start, end int, key []byte) {
			if start < 0 || end > len(text) || start >= end {
				t.Fatalf("key [%d,%d) in %q", start, end, text)
			}
		})
	})
}
