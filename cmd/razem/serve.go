package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"sync"
	"sync/atomic"
	"time"

	"github.com/razem/razem/generator"
	"github.com/razem/razem/generator/config"
	"github.com/razem/razem/generator/diag"
	"github.com/razem/razem/generator/polish"
	"github.com/razem/razem/generator/publish"
	"github.com/razem/razem/generator/search"
	"github.com/razem/razem/generator/server"
	"github.com/razem/razem/generator/watch"
)

func runServe(ctx context.Context, c *cli, args []string) error {
	var f siteFlags
	fs := newFlags(c, "serve")
	f.register(fs, true)
	bind := fs.String("bind", "127.0.0.1", "`ADDRESS` to listen on (use 0.0.0.0 to serve the whole network)")
	port := fs.Int("port", 1313, "`PORT` to listen on")
	live := fs.Bool("watch", true, "rebuild on save and reload open pages; false: intranet mode (build once, caching and security headers, no reload script)")
	accessLog := fs.String("access-log", "", "write a common-log-format access log to `FILE` (- for standard output)")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	a, err := polish.New()
	if err != nil {
		return err
	}
	opts := f.options()
	opts.Analyzer = a
	sopts := server.Options{Bind: *bind, Port: *port, Watch: *live, Log: c.stderr}
	if *accessLog != "" {
		w, closeLog, err := openLog(c, *accessLog)
		if err != nil {
			return err
		}
		defer closeLog()
		sopts.AccessLog = w
	}
	if *live {
		return serveLive(ctx, c, &f, opts, sopts)
	}
	return serveIntranet(ctx, c, &f, opts, sopts)
}

func openLog(c *cli, name string) (io.Writer, func(), error) {
	if name == "-" {
		return c.stdout, func() {}, nil
	}
	fl, err := os.OpenFile(name, os.O_WRONLY|os.O_CREATE|os.O_APPEND, 0o644)
	if err != nil {
		return nil, nil, err
	}
	return fl, func() { fl.Close() }, nil
}

// serveIntranet builds once into public/, then serves it from disk the way
// an intranet server should: no reload script, caching and security headers.
func serveIntranet(ctx context.Context, c *cli, f *siteFlags, o generator.Options, so server.Options) error {
	f.trainerDest = "-" // the server is for learners: razem build makes the trainer edition
	res, _, err := buildToDisk(ctx, c, f, o)
	if err != nil {
		return err
	}
	dest := f.destDir(res.Config.PublishDir)
	site, err := server.DirFS(dest)
	if err != nil {
		return err
	}
	if res.Search != nil {
		ix, err := search.Open(filepath.Join(dest, filepath.FromSlash(generator.BleveDir)))
		if err != nil {
			return err
		}
		defer ix.Close()
		so.Search = search.Handler(ix)
	}
	srv := server.New(so, server.Snapshot{Site: site})
	fmt.Fprintf(c.stdout, "razem: %d pages from %s on http://%s/ (intranet mode; Ctrl+C stops)\n", len(res.Site.Pages), dest, srv.Addr())
	return srv.ListenAndServe(ctx)
}

// serveLive serves builds from memory and rebuilds on every change under
// the site's content, theme, layouts, static folders and config. public/ on
// disk is not touched: that is razem build's job.
func serveLive(ctx context.Context, c *cli, f *siteFlags, o generator.Options, so server.Options) error {
	o.Live, o.Watched, o.Trainer = true, true, true
	l := &liveSite{c: c, f: f, b: generator.NewBuilder(o), a: o.Analyzer, api: &swapHandler{}, builds: make(chan *generator.Result, 1)}
	defer l.closeIndex()
	ictx, stopIndexer := context.WithCancel(ctx)
	defer stopIndexer()
	go l.indexer(ictx)
	so.Search = l.api
	first := l.build(ctx)
	srv := server.New(so, first)
	roots := []string{filepath.Join(f.source, f.config)}
	for _, d := range []string{l.cfg.ContentDir, l.cfg.ThemesDir, "layouts", "i18n", "static"} {
		if p := filepath.Join(f.source, d); isDir(p) {
			roots = append(roots, p)
		}
	}
	// 20 ms of quiet is enough to see an editor's save as one batch and
	// leaves most of the 100 ms edit-to-reload budget to the build.
	w, err := watch.New(roots, watch.Options{Quiet: 20 * time.Millisecond, OnError: func(err error) { fmt.Fprintln(c.stderr, "razem serve: watch:", err) }})
	if err != nil {
		return err
	}
	defer w.Close()
	// A save between the first build and the watch went unreported.
	l.b.Changed(nil, true)
	go func() {
		for batch := range w.Changes() {
			t0 := time.Now()
			l.b.Changed(changedPaths(f.source, batch))
			snap := l.build(ctx)
			srv.Update(snap)
			if len(snap.Diags) == 0 {
				fmt.Fprintf(c.stdout, "razem: %d change(s), rebuilt in %v\n", len(batch), time.Since(t0).Round(time.Millisecond))
			}
		}
	}()
	fmt.Fprintf(c.stdout, "razem: serving on http://%s/ with live reload (Ctrl+C stops); trainer edition on http://%s/%s\n", srv.Addr(), srv.Addr(), TrainerPreview)
	return srv.ListenAndServe(ctx)
}

