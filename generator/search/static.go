package search

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"sort"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/razem/razem/generator/analysis"
	"github.com/razem/razem/generator/polish"
)

// Static index layout, relative to the search directory (public/search/).
// Every file is a classic script that hands its data to a global callback,
// because from file:// browsers block fetch() and module import() of local
// files but still run <script src>. See doc.go, "Static index".
const (
	staticGlobal  = "window.__razemSearch"
	staticVersion = 6
	// lexChunkSize is the raw size of a lexicon chunk: a query word loads
	// the chunks holding its spelling and the spellings it starts, so they
	// are small (about 4 KB gzipped).
	lexChunkSize = 12 << 10
	// postChunkSize is the raw size of a page-list chunk (about 10 KB
	// gzipped). A term whose list is larger gets a chunk of its own, so
	// that its neighbours are not downloaded with it.
	postChunkSize = 24 << 10
	// fragmentSections is the number of sections per fragment file. A hit
	// loads the fragment of its best section: a page's sections in one file
	// made a cold query fetch ten whole pages of text (25 KB of its 38 KB
	// gzipped, 1,000 pages); four sections are about a quarter of that.
	fragmentSections = 4
)

// WriteStatic returns the static index of docs: file name (relative to the
// search directory, with forward slashes) → contents. See Corpus.Static.
func WriteStatic(docs []Doc, a *polish.Analyzer) (map[string][]byte, error) {
	c, err := NewCorpus(docs, a)
	if err != nil {
		return nil, err
	}
	return c.Static()
}

// Static returns the static index: meta.js, the lexicon chunks l/N.js, the
// page-list chunks p/N.js, the fragments f/P.js and f/P-G.js (display data
// and the text of a page's sections, four at a time, for snippets) and one
// file t/N.js per tag. The output is byte-identical for identical input.
func (c *Corpus) Static() (map[string][]byte, error) {
	files := map[string][]byte{}
	err := c.StaticTo(func(name string, data []byte) error {
		files[name] = data
		return nil
	})
	return files, err
}

// StaticTo is Static handing each file to emit as soon as it is made, so
// a build writing to disk need not hold the whole index (100 MB at 10,000
// pages) in memory. emit is called from one goroutine.
func (c *Corpus) StaticTo(emit func(name string, data []byte) error) error {
	s := &staticBuilder{c: c.c}
	s.emit = func(name string, data []byte) {
		if err := emit(name, data); err != nil && s.err == nil {
			s.err = err
		}
	}
	return s.build()
}

// build writes the files that need the sections' text first (the fold
// table and the fragments), so that with Corpus.DropTexts the bleve
// writer may drop each text once it has indexed it.
func (s *staticBuilder) build() error {
	s.paginate()
	langs, err := s.langs()
	if err != nil {
		return err
	}
	fold := s.foldTable(langs)
	s.fragments()
	if s.err == nil {
		s.c.texts.read()
	}
	s.pageLists()
	lex := s.lexiconChunks()
	post := s.postingChunks()
	if err := s.meta(lex, post, langs, fold); err != nil {
		return err
	}
	s.tags()
	return s.err
}

type staticBuilder struct {
	c     *corpus
	emit  func(name string, data []byte)
	err   error        // the first error emit returned
	first []int        // page → its first entry
	lists []packedList // term number → its pages
}

// paginate finds each page's first entry (entries come in page order).
func (s *staticBuilder) paginate() {
	for i, e := range s.c.entries {
		if i == 0 || e.page != s.c.entries[i-1].page {
			s.first = append(s.first, i)
		}
	}
}

