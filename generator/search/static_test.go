package search

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math/rand"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"testing"
	"unicode/utf8"
)

// clientJS is the browser's search client, which the static index serves.
const clientJS = "../../themes/default/static/js/search.js"

func writeFiles(t testing.TB, files map[string][]byte) string {
	t.Helper()
	dir := t.TempDir()
	for name, data := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

type harnessQuery struct {
	Q     string `json:"q"`
	Type  string `json:"type,omitempty"`
	Tag   string `json:"tag,omitempty"`
	Limit int    `json:"limit,omitempty"`
	Lang  string `json:"lang,omitempty"`
}

type harnessBytes struct{ Raw, Gzip, Files int }

// staticResult is a Result as the static client gives it: offline, hits
// whose fragment cannot load are left out and counted.
type staticResult struct {
	Result
	Unavailable int `json:"unavailable"`
}

type harnessResponse struct {
	Results []staticResult `json:"results"`
	Bytes   []harnessBytes `json:"bytes"`
	Words   [][]string     `json:"words"`
	MS      []float64      `json:"ms"`
}

// runClient runs search.js in Node (testdata/harness.js) against the
// static index in dir.
func runClient(t testing.TB, dir string, queries []harnessQuery, texts []string, cold bool) harnessResponse {
	t.Helper()
	node, err := exec.LookPath("node")
	if err != nil {
		t.Skip("node not found: the static search client is not tested (install nodejs to run it)")
	}
	req, _ := json.Marshal(map[string]any{"queries": queries, "texts": texts, "cold": cold})
	cmd := exec.Command(node, "testdata/harness.js", clientJS, dir)
	cmd.Stdin = bytes.NewReader(req)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("node harness: %v\n%s", err, stderr.String())
	}
	var res harnessResponse
	if err := json.Unmarshal(out, &res); err != nil {
		t.Fatalf("node harness output: %v", err)
	}
	return res
}

func TestStaticDeterministic(t *testing.T) {
	a := analyzer(t)
	docs := contentDocs(t)
	first, err := WriteStatic(docs, a)
	if err != nil {
		t.Fatal(err)
	}
	shuffled := append([]Doc(nil), docs...)
	rand.New(rand.NewSource(2)).Shuffle(len(shuffled), func(i, j int) { shuffled[i], shuffled[j] = shuffled[j], shuffled[i] })
	second, err := WriteStatic(shuffled, a)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(first, second) {
		for name := range first {
			if !bytes.Equal(first[name], second[name]) {
				t.Errorf("%s differs between two builds of the same docs", name)
			}
		}
		t.Fatalf("static index is not deterministic (%d vs %d files)", len(first), len(second))
	}
}

