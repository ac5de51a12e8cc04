package markdown

import (
	"regexp"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/razem/razem/generator/diag"
)

// allTypes is one question of every type (the body starts on line 5).
const allTypes = `## Koalicja musi mieć osobowość prawną. [prawda/fałsz]

- [ ] Prawda
  > Nie musi: wystarczy porozumienie.
- [x] Fałsz
  > Tak: koalicja działa na podstawie porozumienia.

## Które elementy należą do umowy? [wiele odpowiedzi]

- [x] Cele
- [x] Role
- [ ] Logo sponsora

## Dopasuj formę do przykładu [dopasuj]

- Licencjonowanie → Bookbridge
- Sponsoring → Banque Postale
- Crowdsourcing → Zgłoszenia mieszkańców

> [!ANSWER]
> Wyjaśnienie sekretnezdanie.

## Ułóż etapy [kolejność]

1. Diagnoza
2. Wybór partnerów
3. Umowa
4. Ewaluacja

## Uzupełnij zdanie

Umowę podpisują [[wszyscy partnerzy|partnerzy]] przed [[startem]].

## Ile gospodarstw objął program? [liczba]

= 43 000 ± 1 000

## Podaj rok

= 2015

## Opisz cel [otwarte]

> [!ANSWER]
> Wzorcowa odpowiedźtajna.
`

func TestQuestionTypes(t *testing.T) {
	out, ds := convert(t, allTypes, true)
	if len(ds) > 0 {
		t.Fatalf("diagnostics:\n%s", diag.Format(ds))
	}
	kinds := regexp.MustCompile(`data-kind="(\w+)"`).FindAllStringSubmatch(string(out.HTML), -1)
	var got []string
	for _, k := range kinds {
		got = append(got, k[1])
	}
	if want := "truefalse multiple matching ordering blanks numeric numeric open"; strings.Join(got, " ") != want {
		t.Errorf("kinds = %v, want %s", got, want)
	}
	learner, trainer := string(out.HTML), string(out.Trainer.HTML)
	// The learner edition shows no answer: not the key words of feedback,
	// explanation or model answer, not blank answers, not the number, and
	// not the markers.
	for _, secret := range []string{"sekretnezdanie", "odpowiedźtajna", "porozumienia", "wszyscy partnerzy", "startem", "43 000", "2015", "[kolejność]", "is-key", "data-correct"} {
		if strings.Contains(learner, secret) {
			t.Errorf("learner edition shows %q", secret)
		}
	}
	for _, shown := range []string{"sekretnezdanie", "odpowiedźtajna", "(wszyscy partnerzy / partnerzy)", "= 43 000 ± 1 000", "→ Bookbridge", `<div class="choice is-key">`} {
		if !strings.Contains(trainer, shown) {
			t.Errorf("trainer edition lacks %q", shown)
		}
	}
	// Ordering items are shown shuffled, matching answers as a shuffled list.
	items := regexp.MustCompile(`<li class="order-item" data-item="\d"><div class="order-text">([^<]+)</div>`).FindAllStringSubmatch(learner, -1)
	if len(items) != 4 || items[0][1] == "Diagnoza" && items[1][1] == "Wybór partnerów" {
		t.Errorf("ordering items = %v", items)
	}
	// Headings lose their markers, ids too.
	if !strings.Contains(learner, `<h2 id="uloz-etapy">Ułóż etapy</h2>`) {
		t.Errorf("marker left in the heading:\n%s", learner)
	}
	// Search sees neither answers nor feedback.
	var text strings.Builder
	for _, s := range out.Sections {
		text.WriteString(s.Text + " ")
	}
	for _, secret := range []string{"sekretnezdanie", "odpowiedźtajna", "porozumienia", "partnerzy", "43 000", "Bookbridge Sponsoring"} {
		if strings.Contains(text.String(), secret) {
			t.Errorf("search text holds %q: %s", secret, text.String())
		}
	}
}

