package generator

import (
	"io/fs"
	"path"
	"sort"
	"strings"
)

// sourceFile is a file of the content tree.
type sourceFile struct {
	Path string // relative to the content root
	Data []byte
}

// ignored reports files and folders authors keep out of the site: names
// starting with _ or . (drafts folders, editor and VCS files) and editor
// backup files.
func ignored(name string) bool {
	return strings.HasPrefix(name, ".") || strings.HasPrefix(name, "_") ||
		strings.HasSuffix(name, "~") || strings.HasSuffix(name, ".swp") || name == "4913"
}

// readSource lists the content tree: Markdown files and other files (assets
// published next to the pages), both sorted by path.
//
// A Builder with Options.Watched rereads only what was reported changed.
func (b *Builder) readSource(fsys fs.FS, root string) (md, assets []sourceFile, err error) {
	if b != nil && b.o.Watched {
		if md, assets, ok := b.list.reread(fsys, root); ok {
			return md, assets, nil
		}
		defer func() {
			if err == nil {
				b.list.remember(root, md, assets)
			}
		}()
	}
	err = fs.WalkDir(fsys, root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if p != root && ignored(d.Name()) {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if d.IsDir() {
			return nil
		}
		rel := strings.TrimPrefix(p, root+"/")
		if root == "." {
			rel = p
		}
		if path.Ext(p) == ".md" {
			md = append(md, sourceFile{Path: rel}) // read below, in parallel
		} else {
			assets = append(assets, sourceFile{Path: rel})
		}
		return nil
	})
	if err != nil {
		return nil, nil, err
	}
	// Reading thousands of small files is latency-bound: overlap the reads.
	errs := make([]error, len(md))
	forEach(len(md), func(i int) {
		md[i].Data, errs[i] = b.readFile(fsys, path.Join(root, md[i].Path))
	})
	for _, e := range errs {
		if e != nil {
			return nil, nil, e
		}
	}
	sort.Slice(md, func(i, j int) bool { return md[i].Path < md[j].Path })
	sort.Slice(assets, func(i, j int) bool { return assets[i].Path < assets[j].Path })
	return md, assets, err
}

// listStatic lists a static folder's files as (source path, output path).
func listStatic(fsys fs.FS, from, to string) ([][2]string, error) {
	var out [][2]string
	if _, err := fs.Stat(fsys, from); err != nil {
		return nil, nil // an absent static folder is normal
	}
	err := fs.WalkDir(fsys, from, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if p != from && ignored(d.Name()) {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if !d.IsDir() {
			out = append(out, [2]string{p, path.Join(to, strings.TrimPrefix(p, from+"/"))})
		}
		return nil
	})
	return out, err
}
