package config

import (
	"os"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/razem/razem/generator/diag"
)

// FuzzParse feeds arbitrary config.toml files to Parse: it must never
// panic, every diagnostic must name the file and a line inside it, and a
// config it accepts must be one a build can use (Validate's guarantees).
// Seeded from the repository's config.toml and the shapes authors get
// wrong.
func FuzzParse(f *testing.F) {
	if b, err := os.ReadFile("../../config.toml"); err == nil {
		f.Add(b)
	}
	for _, s := range []string{
		"", "title = \"T\"\n", "title = 1\n", "titel = \"x\"\n", "[markdown]\nraw_html = \"maybe\"\n",
		"[[static]]\nfrom = \"assets\"\nto = \"assets\"\n", "[[static]]\nfrom = \"../etc\"\n", "content_dir = \"../x\"\n",
		"publish_dir = \"content\"\ntrainer_dir = \"content\"\n", "theme = \"../../etc\"\n", "[params]\nx = [1, {a = 2}]\n",
		"title = \"T\"\ntitle = \"U\"\n", "[build\n", "language = \"gr\"\n", "base_url = \"ftp://x\"\n",
		"[type_aliases]\nlesson = \"module\"\n", "[search]\nenabled = \"yes\"\n", "a.b.c = 1\n", "\xff\xfe",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		cfg, ds := Parse("config.toml", src)
		lines := strings.Count(string(src), "\n") + 1
		for _, d := range ds {
			if d.Pos.File != "config.toml" || d.Pos.Line < 0 || d.Pos.Line > lines+1 || d.Pos.Col < 0 {
				t.Errorf("bad position in %v (%d lines)", d, lines)
			}
			if !utf8.ValidString(d.Msg) && utf8.Valid(src) {
				t.Errorf("message not UTF-8: %q", d.Msg)
			}
		}
		if diag.CountErrors(ds) > 0 {
			return
		}
		if cfg.ContentDir == "" || cfg.PublishDir == "" || cfg.Theme == "" || cfg.Language == "" {
			t.Errorf("accepted a config with empty folders or language: %+v", cfg)
		}
		for _, d := range []string{cfg.ContentDir, cfg.ThemesDir, cfg.PublishDir, cfg.Theme} {
			if strings.HasPrefix(d, "/") || d == ".." || strings.HasPrefix(d, "../") {
				t.Errorf("accepted a folder outside the site: %q", d)
			}
		}
		// Parsing is a function of the input.
		again, ds2 := Parse("config.toml", src)
		if diag.Format(ds) != diag.Format(ds2) || again.Title != cfg.Title {
			t.Error("two parses of one input differ")
		}
	})
}
