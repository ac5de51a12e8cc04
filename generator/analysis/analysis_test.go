package analysis

import (
	"slices"
	"strings"
	"testing"

	"github.com/razem/razem/generator/polish"
)

// meets reports whether two words of a language share a term: whether a
// search for one finds the other, and a glossary term in one form links
// the other.
func meets(a Analyzer, x, y string) bool {
	tx, ty := a.Tokens(x), a.Tokens(y)
	if len(tx) != 1 || len(ty) != 1 {
		return false
	}
	for _, t := range tx[0].Terms {
		if slices.Contains(ty[0].Terms, t) {
			return true
		}
	}
	return false
}

// TestLanguagePairs: inflected forms and forms typed without accents meet
// their word in each language; different words do not.
func TestLanguagePairs(t *testing.T) {
	set := NewSet(nil)
	for _, tt := range []struct {
		lang     string
		meet     [][2]string
		notMeet  [][2]string
		stopword string
	}{
		{"de", [][2]string{{"Koalition", "Koalitionen"}, {"Übungen", "Ubungen"}, {"Bücher", "Buch"}, {"Zusammenarbeit", "zusammenarbeit"}, {"Partnerschaften", "Partnerschaft"}, {"Straße", "strasse"}},
			[][2]string{{"Koalition", "Kommune"}, {"Buch", "Bach"}}, "und"},
		{"fr", [][2]string{{"l'association", "associations"}, {"élèves", "eleves"}, {"coopération", "cooperation"}, {"partenariats", "partenariat"}, {"d’Europe", "europe"}},
			[][2]string{{"association", "assurance"}, {"élève", "école"}}, "les"},
		{"en", [][2]string{{"coalitions", "coalition"}, {"partner's", "partner"}, {"running", "run"}, {"communities", "community"}, {"café", "cafe"}},
			[][2]string{{"coalition", "collection"}, {"partner", "party"}}, "the"},
		{"ro", [][2]string{{"cooperării", "cooperarii"}, {"parteneriatul", "parteneriate"}, {"comunităților", "comunitatilor"}, {"școală", "scoala"}},
			[][2]string{{"parteneriat", "partid"}, {"școală", "scară"}}, "și"},
		{"el", [][2]string{{"Συνεργασία", "συνεργασια"}, {"ΣΥΝΕΡΓΑΣΊΑ", "συνεργασία"}, {"κοινότητα", "κοινοτητα"}, {"προϊόν", "προιον"}},
			[][2]string{{"συνεργασία", "συνεργάτης"}, {"κοινότητα", "κοινωνία"}}, "και"},
		{"bg", [][2]string{{"Сътрудничество", "сътрудничество"}, {"партньорство", "ПАРТНЬОРСТВО"}, {"ѝскам", "искам"}},
			[][2]string{{"сътрудничество", "партньорство"}, {"край", "краи"}}, "на"},
		{"sv", [][2]string{{"föreningarna", "förening"}, {"föreningar", "foreningar"}}, [][2]string{{"samarbete", "samhälle"}}, "och"},
		{"it", [][2]string{{"l'associazione", "associazioni"}, {"città", "citta"}}, [][2]string{{"associazione", "assicurazione"}}, "della"},
		{"tr", [][2]string{{"Türkiye'de", "Türkiye"}, {"işbirliği", "isbirligi"}}, [][2]string{{"işbirliği", "iş"}}, "ve"},
		// A language bleve lacks: folding, no stemming, no stop words.
		{"sk", [][2]string{{"spolupráca", "spolupraca"}, {"Žilina", "zilina"}}, [][2]string{{"spolupráca", "spolupráce"}}, ""},
	} {
		a, err := set.For(tt.lang)
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range tt.meet {
			if !meets(a, p[0], p[1]) {
				t.Errorf("%s: %q and %q do not meet: %v / %v", tt.lang, p[0], p[1], a.Tokens(p[0]), a.Tokens(p[1]))
			}
		}
		for _, p := range tt.notMeet {
			if meets(a, p[0], p[1]) {
				t.Errorf("%s: %q and %q meet: %v / %v", tt.lang, p[0], p[1], a.Tokens(p[0]), a.Tokens(p[1]))
			}
		}
		if tt.stopword != "" {
			if toks := a.Tokens(tt.stopword); len(toks) != 0 || a.Terms(tt.stopword) != nil {
				t.Errorf("%s: stop word %q analysed as %v", tt.lang, tt.stopword, toks)
			}
			if !slices.Contains(a.StopWords(), Fold(tt.stopword)) {
				t.Errorf("%s: StopWords lacks %q", tt.lang, Fold(tt.stopword))
			}
		} else if len(a.StopWords()) != 0 {
			t.Errorf("%s: generic analysis has stop words %q", tt.lang, a.StopWords()[:3])
		}
	}
}

// TestTermsCarryTheLanguage: a word shared by two languages has terms of
// each, never the same: a German text does not score Polish pages.
func TestTermsCarryTheLanguage(t *testing.T) {
	set := NewSet(nil)
	pl, _ := set.For("pl")
	de, _ := set.For("de")
	en, _ := set.For("en")
	for _, w := range []string{"partner", "projekt", "media"} {
		tp, td, te := pl.Terms(w), de.Terms(w), en.Terms(w)
		for _, t1 := range td {
			if !strings.HasPrefix(t1, "de:") || slices.Contains(tp, t1) || slices.Contains(te, t1) {
				t.Errorf("%q: de terms %q, pl %q, en %q", w, td, tp, te)
			}
		}
		for _, t1 := range tp {
			if strings.Contains(t1, ":") {
				t.Errorf("%q: Polish term %q is prefixed", w, t1)
			}
		}
	}
}