// pageLists computes every term's page list from the analysed corpus, with
// the numbers the server computes from bleve's postings: per field the
// number of sections with the term (idf), sqrt(tf)·norm per section, then
// sectionScore and the best section per page.
func (s *staticBuilder) pageLists() {
	names := s.c.terms.names
	df := make([][len(fields)]int32, len(names)) // sections with the term, per field
	for d := range s.c.docs {
		for f := range fields {
			for id := range s.c.docs[d].field(f).all() {
				df[id][f]++
			}
		}
	}
	sections := len(s.c.entries)
	idf := make([][len(fields)]float64, len(names)) // each term's, once rather than per section
	for t := range df {
		for f, n := range df[t] {
			idf[t][f] = idfOf(sections, int(n))
		}
	}
	s.lists = make([]packedList, len(names))
	// A section's terms with their weights per field, in the order first
	// met; slot[t] is 1 + term t's place in ws (0: not in this section).
	// One slice for every section, where a map and a [3]float64 per term
	// and section made 24 million allocations at 10,000 pages.
	type termWeights struct {
		id uint32
		w  [len(fields)]float64
	}
	var ws []termWeights
	slot := make([]int32, len(names))
	for d := range s.c.docs {
		for _, x := range ws {
			slot[x.id] = 0
		}
		ws = ws[:0]
		for f := range fields {
			ft := s.c.docs[d].field(f)
			norm := normOf(ft.length)
			for id, tf := range ft.all() {
				k := slot[id]
				if k == 0 {
					ws = append(ws, termWeights{id: id})
					k = int32(len(ws))
					slot[id] = k
				}
				ws[k-1].w[f] = math.Sqrt(float64(tf)) * norm
			}
		}
		page := s.c.entries[d].page
		for i := range ws {
			t := ws[i].id
			s.lists[t].add(entryOf(int32(page), d-s.first[page], &ws[i].w, &idf[t]))
		}
	}
}

// chunker cuts sorted entries into script files of about size bytes,
// and returns the first key of each file.
type chunker struct {
	s      *staticBuilder
	dir    string // "l" or "p"
	call   string // the callback: "lex" or "post"
	size   int
	firsts []string
	buf    bytes.Buffer
}

func (c *chunker) add(key string, entry []byte) {
	if c.buf.Len() >= c.size || c.buf.Len() > 0 && len(entry) >= c.size {
		c.flush()
	}
	if c.buf.Len() == 0 {
		c.firsts = append(c.firsts, key)
	} else {
		c.buf.WriteByte(',')
	}
	c.buf.Write(entry)
}

func (c *chunker) flush() {
	if c.buf.Len() == 0 {
		return
	}
	n := len(c.firsts) - 1
	c.s.emit(fmt.Sprintf("%s/%d.js", c.dir, n), wrap(fmt.Sprintf("%s(%d,[", c.call, n), c.buf.Bytes(), "])"))
	c.buf.Reset()
}

// lexiconChunks writes l/N.js: the lexicon in key order, each spelling as
// [key, pages, [terms]], and returns the first key of each chunk.
func (s *staticBuilder) lexiconChunks() []string {
	c := chunker{s: s, dir: "l", call: "lex", size: lexChunkSize}
	var e bytes.Buffer
	lex := &s.c.lex
	for i, k := range lex.keys {
		e.Reset()
		e.WriteByte('[')
		appendJSON(&e, k)
		e.WriteByte(',')
		e.WriteString(strconv.Itoa(int(lex.df[i])))
		e.WriteByte(',')
		appendJSON(&e, lex.terms[i])
		e.WriteByte(']')
		c.add(k, e.Bytes())
	}
	c.flush()
	return c.firsts
}

// postingChunks writes p/N.js: every term's page list as [term, list],
// the list a string of varints (see appendEntry): for each page the gap
// from the previous page, the impact, the best section's place and the
// mask of where the term is (sectionMask). Each list is released once
// written.
func (s *staticBuilder) postingChunks() []string {
	names := s.c.terms.names
	ids := make([]uint32, len(names))
	for i := range ids {
		ids[i] = uint32(i)
	}
	// Sorted for determinism, and for the client's binary search.
	sort.Slice(ids, func(i, j int) bool { return keyLess(names[ids[i]], names[ids[j]]) })
	c := chunker{s: s, dir: "p", call: "post", size: postChunkSize}
	var e []byte
	for _, id := range ids {
		e = e[:0]
		e = append(e, '[')
		e = appendJSONString(e, names[id])
		e = append(e, ',', '"')
		e = append(e, s.lists[id].bytes()...)
		s.lists[id] = packedList{}
		e = append(e, '"', ']')
		c.add(names[id], e)
	}
	c.flush()
	return c.firsts
}

// Varints: 5 bits a character, most significant first; every character
// but the last of a number is from varintMore. Numbers below 32 take one
// character, below 1024 two. Both alphabets are safe in a JSON string.
const (
	varintLast = "0123456789ABCDEFGHIJKLMNOPQRSTUV"
	varintMore = "WXYZabcdefghijklmnopqrstuvwxyz-_"
)

func appendVarint(b []byte, v uint32) []byte {
	var tmp [7]byte
	i := len(tmp) - 1
	tmp[i] = varintLast[v&31]
	for v >>= 5; v > 0; v >>= 5 {
		i--
		tmp[i] = varintMore[v&31]
	}
	return append(b, tmp[i:]...)
}

