package markdown

import (
	"math"
	"regexp"
	"strconv"
	"strings"

	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
)

// Exercises are plain Markdown that reads well anywhere. Each H2 is a
// question; what follows it says what kind:
//
//	- [x] / - [ ]         choices: one [x] single answer, several multiple answer
//	- A → B               matching pairs
//	1. … (with [kolejność])  ordering: the list in the right order
//	… [[odpowiedź|inna]] …  fill in the blanks
//	= 42 ± 1              numeric
//	> [!ANSWER]           model answer (open question), or the explanation
//	                      shown after checking a closed one
//
// A short marker at the end of the heading ([jedna odpowiedź], [wiele
// odpowiedzi], [prawda/fałsz], [dopasuj], [kolejność], [uzupełnij],
// [liczba], [otwarte]) declares the type; it is needed for ordering, and
// elsewhere lets the build check the question against it. The transformer
// turns questions into nodes that render per edition (exercise_render.go).

// QuestionType is the kind of an exercise question.
type QuestionType string

// Question types.
const (
	Single    QuestionType = "single"
	Multiple  QuestionType = "multiple"
	TrueFalse QuestionType = "truefalse"
	Matching  QuestionType = "matching"
	Ordering  QuestionType = "ordering"
	Blanks    QuestionType = "blanks"
	Numeric   QuestionType = "numeric"
	Open      QuestionType = "open"
)

// markers maps heading markers, Polish (with or without diacritics) and
// English, to question types.
var markers = map[string]QuestionType{
	"jedna odpowiedź": Single, "jedna odpowiedz": Single, "single": Single,
	"wiele odpowiedzi": Multiple, "multiple": Multiple,
	"prawda/fałsz": TrueFalse, "prawda/falsz": TrueFalse, "true/false": TrueFalse,
	"dopasuj": Matching, "matching": Matching,
	"kolejność": Ordering, "kolejnosc": Ordering, "ordering": Ordering,
	"uzupełnij": Blanks, "uzupelnij": Blanks, "blanks": Blanks,
	"liczba": Numeric, "numeric": Numeric,
	"otwarte": Open, "open": Open,
}

const markerList = "[jedna odpowiedź], [wiele odpowiedzi], [prawda/fałsz], [dopasuj], [kolejność], [uzupełnij], [liczba] or [otwarte]"

// markerRe finds a marker at the end of a heading line (before an optional
// {#id} attribute).
var markerRe = regexp.MustCompile(`\s\[([\p{L}/ ]+)\][ \t]*(\{[^}]*\})?[ \t]*$`)

// Node kinds of exercises.
var (
	KindQuestion = ast.NewNodeKind("Question")
	kindChoices  = ast.NewNodeKind("Choices")
	kindChoice   = ast.NewNodeKind("Choice")
	kindOption   = ast.NewNodeKind("OptionLabel")
	kindInput    = ast.NewNodeKind("ChoiceInput")
	kindFeedback = ast.NewNodeKind("Feedback")
	kindMatching = ast.NewNodeKind("Matching")
	kindOrdering = ast.NewNodeKind("Ordering")
	kindNumeric  = ast.NewNodeKind("Numeric")
	kindBlank    = ast.NewNodeKind("Blank")
)

// Question is one exercise question: its heading and everything up to the
// next H2.
type Question struct {
	ast.BaseBlock
	N        int
	Title    string
	Anchor   string
	QType    QuestionType
	Line     int
	Multi    bool // more than one option may be picked: checkboxes instead of radios
	Choices  bool // has options (otherwise an open question)
	salt     string
	prefix   string       // Input.IDPrefix: names and ids stay unique in a handout
	declared QuestionType // by the heading's marker
	key      string       // the canonical answer key the browser hashes (see seal.go)
	blanks   []*blank
	answer   *Callout // model answer or explanation
	form     ast.Node // choices, matching, ordering or numeric
}

// Kind implements ast.Node.
func (*Question) Kind() ast.NodeKind { return KindQuestion }

// Dump implements ast.Node.
func (q *Question) Dump(src []byte, level int) {
	ast.DumpHelper(q, src, level, map[string]string{"Title": q.Title, "Type": string(q.QType)}, nil)
}

// name is the question's form name, the stem of its element ids.
func (q *Question) name() string { return q.prefix + "q" + strconv.Itoa(q.N) }

// Closed reports whether the browser can check the question.
func (q *Question) Closed() bool { return q.QType != Open }

type choices struct {
	ast.BaseBlock
	q *Question
}

type choice struct {
	ast.BaseBlock
	correct bool
	label   string // plain text, for true/false and exports
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
	salt    string
}

