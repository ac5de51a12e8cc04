package site

import (
	"path"
	"strings"

	"github.com/razem/razem/generator/markdown"
)

// URLFor maps a content path to the output file that publishes it:
// "moduly/ambasadorzy.md" → "moduly/ambasadorzy/index.html",
// "moduly/index.md" → "moduly/index.html", "index.md" → "index.html".
// Segments are slugified so a file named "Współpraca.md" still gets a
// readable ASCII address. Links always name index.html: that is what makes
// the same output work from file://, where a folder link opens a listing.
func URLFor(contentPath string) string {
	dir, file := path.Split(strings.TrimSuffix(contentPath, ".md"))
	var segs []string
	for _, s := range strings.Split(strings.Trim(dir, "/"), "/") {
		if s != "" {
			segs = append(segs, slugSegment(s))
		}
	}
	if file != "index" {
		segs = append(segs, slugSegment(file))
	}
	return strings.Join(append(segs, "index.html"), "/")
}

// slugSegment slugifies one path segment but keeps names that are already
// clean (so "1-roof-2-ages" and "pl" stay as they are).
func slugSegment(s string) string {
	if t := markdown.Slugify(s); t != "" {
		return t
	}
	return s
}

// RootOf is the relative path from an output file to the site root: "" for
// "index.html", "../../" for "moduly/ambasadorzy/index.html".
func RootOf(url string) string {
	return strings.Repeat("../", strings.Count(url, "/"))
}

// Rel is the shortest relative link from the output file from to the output
// file to.
func Rel(from, to string) string {
	fromDir := strings.Split(path.Dir(from), "/")
	if path.Dir(from) == "." {
		fromDir = nil
	}
	toParts := strings.Split(to, "/")
	i := 0
	for i < len(fromDir) && i < len(toParts)-1 && fromDir[i] == toParts[i] {
		i++
	}
	return strings.Repeat("../", len(fromDir)-i) + strings.Join(toParts[i:], "/")
}

// AbsURL is the absolute address of an output path under base (which ends
// in a slash): directory pages lose their index.html, as servers show them.
func AbsURL(base, url string) string { return base + strings.TrimSuffix(url, "index.html") }
