package markdown

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode"
)

func TestSqueeze(t *testing.T) {
	tests := []struct {
		in    string
		out   string
		words int
	}{
		{"", "", 0},
		{"  \n\t ", "", 0},
		{"jeden", "jeden", 1},
		{"  Współpraca  z\nsamorządem\t", "Współpraca z samorządem", 3},
		{"rok 2024 – koniec", "rok 2024 – koniec", 2}, // a number or a dash alone is not a word
		{"a\u00a0b\u2003c", "a b c", 3},               // non-ASCII spaces too
		{"ł ó-ż 3D", "ł ó-ż 3D", 3},
	}
	for _, tt := range tests {
		if got := squeeze([]byte(tt.in)); got != tt.out {
			t.Errorf("squeeze(%q) = %q; want %q", tt.in, got, tt.out)
		}
		var c wordCounter
		c.write([]byte(tt.in))
		c.end()
		if c.words != tt.words {
			t.Errorf("%q: %d words; want %d", tt.in, c.words, tt.words)
		}
	}
}

func BenchmarkSqueeze(b *testing.B) {
	var s []byte
	for range 200 {
		s = append(s, "Współpraca z  samorządem\n w ramach koalicji – 2024 r. "...)
	}
	b.SetBytes(int64(len(s)))
	scratch := make([]byte, len(s))
	for b.Loop() {
		copy(scratch, s) // squeeze works in place, as on collect's buffer
		squeeze(scratch)
	}
}

// Without search, conversion keeps no sections but counts the same words.
func TestNoSections(t *testing.T) {
	body := []byte("Wstęp o koalicjach.\n\n## Zalety\n\nCzłonkowie **współ**pracują – od 2024 r.\n\n### Ryzyka\n\nSpory.\n")
	opts := Options{Lang: "pl", RawHTML: "escape", Typographer: true, Strings: testStrings}
	with := New(opts).Convert(Input{File: "a.md", Body: body, BodyLine: 1}, nil)
	opts.NoSections = true
	without := New(opts).Convert(Input{File: "a.md", Body: body, BodyLine: 1}, nil)
	if len(with.Sections) != 3 || len(without.Sections) != 0 {
		t.Errorf("sections: %d with, %d without; want 3 and 0", len(with.Sections), len(without.Sections))
	}
	if with.Words != without.Words || with.Words != 10 {
		t.Errorf("words: %d with sections, %d without; want 10", with.Words, without.Words)
	}
	if with.HTML != without.HTML || len(with.TOC) != len(without.TOC) {
		t.Error("the HTML or the TOC depends on NoSections")
	}
	// The same counts over the bundled knowledge base.
	files, _ := filepath.Glob("../../content/*/*.md")
	if len(files) < 20 {
		t.Fatalf("only %d content files", len(files))
	}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		opts.NoSections = false
		with := New(opts).Convert(Input{File: f, Body: b, BodyLine: 1}, nil)
		opts.NoSections = true
		without := New(opts).Convert(Input{File: f, Body: b, BodyLine: 1}, nil)
		if with.Words != without.Words {
			t.Errorf("%s: %d words with sections, %d without", f, with.Words, without.Words)
		}
	}
}

// FuzzWordCounter holds the streaming count, for text written in any
// pieces, to the definition: fields between Unicode white space that hold
// a letter.
func FuzzWordCounter(f *testing.F) {
	for _, s := range []string{"", "a b", "Członkowie **współ**pracują – od 2024 r.", " \u00a0x\u2003y\n", "\xff a", "ą-ę 12 -"} {
		f.Add(s, uint8(3))
	}
	f.Fuzz(func(t *testing.T, s string, cut uint8) {
		var c wordCounter
		step := int(cut%7) + 1
		for i := 0; i < len(s); i += step {
			c.write([]byte(s[i:min(i+step, len(s))]))
		}
		c.end()
		want := 0
		for _, f := range strings.FieldsFunc(s, unicode.IsSpace) {
			if strings.IndexFunc(f, unicode.IsLetter) >= 0 {
				want++
			}
		}
		if c.words != want {
			t.Errorf("%q in pieces of %d: %d words, want %d", s, step, c.words, want)
		}
	})
}

func BenchmarkWordCount(b *testing.B) {
	text := []byte(strings.Repeat("Członkowie koalicji dzielą się zasobami, a łącznik – jak 2024 r. – pomaga. ", 100))
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		var c wordCounter
		c.write(text)
		c.end()
	}
}
