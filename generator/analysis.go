package generator

import (
	"strings"

	"github.com/razem/razem/generator/glossary"
	"github.com/razem/razem/generator/markdown"
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

// FoldedKeys matches glossary terms in languages other than Polish, for
// which razem has no inflection analysis: a word's key is its lowercase,
// accent-folded, transliterated form (Koalition, KOALITION → koalition;
// Συνεργασία → synergasia), so a term links where its form appears as
// written, and its aliases can list other forms.
type FoldedKeys struct{}

// Keys implements glossary.Analyzer.
func (FoldedKeys) Keys(w string) []string {
	if k := markdown.Slugify(w); k != "" {
		return []string{k}
	}
	return nil
}

var _ glossary.Analyzer = FoldedKeys{}
