package generator_test

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/razem/razem/generator"
	"github.com/razem/razem/generator/internal/sitetest"
	"github.com/razem/razem/generator/search"
)

// The search evaluation runs judged query sets (testdata/searcheval)
// through both search paths, the bleve index and the static index in
// search.js, and measures what a reader meets: how many queries find
// nothing, and how often an expected page is the first hit or among the
// first three. TestSearchQuality holds floors; BenchmarkSearchQuality
// reports the figures:
//
//	go test ./generator -run '^$' -bench SearchQuality -benchtime 1x

// judged is one query of a judged set.
type judged struct {
	kind, q string
	want    []string // pages, any of which counts
}

func readJudged(t testing.TB, name string) []judged {
	t.Helper()
	f, err := os.Open(filepath.Join("testdata", "searcheval", name))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []judged
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		cols := strings.Split(line, "\t")
		if len(cols) != 3 {
			t.Fatalf("%s:%d: want kind, query and pages, tab-separated", name, n)
		}
		out = append(out, judged{kind: cols[0], q: cols[1], want: strings.Fields(cols[2])})
	}
	return out
}

// evalSet is a corpus with its judged queries, both indexes built.
type evalSet struct {
	name    string
	lang    string // the reader's language: queries are asked from its pages
	exact   bool   // expected pages are named by their path from the root
	queries []judged
	ix      *search.Index
	static  string // folder of the static index
}

