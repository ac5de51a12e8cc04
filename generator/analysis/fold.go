package analysis

import (
	"strings"
	"unicode/utf8"

	"github.com/razem/razem/generator/polish"
)

// Fold maps lowercased text to the spelling readers type without accents,
// within its script: bleve's ASCII folding for Latin letters (ą→a, ł→l,
// é→e, ß→ss, ș→s), Greek without tonos, dialytika or breathings (ά→α,
// ϊ→ι, ς→σ), Cyrillic with ё, ѐ and ѝ folded to е and и (й stays: it is a
// letter of its own). Other scripts are left as they are. It is the key of
// every word in every language.
func Fold(s string) string {
	s = polish.Fold(s)
	if isASCII(s) {
		return s
	}
	i := strings.IndexFunc(s, func(r rune) bool { return scriptFold(r) != r })
	if i < 0 {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	b.WriteString(s[:i])
	for _, r := range s[i:] {
		b.WriteRune(scriptFold(r))
	}
	return b.String()
}

// scriptFold folds one Greek or Cyrillic letter; others are returned as
// they are.
func scriptFold(r rune) rune {
	switch {
	case r < 0x386 || r > 0x1FFF:
		return r
	case r < 0x400:
		return greekMonotonic(r)
	case r < 0x460:
		switch r {
		case 'ё', 'ѐ':
			return 'е'
		case 'ѝ':
			return 'и'
		}
		return r
	case r >= 0x1F00:
		return greekPolytonic(r)
	}
	return r
}

func greekMonotonic(r rune) rune {
	switch r {
	case 'ά':
		return 'α'
	case 'έ':
		return 'ε'
	case 'ή':
		return 'η'
	case 'ί', 'ϊ', 'ΐ':
		return 'ι'
	case 'ό':
		return 'ο'
	case 'ύ', 'ϋ', 'ΰ':
		return 'υ'
	case 'ώ':
		return 'ω'
	case 'ς':
		return 'σ'
	}
	return r
}

// greekPolytonic folds the lowercase letters of the Greek Extended block
// (U+1F00–U+1FFF) to their base letters: every breathing, accent and iota
// subscript goes.
func greekPolytonic(r rune) rune {
	if r < 0x1F70 {
		// Rows of sixteen: eight lowercase forms, eight capitals.
		base := [...]rune{'α', 'ε', 'η', 'ι', 'ο', 'υ', 'ω'}
		if row := (r - 0x1F00) / 16; r&0xF < 8 && int(row) < len(base) {
			return base[row]
		}
		return r
	}
	switch {
	case r <= 0x1F7D:
		return [...]rune{'α', 'α', 'ε', 'ε', 'η', 'η', 'ι', 'ι', 'ο', 'ο', 'υ', 'υ', 'ω', 'ω'}[r-0x1F70]
	case r >= 0x1F80 && r <= 0x1F87, r >= 0x1FB0 && r <= 0x1FB7:
		return 'α'
	case r >= 0x1F90 && r <= 0x1F97, r >= 0x1FC2 && r <= 0x1FC7:
		return 'η'
	case r >= 0x1FA0 && r <= 0x1FA7, r >= 0x1FF2 && r <= 0x1FF7:
		return 'ω'
	case r >= 0x1FD0 && r <= 0x1FD7:
		return 'ι'
	case r == 0x1FE4 || r == 0x1FE5:
		return 'ρ'
	case r >= 0x1FE0 && r <= 0x1FE7:
		return 'υ'
	}
	return r
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}
