package generator_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/razem/razem/generator"
	"github.com/razem/razem/generator/internal/sitetest"
	"github.com/razem/razem/generator/publish"
)

// site is a small but complete site: every content type, links between
// them, a glossary term mentioned in inflected form, and a learning path.
const site = `
-- config.toml --
title = "Szkolenia"
base_url = "https://szkolenia.example.org/"
-- content/index.md --
---
title: Witaj
description: Strona startowa.
---
Zacznij od ścieżki.
-- content/moduly/koalicje.md --
---
title: Koalicje
description: Jak działają koalicje.
weight: 10
tags: [koalicje, współpraca]
date: 2026-11-01
objectives: [Wyjaśnisz, czym jest koalicja.]
duration: 1h30m
level: podstawowy
related: [przypadki/cresus.md]
---
Siła kilku organizacji działających razem.

## Zalety koalicji

Członkowie koalicji dzielą się zasobami. Zobacz [studium](../przypadki/cresus.md#wyniki)
i [umowę](umowa.md).

> [!TIP] Dobra rada
> Ustalcie "wspólne cele".

> [!TRAINER]
> Zadanie dla grup: 10 minut.

## Dynamika

Tekst.
-- content/moduly/umowa.md --
---
title: Umowa partnerska
weight: 20
duration: 45m
prerequisites: [moduly/koalicje.md]
---
Sześć elementów umowy.

## Elementy

| element | opis |
|---|---|
| cele | wspólne |
-- content/przypadki/cresus.md --
---
title: Crésus i Banque Postale
organisation: Crésus
country: Francja
partners: [Banque Postale]
figures:
  - {value: "43 000", label: "gospodarstw domowych"}
---
## Wyniki

Dużo pomocy.
-- content/cwiczenia/koalicje.md --
---
title: Sprawdź się – koalicje
related: [moduly/koalicje.md]
---
## Czym jest koalicja?

- [ ] Firmą
  > Nie, to nie firma.
- [x] Sojuszem organizacji
  > Tak.
-- content/slownik/koalicja.md --
---
title: koalicja
description: Sojusz organizacji działających razem dla wspólnego celu.
aliases: [koalicje]
---
Koalicja to sojusz.
-- content/sciezki/start.md --
---
title: Pierwsze kroki
steps: [moduly/koalicje.md, cwiczenia/koalicje.md, moduly/umowa.md]
objectives: [Zbudujesz pierwszą koalicję.]
---
Ścieżka dla początkujących.
-- content/images/schemat.svg --
<svg xmlns="http://www.w3.org/2000/svg"/>
`

