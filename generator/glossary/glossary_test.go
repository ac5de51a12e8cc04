package glossary_test

import (
	"strings"
	"testing"

	"github.com/razem/razem/generator"
	"github.com/razem/razem/generator/glossary"
	"github.com/razem/razem/generator/internal/sitetest"
	"github.com/razem/razem/generator/page"
	"github.com/razem/razem/generator/site"
)

var terms = []glossary.Term{
	{Path: "slownik/koalicja.md", URL: "slownik/koalicja/index.html", Forms: []string{"koalicja"}},
	{Path: "slownik/koalicja-nieformalna.md", URL: "slownik/koalicja-nieformalna/index.html", Forms: []string{"koalicja nieformalna", "koalicje nieformalne"}},
	{Path: "slownik/ambasador.md", URL: "slownik/ambasador/index.html", Forms: []string{"ambasador"}},
	{Path: "slownik/lacznik.md", URL: "slownik/lacznik/index.html", Forms: []string{"łącznik"}},
	{Path: "slownik/umowa-partnerska.md", URL: "slownik/umowa-partnerska/index.html", Forms: []string{"umowa partnerska"}},
	{Path: "slownik/jst.md", URL: "slownik/jst/index.html", Forms: []string{"JST", "jednostka samorządu terytorialnego"}},
	{Path: "slownik/organizacja-pozarzadowa.md", URL: "slownik/organizacja-pozarzadowa/index.html", Forms: []string{"organizacja pozarządowa", "NGO"}},
}

func matcher(t *testing.T) *glossary.Index {
	return glossary.New(terms, generator.PolishKeys{A: sitetest.Analyzer(t)})
}

func first(t *testing.T, ix *glossary.Index, text string) (string, string) {
	t.Helper()
	p := &site.Page{Page: &page.Page{Path: "moduly/x.md"}, URL: "moduly/x/index.html"}
	ms := ix.For(p).Match(text)
	if len(ms) == 0 {
		return "", ""
	}
	return text[ms[0].Start:ms[0].End], ms[0].Term
}

func TestInflectedMentionsLink(t *testing.T) {
	ix := matcher(t)
	tests := []struct{ text, word, term string }{
		{"Siła koalicji tkwi w ludziach.", "koalicji", "slownik/koalicja.md"},
		{"Zbudujcie koalicję lokalną.", "koalicję", "slownik/koalicja.md"},
		{"Z koalicjami bywa trudno.", "koalicjami", "slownik/koalicja.md"},
		{"Koalicja działa razem.", "Koalicja", "slownik/koalicja.md"},
		{"Wiele koalicji nieformalnych działa bez umowy.", "koalicji nieformalnych", "slownik/koalicja-nieformalna.md"},
		{"Powstała koalicja nieformalna.", "koalicja nieformalna", "slownik/koalicja-nieformalna.md"},
		{"Lista ambasadorów rośnie.", "ambasadorów", "slownik/ambasador.md"},
		{"Rozmowa z ambasadorem.", "ambasadorem", "slownik/ambasador.md"},
		{"Wybór łącznika to klucz.", "łącznika", "slownik/lacznik.md"},
		{"Podpiszcie umowę partnerską.", "umowę partnerską", "slownik/umowa-partnerska.md"},
		{"Zapisy umowy partnerskiej.", "umowy partnerskiej", "slownik/umowa-partnerska.md"},
		{"Współpraca z JST.", "JST", "slownik/jst.md"},
		{"Dla organizacji pozarządowych.", "organizacji pozarządowych", "slownik/organizacja-pozarzadowa.md"},
		{"Każda NGO to inna historia.", "NGO", "slownik/organizacja-pozarzadowa.md"},
	}
	for _, tt := range tests {
		word, term := first(t, ix, tt.text)
		if word != tt.word || term != tt.term {
			t.Errorf("%q: matched %q → %s, want %q → %s", tt.text, word, term, tt.word, tt.term)
		}
	}
}

func TestNearMissesDoNotLink(t *testing.T) {
	ix := matcher(t)
	for _, text := range []string{
		"Ambasada Francji w Warszawie.", // embassy, not ambassador
		"Umowny termin spotkania.",
		"Partnerska rozmowa o planach.", // only half of „umowa partnerska”
		"Nieformalne spotkanie.",
		"Łączność bywa zawodna.",
		"Organizacja imprezy.",
	} {
		if word, term := first(t, ix, text); word != "" {
			t.Errorf("%q: linked %q → %s", text, word, term)
		}
	}
}

// Whole-site behaviour: the first mention only, never in headings, links,
// code or the term's own page.
func TestGlossaryInSite(t *testing.T) {
	r := sitetest.Build(t, `
-- content/slownik/koalicja.md --
---
title: koalicja
description: Sojusz organizacji.
---
Koalicja to sojusz; koalicji nie zakłada się sama.
-- content/moduly/a.md --
---
title: A
---
## Koalicje w nagłówku

Tekst o `+"`koalicji`"+` w kodzie i [koalicji w linku](b.md).

Dopiero tu: koalicjami. I znowu koalicja.
-- content/moduly/b.md --
---
title: B
---
Bez terminów.
`).OK(t)
	a := r.File(t, "moduly/a/index.html")
	if n := strings.Count(a, `class="term-link"`); n != 1 {
		t.Fatalf("%d term links, want 1", n)
	}
	if !strings.Contains(a, `aria-describedby="term-tip-1">koalicjami</a><span class="term-tip" role="tooltip" id="term-tip-1">Sojusz organizacji.</span>`) {
		t.Errorf("the first eligible mention is not linked with its tooltip:\n%s", a)
	}
	if strings.Contains(r.File(t, "slownik/koalicja/index.html"), `class="term-link"`) {
		t.Error("a term links to itself")
	}
}
