package markdown

import (
	"net/url"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

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
	// Romanian (both the comma and the older cedilla forms) and the rest
	// of Latin Extended-A that partners' names use.
	'ă': "a", 'ș': "s", 'ş': "s", 'ț': "t", 'ţ': "t", 'ő': "o", 'ű': "u", 'ā': "a", 'ē': "e", 'ī': "i",
	'ū': "u", 'ė': "e", 'į': "i", 'ų': "u", 'ģ': "g", 'ķ': "k", 'ļ': "l", 'ņ': "n", 'đ': "d", 'ğ': "g", 'ı': "i",
	// Cyrillic: Bulgaria's official transliteration (ж zh, ц ts, щ sht,
	// ъ a, ю yu, я ya), with the letters of other Cyrillic alphabets.
	'а': "a", 'б': "b", 'в': "v", 'г': "g", 'д': "d", 'е': "e", 'ж': "zh", 'з': "z", 'и': "i", 'й': "y",
	'к': "k", 'л': "l", 'м': "m", 'н': "n", 'о': "o", 'п': "p", 'р': "r", 'с': "s", 'т': "t", 'у': "u",
	'ф': "f", 'х': "h", 'ц': "ts", 'ч': "ch", 'ш': "sh", 'щ': "sht", 'ъ': "a", 'ь': "y", 'ю': "yu", 'я': "ya",
	'ё': "yo", 'ы': "y", 'э': "e", 'і': "i", 'ї': "yi", 'є': "ye", 'ґ': "g", 'ў': "u", 'ђ': "dj", 'ј': "j",
	'љ': "lj", 'њ': "nj", 'ћ': "c", 'џ': "dz", 'ѓ': "gj", 'ќ': "kj", 'ѕ': "dz",
	// Greek: ELOT 743 letter by letter (ου → ou is handled in Slugify).
	'α': "a", 'β': "v", 'γ': "g", 'δ': "d", 'ε': "e", 'ζ': "z", 'η': "i", 'θ': "th", 'ι': "i", 'κ': "k",
	'λ': "l", 'μ': "m", 'ν': "n", 'ξ': "x", 'ο': "o", 'π': "p", 'ρ': "r", 'σ': "s", 'ς': "s", 'τ': "t",
	'υ': "y", 'φ': "f", 'χ': "ch", 'ψ': "ps", 'ω': "o", 'ά': "a", 'έ': "e", 'ή': "i", 'ί': "i", 'ό': "o",
	'ύ': "y", 'ώ': "o", 'ϊ': "i", 'ϋ': "y", 'ΐ': "i", 'ΰ': "y",
}

// translitLatin is translit for U+0000–U+017F as a table: Slugify runs on
// every heading of every page, and a map lookup per letter showed.
var translitLatin = func() (t [0x180]string) {
	for r, s := range translit {
		if r < 0x180 {
			t[r] = s
		}
	}
	return t
}()

// Slugify turns text into a readable ASCII id or file name: lowercase,
// Polish letters transliterated (współpraca → wspolpraca), and so are
// other Latin letters with diacritics, Cyrillic (партньорство →
// partnyorstvo) and Greek (συνεργασία → synergasia); anything else that is
// not a letter or digit collapsed into single hyphens. Letters of other
// scripts stay as they are.
func Slugify(s string) string {
	b := make([]byte, 0, len(s))
	dash := false
	var prev rune
	for _, r := range s {
		last := prev
		prev = unicode.ToLower(r)
		if (prev == 'υ' || prev == 'ύ') && (last == 'ο' || last == 'ό') {
			b, dash = append(b, 'u'), false // ου is one sound: ou, not oy
			continue
		}
		switch {
		case 'a' <= r && r <= 'z', '0' <= r && r <= '9':
			b, dash = append(b, byte(r)), false
			continue
		case 'A' <= r && r <= 'Z':
			b, dash = append(b, byte(r)+'a'-'A'), false
			continue
		case r == '\'' || r == '’':
			continue // company’s → companys, as GitHub and kramdown make ids
		case r < 128:
		default:
			r = unicode.ToLower(r)
			if r < 0x180 && translitLatin[r] != "" {
				b, dash = append(b, translitLatin[r]...), false
				continue
			}
			if t, ok := translit[r]; ok {
				b, dash = append(b, t...), false
				continue
			}
			if unicode.IsLetter(r) || unicode.IsDigit(r) {
				b, dash = utf8.AppendRune(b, r), false // other scripts stay readable rather than vanish
				continue
			}
		}
		if !dash && len(b) > 0 {
			b, dash = append(b, '-'), true
		}
	}
	for len(b) > 0 && b[len(b)-1] == '-' {
		b = b[:len(b)-1]
	}
	return string(b)
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
