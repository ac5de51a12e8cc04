package markdown

import (
	"html/template"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
)

// collect fills the TOC, ids, plain-text sections and word count from the
// final AST. Search indexes the learner edition: trainer notes, model
// answers, feedback and the answers of blanks and numeric questions are
// left out, and options of matching and ordering questions go in as shown
// (shuffled), so no snippet gives an answer away.
//
// Words are counted as the text streams by. With noSections (search off)
// the text is not kept: only the count needed it.
func collect(doc ast.Node, src []byte, out *Output, noSections bool) {
	sec := &Section{}
	var b []byte // a section's text, the buffer reused for the next
	var wc wordCounter
	write := func(p []byte) {
		wc.write(p)
		if !noSections {
			b = append(b, p...)
		}
	}
	space := func() { write(spaceByte) }
	flush := func() {
		wc.end()
		wc.write([]byte(sec.Heading))
		wc.end()
		out.Words, wc.words = out.Words+wc.words, 0
		if noSections {
			return
		}
		if sec.Text = squeeze(b); sec.Text != "" || sec.Heading != "" {
			out.Sections = append(out.Sections, *sec)
		}
		b = b[:0]
	}
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if id, ok := n.AttributeString("id"); ok && entering {
			if s, ok := id.([]byte); ok {
				out.IDs[string(s)] = true
			}
		}
		switch n := n.(type) {
		case *Callout:
			out.ForTrainers = out.ForTrainers || n.Marker == "trainer" || n.Marker == "answer"
			if n.Marker == "trainer" || n.Marker == "answer" {
				return ast.WalkSkipChildren, nil
			}
		case *feedback, *blank, *numeric:
			return ast.WalkSkipChildren, nil
		case *matching:
			if entering {
				for _, r := range n.rights {
					write([]byte(r))
					space()
				}
			}
		case *ast.Heading:
			if !entering {
				return ast.WalkContinue, nil
			}
			id, _ := n.AttributeString("id")
			ids, _ := id.([]byte)
			t := plainText(n, src)
			if n.Level <= 3 && n.Level >= 2 {
				out.TOC = append(out.TOC, Heading{Level: n.Level, ID: string(ids), Text: t})
				flush()
				sec = &Section{Anchor: string(ids), Heading: t}
				return ast.WalkSkipChildren, nil
			}
		case *ast.Text:
			if entering {
				write(n.Segment.Value(src))
				if n.SoftLineBreak() || n.HardLineBreak() {
					space()
				}
			}
		case *ast.String:
			if entering {
				write(n.Value)
			}
		case *ast.AutoLink:
			if entering {
				write(n.Label(src))
				space()
			}
		case *east.TaskCheckBox:
		default:
			if n.Type() == ast.TypeBlock && !entering {
				space()
			}
		}
		return ast.WalkContinue, nil
	})
	flush()
	out.TOCHTML = tocHTML(out.TOC)
}

// tocHTML renders the table of contents: one flat list, each item classed
// by heading level.
func tocHTML(toc []Heading) template.HTML {
	if len(toc) == 0 {
		return ""
	}
	var b strings.Builder
	b.WriteString("<ol>")
	for _, h := range toc {
		b.WriteString(`<li class="toc-h`)
		b.WriteString(strconv.Itoa(h.Level))
		b.WriteString(`"><a href="#`)
		b.WriteString(template.HTMLEscapeString(h.ID))
		b.WriteString(`">`)
		b.WriteString(template.HTMLEscapeString(h.Text))
		b.WriteString(`</a></li>`)
	}
	b.WriteString("</ol>")
	return template.HTML(b.String())
}

// squeeze collapses runs of white space to one space and trims the ends.
// It works in place, s being collect's scratch buffer (the text only
// shrinks, so a word is never written over before it is read), and the
// string it returns is exactly the text's size: a builder grown to the
// input's size kept the difference, 8 MB at 10,000 pages. One pass, one
// allocation: it runs over the whole text of every page.
func squeeze(s []byte) string {
	n := 0 // bytes of the result, at the front of s
	for i := 0; i < len(s); {
		i = skipSpace(s, i)
		if i == len(s) {
			break
		}
		j := i
		for j < len(s) {
			if c := s[j]; c < utf8.RuneSelf {
				if asciiSpace[c] {
					break
				}
				j++
				continue
			}
			r, size := utf8.DecodeRune(s[j:])
			if isSpace(r) {
				break
			}
			j += size
		}
		if n > 0 {
			s[n] = ' '
			n++
		}
		n += copy(s[n:], s[i:j])
		i = j
	}
	return string(s[:n])
}

// skipSpace returns the index of the first byte at or after i that does
// not start white space.
func skipSpace(s []byte, i int) int {
	for i < len(s) {
		if c := s[i]; c < utf8.RuneSelf {
			if !asciiSpace[c] {
				return i
			}
			i++
			continue
		}
		r, size := utf8.DecodeRune(s[i:])
		if !isSpace(r) {
			return i
		}
		i += size
	}
	return i
}

