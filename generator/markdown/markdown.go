// Package markdown converts page bodies to HTML with goldmark and extracts
// what the rest of the pipeline needs from the same AST: the table of
// contents, heading ids (anchors), links to check, plain-text sections for
// search, slides, and word counts. Every feature is a goldmark AST
// transformer or node renderer; nothing is done by rewriting HTML.
package markdown

import (
	"bufio"
	"bytes"
	"html/template"
	"sort"
	"sync"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"

	"github.com/razem/razem/generator/diag"
	"github.com/razem/razem/generator/lang"
)

// Options configure a Converter.
type Options struct {
	Lang        string            // ISO 639-1 code: chooses typographic quotes (lang.Quotes)
	RawHTML     string            // escape, allow or strip
	Typographer bool              // smart quotes and dashes
	Strings     map[string]string // UI strings (callout titles, exercise labels)
	// NoSections leaves Output.Sections empty: they are the search
	// documents, and a site without search need not copy its text into them.
	NoSections bool
}

// Converter renders Markdown. It is built once and is safe for concurrent
// use: goldmark parsers are stateless and per-document state lives in the
// parser context.
type Converter struct {
	md goldmark.Markdown
	// noLinkify parses documents in which no bare URL or e-mail address can
	// be: GFM's linkify parser is triggered by every space, and makes
	// goldmark cut the text at each one to try it (an eighth of parsing).
	noLinkify goldmark.Markdown
	// trainer and export render the same documents for the trainer
	// edition and for LMS exports (see Edition).
	trainer, export renderer.Renderer
	opts            Options
	writers         sync.Pool // render's buffered writers, 4 KB each
	buffers         sync.Pool // render's output buffers (*bytes.Buffer)
}

// LinkResolver maps link destinations as written to the href to emit.
type LinkResolver interface {
	// Resolve says where dest leads; err explains a destination that does
	// not resolve.
	Resolve(dest string, image bool) (Target, error)
}

// Target is where a link leads.
type Target struct {
	Href   string // the href to emit
	Page   string // content path of a target page ("" for other targets), whose Anchor is checked once all pages are known
	Anchor string
	File   string // output path of a target file of the site (an image, a download)
}

// TermMatcher finds glossary terms in text (see glossary.go).
type TermMatcher interface {
	Match(text string) []TermMatch
}

// Input is one document to convert.
type Input struct {
	File        string // name used in diagnostics
	Body        []byte
	BodyLine    int           // line of the file on which Body starts
	Exercise    bool          // parse questions (see exercise.go)
	Links       LinkResolver  // nil: leave links as written
	Terms       TermMatcher   // nil: no glossary links
	LinkProblem diag.Severity // severity of unresolved links
	// IDPrefix is put before every generated heading id, so several
	// documents can share one HTML page (a learning path's handout).
	IDPrefix string
	// Quiz asks for Output.Quiz, the questions as data for LMS exports.
	Quiz bool
}

// Heading is an entry of the table of contents.
type Heading struct {
	Level int
	ID    string
	Text  string
}

// Section is the plain text under one heading, for search.
type Section struct {
	Anchor  string
	Heading string
	Text    string
}

// Slide is one H2 section rendered on its own.
type Slide struct {
	Title string
	HTML  template.HTML
}

// Ref is a link to check once every page's anchors are known.
type Ref struct {
	Page   string // content path of the target; "" means this page
	Anchor string
	Pos    diag.Pos
	Dest   string // as written, for messages
}

// Output is the converted document.
type Output struct {
	HTML   template.HTML
	Slides []Slide
	TOC    []Heading
	// TOCHTML is TOC as an <ol> of links, rendered here once rather than
	// by a template loop on every render of every page (themes may still
	// range over TOC).
	TOCHTML  template.HTML
	Sections []Section
	IDs      map[string]bool // every element id, for anchor checks
	Refs     []Ref
	// Files are the site's files (output paths) the document links to,
	// in raw HTML too: only files some page links to are published.
	Files     []string
	Words     int
	Questions int
	Terms     []string // glossary terms linked from this page
	// ForTrainers says the page has trainer notes or model answers.
	ForTrainers bool
	// Trainer is the trainer edition of the document (trainer notes,
	// answers and feedback shown); nil when it is the same as this one.
	// HTML, Slides and Notes differ; the rest is shared.
	Trainer *Output
	// Notes are the trainer notes, in order, for the session plan (trainer
	// edition only).
	Notes []Note
	// Quiz holds the questions as data (with Input.Quiz).
	Quiz []QuizQuestion
}