// liveSite rebuilds the site for the authoring server.
type liveSite struct {
	c       *cli
	f       *siteFlags
	b       *generator.Builder
	a       *polish.Analyzer
	cfg     config.Config
	api     *swapHandler
	printed string // the diagnostics last printed, so a broken file is reported once

	// builds hands the latest successful build to the indexer; a build it
	// has not taken yet is replaced by a newer one.
	builds chan *generator.Result
}

// offer hands a build to the indexer, replacing one it has not taken.
func (l *liveSite) offer(res *generator.Result) {
	for {
		select {
		case l.builds <- res:
			return
		default:
			select {
			case <-l.builds:
			default:
			}
		}
	}
}

func (l *liveSite) build(ctx context.Context) server.Snapshot {
	res, err := l.b.Build(ctx)
	l.cfg = res.Config
	var failed *diag.Failed
	if err != nil && !errors.As(err, &failed) {
		res.Diags = append(res.Diags, diag.Diagnostic{Pos: diag.Pos{File: l.f.source}, Msg: err.Error()})
	}
	if text := diag.Format(res.Diags); text != l.printed {
		l.c.report(l.f, res.Diags)
		l.printed = text
	}
	if err != nil {
		return server.Snapshot{Diags: serverDiags(res.Diags)}
	}
	files := res.Files
	for _, f := range res.Trainer {
		files = append(files, publish.File{Path: TrainerPreview + f.Path, Data: f.Data})
	}
	site := publish.NewFS(files, time.Now())
	if res.Config.Search.Enabled {
		l.offer(res) // pages reload at once; search catches up a moment later
	}
	return server.Snapshot{Site: site}
}

// TrainerPreview is where the authoring server shows the trainer edition.
// Content files starting with _ are ignored, so no page can be there.
const TrainerPreview = "_trener/"

// indexer keeps the search API current, on its own goroutine, until ctx
// ends. The first build is indexed whole: the base, built into a
// temporary folder by all cores (seconds on a large site; the API answers
// 503 meanwhile). After that, each build's changed pages update it
// (search.Index.Update): milliseconds, so search reflects a save about as
// soon as the page does. A build that changed many pages (a rename of a
// folder, a new glossary term across the site) is indexed whole again.
func (l *liveSite) indexer(ctx context.Context) {
	var base, cur *search.Index
	var closeBase func()
	var held generator.PageVersions
	defer func() {
		l.api.shutdown() // the server has stopped: nothing reads the indexes any more
		if closeBase != nil {
			closeBase()
		}
	}()
	for {
		var res *generator.Result
		select {
		case <-ctx.Done():
			return
		case res = <-l.builds:
		}
		docs, removed, now := res.SearchChanges(held)
		pages := map[string]bool{}
		for _, d := range docs {
			pages[d.URL] = true
		}
		if base != nil && len(pages) == 0 && len(removed) == 0 {
			held = now
			continue
		}
		if base == nil || len(pages)+len(removed) > max(50, len(now)/4) {
			ix, closeFn, err := l.wholeIndex(res)
			if err != nil {
				fmt.Fprintln(l.c.stderr, "razem serve: search index:", err)
				continue
			}
			// The base outlives the indexes Update makes from it: set
			// closes only those, and the old base goes once the last of
			// them is released (or when the server stops).
			l.api.set(search.Handler(ix), nil, closeBase)
			base, cur, held, closeBase = ix, ix, now, closeFn
			continue
		}
		dir, err := os.MkdirTemp("", "razem-serve-update-")
		if err == nil {
			var next *search.Index
			if next, err = cur.Update(docs, removed, filepath.Join(dir, "live")); err == nil {
				cur, held = next, now
				l.api.set(search.Handler(next), func() { next.Close(); os.RemoveAll(dir) }, nil)
				continue
			}
			os.RemoveAll(dir)
		}
		fmt.Fprintln(l.c.stderr, "razem serve: search index:", err)
	}
}

