// Package lang knows the languages a page may be written in: the ISO 639-1
// codes with their names, how to guess the code meant by a wrong one,
// plural forms for UI strings, and each language's quotation marks.
package lang

import (
	"fmt"
	"sort"
	"strings"
	"unicode/utf8"
)

// names maps every ISO 639-1 code to the language's English name.
var names = map[string]string{
	"aa": "Afar", "ab": "Abkhazian", "ae": "Avestan", "af": "Afrikaans", "ak": "Akan", "am": "Amharic",
	"an": "Aragonese", "ar": "Arabic", "as": "Assamese", "av": "Avaric", "ay": "Aymara", "az": "Azerbaijani",
	"ba": "Bashkir", "be": "Belarusian", "bg": "Bulgarian", "bi": "Bislama", "bm": "Bambara", "bn": "Bengali",
	"bo": "Tibetan", "br": "Breton", "bs": "Bosnian", "ca": "Catalan", "ce": "Chechen", "ch": "Chamorro",
	"co": "Corsican", "cr": "Cree", "cs": "Czech", "cu": "Church Slavic", "cv": "Chuvash", "cy": "Welsh",
	"da": "Danish", "de": "German", "dv": "Divehi", "dz": "Dzongkha", "ee": "Ewe", "el": "Greek",
	"en": "English", "eo": "Esperanto", "es": "Spanish", "et": "Estonian", "eu": "Basque", "fa": "Persian",
	"ff": "Fulah", "fi": "Finnish", "fj": "Fijian", "fo": "Faroese", "fr": "French", "fy": "Western Frisian",
	"ga": "Irish", "gd": "Scottish Gaelic", "gl": "Galician", "gn": "Guarani", "gu": "Gujarati", "gv": "Manx",
	"ha": "Hausa", "he": "Hebrew", "hi": "Hindi", "ho": "Hiri Motu", "hr": "Croatian", "ht": "Haitian",
	"hu": "Hungarian", "hy": "Armenian", "hz": "Herero", "ia": "Interlingua", "id": "Indonesian", "ie": "Interlingue",
	"ig": "Igbo", "ii": "Sichuan Yi", "ik": "Inupiaq", "io": "Ido", "is": "Icelandic", "it": "Italian",
	"iu": "Inuktitut", "ja": "Japanese", "jv": "Javanese", "ka": "Georgian", "kg": "Kongo", "ki": "Kikuyu",
	"kj": "Kuanyama", "kk": "Kazakh", "kl": "Kalaallisut", "km": "Khmer", "kn": "Kannada", "ko": "Korean",
	"kr": "Kanuri", "ks": "Kashmiri", "ku": "Kurdish", "kv": "Komi", "kw": "Cornish", "ky": "Kyrgyz",
	"la": "Latin", "lb": "Luxembourgish", "lg": "Ganda", "li": "Limburgish", "ln": "Lingala", "lo": "Lao",
	"lt": "Lithuanian", "lu": "Luba-Katanga", "lv": "Latvian", "mg": "Malagasy", "mh": "Marshallese", "mi": "Maori",
	"mk": "Macedonian", "ml": "Malayalam", "mn": "Mongolian", "mr": "Marathi", "ms": "Malay", "mt": "Maltese",
	"my": "Burmese", "na": "Nauru", "nb": "Norwegian Bokmål", "nd": "North Ndebele", "ne": "Nepali", "ng": "Ndonga",
	"nl": "Dutch", "nn": "Norwegian Nynorsk", "no": "Norwegian", "nr": "South Ndebele", "nv": "Navajo", "ny": "Chichewa",
	"oc": "Occitan", "oj": "Ojibwa", "om": "Oromo", "or": "Oriya", "os": "Ossetian", "pa": "Punjabi",
	"pi": "Pali", "pl": "Polish", "ps": "Pashto", "pt": "Portuguese", "qu": "Quechua", "rm": "Romansh",
	"rn": "Rundi", "ro": "Romanian", "ru": "Russian", "rw": "Kinyarwanda", "sa": "Sanskrit", "sc": "Sardinian",
	"sd": "Sindhi", "se": "Northern Sami", "sg": "Sango", "si": "Sinhala", "sk": "Slovak", "sl": "Slovenian",
	"sm": "Samoan", "sn": "Shona", "so": "Somali", "sq": "Albanian", "sr": "Serbian", "ss": "Swati",
	"st": "Southern Sotho", "su": "Sundanese", "sv": "Swedish", "sw": "Swahili", "ta": "Tamil", "te": "Telugu",
	"tg": "Tajik", "th": "Thai", "ti": "Tigrinya", "tk": "Turkmen", "tl": "Tagalog", "tn": "Tswana",
	"to": "Tonga", "tr": "Turkish", "ts": "Tsonga", "tt": "Tatar", "tw": "Twi", "ty": "Tahitian",
	"ug": "Uyghur", "uk": "Ukrainian", "ur": "Urdu", "uz": "Uzbek", "ve": "Venda", "vi": "Vietnamese",
	"vo": "Volapük", "wa": "Walloon", "wo": "Wolof", "xh": "Xhosa", "yi": "Yiddish", "yo": "Yoruba",
	"za": "Zhuang", "zh": "Chinese", "zu": "Zulu",
}

