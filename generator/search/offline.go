package search

import (
	"strconv"
	"strings"
)

// OfflineRank ranks a file of the static index (its path relative to the
// search folder) for the service worker's precache: meta.js first, then
// the lexicon chunks, the page lists in order, the tag lists, and last the
// fragments (the titles and text of hits, four sections a file), as far
// as the budget allows. A query offline needs meta.js, the lexicon chunks
// of its words and their page lists to find its hits, and a hit's
// fragment to show it: a hit whose fragment was never fetched is left out
// and counted (search.js, "unavailable").
func OfflineRank(name string) (rank int, ok bool) {
	const lexicon, lists, tags, fragments = 1, 1 << 20, 1 << 22, 1 << 23
	number := func(prefix string) int {
		n, err := strconv.Atoi(strings.TrimSuffix(strings.TrimPrefix(name, prefix), ".js"))
		if err != nil {
			return 1<<20 - 1
		}
		return min(n, 1<<20-1)
	}
	switch {
	case name == "meta.js":
		return 0, true
	case strings.HasPrefix(name, "l/"):
		return lexicon + number("l/"), true
	case strings.HasPrefix(name, "p/"):
		return lists + number("p/"), true
	case strings.HasPrefix(name, "t/"):
		return tags, true
	case strings.HasPrefix(name, "f/"):
		return fragments, true
	}
	return 0, false
}
