package generator

import (
	"github.com/razem/razem/generator/diag"
	"io/fs"
	"path"
	"sort"
	"strings"
)

// sourceFile is a file of the content tree.
type sourceFile struct {
	Path    string // relative to the content root
	Data    []byte
	Problem string // why it may not be read (a symbolic link leading out): an error at Path
}

// entryKind says what a walk of the content tree does with an entry.
type entryKind int

const (
	skipEntry  entryKind = iota // an ignored file
	skipFolder                  // an ignored folder
	walkFolder                  // a folder to walk into
	pageEntry                   // a Markdown file
	assetEntry                  // any other file
	badEntry                    // an entry that is an error (see linkProblem)
)

// classify says what the entry p of the content tree at root is, and for
// a bad one what is wrong with it. The full walk (readSource) and razem
// serve's reread of a changed path (listing) both go through it, so they
// keep the same files and report the same problems.
func classify(fsys fs.FS, root, p string, d fs.DirEntry) (entryKind, string) {
	if p != root && ignored(d.Name()) {
		if d.IsDir() {
			return skipFolder, ""
		}
		return skipEntry, ""
	}
	if d.IsDir() {
		return walkFolder, ""
	}
	if problem := linkProblem(fsys, root, p, d); problem != "" {
		return badEntry, problem
	}
	if path.Ext(p) == ".md" {
		return pageEntry, ""
	}
	return assetEntry, ""
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
		rel, _ := contentRel(root, p)
		switch kind, problem := classify(fsys, root, p, d); kind {
		case skipFolder:
			return fs.SkipDir
		case pageEntry:
			md = append(md, sourceFile{Path: rel}) // read below, in parallel
		case assetEntry, badEntry:
			assets = append(assets, sourceFile{Path: rel, Problem: problem})
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
// A bad entry is reported to l and left out.
func listStatic(fsys fs.FS, from, to string, l *diag.List) ([][2]string, error) {
	var out [][2]string
	if _, err := fs.Stat(fsys, from); err != nil {
		return nil, nil // an absent static folder is normal
	}
	err := fs.WalkDir(fsys, from, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		switch kind, problem := classify(fsys, from, p, d); kind {
		case skipFolder:
			return fs.SkipDir
		case badEntry:
			l.Add(diag.Pos{File: p}, "%s", problem)
		case pageEntry, assetEntry:
			out = append(out, [2]string{p, path.Join(to, strings.TrimPrefix(p, from+"/"))})
		}
		return nil
	})
	return out, err
}
