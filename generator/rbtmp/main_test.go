package rb

import (
	"context"
	"fmt"
	"os"
	"runtime/pprof"
	"testing"
	"time"

	"github.com/razem/razem/generator"
)

func TestRebuild(t *testing.T) {
	dir := "/dev/shm/c10k"
	b := generator.NewBuilder(generator.Options{Source: generator.DirFS(dir), Live: true, Watched: true})
	if _, err := b.Build(context.Background()); err != nil {
		t.Fatal(err)
	}
	name := dir + "/content/modules/module-0007.md"
	orig, _ := os.ReadFile(name)
	pf, _ := os.Create("/tmp/rb.prof")
	pprof.StartCPUProfile(pf)
	defer pprof.StopCPUProfile()
	for i := 0; i < 30; i++ {
		os.WriteFile(name, append(append([]byte{}, orig...), fmt.Sprintf("\nEdycja %d.\n", i)...), 0o644)
		b.Changed([]string{"content/modules/module-0007.md"}, false)
		t0 := time.Now()
		res, err := b.Build(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		fmt.Printf("%v total; %+v\n", time.Since(t0).Round(time.Millisecond), res.Times)
	}
	os.WriteFile(name, orig, 0o644)
}
