package generator_test

import (
	"context"
	"strings"
	"testing"

	"github.com/razem/razem/generator/internal/sitetest"
	"github.com/razem/razem/generator/search"
)

// multilingual is one module in seven languages: Polish at the root (the
// default), the others in language folders, English joined by a
// translation_key instead of its path. Each language has a glossary term.
const multilingual = `
-- config.toml --
title = "Partnerstwa"
base_url = "https://szkolenia.example.org/"
-- content/index.md --
---
title: Witaj
---
Materiały o partnerstwach.
-- content/de/index.md --
---
title: Willkommen
---
Materialien über Partnerschaften.
-- content/moduly/koalicje.md --
---
title: Koalicje
description: Jak działają koalicje.
weight: 1
tags: [koalicje]
objectives: [Wyjaśnisz, czym jest koalicja.]
duration: 45m
---
Członkowie koalicji mówią "razem".

## Zalety koalicji

Wspólne zasoby.
-- content/moduly/umowa.md --
---
title: Umowa partnerska
weight: 2
---
Tekst umowy.
-- content/slownik/koalicja.md --
---
title: Koalicja
description: Sojusz organizacji.
---
Definicja.
-- content/de/moduly/koalicje.md --
---
title: Koalitionen
description: Wie Koalitionen funktionieren.
weight: 1
tags: [koalitionen]
objectives: ["Sie erklären, was eine Koalition ist."]
duration: 45m
related: [moduly/umowa.md]
---
Die Mitglieder einer Koalition sagen "gemeinsam". Auf Polnisch heißt sie koalicja.

## Vorteile einer Koalition

Gemeinsame Mittel.
-- content/de/moduly/umowa.md --
---
title: Partnerschaftsvertrag
weight: 2
---
Vertragstext.
-- content/de/slownik/koalition.md --
---
title: Koalition
description: Bündnis von Organisationen.
---
Definition.
-- content/fr/moduly/koalicje.md --
---
title: Coalitions
weight: 1
---
Les membres disent "ensemble".
-- content/bg/moduly/koalicje.md --
---
title: Коалиции
weight: 1
tags: [партньорство]
---
Членовете казват "заедно".

## Предимства на коалициите

Общи ресурси.
-- content/el/moduly/koalicje.md --
---
title: Συνασπισμοί
weight: 1
---
Τα μέλη λένε "μαζί".

## Οφέλη του συνασπισμού

Κοινοί πόροι.
-- content/ro/moduly/koalicje.md --
---
title: Coaliții
weight: 1
---
Membrii spun "împreună".
-- content/en/moduly/coalitions.md --
---
title: Coalitions
translation_key: moduly/koalicje.md
weight: 1
---
Members say "together".
`

