// Package sitetest builds whole sites from in-memory files for tests: a
// txtar-like string lists the files, the repository's default theme is
// added, and the result's files can be asserted by path and content.
package sitetest

import (
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"
	"testing/fstest"

	"github.com/razem/razem/generator"
	"github.com/razem/razem/generator/diag"
	"github.com/razem/razem/generator/polish"
)

// RepoRoot is the repository root (where go.mod is).
func RepoRoot() string {
	_, file, _, _ := runtime.Caller(0)
	return filepath.Join(filepath.Dir(file), "..", "..", "..")
}

var (
	themeOnce  sync.Once
	themeFiles map[string][]byte
	anOnce     sync.Once
	analyzer   *polish.Analyzer
)

// theme reads themes/default once per test binary.
func theme(t testing.TB) map[string][]byte {
	themeOnce.Do(func() {
		themeFiles = map[string][]byte{}
		root := RepoRoot()
		_ = filepath.WalkDir(filepath.Join(root, "themes"), func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			b, err := os.ReadFile(p)
			rel, _ := filepath.Rel(root, p)
			themeFiles[filepath.ToSlash(rel)] = b
			return err
		})
	})
	if len(themeFiles) == 0 {
		t.Fatal("sitetest: themes/default not found")
	}
	return themeFiles
}

// Analyzer returns the shared Polish analyzer.
func Analyzer(t testing.TB) *polish.Analyzer {
	anOnce.Do(func() {
		var err error
		analyzer, err = polish.New()
		if err != nil {
			t.Fatalf("polish.New: %v", err)
		}
	})
	return analyzer
}

// Parse reads a txtar-style archive: "-- name --" lines start files.
func Parse(archive string) map[string]string {
	files := map[string]string{}
	name := ""
	var b strings.Builder
	flush := func() {
		if name != "" {
			files[name] = b.String()
		}
		b.Reset()
	}
	for _, line := range strings.SplitAfter(archive, "\n") {
		t := strings.TrimSpace(line)
		if strings.HasPrefix(t, "-- ") && strings.HasSuffix(t, " --") && len(t) > 6 {
			flush()
			name = strings.TrimSpace(t[3 : len(t)-3])
			continue
		}
		if name != "" {
			b.WriteString(line)
		}
	}
	flush()
	return files
}

// FS is the site of an archive plus the default theme (unless the archive
// brings its own files under themes/default).
func FS(t testing.TB, archive string) fstest.MapFS {
	m := fstest.MapFS{}
	for p, b := range theme(t) {
		m[p] = &fstest.MapFile{Data: b}
	}
	for p, s := range Parse(archive) {
		m[p] = &fstest.MapFile{Data: []byte(s)}
	}
	return m
}

// Result is a finished test build.
type Result struct {
	*generator.Result
	Err     error
	files   map[string]string
	trainer map[string]string
}

// Build builds the archive's site in memory.
func Build(t testing.TB, archive string) *Result {
	t.Helper()
	return BuildFS(t, FS(t, archive), generator.Options{})
}

// BuildFS builds a site from fsys with options (Source is set to fsys).
func BuildFS(t testing.TB, fsys fs.FS, o generator.Options) *Result {
	t.Helper()
	o.Source, o.Trainer = fsys, true
	if o.Analyzer == nil {
		o.Analyzer = Analyzer(t)
	}
	res, err := generator.Build(context.Background(), o)
	r := &Result{Result: res, Err: err, files: map[string]string{}, trainer: map[string]string{}}
	for _, f := range res.Files {
		r.files[f.Path] = string(f.Data)
	}
	for _, f := range res.Trainer {
		r.trainer[f.Path] = string(f.Data)
	}
	return r
}

// TrainerFile returns a file of the trainer edition, failing if it does
// not exist.
func (r *Result) TrainerFile(t testing.TB, path string) string {
	t.Helper()
	s, ok := r.trainer[path]
	if !ok {
		t.Fatalf("no trainer edition file %s", path)
	}
	return s
}

// OK fails the test when the build reported any diagnostic.
func (r *Result) OK(t testing.TB) *Result {
	t.Helper()
	if r.Err != nil || len(r.Diags) > 0 {
		t.Fatalf("build failed: %v\n%s", r.Err, diag.Format(r.Diags))
	}
	return r
}

// File returns an output file's content, failing if it does not exist.
func (r *Result) File(t testing.TB, path string) string {
	t.Helper()
	s, ok := r.files[path]
	if !ok {
		t.Fatalf("no output file %s", path)
	}
	return s
}

// Has reports whether an output file exists.
func (r *Result) Has(path string) bool {
	_, ok := r.files[path]
	return ok
}

// AssertFile checks that an output file contains every string.
func (r *Result) AssertFile(t testing.TB, path string, want ...string) {
	t.Helper()
	s := r.File(t, path)
	for _, w := range want {
		if !strings.Contains(s, w) {
			t.Errorf("%s lacks %q", path, w)
		}
	}
}

// AssertNotFile checks that an output file contains none of the strings.
func (r *Result) AssertNotFile(t testing.TB, path string, unwanted ...string) {
	t.Helper()
	s := r.File(t, path)
	for _, w := range unwanted {
		if strings.Contains(s, w) {
			t.Errorf("%s contains %q", path, w)
		}
	}
}

// Diags formats the diagnostics one per line.
func (r *Result) DiagText() string { return diag.Format(r.Diags) }

// Overlay is a read-only FS of files layered over a base FS: the site
// config and theme of a test over a corpus read in place from disk.
type Overlay struct {
	Base  fs.FS
	Files fstest.MapFS
}

// Open implements fs.FS.
func (o Overlay) Open(name string) (fs.File, error) {
	if f, err := o.Files.Open(name); err == nil {
		if st, _ := f.Stat(); name != "." && (st == nil || !st.IsDir()) {
			return f, nil
		}
		f.Close()
	}
	if name == "." {
		return o.Files.Open(".") // ReadDir below merges the listing
	}
	if f, err := o.Base.Open(name); err == nil {
		return f, nil
	}
	return o.Files.Open(name)
}

// ReadDir implements fs.ReadDirFS, merging both listings.
func (o Overlay) ReadDir(name string) ([]fs.DirEntry, error) {
	a, errA := fs.ReadDir(o.Files, name)
	b, errB := fs.ReadDir(o.Base, name)
	if errA != nil && errB != nil {
		return nil, errB
	}
	seen := map[string]bool{}
	var out []fs.DirEntry
	for _, e := range append(a, b...) {
		if !seen[e.Name()] {
			seen[e.Name()] = true
			out = append(out, e)
		}
	}
	sortEntries(out)
	return out, nil
}

func sortEntries(es []fs.DirEntry) {
	for i := 1; i < len(es); i++ {
		for j := i; j > 0 && es[j].Name() < es[j-1].Name(); j-- {
			es[j], es[j-1] = es[j-1], es[j]
		}
	}
}
