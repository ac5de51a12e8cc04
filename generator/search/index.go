package search

import (
	"bufio"
	"encoding/gob"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"sync"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis/analyzer/custom"
	"github.com/blevesearch/bleve/v2/analysis/analyzer/keyword"
	"github.com/blevesearch/bleve/v2/analysis/tokenizer/whitespace"
	"github.com/blevesearch/bleve/v2/document"
	"github.com/blevesearch/bleve/v2/index/scorch"
	"github.com/blevesearch/bleve/v2/mapping"
	"github.com/blevesearch/bleve/v2/util"
	index "github.com/blevesearch/bleve_index_api"

	"github.com/razem/razem/generator/analysis"
	"github.com/razem/razem/generator/polish"
)

// Corpus is a set of sections analysed once for both indexes. Use it when
// writing both; WriteIndex and WriteStatic are shorthands that analyse
// their input themselves.
type Corpus struct {
	c        *corpus
	partSize int // sections per bleve part; 0 means partSize (tests set less)
}

// NewCorpus validates docs and analyses each in its language, on all
// cores: Polish with a (nil loads one), other languages with the
// analyzers of package analysis, built for the languages docs have. The
// corpus keeps docs: they must not change after.
func NewCorpus(docs []Doc, a *polish.Analyzer) (*Corpus, error) {
	entries, err := prepare(docs)
	if err != nil {
		return nil, err
	}
	c, err := analyse(entries, analysis.NewSet(a))
	if err != nil {
		return nil, err
	}
	return &Corpus{c: c}, nil
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
// once at the end. A large corpus is split into parts (see partSize), each
// a complete bleve index in dir/part-N, built in parallel; the catalog
// beside them says how many there are.
//
// The corpus has already been analysed on all cores, so bleve is handed
// each text field's terms and frequencies as they are (analysedField):
// no mapping walk and no tokenizer. The stored mapping still declares
// those fields with a whitespace analyzer built into bleve, so any bleve
// client opens the index with no custom registration, and a query of
// index terms separated by spaces analyses as the fields were indexed.
func (c *Corpus) WriteIndex(dir string) error {
	if err := checkEmptyDir(dir); err != nil {
		return err
	}
	size := c.partSize
	if size == 0 {
		size = partSize
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("search: %w", err)
	}
	bounds := partBounds(len(c.c.entries), size)
	errs := make([]error, len(bounds)-1)
	sem := make(chan struct{}, runtime.GOMAXPROCS(0))
	var wg sync.WaitGroup
	// The catalog is written beside the parts, not after them: it needs
	// only the corpus, and alone at the end it kept one core idle.
	var catErr error
	wg.Go(func() { catErr = writeCatalog(filepath.Join(dir, catalogFile), c.c, len(errs), catalogChunkLen) })
	for i := range errs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			sem <- struct{}{}
			defer func() { <-sem }()
			errs[i] = c.writeBleve(partDir(dir, i), bounds[i], bounds[i+1])
		}()
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		return fmt.Errorf("search: write index %s: %w", dir, err)
	}
	return catErr
}

// partSize is the number of sections per bleve index part. bleve's Builder
// runs in one goroutine; parts are built side by side, one per core, and
// Search reads them as one index. Small sites have one part. The number
// depends on the corpus alone, not on the machine, so any machine builds
// the same layout.
const partSize = 40000

// partBounds splits n sections into contiguous parts of about equal size:
// part i holds entries [b[i], b[i+1]).
func partBounds(n, size int) []int {
	parts := min(max(1, (n+size-1)/size), 8)
	b := make([]int, parts+1)
	for i := range b {
		b[i] = n * i / parts
	}
	return b
}

func partDir(dir string, i int) string { return filepath.Join(dir, fmt.Sprintf("part-%d", i)) }

// writeBleve writes entries [lo, hi) as one bleve index in dir.
func (c *Corpus) writeBleve(dir string, lo, hi int) error {
	m, err := indexMapping()
	if err != nil {
		return err
	}
	if lo == hi {
		// The Builder cannot finish without a segment; an ordinary empty
		// index opens the same way.
		idx, err := bleve.NewUsing(dir, m, scorch.Name, scorch.Name, nil)
		if err != nil {
			return err
		}
		return idx.Close()
	}
	b, err := newSegmentBuilder(dir, m, hi-lo)
	if err != nil {
		return err
	}
	termBytes := c.c.termBytes()
	kept := lo // sections before kept have had their text dropped
	for i := lo; i < hi; i++ {
		if err := b.Index(c.document(i, termBytes)); err != nil {
			_ = b.Close()
			return err
		}
		// The document holds a copy of the text (the stored field).
		if c.c.texts.droppable() {
			for ; kept <= i; kept++ {
				c.c.entries[kept].Body = ""
			}
		}
	}
	return b.Close()
}

