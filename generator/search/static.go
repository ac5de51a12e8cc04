package search

import (
	"bytes"
	"encoding/json"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/razem/razem/generator/polish"
)

// Static index layout, relative to the search directory (public/search/).
// Every file is a classic script that hands its data to a global callback,
// because from file:// browsers block fetch() and module import() of local
// files but still run <script src>. See doc.go, "Static index".
const (
	staticGlobal    = "window.__razemSearch"
	staticVersion   = 4
	chunkTargetSize = 32 << 10 // raw bytes per chunk; about 10 KB gzipped
	// fragmentSections is the number of sections per fragment file. A hit
	// loads the fragment of its best section: a page's sections in one file
	// made a cold query fetch ten whole pages of text (25 KB of its 38 KB
	// gzipped, 1,000 pages); four sections are about a quarter of that.
	fragmentSections = 4
	// slotSections is the stride of static section numbers: page p's
	// sections are numbered from its first slot·64 on, so the client finds a
	// section's page and place by division, with no table of how many
	// sections each page has (7 KB of a 12 KB meta.js at 10,000 pages). A
	// page of more than 64 sections takes several slots (meta.wide).
	slotSections = 64
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

// Static returns the static index: meta.js, the key chunks s/N.js, the
// fragments f/P.js and f/P-G.js (display data and the text of a page's
// sections, four at a time, for snippets) and one file t/N.js per tag. The output is byte-identical for identical input.
func (c *Corpus) Static() (map[string][]byte, error) {
	s := staticBuilder{c: c.c, a: c.a, files: map[string][]byte{}}
	s.number()
	s.postings()
	keys := s.keys()
	firsts := s.chunks(keys)
	if err := s.meta(firsts); err != nil {
		return nil, err
	}
	s.fragments()
	s.tags()
	return s.files, nil
}

type staticBuilder struct {
	c     *corpus
	a     *polish.Analyzer
	files map[string][]byte
	post  map[string]*[3][]int32 // term → per field: docΔ, tf, field length, …
	sid   []int32                // entry → static section number (see slotSections)
	pages []int                  // page → number of sections
	wide  [][2]int               // pages of more than one slot: [page, slots]
}

// number gives every section its static number: the first slot of its
// page times slotSections, plus its place in the page.
func (s *staticBuilder) number() {
	s.sid = make([]int32, len(s.c.entries))
	slot := 0
	for i, e := range s.c.entries {
		if i == 0 || e.page != s.c.entries[i-1].page {
			if i > 0 {
				slot += (s.pages[len(s.pages)-1] + slotSections - 1) / slotSections
			}
			s.pages = append(s.pages, 0)
		}
		s.sid[i] = int32(slot*slotSections + s.pages[len(s.pages)-1])
		s.pages[len(s.pages)-1]++
	}
	for p, n := range s.pages {
		if k := (n + slotSections - 1) / slotSections; k > 1 {
			s.wide = append(s.wide, [2]int{p, k})
		}
	}
}

// postings collects, per term and field, every section containing it, in
// section order, as (gap from the previous section's number, term
// frequency, field length): what the client needs to compute bleve's
// tf-idf score. Title postings are per page instead, as (gap from the
// previous page, tf, length, sections of the page): every section of a
// page carries the page title, so a word in many titles would otherwise be
// listed once per section; the client expands them.
func (s *staticBuilder) postings() {
	s.post = map[string]*[3][]int32{}
	last := map[string]*[3]int32{}
	add := func(term string, f int, at int32, vals ...int32) {
		p := s.post[term]
		if p == nil {
			p, last[term] = new([3][]int32), new([3]int32)
			s.post[term] = p
		}
		p[f] = append(p[f], at-last[term][f])
		p[f] = append(p[f], vals...)
		last[term][f] = at
	}
	for d := range s.c.docs {
		e := &s.c.entries[d]
		for f := range fields {
			if f == 0 && d > 0 && s.c.entries[d-1].page == e.page {
				continue // the page's title is listed with its first section
			}
			ft := &s.c.docs[d].fields[f]
			for _, t := range ft.terms {
				if f == 0 {
					add(t.term, f, int32(e.page), t.tf, int32(ft.length), int32(s.pages[e.page]))
				} else {
					add(t.term, f, s.sid[d], t.tf, int32(ft.length))
				}
			}
		}
	}
}

// keys returns the key space: every lexicon key and every term, in
// keyLess order.
func (s *staticBuilder) keys() []string {
	seen := make(map[string]bool, len(s.c.lex.keys)+len(s.post))
	keys := make([]string, 0, len(seen))
	for _, k := range s.c.lex.keys {
		seen[k] = true
		keys = append(keys, k)
	}
	for t := range s.post {
		if !seen[t] {
			keys = append(keys, t)
		}
	}
	sortKeys(keys)
	return keys
}

// chunks writes s/N.js files of about chunkTargetSize bytes, cutting the
// sorted key space between keys, and returns the first key of each chunk.
// A chunk is a JSON array of [key, terms or 0, postings or 0]. An entry
// larger than a chunk (the postings of a word on most pages) gets a chunk
// of its own, so that looking up its neighbours does not download it.
func (s *staticBuilder) chunks(keys []string) []string {
	var firsts []string
	var buf, e bytes.Buffer
	flush := func() {
		if buf.Len() == 0 {
			return
		}
		n := len(firsts) - 1
		s.files[fmt.Sprintf("s/%d.js", n)] = wrap(fmt.Sprintf("chunk(%d,[", n), buf.Bytes(), "])")
		buf.Reset()
	}
	for _, k := range keys {
		e.Reset()
		s.entry(&e, k)
		if buf.Len() >= chunkTargetSize || (buf.Len() > 0 && e.Len() >= chunkTargetSize) {
			flush()
		}
		if buf.Len() == 0 {
			firsts = append(firsts, k)
		} else {
			buf.WriteByte(',')
		}
		buf.Write(e.Bytes())
	}
	flush()
	return firsts
}

func (s *staticBuilder) entry(b *bytes.Buffer, key string) {
	b.WriteByte('[')
	appendJSON(b, key)
	b.WriteByte(',')
	if ts, ok := s.c.lex.lookup(key); ok {
		appendJSON(b, ts)
	} else {
		b.WriteByte('0')
	}
	b.WriteByte(',')
	if p := s.post[key]; p != nil {
		b.WriteByte('[')
		for f := range p {
			if f > 0 {
				b.WriteByte(',')
			}
			writeInts(b, p[f])
		}
		b.WriteByte(']')
	} else {
		b.WriteByte('0')
	}
	b.WriteByte(']')
}

// staticMeta is meta.js: everything the client needs before its first
// chunk. Field names are short because every visitor downloads them.
type staticMeta struct {
	Version  int               `json:"v"`
	Docs     int               `json:"n"`       // sections (for idf)
	Slot     int               `json:"slot"`    // sections per slot: a page's sections are numbered from its first slot·slot
	Wide     [][2]int          `json:"wide"`    // [page, slots] of the pages of more than one slot, by page
	Types    []string          `json:"types"`   // type names
	DocTypes string            `json:"doctype"` // per page, one character: index into types, in base 36
	Tags     []string          `json:"tags"`    // tag names; tag i's sections are in t/i.js
	Chunks   []string          `json:"chunks"`  // first key of each chunk
	Stop     []string          `json:"stop"`    // folded stop words
	Fold     map[string]string `json:"fold"`    // folding of every non-ASCII character of the corpus
	Boosts   [3]float64        `json:"boosts"`  // title, heading, body
	Prefix   [4]float64        `json:"prefix"`  // min letters, letters dropped, max keys, weight
	Snippet  [2]int            `json:"snippet"` // window bytes, bytes before the match
	MaxWords int               `json:"maxWords"`
	FragSecs int               `json:"fk"` // sections per fragment file
}

func (s *staticBuilder) meta(chunks []string) error {
	m := staticMeta{
		Version: staticVersion, Docs: len(s.c.entries), Types: Types,
		Tags: s.tagNames(), Chunks: chunks, Stop: s.a.StopWords(), Fold: s.foldTable(),
		Prefix:   [4]float64{prefixMinLen, prefixDrop, maxPrefixKeys, polish.WeightPrefix},
		Snippet:  [2]int{snippetLen, snippetBefore},
		MaxWords: MaxWords, FragSecs: fragmentSections,
	}
	for i, f := range fields {
		m.Boosts[i] = f.boost
	}
	var dt strings.Builder
	for i, e := range s.c.entries {
		if i == 0 || e.page != s.c.entries[i-1].page {
			dt.WriteString(strconv.FormatInt(int64(typeIndex(e.Type)), 36))
		}
	}
	m.DocTypes = dt.String()
	m.Slot, m.Wide = slotSections, s.wide
	if m.Wide == nil {
		m.Wide = [][2]int{}
	}
	b, err := json.Marshal(m) // map keys sorted by encoding/json: deterministic
	if err != nil {
		return fmt.Errorf("search: static meta: %w", err)
	}
	s.files["meta.js"] = wrap("meta(", b, ")")
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

// foldTable maps every non-ASCII character of the corpus (lowercased, as
// the client sees it) to its folding by polish.Fold. The client folds with
// NFD and mark stripping, which agrees with bleve's ASCII folding on Polish
// letters except ł and differs on many others (ø, ß, й); shipping the
// table for the characters that occur makes both sides fold them alike.
func (s *staticBuilder) foldTable() map[string]string {
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
	for _, w := range s.a.StopWords() {
		add(w)
	}
	out := make(map[string]string, len(seen))
	for r := range seen {
		if r >= utf8.RuneSelf {
			out[string(r)] = polish.Fold(string(r))
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
	start := 0 // the page's first entry
	for p, n := range s.pages {
		for lo := start; lo < start+n; lo += fragmentSections {
			key := fragmentKey(p, (lo-start)/fragmentSections)
			b.Reset()
			b.WriteString(`{"u":`)
			str(s.c.entries[start].URL)
			b.WriteString(`,"t":`)
			str(s.c.entries[start].Title)
			b.WriteString(`,"s":[`)
			for i := lo; i < min(start+n, lo+fragmentSections); i++ {
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
			s.files["f/"+key+".js"] = wrap(`page("`+key+`",`, b.Bytes(), ")")
		}
		start += n
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

// tags writes t/N.js: the sections carrying tag N, as gaps between their
// numbers.
func (s *staticBuilder) tags() {
	gaps := map[string][]int{}
	last := map[string]int{}
	for d, e := range s.c.entries {
		id := int(s.sid[d])
		for _, t := range e.Tags {
			if n := len(gaps[t]); n > 0 && last[t] == id {
				continue // a tag listed twice on one section
			}
			gaps[t] = append(gaps[t], id-last[t])
			last[t] = id
		}
	}
	for i, name := range s.tagNames() {
		var b bytes.Buffer
		writeInts(&b, gaps[name])
		s.files[fmt.Sprintf("t/%d.js", i)] = wrap(fmt.Sprintf("tag(%d,", i), b.Bytes(), ")")
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

func writeInts[T int | int32](b *bytes.Buffer, xs []T) {
	if len(xs) == 0 {
		b.WriteByte('0')
		return
	}
	b.WriteByte('[')
	var num [12]byte
	for i, x := range xs {
		if i > 0 {
			b.WriteByte(',')
		}
		b.Write(strconv.AppendInt(num[:0], int64(x), 10))
	}
	b.WriteByte(']')
}