func TestMultilingualSite(t *testing.T) {
	r := sitetest.Build(t, multilingual).OK(t)
	// Every language has its home; the root one is the default language's.
	r.AssertFile(t, "index.html", `<html lang="pl"`, `Witaj`)
	for _, h := range []struct{ url, lang, home string }{
		{"de/index.html", "de", "Startseite"}, {"fr/index.html", "fr", "Accueil"}, {"bg/index.html", "bg", "Начало"},
		{"el/index.html", "el", "Αρχική σελίδα"}, {"ro/index.html", "ro", "Pagina principală"}, {"en/index.html", "en", "Home"},
	} {
		r.AssertFile(t, h.url, `<html lang="`+h.lang+`"`, `<a href="index.html" aria-current="page">`+h.home+`</a>`,
			`<nav class="lang-switch"`, `hreflang="pl" lang="pl" title="Polski"`)
	}
	// The German module: its own language's UI strings, navigation,
	// quotes and glossary, and links to its six translations.
	de := "de/moduly/koalicje/index.html"
	r.AssertFile(t, de,
		`<html lang="de"`,
		`<p class="page-type">Modul</p>`, `Lernziele des Moduls`, `<meta property="og:locale" content="de_DE">`,
		`<a class="brand" href="../../../de/index.html">`, // the German home (the header goes through the root)
		`<li><a href="../../index.html">Startseite</a></li>`,
		`<a class="nav-section-link" href="../index.html">Schulungsmodule</a>`,
		`href="../umowa/index.html" rel="next"`, // prev/next within German
		`„gemeinsam“`,
		`<a class="term-link" href="../../slownik/koalition/index.html"`, // the German term
		`<a class="tag" href="../../tagi/koalitionen/index.html">#koalitionen</a>`,
		`<a href="../umowa/index.html">Partnerschaftsvertrag</a>`, // related: resolved in German first
		`<nav class="lang-switch" aria-label="Sprachen"><ul>`,
		`<li><a href="../../../bg/moduly/koalicje/index.html" hreflang="bg" lang="bg" title="Български">BG<span class="visually-hidden"> Български</span></a></li>`,
		`<li><a href="index.html" hreflang="de" lang="de" title="Deutsch" aria-current="page">DE<span class="visually-hidden"> Deutsch</span></a></li>`,
		`<a href="../../../en/moduly/coalitions/index.html" hreflang="en" lang="en"`,
		`<a href="../../../moduly/koalicje/index.html" hreflang="pl" lang="pl"`,
		`<link rel="alternate" hreflang="el" href="https://szkolenia.example.org/el/moduly/koalicje/">`,
		`<link rel="alternate" hreflang="x-default" href="https://szkolenia.example.org/moduly/koalicje/">`,
		`<form class="search-form" role="search" action="../../../de/szukaj/index.html"`,
	)
	r.AssertNotFile(t, de,
		`../../../moduly/umowa/`, // no Polish page in the German navigation
		`slownik/koalicja/`,      // German text never links a Polish term, not even "koalicja"
	)
	// The Polish module still links its own term and has Polish quotes.
	r.AssertFile(t, "moduly/koalicje/index.html", `<html lang="pl"`, `„razem”`, `<a class="term-link" href="../../slownik/koalicja/index.html"`,
		`aria-current="page">PL<span class="visually-hidden"> Polski</span>`, `<a class="brand" href="../../index.html">`)
	// Quotes and heading ids of the other scripts and languages.
	r.AssertFile(t, "fr/moduly/koalicje/index.html", "«\u202Fensemble\u202F»", `<html lang="fr"`)
	r.AssertFile(t, "ro/moduly/koalicje/index.html", `„împreună”`)
	r.AssertFile(t, "en/moduly/coalitions/index.html", `“together”`, `hreflang="de"`)
	r.AssertFile(t, "bg/moduly/koalicje/index.html", `„заедно“`, `<h1>Коалиции</h1>`, `id="predimstva-na-koalitsiite"`,
		`<a class="tag" href="../../tagi/partnyorstvo/index.html">#партньорство</a>`)
	r.AssertFile(t, "el/moduly/koalicje/index.html", `«μαζί»`, `id="ofeli-tou-synaspismou"`, `Εκπαιδευτικές ενότητες`)
	// List, tag and search pages per language; one page, its plural form.
	r.AssertFile(t, "de/moduly/index.html", `<html lang="de"`, `<h1>Schulungsmodule</h1>`, `2 Materialien`, `hreflang="pl"`)
	r.AssertNotFile(t, "de/moduly/index.html", `Koalicje`)
	r.AssertFile(t, "ro/moduly/index.html", `1 material`)
	r.AssertFile(t, "de/tagi/koalitionen/index.html", `<html lang="de"`, `Koalitionen`)
	r.AssertFile(t, "de/tagi/index.html", `<html lang="de"`, `Alle Schlagwörter`)
	r.AssertFile(t, "de/szukaj/index.html", `<html lang="de"`, `hreflang="pl"`)
	if r.Has("tagi/koalitionen/index.html") || !r.Has("tagi/koalicje/index.html") {
		t.Error("German tags must be listed under de/tagi/, Polish ones under tagi/")
	}
	// A page with no translation has no switcher and no alternates.
	r.AssertNotFile(t, "slownik/koalicja/index.html", `lang-switch`, `hreflang`)
	// The sitemap names every version of a translated page.
	r.AssertFile(t, "sitemap.xml", `xmlns:xhtml="http://www.w3.org/1999/xhtml"`,
		`<loc>https://szkolenia.example.org/de/moduly/koalicje/</loc><xhtml:link rel="alternate" hreflang="bg" href="https://szkolenia.example.org/bg/moduly/koalicje/"/>`,
		`<xhtml:link rel="alternate" hreflang="en" href="https://szkolenia.example.org/en/moduly/coalitions/"/>`)
	// Search documents carry the page's language, and Polish search still
	// finds the Polish page first.
	langs := map[string]string{}
	for _, d := range r.Docs {
		langs[d.URL] = d.Lang
	}
	if langs["de/moduly/koalicje/index.html"] != "de" || langs["moduly/koalicje/index.html"] != "pl" || langs["el/moduly/koalicje/index.html"] != "el" {
		t.Errorf("search documents' languages: %v", langs)
	}
	ix := openIndex(t, r)
	res, err := ix.Search(context.Background(), search.Query{Text: "zalety koalicji", Limit: 5})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Hits) == 0 || !strings.HasPrefix(res.Hits[0].URL, "moduly/koalicje/index.html") {
		t.Errorf("Polish search on a multilingual site: %+v", res.Hits)
	}
}

