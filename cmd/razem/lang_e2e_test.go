package main

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// multilingualSource writes a small site in three languages, the module in
// each, and returns its folder (the theme is the repository's).
func multilingualSource(t *testing.T) string {
	t.Helper()
	src := t.TempDir()
	files := map[string]string{
		"config.toml":                   "title = \"Partnerstwa\"\n",
		"content/index.md":              "---\ntitle: Witaj\n---\nStart.\n",
		"content/moduly/koalicje.md":    "---\ntitle: Koalicje\n---\nCzłonkowie koalicji.\n\n## Zalety koalicji\n\nTekst. Partner koalicji.\n",
		"content/de/moduly/koalicje.md": "---\ntitle: Koalitionen\n---\nMitglieder einer Koalition. Die Partner prüfen Übungen.\n",
		"content/bg/moduly/koalicje.md": "---\ntitle: Коалиции\n---\nЧленове на коалицията.\n",
	}
	for name, s := range files {
		p := filepath.Join(src, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.Symlink(filepath.Join(repoRoot(), "themes"), filepath.Join(src, "themes")); err != nil {
		t.Fatal(err)
	}
	return src
}

// switchLanguage opens the German module, follows the switcher's link to
// Polish and then the Bulgarian one, and checks where each lands.
func switchLanguage(t *testing.T, b *browser, start string) {
	t.Helper()
	var lang, h1, loc string
	b.run(t, chromedp.Navigate(start), chromedp.WaitVisible(`.lang-switch`, chromedp.ByQuery),
		chromedp.AttributeValue(`html`, "lang", &lang, nil, chromedp.ByQuery))
	if lang != "de" {
		t.Fatalf("the German module has lang %q", lang)
	}
	var current string
	b.run(t, chromedp.Text(`.lang-switch [aria-current="page"]`, &current, chromedp.ByQuery))
	if !strings.HasPrefix(current, "DE") {
		t.Errorf("the current language is marked %q", current)
	}
	b.run(t, chromedp.Click(`.lang-switch a[hreflang="pl"]`, chromedp.ByQuery), chromedp.WaitVisible(`.page-module h1`, chromedp.ByQuery),
		chromedp.Location(&loc), chromedp.Text("h1", &h1, chromedp.ByQuery),
		chromedp.AttributeValue(`html`, "lang", &lang, nil, chromedp.ByQuery))
	if !strings.HasSuffix(loc, "/moduly/koalicje/index.html") || strings.Contains(loc, "/de/") || h1 != "Koalicje" || lang != "pl" {
		t.Errorf("switching to Polish went to %s (h1 %q, lang %q)", loc, h1, lang)
	}
	b.run(t, chromedp.Click(`.lang-switch a[hreflang="bg"]`, chromedp.ByQuery), chromedp.WaitVisible(`.page-module h1`, chromedp.ByQuery),
		chromedp.Location(&loc), chromedp.Text("h1", &h1, chromedp.ByQuery))
	if !strings.HasSuffix(loc, "/bg/moduly/koalicje/index.html") || h1 != "Коалиции" {
		t.Errorf("switching to Bulgarian went to %s (h1 %q)", loc, h1)
	}
	// The Bulgarian page's own navigation leads to the Bulgarian home.
	b.run(t, chromedp.Click(`.breadcrumbs a`, chromedp.ByQuery), chromedp.WaitVisible(`.page-home`, chromedp.ByQuery),
		chromedp.Location(&loc), chromedp.AttributeValue(`html`, "lang", &lang, nil, chromedp.ByQuery))
	if !strings.HasSuffix(loc, "/bg/index.html") || lang != "bg" {
		t.Errorf("the Bulgarian home link went to %s (lang %q)", loc, lang)
	}
}

// searchInLanguage searches from the German and the Polish search page:
// a word both languages have lists the page's own language first, and a
// German word typed without its umlaut finds the German page.
func searchInLanguage(t *testing.T, b *browser, base string) {
	t.Helper()
	for _, c := range []struct{ page, q, want, notWant string }{
		{"de/szukaj/index.html", "partner", "de/moduly/koalicje/", ""},
		{"szukaj/index.html", "partner", "moduly/koalicje/", "de/"},
		{"de/szukaj/index.html", "die ubungen", "de/moduly/koalicje/", ""},
	} {
		var href string
		b.run(t, chromedp.Navigate(base+c.page+"?q="+strings.ReplaceAll(c.q, " ", "+")),
			chromedp.WaitVisible(`#search-results a`, chromedp.ByQuery),
			chromedp.AttributeValue(`#search-results a`, "href", &href, nil, chromedp.ByQuery))
		if !strings.Contains(href, c.want) || c.notWant != "" && strings.Contains(href, c.notWant) {
			t.Errorf("%q from %s: first hit %s, want %s", c.q, c.page, href, c.want)
		}
	}
}

func TestBrowserLanguageSwitchFromFile(t *testing.T) {
	src := multilingualSource(t)
	dest := filepath.Join(t.TempDir(), "public")
	var out, errb strings.Builder
	if code := run(context.Background(), []string{"build", "--source", src, "--dest", dest}, &out, &errb); code != 0 {
		t.Fatalf("build: %s", errb.String())
	}
	b := newBrowser(t)
	switchLanguage(t, b, fileURL(dest, "de/moduly/koalicje/index.html"))
	searchInLanguage(t, b, strings.TrimSuffix(fileURL(dest, "index.html"), "index.html"))
	b.check(t, "file://")
}

func TestBrowserLanguageSwitchServed(t *testing.T) {
	b := newBrowser(t)
	base := serve(t, "--watch=false", "--source", multilingualSource(t), "--dest", filepath.Join(t.TempDir(), "public"))
	switchLanguage(t, b, base+"de/moduly/koalicje/index.html")
	searchInLanguage(t, b, base)
	b.check(t, base)
}
