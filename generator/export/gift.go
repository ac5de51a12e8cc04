package export

import (
	"regexp"
	"strconv"
	"strings"

	"github.com/razem/razem/generator/diag"
	"github.com/razem/razem/generator/markdown"
)

// GIFT writes questions in Moodle's GIFT format: one category per
// exercise, text as [html]. GIFT has no ordering questions and holds one
// blank per question; such questions are reported, not written.
func GIFT(qs []Question, l *diag.List) []byte {
	var b strings.Builder
	b.WriteString("// razem: questions exported from the training site\n\n")
	var category string
	for _, q := range qs {
		body, ok := giftAnswer(q, l)
		if !ok {
			continue
		}
		if c := q.Page.Meta.Title; c != category {
			category = c
			b.WriteString("$CATEGORY: $course$/razem/" + strings.Join(strings.Fields(c), " ") + "\n\n")
		}
		b.WriteString("// " + q.File + ":" + strconv.Itoa(q.Line) + "\n")
		b.WriteString("::" + giftEscape(q.Title) + "::[html]")
		if q.Type == markdown.Blanks {
			parts := blankParts(q.text(), 1)
			b.WriteString(giftPart(parts[0]) + body + giftPart(parts[1]) + "\n\n")
			continue
		}
		b.WriteString(giftText(q.text()) + body + "\n\n")
	}
	return []byte(b.String())
}

// giftAnswer is the {…} part of a question.
func giftAnswer(q Question, l *diag.List) (string, bool) {
	general := ""
	if q.Answer != "" {
		general = "####" + giftText(q.Answer)
	}
	fb := func(s string) string {
		if strings.TrimSpace(s) == "" {
			return ""
		}
		return "#" + giftText(s)
	}
	var b strings.Builder
	b.WriteString("{")
	switch q.Type {
	case markdown.Single:
		for _, o := range q.Options {
			mark := "~"
			if o.Correct {
				mark = "="
			}
			b.WriteString("\n\t" + mark + giftText(o.HTML) + fb(o.Feedback))
		}
	case markdown.Multiple:
		right := 0
		for _, o := range q.Options {
			if o.Correct {
				right++
			}
		}
		w, ok := weight(right)
		if !ok {
			notExportable(l, q, "GIFT", "Moodle grades at most 10 correct options")
			return "", false
		}
		for _, o := range q.Options {
			sign := "-"
			if o.Correct {
				sign = ""
			}
			b.WriteString("\n\t~%" + sign + w + "%" + giftText(o.HTML) + fb(o.Feedback))
		}
	case markdown.TrueFalse:
		var right, wrong string
		for _, o := range q.Options {
			if o.Correct {
				right = o.Feedback
			} else {
				wrong = o.Feedback
			}
		}
		b.WriteString(strings.ToUpper(strconv.FormatBool(q.TrueIsCorrect())) + fb(wrong) + fb(right))
	case markdown.Matching:
		if len(q.Pairs) < 3 {
			notExportable(l, q, "GIFT", "Moodle needs at least three matching pairs")
			return "", false
		}
		for _, p := range q.Pairs {
			b.WriteString("\n\t=" + giftEscape(p.Left) + " -> " + giftEscape(p.Right))
		}
	case markdown.Ordering:
		notExportable(l, q, "GIFT", "GIFT has no ordering questions; export to moodle instead")
		return "", false
	case markdown.Blanks:
		if len(q.Blanks) != 1 {
			notExportable(l, q, "GIFT", "GIFT holds one blank per question; export to moodle (cloze) instead")
			return "", false
		}
		for i, a := range q.Blanks[0] {
			if i > 0 {
				b.WriteString(" ")
			}
			b.WriteString("=" + giftEscape(a))
		}
	case markdown.Numeric:
		b.WriteString("#" + num(q.Number))
		if q.Tolerance > 0 {
			b.WriteString(":" + num(q.Tolerance))
		}
	case markdown.Open:
	}
	b.WriteString(general + "}")
	return b.String(), true
}

func num(f float64) string { return strconv.FormatFloat(f, 'f', -1, 64) }

var giftEscaper = strings.NewReplacer(`\`, `\\`, "~", `\~`, "=", `\=`, "#", `\#`, "{", `\{`, "}", `\}`, ":", `\:`)

// giftEscape escapes GIFT's special characters.
func giftEscape(s string) string { return giftEscaper.Replace(s) }

// giftText is HTML on one line (a blank line ends a GIFT question),
// escaped.
func giftText(s string) string { return giftEscape(spaces.ReplaceAllString(strings.TrimSpace(s), " ")) }

// giftPart is giftText for text beside a blank, whose edge spaces count.
func giftPart(s string) string { return giftEscape(spaces.ReplaceAllString(s, " ")) }

var spaces = regexp.MustCompile(`\s+`)
