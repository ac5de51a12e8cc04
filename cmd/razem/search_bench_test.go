package main

import (
	"context"
	"net/http"
	"net/http/httptest"
	"net/url"
	"path/filepath"
	"runtime"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/razem/razem/generator"
	"github.com/razem/razem/generator/search"
	"github.com/razem/razem/generator/server"
)

// BenchmarkConcurrentSearches sends 1,000 concurrent searches (three each)
// to /api/search on an index of the synthetic corpus, straight to the
// search handler ("unlimited", as the server did before it limited them)
// and through the server, and reports the peak Go heap (sampled every
// millisecond) and how many were told to retry (503).
//
//	go test ./cmd/razem -run '^$' -bench ConcurrentSearches -pages 10000 -benchtime 1x
func BenchmarkConcurrentSearches(b *testing.B) {
	dir := benchSite(b, "")
	public := filepath.Join(dir, "public")
	if _, _, err := generator.BuildInto(context.Background(), generator.Options{Source: generator.DirFS(dir)}, public); err != nil {
		b.Fatal(err)
	}
	ix, err := search.Open(filepath.Join(public, filepath.FromSlash(generator.BleveDir)))
	if err != nil {
		b.Fatal(err)
	}
	defer ix.Close()
	words := []string{"koalicja współpraca media", "partnerstwo", "wspolpraca", "samorzad", "ambasador", "sponsor", "umowa", "projekt", "organizacja", "licencja"}
	for _, c := range []struct {
		name string
		h    http.Handler
	}{
		{"unlimited", search.Handler(ix)},
		{"server", server.New(server.Options{Search: search.Handler(ix)}, server.Snapshot{}).Handler()},
	} {
		b.Run(c.name, func(b *testing.B) {
			for b.Loop() {
				runtime.GC()
				var base runtime.MemStats
				runtime.ReadMemStats(&base)
				var peak atomic.Uint64
				stop := make(chan struct{})
				go func() {
					var m runtime.MemStats
					for {
						select {
						case <-stop:
							return
						case <-time.After(time.Millisecond):
						}
						runtime.ReadMemStats(&m)
						if m.HeapInuse > peak.Load() {
							peak.Store(m.HeapInuse)
						}
					}
				}()
				var busy atomic.Int64
				var wg sync.WaitGroup
				for i := range 1000 {
					wg.Go(func() {
						for j := range 3 {
							q := words[(i+j)%len(words)] + " " + words[(i*7+j)%len(words)]
							w := httptest.NewRecorder()
							c.h.ServeHTTP(w, httptest.NewRequest("GET", "/api/search?limit=100&q="+url.QueryEscape(q), nil))
							if w.Code == http.StatusServiceUnavailable {
								busy.Add(1)
							}
						}
					})
				}
				wg.Wait()
				close(stop)
				b.ReportMetric(float64(peak.Load()-min(peak.Load(), base.HeapInuse))/(1<<20), "peak-heap-growth-MB")
				b.ReportMetric(float64(busy.Load()), "503s")
			}
		})
	}
}
