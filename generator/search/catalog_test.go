package search

import (
	"context"
	"encoding/gob"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
)

// TestCatalogChunks checks that the catalog reads back the same whatever
// its chunk size, and holds every section and lexicon key of the corpus.
func TestCatalogChunks(t *testing.T) {
	c, err := NewCorpus(contentDocs(t), analyzer(t))
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	read := func(chunk int) *catalog {
		path := filepath.Join(dir, "catalog-"+strings.Repeat("x", chunk%7))
		if err := writeCatalog(path, c.c, 3, chunk); err != nil {
			t.Fatal(err)
		}
		cat, err := readCatalog(path)
		if err != nil {
			t.Fatalf("chunk %d: %v", chunk, err)
		}
		return cat
	}
	whole := read(catalogChunkLen)
	if len(whole.Docs) != len(c.c.entries) || len(whole.Keys) != len(c.c.lex.keys) || whole.Parts != 3 {
		t.Fatalf("%d docs, %d keys, %d parts; want %d, %d, 3", len(whole.Docs), len(whole.Keys), whole.Parts, len(c.c.entries), len(c.c.lex.keys))
	}
	if len(c.c.entries) <= 100 {
		t.Fatalf("only %d sections: chunks of 100 would not split them", len(c.c.entries))
	}
	for i, e := range c.c.entries {
		if d := whole.Docs[i]; d.ID != e.id() || d.Title != e.Title || d.Heading != e.Heading || d.Page != e.page {
			t.Fatalf("doc %d: %+v, want %s %q %q page %d", i, d, e.id(), e.Title, e.Heading, e.page)
		}
	}
	for _, chunk := range []int{1, 7, 100} {
		if got := read(chunk); !reflect.DeepEqual(got, whole) {
			t.Errorf("chunk %d: the catalog reads back differently", chunk)
		}
	}
}

// TestCatalogDamaged checks that a cut, an older or a lying catalog is an
// error that says to rebuild or names the file, never a panic or a
// catalog missing sections.
func TestCatalogDamaged(t *testing.T) {
	c, err := NewCorpus(testDocs, analyzer(t))
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	path := filepath.Join(dir, catalogFile)
	if err := writeCatalog(path, c.c, 1, 2); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	cut := filepath.Join(dir, "cut")
	for n := 0; n < len(b); n += 1 + n/64 { // every byte of the head, sparser after
		if err := os.WriteFile(cut, b[:n], 0o644); err != nil {
			t.Fatal(err)
		}
		if _, err := readCatalog(cut); err == nil || !strings.Contains(err.Error(), cut) {
			t.Fatalf("cut at %d of %d bytes: %v, want an error naming the file", n, len(b), err)
		}
	}
	write := func(head catalogHead, chunks ...catalogChunk) error {
		f, err := os.Create(cut)
		if err != nil {
			t.Fatal(err)
		}
		enc := gob.NewEncoder(f)
		enc.Encode(&head)
		for i := range chunks {
			enc.Encode(&chunks[i])
		}
		f.Close()
		_, err = readCatalog(cut)
		return err
	}
	sec := catalogSection{Anchor: "a", Page: 0}
	page := catalogPage{URL: "a/index.html", Title: "A", Type: "module"}
	for name, tc := range map[string]struct {
		err    error
		substr string
	}{
		"older":      {write(catalogHead{Version: 5, Pages: 1, Sections: 1}), "version 5, want 6"},
		"negative":   {write(catalogHead{Version: catalogVersion, Pages: -1}), "rebuild"},
		"more":       {write(catalogHead{Version: catalogVersion, Pages: 1, Sections: 1}, catalogChunk{Pages: []catalogPage{page}, Sections: []catalogSection{sec, sec}}), "rebuild"},
		"no page":    {write(catalogHead{Version: catalogVersion, Pages: 1, Sections: 1}, catalogChunk{Sections: []catalogSection{sec}}), "out of order"},
		"keys":       {write(catalogHead{Version: catalogVersion, KeyLen: 1}, catalogChunk{Keys: []string{"a"}}), "rebuild"},
		"huge count": {write(catalogHead{Version: catalogVersion, Pages: 1 << 40, Sections: 1 << 40}), "decode"},
	} {
		if tc.err == nil || !strings.Contains(tc.err.Error(), tc.substr) {
			t.Errorf("%s: %v, want an error with %q", name, tc.err, tc.substr)
		}
	}
}

// TestDropTexts checks that a corpus whose writers drop the texts as they
// go (side by side, as razem build runs them, or the static index first)
// writes the same static index and a bleve index that finds the same hits
// with the same snippets, and that with the static index first the texts
// are gone once both are done.
func TestDropTexts(t *testing.T) {
	a := analyzer(t)
	docs := contentDocs(t)
	write := func(drop, sideBySide bool, docs []Doc) (map[string][]byte, *Index) {
		c, err := NewCorpus(docs, a)
		if err != nil {
			t.Fatal(err)
		}
		c.partSize = len(docs)/3 + 1
		if drop {
			c.DropTexts()
		}
		dir := filepath.Join(t.TempDir(), "bleve")
		var indexErr error
		done := make(chan struct{})
		index := func() { defer close(done); indexErr = c.WriteIndex(dir) }
		if sideBySide {
			go index()
		}
		static, err := c.Static()
		if err != nil {
			t.Fatal(err)
		}
		if !sideBySide {
			index()
		}
		<-done
		if indexErr != nil {
			t.Fatal(indexErr)
		}
		ix, err := Open(dir)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { ix.Close() })
		return static, ix
	}
	wantStatic, want := write(false, false, docs)
	for _, sideBySide := range []bool{false, true} {
		own := slices.Clone(docs)
		static, got := write(true, sideBySide, own)
		if !reflect.DeepEqual(static, wantStatic) {
			t.Errorf("side by side %v: the static index differs", sideBySide)
		}
		for _, q := range []string{"koalicji", "wspolpraca z samorzadem", "ambasadorami", "Banque Postale"} {
			w, err := want.Search(context.Background(), Query{Text: q, Limit: 20})
			if err != nil {
				t.Fatal(err)
			}
			g, err := got.Search(context.Background(), Query{Text: q, Limit: 20})
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(g, w) || len(w.Hits) == 0 {
				t.Errorf("side by side %v, %q: %+v, want %+v", sideBySide, q, g, w)
			}
		}
		kept := 0
		for _, d := range own {
			if d.Body != "" {
				kept++
			}
		}
		// Side by side, a part written before the static index had read
		// the texts keeps them (how many depends on scheduling); the
		// static index first, every one goes.
		if !sideBySide && kept > 0 {
			t.Errorf("side by side %v: %d of %d texts kept", sideBySide, kept, len(own))
		}
	}
}
