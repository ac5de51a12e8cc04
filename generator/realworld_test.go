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
