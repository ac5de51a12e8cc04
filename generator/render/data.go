package render

import (
	"cmp"
	"encoding/json"
	"errors"
	"fmt"
	"html/template"
	"math"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/razem/razem/generator/config"
	"github.com/razem/razem/generator/lang"
	"github.com/razem/razem/generator/markdown"
	"github.com/razem/razem/generator/page"
	"github.com/razem/razem/generator/site"
)

// Data is what every layout receives. Page is nil on generated pages (home
// without index.md, tag lists, search, 404).
type Data struct {
	Site    *site.Site
	Config  *config.Config
	Page    *site.Page
	Section *site.Section
	Tag     *site.Tag
	Kind    string // home, page, list, glossary, tags, tag, search, 404, slides, redirect
	URL     string // output path of the file being rendered
	Title   string
	Lang    string
	Target  string // redirect target (aliases)
	Assets  map[string]string
	Strings map[string]string
	Handout []HandoutStep
	Shared  *Shared
	// Trainer marks the trainer edition: trainer notes and answers shown,
	// a session plan per module and path.
	Trainer bool
	// Alternates are this page in every language it exists in, itself
	// included, for the language switcher and hreflang links; nil when it
	// exists in one language only.
	Alternates []Alternate
}

// Alternate is one language version of a page.
type Alternate struct {
	Lang    string // ISO 639-1 code
	Label   string // short form for the switcher: "DE"
	Name    string // the language's own name: "Deutsch"
	URL     string // output path
	Current bool   // the page being rendered
}

// XDefault is the version for readers whose language the site lacks: the
// default language's, if the page has one.
func (d *Data) XDefault() *Alternate {
	for i, a := range d.Alternates {
		if a.Lang == d.Config.Language {
			return &d.Alternates[i]
		}
	}
	return nil
}

// locales are the OpenGraph locales of the languages razem has UI strings
// for; other languages give their bare code.
var locales = map[string]string{"pl": "pl_PL", "en": "en_GB", "de": "de_DE", "fr": "fr_FR", "bg": "bg_BG", "el": "el_GR", "ro": "ro_RO"}

// Locale is the page's OpenGraph locale (og:locale): "pl_PL".
func (d *Data) Locale() string {
	if l, ok := locales[d.Lang]; ok {
		return l
	}
	return d.Lang
}

// Href links to an output path from this file: absolute with base_url
// (hreflang links want full addresses), relative without.
func (d *Data) Href(to string) string {
	if u := d.AbsURL(to); u != "" {
		return u
	}
	return d.Rel(to)
}

// T returns a UI string; a missing key shows as itself so it is noticed.
func (d *Data) T(key string) string {
	if s, ok := d.Strings[key]; ok {
		return s
	}
	return key
}

// TypeName is the UI name of a content type („Moduł”).
func (d *Data) TypeName(t string) string { return d.T("type." + t) }

// LevelName is the UI name of a level.
func (d *Data) LevelName(l string) string { return d.T("level." + l) }

// Tn returns a UI string with {n} replaced, choosing the plural form of
// the page's language (lang.Plural): in Polish key.one (1), key.few (2–4,
// 22–24…), key.many (others).
func (d *Data) Tn(key string, n int) string {
	s, ok := d.Strings[key+"."+lang.Plural(d.Lang, n)]
	if !ok {
		s = d.T(key)
	}
	return strings.ReplaceAll(s, "{n}", strconv.Itoa(n))
}

// Root is the relative path from this file to the site root.
func (d *Data) Root() string { return site.RootOf(d.URL) }

// Rel links to an output path from this file.
func (d *Data) Rel(to string) string { return site.Rel(d.URL, to) }

// Link links to a page from this file.
func (d *Data) Link(p *site.Page) string { return site.Rel(d.URL, p.URL) }

// Asset links to a theme static file by its name before fingerprinting.
func (d *Data) Asset(name string) string {
	if out, ok := d.Assets[name]; ok {
		return d.Rel(out)
	}
	return d.Rel("assets/" + name)
}

// AbsURL is the absolute address of an output path, or "" without base_url.
func (d *Data) AbsURL(to string) string {
	if d.Config.BaseURL == "" {
		return ""
	}
	return site.AbsURL(d.Config.BaseURL, to)
}

// Current reports whether p is the page being rendered.
func (d *Data) Current(p *site.Page) bool { return d.Page != nil && p.URL == d.Page.URL }

// InSection reports whether the page being rendered is in a section.
func (d *Data) InSection(name string) bool {
	return (d.Page != nil && d.Page.Section == name) || (d.Section != nil && d.Section.Name == name)
}

