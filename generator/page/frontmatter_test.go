package page

import (
	"strings"
	"testing"

	"github.com/razem/razem/generator/diag"
)

// Front matter mistakes are reported at the line the author must fix, with
// what to do; JSON front matter is read like YAML and TOML.
func TestFrontMatterDiagnostics(t *testing.T) {
	for _, c := range []struct{ name, src, want string }{
		{"unclosed list", "---\ntitle: [zepsute\n---\n", "x.md:2:1: front matter: invalid YAML: did not find expected ',' or ']' (a list opened with [ is not closed with ])"},
		{"unclosed list later", "---\ntitle: a\ndescription: b\ntags: [x\nweight: 1\n---\n", "x.md:4:1: front matter: invalid YAML: did not find expected ',' or ']' (a list opened with [ is not closed with ])"},
		{"bad indent", "---\ntitle: a\ntags:\n  - x\n - y\n---\n", "x.md:5:1: front matter: invalid YAML: did not find expected key (this line is indented differently from the keys above it)"},
		{"second colon", "---\ntitle: a\ndescription: Cel: współpraca\n---\n", "x.md:3:1: front matter: invalid YAML: mapping values are not allowed in this context (a second \": \" on the line; put a value that holds \": \" in quotes)"},
		{"tab", "---\ntitle: a\n\tdescription: b\n---\n", "x.md:3:1: front matter: invalid YAML: found a tab character that violates indentation (indent with spaces, not tabs)"},
		{"unclosed quote", "---\ntitle: a\ndescription: \"b\nweight: 1\n---\n", "x.md:3:1: front matter: invalid YAML: found unexpected end of stream (a quoted value is not closed)"},
		{"valid multi-line list before the error", "---\ntags: [a,\n  b]\ntitle: a\ndescription: x: y\n---\n", "x.md:5:1: front matter: invalid YAML: mapping values are not allowed in this context (a second \": \" on the line; put a value that holds \": \" in quotes)"},
		{"blank lines before", "\n\n---\ntitle: [x\n---\n", "x.md:4:1: front matter: invalid YAML: did not find expected ',' or ']' (a list opened with [ is not closed with ])"},
		{"duplicate key", "---\ntitle: A\ndescription: b\ntitle: B\n---\n", "x.md:4:1: front matter: title is given twice (first on line 2); keep one"},
		{"duplicate nested key", "---\ntitle: A\nfigures:\n  - value: 1\n    label: a\n    value: 2\n---\n", "x.md:6:5: front matter: value is given twice (first on line 4); keep one"},
		{"duplicate TOML key", "+++\ntitle = \"A\"\ntitle = \"B\"\n+++\n", "x.md:3:1: front matter: title is given twice (first on line 2); keep one"},
		{"JSON", "{\n  \"title\": \"Koalicje\",\n  \"tags\": [\"a\"]\n}\nTekst.\n", ""},
		{"JSON, body on the closing line", "{\"title\": \"Koalicje\"}\nTekst.\n", ""},
		{"JSON type error", "{\n  \"title\": \"K\",\n  \"weight\": \"ciężka\"\n}\n", "x.md:3:3: front matter: weight: want a whole number, got \"ciężka\""},
		{"JSON syntax error", "{\n  \"title\": \"K\"\n  \"weight\": 1\n}\n", "x.md:3:3: front matter: invalid JSON: invalid character '\"' after object key:value pair"},
		{"JSON not closed", "{\n  \"title\": \"K\",\n", "x.md:3:1: front matter: invalid JSON: the object is not closed with }"},
		{"JSON duplicate key", "{\"title\": \"A\",\n \"title\": \"B\"}\n", "x.md:2:2: front matter: title is given twice (first on line 1); keep one"},
	} {
		var l diag.List
		p := Parse("x.md", "x.md", []byte(c.src), "pl", nil, &l)
		if got := strings.TrimSpace(diag.Format(l.Sorted())); got != c.want {
			t.Errorf("%s:\n got %s\nwant %s", c.name, got, c.want)
		}
		if c.want == "" && (p.Meta.Title != "Koalicje" || string(p.Body) != "Tekst.\n" || p.BodyLine != strings.Count(c.src, "\n")) {
			t.Errorf("%s: title %q, body %q on line %d", c.name, p.Meta.Title, p.Body, p.BodyLine)
		}
	}
}
