// Package publish writes a built site to disk atomically: everything goes
// into a staging folder beside the destination, which is swapped in only
// when complete. A failed or interrupted build leaves the old site intact.
package publish

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"sync"
)

// File is one output file, by slash-separated path relative to the site root.
type File struct {
	Path string
	Data []byte
}

// Write publishes files to dest. extra, if not nil, may add files to the
// staging folder (the search index writes its own directory) before the
// swap.
func Write(dest string, files []File, extra func(staging string) error) error {
	dest = filepath.Clean(dest)
	parent := filepath.Dir(dest)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return err
	}
	staging, err := os.MkdirTemp(parent, "."+filepath.Base(dest)+".staging-")
	if err != nil {
		return err
	}
	ok := false
	defer func() {
		if !ok {
			os.RemoveAll(staging)
		}
	}()
	if err := writeAll(staging, files); err != nil {
		return err
	}
	if extra != nil {
		if err := extra(staging); err != nil {
			return err
		}
	}
	if err := os.Chmod(staging, 0o755); err != nil {
		return err
	}
	if err := swap(staging, dest); err != nil {
		return err
	}
	ok = true
	return nil
}

// swap replaces dest by staging with two renames; the window in which dest
// does not exist is the time between them.
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
	return os.RemoveAll(old)
}

func writeAll(root string, files []File) error {
	dirs := map[string]bool{}
	for _, f := range files {
		dirs[filepath.Dir(filepath.Join(root, filepath.FromSlash(f.Path)))] = true
	}
	for d := range dirs {
		if err := os.MkdirAll(d, 0o755); err != nil {
			return err
		}
	}
	var (
		wg    sync.WaitGroup
		once  sync.Once
		first error
		next  = make(chan File)
	)
	for i := 0; i < runtime.GOMAXPROCS(0)*2; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for f := range next {
				if err := os.WriteFile(filepath.Join(root, filepath.FromSlash(f.Path)), f.Data, 0o644); err != nil {
					once.Do(func() { first = err })
				}
			}
		}()
	}
	for _, f := range files {
		next <- f
	}
	close(next)
	wg.Wait()
	return first
}