func TestBuildSite(t *testing.T) {
	r := sitetest.Build(t, site).OK(t)
	const mod = "moduly/koalicje/index.html"
	r.AssertFile(t, mod,
		`<html lang="pl" data-root="../../" data-page="moduly/koalicje/index.html">`,
		`<h1>Koalicje</h1>`,
		`<h2 id="zalety-koalicji">`,
		`href="../../przypadki/cresus/index.html#wyniki"`, // .md link rewritten, anchor kept
		`href="../umowa/index.html"`,
		`„wspólne cele”`, // Polish typographic quotes
		`class="callout callout-tip"`,
		`<a class="term-link" href="../../slownik/koalicja/index.html" aria-describedby="term-tip-1">koalicji</a>`,
		`"@type":"LearningResource"`,
		`"timeRequired":"PT1H30M"`,
		`<meta property="og:url" content="https://szkolenia.example.org/moduly/koalicje/">`,
		`Krok 1 z 3 ścieżki`, // path navigation
		`href="../../cwiczenia/koalicje/index.html" data-progress="cwiczenia/koalicje/index.html">Następny krok`,
		`1 h 30 min`,
		`rel="next"`,
		`href="../../tagi/wspolpraca/index.html"`,
	)
	// The first mention is linked, not later ones, and never inside headings.
	if n := strings.Count(r.File(t, mod), `class="term-link"`); n != 1 {
		t.Errorf("%s has %d glossary links, want 1", mod, n)
	}
	r.AssertFile(t, "moduly/umowa/index.html", `<div class="table-wrap" tabindex="0"><table>`, `href="../koalicje/index.html"`)
	r.AssertFile(t, "przypadki/cresus/index.html", `<strong class="figure-value">43 000</strong>`, `Banque Postale`)
	r.AssertFile(t, "cwiczenia/koalicje/index.html", `data-kind="single"`, `data-answer="`, `data-exercise=`)
	r.AssertFile(t, "slownik/index.html", `id="litera-K"`, `Sojusz organizacji działających razem`)
	r.AssertFile(t, "sciezki/start/index.html", `2 h 15 min`, `3 kroki`, `data-progress="moduly/umowa/index.html"`)
	r.AssertFile(t, "moduly/koalicje/slajdy.html", `class="slide"`, `<h2 id="zalety-koalicji">`, `href="../../przypadki/cresus/index.html#wyniki"`)
	r.AssertFile(t, "moduly/koalicje/index.html", `href="slajdy.html"`)
	// The path handout holds every step, with ids prefixed per step and
	// links made relative to the handout.
	r.AssertFile(t, "sciezki/start/wydruk.html", `<h2 id="krok-1-zalety-koalicji">`, `<h2 id="krok-3-elementy">`,
		`href="../../przypadki/cresus/index.html#wyniki"`, `href="../../moduly/umowa/index.html"`, `data-kind="single"`)
	r.AssertFile(t, "sciezki/start/index.html", `href="wydruk.html"`)
	r.AssertFile(t, "index.html", `<h1>Witaj</h1>`, `Zacznij od ścieżki.`, `href="moduly/koalicje/index.html"`)
	r.AssertFile(t, "moduly/index.html", `Koalicje`, `Umowa partnerska`)
	r.AssertFile(t, "tagi/index.html", `#koalicje`)
	r.AssertFile(t, "sitemap.xml", `<loc>https://szkolenia.example.org/moduly/koalicje/</loc><lastmod>2026-11-01</lastmod>`)
	r.AssertFile(t, "feed.xml", `<entry><title>Koalicje</title>`)
	r.AssertFile(t, "404.html", `Nie znaleziono strony`)
	r.AssertFile(t, "szukaj/index.html", `id="search-results"`)
	if r.Has("images/schemat.svg") {
		t.Error("an image no page shows was published")
	}
	// Trainer notes are not searchable.
	for _, p := range r.Site.Pages {
		for _, s := range p.Doc.Sections {
			if strings.Contains(s.Text, "Zadanie dla grup") {
				t.Errorf("trainer note indexed in %s", p.URL)
			}
		}
	}
}

func TestRelativeLinksOnly(t *testing.T) {
	r := sitetest.Build(t, site).OK(t)
	for _, f := range r.Files {
		if !strings.HasSuffix(f.Path, ".html") {
			continue
		}
		for _, bad := range []string{`href="/`, `src="/`, `href="http://localhost`, `https://fonts.`, `cdn.`} {
			if bytes.Contains(f.Data, []byte(bad)) {
				t.Errorf("%s contains %s", f.Path, bad)
			}
		}
	}
}

func TestDeterministic(t *testing.T) {
	a := sitetest.Build(t, site).OK(t)
	b := sitetest.Build(t, site).OK(t)
	if len(a.Files) != len(b.Files) {
		t.Fatalf("file counts differ: %d vs %d", len(a.Files), len(b.Files))
	}
	for i := range a.Files {
		if a.Files[i].Path != b.Files[i].Path || !bytes.Equal(a.Files[i].Data, b.Files[i].Data) {
			t.Errorf("output differs at %s", a.Files[i].Path)
		}
	}
}

func TestEnglishUI(t *testing.T) {
	r := sitetest.Build(t, strings.Replace(site, `title = "Szkolenia"`, "title = \"Training\"\nlanguage = \"en\"", 1)).OK(t)
	r.AssertFile(t, "moduly/koalicje/index.html", `<html lang="en"`, `Module objectives`, `“wspólne cele”`)
}

func TestDraftsSkipped(t *testing.T) {
	r := sitetest.Build(t, site+"-- content/moduly/szkic.md --\n---\ntitle: Szkic\ndraft: true\n---\nx\n").OK(t)
	if r.Has("moduly/szkic/index.html") {
		t.Error("draft published")
	}
}

