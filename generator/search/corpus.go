package search

import (
	"encoding/binary"
	"iter"
	"runtime"
	"slices"
	"sync"

	"github.com/razem/razem/generator/analysis"
)

// field is one analysed text field of a section.
type field struct {
	name  string
	boost float64 // relative to body; see doc.go, "Scoring"
}

// fields are the text fields in the order both indexes use. Title and
// heading outweigh body: a page about koalicje should come before a page
// that mentions them.
var fields = [3]field{{"title", 3}, {"heading", 2}, {"body", 1}}

func (e *entry) text(f int) string {
	switch f {
	case 0:
		return e.Title
	case 1:
		return e.Heading
	}
	return e.Body
}

// fieldTerms is the analysis of one field of one section: each term with its
// frequency, in no particular order, and the field length as bleve counts it (one
// per term token, so a word with two terms counts twice). The terms are
// (number in the corpus's termTable, frequency) pairs as varints, read
// with all: a 10,000-page site has nine million of them, 3 bytes each
// where a struct took 8.
type fieldTerms struct {
	enc    []byte
	length int
}

// all yields each term's number and frequency.
func (ft fieldTerms) all() iter.Seq2[uint32, int32] {
	return func(yield func(uint32, int32) bool) {
		for b := ft.enc; len(b) > 0; {
			id, n := binary.Uvarint(b)
			tf, m := binary.Uvarint(b[n:])
			b = b[n+m:]
			if !yield(uint32(id), int32(tf)) {
				return
			}
		}
	}
}

// count is the number of terms of the field.
func (ft fieldTerms) count() int {
	n := 0
	for _, c := range ft.enc {
		if c < 0x80 { // the last byte of a varint
			n++
		}
	}
	return n / 2
}

// termTable numbers the corpus's terms. Workers analysing side by side
// share it; each keeps a map of the terms it has numbered already, so the
// lock is taken once per distinct term and worker. Numbers depend on
// scheduling: they are only ever used to find a term, never to order.
type termTable struct {
	mu    sync.Mutex
	ids   map[string]uint32
	names []string
}

func newTermTable() *termTable { return &termTable{ids: map[string]uint32{}} }

// interner returns a function numbering terms for one worker.
func (t *termTable) interner() func(string) uint32 {
	seen := map[string]uint32{}
	return func(term string) uint32 {
		if id, ok := seen[term]; ok {
			return id
		}
		t.mu.Lock()
		id, ok := t.ids[term]
		if !ok {
			id = uint32(len(t.names))
			t.ids[term] = id
			t.names = append(t.names, term)
		}
		t.mu.Unlock()
		seen[term] = id
		return id
	}
}

// bytes returns every term as bytes, by number, in one allocation: bleve
// takes a field's terms as []byte, and converting each term of each
// section again cost 0.5 s at 10,000 pages.
func (t *termTable) bytes() [][]byte {
	n := 0
	for _, name := range t.names {
		n += len(name)
	}
	buf := make([]byte, 0, n)
	out := make([][]byte, len(t.names))
	for i, name := range t.names {
		buf = append(buf, name...)
		out[i] = buf[len(buf)-len(name) : len(buf) : len(buf)]
	}
	return out
}

// lookup returns a term's number, if the corpus has the term.
func (t *termTable) lookup(term string) (uint32, bool) {
	id, ok := t.ids[term]
	return id, ok
}

// analysed is one section after analysis: its fields' terms in one
// allocation (fieldTerms.enc of each field, one after the other).
type analysed struct {
	enc    []byte
	end    [len(fields)]uint32 // where each field's terms end in enc
	length [len(fields)]int32  // each field's length
}

// field is the analysis of field f.
func (a *analysed) field(f int) fieldTerms {
	start := uint32(0)
	if f > 0 {
		start = a.end[f-1]
	}
	return fieldTerms{enc: a.enc[start:a.end[f]:a.end[f]], length: int(a.length[f])}
}

// corpus is the analysed input of both index builders.
type corpus struct {
	entries []entry
	docs    []analysed
	terms   *termTable
	lex     lexicon
	langs   corpusLangs
	set     *analysis.Set
	// termBytes is terms.bytes, made once when bleve first needs it.
	termBytes func() [][]byte
	texts     textRelease
}

// textRelease lets the bleve writer drop each section's text once it has
// indexed it, after the static index has read them all (Corpus.DropTexts):
// at 10,000 pages the texts are 77 MB, held until the last part is written
// otherwise.
type textRelease struct {
	drop   bool          // DropTexts was called
	static chan struct{} // closed once the static index has read the texts
	once   sync.Once
}

func newTextRelease() textRelease { return textRelease{static: make(chan struct{})} }

// read says the static index has read every text.
func (t *textRelease) read() { t.once.Do(func() { close(t.static) }) }

// droppable reports whether the bleve writer may drop texts it has
// indexed.
func (t *textRelease) droppable() bool {
	if !t.drop {
		return false
	}
	select {
	case <-t.static:
		return true
	default:
		return false
	}
}

// corpusLangs are the languages of a corpus's pages.
type corpusLangs struct {
	codes []string // sorted; at least one
	page  []uint8  // page → index in codes
	def   int      // index in codes of the language most pages are in
}

