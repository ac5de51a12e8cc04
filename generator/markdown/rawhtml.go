package markdown

import (
	"html"

	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/util"
)

// rawHTMLRenderer renders raw HTML per config: escaped as visible text (the
// default, so a stray tag cannot break the page or inject script), dropped,
// or passed through.
type rawHTMLRenderer struct{ mode string }

func (r rawHTMLRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	if r.mode == "allow" {
		return // goldmark's own renderer with html.WithUnsafe does it
	}
	reg.Register(ast.KindRawHTML, r.inline)
	reg.Register(ast.KindHTMLBlock, r.block)
}

func (r rawHTMLRenderer) inline(w util.BufWriter, src []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering || r.mode == "strip" {
		return ast.WalkSkipChildren, nil
	}
	segs := n.(*ast.RawHTML).Segments
	for i := 0; i < segs.Len(); i++ {
		s := segs.At(i)
		_, _ = w.Write(util.EscapeHTML(s.Value(src)))
	}
	return ast.WalkSkipChildren, nil
}

func (r rawHTMLRenderer) block(w util.BufWriter, src []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering || r.mode == "strip" {
		return ast.WalkSkipChildren, nil
	}
	b := n.(*ast.HTMLBlock)
	_, _ = w.WriteString(`<pre class="raw-html"><code>`)
	for i := 0; i < b.Lines().Len(); i++ {
		s := b.Lines().At(i)
		_, _ = w.Write(util.EscapeHTML(s.Value(src)))
	}
	if b.HasClosure() {
		_, _ = w.Write(util.EscapeHTML(b.ClosureLine.Value(src)))
	}
	_, _ = w.WriteString("</code></pre>\n")
	return ast.WalkSkipChildren, nil
}

// taskRenderer renders GFM task-list boxes outside exercises as disabled
// checkboxes with an accessible name: a checklist item is read as „do
// zrobienia” or „zrobione”, and axe's label rule is met.
type taskRenderer struct{ strings map[string]string }

func (r taskRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(east.KindTaskCheckBox, func(w util.BufWriter, _ []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		label, checked := r.strings["task.todo"], ""
		if n.(*east.TaskCheckBox).IsChecked {
			label, checked = r.strings["task.done"], " checked"
		}
		_, _ = w.WriteString(`<input type="checkbox" disabled` + checked + ` aria-label="` + html.EscapeString(label) + `"> `)
		return ast.WalkContinue, nil
	})
}