// matching holds pairs; its children are the left sides (one block each),
// rights the distinct right sides in display order.
type matching struct {
	ast.BaseBlock
	q      *Question
	lefts  []string // plain text, for search and exports
	rights []string // distinct right sides, in the order shown
	answer []int    // for each left, its right in rights
}

// ordering's children are the items in the order shown; order lists them
// as written (the right order).
type ordering struct {
	ast.BaseBlock
	q     *Question
	order []ast.Node
}

type numeric struct {
	ast.BaseBlock
	q                *Question
	value, tolerance float64
	decimals         int
	written          string // as the author wrote it, for the trainer edition
}

type blank struct {
	ast.BaseInline
	q       *Question
	index   int
	answers []string
	offset  int
}

func (*choices) Kind() ast.NodeKind     { return kindChoices }
func (*choice) Kind() ast.NodeKind      { return kindChoice }
func (*optionLabel) Kind() ast.NodeKind { return kindOption }
func (*choiceInput) Kind() ast.NodeKind { return kindInput }
func (*feedback) Kind() ast.NodeKind    { return kindFeedback }
func (*matching) Kind() ast.NodeKind    { return kindMatching }
func (*ordering) Kind() ast.NodeKind    { return kindOrdering }
func (*numeric) Kind() ast.NodeKind     { return kindNumeric }
func (*blank) Kind() ast.NodeKind       { return kindBlank }

func (n *choices) Dump(src []byte, l int)     { ast.DumpHelper(n, src, l, nil, nil) }
func (n *choice) Dump(src []byte, l int)      { ast.DumpHelper(n, src, l, nil, nil) }
func (n *optionLabel) Dump(src []byte, l int) { ast.DumpHelper(n, src, l, nil, nil) }
func (n *choiceInput) Dump(src []byte, l int) { ast.DumpHelper(n, src, l, nil, nil) }
func (n *feedback) Dump(src []byte, l int)    { ast.DumpHelper(n, src, l, nil, nil) }
func (n *matching) Dump(src []byte, l int)    { ast.DumpHelper(n, src, l, nil, nil) }
func (n *ordering) Dump(src []byte, l int)    { ast.DumpHelper(n, src, l, nil, nil) }
func (n *numeric) Dump(src []byte, l int)     { ast.DumpHelper(n, src, l, nil, nil) }
func (n *blank) Dump(src []byte, l int)       { ast.DumpHelper(n, src, l, nil, nil) }

// blankParser reads [[answer|another]] in exercises.
type blankParser struct{}

func (blankParser) Trigger() []byte { return []byte{'['} }

func (blankParser) Parse(_ ast.Node, block text.Reader, pc parser.Context) ast.Node {
	st, _ := pc.Get(stateKey).(*docState)
	if st == nil || !st.in.Exercise {
		return nil
	}
	line, seg := block.PeekLine()
	if len(line) < 4 || line[1] != '[' {
		return nil
	}
	end := strings.Index(string(line), "]]")
	if end < 2 || strings.ContainsAny(string(line[2:end]), "[\n") {
		return nil
	}
	var answers []string
	for _, a := range strings.Split(string(line[2:end]), "|") {
		answers = append(answers, strings.TrimSpace(a))
	}
	block.Advance(end + 2)
	return &blank{answers: answers, offset: seg.Start}
}

type exerciseTransformer struct{}

