package generator

import (
	"context"
	"fmt"
	"io/fs"
	"path"
	"runtime"
	"strings"
	"sync"
	"time"

	"github.com/razem/razem/generator/analysis"
	"github.com/razem/razem/generator/config"
	"github.com/razem/razem/generator/diag"
	"github.com/razem/razem/generator/glossary"
	"github.com/razem/razem/generator/markdown"
	"github.com/razem/razem/generator/page"
	"github.com/razem/razem/generator/polish"
	"github.com/razem/razem/generator/publish"
	"github.com/razem/razem/generator/render"
	"github.com/razem/razem/generator/search"
	"github.com/razem/razem/generator/server"
	"github.com/razem/razem/generator/site"
	"github.com/razem/razem/themes"
)

// Options say what to build. Source is the site root: config.toml,
// content/, themes/, and optionally layouts/ and static/.
type Options struct {
	Source     fs.FS
	ConfigFile string // default "config.toml"
	BaseURL    string // overrides base_url
	Drafts     bool
	// Live marks a build for razem serve's authoring mode.
	Live bool
	// Watched promises that the caller reports every change to the
	// content tree through Builder.Changed before the next Build, as razem
	// serve does from its watcher: a Builder then rereads only the paths
	// reported instead of walking the tree after every save.
	Watched bool
	// Analyzer is the Polish analysis shared by search and the glossary;
	// nil loads one (about 80 ms: share it between builds).
	Analyzer *polish.Analyzer
	// IndexDir, if set, is where the build writes the bleve index (the
	// folder must not exist or be empty), while pages render: the writing
	// may still go on when Build returns (Result.WaitIndex). BuildInto puts
	// it in its staging folder.
	IndexDir string
	// Sink, if set, receives every output file as soon as it is made
	// (concurrently), instead of Result.Files: BuildInto writes pages into
	// its staging folder while the rest render, and need not hold them all
	// in memory. The service worker and manifest, which list the finished
	// site, are then the caller's to add (OfflineFiles). A Sink error fails
	// the build.
	Sink func(publish.File) error
	// Trainer also builds the trainer edition (Result.Trainer, or
	// TrainerSink as Sink for the learner edition).
	Trainer     bool
	TrainerSink func(publish.File) error
	// SharedSink, if set with Sink and TrainerSink, receives the files
	// both editions publish alike (the static search index) instead of
	// each of them: BuildEditions writes them once and links them
	// (publish.Tee).
	SharedSink func(publish.File) error
	// Quiz keeps every exercise's questions as data (markdown.Output.Quiz),
	// for razem export.
	Quiz bool
	// TemplatesOnly renders every partial through its template, never its
	// Go rendering (render.Options); tests compare the two.
	TemplatesOnly bool
}

// Result is a successful (or failed) build.
type Result struct {
	Config config.Config
	Site   *site.Site     // with Options.Sink, the pages' sources and HTML are released once rendered (releaseRendered)
	Files  []publish.File // every output file, sorted by path (none with Options.Sink)
	// Trainer is the trainer edition (with Options.Trainer; none with
	// Options.TrainerSink).
	Trainer []publish.File
	Diags   []diag.Diagnostic
	Times   Timings
	// Docs are the search documents (every page section); with
	// Options.Sink, released once analysed (SearchDocuments lists them
	// again).
	Docs     []search.Doc
	docCount int
	// Search is the analysed search corpus; nil when search is disabled or
	// for a live build.
	Search    *search.Corpus
	indexDone <-chan error // the bleve writer's, with Options.IndexDir
	indexErr  error
	indexOnce sync.Once
}

// Timings measures the stages of one build. Read, Parse, Convert and Total
// follow one another; Render and Search run side by side from the end of
// Convert. Search is the whole of the search stage's part in Build: Analyse
// (the Polish analysis of every section) and Static (the static index) run
// in turn within it; Index, the bleve writer, starts after Analyse and may
// still be running when Build returns (it is set once Result.WaitIndex has
// returned).
type Timings struct {
	Total, Read, Parse, Convert, Render, Search time.Duration
	Analyse, Static, Index                      time.Duration
}

