package server

import (
	"fmt"
	"io"
	"net/http"
	"slices"
	"sync"
	"testing"
	"time"
)

// TestLoad holds 1,000 concurrent keep-alive connections against intranet
// mode for a few seconds and requires every request to succeed. It logs
// the latency percentiles; it asserts no timing (timing belongs to
// benchmarks), only correctness under load.
//
//	go test ./generator/server -run TestLoad -v
func TestLoad(t *testing.T) {
	if testing.Short() {
		t.Skip("load test skipped in -short mode")
	}
	const duration = 2500 * time.Millisecond
	conns := 1000
	if raceEnabled {
		conns = 200
	}
	srv := start(t, Options{}, Snapshot{Site: testSite("load")})
	tr := &http.Transport{
		MaxIdleConns:        conns,
		MaxIdleConnsPerHost: conns,
		MaxConnsPerHost:     conns,
		DisableCompression:  true,
	}
	defer tr.CloseIdleConnections()
	c := &http.Client{Transport: tr, Timeout: 30 * time.Second}
	paths := []struct {
		path string
		code int
	}{
		{"/", 200}, {"/moduly/", 200}, {"/assets/app.0123abcd.css", 200},
		{"/assets/app.js", 200}, {"/assets/font.woff2", 200}, {"/nie-ma", 404},
	}

	var (
		mu        sync.Mutex
		latencies []time.Duration
		errs      []string
		wg        sync.WaitGroup
	)
	deadline := time.Now().Add(duration)
	begin := make(chan struct{})
	for i := range conns {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var mine []time.Duration
			var bad []string
			<-begin
			for n := i; time.Now().Before(deadline); n++ {
				p := paths[n%len(paths)]
				req, _ := http.NewRequest("GET", srv.url+p.path, nil)
				req.Header.Set("Accept-Encoding", "gzip")
				t0 := time.Now()
				resp, err := c.Do(req)
				if err != nil {
					bad = append(bad, err.Error())
					continue
				}
				_, err = io.Copy(io.Discard, resp.Body)
				resp.Body.Close()
				mine = append(mine, time.Since(t0))
				if err != nil || resp.StatusCode != p.code {
					bad = append(bad, fmt.Sprintf("%s: %d %v", p.path, resp.StatusCode, err))
				}
			}
			mu.Lock()
			latencies = append(latencies, mine...)
			errs = append(errs, bad...)
			mu.Unlock()
		}()
	}
	start := time.Now()
	close(begin)
	wg.Wait()
	elapsed := time.Since(start)

	if len(errs) > 0 {
		t.Fatalf("%d of %d requests failed; first: %s", len(errs), len(latencies)+len(errs), errs[0])
	}
	slices.Sort(latencies)
	pct := func(p float64) time.Duration { return latencies[int(float64(len(latencies)-1)*p)] }
	t.Logf("%d connections, %d requests in %v (%.0f req/s), 0 errors; latency p50 %v, p90 %v, p99 %v, max %v",
		conns, len(latencies), elapsed.Round(time.Millisecond), float64(len(latencies))/elapsed.Seconds(),
		pct(0.50), pct(0.90), pct(0.99), latencies[len(latencies)-1])
}

// measureReload starts an authoring server with one browser stream and
// returns how long each of n Updates takes to arrive as a "reload" event.
func measureReload(tb testing.TB, n int) []time.Duration {
	tb.Helper()
	srv := start(tb, Options{Watch: true}, Snapshot{Site: testSite("0")})
	ev := openEvents(tb, srv.url)
	ev.next(tb) // hello
	sites := []Snapshot{{Site: testSite("a")}, {Site: testSite("b")}}
	out := make([]time.Duration, 0, n)
	for i := range n {
		t0 := time.Now()
		srv.Update(sites[i%2])
		if name, _ := ev.next(tb); name != "reload" {
			tb.Fatalf("event %q, want reload", name)
		}
		out = append(out, time.Since(t0))
	}
	return out
}

// TestReloadLatency logs the time from Update to the browser's stream
// receiving "reload" (server side of the brief's 100 ms edit-to-reload
// budget; the rebuild itself is measured elsewhere).
//
//	go test ./generator/server -run TestReloadLatency -v
func TestReloadLatency(t *testing.T) {
	d := measureReload(t, 200)
	slices.Sort(d)
	t.Logf("Update → reload event over loopback SSE, %d runs: p50 %v, p99 %v, max %v",
		len(d), d[len(d)/2], d[len(d)*99/100], d[len(d)-1])
}

// BenchmarkReloadLatency reports ns per Update → reload event.
//
//	go test ./generator/server -run '^$' -bench ReloadLatency
func BenchmarkReloadLatency(b *testing.B) {
	measureReload(b, b.N)
}

// BenchmarkServePage measures one gzip-cached HTML page over loopback.
func BenchmarkServePage(b *testing.B) {
	srv := start(b, Options{}, Snapshot{Site: testSite("bench")})
	req, _ := http.NewRequest("GET", srv.url+"/moduly/", nil)
	req.Header.Set("Accept-Encoding", "gzip")
	b.ReportAllocs()
	for b.Loop() {
		resp, err := client.Do(req)
		if err != nil {
			b.Fatal(err)
		}
		io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
	}
}