// Note is one trainer note and the section it is in.
type Note struct {
	Heading, Anchor string
	HTML            template.HTML
}

// ForEdition returns the document as the trainer or learner edition shows it.
func (o *Output) ForEdition(trainer bool) *Output {
	if trainer && o.Trainer != nil {
		return o.Trainer
	}
	return o
}

// New builds a converter.
func New(o Options) *Converter {
	q := lang.Quotes(o.Lang)
	quotes := map[extension.TypographicPunctuation]string{
		extension.LeftDoubleQuote: q.LeftDouble, extension.RightDoubleQuote: q.RightDouble,
		extension.LeftSingleQuote: q.LeftSingle, extension.RightSingleQuote: q.RightSingle,
		extension.EnDash: "–", extension.EmDash: "—", extension.Ellipsis: "…",
		extension.LeftAngleQuote: "«", extension.RightAngleQuote: "»", extension.Apostrophe: "’",
	}
	exts := []goldmark.Extender{extension.Table, extension.Strikethrough, extension.TaskList, extension.Footnote, extension.DefinitionList}
	if o.Typographer {
		exts = append(exts, extension.NewTypographer(extension.WithTypographicSubstitutions(quotes)))
	}
	htmlOpts := []renderer.Option{html.WithWriter(plainWriter{html.DefaultWriter})}
	if o.RawHTML == "allow" {
		htmlOpts = append(htmlOpts, html.WithUnsafe())
	}
	build := func(ed Edition, exts ...goldmark.Extender) goldmark.Markdown {
		sub := &subRenderer{}
		nodeRenderers := []util.PrioritizedValue{
			util.Prioritized(rawHTMLRenderer{mode: o.RawHTML}, 100),
			util.Prioritized(calloutRenderer{strings: o.Strings, ed: ed, sub: sub}, 100),
			util.Prioritized(exerciseRenderer{strings: o.Strings, ed: ed, sub: sub}, 100),
			util.Prioritized(glossaryRenderer{}, 100),
			util.Prioritized(tableRenderer{}, 100),
			util.Prioritized(taskRenderer{strings: o.Strings}, 100),
		}
		opts := append([]renderer.Option{}, htmlOpts...)
		if ed == Export { // XHTML: QTI items are XML
			nodeRenderers = append(nodeRenderers, util.Prioritized(exportLinkRenderer{}, 50))
			opts = append(opts, html.WithXHTML())
		}
		md := goldmark.New(
			goldmark.WithExtensions(exts...),
			goldmark.WithParserOptions(
				parser.WithAutoHeadingID(),
				parser.WithAttribute(),
				parser.WithInlineParsers(util.Prioritized(blankParser{}, 150)),
				parser.WithASTTransformers(
					util.Prioritized(calloutTransformer{}, 100),
					util.Prioritized(exerciseTransformer{}, 200),
					util.Prioritized(linkTransformer{}, 300),
					util.Prioritized(glossaryTransformer{}, 400),
				),
			),
			goldmark.WithRendererOptions(append(opts, renderer.WithNodeRenderers(nodeRenderers...))...),
		)
		sub.r = md.Renderer()
		return md
	}
	// GFM is linkify, then the first three.
	return &Converter{md: build(Learner, append([]goldmark.Extender{extension.Linkify}, exts...)...), noLinkify: build(Learner, exts...),
		trainer: build(Trainer, exts...).Renderer(), export: build(Export, exts...).Renderer(), opts: o}
}

// docState is the per-document state shared by the transformers.
type docState struct {
	in    Input
	diags *diag.List
	lines []int // byte offsets at which body lines start
	out   *Output
	ids   *ids
	salt  string // the page's, for answer hashes and sealing (seal.go)
	// rawHTML says raw HTML is published as written: the files its
	// attributes name are published too (rawFiles).
	rawHTML bool
}

var stateKey = parser.NewContextKey()

func stateOf(pc parser.Context) *docState { return pc.Get(stateKey).(*docState) }

// lineOf converts a body byte offset to a file line.
func (s *docState) lineOf(offset int) int {
	i := sort.Search(len(s.lines), func(i int) bool { return s.lines[i] > offset })
	return s.in.BodyLine + i - 1
}

// colOf converts a body byte offset to a 1-based column in runes.
func (s *docState) colOf(offset int) int {
	i := sort.Search(len(s.lines), func(i int) bool { return s.lines[i] > offset }) - 1
	if i < 0 {
		return 1
	}
	return len([]rune(string(s.in.Body[s.lines[i]:offset]))) + 1
}

