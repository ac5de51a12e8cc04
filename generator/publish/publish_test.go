package publish

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"testing/fstest"
)

// write publishes files at dest through a Staging: the first one written
// directly, the others sent.
func write(dest string, files []File) error {
	st, err := Begin(dest, Sources{})
	if err != nil {
		return err
	}
	if err := st.Write(files[0]); err != nil {
		return err
	}
	for _, f := range files[1:] {
		st.Send(f)
	}
	return st.Commit()
}

func TestCommitSwapsAtomically(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "public")
	if err := write(dest, []File{{Path: "a/index.html", Data: []byte("1")}, {Path: "old.html", Data: []byte("x")}}); err != nil {
		t.Fatal(err)
	}
	err := write(dest, []File{{Path: "extra.txt", Data: []byte("e")}, {Path: "a/index.html", Data: []byte("2")}})
	if err != nil {
		t.Fatal(err)
	}
	assertFile(t, filepath.Join(dest, "a", "index.html"), "2")
	assertFile(t, filepath.Join(dest, "extra.txt"), "e")
	if _, err := os.Stat(filepath.Join(dest, "old.html")); !os.IsNotExist(err) {
		t.Error("a file of the old site survived the swap")
	}
	assertNoStaging(t, dest)
}

// Pages sent while a build runs land in the staging folder; Abort leaves
// the old site and nothing else.
func TestStagingSendAndAbort(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "public")
	if err := write(dest, []File{{Path: "index.html", Data: []byte("old")}}); err != nil {
		t.Fatal(err)
	}
	st, err := Begin(dest, Sources{})
	if err != nil {
		t.Fatal(err)
	}
	for i := range 500 {
		st.Send(File{Path: fmt.Sprintf("m/%d/index.html", i), Data: []byte("new")})
	}
	if err := st.Wait(); err != nil || st.Files() != 500 {
		t.Fatalf("Wait: %v, %d files", err, st.Files())
	}
	assertFile(t, filepath.Join(st.Dir(), "m", "499", "index.html"), "new")
	st.Abort()
	assertFile(t, filepath.Join(dest, "index.html"), "old")
	assertNoStaging(t, dest)
}

func TestStagingSendErrorFailsCommit(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "public")
	st, err := Begin(dest, Sources{})
	if err != nil {
		t.Fatal(err)
	}
	st.Send(File{Path: "a", Data: []byte("file")})
	st.Send(File{Path: "a/b.html", Data: []byte("under a file")}) // cannot be written
	if err := st.Commit(); err == nil {
		t.Fatal("Commit succeeded after a failed write")
	}
	if _, err := os.Stat(dest); !os.IsNotExist(err) {
		t.Error("destination created by a failed publish")
	}
	assertNoStaging(t, dest)
}

func assertFile(t *testing.T, name, want string) {
	t.Helper()
	if b, err := os.ReadFile(name); err != nil || string(b) != want {
		t.Errorf("%s = %q, %v; want %q", name, b, err, want)
	}
}

func assertNoStaging(t *testing.T, dest string) {
	t.Helper()
	if left, _ := filepath.Glob(filepath.Join(filepath.Dir(dest), "."+filepath.Base(dest)+".*")); len(left) > 0 {
		t.Errorf("left behind: %v", left)
	}
}

// Written lists what was written, as a walk of the staging folder would,
// and reads it back from disk.
func TestStagingWritten(t *testing.T) {
	st, err := Begin(filepath.Join(t.TempDir(), "public"), Sources{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Abort()
	var names []string
	for i := range 40 {
		name := fmt.Sprintf("m-%d/x/index.html", i%7)
		if i%7 == 6 {
			name = fmt.Sprintf("top-%d.html", i)
		}
		if err := st.Write(File{Path: name, Data: []byte(strings.Repeat("x", i))}); err != nil {
			t.Fatal(err)
		}
		names = append(names, name)
	}
	st.Send(File{Path: "m/sent.html", Data: []byte("sent")})
	if err := st.Wait(); err != nil {
		t.Fatal(err)
	}
	w := st.Written()
	if err := fstest.TestFS(w, append(names, "m/sent.html")...); err != nil {
		t.Fatal(err)
	}
	disk := os.DirFS(st.Dir())
	_ = fs.WalkDir(disk, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			t.Fatal(err)
		}
		got, err := fs.Stat(w, p)
		if err != nil {
			t.Errorf("%s: on disk, not in Written: %v", p, err)
			return nil
		}
		want, _ := d.Info()
		if got.IsDir() != want.IsDir() || (!got.IsDir() && got.Size() != want.Size()) {
			t.Errorf("%s: Written says dir %v size %d, disk says dir %v size %d", p, got.IsDir(), got.Size(), want.IsDir(), want.Size())
		}
		return nil
	})
}

