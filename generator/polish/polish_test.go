package polish

import (
	"reflect"
	"strings"
	"sync"
	"testing"
)

// newTestAnalyzer is shared by the tests: one per test binary is enough, and
// sharing it also exercises its cache.
var newTestAnalyzer = sync.OnceValues(New)

func analyzer(t testing.TB) *Analyzer {
	t.Helper()
	a, err := newTestAnalyzer()
	if err != nil {
		t.Fatal(err)
	}
	return a
}

// meets reports whether a query word q finds a text word d: whether any of
// q's query terms is one of d's index terms.
func meets(a *Analyzer, q, d string) bool {
	toks := a.Tokens(d)
	if len(toks) != 1 {
		return false
	}
	for _, qt := range a.QueryTerms(q) {
		for _, dt := range toks[0].Terms {
			if qt.Text == dt {
				return true
			}
		}
	}
	return false
}

func TestFormsMeet(t *testing.T) {
	a := analyzer(t)
	// Each group: forms as written in the materials | further spellings a
	// learner may type. Every form of a group must find every written form.
	groups := []string{
		"koalicja koalicji koalicję koalicjami koalicje | koalicje koalicja",
		"ambasador ambasadorów ambasadora ambasadorzy ambasadorami | ambasadorow",
		"współpraca współpracy współpracę | wspolpraca wspolpracy wspolprace",
		"samorząd samorządem samorządu samorządzie | samorzad samorzadem samorzadu",
		"łącznik łącznika łącznicy | lacznik lacznika",
		"umowa umów umowy umowie umowę | umow umowe",
		"gmina gminy gminie gminę gmin | gmine gmina",
		"projekt projektu projektów projekcie projekty | projektow",
		"partner partnera partnerzy partnerów partnerze | partnerow",
		"partnerstwo partnerstwa partnerstwie partnerstw",
		"darczyńca darczyńcy darczyńców | darczyncy darczyncow",
		"beneficjent beneficjenta beneficjenci beneficjentów | beneficjentow",
		"stowarzyszenie stowarzyszenia stowarzyszeń | stowarzyszen",
		"organizacja organizacji organizacje organizacjami | organizacje",
		"licencja licencji licencję licencje | licencje",
		"fundacja fundacji fundacje fundację",
		"wolontariusz wolontariusza wolontariusze wolontariuszy",
		"facylitator facylitatora facylitatorzy | facylitatorow",
		"media mediów mediach | mediow",
		"sponsor sponsora sponsorzy sponsorów | sponsorow",
		"społeczność społeczności | spolecznosc spolecznosci",
		"wartość wartości | wartosc wartosci",
	}
	for _, g := range groups {
		written, typed, _ := strings.Cut(g, "|")
		texts := strings.Fields(written)
		for _, q := range append(strings.Fields(written), strings.Fields(typed)...) {
			for _, d := range texts {
				if !meets(a, q, d) {
					t.Errorf("query %q does not find text %q (query terms %v, text terms %v)",
						q, d, a.QueryTerms(q), a.Tokens(d))
				}
			}
		}
	}
}

func TestFormsDoNotMeet(t *testing.T) {
	a := analyzer(t)
	pairs := []struct{ q, d string }{
		{"partner", "partnerstwo"},
		{"partnerstwa", "partnera"},
		{"licencja", "licencjat"},
		{"ambasador", "ambasada"},
		{"fundacja", "fundament"},
		{"media", "mediacja"},
		{"łącznik", "łączność"},
		{"partner", "partia"},
		{"kampania", "kompania"},
		{"projekt", "projektor"},
		{"projekt", "projekcja"},
		{"gmina", "gmach"},
		{"umów", "umiejętność"},
		{"umowa", "um"},
		{"koalicja", "kolacja"},
		{"postale", "postać"},
		{"razem", "raz"},
		{"banque", "bank"},
		{"sap", "s"},
		{"cel", "celi"},
	}
	for _, p := range pairs {
		if meets(a, p.q, p.d) {
			t.Errorf("query %q finds unrelated text %q (query terms %v, text terms %v)",
				p.q, p.d, a.QueryTerms(p.q), a.Tokens(p.d))
		}
		if meets(a, p.d, p.q) {
			t.Errorf("query %q finds unrelated text %q", p.d, p.q)
		}
	}
}

