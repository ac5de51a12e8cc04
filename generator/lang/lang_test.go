package lang

import "testing"

func TestCheckAndSuggest(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"de", ""},
		{"gr", `"gr" is not an ISO 639-1 language code (two lowercase letters, e.g. pl, en, de); did you mean "el" (Greek)?`},
		{"DE", `"DE" is not an ISO 639-1 language code (two lowercase letters, e.g. pl, en, de); did you mean "de" (German)?`},
		{"pt_BR", `"pt_BR" is not an ISO 639-1 language code (two lowercase letters, e.g. pl, en, de); did you mean "pt" (Portuguese)?`},
		{"en-GB", `"en-GB" is not an ISO 639-1 language code (two lowercase letters, e.g. pl, en, de); did you mean "en" (English)?`},
		{"bul", `"bul" is not an ISO 639-1 language code (two lowercase letters, e.g. pl, en, de); did you mean "bg" (Bulgarian)?`},
		{"Ελληνικά", `"Ελληνικά" is not an ISO 639-1 language code (two lowercase letters, e.g. pl, en, de); did you mean "el" (Greek)?`},
		{"romanian", `"romanian" is not an ISO 639-1 language code (two lowercase letters, e.g. pl, en, de); did you mean "ro" (Romanian)?`},
		{"xx", `"xx" is not an ISO 639-1 language code (two lowercase letters, e.g. pl, en, de)`},
	} {
		if got := Check(c.in); got != c.want {
			t.Errorf("Check(%q) = %q, want %q", c.in, got, c.want)
		}
	}
	if n := len(names); n != 183 {
		t.Errorf("%d ISO 639-1 codes, want 183", n)
	}
	for code := range natives {
		if !Valid(code) {
			t.Errorf("native name for unknown code %q", code)
		}
	}
	for code, to := range mistakes {
		if Valid(code) || !Valid(to) {
			t.Errorf("mistake %q → %q: the first must be invalid, the second valid", code, to)
		}
	}
}

func TestFolder(t *testing.T) {
	for in, want := range map[string]string{"de/moduly/x.md": "de", "moduly/x.md": "", "el/index.md": "el", "xx/a.md": "", "de.md": "", "pl/a.md": "pl"} {
		if got := Folder(in); got != want {
			t.Errorf("Folder(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestPlural(t *testing.T) {
	for _, c := range []struct {
		lang string
		n    int
		want string
	}{
		{"pl", 1, "one"}, {"pl", 2, "few"}, {"pl", 12, "many"}, {"pl", 24, "few"}, {"pl", 25, "many"},
		{"ru", 21, "one"}, {"ru", 11, "many"}, {"ro", 0, "few"}, {"ro", 19, "few"}, {"ro", 20, "many"}, {"ro", 119, "few"},
		{"fr", 0, "one"}, {"fr", 1, "one"}, {"fr", 2, "many"}, {"de", 0, "many"}, {"bg", 1, "one"}, {"el", 3, "many"},
	} {
		if got := Plural(c.lang, c.n); got != c.want {
			t.Errorf("Plural(%s, %d) = %s, want %s", c.lang, c.n, got, c.want)
		}
	}
}
