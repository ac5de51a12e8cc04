package page

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/BurntSushi/toml"
	"github.com/adrg/frontmatter"
	"gopkg.in/yaml.v3"

	"github.com/razem/razem/generator/diag"
)

// rawMatter is the front matter block as found in the file, before decoding.
// adrg/frontmatter finds the block; we decode it ourselves with yaml.v3 nodes
// because only nodes carry the line numbers every diagnostic must name.
type rawMatter struct {
	format string // "yaml", "toml" or "json"
	data   []byte
	// offset is the file line before data's first line: a node on data's
	// line n is on file line n + offset.
	offset int
	// err is a syntax error found while looking for the block's end (JSON).
	err *diag.Diagnostic
}

// split separates front matter from the body. It returns the raw block, the
// body, and the 1-based line on which the body starts.
func split(src []byte) (*rawMatter, []byte, int, error) {
	blank := leadingBlankLines(src)
	if rest := bytes.TrimLeft(src, " \t\r\n"); len(rest) > 0 && rest[0] == '{' {
		return splitJSON(src, len(src)-len(rest))
	}
	var rm *rawMatter
	r := &stopReader{src: src}
	capture := func(format string) frontmatter.UnmarshalFunc {
		return func(data []byte, _ interface{}) error {
			rm = &rawMatter{format: format, data: data, offset: blank + 1}
			r.stop = true
			return nil
		}
	}
	rest, err := frontmatter.Parse(r, nil,
		frontmatter.NewFormat("---", "---", capture("yaml")),
		frontmatter.NewFormat("+++", "+++", capture("toml")),
	)
	if errors.Is(err, frontmatter.ErrNotFound) || rm == nil {
		return nil, src, 1, nil
	}
	if err != nil {
		return nil, nil, 0, err
	}
	// The parser read r.off bytes and returns what followed the block.
	start := r.off - len(rest)
	return rm, src[start:], bytes.Count(src[:start], []byte("\n")) + 1, nil
}

// leadingBlankLines counts the empty lines before the first text, which
// adrg/frontmatter skips before the opening delimiter.
func leadingBlankLines(src []byte) int {
	n := 0
	for {
		i := bytes.IndexByte(src, '\n')
		if i < 0 || len(bytes.TrimSpace(src[:i])) > 0 {
			return n
		}
		src, n = src[i+1:], n+1
	}
}

// splitJSON takes a JSON object at the start of the file (from byte
// start) as front matter: Hugo's JSON front matter, and
// what some converters write. The object ends where the JSON value ends,
// whatever follows it on the line. It is decoded as YAML (JSON is YAML),
// so that its fields carry their lines like any other's.
func splitJSON(src []byte, start int) (*rawMatter, []byte, int, error) {
	dec := json.NewDecoder(bytes.NewReader(src[start:]))
	var raw json.RawMessage
	rm := &rawMatter{format: "json", offset: bytes.Count(src[:start], []byte("\n"))}
	if err := dec.Decode(&raw); err != nil {
		off := start
		var se *json.SyntaxError
		msg := err.Error()
		switch {
		case errors.As(err, &se):
			off += int(se.Offset) - 1
		case errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF):
			off, msg = len(src), "the object is not closed with }"
		}
		line, col := lineCol(src, max(off, start))
		rm.err = &diag.Diagnostic{Pos: diag.Pos{Line: line, Col: col}, Msg: "front matter: invalid JSON: " + msg}
		return rm, nil, line, nil
	}
	end := start + int(dec.InputOffset())
	rm.data = src[start:end]
	// The body starts on the line after the object.
	if i := bytes.IndexByte(src[end:], '\n'); i >= 0 {
		end += i + 1
	} else {
		end = len(src)
	}
	return rm, src[end:], bytes.Count(src[:end], []byte("\n")) + 1, nil
}

// lineCol is the 1-based line and column (in runes) of byte offset off.
func lineCol(src []byte, off int) (int, int) {
	off = min(off, len(src))
	before := src[:off]
	line := bytes.Count(before, []byte("\n")) + 1
	if i := bytes.LastIndexByte(before, '\n'); i >= 0 {
		before = before[i+1:]
	}
	return line, utf8.RuneCount(before) + 1
}