// TestAnswerKeys checks the hashes against the answers the browser would
// compute, so site.js and this package agree on every type's key.
func TestAnswerKeys(t *testing.T) {
	out, _ := convert(t, allTypes, true)
	html := string(out.HTML)
	sections := strings.Split(html, `<section class="question"`)[1:]
	attr := func(s, name string) string {
		m := regexp.MustCompile(name + `="([^"]*)"`).FindStringSubmatch(s)
		if m == nil {
			return ""
		}
		return m[1]
	}
	check := func(i int, key string, want bool) {
		t.Helper()
		s := sections[i]
		if got := AnswerHash(attr(s, "data-salt"), key) == attr(s, "data-answer"); got != want {
			t.Errorf("question %d key %q: match = %v, want %v", i+1, key, got, want)
		}
	}
	check(0, "1", true)
	check(0, "0", false)
	check(1, "0,1", true)
	check(1, "0,1,2", false)
	// Matching: for each left side, the place of its partner among the
	// options shown.
	opts := regexp.MustCompile(`<option value="(\d)">([^<]+)</option>`).FindAllStringSubmatch(sections[2], -1)
	place := map[string]string{}
	for _, o := range opts[:3] {
		place[o[2]] = o[1]
	}
	check(2, place["Bookbridge"]+","+place["Banque Postale"]+","+place["Zgłoszenia mieszkańców"], true)
	check(2, place["Banque Postale"]+","+place["Bookbridge"]+","+place["Zgłoszenia mieszkańców"], false)
	// Ordering: the shown places of the items, in the right order.
	items := regexp.MustCompile(`data-item="(\d)"><div class="order-text">([^<]+)<`).FindAllStringSubmatch(sections[3], -1)
	shown := map[string]string{}
	for _, it := range items {
		shown[it[2]] = it[1]
	}
	check(3, shown["Diagnoza"]+","+shown["Wybór partnerów"]+","+shown["Umowa"]+","+shown["Ewaluacja"], true)
	check(3, shown["Wybór partnerów"]+","+shown["Diagnoza"]+","+shown["Umowa"]+","+shown["Ewaluacja"], false)
	// Blanks: each blank's hashes, any accepted answer, any case.
	blanks := regexp.MustCompile(`data-answer="([0-9a-f ]+)"`).FindAllStringSubmatch(strings.SplitN(sections[4], ">", 2)[1], -1)
	salt := attr(sections[4], "data-salt")
	if len(blanks) != 2 || !strings.Contains(blanks[0][1], AnswerHash(salt+"#0", NormalizeBlank("  Partnerzy "))) ||
		strings.Contains(blanks[0][1], AnswerHash(salt+"#0", "startem")) || !strings.Contains(blanks[1][1], AnswerHash(salt+"#1", "startem")) {
		t.Errorf("blank hashes %v", blanks)
	}
	// Numeric with tolerance: the grid cell of 42 500 is the answer's, of
	// 41 000 not; without tolerance the number at the written precision.
	grid := strings.Fields(attr(sections[5], "data-grid"))
	if len(grid) != 2 || grid[1] != "2000" {
		t.Fatalf("grid %v", grid)
	}
	check(5, numericCell(42500, grid), true)
	check(5, numericCell(43999, grid), true)
	check(5, numericCell(41000-1, grid), false)
	check(6, "2015", true)
	if attr(sections[6], "data-decimals") != "0" {
		t.Errorf("decimals %q", attr(sections[6], "data-decimals"))
	}
	// Sealed feedback opens with the page's salt.
	salt, seal, _ := strings.Cut(attr(sections[0], "data-seal"), ":")
	if fb, err := Unseal(salt, seal); err != nil || salt != docSalt("a.md") || !strings.Contains(fb, "porozumienie") {
		t.Errorf("unsealed feedback %q, %v", fb, err)
	}
}

// numericCell is site.js's grid cell of a number.
func numericCell(x float64, grid []string) string {
	off, _, _ := ParseNumber(grid[0])
	w, _, _ := ParseNumber(grid[1])
	k := int((x - off) / w)
	if x-off < 0 {
		k--
	}
	return strings.TrimSpace(strings.Repeat(" ", 0) + itoa(k))
}

func itoa(k int) string {
	s := ""
	neg := k < 0
	if neg {
		k = -k
	}
	for {
		s = string(rune('0'+k%10)) + s
		k /= 10
		if k == 0 {
			break
		}
	}
	if neg {
		s = "-" + s
	}
	return s
}

