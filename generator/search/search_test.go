package search

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
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

// openTestIndex builds docs into a temporary directory and opens it.
func openTestIndex(tb testing.TB, docs []Doc) *Index {
	tb.Helper()
	c, err := NewCorpus(docs, analyzer(tb))
	if err != nil {
		tb.Fatal(err)
	}
	return openCorpus(tb, c)
}

// openCorpus writes a corpus's bleve index into a temporary directory and
// opens it; the test closes it when it ends.
func openCorpus(tb testing.TB, c *Corpus) *Index {
	tb.Helper()
	dir := filepath.Join(tb.TempDir(), "bleve")
	if err := c.WriteIndex(dir); err != nil {
		tb.Fatal(err)
	}
	ix, err := Open(dir)
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { ix.Close() })
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

func TestPrepareErrors(t *testing.T) {
	ok := Doc{URL: "a/index.html", Title: "A", Type: "page"}
	tests := []struct {
		name string
		docs []Doc
		want string
	}{
		{"unknown type", []Doc{{URL: "a/index.html", Type: "blog"}}, `unknown type "blog"`},
		{"absolute URL", []Doc{{URL: "/a/index.html", Type: "page"}}, "site-relative"},
		{"anchor in URL", []Doc{{URL: "a/index.html#x", Type: "page"}}, "site-relative"},
		{"empty URL", []Doc{{Type: "page"}}, "site-relative"},
		{"duplicate section", []Doc{ok, ok}, "appears twice"},
		{"titles differ within a page", []Doc{ok, {URL: ok.URL, Anchor: "x", Title: "B", Type: "page"}}, "different titles"},
	}
	for _, tt := range tests {
		_, err := NewCorpus(tt.docs, analyzer(t))
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: error %v, want %q", tt.name, err, tt.want)
		}
	}
}

func TestWriteIndexNeedsEmptyDir(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "x"), nil, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := WriteIndex(dir, testDocs, analyzer(t)); err == nil || !strings.Contains(err.Error(), "not empty") {
		t.Errorf("WriteIndex into a non-empty directory: %v", err)
	}
}

func TestEmptyCorpus(t *testing.T) {
	ix := openTestIndex(t, nil)
	res, err := ix.Search(context.Background(), Query{Text: "koalicja"})
	if err != nil || res.Total != 0 || res.Hits == nil {
		t.Errorf("Search on an empty index = %+v, %v", res, err)
	}
	files, err := WriteStatic(nil, analyzer(t))
	if err != nil || files["meta.js"] == nil {
		t.Errorf("WriteStatic(nil) = %d files, %v", len(files), err)
	}
}

func TestSearchLimitsAndStopWords(t *testing.T) {
	ix := openTestIndex(t, testDocs)
	ctx := context.Background()
	for _, tt := range []struct {
		q       Query
		total   int
		hits    int
		ignored []string
		partial bool
	}{
		{q: Query{Text: "organizacji", Limit: 1}, total: 4, hits: 1},
		{q: Query{Text: "organizacji", Limit: 1000}, total: 4, hits: 4},
		{q: Query{Text: "z i w"}},                                                                                   // stop words only
		{q: Query{Text: "koalicji nieistniejącesłowo"}, total: 2, hits: 2, ignored: []string{"nieistniejącesłowo"}}, // a word found nowhere is ignored
		{q: Query{Text: "Qwerty Zxcvb"}, ignored: []string{"qwerty", "zxcvb"}},                                      // all ignored: nothing
		{q: Query{Text: "koalicji gminą"}, total: 3, hits: 3, partial: true},                                        // no page has both
		{q: Query{Text: strings.Repeat("koalicji ", 200)}, total: 2, hits: 2},                                       // cut to 500 bytes, no stump
	} {
		res, err := ix.Search(ctx, tt.q)
		if err != nil {
			t.Fatal(err)
		}
		if res.Total != tt.total || len(res.Hits) != tt.hits || !reflect.DeepEqual(res.Ignored, tt.ignored) || res.Partial != tt.partial {
			t.Errorf("%.40q limit %d: total %d, %d hits, ignored %q, partial %v; want %d, %d, %q, %v", tt.q.Text, tt.q.Limit,
				res.Total, len(res.Hits), res.Ignored, res.Partial, tt.total, tt.hits, tt.ignored, tt.partial)
		}
	}
}

func TestSearchCanceled(t *testing.T) {
	ix := openTestIndex(t, testDocs)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := ix.Search(ctx, Query{Text: "koalicji"}); err == nil {
		t.Error("Search with a canceled context succeeded")
	}
}

func TestSearchConcurrent(t *testing.T) {
	ix := openTestIndex(t, testDocs)
	want, _ := ix.Search(context.Background(), Query{Text: "umowy z gminą"})
	var wg sync.WaitGroup
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < 50; i++ {
				got, err := ix.Search(context.Background(), Query{Text: "umowy z gminą"})
				if err != nil || !reflect.DeepEqual(got, want) {
					t.Errorf("concurrent search: %+v, %v", got, err)
					return
				}
			}
		}()
	}
	wg.Wait()
}
