package server

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"log"
	"net"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// Diagnostic is one build problem shown in the overlay.
type Diagnostic struct {
	File    string `json:"file"`
	Line    int    `json:"line"`
	Col     int    `json:"col"`
	Message string `json:"message"`
}

// String formats d the way the command line prints it: file:line:col: message.
func (d Diagnostic) String() string {
	var b strings.Builder
	b.WriteString(d.File)
	if d.Line > 0 {
		b.WriteString(":" + strconv.Itoa(d.Line))
		if d.Col > 0 {
			b.WriteString(":" + strconv.Itoa(d.Col))
		}
	}
	return b.String() + ": " + d.Message
}

// Snapshot is one successful or failed build.
type Snapshot struct {
	// Site is the built site (public/ contents); nil if the build failed
	// before producing anything. Open directories on disk with DirFS.
	Site fs.FS
	// Diags lists errors; non-empty means this build failed and Site is the
	// last good one.
	Diags []Diagnostic
}

// Options configures a Server. The zero value serves intranet mode on
// 127.0.0.1:1313.
type Options struct {
	Bind string // default 127.0.0.1
	Port int    // default 1313
	// Watch selects authoring mode: live reload and the error overlay.
	Watch bool
	// Search is mounted at /api/search when non-nil.
	Search http.Handler
	// AccessLog receives one line per request in Common Log Format; nil
	// disables it.
	AccessLog io.Writer
	// Log receives terminal messages (shutdown, server errors such as
	// failed accepts, files that could not be read); nil discards them.
	Log io.Writer
}

// Timeouts of the HTTP server. WriteTimeout is lifted for the event stream
// only, which is long-lived by design.
const (
	readHeaderTimeout = 5 * time.Second
	readTimeout       = 30 * time.Second
	writeTimeout      = 60 * time.Second // a large file to an old PC on a slow link
	idleTimeout       = 120 * time.Second
	maxHeaderBytes    = 64 << 10
	shutdownTimeout   = 5 * time.Second
)

// state is what one request sees: the site and the build outcome belong
// together, so they are swapped as one pointer.
type state struct {
	site  *site        // nil until a build produced output
	build string       // ID of the served site; new on every successful Update
	diags []Diagnostic // non-empty while the latest build is broken
}

// Server serves snapshots of a built site. It is safe for concurrent use.
type Server struct {
	opts    Options
	state   atomic.Pointer[state]
	hub     *hub
	handler http.Handler
	search  http.Handler // Options.Search behind searchLimit
	log     *log.Logger

	mu    sync.Mutex // serialises Update
	epoch string     // distinguishes builds of different server processes
	gen   uint64

	writeTimeout time.Duration // the http.Server's WriteTimeout; tests shorten it
}

// New returns a Server that serves first until the first Update.
func New(opts Options, first Snapshot) *Server {
	if opts.Bind == "" {
		opts.Bind = "127.0.0.1"
	}
	if opts.Port == 0 {
		opts.Port = 1313
	}
	logw := opts.Log
	if logw == nil {
		logw = io.Discard
	}
	s := &Server{
		opts:  opts,
		hub:   newHub(),
		log:   log.New(logw, "", 0),
		epoch: strconv.FormatInt(time.Now().UnixNano(), 36),

		writeTimeout: writeTimeout,
	}
	s.state.Store(&state{build: s.nextBuild()})
	s.Update(first)
	s.search = defaultSearchLimit(opts.Search)
	s.handler = s.accessLog(securityHeaders(s.checkHost(http.HandlerFunc(s.route))))
	return s
}

func (s *Server) nextBuild() string {
	s.gen++
	return s.epoch + "-" + strconv.FormatUint(s.gen, 10)
}

// Update publishes the outcome of a rebuild. A good snapshot (no Diags)
// replaces the served site atomically and tells browsers to reload; a failed
// one keeps the last good site and shows the diagnostics in the overlay.
func (s *Server) Update(snap Snapshot) {
	s.mu.Lock()
	defer s.mu.Unlock()
	old := s.state.Load()
	// Clone: readers use the slice long after the caller moved on.
	next := &state{site: old.site, build: old.build, diags: slices.Clone(snap.Diags)}
	switch {
	case len(snap.Diags) == 0 && snap.Site != nil:
		next.site, next.build = newSite(snap.Site), s.nextBuild()
	case old.site == nil && snap.Site != nil:
		// The first build failed but the caller still has a last good
		// site (e.g. public/ from an earlier run): better than nothing.
		next.site, next.build = newSite(snap.Site), s.nextBuild()
	}
	s.state.Store(next)
	s.hub.notify()
}

// Handler returns the server's HTTP handler, for tests and for embedding.
func (s *Server) Handler() http.Handler { return s.handler }

// Addr returns the host:port that ListenAndServe listens on.
func (s *Server) Addr() string {
	return net.JoinHostPort(s.opts.Bind, strconv.Itoa(s.opts.Port))
}

// ListenAndServe listens on Options.Bind:Port and serves until ctx is
// cancelled, then shuts down gracefully; see Serve.
func (s *Server) ListenAndServe(ctx context.Context) error {
	ln, err := net.Listen("tcp", s.Addr())
	if err != nil {
		return fmt.Errorf("serve: %w", err)
	}
	return s.Serve(ctx, ln)
}

// Serve serves on ln until ctx is cancelled. It then stops accepting
// connections, ends the live-reload streams, and waits up to five seconds
// for requests in flight before closing what is left. It returns nil after
// a graceful shutdown.
func (s *Server) Serve(ctx context.Context, ln net.Listener) error {
	srv := &http.Server{
		Handler:           s.handler,
		ReadHeaderTimeout: readHeaderTimeout,
		ReadTimeout:       readTimeout,
		WriteTimeout:      s.writeTimeout,
		IdleTimeout:       idleTimeout,
		MaxHeaderBytes:    maxHeaderBytes,
		ErrorLog:          s.log,
	}
	// Shutdown waits for connections to go idle, which an event stream
	// never does on its own.
	srv.RegisterOnShutdown(s.hub.close)
	// No start banner: the command prints one with more to say.

	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return fmt.Errorf("serve: %w", err)
	case <-ctx.Done():
	}
	s.log.Printf("razem: shutting down")
	sctx, cancel := context.WithTimeout(context.Background(), shutdownTimeout)
	defer cancel()
	err := srv.Shutdown(sctx)
	if err != nil {
		srv.Close()
		err = fmt.Errorf("serve: shutdown: %w", err)
	}
	if serr := <-errc; !errors.Is(serr, http.ErrServerClosed) && err == nil {
		err = fmt.Errorf("serve: %w", serr)
	}
	return err
}

// route dispatches a request whose path has been checked.
func (s *Server) route(w http.ResponseWriter, r *http.Request) {
	req, code := parsePath(r)
	if code != 0 {
		http.Error(w, http.StatusText(code), code)
		return
	}
	p := r.URL.Path
	switch {
	case s.search != nil && (p == "/api/search" || strings.HasPrefix(p, "/api/search/")):
		s.search.ServeHTTP(w, r)
	case s.opts.Watch && strings.HasPrefix(p, "/__razem/"):
		s.serveInternal(w, r)
	case s.opts.Watch && p == "/sw.js":
		serveAsset(w, r, "sw-kill.js")
	default:
		s.serveStatic(w, r, req)
	}
}