func TestQuizData(t *testing.T) {
	c := New(Options{Lang: "pl", RawHTML: "escape", Typographer: true, Strings: testStrings})
	var l diag.List
	out := c.Convert(Input{File: "a.md", Body: []byte(allTypes), BodyLine: 5, Exercise: true, Quiz: true}, &l)
	if len(out.Quiz) != 8 {
		t.Fatalf("%d questions", len(out.Quiz))
	}
	q := out.Quiz
	if q[0].Type != TrueFalse || q[0].TrueIsCorrect() || q[0].Line != 5 || !strings.Contains(q[0].Options[1].Feedback, "porozumienia") {
		t.Errorf("true/false: %+v", q[0])
	}
	if q[2].Type != Matching || len(q[2].Pairs) != 3 || q[2].Pairs[1].Left != "Sponsoring" || q[2].Pairs[1].Right != "Banque Postale" ||
		!strings.Contains(q[2].Answer, "sekretnezdanie") {
		t.Errorf("matching: %+v", q[2])
	}
	if q[3].Type != Ordering || strings.Join(q[3].Order, "|") != "Diagnoza|Wybór partnerów|Umowa|Ewaluacja" {
		t.Errorf("ordering: %+v", q[3].Order)
	}
	if q[4].Type != Blanks || len(q[4].Blanks) != 2 || q[4].Blanks[0][1] != "partnerzy" || !strings.Contains(q[4].Stem, "podpisują [[#0]] przed [[#1]].") {
		t.Errorf("blanks: %+v", q[4])
	}
	if q[5].Number != 43000 || q[5].Tolerance != 1000 || q[6].Number != 2015 || q[7].Type != Open || !strings.Contains(q[7].Answer, "tajna") {
		t.Errorf("numeric/open: %+v %+v %+v", q[5], q[6], q[7])
	}
}

func TestQuestionErrors(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"single with two correct", "## Wybierz [jedna odpowiedź]\n\n- [x] A\n- [ ] B\n- [x] C\n",
			`a.md:9:3: question "Wybierz" is marked [jedna odpowiedź] but has 2 correct options; leave one [x] or mark it [wiele odpowiedzi]`},
		{"true/false with two correct", "## Zdanie [prawda/fałsz]\n\n- [x] Prawda\n- [x] Fałsz\n",
			`a.md:8:3: question "Zdanie" is marked [prawda/fałsz] but has 2 correct options; leave one [x] or mark it [wiele odpowiedzi]`},
		{"true/false labels", "## Zdanie [prawda/fałsz]\n\n- [x] Tak\n- [ ] Nie\n",
			`a.md:7:1: true/false question "Zdanie" needs exactly two options, „Prawda” and „Fałsz”`},
		{"no correct option, indented", "## P\n\n  - [ ] A\n  - [ ] B\n",
			`a.md:7:3: question "P" has no correct option: mark at least one with [x]`},
		{"pair without partner", "## Dopasuj [dopasuj]\n\n- Sponsoring → Firma\n- Licencjonowanie\n- Crowdsourcing → Tłum\n",
			`a.md:8:3: matching pair "Licencjonowanie" has no partner: write it as „Licencjonowanie → …”`},
		{"pair without right side", "## Dopasuj\n\n- Sponsoring → Firma\n- Licencje → \n- Tłum → Ludzie\n",
			`a.md:8:12: matching pair "Licencje" has no partner after the arrow`},
		{"one pair", "## Dopasuj [dopasuj]\n\n- Sponsoring → Firma\n",
			`a.md:7:1: matching question "Dopasuj" needs at least two pairs`},
		{"not a number", "## Ile? [liczba]\n\n= dużo\n", `a.md:7:3: numeric answer "dużo" is not a number`},
		{"bad tolerance", "## Ile?\n\n= 42 ± około 2\n", `a.md:7:8: tolerance "około 2" is not a positive number`},
		{"ordering without a numbered list", "## Ułóż [kolejność]\n\n- A\n- B\n",
			`a.md:5:1: question "Ułóż" is marked [kolejność] but has no numbered list in the right order (1. …)`},
		{"ordering twice the same", "## Ułóż [kolejność]\n\n1. A\n2. B\n3. A\n",
			`a.md:9:4: ordering item "A" appears twice`},
		{"empty blank answer", "## Uzupełnij\n\nTo jest [[dobre|]] zdanie.\n",
			`a.md:7:9: empty answer in blank [[dobre|]]: write each accepted answer between the bars`},
		{"unknown marker", "## Pytanie [wybór]\n\n- [x] A\n", `a.md:5:12: unknown question type [wybór]; use ` + markerList},
		{"two forms", "## Ile?\n\n= 42\n\n- [x] A\n", `a.md:5:1: question "Ile?" has more than one answer form (a numeric answer and choices); split it into two questions`},
		{"marked open with options", "## Opisz [otwarte]\n\n- [x] A\n", `a.md:5:1: question "Opisz" is marked [otwarte] but has choices`},
		{"marked single without options", "## P [jedna odpowiedź]\n\n> [!ANSWER]\n> X\n", `a.md:5:1: question "P" is marked [jedna odpowiedź] but has no options (- [ ] / - [x])`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, ds := convert(t, tt.in, true)
			if got := strings.TrimSpace(diag.Format(ds)); got != tt.want {
				t.Errorf("got  %s\nwant %s", got, tt.want)
			}
		})
	}
}

