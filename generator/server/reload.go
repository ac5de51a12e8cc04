package server

import (
	"bytes"
	"embed"
	"encoding/json"
	"fmt"
	"html"
	"net/http"
	"path"
	"sync"
	"time"
)

//go:embed assets
var assets embed.FS

// keepAlive is how often an idle event stream gets a comment line, so that
// a dead browser is noticed and proxies do not time the stream out.
const keepAlive = 20 * time.Second

// hub tells the event streams that the state changed. A signal carries no
// data: each stream re-reads the current state, so a burst of updates
// coalesces into the latest one instead of queueing.
type hub struct {
	mu      sync.Mutex
	clients map[chan struct{}]struct{}
	done    chan struct{}
	closed  bool
}

func newHub() *hub {
	return &hub{clients: map[chan struct{}]struct{}{}, done: make(chan struct{})}
}

func (h *hub) subscribe() (chan struct{}, bool) {
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.closed {
		return nil, false
	}
	ch := make(chan struct{}, 1)
	h.clients[ch] = struct{}{}
	return ch, true
}

func (h *hub) unsubscribe(ch chan struct{}) {
	h.mu.Lock()
	delete(h.clients, ch)
	h.mu.Unlock()
}

// count returns the number of open streams.
func (h *hub) count() int {
	h.mu.Lock()
	defer h.mu.Unlock()
	return len(h.clients)
}

func (h *hub) notify() {
	h.mu.Lock()
	defer h.mu.Unlock()
	for ch := range h.clients {
		select {
		case ch <- struct{}{}:
		default: // a signal is already pending; it will read the latest state
		}
	}
}

// close ends every stream, for graceful shutdown.
func (h *hub) close() {
	h.mu.Lock()
	defer h.mu.Unlock()
	if !h.closed {
		h.closed = true
		close(h.done)
	}
}

// status is the JSON form of a state, sent in events and by /__razem/status.
type status struct {
	Build       string       `json:"build"`
	Diagnostics []Diagnostic `json:"diagnostics"`
}

func (st *state) status() []byte {
	d := st.diags
	if d == nil {
		d = []Diagnostic{}
	}
	b, _ := json.Marshal(status{Build: st.build, Diagnostics: d})
	return b
}

func (s *Server) serveInternal(w http.ResponseWriter, r *http.Request) {
	switch r.URL.Path {
	case "/__razem/events":
		s.serveEvents(w, r)
	case "/__razem/status":
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("Cache-Control", "no-store")
		w.Write(s.state.Load().status())
	case "/__razem/reload.js", "/__razem/reload.css":
		serveAsset(w, r, path.Base(r.URL.Path))
	default:
		http.NotFound(w, r)
	}
}

// serveAsset serves one of the server's own embedded files.
func serveAsset(w http.ResponseWriter, r *http.Request, name string) {
	data, err := assets.ReadFile("assets/" + name)
	if err != nil {
		http.NotFound(w, r)
		return
	}
	w.Header().Set("Content-Type", contentType(name))
	w.Header().Set("Cache-Control", "no-cache")
	http.ServeContent(w, r, "", time.Time{}, bytes.NewReader(data))
}

// serveEvents streams the build state as Server-Sent Events: "hello" with
// the current build ID on connect, "reload" when the served site changed,
// "error" with the diagnostics when the latest build failed.
func (s *Server) serveEvents(w http.ResponseWriter, r *http.Request) {
	ch, ok := s.hub.subscribe()
	if !ok {
		http.Error(w, "shutting down", http.StatusServiceUnavailable)
		return
	}
	defer s.hub.unsubscribe(ch)
	rc := http.NewResponseController(w)
	// The stream outlives the server's read and write timeouts by design.
	rc.SetReadDeadline(time.Time{})
	rc.SetWriteDeadline(time.Time{})

	h := w.Header()
	h.Set("Content-Type", "text/event-stream")
	h.Set("Cache-Control", "no-store")
	h.Set("X-Accel-Buffering", "no") // tell nginx-style proxies not to buffer
	w.WriteHeader(http.StatusOK)

	last := s.state.Load()
	fmt.Fprintf(w, "retry: 1000\n\n")
	writeEvent(w, "hello", last.status())
	if len(last.diags) > 0 {
		writeEvent(w, "error", last.status())
	}
	if rc.Flush() != nil {
		return
	}
	tick := time.NewTicker(keepAlive)
	defer tick.Stop()
	for {
		select {
		case <-r.Context().Done():
			return
		case <-s.hub.done:
			return
		case <-tick.C:
			fmt.Fprint(w, ": keep-alive\n\n")
		case <-ch:
			st := s.state.Load()
			switch {
			case st.build != last.build:
				// A page reloaded into a still-broken build shows the
				// overlay from its own stream's first events.
				writeEvent(w, "reload", st.status())
			case len(st.diags) > 0:
				writeEvent(w, "error", st.status())
			case len(last.diags) > 0:
				// Fixed without a new site: reloading drops the overlay.
				writeEvent(w, "reload", st.status())
			}
			last = st
		}
		if rc.Flush() != nil {
			return
		}
	}
}

func writeEvent(w http.ResponseWriter, name string, data []byte) {
	// JSON has no raw newlines, so one data line is enough.
	fmt.Fprintf(w, "event: %s\ndata: %s\n\n", name, data)
}

// injectReload adds the live-reload script before the last </body>, or at
// the end when a minifier dropped the optional end tags.
func injectReload(body []byte, build string) []byte {
	tag := `<script src="/__razem/reload.js" data-build="` + html.EscapeString(build) + `" data-razem-reload defer></script>`
	i := lastIndexFold(body, []byte("</body"))
	if i < 0 {
		i = len(body)
	}
	out := make([]byte, 0, len(body)+len(tag))
	out = append(out, body[:i]...)
	out = append(out, tag...)
	return append(out, body[i:]...)
}

// lastIndexFold is bytes.LastIndex for an ASCII lower-case needle,
// ignoring the case of body.
func lastIndexFold(body, needle []byte) int {
	for i := len(body) - len(needle); i >= 0; i-- {
		if bytes.EqualFold(body[i:i+len(needle)], needle) {
			return i
		}
	}
	return -1
}

// serveNoSite answers while no build has produced a site yet. In authoring
// mode the page carries the reload script, so it shows the overlay and
// turns into the site once a build succeeds.
func (s *Server) serveNoSite(w http.ResponseWriter, r *http.Request, st *state) {
	w.Header().Set("Retry-After", "1")
	if !s.opts.Watch {
		http.Error(w, "site not built yet", http.StatusServiceUnavailable)
		return
	}
	page := []byte(`<!doctype html><html lang="pl"><meta charset="utf-8"><title>razem</title>` +
		`<body><main><h1>razem</h1><p>Strona nie została jeszcze zbudowana. Popraw błędy, a odświeży się sama.</p>` +
		`<p lang="en">The site has not been built yet. Fix the errors and it will reload.</p></main></body></html>`)
	writeBody(w, r, http.StatusServiceUnavailable, "text/html; charset=utf-8", injectReload(page, st.build))
}