func TestTOMLFrontMatter(t *testing.T) {
	r := sitetest.Build(t, site+"-- content/o-nas.md --\n+++\ntitle = \"O nas\"\ntags = [\"zespół\"]\n+++\nTreść.\n").OK(t)
	r.AssertFile(t, "o-nas/index.html", "<h1>O nas</h1>", "Treść.")
}

func TestRawHTML(t *testing.T) {
	page := "-- content/o-nas.md --\n---\ntitle: O nas\n---\n<aside class=\"x\">Uwaga</aside>\n\nTekst z <b>pogrubieniem</b>.\n"
	r := sitetest.Build(t, site+page).OK(t)
	r.AssertFile(t, "o-nas/index.html", "&lt;aside class=", "&lt;b&gt;pogrubieniem&lt;/b&gt;")
	r.AssertNotFile(t, "o-nas/index.html", "<b>", "<aside class")
	r = sitetest.Build(t, strings.Replace(site, "-- content/index.md --\n", "[markdown]\nraw_html = \"allow\"\n-- content/index.md --\n", 1)+page).OK(t)
	r.AssertFile(t, "o-nas/index.html", `<aside class="x">Uwaga</aside>`, "<b>pogrubieniem</b>")
	r = sitetest.Build(t, strings.Replace(site, "-- content/index.md --\n", "[markdown]\nraw_html = \"strip\"\n-- content/index.md --\n", 1)+page).OK(t)
	r.AssertNotFile(t, "o-nas/index.html", "aside class", "<b>")
}

func TestThemeOverride(t *testing.T) {
	r := sitetest.Build(t, site+"-- layouts/partials/searchform.html --\n{{define \"searchform\"}}<p>własna wyszukiwarka</p>{{end}}\n").OK(t)
	r.AssertFile(t, "moduly/koalicje/index.html", "<p>własna wyszukiwarka</p>")
	// An overridden main inside the default (native) base, and a partial
	// the native main would have rendered itself.
	parts, err := os.ReadFile("../themes/default/layouts/partials/parts.html")
	if err != nil {
		t.Fatal(err)
	}
	pager := regexp.MustCompile(`(?s)\{\{define "pager"\}\}.*?\{\{end\}\}\{\{end\}\}\{\{end\}\}`)
	if !pager.Match(parts) {
		t.Fatal("parts.html: no pager to override")
	}
	parts = pager.ReplaceAll(parts, []byte(`{{define "pager"}}<nav>własny pager</nav>{{end}}`))
	r = sitetest.Build(t, site+"-- layouts/module.html --\n{{define \"main\"}}<article>{{.Title}}: {{template \"pager\" .}}</article>{{end}}\n"+
		"-- layouts/partials/parts.html --\n"+string(parts)).OK(t)
	r.AssertFile(t, "moduly/koalicje/index.html", `<main id="main" tabindex="-1"><article>Koalicje:<nav>własny pager</nav></article></main>`, `<nav id="sidebar"`)
	r.AssertFile(t, "przypadki/cresus/index.html", "<nav>własny pager</nav>")
}

// A partial rendered with "cached" is rendered once per depth and shared:
// its links go through the root, so they are right from every folder, and
// it sees no page (which would be the wrong page everywhere but the first).
func TestCachedPartial(t *testing.T) {
	r := sitetest.Build(t, site+"-- layouts/partials/chrome.html --\n"+
		`{{define "headlinks"}}{{end}}{{define "headscripts"}}{{end}}{{define "siteheader"}}{{end}}`+
		`{{define "sitefooter"}}<footer>[{{.Rel "moduly/umowa/index.html"}}|{{with .Page}}{{.Meta.Title}}{{end}}|{{.Kind}}]</footer>{{end}}`+"\n").OK(t)
	r.AssertFile(t, "moduly/koalicje/index.html", "<footer>[../../moduly/umowa/index.html||]</footer>")
	r.AssertFile(t, "przypadki/cresus/index.html", "<footer>[../../moduly/umowa/index.html||]</footer>")
	r.AssertFile(t, "index.html", "<footer>[moduly/umowa/index.html||]</footer>")
	r.AssertFile(t, "tagi/koalicje/index.html", "<footer>[../../moduly/umowa/index.html||]</footer>")
}