// TestLanguageDiagnostics: wrong language codes, a lang that contradicts
// the folder, and two pages claiming one translation slot, each at its line.
func TestLanguageDiagnostics(t *testing.T) {
	r := sitetest.Build(t, multilingual+`
-- content/moduly/grecki.md --
---
title: Grecki
lang: gr
---
-- content/moduly/niemiecki.md --
---
title: Niemiecki
lang: Deutsch
---
-- content/de/moduly/franzoesisch.md --
---
title: Französisch
lang: fr
---
-- content/de/moduly/doppelt.md --
---
title: Doppelt
translation_key: moduly/koalicje.md
---
-- content/de/moduly/tippfehler.md --
---
title: Tippfehler
translationKey: x
---
-- content/fr/index.md --
---
title: Accueil
---
-- content/moduly/index.md --
---
title: Moduły
lang: fr
---
`)
	want := `content/de/moduly/doppelt.md:3:1: translation "moduly/koalicje.md": content/de/moduly/koalicje.md is already its de (German) version; give one of them another translation_key
content/de/moduly/franzoesisch.md:3:1: front matter: lang: "fr", but the file is in the language folder de/; remove lang or move the file
content/de/moduly/tippfehler.md:3:1: front matter: unknown key "translationKey"; did you mean "translation_key"?
content/moduly/grecki.md:3:1: front matter: lang: "gr" is not an ISO 639-1 language code (two lowercase letters, e.g. pl, en, de); did you mean "el" (Greek)?
content/moduly/index.md:3:1: front matter: lang: "fr": an index.md outside a language folder introduces a page of the default language (pl); put this one in fr/moduly/index.md
content/moduly/niemiecki.md:3:1: front matter: lang: "Deutsch" is not an ISO 639-1 language code (two lowercase letters, e.g. pl, en, de); did you mean "de" (German)?
`
	if got := r.DiagText(); got != want {
		t.Errorf("diagnostics:\n%s\nwant:\n%s", got, want)
	}
}

