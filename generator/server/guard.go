package server

import (
	"net"
	"net/http"
	"runtime"
	"strings"
	"sync/atomic"
	"time"
)

// hostAllowed says whether authoring mode answers a request for host (the
// Host header). A page on any web site can make the browser send requests
// to localhost:1313 under a name of its own that it points at 127.0.0.1
// (DNS rebinding), and then read the answers as its own: the drafts being
// written, /__razem/status. Such requests carry the attacker's name, so
// only the loopback names and the address the server was bound to are
// answered, and, when it listens on every interface, any IP address (a
// colleague opening http://192.168.1.5:1313/), which no rebinding can
// use. Intranet mode serves a public site under whatever name the intranet
// gives it and checks nothing.
func hostAllowed(host, bind string) bool {
	h := host
	if hh, _, err := net.SplitHostPort(host); err == nil {
		h = hh
	}
	h = strings.ToLower(strings.TrimSuffix(strings.Trim(h, "[]"), "."))
	switch h {
	case "localhost", "127.0.0.1", "::1":
		return true
	case "":
		return false
	}
	b := strings.ToLower(strings.Trim(bind, "[]"))
	if h == b {
		return true
	}
	if ip := net.ParseIP(b); b == "" || ip != nil && ip.IsUnspecified() {
		return net.ParseIP(h) != nil
	}
	return false
}

// checkHost refuses, in authoring mode, requests for a name the server
// does not answer to (see hostAllowed).
func (s *Server) checkHost(next http.Handler) http.Handler {
	if !s.opts.Watch {
		return next
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !hostAllowed(r.Host, s.opts.Bind) {
			http.Error(w, "razem serve answers requests for localhost and "+s.opts.Bind+" only", http.StatusMisdirectedRequest)
			return
		}
		next.ServeHTTP(w, r)
	})
}

// searchLimit bounds the searches that run at once: each holds postings,
// scores and snippets in memory, and 1,000 concurrent requests took a
// server from 96 to 674 MB. A few run per core, up to maxSearchQueue more
// wait (up to searchWait) for a turn, and the rest get 503 with
// Retry-After: the page's script then searches its static index.
type searchLimit struct {
	next    http.Handler
	slots   chan struct{}
	waiting atomic.Int64
	queue   int64
	wait    time.Duration
}

const (
	maxSearchQueue = 1024
	searchWait     = 2 * time.Second
)

func newSearchLimit(next http.Handler, running, queue int, wait time.Duration) *searchLimit {
	return &searchLimit{next: next, slots: make(chan struct{}, running), queue: int64(queue), wait: wait}
}

// searchesPerCore is how many searches run at once per core: a search
// waits on little but the CPU.
const searchesPerCore = 2

func (l *searchLimit) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	select {
	case l.slots <- struct{}{}:
	default:
		if l.waiting.Add(1) > l.queue {
			l.waiting.Add(-1)
			busy(w)
			return
		}
		t := time.NewTimer(l.wait)
		select {
		case l.slots <- struct{}{}:
			t.Stop()
			l.waiting.Add(-1)
		case <-t.C:
			l.waiting.Add(-1)
			busy(w)
			return
		case <-r.Context().Done():
			t.Stop()
			l.waiting.Add(-1)
			return
		}
	}
	defer func() { <-l.slots }()
	l.next.ServeHTTP(w, r)
}

func busy(w http.ResponseWriter) {
	h := w.Header()
	h.Set("Retry-After", "1")
	h.Set("Content-Type", "application/json; charset=utf-8")
	h.Set("Cache-Control", "no-store")
	w.WriteHeader(http.StatusServiceUnavailable)
	w.Write([]byte(`{"error":"too many searches at once; try again"}` + "\n"))
}

// defaultSearchLimit wraps a search handler with the limits above.
func defaultSearchLimit(h http.Handler) http.Handler {
	if h == nil {
		return nil
	}
	return newSearchLimit(h, searchesPerCore*runtime.GOMAXPROCS(0), maxSearchQueue, searchWait)
}
