package search

import (
	"context"
	"fmt"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/razem/razem/generator/analysis"
)

// TestUpdateMatchesFreshIndex edits a site step by step through Update and
// checks after every step that the updated index answers as an index
// built afresh from the same pages: the same hits, sections, scores and
// snippets for every query whose words plan alike in both (the lexicon of
// an updated index keeps spellings that left the content, which may change
// which completions a word gets; see live.go).
func TestUpdateMatchesFreshIndex(t *testing.T) {
	a := analyzer(t)
	docs := slices.Clone(contentDocs(t))
	ix := openTestIndex(t, docs)
	queries := []string{"koalicji", "wspolpraca z samorzadem", "ambasadorami", "crowdsourcing", "Banque Postale", "kwiatuszek", "nowości gminy"}
	for _, q := range corpusQueries(t, docs, 60) {
		queries = append(queries, q.Q)
	}
	page := func(url string) []Doc {
		var out []Doc
		for _, d := range docs {
			if d.URL == url {
				out = append(out, d)
			}
		}
		return out
	}
	urls := changedURLs(docs)
	steps := []struct {
		name string
		edit func() ([]Doc, []string) // the pages changed, the pages removed
	}{
		{"a body edited", func() ([]Doc, []string) {
			for i := range docs {
				if docs[i].URL == urls[3] {
					docs[i].Body += " Kwiatuszek i nowości gminy."
				}
			}
			return page(urls[3]), nil
		}},
		{"a new page", func() ([]Doc, []string) {
			d := Doc{URL: "moduly/kwiatuszek/index.html", Title: "Kwiatuszek", Type: "module", Body: "Koalicja kwiatuszków współpracuje z gminą."}
			docs = append(docs, d)
			return []Doc{d}, nil
		}},
		{"a title changed", func() ([]Doc, []string) {
			for i := range docs {
				if docs[i].URL == urls[5] {
					docs[i].Title = "Crowdsourcing i koalicje"
				}
			}
			return page(urls[5]), nil
		}},
		{"a page removed", func() ([]Doc, []string) {
			docs = slices.DeleteFunc(docs, func(d Doc) bool { return d.URL == urls[7] })
			return nil, []string{urls[7]}
		}},
		{"the edited page edited again", func() ([]Doc, []string) {
			for i := range docs {
				if docs[i].URL == urls[3] {
					docs[i].Body = strings.ReplaceAll(docs[i].Body, "Kwiatuszek", "Ambasadorami")
				}
			}
			return page(urls[3]), nil
		}},
		{"the removed page back", func() ([]Doc, []string) {
			back := page(urls[7])
			for _, d := range contentDocs(t) {
				if d.URL == urls[7] {
					docs = append(docs, d)
					back = append(back, d)
				}
			}
			return back, nil
		}},
	}
	same, compared := 0, 0
	for n, st := range steps {
		changed, removed := st.edit()
		next, err := ix.Update(changed, removed, filepath.Join(t.TempDir(), "live"))
		if err != nil {
			t.Fatalf("%s: %v", st.name, err)
		}
		t.Cleanup(func() { next.Close() })
		if n > 0 {
			ix.Close() // an earlier update: its part goes, the base stays
		}
		ix = next
		fresh := openTestIndex(t, docs)
		for _, q := range queries {
			p1, _ := planQuery(q, analysis.Polish(a), &ix.lex)
			p2, _ := planQuery(q, analysis.Polish(a), &fresh.lex)
			if !reflect.DeepEqual(p1, p2) {
				continue
			}
			compared++
			got, err := ix.Search(context.Background(), Query{Text: q, Limit: 20})
			if err != nil {
				t.Fatal(err)
			}
			want, _ := fresh.Search(context.Background(), Query{Text: q, Limit: 20})
			if !reflect.DeepEqual(got, want) {
				t.Errorf("%s, %q:\nupdated %+v\nfresh   %+v", st.name, q, got, want)
			} else {
				same++
			}
		}
	}
	if compared < len(steps)*len(queries)*3/4 {
		t.Errorf("only %d of %d queries planned alike", compared, len(steps)*len(queries))
	}
	t.Logf("%d queries compared, %d alike", compared, same)
}

func changedURLs(docs []Doc) []string {
	var out []string
	for _, d := range docs {
		if !slices.Contains(out, d.URL) {
			out = append(out, d.URL)
		}
	}
	return out
}

// BenchmarkUpdate times razem serve's step after a save: one page changed,
// a new index made over the base, and a first query on it.
func BenchmarkUpdate(b *testing.B) {
	for _, pages := range benchSizes {
		b.Run(fmt.Sprintf("pages=%d", pages), func(b *testing.B) {
			docs := docsFor(b, pages)
			ix := openTestIndex(b, docs)
			url := docs[len(docs)/2].URL
			var changed []Doc
			for _, d := range docs {
				if d.URL == url {
					changed = append(changed, d)
				}
			}
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				changed[0].Body += " zmiana"
				next, err := ix.Update(changed, nil, filepath.Join(b.TempDir(), "live"))
				if err != nil {
					b.Fatal(err)
				}
				if _, err := next.Search(context.Background(), Query{Text: "zmiana"}); err != nil {
					b.Fatal(err)
				}
				next.Close()
			}
		})
	}
}
