// Package publish writes a built site to disk atomically: everything goes
// into a staging folder beside the destination, which is swapped in only
// when complete. A failed or interrupted build leaves the old site intact,
// and the next one removes what it left behind.
//
// A publication never destroys what razem did not write: the destination
// may not overlap the build's sources (Sources), and each published folder
// keeps a manifest of razem's files (ManifestFile); anything else found
// there is carried over into the new site, and a file of the new site
// that would replace one is an error.
package publish

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"sync"

	"github.com/razem/razem/generator/internal/rawfile"
)

// File is one output file, by slash-separated path relative to the site root.
type File struct {
	Path string
	Data []byte
	// Done, if set, is called once a Staging has written the file (or
	// failed to): Data may then be reused.
	Done func()
	// same is a file on disk with this content (Tee): Write links to it
	// rather than writing Data, unless that fails.
	same string
}

// Staging is a publication in progress: a folder beside the destination
// that a build writes into while it runs, so that writing overlaps with
// rendering and written pages need not stay in memory. Commit swaps it in;
// Abort removes it and leaves the destination as it was.
type Staging struct {
	dest, dir string
	real      string   // dest with symbolic links followed: a linked folder is written through
	unlock    func()   // releases the staging folder's lock
	claimed   []string // folders written by others (the bleve index)
	dirs      sync.Map // folders already created
	listMu    sync.Mutex
	list      []string // the paths of the files written (a File each was 64 bytes, 4 MB an edition at 10,000 pages)
	sizes     []int64  // of list[i]

	start sync.Once
	stop  sync.Once
	queue chan File
	wg    sync.WaitGroup
	errMu sync.Mutex
	err   error // the first error of Send

	// stopHook, in tests, ends Commit at a step as if the process were killed
	// there.
	stopHook   func(step string) bool
	halted     bool
	noExchange bool // in tests: swap by two renames
}

// Begin creates the staging folder for dest, after checking that dest
// overlaps none of src and removing what killed builds left beside it.
// When dest is a symbolic link the folder it points to is published, and
// the link stays.
func Begin(dest string, src Sources) (*Staging, error) {
	dest = filepath.Clean(dest)
	if err := src.Check(dest); err != nil {
		return nil, err
	}
	real, err := resolve(dest)
	if err != nil {
		return nil, err
	}
	if fi, err := os.Stat(real); err == nil && !fi.IsDir() {
		return nil, fmt.Errorf("%s is a file, not a folder", dest)
	}
	parent := filepath.Dir(real)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return nil, err
	}
	cleanLeftovers(real)
	dir, err := os.MkdirTemp(parent, stagingPrefix(real))
	if err != nil {
		return nil, err
	}
	unlock, err := lockDir(dir)
	if err != nil {
		os.Remove(dir)
		return nil, err
	}
	return &Staging{dest: dest, dir: dir, real: real, unlock: unlock}, nil
}

// stagingPrefix begins the names of the staging folders of a destination:
// .public.staging-*, beside public/.
func stagingPrefix(real string) string { return "." + filepath.Base(real) + ".staging-" }

// Claim says that files under the slash-separated folder rel of the
// staging folder are written there by something other than Write and Send
// (the bleve index): Commit lists them in the manifest.
func (st *Staging) Claim(rel string) { st.claimed = append(st.claimed, rel) }

// Dir is the staging folder.
func (st *Staging) Dir() string { return st.dir }

// Files is the number of files written so far.
func (st *Staging) Files() int {
	st.listMu.Lock()
	defer st.listMu.Unlock()
	return len(st.list)
}

// Write writes one file into the staging folder. It is safe for concurrent
// use.
func (st *Staging) Write(f File) error {
	if f.Done != nil {
		defer f.Done()
	}
	name := filepath.Join(st.dir, filepath.FromSlash(f.Path))
	if d := filepath.Dir(name); d != st.dir {
		if _, ok := st.dirs.Load(d); !ok {
			// Most folders are new and their parent exists: one mkdir, not
			// MkdirAll's stat, stat and mkdir.
			if err := os.Mkdir(d, 0o755); err != nil && !errors.Is(err, fs.ErrExist) {
				if err := os.MkdirAll(d, 0o755); err != nil {
					return err
				}
			}
			st.dirs.Store(d, true)
		}
	}
	if f.same == "" || os.Link(f.same, name) != nil {
		if err := rawfile.WriteFile(name, f.Data); err != nil {
			return err
		}
	}
	st.listMu.Lock()
	st.list = append(st.list, f.Path)
	st.sizes = append(st.sizes, int64(len(f.Data)))
	st.listMu.Unlock()
	return nil
}

