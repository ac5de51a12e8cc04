package publish

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
)

// errStopped is what Commit returns when a test stopped it at a step: it
// leaves everything as a kill there would.
var errStopped = errors.New("stopped")

// Commit waits for the files sent, writes the manifest and swaps the
// staging folder in place of the destination in one step, so that at any
// instant the destination holds the old site or the new one. The old
// site's files are then removed, and anything else it held (files razem
// did not write) is moved into the new site. On failure before the swap,
// the staging folder is removed and the destination is left as it was.
func (st *Staging) Commit() error { return CommitAll(st) }

// CommitAll commits several publications of one build (a learner and a
// trainer edition): none is swapped in unless every one is ready, so a
// file in the way of one leaves all destinations as they were.
func CommitAll(sts ...*Staging) error {
	ready := make([]prepared, len(sts))
	for i, st := range sts {
		var err error
		if ready[i], err = st.prepare(); err != nil {
			if !errors.Is(err, errStopped) {
				for _, st := range sts {
					st.Abort()
				}
			}
			return err
		}
	}
	var first error
	for i, st := range sts {
		if err := st.commit(ready[i]); err != nil && first == nil {
			first = err
		}
	}
	return first
}

// prepared is what prepare found out about the destination.
type prepared struct {
	owned map[string]bool // the old site's files
	fresh bool            // there is no destination yet
}

// commit swaps a prepared staging folder in.
func (st *Staging) commit(p prepared) error {
	owned := p.owned
	defer st.unlock()
	if p.fresh {
		if err := os.Rename(st.dir, st.real); err != nil {
			removeAll(st.dir)
			return err
		}
		return nil
	}
	if !owned[ManifestFile] {
		// The destination is not a site razem published: a manifest of no
		// files first, so that once swapped out it is known for what it
		// is, a folder whose every file must be kept.
		if err := writeManifest(st.real, nil); err != nil {
			removeAll(st.dir)
			return err
		}
		owned = map[string]bool{ManifestFile: true}
		if st.stopAt("marked") {
			return errStopped
		}
	}
	linkForeign(st.real, st.dir, owned)
	if st.stopAt("linked") {
		return errStopped
	}
	unlockOld, err := lockDir(st.real) // another build's cleanup leaves the old site to us
	if err != nil {
		removeAll(st.dir)
		return err
	}
	defer unlockOld()
	old, err := st.swap()
	if err != nil {
		return err
	}
	if st.stopAt("swapped") {
		return errStopped
	}
	kept := clearOld(old, st.real, owned, st.stopAt)
	if st.halted {
		return errStopped
	}
	if len(kept) > 0 {
		return fmt.Errorf("published %s, but %d file(s) razem did not write are kept in %s, because the new site has files where they were: %s",
			st.dest, len(kept), old, strings.Join(kept, ", "))
	}
	return nil
}

// prepare waits for the writers, checks that the new site replaces no file
// razem did not write, and writes its manifest.
func (st *Staging) prepare() (p prepared, err error) {
	if err := st.Wait(); err != nil {
		return p, err
	}
	if err := os.Chmod(st.dir, 0o755); err != nil {
		return p, err
	}
	files, err := st.listAll()
	if err != nil {
		return p, err
	}
	switch fi, err := os.Stat(st.real); {
	case errors.Is(err, fs.ErrNotExist):
		p.fresh = true
	case err != nil:
		return p, err
	case !fi.IsDir():
		return p, fmt.Errorf("%s is a file, not a folder", st.dest)
	default:
		var had bool
		p.owned, had = readManifest(st.real)
		if c := foreignConflicts(st.real, p.owned, files); len(c) > 0 {
			return p, conflictError(st.dest, c, had)
		}
	}
	if err := writeManifest(st.dir, files); err != nil {
		return p, err
	}
	if st.stopAt("manifest") {
		return p, errStopped
	}
	return p, nil
}

// listAll lists every file of the staging folder: those written through
// it, and those under claimed folders.
func (st *Staging) listAll() ([]string, error) {
	w := st.Written()
	files := make([]string, 0, len(w.files))
	for _, f := range w.files {
		files = append(files, f.Path)
	}
	for _, rel := range st.claimed {
		root := filepath.Join(st.dir, filepath.FromSlash(rel))
		err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
			switch {
			case errors.Is(err, fs.ErrNotExist) && p == root:
				return nil
			case err != nil:
				return err
			case !d.IsDir():
				r, _ := filepath.Rel(st.dir, p)
				files = append(files, filepath.ToSlash(r))
			}
			return nil
		})
		if err != nil {
			return nil, err
		}
	}
	return files, nil
}

