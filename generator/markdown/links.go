package markdown

import (
	"net/url"
	"strings"

	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"

	"github.com/razem/razem/generator/diag"
)

// linkTransformer rewrites link and image destinations through the page's
// LinkResolver (a .md path becomes the target page's relative URL), reports
// destinations that do not resolve at their line, and records anchors to
// check once every page is converted. It also wraps tables so wide ones
// scroll on phones instead of overflowing the page.
type linkTransformer struct{}

func (linkTransformer) Transform(doc *ast.Document, reader text.Reader, pc parser.Context) {
	st := stateOf(pc)
	var tables []ast.Node
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.Link:
			n.Destination = st.resolve(n, n.Destination, false)
			if isExternal(string(n.Destination)) {
				n.SetAttributeString("rel", []byte("noopener"))
			}
		case *ast.Image:
			if len(plainText(n, reader.Source())) == 0 {
				off := st.markStart(n)
				st.errorf(st.lineOf(off), st.colOf(off), "image %q has no alt text: describe it for readers who cannot see it", n.Destination)
			}
			n.Destination = st.resolve(n, n.Destination, true)
		case *ast.RawHTML:
			if st.rawHTML {
				st.rawFiles(segmentsText(n.Segments, reader.Source(), nil))
			}
		case *ast.HTMLBlock:
			if st.rawHTML {
				b := segmentsText(n.Lines(), reader.Source(), nil)
				if n.HasClosure() {
					cl := n.ClosureLine
					b = append(b, cl.Value(reader.Source())...)
				}
				st.rawFiles(b)
			}
		default:
			if n.Kind() == east.KindTable {
				tables = append(tables, n)
			}
		}
		return ast.WalkContinue, nil
	})
	for _, t := range tables {
		w := &tableWrap{}
		t.Parent().ReplaceChild(t.Parent(), t, w)
		w.AppendChild(w, t)
	}
}

// segmentsText appends the text of segments to b.
func segmentsText(segs *text.Segments, src, b []byte) []byte {
	for i := 0; i < segs.Len(); i++ {
		seg := segs.At(i)
		b = append(b, seg.Value(src)...)
	}
	return b
}

// rawFiles records the site's files that raw HTML, published as written,
// names in its src, href, poster and srcset attributes, so that they are
// published too. The HTML is not rewritten: such a path works where the
// browser resolves it, and that is the author's to get right.
func (st *docState) rawFiles(html []byte) {
	if st.in.Links == nil {
		return
	}
	for _, v := range attrValues(html) {
		if t, err := st.in.Links.Resolve(v, false); err == nil && t.File != "" {
			st.out.Files = append(st.out.Files, t.File)
		}
	}
}

// attrValues returns the values of the src, href, poster and srcset
// attributes in an HTML fragment (each candidate URL of a srcset).
func attrValues(html []byte) []string {
	var out []string
	low := strings.ToLower(string(html))
	for i := 0; i < len(low); i++ {
		var name string
		for _, n := range []string{"src", "href", "poster", "srcset"} {
			if strings.HasPrefix(low[i:], n) && i > 0 && isHTMLSpace(low[i-1]) {
				name = n // the longest that matches: srcset after src
			}
		}
		if name == "" {
			continue
		}
		j := i + len(name)
		for j < len(low) && isHTMLSpace(low[j]) {
			j++
		}
		if j >= len(low) || low[j] != '=' {
			continue
		}
		for j++; j < len(low) && isHTMLSpace(low[j]); j++ {
		}
		end := j
		switch {
		case j < len(low) && (low[j] == '"' || low[j] == '\''):
			q := low[j]
			j++
			end = j
			for end < len(low) && low[end] != q {
				end++
			}
		default:
			for end < len(low) && !isHTMLSpace(low[end]) && low[end] != '>' {
				end++
			}
		}
		v := string(html[j:end])
		if name == "srcset" {
			for _, c := range strings.Split(v, ",") {
				if f := strings.Fields(c); len(f) > 0 {
					out = append(out, f[0])
				}
			}
		} else if v = strings.TrimSpace(v); v != "" {
			out = append(out, v)
		}
		i = end
	}
	return out
}

func isHTMLSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' }

func isExternal(dest string) bool {
	u, err := url.Parse(dest)
	return err == nil && u.Scheme != "" && u.Scheme != "file"
}

// offsetOf finds the body offset of an inline node through its text or its
// parent block, for diagnostics.
func (st *docState) offsetOf(n ast.Node) int {
	if s := inlineStart(n); s >= 0 {
		return s
	}
	for p := n.Parent(); p != nil; p = p.Parent() {
		if p.Type() == ast.TypeBlock && p.Lines().Len() > 0 {
			return p.Lines().At(0).Start
		}
	}
	return 0
}

// markStart is the offset of the "[" or "![" that opens a link or image,
// where an author's eye looks for it.
func (st *docState) markStart(n ast.Node) int {
	off := st.offsetOf(n)
	body := st.in.Body
	if _, ok := n.(*ast.Image); ok && off >= 2 && string(body[off-2:off]) == "![" {
		return off - 2
	}
	if off >= 1 && body[off-1] == '[' {
		return off - 1
	}
	if _, ok := n.(*ast.Image); ok && off >= 2 && string(body[off-2:off]) == "](" { // empty alt: ![](x)
		for i := off - 2; i >= 1; i-- {
			if body[i-1] == '!' && body[i] == '[' {
				return i - 1
			}
		}
	}
	return off
}

func (st *docState) resolve(n ast.Node, dest []byte, image bool) []byte {
	d := string(dest)
	if st.in.Links == nil || d == "" {
		return dest
	}
	off := st.markStart(n)
	pos := diag.Pos{File: st.in.File, Line: st.lineOf(off), Col: st.colOf(off)}
	if strings.HasPrefix(d, "#") {
		anchor := NormalizeAnchor(d[1:])
		st.out.Refs = append(st.out.Refs, Ref{Anchor: anchor, Pos: pos, Dest: d})
		return []byte("#" + anchor)
	}
	t, err := st.in.Links.Resolve(d, image)
	if err != nil {
		what := "link"
		if image {
			what = "image"
		}
		st.diags.Append(diag.Diagnostic{Pos: pos, Severity: st.in.LinkProblem, Msg: "broken " + what + " " + quote(d) + ": " + err.Error()})
		return dest
	}
	if t.Page != "" && t.Anchor != "" {
		st.out.Refs = append(st.out.Refs, Ref{Page: t.Page, Anchor: t.Anchor, Pos: pos, Dest: d})
	}
	if t.File != "" {
		st.out.Files = append(st.out.Files, t.File)
	}
	return []byte(t.Href)
}

func quote(s string) string { return "\"" + s + "\"" }

// kindTableWrap is the node kind of tableWrap.
var kindTableWrap = ast.NewNodeKind("TableWrap")

// tableWrap is a scroll container around a table.
type tableWrap struct{ ast.BaseBlock }

func (*tableWrap) Kind() ast.NodeKind { return kindTableWrap }

func (w *tableWrap) Dump(src []byte, level int) { ast.DumpHelper(w, src, level, nil, nil) }

type tableRenderer struct{}

func (tableRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(kindTableWrap, func(w util.BufWriter, _ []byte, _ ast.Node, entering bool) (ast.WalkStatus, error) {
		if entering {
			_, _ = w.WriteString(`<div class="table-wrap" tabindex="0">`)
		} else {
			_, _ = w.WriteString("</div>\n")
		}
		return ast.WalkContinue, nil
	})
}
