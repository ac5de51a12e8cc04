package analysis

import (
	"sort"
	"strings"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/analysis/lang/ar"
	"github.com/blevesearch/bleve/v2/analysis/lang/bg"
	"github.com/blevesearch/bleve/v2/analysis/lang/ca"
	"github.com/blevesearch/bleve/v2/analysis/lang/ckb"
	"github.com/blevesearch/bleve/v2/analysis/lang/cs"
	"github.com/blevesearch/bleve/v2/analysis/lang/da"
	"github.com/blevesearch/bleve/v2/analysis/lang/de"
	"github.com/blevesearch/bleve/v2/analysis/lang/el"
	"github.com/blevesearch/bleve/v2/analysis/lang/en"
	"github.com/blevesearch/bleve/v2/analysis/lang/es"
	"github.com/blevesearch/bleve/v2/analysis/lang/eu"
	"github.com/blevesearch/bleve/v2/analysis/lang/fa"
	"github.com/blevesearch/bleve/v2/analysis/lang/fi"
	"github.com/blevesearch/bleve/v2/analysis/lang/fr"
	"github.com/blevesearch/bleve/v2/analysis/lang/ga"
	"github.com/blevesearch/bleve/v2/analysis/lang/gl"
	"github.com/blevesearch/bleve/v2/analysis/lang/hi"
	"github.com/blevesearch/bleve/v2/analysis/lang/hr"
	"github.com/blevesearch/bleve/v2/analysis/lang/hu"
	"github.com/blevesearch/bleve/v2/analysis/lang/hy"
	"github.com/blevesearch/bleve/v2/analysis/lang/id"
	"github.com/blevesearch/bleve/v2/analysis/lang/in"
	"github.com/blevesearch/bleve/v2/analysis/lang/it"
	"github.com/blevesearch/bleve/v2/analysis/lang/nl"
	"github.com/blevesearch/bleve/v2/analysis/lang/no"
	"github.com/blevesearch/bleve/v2/analysis/lang/pt"
	"github.com/blevesearch/bleve/v2/analysis/lang/ro"
	"github.com/blevesearch/bleve/v2/analysis/lang/ru"
	"github.com/blevesearch/bleve/v2/analysis/lang/sv"
	"github.com/blevesearch/bleve/v2/analysis/lang/tr"
	"github.com/blevesearch/bleve/v2/analysis/token/apostrophe"
	"github.com/blevesearch/bleve/v2/analysis/token/elision"
	"github.com/blevesearch/bleve/v2/analysis/token/porter"
)

// spec is one language's analysis as bleve's analyzer for it has it
// (bleve/v2/analysis/lang/XX/analyzer_XX.go), less its tokenizer and
// lowercasing, which are razem's (see doc.go): the stop list, the rules
// before stop words, and the filters after them. Where bleve's order puts
// a normalizer before the stop filter (es, fa, hi, ckb), the stop words are
// matched folded, which covers what normalization would change.
type spec struct {
	stop  []byte
	rules Rules
	stem  []analysis.TokenFilter
}