func TestStaticFormat(t *testing.T) {
	c, err := NewCorpus(contentDocs(t), analyzer(t))
	if err != nil {
		t.Fatal(err)
	}
	files, err := c.Static()
	if err != nil {
		t.Fatal(err)
	}
	var pages []int // sections per page
	for i, e := range c.c.entries {
		if i == 0 || e.page != c.c.entries[i-1].page {
			pages = append(pages, 0)
		}
		pages[len(pages)-1]++
	}
	var meta staticMeta
	m := files["meta.js"]
	if !bytes.HasPrefix(m, []byte("window.__razemSearch.meta(")) || !bytes.HasSuffix(m, []byte(");\n")) {
		t.Fatalf("meta.js = %.80s…", m)
	}
	if err := json.Unmarshal(bytes.TrimSuffix(bytes.TrimPrefix(m, []byte("window.__razemSearch.meta(")), []byte(");\n")), &meta); err != nil {
		t.Fatal(err)
	}
	if len(meta.Lex) == 0 || len(meta.Post) == 0 || len(meta.DocTypes) != len(pages) || meta.Docs != len(c.c.entries) {
		t.Fatalf("meta: %d lexicon and %d page-list chunks, %d doc types for %d pages, %d docs", len(meta.Lex), len(meta.Post), len(meta.DocTypes), len(pages), meta.Docs)
	}
	for _, firsts := range [][]string{meta.Lex, meta.Post} {
		for i := 1; i < len(firsts); i++ {
			if !keyLess(firsts[i-1], firsts[i]) {
				t.Errorf("chunk keys out of order: %q, %q", firsts[i-1], firsts[i])
			}
		}
	}
	fragments := 0
	for name, data := range files {
		if !utf8.Valid(data) || !bytes.HasPrefix(data, []byte("window.__razemSearch.")) {
			t.Errorf("%s is not a callback script", name)
		}
		if strings.HasPrefix(name, "l/") || strings.HasPrefix(name, "p/") {
			if n := gzipLen(data); n > 16<<10 {
				t.Errorf("%s is %d bytes gzipped, want at most 16 KB", name, n)
			}
		}
		if strings.HasPrefix(name, "f/") {
			fragments++
		}
	}
	// Fragments of four sections, each page's in order.
	want := 0
	for _, n := range pages {
		want += (n + fragmentSections - 1) / fragmentSections
	}
	if fragments != want {
		t.Errorf("%d fragment files for %d pages, want %d", fragments, len(pages), want)
	}
	if meta.FragSecs != fragmentSections {
		t.Errorf("meta.fk = %d, want %d", meta.FragSecs, fragmentSections)
	}
	for p, n := range pages {
		for g := 0; g*fragmentSections < n; g++ {
			key := fragmentKey(p, g)
			data := files["f/"+key+".js"]
			call := fmt.Sprintf("window.__razemSearch.page(%q,", key)
			if !bytes.HasPrefix(data, []byte(call)) || !bytes.HasSuffix(data, []byte(");\n")) {
				t.Errorf("f/%s.js = %.80s…", key, data)
				continue
			}
			var frag struct {
				URL      string      `json:"u"`
				Title    string      `json:"t"`
				Sections [][3]string `json:"s"`
			}
			if err := json.Unmarshal(bytes.TrimSuffix(bytes.TrimPrefix(data, []byte(call)), []byte(");\n")), &frag); err != nil {
				t.Errorf("f/%s.js: %v", key, err)
				continue
			}
			if want := min(fragmentSections, n-g*fragmentSections); len(frag.Sections) != want || frag.URL == "" || frag.Title == "" {
				t.Errorf("f/%s.js: %q %q with %d sections, want %d", key, frag.URL, frag.Title, len(frag.Sections), want)
			}
		}
	}
}

func gzipLen(b []byte) int {
	var buf bytes.Buffer
	w, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	w.Write(b)
	w.Close()
	return buf.Len()
}

func TestKeyLess(t *testing.T) {
	// JavaScript's < compares UTF-16 code units: U+1F600 (a surrogate
	// pair, 0xD83D…) sorts before U+FF01, unlike in Go's byte order.
	keys := []string{"b", "\U0001F600", "\uFF01", "a", "ab", "ą", ""}
	sortKeys(keys)
	want := []string{"", "a", "ab", "b", "ą", "\U0001F600", "\uFF01"}
	if !reflect.DeepEqual(keys, want) {
		t.Errorf("sortKeys = %q, want %q", keys, want)
	}
}

// TestClientWords checks that the client splits and folds text as the Go
// analysis does, on the cases where word boundaries are subtle.
func TestClientWords(t *testing.T) {
	a := analyzer(t)
	texts := []string{
		"Współpraca z samorządem",
		"crowdsourcing'u, e-learning i CRM-y",
		"3,5 mln zł w 2024 r.; 1 Roof 2 Ages",
		"Crésus – La Banque Postale (Francja)",
		"ŁÓDŹ, Żółć: źdźbło! O.K. a.b.c",
		"NGO/JST; „Razem dla Regionu”",
	}
	files, err := WriteStatic(testDocs, a)
	if err != nil {
		t.Fatal(err)
	}
	res := runClient(t, writeFiles(t, files), nil, texts, false)
	for i, text := range texts {
		var want []string
		for _, tok := range a.Tokens(text) {
			want = append(want, tok.Fold)
		}
		// The client folds stop words too; drop them as the Go side does.
		var got []string
		for _, w := range res.Words[i] {
			if !a.IsStop(w) {
				got = append(got, w)
			}
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%q: client words %q, Go %q", text, got, want)
		}
	}
}

