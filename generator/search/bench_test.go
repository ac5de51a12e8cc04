package search

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"testing"
	"time"
)

// Benchmarks use synthDocs: pages of four sections built from the
// sentences of content/. Sizes are in pages; 1000 docs = 250 pages.
//
//	go test ./generator/search -run '^$' -bench . -benchtime 1x
//	go test ./generator/search -run '^$' -bench 'Build/pages=10000' -benchtime 1x
//
// With RAZEM_BENCH_CORPUS set to a directory holding corpus<N>/content
// (shared/bench/gencorpus.go -n N -out DIR/corpus<N>), a size uses that
// corpus instead: the one the project's peer benchmark times Hugo and
// Pagefind on.
var benchSizes = []int{250, 1000, 10000}

var benchDocs = map[int][]Doc{}

func docsFor(b *testing.B, pages int) []Doc {
	if benchDocs[pages] == nil {
		dir := filepath.Join(os.Getenv("RAZEM_BENCH_CORPUS"), fmt.Sprintf("corpus%d", pages), "content")
		if _, err := os.Stat(dir); os.Getenv("RAZEM_BENCH_CORPUS") != "" && err == nil {
			benchDocs[pages] = contentDocsFrom(b, dir)
		} else {
			benchDocs[pages] = synthDocs(b, pages)
		}
	}
	return benchDocs[pages]
}

// BenchmarkBuild times what the site build does for search: analyse once,
// write the bleve index and the static index.
func BenchmarkBuild(b *testing.B) {
	a := analyzer(b)
	for _, pages := range benchSizes {
		b.Run(fmt.Sprintf("pages=%d", pages), func(b *testing.B) {
			docs := docsFor(b, pages)
			b.ReportAllocs()
			for i := 0; i < b.N; i++ {
				t0 := time.Now()
				c, err := NewCorpus(docs, a)
				if err != nil {
					b.Fatal(err)
				}
				t1 := time.Now()
				// The two writers share the read-only corpus and run side by
				// side: bleve's Builder keeps one core busy, Static the other.
				var files map[string][]byte
				var staticErr error
				var staticTime time.Duration
				done := make(chan struct{})
				go func() {
					defer close(done)
					files, staticErr = c.Static()
					staticTime = time.Since(t1)
				}()
				if err := c.WriteIndex(filepath.Join(b.TempDir(), "bleve")); err != nil {
					b.Fatal(err)
				}
				bleveTime := time.Since(t1)
				<-done
				if staticErr != nil {
					b.Fatal(staticErr)
				}
				b.ReportMetric(float64(len(docs)), "docs")
				b.ReportMetric(t1.Sub(t0).Seconds(), "analyse-s")
				b.ReportMetric(bleveTime.Seconds(), "bleve-s")
				b.ReportMetric(staticTime.Seconds(), "static-s")
				b.ReportMetric(time.Since(t0).Seconds(), "total-s")
				b.ReportMetric(float64(len(files)), "static-files")
			}
		})
	}
}

