package page_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/razem/razem/generator/diag"
	"github.com/razem/razem/generator/markdown"
	"github.com/razem/razem/generator/page"
)

// FuzzParsePage feeds arbitrary files through front matter parsing and
// Markdown conversion (with exercises on): author input must never panic.
// Seeded from the bundled content.
func FuzzParsePage(f *testing.F) {
	seeds, _ := filepath.Glob("../../content/*/*.md")
	for i, s := range seeds {
		if i%3 == 0 { // a third of the content is plenty of shapes
			if b, err := os.ReadFile(s); err == nil {
				f.Add(b)
			}
		}
	}
	for _, s := range []string{
		"---\ntitle: x\n---\n", "+++\ntitle = 1\n+++\n", "---\n- a\n---\n", "---\ntitle: [\n---\n",
		"---\nfigures: [{value: 1}]\nsteps: 3\n---\n> [!NOTE]-\n", "## Q\n- [x] a\n  > b\n> c\n",
		"> [!TIP]\n", "[a](b.md#c) ![](x.png) [^1]\n\n[^1]: y", "\xff\xfe---\n", "---\r\ntitle: x\r\n---\r\n",
		"{\n\"title\": \"x\"\n}\nTekst.\n", "{\"title\": \"x\", \"title\": 1}", "{\n\"title\": [\n", "\n\n---\ntitle: a\ntitle: b\n---\n",
		"- - - - - - - - x\n", "> > > 1. - x\n",
	} {
		f.Add([]byte(s))
	}
	conv := markdown.New(markdown.Options{Lang: "pl", RawHTML: "escape", Typographer: true})
	f.Fuzz(func(t *testing.T, src []byte) {
		var l diag.List
		p := page.Parse("cwiczenia/x.md", "content/cwiczenia/x.md", src, "pl", nil, &l)
		conv.Convert(markdown.Input{File: p.File, Body: p.Body, BodyLine: p.BodyLine, Exercise: true}, &l)
		for _, d := range l.Sorted() {
			if d.Pos.Line < 0 || d.Pos.Col < 0 {
				t.Errorf("bad position in %v", d)
			}
		}
	})
}
