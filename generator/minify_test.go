package generator_test

import (
	"bytes"
	"os"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/razem/razem/generator"
	"github.com/razem/razem/generator/internal/sitetest"
	"github.com/razem/razem/generator/minify"
	tdm "github.com/tdewolff/minify/v2"
	tdhtml "github.com/tdewolff/minify/v2/html"
)

// TestCompactHTMLMatchesTdewolff holds razem's HTML white-space pass to
// tdewolff/minify's judgement: over every page of the bundled site, built
// unminified, tdewolff must find nothing significant that the pass changed
// (minifying the compacted page and the raw page gives the same bytes).
func TestCompactHTMLMatchesTdewolff(t *testing.T) {
	cfg, err := os.ReadFile("../config.toml")
	if err != nil {
		t.Fatal(err)
	}
	raw := strings.Replace(string(cfg), "minify = true", "minify = false", 1)
	if raw == string(cfg) {
		t.Fatal("config.toml has no `minify = true` to turn off")
	}
	fsys := sitetest.Overlay{Base: os.DirFS(sitetest.RepoRoot()), Files: fstest.MapFS{"config.toml": {Data: []byte(raw)}}}
	r := sitetest.BuildFS(t, fsys, generator.Options{})

	td := tdm.New()
	td.Add("text/html", &tdhtml.Minifier{KeepDocumentTags: true, KeepEndTags: true, KeepQuotes: true, KeepDefaultAttrVals: true})
	judge := func(b []byte) string {
		s, err := td.Bytes("text/html", b)
		if err != nil {
			t.Fatal(err)
		}
		return string(s)
	}
	ours := minify.New(true)
	pages, saved := 0, 0
	for _, f := range r.Files {
		if !strings.HasSuffix(f.Path, ".html") {
			continue
		}
		pages++
		compact := ours.Bytes(f.Path, f.Data)
		saved += len(f.Data) - len(compact)
		if want, got := judge(f.Data), judge(compact); got != want {
			i := 0
			for i < len(got) && i < len(want) && got[i] == want[i] {
				i++
			}
			t.Errorf("%s: compacting changed what tdewolff keeps, at byte %d:\n got …%s…\nwant …%s…", f.Path, i, excerpt(got, i), excerpt(want, i))
		}
		if bytes.Equal(compact, f.Data) && bytes.Contains(f.Data, []byte(">\n<")) {
			t.Errorf("%s: nothing compacted", f.Path)
		}
	}
	if pages < 100 {
		t.Fatalf("only %d HTML pages", pages)
	}
	t.Logf("%d pages, %d bytes of white space removed", pages, saved)
}

func excerpt(s string, i int) string {
	return s[max(0, i-60):min(len(s), i+60)]
}
