package generator_test

import (
	"strings"
	"testing"

	"github.com/razem/razem/generator/internal/sitetest"
)

// A glossary form given to two terms (or twice to one) and a step listed
// twice in a path are errors where they are written: a mention could link
// to one term only, and a path's progress counts each step once.
func TestDuplicateTermsAndSteps(t *testing.T) {
	r := sitetest.Build(t, `
-- config.toml --
title = "T"
-- content/slownik/koalicja.md --
---
title: Koalicja
description: Sojusz.
aliases: [koalicje, sojusz, Koalicje]
---
-- content/slownik/sojusz.md --
---
title: sojusz
description: Inne.
aliases:
  - partnerstwo
  - "koalicja "
---
-- content/de/slownik/koalition.md --
---
title: Koalicja
description: Im Deutschen ein anderes Wort, in einer anderen Sprache.
---
-- content/moduly/a.md --
---
title: A
---
-- content/moduly/b.md --
---
title: B
---
-- content/sciezki/start.md --
---
title: Start
steps:
  - moduly/a.md
  - moduly/b.md
  - moduly/a
---
`)
	want := `content/sciezki/start.md:6:5: front matter: steps: moduly/a is already step 1; a path lists each step once
content/slownik/koalicja.md:4:29: front matter: aliases: "Koalicje" is already an alias of this term; give each form once
content/slownik/sojusz.md:2:1: front matter: title: "sojusz" is already an alias of the term content/slownik/koalicja.md; a word may name one term only
content/slownik/sojusz.md:6:5: front matter: aliases: "koalicja" is already the title of the term content/slownik/koalicja.md; a word may name one term only`
	if got := strings.TrimSpace(r.DiagText()); got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}