func (s *docState) errorf(line, col int, format string, args ...any) {
	s.diags.Add(diag.Pos{File: s.in.File, Line: line, Col: col}, format, args...)
}

var newline = []byte{'\n'}

// newDoc prepares the state of one document's conversion.
func newDoc(in Input, l *diag.List) (*docState, parser.Context) {
	st := &docState{in: in, diags: l, out: &Output{IDs: map[string]bool{}}, ids: newIDs(in.IDPrefix), salt: docSalt(in.File)}
	st.lines = make([]int, 1, bytes.Count(in.Body, newline)+1)
	for i, body := 0, in.Body; ; {
		k := bytes.IndexByte(body[i:], '\n')
		if k < 0 {
			break
		}
		i += k + 1
		st.lines = append(st.lines, i)
	}
	pc := parser.NewContext(parser.WithIDs(st.ids))
	pc.Set(stateKey, st)
	return st, pc
}

// Convert renders one document. Problems go to l; it never fails.
func (c *Converter) Convert(in Input, l *diag.List) *Output {
	if in.BodyLine == 0 {
		in.BodyLine = 1
	}
	st, pc := newDoc(in, l)
	st.rawHTML = c.opts.RawHTML == "allow"
	if line, problem, ok := tooComplex(in.Body); ok {
		st.errorf(in.BodyLine+line, 1, "%s", problem)
		return st.out
	}
	md := c.md
	if !mayAutolink(in.Body) {
		md = c.noLinkify
	}
	doc := md.Parser().Parse(text.NewReader(in.Body), parser.WithContext(pc))
	collect(doc, in.Body, st.out, c.opts.NoSections)
	c.render(md.Renderer(), doc, in.Body, st.out)
	if st.out.ForTrainers || st.out.Questions > 0 {
		t := *st.out
		t.Slides, t.Trainer = nil, nil
		c.render(c.trainer, doc, in.Body, &t)
		t.Notes = notes(doc, in.Body, &subRenderer{r: c.trainer})
		st.out.Trainer = &t
	}
	if in.Quiz {
		st.out.Quiz = quizOf(doc, in, &subRenderer{r: c.export})
	}
	return st.out
}

// maxPooledBuffer is the largest output buffer render keeps for the next
// page: one huge page should not hold its buffer for the rest of the build.
const maxPooledBuffer = 1 << 20

// mayAutolink reports whether GFM's linkify could find anything in src: its
// URLs need "://" or "www.", its e-mail addresses an "@".
func mayAutolink(src []byte) bool {
	return bytes.IndexByte(src, '@') >= 0 || bytes.Contains(src, []byte("://")) || bytes.Contains(src, []byte("www."))
}

// render writes the HTML block by block, so slides (one per H2) come from
// the same rendering as the page.
// All blocks go through one buffered writer into one buffer; slides are
// substrings of the page's HTML, cut at the offsets where H2s begin.
// (goldmark allocates a writer per Render call unless it gets one.) The
// buffer is reused from page to page and the HTML copied out at its size:
// a builder grown ahead to one and a half times the source kept what it
// did not use, 35 MB of 127 at 10,000 pages, until the page was written.
func (c *Converter) render(r renderer.Renderer, doc ast.Node, src []byte, out *Output) {
	all, _ := c.buffers.Get().(*bytes.Buffer)
	if all == nil {
		all = new(bytes.Buffer)
	}
	all.Reset()
	defer func() {
		if all.Cap() <= maxPooledBuffer {
			c.buffers.Put(all)
		}
	}()
	w, _ := c.writers.Get().(*bufio.Writer)
	if w == nil {
		w = bufio.NewWriter(all)
	}
	w.Reset(all)
	defer c.writers.Put(w)
	type cut struct {
		at    int
		title string
	}
	var cuts []cut
	for n := doc.FirstChild(); n != nil; n = n.NextSibling() {
		title, starts := "", false
		switch n := n.(type) {
		case *ast.Heading:
			title, starts = plainText(n, src), n.Level == 2
		case *Question:
			title, starts = n.Title, true
		}
		if starts {
			_ = w.Flush()
			cuts = append(cuts, cut{at: all.Len(), title: title})
		}
		_ = r.Render(w, src, n)
	}
	_ = w.Flush()
	html := all.String()
	out.HTML = template.HTML(html)
	end := len(html)
	for i, c := range cuts {
		stop := end
		if i+1 < len(cuts) {
			stop = cuts[i+1].at
		}
		out.Slides = append(out.Slides, Slide{Title: c.title, HTML: template.HTML(html[c.at:stop])})
	}
}
