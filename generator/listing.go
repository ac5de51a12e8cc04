package generator

import (
	"errors"
	"io/fs"
	"path"
	"slices"
	"strings"
	"sync"
)

// A listing is the content tree as the last build read it, kept by a
// Builder whose caller reports every change (razem serve, from its
// watcher). Walking and stat-ing a 10,000-file tree after every save costs
// tens of milliseconds, most of a rebuild's budget; with the watcher's
// report only the paths it names are looked at again.
//
// The listing is only trusted while every change is reported: a Builder
// starts without one (the first build walks the tree), and Builder.Changed
// with rescan set, which the watcher asks for when the kernel dropped
// events, throws it away.
type listing struct {
	mu    sync.Mutex
	root  string              // the content root it lists
	files map[string][]byte   // content-relative path → bytes (Markdown) or nil (asset)
	bad   map[string]string   // content-relative path → what is wrong with it (classify)
	dirty map[string]struct{} // source-relative paths changed since the last build
	valid bool

	// md and assets are sorted() as last returned, while sortedOK: a save
	// that only rewrites Markdown files patches their bytes in place
	// rather than sorting 10,000 paths again.
	md, assets []sourceFile
	sortedOK   bool
}

// Changed reports paths (relative to Options.Source, slash-separated) that
// were created, written, removed or renamed since the last build; rescan
// says that changes may have been missed, so the next build walks the
// whole tree again. It matters only with Options.Watched, whose caller
// promises to report every change this way before the next Build.
func (b *Builder) Changed(paths []string, rescan bool) {
	l := &b.list
	l.mu.Lock()
	defer l.mu.Unlock()
	for _, p := range paths {
		if rescan || l.root == "" || !strings.HasPrefix(path.Clean(p)+"/", l.root+"/") {
			b.mu.Lock()
			b.themeOK = false // a layout, translation or config.toml may have changed
			b.mu.Unlock()
			break
		}
	}
	if rescan {
		b.mu.Lock()
		b.themeOK = false
		b.mu.Unlock()
	}
	if rescan {
		l.valid, l.files, l.dirty = false, nil, nil
		return
	}
	if l.dirty == nil {
		l.dirty = map[string]struct{}{}
	}
	for _, p := range paths {
		l.dirty[path.Clean(p)] = struct{}{}
	}
}

// reread brings the listing of root up to date from the changes reported
// since the last build and returns it as readSource does. ok is false when
// there is no listing to update (the first build, or after a rescan), or
// when a reported path could not be read: the caller then walks the tree.
func (l *listing) reread(fsys fs.FS, root string) (md, assets []sourceFile, ok bool) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if !l.valid || l.root != root {
		return nil, nil, false
	}
	patch := l.sortedOK
	for p := range l.dirty {
		rel, inside := contentRel(root, p)
		_, was := l.files[rel]
		_, wasBad := l.bad[rel]
		if err := l.update(fsys, root, p); err != nil {
			l.valid, l.sortedOK = false, false
			return nil, nil, false
		}
		data, is := l.files[rel]
		_, isBad := l.bad[rel]
		if !patch {
			continue
		}
		i, found := slices.BinarySearchFunc(l.md, rel, func(f sourceFile, p string) int { return strings.Compare(f.Path, p) })
		if !inside || !was || !is || wasBad || isBad || !found {
			patch = false // a file came or went, or a folder changed: sort again
			continue
		}
		l.md[i].Data = data // the same Markdown file, new bytes
	}
	l.dirty = nil
	if !patch {
		l.md, l.assets = l.sorted()
		l.sortedOK = true
	}
	return slices.Clone(l.md), slices.Clone(l.assets), true
}

// update drops what the listing holds at or below the source path p and
// lists what is there now. A folder's removal and a rename (reported as
// the old and the new path) are both handled this way.
func (l *listing) update(fsys fs.FS, root, p string) error {
	rel, inside := contentRel(root, p)
	if !inside {
		return nil // config, theme, layouts: read afresh by every build
	}
	under := func(q string) bool { return rel == "." || q == rel || strings.HasPrefix(q, rel+"/") }
	for q := range l.files {
		if under(q) {
			delete(l.files, q)
		}
	}
	for q := range l.bad {
		if under(q) {
			delete(l.bad, q)
		}
	}
	if rel != "." && ignoredPath(rel) {
		return nil
	}
	stat := fs.Lstat // a link is classified as a link
	if rel == "." {
		stat = fs.Stat // the content root may be one
	}
	fi, err := stat(fsys, p)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return nil // removed or renamed away
	case err != nil:
		return err
	case !fi.IsDir():
		return l.add(fsys, root, p, fs.FileInfoToDirEntry(fi))
	}
	return fs.WalkDir(fsys, p, func(q string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if q != p && ignored(d.Name()) && d.IsDir() {
			return fs.SkipDir
		}
		return l.add(fsys, root, q, d)
	})
}

// add lists one entry, as classify says: Markdown with its bytes, an asset
// by name only, a bad entry with its problem.
func (l *listing) add(fsys fs.FS, root, p string, d fs.DirEntry) error {
	rel, _ := contentRel(root, p)
	switch kind, problem := classify(fsys, root, p, d); kind {
	case assetEntry:
		l.files[rel] = nil
		return nil
	case badEntry:
		l.bad[rel] = problem
		return nil
	case pageEntry:
	default:
		return nil
	}
	data, err := fs.ReadFile(fsys, path.Join(root, rel))
	if err != nil {
		return err
	}
	l.files[rel] = data
	return nil
}

// remember stores a full walk's result as the listing to update from now on.
func (l *listing) remember(root string, md, assets []sourceFile) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.root, l.valid, l.dirty, l.sortedOK = root, true, nil, false
	l.files = make(map[string][]byte, len(md)+len(assets))
	l.bad = map[string]string{}
	for _, f := range md {
		l.files[f.Path] = f.Data
	}
	for _, f := range assets {
		if f.Problem != "" {
			l.bad[f.Path] = f.Problem
		} else {
			l.files[f.Path] = nil
		}
	}
}

// sorted returns the listing as readSource does: Markdown files with their
// bytes and assets, each sorted by path.
func (l *listing) sorted() (md, assets []sourceFile) {
	for p, data := range l.files {
		if path.Ext(p) == ".md" {
			md = append(md, sourceFile{Path: p, Data: data})
		} else {
			assets = append(assets, sourceFile{Path: p})
		}
	}
	for p, problem := range l.bad {
		assets = append(assets, sourceFile{Path: p, Problem: problem})
	}
	byPath := func(a, b sourceFile) int { return strings.Compare(a.Path, b.Path) }
	slices.SortFunc(md, byPath) // sort for determinism: map order
	slices.SortFunc(assets, byPath)
	return md, assets
}

// contentRel returns source path p relative to the content root, and
// whether p is the root or inside it.
func contentRel(root, p string) (string, bool) {
	switch {
	case root == "." || root == "":
		return p, true
	case p == root:
		return ".", true
	case strings.HasPrefix(p, root+"/"):
		return p[len(root)+1:], true
	}
	return "", false
}

// ignoredPath reports whether any element of a content-relative path is
// one that readSource skips.
func ignoredPath(rel string) bool {
	for _, name := range strings.Split(rel, "/") {
		if ignored(name) {
			return true
		}
	}
	return false
}
