package generator_test

import (
	"strings"
	"testing"

	"github.com/razem/razem/generator/internal/sitetest"
)

// Content published where razem generates a page or file of its own was
// silently replaced (or replaced it): now it is an error at the file, in
// every language.
func TestCollisionsWithGeneratedPages(t *testing.T) {
	r := sitetest.Build(t, `
-- config.toml --
title = "T"
-- content/index.md --
---
title: Start
---
[cennik](cennik.pdf) [mapa](sitemap.xml) [slajdy](moduly/a/slajdy.html)
-- content/moduly/a.md --
---
title: A
tags: [koalicje]
---
Tekst.
-- content/moduly/a/slajdy.html --
<p>moje</p>
-- content/szukaj/index.md --
---
title: Szukaj
---
-- content/tagi.md --
---
title: Tagi
---
-- content/tagi/koalicje.md --
---
title: Koalicje
---
-- content/moduly.md --
---
title: Moduły
---
-- content/de/index.md --
---
title: Start
---
-- content/de/szukaj.md --
---
title: Suche
---
-- content/sitemap.xml --
<urlset/>
-- content/cennik.pdf --
pdf
`)
	if r.Err == nil {
		t.Fatal("built")
	}
	want := `content/de/szukaj.md:1:1: published at de/szukaj/index.html, where razem generates the search page (de); rename or move the file
content/moduly.md:1:1: published at moduly/index.html, where razem generates the list of moduly/; to introduce that list, move it to content/moduly/index.md
content/moduly/a/slajdy.html: published at moduly/a/slajdy.html, where razem puts a version of the page beside it (slides, handout, session plan); rename or move the file
content/sitemap.xml: published at sitemap.xml, where razem puts the sitemap; rename or move the file
content/szukaj/index.md:1:1: published at szukaj/index.html, where razem generates the search page (pl); rename or move the file
content/tagi.md:1:1: published at tagi/index.html, where razem generates the list of tags (pl); rename or move the file
content/tagi/koalicje.md:1:1: published at tagi/koalicje/index.html, where razem generates the page of tag #koalicje (pl); rename or move the file
content/tagi/koalicje.md:1:1: the folder tagi/ is listed at tagi/index.html, where razem generates the list of tags (pl); rename the folder`
	if got := strings.TrimSpace(r.DiagText()); got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}
