package polish

import (
	"testing"

	"github.com/blevesearch/bleve/v2"
)

// TestRegisterBleveIndex indexes raw text with BleveAnalyzer and finds it
// with bleve's own match query, which analyses the query the same way.
func TestRegisterBleveIndex(t *testing.T) {
	a := analyzer(t)
	if err := RegisterBleve(a); err != nil {
		t.Fatal(err)
	}
	m := bleve.NewIndexMapping()
	m.DefaultAnalyzer = BleveAnalyzer
	if err := m.Validate(); err != nil {
		t.Fatal(err)
	}
	idx, err := bleve.NewMemOnly(m)
	if err != nil {
		t.Fatal(err)
	}
	defer idx.Close()
	docs := map[string]string{
		"samorzad": "Współpraca z samorządem lokalnym",
		"koalicja": "Koalicja organizacji pozarządowych",
	}
	for id, text := range docs {
		if err := idx.Index(id, map[string]string{"body": text}); err != nil {
			t.Fatal(err)
		}
	}
	for q, want := range map[string]string{"wspolpracy": "samorzad", "samorzadem": "samorzad", "koalicji": "koalicja"} {
		res, err := idx.Search(bleve.NewSearchRequest(bleve.NewMatchQuery(q)))
		if err != nil {
			t.Fatal(err)
		}
		if res.Total != 1 || res.Hits[0].ID != want {
			t.Errorf("match %q: %v", q, res.Hits)
		}
	}
}