// The old site goes entirely, however deep, once the new one is in place.
func TestSwapRemovesDeepOldSite(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "public")
	var old []File
	for i := range 30 {
		old = append(old, File{Path: fmt.Sprintf("m/%d/x/y/index.html", i), Data: []byte("old")}, File{Path: fmt.Sprintf("top%d.html", i), Data: []byte("old")})
	}
	if err := write(dest, old); err != nil {
		t.Fatal(err)
	}
	if err := write(dest, []File{{Path: "index.html", Data: []byte("new")}}); err != nil {
		t.Fatal(err)
	}
	entries, err := os.ReadDir(dest)
	if err != nil || len(entries) != 2 || entries[0].Name() != ManifestFile || entries[1].Name() != "index.html" {
		t.Fatalf("after the swap: %v, %v", entries, err)
	}
	assertNoStaging(t, dest)
}

// A file's Done runs once it is on disk, for written and sent files alike,
// and also when writing it failed: its buffer may then be reused.
func TestStagingDone(t *testing.T) {
	st, err := Begin(filepath.Join(t.TempDir(), "public"), Sources{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Abort()
	var mu sync.Mutex
	done := map[string]bool{}
	file := func(path string) File {
		return File{Path: path, Data: []byte(path), Done: func() {
			if b, err := os.ReadFile(filepath.Join(st.Dir(), filepath.FromSlash(path))); err == nil && string(b) != path {
				t.Errorf("%s: Done before the file was written", path)
			}
			mu.Lock()
			defer mu.Unlock()
			if done[path] {
				t.Errorf("%s: Done twice", path)
			}
			done[path] = true
		}}
	}
	if err := st.Write(file("a.html")); err != nil {
		t.Fatal(err)
	}
	for i := range 20 {
		st.Send(file(fmt.Sprintf("d/%d.html", i)))
	}
	st.Send(file("a.html/x.html")) // under a file: fails
	st.Wait()
	if len(done) != 22 {
		t.Errorf("Done ran for %d files, want 22", len(done))
	}
}

// Tee publishes a file in both stagings: b's copy is a link to a's, made
// after a wrote it, and both are swapped in. A link that cannot be made is
// a write.
func TestTee(t *testing.T) {
	dir := t.TempDir()
	a, err := Begin(filepath.Join(dir, "a"), Sources{})
	if err != nil {
		t.Fatal(err)
	}
	b, err := Begin(filepath.Join(dir, "b"), Sources{})
	if err != nil {
		t.Fatal(err)
	}
	done := 0
	var mu sync.Mutex
	tee := Tee(a, b)
	for i := range 50 {
		f := File{Path: fmt.Sprintf("search/f/%d.js", i), Data: []byte(fmt.Sprint("page(", i, ")")), Done: func() { mu.Lock(); done++; mu.Unlock() }}
		if err := tee(f); err != nil {
			t.Fatal(err)
		}
	}
	if err := a.Wait(); err != nil {
		t.Fatal(err)
	}
	if err := b.Wait(); err != nil {
		t.Fatal(err)
	}
	if done != 50 {
		t.Errorf("Done called %d times, want 50 (once each, after both copies)", done)
	}
	if a.Files() != 50 || b.Files() != 50 {
		t.Errorf("files written: a %d, b %d", a.Files(), b.Files())
	}
	if err := CommitAll(a, b); err != nil {
		t.Fatal(err)
	}
	for i := range 50 {
		name := fmt.Sprintf("search/f/%d.js", i)
		fa, errA := os.Stat(filepath.Join(dir, "a", name))
		fb, errB := os.Stat(filepath.Join(dir, "b", name))
		if errA != nil || errB != nil {
			t.Fatal(errA, errB)
		}
		if !os.SameFile(fa, fb) {
			t.Errorf("%s: b's copy is not a link to a's", name)
		}
		if got, _ := os.ReadFile(filepath.Join(dir, "b", name)); string(got) != fmt.Sprint("page(", i, ")") {
			t.Errorf("%s: %q", name, got)
		}
	}

	// Nothing to link to: the data is written.
	c, err := Begin(filepath.Join(dir, "c"), Sources{})
	if err != nil {
		t.Fatal(err)
	}
	defer c.Abort()
	if err := c.Write(File{Path: "x.js", Data: []byte("x"), same: filepath.Join(dir, "missing.js")}); err != nil {
		t.Fatal(err)
	}
	if got, err := os.ReadFile(filepath.Join(c.Dir(), "x.js")); err != nil || string(got) != "x" {
		t.Errorf("fallback write: %q, %v", got, err)
	}
}
