package search

import (
	"testing"
)

func TestZZVolume(t *testing.T) {
	ix, err := Open("/tmp/idx10k")
	if err != nil {
		t.Fatal(err)
	}
	r, _ := ix.adv.Reader()
	defer r.Close()
	for _, p := range planQuery("partnerow", ix.a, &ix.lex) {
		t.Logf("terms %v prefix %v", p.terms, p.prefix)
		all := append([]string{}, p.prefix...)
		for _, x := range p.terms {
			all = append(all, x.Text)
		}
		for _, term := range all {
			for f := range fields {
				pl, _ := ix.postingsOf(r, term, f)
				t.Logf("%s/%s: %d", term, fields[f].name, len(pl.docs))
			}
		}
	}
	n, _ := r.DocCount()
	t.Logf("docs %d", n)
}
