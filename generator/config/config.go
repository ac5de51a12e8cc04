// Package config is razem's one typed configuration: defaults, loading from
// config.toml, and validation. Unknown or mistyped keys are errors naming the
// line, so a typo never silently falls back to a default.
package config

import (
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"strings"

	"github.com/BurntSushi/toml"

	"github.com/razem/razem/generator/diag"
	"github.com/razem/razem/generator/lang"
)

// Config is the site configuration.
type Config struct {
	Title       string `toml:"title"`
	Description string `toml:"description"`
	// BaseURL is the absolute address the site is published at. It is used
	// only where an absolute URL is required (sitemap, feed, OpenGraph);
	// links inside the site are always relative.
	BaseURL string `toml:"base_url"`
	// Language is the default language: that of pages with no lang key
	// outside a language folder, and of the root home page (any ISO 639-1
	// code).
	Language   string `toml:"language"`
	Theme      string `toml:"theme"`
	ContentDir string `toml:"content_dir"`
	ThemesDir  string `toml:"themes_dir"`
	PublishDir string `toml:"publish_dir"`
	// TrainerDir is where razem build puts the trainer edition, apart from
	// the learner site so that a learner host never has it; "" builds no
	// trainer edition.
	TrainerDir string `toml:"trainer_dir"`
	Copyright  string `toml:"copyright"`

	Markdown Markdown `toml:"markdown"`
	Build    Build    `toml:"build"`
	Search   Search   `toml:"search"`
	Glossary Glossary `toml:"glossary"`
	Static   []Static `toml:"static"`
	// TypeAliases map type names of imported corpora onto razem's types,
	// e.g. glossary = "term".
	TypeAliases map[string]string `toml:"type_aliases"`

	// Params are free-form values for theme templates.
	Params map[string]any `toml:"params"`
}

// Markdown configures rendering.
type Markdown struct {
	// RawHTML is "escape" (show it as text), "allow" (pass it through) or
	// "strip" (drop it).
	RawHTML     string `toml:"raw_html"`
	Typographer bool   `toml:"typographer"`
}

// Build configures the build.
type Build struct {
	Minify bool `toml:"minify"`
	// BrokenLinks is "error" or "warning": imported corpora may need to be
	// built before every link is mended.
	BrokenLinks string `toml:"broken_links"`
	Drafts      bool   `toml:"drafts"`
}

// Search configures the search indexes.
type Search struct {
	Enabled bool `toml:"enabled"`
}

// Glossary configures term auto-linking.
type Glossary struct {
	Autolink bool `toml:"autolink"`
}

// Static is a folder copied into the output: From is relative to the site
// root, To relative to the output root ("" = the root itself).
type Static struct {
	From string `toml:"from"`
	To   string `toml:"to"`
}

// Default returns the configuration used when config.toml says nothing.
func Default() Config {
	return Config{
		Title:      "razem",
		Language:   "pl",
		Theme:      "default",
		ContentDir: "content",
		ThemesDir:  "themes",
		PublishDir: "public",
		TrainerDir: "public-trener",
		Markdown:   Markdown{RawHTML: "escape", Typographer: true},
		Build:      Build{Minify: true, BrokenLinks: "error"},
		Search:     Search{Enabled: true},
		Glossary:   Glossary{Autolink: true},
		Static:     []Static{{From: "static", To: ""}},
	}
}

// Load reads name from fsys over the defaults. A missing file yields the
// defaults. Problems are returned as diagnostics naming the line.
func Load(fsys fs.FS, name string) (Config, []diag.Diagnostic) {
	cfg := Default()
	src, err := fs.ReadFile(fsys, name)
	if errors.Is(err, fs.ErrNotExist) {
		return cfg, nil
	}
	var l diag.List
	if err != nil {
		l.Add(diag.Pos{File: name}, "%v", err)
		return cfg, l.Sorted()
	}
	return Parse(name, src)
}

