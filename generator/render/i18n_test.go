package render

import (
	"os"
	"path/filepath"
	"sort"
	"testing"
	"testing/fstest"
	"time"

	"github.com/BurntSushi/toml"

	"github.com/razem/razem/generator/diag"
)

// TestI18nComplete: every UI language of the default theme translates
// every key of pl.toml (the reference), and says nothing pl.toml does not.
func TestI18nComplete(t *testing.T) {
	dir := filepath.Join("..", "..", "themes", "default", "i18n")
	read := func(name string) map[string]string {
		var m map[string]string
		if _, err := toml.DecodeFile(filepath.Join(dir, name), &m); err != nil {
			t.Fatal(err)
		}
		return m
	}
	ref := read("pl.toml")
	files, _ := filepath.Glob(filepath.Join(dir, "*.toml"))
	langs := map[string]bool{}
	for _, f := range files {
		name := filepath.Base(f)
		langs[name] = true
		strs := read(name)
		var missing, extra []string
		for k := range ref {
			if strs[k] == "" {
				missing = append(missing, k)
			}
		}
		for k := range strs {
			if _, ok := ref[k]; !ok {
				extra = append(extra, k)
			}
		}
		sort.Strings(missing)
		sort.Strings(extra)
		if len(missing) > 0 || len(extra) > 0 {
			t.Errorf("%s: missing %v, not in pl.toml %v", name, missing, extra)
		}
	}
	for _, want := range []string{"pl", "en", "bg", "el", "ro", "de", "fr"} {
		if !langs[want+".toml"] {
			t.Errorf("no %s.toml", want)
		}
	}
}

// TestStringsFallBackToEnglish: a key a language lacks is English, key by
// key, and a language with no file is English throughout.
func TestStringsFallBackToEnglish(t *testing.T) {
	root := "../../themes/default/"
	fsys := fstest.MapFS{}
	for _, name := range []string{"en.toml", "pl.toml"} {
		b, err := os.ReadFile(root + "i18n/" + name)
		if err != nil {
			t.Fatal(err)
		}
		fsys["theme/i18n/"+name] = &fstest.MapFile{Data: b}
	}
	fsys["theme/i18n/de.toml"] = &fstest.MapFile{Data: []byte("home = \"Startseite\"\n")}
	var l diag.List
	th := Load([]Layer{{Dir: "theme", Name: "theme"}}, fsys, &l, Options{})
	if l.HasErrors() {
		t.Fatal(l.Sorted())
	}
	de := th.StringsFor("de")
	if de["home"] != "Startseite" || de["search"] != "Search" {
		t.Errorf("de: home %q, search %q; want Startseite, Search", de["home"], de["search"])
	}
	if it := th.StringsFor("it"); it["home"] != "Home" {
		t.Errorf("a language without strings: home %q, want Home", it["home"])
	}
	if pl := th.StringsFor("pl"); pl["home"] != "Strona główna" {
		t.Errorf("pl: home %q", pl["home"])
	}
}

func TestDatePerLanguage(t *testing.T) {
	dir := filepath.Join("..", "..", "themes", "default", "i18n")
	day := mustDate(t, "2026-11-01")
	for _, c := range []struct{ lang, want string }{
		{"pl", "1 listopada 2026"}, {"en", "1 November 2026"}, {"de", "1. November 2026"}, {"fr", "1 novembre 2026"},
		{"bg", "1 ноември 2026 г."}, {"el", "1 Νοεμβρίου 2026"}, {"ro", "1 noiembrie 2026"},
	} {
		var strs map[string]string
		if _, err := toml.DecodeFile(filepath.Join(dir, c.lang+".toml"), &strs); err != nil {
			t.Fatal(err)
		}
		d := &Data{Lang: c.lang, Strings: strs}
		if got := d.Date(day); got != c.want {
			t.Errorf("%s: %q, want %q", c.lang, got, c.want)
		}
	}
}

func TestPluralPerLanguage(t *testing.T) {
	for _, c := range []struct {
		lang string
		n    int
		want string
	}{
		{"pl", 1, "1 materiał"}, {"pl", 3, "3 materiały"}, {"pl", 5, "5 materiałów"}, {"pl", 22, "22 materiały"},
		{"ro", 1, "1 material"}, {"ro", 5, "5 materiale"}, {"ro", 20, "20 de materiale"}, {"ro", 101, "101 materiale"},
		{"fr", 0, "0 support"}, {"fr", 2, "2 supports"}, {"de", 1, "1 Material"}, {"de", 4, "4 Materialien"},
		{"bg", 2, "2 материала"}, {"el", 2, "2 υλικά"},
	} {
		var strs map[string]string
		if _, err := toml.DecodeFile(filepath.Join("..", "..", "themes", "default", "i18n", c.lang+".toml"), &strs); err != nil {
			t.Fatal(err)
		}
		d := &Data{Lang: c.lang, Strings: strs}
		if got := d.Tn("pages", c.n); got != c.want {
			t.Errorf("%s %d: %q, want %q", c.lang, c.n, got, c.want)
		}
	}
}

func mustDate(t *testing.T, s string) time.Time {
	d, err := time.Parse("2006-01-02", s)
	if err != nil {
		t.Fatal(err)
	}
	return d
}