// stopReader reads src until stop is set. adrg/frontmatter copies the
// whole body after the block into a growing buffer; once the block is
// found, the body is a slice of src and the copy is waste (at 10,000 pages,
// three times the size of the content in allocations).
type stopReader struct {
	src  []byte
	off  int
	stop bool
}

// Read hands out one line at a time, so that when the block ends the
// parser holds nothing of the body to copy either.
func (r *stopReader) Read(p []byte) (int, error) {
	if r.stop || r.off == len(r.src) {
		return 0, io.EOF
	}
	rest := r.src[r.off:]
	if i := bytes.IndexByte(rest, '\n'); i >= 0 {
		rest = rest[:i+1]
	}
	n := copy(p, rest)
	r.off += n
	return n, nil
}

// field is one top-level front matter key with its value node and position.
type field struct {
	key  string
	node *yaml.Node
	line int
	col  int
	// off maps node lines to file lines (file line = node line + off); -1
	// when the node lost its positions (TOML), so items report the key's line.
	off int
}

// decodeFields turns the raw block into ordered top-level fields. Syntax
// errors are reported at their line in the file (the block starts on line 2).
func decodeFields(file string, rm *rawMatter, l *diag.List) []field {
	if rm.err != nil {
		d := *rm.err
		d.Pos.File = file
		l.Append(d)
		return nil
	}
	switch rm.format {
	case "toml":
		return tomlFields(file, rm.data, rm.offset, l)
	default:
		return yamlFields(file, rm.data, rm.offset, l)
	}
}

var yamlLineRe = regexp.MustCompile(`line (\d+)`)

func yamlFields(file string, data []byte, offset int, l *diag.List) []field {
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		msg := yamlMessage(err)
		l.Add(diag.Pos{File: file, Line: yamlErrorLine(data, msg) + offset, Col: 1}, "front matter: invalid YAML: %s", explainYAML(msg))
		return nil
	}
	if len(doc.Content) == 0 {
		return nil
	}
	root := doc.Content[0]
	if root.Kind != yaml.MappingNode {
		l.Add(diag.Pos{File: file, Line: root.Line + offset, Col: root.Column}, "front matter: want key: value pairs")
		return nil
	}
	duplicateKeys(file, &doc, offset, l)
	var out []field
	for i := 0; i+1 < len(root.Content); i += 2 {
		k := root.Content[i]
		out = append(out, field{key: k.Value, node: root.Content[i+1], line: k.Line + offset, col: k.Column, off: offset})
	}
	return out
}

// yamlMessage is yaml.v3's message without its "yaml: line N:" prefix.
func yamlMessage(err error) string {
	msg := strings.TrimPrefix(err.Error(), "yaml: ")
	if m := yamlLineRe.FindStringIndex(msg); m != nil && m[0] == 0 {
		msg = strings.TrimPrefix(strings.TrimSpace(msg[m[1]:]), ":")
	}
	return strings.TrimSpace(msg)
}

// yamlErrorLine finds the line of a YAML syntax error: the first line at
// which the document's beginning fails to parse with the same message.
// yaml.v3's own line is off by one for parser errors (it counts from 0
// there, from 1 for scanner errors) and names where a construct began for
// some; parsing growing prefixes gives the line the author must look at
// (the line of an unclosed [ or ", the badly indented line). Front matter
// is a few lines long, and this runs only on an error.
func yamlErrorLine(data []byte, msg string) int {
	lines := bytes.SplitAfter(data, []byte("\n"))
	n := 0
	for i, ln := range lines {
		n += len(ln)
		var doc yaml.Node
		if err := yaml.Unmarshal(data[:n], &doc); err != nil && yamlMessage(err) == msg {
			return i + 1
		}
	}
	return len(lines)
}