func newEvalSet(t testing.TB, name, lang string, docs []search.Doc, queries []judged) evalSet {
	t.Helper()
	corp, err := search.NewCorpus(docs, sitetest.Analyzer(t))
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	if err := corp.WriteIndex(filepath.Join(dir, "bleve")); err != nil {
		t.Fatal(err)
	}
	ix, err := search.Open(filepath.Join(dir, "bleve"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ix.Close() })
	files, err := corp.Static()
	if err != nil {
		t.Fatal(err)
	}
	for name, data := range files {
		p := filepath.Join(dir, "static", filepath.FromSlash(name))
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return evalSet{name: name, lang: lang, queries: queries, ix: ix, static: filepath.Join(dir, "static")}
}

// evalSets are the Open Source Guides (real text nobody here wrote): the
// Polish half alone, and English queries over the two-language site from
// its English pages; and the bundled knowledge base (its golden set and
// the judged extras).
func evalSets(t testing.TB) []evalSet {
	var sets []evalSet
	if docs := realworldDocs(t); docs != nil {
		var pl []search.Doc
		for _, d := range docs {
			if d.Lang == "pl" {
				pl = append(pl, d)
			}
		}
		sets = append(sets, newEvalSet(t, "opensource-pl", "pl", pl, readJudged(t, "opensource-pl.txt")))
		en := newEvalSet(t, "opensource-en", "en", docs, readJudged(t, "opensource-en.txt"))
		en.exact = true
		sets = append(sets, en)
	}
	r := buildContentTB(t)
	queries := readJudged(t, "bundled-pl.txt")
	for _, c := range relevance {
		queries = append(queries, judged{kind: "golden", q: c.q, want: []string{strings.TrimSuffix(c.want, "/")}})
	}
	return append(sets, newEvalSet(t, "bundled-pl", "pl", r.Docs, queries))
}

// realworldDocs builds the Open Source Guides as a two-language site,
// English at the root and Polish in pl/, and returns its search documents;
// nil when the corpus is not there.
func realworldDocs(t testing.TB) []search.Doc {
	dir := realworldDir()
	if dir == "" {
		return nil
	}
	fsys := sitetest.Overlay{Base: os.DirFS(dir), Files: sitetest.FS(t, "-- config.toml --\ntitle = \"OSG\"\nlanguage = \"en\"\n[markdown]\nraw_html = \"allow\"\n[build]\nbroken_links = \"warning\"\n[[static]]\nfrom = \"assets\"\nto = \"assets\"\n")}
	r := sitetest.BuildFS(t, fsys, generator.Options{})
	if r.Err != nil {
		t.Fatalf("real-world corpus: %v\n%s", r.Err, r.DiagText())
	}
	return r.Docs
}

func buildContentTB(t testing.TB) *sitetest.Result {
	r := sitetest.BuildFS(t, os.DirFS(sitetest.RepoRoot()), generator.Options{})
	if r.Err != nil {
		t.Fatalf("bundled content: %v\n%s", r.Err, r.DiagText())
	}
	return r
}

// quality is one path's figures over one set.
type quality struct {
	queries, zero, top1, top3 int
	byKind                    map[string][3]int // kind → queries, top-3, zero
	misses                    []string
}

func (q quality) pct(n int) float64 { return 100 * float64(n) / float64(q.queries) }

// found reports whether a hit URL is one of the expected pages: a page is
// named by its path ("moduly/ambasadorzy") or, unless exact, its last
// folder ("legal" is also pl/legal).
func found(url string, want []string, exact bool) bool {
	page := strings.TrimSuffix(strings.SplitN(url, "#", 2)[0], "index.html")
	for _, w := range want {
		if strings.HasPrefix(page, w+"/") || !exact && strings.HasSuffix(page, "/"+w+"/") {
			return true
		}
	}
	return false
}

func score(set evalSet, results []search.Result) quality {
	q := quality{queries: len(set.queries), byKind: map[string][3]int{}}
	for i, j := range set.queries {
		hits := results[i].Hits
		k := q.byKind[j.kind]
		k[0]++
		in3 := false
		for n, h := range hits {
			if n < 3 && found(h.URL, j.want, set.exact) {
				in3 = true
			}
		}
		switch {
		case len(hits) == 0:
			q.zero++
			k[2]++
			q.misses = append(q.misses, fmt.Sprintf("%s %q: nothing", j.kind, j.q))
		case in3:
			q.top3++
			k[1]++
			if found(hits[0].URL, j.want, set.exact) {
				q.top1++
			}
		default:
			var urls []string
			for n, h := range hits {
				if n < 3 {
					urls = append(urls, h.URL)
				}
			}
			q.misses = append(q.misses, fmt.Sprintf("%s %q: %v", j.kind, j.q, urls))
		}
		q.byKind[j.kind] = k
	}
	return q
}

// evaluate runs a set through both paths.
func evaluate(t testing.TB, set evalSet) (bleve, static quality) {
	t.Helper()
	var results []search.Result
	for _, j := range set.queries {
		res, err := set.ix.Search(context.Background(), search.Query{Text: j.q, Limit: 10, Lang: set.lang})
		if err != nil {
			t.Fatal(err)
		}
		results = append(results, res)
	}
	return score(set, results), score(set, runStatic(t, set.static, set.lang, set.queries))
}

// runStatic runs search.js in Node over a static index, asking from pages
// in lang.
func runStatic(t testing.TB, dir, lang string, queries []judged) []search.Result {
	t.Helper()
	node, err := exec.LookPath("node")
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("node is required in CI")
		}
		t.Skip("node not installed: the static search path is not evaluated")
	}
	type q struct {
		Q     string `json:"q"`
		Limit int    `json:"limit"`
		Lang  string `json:"lang"`
	}
	var req struct {
		Queries []q `json:"queries"`
	}
	for _, j := range queries {
		req.Queries = append(req.Queries, q{Q: j.q, Limit: 10, Lang: lang})
	}
	in, _ := json.Marshal(req)
	root := sitetest.RepoRoot()
	cmd := exec.Command(node, filepath.Join(root, "generator", "search", "testdata", "harness.js"),
		filepath.Join(root, "themes", "default", "static", "js", "search.js"), dir)
	cmd.Stdin = strings.NewReader(string(in))
	cmd.Stderr = os.Stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("node harness: %v", err)
	}
	var resp struct {
		Results []search.Result `json:"results"`
	}
	if err := json.Unmarshal(out, &resp); err != nil || len(resp.Results) != len(queries) {
		t.Fatalf("harness output: %v (%d results)", err, len(resp.Results))
	}
	return resp.Results
}

