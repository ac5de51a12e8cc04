package search

import (
	"context"
	"encoding/json"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/razem/razem/generator/polish"
)

var testAnalyzer = sync.OnceValues(polish.New)

func analyzer(tb testing.TB) *polish.Analyzer {
	tb.Helper()
	a, err := testAnalyzer()
	if err != nil {
		tb.Fatal(err)
	}
	return a
}

// openTestIndex builds testDocs into a temporary directory and opens it.
func openTestIndex(t *testing.T, docs []Doc) *Index {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "bleve")
	if err := WriteIndex(dir, docs, analyzer(t)); err != nil {
		t.Fatal(err)
	}
	ix, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ix.Close() })
	return ix
}

func TestSearch(t *testing.T) {
	ix := openTestIndex(t, testDocs)
	tests := []struct {
		q       string
		typ     string
		wantURL string // best hit
		snippet string // must appear in the best hit's snippet
	}{
		{q: "koalicji", wantURL: "moduly/partnerstwa-i-koalicje/index.html#zalety", snippet: "<mark>koalicji</mark>"},
		{q: "koalicjami", wantURL: "moduly/partnerstwa-i-koalicje/index.html#zalety"},
		{q: "ambasadorów", wantURL: "moduly/ambasadorzy/index.html#wybor", snippet: "<mark>ambasadorów</mark>"},
		{q: "ambasadorow", wantURL: "moduly/ambasadorzy/index.html#wybor"},
		{q: "wspolpraca z samorzadem", wantURL: "moduly/wspolpraca-z-samorzadem/index.html", snippet: "<mark>Współpraca</mark>"},
		{q: "umow", wantURL: "moduly/wspolpraca-z-samorzadem/index.html#umowy", snippet: "<mark>umów</mark>"},
		{q: "lacznik", wantURL: "slownik/lacznik/index.html"},
		{q: "Banque Postale", wantURL: "przypadki/cresus-banque-postale/index.html", snippet: "<mark>Banque</mark> <mark>Postale</mark>"},
		{q: "collegium civitas", wantURL: "przypadki/specialisterne/index.html"},
		{q: "cresus", wantURL: "przypadki/cresus-banque-postale/index.html"},
		{q: "ambasador", typ: "exercise", wantURL: "cwiczenia/wybor-ambasadora/index.html"},
		{q: "razem", wantURL: "o-projekcie/index.html", snippet: "&lt;<mark>razem</mark>&gt; &amp; &#34;partnerzy&#34;"},
	}
	for _, tt := range tests {
		res, err := ix.Search(context.Background(), Query{Text: tt.q, Type: tt.typ})
		if err != nil {
			t.Fatal(err)
		}
		if len(res.Hits) == 0 {
			t.Errorf("%q: no hits", tt.q)
			continue
		}
		h := res.Hits[0]
		if h.URL != tt.wantURL {
			t.Errorf("%q: best hit %s, want %s (hits %+v)", tt.q, h.URL, tt.wantURL, res.Hits)
		}
		if h.Score != 1 {
			t.Errorf("%q: best score %v, want 1", tt.q, h.Score)
		}
		if !strings.Contains(h.Snippet, tt.snippet) {
			t.Errorf("%q: snippet %q lacks %q", tt.q, h.Snippet, tt.snippet)
		}
		if tt.typ != "" {
			for _, h := range res.Hits {
				if h.Type != tt.typ {
					t.Errorf("%q type %s: hit %s of type %s", tt.q, tt.typ, h.URL, h.Type)
				}
			}
		}
		seen := map[string]bool{}
		for _, h := range res.Hits {
			page, _, _ := strings.Cut(h.URL, "#")
			if seen[page] {
				t.Errorf("%q: page %s appears twice", tt.q, page)
			}
			seen[page] = true
		}
		if res.Total != len(res.Hits) {
			t.Errorf("%q: total %d, %d hits", tt.q, res.Total, len(res.Hits))
		}
	}
}

func TestSearchJSON(t *testing.T) {
	ix := openTestIndex(t, testDocs)
	res, err := ix.Search(context.Background(), Query{Text: "umowy", Limit: 1})
	if err != nil {
		t.Fatal(err)
	}
	b, err := json.Marshal(res)
	if err != nil {
		t.Fatal(err)
	}
	var shape struct {
		Query *string `json:"query"`
		Total *int    `json:"total"`
		Hits  []map[string]json.RawMessage
	}
	if err := json.Unmarshal(b, &shape); err != nil {
		t.Fatal(err)
	}
	if shape.Query == nil || *shape.Query != "umowy" || shape.Total == nil || len(shape.Hits) != 1 {
		t.Fatalf("JSON %s", b)
	}
	keys := []string{}
	for k := range shape.Hits[0] {
		keys = append(keys, k)
	}
	sortStrings(keys)
	if strings.Join(keys, ",") != "score,snippet,title,type,url" {
		t.Errorf("hit keys %v", keys)
	}
	t.Logf("%s", b)
}

func foldString(s string) string { return polish.Fold(s) }
