package generator

import (
	"strings"

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
