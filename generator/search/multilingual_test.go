package search

import (
	"context"
	"strings"
	"testing"
)

// multiDocs is one small site in seven languages: each language has a page
// on partnerships with its own inflected and accented words, and the
// English and Polish pages share the word "partner".
var multiDocs = []Doc{
	{URL: "moduly/partnerstwa/index.html", Title: "Partnerstwa i koalicje", Type: "module", Lang: "pl",
		Body: "Koalicja organizacji pozarządowych działa skuteczniej. Partner dzieli się zasobami z samorządem."},
	{URL: "moduly/partnerstwa/index.html", Anchor: "umowy", Title: "Partnerstwa i koalicje", Heading: "Umowy partnerskie", Type: "module", Lang: "pl",
		Body: "Umowa partnerska określa obowiązki. Współpraca wymaga zaufania. Sponsoring lokalnej firmy."},
	{URL: "en/modules/partnerships/index.html", Title: "Partnerships and coalitions", Type: "module", Lang: "en",
		Body: "A coalition of non-governmental organisations works better. Each partner's resources are shared with the municipality."},
	{URL: "en/modules/partnerships/index.html", Anchor: "agreements", Title: "Partnerships and coalitions", Heading: "Partnership agreements", Type: "module", Lang: "en",
		Body: "The partnership agreement sets out the duties. Cooperation needs trust between the partners. Local sponsors help."},
	{URL: "en/glossary/volunteer/index.html", Title: "Volunteer", Type: "term", Lang: "en",
		Body: "A person who works for a community without pay; volunteering builds communities."},
	{URL: "de/module/partnerschaften/index.html", Title: "Partnerschaften und Koalitionen", Type: "module", Lang: "de",
		Body: "Eine Koalition von Vereinen arbeitet wirksamer. Die Zusammenarbeit mit den Kommunen beginnt mit Gesprächen über gemeinsame Ziele."},
	{URL: "de/module/partnerschaften/index.html", Anchor: "ubungen", Title: "Partnerschaften und Koalitionen", Heading: "Übungen", Type: "module", Lang: "de",
		Body: "Übungen für Partner: Wer trägt welche Verantwortung? Die Bücher der Partnerschaft prüfen."},
	{URL: "fr/modules/partenariats/index.html", Title: "Partenariats et coalitions", Type: "module", Lang: "fr",
		Body: "L'association travaille avec les collectivités locales. La coopération des élèves renforce l'école."},
	{URL: "fr/modules/partenariats/index.html", Anchor: "accords", Title: "Partenariats et coalitions", Heading: "Accords de partenariat", Type: "module", Lang: "fr",
		Body: "Un accord de partenariat précise les rôles de chaque partenaire et des associations."},
	{URL: "bg/moduli/partnyorstva/index.html", Title: "Партньорства и коалиции", Type: "module", Lang: "bg",
		Body: "Сътрудничеството между организациите и общините започва с разговор. Партньорство изисква доверие."},
	{URL: "el/enotites/synergasia/index.html", Title: "Συνεργασία και συμπράξεις", Type: "module", Lang: "el",
		Body: "Η συνεργασία των οργανώσεων με την κοινότητα ξεκινά με διάλογο. Οι ΕΘΕΛΟΝΤΈΣ προσφέρουν χρόνο."},
	{URL: "zh/mokuai/hezuo/index.html", Title: "合作伙伴关系", Type: "module", Lang: "zh",
		Body: "非政府组织与地方政府的合作从对话开始。志愿者为社区贡献时间。"},
	{URL: "ja/mojuru/kyoryoku/index.html", Title: "協力とパートナーシップ", Type: "module", Lang: "ja",
		Body: "市民団体と自治体の協力は対話から始まります。ボランティアは地域に時間を提供します。"},
	{URL: "ro/module/parteneriate/index.html", Title: "Parteneriate și coaliții", Type: "module", Lang: "ro",
		Body: "Cooperarea dintre asociații și comunitățile locale începe cu o discuție. Parteneriatul școlii cu primăria."},
}

