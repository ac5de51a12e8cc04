package polish

import (
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2/analysis/char/asciifolding"
)

// folder is bleve's ASCII folding table. It is a stateless empty struct, so
// sharing one value between goroutines is safe.
var folder = asciifolding.New()

// Fold maps s to plain ASCII where a mapping exists: ą→a, ż→z, é→e, and ł→l,
// which Unicode decomposition (NFD) alone does not do because ł has no
// decomposition. It does not change case; callers fold lowercased text.
func Fold(s string) string {
	if isASCII(s) {
		return s // the common case for queries typed without diacritics: no allocation
	}
	return string(folder.Filter([]byte(s)))
}

// HasDiacritics reports whether Fold would change s.
func HasDiacritics(s string) bool {
	return !isASCII(s) && Fold(s) != s
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}