// Written is a file system over the files written so far. It lists them
// from memory and reads them from the staging folder: walking a site of
// 10,000 folders on disk costs tens of thousands of system calls.
func (st *Staging) Written() *FS {
	st.listMu.Lock()
	defer st.listMu.Unlock()
	idx := make([]int, len(st.list))
	for i := range idx {
		idx[i] = i
	}
	sort.SliceStable(idx, func(a, b int) bool { return st.list[idx[a]] < st.list[idx[b]] })
	m := &FS{dir: st.dir}
	for k, j := range idx {
		if k+1 < len(idx) && st.list[idx[k+1]] == st.list[j] {
			continue // written again later: the disk has the last one
		}
		m.files, m.sizes = append(m.files, File{Path: st.list[j]}), append(m.sizes, st.sizes[j])
	}
	return m
}

// Send queues a file to be written by the staging's own writers and
// returns at once, unless the queue is full: a renderer handing its pages
// over is not held up by the disk. Wait reports the errors.
func (st *Staging) Send(f File) error {
	st.start.Do(func() {
		st.queue = make(chan File, 256)
		for range writers {
			st.wg.Add(1)
			go func() {
				defer st.wg.Done()
				for f := range st.queue {
					if err := st.Write(f); err != nil {
						st.errMu.Lock()
						if st.err == nil {
							st.err = err
						}
						st.errMu.Unlock()
					}
				}
			}()
		}
	})
	st.queue <- f
	return nil
}

// Tee returns a sink (as Send) for the files two publications share, such
// as both editions' static search index: a writes each file, then b links
// to a's copy (a hard link), or writes the file itself where no link can
// be made (the two on different file systems, or one without links). At
// 10,000 pages that is 44,000 files and 190 MB not written twice. Wait
// for a before b: b receives each file once a has written it.
//
// Linked files share their content on disk until one of them is replaced;
// razem replaces files (each build writes a new folder), never edits them
// in place.
func Tee(a, b *Staging) func(File) error {
	return func(f File) error {
		done := f.Done
		g := f
		g.Done = func() {
			_ = b.Send(File{Path: f.Path, Data: f.Data, Done: done, same: filepath.Join(a.dir, filepath.FromSlash(f.Path))})
		}
		return a.Send(g)
	}
}

// writers is the number of goroutines writing sent files: file creation
// waits on the disk, not the CPU, and several requests overlap.
const writers = 8

// Wait waits until every sent file is written and returns the first error.
// Send must not be called after Wait.
func (st *Staging) Wait() error {
	st.start.Do(func() {}) // nothing sent: no writers to wait for
	st.stop.Do(func() {
		if st.queue != nil {
			close(st.queue)
			st.wg.Wait()
		}
	})
	st.errMu.Lock()
	defer st.errMu.Unlock()
	return st.err
}

// Abort removes the staging folder, leaving the destination as it was.
func (st *Staging) Abort() {
	removeAll(st.dir)
	st.unlock()
}

// removeAll is os.RemoveAll of a folder only razem wrote (a staging
// folder), its folders two levels down
// removed side by side: a rebuild over 15,000 files would otherwise end
// with one thread unlinking them one by one.
func removeAll(dir string) error {
	var subs []string
	if tops, err := os.ReadDir(dir); err == nil {
		for _, t := range tops {
			if !t.IsDir() {
				continue
			}
			entries, err := os.ReadDir(filepath.Join(dir, t.Name()))
			if err != nil {
				continue
			}
			for _, e := range entries {
				subs = append(subs, filepath.Join(dir, t.Name(), e.Name()))
			}
		}
	}
	var wg sync.WaitGroup
	next := make(chan string)
	for range min(writers, len(subs)) {
		wg.Go(func() {
			for p := range next {
				_ = os.RemoveAll(p) // what is left, the last RemoveAll reports
			}
		})
	}
	for _, p := range subs {
		next <- p
	}
	close(next)
	wg.Wait()
	return os.RemoveAll(dir)
}
