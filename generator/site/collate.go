package site

import (
	"strings"
	"unicode/utf8"
)

// polishOrder is the Polish alphabet; letters with diacritics sort right
// after their base letter (ą after a, ł after l), as in Polish dictionaries.
const polishOrder = "aąbcćdeęfghijklłmnńoópqrsśtuvwxyzźż"

var letterRank = func() map[rune]int {
	m := map[rune]int{}
	i := 0
	for _, r := range polishOrder {
		m[r] = i
		i++
	}
	return m
}()

// SortKey is a string whose byte order is Compare's order, for sorting
// many strings without comparing them rune by rune (and lower-casing them)
// on every comparison: each rune becomes four bytes, letters of the Polish
// alphabet by rank after every other rune by code point.
func SortKey(s string) string {
	s = strings.ToLower(s)
	b := make([]byte, 0, 4*len(s))
	for _, r := range s {
		k, ok := -1, false
		if r < 128 {
			k = int(asciiRank[r])
			ok = k >= 0
		} else {
			k, ok = letterRank[r]
		}
		if ok {
			b = append(b, 1, 0, byte(k>>8), byte(k))
		} else {
			b = append(b, 0, byte(r>>16), byte(r>>8), byte(r))
		}
	}
	return string(b)
}

// asciiRank is letterRank for ASCII, -1 for what is not a letter.
var asciiRank = func() (t [128]int8) {
	for i := range t {
		t[i] = -1
	}
	for r, k := range letterRank {
		if r < 128 {
			t[r] = int8(k)
		}
	}
	return t
}()

// Compare orders strings alphabetically in Polish, ignoring case.
func Compare(a, b string) int {
	a, b = strings.ToLower(a), strings.ToLower(b)
	for a != "" && b != "" {
		ra, na := utf8.DecodeRuneInString(a)
		rb, nb := utf8.DecodeRuneInString(b)
		if ra != rb {
			ka, oka := letterRank[ra]
			kb, okb := letterRank[rb]
			switch {
			case oka && okb:
				return ka - kb
			case oka != okb:
				if oka { // letters after digits and punctuation
					return 1
				}
				return -1
			}
			if ra < rb {
				return -1
			}
			return 1
		}
		a, b = a[na:], b[nb:]
	}
	return len(a) - len(b)
}

// Initial is the letter a title files under in an A–Z index: Ł for
// „łącznik”, # for titles that start with a digit.
func Initial(title string) string {
	r, _ := utf8.DecodeRuneInString(strings.ToLower(strings.TrimLeft(title, " „\"'(")))
	if _, ok := letterRank[r]; !ok {
		return "#"
	}
	return strings.ToUpper(string(r))
}