// agreementQueries are the queries the static client must answer exactly
// as the server does: inflected forms, no diacritics, several words,
// names, filters, words typed halfway, typos, compounds, words in
// different sections, and words found nowhere.
var agreementQueries = []harnessQuery{
	{Q: "koalicji"}, {Q: "koalicjami"}, {Q: "ambasadorów"}, {Q: "ambasadorow"},
	{Q: "wspolpraca z samorzadem"}, {Q: "współpracy"}, {Q: "samorzad"},
	{Q: "umow"}, {Q: "umowy"}, {Q: "lacznik"}, {Q: "łącznika"}, {Q: "Banque Postale"},
	{Q: "collegium civitas"}, {Q: "cresus"}, {Q: "ambasador", Type: "exercise"},
	{Q: "partnerstwo"}, {Q: "gminie"}, {Q: "razem"}, {Q: "<script>"},
	{Q: "umowa", Tag: "samorząd"}, {Q: "wolontariuszy darczyncow"},
	// Forms that occur nowhere in the content: completions and corrections.
	{Q: "koalicjom"}, {Q: "ambasadorami"}, {Q: "samorządom"}, {Q: "umowami"}, {Q: "facylitatorami"},
	// Typed halfway, with typos, compounds, partial, split.
	{Q: "ambas"}, {Q: "wspó"}, {Q: "ko"}, {Q: "kompr"}, {Q: "samorz"}, {Q: "umowa part"},
	{Q: "koalicija"}, {Q: "ambasdor"}, {Q: "samorzadme"}, {Q: "organizajca"},
	{Q: "wideo"}, {Q: "koalicji gminą"}, {Q: "koalicji nieistniejącesłowo"}, {Q: "Qwerty Zxcvb"},
	{Q: "ambasador łącznik"}, {Q: "gmina", Type: "module"}, {Q: "koal", Tag: "koalicje"},
}

func TestStaticAgreesWithBleve(t *testing.T) {
	for _, c := range []struct {
		name    string
		docs    []Doc
		queries []harnessQuery
	}{
		{"fixture", testDocs, agreementQueries},
		{"content", contentDocs(t), append(append([]harnessQuery(nil), agreementQueries...), corpusQueries(t, contentDocs(t), 300)...)},
		{"wide", wideDocs(), wideQueries},
		{"multilingual", multiDocs, multiQueries},
	} {
		t.Run(c.name, func(t *testing.T) {
			checkAgreement(t, c.docs, c.queries)
		})
	}
}

// wideDocs has a page of 150 sections, three static slots, between two
// ordinary pages: section numbers, pages, title expansion and fragments
// must all still line up.
func wideDocs() []Doc {
	docs := []Doc{{URL: "a/index.html", Title: "Ambasadorzy", Type: "module", Body: "Ambasador opowiada o organizacji."}}
	words := []string{"koalicja", "samorząd", "sponsor", "wolontariusz", "partnerstwo"}
	for i := range 150 {
		docs = append(docs, Doc{URL: "b/index.html", Anchor: fmt.Sprintf("s%d", i), Title: "Przewodnik trenera", Heading: fmt.Sprintf("Część %d", i),
			Type: "page", Body: fmt.Sprintf("Rozdział numer %d mówi o: %s i %s.", i, words[i%5], words[(i/5)%5])})
	}
	docs[len(docs)-1].Body += " Jedyny akapit o crowdsourcingu."
	docs[70].Body += " Tu jest mowa o licencjonowaniu."
	docs = append(docs, Doc{URL: "c/index.html", Title: "Crowdsourcing", Type: "module", Body: "Crowdsourcing i przewodnik po zbiórkach."},
		Doc{URL: "c/index.html", Anchor: "licencje", Title: "Crowdsourcing", Heading: "Licencje", Type: "module", Body: "Licencjonowanie treści."})
	return docs
}

var wideQueries = []harnessQuery{
	{Q: "crowdsourcingu"}, {Q: "licencjonowaniu"}, {Q: "przewodnik"}, {Q: "przewodnik", Type: "module"},
	{Q: "koalicja sponsor"}, {Q: "wolontariusz"}, {Q: "ambasador"}, {Q: "licencje"},
}

