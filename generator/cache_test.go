package generator_test

import (
	"bytes"
	"context"
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
// of the synthetic corpus, then a live build.
func BenchmarkRebuildOneFile(b *testing.B) {
	fsys := benchFS(b, benchCorpus(b, *benchPages))
	bl := generator.NewBuilder(generator.Options{Source: fsys, Analyzer: sitetest.Analyzer(b), Live: true})
	if _, err := bl.Build(context.Background()); err != nil {
		b.Fatal(err)
	}
	const name = "content/modules/module-0007.md"
	orig := fsys[name].Data
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		fsys[name] = &fstest.MapFile{Data: append(append([]byte{}, orig...), []byte("\nEdycja kontrolna "+strings.Repeat("x", i%7)+".\n")...)}
		if _, err := bl.Build(context.Background()); err != nil {
			b.Fatal(err)
		}
	}
}
