package markdown

import (
	"bufio"
	"html"
	"strconv"
	"strings"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/util"
)

// Edition says for whom a document is rendered.
type Edition int

// Editions. The learner edition has no trainer notes and no readable
// answers; the trainer edition shows everything; the export edition renders
// pieces of questions for LMS formats (blanks as placeholders).
const (
	Learner Edition = iota
	Trainer
	Export
)

// subRenderer renders a subtree with the renderer it belongs to, for nodes
// whose HTML is built from pieces (sealed feedback, matching, ordering).
type subRenderer struct{ r renderer.Renderer }

// html renders nodes into a string.
func (s *subRenderer) html(src []byte, nodes ...ast.Node) string {
	var b strings.Builder
	w := bufio.NewWriter(&b)
	for _, n := range nodes {
		_ = s.r.Render(w, src, n)
	}
	_ = w.Flush()
	return b.String()
}

// children renders the children of n.
func (s *subRenderer) children(src []byte, n ast.Node) string {
	var nodes []ast.Node
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		nodes = append(nodes, c)
	}
	return s.html(src, nodes...)
}

type exerciseRenderer struct {
	strings map[string]string
	ed      Edition
	sub     *subRenderer
}

func (r exerciseRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(KindQuestion, r.question)
	reg.Register(kindChoices, r.choices)
	reg.Register(kindChoice, r.choice)
	reg.Register(kindOption, r.option)
	reg.Register(kindInput, r.input)
	reg.Register(kindFeedback, r.feedback)
	reg.Register(kindMatching, r.matching)
	reg.Register(kindOrdering, r.ordering)
	reg.Register(kindNumeric, r.numeric)
	reg.Register(kindBlank, r.blank)
}

func (r exerciseRenderer) t(key string) string { return html.EscapeString(r.strings[key]) }

func (r exerciseRenderer) question(w util.BufWriter, _ []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
	q := n.(*Question)
	if entering {
		_, _ = w.WriteString(`<section class="question" data-question="` + strconv.Itoa(q.N) + `" data-kind="` + string(q.QType) + `"`)
		if q.Closed() {
			_, _ = w.WriteString(` data-salt="` + q.salt + `"`)
			if q.QType != Blanks && q.key != "" {
				_, _ = w.WriteString(` data-answer="` + AnswerHash(q.salt, q.key) + `"`)
			}
			if num, ok := q.form.(*numeric); ok {
				if num.tolerance > 0 {
					off, width := numericGrid(num.value, num.tolerance)
					_, _ = w.WriteString(` data-grid="` + fmtFloat(off) + ` ` + fmtFloat(width) + `"`)
				} else {
					_, _ = w.WriteString(` data-decimals="` + strconv.Itoa(num.decimals) + `"`)
				}
			}
		}
		_, _ = w.WriteString(">\n")
		return ast.WalkContinue, nil
	}
	if q.Closed() {
		_, _ = w.WriteString(`<div class="question-actions" hidden><button type="button" class="button check">` +
			r.t("exercise.check") + `</button><p class="question-result" role="status"></p></div>`)
	}
	_, _ = w.WriteString("</section>\n")
	return ast.WalkContinue, nil
}

func fmtFloat(f float64) string { return strconv.FormatFloat(f, 'g', -1, 64) }

func (r exerciseRenderer) choices(w util.BufWriter, _ []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
	c := n.(*choices)
	if entering {
		hint := map[QuestionType]string{Single: "exercise.single", Multiple: "exercise.multi", TrueFalse: "exercise.truefalse"}[c.q.QType]
		_, _ = w.WriteString(`<fieldset class="choices"><legend class="choices-hint">` + r.t(hint) + "</legend>\n")
	} else {
		_, _ = w.WriteString("</fieldset>\n")
	}
	return ast.WalkContinue, nil
}

func (r exerciseRenderer) choice(w util.BufWriter, _ []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
	switch {
	case !entering:
		_, _ = w.WriteString("</div>\n")
	case r.ed == Trainer && n.(*choice).correct:
		_, _ = w.WriteString(`<div class="choice is-key">`)
	default:
		_, _ = w.WriteString(`<div class="choice">`)
	}
	return ast.WalkContinue, nil
}

func (r exerciseRenderer) option(w util.BufWriter, _ []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
	if entering {
		_, _ = w.WriteString(`<label class="choice-label">`)
		return ast.WalkContinue, nil
	}
	if c, ok := n.Parent().(*choice); ok && c.correct && r.ed == Trainer {
		_, _ = w.WriteString(` <strong class="key">` + r.t("exercise.key") + `</strong>`)
	}
	_, _ = w.WriteString("</label>")
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
	_, _ = w.WriteString(`<input type="` + typ + `" name="` + in.q.name() + `" value="` + strconv.Itoa(in.index) + `"> `)
	return ast.WalkContinue, nil
}