// Build runs the pipeline once. It returns *diag.Failed when the input has
// errors; the result then still carries the diagnostics.
func Build(ctx context.Context, o Options) (*Result, error) {
	var b *Builder // no cache
	return b.build(ctx, o)
}

// Build runs the pipeline, reusing what the previous builds computed for
// unchanged input.
func (b *Builder) Build(ctx context.Context) (*Result, error) { return b.build(ctx, b.o) }

func (b *Builder) build(ctx context.Context, o Options) (*Result, error) {
	start := time.Now()
	res := &Result{}
	var l diag.List
	// Loading the Polish analysis takes about 80 ms: it overlaps reading and
	// parsing, and is awaited where the glossary first needs it.
	analyzer, loaded := o.Analyzer, make(chan error, 1)
	if analyzer == nil {
		go func() {
			var err error
			analyzer, err = polish.New()
			loaded <- err
		}()
	} else {
		loaded <- nil
	}
	cfg, ds := loadConfig(o)
	l.Append(ds...)
	res.Config = cfg
	if l.HasErrors() {
		return res, failed(res, &l)
	}
	md, assets, err := b.readSource(o.Source, cfg.ContentDir)
	if err != nil {
		return res, fmt.Errorf("read %s: %w", cfg.ContentDir, err)
	}
	res.Times.Read = time.Since(start)

	pages := b.parsePages(cfg, md, o.Drafts, &l)
	res.Times.Parse = time.Since(start) - res.Times.Read

	theme := b.loadTheme(func(l *diag.List) *render.Theme {
		return render.Load(themeLayers(o.Source, cfg, configName(o), l), o.Source, l, render.Options{TemplatesOnly: o.TemplatesOnly, Problem: linkProblem})
	}, &l)
	files, contentCopies, staticCopies, err := assetFiles(o.Source, cfg, assets, &l)
	if err != nil {
		return res, err
	}
	var derived *site.Derived
	if b != nil {
		derived = &b.derived
	}
	s := site.NewFrom(pages, files, cfg.Language, derived, &l)
	res.Site = s
	convs := newConverters(s, cfg, theme)
	if err := <-loaded; err != nil {
		return res, err
	}
	o.Analyzer = analyzer
	// A one-off build that writes as it renders lets go of each piece of
	// the site as soon as nothing later reads it; a Builder keeps them for
	// the next build, and a build into memory returns them.
	release := b == nil && o.Sink != nil
	b.convertPages(s, cfg, o, theme, convs, release, &l)
	s.Assemble(linkSeverity(cfg), &l)
	copies := append(referenced(s, contentCopies), staticCopies...)
	collisions(s, theme, configView{contentDir: cfg.ContentDir, search: cfg.Search.Enabled}, copies, &l)
	res.Times.Convert = time.Since(start) - res.Times.Read - res.Times.Parse
	if err := ctx.Err(); err != nil {
		return res, err
	}

	if l.HasErrors() {
		return res, failed(res, &l)
	}
	t0 := time.Now()
	// The search indexes are built while pages render: both only read the
	// assembled site.
	var searchFiles []publish.File
	var searchErr error
	done := make(chan struct{})
	// A live build leaves the documents to the background indexer
	// (Result.SearchDocuments): listing 150,000 sections costs tens of
	// milliseconds that a save's reload should not wait for.
	if cfg.Search.Enabled && !o.Live {
		res.Docs = searchDocs(s)
	}
	if release {
		releaseChecked(s)
	}
	go func() {
		defer close(done)
		// razem serve indexes in the background and answers from its own
		// index, so a live build skips the analysis.
		if cfg.Search.Enabled && !o.Live {
			docs := res.Docs
			if release {
				// The corpus keeps the list while it needs it (20 MB at
				// 10,000 pages), not after.
				res.docCount, res.Docs = len(docs), nil
			}
			res.Search, searchFiles, res.indexDone, searchErr = buildSearch(docs, o.Analyzer, o.IndexDir, searchSink(o), release, &res.Times)
		}
		res.Times.Search = time.Since(t0)
	}()
	var epoch key
	if b != nil {
		epoch = b.siteEpoch(s, theme, keyOf(cfg, o.Live))
	}
	out, trainer := b.renderSite(s, theme, cfg, o, convs, epoch, &l)
	if release {
		releaseRendered(s)
	}
	copied := copyFiles(o.Source, copies, &l)
	out = append(out, copied...)
	res.Times.Render = time.Since(t0)
	<-done
	if searchErr != nil {
		return res, fmt.Errorf("search: %w", searchErr)
	}
	out = append(out, searchFiles...)
	if res.Files, err = finishEdition(cfg, s, o, o.Sink, out, &l); err != nil {
		return res, err
	}
	if o.Trainer {
		// The trainer edition shares the learner's search index: it finds
		// the same pages, and answers were never in it.
		trainer = append(append(trainer, copied...), searchFiles...)
		if res.Trainer, err = finishEdition(cfg, s, o, o.TrainerSink, trainer, &l); err != nil {
			return res, err
		}
	}
	res.Diags = l.Sorted()
	res.Times.Total = time.Since(start)
	if diag.CountErrors(res.Diags) > 0 {
		return res, &diag.Failed{Diags: res.Diags}
	}
	return res, nil
}