// swap exchanges the staging folder and the destination and returns where
// the old site now is. Where the system cannot exchange two folders in one
// step, the old site is renamed aside first; the next build puts it back
// if a kill came between the two renames.
func (st *Staging) swap() (string, error) {
	err := errNoExchange
	if !st.noExchange {
		err = exchange(st.dir, st.real)
	}
	if err == nil {
		return st.dir, nil
	}
	if !errors.Is(err, errNoExchange) {
		removeAll(st.dir)
		return "", fmt.Errorf("swapping in the new site: %w", err)
	}
	old := st.dir + ".old"
	if err := os.Rename(st.real, old); err != nil {
		removeAll(st.dir)
		return "", fmt.Errorf("moving the old site aside: %w", err)
	}
	if st.stopAt("moved aside") {
		return "", errStopped
	}
	if err := os.Rename(st.dir, st.real); err != nil {
		_ = os.Rename(old, st.real)
		removeAll(st.dir)
		return "", fmt.Errorf("swapping in the new site: %w", err)
	}
	return old, nil
}

func (st *Staging) stopAt(step string) bool {
	st.halted = st.halted || st.stopHook != nil && st.stopHook(step)
	return st.halted
}

// clearOld removes the files razem wrote (owned) from old, a site swapped
// out of dest, and moves everything else back into dest. What cannot be
// moved back (the new site has a file at its path) stays in old and is
// returned. The manifest goes last: until then old is still known as a
// folder holding files to keep.
func clearOld(old, dest string, owned map[string]bool, stop func(string) bool) (kept []string) {
	var wg sync.WaitGroup
	next := make(chan string, writers)
	for range writers {
		wg.Go(func() {
			for f := range next {
				_ = os.Remove(filepath.Join(old, filepath.FromSlash(f))) // what stays, rmdir notices
			}
		})
	}
	dirs := map[string]bool{}
	for f := range owned {
		if f != ManifestFile {
			next <- f
		}
		for d := pathDir(f); d != "." && !dirs[d]; d = pathDir(d) {
			dirs[d] = true
		}
	}
	close(next)
	wg.Wait()
	if stop != nil && stop("old files removed") {
		return nil
	}
	order := make([]string, 0, len(dirs)+1)
	for d := range dirs {
		order = append(order, d)
	}
	// Deepest first, so each folder is empty of razem's folders when its
	// turn comes.
	sort.Slice(order, func(i, j int) bool { return order[i] > order[j] })
	order = append(order, ".")
	for _, d := range order {
		dir := filepath.Join(old, filepath.FromSlash(d))
		if d != "." && os.Remove(dir) == nil {
			continue
		}
		entries, err := os.ReadDir(dir)
		if err != nil {
			if !errors.Is(err, fs.ErrNotExist) {
				kept = append(kept, dir)
			}
			continue
		}
		for _, e := range entries {
			rel := joinRel(d, e.Name())
			if !owned[rel] && !dirs[rel] {
				kept = append(kept, moveBack(old, dest, rel)...)
			}
		}
		if d != "." {
			_ = os.Remove(dir)
		}
	}
	if len(kept) == 0 {
		_ = os.Remove(filepath.Join(old, ManifestFile))
		_ = os.Remove(old)
	}
	return kept
}

// linkForeign gives the staging folder the entries of dest that razem did
// not write and that lie outside its folders (.git, CNAME): hard links of
// their files, copies of their symbolic links. Once swapped, the new site
// has them and the old one still does, so at no instant are they missing.
// Where links cannot be made (FAT, some network shares) they are moved
// after the swap instead, and so are files put inside razem's folders,
// which would take a walk of the whole site to find.
func linkForeign(dest, staging string, owned map[string]bool) {
	ours := map[string]bool{}
	for f := range owned {
		top, _, _ := strings.Cut(f, "/")
		ours[top] = true
	}
	entries, err := os.ReadDir(dest)
	if err != nil {
		return
	}
	for _, e := range entries {
		if !ours[e.Name()] && linkTree(filepath.Join(dest, e.Name()), filepath.Join(staging, e.Name())) != nil {
			return // the rest are moved after the swap
		}
	}
}

