package polish

import (
	"sync"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/registry"
)

// BleveAnalyzer is the name under which RegisterBleve makes the analysis
// available to bleve index mappings.
const BleveAnalyzer = "razem_pl"

// bleveRegistration guards the one registration per process.
var bleveRegistration struct {
	once sync.Once
	err  error
}

// RegisterBleve registers BleveAnalyzer with bleve, backed by a, for bleve
// indexes of raw text: a field mapped to it is indexed with the terms of
// Tokens, one bleve token per term at the word's position and offsets, and
// bleve's match queries analyse their text the same way.
//
// bleve looks analyzers up by name in a process-wide registry, both when an
// index is built and when it is opened (the mapping is stored inside the
// index), so the program that builds such an index and every program that
// opens it must call RegisterBleve first. The registry refuses a name
// registered twice, so only the first call registers and later calls are
// no-ops. That is sound because every Analyzer is built from the same
// embedded data and analyses text identically. Registering explicitly,
// rather than in init, keeps the 80 ms Stempel load out of programs that
// never touch search.
//
// Package search does not need it: it hands bleve terms it analysed itself,
// on all cores, with an analyzer defined inside the index mapping from
// parts built into bleve (see search.Corpus.WriteIndex).
func RegisterBleve(a *Analyzer) error {
	bleveRegistration.once.Do(func() {
		bleveRegistration.err = registry.RegisterAnalyzer(BleveAnalyzer,
			func(map[string]interface{}, *registry.Cache) (analysis.Analyzer, error) {
				return bleveAnalyzer{a}, nil
			})
	})
	return bleveRegistration.err
}

// bleveAnalyzer adapts Analyzer to bleve's analysis.Analyzer.
type bleveAnalyzer struct{ a *Analyzer }

var _ analysis.Analyzer = bleveAnalyzer{}

func (b bleveAnalyzer) Analyze(input []byte) analysis.TokenStream {
	toks := b.a.Tokens(string(input))
	n := 0
	for _, t := range toks {
		n += len(t.Terms)
	}
	// One backing array for all tokens: bleve keeps the pointers only until
	// the document is indexed.
	arena := make([]analysis.Token, 0, n)
	out := make(analysis.TokenStream, 0, n)
	for _, t := range toks {
		for _, term := range t.Terms {
			arena = append(arena, analysis.Token{
				Term: []byte(term), Start: t.Start, End: t.End,
				Position: t.Position, Type: analysis.AlphaNumeric,
			})
			out = append(out, &arena[len(arena)-1])
		}
	}
	return out
}
