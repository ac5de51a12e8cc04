package markdown

import (
	"html"
	"strconv"

	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// TermMatch is a mention of a glossary term in a run of text.
type TermMatch struct {
	Start, End int    // byte offsets in the text
	Term       string // the term's identity (its content path)
	Href       string
	Definition string
}

// KindTermLink is the node kind of TermLink.
var KindTermLink = ast.NewNodeKind("TermLink")

// TermLink is the first mention of a glossary term on a page: a link to the
// term with its short definition as an accessible tooltip.
type TermLink struct {
	ast.BaseInline
	Word       string
	Href       string
	Definition string
	N          int // tooltip number on the page, for unique ids
}

// Kind implements ast.Node.
func (*TermLink) Kind() ast.NodeKind { return KindTermLink }

// Dump implements ast.Node.
func (t *TermLink) Dump(src []byte, level int) {
	ast.DumpHelper(t, src, level, map[string]string{"Word": t.Word, "Href": t.Href}, nil)
}

// glossaryTransformer links the first mention of each term. It skips
// headings, links, code, images and trainer notes, where a link would be
// wrong or noisy.
type glossaryTransformer struct{}

func (glossaryTransformer) Transform(doc *ast.Document, reader text.Reader, pc parser.Context) {
	st := stateOf(pc)
	if st.in.Terms == nil {
		return
	}
	src := reader.Source()
	seen := map[string]bool{}
	var texts []*ast.Text
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.Heading, *ast.Link, *ast.AutoLink, *ast.Image, *ast.CodeSpan, *ast.CodeBlock,
			*ast.FencedCodeBlock, *ast.HTMLBlock, *ast.RawHTML, *east.TaskCheckBox, *TermLink:
			return ast.WalkSkipChildren, nil
		case *Callout:
			if n.Marker == "trainer" {
				return ast.WalkSkipChildren, nil
			}
		case *ast.Text:
			texts = append(texts, n)
		}
		return ast.WalkContinue, nil
	})
	texts = mergeTexts(texts)
	count := 0
	for _, t := range texts {
		if t.IsRaw() {
			continue
		}
		// One match per text node: the mentions after a link are those of
		// the text after it, as the match moves left to right.
		s := string(t.Segment.Value(src))
		off := 0 // s[:off] is split off already
		for _, m := range st.in.Terms.Match(s) {
			if seen[m.Term] || m.Start < off || m.End > len(s) || m.Start >= m.End {
				continue
			}
			seen[m.Term] = true
			count++
			st.out.Terms = append(st.out.Terms, m.Term)
			m.Start, m.End = m.Start-off, m.End-off
			t = splitText(t, t.Segment, m, count, s[off:])
			off += m.End
		}
	}
}

// mergeTexts joins each text node to the one before it when they are
// adjacent in the source and nothing (a line break) lies between: how
// goldmark cuts a run of text depends on its inline parsers (GFM's linkify
// cuts at every space), and a term of two words must be found either way.
// It returns the nodes left.
func mergeTexts(texts []*ast.Text) []*ast.Text {
	out := texts[:0]
	for _, t := range texts {
		if n := len(out); n > 0 {
			prev := out[n-1]
			if ast.Node(prev) == t.PreviousSibling() && prev.Segment.Stop == t.Segment.Start &&
				!prev.SoftLineBreak() && !prev.HardLineBreak() && !prev.IsRaw() && !t.IsRaw() {
				prev.Segment = prev.Segment.WithStop(t.Segment.Stop)
				prev.SetSoftLineBreak(t.SoftLineBreak())
				prev.SetHardLineBreak(t.HardLineBreak())
				t.Parent().RemoveChild(t.Parent(), t)
				continue
			}
		}
		out = append(out, t)
	}
	return out
}

// splitText replaces the matched part of t with a TermLink and returns the
// text node after it.
func splitText(t *ast.Text, seg text.Segment, m TermMatch, n int, s string) *ast.Text {
	parent := t.Parent()
	before := ast.NewTextSegment(text.NewSegment(seg.Start, seg.Start+m.Start))
	after := ast.NewTextSegment(text.NewSegment(seg.Start+m.End, seg.Stop))
	after.SetSoftLineBreak(t.SoftLineBreak())
	after.SetHardLineBreak(t.HardLineBreak())
	link := &TermLink{Word: s[m.Start:m.End], Href: m.Href, Definition: m.Definition, N: n}
	link.AppendChild(link, ast.NewTextSegment(text.NewSegment(seg.Start+m.Start, seg.Start+m.End)))
	parent.InsertBefore(parent, t, before)
	parent.InsertBefore(parent, t, link)
	parent.ReplaceChild(parent, t, after)
	return after
}

type glossaryRenderer struct{}

func (glossaryRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(KindTermLink, func(w util.BufWriter, _ []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
		t := n.(*TermLink)
		if !entering {
			return ast.WalkContinue, nil
		}
		id := "term-tip-" + strconv.Itoa(t.N)
		// The tooltip is a sibling of the link, not a child, so the link's
		// accessible name stays the word itself; aria-describedby reads the
		// definition to screen readers, CSS shows it on hover and focus.
		_, _ = w.WriteString(`<span class="term"><a class="term-link" href="` + html.EscapeString(t.Href) +
			`" aria-describedby="` + id + `">` + html.EscapeString(t.Word) + `</a><span class="term-tip" role="tooltip" id="` +
			id + `">` + html.EscapeString(t.Definition) + `</span></span>`)
		return ast.WalkSkipChildren, nil
	})
}
