package markdown

import (
	"bytes"
	"strconv"
)

// Limits on what goldmark is given. Some shapes make it take quadratic
// time: 100,000 nested list markers took 20 s, a line of 20,000 "[a](" a
// second and a half. Real documents come nowhere near these limits; a
// document that passes one is an error at its line and is not parsed, so
// razem serve stays responsive while a broken file is being fixed.
const (
	// MaxNesting is how deep lists and block quotes may nest.
	MaxNesting = 100
	// MaxBrackets is how many [ one line may hold.
	MaxBrackets = 1000
)

// tooComplex finds the first line that passes a limit: its index in body
// (0-based) and what is wrong; ok is false when there is none.
func tooComplex(body []byte) (line int, problem string, ok bool) {
	for i := 0; len(body) > 0; i++ {
		ln := body
		if j := bytes.IndexByte(body, '\n'); j >= 0 {
			ln, body = body[:j], body[j+1:]
		} else {
			body = nil
		}
		if d := nesting(ln); d > MaxNesting {
			return i, "lists and block quotes nested deeper than " + strconv.Itoa(MaxNesting) + " levels; razem does not read deeper nesting", true
		}
		if bytes.Count(ln, []byte("[")) > MaxBrackets {
			return i, "more than " + strconv.Itoa(MaxBrackets) + " [ on one line; razem does not read lines with more", true
		}
	}
	return 0, "", false
}

// nesting estimates how deep the containers a line opens or continues are
// nested: each list marker or > at its start is a level, and so is every
// two columns of indentation before a list marker (how nested items are
// written on lines of their own).
func nesting(ln []byte) int {
	depth, i, first := 0, 0, true
	for {
		indent := 0
		for ; i < len(ln) && (ln[i] == ' ' || ln[i] == '\t'); i++ {
			if indent++; ln[i] == '\t' {
				indent += 3 // a tab is four columns
			}
		}
		if i >= len(ln) {
			return depth
		}
		n := listMarker(ln[i:])
		switch {
		case ln[i] == '>':
			n = 1
		case n == 0:
			return depth
		case first:
			depth += indent / 2
		}
		depth++
		i += n
		first = false
	}
}

// listMarker returns the length of a list marker at the start of b ("- ",
// "* ", "+ ", "12. ", "3) "), or 0.
func listMarker(b []byte) int {
	if len(b) >= 2 && (b[0] == '-' || b[0] == '*' || b[0] == '+') && (b[1] == ' ' || b[1] == '\t') {
		return 2
	}
	i := 0
	for i < len(b) && i < 9 && b[i] >= '0' && b[i] <= '9' {
		i++
	}
	if i > 0 && i+1 < len(b) && (b[i] == '.' || b[i] == ')') && (b[i+1] == ' ' || b[i+1] == '\t') {
		return i + 2
	}
	return 0
}
