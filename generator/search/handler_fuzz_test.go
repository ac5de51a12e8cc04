package search

import (
	"encoding/json"
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"
)

// FuzzSearchAPI sends arbitrary parameters to GET /api/search. It must
// never panic; it answers 200 or 400 with one JSON object; it reflects
// nothing unescaped (no < or > outside the <mark> of snippets); a 200
// holds at most limit hits, all relative URLs of the index's pages, and
// the query as sent.
func FuzzSearchAPI(f *testing.F) {
	for _, s := range [][4]string{
		{"koalicji", "", "", ""}, {"wspolpraca z samorzadem", "module", "", "5"}, {"", "", "", ""},
		{"ambasador", "exercise", "", "1"}, {"umowa", "", "samorząd", ""}, {"<script>alert(1)</script>", "", "", ""},
		{"x", "blog", "", ""}, {"x", "", "", "101"}, {"x", "", "", "-1"}, {"\"koalicja\"", "term", "", "100"},
		{"ąęłńóśźż ĄĘŁŃÓŚŹŻ", "", "", ""}, {"a*", "", "", ""}, {"+koalicja -umowa", "", "", ""}, {"\xff\xfe", "", "\x00", "1e3"},
		{strings.Repeat("koalicja ", 60), "", "", ""},
	} {
		f.Add(s[0], s[1], s[2], s[3])
	}
	idx := openTestIndex(f, testDocs)
	urls := map[string]bool{}
	for _, d := range testDocs {
		urls[d.URL] = true
	}
	h := Handler(idx)
	f.Fuzz(func(t *testing.T, q, typ, tag, limit string) {
		v := url.Values{"q": {q}}
		if typ != "" {
			v.Set("type", typ)
		}
		if tag != "" {
			v.Set("tag", tag)
		}
		if limit != "" {
			v.Set("limit", limit)
		}
		w := httptest.NewRecorder()
		h.ServeHTTP(w, httptest.NewRequest("GET", "/api/search?"+v.Encode(), nil))
		body := w.Body.Bytes()
		if w.Code != 200 && w.Code != 400 {
			t.Fatalf("status %d: %s", w.Code, body)
		}
		if !json.Valid(body) {
			t.Fatalf("not JSON: %s", body)
		}
		if s := strings.ReplaceAll(strings.ReplaceAll(string(body), `\u003cmark\u003e`, ""), `\u003c/mark\u003e`, ""); strings.ContainsAny(s, "<>") {
			t.Fatalf("unescaped markup: %s", body)
		}
		if w.Code != 200 {
			return
		}
		var res struct {
			Query string
			Total int
			Hits  []struct{ URL string }
		}
		if err := json.Unmarshal(body, &res); err != nil {
			t.Fatal(err)
		}
		max := DefaultLimit
		if n, err := strconv.Atoi(limit); err == nil && limit != "" {
			max = n
		}
		if len(res.Hits) > max || len(res.Hits) > res.Total {
			t.Fatalf("%d hits of %d, limit %d", len(res.Hits), res.Total, max)
		}
		for _, hit := range res.Hits {
			if u, _, _ := strings.Cut(hit.URL, "#"); !urls[u] {
				t.Fatalf("hit %q is no page of the index", hit.URL)
			}
		}
		if utf8.ValidString(q) && res.Query != q {
			t.Fatalf("query %q reflected as %q", q, res.Query)
		}
	})
}