func (exerciseTransformer) Transform(doc *ast.Document, reader text.Reader, pc parser.Context) {
	st := stateOf(pc)
	if !st.in.Exercise || !isQuiz(doc, reader.Source()) {
		return
	}
	src := reader.Source()
	var q *Question
	finish := func() {
		if q != nil {
			st.checkQuestion(q, src)
		}
	}
	for n := doc.FirstChild(); n != nil; {
		next := n.NextSibling()
		if h, ok := n.(*ast.Heading); ok && h.Level <= 2 {
			finish()
			q = nil
			if h.Level == 2 {
				st.out.Questions++
				q = st.newQuestion(h, src)
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

// newQuestion starts a question at its heading, reading and removing the
// type marker.
func (st *docState) newQuestion(h *ast.Heading, src []byte) *Question {
	q := &Question{N: st.out.Questions, salt: st.salt + "-" + strconv.Itoa(st.out.Questions), prefix: st.in.IDPrefix}
	autoID := st.in.IDPrefix + Slugify(plainText(h, src))
	if h.Lines().Len() > 0 {
		seg := h.Lines().At(0)
		q.Line = st.lineOf(seg.Start)
		line := seg.Value(src)
		if m := markerRe.FindSubmatchIndex(line); m != nil {
			word := strings.ToLower(strings.Join(strings.Fields(string(line[m[2]:m[3]])), " "))
			if t, ok := markers[word]; ok {
				q.QType = t
				trimInlines(h, seg.Start+m[0], src)
			} else if len(strings.Fields(word)) <= 3 {
				st.errorf(q.Line, st.colOf(seg.Start+m[2]-1), "unknown question type [%s]; use %s", line[m[2]:m[3]], markerList)
			}
		}
	}
	q.Title = plainText(h, src)
	if id, ok := h.AttributeString("id"); ok {
		q.Anchor = string(id.([]byte))
		if q.QType != "" && strings.HasPrefix(q.Anchor, autoID) {
			// The id was made from the heading with its marker.
			q.Anchor = string(st.ids.Generate([]byte(q.Title), ast.KindHeading))
			h.SetAttributeString("id", []byte(q.Anchor))
		}
	}
	return q
}

// trimInlines drops the inline nodes of a block from source offset at on,
// and trailing white space before it.
func trimInlines(n ast.Node, at int, src []byte) {
	for c := n.LastChild(); c != nil; {
		prev := c.PreviousSibling()
		start := inlineStart(c)
		if t, ok := c.(*ast.Text); ok && start < at {
			if t.Segment.Stop > at {
				t.Segment = t.Segment.WithStop(at)
			}
			t.Segment = t.Segment.TrimRightSpace(src)
			break
		}
		if start >= at || start < 0 {
			n.RemoveChild(n, c)
		} else {
			break
		}
		c = prev
	}
}

// isQuiz reports whether an exercise page has anything to answer. Without
// it the page is a workshop exercise (steps for a group, questions for
// discussion) and its headings are just headings.
func isQuiz(doc ast.Node, src []byte) bool {
	found := false
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		switch n := n.(type) {
		case *east.TaskCheckBox, *blank:
			found = true
		case *Callout:
			found = found || n.Marker == "answer"
		case *ast.Heading:
			if n.Level == 2 && n.Lines().Len() > 0 {
				seg := n.Lines().At(0)
				if m := markerRe.FindSubmatch(seg.Value(src)); m != nil {
					_, found = markers[strings.ToLower(strings.Join(strings.Fields(string(m[1])), " "))]
				}
			}
		case *ast.Paragraph:
			_, _, found = numericLine(n, src)
		case *ast.List:
			found = allPairs(n, src)
		}
		if found {
			return ast.WalkStop, nil
		}
		return ast.WalkContinue, nil
	})
	return found
}

// numericRe is a numeric answer line: = 42, = 3,5 ± 0,1, = 43 000 +- 500.
var numericRe = regexp.MustCompile(`^=[ \t]*(.*?)(?:[ \t]*(?:±|\+/-|\+-)[ \t]*(.*?))?[ \t]*$`)

// numericLine reports whether a paragraph is one "= …" line, with its
// value and tolerance as written.
func numericLine(p *ast.Paragraph, src []byte) (value text.Segment, tolerance *text.Segment, ok bool) {
	if p.Lines().Len() != 1 {
		return value, nil, false
	}
	seg := p.Lines().At(0)
	line := seg.Value(src)
	if len(line) < 2 || line[0] != '=' {
		return value, nil, false
	}
	m := numericRe.FindSubmatchIndex(line)
	if m == nil || m[3] <= m[2] {
		return value, nil, false
	}
	value = text.NewSegment(seg.Start+m[2], seg.Start+m[3])
	if m[4] >= 0 {
		t := text.NewSegment(seg.Start+m[4], seg.Start+m[5])
		tolerance = &t
	}
	return value, tolerance, true
}

// ParseNumber reads a number the way a Polish or English reader writes it:
// a comma or a dot before decimals, spaces between thousands, a minus or
// hyphen in front. It returns the number of decimals written too. The
// theme's script reads learners' answers the same way.
func ParseNumber(s string) (float64, int, bool) {
	s = strings.Map(func(r rune) rune {
		switch r {
		case ' ', '\t', '\u00a0', '\u202f', '\u2009':
			return -1
		case ',':
			return '.'
		case '−':
			return '-'
		}
		return r
	}, s)
	if !plainNumber.MatchString(s) {
		return 0, 0, false
	}
	v, err := strconv.ParseFloat(s, 64)
	if err != nil || math.IsInf(v, 0) {
		return 0, 0, false
	}
	decimals := 0
	if i := strings.IndexByte(s, '.'); i >= 0 {
		decimals = len(s) - i - 1
	}
	return v, decimals, true
}

var plainNumber = regexp.MustCompile(`^-?[0-9]+(\.[0-9]+)?$`)

// form is one answer form found under a question.
type form struct {
	kind QuestionType // Single (any choices), Matching, Ordering, Numeric, Blanks
	node ast.Node
}

// checkQuestion finds the question's answer form, checks it against the
// declared type, and converts it.
func (st *docState) checkQuestion(q *Question, src []byte) {
	var forms []form
	prevList := false
	for n := q.FirstChild(); n != nil; n = n.NextSibling() {
		wasList := prevList
		prevList = false
		switch n := n.(type) {
		case *Callout:
			if n.Marker == "answer" && q.answer == nil {
				q.answer = n
			}
		case *ast.Blockquote:
			if wasList {
				st.errorf(st.lineOf(blockStart(n)), 1, "feedback must be indented under its option (two spaces before >), not after the list")
			}
		case *ast.List:
			switch {
			case hasTaskBoxes(n):
				forms = append(forms, form{Single, n})
				prevList = true
			case q.QType == Ordering && n.IsOrdered():
				forms = append(forms, form{Ordering, n})
			case q.QType == Matching || (q.QType == "" && allPairs(n, src)):
				forms = append(forms, form{Matching, n})
			}
		case *ast.Paragraph:
			if _, _, ok := numericLine(n, src); ok {
				forms = append(forms, form{Numeric, n})
			}
		}
	}
	_ = ast.Walk(q, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if b, ok := n.(*blank); ok && entering {
			b.q, b.index = q, len(q.blanks)
			q.blanks = append(q.blanks, b)
		}
		return ast.WalkContinue, nil
	})
	if len(q.blanks) > 0 {
		forms = append(forms, form{Blanks, q.blanks[0]})
	}
	if len(forms) > 1 {
		st.errorf(q.Line, 1, "question %q has more than one answer form (%s and %s); split it into two questions", q.Title, forms[0].kind.noun(), forms[1].kind.noun())
		return
	}
	st.resolveType(q, forms)
	if len(forms) == 0 {
		return
	}
	switch f := forms[0]; f.kind {
	case Single:
		st.convertChoices(q, f.node.(*ast.List), src)
	case Matching:
		st.convertMatching(q, f.node.(*ast.List), src)
	case Ordering:
		st.convertOrdering(q, f.node.(*ast.List), src)
	case Numeric:
		st.convertNumeric(q, f.node.(*ast.Paragraph), src)
	case Blanks:
		st.checkBlanks(q)
	}
	q.Choices = q.QType != Open
}

func (t QuestionType) noun() string {
	return map[QuestionType]string{Single: "choices", Matching: "matching pairs", Ordering: "an ordered list",
		Numeric: "a numeric answer", Blanks: "blanks"}[t]
}

// resolveType settles the question's type from its marker and its form,
// reporting a marker its content does not fit.
func (st *docState) resolveType(q *Question, forms []form) {
	found := QuestionType("")
	if len(forms) == 1 {
		found = forms[0].kind
	}
	declared := q.QType
	q.declared = declared
	switch {
	case declared == "" && found == "" && q.answer == nil:
		st.errorf(q.Line, 1, "question %q has no answer: add options (- [ ] / - [x]), pairs (A → B), blanks ([[…]]), a number (= 42) or > [!ANSWER]", q.Title)
		q.QType = Open
	case declared == "" && found == "":
		q.QType = Open
	case declared == "":
		q.QType = found // Single becomes Multiple in convertChoices
	case declared == Open && found != "":
		st.errorf(q.Line, 1, "question %q is marked [otwarte] but has %s", q.Title, found.noun())
	case declared == Open && q.answer == nil:
		st.errorf(q.Line, 1, "open question %q has no > [!ANSWER]", q.Title)
	case declared == Open:
	case declared == Single || declared == Multiple || declared == TrueFalse:
		if found != Single {
			st.errorf(q.Line, 1, "question %q is marked %s but has no options (- [ ] / - [x])", q.Title, markerOf(declared))
		}
	case found != declared:
		what := map[QuestionType]string{Matching: "pairs (- A → B)", Ordering: "numbered list in the right order (1. …)",
			Numeric: "answer line (= 42 or = 42 ± 1)", Blanks: "blanks ([[answer]])"}[declared]
		st.errorf(q.Line, 1, "question %q is marked %s but has no %s", q.Title, markerOf(declared), what)
	}
}

func markerOf(t QuestionType) string {
	return map[QuestionType]string{Single: "[jedna odpowiedź]", Multiple: "[wiele odpowiedzi]", TrueFalse: "[prawda/fałsz]",
		Matching: "[dopasuj]", Ordering: "[kolejność]", Blanks: "[uzupełnij]", Numeric: "[liczba]", Open: "[otwarte]"}[t]
}

func blockStart(n ast.Node) int {
	for c := ast.Node(n); c != nil; c = c.FirstChild() {
		if c.Type() == ast.TypeBlock && c.Lines().Len() > 0 {
			return c.Lines().At(0).Start
		}
	}
	return 0
}
