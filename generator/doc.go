// Package generator builds a razem site: Markdown training content in, a
// static site with search indexes out.
//
// # Pipeline
//
// Build runs these stages; each reads the previous stage's result and adds
// diagnostics instead of stopping at the first problem:
//
//	config.Load     config.toml → config.Config (typed; unknown keys are errors)
//	readSource      content/ over fs.FS → Markdown files and assets, sorted by path
//	page.Parse      front matter → page.Meta, body and the line it starts on   (parallel)
//	site.New        URLs, duplicate check, the set of files links may point to
//	markdown        goldmark → HTML, TOC, anchors, links, sections, slides     (parallel)
//	site.Assemble   anchors and front matter references checked; sections, tags, paths, prev/next
//	render          theme layouts → HTML pages, sitemap, feed, 404, aliases     (parallel)
//	minify          every text output, in the same worker that rendered it
//	search          section documents for the bleve and static indexes
//
// # Editions
//
// Every page is rendered for learners (Result.Files) and, with
// Options.Trainer, for trainers (Result.Trainer). The learner edition has
// no trainer notes and no readable answers: questions carry salted hashes
// of their answer keys and feedback is sealed (markdown/seal.go), and
// search documents leave answers, feedback and notes out. The trainer
// edition shows them all and adds a session plan per module and path.
// BuildEditions publishes both, each through its own staging folder.
// razem export (package export) reads a build made with Options.Quiz.
//
// If any error was found nothing is published. Otherwise the caller
// publishes Result.Files (razem serve serves them from memory), or uses
// BuildInto, which is what razem build does: pages go to a staging folder
// beside the destination as they render (Options.Sink), the bleve index is
// written into it too, and it is swapped in only when all is well.
// A destination may not overlap what the build reads (SourcesOf), and
// only the files razem wrote there (listed in its .razem-manifest) are
// ever replaced or removed; see package publish.
//
// # Content
//
// See AUTHORING.md at the repository root for the folder layout, front matter
// keys per type and the Markdown extensions. A content file x/y.md is
// published at x/y/index.html; x/index.md at x/index.html and becomes the
// intro of the section list. Every link in the output is relative, and
// directory links always name index.html, so the same output works from any
// sub-path of any web server and from file://.
//
// # Languages
//
// A page's language is its lang, else its first folder when that is an ISO
// 639-1 code (content/de/…), else the config's language (the default, at the
// root). Pages with the same path below their language folders, or the same
// translation_key, are translations. Each language has its own view of the
// site (site.Site.In): home, lists, tags, search page, navigation and
// glossary; translated pages get a language switcher and hreflang links.
// Search and glossary analyse each page in its language (package
// analysis); the search box asks in its page's language, whose pages come
// first.
package generator
