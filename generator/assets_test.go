package generator_test

import (
	"testing"

	"github.com/razem/razem/generator/internal/sitetest"
)

// Only files that published pages link to are published from content/,
// besides every file of a declared static folder: notes beside the pages,
// editor backups and images only drafts show stay private.
func TestOnlyReferencedAssetsPublished(t *testing.T) {
	r := sitetest.Build(t, `
-- config.toml --
title = "T"
[markdown]
raw_html = "allow"
[[static]]
from = "pliki"
to = "pliki"
-- content/moduly/a.md --
---
title: A
---
![Schemat](obrazy/schemat.png) i [umowa](../dokumenty/umowa.pdf).

<figure><img src="../obrazy/surowy.png" alt="x"><img srcset="obrazy/maly.png 1x, obrazy/duzy.png 2x" alt="y"></figure>
-- content/moduly/szkic.md --
---
title: Szkic
draft: true
---
![Tylko w szkicu](obrazy/szkic.png)
-- content/moduly/obrazy/schemat.png --
png
-- content/moduly/obrazy/szkic.png --
png
-- content/moduly/obrazy/maly.png --
png
-- content/moduly/obrazy/duzy.png --
png
-- content/obrazy/surowy.png --
png
-- content/dokumenty/umowa.pdf --
pdf
-- content/moduly/notatki.txt --
prywatne
-- content/moduly/a.md.bak --
stara wersja
-- pliki/regulamin.pdf --
pdf
`).OK(t)
	for _, name := range []string{"moduly/obrazy/schemat.png", "dokumenty/umowa.pdf", "obrazy/surowy.png", "moduly/obrazy/maly.png", "moduly/obrazy/duzy.png", "pliki/regulamin.pdf"} {
		if !r.Has(name) {
			t.Errorf("%s: linked, not published", name)
		}
		if r.Trainer != nil && !hasTrainer(r, name) {
			t.Errorf("%s: not in the trainer edition", name)
		}
	}
	for _, name := range []string{"moduly/obrazy/szkic.png", "moduly/notatki.txt", "moduly/a.md.bak"} {
		if r.Has(name) {
			t.Errorf("%s: published, though no published page links to it", name)
		}
	}
}

func hasTrainer(r *sitetest.Result, name string) bool {
	for _, f := range r.Trainer {
		if f.Path == name {
			return true
		}
	}
	return false
}
