package publish

import (
	"testing"
	"testing/fstest"
	"time"
)

func TestFS(t *testing.T) {
	files := []File{
		{Path: "index.html", Data: []byte("home")},
		{Path: "moduly/a/index.html", Data: []byte("a")},
		{Path: "moduly/a/slajdy/index.html", Data: []byte("s")},
		{Path: "moduly/b/index.html", Data: []byte("b")},
		{Path: "moduly/index.html", Data: []byte("list")},
		{Path: "moduly-x/index.html", Data: []byte("x")}, // shares a prefix with moduly/
		{Path: "search/meta.js", Data: []byte("m")},
	}
	m := NewFS(files, time.Unix(0, 0))
	want := []string{}
	for _, f := range files {
		want = append(want, f.Path)
	}
	if err := fstest.TestFS(m, want...); err != nil {
		t.Fatal(err)
	}
}