// releaseChecked drops what a one-off build no longer reads of the pages'
// conversions once links are checked and the search documents listed,
// before rendering starts: the sections (their text stays in the search
// documents until the index writers drop it) and every element id. At
// 10,000 pages they are 18 MB, held through rendering and the search
// indexes otherwise. The Output is copied, not cleared, as in
// releaseRendered.
func releaseChecked(s *site.Site) {
	for _, p := range s.Pages {
		if p.Doc != nil {
			d := *p.Doc
			d.Sections, d.IDs = nil, nil
			if d.Trainer != nil { // shares them
				t := *d.Trainer
				t.Sections, t.IDs = nil, nil
				d.Trainer = &t
			}
			p.Doc = &d
		}
	}
}

// releaseRendered drops the pages' sources and converted HTML once every page
// has been rendered and handed to the sink: the search builders, often
// still at work, read only their own documents, and at 10,000 pages the
// two are 200 MB of the heap. The Output is copied, not cleared: a cache
// may share it.
func releaseRendered(s *site.Site) {
	for _, p := range s.Pages {
		p.Body = nil
		if p.Doc != nil {
			d := *p.Doc
			d.Trainer = nil
			dropHTML(&d)
			p.Doc = &d
		}
	}
}

// finishEdition hands an edition's files to its sink, or adds the offline
// files and sorts them.
func finishEdition(cfg config.Config, s *site.Site, o Options, sink func(publish.File) error, out []publish.File, l *diag.List) ([]publish.File, error) {
	switch {
	case sink != nil:
		sinkAll(sink, out, l)
		return nil, nil
	case !o.Live: // the authoring server must not install a caching worker
		offline, err := OfflineFiles(cfg, s, publish.NewFS(out, time.Time{}))
		if err != nil {
			return nil, err
		}
		return sortFiles(append(out, offline...)), nil
	}
	return sortFiles(out), nil
}

func failed(res *Result, l *diag.List) error {
	res.Diags = l.Sorted()
	return &diag.Failed{Diags: res.Diags}
}

// configName is the config file of a build.
func configName(o Options) string {
	if o.ConfigFile == "" {
		return "config.toml"
	}
	return o.ConfigFile
}

func loadConfig(o Options) (config.Config, []diag.Diagnostic) {
	cfg, ds := config.Load(o.Source, configName(o))
	if o.BaseURL != "" {
		cfg.BaseURL = o.BaseURL
		if cfg.BaseURL[len(cfg.BaseURL)-1] != '/' {
			cfg.BaseURL += "/"
		}
	}
	if o.Drafts {
		cfg.Build.Drafts = true
	}
	return cfg, ds
}