// specFor returns the analysis of a language; a language bleve lacks gets
// the generic one: no stop words, no stemming.
func specFor(code string) spec {
	switch code {
	case "ar":
		return spec{stop: ar.ArabicStopWords, stem: filters(ar.NewArabicNormalizeFilter(), ar.NewArabicStemmerFilter())}
	case "bg":
		return spec{stop: bg.BulgarianStopWords}
	case "ca":
		return spec{stop: ca.CatalanStopWords, rules: Rules{Elision: articles(ca.CatalanArticles)}}
	case "ckb":
		return spec{stop: ckb.SoraniStopWords, stem: filters(ckb.NewSoraniNormalizeFilter(), ckb.NewSoraniStemmerFilter())}
	case "cs":
		return spec{stop: cs.CzechStopWords}
	case "zh", "ja", "ko":
		// bleve's cjk analyzer: bigrams (and its width filter, left out:
		// the browser would have to repeat it; fullwidth Latin letters
		// are folded anyway).
		return spec{rules: Rules{Bigrams: true}}
	case "da":
		return spec{stop: da.DanishStopWords, stem: filters(da.NewDanishStemmerFilter())}
	case "de":
		return spec{stop: de.GermanStopWords, stem: filters(de.NewGermanNormalizeFilter(), de.NewGermanLightStemmerFilter())}
	case "el":
		return spec{stop: el.GreekStopWords}
	case "en":
		return spec{stop: en.EnglishStopWords, rules: Rules{Possessive: true}, stem: filters(porter.NewPorterStemmer())}
	case "es":
		return spec{stop: es.SpanishStopWords, stem: filters(es.NewSpanishNormalizeFilter(), es.NewSpanishLightStemmerFilter())}
	case "eu":
		return spec{stop: eu.BasqueStopWords}
	case "fa":
		return spec{stop: fa.PersianStopWords, stem: filters(ar.NewArabicNormalizeFilter(), fa.NewPersianNormalizeFilter())}
	case "fi":
		return spec{stop: fi.FinnishStopWords, stem: filters(fi.NewFinnishStemmerFilter())}
	case "fr":
		return spec{stop: fr.FrenchStopWords, rules: Rules{Elision: articles(fr.FrenchArticles)}, stem: filters(fr.NewFrenchLightStemmerFilter())}
	case "ga":
		return spec{stop: ga.IrishStopWords, rules: Rules{Elision: articles(ga.IrishArticles)}}
	case "gl":
		return spec{stop: gl.GalicianStopWords}
	case "hi":
		return spec{stop: hi.HindiStopWords, stem: filters(in.NewIndicNormalizeFilter(), hi.NewHindiNormalizeFilter(), hi.NewHindiStemmerFilter())}
	case "hr":
		return spec{stop: hr.CroatianStopWords, stem: filters(hr.NewSuffixTransformationFilter(), hr.NewCroatianStemmerFilter())}
	case "hu":
		return spec{stop: hu.HungarianStopWords, stem: filters(hu.NewHungarianStemmerFilter())}
	case "hy":
		return spec{stop: hy.ArmenianStopWords}
	case "id":
		return spec{stop: id.IndonesianStopWords}
	case "it":
		return spec{stop: it.ItalianStopWords, rules: Rules{Elision: articles(it.ItalianArticles)}, stem: filters(it.NewItalianLightStemmerFilterFilter())}
	case "nl":
		return spec{stop: nl.DutchStopWords, stem: filters(nl.NewDutchStemmerFilter())}
	case "no":
		return spec{stop: no.NorwegianStopWords, stem: filters(no.NewNorwegianStemmerFilter())}
	case "pt":
		return spec{stop: pt.PortugueseStopWords, stem: filters(pt.NewPortugueseLightStemmerFilter())}
	case "ro":
		return spec{stop: ro.RomanianStopWords, stem: filters(ro.NewRomanianStemmerFilter())}
	case "ru":
		return spec{stop: ru.RussianStopWords, stem: filters(ru.NewRussianStemmerFilter())}
	case "sv":
		return spec{stop: sv.SwedishStopWords, stem: filters(sv.NewSwedishStemmerFilter())}
	case "tr":
		return spec{stop: tr.TurkishStopWords, rules: Rules{Apostrophe: true}, stem: filters(tr.NewTurkishStemmerFilter())}
	}
	return spec{}
}

func filters(f ...analysis.TokenFilter) []analysis.TokenFilter { return f }

// articles lists bleve's elision articles, sorted.
func articles(data []byte) []string {
	tm := analysis.NewTokenMap()
	if err := tm.LoadBytes(data); err != nil {
		panic(err) // bleve's embedded constant data; cannot fail
	}
	var out []string
	for a := range tm {
		if a = strings.TrimSpace(a); a != "" {
			out = append(out, a)
		}
	}
	sort.Strings(out)
	return out
}

func possessiveFilter() analysis.TokenFilter { return en.NewPossessiveFilter() }

func elisionFilter(arts []string) analysis.TokenFilter {
	tm := analysis.NewTokenMap()
	for _, a := range arts {
		tm.AddToken(a)
	}
	return elision.NewElisionFilter(tm)
}

func apostropheFilter() analysis.TokenFilter { return apostrophe.NewApostropheFilter() }
