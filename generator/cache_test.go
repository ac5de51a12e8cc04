package generator_test

import (
	"bytes"
	"context"
	"io/fs"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/razem/razem/generator"
	"github.com/razem/razem/generator/diag"
	"github.com/razem/razem/generator/internal/sitetest"
)

// TestBuilderMatchesFreshBuild edits a site step by step and checks after
// every step that the cached build equals a build from scratch, byte for
// byte: a stale cache entry is the one bug a build cache must not have.
func TestBuilderMatchesFreshBuild(t *testing.T) {
	fsys := sitetest.FS(t, site)
	a := sitetest.Analyzer(t)
	for _, live := range []bool{false, true} {
		b := generator.NewBuilder(generator.Options{Source: fsys, Analyzer: a, Live: live})
		edits := []struct {
			name string
			edit func()
		}{
			{"unchanged", func() {}},
			{"body of one page", func() {
				replace(fsys, "content/moduly/umowa.md", "Sześć elementów umowy.", "Sześć elementów każdej umowy.")
			}},
			{"title shown elsewhere", func() {
				replace(fsys, "content/moduly/umowa.md", "title: Umowa partnerska", "title: Umowa o partnerstwie")
			}},
			{"heading that an anchor points to", func() { replace(fsys, "content/przypadki/cresus.md", "## Wyniki", "## Efekty") }},
			{"heading restored", func() { replace(fsys, "content/przypadki/cresus.md", "## Efekty", "## Wyniki") }},
			{"glossary definition", func() { replace(fsys, "content/slownik/koalicja.md", "Sojusz organizacji", "Związek organizacji") }},
			{"new page", func() {
				fsys["content/moduly/nowy.md"] = &fstest.MapFile{Data: []byte("---\ntitle: Nowy\nweight: 5\n---\nO koalicji.\n")}
			}},
			{"deleted page", func() { delete(fsys, "content/moduly/nowy.md") }},
			{"a translation added", func() {
				fsys["content/de/moduly/umowa.md"] = &fstest.MapFile{Data: []byte("---\ntitle: Vertrag\n---\nÜber Koalitionen.\n")}
			}},
			{"a glossary term in another language", func() {
				replace(fsys, "content/slownik/koalicja.md", "title: koalicja\n", "title: koalicja\nlang: de\n")
			}},
			{"the term back in Polish", func() {
				replace(fsys, "content/slownik/koalicja.md", "title: koalicja\nlang: de\n", "title: koalicja\n")
				delete(fsys, "content/de/moduly/umowa.md")
			}},
			{"theme string", func() {
				replace(fsys, "themes/default/i18n/pl.toml", `"Cele modułu"`, `"Czego się nauczysz w module"`)
			}},
		}
		for _, e := range edits {
			e.edit()
			got, errA := b.Build(context.Background())
			want, errB := generator.Build(context.Background(), generator.Options{Source: fsys, Analyzer: a, Live: live})
			if e.name == "link leading out" && !strings.Contains(diag.Format(got.Diags), "content/moduly/haslo.png: symbolic link to ../../../etc/passwd leads outside the site") {
				t.Errorf("%s: %s", e.name, diag.Format(got.Diags))
			}
			if (errA == nil) != (errB == nil) || diag.Format(got.Diags) != diag.Format(want.Diags) {
				t.Fatalf("live=%v %s: diagnostics differ:\n%s\nvs\n%s", live, e.name, diag.Format(got.Diags), diag.Format(want.Diags))
			}
			if len(got.Files) != len(want.Files) {
				t.Fatalf("live=%v %s: %d files, fresh build %d", live, e.name, len(got.Files), len(want.Files))
			}
			for i := range want.Files {
				if got.Files[i].Path != want.Files[i].Path || !bytes.Equal(got.Files[i].Data, want.Files[i].Data) {
					t.Errorf("live=%v %s: %s differs from a fresh build", live, e.name, want.Files[i].Path)
				}
			}
		}
		replace(fsys, "themes/default/i18n/pl.toml", `"Czego się nauczysz w module"`, `"Cele modułu"`)
	}
}