// Date formats a date for readers of the page's language, by its UI
// strings: "date" is the pattern ({d} day, {month} name, {m} number, {y}
// year) and "months" the twelve month names as they stand in a date
// („1 listopada 2026”, "1. November 2026", "1 ноември 2026 г.").
func (d *Data) Date(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	months := strings.Split(d.Strings["months"], ",")
	month := t.Month().String()
	if len(months) == 12 {
		month = strings.TrimSpace(months[t.Month()-1])
	}
	pattern := cmp.Or(d.Strings["date"], "{d} {month} {y}")
	return strings.NewReplacer("{d}", strconv.Itoa(t.Day()), "{month}", month, "{m}", fmt.Sprintf("%02d", int(t.Month())),
		"{y}", strconv.Itoa(t.Year())).Replace(pattern)
}

// Duration formats a workshop duration.
func (d *Data) Duration(t time.Duration) string { return page.FormatDuration(t) }

// ReadingMinutes estimates reading time. Polish words are long; 160 words
// a minute is a careful reading pace for study material.
func ReadingMinutes(p *site.Page) int {
	if p == nil || p.Doc == nil {
		return 0
	}
	return int(math.Max(1, math.Round(float64(p.Doc.Words)/160)))
}

// PathDuration sums the durations of a path's steps.
func PathDuration(p *site.Page) time.Duration {
	var sum time.Duration
	for _, s := range p.Steps {
		sum += s.Meta.Duration
	}
	return sum
}

// Letters groups pages by their initial (glossary A–Z).
type Letter struct {
	Letter string
	Pages  []*site.Page
}

// ByInitial groups pages alphabetically by their title's first letter.
func ByInitial(ps []*site.Page) []Letter {
	sorted := append([]*site.Page(nil), ps...)
	sortByTitle(sorted)
	var out []Letter
	for _, p := range sorted {
		l := site.Initial(p.Meta.Title)
		if len(out) == 0 || out[len(out)-1].Letter != l {
			out = append(out, Letter{Letter: l})
		}
		out[len(out)-1].Pages = append(out[len(out)-1].Pages, p)
	}
	return out
}

func sortByTitle(ps []*site.Page) {
	sort.SliceStable(ps, func(i, j int) bool { return site.Compare(ps[i].Meta.Title, ps[j].Meta.Title) < 0 })
}

var funcs = template.FuncMap{
	"readingMinutes": ReadingMinutes,
	"pathDuration":   PathDuration,
	"byInitial":      ByInitial,
	"add":            func(a, b int) int { return a + b },
	"slice":          func(xs ...any) []any { return xs },
	"cached": func(string, *Data) (template.HTML, error) {
		return "", errors.New("cached: not bound to a template set") // replaced per set in Load
	},
	"native": func(string, any) (template.HTML, error) {
		return "", errors.New("native: not bound to a template set") // replaced per set in Load
	},
	"extra": func(p *site.Page, key string) any {
		if p == nil {
			return nil
		}
		return p.Meta.Extra[key]
	},
}

// Description is the page's description or the site's.
func (d *Data) Description() string {
	if d.Page != nil && d.Page.Meta.Description != "" {
		return d.Page.Meta.Description
	}
	return d.Config.Description
}

// JSStrings are the UI strings scripts need, embedded as a JSON data block
// (not an inline script, so the Content-Security-Policy can forbid those).
// The same block goes into every page, so it is encoded once per language.
func (d *Data) JSStrings() template.JS { return d.Shared.jsStrings }

// Shared holds what every page of one language shares during one build.
type Shared struct {
	jsStrings template.JS
	parts     sync.Map // key of a cached partial → template.HTML
}

// NewShared prepares the shared data of one language's strings.
func NewShared(strs map[string]string) *Shared {
	out := map[string]string{}
	for k, v := range strs {
		if strings.HasPrefix(k, "js.") || strings.HasPrefix(k, "search.") || strings.HasPrefix(k, "type.") {
			out[k] = v
		}
	}
	b, _ := json.Marshal(out) // escapes <, > and & as \u003c…, safe inside <script>
	return &Shared{jsStrings: template.JS(b)}
}

// SectionTitle is a section's heading: its index.md title or the UI name.
func (d *Data) SectionTitle(s *site.Section) string {
	if s.Intro != nil {
		return s.Intro.Meta.Title
	}
	switch s.Type {
	case page.TypeModule:
		return d.T("modules")
	case page.TypeCase:
		return d.T("cases")
	case page.TypeExercise:
		return d.T("exercises")
	case page.TypeTerm:
		return d.T("glossary")
	case page.TypePath:
		return d.T("learning_paths")
	}
	return strings.ToUpper(s.Name[:1]) + s.Name[1:]
}