// DropTexts lets the index writers drop each section's text once both
// have read it: the static index its fragments (StaticTo), then the bleve
// writer its stored field (WriteIndex). A build that writes each index
// once, side by side, calls it before either starts; the corpus can write
// neither again after, and the documents it was made from lose their
// Body.
func (c *Corpus) DropTexts() { c.c.texts.drop = true }

// newSegmentBuilder is bleve.NewBuilder without its mapping step: it
// writes what bleve.NewBuilder writes (index_meta.json, the mapping
// stored inside the index) and returns scorch's offline Builder, which
// takes documents whose fields razem has already analysed.
func newSegmentBuilder(dir string, m mapping.IndexMapping, sections int) (*scorch.Builder, error) {
	mb, err := util.MarshalJSON(m)
	if err != nil {
		return nil, err
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	if err := os.WriteFile(filepath.Join(dir, "index_meta.json"), []byte(`{"storage":"scorch","index_type":"scorch"}`), 0o644); err != nil {
		return nil, err
	}
	return scorch.NewBuilder(map[string]interface{}{
		"path":     filepath.Join(dir, "store"),
		"internal": map[string][]byte{string(util.MappingInternalKey): mb},
		// Build segments next to the index, not in $TMPDIR: the final
		// segment is moved into place with os.Rename, which fails across
		// file systems.
		"buildPathPrefix": dir,
		"batchSize":       builderBatch,
		// Merge a part's segments in one pass, however large the part
		// (at most 8 parts: a part of a 100,000-page site has 200 segments):
		// with bleve's default of 10 at a time, 20 segments were merged
		// twice over.
		"mergeMax": (sections+builderBatch-1)/builderBatch + 1,
	})
}

// document is entry i as bleve indexes it, the fields indexMapping
// declares: title, heading and body as razem's analysis found them
// (analysedField), text stored, type and tags as keywords.
func (c *Corpus) document(i int, termBytes [][]byte) *document.Document {
	e, d := &c.c.entries[i], &c.c.docs[i]
	doc := document.NewDocument(e.id())
	for f := range fields {
		doc.AddField(&analysedField{name: fields[f].name, ft: d.field(f), names: c.c.terms.names, bytes: termBytes})
	}
	doc.AddField(document.NewTextFieldWithIndexingOptions("text", nil, []byte(e.Body), index.StoreField))
	doc.AddField(&keywordField{name: "type", value: e.Type})
	for j, tag := range e.Tags {
		doc.AddField(&keywordField{name: "tags", pos: []uint64{uint64(j)}, value: tag})
	}
	doc.SetIndexed()
	return doc
}

// analysedField is a text field whose terms and frequencies razem's
// analysis has already found. bleve's own path (a mapping walk, then a
// tokenizer over the terms written out as text) re-tokenised every
// section; handing bleve the frequencies saves that, about a third of
// the bleve index's CPU time, and indexes exactly the same terms,
// frequencies and lengths (TestAnalysedFieldsIndexAlike).
type analysedField struct {
	name   string
	ft     fieldTerms
	names  []string // the corpus's terms by number
	bytes  [][]byte // and as bytes (termTable.bytes), shared: bleve only reads them
	length int
	freqs  index.TokenFrequencies
}

func (f *analysedField) Name() string                                     { return f.name }
func (f *analysedField) ArrayPositions() []uint64                         { return nil }
func (f *analysedField) Options() index.FieldIndexingOptions              { return index.IndexField }
func (f *analysedField) Value() []byte                                    { return nil }
func (f *analysedField) NumPlainTextBytes() uint64                        { return 0 }
func (f *analysedField) EncodedFieldType() byte                           { return 't' }
func (f *analysedField) AnalyzedLength() int                              { return f.length }
func (f *analysedField) AnalyzedTokenFrequencies() index.TokenFrequencies { return f.freqs }
func (f *analysedField) Size() int                                        { return 64 + f.freqs.Size() }

func (f *analysedField) Analyze() {
	n := f.ft.count()
	f.freqs = make(index.TokenFrequencies, n)
	all := make([]index.TokenFreq, n) // one allocation for the field
	i := 0
	for id, freq := range f.ft.all() {
		tf := &all[i]
		i++
		tf.Term = f.bytes[id]
		tf.SetFrequency(int(freq))
		f.freqs[f.names[id]] = tf
	}
	f.length = f.ft.length
}

// keywordField is a keyword (the type, a tag) as bleve indexes a text
// field without an analyzer: the whole value, one token. Built directly
// it takes one map and one entry, where bleve's path made a token stream
// first (640,000 of these fields at 10,000 pages).
type keywordField struct {
	name  string
	pos   []uint64
	value string
	freqs index.TokenFrequencies
}

func (f *keywordField) Name() string                                     { return f.name }
func (f *keywordField) ArrayPositions() []uint64                         { return f.pos }
func (f *keywordField) Options() index.FieldIndexingOptions              { return index.IndexField }
func (f *keywordField) Value() []byte                                    { return []byte(f.value) }
func (f *keywordField) NumPlainTextBytes() uint64                        { return uint64(len(f.value)) }
func (f *keywordField) EncodedFieldType() byte                           { return 't' }
func (f *keywordField) AnalyzedLength() int                              { return 1 }
func (f *keywordField) AnalyzedTokenFrequencies() index.TokenFrequencies { return f.freqs }
func (f *keywordField) Size() int                                        { return 64 + f.freqs.Size() }

func (f *keywordField) Analyze() {
	tf := &index.TokenFreq{Term: []byte(f.value)}
	tf.SetFrequency(1)
	f.freqs = index.TokenFrequencies{f.value: tf}
}

// builderBatch is the number of sections per segment the Builder writes
// before merging. The Builder holds a batch's analysed fields until it
// writes the segment: 1,000 took 6 % less of bleve's CPU than 2,000 at
// 10,000 pages and 25 MB less memory (BenchmarkBuild, RAZEM_BENCH_CORPUS);
// 500 was no better.
const builderBatch = 1000

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

// termsAnalyzer is the analyzer of the title, heading and body fields,
// which hold pre-analysed terms (see WriteIndex).
const termsAnalyzer = "razem_terms"

// indexMapping is the bleve mapping of a section: title, heading and body
// hold index terms (termsAnalyzer), text is the body as written, stored
// for snippets and not indexed; type and tags are keywords for filtering
// in other bleve clients (Search filters through the catalog). Nothing
// keeps term vectors or doc values: snippets are computed from the stored
// text, which is several times cheaper than bleve's highlighter and keeps
// the index small.
func indexMapping() (mapping.IndexMapping, error) {
	im := bleve.NewIndexMapping()
	err := im.AddCustomAnalyzer(termsAnalyzer, map[string]interface{}{
		"type":      custom.Name,
		"tokenizer": whitespace.Name,
	})
	if err != nil {
		return nil, err
	}
	text := func(analyzer string, index, store bool) *mapping.FieldMapping {
		fm := bleve.NewTextFieldMapping()
		fm.Analyzer = analyzer
		fm.Index = index
		fm.Store = store
		fm.IncludeTermVectors = false
		fm.IncludeInAll = false
		fm.DocValues = false
		return fm
	}
	dm := bleve.NewDocumentStaticMapping()
	for _, f := range fields {
		dm.AddFieldMappingsAt(f.name, text(termsAnalyzer, true, false))
	}
	dm.AddFieldMappingsAt("text", text(keyword.Name, false, true))
	dm.AddFieldMappingsAt("type", text(keyword.Name, true, false))
	dm.AddFieldMappingsAt("tags", text(keyword.Name, true, false))
	dm.AddSubDocumentMapping("_all", bleve.NewDocumentDisabledMapping())

	im.DefaultMapping = dm
	im.DefaultAnalyzer = keyword.Name
	im.IndexDynamic = false
	im.StoreDynamic = false
	im.DocValuesDynamic = false
	return im, im.Validate()
}

// catalog is what razem keeps beside the bleve index, as Open and Update
// use it: a table of sections.
type catalog struct {
	Version int
	Docs    []catalogDoc // in entry order
	Keys    []string     // lexicon keys, in keyLess order
	Terms   [][]string   // lexicon terms, per key
	KeyDF   []int32      // pages having a term of each key
	Parts   int          // bleve indexes in part-0…, holding Docs in order
	Default string       // the language of queries that name none
}

// catalogDoc is a section. Title, Type, Tags and Lang are its page's: on
// disk they are written once per page (catalogDisk), and read back shared.
type catalogDoc struct {
	ID, Title, Heading, Type string
	Tags                     []string
	Page                     int
	Lang                     string // analysis.Code of the page's language
}

const catalogVersion = 6

// The catalog on disk is a gob stream: a catalogHead, then catalogChunks
// until the head's counts are reached. What a page's sections share is
// written once per page (writing each section's copies took 0.9 s of a
// 10,000-page build, and the file was 30 MB). gob encodes a value whole
// before writing it: one value for the catalog was a 30 MB buffer at
// 10,000 pages, while chunks of catalogChunkLen items take a few hundred
// kilobytes.
type catalogHead struct {
	Version                 int
	Pages, Sections, KeyLen int
	Parts                   int
	Default                 string
}

// catalogChunk is the next items of each list; a list that is complete
// is empty.
type catalogChunk struct {
	Pages    []catalogPage
	Sections []catalogSection // in entry order
	Keys     []string
	Terms    [][]string
	KeyDF    []int32
}

const catalogChunkLen = 4096

type catalogPage struct {
	URL, Title, Type, Lang string
	Tags                   []string
}

type catalogSection struct {
	Anchor, Heading string
	Page            int32 // index in the pages; sections are in page order
}

// writeCatalog writes the catalog of c, chunk items of each list at a time
// (catalogChunkLen).
func writeCatalog(path string, c *corpus, parts, chunk int) error {
	f, err := os.Create(path)
	if err != nil {
		return fmt.Errorf("search: %w", err)
	}
	w := bufio.NewWriterSize(f, 1<<16)
	enc := gob.NewEncoder(w)
	pages := len(c.langs.page)
	err = enc.Encode(&catalogHead{Version: catalogVersion, Pages: pages, Sections: len(c.entries), KeyLen: len(c.lex.keys),
		Parts: parts, Default: c.langs.codes[c.langs.def]})
	var ch catalogChunk
	page, sec, key := 0, 0, 0
	for err == nil && (page < pages || sec < len(c.entries) || key < len(c.lex.keys)) {
		ch = catalogChunk{Pages: ch.Pages[:0], Sections: ch.Sections[:0]}
		for ; sec < len(c.entries) && len(ch.Sections) < chunk; sec++ {
			e := &c.entries[sec]
			if e.page == page {
				ch.Pages = append(ch.Pages, catalogPage{URL: e.URL, Title: e.Title, Type: e.Type, Tags: e.Tags,
					Lang: c.langs.codes[c.langs.page[e.page]]})
				page++
			}
			ch.Sections = append(ch.Sections, catalogSection{Anchor: e.Anchor, Heading: e.Heading, Page: int32(e.page)})
		}
		n := min(len(c.lex.keys)-key, chunk)
		ch.Keys, ch.Terms, ch.KeyDF = c.lex.keys[key:key+n], c.lex.terms[key:key+n], c.lex.df[key:key+n]
		key += n
		err = enc.Encode(&ch)
	}
	if err == nil {
		err = w.Flush()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("search: write catalog: %w", err)
	}
	return nil
}

func readCatalog(path string) (*catalog, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	dec := gob.NewDecoder(bufio.NewReaderSize(f, 1<<16))
	var head catalogHead
	if err := dec.Decode(&head); err != nil {
		return nil, fmt.Errorf("decode %s: %w", path, err)
	}
	if head.Version != catalogVersion {
		return nil, fmt.Errorf("%s: version %d, want %d (rebuild the site)", path, head.Version, catalogVersion)
	}
	if head.Pages < 0 || head.Sections < head.Pages || head.KeyLen < 0 {
		return nil, fmt.Errorf("%s: %d pages, %d sections, %d keys (rebuild the site)", path, head.Pages, head.Sections, head.KeyLen)
	}
	// The counts size nothing before the chunks have delivered the items:
	// a damaged head must not make a huge allocation.
	cat := &catalog{Version: head.Version, Parts: head.Parts, Default: head.Default}
	var pages []catalogPage
	for len(pages) < head.Pages || len(cat.Docs) < head.Sections || len(cat.Keys) < head.KeyLen {
		var ch catalogChunk
		if err := dec.Decode(&ch); err != nil {
			return nil, fmt.Errorf("decode %s: %w", path, err)
		}
		if len(ch.Keys) != len(ch.Terms) || len(ch.Keys) != len(ch.KeyDF) {
			return nil, fmt.Errorf("%s: %d keys with %d term lists and %d counts (rebuild the site)", path, len(ch.Keys), len(ch.Terms), len(ch.KeyDF))
		}
		pages = append(pages, ch.Pages...)
		cat.Keys, cat.Terms, cat.KeyDF = append(cat.Keys, ch.Keys...), append(cat.Terms, ch.Terms...), append(cat.KeyDF, ch.KeyDF...)
		for _, sec := range ch.Sections {
			i := len(cat.Docs)
			if sec.Page < 0 || int(sec.Page) >= len(pages) || i > 0 && int(sec.Page) < cat.Docs[i-1].Page {
				return nil, fmt.Errorf("%s: section %d: page %d out of order (rebuild the site)", path, i, sec.Page)
			}
			p := &pages[sec.Page]
			cat.Docs = append(cat.Docs, catalogDoc{ID: docID(p.URL, sec.Anchor), Title: p.Title, Heading: sec.Heading, Type: p.Type, Tags: p.Tags,
				Page: int(sec.Page), Lang: p.Lang})
		}
		if len(pages) > head.Pages || len(cat.Docs) > head.Sections || len(cat.Keys) > head.KeyLen {
			return nil, fmt.Errorf("%s: more items than its head counts (rebuild the site)", path)
		}
	}
	return cat, nil
}
