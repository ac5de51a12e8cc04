package server

import (
	"net/http"
	"net/http/httptest"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

func TestHostAllowed(t *testing.T) {
	for _, c := range []struct {
		host, bind string
		ok         bool
	}{
		{"localhost:1313", "127.0.0.1", true},
		{"LOCALHOST:1313", "127.0.0.1", true},
		{"localhost.:1313", "127.0.0.1", true},
		{"127.0.0.1:1313", "127.0.0.1", true},
		{"[::1]:1313", "127.0.0.1", true},
		{"localhost", "127.0.0.1", true},
		{"attacker.example:1313", "127.0.0.1", false},
		{"127.0.0.1.nip.io:1313", "127.0.0.1", false},
		{"localhost.attacker.example", "127.0.0.1", false},
		{"192.168.1.5:1313", "127.0.0.1", false},
		{"", "127.0.0.1", false},
		{"razem.lan:1313", "razem.lan", true},
		{"192.168.1.5:1313", "192.168.1.5", true},
		{"192.168.1.5:1313", "0.0.0.0", true}, // listening everywhere: any address, no names
		{"[fe80::1]:1313", "::", true},
		{"intranet.example:1313", "0.0.0.0", false},
	} {
		if got := hostAllowed(c.host, c.bind); got != c.ok {
			t.Errorf("hostAllowed(%q, %q) = %v", c.host, c.bind, got)
		}
	}
}

// Authoring mode refuses a request whose Host is a name it does not answer
// to (DNS rebinding: a web page reading /__razem/status or the drafts);
// intranet mode serves any name.
func TestDNSRebindingRefused(t *testing.T) {
	for _, watch := range []bool{true, false} {
		s := New(Options{Watch: watch}, Snapshot{Site: testSite("1")})
		for _, c := range []struct {
			host, path string
			want       int
		}{
			{"localhost:1313", "/__razem/status", http.StatusOK},
			{"attacker.example:1313", "/__razem/status", http.StatusMisdirectedRequest},
			{"attacker.example:1313", "/", http.StatusMisdirectedRequest},
			{"127.0.0.1:1313", "/", http.StatusOK},
		} {
			r := httptest.NewRequest("GET", c.path, nil)
			r.Host = c.host
			w := httptest.NewRecorder()
			s.Handler().ServeHTTP(w, r)
			want := c.want
			if !watch {
				want = http.StatusOK
				if c.path == "/__razem/status" {
					want = http.StatusNotFound
				}
			}
			if w.Code != want {
				t.Errorf("watch=%v %s%s: %d, want %d", watch, c.host, c.path, w.Code, want)
			}
		}
	}
}

// At most `running` searches run at once; up to `queue` more wait for a
// turn, and the rest are told at once to retry (503, Retry-After), as are
// those that waited too long.
func TestSearchLimit(t *testing.T) {
	const running, queue, clients = 3, 5, 40
	var now, peak atomic.Int64
	release := make(chan struct{})
	slow := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		n := now.Add(1)
		for p := peak.Load(); n > p && !peak.CompareAndSwap(p, n); p = peak.Load() {
		}
		<-release
		now.Add(-1)
		w.Write([]byte("{}"))
	})
	l := newSearchLimit(slow, running, queue, 5*time.Second)
	codes := make(chan int, clients)
	var wg sync.WaitGroup
	for range clients {
		wg.Go(func() {
			w := httptest.NewRecorder()
			l.ServeHTTP(w, httptest.NewRequest("GET", "/api/search?q=x", nil))
			if w.Code == http.StatusServiceUnavailable && w.Header().Get("Retry-After") == "" {
				t.Error("503 without Retry-After")
			}
			codes <- w.Code
		})
	}
	// Everyone beyond the running and the waiting is turned away at once.
	for range clients - running - queue {
		if c := <-codes; c != http.StatusServiceUnavailable {
			t.Fatalf("got %d before any search finished, want 503", c)
		}
	}
	close(release)
	wg.Wait()
	close(codes)
	for c := range codes {
		if c != http.StatusOK {
			t.Errorf("a running or waiting search got %d", c)
		}
	}
	if peak.Load() != running {
		t.Errorf("%d searches ran at once, want %d", peak.Load(), running)
	}
	// A search that waits longer than the limit is told to retry.
	block := make(chan struct{})
	l = newSearchLimit(http.HandlerFunc(func(http.ResponseWriter, *http.Request) { <-block }), 1, 1, 50*time.Millisecond)
	go l.ServeHTTP(httptest.NewRecorder(), httptest.NewRequest("GET", "/", nil))
	for len(l.slots) == 0 {
		time.Sleep(time.Millisecond)
	}
	w := httptest.NewRecorder()
	l.ServeHTTP(w, httptest.NewRequest("GET", "/", nil))
	close(block)
	if w.Code != http.StatusServiceUnavailable {
		t.Errorf("after waiting: %d", w.Code)
	}
}