// PageSection is the section of the page being rendered, for breadcrumbs.
func (d *Data) PageSection() *site.Section {
	if d.Page == nil || d.Page.Section == "" || d.Kind == "list" {
		return nil
	}
	for _, s := range d.Site.Sections {
		if s.Name == d.Page.Section {
			return s
		}
	}
	return nil
}

// PathStep says where a page is on a learning path: „Krok 2 z 5 ścieżki”.
func (d *Data) PathStep(ps *site.PathStep) string {
	r := strings.NewReplacer("{i}", strconv.Itoa(ps.Index+1), "{n}", strconv.Itoa(len(ps.Path.Steps)))
	return r.Replace(d.T("path_step"))
}

// Variant is the output path of a page variant (slide deck, trainer
// edition, handout). Variants sit beside the page's index.html, so the
// page's relative links are valid in them too.
func Variant(url, name string) string { return strings.TrimSuffix(url, "index.html") + name + ".html" }

// SlidesURL is the output path of the page's slide deck.
func (d *Data) SlidesURL() string { return Variant(d.Page.URL, "slajdy") }

// PlanURL is the output path of the page's session plan (trainer edition).
func (d *Data) PlanURL() string { return Variant(d.Page.URL, "plan") }

// CertificateURL is the output path of a learning path's certificate.
func (d *Data) CertificateURL() string { return Variant(d.Page.URL, "certyfikat") }

// HandoutURL is the output path of a learning path's printable handout.
func (d *Data) HandoutURL() string { return Variant(d.Page.URL, "wydruk") }

// PlanStep is one step of a learning path's session plan.
type PlanStep struct {
	Page  *site.Page
	Start string // clock time from the start of the session, „1:30”
	Plan  string // the step's session plan (modules)
}

// PlanSteps lists a path's steps with the time each starts at, counted
// from their durations.
func (d *Data) PlanSteps() []PlanStep {
	var out []PlanStep
	var at time.Duration
	for _, s := range d.Page.Steps {
		out = append(out, PlanStep{Page: s, Start: fmt.Sprintf("%d:%02d", int(at.Hours()), int(at.Minutes())%60), Plan: Variant(s.URL, "plan")})
		at += s.Meta.Duration
	}
	return out
}

// HandoutStep is one step of a learning path's handout, converted again
// with its own id prefix and links relative to the handout.
type HandoutStep struct {
	Page *site.Page
	Doc  *markdown.Output
}

// JSONLD is the schema.org description of the page: a LearningResource for
// modules, exercises and paths, an Article otherwise; nil for generated pages.
func (d *Data) JSONLD() map[string]any {
	p := d.Page
	if p == nil || d.Kind != "page" {
		return nil
	}
	ld := map[string]any{
		"@context":   "https://schema.org",
		"@type":      "Article",
		"name":       p.Meta.Title,
		"inLanguage": p.Meta.Lang,
	}
	if p.Meta.Description != "" {
		ld["description"] = p.Meta.Description
	}
	if u := d.AbsURL(p.URL); u != "" {
		ld["url"] = u
	}
	if !p.Meta.Date.IsZero() {
		ld["datePublished"] = p.Meta.Date.Format("2006-01-02")
	}
	if !p.Meta.Updated.IsZero() {
		ld["dateModified"] = p.Meta.Updated.Format("2006-01-02")
	}
	if len(p.Meta.Tags) > 0 {
		ld["keywords"] = strings.Join(p.Meta.Tags, ", ")
	}
	switch p.Meta.Type {
	case page.TypeModule, page.TypeExercise, page.TypePath:
		ld["@type"] = "LearningResource"
		ld["learningResourceType"] = map[string]string{page.TypeModule: "module", page.TypeExercise: "quiz", page.TypePath: "learning path"}[p.Meta.Type]
		if len(p.Meta.Objectives) > 0 {
			ld["teaches"] = p.Meta.Objectives
		}
		if p.Meta.Duration > 0 {
			ld["timeRequired"] = isoDuration(p.Meta.Duration)
		}
		if p.Meta.Level != "" {
			ld["educationalLevel"] = p.Meta.Level
		}
		if p.Meta.Audience != "" {
			ld["audience"] = map[string]string{"@type": "Audience", "audienceType": p.Meta.Audience}
		}
	case page.TypeTerm:
		ld["@type"] = "DefinedTerm"
		ld["description"] = p.Meta.Description
	}
	return ld
}

func isoDuration(t time.Duration) string {
	h, m := int(t.Hours()), int(t.Minutes())%60
	s := "PT"
	if h > 0 {
		s += strconv.Itoa(h) + "H"
	}
	if m > 0 || h == 0 {
		s += strconv.Itoa(m) + "M"
	}
	return s
}
