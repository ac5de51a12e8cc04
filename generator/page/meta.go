package page

import (
	"fmt"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"

	"gopkg.in/yaml.v3"

	"github.com/razem/razem/generator/diag"
	"github.com/razem/razem/generator/lang"
)

// Content types.
const (
	TypeModule   = "module"
	TypeCase     = "case"
	TypeExercise = "exercise"
	TypeTerm     = "term"
	TypePath     = "path"
	TypePage     = "page"
)

// Types lists every content type in display order.
var Types = []string{TypeModule, TypeCase, TypeExercise, TypeTerm, TypePath, TypePage}

// Levels are the allowed values of the level key.
var Levels = []string{"podstawowy", "średni", "zaawansowany"}

// Figure is one key fact of a case study.
type Figure struct {
	Value string
	Label string
}

// Ref is a reference to another page in front matter, with the position it
// was written at so a dangling reference can be reported precisely.
type Ref struct {
	Target string
	Pos    diag.Pos
}

// Meta is the typed front matter of a page.
type Meta struct {
	Title       string
	Description string
	Type        string
	Weight      int
	Tags        []string
	Draft       bool
	Date        time.Time
	Updated     time.Time
	Lang        string
	Aliases     []string
	// TitlePos and AliasPos are where the title and each alias were
	// written (glossary checks name them).
	TitlePos diag.Pos
	AliasPos []diag.Pos
	// LangPos is where lang was written (zero when it was not).
	LangPos diag.Pos
	// TranslationKey joins the translations of a page; without it the key
	// is the page's path below its language folder (TranslationKeyOf).
	TranslationKey    string
	TranslationKeyPos diag.Pos

	// module (some also used by path and exercise)
	Objectives    []string
	Duration      time.Duration
	Level         string
	Prerequisites []Ref
	Audience      string
	Related       []Ref

	// case
	Organisation    string
	Country         string
	Partners        []string
	Sector          string
	PartnershipForm string
	Figures         []Figure

	// path
	Steps []Ref

	// Extra holds keys razem does not know, for templates.
	Extra map[string]any
}

// keySpec describes one known key: which types use it and how to decode it.
type keySpec struct {
	types  []string // nil: every type
	decode func(d *decoder, f field)
}

var keySpecs = map[string]keySpec{
	"title":            {decode: func(d *decoder, f field) { d.meta.Title, d.meta.TitlePos = d.str(f), d.pos(f) }},
	"description":      {decode: func(d *decoder, f field) { d.meta.Description = d.str(f) }},
	"type":             {decode: func(d *decoder, f field) {}}, // read first, see decodeMeta
	"weight":           {decode: func(d *decoder, f field) { d.meta.Weight = d.int(f) }},
	"tags":             {decode: func(d *decoder, f field) { d.meta.Tags = d.strs(f) }},
	"draft":            {decode: func(d *decoder, f field) { d.meta.Draft = d.bool(f) }},
	"date":             {decode: func(d *decoder, f field) { d.meta.Date = d.date(f) }},
	"updated":          {decode: func(d *decoder, f field) { d.meta.Updated = d.date(f) }},
	"lang":             {decode: func(d *decoder, f field) { d.meta.Lang, d.meta.LangPos = d.lang(f), d.pos(f) }},
	"translation_key":  {decode: func(d *decoder, f field) { d.meta.TranslationKey, d.meta.TranslationKeyPos = d.str(f), d.pos(f) }},
	"aliases":          {decode: func(d *decoder, f field) { d.meta.Aliases, d.meta.AliasPos = d.strsAt(f) }},
	"objectives":       {types: []string{TypeModule, TypePath, TypeExercise}, decode: func(d *decoder, f field) { d.meta.Objectives = d.strs(f) }},
	"duration":         {types: []string{TypeModule, TypeExercise, TypePath}, decode: func(d *decoder, f field) { d.meta.Duration = d.duration(f) }},
	"level":            {types: []string{TypeModule, TypePath, TypeExercise}, decode: func(d *decoder, f field) { d.meta.Level = d.oneOf(f, Levels) }},
	"prerequisites":    {types: []string{TypeModule, TypePath}, decode: func(d *decoder, f field) { d.meta.Prerequisites = d.refs(f) }},
	"audience":         {types: []string{TypeModule, TypePath, TypeExercise}, decode: func(d *decoder, f field) { d.meta.Audience = d.str(f) }},
	"related":          {decode: func(d *decoder, f field) { d.meta.Related = d.refs(f) }},
	"organisation":     {types: []string{TypeCase}, decode: func(d *decoder, f field) { d.meta.Organisation = d.str(f) }},
	"country":          {types: []string{TypeCase}, decode: func(d *decoder, f field) { d.meta.Country = d.str(f) }},
	"partners":         {types: []string{TypeCase}, decode: func(d *decoder, f field) { d.meta.Partners = d.strs(f) }},
	"sector":           {types: []string{TypeCase}, decode: func(d *decoder, f field) { d.meta.Sector = d.str(f) }},
	"partnership_form": {types: []string{TypeCase}, decode: func(d *decoder, f field) { d.meta.PartnershipForm = d.str(f) }},
	"figures":          {types: []string{TypeCase}, decode: func(d *decoder, f field) { d.meta.Figures = d.figures(f) }},
	"steps":            {types: []string{TypePath}, decode: func(d *decoder, f field) { d.meta.Steps = d.refs(f) }},
}

