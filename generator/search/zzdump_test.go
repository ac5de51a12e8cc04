package search

import (
	"encoding/json"
	"os"
	"testing"
)

func TestZZDump(t *testing.T) {
	out := os.Getenv("ZZ_OUT")
	if out == "" {
		t.Skip()
	}
	res := map[string]any{}
	for name, docs := range map[string][]Doc{"fixture": testDocs, "content": contentDocs(t)} {
		qs := append(append([]harnessQuery(nil), agreementQueries...), corpusQueries(t, contentDocs(t), 300)...)
		for i := range qs {
			qs[i].Limit = 50
		}
		qs = append(qs, harnessQuery{Q: "umowa", Type: "module", Limit: 100}, harnessQuery{Q: "partnerstwo", Tag: "samorząd", Limit: 100})
		files, err := WriteStatic(docs, analyzer(t))
		if err != nil {
			t.Fatal(err)
		}
		r := runClient(t, writeFiles(t, files), qs, nil, false)
		res[name] = r.Results
	}
	if c := os.Getenv("RAZEM_BENCH_CORPUS"); c != "" {
		docs := contentDocsFrom(t, c+"/corpus1000/content")
		qs := corpusQueries(t, docs[:2000], 200)
		for i := range qs {
			qs[i].Limit = 50
		}
		files, err := WriteStatic(docs, analyzer(t))
		if err != nil {
			t.Fatal(err)
		}
		res["gen"] = runClient(t, writeFiles(t, files), qs, nil, false).Results
	}
	b, _ := json.MarshalIndent(res, "", " ")
	os.WriteFile(out, b, 0o644)
}