// feedback is an option's explanation: sealed and hidden for learners
// (the script shows it for the options picked), open for trainers.
func (r exerciseRenderer) feedback(w util.BufWriter, src []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
	fb := n.(*feedback)
	if r.ed == Learner {
		if entering {
			_, _ = w.WriteString(`<div class="feedback sealed" data-seal="` + sealAttr(fb.salt, r.sub.children(src, fb)) + `" hidden></div>` + "\n")
		}
		return ast.WalkSkipChildren, nil
	}
	if entering {
		verdict, cls := r.t("exercise.wrong"), "wrong"
		if fb.correct {
			verdict, cls = r.t("exercise.right"), "right"
		}
		_, _ = w.WriteString(`<details class="feedback feedback-` + cls + `" open><summary>` + r.t("exercise.feedback") +
			`</summary><p class="feedback-verdict">` + verdict + "</p>\n")
	} else {
		_, _ = w.WriteString("</details>\n")
	}
	return ast.WalkContinue, nil
}

func (r exerciseRenderer) matching(w util.BufWriter, src []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkSkipChildren, nil
	}
	m := n.(*matching)
	var b strings.Builder
	b.WriteString(`<fieldset class="matching"><legend class="choices-hint">` + r.t("exercise.matching") + "</legend>\n")
	i := 0
	for left := m.FirstChild(); left != nil; left = left.NextSibling() {
		id := m.q.name() + "-m" + strconv.Itoa(i)
		b.WriteString(`<div class="match"><label class="match-left" for="` + id + `">` + r.sub.children(src, left) + `</label> <select id="` + id + `" name="` + id + `">`)
		b.WriteString(`<option value="">` + r.t("exercise.choose") + `</option>`)
		for j, right := range m.rights {
			b.WriteString(`<option value="` + strconv.Itoa(j) + `">` + html.EscapeString(right) + `</option>`)
		}
		b.WriteString(`</select>`)
		if r.ed == Trainer && i < len(m.answer) {
			b.WriteString(` <strong class="key">→ ` + html.EscapeString(m.rights[m.answer[i]]) + `</strong>`)
		}
		b.WriteString("</div>\n")
		i++
	}
	b.WriteString("</fieldset>\n")
	_, _ = w.WriteString(b.String())
	return ast.WalkSkipChildren, nil
}

func (r exerciseRenderer) ordering(w util.BufWriter, src []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkSkipChildren, nil
	}
	o := n.(*ordering)
	var b strings.Builder
	b.WriteString(`<div class="ordering"><p class="choices-hint">` + r.t("exercise.ordering") + "</p>\n<ol class=\"order-list\">")
	i := 0
	for it := o.FirstChild(); it != nil; it = it.NextSibling() {
		b.WriteString(`<li class="order-item" data-item="` + strconv.Itoa(i) + `"><div class="order-text">` + r.sub.children(src, it) + "</div></li>\n")
		i++
	}
	b.WriteString("</ol>\n")
	if r.ed == Trainer {
		b.WriteString(`<div class="answer-key"><p class="key">` + r.t("exercise.order_key") + "</p><ol>")
		for _, it := range o.order {
			b.WriteString("<li>" + html.EscapeString(plainText(it, src)) + "</li>")
		}
		b.WriteString("</ol></div>\n")
	}
	b.WriteString("</div>\n")
	_, _ = w.WriteString(b.String())
	return ast.WalkSkipChildren, nil
}

func (r exerciseRenderer) numeric(w util.BufWriter, _ []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkSkipChildren, nil
	}
	num := n.(*numeric)
	id := num.q.name() + "-n"
	_, _ = w.WriteString(`<p class="numeric"><label for="` + id + `">` + r.t("exercise.numeric") + `</label> <input type="text" id="` + id +
		`" name="` + id + `" inputmode="decimal" autocomplete="off">`)
	if r.ed == Trainer {
		_, _ = w.WriteString(` <strong class="key">= ` + html.EscapeString(num.written) + `</strong>`)
	}
	_, _ = w.WriteString("</p>\n")
	return ast.WalkSkipChildren, nil
}

func (r exerciseRenderer) blank(w util.BufWriter, _ []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkContinue, nil
	}
	b := n.(*blank)
	if b.q == nil { // outside a question: show it as written
		_, _ = w.WriteString(html.EscapeString("[[" + strings.Join(b.answers, "|") + "]]"))
		return ast.WalkContinue, nil
	}
	k := strconv.Itoa(b.index)
	if r.ed == Export {
		_, _ = w.WriteString(BlankMark(b.index))
		return ast.WalkContinue, nil
	}
	hashes := make([]string, len(b.answers))
	for i, a := range b.answers {
		hashes[i] = AnswerHash(b.q.salt+"#"+k, NormalizeBlank(a))
	}
	label := strings.ReplaceAll(r.strings["exercise.blank"], "{n}", strconv.Itoa(b.index+1))
	_, _ = w.WriteString(`<input type="text" class="blank" name="` + b.q.name() + `-b` + k + `" aria-label="` + html.EscapeString(label) +
		`" autocomplete="off" spellcheck="false" data-answer="` + strings.Join(hashes, " ") + `">`)
	if r.ed == Trainer {
		_, _ = w.WriteString(` <strong class="key">(` + html.EscapeString(strings.Join(b.answers, " / ")) + `)</strong>`)
	}
	return ast.WalkContinue, nil
}

// BlankMark stands for blank i in exported question text.
func BlankMark(i int) string { return "[[#" + strconv.Itoa(i) + "]]" }