// decoder turns fields into Meta, collecting diagnostics.
type decoder struct {
	file string
	meta *Meta
	l    *diag.List
}

func (d *decoder) pos(f field) diag.Pos { return diag.Pos{File: d.file, Line: f.line, Col: f.col} }

// itemPos is the position of an item inside a field's value.
func (d *decoder) itemPos(f field, n *yaml.Node) diag.Pos {
	if f.off < 0 || n.Line == 0 {
		return d.pos(f)
	}
	return diag.Pos{File: d.file, Line: n.Line + f.off, Col: n.Column}
}

func (d *decoder) errf(f field, format string, args ...any) {
	d.l.Add(d.pos(f), "front matter: %s: "+format, append([]any{f.key}, args...)...)
}

func (d *decoder) str(f field) string {
	n := f.node
	if n.Kind != yaml.ScalarNode || n.Tag == "!!null" || n.Tag == "!!map" {
		d.errf(f, "want text, got %s", describe(n))
		return ""
	}
	return strings.TrimSpace(n.Value)
}

func (d *decoder) int(f field) int {
	n := f.node
	v, err := strconv.Atoi(n.Value)
	if n.Kind != yaml.ScalarNode || n.Tag != "!!int" || err != nil {
		d.errf(f, "want a whole number, got %s", describe(n))
	}
	return v
}

func (d *decoder) bool(f field) bool {
	n := f.node
	if n.Kind != yaml.ScalarNode || n.Tag != "!!bool" {
		d.errf(f, "want true or false, got %s", describe(n))
		return false
	}
	return n.Value == "true"
}

func (d *decoder) strs(f field) []string {
	n := f.node
	if n.Kind == yaml.ScalarNode && n.Tag == "!!str" {
		return []string{strings.TrimSpace(n.Value)} // a single value is a list of one
	}
	if n.Kind != yaml.SequenceNode {
		d.errf(f, "want a list, got %s", describe(n))
		return nil
	}
	var out []string
	for _, c := range n.Content {
		if c.Kind != yaml.ScalarNode || c.Tag == "!!null" {
			d.l.Add(d.itemPos(f, c), "front matter: %s: want text items, got %s", f.key, describe(c))
			continue
		}
		out = append(out, strings.TrimSpace(c.Value))
	}
	return out
}

func (d *decoder) refs(f field) []Ref {
	var out []Ref
	strs, at := d.strsAt(f)
	for i, s := range strs {
		out = append(out, Ref{Target: s, Pos: at[i]})
	}
	return out
}

// strsAt is strs with the position of each item.
func (d *decoder) strsAt(f field) ([]string, []diag.Pos) {
	n := f.node
	items := n.Content
	if n.Kind == yaml.ScalarNode {
		items = []*yaml.Node{n}
	}
	strs := d.strs(f)
	at := make([]diag.Pos, len(strs))
	for i := range strs {
		at[i] = d.pos(f)
		if i < len(items) {
			at[i] = d.itemPos(f, items[i])
		}
	}
	return strs, at
}

func (d *decoder) date(f field) time.Time {
	s := d.str(f)
	if s == "" {
		return time.Time{}
	}
	for _, layout := range []string{"2006-01-02", time.RFC3339, "2006-01-02T15:04:05", "2006-01-02 15:04:05"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t
		}
	}
	d.errf(f, "want a date like 2026-11-01, got %q", s)
	return time.Time{}
}

var durationRe = regexp.MustCompile(`^(?:(\d+)h)?\s*(?:(\d+)m(?:in)?)?$`)

