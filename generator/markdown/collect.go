package markdown

import (
	"strings"
	"unicode"

	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
)

// collect fills the TOC, ids, plain-text sections and word count from the
// final AST. Trainer notes are left out of search: learners should not land
// on text they cannot see.
func collect(doc ast.Node, src []byte, out *Output) {
	sec := &Section{}
	var b strings.Builder
	flush := func() {
		fields := strings.Fields(b.String())
		sec.Text = strings.Join(fields, " ")
		out.Words += countWords(fields) + countWords(strings.Fields(sec.Heading))
		if sec.Text != "" || sec.Heading != "" {
			out.Sections = append(out.Sections, *sec)
		}
		b.Reset()
	}
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if id, ok := n.AttributeString("id"); ok && entering {
			if s, ok := id.([]byte); ok {
				out.IDs[string(s)] = true
			}
		}
		switch n := n.(type) {
		case *Callout:
			out.ForTrainers = out.ForTrainers || n.Marker == "trainer" || n.Marker == "answer"
			if n.Marker == "trainer" {
				return ast.WalkSkipChildren, nil
			}
		case *ast.Heading:
			if !entering {
				return ast.WalkContinue, nil
			}
			id, _ := n.AttributeString("id")
			ids, _ := id.([]byte)
			t := plainText(n, src)
			if n.Level <= 3 && n.Level >= 2 {
				out.TOC = append(out.TOC, Heading{Level: n.Level, ID: string(ids), Text: t})
				flush()
				sec = &Section{Anchor: string(ids), Heading: t}
				return ast.WalkSkipChildren, nil
			}
		case *ast.Text:
			if entering {
				b.Write(n.Segment.Value(src))
				if n.SoftLineBreak() || n.HardLineBreak() {
					b.WriteByte(' ')
				}
			}
		case *ast.String:
			if entering {
				b.Write(n.Value)
			}
		case *ast.AutoLink:
			if entering {
				b.Write(n.Label(src))
				b.WriteByte(' ')
			}
		case *east.TaskCheckBox:
		default:
			if n.Type() == ast.TypeBlock && !entering {
				b.WriteByte(' ')
			}
		}
		return ast.WalkContinue, nil
	})
	flush()
}

// countWords counts the fields that contain a letter (a dash or a number
// alone is not a word for reading time).
func countWords(fields []string) int {
	n := 0
	for _, f := range fields {
		if strings.IndexFunc(f, unicode.IsLetter) >= 0 {
			n++
		}
	}
	return n
}

// plainText is the text content of a node (heading titles, slide titles).
func plainText(n ast.Node, src []byte) string {
	var b strings.Builder
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch c := c.(type) {
		case *ast.Text:
			b.Write(c.Segment.Value(src))
			if c.SoftLineBreak() {
				b.WriteByte(' ')
			}
		case *ast.String:
			b.Write(c.Value)
		case *TermLink:
			b.WriteString(c.Word)
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
	return strings.TrimSpace(b.String())
}
