// Package search builds and queries razem's two search indexes from one
// analysis per language (package analysis; Polish is package polish):
//
//   - the prebuilt bleve index (scorch), which `razem serve` (Handler, GET
//     /api/search) and `razem search` query through Open and Index.Search;
//   - the static index, JSONP script files that the site's own search.js
//     (themes/default/static/js/search.js) queries in the browser wherever
//     no razem server runs, file:// included.
//
// Both give the same answer to a query; TestStaticAgreesWithBleve runs
// search.js in Node against both and checks it.
//
// # Input
//
// The site pipeline hands over one Doc per section of a page (the part
// before the first heading, then one per heading). Docs are validated and
// numbered in (URL, Anchor) order, so the output does not depend on the
// order of the input. NewCorpus analyses them once for both indexes.
//
// # Analysis and terms
//
// Every text field (title, heading, body) is analysed in its page's
// language (Doc.Lang; see Languages): split into words at Unicode word
// boundaries, lowercased, stripped of (folded) stop words, and each word
// becomes one or two terms: fold(stem(word)) and fold(stem(fold(word)))
// (analysis.Analyzer.Tokens), Polish ones as they are, others prefixed
// with their language ("de:koalit"). The lexicon maps the key of every
// word in the corpus (its folded spelling) to the terms of all its
// spellings, in every language: "wspolpracy" → the terms of "współpracy".
//
// # Languages
//
// A page's language picks its analyzer from an analysis.Set, built for
// the languages the corpus has (a Polish-only corpus builds none but
// Polish). The catalog and meta.js record each page's language and the
// default language: the one most pages are in (Polish on a tie), which
// reads queries that name no language, or one the site lacks.
//
// A query is read in the reader's language (Query.Lang: the language of
// the page the search box is on): its stop words and elision split the
// query, and its pages rank first. Keys are one folding for all languages
// (analysis.Fold), so a spelling is found in whatever language has it.
//
// The corpus is analysed once, on all cores, each term numbered in a
// corpus-wide table; a section keeps its terms as (number, frequency)
// varints. scorch's offline Builder then receives documents whose text
// fields carry those terms and frequencies as they are (analysedField; the
// type and tags as one token each, keywordField): no mapping walk, no
// tokenizer. The stored mapping declares the fields with a whitespace
// analyzer from bleve's own parts, so opening the index needs no
// registration; the body as written is a stored field, for snippets. Each
// part's segments are merged in one pass. The catalog file beside bleve's
// (razem-catalog.gob) holds the pages (URL, title, type, tags, language),
// their sections (anchor, heading) and the lexicon, as a gob stream of
// chunks (catalogHead, catalogChunk). With DropTexts (razem build) the
// static index reads the texts first and the bleve writer drops each one
// once it has stored it.
//
// # Query words
//
// A query is split like text in the reader's language, keyed, and each
// distinct word (at most MaxWords, stop words dropped) looks for terms,
// each at a weight in percent of an exact match (plan.go):
//
//   - exact (100): the terms of its spelling when the corpus has it. The
//     lexicon maps every folded spelling to the terms of all spellings
//     that fold to it, so inflected forms the corpus has meet, with or
//     without diacritics;
//   - completions: the spellings it starts, the 8 on the most pages. The
//     last word of a query is completed from 2 letters on (60), as people
//     type ("ambas" → ambasador); any other word of 5 letters or more
//     heads compounds (30: "wideo" → wideorozmowy). The prefix is the
//     whole word, never less: "lacznik" does not reach "łączny";
//   - corrections, only when a word of 5 letters or more has neither:
//     the spellings within one edit (two from 8 letters on; a swap of
//     neighbours is one edit) that share its first two letters, the
//     closest first, the 3 on the most pages (50, or 35 at two edits).
//
// Other endings and corrections are tried when the exact spelling and the
// completions find no term in the reader's language: on a site in several
// languages, "sponsoring" in Polish text does not keep an English reader
// from reaching "sponsors". A word that finds nothing is ignored
// (Result.Ignored) rather than ANDed. Both paths plan from the same lexicon, with the page counts the
// build computed, so they look for the same terms. The server no longer
// stems words the corpus lacks: the static client could not, and
// corrections reach the forms the corpus has.
//
// # Scoring
//
// Scores are per page (score.go, eval.go). For a term and a section,
// bleve's tf-idf of an OR over the title (boost 3), heading (2) and body
// (1) fields: per field sqrt(tf)·norm·idf·(boost·idf), where norm is
// float32(1/sqrt(field length)) and idf = 1 + ln(sections / (sections
// with the term in that field + 1)), summed and times the fraction of
// fields that have the term (TestSectionScoresMatchBleve checks it against
// bleve's searchers). A term's impact on a page is its best section's
// score in tenths, rounded, as an integer, with that section's place and
// a mask of the sections whose text has the term: the page list
// (termPages from bleve's postings, staticBuilder.pageLists from the
// corpus, built packed as the static index writes it; TestPageListsAgree
// requires them equal).
//
// A word's value on a page is the best of its terms' impacts times their
// weights (integer percent). A page's score is the sum of its words'
// values; pages must have every word, anywhere in the page. When no page
// has every word (and there are several), the pages with some of them
// are hits, those with the most words first (Result.Partial). Every step
// after the impacts is integer arithmetic, so the server and search.js
// rank alike to the last point.
//
// # Hits
//
// A page is one hit, ranked by language (the reader's first), then words
// matched, then score, then URL order;
// Result.Total counts pages, after the type and tag filters (per page). A
// hit links to the section whose text has the most query words, then the
// most value of the words that scored best there, then the first (URL#
// anchor; the lead section has no anchor), with the title "Page title ›
// Heading". Hit.Score is the hit's score over the best score among the
// hits shown, to four places.
//
// # Snippets
//
// The server keys the stored body of each hit in the page's language and
// marks the words whose spellings have query terms; the static client,
// which has no stemmer, marks words whose key starts with a matched term
// (less its language code) less its last letter. Both
// show the window of about 180 bytes with the most distinct query words,
// HTML-escaped, with <mark> as the only markup.
//
// # Static index
//
// WriteStatic (Corpus.Static) returns files relative to the search
// directory. Each is a classic script calling window.__razemSearch:
//
//	meta.js   meta({...})          format version, section count, page types,
//	                                tags, the first key of each lexicon and
//	                                page-list chunk, per language its stop
//	                                words and elision rules, the default
//	                                language, each page's language (when
//	                                there are several), folding table, the
//	                                planner's weights and limits, snippet
//	                                parameters
//	l/N.js    lex(N, [[key, pages, [terms]], ...])
//	p/N.js    post(N, [[term, "varints"], ...])
//	f/P.js    page("P", {u, t, s: [[anchor, heading, body], ...]})
//	f/P-G.js  page("P-G", {...})   the sections of page P (in URL order),
//	                                four to a file: group G holds sections
//	                                4G to 4G+3 of the page
//	t/N.js    tag(N, "varints")    the pages with tag N, as gaps
//
// Keys and terms are sorted in UTF-16 order (JavaScript's <). A page list
// is a string of varints, five bits a character (appendVarint): per page
// the gap from the previous page, the impact, the best section's place and
// the mask. A query loads meta.js, the lexicon chunks of its words (and of
// the spellings they start, or of their first two letters for
// corrections), the page lists of their terms, and the fragment holding
// each hit's section. A common word's list at 10,000 pages is about 20 KB
// gzipped.
//
// Fragments of four sections keep the file count near a quarter of the
// section count (writing one file per section dominated the build), and a
// hit downloads about a quarter of its page's text. Offline, a hit whose
// fragment was never fetched is left out and counted (search.js).
package search
