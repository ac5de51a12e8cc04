package markdown

import (
	"html"
	"regexp"
	"strings"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// KindCallout is the node kind of a callout.
var KindCallout = ast.NewNodeKind("Callout")

// Callout is a blockquote that starts with a marker such as [!TIP]: a note,
// tip, warning, trainer note or model answer.
type Callout struct {
	ast.BaseBlock
	Marker string // lowercase marker: note, tip, warning, important, trainer, answer
	Title  string
	Fold   byte // '-' collapsed, '+' open, 0 not collapsible
	Line   int  // body-relative line of the marker, for diagnostics
	salt   string
}

// Kind implements ast.Node.
func (*Callout) Kind() ast.NodeKind { return KindCallout }

// Dump implements ast.Node.
func (c *Callout) Dump(src []byte, level int) {
	ast.DumpHelper(c, src, level, map[string]string{"Marker": c.Marker, "Title": c.Title}, nil)
}

// calloutKinds are the markers razem knows.
var calloutKinds = map[string]bool{"note": true, "tip": true, "warning": true, "important": true, "caution": true, "trainer": true, "answer": true}

var calloutRe = regexp.MustCompile(`^\[!([A-Za-z]+)\]([+-]?)[ \t]*(.*)$`)

// calloutTransformer turns marked blockquotes into Callout nodes.
type calloutTransformer struct{}

func (calloutTransformer) Transform(doc *ast.Document, reader text.Reader, pc parser.Context) {
	st := stateOf(pc)
	src := reader.Source()
	var quotes []*ast.Blockquote
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if q, ok := n.(*ast.Blockquote); ok && entering {
			quotes = append(quotes, q)
		}
		return ast.WalkContinue, nil
	})
	for _, q := range quotes {
		para, ok := q.FirstChild().(*ast.Paragraph)
		if !ok || para.Lines().Len() == 0 {
			continue
		}
		first := para.Lines().At(0)
		m := calloutRe.FindSubmatch(bytesTrimRight(first.Value(src)))
		if m == nil {
			continue
		}
		kind := strings.ToLower(string(m[1]))
		line := st.lineOf(first.Start)
		if !calloutKinds[kind] {
			st.errorf(line, st.colOf(first.Start), "unknown callout [!%s]; use NOTE, TIP, WARNING, IMPORTANT, TRAINER or ANSWER", m[1])
			continue
		}
		c := &Callout{Marker: kind, Title: strings.TrimSpace(string(m[3])), Line: line, salt: st.salt}
		if len(m[2]) > 0 {
			c.Fold = m[2][0]
		}
		dropFirstLine(para, first.Stop)
		if para.ChildCount() == 0 {
			q.RemoveChild(q, para)
		}
		for q.FirstChild() != nil {
			child := q.FirstChild()
			q.RemoveChild(q, child)
			c.AppendChild(c, child)
		}
		q.Parent().ReplaceChild(q.Parent(), q, c)
	}
}

// dropFirstLine removes the inline nodes of a paragraph's first line (the
// callout marker), keeping everything after it.
func dropFirstLine(para *ast.Paragraph, stop int) {
	for c := para.FirstChild(); c != nil; {
		next := c.NextSibling()
		t, isText := c.(*ast.Text)
		if isText && t.Segment.Start >= stop {
			break
		}
		if !isText && inlineStart(c) >= stop {
			break
		}
		para.RemoveChild(para, c)
		if isText && (t.SoftLineBreak() || t.HardLineBreak()) && t.Segment.Stop >= stop-1 {
			break
		}
		c = next
	}
	lines := para.Lines()
	if lines.Len() > 0 {
		rest := text.NewSegments()
		rest.AppendAll(lines.Sliced(1, lines.Len()))
		para.SetLines(rest)
	}
}

// inlineStart is the first source offset an inline node covers, or -1.
func inlineStart(n ast.Node) int {
	if t, ok := n.(*ast.Text); ok {
		return t.Segment.Start
	}
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		if s := inlineStart(c); s >= 0 {
			return s
		}
	}
	return -1
}

func bytesTrimRight(b []byte) []byte { return []byte(strings.TrimRight(string(b), " \t\r\n")) }

// calloutRenderer renders callouts; collapsible ones and model answers are
// <details> so they work without JavaScript. The learner edition leaves
// trainer notes out and seals model answers (seal.go): the script unseals
// one when the learner asks for it, or after checking the question. The
// trainer edition shows model answers open.
type calloutRenderer struct {
	strings map[string]string
	ed      Edition
	sub     *subRenderer
}

func (r calloutRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(KindCallout, r.render)
}

func (r calloutRenderer) render(w util.BufWriter, src []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
	c := n.(*Callout)
	title := c.Title
	if title == "" {
		title = r.strings["callout."+c.Marker]
	}
	switch {
	case c.Marker == "trainer" && r.ed != Trainer:
		return ast.WalkSkipChildren, nil
	case c.Marker == "answer" && r.ed == Learner:
		if entering {
			_, _ = w.WriteString(`<details class="callout callout-answer" hidden><summary class="callout-title">` + html.EscapeString(title) +
				`</summary><div class="sealed" data-seal="` + sealAttr(c.salt, r.sub.children(src, c)) + "\"></div></details>\n")
		}
		return ast.WalkSkipChildren, nil
	}
	details := c.Fold != 0 || c.Marker == "answer"
	if entering {
		cls := "callout callout-" + c.Marker
		switch {
		case details:
			open := ""
			if c.Fold == '+' || c.Marker == "answer" && r.ed == Trainer {
				open = " open"
			}
			_, _ = w.WriteString(`<details class="` + cls + `"` + open + `><summary class="callout-title">` + html.EscapeString(title) + "</summary>\n")
		default:
			_, _ = w.WriteString(`<aside class="` + cls + `"><p class="callout-title">` + html.EscapeString(title) + "</p>\n")
		}
		return ast.WalkContinue, nil
	}
	if details {
		_, _ = w.WriteString("</details>\n")
	} else {
		_, _ = w.WriteString("</aside>\n")
	}
	return ast.WalkContinue, nil
}
