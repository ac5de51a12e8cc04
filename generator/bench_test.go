package generator_test

import (
	"context"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime/metrics"
	"runtime/pprof"
	"strconv"
	"testing"
	"testing/fstest"
	"time"

	"github.com/razem/razem/generator"
	"github.com/razem/razem/generator/internal/sitetest"
)

var (
	benchPages  = flag.Int("pages", 1000, "pages in the synthetic corpus of BenchmarkBuild")
	benchSearch = flag.Bool("search", true, "BenchmarkBuild: build the search indexes too")
)

// benchCorpus generates a corpus with ../shared/bench/gencorpus.go (seed 1)
// once per size, with a config that maps its "glossary" type onto terms.
func benchCorpus(b *testing.B, n int) string {
	b.Helper()
	gen := filepath.Join(sitetest.RepoRoot(), "..", "shared", "bench", "gencorpus.go")
	if _, err := os.Stat(gen); err != nil {
		b.Skip("gencorpus.go not found")
	}
	dir := filepath.Join(os.TempDir(), "razem-bench-"+strconv.Itoa(n))
	if _, err := os.Stat(filepath.Join(dir, "content")); err != nil {
		if out, err := exec.Command("go", "run", gen, "-n", strconv.Itoa(n), "-out", dir, "-seed", "1").CombinedOutput(); err != nil {
			b.Fatalf("gencorpus: %v\n%s", err, out)
		}
	}
	return dir
}

func benchFS(b *testing.B, dir string) fstest.MapFS {
	fsys := sitetest.FS(b, fmt.Sprintf("-- config.toml --\ntitle = \"Bench\"\n[type_aliases]\nglossary = \"term\"\n[search]\nenabled = %v\n", *benchSearch))
	_ = filepath.WalkDir(filepath.Join(dir, "content"), func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			data, _ := os.ReadFile(p)
			rel, _ := filepath.Rel(dir, p)
			fsys[filepath.ToSlash(rel)] = &fstest.MapFile{Data: data}
		}
		return nil
	})
	return fsys
}

// BenchmarkBuild is the in-memory build (pages, minify, static search
// index) of the synthetic corpus: go test -bench Build -pages 10000 ./generator/
func BenchmarkBuild(b *testing.B) {
	fsys := benchFS(b, benchCorpus(b, *benchPages))
	a := sitetest.Analyzer(b)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		res, err := generator.Build(context.Background(), generator.Options{Source: fsys, Analyzer: a})
		if err != nil {
			b.Fatal(err)
		}
		b.ReportMetric(float64(len(res.Files)), "files")
	}
}

// BenchmarkBuildAndPublish is razem build's way: BuildInto writes public/
// (pages as they render) and the bleve index. It reports, per 1,000 pages,
// the peak of the heap (sampled every 20 ms: what RSS follows, garbage
// not yet collected included) and of the live heap (what the last
// collection kept, which the heap may reach twice over with GOGC=100).
// The sources, held in memory by the benchmark, are counted too.
// -peakprofile FILE writes a heap profile taken when the live heap peaks.
//
//	go test ./generator -run '^$' -bench BuildAndPublish -benchtime 1x -pages 10000
func BenchmarkBuildAndPublish(b *testing.B) {
	fsys := benchFS(b, benchCorpus(b, *benchPages))
	a := sitetest.Analyzer(b)
	dest := filepath.Join(b.TempDir(), "public")
	peak := watchHeap(*peakProfile)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, _, err := generator.BuildInto(context.Background(), generator.Options{Source: fsys, Analyzer: a}, dest); err != nil {
			b.Fatal(err)
		}
	}
	b.StopTimer()
	heap, live := peak()
	perK := func(v uint64) float64 { return float64(v) / (1 << 20) / float64(*benchPages) * 1000 }
	b.ReportMetric(perK(heap), "peak-heap-MiB/1k-pages")
	b.ReportMetric(perK(live), "peak-live-MiB/1k-pages")
}

var peakProfile = flag.String("peakprofile", "", "BenchmarkBuildAndPublish: write a heap profile when the live heap peaks to `FILE`")

// watchHeap samples the heap and the live heap until the function it
// returns is called, which returns the largest of each. With a file name
// it writes a heap profile whenever the live heap's peak grows by a
// twentieth: a heap profile shows what the last collection kept.
func watchHeap(profile string) func() (heap, live uint64) {
	sample := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}, {Name: "/gc/heap/live:bytes"}}
	var maxHeap, maxLive, profiled uint64
	stop, done := make(chan bool), make(chan bool)
	go func() {
		defer close(done)
		tick := time.NewTicker(20 * time.Millisecond)
		defer tick.Stop()
		for {
			select {
			case <-stop:
				return
			case <-tick.C:
			}
			metrics.Read(sample)
			maxHeap = max(maxHeap, sample[0].Value.Uint64())
			v := sample[1].Value.Uint64()
			if v <= maxLive {
				continue
			}
			maxLive = v
			if profile != "" && v > profiled+profiled/20 {
				profiled = v
				if f, err := os.Create(profile); err == nil {
					pprof.Lookup("heap").WriteTo(f, 0)
					f.Close()
				}
			}
		}
	}()
	return func() (uint64, uint64) {
		close(stop)
		<-done
		return maxHeap, maxLive
	}
}
