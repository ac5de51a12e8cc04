package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/razem/razem/generator/markdown"
	"github.com/razem/razem/generator/page"
)

// newTemplates are the front matter skeletons of `razem new`, one per type;
// %[1]s is the title, %[2]s today's date. Each is valid as written except
// where the author must fill something in (a term's definition).
var newTemplates = map[string]string{
	page.TypeModule: `---
title: %[1]q
description: ""
weight: 100
tags: []
date: %[2]s
objectives:
  - Pierwszy cel modułu.
duration: 45m
level: podstawowy
prerequisites: []
audience: ""
related: []
---

Wprowadzenie do modułu.

## Pierwsza sekcja

Treść.

> [!TRAINER]
> Propozycja ćwiczenia na warsztat.

## Podsumowanie

Najważniejsze wnioski.
`,
	page.TypeCase: `---
title: %[1]q
description: ""
tags: []
date: %[2]s
organisation: ""
country: ""
partners: []
sector: ""
partnership_form: ""
figures: []
related: []
---

## Kontekst

## Partnerstwo

## Wnioski
`,
	page.TypeExercise: `---
title: %[1]q
description: ""
date: %[2]s
duration: 15m
related: []
---

## Pierwsze pytanie

- [ ] Błędna odpowiedź
  > Dlaczego ta odpowiedź jest błędna.
- [x] Poprawna odpowiedź
  > Dlaczego ta odpowiedź jest poprawna.

## Pytanie otwarte

> [!ANSWER]
> Odpowiedź wzorcowa.
`,
	page.TypeTerm: `---
title: %[1]q
description: ""   # krótka definicja (wymagana): pokazuje się w dymku przy pojęciu
aliases: []
date: %[2]s
related: []
---

Pełniejsza definicja z przykładem.
`,
	page.TypePath: `---
title: %[1]q
description: ""
date: %[2]s
steps: []   # np. [moduly/partnerstwa-i-koalicje.md, cwiczenia/partnerstwa-i-koalicje.md]
objectives: []
level: podstawowy
---

Dla kogo jest ta ścieżka i jak przez nią przejść.
`,
	page.TypePage: `---
title: %[1]q
description: ""
date: %[2]s
---

Treść strony.
`,
}

// sectionOf is the folder new files of a type go into.
func sectionOf(typ string) string {
	for dir, t := range page.SectionTypes {
		if t == typ {
			return dir
		}
	}
	return ""
}

func runNew(_ context.Context, c *cli, args []string) error {
	fs := newFlags(c, "new")
	source := fs.String("source", ".", "site `DIR`")
	content := fs.String("content", "content", "content folder inside the site")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() != 2 {
		fmt.Fprintln(c.stderr, `usage: razem new TYPE "Tytuł" (TYPE: module, case, exercise, term, path, page)`)
		return errUsage
	}
	typ, title := fs.Arg(0), strings.TrimSpace(fs.Arg(1))
	tmpl, ok := newTemplates[typ]
	if !ok {
		fmt.Fprintf(c.stderr, "razem new: unknown type %q (want module, case, exercise, term, path or page)\n", typ)
		return errUsage
	}
	slug := markdown.Slugify(title)
	if slug == "" {
		fmt.Fprintln(c.stderr, "razem new: the title needs at least one letter or digit")
		return errUsage
	}
	rel := filepath.Join(*content, sectionOf(typ), slug+".md")
	file := filepath.Join(*source, rel)
	if err := os.MkdirAll(filepath.Dir(file), 0o755); err != nil {
		return err
	}
	f, err := os.OpenFile(file, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if errors.Is(err, os.ErrExist) {
		return fmt.Errorf("%s already exists; not overwriting it", file)
	}
	if err != nil {
		return err
	}
	_, err = fmt.Fprintf(f, tmpl, title, c.today().Format("2006-01-02"))
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return err
	}
	fmt.Fprintln(c.stdout, "created", filepath.ToSlash(file))
	return nil
}

func (c *cli) today() time.Time {
	if c.now != nil {
		return c.now()
	}
	return time.Now()
}
