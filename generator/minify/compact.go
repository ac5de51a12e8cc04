package minify

import "bytes"

// compactHTML removes the white space of an HTML page that cannot show:
// runs next to a block-level tag go, other runs shrink to one character,
// comments go, and <pre>, <textarea>, <script> and <style> are copied as
// they are. It works in place (the output is never longer than the input).
//
// Why not tdewolff/minify for HTML: with the options razem needs (quotes,
// end tags, document tags and default attributes kept, for validators and
// screen readers) white space is all it removes from razem's pages, and it
// tokenises every byte to do so. On the 10,000-page benchmark that was 15 %
// of the build's CPU time for 1.2 % of the bytes; this pass takes a few
// percent of that and leaves the same bytes, give or take a newline. A test
// holds it to that: tdewolff finds nothing significant that differs.
func compactHTML(b []byte) []byte {
	w := 0          // write position; b[:w] is the output so far
	afterBlock := 0 // w just after the last block-level tag written
	for i := 0; i < len(b); {
		// Copy a run of text up to the next tag or white space that may
		// need work. A single space between two words needs none, and is
		// most of the white space there is.
		j := i
		for j < len(b) {
			c := b[j]
			if !special[c] {
				j++
				continue
			}
			if c == ' ' && j > i && j+1 < len(b) && !special[b[j+1]] && b[j-1] != '>' {
				j += 2
				continue
			}
			break
		}
		if j > i {
			w += copy(b[w:], b[i:j])
			i = j
			continue
		}
		if c := b[i]; c == '<' {
			if i+1 == len(b) || !(b[i+1] == '/' || b[i+1] == '!' || b[i+1]|0x20 >= 'a' && b[i+1]|0x20 <= 'z') {
				b[w] = c // a '<' that starts no tag is text
				w++
				i++
				continue
			}
			end, drop := markup(b, i)
			if drop {
				i = end
				continue
			}
			isBlock := blockAfter(b[i:])
			if isBlock {
				for w > 0 && isSpace(b[w-1]) {
					w-- // a space before a block tag (kept before a comment that went)
				}
			}
			w += copy(b[w:], b[i:end])
			i = end
			if isBlock {
				afterBlock = w
			}
			continue
		}
		j, nl := i, false
		if w > 0 && isSpace(b[w-1]) { // the run before a comment that went
			w--
			nl = b[w] == '\n'
		}
		for j < len(b) && isSpace(b[j]) {
			nl = nl || b[j] == '\n'
			j++
		}
		switch {
		case w == 0 || j == len(b) || w == afterBlock || blockAfter(b[j:]):
			// invisible: next to a block boundary or the document's ends
		case nl:
			b[w] = '\n' // a newline, not a space: keeps lines of source short
			w++
		default:
			b[w] = ' '
			w++
		}
		i = j
	}
	for w > 0 && isSpace(b[w-1]) {
		w--
	}
	return b[:w]
}

// special marks the bytes where the text copy loop stops: tags and white
// space.
var special = [256]bool{'<': true, ' ': true, '\n': true, '\t': true, '\r': true, '\f': true}

func isSpace(c byte) bool { return c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f' }

// markup returns where the tag, comment or doctype starting at b[i] ends,
// and whether it is dropped (comments are). Tags are kept as written: white
// space inside attribute values is the author's. The content of <pre>,
// <textarea>, <script> and <style> is kept too, so their end is the end of
// the closing tag.
func markup(b []byte, i int) (end int, drop bool) {
	if bytes.HasPrefix(b[i+1:], []byte("!--")) {
		if k := bytes.Index(b[i+4:], []byte("-->")); k >= 0 {
			return i + 4 + k + 3, true
		}
		return len(b), true
	}
	end = tagEnd(b, i)
	name := tagName(b[i+1:])
	if !rawText(name) {
		return end, false
	}
	for k := end; ; {
		n := bytes.Index(b[k:], []byte("</"))
		if n < 0 {
			return len(b), false
		}
		k += n + 2
		if bytes.EqualFold(tagName(b[k:]), name) {
			return tagEnd(b, k-2), false
		}
	}
}

// tagEnd returns the index after the '>' that closes the tag at b[i],
// skipping quoted attribute values.
func tagEnd(b []byte, i int) int {
	for k := i + 1; ; {
		gt := bytes.IndexByte(b[k:], '>')
		if gt < 0 {
			return len(b)
		}
		q := quoteIn(b[k : k+gt])
		if q < 0 {
			return k + gt + 1
		}
		q += k
		if !afterEquals(b[i:q]) {
			k = q + 1 // a quote inside an unquoted value
			continue
		}
		end := bytes.IndexByte(b[q+1:], b[q])
		if end < 0 {
			return len(b)
		}
		k = q + 1 + end + 1
	}
}

// quoteIn returns the index of the first quote in s, or -1.
func quoteIn(s []byte) int {
	d, sq := bytes.IndexByte(s, '"'), bytes.IndexByte(s, '\'')
	if d < 0 || sq >= 0 && sq < d {
		return sq
	}
	return d
}

// afterEquals reports whether s ends with '=' and optional spaces.
func afterEquals(s []byte) bool {
	n := len(s)
	for n > 0 && isSpace(s[n-1]) {
		n--
	}
	return n > 0 && s[n-1] == '='
}

// tagName is the name at the start of s (s follows "<" or "</").
func tagName(s []byte) []byte {
	n := 0
	for n < len(s) && (s[n]|0x20 >= 'a' && s[n]|0x20 <= 'z' || n > 0 && s[n] >= '0' && s[n] <= '9') {
		n++
	}
	return s[:n]
}

func rawText(name []byte) bool {
	switch len(name) {
	case 3, 5, 6, 8:
		return bytes.EqualFold(name, []byte("pre")) || bytes.EqualFold(name, []byte("style")) ||
			bytes.EqualFold(name, []byte("script")) || bytes.EqualFold(name, []byte("textarea"))
	}
	return false
}

// blockAfter reports whether rest starts with a block-level tag.
func blockAfter(rest []byte) bool {
	if rest[0] != '<' {
		return false
	}
	tag := rest[1:]
	if len(tag) > 0 && tag[0] == '/' {
		tag = tag[1:]
	}
	return block(tagName(tag))
}

// block reports whether white space beside the element never renders:
// elements that are blocks by default, and those of the document head.
// Inline ones (a, span, button, input, label, img, br…) keep their spaces.
func block(name []byte) bool {
	if len(name) == 0 || len(name) > 10 {
		return false
	}
	var lower [10]byte
	for i, c := range name {
		if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		}
		lower[i] = c
	}
	switch string(lower[:len(name)]) {
	case "address", "article", "aside", "base", "blockquote", "body", "caption",
		"col", "colgroup", "dd", "details", "dialog", "div", "dl", "dt",
		"fieldset", "figcaption", "figure", "footer", "form",
		"h1", "h2", "h3", "h4", "h5", "h6", "head", "header", "hgroup", "hr", "html",
		"legend", "li", "link", "main", "menu", "meta", "nav", "ol", "optgroup",
		"option", "p", "pre", "section", "summary", "table", "tbody", "td",
		"template", "tfoot", "th", "thead", "title", "tr", "ul":
		return true
	}
	return false
}
