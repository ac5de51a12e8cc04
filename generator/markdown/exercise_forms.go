package markdown

import (
	"math"
	"strconv"
	"strings"

	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/text"
)

// The answer forms of questions: choices, matching pairs, ordering,
// numeric answers and blanks, each checked and converted to its node.

// taskBox returns the checkbox that starts a list item, if any.
func taskBox(item ast.Node) (*east.TaskCheckBox, ast.Node) {
	first := item.FirstChild()
	if first == nil {
		return nil, nil
	}
	box, _ := first.FirstChild().(*east.TaskCheckBox)
	return box, first
}

func hasTaskBoxes(list *ast.List) bool {
	for it := list.FirstChild(); it != nil; it = it.NextSibling() {
		if box, _ := taskBox(it); box != nil {
			return true
		}
	}
	return false
}

// convertChoices turns a task list into choices and checks the number of
// correct options against the type.
func (st *docState) convertChoices(q *Question, list *ast.List, src []byte) {
	boxes, correct := 0, 0
	var second int // offset of the second [x]
	for it := list.FirstChild(); it != nil; it = it.NextSibling() {
		if box, first := taskBox(it); box != nil {
			boxes++
			if box.IsChecked {
				correct++
				if correct == 2 && first.Lines().Len() > 0 {
					second = first.Lines().At(0).Start
				}
			}
		}
	}
	start := blockStart(list)
	line, col := st.lineOf(start), st.colOf(listMarkerStart(start, st.in.Body))
	if boxes != list.ChildCount() {
		st.errorf(line, col, "question %q: every option needs [ ] or [x]", q.Title)
	}
	switch {
	case correct == 0:
		st.errorf(line, col, "question %q has no correct option: mark at least one with [x]", q.Title)
	case correct > 1 && (q.declared == Single || q.declared == TrueFalse):
		st.errorf(st.lineOf(second), st.colOf(second), "question %q is marked %s but has %d correct options; leave one [x] or mark it [wiele odpowiedzi]",
			q.Title, markerOf(q.declared), correct)
	}
	if q.QType == Single && correct > 1 {
		q.QType = Multiple // reported above when declared; inferred otherwise
	}
	q.Multi = q.QType == Multiple
	cs := &choices{q: q}
	list.Parent().ReplaceChild(list.Parent(), list, cs)
	q.form = cs
	index := 0
	var picked []string
	for it := list.FirstChild(); it != nil; {
		next := it.NextSibling()
		box, first := taskBox(it)
		c := &choice{correct: box != nil && box.IsChecked}
		cs.AppendChild(cs, c)
		if box != nil {
			label := &optionLabel{}
			first.ReplaceChild(first, box, &choiceInput{q: q, index: index, correct: c.correct})
			c.label = plainText(first, src)
			for first.FirstChild() != nil {
				ch := first.FirstChild()
				first.RemoveChild(first, ch)
				label.AppendChild(label, ch)
			}
			it.RemoveChild(it, first)
			c.AppendChild(c, label)
			if c.correct {
				picked = append(picked, strconv.Itoa(index))
			}
			index++
		}
		for it.FirstChild() != nil {
			ch := it.FirstChild()
			it.RemoveChild(it, ch)
			if bq, ok := ch.(*ast.Blockquote); ok {
				fb := &feedback{correct: c.correct, salt: st.salt}
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
	q.key = strings.Join(picked, ",")
	if q.QType == TrueFalse {
		st.checkTrueFalse(q, cs, line, col)
	}
}

// listMarkerStart finds the list marker before a list's first text.
func listMarkerStart(textStart int, body []byte) int {
	i := textStart
	for i > 0 && body[i-1] != '\n' {
		i--
	}
	for i < textStart && (body[i] == ' ' || body[i] == '\t') {
		i++
	}
	return i
}

// trueFalseLabels are the accepted option labels of a true/false question:
// exports need to know which option is "true".
var trueFalseLabels = map[string]bool{"prawda": true, "fałsz": false, "falsz": false, "true": true, "false": false}

func (st *docState) checkTrueFalse(q *Question, cs *choices, line, col int) {
	var seen []bool
	for c := cs.FirstChild(); c != nil; c = c.NextSibling() {
		v, ok := trueFalseLabels[strings.ToLower(strings.TrimSpace(c.(*choice).label))]
		if !ok {
			break
		}
		seen = append(seen, v)
	}
	if cs.ChildCount() != 2 || len(seen) != 2 || seen[0] == seen[1] {
		st.errorf(line, col, "true/false question %q needs exactly two options, „Prawda” and „Fałsz”", q.Title)
	}
}

// arrows separate the sides of a matching pair.
var arrows = []string{"→", "->"}

// itemText is the first text block of a list item.
func itemText(it ast.Node) ast.Node {
	if f := it.FirstChild(); f != nil && (f.Kind() == ast.KindParagraph || f.Kind() == ast.KindTextBlock) {
		return f
	}
	return nil
}

func allPairs(list *ast.List, src []byte) bool {
	for it := list.FirstChild(); it != nil; it = it.NextSibling() {
		tb := itemText(it)
		if tb == nil || tb.Lines().Len() == 0 {
			return false
		}
		if seg := tb.Lines().At(0); arrowAt(seg.Value(src)) < 0 {
			return false
		}
	}
	return list.ChildCount() > 0
}

func arrowAt(line []byte) int {
	for _, a := range arrows {
		if i := strings.Index(string(line), a); i >= 0 {
			return i
		}
	}
	return -1
}

func arrowLen(line []byte, at int) int {
	if strings.HasPrefix(string(line[at:]), "→") {
		return len("→")
	}
	return 2
}

// convertMatching turns "- A → B" items into a matching question.
func (st *docState) convertMatching(q *Question, list *ast.List, src []byte) {
	m := &matching{q: q}
	rightIndex := map[string]int{}
	var rights []string
	seenLeft := map[string]bool{}
	for it := list.FirstChild(); it != nil; it = it.NextSibling() {
		tb := itemText(it)
		if tb == nil || tb.Lines().Len() == 0 {
			continue
		}
		seg := tb.Lines().At(0)
		line := seg.Value(src)
		ln, col := st.lineOf(seg.Start), st.colOf(seg.Start)
		at := arrowAt(line)
		if at < 0 {
			st.errorf(ln, col, "matching pair %q has no partner: write it as „%s → …”", strings.TrimSpace(plainText(tb, src)), strings.TrimSpace(plainText(tb, src)))
			continue
		}
		left := strings.TrimSpace(string(line[:at]))
		right := strings.TrimSpace(string(line[at+arrowLen(line, at):]))
		if tb.Lines().Len() > 1 || !plainLine(tb) {
			right = rightText(tb, seg.Start+at, src)
		}
		switch {
		case left == "":
			st.errorf(ln, col, "matching pair → %q has no left side", right)
			continue
		case right == "":
			st.errorf(ln, st.colOf(seg.Start+at), "matching pair %q has no partner after the arrow", left)
			continue
		case seenLeft[left]:
			st.errorf(ln, col, "matching item %q appears twice", left)
			continue
		}
		seenLeft[left] = true
		leftNode := &ast.Paragraph{}
		leftNode.Lines().Append(text.NewSegment(seg.Start, seg.Start+at))
		moveInlinesBefore(tb, leftNode, seg.Start+at, src)
		m.AppendChild(m, leftNode)
		m.lefts = append(m.lefts, plainText(leftNode, src))
		if _, ok := rightIndex[right]; !ok {
			rightIndex[right] = len(rights)
			rights = append(rights, right)
		}
		m.answer = append(m.answer, rightIndex[right])
	}
	if len(m.lefts) < 2 {
		start := blockStart(list)
		st.errorf(st.lineOf(start), st.colOf(listMarkerStart(start, st.in.Body)), "matching question %q needs at least two pairs", q.Title)
	}
	// Show the right sides shuffled; the answer refers to their shown places.
	order := shuffle(q.salt+"r", len(rights))
	place := make([]int, len(rights))
	for shown, orig := range order {
		m.rights = append(m.rights, rights[orig])
		place[orig] = shown
	}
	keys := make([]string, len(m.answer))
	for i, r := range m.answer {
		m.answer[i] = place[r]
		keys[i] = strconv.Itoa(place[r])
	}
	q.key = strings.Join(keys, ",")
	list.Parent().ReplaceChild(list.Parent(), list, m)
	q.form = m
}

// moveInlinesBefore moves the inline nodes of from that start before
// offset at into to, cutting a text node that spans it.
func moveInlinesBefore(from, to ast.Node, at int, src []byte) {
	for c := from.FirstChild(); c != nil; {
		next := c.NextSibling()
		start := inlineStart(c)
		if start >= at || start < 0 {
			break
		}
		if t, ok := c.(*ast.Text); ok && t.Segment.Stop > at {
			cut := text.NewSegment(t.Segment.Start, at)
			to.AppendChild(to, ast.NewTextSegment(cut.TrimRightSpace(src)))
			t.Segment = t.Segment.WithStart(at)
			break
		}
		from.RemoveChild(from, c)
		to.AppendChild(to, c)
		c = next
	}
	if t, ok := to.LastChild().(*ast.Text); ok {
		t.Segment = t.Segment.TrimRightSpace(src)
		t.SetSoftLineBreak(false)
	}
}

// plainLine reports whether a block is plain text (no emphasis, code or
// links), so its source line is its text.
func plainLine(n ast.Node) bool {
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		if c.Kind() != ast.KindText {
			return false
		}
	}
	return true
}

// rightText is the plain text after the arrow of a matching item.
func rightText(tb ast.Node, at int, src []byte) string {
	var b strings.Builder
	_ = ast.Walk(tb, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch c := c.(type) {
		case *ast.Text:
			seg := c.Segment
			if seg.Stop <= at {
				return ast.WalkContinue, nil
			}
			if seg.Start < at {
				seg = seg.WithStart(at)
			}
			b.Write(seg.Value(src))
			if c.SoftLineBreak() {
				b.WriteByte(' ')
			}
		case *ast.String:
			b.Write(c.Value)
		}
		return ast.WalkContinue, nil
	})
	s := strings.TrimSpace(b.String())
	for _, a := range arrows {
		s = strings.TrimPrefix(s, a)
	}
	return strings.TrimSpace(s)
}

// convertOrdering turns a numbered list, written in the right order, into
// an ordering question shown shuffled.
func (st *docState) convertOrdering(q *Question, list *ast.List, src []byte) {
	o := &ordering{q: q}
	seen := map[string]bool{}
	var items []ast.Node
	for it := list.FirstChild(); it != nil; it = it.NextSibling() {
		tb := itemText(it)
		if tb == nil {
			continue
		}
		t := plainText(tb, src)
		if seen[t] && tb.Lines().Len() > 0 {
			s := tb.Lines().At(0).Start
			st.errorf(st.lineOf(s), st.colOf(s), "ordering item %q appears twice", t)
		}
		seen[t] = true
		items = append(items, it)
	}
	if len(items) < 2 {
		start := blockStart(list)
		st.errorf(st.lineOf(start), st.colOf(listMarkerStart(start, st.in.Body)), "ordering question %q needs at least two items", q.Title)
	}
	order := shuffle(q.salt, len(items))
	place := make([]int, len(items))
	for shown, orig := range order {
		place[orig] = shown
	}
	keys := make([]string, len(items))
	for i := range items {
		keys[i] = strconv.Itoa(place[i])
	}
	q.key = strings.Join(keys, ",")
	o.order = items
	for _, orig := range order {
		list.RemoveChild(list, items[orig])
	}
	for _, orig := range order {
		o.AppendChild(o, items[orig])
	}
	list.Parent().ReplaceChild(list.Parent(), list, o)
	q.form = o
}

// convertNumeric turns "= 42 ± 1" into a numeric answer.
func (st *docState) convertNumeric(q *Question, p *ast.Paragraph, src []byte) {
	vs, ts, _ := numericLine(p, src)
	seg := p.Lines().At(0)
	n := &numeric{q: q, written: strings.TrimSpace(string(seg.Value(src)[1:]))}
	ok := true
	var good bool
	if n.value, n.decimals, good = ParseNumber(string(vs.Value(src))); !good {
		st.errorf(st.lineOf(vs.Start), st.colOf(vs.Start), "numeric answer %q is not a number", vs.Value(src))
		ok = false
	}
	if ts != nil {
		if n.tolerance, _, good = ParseNumber(string(ts.Value(src))); !good || n.tolerance < 0 {
			st.errorf(st.lineOf(ts.Start), st.colOf(ts.Start), "tolerance %q is not a positive number", ts.Value(src))
			ok = false
		}
	}
	p.Parent().ReplaceChild(p.Parent(), p, n)
	q.form = n
	if ok {
		q.key = numericKey(n.value, n.tolerance, n.decimals)
	}
}

// numericKey is the key the browser derives from a learner's number: with
// a tolerance, the index of the cell of a grid of width 2×tolerance that
// holds the range (the grid's offset is published, the cell is not);
// without one, the number at the precision the author wrote.
func numericKey(v, tol float64, decimals int) string {
	if tol == 0 {
		return strconv.FormatFloat(v, 'f', decimals, 64)
	}
	off, width := numericGrid(v, tol)
	return strconv.Itoa(int(math.Round((v - tol - off) / width)))
}

// numericGrid is the published grid of a numeric answer with tolerance.
func numericGrid(v, tol float64) (offset, width float64) {
	width = 2 * tol
	offset = math.Mod(v-tol, width)
	if offset < 0 {
		offset += width
	}
	return offset, width
}

// checkBlanks validates the blanks of a question.
func (st *docState) checkBlanks(q *Question) {
	for _, b := range q.blanks {
		for _, a := range b.answers {
			if a == "" {
				st.errorf(st.lineOf(b.offset), st.colOf(b.offset), "empty answer in blank [[%s]]: write each accepted answer between the bars", strings.Join(b.answers, "|"))
				break
			}
		}
	}
}

// NormalizeBlank is how a blank's answer is compared: case and runs of
// white space do not matter. The theme's script does the same.
func NormalizeBlank(s string) string {
	return strings.ToLower(strings.Join(strings.Fields(s), " "))
}
