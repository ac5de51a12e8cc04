package markdown

import (
	"strings"
	"testing"

	"github.com/razem/razem/generator/diag"
)

// Shapes that take goldmark quadratic time are errors at their line, and
// the document is not parsed: 100,000 nested list markers took 20 s.
// Ordinary nesting passes. The timing itself is BenchmarkTooDeep's.
func TestNestingLimit(t *testing.T) {
	c := New(Options{Lang: "pl", RawHTML: "escape"})
	indented := func(n int) string {
		var b strings.Builder
		for i := range n {
			b.WriteString(strings.Repeat("  ", i) + "- x\n")
		}
		return b.String()
	}
	for _, tc := range []struct{ name, body, want string }{
		{"markers on a line", "Tekst.\n\n" + strings.Repeat("- ", 100000) + "x\n", "x.md:5:1: lists and block quotes nested deeper than 100 levels; razem does not read deeper nesting"},
		{"quotes on a line", strings.Repeat("> ", 101) + "x\n", "x.md:3:1: lists and block quotes nested deeper than 100 levels; razem does not read deeper nesting"},
		{"items indented", indented(5000), "x.md:103:1: lists and block quotes nested deeper than 100 levels; razem does not read deeper nesting"},
		{"mixed", strings.Repeat("> 1. ", 51) + "x\n", "x.md:3:1: lists and block quotes nested deeper than 100 levels; razem does not read deeper nesting"},
		{"brackets", strings.Repeat("[a](", 20000) + "\n", "x.md:3:1: more than 1000 [ on one line; razem does not read lines with more"},
		{"deep but allowed", strings.Repeat("- ", 100) + "x\n" + indented(99) + strings.Repeat("[a](b) ", 1000), ""},
	} {
		var l diag.List
		out := c.Convert(Input{File: "x.md", Body: []byte(tc.body), BodyLine: 3}, &l)
		if got := strings.TrimSpace(diag.Format(l.Sorted())); got != tc.want {
			t.Errorf("%s:\n got %s\nwant %s", tc.name, got, tc.want)
		}
		if tc.want == "" && !strings.Contains(string(out.HTML), "<li>") {
			t.Errorf("%s: not converted", tc.name)
		}
	}
}

// BenchmarkTooDeep is the document: 100,000 nested list markers
// (20 s before the limit).
func BenchmarkTooDeep(b *testing.B) {
	c := New(Options{Lang: "pl", RawHTML: "escape"})
	body := []byte(strings.Repeat("- ", 100000) + "x\n")
	for b.Loop() {
		c.Convert(Input{File: "x.md", Body: body}, &diag.List{})
	}
}
