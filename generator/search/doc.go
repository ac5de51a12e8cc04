// Package search builds and queries razem's two search indexes from one
// Polish analysis (package polish):
//
//   - the prebuilt bleve index (scorch), which `razem serve` (Handler, GET
//     /api/search) and `razem search` query through Open and Index.Search;
//   - the static index, JSONP script files that the site's own search.js
//     (themes/default/static/js/search.js) queries in the browser wherever
//     no razem server runs, file:// included.
//
// Both answer a query with the same best hit; TestStaticAgreesWithBleve runs
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
// Every text field (title, heading, body) is split into words at Unicode
// word boundaries, lowercased, stripped of (folded) stop words, and each
// word becomes one or two terms: fold(stem(word)) and fold(stem(fold(word)))
// (polish.Analyzer.Tokens). The lexicon maps the folded spelling of every
// word in the corpus to the terms of all its spellings: "wspolpracy" → the
// terms of "współpracy".
//
// The corpus is analysed once, on all cores. bleve's offline Builder then
// receives each field as its terms, space-separated, and splits them with an
// analyzer defined in the index mapping from bleve's own parts, so opening
// the index needs no registration; the body as written is a stored field,
// for snippets. The catalog file beside bleve's (razem-catalog.gob) holds
// the section table (URL, title, heading, type, tags, page) and the lexicon.
//
// # Query terms
//
// A query is split like text; each distinct word (at most MaxWords) looks
// for:
//
//   - its terms: from the lexicon when its folded spelling occurs in the
//     corpus (the static client can do exactly this), otherwise from
//     polish.Analyzer.QueryTerms, which stems the word as typed, folded and
//     with diacritics restored to its ending, keeping terms that exist in
//     the index (the static client has no stemmer; it reaches such words
//     only through the prefix fallback);
//   - prefix terms, for words of 6 or more letters: the terms of the first
//     50 corpus spellings that start with the folded word less its last two
//     letters, at weight 0.3.
//
// # Scoring
//
// The query is, in bleve's terms (bleveQuery in eval_test.go), AND over
// words; a word is an OR over its terms plus one OR over its prefix terms;
// a term is an OR over the title (boost 3), heading (2) and body (1)
// fields, times the term's weight. bleve's default
// tf-idf scores it: per field sqrt(tf) · norm · idf² · boost, where norm is
// float32(1/sqrt(field length)) and idf = 1 + ln(sections / (df + 1)); each
// OR multiplies the sum of its matching children by the fraction of
// children that match; AND adds. Search computes these scores by summing
// bleve's postings directly (evaluate), which gives bleve's numbers
// (TestEvaluateMatchesBleve) at a fraction of the cost of its searchers,
// and then groups the matching sections by page over all of them. The
// static client computes the same formula from postings that carry tf and
// field length.
//
// # Hits
//
// Sections are grouped by page: a page is one hit, linked to its
// best-scoring section (URL#anchor; the lead section has no anchor), with
// the title "Page title › Heading". Type and tag filters apply to sections.
// Pages are ranked by score relative to the best (which scores 1), rounded
// to nine decimals so that the last bits of Go's and JavaScript's floating
// point cannot reorder ties, then by URL. Result.Total counts pages.
//
// # Snippets
//
// The server re-analyses the stored body of each hit and marks the words
// whose terms are query terms; the static client, which has no stemmer,
// marks words that start with a matched term less its last letter. Both
// show the window of about 180 bytes with the most distinct query words,
// HTML-escaped, with <mark> as the only markup.
//
// # Static index
//
// WriteStatic (Corpus.Static) returns files relative to the search
// directory. Each is a classic script calling window.__razemSearch:
//
//	meta.js   meta({...})          format version, section count, slot
//	                                size and wide pages, page types, tags,
//	                                chunk boundaries, stop words, folding
//	                                table, scoring and snippet parameters
//	s/N.js    chunk(N, [[key, terms|0, postings|0], ...])
//	f/P.js    page("P", {u, t, s: [[anchor, heading, body], ...]})
//	f/P-G.js  page("P-G", {...})   the sections of page P (in URL order),
//	                                four to a file: group G holds sections
//	                                4G to 4G+3 of the page
//	t/N.js    tag(N, [section gaps])
//
// The key space holds every lexicon key and every term, sorted in UTF-16
// order (JavaScript's <) and cut into chunks of about 10 KB gzipped; a
// query loads meta.js, the chunks of its words and terms, and the fragment
// holding the best section of each hit shown (a hit is a page).
//
// Sections are numbered by page slot: page P's sections are numbered from
// its first slot times 64, and its first slot is P plus the extra slots of
// the longer pages before it (a page of more than 64 sections takes
// several; meta's wide lists them). So section d is on the page of slot
// d/64 and is that page's section d − first slot·64, with no per-page
// table to download. Body and heading postings are [section gap, tf, field
// length, …]; title postings are per page, [page gap, tf, field length,
// sections of the page, …], and stand for every section of the page. A
// section's type is its page's, in meta's doctype; its URL is the page's,
// plus "#" and the anchor when it has one.
//
// Fragments of four sections keep the file count near a quarter of the
// section count (writing one file per section dominated the build), and a
// hit downloads about a quarter of its page's text.
package search
