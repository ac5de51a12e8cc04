package publish

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// Sources are what a build reads. A publication replaces its destination,
// so the destination must not overlap them: `--dest content` would publish
// over the Markdown it was built from.
type Sources struct {
	// Root is the site's folder. A destination may lie inside it (public/)
	// but may be neither it nor a folder above it.
	Root string
	// Inputs are folders and files the build reads (content/, themes/,
	// layouts/, static folders, config.toml). A destination may be neither
	// inside one nor above one.
	Inputs []string
	// Outputs are the other destinations of the same build, kept apart
	// from this one in the same way.
	Outputs []string
}

// And returns the sources with other destinations of the same build added
// as inputs ("" adds nothing).
func (s Sources) And(dests ...string) Sources {
	out := append([]string(nil), s.Outputs...)
	for _, d := range dests {
		if d != "" {
			out = append(out, d)
		}
	}
	return Sources{Root: s.Root, Inputs: s.Inputs, Outputs: out}
}

// Check refuses a destination that overlaps the sources. Paths are
// compared as the system resolves them: a symbolic link leads to its
// target.
func (s Sources) Check(dest string) error {
	d, err := resolve(dest)
	if err != nil {
		return err
	}
	advice := "; publish to a folder of its own, such as public/ in the site's folder"
	if s.Root != "" {
		root, err := resolve(s.Root)
		if err != nil {
			return err
		}
		switch {
		case d == root:
			return fmt.Errorf("refusing to publish to %s: it is the site's folder, which holds its sources%s", dest, advice)
		case within(root, d):
			return fmt.Errorf("refusing to publish to %s: it contains the site's folder %s%s", dest, s.Root, advice)
		}
	}
	for i, p := range append(s.Inputs[:len(s.Inputs):len(s.Inputs)], s.Outputs...) {
		what := "which the build reads"
		if i >= len(s.Inputs) {
			what, advice = "where the same build publishes", "; give each edition a folder of its own"
		}
		if err := apart(dest, d, p, what, advice); err != nil {
			return err
		}
	}
	return nil
}

// apart refuses a destination d (as given: dest) that is p, is inside p or
// contains it.
func apart(dest, d, p, what, advice string) error {
	r, err := resolve(p)
	if err != nil {
		return err
	}
	switch {
	case d == r:
		return fmt.Errorf("refusing to publish to %s: it is %s, %s%s", dest, p, what, advice)
	case within(r, d):
		return fmt.Errorf("refusing to publish to %s: it contains %s, %s%s", dest, p, what, advice)
	case within(d, r):
		return fmt.Errorf("refusing to publish to %s: it is inside %s, %s%s", dest, p, what, advice)
	}
	return nil
}

// within reports whether p lies strictly inside dir (both clean and
// absolute).
func within(p, dir string) bool {
	if dir == string(filepath.Separator) {
		return p != dir
	}
	return strings.HasPrefix(p, dir+string(filepath.Separator))
}

// resolve makes name absolute and follows symbolic links, also those on
// the way to a name that does not exist yet: the folder it would be
// created in is what counts. A link that points nowhere is followed to
// where it points.
func resolve(name string) (string, error) {
	abs, err := filepath.Abs(name)
	if err != nil {
		return "", err
	}
	var rest []string // trailing names that do not exist
	p := abs
	for hops := 0; ; {
		if real, err := filepath.EvalSymlinks(p); err == nil {
			return filepath.Join(append([]string{real}, rest...)...), nil
		}
		if target, err := os.Readlink(p); err == nil { // a link to nowhere
			if hops++; hops > 40 {
				return "", fmt.Errorf("%s: too many symbolic links", name)
			}
			if !filepath.IsAbs(target) {
				target = filepath.Join(filepath.Dir(p), target)
			}
			p = filepath.Clean(target)
			continue
		}
		parent := filepath.Dir(p)
		if parent == p {
			return abs, nil
		}
		rest = append([]string{filepath.Base(p)}, rest...)
		p = parent
	}
}
