package search

import (
	"strconv"
	"strings"
)

// OfflineRank ranks a file of the static index (its path relative to the
// search folder) for the service worker's precache: meta.js first, then
// the key chunks in order, the tag lists, and last the fragments (the
// titles and text of hits, four sections a file), as far as the budget
// allows. A query offline needs meta.js and the chunks of its words to
// find its hits, and a hit's fragment to show it; fragments that did not
// fit are cached as hits are shown.
func OfflineRank(name string) (rank int, ok bool) {
	const chunks, tags, fragments = 1, 1 << 20, 1 << 21
	switch {
	case name == "meta.js":
		return 0, true
	case strings.HasPrefix(name, "s/"):
		n, err := strconv.Atoi(strings.TrimSuffix(name[2:], ".js"))
		return chunks + n, err == nil
	case strings.HasPrefix(name, "t/"):
		return tags, true
	case strings.HasPrefix(name, "f/"):
		return fragments, true
	}
	return 0, false
}
