// Package publish writes a built site to disk atomically: everything goes
// into a staging folder beside the destination, which is swapped in only
// when complete. A failed or interrupted build leaves the old site intact.
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
}

// Staging is a publication in progress: a folder beside the destination
// that a build writes into while it runs, so that writing overlaps with
// rendering and written pages need not stay in memory. Commit swaps it in;
// Abort removes it and leaves the destination as it was.
type Staging struct {
	dest, dir string
	dirs      sync.Map // folders already created
	listMu    sync.Mutex
	list      []File  // the files written, without their data
	sizes     []int64 // of list[i]

	start sync.Once
	stop  sync.Once
	queue chan File
	wg    sync.WaitGroup
	errMu sync.Mutex
	err   error // the first error of Send
}

// Begin creates the staging folder for dest.
func Begin(dest string) (*Staging, error) {
	dest = filepath.Clean(dest)
	parent := filepath.Dir(dest)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return nil, err
	}
	dir, err := os.MkdirTemp(parent, "."+filepath.Base(dest)+".staging-")
	if err != nil {
		return nil, err
	}
	return &Staging{dest: dest, dir: dir}, nil
}

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
	if err := rawfile.WriteFile(name, f.Data); err != nil {
		return err
	}
	st.listMu.Lock()
	st.list = append(st.list, File{Path: f.Path})
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
	sort.SliceStable(idx, func(a, b int) bool { return st.list[idx[a]].Path < st.list[idx[b]].Path })
	m := &FS{dir: st.dir}
	for k, j := range idx {
		if k+1 < len(idx) && st.list[idx[k+1]].Path == st.list[j].Path {
			continue // written again later: the disk has the last one
		}
		m.files, m.sizes = append(m.files, st.list[j]), append(m.sizes, st.sizes[j])
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

// Commit waits for the files sent, then swaps the staging folder in place
// of the destination. On failure the folder is removed.
func (st *Staging) Commit() error {
	err := func() error {
		if err := st.Wait(); err != nil {
			return err
		}
		if err := os.Chmod(st.dir, 0o755); err != nil {
			return err
		}
		return swap(st.dir, st.dest)
	}()
	if err != nil {
		st.Abort()
	}
	return err
}

// Abort removes the staging folder.
func (st *Staging) Abort() { os.RemoveAll(st.dir) }

func swap(staging, dest string) error {
	old := staging + ".old"
	if _, err := os.Stat(dest); err == nil {
		if err := os.Rename(dest, old); err != nil {
			return fmt.Errorf("moving the old site aside: %w", err)
		}
	}
	if err := os.Rename(staging, dest); err != nil {
		_ = os.Rename(old, dest)
		return fmt.Errorf("swapping in the new site: %w", err)
	}
	return removeAll(old)
}

// removeAll is os.RemoveAll of the old site, its folders two levels down
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
