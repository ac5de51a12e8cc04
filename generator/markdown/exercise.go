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

// Exercises are plain Markdown that reads well anywhere: each H2 is a
// question; a task list under it is a choice question whose [x] items are
// correct; a blockquote nested under an item is that option's feedback; a
// [!ANSWER] callout is the model answer of an open question. The
// transformer turns these into nodes that render as a form the theme's
// script can check in the browser, and as readable collapsible answers when
// scripts are off.

// Node kinds of exercises.
var (
	KindQuestion = ast.NewNodeKind("Question")
	kindChoices  = ast.NewNodeKind("Choices")
	kindChoice   = ast.NewNodeKind("Choice")
	kindOption   = ast.NewNodeKind("OptionLabel")
	kindInput    = ast.NewNodeKind("ChoiceInput")
	kindFeedback = ast.NewNodeKind("Feedback")
)

// Question is one exercise question: its heading and everything up to the
// next H2.
type Question struct {
	ast.BaseBlock
	N       int
	Title   string
	Anchor  string
	Multi   bool // more than one correct option: checkboxes instead of radios
	Choices bool // has options (otherwise an open question)
}

// Kind implements ast.Node.
func (*Question) Kind() ast.NodeKind { return KindQuestion }

// Dump implements ast.Node.
func (q *Question) Dump(src []byte, level int) {
	ast.DumpHelper(q, src, level, map[string]string{"Title": q.Title}, nil)
}

type choices struct {
	ast.BaseBlock
	q *Question
}

type choice struct {
	ast.BaseBlock
	correct bool
}

type optionLabel struct{ ast.BaseBlock }

type choiceInput struct {
	ast.BaseInline
	q       *Question
	index   int
	correct bool
}

type feedback struct {
	ast.BaseBlock
	correct bool
}

func (*choices) Kind() ast.NodeKind     { return kindChoices }
func (*choice) Kind() ast.NodeKind      { return kindChoice }
func (*optionLabel) Kind() ast.NodeKind { return kindOption }
func (*choiceInput) Kind() ast.NodeKind { return kindInput }
func (*feedback) Kind() ast.NodeKind    { return kindFeedback }

func (n *choices) Dump(src []byte, l int)     { ast.DumpHelper(n, src, l, nil, nil) }
func (n *choice) Dump(src []byte, l int)      { ast.DumpHelper(n, src, l, nil, nil) }
func (n *optionLabel) Dump(src []byte, l int) { ast.DumpHelper(n, src, l, nil, nil) }
func (n *choiceInput) Dump(src []byte, l int) { ast.DumpHelper(n, src, l, nil, nil) }
func (n *feedback) Dump(src []byte, l int)    { ast.DumpHelper(n, src, l, nil, nil) }

type exerciseTransformer struct{ strings map[string]string }

func (exerciseTransformer) Transform(doc *ast.Document, reader text.Reader, pc parser.Context) {
	st := stateOf(pc)
	if !st.in.Exercise || !isQuiz(doc) {
		return
	}
	src := reader.Source()
	var q *Question
	var qLine int
	finish := func() {
		if q != nil {
			st.checkQuestion(q, qLine, src)
		}
	}
	for n := doc.FirstChild(); n != nil; {
		next := n.NextSibling()
		if h, ok := n.(*ast.Heading); ok && h.Level <= 2 {
			finish()
			q = nil
			if h.Level == 2 {
				st.out.Questions++
				q = &Question{N: st.out.Questions, Title: plainText(h, src)}
				if id, ok := h.AttributeString("id"); ok {
					q.Anchor = string(id.([]byte))
				}
				if h.Lines().Len() > 0 {
					qLine = st.lineOf(h.Lines().At(0).Start)
				}
				doc.ReplaceChild(doc, h, q)
				q.AppendChild(q, h)
			}
		} else if q != nil {
			doc.RemoveChild(doc, n)
			q.AppendChild(q, n)
		}
		n = next
	}
	finish()
}

// isQuiz reports whether an exercise page has anything to answer: a task
// list or a model answer. Without either it is a workshop exercise (steps
// for a group, questions for discussion) and its headings are just headings.
func isQuiz(doc ast.Node) bool {
	found := false
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		switch n := n.(type) {
		case *east.TaskCheckBox:
			found = true
		case *Callout:
			found = found || n.Marker == "answer"
		}
		if found {
			return ast.WalkStop, nil
		}
		return ast.WalkContinue, nil
	})
	return found
}

// checkQuestion validates one question and converts its task list.
func (st *docState) checkQuestion(q *Question, line int, src []byte) {
	hasAnswer := false
	var prevList bool
	for n := q.FirstChild(); n != nil; {
		next := n.NextSibling() // convertChoices replaces n
		switch n := n.(type) {
		case *Callout:
			hasAnswer = hasAnswer || n.Marker == "answer"
			prevList = false
		case *ast.Blockquote:
			if prevList {
				st.errorf(st.lineOf(blockStart(n)), 1, "feedback must be indented under its option (two spaces before >), not after the list")
			}
		case *ast.List:
			if st.convertChoices(q, n, src) {
				prevList = true
				q.Choices = true
			}
		default:
			prevList = false
		}
		n = next
	}
	if !q.Choices && !hasAnswer {
		st.errorf(line, 1, "question %q has no options (- [ ] / - [x]) and no > [!ANSWER]", q.Title)
	}
}

func blockStart(n ast.Node) int {
	for c := ast.Node(n); c != nil; c = c.FirstChild() {
		if c.Type() == ast.TypeBlock && c.Lines().Len() > 0 {
			return c.Lines().At(0).Start
		}
	}
	return 0
}

