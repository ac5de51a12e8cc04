package markdown

import (
	"html"
	"html/template"
	"strings"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/util"
)

// QuizQuestion is one exercise question as data, for LMS exports. HTML
// fields are rendered by the export edition: no trainer notes, links as
// their text (the LMS has no site to link to), blanks as BlankMark.
type QuizQuestion struct {
	N      int
	Type   QuestionType
	Title  string
	Anchor string
	File   string
	Line   int
	// Stem is the question's text: the blocks between its heading and its
	// answer form, and after it.
	Stem    string
	Options []QuizOption // single, multiple, true/false
	Pairs   []QuizPair   // matching, as written
	Order   []string     // ordering: items (HTML) in the right order
	Blanks  [][]string   // blanks: accepted answers of each
	// Number ± Tolerance is a numeric answer.
	Number, Tolerance float64
	// Answer is the model answer of an open question, or the explanation of
	// a closed one (HTML); "" if none.
	Answer string
}

// QuizOption is one option of a choice question.
type QuizOption struct {
	HTML, Text string
	Correct    bool
	Feedback   string // HTML
}

// QuizPair is one pair of a matching question.
type QuizPair struct{ Left, LeftHTML, Right string }

// TrueIsCorrect reports whether „Prawda” is the right answer of a
// true/false question.
func (q *QuizQuestion) TrueIsCorrect() bool {
	for _, o := range q.Options {
		if o.Correct {
			return trueFalseLabels[NormalizeBlank(o.Text)]
		}
	}
	return false
}

// quizOf lists the questions of a converted exercise.
func quizOf(doc ast.Node, in Input, sub *subRenderer) []QuizQuestion {
	var out []QuizQuestion
	src := in.Body
	for n := doc.FirstChild(); n != nil; n = n.NextSibling() {
		q, ok := n.(*Question)
		if !ok {
			continue
		}
		qq := QuizQuestion{N: q.N, Type: q.QType, Title: q.Title, Anchor: q.Anchor, File: in.File, Line: q.Line}
		var stem []ast.Node
		for c := q.FirstChild(); c != nil; c = c.NextSibling() {
			switch {
			case c.Kind() == ast.KindHeading && c == q.FirstChild():
			case c == q.form:
			case c == ast.Node(q.answer):
				qq.Answer = sub.children(src, q.answer)
			default:
				stem = append(stem, c)
			}
		}
		qq.Stem = sub.html(src, stem...)
		switch f := q.form.(type) {
		case *choices:
			for c := f.FirstChild(); c != nil; c = c.NextSibling() {
				ch := c.(*choice)
				o := QuizOption{Text: ch.label, Correct: ch.correct}
				for part := ch.FirstChild(); part != nil; part = part.NextSibling() {
					switch part := part.(type) {
					case *optionLabel:
						o.HTML = trimInput(sub.children(src, part))
					case *feedback:
						o.Feedback = sub.children(src, part)
					}
				}
				qq.Options = append(qq.Options, o)
			}
		case *matching:
			i := 0
			for left := f.FirstChild(); left != nil; left = left.NextSibling() {
				qq.Pairs = append(qq.Pairs, QuizPair{Left: f.lefts[i], LeftHTML: sub.children(src, left), Right: f.rights[f.answer[i]]})
				i++
			}
		case *ordering:
			for _, it := range f.order {
				qq.Order = append(qq.Order, sub.children(src, it))
			}
		case *numeric:
			qq.Number, qq.Tolerance = f.value, f.tolerance
		}
		for _, b := range q.blanks {
			qq.Blanks = append(qq.Blanks, b.answers)
		}
		out = append(out, qq)
	}
	return out
}

// trimInput drops the option's input element from its label's HTML.
func trimInput(s string) string {
	if i := strings.Index(s, "> "); strings.HasPrefix(s, "<input") && i >= 0 {
		return s[i+2:]
	}
	return s
}

// notes lists the trainer notes with the section each is in.
func notes(doc ast.Node, src []byte, sub *subRenderer) []Note {
	var out []Note
	var heading, anchor string
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.Heading:
			if n.Level <= 3 {
				heading = plainText(n, src)
				if id, ok := n.AttributeString("id"); ok {
					anchor = string(id.([]byte))
				}
			}
			return ast.WalkSkipChildren, nil
		case *Callout:
			if n.Marker == "trainer" {
				out = append(out, Note{Heading: heading, Anchor: anchor, HTML: template.HTML(sub.children(src, n))})
				return ast.WalkSkipChildren, nil
			}
		}
		return ast.WalkContinue, nil
	})
	return out
}

// exportLinkRenderer renders links as their text in exports: an LMS has
// none of the site's pages to link to.
type exportLinkRenderer struct{}

func (exportLinkRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	plain := func(w util.BufWriter, _ []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
		return ast.WalkContinue, nil
	}
	reg.Register(ast.KindLink, plain)
	reg.Register(KindTermLink, func(w util.BufWriter, _ []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
		if entering {
			_, _ = w.WriteString(html.EscapeString(n.(*TermLink).Word))
		}
		return ast.WalkSkipChildren, nil
	})
}