// Parse decodes config source over the defaults.
func Parse(name string, src []byte) (Config, []diag.Diagnostic) {
	cfg := Default()
	var l diag.List
	md, err := toml.Decode(string(src), &cfg)
	if err != nil {
		var pe toml.ParseError
		if errors.As(err, &pe) {
			l.Add(diag.Pos{File: name, Line: pe.Position.Line, Col: pe.Position.Col}, "%s", pe.Message)
		} else {
			l.Add(diag.Pos{File: name, Line: 1}, "%s", strings.TrimPrefix(err.Error(), "toml: "))
		}
		return cfg, l.Sorted()
	}
	for _, k := range md.Undecoded() {
		if len(k) > 0 && k[0] == "params" {
			continue
		}
		line, col := keyPos(src, k)
		l.Add(diag.Pos{File: name, Line: line, Col: col}, "unknown key %q", k.String())
	}
	cfg.validate(name, src, &l)
	return cfg, l.Sorted()
}

func (c *Config) validate(name string, src []byte, l *diag.List) {
	at := func(key ...string) diag.Pos {
		line, col := keyPos(src, toml.Key(key))
		return diag.Pos{File: name, Line: line, Col: col}
	}
	oneOf := func(v string, allowed []string, key ...string) {
		for _, a := range allowed {
			if v == a {
				return
			}
		}
		l.Add(at(key...), "%s: want one of %s, got %q", strings.Join(key, "."), strings.Join(allowed, ", "), v)
	}
	if msg := lang.Check(c.Language); msg != "" {
		l.Add(at("language"), "language: %s", msg)
	}
	oneOf(c.Markdown.RawHTML, []string{"escape", "allow", "strip"}, "markdown", "raw_html")
	oneOf(c.Build.BrokenLinks, []string{"error", "warning"}, "build", "broken_links")
	if c.BaseURL != "" {
		u, err := url.Parse(c.BaseURL)
		if err != nil || !u.IsAbs() {
			l.Add(at("base_url"), "base_url: want an absolute URL like https://szkolenia.example.org/, got %q", c.BaseURL)
		} else if !strings.HasSuffix(c.BaseURL, "/") {
			c.BaseURL += "/"
		}
	}
	for from, to := range c.TypeAliases {
		switch to {
		case "module", "case", "exercise", "term", "path", "page":
		default:
			l.Add(at("type_aliases", from), "type_aliases.%s: want one of module, case, exercise, term, path, page, got %q", from, to)
		}
	}
	if c.TrainerDir != "" && c.TrainerDir == c.PublishDir {
		l.Add(at("trainer_dir"), "trainer_dir: must differ from publish_dir, or the trainer edition would replace the learner site")
	}
	for _, d := range []struct{ v, key string }{{c.ContentDir, "content_dir"}, {c.ThemesDir, "themes_dir"}, {c.Theme, "theme"}} {
		if d.v == "" || strings.Contains(d.v, "..") {
			l.Add(at(d.key), "%s: want a folder name inside the site, got %q", d.key, d.v)
		}
	}
}

// keyPos finds the line and column of a dotted key in TOML source, tracking
// [table] headers. It returns line 1 when the key cannot be found.
func keyPos(src []byte, key toml.Key) (int, int) {
	var table []string
	for i, raw := range strings.Split(string(src), "\n") {
		ln := strings.TrimSpace(raw)
		if strings.HasPrefix(ln, "[") {
			h := strings.Trim(ln, "[] \t")
			if j := strings.Index(h, "#"); j >= 0 {
				h = strings.TrimSpace(h[:j])
			}
			table = strings.Split(h, ".")
			continue
		}
		k, _, ok := strings.Cut(ln, "=")
		if !ok {
			continue
		}
		full := append(append([]string{}, table...), strings.Split(strings.TrimSpace(k), ".")...)
		if len(key) > 0 && strings.Join(full, ".") == key.String() {
			return i + 1, len(raw) - len(strings.TrimLeft(raw, " \t")) + 1
		}
		if len(key) > 0 && len(table) > 0 && strings.Join(table, ".") == key.String() {
			return i, 1
		}
	}
	return 1, 1
}

// String describes the config for debugging.
func (c Config) String() string { return fmt.Sprintf("%s (%s)", c.Title, c.Language) }