// A list of more than 60 pages is a compact list, not cards: a tag page of
// thousands of cards would weigh megabytes on a phone.
func TestLongListsAreCompact(t *testing.T) {
	var b strings.Builder
	for i := 0; i < 61; i++ {
		fmt.Fprintf(&b, "-- content/moduly/m%02d.md --\n---\ntitle: Moduł %d\ntags: [wspólny]\n---\nTekst.\n", i, i)
	}
	r := sitetest.Build(t, b.String()).OK(t)
	for _, page := range []string{"moduly/index.html", "tagi/wspolny/index.html"} {
		r.AssertFile(t, page, `<ul class="compact-list">`, `<a href="`)
		r.AssertNotFile(t, page, `class="card `)
	}
	r = sitetest.Build(t, site).OK(t)
	r.AssertFile(t, "moduly/index.html", `<ul class="cards">`)
}

// type_aliases maps an imported corpus's type names onto razem's; without
// the alias the same file is an error.
func TestTypeAliases(t *testing.T) {
	term := "-- content/glossary/x.md --\n---\ntitle: Koalicja\ndescription: Sojusz.\ntype: glossary\n---\nTekst.\n"
	if r := sitetest.Build(t, term); r.Err == nil {
		t.Fatal("unknown type accepted without an alias")
	}
	r := sitetest.Build(t, "-- config.toml --\n[type_aliases]\nglossary = \"term\"\n"+term).OK(t)
	if p := r.Site.ByPath("glossary/x.md"); p == nil || p.Meta.Type != "term" {
		t.Errorf("alias not applied: %+v", p)
	}
}

// The learner edition has no trainer notes and no readable answers, in
// pages or search; the trainer edition has them, and session plans.
func TestEditions(t *testing.T) {
	r := sitetest.Build(t, site).OK(t)
	const mod, ex = "moduly/koalicje/index.html", "cwiczenia/koalicje/index.html"
	r.AssertNotFile(t, mod, "callout-trainer", "plan.html", "edition-trainer", "Widok trenera")
	r.AssertNotFile(t, ex, "Nie, to nie firma", "data-correct", "is-key", "feedback-right")
	r.AssertNotFile(t, "moduly/koalicje/slajdy.html", "callout-trainer")
	if r.Has("moduly/koalicje/plan.html") || r.Has("moduly/koalicje/trener.html") {
		t.Error("the learner edition has a trainer page")
	}
	tm := r.TrainerFile(t, mod)
	for _, want := range []string{`class="callout callout-trainer"`, `edition-trainer`, `<meta name="robots" content="noindex">`, `href="plan.html"`} {
		if !strings.Contains(tm, want) {
			t.Errorf("trainer %s lacks %q", mod, want)
		}
	}
	if te := r.TrainerFile(t, ex); !strings.Contains(te, "Nie, to nie firma") || !strings.Contains(te, `<div class="choice is-key">`) {
		t.Errorf("trainer exercise lacks feedback or key:\n%s", te)
	}
	if p := r.TrainerFile(t, "moduly/koalicje/plan.html"); !strings.Contains(p, "callout-trainer") || !strings.Contains(p, "1 h 30 min") {
		t.Errorf("session plan:\n%s", p)
	}
	r.TrainerFile(t, "sciezki/start/plan.html")
	for _, d := range r.Docs {
		if strings.Contains(d.Body, "nie firma") || strings.Contains(d.Body, "Zadanie dla grup") {
			t.Errorf("search document %s#%s holds an answer or a trainer note: %q", d.URL, d.Anchor, d.Body)
		}
	}
}