// natives are the names languages give themselves, shown in the language
// switcher; a language missing here shows its English name.
var natives = map[string]string{
	"af": "Afrikaans", "ar": "العربية", "az": "Azərbaycanca", "be": "Беларуская", "bg": "Български",
	"bs": "Bosanski", "ca": "Català", "cs": "Čeština", "cy": "Cymraeg", "da": "Dansk", "de": "Deutsch",
	"el": "Ελληνικά", "en": "English", "eo": "Esperanto", "es": "Español", "et": "Eesti", "eu": "Euskara",
	"fa": "فارسی", "fi": "Suomi", "fr": "Français", "ga": "Gaeilge", "gl": "Galego", "he": "עברית",
	"hi": "हिन्दी", "hr": "Hrvatski", "hu": "Magyar", "hy": "Հայերեն", "id": "Bahasa Indonesia",
	"is": "Íslenska", "it": "Italiano", "ja": "日本語", "ka": "ქართული", "kk": "Қазақ тілі", "ko": "한국어",
	"la": "Latina", "lb": "Lëtzebuergesch", "lt": "Lietuvių", "lv": "Latviešu", "mk": "Македонски",
	"ms": "Bahasa Melayu", "mt": "Malti", "nb": "Norsk bokmål", "nl": "Nederlands", "nn": "Norsk nynorsk",
	"no": "Norsk", "pl": "Polski", "pt": "Português", "ro": "Română", "ru": "Русский", "sk": "Slovenčina",
	"sl": "Slovenščina", "sq": "Shqip", "sr": "Српски", "sv": "Svenska", "sw": "Kiswahili", "th": "ไทย",
	"tr": "Türkçe", "uk": "Українська", "vi": "Tiếng Việt", "zh": "中文",
}

// Valid reports whether code is an ISO 639-1 code, written as razem
// expects it: two lowercase letters.
func Valid(code string) bool {
	_, ok := names[code]
	return ok
}

// Name is the English name of a valid code ("German").
func Name(code string) string { return names[code] }

// Native is the name a language gives itself ("Deutsch"), for the language
// switcher; the English name where razem knows no other.
func Native(code string) string {
	if n, ok := natives[code]; ok {
		return n
	}
	if n, ok := names[code]; ok {
		return n
	}
	return code
}

// mistakes are codes people write for a language that are not its ISO
// 639-1 code: country codes, ISO 639-2 codes and withdrawn codes.
var mistakes = map[string]string{
	"gr": "el", "cz": "cs", "dk": "da", "jp": "ja", "ua": "uk", "gb": "en", "us": "en",
	"at": "de", "cn": "zh", "rs": "sr", "by": "be", "il": "he", "iw": "he", "in": "id", "ji": "yi",
	"vn": "vi", "ir": "fa", "al": "sq", "sp": "es", "ge": "ka", "kz": "kk", "md": "ro", "mo": "ro",
	"bul": "bg", "ger": "de", "deu": "de", "gre": "el", "ell": "el", "rum": "ro", "ron": "ro", "fre": "fr",
	"fra": "fr", "eng": "en", "pol": "pl", "ita": "it", "spa": "es", "por": "pt", "rus": "ru", "ukr": "uk",
	"cze": "cs", "ces": "cs", "slo": "sk", "slk": "sk", "slv": "sl", "hun": "hu", "dut": "nl", "nld": "nl",
	"swe": "sv", "dan": "da", "fin": "fi", "nor": "no", "est": "et", "lav": "lv", "lit": "lt", "hrv": "hr",
	"srp": "sr", "tur": "tr", "ara": "ar", "chi": "zh", "zho": "zh", "jpn": "ja", "kor": "ko", "mac": "mk",
	"mkd": "mk", "alb": "sq", "sqi": "sq", "gle": "ga", "cat": "ca", "lat": "la",
}