func TestParseNumber(t *testing.T) {
	tests := []struct {
		in   string
		want float64
		dec  int
		ok   bool
	}{
		{"42", 42, 0, true}, {"3,5", 3.5, 1, true}, {"43 000", 43000, 0, true}, {"−2.25", -2.25, 2, true},
		{"1e3", 0, 0, false}, {"dużo", 0, 0, false}, {"", 0, 0, false}, {"0x10", 0, 0, false}, {"Inf", 0, 0, false},
	}
	for _, tt := range tests {
		v, d, ok := ParseNumber(tt.in)
		if v != tt.want || d != tt.dec || ok != tt.ok {
			t.Errorf("ParseNumber(%q) = %v, %d, %v", tt.in, v, d, ok)
		}
	}
}

func TestAnswerHashAndSeal(t *testing.T) {
	// Fixed values: site.js's razemHash must give the same (the browser
	// test answers real questions with it).
	if got := AnswerHash("abc", "1,2"); got != AnswerHash("abc", "1,2") || len(got) != 16 || got == AnswerHash("abd", "1,2") {
		t.Errorf("AnswerHash = %q", got)
	}
	s := Seal("salt", "<p>Zażółć gęślą jaźń</p>")
	if strings.Contains(s, "Za") {
		t.Errorf("sealed text readable: %q", s)
	}
	if back, err := Unseal("salt", s); err != nil || back != "<p>Zażółć gęślą jaźń</p>" {
		t.Errorf("Unseal = %q, %v", back, err)
	}
	for n := 2; n < 8; n++ {
		p := shuffle("x", n)
		identity := true
		for i, v := range p {
			identity = identity && i == v
		}
		if identity {
			t.Errorf("shuffle(%d) is the identity", n)
		}
	}
}

// FuzzExercise: any exercise converts without panicking, in every edition,
// every sealed fragment opens to valid UTF-8, and the questions as data
// are the questions counted.
func FuzzExercise(f *testing.F) {
	for _, s := range []string{allTypes, "## A [dopasuj]\n\n- x → \n- → y\n", "## B\n\n= 1,5 ± \n", "## C\n\n[[a|]] [[ ]] [[x]]]\n",
		"## D [kolejność]\n\n1. a\n1. a\n", "## E [prawda/fałsz]\n\n- [x] Prawda\n- [x] Fałsz\n  > tak\n", "## F [nic]\n"} {
		f.Add(s)
	}
	c := New(Options{Lang: "pl", RawHTML: "escape", Typographer: true, Strings: testStrings})
	seal := regexp.MustCompile(`data-seal="([^":]*):([^"]*)"`)
	f.Fuzz(func(t *testing.T, body string) {
		var l diag.List
		out := c.Convert(Input{File: "a.md", Body: []byte(body), BodyLine: 1, Exercise: true, Quiz: true}, &l)
		if len(out.Quiz) != out.Questions {
			t.Errorf("%d questions as data, %d counted", len(out.Quiz), out.Questions)
		}
		for _, m := range seal.FindAllStringSubmatch(string(out.HTML), -1) {
			if s, err := Unseal(m[1], m[2]); err != nil || !utf8.ValidString(s) && utf8.ValidString(body) {
				t.Errorf("sealed fragment does not open: %v", err)
			}
		}
	})
}
