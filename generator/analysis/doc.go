// Package analysis turns text into search terms, per language: the one
// seam between razem's search (both indexes) and glossary and the
// analysis of each language.
//
//   - Polish (pl) is razem's own analysis, package polish, exactly as it is:
//     Stempel behind the domain lexicon, dual stem/fold terms, unprefixed.
//   - The languages bleve has in analysis/lang (ar bg ca ckb cs da de el en
//     es eu fa fi fr ga gl hi hr hu hy id it nl no pt ro ru sv tr) use
//     bleve's pieces for that language, built in code: its pre-filters
//     (English possessive, French/Italian/Catalan/Irish elision, Turkish
//     apostrophe), its stop words, its normalizers and its stemmer. bg, el,
//     ca, cs, eu, ga, gl, hy and id have stop words but no stemmer in bleve.
//   - Chinese, Japanese and Korean (bleve's cjk) are keyed by overlapping
//     pairs of letters, since their text has no spaces between words.
//   - Every other language gets a generic analysis: the same words, folded,
//     no stop words, no stemming.
//
// Every language splits text into words with the one scanner the browser
// mirrors (polish.Split) and lowercases them alike (polish.AppendLower): a
// query must split in the browser exactly as it splits on the server.
// Each word has a key, Fold of its lowercased (elided) spelling, that the
// search lexicon is keyed by, and one or two terms: Fold(stem(word)) and
// Fold(stem(Fold(word))), so that text and queries meet with or without
// accents. Terms of languages other than Polish carry their code
// ("de:koalit"), so a German word never scores Polish pages through a stem
// the two happen to share; the lexicon, keyed by spelling, still finds a
// spelling in every language that has it.
//
// Fold keeps the script: Latin letters lose their accents by bleve's ASCII
// folding (as polish.Fold, so Polish keys are unchanged), Greek loses tonos,
// dialytika and breathings (ς becomes σ), Cyrillic folds only ё, ѐ and ѝ.
//
// A Set builds each language's analyzer on first use, so a site pays only
// for the languages it has.
package analysis