// multiQueries ask in every language, with and without accents, tonos or
// umlauts, inflected, typed halfway, and from another language's page.
var multiQueries = []harnessQuery{
	{Q: "koalicji", Lang: "pl"}, {Q: "wspolpraca", Lang: "pl"}, {Q: "partner", Lang: "pl"}, {Q: "partner", Lang: "en"},
	{Q: "coalitions", Lang: "en"}, {Q: "partner's agreement", Lang: "en"}, {Q: "volunteers", Lang: "en"}, {Q: "communities", Lang: "en"},
	{Q: "the partnership", Lang: "en"}, {Q: "coop", Lang: "en"},
	{Q: "Koalitionen", Lang: "de"}, {Q: "ubungen", Lang: "de"}, {Q: "Übung", Lang: "de"}, {Q: "Buch", Lang: "de"}, {Q: "zusammenarbeit kommune", Lang: "de"},
	{Q: "die Partner", Lang: "de"}, {Q: "Gesprach", Lang: "de"},
	{Q: "l'école", Lang: "fr"}, {Q: "ecole", Lang: "fr"}, {Q: "eleves cooperation", Lang: "fr"}, {Q: "association", Lang: "fr"}, {Q: "partenaires", Lang: "fr"},
	{Q: "les accords", Lang: "fr"}, {Q: "l’association", Lang: "fr"},
	{Q: "сътрудничество", Lang: "bg"}, {Q: "Партньорство", Lang: "bg"}, {Q: "общини", Lang: "bg"}, {Q: "сътруд", Lang: "bg"},
	{Q: "συνεργασια", Lang: "el"}, {Q: "Συνεργασία", Lang: "el"}, {Q: "εθελοντες", Lang: "el"}, {Q: "κοινοτητα", Lang: "el"}, {Q: "και συνεργασία", Lang: "el"},
	{Q: "cooperarea", Lang: "ro"}, {Q: "comunitatile", Lang: "ro"}, {Q: "școlii", Lang: "ro"}, {Q: "scolii", Lang: "ro"}, {Q: "parteneriat", Lang: "ro"},
	{Q: "koalicja", Lang: "de"}, {Q: "coalition", Lang: "pl"}, {Q: "partner", Lang: "xx"}, {Q: "partner", Lang: "de-AT"}, {Q: "partner"},
	{Q: "partner", Lang: "en", Type: "module"}, {Q: "coalition", Lang: "fr"},
	{Q: "sponsoring", Lang: "en"}, {Q: "sponsoring", Lang: "pl"}, {Q: "sponsorzy", Lang: "en"},
	{Q: "合作", Lang: "zh"}, {Q: "地方政府", Lang: "zh"}, {Q: "志愿者 社区", Lang: "zh"}, {Q: "协作", Lang: "zh"},
	{Q: "協力", Lang: "ja"}, {Q: "ボランティア", Lang: "ja"}, {Q: "自治体の協力", Lang: "ja"}, {Q: "パートナー", Lang: "ja"}, {Q: "協力", Lang: "zh"},
}