// checkAgreement requires the static client to answer every query exactly
// as the server does: the same total, ignored words, partial flag and
// hits (URL with its section, title, type, score); only snippets may
// differ, as the client has no stemmer to mark words with.
func checkAgreement(t *testing.T, docs []Doc, queries []harnessQuery) {
	a := analyzer(t)
	corp, err := NewCorpus(docs, a)
	if err != nil {
		t.Fatal(err)
	}
	ix := openCorpus(t, corp)
	files, err := corp.Static()
	if err != nil {
		t.Fatal(err)
	}
	static := runClient(t, writeFiles(t, files), queries, nil, false)
	withHits := 0
	for i, q := range queries {
		want, err := ix.Search(context.Background(), Query{Text: q.Q, Type: q.Type, Tag: q.Tag, Limit: 10, Lang: q.Lang})
		if err != nil {
			t.Fatal(err)
		}
		got := static.Results[i].Result
		for _, r := range []*Result{&want, &got} {
			for h := range r.Hits {
				r.Hits[h].Snippet = ""
			}
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%+v:\nstatic %+v\nserver %+v", q, got, want)
		}
		if len(want.Hits) > 0 {
			withHits++
		}
	}
	if withHits < len(queries)/2 {
		t.Errorf("only %d of %d queries found anything", withHits, len(queries))
	}
	t.Logf("%d queries, %d with hits, all answered alike", len(queries), withHits)
}

func overlap(a, b []Hit) float64 {
	if len(a) == 0 && len(b) == 0 {
		return 1
	}
	set := map[string]int{}
	for _, h := range a {
		set[h.URL] |= 1
	}
	for _, h := range b {
		set[h.URL] |= 2
	}
	both := 0
	for _, v := range set {
		if v == 3 {
			both++
		}
	}
	return float64(both) / float64(len(set))
}

// corpusQueries draws n queries from the words of docs with a fixed seed:
// single words and pairs, half of them typed without diacritics.
func corpusQueries(t testing.TB, docs []Doc, n int) []harnessQuery {
	a := analyzer(t)
	var words []string
	seen := map[string]bool{}
	for _, d := range docs {
		for _, w := range a.Words(d.Body) {
			if utf8.RuneCountInString(w) >= 4 && !seen[w] {
				seen[w] = true
				words = append(words, w)
			}
		}
	}
	sort.Strings(words)
	rng := rand.New(rand.NewSource(3))
	var out []harnessQuery
	for i := 0; i < n; i++ {
		q := words[rng.Intn(len(words))]
		if i%3 == 2 {
			q += " " + words[rng.Intn(len(words))]
		}
		if i%2 == 1 {
			q = foldString(q)
		}
		out = append(out, harnessQuery{Q: q})
	}
	return out
}

// Offline, the fragments of hits may not have been fetched: the client
// leaves those hits out and counts them instead of failing the search.
func TestStaticMissingFragments(t *testing.T) {
	c, err := NewCorpus(testDocs, analyzer(t))
	if err != nil {
		t.Fatal(err)
	}
	files, err := c.Static()
	if err != nil {
		t.Fatal(err)
	}
	for name := range files {
		if strings.HasPrefix(name, "f/") && name != "f/0.js" {
			delete(files, name)
		}
	}
	res := runClient(t, writeFiles(t, files), []harnessQuery{{Q: "organizacji", Limit: 10}}, nil, false).Results[0]
	if res.Total != 4 || len(res.Hits)+res.Unavailable != 4 || res.Unavailable == 0 {
		t.Errorf("total %d, %d hits shown, %d unavailable; want 4 in all, some unavailable", res.Total, len(res.Hits), res.Unavailable)
	}
}

// StaticTo hands over every file Static makes, each once, and stops
// reporting success as soon as the receiver fails (a full disk): the
// first error is returned.
func TestStaticToStreams(t *testing.T) {
	c, err := NewCorpus(contentDocs(t), analyzer(t))
	if err != nil {
		t.Fatal(err)
	}
	want, err := c.Static()
	if err != nil {
		t.Fatal(err)
	}
	got := map[string][]byte{}
	err = c.StaticTo(func(name string, data []byte) error {
		if _, dup := got[name]; dup {
			t.Errorf("%s handed over twice", name)
		}
		got[name] = data
		return nil
	})
	if err != nil || !reflect.DeepEqual(got, want) {
		t.Fatalf("streamed %d files (err %v), Static made %d", len(got), err, len(want))
	}
	full := errors.New("no space left on device")
	calls := 0
	err = c.StaticTo(func(string, []byte) error {
		calls++
		if calls == 3 {
			return full
		}
		return nil
	})
	if !errors.Is(err, full) {
		t.Fatalf("receiver's error lost: %v", err)
	}
}
