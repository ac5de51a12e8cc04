package page

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"regexp"
	"strconv"
	"strings"

	"github.com/BurntSushi/toml"
	"github.com/adrg/frontmatter"
	"gopkg.in/yaml.v3"

	"github.com/razem/razem/generator/diag"
)

// rawMatter is the front matter block as found in the file, before decoding.
// adrg/frontmatter finds the block; we decode it ourselves with yaml.v3 nodes
// because only nodes carry the line numbers every diagnostic must name.
type rawMatter struct {
	format string // "yaml" or "toml"
	data   []byte
}

// split separates front matter from the body. It returns the raw block, the
// body, and the 1-based line on which the body starts.
func split(src []byte) (*rawMatter, []byte, int, error) {
	var rm *rawMatter
	r := &stopReader{src: src}
	capture := func(format string) frontmatter.UnmarshalFunc {
		return func(data []byte, _ interface{}) error {
			rm = &rawMatter{format: format, data: data}
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
	const offset = 1 // the opening delimiter is line 1
	switch rm.format {
	case "toml":
		return tomlFields(file, rm.data, offset, l)
	default:
		return yamlFields(file, rm.data, offset, l)
	}
}

var yamlLineRe = regexp.MustCompile(`line (\d+)`)

func yamlFields(file string, data []byte, offset int, l *diag.List) []field {
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		line := 0
		msg := strings.TrimPrefix(err.Error(), "yaml: ")
		if m := yamlLineRe.FindStringSubmatch(msg); m != nil {
			line, _ = strconv.Atoi(m[1])
			msg = strings.TrimSpace(yamlLineRe.ReplaceAllString(msg, ""))
			msg = strings.TrimPrefix(msg, ": ")
		}
		l.Add(diag.Pos{File: file, Line: line + offset, Col: 1}, "front matter: invalid YAML: %s", msg)
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
	var out []field
	for i := 0; i+1 < len(root.Content); i += 2 {
		k := root.Content[i]
		out = append(out, field{key: k.Value, node: root.Content[i+1], line: k.Line + offset, col: k.Column, off: offset})
	}
	return out
}

func tomlFields(file string, data []byte, offset int, l *diag.List) []field {
	var m map[string]any
	md, err := toml.Decode(string(data), &m)
	if err != nil {
		var pe toml.ParseError
		if errors.As(err, &pe) {
			l.Add(diag.Pos{File: file, Line: pe.Position.Line + offset, Col: pe.Position.Col}, "front matter: invalid TOML: %s", pe.Message)
		} else {
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