// staticMeta is meta.js: everything the client needs before its first
// chunk. Field names are short because every visitor downloads them.
type staticMeta struct {
	Version  int                   `json:"v"`
	Docs     int                   `json:"n"`                 // sections
	Types    []string              `json:"types"`             // type names
	DocTypes string                `json:"doctype"`           // per page, one character: index into types, in base 36
	Tags     []string              `json:"tags"`              // tag names; tag i's pages are in t/i.js
	Lex      []string              `json:"lx"`                // first key of each lexicon chunk
	Post     []string              `json:"px"`                // first term of each page-list chunk
	Langs    map[string]staticLang `json:"langs"`             // per language of the corpus: how its queries split
	Lang     string                `json:"lang"`              // the default language: queries in a language the site lacks read as it
	DocLangs string                `json:"doclang,omitempty"` // per page, its language's index in sorted langs, as varints; omitted for one language
	Fold     map[string]string     `json:"fold"`              // folding of every non-ASCII character of the corpus
	Plan     map[string]int        `json:"q"`                 // query word weights and limits (plan.go)
	Snippet  [2]int                `json:"snippet"`           // window bytes, bytes before the match
	MaxWords int                   `json:"maxWords"`
	FragSecs int                   `json:"fk"` // sections per fragment file
}

// staticLang is what the client needs to split a query in one language:
// its folded stop words and the steps from a lowercased word to its key.
type staticLang struct {
	Stop []string `json:"stop"`
	analysis.Rules
}

// langs returns the analysis of each language of the corpus for meta.js.
func (s *staticBuilder) langs() (map[string]staticLang, error) {
	out := map[string]staticLang{}
	for _, code := range s.c.langs.codes {
		a, err := s.c.set.For(code)
		if err != nil {
			return nil, err
		}
		out[code] = staticLang{Stop: a.StopWords(), Rules: a.Rules()}
	}
	return out, nil
}

func (s *staticBuilder) meta(lex, post []string, langs map[string]staticLang, fold map[string]string) error {
	m := staticMeta{
		Version: staticVersion, Docs: len(s.c.entries), Types: Types,
		Tags: s.tagNames(), Lex: lex, Post: post, Langs: langs, Fold: fold,
		Lang: s.c.langs.codes[s.c.langs.def],
		Plan: map[string]int{
			"exact": weightExact, "typing": weightTyping, "compound": weightCompound,
			"ending": weightEnding, "endingMin": endingMinLen, "endingDrop": maxEndingDrop,
			"typo1": weightTypo1, "typo2": weightTypo2,
			"typingMin": typingMinLen, "compoundMin": compoundMinLen, "completions": maxCompletions,
			"typoMin": typoMinLen, "typo2Min": typo2MinLen, "corrections": maxCorrections, "bucket": bucketLen,
		},
		Snippet:  [2]int{snippetLen, snippetBefore},
		MaxWords: MaxWords, FragSecs: fragmentSections,
	}
	if m.Lex == nil {
		m.Lex = []string{}
	}
	if m.Post == nil {
		m.Post = []string{}
	}
	var dt strings.Builder
	for _, f := range s.first {
		dt.WriteString(strconv.FormatInt(int64(typeIndex(s.c.entries[f].Type)), 36))
	}
	m.DocTypes = dt.String()
	if len(s.c.langs.codes) > 1 {
		var dl []byte
		for _, l := range s.c.langs.page {
			dl = appendVarint(dl, uint32(l))
		}
		m.DocLangs = string(dl)
	}
	b, err := json.Marshal(m) // map keys sorted by encoding/json: deterministic
	if err != nil {
		return fmt.Errorf("search: static meta: %w", err)
	}
	s.emit("meta.js", wrap("meta(", b, ")"))
	return nil
}

func typeIndex(t string) int {
	for i, k := range Types {
		if k == t {
			return i
		}
	}
	return 0
}

// foldTable maps every non-ASCII character of the corpus and of the stop
// words (lowercased, as the client sees it) to its folding by
// analysis.Fold. The client folds with NFD and mark stripping, which agrees
// with it on Polish letters except ł and differs on many others (ø, ß, й);
// shipping the table for the characters that occur makes both sides fold
// them alike.
func (s *staticBuilder) foldTable(langs map[string]staticLang) map[string]string {
	seen := map[rune]bool{}
	add := func(text string) {
		for i := 0; i < len(text); i++ {
			if text[i] < utf8.RuneSelf {
				continue // ASCII: most of the text, and folded as is
			}
			r, n := utf8.DecodeRuneInString(text[i:])
			seen[unicode.ToLower(r)] = true
			i += n - 1
		}
	}
	for i := range s.c.entries {
		e := &s.c.entries[i]
		add(e.Title)
		add(e.Heading)
		add(e.Body)
	}
	for _, l := range langs {
		for _, w := range l.Stop {
			add(w)
		}
	}
	out := make(map[string]string, len(seen))
	for r := range seen {
		if r >= utf8.RuneSelf {
			out[string(r)] = analysis.Fold(string(r))
		}
	}
	return out
}

