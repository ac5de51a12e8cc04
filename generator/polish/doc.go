// Package polish is razem's one Polish text analysis, shared by both search
// indexes (package search: bleve and the static index) and by the glossary
// auto-linker, so that all three agree on when two words are the same word.
//
// Text is split into words at Unicode word boundaries by a small scanner
// (words.go) that the browser's search client mirrors exactly; it agrees
// with bleve's unicode tokenizer on Polish and Latin text and is several
// times faster. A word is lowercased, folded to ASCII (ą→a, ł→l; see Fold)
// for matching stop words and spellings, and stemmed with Stempel (bleve's
// analysis/lang/pl) behind a small lexicon of domain words Stempel gets
// wrong (lexicon in overrides.go). Each word yields one or two index terms,
// fold(stem(w)) and fold(stem(fold(w))), so that text and queries written
// with or without diacritics meet. Queries also try restoring diacritics to
// a word's ending (QueryTerms).
//
// TestRecall reports, with -v, how often two forms of one word meet, over
// hand-written paradigms of the domain and of general vocabulary.
//
// Use one Analyzer per process: New loads Stempel's table once, and the
// Analyzer caches every word it has analysed.
package polish
