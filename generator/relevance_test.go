package generator_test

import (
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/razem/razem/generator/internal/sitetest"
	"github.com/razem/razem/generator/search"
)

// relevance is a golden set of Polish queries over the bundled knowledge
// base, typed the way learners type: inflected, without diacritics, names,
// phrases. The expected page must be among the top three hits, through the
// server's bleve index and through the browser's static index alike.
var relevance = []struct{ q, want string }{
	{"koalicji", "moduly/partnerstwa-i-koalicje/"},
	{"koalicja nieformalna", "slownik/koalicja-nieformalna/"},
	{"ambasadorów", "moduly/ambasadorzy/"},
	{"ambasadorow", "moduly/ambasadorzy/"},
	{"wspolpraca z samorzadem", "moduly/wspolpraca-z-samorzadem/"},
	{"współpracy samorządu z organizacjami", "moduly/wspolpraca-z-samorzadem/"},
	{"lacznik", "slownik/lacznik/"},
	{"facylitatora", "moduly/lacznik-i-facylitator/"},
	{"Banque Postale", "przypadki/cresus-banque-postale/"},
	{"Collegium Civitas", "przypadki/razem-dla-regionu/"},
	{"Crésus", "przypadki/cresus-banque-postale/"},
	{"cresus", "przypadki/cresus-banque-postale/"},
	{"Bookbridge", "przypadki/bookbridge-wosm/"},
	{"skautów", "przypadki/bookbridge-wosm/"},
	{"Mongolia", "przypadki/bookbridge-wosm/"},
	{"tantiemy", "slownik/tantiemy/"},
	{"licencjobiorca", "slownik/licencjobiorca/"},
	{"licencja wyłączna", "moduly/licencjonowanie/"},
	{"sponsorów", "moduly/sponsorzy/"},
	{"sponsorow", "moduly/sponsorzy/"},
	{"crowdfunding", "slownik/finansowanie-spolecznosciowe/"},
	{"hackaton", "slownik/hackaton/"},
	{"marketing relacji", "moduly/marketing-relacji-i-crm/"},
	{"CRM darczyńcy", "moduly/marketing-relacji-i-crm/"},
	{"partnerstwa z mediami", "moduly/partnerstwa-z-mediami/"},
	{"cele SMART", "slownik/cele-smart/"},
	{"cel smart", "cwiczenia/cel-smart/"},
	{"prezentacja windowa", "slownik/prezentacja-windowa/"},
	{"współtworzenie", "moduly/wspoltworzenie/"},
	{"wspoltworzenia", "moduly/wspoltworzenie/"},
	{"umowa partnerska", "slownik/umowa-partnerska/"},
	{"umów", "moduly/partnerstwa-i-koalicje/"},
	{"Gymsana", "przypadki/1-roof-2-ages/"},
	{"Specialisterne", "przypadki/specialisterne-sap/"},
	{"bank zywnosci", "przypadki/program-mieszkaniowy-bank-zywnosci/"},
	{"Bialystok", "przypadki/razem-dla-regionu/"},
	{"zadanie publiczne", "slownik/zadanie-publiczne/"},
	{"formy współpracy samorządu", "cwiczenia/formy-wspolpracy-z-samorzadem/"},
	{"wolontariat pracowniczy", "slownik/wolontariat-pracowniczy/"},
	{"networking", "moduly/budowanie-sieci/"},
}

func top3(hits []search.Hit) []string {
	var out []string
	for i, h := range hits {
		if i == 3 {
			break
		}
		out = append(out, strings.SplitN(h.URL, "index.html", 2)[0])
	}
	return out
}

func contains3(urls []string, want string) bool {
	for _, u := range urls {
		if u == want {
			return true
		}
	}
	return false
}

// openIndex writes the build's bleve index to a temporary folder and opens it.
func openIndex(t *testing.T, r *sitetest.Result) *search.Index {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "bleve")
	if err := r.Search.WriteIndex(dir); err != nil {
		t.Fatal(err)
	}
	ix, err := search.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ix.Close() })
	return ix
}

// staticDir writes a build's static search index into a folder, for
// search.js to run over.
func staticDir(t *testing.T, r *sitetest.Result) string {
	t.Helper()
	dir := t.TempDir()
	for _, f := range r.Files {
		if name, ok := strings.CutPrefix(f.Path, "search/"); ok {
			p := filepath.Join(dir, filepath.FromSlash(name))
			os.MkdirAll(filepath.Dir(p), 0o755)
			os.WriteFile(p, f.Data, 0o644)
		}
	}
	return dir
}

func TestRelevanceBleve(t *testing.T) {
	ix := openIndex(t, buildContent(t).OK(t))
	for _, c := range relevance {
		res, err := ix.Search(context.Background(), search.Query{Text: c.q, Limit: 10})
		if err != nil {
			t.Fatal(err)
		}
		if got := top3(res.Hits); !contains3(got, c.want) {
			t.Errorf("bleve %q: top 3 = %v, want %s", c.q, got, c.want)
		}
	}
}

// TestRelevanceStatic runs the browser's search client (search.js) in Node
// over the static index of the same build, and checks the same golden set
// and that both indexes agree on the best hit.
func TestRelevanceStatic(t *testing.T) {
	node, err := exec.LookPath("node")
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("node is required in CI")
		}
		t.Skip("node not installed")
	}
	r := buildContent(t).OK(t)
	dir := staticDir(t, r)
	type q struct {
		Q     string `json:"q"`
		Limit int    `json:"limit"`
	}
	var req struct {
		Queries []q  `json:"queries"`
		Cold    bool `json:"cold"`
	}
	for _, c := range relevance {
		req.Queries = append(req.Queries, q{Q: c.q, Limit: 10})
	}
	in, _ := json.Marshal(req)
	root := sitetest.RepoRoot()
	cmd := exec.Command(node, filepath.Join(root, "generator", "search", "testdata", "harness.js"),
		filepath.Join(root, "themes", "default", "static", "js", "search.js"), dir)
	cmd.Stdin = strings.NewReader(string(in))
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("node harness: %v", err)
	}
	var resp struct {
		Results []search.Result `json:"results"`
	}
	if err := json.Unmarshal(out, &resp); err != nil || len(resp.Results) != len(relevance) {
		t.Fatalf("harness output: %v (%d results)", err, len(resp.Results))
	}
	ix := openIndex(t, r) // the bleve side, for agreement on the best page
	for i, c := range relevance {
		got := top3(resp.Results[i].Hits)
		if !contains3(got, c.want) {
			t.Errorf("static %q: top 3 = %v, want %s", c.q, got, c.want)
		}
		b, _ := ix.Search(context.Background(), search.Query{Text: c.q, Limit: 10})
		// Both paths must agree on the best page (sections may differ
		// where two sections of it score alike).
		if len(b.Hits) > 0 && len(resp.Results[i].Hits) > 0 && top3(b.Hits)[0] != got[0] {
			t.Errorf("%q: best page differs: bleve %s, static %s", c.q, b.Hits[0].URL, resp.Results[i].Hits[0].URL)
		}
	}
}
