package generator_test

import (
	"strings"
	"testing"

	"github.com/razem/razem/generator/internal/sitetest"
)

// TestDiagnostics builds one site full of mistakes and expects every one of
// them reported, in order, with file:line:col — not just the first.
func TestDiagnostics(t *testing.T) {
	broken := site + `
-- content/moduly/zle.md --
---
title: Złe przykłady
weight: ciężka
titel: literówka
duration: półtorej godziny
level: ekspert
prerequisites: [moduly/nie-ma.md]
---
Link do [nikąd](nie-ma.md) i [kotwicy](koalicje.md#brak-sekcji).

![Schemat](../images/brak.png)

![](../images/schemat.svg)

> [!DANGER]
> Nieznany typ.
-- content/moduly/bez-tytulu.md --
---
description: Brak tytułu.
---
Tekst.
-- content/moduly/pusty.md --
---
title: ""
---
-- content/moduly/yaml.md --
---
title: [niezamknięta
---
-- content/inne.md --
---
title: Strona
type: lekcja
steps: [moduly/koalicje.md]
---
-- content/cwiczenia/zle.md --
---
title: Złe ćwiczenie
---
## Bez poprawnej

- [ ] A
  > nie
- [ ] B

## Puste

Nic tu nie ma.
-- content/moduly/koalicje/index.md --
---
title: Duplikat
---
-- content/slownik/bez-definicji.md --
---
title: Termin
---
`
	r := sitetest.Build(t, broken)
	if r.Err == nil {
		t.Fatal("build succeeded")
	}
	want := `content/cwiczenia/zle.md:6:1: question "Bez poprawnej" has no correct option: mark at least one with [x]
content/cwiczenia/zle.md:10:1: question "Puste" has no answer: add options (- [ ] / - [x]), pairs (A → B), blanks ([[…]]), a number (= 42) or > [!ANSWER]
content/inne.md:3:1: front matter: type: want one of module, case, exercise, term, path, page, got "lekcja"
content/inne.md:4:1: front matter: steps is not used by type page (used by: path)
content/moduly/bez-tytulu.md:1:1: front matter: title is required
content/moduly/koalicje/index.md:1:1: duplicate URL moduly/koalicje/index.html: content/moduly/koalicje.md is published there too
content/moduly/pusty.md:2:1: front matter: title is empty
content/moduly/yaml.md:2:1: front matter: invalid YAML: did not find expected ',' or ']' (a list opened with [ is not closed with ])
content/moduly/zle.md:3:1: front matter: weight: want a whole number, got "ciężka"
content/moduly/zle.md:4:1: front matter: unknown key "titel"; did you mean "title"?
content/moduly/zle.md:5:1: front matter: duration: want a duration like 45m, 1h or 1h30m, got "półtorej godziny"
content/moduly/zle.md:6:1: front matter: level: want one of podstawowy, średni, zaawansowany, got "ekspert"
content/moduly/zle.md:7:17: front matter: prerequisites: no page "moduly/nie-ma.md" (write the path from content/, e.g. moduly/ambasadorzy.md)
content/moduly/zle.md:9:9: broken link "nie-ma.md": no such page or file
content/moduly/zle.md:9:30: broken anchor "koalicje.md#brak-sekcji": content/moduly/koalicje.md has no heading with id "brak-sekcji"
content/moduly/zle.md:11:1: broken image "../images/brak.png": no such page or file
content/moduly/zle.md:13:1: image "../images/schemat.svg" has no alt text: describe it for readers who cannot see it
content/moduly/zle.md:15:3: unknown callout [!DANGER]; use NOTE, TIP, WARNING, IMPORTANT, TRAINER or ANSWER
content/slownik/bez-definicji.md:1:1: front matter: description is required for a term: it is the short definition shown in tooltips
`
	if got := r.DiagText(); got != want {
		t.Errorf("diagnostics:\n%s\nwant:\n%s", got, want)
		gl, wl := strings.Split(got, "\n"), strings.Split(want, "\n")
		for i := 0; i < len(gl) && i < len(wl); i++ {
			if gl[i] != wl[i] {
				t.Errorf("first difference at line %d:\n got  %s\n want %s", i+1, gl[i], wl[i])
				break
			}
		}
	}
}

func TestInvalidUTF8(t *testing.T) {
	r := sitetest.Build(t, site+"-- content/zly.md --\n---\ntitle: Zły\n---\nDobry wiersz.\nZły \xff bajt.\n")
	if want := "content/zly.md:5:5: invalid UTF-8: save the file as UTF-8\n"; r.DiagText() != want {
		t.Errorf("got %q, want %q", r.DiagText(), want)
	}
}

func TestTemplateErrorInOverride(t *testing.T) {
	r := sitetest.Build(t, site+"-- layouts/partials/searchform.html --\n{{define \"searchform\"}}\n<p>{{.Nope}}</p>{{end}}\n")
	if r.Err == nil {
		t.Fatal("build succeeded")
	}
	if !strings.HasPrefix(r.DiagText(), "layouts/partials/searchform.html:2:") || !strings.Contains(r.DiagText(), "can't evaluate field Nope") {
		t.Errorf("diagnostics:\n%s", r.DiagText())
	}
	// The default base is native (render/native.go); it runs an overridden
	// main as a template, whose errors keep their place.
	r = sitetest.Build(t, site+"-- layouts/module.html --\n{{define \"main\"}}\n<p>{{.Page.Nope}}</p>{{end}}\n")
	if !strings.HasPrefix(r.DiagText(), "layouts/module.html:2:") || !strings.Contains(r.DiagText(), "rendering content/moduly/koalicje.md") {
		t.Errorf("diagnostics of a main run by the native base:\n%s", r.DiagText())
	}
	r = sitetest.Build(t, site+"-- layouts/page.html --\n{{define \"main\"}}\n{{if}}{{end}}\n")
	if !strings.HasPrefix(r.DiagText(), "layouts/page.html:2:") {
		t.Errorf("parse error diagnostics:\n%s", r.DiagText())
	}
}

func TestConfigErrors(t *testing.T) {
	r := sitetest.Build(t, strings.Replace(site, "-- content/index.md --\n", "titel = \"x\"\nlanguage = \"gr\"\n[build]\nminfy = true\n-- content/index.md --\n", 1))
	want := `config.toml:3:1: unknown key "titel"
config.toml:4:1: language: "gr" is not an ISO 639-1 language code (two lowercase letters, e.g. pl, en, de); did you mean "el" (Greek)?
config.toml:6:1: unknown key "build.minfy"
`
	if got := r.DiagText(); got != want {
		t.Errorf("got:\n%s\nwant:\n%s", got, want)
	}
}
