package minify

import (
	"bytes"
	"os"
	"strings"
	"testing"
)

func TestCompactHTML(t *testing.T) {
	tests := []struct{ in, want string }{
		{"<!DOCTYPE html>\n<html lang=\"pl\">\n<head>\n<meta charset=\"utf-8\">\n<title>T</title>\n</head>", `<!DOCTYPE html><html lang="pl"><head><meta charset="utf-8"><title>T</title></head>`},
		{"<ul>\n  <li>a</li>\n  <li>b</li>\n</ul>", "<ul><li>a</li><li>b</li></ul>"},
		{"<p>jeden\ndwa  trzy</p>\n<p> cztery </p>", "<p>jeden\ndwa trzy</p><p>cztery</p>"},
		// inline elements keep one space between them
		{"<a href=x>a</a>\n<a href=y>b</a> <span>c</span>", "<a href=x>a</a>\n<a href=y>b</a> <span>c</span>"},
		{"<button>a</button>\n  <button>b</button>", "<button>a</button>\n<button>b</button>"},
		// preformatted and script content are the author's
		{"<div>\n<pre><code>a\n  b\n</code></pre>\n</div>", "<div><pre><code>a\n  b\n</code></pre></div>"},
		{"<script>\nvar a  =  1;\n</script>\n<p>x</p>", "<script>\nvar a  =  1;\n</script><p>x</p>"},
		{"<textarea>\n  a\n</TEXTAREA> b", "<textarea>\n  a\n</TEXTAREA> b"},
		// attribute values, quoted or not, are kept
		{"<p title=\"a\n   b\" class='c  d'>x</p>", "<p title=\"a\n   b\" class='c  d'>x</p>"},
		{"<p data-x=a'b>x  y</p>", "<p data-x=a'b>x y</p>"},
		// comments go
		{"<p>a <!-- note\n --> b</p>", "<p>a b</p>"},
		{"<p>a <!-- unterminated", "<p>a"},
		// a '<' that starts no tag is text
		{"<p>1 < 2\n  3</p>", "<p>1 < 2\n3</p>"},
		{"  \n", ""},
		{"", ""},
	}
	for _, tt := range tests {
		if got := string(compactHTML([]byte(tt.in))); got != tt.want {
			t.Errorf("compactHTML(%q)\n got %q\nwant %q", tt.in, got, tt.want)
		}
	}
}

func TestMinifierBytesDoesNotChangeInput(t *testing.T) {
	in := []byte("<ul>\n<li>a</li>\n</ul>")
	keep := bytes.Clone(in)
	if got := string(New(true).Bytes("x.html", in)); got != "<ul><li>a</li></ul>" {
		t.Errorf("Bytes = %q", got)
	}
	if !bytes.Equal(in, keep) {
		t.Errorf("Bytes changed its input to %q", in)
	}
	if got := New(false).HTML(bytes.Clone(in)); !bytes.Equal(got, in) {
		t.Errorf("HTML with minification off = %q", got)
	}
}

// FuzzCompactHTML: never longer, idempotent, and the content of <pre>
// blocks survives.
func FuzzCompactHTML(f *testing.F) {
	for _, s := range []string{
		"<p>a\n b</p>", "<pre>\n x  y\n</pre>", "<a title='x\n y'>z</a>", "<!-- c -->",
		"<script>a</scrip", "<p title=\"unterminated", "<<>><</>", "<pre>a</pre  >\n\n<p>",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		once := compactHTML([]byte(s))
		if len(once) > len(s) {
			t.Fatalf("output longer than input: %q → %q", s, once)
		}
		twice := compactHTML(bytes.Clone(once))
		if !bytes.Equal(once, twice) {
			t.Fatalf("not idempotent: %q → %q → %q", s, once, twice)
		}
		if strings.HasPrefix(s, "<pre>") && !strings.Contains(s, "<!--") {
			if end := strings.Index(s, "</pre>"); end >= 0 && !bytes.HasPrefix(once, []byte(s[:end])) {
				t.Fatalf("pre content changed: %q → %q", s, once)
			}
		}
	})
}

// BenchmarkCompactHTML runs over the golden module page of the generator's
// tests, which is unminified.
func BenchmarkCompactHTML(b *testing.B) {
	page, err := os.ReadFile("../testdata/golden/moduly_koalicje_index.html")
	if err != nil {
		b.Skip(err)
	}
	buf := make([]byte, len(page))
	b.SetBytes(int64(len(page)))
	for b.Loop() {
		copy(buf, page)
		compactHTML(buf)
	}
}