// TestPolishUnchanged: the Polish analyzer of a set is razem's Polish
// analysis, term for term.
func TestPolishUnchanged(t *testing.T) {
	p, err := polish.New()
	if err != nil {
		t.Fatal(err)
	}
	a, _ := NewSet(p).For("pl")
	text := "Współpraca z samorządem: koalicji, ambasadorów, Crésus i „Razem dla Regionu”"
	got, want := a.Tokens(text), p.Tokens(text)
	if len(got) != len(want) {
		t.Fatalf("%d tokens, want %d", len(got), len(want))
	}
	for i := range got {
		if got[i].Fold != want[i].Fold || !slices.Equal(got[i].Terms, want[i].Terms) || got[i].Start != want[i].Start {
			t.Errorf("token %d: %+v, want %+v", i, got[i], want[i])
		}
	}
	if !slices.Equal(a.StopWords(), p.StopWords()) || !slices.Equal(a.LexiconForms(), p.LexiconForms()) {
		t.Error("stop words or lexicon forms differ from package polish's")
	}
}

// TestKeysAreTokenFolds: Keys (snippets) keys every word as Tokens does,
// stop words included, in every kind of analysis.
func TestKeysAreTokenFolds(t *testing.T) {
	set := NewSet(nil)
	texts := map[string]string{
		"pl": "Współpraca z samorządem i Ελλάδα",
		"fr": "L’association d'élèves et qu'il coopère",
		"en": "The partner's coalitions",
		"el": "Η ΣΥΝΕΡΓΑΣΊΑ της κοινότητας",
		"tr": "Türkiye'de işbirliği",
		"sk": "Spolupráca v Žiline",
		"ja": "API連携とボランティア",
	}
	for lang, text := range texts {
		a, _ := set.For(lang)
		keys := map[int]string{}
		a.Keys(text, func(start, end int, key []byte) { keys[start] = string(key) })
		for _, tok := range a.Tokens(text) {
			if keys[tok.Start] != tok.Fold {
				t.Errorf("%s %q: Keys %q, Tokens %q", lang, text[tok.Start:tok.End], keys[tok.Start], tok.Fold)
			}
		}
	}
}

// TestBigrams: Chinese, Japanese and Korean words are their letters in
// overlapping pairs, as bleve's cjk analyzer has them; Latin parts of a
// word stay whole.
func TestBigrams(t *testing.T) {
	set := NewSet(nil)
	for _, tt := range []struct {
		lang, text string
		want       []string
	}{
		{"zh", "合作伙伴关系", []string{"合作", "作伙", "伙伴", "伴关", "关系"}},
		{"zh", "协。作", []string{"协", "作"}},
		{"ja", "API連携とボランティア", []string{"api", "連携", "携と", "とボ", "ボラ", "ラン", "ンテ", "ティ", "ィア"}},
		{"ja", "コーヒー", []string{"コー", "ーヒ", "ヒー"}},
		{"ko", "협력 관계", []string{"협력", "관계"}},
		{"pl", "合作伙伴", []string{"合作伙伴"}}, // other languages keep the scanner's words
	} {
		a, _ := set.For(tt.lang)
		var got []string
		for _, tok := range a.Tokens(tt.text) {
			got = append(got, tok.Fold)
		}
		if !slices.Equal(got, tt.want) {
			t.Errorf("%s %q: %q, want %q", tt.lang, tt.text, got, tt.want)
		}
	}
}

func TestFold(t *testing.T) {
	for in, want := range map[string]string{
		"współpraca":     "wspolpraca",
		"élève straße":   "eleve strasse",
		"cooperării ș ţ": "cooperarii s t",
		"συνεργασία":     "συνεργασια",
		"ϊΐϋΰς":          "ιιυυσ",
		"ἀρχὴ ᾠδή ῥήτωρ": "αρχη ωδη ρητωρ",
		"ёлка ѝ ѐ й":     "елка и е й",
		"сътрудничество": "сътрудничество",
		"हिन्दी":         "हिन्दी",
	} {
		if got := Fold(in); got != want {
			t.Errorf("Fold(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestCode(t *testing.T) {
	for in, want := range map[string]string{"": "pl", "de": "de", "DE": "de", "pt-BR": "pt", "en_GB": "en", "nb": "no", "nn-NO": "no"} {
		if got := Code(in); got != want {
			t.Errorf("Code(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestSetLoadsOnlyWhatIsAsked: a set builds a language's analysis when it
// is first asked for, once; Polish (Stempel's table) is not loaded for
// other languages.
func TestSetLoadsOnlyWhatIsAsked(t *testing.T) {
	s := NewSet(nil)
	de1, _ := s.For("de")
	de2, _ := s.For("de-AT")
	if de1 != de2 || len(s.langs) != 1 || s.pl != nil {
		t.Errorf("after two German lookups: %d analyzers, Polish loaded %v", len(s.langs), s.pl != nil)
	}
	if _, err := s.For(""); err != nil || s.pl == nil {
		t.Errorf("Polish not loaded on demand: %v", err)
	}
}

func BenchmarkGermanTokens(b *testing.B) {
	a, _ := NewSet(nil).For("de")
	text := strings.Repeat("Die Zusammenarbeit zwischen Vereinen und Kommunen beginnt mit einem Gespräch über gemeinsame Ziele. ", 20)
	b.SetBytes(int64(len(text)))
	for i := 0; i < b.N; i++ {
		a.Tokens(text)
	}
}
