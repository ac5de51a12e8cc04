package generator

import (
	"io/fs"
	"os"

	"github.com/razem/razem/generator/internal/rawfile"
)

// DirFS is os.DirFS(dir) for Options.Source, whose ReadFile reads without
// an *os.File (package rawfile): a build reads every content file.
func DirFS(dir string) fs.FS { return dirFS{fsys: os.DirFS(dir), dir: dir} }

type dirFS struct {
	fsys fs.FS
	dir  string
}

func (d dirFS) Open(name string) (fs.File, error)          { return d.fsys.Open(name) }
func (d dirFS) ReadDir(name string) ([]fs.DirEntry, error) { return fs.ReadDir(d.fsys, name) }
func (d dirFS) Stat(name string) (fs.FileInfo, error)      { return fs.Stat(d.fsys, name) }
func (d dirFS) Lstat(name string) (fs.FileInfo, error)     { return fs.Lstat(d.fsys, name) }
func (d dirFS) ReadLink(name string) (string, error)       { return fs.ReadLink(d.fsys, name) }

func (d dirFS) ReadFile(name string) ([]byte, error) {
	if !rawfile.Native {
		return fs.ReadFile(d.fsys, name) // os.DirFS's own checks of Windows names
	}
	if !fs.ValidPath(name) {
		return nil, &fs.PathError{Op: "readfile", Path: name, Err: fs.ErrInvalid}
	}
	b, err := rawfile.ReadFile(d.dir + "/" + name)
	if pe, ok := err.(*fs.PathError); ok {
		pe.Path = name // as os.DirFS reports it
	}
	return b, err
}
