package search

import (
	"errors"
	"fmt"
	"os"
	"slices"
	"sort"
	"sync"
)

// Live updates let razem serve keep search current while an author edits:
// rebuilding the index of a 10,000-page site takes both cores for 15 s or
// more, and an author saves every few seconds.
//
// Update never changes the index it is called on. It makes a new one that
// shares that index's bleve parts (the base, as Open opened them, read-
// only) and adds one small part of its own holding every page changed
// since the base, built anew each time from those pages alone: a few
// milliseconds for a page or two. The base's sections of those pages, and
// of pages removed, are marked dead: evaluation skips their postings, and
// idf counts only live sections, so the scores are a fresh index's.
//
// What a fresh index would do differently: the lexicon keeps every
// spelling the base had, so a word that left the content may still be
// offered as a completion (it finds nothing), and a spelling's page count,
// which orders completions and corrections, is the larger of the base's
// and the changed pages' rather than recounted.

// liveState is what an updated index holds beyond the base.
type liveState struct {
	base    *Index
	docs    []Doc           // the current sections of every page changed since the base
	removed map[string]bool // pages removed since the base
	part    *part           // the changed pages' part, or nil
	dir     string          // its folder, removed when the index is closed
	once    sync.Once
	err     error
}

// close closes the part and removes its folder, once.
func (l *liveState) close() error {
	l.once.Do(func() {
		if l.part != nil {
			l.err = l.part.idx.Close()
		}
		l.err = errors.Join(l.err, os.RemoveAll(l.dir))
	})
	return l.err
}

// Update returns an index with the pages of docs (all sections of each
// page, grouped by URL) in place of their earlier versions, and the pages
// whose URLs removed lists gone. dir is where the changed pages' part is
// written: a folder that does not exist or is empty, removed when the
// returned index is closed. ix itself is unchanged and stays usable.
func (ix *Index) Update(docs []Doc, removed []string, dir string) (*Index, error) {
	base, prev := ix, &liveState{}
	if ix.live != nil {
		base, prev = ix.live.base, ix.live
	}
	changed := map[string]bool{}
	for _, d := range docs {
		changed[d.URL] = true
	}
	st := &liveState{base: base, removed: map[string]bool{}, dir: dir}
	for _, d := range prev.docs {
		if !changed[d.URL] && !slices.Contains(removed, d.URL) {
			st.docs = append(st.docs, d)
		}
	}
	st.docs = append(st.docs, docs...)
	for u := range prev.removed {
		if !changed[u] {
			st.removed[u] = true
		}
	}
	for _, u := range removed {
		if !changed[u] {
			st.removed[u] = true
		}
	}
	entries, err := prepare(st.docs)
	if err != nil {
		return nil, err
	}
	c, err := analyse(entries, base.set)
	if err != nil {
		return nil, err
	}
	corp := &Corpus{c: c}
	if err := checkEmptyDir(dir); err != nil {
		return nil, err
	}
	next := &Index{set: base.set, live: st}
	if err := next.assemble(base, corp); err != nil {
		st.close()
		return nil, err
	}
	return next, nil
}

// assemble makes next the base plus the corpus of changed pages: the
// base's entries, those of changed and removed pages dead, then the
// changed pages' entries, in a part of their own.
func (next *Index) assemble(base *Index, corp *Corpus) error {
	st := next.live
	gone := map[string]bool{}
	for _, d := range st.docs {
		gone[d.URL] = true
	}
	for u := range st.removed {
		gone[u] = true
	}
	cat := &catalog{Version: catalogVersion, Docs: slices.Clip(base.cat.Docs), Default: base.cat.Default}
	next.dead = make([]bool, len(base.cat.Docs), len(base.cat.Docs)+corp.Len())
	for i, d := range base.cat.Docs {
		next.dead[i] = base.dead != nil && base.dead[i] || gone[pageURL(d.ID)]
	}
	pages := 0 // the base's page count: the changed pages are numbered after
	if n := len(base.cat.Docs); n > 0 {
		pages = base.cat.Docs[n-1].Page + 1
	}
	byID := map[string]int{}
	for _, e := range corp.c.entries {
		id := e.id()
		byID[id] = len(cat.Docs)
		cat.Docs = append(cat.Docs, catalogDoc{ID: id, Title: e.Title, Heading: e.Heading, Type: e.Type, Tags: e.Tags, Page: pages + e.page,
			Lang: corp.c.langs.codes[corp.c.langs.page[e.page]]})
		next.dead = append(next.dead, false)
	}
	next.parts = slices.Clip(base.parts)
	next.ends = slices.Clip(base.ends)
	if corp.Len() > 0 {
		pdir := partDir(st.dir, 0)
		if err := corp.writeBleve(pdir, 0, corp.Len()); err != nil {
			return fmt.Errorf("search: update: %w", err)
		}
		p, n, err := openPart(pdir, byID)
		if p != nil {
			st.part = p
		}
		if err != nil {
			return fmt.Errorf("search: update: %w", err)
		}
		if n != corp.Len() {
			return fmt.Errorf("search: update: part has %d documents, want %d", n, corp.Len())
		}
		next.parts = append(next.parts, p)
		next.ends = append(next.ends, len(cat.Docs))
	}
	next.cat = cat
	next.lex = mergeLexicons(&base.lex, &corp.c.lex)
	next.prepare()
	return nil
}

// mergeLexicons is the union of two lexicons: every key of either, with
// the terms of both and the larger page count.
func mergeLexicons(a, b *lexicon) lexicon {
	out := lexicon{keys: make([]string, 0, len(a.keys)+len(b.keys))}
	i, j := 0, 0
	for i < len(a.keys) || j < len(b.keys) {
		switch {
		case j == len(b.keys) || i < len(a.keys) && keyLess(a.keys[i], b.keys[j]):
			out.keys, out.terms, out.df = append(out.keys, a.keys[i]), append(out.terms, a.terms[i]), append(out.df, a.df[i])
			i++
		case i == len(a.keys) || keyLess(b.keys[j], a.keys[i]):
			out.keys, out.terms, out.df = append(out.keys, b.keys[j]), append(out.terms, b.terms[j]), append(out.df, b.df[j])
			j++
		default:
			ts := slices.Clone(union(a.terms[i], b.terms[j]))
			sort.Strings(ts)
			out.keys, out.terms, out.df = append(out.keys, a.keys[i]), append(out.terms, ts), append(out.df, max(a.df[i], b.df[j]))
			i, j = i+1, j+1
		}
	}
	return out
}
