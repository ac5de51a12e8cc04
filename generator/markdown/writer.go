package markdown

import (
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/util"
)

// plainWriter is goldmark's HTML text writer with a fast path: text with
// nothing to escape, unescape or resolve (no \, &, NUL, ", < or >), which is
// nearly all prose, is written as it is in one call. goldmark's writer
// looks at every byte twice, calling a function for each, and text writing
// was a tenth of converting a page. Anything else goes to goldmark's writer.
type plainWriter struct{ html.Writer }

// special marks the bytes goldmark's writer treats specially.
var special = [256]bool{'\\': true, '&': true, 0: true, '"': true, '<': true, '>': true}

func plain(s []byte) bool {
	for _, c := range s {
		if special[c] {
			return false
		}
	}
	return true
}

func (p plainWriter) Write(w util.BufWriter, source []byte) {
	if plain(source) {
		_, _ = w.Write(source)
		return
	}
	p.Writer.Write(w, source)
}

func (p plainWriter) RawWrite(w util.BufWriter, source []byte) {
	if plain(source) {
		_, _ = w.Write(source)
		return
	}
	p.Writer.RawWrite(w, source)
}
