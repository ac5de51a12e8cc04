package publish

import (
	"bytes"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"time"
)

// FS serves files from memory. Unlike fstest.MapFS, which scans every
// entry to list or open a folder, it keeps the paths sorted, so a folder is
// a binary search away: a site of 20,000 files is walked in linear time.
//
// A Staging's Written FS lists the files written to disk the same way and
// reads their contents from there.
type FS struct {
	files []File  // sorted by Path
	sizes []int64 // of files[i], when the data is on disk
	dir   string  // where the data is, if not in files
	mod   time.Time
}

var _ fs.ReadDirFS = (*FS)(nil)
var _ fs.ReadFileFS = (*FS)(nil)

// NewFS returns a file system over files. modTime is reported for every
// file (servers use it for Last-Modified).
func NewFS(files []File, modTime time.Time) *FS {
	sorted := make([]File, 0, len(files))
	for _, f := range files {
		if f.Path != "" {
			sorted = append(sorted, f)
		}
	}
	// razem serve makes an FS after every save: 60,000 files at 10,000
	// pages, given as sorted runs (each edition), which pdqsort merges in
	// a few milliseconds where sort.Slice's reflection took tens.
	slices.SortFunc(sorted, func(a, b File) int { return strings.Compare(a.Path, b.Path) })
	return &FS{files: sorted, mod: modTime}
}

// find returns the index of a file, or -1.
func (m *FS) find(name string) int {
	i := sort.Search(len(m.files), func(i int) bool { return m.files[i].Path >= name })
	if i < len(m.files) && m.files[i].Path == name {
		return i
	}
	return -1
}

func (m *FS) size(i int) int64 {
	if m.dir != "" {
		return m.sizes[i]
	}
	return int64(len(m.files[i].Data))
}

// isDir reports whether some file lies under name.
func (m *FS) isDir(name string) bool {
	if name == "." {
		return true
	}
	prefix := name + "/"
	i := sort.Search(len(m.files), func(i int) bool { return m.files[i].Path >= prefix })
	return i < len(m.files) && strings.HasPrefix(m.files[i].Path, prefix)
}

// ReadFile implements fs.ReadFileFS.
func (m *FS) ReadFile(name string) ([]byte, error) {
	if i := m.find(name); i >= 0 {
		if m.dir != "" {
			return os.ReadFile(filepath.Join(m.dir, filepath.FromSlash(name)))
		}
		return bytes.Clone(m.files[i].Data), nil // the caller may modify it (fs.ReadFileFS)
	}
	return nil, &fs.PathError{Op: "read", Path: name, Err: fs.ErrNotExist}
}

// Open implements fs.FS.
func (m *FS) Open(name string) (fs.File, error) {
	if !fs.ValidPath(name) {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrInvalid}
	}
	if i := m.find(name); i >= 0 {
		fi := info{name: path.Base(name), size: m.size(i), mod: m.mod}
		if m.dir != "" {
			f, err := os.Open(filepath.Join(m.dir, filepath.FromSlash(name)))
			if err != nil {
				return nil, err
			}
			return diskFile{f, fi}, nil // stat as listed, like the folder's entries
		}
		return &memFile{info: fi, r: bytes.NewReader(m.files[i].Data)}, nil
	}
	if m.isDir(name) {
		entries, _ := m.ReadDir(name)
		return &memDir{info: info{name: path.Base(name), dir: true, mod: m.mod}, entries: entries}, nil
	}
	return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrNotExist}
}

// ReadDir implements fs.ReadDirFS.
func (m *FS) ReadDir(name string) ([]fs.DirEntry, error) {
	if !m.isDir(name) {
		return nil, &fs.PathError{Op: "readdir", Path: name, Err: fs.ErrNotExist}
	}
	prefix := name + "/"
	if name == "." {
		prefix = ""
	}
	var out []fs.DirEntry
	i := sort.Search(len(m.files), func(i int) bool { return m.files[i].Path >= prefix })
	for i < len(m.files) && strings.HasPrefix(m.files[i].Path, prefix) {
		rest := m.files[i].Path[len(prefix):]
		if j := strings.IndexByte(rest, '/'); j >= 0 {
			dir := rest[:j]
			out = append(out, fs.FileInfoToDirEntry(info{name: dir, dir: true, mod: m.mod}))
			// Skip the whole subfolder: the next path not under it.
			next := prefix + dir + "0" // '0' sorts right after '/'
			i = sort.Search(len(m.files), func(k int) bool { return m.files[k].Path >= next })
			continue
		}
		out = append(out, fs.FileInfoToDirEntry(info{name: rest, size: m.size(i), mod: m.mod}))
		i++
	}
	// Paths sort "a-b/x" before "a/x" ('-' < '/'); names sort "a" first.
	sort.Slice(out, func(i, j int) bool { return out[i].Name() < out[j].Name() })
	return out, nil
}

type info struct {
	name string
	size int64
	dir  bool
	mod  time.Time
}

func (i info) Name() string       { return i.name }
func (i info) Size() int64        { return i.size }
func (i info) ModTime() time.Time { return i.mod }
func (i info) IsDir() bool        { return i.dir }
func (i info) Sys() any           { return nil }
func (i info) Mode() fs.FileMode {
	if i.dir {
		return fs.ModeDir | 0o555
	}
	return 0o444
}

type memFile struct {
	info
	r *bytes.Reader
}

func (f *memFile) Stat() (fs.FileInfo, error)                { return f.info, nil }
func (f *memFile) Read(b []byte) (int, error)                { return f.r.Read(b) }
func (f *memFile) Seek(off int64, whence int) (int64, error) { return f.r.Seek(off, whence) }
func (f *memFile) ReadAt(b []byte, off int64) (int, error)   { return f.r.ReadAt(b, off) }
func (f *memFile) Close() error                              { return nil }
func (d *memDir) Stat() (fs.FileInfo, error)                 { return d.info, nil }
func (d *memDir) Read([]byte) (int, error)                   { return 0, io.EOF }
func (d *memDir) Close() error                               { return nil }

type diskFile struct {
	*os.File
	info info
}

func (f diskFile) Stat() (fs.FileInfo, error) { return f.info, nil }

type memDir struct {
	info
	entries []fs.DirEntry
	pos     int
}

// ReadDir implements fs.ReadDirFile.
func (d *memDir) ReadDir(n int) ([]fs.DirEntry, error) {
	rest := d.entries[d.pos:]
	if n <= 0 {
		d.pos = len(d.entries)
		return rest, nil
	}
	if len(rest) == 0 {
		return nil, io.EOF
	}
	n = min(n, len(rest))
	d.pos += n
	return rest[:n], nil
}
