package search

import (
	"bytes"
	"encoding/gob"
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis/analyzer/keyword"
	"github.com/blevesearch/bleve/v2/index/scorch"
	"github.com/blevesearch/bleve/v2/mapping"

	"github.com/razem/razem/generator/polish"
)

// Corpus is a set of sections analysed once for both indexes. Use it when
// writing both; WriteIndex and WriteStatic are shorthands that analyse
// their input themselves.
type Corpus struct {
	c *corpus
	a *polish.Analyzer
}

// NewCorpus validates docs and analyses them with a, on all cores.
func NewCorpus(docs []Doc, a *polish.Analyzer) (*Corpus, error) {
	entries, err := prepare(docs)
	if err != nil {
		return nil, err
	}
	return &Corpus{c: analyse(entries, a), a: a}, nil
}

// Len returns the number of sections in the corpus.
func (c *Corpus) Len() int { return len(c.c.entries) }

// WriteIndex writes the prebuilt bleve index of docs into dir, which must
// not exist or be empty. See Corpus.WriteIndex.
func WriteIndex(dir string, docs []Doc, a *polish.Analyzer) error {
	c, err := NewCorpus(docs, a)
	if err != nil {
		return err
	}
	return c.WriteIndex(dir)
}

// catalogFile holds, beside bleve's own files, what Open needs besides
// bleve: the section table and the lexicon.
const catalogFile = "razem-catalog.gob"

// WriteIndex writes the prebuilt bleve index (scorch) into dir, which must
// not exist or be empty, with bleve's offline Builder: each section is
// indexed exactly once, under its URL#anchor, and the segments are merged
// once at the end.
func (c *Corpus) WriteIndex(dir string) error {
	if err := polish.RegisterBleve(c.a); err != nil {
		return fmt.Errorf("search: %w", err)
	}
	if err := checkEmptyDir(dir); err != nil {
		return err
	}
	if err := c.writeBleve(dir); err != nil {
		return fmt.Errorf("search: write index %s: %w", dir, err)
	}
	return writeCatalog(filepath.Join(dir, catalogFile), c.c)
}

func (c *Corpus) writeBleve(dir string) error {
	m := indexMapping()
	if len(c.c.entries) == 0 {
		// The Builder cannot finish without a segment; an ordinary empty
		// index opens the same way.
		idx, err := bleve.NewUsing(dir, m, scorch.Name, scorch.Name, nil)
		if err != nil {
			return err
		}
		return idx.Close()
	}
	b, err := bleve.NewBuilder(dir, m, map[string]interface{}{
		// Build segments next to the index, not in $TMPDIR: the final
		// segment is moved into place with os.Rename, which fails across
		// file systems.
		"buildPathPrefix": dir,
		"batchSize":       builderBatch,
	})
	if err != nil {
		return err
	}
	for i := range c.c.entries {
		e := &c.c.entries[i]
		doc := map[string]interface{}{
			"title": e.Title, "heading": e.Heading, "body": e.Body,
			"type": e.Type, "tags": e.Tags,
		}
		if err := b.Index(e.id, doc); err != nil {
			_ = b.Close()
			return err
		}
	}
	return b.Close()
}

// builderBatch is the number of sections per segment the Builder writes
// before merging; see BenchmarkWriteIndex.
const builderBatch = 2000

func checkEmptyDir(dir string) error {
	ents, err := os.ReadDir(dir)
	switch {
	case errors.Is(err, os.ErrNotExist):
		return nil
	case err != nil:
		return fmt.Errorf("search: %w", err)
	case len(ents) > 0:
		return fmt.Errorf("search: index directory %s is not empty", dir)
	}
	return nil
}

// indexMapping is the bleve mapping of a section. Text fields are analysed
// by polish.BleveAnalyzer. Only body is stored (Open takes everything else
// from the catalog; snippets need the body), and no field keeps term
// vectors: snippets are computed from the stored body, which is several
// times cheaper than bleve's highlighter and keeps the index small. type and
// tags are keyword fields for filtering in other bleve clients; Search
// filters through the catalog.
func indexMapping() mapping.IndexMapping {
	text := func(store bool) *mapping.FieldMapping {
		fm := bleve.NewTextFieldMapping()
		fm.Analyzer = polish.BleveAnalyzer
		fm.Store = store
		fm.IncludeTermVectors = false
		fm.IncludeInAll = false
		fm.DocValues = false
		return fm
	}
	kw := bleve.NewKeywordFieldMapping()
	kw.Store = false
	kw.IncludeInAll = false
	kw.IncludeTermVectors = false
	kw.DocValues = false

	dm := bleve.NewDocumentStaticMapping()
	for _, f := range fields {
		dm.AddFieldMappingsAt(f.name, text(f.name == "body"))
	}
	dm.AddFieldMappingsAt("type", kw)
	dm.AddFieldMappingsAt("tags", kw)
	dm.AddSubDocumentMapping("_all", bleve.NewDocumentDisabledMapping())

	im := bleve.NewIndexMapping()
	im.DefaultMapping = dm
	im.DefaultAnalyzer = keyword.Name
	im.IndexDynamic = false
	im.StoreDynamic = false
	im.DocValuesDynamic = false
	return im
}

// catalog is what razem keeps beside the bleve index.
type catalog struct {
	Version int
	Docs    []catalogDoc // in entry order
	Keys    []string     // lexicon keys, in keyLess order
	Terms   [][]string   // lexicon terms, per key
	Known   []string     // every indexed term, sorted
}

type catalogDoc struct {
	ID, Title, Heading, Type string
	Tags                     []string
	Page                     int
}

const catalogVersion = 1

func writeCatalog(path string, c *corpus) error {
	cat := catalog{Version: catalogVersion, Keys: c.lex.keys, Terms: c.lex.terms}
	for _, e := range c.entries {
		cat.Docs = append(cat.Docs, catalogDoc{ID: e.id, Title: e.Title, Heading: e.Heading, Type: e.Type, Tags: e.Tags, Page: e.page})
	}
	for t := range c.lex.known {
		cat.Known = append(cat.Known, t)
	}
	sortStrings(cat.Known) // sort for determinism
	var buf bytes.Buffer
	if err := gob.NewEncoder(&buf).Encode(&cat); err != nil {
		return fmt.Errorf("search: encode catalog: %w", err)
	}
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		return fmt.Errorf("search: %w", err)
	}
	return nil
}

func readCatalog(path string) (*catalog, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var cat catalog
	if err := gob.NewDecoder(bytes.NewReader(b)).Decode(&cat); err != nil {
		return nil, fmt.Errorf("decode %s: %w", path, err)
	}
	if cat.Version != catalogVersion {
		return nil, fmt.Errorf("%s: version %d, want %d (rebuild the site)", path, cat.Version, catalogVersion)
	}
	return &cat, nil
}