// TestMultilingualSearchSite searches a site in seven languages through
// both paths, the bleve index and search.js over the static index, each
// query asked from its language's pages, with and without accents.
func TestMultilingualSearchSite(t *testing.T) {
	r := sitetest.Build(t, multilingual+`
-- content/de/moduly/ubungen.md --
---
title: Übungen für Vereine
---
Die Zusammenarbeit zwischen Vereinen und Kommunen beginnt mit Gesprächen.
-- content/fr/moduly/ecole.md --
---
title: L'école et les associations
---
La coopération des élèves avec l'association du quartier.
-- content/ro/moduly/scoala.md --
---
title: Școala și comunitățile
---
Cooperarea dintre școli și comunitățile locale începe cu o discuție.
-- content/el/moduly/ethelontes.md --
---
title: Εθελοντές
---
Οι εθελοντές της κοινότητας προσφέρουν χρόνο.
-- content/bg/moduli/obshtini.md --
---
title: Общините
---
Сътрудничеството между организациите и общините започва с разговор.
-- content/en/moduly/volunteers.md --
---
title: Volunteering
---
Volunteers build communities; a coalition's volunteers share their time.
`).OK(t)
	ix := openIndex(t, r)
	dir := staticDir(t, r)
	cases := []struct{ q, lang, want string }{
		{"koalicji", "pl", "moduly/koalicje/"},
		{"zalety koalicji", "pl", "moduly/koalicje/"},
		{"Koalitionen", "de", "de/moduly/koalicje/"},
		{"vorteile koalition", "de", "de/moduly/koalicje/"},
		{"ubung", "de", "de/moduly/ubungen/"},
		{"Gespräch", "de", "de/moduly/ubungen/"},
		{"ecole", "fr", "fr/moduly/ecole/"},
		{"l’école", "fr", "fr/moduly/ecole/"},
		{"eleves", "fr", "fr/moduly/ecole/"},
		{"scoala", "ro", "ro/moduly/scoala/"},
		{"comunitatile", "ro", "ro/moduly/scoala/"},
		{"coalitii", "ro", "ro/moduly/koalicje/"},
		{"εθελοντες", "el", "el/moduly/ethelontes/"},
		{"ΚΟΙΝΌΤΗΤΑΣ", "el", "el/moduly/ethelontes/"},
		{"συνασπισμου", "el", "el/moduly/koalicje/"},
		{"сътрудничество", "bg", "bg/moduli/obshtini/"},
		{"коалициите", "bg", "bg/moduly/koalicje/"},
		{"volunteer", "en", "en/moduly/volunteers/"},
		{"coalitions", "en", "en/moduly/coalitions/"},
		// The same word from two languages' pages: the reader's first.
		{"koalicja", "de", "de/moduly/koalicje/"},
		{"koalicja", "pl", "moduly/koalicje/"},
	}
	var judgedQ []judged
	for _, c := range cases {
		judgedQ = append(judgedQ, judged{q: c.q})
	}
	static := map[string][]search.Result{}
	for _, lang := range []string{"pl", "de", "fr", "ro", "el", "bg", "en"} {
		static[lang] = runStatic(t, dir, lang, judgedQ)
	}
	for i, c := range cases {
		res, err := ix.Search(context.Background(), search.Query{Text: c.q, Lang: c.lang, Limit: 5})
		if err != nil {
			t.Fatal(err)
		}
		for path, hits := range map[string][]search.Hit{"bleve": res.Hits, "static": static[c.lang][i].Hits} {
			if len(hits) == 0 || !strings.HasPrefix(hits[0].URL, c.want) {
				t.Errorf("%s %q from %s pages: %+v, want %s first", path, c.q, c.lang, hits, c.want)
			}
		}
	}
}

// TestGlossaryInflectionPerLanguage: a German or French page links the
// inflected forms of its own language's terms, through the same analysis
// search uses; a Greek page (no stemmer in bleve) links forms written
// with or without tonos.
func TestGlossaryInflectionPerLanguage(t *testing.T) {
	r := sitetest.Build(t, `
-- config.toml --
title = "Partnerstwa"
-- content/de/slownik/partnerschaft.md --
---
title: Partnerschaft
description: Zusammenarbeit auf Dauer.
---
Definition.
-- content/de/moduly/vertrag.md --
---
title: Vertrag
---
Zwei Partnerschaften schließen einen Vertrag.
-- content/fr/slownik/association.md --
---
title: Association
description: Groupement de personnes.
---
Définition.
-- content/fr/moduly/ecole.md --
---
title: École
---
Les associations du quartier aident l'école.
-- content/el/slownik/synergasia.md --
---
title: Συνεργασία
description: Κοινή δράση.
---
Ορισμός.
-- content/el/moduly/koinotita.md --
---
title: Κοινότητα
---
Η ΣΥΝΕΡΓΑΣΙΑ με την κοινότητα.
`).OK(t)
	r.AssertFile(t, "de/moduly/vertrag/index.html", `<a class="term-link" href="../../slownik/partnerschaft/index.html"`)
	r.AssertFile(t, "fr/moduly/ecole/index.html", `<a class="term-link" href="../../slownik/association/index.html"`)
	r.AssertFile(t, "el/moduly/koinotita/index.html", `<a class="term-link" href="../../slownik/synergasia/index.html"`)
}
