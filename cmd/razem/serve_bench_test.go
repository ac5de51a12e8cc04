package main

import (
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
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
	gen := filepath.Join(repoRoot(), "..", "shared", "bench", "gencorpus.go")
	if _, err := os.Stat(gen); err != nil {
		b.Skip("gencorpus.go not found")
	}
	dir := b.TempDir()
	if out, err := exec.Command("go", "run", gen, "-n", strconv.Itoa(*benchPages), "-out", dir, "-seed", "1").CombinedOutput(); err != nil {
		b.Fatalf("gencorpus: %v\n%s", err, out)
	}
	if err := os.Symlink(filepath.Join(repoRoot(), "themes"), filepath.Join(dir, "themes")); err != nil {
		b.Fatal(err)
	}
	os.WriteFile(filepath.Join(dir, "config.toml"), []byte("title = \"Bench\"\n[type_aliases]\nglossary = \"term\"\n"+os.Getenv("RAZEM_BENCH_CONFIG")), 0o644)
	base := serve(b, "--source", dir)
	ev := followEvents(b, base)
	file := filepath.Join(dir, "content", "modules", "module-0007.md")
	orig, err := os.ReadFile(file)
	if err != nil {
		b.Fatal(err)
	}
	// Let the first background index finish (the API answers 503 until then).
	for deadline := time.Now().Add(5 * time.Minute); time.Now().Before(deadline); time.Sleep(100 * time.Millisecond) {
		if code, _ := get(b, base+"api/search?q=koalicja"); code != 503 || os.Getenv("RAZEM_BENCH_CONFIG") != "" {
			break
		}
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		before := ev.count("reload")
		saveAtomically(b, file, string(orig)+fmt.Sprintf("\nEdycja kontrolna numer %d.\n", i))
		for ev.count("reload") == before {
			time.Sleep(time.Millisecond)
		}
		if *pauseBetween {
			b.StopTimer() // a trainer pauses between saves; the index catches up
			time.Sleep(reindexDelay + 3*time.Second)
			b.StartTimer()
		}
	}
}
