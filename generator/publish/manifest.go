package publish

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"syscall"

	"github.com/razem/razem/generator/internal/rawfile"
)

// ManifestFile lists, in every folder razem publishes, the files razem
// wrote there. Only those are razem's to replace or delete: anything else
// in the folder (a gh-pages checkout's .git and CNAME, a file put there by
// hand) is kept through every later build.
const ManifestFile = ".razem-manifest"

// manifestVersion is the format's version: a manifest of another version
// is not trusted, and the folder is treated as one razem never wrote.
const manifestVersion = 1

type manifestData struct {
	Razem int      `json:"razem"`
	Files []string `json:"files"` // slash-separated, sorted
}

// readManifest returns the files a folder's manifest lists, and whether it
// has one (an unreadable or damaged one counts as none: nothing in the
// folder is then razem's).
func readManifest(dir string) (map[string]bool, bool) {
	b, err := os.ReadFile(filepath.Join(dir, ManifestFile))
	if err != nil {
		return nil, false
	}
	var m manifestData
	if json.Unmarshal(b, &m) != nil || m.Razem != manifestVersion {
		return nil, false
	}
	files := make(map[string]bool, len(m.Files)+1)
	for _, f := range m.Files {
		if fs.ValidPath(f) && f != "." {
			files[f] = true
		}
	}
	files[ManifestFile] = true
	return files, true
}

// writeManifest writes dir's manifest through a temporary file, so a
// folder has a complete manifest or none.
func writeManifest(dir string, files []string) error {
	sorted := append([]string(nil), files...)
	sort.Strings(sorted) // sort for determinism
	b, err := json.Marshal(manifestData{Razem: manifestVersion, Files: sorted})
	if err != nil {
		return err
	}
	tmp := filepath.Join(dir, ManifestFile+".tmp")
	if err := rawfile.WriteFile(tmp, b); err != nil {
		return err
	}
	return os.Rename(tmp, filepath.Join(dir, ManifestFile))
}

// WriteFile writes one file (an export) through a temporary file beside
// it, so that a reader, or a kill, never meets half of it. A symbolic link
// is written through.
func WriteFile(name string, data []byte) error {
	name, err := resolve(name)
	if err != nil {
		return err
	}
	tmp, err := os.CreateTemp(filepath.Dir(name), "."+filepath.Base(name)+".tmp-")
	if err != nil {
		return err
	}
	_, err = tmp.Write(data)
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Chmod(tmp.Name(), 0o644)
	}
	if err == nil {
		err = os.Rename(tmp.Name(), name)
	}
	if err != nil {
		os.Remove(tmp.Name())
	}
	return err
}

// foreignConflicts lists the files the new site would put where the
// destination holds something razem did not write (owned lists what it
// did). Only paths the destination's manifest does not list are looked
// at: a rebuild adds few.
func foreignConflicts(dest string, owned map[string]bool, files []string) []string {
	var out []string
	for _, f := range files {
		if owned[f] {
			continue
		}
		for p := f; p != "."; p = pathDir(p) {
			if owned[p] {
				break
			}
			fi, err := os.Lstat(filepath.Join(dest, filepath.FromSlash(p)))
			if errors.Is(err, fs.ErrNotExist) || errors.Is(err, syscall.ENOTDIR) {
				continue // perhaps something above it is in the way
			}
			if err != nil || p == f || !fi.IsDir() {
				out = append(out, p)
			}
			break
		}
	}
	sort.Strings(out)
	return compact(out)
}

// conflictError says which files razem would have to replace and what to
// do about it.
func conflictError(dest string, paths []string, hadManifest bool) error {
	shown := paths
	if len(shown) > 5 {
		shown = shown[:5]
	}
	list := strings.Join(shown, ", ")
	if n := len(paths) - len(shown); n > 0 {
		list += fmt.Sprintf(" and %d more", n)
	}
	advice := "move them away or delete them, or publish to another folder"
	if !hadManifest {
		advice += fmt.Sprintf("; if %s is the output of an earlier razem, which kept no list of its files, delete it and build again", dest)
	}
	return fmt.Errorf("%s holds files razem did not write where the new site has its own (%s): razem never replaces files it did not write; %s",
		dest, list, advice)
}

// pathDir is path.Dir for the relative paths of a manifest.
func pathDir(p string) string {
	if i := strings.LastIndexByte(p, '/'); i >= 0 {
		return p[:i]
	}
	return "."
}

// compact drops adjacent duplicates of a sorted list.
func compact(s []string) []string {
	out := s[:0]
	for i, x := range s {
		if i == 0 || x != s[i-1] {
			out = append(out, x)
		}
	}
	return out
}
