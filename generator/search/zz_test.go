package search

import (
	"context"
	"os"
	"runtime"
	"sort"
	"testing"
	"time"
)

func TestZZSlowOfficial(t *testing.T) {
	a := analyzer(t)
	docs := contentDocsFrom(t, "/tmp/bc/corpus10000/content")
	dir := "/tmp/idx10k"
	if _, err := os.Stat(dir); err != nil {
		if err := WriteIndex(dir, docs, a); err != nil {
			t.Fatal(err)
		}
	}
	ix, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	qs := corpusQueries(t, docs[:2000], 400)
	type r struct {
		q             string
		d             time.Duration
		total         int
		terms, prefix int
		postings      uint64
	}
	var rs []r
	runtime.LockOSThread()
	for rep := 0; rep < 2; rep++ {
		rs = rs[:0]
		for _, q := range qs {
			t0, _ := threadCPU()
			res, _ := ix.Search(context.Background(), Query{Text: q.Q})
			t1, _ := threadCPU()
			nt, np := 0, 0
			var post uint64
			for _, p := range planQuery(q.Q, a, &ix.lex) {
				nt += len(p.terms)
				np += len(p.prefix)
			}
			rs = append(rs, r{q.Q, t1 - t0, res.Total, nt, np, post})
		}
	}
	sort.Slice(rs, func(i, j int) bool { return rs[i].d > rs[j].d })
	for _, x := range rs[:20] {
		t.Logf("%8v total=%5d terms=%d prefix=%d postings=%d %q", x.d, x.total, x.terms, x.prefix, x.postings, x.q)
	}
	t.Logf("median %v", rs[len(rs)/2].d)
}