// A term of two words is found however goldmark cut the text: with a bare
// URL on the page, GFM's linkify is on and makes goldmark cut the text at
// spaces, and this question's first mention of "organizacja pozarządowa"
// went unlinked.
func TestTwoWordTermBesideAutolink(t *testing.T) {
	terms := "-- content/slownik/ngo.md --\n---\ntitle: organizacja pozarządowa\ndescription: Stowarzyszenie lub fundacja.\n---\nTekst.\n" +
		"-- content/slownik/mr.md --\n---\ntitle: marketing relacji\ndescription: Trwałe relacje.\n---\nTekst.\n"
	const question = "## Na czym polega marketing relacji?\n\nKtóre zdanie najlepiej oddaje ideę marketingu relacji w organizacji pozarządowej?\n\n- [ ] Kampania.\n  > Nie.\n- [x] Relacje.\n  > Tak.\n"
	for name, body := range map[string]string{
		"plain":    question,
		"with URL": question + "\nZob. www.example.org.\n",
	} {
		r := sitetest.Build(t, site+terms+"-- content/cwiczenia/mr.md --\n---\ntitle: Marketing relacji\n---\n"+body).OK(t)
		r.AssertFile(t, "cwiczenia/mr/index.html", `aria-describedby="term-tip-1">marketingu relacji</a>`, `aria-describedby="term-tip-2">organizacji pozarządowej</a>`)
		if name == "with URL" {
			r.AssertFile(t, "cwiczenia/mr/index.html", `<a href="http://www.example.org">www.example.org</a>`)
		}
	}
}

// DirFS is a file system like os.DirFS: the standard checks pass, and its
// errors name the file as given.
func TestDirFS(t *testing.T) {
	dir := t.TempDir()
	for name, data := range map[string]string{"config.toml": "title = \"x\"\n", "content/a.md": "# A\n", "content/b/c.md": "# Ć\n"} {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	fsys := generator.DirFS(dir)
	if err := fstest.TestFS(fsys, "config.toml", "content/a.md", "content/b/c.md"); err != nil {
		t.Fatal(err)
	}
	if _, err := fs.ReadFile(fsys, "content/none.md"); !errors.Is(err, fs.ErrNotExist) || !strings.Contains(err.Error(), "content/none.md") || strings.Contains(err.Error(), dir) {
		t.Errorf("missing file: %v", err)
	}
	if _, err := fs.ReadFile(fsys, "../etc/passwd"); !errors.Is(err, fs.ErrInvalid) {
		t.Errorf("path out of the folder: %v", err)
	}
}

// razem build's way (BuildEditions: pages written as they render, sources
// and HTML released early) publishes what the in-memory build makes, in
// both editions, learning-path handouts included.
func TestPublishedAsBuilt(t *testing.T) {
	fsys := sitetest.FS(t, site)
	a := sitetest.Analyzer(t)
	want, err := generator.Build(context.Background(), generator.Options{Source: fsys, Analyzer: a, Trainer: true})
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	dest, trainer := filepath.Join(dir, "public"), filepath.Join(dir, "public-trener")
	res, _, err := generator.BuildEditions(context.Background(), generator.Options{Source: fsys, Analyzer: a}, dest, trainer)
	if err != nil {
		t.Fatal(err)
	}
	// The document list is dropped once analysed; its count stays.
	if res.SearchDocs() != len(want.Docs) || len(want.Docs) < 5 {
		t.Errorf("%d search documents, the in-memory build %d", res.SearchDocs(), len(want.Docs))
	}
	for _, ed := range []struct {
		dir   string
		files []publish.File
	}{{dest, want.Files}, {trainer, want.Trainer}} {
		for _, f := range ed.files {
			got, err := os.ReadFile(filepath.Join(ed.dir, filepath.FromSlash(f.Path)))
			if err != nil {
				t.Error(err)
			} else if !bytes.Equal(got, f.Data) {
				t.Errorf("%s/%s differs from the in-memory build", filepath.Base(ed.dir), f.Path)
			}
		}
		if len(ed.files) < 30 {
			t.Fatalf("%s: only %d files", ed.dir, len(ed.files))
		}
	}
	// The static search index is written once: the trainer's is linked.
	linked := 0
	for _, f := range want.Trainer {
		if !strings.HasPrefix(f.Path, "search/") {
			continue
		}
		a, errA := os.Stat(filepath.Join(dest, filepath.FromSlash(f.Path)))
		b, errB := os.Stat(filepath.Join(trainer, filepath.FromSlash(f.Path)))
		if errA != nil || errB != nil || !os.SameFile(a, b) {
			t.Errorf("%s: the trainer edition's copy is not linked to the learner's (%v, %v)", f.Path, errA, errB)
		}
		linked++
	}
	if linked < 5 {
		t.Errorf("%d search files in the trainer edition", linked)
	}
}
