package site

import (
	"sort"
	"testing"
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