// Suggest guesses the ISO 639-1 code meant by s: the same code in another
// case or with a region ("DE", "de-AT", "pt_BR"), a country or ISO 639-2
// code ("gr", "ger"), or a language's name in English or in itself
// ("German", "Deutsch"). It returns "" when it has no good guess.
func Suggest(s string) string {
	low := strings.ToLower(strings.TrimSpace(s))
	if Valid(low) {
		return low
	}
	if c, ok := mistakes[low]; ok {
		return c
	}
	if base, _, ok := strings.Cut(strings.ReplaceAll(low, "_", "-"), "-"); ok {
		if Valid(base) {
			return base
		}
		if c, ok := mistakes[base]; ok {
			return c
		}
	}
	codes := make([]string, 0, len(names))
	for c := range names {
		codes = append(codes, c)
	}
	sort.Strings(codes) // sort for determinism
	for _, c := range codes {
		if strings.EqualFold(names[c], low) || strings.EqualFold(natives[c], low) {
			return c
		}
	}
	return ""
}

// Plural chooses the form of a counted UI string: "one", "few" or "many"
// (the keys key.one, key.few and key.many of the i18n files), following
// each language's rules: Polish and other Slavic languages tell 2–4 from
// 5 and more, Romanian says "20 de …" from twenty, French counts 0 as one.
func Plural(code string, n int) string {
	switch code {
	case "pl":
		switch {
		case n == 1:
			return "one"
		case n%10 >= 2 && n%10 <= 4 && (n%100 < 12 || n%100 > 14):
			return "few"
		}
		return "many"
	case "ru", "uk", "be", "sr", "hr", "bs":
		switch {
		case n%10 == 1 && n%100 != 11:
			return "one"
		case n%10 >= 2 && n%10 <= 4 && (n%100 < 12 || n%100 > 14):
			return "few"
		}
		return "many"
	case "cs", "sk":
		switch {
		case n == 1:
			return "one"
		case n >= 2 && n <= 4:
			return "few"
		}
		return "many"
	case "ro":
		switch {
		case n == 1:
			return "one"
		case n == 0 || n%100 >= 1 && n%100 <= 19:
			return "few"
		}
		return "many"
	case "fr":
		if n == 0 || n == 1 {
			return "one"
		}
		return "many"
	}
	if n == 1 {
		return "one"
	}
	return "many"
}

// QuoteMarks are the typographic quotes a language puts for "…" and '…'.
type QuoteMarks struct {
	LeftDouble, RightDouble, LeftSingle, RightSingle string
}

// narrow is the narrow no-break space French puts inside guillemets.
const narrow = "\u202F"

var quotes = map[string]QuoteMarks{
	"pl": {"„", "”", "‚", "’"},
	"en": {"“", "”", "‘", "’"},
	"de": {"„", "“", "‚", "‘"},
	"bg": {"„", "“", "‚", "‘"},
	"ro": {"„", "”", "«", "»"},
	"el": {"«", "»", "“", "”"},
	"fr": {"«" + narrow, narrow + "»", "“", "”"},
	"cs": {"„", "“", "‚", "‘"},
	"sk": {"„", "“", "‚", "‘"},
	"sl": {"„", "“", "‚", "‘"},
	"hr": {"„", "”", "‘", "’"},
	"lt": {"„", "“", "‚", "‘"},
	"hu": {"„", "”", "»", "«"},
	"nl": {"“", "”", "‘", "’"},
	"it": {"«", "»", "“", "”"},
	"es": {"«", "»", "“", "”"},
	"pt": {"«", "»", "“", "”"},
	"ru": {"«", "»", "„", "“"},
	"uk": {"«", "»", "„", "“"},
	"sv": {"”", "”", "’", "’"},
	"fi": {"”", "”", "’", "’"},
	"da": {"»", "«", "›", "‹"},
}

// Quotes are the quotation marks of a language; English ones for a
// language razem has none for.
func Quotes(code string) QuoteMarks {
	if q, ok := quotes[code]; ok {
		return q
	}
	return quotes["en"]
}

// Label is the short form of a code shown in the language switcher: "DE".
func Label(code string) string { return strings.ToUpper(code) }

// Folder returns the language of a content path whose first folder is an
// ISO 639-1 code ("de/moduly/x.md" → "de"), or "".
func Folder(p string) string {
	top, _, ok := strings.Cut(p, "/")
	if ok && len(top) == 2 && utf8.ValidString(top) && Valid(top) {
		return top
	}
	return ""
}

// Check returns "" for a valid code, else what is wrong with it, with the
// code probably meant: `"gr" is not an ISO 639-1 language code …; did you
// mean "el" (Greek)?`.
func Check(s string) string {
	if Valid(s) {
		return ""
	}
	msg := fmt.Sprintf("%q is not an ISO 639-1 language code (two lowercase letters, e.g. pl, en, de)", s)
	if c := Suggest(s); c != "" {
		msg += fmt.Sprintf("; did you mean %q (%s)?", c, Name(c))
	}
	return msg
}