func TestFold(t *testing.T) {
	tests := []struct{ in, want string }{
		{"współpraca", "wspolpraca"},
		{"łącznik", "lacznik"},
		{"ŁÓDŹ", "LODZ"},
		{"źdźbło", "zdzblo"},
		{"Crésus", "Cresus"},
		{"plain ascii", "plain ascii"},
		{"", ""},
	}
	for _, tt := range tests {
		if got := Fold(tt.in); got != tt.want {
			t.Errorf("Fold(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
	if !HasDiacritics("sąd") || HasDiacritics("sad") {
		t.Error("HasDiacritics wrong")
	}
}

func TestTokens(t *testing.T) {
	a := analyzer(t)
	text := "Współpraca z samorządem, czyli 1 Roof 2 Ages."
	got := a.Tokens(text)
	type tok struct {
		word string
		pos  int
		fold string
	}
	var have []tok
	for _, g := range got {
		have = append(have, tok{text[g.Start:g.End], g.Position, g.Fold})
		if len(g.Terms) == 0 || len(g.Terms) > 2 {
			t.Errorf("%q has %d terms", text[g.Start:g.End], len(g.Terms))
		}
		for _, term := range g.Terms {
			if HasDiacritics(term) {
				t.Errorf("term %q of %q is not folded", term, text[g.Start:g.End])
			}
		}
	}
	// "z" and "czyli" are stop words: dropped, but their positions stay taken.
	want := []tok{
		{"Współpraca", 1, "wspolpraca"},
		{"samorządem", 3, "samorzadem"},
		{"1", 5, "1"},
		{"Roof", 6, "roof"},
		{"2", 7, "2"},
		{"Ages", 8, "ages"},
	}
	if !reflect.DeepEqual(have, want) {
		t.Errorf("Tokens(%q)\n got %v\nwant %v", text, have, want)
	}
}

func TestStopWordsFolded(t *testing.T) {
	a := analyzer(t)
	for _, w := range []string{"będzie", "bedzie", "się", "sie", "z", "w", "oraz"} {
		if !a.IsStop(w) {
			t.Errorf("IsStop(%q) = false", w)
		}
		if qt := a.QueryTerms(w); qt != nil {
			t.Errorf("QueryTerms(%q) = %v, want none for a stop word", w, qt)
		}
	}
	for _, w := range []string{"koalicja", "gmina", "partner"} {
		if a.IsStop(w) {
			t.Errorf("IsStop(%q) = true", w)
		}
	}
	stops := a.StopWords()
	for i := 1; i < len(stops); i++ {
		if stops[i-1] >= stops[i] {
			t.Fatalf("StopWords not sorted at %q", stops[i])
		}
	}
}

func TestWords(t *testing.T) {
	a := analyzer(t)
	got := a.Words("Współpraca Z samorządem")
	want := []string{"współpraca", "samorządem"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Words = %q, want %q", got, want)
	}
}

func TestQueryTermsWeights(t *testing.T) {
	a := analyzer(t)
	qt := a.QueryTerms("SAMORZAD")
	if len(qt) == 0 || qt[0].Weight != WeightExact {
		t.Fatalf("QueryTerms(SAMORZAD) = %v", qt)
	}
	found := false
	for _, term := range qt {
		if term.Text == "samorzad" {
			found = true
		}
	}
	if !found {
		t.Errorf("QueryTerms(SAMORZAD) = %v, want samorzad among them", qt)
	}
	for i := 1; i < len(qt); i++ {
		if qt[i-1].Weight < qt[i].Weight {
			t.Errorf("QueryTerms not ordered by weight: %v", qt)
		}
	}
}

func TestRestorations(t *testing.T) {
	tests := []struct {
		in   string
		want []string // must be among the results
	}{
		{"samorzad", []string{"samorząd"}},
		{"ambasadorow", []string{"ambasadorów"}},
		{"wartosc", []string{"wartość"}},
		{"umow", []string{"umów"}},
		{"wplyw", []string{"wpływ"}},
	}
	for _, tt := range tests {
		got := restorations(tt.in)
		for _, w := range tt.want {
			if !contains(got, w) {
				t.Errorf("restorations(%q) = %q, missing %q", tt.in, got, w)
			}
		}
		if len(got) > 16 {
			t.Errorf("restorations(%q) made %d guesses", tt.in, len(got))
		}
	}
	if got := restorations("ab"); got != nil {
		t.Errorf("restorations(ab) = %q", got)
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func TestLexicon(t *testing.T) {
	m, err := parseLexicon(lexicon)
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct{ form, lemma string }{
		{"umów", "umowa"}, {"umow", "umowa"}, {"gminie", "gmina"},
		{"samorzadzie", "samorząd"}, {"projektow", "projekt"},
	} {
		if m[tt.form] != tt.lemma {
			t.Errorf("lexicon[%q] = %q, want %q", tt.form, m[tt.form], tt.lemma)
		}
	}
	if _, err := parseLexicon("a: x\nb: x\n"); err == nil {
		t.Error("a form under two lemmas was accepted")
	}
	if _, err := parseLexicon("no colon"); err == nil {
		t.Error("a line without ':' was accepted")
	}
	// A folded spelling shared by two lemmas goes to neither.
	m, _ = parseLexicon("łania: łań\nlanie: lań\n")
	if _, ok := m["lan"]; ok {
		t.Errorf("ambiguous folded form kept: %v", m)
	}
}

func TestConcurrentUse(t *testing.T) {
	a := analyzer(t)
	text := "Koalicja organizacji pozarządowych współpracuje z samorządem gminy."
	want := a.Tokens(text)
	var wg sync.WaitGroup
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < 200; i++ {
				if got := a.Tokens(text); !reflect.DeepEqual(got, want) {
					t.Error("concurrent Tokens differ")
					return
				}
				a.QueryTerms("wspolpracy")
			}
		}()
	}
	wg.Wait()
}

func TestBleveAnalyzer(t *testing.T) {
	a := analyzer(t)
	if err := RegisterBleve(a); err != nil {
		t.Fatal(err)
	}
	if err := RegisterBleve(a); err != nil {
		t.Fatalf("second registration: %v", err)
	}
	stream := bleveAnalyzer{a}.Analyze([]byte("Współpracy z gminą"))
	var got []string
	for _, tok := range stream {
		got = append(got, string(tok.Term))
	}
	want := []string{"wspolpraca", "gmina"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("bleve tokens = %q, want %q", got, want)
	}
	if stream[1].Position != 3 || stream[1].Start != 15 {
		t.Errorf("gminą at position %d offset %d", stream[1].Position, stream[1].Start)
	}
}

func TestSameWord(t *testing.T) {
	a := analyzer(t)
	gloss := a.Tokens("koalicja nieformalna")
	text := a.Tokens("Członkowie koalicji nieformalnej spotykają się co miesiąc.")
	if !SameWord(gloss[0], text[1]) || !SameWord(gloss[1], text[2]) {
		t.Errorf("koalicja nieformalna does not meet koalicji nieformalnej: %v / %v", gloss, text)
	}
	if SameWord(gloss[0], text[0]) {
		t.Error("koalicja meets Członkowie")
	}
}

func BenchmarkTokens(b *testing.B) {
	a := analyzer(b)
	text := strings.Repeat("Koalicja organizacji pozarządowych współpracuje z samorządem gminy przy projektach "+
		"finansowanych z grantów; ambasadorzy i wolontariusze pomagają łącznikowi. ", 20)
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		a.Tokens(text)
	}
}

func TestScan(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"Współpraca z samorządem.", []string{"Współpraca", "z", "samorządem"}},
		{"crowdsourcing'u i e-learning", []string{"crowdsourcing'u", "i", "e", "learning"}},
		{"3,5 mln; 1.000 zł; a,b", []string{"3,5", "mln", "1.000", "zł", "a", "b"}},
		{"np. O.K. a.b.c", []string{"np", "O.K", "a.b.c"}},
		{"„Razem dla Regionu”", []string{"Razem", "dla", "Regionu"}},
		{"snake_case x1 2x", []string{"snake_case", "x1", "2x"}},
		{"end.", []string{"end"}},
		{"", nil},
	}
	for _, tt := range tests {
		var got []string
		for _, s := range scan(tt.in) {
			got = append(got, tt.in[s.start:s.end])
		}
		if !reflect.DeepEqual(got, tt.want) {
			t.Errorf("scan(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestKeys(t *testing.T) {
	a := analyzer(t)
	text := "Współpraca Z ŁÓDŹ, Crésus i ΣΟΦΙΑΣ."
	var got []string
	a.Keys(text, func(start, end int, key []byte) {
		got = append(got, text[start:end]+"="+string(key))
	})
	want := []string{"Współpraca=wspolpraca", "Z=z", "ŁÓDŹ=lodz", "Crésus=cresus", "i=i", "ΣΟΦΙΑΣ=σοφιας"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Keys = %q, want %q", got, want)
	}
	// Keys agrees with Tokens on every word that Tokens keeps.
	var keys []string
	a.Keys(text, func(_, _ int, key []byte) {
		if !a.IsStop(string(key)) {
			keys = append(keys, string(key))
		}
	})
	var folds []string
	for _, tok := range a.Tokens(text) {
		folds = append(folds, tok.Fold)
	}
	if !reflect.DeepEqual(keys, folds) {
		t.Errorf("Keys %q, Tokens %q", keys, folds)
	}
}
