package generator_test

import (
	"fmt"
	"io/fs"
	"os"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/razem/razem/generator"
	"github.com/razem/razem/generator/internal/sitetest"
	"github.com/razem/razem/generator/publish"
)

// tricky is a site whose strings need every kind of escaping the default
// partials do, with a section long enough for the compact page list and
// pages that are on paths, tagged, related and paged.
func tricky() string {
	var b strings.Builder
	b.WriteString(site)
	b.WriteString(`-- content/moduly/znaki.md --
---
title: 'Znaki & „cudzysłowy”: <b>, "x", ''y'', a+b'
description: 'Opis z <i>tagiem</i> & plusem+'
tags: ["C++ & <html>", "zażółć"]
audience: 'Rady "gmin" & NGO'
level: zaawansowany
related: [moduly/koalicje.md, cwiczenia/koalicje.md, sciezki/start.md, przypadki/cresus.md, slownik/koalicja.md]
---
Treść.
-- content/sciezki/druga.md --
---
title: Druga & ostatnia
steps: [moduly/znaki.md, moduly/koalicje.md]
---
Ścieżka.
`)
	// Lists change form past 60 pages: 60 and 61 sit either side of it.
	for i := 0; i < 65; i++ {
		fmt.Fprintf(&b, "-- content/slownik/haslo-%02d.md --\n---\ntitle: 'Hasło %d <&> \"+\"'\ndescription: Krótko & jasno.\n---\nOpis.\n", i, i)
	}
	for i := 0; i < 60; i++ { // 61 cases with cresus, 60 tagged "graniczny"
		fmt.Fprintf(&b, "-- content/przypadki/p%02d.md --\n---\ntitle: Przypadek %d\ntags: [graniczny]\n---\nTekst.\n", i, i)
	}
	for i := 0; i < 59; i++ { // 60 exercises
		fmt.Fprintf(&b, "-- content/cwiczenia/c%02d.md --\n---\ntitle: Ćwiczenie %d\n---\n## Pytanie?\n\n- [x] Tak\n- [ ] Nie\n", i, i)
	}
	return b.String()
}

// TestNativesMirrorTemplates builds sites with the default theme's natives
// (render/native.go) and with templates only, and requires the same bytes
// in every file: the natives are a faster way to the same pages.
func TestNativesMirrorTemplates(t *testing.T) {
	unminified := func(cfg string) string { return strings.Replace(cfg, "minify = true", "minify = false", 1) }
	repoCfg, err := os.ReadFile("../config.toml")
	if err != nil {
		t.Fatal(err)
	}
	sites := map[string]fs.FS{
		"bundled content": sitetest.Overlay{Base: os.DirFS(sitetest.RepoRoot()), Files: fstest.MapFS{"config.toml": {Data: []byte(unminified(string(repoCfg)))}}},
		"tricky strings":  sitetest.FS(t, strings.Replace(tricky(), "-- content/index.md --\n", "[build]\nminify = false\n-- content/index.md --\n", 1)),
		"in English":      sitetest.FS(t, strings.Replace(tricky(), "-- content/index.md --\n", "language = \"en\"\n-- content/index.md --\n", 1)),
		"seven languages": sitetest.FS(t, strings.Replace(multilingual, "-- content/index.md --\n", "[build]\nminify = false\n-- content/index.md --\n", 1)),
	}
	if dir := realworldDir(); dir != "" {
		cfg := strings.NewReplacer(`raw_html = "%s"`, `raw_html = "allow"`, `broken_links = "%s"`, `broken_links = "warning"`).Replace(realworldConfig)
		sites["real-world corpus"] = sitetest.Overlay{Base: os.DirFS(dir), Files: sitetest.FS(t, cfg)}
	}
	for name, fsys := range sites {
		t.Run(name, func(t *testing.T) {
			native := sitetest.BuildFS(t, fsys, generator.Options{})
			templ := sitetest.BuildFS(t, fsys, generator.Options{TemplatesOnly: true})
			if native.Err != nil || templ.Err != nil {
				t.Fatalf("builds failed: %v / %v\n%s", native.Err, templ.Err, native.DiagText())
			}
			if len(native.Files) != len(templ.Files) {
				t.Fatalf("%d files with natives, %d with templates", len(native.Files), len(templ.Files))
			}
			html := 0
			if len(native.Trainer) != len(templ.Trainer) || len(native.Trainer) == 0 {
				t.Fatalf("trainer edition: %d files with natives, %d with templates", len(native.Trainer), len(templ.Trainer))
			}
			nativeFiles := append(append([]publish.File{}, native.Files...), native.Trainer...)
			templFiles := append(append([]publish.File{}, templ.Files...), templ.Trainer...)
			for i, f := range nativeFiles {
				g := templFiles[i]
				if f.Path != g.Path {
					t.Fatalf("file %d: %s with natives, %s with templates", i, f.Path, g.Path)
				}
				if strings.HasSuffix(f.Path, ".html") {
					html++
				}
				if string(f.Data) != string(g.Data) {
					t.Errorf("%s differs from the templates' page:\n%s", f.Path, firstDiff(string(g.Data), string(f.Data)))
				}
			}
			if html < 10 {
				t.Errorf("only %d pages compared", html)
			}
		})
	}
}