func linkSeverity(cfg config.Config) diag.Severity {
	if cfg.Build.BrokenLinks == "warning" {
		return diag.Warning
	}
	return diag.Error
}

// forEach runs fn for 0..n-1 on all cores. Callers write results[i] so the
// output order never depends on scheduling.
func forEach(n int, fn func(i int)) {
	workers := min(runtime.GOMAXPROCS(0), n)
	var wg sync.WaitGroup
	next := make(chan int, workers)
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				fn(i)
			}
		}()
	}
	for i := 0; i < n; i++ {
		next <- i
	}
	close(next)
	wg.Wait()
}

func (b *Builder) parsePages(cfg config.Config, md []sourceFile, drafts bool, l *diag.List) []*page.Page {
	results := make([]*page.Page, len(md))
	var cfgKey key // hashed once: every page's settings include it
	if b != nil {
		cfgKey = keyOf(cfg.Language, cfg.TypeAliases, cfg.ContentDir)
	}
	forEach(len(md), func(i int) {
		f := md[i]
		settings := func() key { return keyOf(f.Path, cfgKey) }
		results[i] = b.parse(settings, f, func(l *diag.List) *page.Page {
			return page.Parse(f.Path, path.Join(cfg.ContentDir, f.Path), f.Data, cfg.Language, cfg.TypeAliases, l)
		}, l)
	})
	out := results[:0]
	for _, p := range results {
		if !p.Meta.Draft || drafts || cfg.Build.Drafts {
			out = append(out, p)
		}
	}
	return out
}

// converters holds one Markdown converter per language of the site: each
// has its quotation marks and UI strings (callout titles, exercise labels).
type converters map[string]*markdown.Converter

func newConverters(s *site.Site, cfg config.Config, theme *render.Theme) converters {
	convs := converters{}
	for _, lang := range s.Languages {
		convs[lang] = markdown.New(markdown.Options{Lang: lang, RawHTML: cfg.Markdown.RawHTML, Typographer: cfg.Markdown.Typographer,
			Strings: theme.StringsFor(lang), NoSections: !cfg.Search.Enabled})
	}
	return convs
}

// of returns the converter for a page language.
func (c converters) of(lang string) *markdown.Converter { return c[lang] }

// convertPages converts every page's Markdown to HTML and search sections.
// With release (a one-off build that writes as it renders) each page's
// source is dropped once converted: every page then has its HTML, and only
// the steps of learning paths are converted again (for their handouts,
// while rendering). At 10,000 pages the sources are 95 MB, which the heap
// would otherwise hold until conversion ends, when it also holds every
// page's HTML and search text: the build's first peak.
func (b *Builder) convertPages(s *site.Site, cfg config.Config, o Options, theme *render.Theme, convs converters, release bool, l *diag.List) {
	// Each language links to its own glossary, matched by its own
	// analysis: Polish by razem's, others by bleve's (package analysis).
	terms := map[string]*glossary.Index{}
	if cfg.Glossary.Autolink {
		langs := analysis.NewSet(o.Analyzer)
		for _, code := range s.Languages {
			var keys glossary.Analyzer = PolishKeys{A: o.Analyzer}
			if code != "pl" {
				a, _ := langs.For(code) // only Polish can fail to load, and it is loaded
				keys = LangKeys{A: a}
			}
			terms[code] = b.glossary(code, o.Analyzer, glossary.FromSite(s.In(code), page.TypeTerm), keys)
		}
	}
	sev := linkSeverity(cfg)
	env := b.envKey(s, cfg, theme)
	var steps map[*site.Page]bool
	if release {
		steps = s.Steps()
	}
	forEach(len(s.Pages), func(i int) {
		p := s.Pages[i]
		in := markdown.Input{File: p.File, Body: p.Body, BodyLine: p.BodyLine, Exercise: p.Meta.Type == page.TypeExercise,
			Links: s.Resolver(p), LinkProblem: sev, Quiz: o.Quiz && p.Meta.Type == page.TypeExercise}
		if ix := terms[p.Meta.Lang]; ix != nil {
			in.Terms = ix.For(p)
		}
		conv := convs.of(p.Meta.Lang)
		k := func() key { return keyOf(env, p.Path, p.URL, b.srcKey(p.Path), p.Meta.Lang, p.Meta.Type, in.Quiz) }
		p.Doc = b.convert(p.Path, k, func(l *diag.List) *markdown.Output { return conv.Convert(in, l) }, l)
		if release && !steps[p] {
			p.Body = nil
		}
	})
}

