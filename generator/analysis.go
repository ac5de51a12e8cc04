package generator

import (
	"strings"

	"github.com/razem/razem/generator/analysis"
	"github.com/razem/razem/generator/glossary"
	"github.com/razem/razem/generator/polish"
)

// PolishKeys adapts the Polish analyzer to glossary matching, so the
// glossary links the same inflected forms search finds.
type PolishKeys struct{ A *polish.Analyzer }

// Keys implements glossary.Analyzer. Stop words have no index terms; they
// still match themselves so a term that contains one can match.
func (k PolishKeys) Keys(w string) []string {
	w = strings.ToLower(w)
	if t := k.A.Terms(w); len(t) > 0 {
		return t
	}
	return []string{strings.ToLower(polish.Fold(w))}
}

var _ glossary.Analyzer = PolishKeys{}

// LangKeys matches glossary terms in languages other than Polish by that
// language's analysis (package analysis), the one search uses: German
// and French words meet their inflected forms through bleve's stemmers;
// languages without a stemmer (Greek, Bulgarian) meet by accent-folded
// forms, and authors list other forms as aliases.
type LangKeys struct{ A analysis.Analyzer }

// Keys implements glossary.Analyzer. Stop words have no index terms; they
// still match themselves so a term that contains one can match.
func (k LangKeys) Keys(w string) []string {
	lower := string(polish.AppendLower(nil, w))
	if t := k.A.Terms(lower); len(t) > 0 {
		return t
	}
	return []string{analysis.Fold(lower)}
}

var _ glossary.Analyzer = LangKeys{}
