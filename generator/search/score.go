package search

import (
	"math"
)

// Scores are computed once per term and page, the same way from bleve's
// postings (the server) and from the analysed corpus (the static index),
// and kept as integers (impacts): every later step is integer arithmetic,
// so both paths rank alike to the last point. See doc.go, "Scoring".

// idfOf is bleve's inverse document frequency of a term in one field:
// 1 + ln(sections / (sections with the term in that field + 1)).
func idfOf(sections, df int) float64 {
	return 1 + math.Log(float64(sections)/float64(df+1))
}

// normOf is bleve's field-length norm as zap stores it: a float32.
func normOf(length int) float64 {
	return float64(float32(1 / math.Sqrt(float64(length))))
}

// sectionScore is bleve's tf-idf score of one term in one section, an OR
// over the three fields: per field sqrt(tf)·norm·idf·(boost·idf), summed
// in field order and times the fraction of fields that have the term. w[f]
// is sqrt(tf)·norm, or 0 where field f lacks the term.
func sectionScore(w, idf *[len(fields)]float64) float64 {
	sum, n := 0.0, 0
	for f := range fields {
		if w[f] != 0 {
			sum += w[f] * (idf[f] * (fields[f].boost * idf[f]))
			n++
		}
	}
	return sum * (float64(n) / float64(len(fields)))
}

// impactOf turns a score into an impact: tenths, at least 1, so that a
// page that has the term always counts.
func impactOf(score float64) int32 {
	return max(1, int32(math.Round(score*10)))
}

// pageList is one term's pages, in page order, each with its impact (the
// score of the page's best section for the term), that section's place in
// the page, and where else in the page the term is (see sectionMask).
type pageList struct {
	pages  []int32
	impact []int32
	sec    []uint16
	mask   []uint32
}

// Where a term is in a page: bit i if in the heading or body of section i,
// for the first maskSections sections. A hit links to the section that has
// the most of the query's words, so the page lists say which sections
// have them. The title does not count: every section carries it.
const maskSections = 31

func sectionMask(sec int, w *[len(fields)]float64) uint32 {
	if sec < maskSections && (w[1] != 0 || w[2] != 0) {
		return 1 << sec
	}
	return 0
}

// listEntry is one page of a term's page list.
type listEntry struct {
	page   int32
	impact int32
	sec    uint16
	mask   uint32
}

// entryOf is a section's entry for a term (see sectionScore): the section
// sec of page, with the term's weights w.
func entryOf(page int32, sec int, w, idf *[len(fields)]float64) listEntry {
	return listEntry{page: page, impact: impactOf(sectionScore(w, idf)), sec: uint16(min(sec, math.MaxUint16)), mask: sectionMask(sec, w)}
}

// merge adds a later section of the same page: the better section wins,
// ties keep the earlier one, and the masks add up.
func (e *listEntry) merge(o listEntry) {
	if o.impact > e.impact {
		e.impact, e.sec = o.impact, o.sec
	}
	e.mask |= o.mask
}

// add records a section's weights for the term (see sectionScore);
// sections must come in entry order.
func (l *pageList) add(page int32, sec int, w, idf *[len(fields)]float64) {
	e := entryOf(page, sec, w, idf)
	if n := len(l.pages); n > 0 && l.pages[n-1] == page {
		last := listEntry{page, l.impact[n-1], l.sec[n-1], l.mask[n-1]}
		last.merge(e)
		l.impact[n-1], l.sec[n-1], l.mask[n-1] = last.impact, last.sec, last.mask
		return
	}
	l.pages = append(l.pages, page)
	l.impact = append(l.impact, e.impact)
	l.sec = append(l.sec, e.sec)
	l.mask = append(l.mask, e.mask)
}

// appendEntry appends an entry of a page list as the static index has it:
// the gap from the previous page, the impact, the best section's place
// and the mask, each a varint (appendVarint).
func appendEntry(b []byte, gap int32, e listEntry) []byte {
	b = appendVarint(b, uint32(gap))
	b = appendVarint(b, uint32(e.impact))
	b = appendVarint(b, uint32(e.sec))
	return appendVarint(b, e.mask)
}

// packedList is a term's page list built in the form the static index
// writes (appendEntry), the last page held open until the next one
// starts. At 10,000 pages the page lists have 3.4 million entries: about
// 6 bytes each packed, where a pageList's four slices took 14 and, as
// they grew, up to twice that.
type packedList struct {
	enc  []byte
	prev int32 // the page of enc's last entry
	open listEntry
	has  bool // open holds a page
}

// add records a section's entry; sections must come in entry order.
func (l *packedList) add(e listEntry) {
	if l.has && l.open.page == e.page {
		l.open.merge(e)
		return
	}
	l.close()
	l.open, l.has = e, true
}

// close writes the open entry.
func (l *packedList) close() {
	if l.has {
		l.enc = appendEntry(l.enc, l.open.page-l.prev, l.open)
		l.prev, l.has = l.open.page, false
	}
}

// bytes returns the whole list; no section may be added after.
func (l *packedList) bytes() []byte {
	l.close()
	return l.enc
}