// convertEnv hashes what a page's conversion depends on besides its own
// body: where links may point (every page and file) and the glossary.
func convertEnv(s *site.Site, cfg config.Config, theme *render.Theme) key {
	h := newFieldHash()
	// The theme's hash covers its UI strings: they come from its files.
	h.key(keyOf(cfg.Markdown, cfg.Glossary, cfg.Build.BrokenLinks, cfg.Search.Enabled, key(theme.Hash)))
	for _, p := range s.Pages {
		h.str(p.Path)
		h.str(p.URL)
		h.str(p.Meta.Lang) // a term links from pages of its language only
		if p.Meta.Type == page.TypeTerm {
			h.str(p.Meta.Title)
			h.strs(p.Meta.Aliases)
			h.str(p.Meta.Description)
		}
	}
	h.strs(s.FileList)
	return h.sum()
}

// themeLayers lists where layouts come from: the site's own layouts/ and
// i18n/ first, then the theme. The default theme is built in: a site's
// themes/default, if it has one, is laid over the embedded copy file by
// file, so a site may hold only the files it changes. Another theme must
// be in the site's themes folder.
func themeLayers(fsys fs.FS, cfg config.Config, configFile string, l *diag.List) []render.Layer {
	themeDir := path.Join(cfg.ThemesDir, cfg.Theme)
	layers := []render.Layer{{Dir: ".", NoStatic: true}}
	if fi, err := fs.Stat(fsys, themeDir); err == nil && fi.IsDir() {
		layers = append(layers, render.Layer{Dir: themeDir, Name: themeDir})
	} else if cfg.Theme != defaultTheme {
		l.Add(diag.Pos{File: configFile}, "theme %q: there is no folder %s; put the theme there, or remove theme to use the built-in default", cfg.Theme, themeDir)
	}
	if cfg.Theme == defaultTheme {
		layers = append(layers, render.Layer{FS: themes.Default(), Dir: ".", Name: themeDir, Stock: true})
	}
	return layers
}

// defaultTheme is the theme built into razem (package themes).
const defaultTheme = "default"

// sinkAll hands files to a Sink on all cores.
func sinkAll(sink func(publish.File) error, files []publish.File, l *diag.List) {
	forEach(len(files), func(i int) {
		if err := sink(files[i]); err != nil {
			l.Add(diag.Pos{File: files[i].Path}, "writing the output: %v", err)
		}
	})
}

// WaitIndex waits until the bleve index started by Build is written and
// returns the writer's error. It is safe to call more than once, and
// returns at once when no index is being written.
func (r *Result) WaitIndex() error {
	r.indexOnce.Do(func() {
		if r.indexDone != nil {
			r.indexErr = <-r.indexDone
		}
	})
	return r.indexErr
}

// BleveDir is where the prebuilt bleve index lives inside the site.
const BleveDir = "search/bleve"

// SearchDocs counts the search documents of a build.
func (r *Result) SearchDocs() int { return max(len(r.Docs), r.docCount) }

// SearchDocuments returns the search documents of a successful build with
// search enabled (nil otherwise): Docs, or for a live build, which does not
// list them, a fresh list made from the site. The site is read-only once
// built, so this may run on another goroutine while the next build runs.
func (r *Result) SearchDocuments() []search.Doc {
	if r.Docs != nil || r.Site == nil || !r.Config.Search.Enabled {
		return r.Docs
	}
	return searchDocs(r.Site)
}