// languagesOf finds each page's language (analysis.Code of Doc.Lang: an
// empty Lang is Polish) and the corpus's default language, the one a query
// that names no language is read in: the language of the most pages,
// analysis.Default on a tie.
func languagesOf(entries []entry) corpusLangs {
	count := map[string]int{}
	var pages []string
	for i := range entries {
		if i == 0 || entries[i].page != entries[i-1].page {
			code := analysis.Code(entries[i].Lang)
			pages = append(pages, code)
			count[code]++
		}
	}
	if len(count) == 0 {
		count[analysis.Default] = 0
	}
	var l corpusLangs
	for code := range count {
		l.codes = append(l.codes, code)
	}
	sortStrings(l.codes) // sort for determinism
	index := map[string]uint8{}
	for i, code := range l.codes {
		index[code] = uint8(i)
		if best := l.codes[l.def]; count[code] > count[best] || count[code] == count[best] && code == analysis.Default {
			l.def = i
		}
	}
	l.page = make([]uint8, len(pages))
	for p, code := range pages {
		l.page[p] = index[code]
	}
	return l
}

// find returns the index of a language in codes, or the default's when the
// corpus has no page in it.
func (l *corpusLangs) find(lang string) int {
	code := analysis.Code(lang)
	for i, c := range l.codes {
		if c == code {
			return i
		}
	}
	return l.def
}

// analyse runs each page's language analysis over its sections, on all
// cores; the result is in entry order, so the output does not depend on
// scheduling.
func analyse(entries []entry, set *analysis.Set) (*corpus, error) {
	langs := languagesOf(entries)
	an := make([]analysis.Analyzer, len(langs.codes))
	for i, code := range langs.codes {
		var err error
		if an[i], err = set.For(code); err != nil {
			return nil, err
		}
	}
	docs := make([]analysed, len(entries))
	workers := min(runtime.GOMAXPROCS(0), max(1, len(entries)))
	// Each worker collects the spellings it sees in its own map; the maps
	// are merged afterwards, and the merge (a union, then sorting) does not
	// depend on which worker saw what.
	forms := make([]map[string][]string, workers)
	terms := newTermTable()
	var wg sync.WaitGroup
	next := make(chan int, 64)
	for w := 0; w < workers; w++ {
		forms[w] = map[string][]string{}
		wg.Add(1)
		go func(forms map[string][]string) {
			defer wg.Done()
			intern := terms.interner()
			var scratch analyseScratch
			for i := range next {
				docs[i] = analyseOne(&entries[i], an[langs.page[entries[i].page]], forms, intern, &scratch)
			}
		}(forms[w])
	}
	for i := range entries {
		next <- i
	}
	close(next)
	wg.Wait()
	return &corpus{entries: entries, docs: docs, terms: terms, lex: buildLexicon(entries, docs, terms, forms, an), langs: langs, set: set,
		termBytes: sync.OnceValue(terms.bytes), texts: newTextRelease()}, nil
}

// analyseScratch is what a worker reuses from one section to the next: a
// map per field (a new one per field and section was 480,000 maps at
// 10,000 pages) and the encoding buffer.
type analyseScratch struct {
	freq [len(fields)]map[string]int32
	enc  []byte
}

// maxReusedMap is the size above which a field's map is not reused:
// clearing a map costs its capacity, and one long section would make
// every later field pay for it.
const maxReusedMap = 512

// analyseOne analyses a section's fields.
func analyseOne(e *entry, a analysis.Analyzer, forms map[string][]string, intern func(string) uint32, sc *analyseScratch) analysed {
	var out analysed
	enc := sc.enc[:0]
	for f := range fields {
		toks := a.Tokens(e.text(f))
		freq := sc.freq[f]
		if freq == nil || len(freq) > maxReusedMap {
			freq = make(map[string]int32, min(max(len(toks), 16), maxReusedMap))
			sc.freq[f] = freq
		} else {
			clear(freq)
		}
		length := 0
		for _, t := range toks {
			for _, term := range t.Terms {
				freq[term]++
			}
			length += len(t.Terms)
			// Most tokens repeat a spelling already seen with the same
			// terms: look it up once and store only what changed.
			if old, ok := forms[t.Fold]; !ok {
				forms[t.Fold] = t.Terms
			} else if u := union(old, t.Terms); len(u) != len(old) {
				forms[t.Fold] = u
			}
		}
		// In map order: no reader of the terms depends on their order (each
		// adds its term's frequency to something of the term's own).
		for term, n := range freq {
			enc = binary.AppendUvarint(enc, uint64(intern(term)))
			enc = binary.AppendUvarint(enc, uint64(n))
		}
		out.end[f], out.length[f] = uint32(len(enc)), int32(length)
	}
	out.enc = slices.Clone(enc)
	sc.enc = enc
	return out
}

// union returns the terms of a and b without repeats. The analyzer shares
// one slice per word, so the common case (same word again) is free and
// neither input is ever modified.
func union(a, b []string) []string {
	if a == nil {
		return b
	}
	var extra []string
	for _, t := range b {
		if !slices.Contains(a, t) {
			extra = append(extra, t)
		}
	}
	if extra == nil {
		return a
	}
	return append(slices.Clip(a), extra...)
}