func report(t testing.TB, set evalSet, path string, q quality) {
	var kinds []string
	for k, v := range q.byKind {
		kinds = append(kinds, fmt.Sprintf("%s %d/%d", k, v[1], v[0]))
	}
	t.Logf("%-14s %-6s %3d queries: nothing %4.1f%%, top-1 %5.1f%%, top-3 %5.1f%%  [%s]",
		set.name, path, q.queries, q.pct(q.zero), q.pct(q.top1), q.pct(q.top3), strings.Join(sortedStrings(kinds), ", "))
	if testing.Verbose() {
		for _, m := range q.misses {
			t.Logf("    miss: %s", m)
		}
	}
}

func sortedStrings(s []string) []string {
	out := append([]string(nil), s...)
	for i := 1; i < len(out); i++ {
		for j := i; j > 0 && out[j] < out[j-1]; j-- {
			out[j], out[j-1] = out[j-1], out[j]
		}
	}
	return out
}

// Floors: a query that finds nothing is the dead end readers give up at,
// and the page meant belongs in the top three. Both paths answer alike
// (search's TestStaticAgreesWithBleve), so both are held to the same.
func TestSearchQuality(t *testing.T) {
	for _, set := range evalSets(t) {
		b, s := evaluate(t, set)
		for _, r := range []struct {
			path string
			q    quality
		}{{"bleve", b}, {"static", s}} {
			report(t, set, r.path, r.q)
			if r.q.pct(r.q.zero) > 2 || r.q.pct(r.q.top3) < 90 {
				t.Errorf("%s %s: %.1f%% of queries find nothing (at most 2%%), top-3 %.1f%% (at least 90%%)",
					set.name, r.path, r.q.pct(r.q.zero), r.q.pct(r.q.top3))
			}
		}
	}
}

func BenchmarkSearchQuality(b *testing.B) {
	sets := evalSets(b)
	for i := 0; i < b.N; i++ {
		for _, set := range sets {
			bl, st := evaluate(b, set)
			for _, r := range []struct {
				path string
				q    quality
			}{{"bleve", bl}, {"static", st}} {
				report(b, set, r.path, r.q)
				b.ReportMetric(r.q.pct(r.q.zero), set.name+"-"+r.path+"-nothing-%")
				b.ReportMetric(r.q.pct(r.q.top3), set.name+"-"+r.path+"-top3-%")
			}
		}
	}
}

// TestReaderLanguageFirst: on the two-language Open Source Guides, the
// same query asked from an English page lists the English pages first,
// and asked from a Polish page the Polish ones, wherever both languages
// have pages that match; through both paths.
func TestReaderLanguageFirst(t *testing.T) {
	docs := realworldDocs(t)
	if docs == nil {
		t.Skip("no real-world corpus")
	}
	set := newEvalSet(t, "opensource", "", docs, nil)
	queries := append(readJudged(t, "opensource-en.txt"), readJudged(t, "opensource-pl.txt")...)
	both := 0
	for _, lang := range []string{"en", "pl"} {
		static := runStatic(t, set.static, lang, queries)
		for i, j := range queries {
			res, err := set.ix.Search(context.Background(), search.Query{Text: j.q, Limit: 10, Lang: lang})
			if err != nil {
				t.Fatal(err)
			}
			for path, r := range map[string]search.Result{"bleve": res, "static": static[i]} {
				langs := ""
				for _, h := range r.Hits {
					if strings.HasPrefix(h.URL, "pl/") {
						langs += "p"
					} else {
						langs += "e"
					}
				}
				own, other := "e", "p"
				if lang == "pl" {
					own, other = "p", "e"
				}
				if !strings.Contains(langs, own) || !strings.Contains(langs, other) {
					continue
				}
				if path == "bleve" {
					both++
				}
				// Every page in the reader's language before any other.
				if strings.Contains(langs, other+own) {
					t.Errorf("%s %q from %s pages: hits in order %s (p: Polish, e: English)", path, j.q, lang, langs)
				}
			}
		}
	}
	if both < 20 {
		t.Errorf("only %d queries found pages in both languages", both)
	}
	t.Logf("%d queries found pages in both languages; the reader's came first in each", both)
}
