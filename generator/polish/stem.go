package polish

import (
	"hash/maphash"
	"sync"
	"sync/atomic"
	"unicode"

	"github.com/blevesearch/bleve/v2/analysis/lang/pl/stempel"
)

// loadTrie reads the Stempel table embedded in bleve (2.2 MB, about 80 ms).
// The trie is immutable once loaded and its lookups allocate their own
// state, so one copy serves every Analyzer in the process; loading it per
// Analyzer would only cost time.
var loadTrie = sync.OnceValues(stempel.LoadTrie)

// stemmer is Stempel behind the domain override list.
type stemmer struct {
	trie      stempel.Trie
	overrides map[string]string
}

// stem returns the Stempel stem of a lowercased word, or the override lemma.
// Words without letters (numbers, codes) are returned unchanged: Stempel's
// suffix rules would only mangle them. So are words whose stem is not
// plausible (see plausibleStem).
func (s *stemmer) stem(w string) string {
	if lemma, ok := s.overrides[w]; ok {
		return lemma
	}
	if !hasLetter(w) {
		return w
	}
	r := []rune(w)
	out := stempel.Diff(append([]rune(nil), r...), s.trie.GetLastOnPath(r))
	if !plausibleStem(r, out) {
		return w
	}
	return string(out)
}

// plausibleStem rejects Stempel's answers for words it does not know at all,
// mostly foreign names: banque→ąć, sap→s, celu→ć. Polish inflection changes
// the end of a word, so a stem must keep at least its first three letters
// (folded, since alternations such as ó/o are normal) and be two or more
// letters long. Keeping such a word whole costs nothing: it still meets
// itself.
func plausibleStem(word, stem []rune) bool {
	if len(stem) < 2 {
		return false
	}
	need := min(3, len(word))
	if len(stem) < need {
		return false
	}
	for i := 0; i < need; i++ {
		if foldRune(word[i]) != foldRune(stem[i]) {
			return false
		}
	}
	return true
}

func foldRune(r rune) string {
	return Fold(string(r))
}

func hasLetter(w string) bool {
	for _, r := range w {
		if unicode.IsLetter(r) {
			return true
		}
	}
	return false
}

// wordInfo is everything the analysis derives from one lowercased word.
// Values are shared between callers through the cache and must not be
// modified.
type wordInfo struct {
	fold  string
	stop  bool
	terms []string
}

// wordCache memoises wordInfo per lowercased word. Polish text repeats a
// small vocabulary (Zipf), so after the first few hundred pages nearly every
// word is a hit and the trie walk disappears from build profiles. It is
// sharded so that the two build goroutines rarely wait on one lock, and
// bounded so that a pathological input cannot grow it without limit.
type wordCache struct {
	seed   maphash.Seed
	size   atomic.Int64
	shards [64]struct {
		mu sync.RWMutex
		m  map[string]*wordInfo
	}
}

const maxCachedWords = 1 << 20

func newWordCache() *wordCache {
	c := &wordCache{seed: maphash.MakeSeed()}
	for i := range c.shards {
		c.shards[i].m = make(map[string]*wordInfo)
	}
	return c
}

// get returns the wordInfo of w, computing it on a miss. w is a byte slice
// so that a hit, the common case, allocates nothing.
func (c *wordCache) get(w []byte, compute func(string) *wordInfo) *wordInfo {
	sh := &c.shards[maphash.Bytes(c.seed, w)%uint64(len(c.shards))]
	sh.mu.RLock()
	info, ok := sh.m[string(w)] // no allocation: the compiler looks up without converting
	sh.mu.RUnlock()
	if ok {
		return info
	}
	key := string(w)
	info = compute(key)
	if c.size.Load() < maxCachedWords {
		sh.mu.Lock()
		if _, dup := sh.m[key]; !dup {
			sh.m[key] = info
			c.size.Add(1)
		}
		sh.mu.Unlock()
	}
	return info
}
