package export

import (
	"strconv"
	"strings"

	"github.com/razem/razem/generator/diag"
	"github.com/razem/razem/generator/markdown"
)

// Moodle writes questions as Moodle XML: a category per exercise, then
// multichoice, truefalse, matching, ordering (core since Moodle 4.4),
// cloze (blanks), numerical and essay questions.
func Moodle(qs []Question, l *diag.List) []byte {
	var b strings.Builder
	b.WriteString("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<quiz>\n")
	var category string
	for _, q := range qs {
		body, typ, ok := moodleBody(q, l)
		if !ok {
			continue
		}
		if c := q.Page.Meta.Title; c != category {
			category = c
			b.WriteString(`<question type="category"><category><text>` + xmlText("$course$/top/razem/"+c) + "</text></category></question>\n")
		}
		b.WriteString("<!-- " + strings.ReplaceAll(q.File, "--", "- -") + ":" + strconv.Itoa(q.Line) + " -->\n")
		b.WriteString(`<question type="` + typ + `">` + "\n<name><text>" + xmlText(q.Title) + "</text></name>\n")
		text := q.text()
		if q.Type == markdown.Blanks {
			text = clozeText(q)
		}
		b.WriteString(`<questiontext format="html"><text>` + cdata(text) + "</text></questiontext>\n")
		if q.Type != markdown.Open {
			b.WriteString(`<generalfeedback format="html"><text>` + cdata(q.Answer) + "</text></generalfeedback>\n")
		} else {
			b.WriteString(`<generalfeedback format="html"><text></text></generalfeedback>` + "\n")
		}
		b.WriteString("<defaultgrade>1</defaultgrade>\n<penalty>0.3333333</penalty>\n<hidden>0</hidden>\n")
		b.WriteString(body)
		b.WriteString("</question>\n")
	}
	b.WriteString("</quiz>\n")
	return []byte(b.String())
}

// moodleBody is the type-specific part of a question and its Moodle type.
func moodleBody(q Question, l *diag.List) (string, string, bool) {
	var b strings.Builder
	feedback := func(s string) string {
		return `<feedback format="html"><text>` + cdata(s) + "</text></feedback>"
	}
	switch q.Type {
	case markdown.Single, markdown.Multiple:
		right := 0
		for _, o := range q.Options {
			if o.Correct {
				right++
			}
		}
		w, ok := weight(right)
		if !ok {
			notExportable(l, q, "Moodle XML", "Moodle grades at most 10 correct options")
			return "", "", false
		}
		b.WriteString("<single>" + strconv.FormatBool(q.Type == markdown.Single) + "</single>\n<shuffleanswers>true</shuffleanswers>\n<answernumbering>abc</answernumbering>\n")
		for _, o := range q.Options {
			f := "0"
			switch {
			case o.Correct:
				f = w
			case q.Type == markdown.Multiple:
				f = "-" + w
			}
			b.WriteString(`<answer fraction="` + f + `" format="html"><text>` + cdata(o.HTML) + "</text>" + feedback(o.Feedback) + "</answer>\n")
		}
		return b.String(), "multichoice", true
	case markdown.TrueFalse:
		truth := q.TrueIsCorrect()
		for _, v := range []bool{true, false} {
			f, fb := "0", ""
			for _, o := range q.Options {
				if o.Correct == (v == truth) {
					fb = o.Feedback
				}
			}
			if v == truth {
				f = "100"
			}
			b.WriteString(`<answer fraction="` + f + `" format="moodle_auto_format"><text>` + strconv.FormatBool(v) + "</text>" + feedback(fb) + "</answer>\n")
		}
		return b.String(), "truefalse", true
	case markdown.Matching:
		if len(q.Pairs) < 3 {
			notExportable(l, q, "Moodle XML", "Moodle needs at least three matching pairs")
			return "", "", false
		}
		b.WriteString("<shuffleanswers>true</shuffleanswers>\n")
		for _, p := range q.Pairs {
			b.WriteString(`<subquestion format="html"><text>` + cdata(p.LeftHTML) + "</text><answer><text>" + xmlText(p.Right) + "</text></answer></subquestion>\n")
		}
		return b.String(), "matching", true
	case markdown.Ordering:
		b.WriteString("<layouttype>VERTICAL</layouttype>\n<selecttype>ALL</selecttype>\n<selectcount>0</selectcount>\n<gradingtype>ABSOLUTE_POSITION</gradingtype>\n<showgrading>SHOW</showgrading>\n<numberingstyle>none</numberingstyle>\n")
		for i, it := range q.Order {
			b.WriteString(`<answer fraction="` + strconv.Itoa(i+1) + `" format="html"><text>` + cdata(it) + "</text></answer>\n")
		}
		return b.String(), "ordering", true
	case markdown.Blanks:
		return "", "cloze", true
	case markdown.Numeric:
		b.WriteString(`<answer fraction="100"><text>` + num(q.Number) + "</text><tolerance>" + num(q.Tolerance) + "</tolerance>" + feedback("") + "</answer>\n")
		return b.String(), "numerical", true
	}
	b.WriteString("<responseformat>editor</responseformat>\n<responserequired>1</responserequired>\n<responsefieldlines>10</responsefieldlines>\n<attachments>0</attachments>\n")
	b.WriteString(`<graderinfo format="html"><text>` + cdata(q.Answer) + "</text></graderinfo>\n")
	b.WriteString(`<responsetemplate format="html"><text></text></responsetemplate>` + "\n")
	return b.String(), "essay", true
}

var clozeEscaper = strings.NewReplacer(`\`, `\\`, "}", `\}`, "#", `\#`, "~", `\~`, "/", `\/`, `"`, `\"`)

// clozeText is a blanks question's text with each blank as an embedded
// short answer: {1:SHORTANSWER:=a~=b}.
func clozeText(q Question) string {
	parts := blankParts(q.text(), len(q.Blanks))
	var b strings.Builder
	for i, p := range parts {
		b.WriteString(p)
		if i < len(q.Blanks) {
			b.WriteString("{1:SHORTANSWER:")
			for j, a := range q.Blanks[i] {
				if j > 0 {
					b.WriteString("~")
				}
				b.WriteString("=" + clozeEscaper.Replace(a))
			}
			b.WriteString("}")
		}
	}
	return b.String()
}

var xmlEscaper = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;")

func xmlText(s string) string { return xmlEscaper.Replace(s) }

// cdata wraps HTML in CDATA sections, splitting any "]]>" inside.
func cdata(s string) string {
	if s == "" {
		return ""
	}
	return "<![CDATA[" + strings.ReplaceAll(s, "]]>", "]]]]><![CDATA[>") + "]]>"
}