// BenchmarkWriteIndex times WriteIndex alone (it analyses its input).
func BenchmarkWriteIndex(b *testing.B) {
	a := analyzer(b)
	for _, pages := range benchSizes[:2] {
		b.Run(fmt.Sprintf("docs=%d", 4*pages), func(b *testing.B) {
			docs := docsFor(b, pages)
			for i := 0; i < b.N; i++ {
				if err := WriteIndex(filepath.Join(b.TempDir(), "bleve"), docs, a); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkSearch reports server-side query latency percentiles over
// queries drawn from the corpus (single words and pairs, half without
// diacritics), snippets included; then over the same queries cut short as
// they are typed (prefix-*) and with a typo (typo-*).
func BenchmarkSearch(b *testing.B) {
	for _, pages := range benchSizes {
		b.Run(fmt.Sprintf("pages=%d", pages), func(b *testing.B) {
			docs := docsFor(b, pages)
			ix := openTestIndex(b, docs)
			queries := corpusQueries(b, docs[:min(len(docs), 2000)], 400)
			ctx := context.Background()
			// First pass: each query seen for the first time, the index's
			// term and word caches filling as a fresh server's would.
			var first []time.Duration
			for _, q := range queries {
				t0 := time.Now()
				ix.Search(ctx, Query{Text: q.Q})
				first = append(first, time.Since(t0))
			}
			// Wall time includes waiting for a core on a busy machine; the
			// thread's CPU time (Linux) shows the query's own cost.
			runtime.LockOSThread()
			defer runtime.UnlockOSThread()
			var lat, cpu []time.Duration
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				q := queries[i%len(queries)]
				c0, _ := threadCPU()
				t0 := time.Now()
				if _, err := ix.Search(ctx, Query{Text: q.Q}); err != nil {
					b.Fatal(err)
				}
				lat = append(lat, time.Since(t0))
				if c1, ok := threadCPU(); ok {
					cpu = append(cpu, c1-c0)
				}
			}
			pct := func(d []time.Duration, p int) float64 {
				sort.Slice(d, func(i, j int) bool { return d[i] < d[j] })
				return float64(d[len(d)*p/100].Microseconds())
			}
			b.ReportMetric(pct(first, 50), "first-p50-µs")
			b.ReportMetric(pct(first, 99), "first-p99-µs")
			b.ReportMetric(pct(lat, 50), "p50-µs")
			b.ReportMetric(pct(lat, 99), "p99-µs")
			if len(cpu) > 0 {
				b.ReportMetric(pct(cpu, 50), "p50-cpu-µs")
				b.ReportMetric(pct(cpu, 99), "p99-cpu-µs")
			}
			// The same queries as typed into the box (the last word cut
			// short) and with a typo, which expand to completions and
			// corrections: first seen, then again.
			b.StopTimer()
			for _, kind := range []string{"prefix", "typo"} {
				var first, again, againCPU []time.Duration
				for pass := range 2 {
					for _, q := range mangle(queries, kind) {
						c0, _ := threadCPU()
						t0 := time.Now()
						if _, err := ix.Search(ctx, Query{Text: q}); err != nil {
							b.Fatal(err)
						}
						if pass == 0 {
							first = append(first, time.Since(t0))
							continue
						}
						again = append(again, time.Since(t0))
						if c1, ok := threadCPU(); ok {
							againCPU = append(againCPU, c1-c0)
						}
					}
				}
				b.ReportMetric(pct(first, 99), kind+"-first-p99-µs")
				b.ReportMetric(pct(again, 50), kind+"-p50-µs")
				b.ReportMetric(pct(again, 99), kind+"-p99-µs")
				if len(againCPU) > 0 {
					b.ReportMetric(pct(againCPU, 99), kind+"-p99-cpu-µs")
				}
			}
		})
	}
}

// mangle returns queries as a reader types them: with the last word cut to
// its first three to five letters ("prefix"), or with two neighbouring
// letters in the middle of the longest word swapped ("typo").
func mangle(queries []harnessQuery, kind string) []string {
	out := make([]string, len(queries))
	for i, q := range queries {
		words := strings.Fields(q.Q)
		if kind == "prefix" {
			r := []rune(words[len(words)-1])
			words[len(words)-1] = string(r[:min(len(r), 3+i%3)])
		} else {
			longest := 0
			for j, w := range words {
				if len(w) > len(words[longest]) {
					longest = j
				}
			}
			r := []rune(words[longest])
			if k := len(r) / 2; len(r) >= 5 {
				r[k-1], r[k] = r[k], r[k-1]
			}
			words[longest] = string(r)
		}
		out[i] = strings.Join(words, " ")
	}
	return out
}

// BenchmarkOpen times opening the prebuilt index (razem search runs this
// once per call).
func BenchmarkOpen(b *testing.B) {
	a := analyzer(b)
	docs := docsFor(b, 1000)
	dir := filepath.Join(b.TempDir(), "bleve")
	if err := WriteIndex(dir, docs, a); err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		ix, err := Open(dir)
		if err != nil {
			b.Fatal(err)
		}
		ix.Close()
	}
}

// BenchmarkStaticColdQuery reports what one visitor downloads for one
// query from the static index (meta.js, chunks, fragments of the hits
// shown; gzip -9 bytes, as a server or browser cache would hold them) and
// how long the client takes in Node. Each query starts from an empty
// cache. "random" draws words from the corpus; "common" takes the 60 words
// on the most pages, alone and in pairs, the queries whose page lists are
// longest. Needs node.
func BenchmarkStaticColdQuery(b *testing.B) {
	a := analyzer(b)
	for _, pages := range benchSizes[1:] {
		docs := docsFor(b, pages)
		c, err := NewCorpus(docs, a)
		if err != nil {
			b.Fatal(err)
		}
		files, err := c.Static()
		if err != nil {
			b.Fatal(err)
		}
		dir := writeFiles(b, files)
		for _, set := range []struct {
			name    string
			queries []harnessQuery
		}{
			{"random", corpusQueries(b, docs[:min(len(docs), 2000)], 200)},
			{"common", commonQueries(c, 60)},
		} {
			b.Run(fmt.Sprintf("pages=%d/%s", pages, set.name), func(b *testing.B) {
				queries := set.queries
				for i := range queries {
					queries[i].Limit = 10
				}
				b.ResetTimer()
				var res harnessResponse
				for i := 0; i < b.N; i++ {
					res = runClient(b, dir, queries, nil, true)
				}
				b.StopTimer()
				var gz, n, ms []float64
				for i, by := range res.Bytes {
					gz = append(gz, float64(by.Gzip))
					n = append(n, float64(by.Files))
					ms = append(ms, res.MS[i])
				}
				for _, s := range [][]float64{gz, n, ms} {
					sort.Float64s(s)
				}
				b.ReportMetric(gz[len(gz)/2]/1024, "p50-KB-gzip")
				b.ReportMetric(gz[len(gz)*9/10]/1024, "p90-KB-gzip")
				b.ReportMetric(gz[len(gz)-1]/1024, "max-KB-gzip")
				b.ReportMetric(n[len(n)/2], "p50-files")
				b.ReportMetric(ms[len(ms)/2], "p50-ms-node")
				b.ReportMetric(ms[len(ms)*99/100], "p99-ms-node")
				total := 0
				for _, f := range files {
					total += len(f)
				}
				b.ReportMetric(float64(total)/(1<<20), "static-MB")
				b.ReportMetric(float64(gzipLen(files["meta.js"]))/1024, "meta-KB-gzip")
			})
		}
	}
}

// commonQueries are the n spellings on the most pages, then pairs of
// them.
func commonQueries(c *Corpus, n int) []harnessQuery {
	lex := &c.c.lex
	idx := make([]int, len(lex.keys))
	for i := range idx {
		idx[i] = i
	}
	sort.SliceStable(idx, func(i, j int) bool { return lex.df[idx[i]] > lex.df[idx[j]] })
	var out []harnessQuery
	for _, i := range idx[:min(n, len(idx))] {
		out = append(out, harnessQuery{Q: lex.keys[i]})
	}
	for i := 0; i+1 < len(out) && i < n; i += 2 {
		out = append(out, harnessQuery{Q: out[i].Q + " " + out[i+1].Q})
	}
	return out
}

// BenchmarkAnalyse times the analysis alone (NewCorpus: every section of
// every page through its language's analyzer, and the lexicon), and
// reports the process's CPU time, which a busy machine disturbs less than
// the wall time.
func BenchmarkAnalyse(b *testing.B) {
	a := analyzer(b)
	for _, pages := range benchSizes {
		b.Run(fmt.Sprintf("pages=%d", pages), func(b *testing.B) {
			docs := docsFor(b, pages)
			if _, err := NewCorpus(docs, a); err != nil { // warm the word caches, as a second build would find them
				b.Fatal(err)
			}
			var cpu time.Duration
			for i := 0; i < b.N; i++ {
				c0 := processCPU()
				if _, err := NewCorpus(docs, a); err != nil {
					b.Fatal(err)
				}
				cpu += processCPU() - c0
			}
			b.ReportMetric(cpu.Seconds()/float64(b.N), "cpu-s")
		})
	}
}
