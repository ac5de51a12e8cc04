package site

import (
	"sort"
	"strings"
	"testing"

	"github.com/razem/razem/generator/page"
)

func TestCompare(t *testing.T) {
	want := []string{"", "1 krok", "Ambasador", "ąb", "Bank", "cel", "Ćwiczenie", "Lider", "łącznik", "Zespół", "źródło", "żaba"}
	got := []string{"żaba", "Lider", "cel", "", "Zespół", "ąb", "łącznik", "Bank", "1 krok", "Ćwiczenie", "źródło", "Ambasador"}
	sort.Slice(got, func(i, j int) bool { return Compare(got[i], got[j]) < 0 })
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("sorted %q, want %q", got, want)
		}
	}
}

// FuzzSortKey holds SortKey's byte order to Compare.
func FuzzSortKey(f *testing.F) {
	for _, p := range [][2]string{{"łącznik", "Lider"}, {"Ćma", "cma"}, {"a1", "ą"}, {"zż", "zź"}, {"ÉCOLE", "ecole"}, {"\xff", "a"}, {"ab", "a"}} {
		f.Add(p[0], p[1])
	}
	f.Fuzz(func(t *testing.T, a, b string) {
		c := Compare(a, b)
		ka, kb := SortKey(a), SortKey(b)
		if (c < 0) != (ka < kb) || (c > 0) != (ka > kb) {
			t.Errorf("Compare(%q, %q) = %d, but the keys order %q and %q the other way", a, b, c, ka, kb)
		}
	})
}

// SortPages: weight first (unweighted last, negative first), then Polish
// title order, then URL.
func TestSortPages(t *testing.T) {
	mk := func(title string, weight int, url string) *Page {
		return &Page{Page: &page.Page{Meta: page.Meta{Title: title, Weight: weight}}, URL: url}
	}
	ps := []*Page{mk("Łącznik", 0, "d"), mk("Lider", 0, "c"), mk("Zespół", 2, "b"), mk("Ambasador", 0, "a"),
		mk("Start", -1, "e"), mk("lider", 0, "b"), mk("Żaba", 1, "f")}
	ps[0].sortKey = SortKey(ps[0].Meta.Title) // as New sets it; the others are computed
	SortPages(ps)
	var got []string
	for _, p := range ps {
		got = append(got, p.Meta.Title+"/"+p.URL)
	}
	want := "Start/e Żaba/f Zespół/b Ambasador/a lider/b Lider/c Łącznik/d"
	if strings.Join(got, " ") != want {
		t.Errorf("got  %s\nwant %s", strings.Join(got, " "), want)
	}
}
