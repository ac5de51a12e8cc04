package markdown

import (
	"net/url"
	"strconv"
	"strings"
	"unicode"

	"github.com/yuin/goldmark/ast"
)

// translit maps letters with diacritics to ASCII. Polish first; the rest
// covers the Latin letters that appear in names in the material (Crésus).
var translit = map[rune]string{
	'ą': "a", 'ć': "c", 'ę': "e", 'ł': "l", 'ń': "n", 'ó': "o", 'ś': "s", 'ź': "z", 'ż': "z",
	'á': "a", 'à': "a", 'â': "a", 'ä': "a", 'ã': "a", 'å': "a", 'æ': "ae", 'ç': "c", 'č': "c",
	'é': "e", 'è': "e", 'ê': "e", 'ë': "e", 'ě': "e", 'í': "i", 'ì': "i", 'î': "i", 'ï': "i",
	'ñ': "n", 'ň': "n", 'ô': "o", 'ö': "o", 'ò': "o", 'õ': "o", 'ø': "o", 'œ': "oe", 'ř': "r",
	'š': "s", 'ß': "ss", 'ť': "t", 'ú': "u", 'ù': "u", 'û': "u", 'ü': "u", 'ů': "u", 'ý': "y",
	'ÿ': "y", 'ž': "z",
}

// Slugify turns text into a readable ASCII id or file name: lowercase,
// Polish letters transliterated (współpraca → wspolpraca), anything else
// that is not a letter or digit collapsed into single hyphens.
func Slugify(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(s) {
		if r == '\'' || r == '’' {
			continue // company’s → companys, as GitHub and kramdown make ids
		}
		if t, ok := translit[r]; ok {
			b.WriteString(t)
			dash = false
			continue
		}
		if r < 128 && (unicode.IsLetter(r) || unicode.IsDigit(r)) {
			b.WriteRune(r)
			dash = false
			continue
		}
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(r) // other scripts stay readable rather than vanish
			dash = false
			continue
		}
		if !dash && b.Len() > 0 {
			b.WriteByte('-')
			dash = true
		}
	}
	return strings.TrimRight(b.String(), "-")
}

// ids hands out unique heading ids for one document.
type ids struct {
	prefix string
	used   map[string]bool
}

func newIDs(prefix string) *ids { return &ids{prefix: prefix, used: map[string]bool{}} }

// Generate implements parser.IDs.
func (x *ids) Generate(value []byte, kind ast.NodeKind) []byte {
	base := Slugify(string(value))
	if base == "" {
		base = "sekcja"
	}
	base = x.prefix + base
	id := base
	for i := 2; x.used[id]; i++ {
		id = base + "-" + strconv.Itoa(i)
	}
	x.used[id] = true
	return []byte(id)
}

// Put implements parser.IDs.
func (x *ids) Put(value []byte) { x.used[string(value)] = true }

// NormalizeAnchor decodes a link fragment and maps ids written the GitHub
// way (diacritics kept: #naucz-się-mówić-nie) onto razem's ids; fragments
// that are already plain stay as written.
func NormalizeAnchor(frag string) string {
	if f, err := url.PathUnescape(frag); err == nil {
		frag = f
	}
	if norm := Slugify(frag); norm != "" && norm != frag && !strings.ContainsAny(frag, "_") && strings.ContainsFunc(frag, func(r rune) bool { return r > 127 }) {
		return norm
	}
	return frag
}
