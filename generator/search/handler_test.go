package search

import (
	"encoding/json"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
)

func TestHandler(t *testing.T) {
	h := Handler(openTestIndex(t, testDocs))
	long := strings.Repeat("a", MaxQueryLen+1)
	tests := []struct {
		name, method, query string
		status              int
		want                string // substring of the body
	}{
		{"search", "GET", "q=koalicji", 200, `"url":"moduly/partnerstwa-i-koalicje/index.html#zalety"`},
		{"empty q", "GET", "q=", 200, `{"query":"","total":0,"hits":[]}`},
		{"no params", "GET", "", 200, `"hits":[]`},
		{"type", "GET", "q=ambasador&type=exercise", 200, `"type":"exercise"`},
		{"limit", "GET", "q=ambasador&limit=1", 200, `"total":2`},
		{"tag", "GET", "q=umowa&tag=" + url.QueryEscape("samorząd"), 200, `"total":1`},
		{"limit not a number", "GET", "q=x&limit=ten", 400, `"error":"limit must be`},
		{"limit too big", "GET", "q=x&limit=101", 400, `"error"`},
		{"limit zero", "GET", "q=x&limit=0", 400, `"error"`},
		{"unknown type", "GET", "q=x&type=blog", 400, `"error":"unknown type`},
		{"q too long", "GET", "q=" + long, 400, `"error":"q is longer`},
		{"lang", "GET", "q=koalicji&lang=de", 200, `"total":`},
		{"lang too long", "GET", "q=x&lang=" + strings.Repeat("x", 36), 400, `"error":"lang is too long`},
		{"escaped script", "GET", "q=" + url.QueryEscape("<script>alert(1)</script>"), 200, `"query":"\u003cscript\u003ealert(1)\u003c/script\u003e"`},
		{"escaped in error", "GET", "q=x&type=" + url.QueryEscape("<b>"), 400, `"error"`},
		{"post", "POST", "q=x", 405, `"error"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, httptest.NewRequest(tt.method, "/api/search?"+tt.query, nil))
			body := rec.Body.String()
			if rec.Code != tt.status {
				t.Errorf("status %d, want %d; body %s", rec.Code, tt.status, body)
			}
			if ct := rec.Header().Get("Content-Type"); ct != "application/json; charset=utf-8" {
				t.Errorf("Content-Type %q", ct)
			}
			if !strings.Contains(body, tt.want) {
				t.Errorf("body %s lacks %s", body, tt.want)
			}
			if strings.ContainsAny(body, "<>") && !strings.Contains(body, `\u003cmark\u003e`) {
				t.Errorf("unescaped markup in %s", body)
			}
			if !json.Valid([]byte(body)) {
				t.Errorf("invalid JSON %s", body)
			}
		})
	}
}

// TestHandlerLang: the reader's language comes first.
func TestHandlerLang(t *testing.T) {
	h := Handler(openTestIndex(t, multiDocs))
	for lang, want := range map[string]string{"en": `"hits":[{"url":"en/modules/partnerships/`, "pl": `"hits":[{"url":"moduly/partnerstwa/`, "de": `"hits":[{"url":"de/module/partnerschaften/`} {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequest("GET", "/api/search?q=partner&lang="+lang, nil))
		if body := rec.Body.String(); !strings.Contains(body, want) {
			t.Errorf("lang=%s: %s lacks %s", lang, body, want)
		}
	}
}

func TestHandlerHitsAreRelativeURLs(t *testing.T) {
	h := Handler(openTestIndex(t, testDocs))
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest("GET", "/api/search?q=partnerstwo", nil))
	var res Result
	if err := json.Unmarshal(rec.Body.Bytes(), &res); err != nil {
		t.Fatal(err)
	}
	for _, hit := range res.Hits {
		if strings.HasPrefix(hit.URL, "/") || strings.Contains(hit.URL, "://") {
			t.Errorf("hit URL %q is not site-relative", hit.URL)
		}
	}
}