// explainYAML adds what an author should do to yaml.v3's terse messages.
func explainYAML(msg string) string {
	for _, e := range []struct{ cause, advice string }{
		{"did not find expected ',' or ']'", "a list opened with [ is not closed with ]"},
		{"did not find expected ',' or '}'", "a mapping opened with { is not closed with }"},
		{"mapping values are not allowed in this context", "a second \": \" on the line; put a value that holds \": \" in quotes"},
		{"found a tab character", "indent with spaces, not tabs"},
		{"did not find expected key", "this line is indented differently from the keys above it"},
		{"found character that cannot start any token", "a value cannot start with this character; put it in quotes"},
		{"found unexpected end of stream", "a quoted value is not closed"},
		{"could not find expected ':'", "a key without \":\"; write key: value"},
	} {
		if strings.Contains(msg, e.cause) {
			return msg + " (" + e.advice + ")"
		}
	}
	return msg
}

// duplicateKeys reports a key given twice in one mapping, at any depth:
// yaml.v3 keeps both in its nodes and a decoder would silently take one.
func duplicateKeys(file string, n *yaml.Node, offset int, l *diag.List) {
	if n.Kind == yaml.MappingNode {
		seen := map[string]int{}
		for i := 0; i+1 < len(n.Content); i += 2 {
			k := n.Content[i]
			if k.Kind != yaml.ScalarNode {
				continue
			}
			if first, dup := seen[k.Value]; dup {
				l.Add(diag.Pos{File: file, Line: k.Line + offset, Col: k.Column}, "front matter: %s is given twice (first on line %d); keep one", k.Value, first+offset)
				continue
			}
			seen[k.Value] = k.Line
		}
	}
	for _, c := range n.Content {
		duplicateKeys(file, c, offset, l)
	}
}

var tomlDupRe = regexp.MustCompile(`^Key '([^']+)' has already been defined`)

func tomlFields(file string, data []byte, offset int, l *diag.List) []field {
	var m map[string]any
	md, err := toml.Decode(string(data), &m)
	if err != nil {
		var pe toml.ParseError
		var dup string
		switch {
		case errors.As(err, &pe) && tomlDupRe.MatchString(pe.Message):
			dup = tomlDupRe.FindStringSubmatch(pe.Message)[1]
			first, _ := tomlKeyPos(data, dup)
			l.Add(diag.Pos{File: file, Line: pe.Position.Line + offset, Col: 1}, "front matter: %s is given twice (first on line %d); keep one", dup, first+offset)
		case errors.As(err, &pe):
			l.Add(diag.Pos{File: file, Line: pe.Position.Line + offset, Col: pe.Position.Col}, "front matter: invalid TOML: %s", pe.Message)
		default:
			l.Add(diag.Pos{File: file, Line: 1 + offset}, "front matter: invalid TOML: %v", err)
		}
		return nil
	}
	// TOML decoding loses positions; re-encode each value as a YAML node so
	// one validator serves both formats, and find the key's line by scanning.
	var out []field
	for _, k := range md.Keys() {
		if len(k) != 1 {
			continue
		}
		var n yaml.Node
		if err := n.Encode(m[k[0]]); err != nil {
			continue
		}
		line, col := tomlKeyPos(data, k[0])
		out = append(out, field{key: k[0], node: &n, line: line + offset, col: col, off: -1})
	}
	return out
}

// tomlKeyPos finds the line of a top-level key in TOML source.
func tomlKeyPos(data []byte, key string) (int, int) {
	for i, ln := range strings.Split(string(data), "\n") {
		t := strings.TrimLeft(ln, " \t")
		if strings.HasPrefix(t, "[") {
			break // top-level keys come before the first table
		}
		if rest, ok := strings.CutPrefix(t, key); ok && strings.HasPrefix(strings.TrimLeft(rest, " \t"), "=") {
			return i + 1, len(ln) - len(t) + 1
		}
	}
	return 1, 1
}

// describe names a node's kind for type errors.
func describe(n *yaml.Node) string {
	switch n.Kind {
	case yaml.SequenceNode:
		return "a list"
	case yaml.MappingNode:
		return "a mapping"
	case yaml.ScalarNode:
		switch n.Tag {
		case "!!null":
			return "nothing"
		case "!!str":
			return fmt.Sprintf("%q", n.Value)
		}
		return n.Value
	}
	return "a value"
}