// fragments writes the fragment files of every page P (pages numbered in
// URL order): what a hit on one of its sections shows,
// and the text its snippet is cut from. Sections go by fragmentSections:
// group G of page P is f/P.js for G = 0, f/P-G.js after, so a page of up
// to four sections has one file and the client finds a section's file from
// its number alone. Each file holds the page's URL and title, and its
// sections in order as [anchor, heading, body]. Section types are in
// meta.js.
//
//	page("P-G", {"u": URL, "t": title, "s": [[anchor, heading, body], ...]})
func (s *staticBuilder) fragments() {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false) // a script file, never parsed as HTML: keep <, >, & as they are
	str := func(v string) {
		enc.Encode(v)           // a string cannot fail
		b.Truncate(b.Len() - 1) // Encode's newline
	}
	for p, start := range s.first {
		end := len(s.c.entries)
		if p+1 < len(s.first) {
			end = s.first[p+1]
		}
		for lo := start; lo < end; lo += fragmentSections {
			key := fragmentKey(p, (lo-start)/fragmentSections)
			b.Reset()
			b.WriteString(`{"u":`)
			str(s.c.entries[start].URL)
			b.WriteString(`,"t":`)
			str(s.c.entries[start].Title)
			b.WriteString(`,"s":[`)
			for i := lo; i < min(end, lo+fragmentSections); i++ {
				e := &s.c.entries[i]
				if i > lo {
					b.WriteByte(',')
				}
				b.WriteByte('[')
				str(e.Anchor)
				b.WriteByte(',')
				str(e.Heading)
				b.WriteByte(',')
				str(e.Body)
				b.WriteByte(']')
			}
			b.WriteString("]}")
			s.emit("f/"+key+".js", wrap(`page("`+key+`",`, b.Bytes(), ")"))
		}
	}
}

// fragmentKey names group g of page p's sections: "P" or "P-G".
func fragmentKey(p, g int) string {
	if g == 0 {
		return strconv.Itoa(p)
	}
	return strconv.Itoa(p) + "-" + strconv.Itoa(g)
}

func (s *staticBuilder) tagNames() []string {
	seen := map[string]bool{}
	names := []string{}
	for _, e := range s.c.entries {
		for _, t := range e.Tags {
			if !seen[t] {
				seen[t] = true
				names = append(names, t)
			}
		}
	}
	sort.Strings(names)
	return names
}

// tags writes t/N.js: the pages carrying tag N, as a varint string of
// gaps between their numbers.
func (s *staticBuilder) tags() {
	pages := map[string][]int{}
	for p, f := range s.first {
		for _, t := range s.c.entries[f].Tags {
			if l := pages[t]; len(l) == 0 || l[len(l)-1] != p { // a tag listed twice
				pages[t] = append(l, p)
			}
		}
	}
	for i, name := range s.tagNames() {
		b := []byte{'"'}
		last := 0
		for _, p := range pages[name] {
			b = appendVarint(b, uint32(p-last))
			last = p
		}
		b = append(b, '"')
		s.emit(fmt.Sprintf("t/%d.js", i), wrap(fmt.Sprintf("tag(%d,", i), b, ")"))
	}
}

// wrap makes one static file: a call of the client's global callback.
func wrap(call string, data []byte, end string) []byte {
	out := make([]byte, 0, len(staticGlobal)+len(call)+len(data)+len(end)+3)
	out = append(out, staticGlobal...)
	out = append(out, '.')
	out = append(out, call...)
	out = append(out, data...)
	out = append(out, end...)
	return append(out, ";\n"...)
}

func appendJSON(b *bytes.Buffer, v any) {
	j, _ := json.Marshal(v) // strings and string slices cannot fail
	b.Write(j)
}

// appendJSONString appends s as a JSON string.
func appendJSONString(b []byte, s string) []byte {
	j, _ := json.Marshal(s) // a string cannot fail
	return append(b, j...)
}
