package search

import (
	"fmt"
	"path/filepath"
	"sync"
	"testing"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/index/scorch"
)

func (c *Corpus) writeBleveBatches(dir string, workers, size int) error {
	m, err := indexMapping()
	if err != nil {
		return err
	}
	idx, err := bleve.NewUsing(dir, m, scorch.Name, scorch.Name, map[string]interface{}{"unsafe_batch": true})
	if err != nil {
		return err
	}
	var wg sync.WaitGroup
	errs := make([]error, workers)
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			var buf []byte
			for start := w * size; start < len(c.c.entries); start += workers * size {
				b := idx.NewBatch()
				for i := start; i < min(start+size, len(c.c.entries)); i++ {
					e, d := &c.c.entries[i], &c.c.docs[i]
					doc := map[string]interface{}{"text": e.Body, "type": e.Type, "tags": e.Tags}
					for f := range fields {
						buf = termsField(buf[:0], &d.fields[f])
						doc[fields[f].name] = string(buf)
					}
					if err := b.Index(e.id, doc); err != nil {
						errs[w] = err
						return
					}
				}
				if err := idx.Batch(b); err != nil {
					errs[w] = err
					return
				}
			}
		}(w)
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return idx.Close()
}

func BenchmarkZZBatch(b *testing.B) {
	a := analyzer(b)
	docs := docsFor(b, 1000)
	c, _ := NewCorpus(docs, a)
	for _, cfg := range [][2]int{{1, 1000}, {2, 1000}, {2, 4000}} {
		b.Run(fmt.Sprintf("w%d-s%d", cfg[0], cfg[1]), func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				dir := filepath.Join(b.TempDir(), "x")
				if err := c.writeBleveBatches(dir, cfg[0], cfg[1]); err != nil {
					b.Fatal(err)
				}
				writeCatalog(filepath.Join(dir, catalogFile), c.c)
				ix, err := Open(dir)
				if err != nil {
					b.Fatal(err)
				}
				n, _ := ix.idx.DocCount()
				ix.Close()
				b.ReportMetric(float64(n), "docs")
			}
		})
	}
	b.Run("builder", func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			if err := c.WriteIndex(filepath.Join(b.TempDir(), "x")); err != nil {
				b.Fatal(err)
			}
		}
	})
}