// wholeIndex indexes every page of a build into a temporary folder and
// opens it; the function returned closes it and removes the folder.
func (l *liveSite) wholeIndex(res *generator.Result) (*search.Index, func(), error) {
	dir, err := os.MkdirTemp("", "razem-serve-index-")
	if err != nil {
		return nil, nil, err
	}
	bleveDir := filepath.Join(dir, "bleve")
	corpus, err := search.NewCorpus(res.SearchDocuments(), l.a)
	if err == nil {
		err = corpus.WriteIndex(bleveDir)
	}
	var ix *search.Index
	if err == nil {
		ix, err = search.Open(bleveDir)
	}
	if err != nil {
		os.RemoveAll(dir)
		return nil, nil, err
	}
	return ix, func() { ix.Close(); os.RemoveAll(dir) }, nil
}

func (l *liveSite) closeIndex() { l.api.shutdown() }

// changedPaths turns a watcher's batch into paths relative to the site
// root for Builder.Changed, and says whether the whole tree must be read
// again (events were lost, or a path lies outside the site root).
func changedPaths(source string, batch []watch.Change) (paths []string, rescan bool) {
	for _, c := range batch {
		rel, err := filepath.Rel(source, c.Path)
		if c.Op.Has(watch.Rescan) || err != nil || !filepath.IsLocal(rel) {
			return nil, true
		}
		paths = append(paths, filepath.ToSlash(rel))
	}
	return paths, false
}

func serverDiags(ds []diag.Diagnostic) []server.Diagnostic {
	var out []server.Diagnostic
	for _, d := range ds {
		if d.Severity == diag.Error {
			out = append(out, server.Diagnostic{File: d.Pos.File, Line: d.Pos.Line, Col: d.Pos.Col, Message: d.Msg})
		}
	}
	return out
}

func isDir(p string) bool {
	st, err := os.Stat(p)
	return err == nil && st.IsDir()
}

// swapHandler is the search API of the live server, replaced atomically
// after each index update; 503 until the first index is ready. Each index
// is closed as soon as it has been replaced and the last request reading
// it has finished, so an author saving every second holds two at most.
type swapHandler struct {
	mu  sync.Mutex // serialises set and shutdown
	cur atomic.Pointer[apiEntry]
}

// apiEntry is one index's handler and what releases it.
type apiEntry struct {
	h       http.Handler
	release func() // closes the index (and what goes with it); may be nil
	refs    atomic.Int64
	retired atomic.Bool
	once    sync.Once
}

func (e *apiEntry) done() {
	if e.refs.Add(-1) == 0 && e.retired.Load() {
		e.once.Do(e.release)
	}
}

func (e *apiEntry) retire() {
	e.retired.Store(true)
	if e.refs.Load() == 0 {
		e.once.Do(e.release)
	}
}

// set serves h from now on. closeFn releases h's index once h is replaced
// and idle; after, if not nil, runs once the index h replaces is released
// (the base of an earlier index goes after the last index built on it).
func (s *swapHandler) set(h http.Handler, closeFn, after func()) {
	s.mu.Lock()
	defer s.mu.Unlock()
	e := &apiEntry{h: h, release: func() {
		if closeFn != nil {
			closeFn()
		}
	}}
	old := s.cur.Swap(e)
	if old == nil {
		if after != nil {
			after()
		}
		return
	}
	if after != nil {
		rel := old.release
		old.release = func() { rel(); after() }
	}
	old.retire()
}

// shutdown drops the handler and closes its index at once: the server has
// stopped, so nothing reads it any more.
func (s *swapHandler) shutdown() {
	s.mu.Lock()
	defer s.mu.Unlock()
	if old := s.cur.Swap(nil); old != nil {
		old.once.Do(old.release)
	}
}

func (s *swapHandler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	for {
		e := s.cur.Load()
		if e == nil {
			break
		}
		e.refs.Add(1)
		// Replaced between the load and the count: the entry may be closed
		// already, so take the new one.
		if s.cur.Load() != e {
			e.done()
			continue
		}
		defer e.done()
		e.h.ServeHTTP(w, r)
		return
	}
	w.Header().Set("Retry-After", "1")
	http.Error(w, `{"error":"the search index is being built"}`, http.StatusServiceUnavailable)
}