func replace(fsys fstest.MapFS, name, old, new string) {
	f := fsys[name]
	fsys[name] = &fstest.MapFile{Data: []byte(strings.Replace(string(f.Data), old, new, 1)), ModTime: time.Now()}
}

// BenchmarkRebuildOneFile is razem serve's loop: a body edit in one page
// of the synthetic corpus, reported as the watcher reports it, then a live
// build.
func BenchmarkRebuildOneFile(b *testing.B) {
	fsys := benchFS(b, benchCorpus(b, *benchPages))
	bl := generator.NewBuilder(generator.Options{Source: fsys, Analyzer: sitetest.Analyzer(b), Live: true, Watched: true, Trainer: true})
	if _, err := bl.Build(context.Background()); err != nil {
		b.Fatal(err)
	}
	const name = "content/modules/module-0007.md"
	orig := fsys[name].Data
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		fsys[name] = &fstest.MapFile{Data: append(append([]byte{}, orig...), []byte("\nEdycja kontrolna "+strings.Repeat("x", i%7)+".\n")...)}
		bl.Changed([]string{name}, false)
		if _, err := bl.Build(context.Background()); err != nil {
			b.Fatal(err)
		}
	}
}

// TestWatchedBuilderMatchesFreshBuild is TestBuilderMatchesFreshBuild for a
// Builder that rereads only the paths reported to it (Options.Watched, as
// razem serve runs it): after every kind of change to the tree, reported
// as the watcher reports it, the build equals a fresh one.
func TestWatchedBuilderMatchesFreshBuild(t *testing.T) {
	fsys := sitetest.FS(t, site)
	a := sitetest.Analyzer(t)
	b := generator.NewBuilder(generator.Options{Source: fsys, Analyzer: a, Live: true, Watched: true})
	page := func(title string) *fstest.MapFile {
		return &fstest.MapFile{Data: []byte("---\ntitle: " + title + "\n---\nO koalicji.\n")}
	}
	edits := []struct {
		name    string
		changed []string
		edit    func()
	}{
		{"first build", nil, func() {}},
		{"body of one page", []string{"content/moduly/umowa.md"}, func() {
			replace(fsys, "content/moduly/umowa.md", "Sześć elementów umowy.", "Sześć elementów każdej umowy.")
		}},
		{"new page", []string{"content/moduly/nowy.md"}, func() { fsys["content/moduly/nowy.md"] = page("Nowy") }},
		{"new folder with pages", []string{"content/nowe"}, func() {
			fsys["content/nowe/a.md"], fsys["content/nowe/b/c.md"] = page("A"), page("C")
		}},
		{"folder renamed", []string{"content/nowe", "content/inne"}, func() {
			fsys["content/inne/a.md"], fsys["content/inne/b/c.md"] = fsys["content/nowe/a.md"], fsys["content/nowe/b/c.md"]
			delete(fsys, "content/nowe/a.md")
			delete(fsys, "content/nowe/b/c.md")
		}},
		{"ignored files", []string{"content/moduly/.nowy.md.swp", "content/_szkice/x.md"}, func() {
			fsys["content/moduly/.nowy.md.swp"], fsys["content/_szkice/x.md"] = page("Swap"), page("Szkic")
		}},
		{"asset added", []string{"content/moduly/schemat.txt"}, func() {
			fsys["content/moduly/schemat.txt"] = &fstest.MapFile{Data: []byte("schemat")}
		}},
		{"page deleted", []string{"content/moduly/nowy.md"}, func() { delete(fsys, "content/moduly/nowy.md") }},
		{"link leading out", []string{"content/moduly/haslo.png"}, func() {
			fsys["content/moduly/haslo.png"] = &fstest.MapFile{Mode: fs.ModeSymlink, Data: []byte("../../../etc/passwd")}
		}},
		{"link removed", []string{"content/moduly/haslo.png"}, func() { delete(fsys, "content/moduly/haslo.png") }},
		{"outside content", []string{"config.toml"}, func() { replace(fsys, "config.toml", `title = "Szkolenia"`, `title = "Kursy"`) }},
		{"theme string", []string{"themes/default/i18n/pl.toml"}, func() {
			replace(fsys, "themes/default/i18n/pl.toml", `"Cele modułu"`, `"Czego się nauczysz"`)
		}},
		{"page after a theme change", []string{"content/moduly/umowa.md"}, func() {
			replace(fsys, "content/moduly/umowa.md", "Sześć elementów każdej umowy.", "Sześć elementów umowy.")
		}},
		// Orders and the glossary are kept between saves that leave them be.
		{"weight that reorders a section", []string{"content/moduly/umowa.md"}, func() {
			replace(fsys, "content/moduly/umowa.md", "weight: 20", "weight: 5")
		}},
		{"title that reorders the unweighted", []string{"content/moduly/nowy2.md", "content/moduly/nowy3.md"}, func() {
			fsys["content/moduly/nowy2.md"], fsys["content/moduly/nowy3.md"] = page("Beta"), page("Gamma")
		}},
		{"title only", []string{"content/moduly/nowy3.md"}, func() { fsys["content/moduly/nowy3.md"] = page("Alfa") }},
		{"tag added", []string{"content/moduly/umowa.md"}, func() {
			replace(fsys, "content/moduly/umowa.md", "weight: 5", "weight: 5\ntags: [umowy, koalicje]")
		}},
		{"glossary alias", []string{"content/slownik/koalicja.md"}, func() {
			replace(fsys, "content/slownik/koalicja.md", "aliases: [koalicje]", "aliases: [koalicje, umowa]")
		}},
		{"body after the glossary changed", []string{"content/moduly/umowa.md"}, func() {
			replace(fsys, "content/moduly/umowa.md", "Sześć elementów umowy.", "Sześć elementów każdej umowy.")
		}},
	}
	for _, e := range edits {
		e.edit()
		b.Changed(e.changed, false)
		got, errA := b.Build(context.Background())
		want, errB := generator.Build(context.Background(), generator.Options{Source: fsys, Analyzer: a, Live: true})
		if e.name == "link leading out" && !strings.Contains(diag.Format(got.Diags), "content/moduly/haslo.png: symbolic link to ../../../etc/passwd leads outside the site") {
			t.Errorf("%s: %s", e.name, diag.Format(got.Diags))
		}
		if (errA == nil) != (errB == nil) || diag.Format(got.Diags) != diag.Format(want.Diags) {
			t.Fatalf("%s: diagnostics differ:\n%s\nvs\n%s", e.name, diag.Format(got.Diags), diag.Format(want.Diags))
		}
		if len(got.Files) != len(want.Files) {
			t.Fatalf("%s: %d files, fresh build %d", e.name, len(got.Files), len(want.Files))
		}
		for i := range want.Files {
			if got.Files[i].Path != want.Files[i].Path || !bytes.Equal(got.Files[i].Data, want.Files[i].Data) {
				t.Errorf("%s: %s differs from a fresh build", e.name, want.Files[i].Path)
			}
		}
	}
}

// A watched Builder trusts its listing: a change nobody reported is not
// seen (which is why razem serve asks for a rescan whenever the watcher
// lost events), and a rescan sees it.
func TestWatchedBuilderRescan(t *testing.T) {
	fsys := sitetest.FS(t, site)
	b := generator.NewBuilder(generator.Options{Source: fsys, Analyzer: sitetest.Analyzer(t), Live: true, Watched: true})
	if _, err := b.Build(context.Background()); err != nil {
		t.Fatal(err)
	}
	fsys["content/moduly/cichy.md"] = &fstest.MapFile{Data: []byte("---\ntitle: Cichy\n---\nTekst.\n")}
	has := func() bool {
		res, err := b.Build(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range res.Files {
			if f.Path == "moduly/cichy/index.html" {
				return true
			}
		}
		return false
	}
	if has() {
		t.Fatal("an unreported file was read: the listing is not used")
	}
	b.Changed(nil, true)
	if !has() {
		t.Fatal("a rescan did not find the new file")
	}
}
