package glossary

import (
	"testing"
	"unicode"
	"unicode/utf8"
)

// refNextWord is nextWord without its fast paths: every rune decoded and
// looked up in Unicode's tables.
func refNextWord(s string, i int) (start, end int, ok bool) {
	start = -1
	for i < len(s) {
		r, size := utf8.DecodeRuneInString(s[i:])
		isWord := unicode.IsLetter(r) || unicode.IsDigit(r) || r == '-' && start >= 0
		if isWord && start < 0 {
			start = i
		} else if !isWord && start >= 0 {
			break
		}
		i += size
	}
	if start < 0 {
		return 0, 0, false
	}
	end = i
	for end > start && s[end-1] == '-' {
		end--
	}
	return start, end, true
}

func FuzzNextWord(f *testing.F) {
	for _, s := range []string{"Współpraca z samorządem", "non-profit – ×2 ÷3", "Ćma, źdźbło; ŻÓŁW", "\xc5\xc4ab\xc3", "a\u00d7b c\u00f7d", "l'été Crésus"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for i := 0; i <= len(s); {
			a, b, ok := nextWord(s, i)
			ra, rb, rok := refNextWord(s, i)
			if a != ra || b != rb || ok != rok {
				t.Fatalf("%q from %d: nextWord %d %d %v, want %d %d %v", s, i, a, b, ok, ra, rb, rok)
			}
			if !ok {
				break
			}
			i = b
		}
	})
}
