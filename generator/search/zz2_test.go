package search

import (
	"context"
	"testing"
)

func BenchmarkZZHeavy(b *testing.B) {
	ix, err := Open("/tmp/idx10k")
	if err != nil {
		b.Fatal(err)
	}
	qs := []string{"partnerow"}
	for _, q := range qs {
		ix.Search(context.Background(), Query{Text: q})
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		ix.Search(context.Background(), Query{Text: qs[i%len(qs)]})
	}
}
