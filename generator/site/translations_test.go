package site

import (
	"strings"
	"testing"

	"github.com/razem/razem/generator/diag"
	"github.com/razem/razem/generator/page"
)

// A one-language site whose pages name no translation_key skips linking
// translations; one that names a key still has it checked: a key that
// another page of the language holds by its path is an error at the key.
func TestOneLanguageTranslationKeys(t *testing.T) {
	parse := func(path, src string) *page.Page {
		var l diag.List
		p := page.Parse(path, "content/"+path, []byte(src), "pl", nil, &l)
		if l.HasErrors() {
			t.Fatalf("%s: %s", path, diag.Format(l.Sorted()))
		}
		return p
	}
	plain := []*page.Page{
		parse("moduly/a.md", "---\ntitle: A\n---\nTekst.\n"),
		parse("moduly/b.md", "---\ntitle: B\n---\nTekst.\n"),
	}
	var l diag.List
	s := New(plain, nil, "pl", &l)
	if len(l.Sorted()) != 0 || s.ByPath("moduly/a.md").Translations != nil {
		t.Fatalf("plain one-language site: %s, translations %v", diag.Format(l.Sorted()), s.ByPath("moduly/a.md").Translations)
	}
	clash := append(plain, parse("moduly/c.md", "---\ntitle: C\ntranslation_key: moduly/a.md\n---\nTekst.\n"))
	l = diag.List{}
	New(clash, nil, "pl", &l)
	if got := diag.Format(l.Sorted()); !strings.Contains(got, "content/moduly/c.md:3:1: translation \"moduly/a.md\": content/moduly/a.md is already its pl") {
		t.Errorf("clash in a one-language site:\n%s", got)
	}
}