// linkTree recreates src at dst: folders made, files hard-linked, symbolic
// links copied.
func linkTree(src, dst string) error {
	fi, err := os.Lstat(src)
	switch {
	case err != nil:
		return err
	case fi.Mode()&fs.ModeSymlink != 0:
		target, err := os.Readlink(src)
		if err != nil {
			return err
		}
		return os.Symlink(target, dst)
	case !fi.IsDir():
		return os.Link(src, dst)
	}
	if err := os.Mkdir(dst, fi.Mode().Perm()|0o700); err != nil {
		return err
	}
	entries, err := os.ReadDir(src)
	if err != nil {
		return err
	}
	for _, e := range entries {
		if err := linkTree(filepath.Join(src, e.Name()), filepath.Join(dst, e.Name())); err != nil {
			return err
		}
	}
	return os.Chmod(dst, fi.Mode().Perm())
}

// moveBack moves old/rel, which razem did not write, to dest/rel. A folder
// whose place the new site also has is merged into it entry by entry. What
// the new site already has is not replaced: it is returned, kept in old.
func moveBack(old, dest, rel string) []string {
	src, dst := filepath.Join(old, filepath.FromSlash(rel)), filepath.Join(dest, filepath.FromSlash(rel))
	dfi, err := os.Lstat(dst)
	if errors.Is(err, fs.ErrNotExist) {
		if err := os.MkdirAll(filepath.Dir(dst), 0o755); err == nil && os.Rename(src, dst) == nil {
			return nil
		}
		return []string{src}
	}
	sfi, serr := os.Lstat(src)
	switch {
	case err != nil || serr != nil:
		return []string{src}
	case os.SameFile(sfi, dfi): // linked before the swap
		_ = os.Remove(src)
		return nil
	case sfi.Mode()&fs.ModeSymlink != 0 && dfi.Mode()&fs.ModeSymlink != 0 && sameLink(src, dst):
		_ = os.Remove(src)
		return nil
	case !sfi.IsDir() || !dfi.IsDir():
		return []string{src}
	}
	entries, err := os.ReadDir(src)
	if err != nil {
		return []string{src}
	}
	var kept []string
	for _, e := range entries {
		kept = append(kept, moveBack(old, dest, joinRel(rel, e.Name()))...)
	}
	_ = os.Remove(src)
	return kept
}

// sameLink reports whether two symbolic links point to the same place.
func sameLink(a, b string) bool {
	ta, err1 := os.Readlink(a)
	tb, err2 := os.Readlink(b)
	return err1 == nil && err2 == nil && ta == tb
}

// joinRel joins a relative folder of a manifest and a name.
func joinRel(dir, name string) string {
	if dir == "." {
		return name
	}
	return dir + "/" + name
}

// cleanLeftovers deals with the staging folders beside dest that builds
// killed before they finished left behind (unless a running build holds
// one): a folder without a manifest holds only files razem wrote and is
// removed; one with a manifest is a swapped-out site, which gets what
// Commit would have given it, or, if the kill came between the two renames
// of a swap and dest is missing, is put back in place.
func cleanLeftovers(dest string) {
	parent, prefix := filepath.Dir(dest), stagingPrefix(dest)
	entries, err := os.ReadDir(parent)
	if err != nil {
		return
	}
	var left []string
	for _, e := range entries {
		if e.IsDir() && strings.HasPrefix(e.Name(), prefix) {
			left = append(left, filepath.Join(parent, e.Name()))
		}
	}
	// A site moved aside (.old) is the one to put back.
	sort.SliceStable(left, func(i, j int) bool {
		return strings.HasSuffix(left[i], ".old") && !strings.HasSuffix(left[j], ".old")
	})
	for _, dir := range left {
		unlock, err := tryLockDir(dir)
		if err != nil {
			continue // in use, or not ours to open
		}
		owned, has := readManifest(dir)
		_, statErr := os.Lstat(dest)
		switch {
		case !has:
			removeAll(dir)
		case errors.Is(statErr, fs.ErrNotExist):
			_ = os.Rename(dir, dest)
		default:
			clearOld(dir, dest, owned, nil)
		}
		unlock()
	}
	_ = os.Remove(filepath.Join(dest, ManifestFile+".tmp"))
}

// errNoExchange says that the system cannot swap two folders in one step.
var errNoExchange = errors.New("cannot exchange folders")
