package search

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/blevesearch/bleve/v2"
	index "github.com/blevesearch/bleve_index_api"
)

// TestAnalysedFieldsIndexAlike checks that the bleve index razem writes by
// handing bleve its own analysis (analysedField, keywordField) holds exactly what
// bleve's documented path writes (a mapping, each field's terms as text
// split by the whitespace tokenizer): the same terms in every field, on
// the same sections, with the same frequencies and norms.
func TestAnalysedFieldsIndexAlike(t *testing.T) {
	docs := append(slices.Clone(testDocs), synthDocs(t, 60)...)
	c, err := NewCorpus(docs, analyzer(t))
	if err != nil {
		t.Fatal(err)
	}
	ours := filepath.Join(t.TempDir(), "ours")
	if err := c.writeBleve(ours, 0, c.Len()); err != nil {
		t.Fatal(err)
	}
	ref := filepath.Join(t.TempDir(), "ref")
	if err := c.writeBleveThroughMapping(ref); err != nil {
		t.Fatal(err)
	}
	a, b := dumpIndex(t, ours), dumpIndex(t, ref)
	stored := 0
	for k := range b {
		if strings.HasPrefix(k, "stored text ") {
			stored++
		}
	}
	if stored != c.Len() {
		t.Fatalf("reference index has %d stored texts, want %d", stored, c.Len())
	}
	if len(b) < 1000 {
		t.Fatalf("reference index has only %d postings", len(b))
	}
	for k, want := range b {
		if got, ok := a[k]; !ok || got != want {
			t.Errorf("%s: %q, bleve's path %q", k, got, want)
		}
	}
	for k := range a {
		if _, ok := b[k]; !ok {
			t.Errorf("%s: only in razem's index", k)
		}
	}
}

// writeBleveThroughMapping is the reference: bleve.NewBuilder with the
// index mapping, each analysed field written as its terms, space-separated.
func (c *Corpus) writeBleveThroughMapping(dir string) error {
	m, err := indexMapping()
	if err != nil {
		return err
	}
	os.MkdirAll(dir, 0o755)
	b, err := bleve.NewBuilder(dir, m, map[string]interface{}{"buildPathPrefix": dir, "batchSize": builderBatch})
	if err != nil {
		return err
	}
	for i := range c.c.entries {
		e, d := &c.c.entries[i], &c.c.docs[i]
		doc := map[string]interface{}{"text": e.Body, "type": e.Type, "tags": e.Tags}
		for f := range fields {
			var buf []byte
			for id, tf := range d.field(f).all() {
				for n := tf; n > 0; n-- {
					if len(buf) > 0 {
						buf = append(buf, ' ')
					}
					buf = append(buf, c.c.terms.names[id]...)
				}
			}
			doc[fields[f].name] = string(buf)
		}
		if err := b.Index(e.id(), doc); err != nil {
			return err
		}
	}
	return b.Close()
}

// dumpIndex lists every posting of an index as "field term section" →
// "freq norm", and every section's stored text.
func dumpIndex(t *testing.T, dir string) map[string]string {
	idx, err := bleve.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer idx.Close()
	ai, err := idx.Advanced()
	if err != nil {
		t.Fatal(err)
	}
	r, err := ai.Reader()
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	out := map[string]string{}
	for _, field := range []string{"title", "heading", "body", "type", "tags", "text"} {
		dict, err := r.FieldDict(field)
		if err != nil {
			t.Fatal(err)
		}
		for {
			de, err := dict.Next()
			if err != nil {
				t.Fatal(err)
			}
			if de == nil {
				break
			}
			tfr, err := r.TermFieldReader(context.Background(), []byte(de.Term), field, true, true, false)
			if err != nil {
				t.Fatal(err)
			}
			for {
				p, err := tfr.Next(&index.TermFieldDoc{})
				if err != nil {
					t.Fatal(err)
				}
				if p == nil {
					break
				}
				id, err := r.ExternalID(p.ID)
				if err != nil {
					t.Fatal(err)
				}
				out[fmt.Sprintf("%s %q %s", field, de.Term, id)] = fmt.Sprintf("%d %g", p.Freq, p.Norm)
			}
			tfr.Close()
		}
		dict.Close()
	}
	q := bleve.NewSearchRequestOptions(bleve.NewMatchAllQuery(), 100000, 0, false)
	res, err := idx.Search(q)
	if err != nil {
		t.Fatal(err)
	}
	for _, h := range res.Hits {
		doc, err := idx.Document(h.ID)
		if err != nil {
			t.Fatal(err)
		}
		doc.VisitFields(func(f index.Field) {
			if f.Name() != "_id" { // a document read back holds its stored fields only
				out[fmt.Sprintf("stored %s %s", f.Name(), h.ID)] = string(f.Value())
			}
		})
	}
	return out
}
