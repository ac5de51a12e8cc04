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

// realworld is the Open Source Guides corpus (English and Polish), read in
// place from ../shared: Jekyll-style front matter with extra keys,
// pretty-URL links whose anchors keep Polish diacritics, raw <aside
// markdown="1"> blocks and absolute /assets/ image paths.
func realworld(t *testing.T) string {
	dir := realworldDir()
	if dir == "" {
		t.Skip("real-world corpus not found in ../shared/realworld")
	}
	return dir
}

// realworldDir is the corpus folder, or "" when ../shared is absent.
func realworldDir() string {
	dir := filepath.Join(sitetest.RepoRoot(), "..", "shared", "realworld", "opensource-guide")
	if _, err := os.Stat(filepath.Join(dir, "content")); err != nil {
		return ""
	}
	return dir
}

const realworldConfig = `
-- config.toml --
title = "Open Source Guides"
language = "en"
[markdown]
raw_html = "%s"
[build]
broken_links = "%s"
[[static]]
from = "assets"
to = "assets"
`

func buildRealworld(t *testing.T, rawHTML, links string) *sitetest.Result {
	dir := realworld(t)
	cfg := strings.NewReplacer("%s", rawHTML).Replace(realworldConfig)
	cfg = strings.Replace(cfg, `broken_links = "`+rawHTML+`"`, `broken_links = "`+links+`"`, 1)
	fsys := sitetest.Overlay{Base: os.DirFS(dir), Files: sitetest.FS(t, cfg)}
	return sitetest.BuildFS(t, fsys, generator.Options{})
}

func TestRealworldCorpus(t *testing.T) {
	r := buildRealworld(t, "allow", "warning")
	if r.Err != nil {
		t.Fatalf("build failed: %v\n%s", r.Err, r.DiagText())
	}
	// What the corpus really gets wrong, reported precisely: its related:
	// lists name guide classes ("building", "coc"), not pages, and two
	// links point at /notices/, a page the corpus does not contain.
	related, notices := 0, 0
	for _, d := range r.Diags {
		switch {
		case d.Severity != diag.Warning:
			t.Errorf("unexpected error: %s", d)
		case strings.Contains(d.Msg, "front matter: related: no page"):
			related++
		case strings.Contains(d.Msg, `broken link "/notices/"`):
			notices++
		default:
			t.Errorf("unexpected warning: %s", d)
		}
	}
	if related != 28 || notices != 2 {
		t.Errorf("related warnings = %d (want 28), /notices/ warnings = %d (want 2)\n%s", related, notices, r.DiagText())
	}
	if got := r.DiagText(); !strings.Contains(got, "content/pl/legal.md:15:315: warning: broken link \"/notices/\": no such page or file") {
		t.Errorf("missing precise position for /notices/:\n%s", got)
	}
	if n := len(r.Site.Pages); n != 25 {
		t.Errorf("pages = %d, want 25 (13 English, 12 Polish)", n)
	}
	// A Polish page links into another Polish page at a heading whose
	// anchor was written with diacritics.
	r.AssertFile(t, "pl/building-community/index.html",
		`<html lang="pl"`,
		`href="../starting-a-project/index.html#pisanie-readme"`,
		`href="../best-practices/index.html#naucz-sie-mowic-nie"`,
		`<aside markdown="1" class="pquote">`, // raw_html = allow
	)
	r.AssertFile(t, "pl/starting-a-project/index.html", `id="pisanie-readme"`, `id="czy-open-source-oznacza-bezplatnie"`)
	r.AssertFile(t, "legal/index.html", `href="#what-does-my-companys-legal-team-need-to-know"`, `id="what-does-my-companys-legal-team-need-to-know"`)
	// Absolute image paths become relative links to the copied assets.
	r.AssertFile(t, "building-community/index.html", `src="../assets/images/building-community/contributor_funnel_mikemcquaid.png"`)
	if !r.Has("assets/images/building-community/contributor_funnel_mikemcquaid.png") {
		t.Error("assets not copied")
	}
	// Front matter keys razem does not know are kept for templates.
	if p := r.Site.ByPath("building-community.md"); p == nil || p.Meta.Extra["class"] != "building" {
		t.Error("unknown front matter key class not kept")
	}
}

func TestRealworldStrictAndEscaped(t *testing.T) {
	r := buildRealworld(t, "escape", "error")
	if r.Err == nil {
		t.Fatal("strict build of the corpus succeeded despite its broken links")
	}
	if n := diag.CountErrors(r.Diags); n != 30 {
		t.Errorf("errors = %d, want 30:\n%s", n, r.DiagText())
	}
	r = buildRealworld(t, "escape", "warning")
	r.AssertFile(t, "pl/building-community/index.html", `&lt;aside markdown=`)
	r.AssertNotFile(t, "pl/building-community/index.html", `<aside markdown="1"`)
}

// TestRealworldTranslations builds the corpus as the two-language site it
// is: English at the root (the default), Polish in content/pl/ with the
// same file names. The translations find each other by path.
func TestRealworldTranslations(t *testing.T) {
	r := buildRealworld(t, "allow", "warning")
	if r.Err != nil {
		t.Fatalf("build failed: %v\n%s", r.Err, r.DiagText())
	}
	if got := r.Site.Languages; len(got) != 2 || got[0] != "en" || got[1] != "pl" {
		t.Fatalf("languages = %v, want [en pl]", got)
	}
	translated := 0
	for _, p := range r.Site.Pages {
		if p.Meta.Lang == "pl" {
			if len(p.Translations) != 2 || p.Translations[0].Path != strings.TrimPrefix(p.Path, "pl/") {
				t.Errorf("%s: translations %v", p.Path, p.Translations)
			}
			translated++
		}
	}
	if translated != 12 {
		t.Errorf("%d Polish pages linked to their English originals, want 12", translated)
	}
	// The switcher and hreflang links, both ways.
	r.AssertFile(t, "pl/legal/index.html", `<html lang="pl"`,
		`<nav class="lang-switch" aria-label="Wersje językowe"><ul>`,
		`<li><a href="../../legal/index.html" hreflang="en" lang="en" title="English">EN<span class="visually-hidden"> English</span></a></li>`,
		`<li><a href="index.html" hreflang="pl" lang="pl" title="Polski" aria-current="page">PL<span class="visually-hidden"> Polski</span></a></li>`,
		`<link rel="alternate" hreflang="en" href="../../legal/index.html">`,
		`<link rel="alternate" hreflang="x-default" href="../../legal/index.html">`,
		`<li><a href="../index.html">Strona główna</a></li>`, // the Polish home, in Polish
	)
	r.AssertFile(t, "legal/index.html", `<html lang="en"`,
		`<a href="../pl/legal/index.html" hreflang="pl" lang="pl" title="Polski">PL`,
		`<link rel="alternate" hreflang="pl" href="../pl/legal/index.html">`, `Skip to content`)
	// Each language has its home, linked to the other.
	r.AssertFile(t, "pl/index.html", `<html lang="pl"`, `hreflang="en"`)
	r.AssertFile(t, "index.html", `<html lang="en"`, `<a href="pl/index.html" hreflang="pl"`)
	// Without base_url the sitemap's addresses are relative to it.
	r.AssertFile(t, "sitemap.xml", `<loc>legal/</loc><xhtml:link rel="alternate" hreflang="en" href="legal/"/><xhtml:link rel="alternate" hreflang="pl" href="pl/legal/"/>`)
}