// taskBox returns the checkbox that starts a list item, if any.
func taskBox(item ast.Node) (*east.TaskCheckBox, ast.Node) {
	first := item.FirstChild()
	if first == nil {
		return nil, nil
	}
	box, _ := first.FirstChild().(*east.TaskCheckBox)
	return box, first
}

// convertChoices turns a task list into choices; it reports false for an
// ordinary list.
func (st *docState) convertChoices(q *Question, list *ast.List, src []byte) bool {
	boxes, correct := 0, 0
	for it := list.FirstChild(); it != nil; it = it.NextSibling() {
		if box, _ := taskBox(it); box != nil {
			boxes++
			if box.IsChecked {
				correct++
			}
		}
	}
	if boxes == 0 {
		return false
	}
	line := st.lineOf(blockStart(list))
	if boxes != list.ChildCount() {
		st.errorf(line, 1, "question %q: every option needs [ ] or [x]", q.Title)
	}
	if correct == 0 {
		st.errorf(line, 1, "question %q has no correct option: mark at least one with [x]", q.Title)
	}
	q.Multi = correct > 1
	cs := &choices{q: q}
	list.Parent().ReplaceChild(list.Parent(), list, cs)
	index := 0
	for it := list.FirstChild(); it != nil; {
		next := it.NextSibling()
		box, first := taskBox(it)
		c := &choice{correct: box != nil && box.IsChecked}
		cs.AppendChild(cs, c)
		if box != nil {
			label := &optionLabel{}
			first.ReplaceChild(first, box, &choiceInput{q: q, index: index, correct: c.correct})
			for first.FirstChild() != nil {
				ch := first.FirstChild()
				first.RemoveChild(first, ch)
				label.AppendChild(label, ch)
			}
			it.RemoveChild(it, first)
			c.AppendChild(c, label)
			index++
		}
		for it.FirstChild() != nil {
			ch := it.FirstChild()
			it.RemoveChild(it, ch)
			if bq, ok := ch.(*ast.Blockquote); ok {
				fb := &feedback{correct: c.correct}
				for bq.FirstChild() != nil {
					g := bq.FirstChild()
					bq.RemoveChild(bq, g)
					fb.AppendChild(fb, g)
				}
				ch = fb
			}
			c.AppendChild(c, ch)
		}
		it = next
	}
	return true
}

type exerciseRenderer struct{ strings map[string]string }

func (r exerciseRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(KindQuestion, r.question)
	reg.Register(kindChoices, r.choices)
	reg.Register(kindChoice, r.choice)
	reg.Register(kindOption, r.option)
	reg.Register(kindInput, r.input)
	reg.Register(kindFeedback, r.feedback)
}

func (r exerciseRenderer) question(w util.BufWriter, _ []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
	q := n.(*Question)
	if entering {
		kind := "open"
		if q.Choices {
			kind = "single"
			if q.Multi {
				kind = "multi"
			}
		}
		_, _ = w.WriteString(`<section class="question" data-question="` + strconv.Itoa(q.N) + `" data-kind="` + kind + `">` + "\n")
		return ast.WalkContinue, nil
	}
	if q.Choices {
		_, _ = w.WriteString(`<div class="question-actions" hidden><button type="button" class="button check">` +
			html.EscapeString(r.strings["exercise.check"]) + `</button><p class="question-result" role="status"></p></div>`)
	}
	_, _ = w.WriteString("</section>\n")
	return ast.WalkContinue, nil
}

func (r exerciseRenderer) choices(w util.BufWriter, _ []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
	c := n.(*choices)
	if entering {
		hint := r.strings["exercise.single"]
		if c.q.Multi {
			hint = r.strings["exercise.multi"]
		}
		_, _ = w.WriteString(`<fieldset class="choices"><legend class="choices-hint">` + html.EscapeString(hint) + "</legend>\n")
	} else {
		_, _ = w.WriteString("</fieldset>\n")
	}
	return ast.WalkContinue, nil
}

func (r exerciseRenderer) choice(w util.BufWriter, _ []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
	if entering {
		_, _ = w.WriteString(`<div class="choice">`)
	} else {
		_, _ = w.WriteString("</div>\n")
	}
	return ast.WalkContinue, nil
}

func (r exerciseRenderer) option(w util.BufWriter, _ []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
	if entering {
		_, _ = w.WriteString(`<label class="choice-label">`)
	} else {
		_, _ = w.WriteString("</label>")
	}
	return ast.WalkContinue, nil
}

func (r exerciseRenderer) input(w util.BufWriter, _ []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkContinue, nil
	}
	in := n.(*choiceInput)
	typ := "radio"
	if in.q.Multi {
		typ = "checkbox"
	}
	correct := "0"
	if in.correct {
		correct = "1"
	}
	_, _ = w.WriteString(`<input type="` + typ + `" name="q` + strconv.Itoa(in.q.N) + `" value="` + strconv.Itoa(in.index) +
		`" data-correct="` + correct + `"> `)
	return ast.WalkContinue, nil
}

func (r exerciseRenderer) feedback(w util.BufWriter, _ []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
	fb := n.(*feedback)
	if entering {
		verdict, cls := r.strings["exercise.wrong"], "wrong"
		if fb.correct {
			verdict, cls = r.strings["exercise.right"], "right"
		}
		_, _ = w.WriteString(`<details class="feedback feedback-` + cls + `"><summary>` + html.EscapeString(r.strings["exercise.feedback"]) +
			`</summary><p class="feedback-verdict">` + html.EscapeString(verdict) + "</p>\n")
	} else {
		_, _ = w.WriteString("</details>\n")
	}
	return ast.WalkContinue, nil
}