// TestMultilingualSearch checks what a reader meets: words of each
// language found with and without accents, through that language's
// analysis, and the reader's language first.
func TestMultilingualSearch(t *testing.T) {
	ix := openTestIndex(t, multiDocs)
	first := func(q, lang string) string {
		t.Helper()
		res, err := ix.Search(context.Background(), Query{Text: q, Lang: lang})
		if err != nil {
			t.Fatal(err)
		}
		if len(res.Hits) == 0 {
			t.Errorf("%q (%s): nothing found (ignored %q)", q, lang, res.Ignored)
			return ""
		}
		return res.Hits[0].URL
	}
	for _, tt := range []struct{ q, lang, want string }{
		{"koalicji", "pl", "moduly/partnerstwa/"},
		{"coalitions", "en", "en/modules/partnerships/"},
		{"volunteers", "en", "en/glossary/volunteer/"},
		{"Koalitionen", "de", "de/module/partnerschaften/"},
		{"ubungen", "de", "de/module/partnerschaften/index.html#ubungen"},
		{"Buch", "de", "de/module/partnerschaften/index.html#ubungen"},
		{"ecole", "fr", "fr/modules/partenariats/"},
		{"l'école", "fr", "fr/modules/partenariats/"},
		{"сътрудничество", "bg", "bg/moduli/partnyorstva/"},
		{"συνεργασια", "el", "el/enotites/synergasia/"},
		{"εθελοντες", "el", "el/enotites/synergasia/"},
		{"comunitatile", "ro", "ro/module/parteneriate/"},
		{"scolii", "ro", "ro/module/parteneriate/"},
		// The same word from two languages' pages: the reader's first.
		{"partner", "en", "en/modules/partnerships/"},
		{"partner", "pl", "moduly/partnerstwa/"},
		{"partner", "de", "de/module/partnerschaften/"},
		{"coalition", "fr", "fr/modules/partenariats/"},
		// A word that only another language spells so ("sponsoring" is in
		// the Polish text) still tries the reader's other endings.
		{"sponsoring", "en", "en/modules/partnerships/index.html#agreements"},
		{"sponsoring", "pl", "moduly/partnerstwa/index.html#umowy"},
		// Chinese and Japanese have no spaces: pairs of letters meet.
		{"地方政府", "zh", "zh/mokuai/hezuo/"},
		{"志愿者", "zh", "zh/mokuai/hezuo/"},
		{"自治体の協力", "ja", "ja/mojuru/kyoryoku/"},
		{"ボランティア", "ja", "ja/mojuru/kyoryoku/"},
	} {
		if got := first(tt.q, tt.lang); !strings.HasPrefix(got, tt.want) {
			t.Errorf("%q (%s): first hit %q, want %q", tt.q, tt.lang, got, tt.want)
		}
	}
	// Snippets mark the words of each language: elided, folded, and CJK
	// pairs joined into one mark; the static client marks them alike.
	snippets := []harnessQuery{{Q: "地方政府", Lang: "zh"}, {Q: "ecole", Lang: "fr"}, {Q: "συνεργασια", Lang: "el"}}
	want := []string{"<mark>地方政府</mark>", "<mark>l&#39;école</mark>", "<mark>συνεργασία</mark>"}
	c, err := NewCorpus(multiDocs, analyzer(t))
	if err != nil {
		t.Fatal(err)
	}
	files, err := c.Static()
	if err != nil {
		t.Fatal(err)
	}
	static := runClient(t, writeFiles(t, files), snippets, nil, false)
	for i, q := range snippets {
		server := mustSearch(t, ix, Query{Text: q.Q, Lang: q.Lang}).Hits[0].Snippet
		client := static.Results[i].Hits[0].Snippet
		for path, snip := range map[string]string{"server": server, "static": client} {
			if !strings.Contains(snip, want[i]) {
				t.Errorf("%s snippet for %q: %s, want %s", path, q.Q, snip, want[i])
			}
		}
	}
	// A stop word of the reader's language is dropped, not looked up.
	res, _ := ix.Search(context.Background(), Query{Text: "die Partner", Lang: "de"})
	if len(res.Ignored) != 0 || res.Total == 0 {
		t.Errorf("die Partner (de): ignored %q, %d pages", res.Ignored, res.Total)
	}
	// A German word does not score Polish pages through a shared stem:
	// "partner" finds the Polish page by its Polish term only.
	for _, h := range mustSearch(t, ix, Query{Text: "Zusammenarbeit", Lang: "pl"}).Hits {
		if !strings.HasPrefix(h.URL, "de/") {
			t.Errorf("Zusammenarbeit found %s", h.URL)
		}
	}
}

func mustSearch(t *testing.T, ix *Index, q Query) Result {
	t.Helper()
	res, err := ix.Search(context.Background(), q)
	if err != nil {
		t.Fatal(err)
	}
	return res
}