func (d *decoder) duration(f field) time.Duration {
	s := d.str(f)
	m := durationRe.FindStringSubmatch(strings.ReplaceAll(s, " ", ""))
	if s == "" || m == nil || (m[1] == "" && m[2] == "") {
		if s != "" || f.node.Tag != "!!str" {
			d.errf(f, "want a duration like 45m, 1h or 1h30m, got %s", describe(f.node))
		}
		return 0
	}
	h, _ := strconv.Atoi(m[1])
	mins, _ := strconv.Atoi(m[2])
	return time.Duration(h)*time.Hour + time.Duration(mins)*time.Minute
}

func (d *decoder) oneOf(f field, allowed []string) string {
	s := d.str(f)
	for _, a := range allowed {
		if s == a {
			return s
		}
	}
	if s != "" {
		d.errf(f, "want one of %s, got %q", strings.Join(allowed, ", "), s)
	}
	return ""
}

// lang reads an ISO 639-1 code; a wrong one is reported with the code
// probably meant.
func (d *decoder) lang(f field) string {
	s := d.str(f)
	if s == "" {
		return ""
	}
	if msg := lang.Check(s); msg != "" {
		d.errf(f, "%s", msg)
		return ""
	}
	return s
}

func (d *decoder) figures(f field) []Figure {
	n := f.node
	if n.Kind != yaml.SequenceNode {
		d.errf(f, "want a list of {value, label}, got %s", describe(n))
		return nil
	}
	var out []Figure
	for _, c := range n.Content {
		var fig struct {
			Value string `yaml:"value"`
			Label string `yaml:"label"`
		}
		if c.Kind != yaml.MappingNode || c.Decode(&fig) != nil || fig.Value == "" || fig.Label == "" {
			d.l.Add(d.itemPos(f, c), "front matter: figures: each item needs value and label")
			continue
		}
		out = append(out, Figure{Value: fig.Value, Label: fig.Label})
	}
	return out
}

// decodeMeta validates fields against the key specs. typ is the type implied
// by the file's folder; a type key overrides it.
func decodeMeta(file string, fields []field, typ string, aliases map[string]string, l *diag.List) Meta {
	d := &decoder{file: file, meta: &Meta{Type: typ, Extra: map[string]any{}}, l: l}
	titleSeen := false
	for _, f := range fields {
		if f.key == "type" {
			if a, ok := aliases[f.node.Value]; ok && f.node.Kind == yaml.ScalarNode {
				d.meta.Type = a
			} else if t := d.oneOf(f, Types); t != "" {
				d.meta.Type = t
			}
		}
	}
	for _, f := range fields {
		spec, known := keySpecs[f.key]
		switch {
		case !known:
			if near := nearestKey(f.key); near != "" {
				d.l.Add(d.pos(f), "front matter: unknown key %q; did you mean %q?", f.key, near)
				continue
			}
			var v any
			_ = f.node.Decode(&v)
			d.meta.Extra[f.key] = v
		case spec.types != nil && !contains(spec.types, d.meta.Type):
			d.l.Add(d.pos(f), "front matter: %s is not used by type %s (used by: %s)", f.key, d.meta.Type, strings.Join(spec.types, ", "))
		default:
			spec.decode(d, f)
			titleSeen = titleSeen || f.key == "title"
		}
	}
	if d.meta.Title == "" {
		p := diag.Pos{File: file, Line: 1, Col: 1}
		for _, f := range fields {
			if f.key == "title" {
				p = d.pos(f)
			}
		}
		if titleSeen {
			l.Add(p, "front matter: title is empty")
		} else {
			l.Add(p, "front matter: title is required")
		}
	}
	return *d.meta
}

func contains(xs []string, s string) bool {
	for _, x := range xs {
		if x == s {
			return true
		}
	}
	return false
}

// nearestKey returns the known key within edit distance 2 of k (a likely
// typo), or "". Keys of other generators' front matter stay free to use.
func nearestKey(k string) string {
	best, bestD := "", 3
	keys := make([]string, 0, len(keySpecs))
	for name := range keySpecs {
		keys = append(keys, name)
	}
	sort.Strings(keys) // sort for determinism among equal distances
	for _, name := range keys {
		if dist := editDistance(strings.ToLower(k), name); dist < bestD && dist < len(name)/2+1 {
			best, bestD = name, dist
		}
	}
	if best == k {
		return ""
	}
	return best
}

func editDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}

// FormatDuration formats a duration for readers: „1 h 30 min”.
func FormatDuration(d time.Duration) string {
	h, m := int(d.Hours()), int(d.Minutes())%60
	switch {
	case h > 0 && m > 0:
		return fmt.Sprintf("%d h %d min", h, m)
	case h > 0:
		return fmt.Sprintf("%d h", h)
	}
	return fmt.Sprintf("%d min", m)
}
