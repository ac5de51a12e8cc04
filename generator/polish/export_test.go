package polish

import "github.com/blevesearch/bleve/v2/analysis/lang/pl/stempel"

// stempelDiff is Stempel with nothing around it, as bleve's "pl" analyzer
// runs it: the baseline of the recall table.
func stempelDiff(a *Analyzer, r []rune) []rune {
	return stempel.Diff(append([]rune(nil), r...), a.stems.trie.GetLastOnPath(r))
}
