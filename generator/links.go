package generator

import (
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"
)

// Symbolic links in the site's trees.
//
// The trees a build reads (content/, the static folders, layouts/, i18n/,
// the theme) may themselves be symbolic links to folders anywhere: content
// kept in another repository is normal. A link found inside one of them
// must lead to a file inside that tree, as the system resolves it, or
// inside the site's folder; one that leads elsewhere (an image linked to
// /etc/passwd) would publish a file from outside the site, and is an error
// at the link's path. Links to folders are not followed (a loop, or the
// same pages twice under two names, would be one link away): they are an
// error too, which says what to do instead.

// linkProblem checks the entry p, found in a walk of the tree at root, and
// returns what is wrong with it, or "" when it is not a symbolic link or
// leads where it may.
func linkProblem(fsys fs.FS, root, p string, d fs.DirEntry) string {
	if d.Type()&fs.ModeSymlink == 0 {
		return ""
	}
	target, _ := fs.ReadLink(fsys, p)
	if target == "" {
		target = "?"
	}
	var inside, isDir, exists bool
	if disk, ok := fsys.(dirFS); ok {
		inside, isDir, exists = disk.leadsInside(root, p)
	} else {
		inside, isDir, exists = leadsInside(fsys, p, target)
	}
	tree := root
	if tree == "." {
		tree = "the site's folder"
	} else {
		tree += "/"
	}
	switch {
	case !exists:
		return "symbolic link to " + target + ", which does not exist"
	case !inside:
		return "symbolic link to " + target + " leads outside the site; a link in " + tree +
			" may lead only to a file inside it or inside the site's folder"
	case isDir:
		return "symbolic link to a folder (" + target + "); razem follows links to files only: link the files, or make " +
			tree + " itself the link"
	}
	return ""
}

// leadsInside resolves the link p on disk and says whether it leads inside
// the tree at root or the site's folder, both as resolved, to a folder,
// and anywhere at all.
func (d dirFS) leadsInside(root, p string) (inside, isDir, exists bool) {
	real, err := filepath.EvalSymlinks(filepath.Join(d.dir, filepath.FromSlash(p)))
	if err != nil {
		return false, false, false
	}
	fi, err := os.Stat(real)
	if err != nil {
		return false, false, false
	}
	for _, dir := range []string{filepath.Join(d.dir, filepath.FromSlash(root)), d.dir} {
		if r, err := filepath.EvalSymlinks(dir); err == nil && (real == r || strings.HasPrefix(real, r+string(filepath.Separator))) {
			return true, fi.IsDir(), true
		}
	}
	return false, fi.IsDir(), true
}

// leadsInside is the same for a file system not on disk (or not known to
// be): its root is the site's folder, and a link leads inside when its
// target, taken relative to the link, stays within it.
func leadsInside(fsys fs.FS, p, target string) (inside, isDir, exists bool) {
	if path.IsAbs(target) || filepath.IsAbs(target) {
		return false, false, true
	}
	q := path.Join(path.Dir(p), target)
	if q == ".." || strings.HasPrefix(q, "../") {
		return false, false, true
	}
	fi, err := fs.Stat(fsys, q)
	if err != nil {
		return false, false, false
	}
	return true, fi.IsDir(), true
}
