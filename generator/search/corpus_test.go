package search

import (
	"fmt"
	"io/fs"
	"math/rand"
	"os"
	"path"
	"regexp"
	"sort"
	"strings"
	"testing"
)

// contentDocs turns the repository's own content/ into search sections,
// roughly as the site pipeline does (front matter title, one section per
// ## or ### heading, Markdown punctuation stripped). It is test data with
// real Polish prose; the pipeline's exact text does not matter here.
func contentDocs(tb testing.TB) []Doc {
	tb.Helper()
	return contentDocsFrom(tb, "../../content")
}

// contentDocsFrom reads the Markdown files under dir (see contentDocs).
func contentDocsFrom(tb testing.TB, dir string) []Doc {
	tb.Helper()
	root := os.DirFS(dir)
	typeOf := map[string]string{"moduly": "module", "przypadki": "case", "cwiczenia": "exercise", "slownik": "term", "sciezki": "path"}
	var docs []Doc
	err := fs.WalkDir(root, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".md") {
			return err
		}
		b, err := fs.ReadFile(root, p)
		if err != nil {
			return err
		}
		fm, body := splitFrontMatter(string(b))
		url := strings.TrimSuffix(p, ".md") + "/index.html"
		if path.Base(p) == "index.md" {
			url = strings.TrimSuffix(p, "index.md") + "index.html"
		}
		typ := fmValue(fm, "type")
		if !KnownType(typ) {
			typ = typeOf[strings.Split(p, "/")[0]]
		}
		if typ == "" || path.Base(p) == "index.md" {
			typ = "page"
		}
		title := fmValue(fm, "title")
		tags := fmList(fm, "tags")
		heading, anchor := "", ""
		var text strings.Builder
		flush := func() {
			docs = append(docs, Doc{URL: url, Anchor: anchor, Title: title, Heading: heading, Body: strings.TrimSpace(text.String()), Type: typ, Tags: tags})
			text.Reset()
		}
		for _, line := range strings.Split(body, "\n") {
			if h, ok := strings.CutPrefix(line, "## "); ok || strings.HasPrefix(line, "### ") {
				if !ok {
					h = strings.TrimPrefix(line, "### ")
				}
				flush()
				heading, anchor = plain(h), slug(plain(h))
				continue
			}
			text.WriteString(plain(line))
			text.WriteByte(' ')
		}
		flush()
		return nil
	})
	if err != nil {
		tb.Skipf("no content/ to test with: %v", err)
	}
	// Headings repeat within a page ("Przykład"); keep the first, as
	// the pipeline's anchor deduplication would rename the others.
	seen := map[string]bool{}
	out := docs[:0]
	for _, d := range docs {
		if id := docID(d.URL, d.Anchor); !seen[id] {
			seen[id] = true
			out = append(out, d)
		}
	}
	return out
}

func splitFrontMatter(s string) (fm, body string) {
	if rest, ok := strings.CutPrefix(s, "---\n"); ok {
		if i := strings.Index(rest, "\n---\n"); i >= 0 {
			return rest[:i], rest[i+5:]
		}
	}
	return "", s
}

func fmValue(fm, key string) string {
	for _, line := range strings.Split(fm, "\n") {
		if v, ok := strings.CutPrefix(line, key+":"); ok {
			return strings.Trim(strings.TrimSpace(v), `"'`)
		}
	}
	return ""
}

// fmList reads a flow list (tags: [a, b]) or a block list (tags:\n  - "a").
func fmList(fm, key string) []string {
	var out []string
	if v := fmValue(fm, key); v != "" {
		for _, t := range strings.Split(strings.Trim(v, "[]"), ",") {
			if t = strings.Trim(strings.TrimSpace(t), `"'`); t != "" {
				out = append(out, t)
			}
		}
		return out
	}
	lines := strings.Split(fm, "\n")
	for i, line := range lines {
		if line != key+":" {
			continue
		}
		for _, item := range lines[i+1:] {
			v, ok := strings.CutPrefix(strings.TrimSpace(item), "- ")
			if !ok {
				break
			}
			out = append(out, strings.Trim(v, `"'`))
		}
	}
	return out
}

var markup = regexp.MustCompile(`[*_#>` + "`" + `|\[\]]|\]\([^)]*\)|\(\.\./[^)]*\)|\{[^}]*\}|^\s*[-+]\s`)

func plain(s string) string {
	return strings.TrimSpace(markup.ReplaceAllString(s, " "))
}

func slug(s string) string {
	s = strings.ToLower(s)
	var b strings.Builder
	for _, r := range s {
		switch {
		case r >= 'a' && r <= 'z' || r >= '0' && r <= '9':
			b.WriteRune(r)
		case r == ' ' || r == '-':
			b.WriteByte('-')
		}
	}
	return b.String()
}

// synthDocs makes a corpus of n pages of four sections each from the
// sentences of the real content, shuffled with a fixed seed, plus one
// made-up name per section so that the vocabulary keeps growing with the
// corpus as a real site's does.
func synthDocs(tb testing.TB, n int) []Doc {
	tb.Helper()
	var sentences, titles []string
	for _, d := range contentDocs(tb) {
		for _, s := range strings.Split(d.Body, ". ") {
			if len(s) > 20 {
				sentences = append(sentences, s+".")
			}
		}
		if d.Heading != "" {
			titles = append(titles, d.Heading)
		}
	}
	sort.Strings(titles)
	rng := rand.New(rand.NewSource(1))
	pick := func(list []string) string { return list[rng.Intn(len(list))] }
	types := []string{"module", "case", "exercise", "term", "path", "page"}
	docs := make([]Doc, 0, 4*n)
	for p := 0; p < n; p++ {
		url := fmt.Sprintf("strony/s%05d/index.html", p)
		title := pick(titles)
		typ := types[p%len(types)]
		tags := []string{fmt.Sprintf("tag%d", p%40)}
		for s := 0; s < 4; s++ {
			var body strings.Builder
			for i := 0; i < 3+rng.Intn(8); i++ {
				body.WriteString(pick(sentences))
				body.WriteByte(' ')
			}
			fmt.Fprintf(&body, "Partner%s.", strings.ToLower(fmt.Sprint(rng.Intn(4*n))))
			d := Doc{URL: url, Title: title, Body: body.String(), Type: typ, Tags: tags}
			if s > 0 {
				d.Heading = pick(titles)
				d.Anchor = fmt.Sprintf("s%d", s)
			}
			docs = append(docs, d)
		}
	}
	return docs
}