// searchDocs lists every section of every page (the home page excepted) as
// a search document.
func searchDocs(s *site.Site) []search.Doc {
	n := 0
	for _, p := range s.Pages {
		n += len(p.Doc.Sections)
	}
	docs := make([]search.Doc, 0, n)
	for _, p := range s.Pages {
		if indexed(s, p) {
			docs = appendPageDocs(docs, p)
		}
	}
	return docs
}

// buildSearch analyses the documents and produces the static index. When
// indexDir is set it also starts writing the bleve index there, and returns
// before that is done: the channel reports the outcome.
//
// It records its stages in t: Analyse and Static before it returns, Index
// before the bleve writer's result is sent on the channel. With dropTexts
// (a one-off build) the writers drop the sections' texts as they go
// (Corpus.DropTexts), and docs lose their Body.
func buildSearch(docs []search.Doc, a *polish.Analyzer, indexDir string, sink func(publish.File) error, dropTexts bool, t *Timings) (*search.Corpus, []publish.File, <-chan error, error) {
	t0 := time.Now()
	c, err := search.NewCorpus(docs, a)
	if err != nil {
		return nil, nil, nil, err
	}
	if dropTexts && indexDir != "" {
		c.DropTexts()
	}
	t.Analyse = time.Since(t0)
	done := make(chan error, 1)
	if indexDir != "" {
		go func() {
			t1 := time.Now()
			err := c.WriteIndex(indexDir)
			t.Index = time.Since(t1)
			done <- err
		}()
	} else {
		done <- nil
	}
	t1 := time.Now()
	var files []publish.File
	err = c.StaticTo(func(name string, b []byte) error {
		f := publish.File{Path: "search/" + name, Data: b}
		if sink != nil {
			return sink(f)
		}
		files = append(files, f)
		return nil
	})
	if err != nil {
		return nil, nil, nil, err
	}
	t.Static = time.Since(t1)
	return c, files, done, nil
}

// searchSink is where the static search index goes as it is made: to
// both editions' sinks when every edition has one (razem build), so the
// index is never whole in memory; nil when the files are collected.
func searchSink(o Options) func(publish.File) error {
	switch {
	case o.Sink == nil || o.Trainer && o.TrainerSink == nil:
		return nil
	case o.Trainer && o.SharedSink != nil:
		return o.SharedSink
	}
	return func(f publish.File) error {
		if err := o.Sink(f); err != nil {
			return err
		}
		if o.Trainer {
			return o.TrainerSink(f)
		}
		return nil
	}
}

// OfflineFiles returns the service worker and web manifest of a finished
// site, so a learner who opened it once over http(s) can read and search
// it offline: they list the files to keep, and the worker's version is a
// hash of them. The shell is each language's home and search page; the
// search index's keys and the list pages follow, within the budget.
func OfflineFiles(cfg config.Config, s *site.Site, files fs.FS) ([]publish.File, error) {
	app := server.WebApp{Name: cfg.Title, Description: cfg.Description, Lang: cfg.Language,
		ThemeColor: "#1d4f91", Exclude: []string{BleveDir}}
	for _, code := range s.Languages {
		v := s.In(code)
		app.Shell = append(app.Shell, v.HomeURL, v.SearchURL)
		for _, sec := range v.Sections {
			app.Lists = append(app.Lists, sec.URL)
		}
		app.Lists = append(app.Lists, v.TagsURL)
	}
	app.Index = func(name string) (int, bool) {
		rel, ok := strings.CutPrefix(name, "search/")
		if !ok {
			return 0, false
		}
		return search.OfflineRank(rel)
	}
	m, err := server.OfflineFiles(app, files)
	if err != nil {
		return nil, err
	}
	var out []publish.File
	for _, name := range []string{server.ServiceWorkerFile, server.ManifestFile} {
		out = append(out, publish.File{Path: name, Data: m[name]})
	}
	return out, nil
}
