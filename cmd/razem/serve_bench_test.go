package main

import (
	"flag"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"
)

var (
	benchPages   = flag.Int("pages", 1000, "pages of the synthetic corpus for BenchmarkEditToReload")
	pauseBetween = flag.Bool("pause", false, "BenchmarkEditToReload: pause between saves so the search index is rebuilt each time")
)

// BenchmarkEditToReload measures what a trainer waits for in razem serve:
// from saving one Markdown file (an atomic save) to the reload event the
// open browser tab receives, on a corpus from ../shared/bench/gencorpus.go.
// It includes the watcher's quiet period (20 ms) and the incremental build.
//
//	go test ./cmd/razem -run '^$' -bench EditToReload -pages 10000
func BenchmarkEditToReload(b *testing.B) {
	dir := benchSite(b, os.Getenv("RAZEM_BENCH_CONFIG"))
	search := !strings.Contains(os.Getenv("RAZEM_BENCH_CONFIG"), "enabled = false")
	base := serve(b, "--source", dir)
	ev := followEvents(b, base)
	file := filepath.Join(dir, "content", "modules", "module-0007.md")
	orig, err := os.ReadFile(file)
	if err != nil {
		b.Fatal(err)
	}
	// Let the first background index finish (the API answers 503 until then).
	for deadline := time.Now().Add(5 * time.Minute); time.Now().Before(deadline); time.Sleep(100 * time.Millisecond) {
		if code, _ := get(b, base+"api/search?q=koalicja"); code != 503 || !search {
			break
		}
	}
	// Each save adds a word no page has; the benchmark waits for the reload
	// event, then (with search on) for /api/search to find the word, so it
	// reports both what the trainer waits for and how stale search gets.
	var reloads, visible []time.Duration
	var heapFirst uint64
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		word := "zzkontrol" + letters(i)
		before := ev.count("reload")
		saved := time.Now()
		saveAtomically(b, file, string(orig)+"\nEdycja kontrolna: "+word+".\n")
		for ev.count("reload") == before {
			time.Sleep(time.Millisecond)
		}
		reloads = append(reloads, time.Since(saved))
		if search {
			for deadline := time.Now().Add(time.Minute); ; time.Sleep(2 * time.Millisecond) {
				if _, body := get(b, base+"api/search?q="+word); strings.Contains(body, `"total":1`) {
					break
				}
				if time.Now().After(deadline) {
					b.Fatalf("edit %d: %q not searchable after a minute", i, word)
				}
			}
			visible = append(visible, time.Since(saved))
		}
		if i == 0 {
			heapFirst = heapAfterGC()
		}
		if *pauseBetween {
			b.StopTimer() // a trainer pauses between saves; the index catches up
			time.Sleep(time.Second)
			b.StartTimer()
		}
	}
	b.StopTimer()
	b.ReportMetric(percentile(reloads, 50).Seconds()*1000, "reload-p50-ms")
	b.ReportMetric(percentile(reloads, 90).Seconds()*1000, "reload-p90-ms")
	if search {
		b.ReportMetric(percentile(visible, 50).Seconds()*1000, "searchable-p50-ms")
		b.ReportMetric(percentile(visible, 90).Seconds()*1000, "searchable-p90-ms")
	}
	// Heap growth from the first edit to the last: flat memory means this
	// stays near zero however many edits are made (-benchtime 500x).
	b.ReportMetric((float64(heapAfterGC())-float64(heapFirst))/(1<<20), "heap-growth-MiB")
}

// benchSite generates the synthetic corpus of -pages pages
// (../shared/bench/gencorpus.go, seed 1) into a temporary site, with a
// config.toml that maps its "glossary" type onto terms, plus extra. The
// theme is the one built into razem.
func benchSite(b *testing.B, extra string) string {
	gen := filepath.Join(repoRoot(), "..", "shared", "bench", "gencorpus.go")
	if _, err := os.Stat(gen); err != nil {
		b.Skip("gencorpus.go not found")
	}
	dir := b.TempDir()
	if out, err := exec.Command("go", "run", gen, "-n", strconv.Itoa(*benchPages), "-out", dir, "-seed", "1").CombinedOutput(); err != nil {
		b.Fatalf("gencorpus: %v\n%s", err, out)
	}
	config := "title = \"Bench\"\n[type_aliases]\nglossary = \"term\"\n" + extra
	if err := os.WriteFile(filepath.Join(dir, "config.toml"), []byte(config), 0o644); err != nil {
		b.Fatal(err)
	}
	return dir
}

// letters spells n in the letters a–z, so the word is one token to every
// analyser (digits might be split off).
func letters(n int) string {
	s := ""
	for {
		s = string(rune('a'+n%26)) + s
		n /= 26
		if n == 0 {
			return s
		}
	}
}

func percentile(d []time.Duration, p int) time.Duration {
	if len(d) == 0 {
		return 0
	}
	s := append([]time.Duration(nil), d...)
	sort.Slice(s, func(i, j int) bool { return s[i] < s[j] })
	return s[(len(s)-1)*p/100]
}

func heapAfterGC() uint64 {
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return m.HeapInuse
}
