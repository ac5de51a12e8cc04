package generator_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/razem/razem/generator"
	"github.com/razem/razem/generator/diag"
	"github.com/razem/razem/generator/internal/sitetest"
)

// A site of nothing but content/ (no themes/, no config.toml) builds with
// the theme built into razem, without a single diagnostic; a site's own
// themes/default holds only the files it changes, laid over the built-in
// ones, and its layouts/ over both.
func TestBuiltInTheme(t *testing.T) {
	dir := t.TempDir()
	writeTree(t, dir, map[string]string{
		"content/moduly/a.md":         "---\ntitle: Koalicje\ntags: [koalicje]\n---\nTekst o koalicji.\n",
		"content/slownik/koalicja.md": "---\ntitle: koalicja\ndescription: Sojusz.\n---\nTekst.\n",
	})
	build := func() *generator.Result {
		t.Helper()
		res, err := generator.Build(t.Context(), generator.Options{Source: generator.DirFS(dir), Analyzer: sitetest.Analyzer(t)})
		if err != nil || len(res.Diags) > 0 {
			t.Fatalf("%v\n%s", err, diag.Format(res.Diags))
		}
		return res
	}
	file := func(res *generator.Result, name string) string {
		for _, f := range res.Files {
			if f.Path == name {
				return string(f.Data)
			}
		}
		t.Fatalf("no %s", name)
		return ""
	}
	res := build()
	if page := file(res, "moduly/a/index.html"); !strings.Contains(page, "Koalicje") || !strings.Contains(page, `lang="pl"`) {
		t.Errorf("module page:\n%s", page)
	}
	chrome, err := os.ReadFile(filepath.Join(sitetest.RepoRoot(), "themes", "default", "layouts", "partials", "chrome.html"))
	if err != nil {
		t.Fatal(err)
	}
	writeTree(t, dir, map[string]string{
		"themes/default/layouts/404.html": "{{define \"main\"}}<h1>Nie ma takiej strony</h1>{{end}}\n",
		"layouts/partials/chrome.html":    strings.Replace(string(chrome), `<p>{{.T "footer_text"}}</p>`, "<p>Stopka strony</p>", 1),
	})
	res = build()
	if s := file(res, "404.html"); !strings.Contains(s, "Nie ma takiej strony") || !strings.Contains(s, "site-header") {
		t.Error("themes/default/layouts/404.html does not override the built-in one")
	}
	if s := file(res, "moduly/a/index.html"); !strings.Contains(s, "Stopka strony") || !strings.Contains(s, "Koalicje") {
		t.Error("layouts/ does not override the built-in partial")
	}
	// Another theme must exist: one error, not one per page.
	os.WriteFile(filepath.Join(dir, "config.toml"), []byte("theme = \"moj\"\n"), 0o644)
	res, _ = generator.Build(t.Context(), generator.Options{Source: generator.DirFS(dir), Analyzer: sitetest.Analyzer(t)})
	if got := diag.Format(res.Diags); !strings.HasPrefix(got, "config.toml: theme \"moj\": there is no folder themes/moj; put the theme there, or remove theme to use the built-in default\n") {
		t.Errorf("missing theme:\n%s", got)
	}
}