var spaceByte = []byte{' '}

// wordCounter counts words, fields between white space that contain a
// letter (a dash or a number alone is not a word for reading time), over
// text written in pieces, without keeping it.
type wordCounter struct {
	words      int
	in, letter bool    // inside a field; the field has a letter
	part       [4]byte // a rune cut between two writes
	nPart      int
}

func (c *wordCounter) write(p []byte) {
	if c.nPart > 0 { // decode the runes that start in the cut bytes
		var buf [2 * utf8.UTFMax]byte
		n := copy(buf[:], c.part[:c.nPart])
		tmp := buf[:n+copy(buf[n:], p)]
		c.nPart = 0 // before runes, which may end a field
		i := 0
		for i < n {
			if !utf8.FullRune(tmp[i:]) { // p was too short to complete it
				c.nPart = copy(c.part[:], tmp[i:])
				return
			}
			_, size := utf8.DecodeRune(tmp[i:])
			c.runes(tmp[i : i+size])
			i += size
		}
		p = p[i-n:]
	}
	if i := len(p) - utf8.UTFMax + 1; i < len(p) {
		// Keep a trailing incomplete rune for the next write.
		for i = max(i, 0); i < len(p); i++ {
			if utf8.RuneStart(p[i]) && !utf8.FullRune(p[i:]) {
				c.nPart = copy(c.part[:], p[i:])
				p = p[:i]
				break
			}
		}
	}
	c.runes(p)
}

func (c *wordCounter) runes(p []byte) {
	words, in, letter := c.words, c.in, c.letter // in registers, not memory
	for i := 0; i < len(p); {
		if letter {
			// Inside a word already counted as one: only its end matters,
			// white space, which is ASCII or starts with one of these bytes.
			for i < len(p) && p[i] > ' ' && p[i] != 0xC2 && (p[i] < 0xE1 || p[i] > 0xE3) {
				i++
			}
			if i == len(p) {
				break
			}
		}
		switch asciiClass[p[i]] {
		case classSpace:
			if in && letter {
				words++
			}
			in, letter = false, false
			i++
		case classLetter:
			in, letter = true, true
			i++
		case classOther:
			in = true
			i++
		case classLatin:
			// U+00C0–U+017F, Polish letters among them: all letters but
			// × and ÷, no spaces. Most non-ASCII text takes this path.
			if i+1 < len(p) && p[i+1]&0xC0 == 0x80 {
				in, letter = true, letter || !(p[i] == 0xC3 && (p[i+1] == 0x97 || p[i+1] == 0xB7))
				i += 2
				continue
			}
			fallthrough
		default: // not ASCII
			r, size := utf8.DecodeRune(p[i:])
			i += size
			if isSpace(r) {
				if in && letter {
					words++
				}
				in, letter = false, false
				continue
			}
			in, letter = true, letter || unicode.IsLetter(r)
		}
	}
	c.words, c.in, c.letter = words, in, letter
}

const (
	classOther = iota
	classLetter
	classSpace
	classMulti // a byte of a multi-byte rune
	classLatin // the first byte of U+00C0–U+017F
)

// asciiClass classes bytes for word counting.
var asciiClass = func() (t [256]byte) {
	for c := range t {
		switch {
		case c >= 0xC3 && c <= 0xC5:
			t[c] = classLatin
		case c >= utf8.RuneSelf:
			t[c] = classMulti
		case asciiSpace[c]:
			t[c] = classSpace
		case 'a' <= c|0x20 && c|0x20 <= 'z':
			t[c] = classLetter
		}
	}
	return t
}()

// end ends the text written so far: the next write starts a new field.
func (c *wordCounter) end() {
	if c.nPart > 0 { // an incomplete rune at the very end: invalid, not space
		r := c.part[:c.nPart]
		c.nPart = 0
		c.runes(r)
	}
	c.endField()
}

func (c *wordCounter) endField() {
	if c.in && c.letter {
		c.words++
	}
	c.in, c.letter = false, false
}

// isSpace is unicode.IsSpace for non-ASCII runes, with the common case of
// Polish letters (below U+1680, the first space outside Latin-1) decided
// without a table lookup.
func isSpace(r rune) bool {
	return r == 0x85 || r == 0xA0 || r >= 0x1680 && unicode.IsSpace(r)
}

var asciiSpace = [256]bool{'\t': true, '\n': true, '\v': true, '\f': true, '\r': true, ' ': true}

// plainText is the text content of a node (heading titles, slide titles).
func plainText(n ast.Node, src []byte) string {
	var b strings.Builder
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch c := c.(type) {
		case *ast.Text:
			b.Write(c.Segment.Value(src))
			if c.SoftLineBreak() {
				b.WriteByte(' ')
			}
		case *ast.String:
			b.Write(c.Value)
		case *TermLink:
			b.WriteString(c.Word)
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
	return strings.TrimSpace(b.String())
}
