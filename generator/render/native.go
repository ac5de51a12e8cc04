package render

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"html/template"
	"strconv"
	"strings"

	"github.com/razem/razem/generator/page"
	"github.com/razem/razem/generator/site"
)

// Natives are Go renderings of the default theme's busiest templates.
//
// html/template spends most of a page's rendering time on reflection: each
// action looks a method up by name, calls it through reflect and then calls
// an escaper the same way. The sidebar, page head, cards and pager run on
// every page with dozens of actions each, which made templates the largest
// cost of a build. The templates stay the source of truth (they are what a
// site copies and edits); a native is used only in their place:
//
//   - Each native names the partials it mirrors (itself and those it renders
//     in turn) and a digest of their parse trees. Load puts a native in a
//     template set only while that set's trees have the digest, so a site
//     that overrides one of them, or an edited theme, gets its templates.
//   - TestNativesMirrorTemplates builds whole sites both ways and compares
//     every byte; TestNativeDigests fails when the theme's partials change
//     and prints the new digests, so a template edit cannot silently lose
//     its fast path or, worse, keep a stale one.
//
// Besides partials, the default layouts' "base" and the "main" of the
// layouts most pages use have natives, so a typical page is one Go call
// (Theme.Execute calls a native base directly) that runs templates only
// for what a site overrides.
//
// The writers below escape exactly as html/template does in the contexts
// the templates use: text, quoted attributes and URL attributes.
type native struct {
	layout string // the one layout whose set it belongs in; "" for all
	name   string
	mirror []string // partials whose trees the digest covers, name first
	digest string
	// render writes the partial for dot and reports false when dot is not
	// what the default templates pass, so the template runs instead.
	render func(w *writer, dot any) bool
}

// mirrorPage is what a page's main part renders natively.
var mirrorPage = []string{"main", "pagehead", "breadcrumbs", "facts", "objectives", "toc", "pathnav", "tags", "related", "card", "pager"}

var natives = []native{
	{"", "base", []string{"base", "meta", "sidebar", "langswitch"}, "d3a924d997abfa99", func(w *writer, dot any) bool { return data(dot, w.base) }},
	{"slides", "base", []string{"base"}, "4289a89aa0d1dd2e", func(w *writer, dot any) bool { return data(dot, w.slides) }},
	{"module", "main", mirrorPage, "bf4c53d47fc70b2c", func(w *writer, dot any) bool { return data(dot, w.module) }},
	{"case", "main", mirrorPage, "4eeb1ea71e968596", func(w *writer, dot any) bool { return data(dot, w.caseMain) }},
	{"exercise", "main", mirrorPage, "e60336df3f18bab4", func(w *writer, dot any) bool { return data(dot, w.exercise) }},
	{"term", "main", mirrorPage, "5a618a9e6fda2ac2", func(w *writer, dot any) bool { return data(dot, w.term) }},
	{"list", "main", []string{"main", "breadcrumbs", "pagelist", "card"}, "2523606806fb6a87", func(w *writer, dot any) bool { return data(dot, w.list) }},
	{"", "meta", []string{"meta"}, "984fc94bef861b21", func(w *writer, dot any) bool { return data(dot, w.meta) }},
	{"", "toc", []string{"toc"}, "3eaea23927d56c44", func(w *writer, dot any) bool { return data(dot, w.toc) }},
	{"", "langswitch", []string{"langswitch"}, "d8aed7d5995c0e2c", func(w *writer, dot any) bool { return data(dot, w.langswitch) }},
	{"", "sidebar", []string{"sidebar"}, "af8099462b2f8c36", func(w *writer, dot any) bool { return data(dot, w.sidebar) }},
	{"", "breadcrumbs", []string{"breadcrumbs"}, "492a11fa9619c978", func(w *writer, dot any) bool { return data(dot, w.breadcrumbs) }},
	{"", "facts", []string{"facts"}, "bc604828735360d1", func(w *writer, dot any) bool { return data(dot, w.facts) }},
	{"", "pagehead", []string{"pagehead", "breadcrumbs", "facts"}, "f187de22953d59b3", func(w *writer, dot any) bool { return data(dot, w.pagehead) }},
	{"", "objectives", []string{"objectives"}, "d53e28c07ed34fee", func(w *writer, dot any) bool { return data(dot, w.objectives) }},
	{"", "tags", []string{"tags"}, "9335bb6ca3a2f40b", func(w *writer, dot any) bool { return data(dot, w.tags) }},
	{"", "pager", []string{"pager"}, "30cb40e21ebb6338", func(w *writer, dot any) bool { return data(dot, w.pager) }},
	{"", "pathnav", []string{"pathnav"}, "c1e1331b358796c6", func(w *writer, dot any) bool { return data(dot, w.pathnav) }},
	{"", "card", []string{"card"}, "37bb7fc167fb84ec", func(w *writer, dot any) bool {
		d, p, ok := pair[*site.Page](dot)
		if ok {
			w.card(d, p)
		}
		return ok
	}},
	{"", "related", []string{"related", "card"}, "67b3445c702cb5fe", func(w *writer, dot any) bool { return data(dot, w.related) }},
	{"", "pagelist", []string{"pagelist", "card"}, "148d4088a612d64b", func(w *writer, dot any) bool {
		d, ps, ok := pair[[]*site.Page](dot)
		if ok {
			w.pagelist(d, ps)
		}
		return ok
	}},
}

// data calls f when dot is what the page templates receive.
func data(dot any, f func(*Data) bool) bool {
	d, ok := dot.(*Data)
	return ok && d != nil && f(d)
}

// pair unpacks the (slice $d $x) argument of card and pagelist.
func pair[T any](dot any) (*Data, T, bool) {
	var zero T
	xs, ok := dot.([]any)
	if !ok || len(xs) != 2 {
		return nil, zero, false
	}
	d, ok1 := xs[0].(*Data)
	x, ok2 := xs[1].(T)
	return d, x, ok1 && ok2 && d != nil
}

// treeDigest is the digest of the named templates' parse trees in a set,
// or "" when one of them is missing.
func treeDigest(set *template.Template, names []string) string {
	h := sha256.New()
	for _, n := range names {
		t := set.Lookup(n)
		if t == nil || t.Tree == nil {
			return ""
		}
		h.Write([]byte(n + "\x00" + t.Tree.Root.String() + "\x00"))
	}
	return hex.EncodeToString(h.Sum(nil)[:8])
}

// nativeFallback names the template a native replaced, kept for arguments
// the native does not handle.
func nativeFallback(name string) string { return name + " (template)" }

// nativesOf lists the natives that may serve a layout's set.
func nativesOf(layout string) []*native {
	var out []*native
	for i := range natives {
		if n := &natives[i]; n.layout == "" || n.layout == layout {
			out = append(out, n)
		}
	}
	return out
}

// installNatives replaces the templates of a layout's set that still have
// the default theme's trees with calls to their natives, and returns those
// by name. It runs before the set is executed, as html/template requires
// of redefinitions.
func installNatives(set *template.Template, layout string) (map[string]*native, error) {
	use := map[string]*native{}
	for _, n := range nativesOf(layout) {
		if treeDigest(set, n.mirror) == n.digest {
			use[n.name] = n
		}
	}
	for _, n := range nativesOf(layout) { // in order, for determinism
		if use[n.name] != n {
			continue
		}
		orig := set.Lookup(n.name)
		if _, err := set.AddParseTree(nativeFallback(n.name), orig.Tree); err != nil {
			return nil, err
		}
		if _, err := set.New(n.name).Parse(`{{native "` + n.name + `" .}}`); err != nil {
			return nil, err
		}
	}
	set.Funcs(template.FuncMap{"native": nativeFunc(set, use)})
	return use, nil
}

// nativeFunc is the "native" template function of a set.
func nativeFunc(set *template.Template, use map[string]*native) func(string, any) (template.HTML, error) {
	return func(name string, dot any) (template.HTML, error) {
		if n := use[name]; n != nil {
			w := writer{b: make([]byte, 0, 1024), set: set, use: use}
			if n.render(&w, dot) {
				return template.HTML(w.b), w.err
			}
		}
		var b bytes.Buffer
		err := set.ExecuteTemplate(&b, nativeFallback(name), dot)
		return template.HTML(b.String()), err
	}
}

// writer builds a partial's HTML.
type writer struct {
	b   []byte
	set *template.Template // for the templates a native runs in turn
	use map[string]*native // the set's natives
	err error              // the first of those to fail
}

func (w *writer) raw(s string) { w.b = append(w.b, s...) }

// Write lets templates execute into the writer.
func (w *writer) Write(p []byte) (int, error) {
	w.b = append(w.b, p...)
	return len(p), nil
}

// template runs a template of the set in place: its native if it has one
// that takes dot, else the template.
func (w *writer) template(name string, dot any) {
	if w.err != nil {
		return
	}
	if n := w.use[name]; n != nil {
		mark := len(w.b)
		if n.render(w, dot) {
			return
		}
		w.b, name = w.b[:mark], nativeFallback(name)
	}
	w.err = w.set.ExecuteTemplate(w, name, dot)
}

// cached writes a partial rendered once per language and depth, as the
// "cached" template function does.
func (w *writer) cached(name string, d *Data) {
	if w.err == nil {
		var h template.HTML
		h, w.err = cachedPartial(w.set, name, d)
		w.raw(string(h))
	}
}

// text escapes s as html/template does in text and in quoted attribute
// values (its htmlEscaper and attrEscaper on plain strings).
func (w *writer) text(s string) {
	last := 0
	for i := 0; i < len(s); i++ {
		var r string
		switch s[i] {
		case 0:
			r = "\uFFFD"
		case '"':
			r = "&#34;"
		case '&':
			r = "&amp;"
		case '\'':
			r = "&#39;"
		case '+':
			r = "&#43;"
		case '<':
			r = "&lt;"
		case '>':
			r = "&gt;"
		default:
			continue
		}
		w.b = append(w.b, s[last:i]...)
		w.b = append(w.b, r...)
		last = i + 1
	}
	w.b = append(w.b, s[last:]...)
}

func (w *writer) int(n int) { w.b = strconv.AppendInt(w.b, int64(n), 10) }

// url writes s as html/template does in a URL-valued attribute: unsafe
// schemes are replaced, bytes outside URLs are percent-encoded and the
// result is escaped for the attribute.
func (w *writer) url(s string) {
	if proto, _, ok := strings.Cut(s, ":"); ok && !strings.Contains(proto, "/") &&
		!strings.EqualFold(proto, "http") && !strings.EqualFold(proto, "https") && !strings.EqualFold(proto, "mailto") {
		w.raw("#ZgotmplZ")
		return
	}
	const hex = "0123456789abcdef"
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9',
			strings.IndexByte("!#$*,/:;=?@[]-._~", c) >= 0:
			w.b = append(w.b, c)
		case c == '&':
			w.raw("&amp;")
		case c == '+':
			w.raw("&#43;")
		case c == '%' && i+2 < len(s) && isHex(s[i+1]) && isHex(s[i+2]):
			w.b = append(w.b, c)
		default:
			w.b = append(w.b, '%', hex[c>>4], hex[c&15])
		}
	}
}

func isHex(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}

// link writes <a href="…">title</a> to a page.
func (w *writer) link(d *Data, p *site.Page) {
	w.raw(`<a href="`)
	w.url(d.Link(p))
	w.raw(`">`)
	w.text(p.Meta.Title)
	w.raw("</a>")
}

// progressLink writes a link to a page that shows the reader's progress,
// marked as the current page if it is.
func (w *writer) progressLink(d *Data, p *site.Page, current bool) {
	w.raw(`<a href="`)
	w.url(d.Link(p))
	w.raw(`" data-progress="`)
	w.text(p.URL)
	w.raw(`"`)
	if current {
		w.raw(` aria-current="page"`)
	}
	w.raw(">")
	w.text(p.Meta.Title)
	w.raw("</a>")
}

// fact writes one term of a description list, if it has a value.
func (w *writer) fact(term, value string) {
	if value != "" {
		w.raw("<div><dt>")
		w.text(term)
		w.raw("</dt><dd>")
		w.text(value)
		w.raw("</dd></div>")
	}
}

// lead writes a description paragraph, if there is a description.
func (w *writer) lead(desc string) {
	if desc != "" {
		w.raw(`<p class="lead">`)
		w.text(desc)
		w.raw("</p>")
	}
}

// items writes list items.
func (w *writer) items(xs []string) {
	for _, x := range xs {
		w.raw("<li>")
		w.text(x)
		w.raw("</li>")
	}
}

// The partials, each mirroring its template in themes/default/layouts/
// partials line for line, literal text included.

func (w *writer) sidebar(d *Data) bool {
	w.raw("\n<ul class=\"nav-sections\">\n<li><a href=\"")
	w.url(d.Rel(d.Site.HomeURL))
	w.raw(`"`)
	if d.Kind == "home" {
		w.raw(` aria-current="page"`)
	}
	w.raw(">")
	w.text(d.T("home"))
	w.raw("</a></li>\n")
	for _, s := range d.Site.Sections {
		open := d.InSection(s.Name)
		w.raw("\n<li class=\"nav-section")
		if open {
			w.raw(" is-open")
		}
		w.raw("\">\n<a class=\"nav-section-link\" href=\"")
		w.url(d.Rel(s.URL))
		w.raw(`"`)
		if d.Section != nil && d.Section.URL == s.URL {
			w.raw(` aria-current="page"`)
		}
		w.raw(">")
		w.text(d.SectionTitle(s))
		w.raw("</a>\n")
		if len(s.Pages) < 61 && s.Type != page.TypeTerm {
			w.raw("<ul>\n")
			for _, p := range s.Pages {
				w.raw("<li>")
				w.progressLink(d, p, d.Current(p))
				w.raw("</li>\n")
			}
			w.raw("</ul>")
		} else if open && d.Kind != "list" && d.Page != nil {
			w.raw("<ul><li>")
			w.progressLink(d, d.Page, true)
			w.raw("</li></ul>")
		}
		w.raw("\n</li>")
	}
	w.raw("\n</ul>\n")
	return true
}

func (w *writer) meta(d *Data) bool {
	title := d.Title
	if title == "" {
		title = d.Config.Title
	}
	w.raw(`<meta property="og:title" content="`)
	w.text(title)
	w.raw("\">\n<meta property=\"og:description\" content=\"")
	w.text(d.Description())
	w.raw("\">\n<meta property=\"og:type\" content=\"")
	if d.Page != nil {
		w.raw("article")
	} else {
		w.raw("website")
	}
	w.raw("\">\n<meta property=\"og:site_name\" content=\"")
	w.text(d.Config.Title)
	w.raw("\">\n<meta property=\"og:locale\" content=\"")
	w.text(d.Locale())
	w.raw("\">\n")
	if u := d.AbsURL(d.URL); u != "" {
		w.raw(`<meta property="og:url" content="`)
		w.text(u)
		w.raw("\">\n<link rel=\"canonical\" href=\"")
		w.url(u)
		w.raw(`">`)
	}
	w.raw("\n")
	for _, a := range d.Alternates {
		w.alternate(d, a.Lang, a.URL)
	}
	if a := d.XDefault(); a != nil {
		w.alternate(d, "x-default", a.URL)
	}
	if ld := d.JSONLD(); ld != nil {
		// html/template writes a map in a JSON script as json.Marshal does
		// (which already escapes <, >, &, U+2028 and U+2029).
		b, err := json.Marshal(ld)
		if err != nil {
			return false
		}
		w.raw(`<script type="application/ld+json">`)
		w.b = append(w.b, b...)
		w.raw("</script>")
	}
	w.raw("\n")
	return true
}

// alternate writes a hreflang link to a version of the page.
func (w *writer) alternate(d *Data, hreflang, url string) {
	w.raw(`<link rel="alternate" hreflang="`)
	w.text(hreflang)
	w.raw(`" href="`)
	w.url(d.Href(url))
	w.raw("\">\n")
}

func (w *writer) langswitch(d *Data) bool {
	if len(d.Alternates) == 0 {
		return true
	}
	w.raw(`<nav class="lang-switch" aria-label="`)
	w.text(d.T("languages"))
	w.raw("\"><ul>\n")
	for _, a := range d.Alternates {
		w.raw(`<li><a href="`)
		w.url(d.Rel(a.URL))
		w.raw(`" hreflang="`)
		w.text(a.Lang)
		w.raw(`" lang="`)
		w.text(a.Lang)
		w.raw(`" title="`)
		w.text(a.Name)
		w.raw(`"`)
		if a.Current {
			w.raw(` aria-current="page"`)
		}
		w.raw(">")
		w.text(a.Label)
		w.raw(`<span class="visually-hidden"> `)
		w.text(a.Name)
		w.raw("</span></a></li>\n")
	}
	w.raw("</ul></nav>")
	return true
}

func (w *writer) breadcrumbs(d *Data) bool {
	w.raw(`<nav class="breadcrumbs" aria-label="`)
	w.text(d.T("breadcrumbs"))
	w.raw("\"><ol>\n<li><a href=\"")
	w.url(d.Rel(d.Site.HomeURL))
	w.raw(`">`)
	w.text(d.T("home"))
	w.raw("</a></li>\n")
	if s := d.PageSection(); s != nil {
		w.raw(`<li><a href="`)
		w.url(d.Rel(s.URL))
		w.raw(`">`)
		w.text(d.SectionTitle(s))
		w.raw("</a></li>")
	}
	w.raw("\n<li><span aria-current=\"page\">")
	w.text(d.Title)
	w.raw("</span></li>\n</ol></nav>")
	return true
}

func (w *writer) pagehead(d *Data) bool {
	if d.Page == nil {
		return false
	}
	w.breadcrumbs(d)
	w.raw("\n<header class=\"page-header\">\n<p class=\"page-type\">")
	w.text(d.TypeName(d.Page.Meta.Type))
	w.raw("</p>\n<h1>")
	w.text(d.Title)
	w.raw("</h1>\n")
	w.lead(d.Page.Meta.Description)
	w.raw("\n")
	w.facts(d)
	w.raw("\n</header>")
	return true
}

func (w *writer) facts(d *Data) bool {
	p := d.Page
	if p == nil {
		return true
	}
	m := &p.Meta
	if m.Duration == 0 && m.Level == "" && m.Audience == "" && m.Type != page.TypeModule {
		return true
	}
	w.raw("<dl class=\"page-facts\">\n")
	if m.Duration != 0 {
		w.fact(d.T("duration"), d.Duration(m.Duration))
	}
	w.raw("\n")
	if m.Type == page.TypeModule || m.Type == page.TypeCase {
		w.fact(d.T("reading_time"), strconv.Itoa(ReadingMinutes(p))+" "+d.T("minutes_short"))
	}
	w.raw("\n")
	if m.Level != "" {
		w.fact(d.T("level"), d.LevelName(m.Level))
	}
	w.raw("\n")
	w.fact(d.T("audience"), m.Audience)
	w.raw("\n</dl>")
	return true
}

func (w *writer) objectives(d *Data) bool {
	p := d.Page
	if p == nil || len(p.Meta.Objectives) == 0 {
		return true
	}
	w.raw("<section class=\"objectives\" aria-labelledby=\"objectives-title\">\n<h2 id=\"objectives-title\">")
	if p.Meta.Type == page.TypePath {
		w.text(d.T("objectives_path"))
	} else {
		w.text(d.T("objectives"))
	}
	w.raw("</h2>\n<ul>")
	w.items(p.Meta.Objectives)
	w.raw("</ul>\n</section>")
	return true
}

func (w *writer) tags(d *Data) bool {
	p := d.Page
	if p == nil || len(p.Tags) == 0 {
		return true
	}
	w.raw(`<p class="tags"><span class="visually-hidden">`)
	w.text(d.T("tags"))
	w.raw(": </span>")
	for _, t := range p.Tags {
		w.raw(`<a class="tag" href="`)
		w.url(d.Rel(t.URL))
		w.raw(`">#`)
		w.text(t.Name)
		w.raw("</a> ")
	}
	w.raw("</p>")
	return true
}

func (w *writer) pager(d *Data) bool {
	p := d.Page
	if p == nil || (p.Prev == nil && p.Next == nil) {
		return true
	}
	w.raw(`<nav class="pager" aria-label="`)
	w.text(d.T("pager"))
	w.raw("\">\n")
	if p.Prev != nil {
		w.raw(`<a class="pager-prev" href="`)
		w.url(d.Link(p.Prev))
		w.raw(`" rel="prev"><span class="pager-label">← `)
		w.text(d.T("prev"))
		w.raw("</span> ")
		w.text(p.Prev.Meta.Title)
		w.raw("</a>")
	}
	w.raw("\n")
	if p.Next != nil {
		w.raw(`<a class="pager-next" href="`)
		w.url(d.Link(p.Next))
		w.raw(`" rel="next"><span class="pager-label">`)
		w.text(d.T("next"))
		w.raw(" →</span> ")
		w.text(p.Next.Meta.Title)
		w.raw("</a>")
	}
	w.raw("\n</nav>")
	return true
}

func (w *writer) pathnav(d *Data) bool {
	if d.Page == nil {
		return true
	}
	for _, ps := range d.Page.OnPaths {
		w.raw(`<nav class="pathnav" aria-label="`)
		w.text(ps.Path.Meta.Title)
		w.raw("\">\n<p class=\"pathnav-where\">")
		w.text(d.PathStep(ps))
		w.raw(" ")
		w.link(d, ps.Path)
		w.raw("</p>\n")
		if ps.Next != nil {
			w.raw(`<a class="button pathnav-next" href="`)
			w.url(d.Link(ps.Next))
			w.raw(`" data-progress="`)
			w.text(ps.Next.URL)
			w.raw(`">`)
			w.text(d.T("path_next"))
			w.raw(": ")
			w.text(ps.Next.Meta.Title)
			w.raw(" →</a>")
		} else {
			w.raw(`<p class="pathnav-done">`)
			w.text(d.T("path_done"))
			w.raw("</p>")
		}
		w.raw("\n</nav>")
	}
	return true
}

func (w *writer) related(d *Data) bool {
	p := d.Page
	if p == nil || len(p.Related) == 0 {
		return true
	}
	w.raw("<section class=\"related\" aria-labelledby=\"related-title\">\n<h2 id=\"related-title\">")
	w.text(d.T("related"))
	w.raw("</h2>\n<ul class=\"cards\">")
	for _, r := range p.Related {
		w.card(d, r)
	}
	w.raw("</ul>\n</section>")
	return true
}

func (w *writer) card(d *Data, p *site.Page) {
	m := &p.Meta
	w.raw(`<li class="card card-`)
	w.text(m.Type)
	w.raw(`" data-progress="`)
	w.text(p.URL)
	w.raw("\">\n<h3 class=\"card-title\">")
	w.link(d, p)
	w.raw("</h3>\n")
	if m.Description != "" {
		w.raw(`<p class="card-desc">`)
		w.text(m.Description)
		w.raw("</p>")
	}
	w.raw("\n<p class=\"card-meta\"><span class=\"badge\">")
	w.text(d.TypeName(m.Type))
	w.raw("</span>\n")
	if m.Duration != 0 {
		w.raw("<span>")
		w.text(d.T("card_duration"))
		w.raw(" ")
		w.text(d.Duration(m.Duration))
		w.raw("</span>")
	}
	w.raw("\n")
	if m.Type == page.TypeModule || m.Type == page.TypeCase || m.Type == page.TypePage {
		w.raw("<span>")
		w.text(d.T("card_reading"))
		w.raw(" ")
		w.int(ReadingMinutes(p))
		w.raw(" ")
		w.text(d.T("minutes_short"))
		w.raw("</span>")
	}
	w.raw("\n")
	if m.Level != "" {
		w.raw("<span>")
		w.text(d.LevelName(m.Level))
		w.raw("</span>")
	}
	w.raw("\n")
	if m.Type == page.TypeExercise && p.Doc != nil {
		w.raw("<span>")
		w.text(d.Tn("questions", p.Doc.Questions))
		w.raw("</span>")
	}
	w.raw("\n")
	if m.Type == page.TypePath {
		w.raw("<span>")
		w.text(d.Tn("steps", len(p.Steps)))
		w.raw("</span>")
	}
	w.raw("\n<span class=\"progress-mark\" aria-hidden=\"true\"></span></p>\n</li>")
}

func (w *writer) pagelist(d *Data, ps []*site.Page) {
	if len(ps) <= 60 {
		w.raw(`<ul class="cards">`)
		for _, p := range ps {
			w.card(d, p)
		}
		w.raw("</ul>")
		return
	}
	w.raw(`<ul class="compact-list">`)
	for _, p := range ps {
		w.raw(`<li data-progress="`)
		w.text(p.URL)
		w.raw(`">`)
		w.link(d, p)
		w.raw(` <span class="badge">`)
		w.text(d.TypeName(p.Meta.Type))
		w.raw("</span><span class=\"progress-mark\" aria-hidden=\"true\"></span></li>\n")
	}
	w.raw("</ul>")
}

// Pages: the default layouts' base and main parts.

func (w *writer) head(d *Data, title string) {
	w.raw("<!DOCTYPE html>\n<html lang=\"")
	w.text(d.Lang)
	w.raw(`" data-root="`)
	w.text(d.Root())
	w.raw(`" data-page="`)
	w.text(d.URL)
	w.raw("\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>")
	w.text(title)
}

func (w *writer) base(d *Data) bool {
	title := d.Config.Title
	if d.Title != "" && d.Kind != "home" {
		title = d.Title + " · " + title
	}
	w.head(d, title)
	w.raw("</title>\n<meta name=\"description\" content=\"")
	w.text(d.Description())
	w.raw("\">\n<meta name=\"color-scheme\" content=\"light dark\">\n")
	if d.Trainer || d.Kind == "handout" {
		w.raw(`<meta name="robots" content="noindex">`)
	}
	w.raw("\n")
	w.cached("headlinks", d)
	w.raw("\n")
	w.meta(d)
	w.raw("\n")
	w.cached("headscripts", d)
	w.raw("\n</head>\n<body class=\"kind-")
	w.text(d.Kind)
	if d.Page != nil {
		w.raw(" type-")
		w.text(d.Page.Meta.Type)
	}
	if d.Trainer {
		w.raw(" edition-trainer")
	}
	w.raw("\">\n<a class=\"skip-link\" href=\"#main\">")
	w.text(d.T("skip"))
	w.raw("</a>")
	if d.Trainer {
		w.raw("\n<p class=\"edition-banner\">")
		w.text(d.T("trainer_edition_note"))
		w.raw("</p>")
	}
	w.raw("\n<header class=\"site-header\">\n")
	w.cached("siteheader", d)
	w.langswitch(d)
	w.raw("\n</header>\n<div class=\"layout\">\n<nav id=\"sidebar\" class=\"sidebar\" aria-label=\"")
	w.text(d.T("nav_label"))
	w.raw(`">`)
	w.sidebar(d)
	w.raw("</nav>\n<main id=\"main\" tabindex=\"-1\">\n")
	w.template("main", d)
	w.raw("\n</main>\n</div>\n")
	w.cached("sitefooter", d)
	w.raw("\n")
	w.foot(d)
	return true
}

func (w *writer) foot(d *Data) {
	w.raw("<script type=\"application/json\" id=\"razem-i18n\">")
	w.raw(string(d.JSStrings()))
	w.raw("</script>\n</body>\n</html>\n")
}

func (w *writer) slides(d *Data) bool {
	p := d.Page
	if p == nil || p.Doc == nil {
		return false
	}
	w.head(d, d.Title+" · "+d.T("slides")+" · "+d.Config.Title)
	w.raw("</title>\n<meta name=\"robots\" content=\"noindex\">\n<link rel=\"stylesheet\" href=\"")
	w.url(d.Asset("css/site.css"))
	w.raw("\">\n<link rel=\"icon\" href=\"")
	w.url(d.Asset("icon.svg"))
	w.raw("\" type=\"image/svg+xml\">\n<script src=\"")
	w.url(d.Asset("js/site.js"))
	w.raw("\" defer></script>\n</head>\n<body class=\"kind-slides\">\n<main class=\"deck\" id=\"main\" aria-roledescription=\"slides\" aria-label=\"")
	w.text(d.Title)
	w.raw("\">\n<section class=\"slide slide-title\" aria-roledescription=\"slide\">\n<h1>")
	w.text(d.Title)
	w.raw("</h1>\n")
	w.lead(p.Meta.Description)
	w.raw("\n")
	if len(p.Meta.Objectives) > 0 {
		w.raw("<ul>")
		w.items(p.Meta.Objectives)
		w.raw("</ul>")
	}
	w.raw("\n</section>\n")
	for _, sl := range p.Doc.Slides {
		w.raw("<section class=\"slide\" aria-roledescription=\"slide\">\n<div class=\"slide-body\">")
		w.raw(string(sl.HTML))
		w.raw("</div>\n</section>")
	}
	w.raw("\n</main>\n<nav class=\"deck-controls\" aria-label=\"")
	w.text(d.T("slides"))
	w.raw("\">\n<a href=\"")
	w.url(d.Link(p))
	w.raw("\">✕ <span class=\"visually-hidden\">")
	w.text(d.Title)
	w.raw("</span></a>\n<button type=\"button\" class=\"deck-prev\" aria-label=\"")
	w.text(d.T("prev"))
	w.raw("\">←</button>\n<span class=\"deck-count\" aria-live=\"polite\"></span>\n<button type=\"button\" class=\"deck-next\" aria-label=\"")
	w.text(d.T("next"))
	w.raw("\">→</button>\n<button type=\"button\" class=\"deck-full\" aria-label=\"")
	w.text(d.T("js.fullscreen"))
	w.raw("\">⛶</button>\n</nav>\n")
	w.foot(d)
	return true
}

func (w *writer) toc(d *Data) bool {
	if p := d.Page; p != nil && p.Doc != nil && len(p.Doc.TOC) > 1 {
		w.raw("<nav class=\"toc\" aria-labelledby=\"toc-title\">\n<h2 id=\"toc-title\" class=\"toc-title\">")
		w.text(d.T("on_this_page"))
		w.raw("</h2>\n")
		w.raw(string(p.Doc.TOCHTML))
		w.raw("\n</nav>")
	}
	return true
}

// article opens a page's article element.
func (w *writer) article(d *Data, class string) {
	w.raw(`<article class="page page-` + class + `" data-progress-page="`)
	w.text(d.URL)
	w.raw("\">\n")
}

// content is the page body with its table of contents.
func (w *writer) content(d *Data) {
	w.raw(`<div class="with-toc">`)
	w.toc(d)
	w.raw("\n<div class=\"content\">")
	w.raw(string(d.Page.Doc.HTML))
	w.raw("</div></div>\n")
}

// pageEnd closes the article of a module, case or exercise.
func (w *writer) pageEnd(d *Data) {
	w.pathnav(d)
	w.raw("\n")
	w.tags(d)
	w.raw("\n")
	w.related(d)
	w.raw("\n")
	w.pager(d)
	w.raw("\n</article>")
}

func (w *writer) module(d *Data) bool {
	p := d.Page
	if p == nil || p.Doc == nil {
		return false
	}
	w.article(d, "module")
	w.pagehead(d)
	w.raw("\n")
	w.raw(`<p class="page-actions no-print"><a class="button" href="`)
	w.url(d.Rel(d.SlidesURL()))
	w.raw(`">`)
	w.text(d.T("slides_open"))
	w.raw("</a> ")
	if d.Trainer {
		w.raw(`<a class="button" href="`)
		w.url(d.Rel(d.PlanURL()))
		w.raw(`">`)
		w.text(d.T("plan_open"))
		w.raw("</a> ")
	}
	w.raw(`<button type="button" class="button print-button" hidden>`)
	w.text(d.T("print"))
	w.raw("</button></p>")
	w.raw("\n")
	w.objectives(d)
	w.raw("\n")
	if len(p.Prerequisites) > 0 {
		w.raw(`<section class="prerequisites" aria-labelledby="prereq-title"><h2 id="prereq-title">`)
		w.text(d.T("prerequisites"))
		w.raw("</h2>\n<ul>")
		for _, q := range p.Prerequisites {
			w.raw("<li>")
			w.progressLink(d, q, false)
			w.raw("</li>")
		}
		w.raw("</ul></section>")
	}
	w.raw("\n")
	w.content(d)
	w.pageEnd(d)
	return true
}

func (w *writer) caseMain(d *Data) bool {
	p := d.Page
	if p == nil || p.Doc == nil {
		return false
	}
	m := &p.Meta
	w.article(d, "case")
	w.pagehead(d)
	w.raw("\n<aside class=\"case-facts\" aria-labelledby=\"facts-title\">\n<h2 id=\"facts-title\">")
	w.text(d.T("facts"))
	w.raw("</h2>\n<dl>\n")
	for _, f := range [][2]string{
		{"organisation", m.Organisation}, {"partners", strings.Join(m.Partners, ", ")},
		{"country", m.Country}, {"sector", m.Sector}, {"partnership_form", m.PartnershipForm},
	} {
		w.fact(d.T(f[0]), f[1])
		w.raw("\n")
	}
	w.raw("</dl>\n")
	if len(m.Figures) > 0 {
		w.raw(`<ul class="figures">`)
		for _, f := range m.Figures {
			w.raw(`<li><strong class="figure-value">`)
			w.text(f.Value)
			w.raw(`</strong> <span class="figure-label">`)
			w.text(f.Label)
			w.raw("</span></li>")
		}
		w.raw("</ul>")
	}
	w.raw("\n</aside>\n")
	w.content(d)
	w.pageEnd(d)
	return true
}

func (w *writer) exercise(d *Data) bool {
	p := d.Page
	if p == nil || p.Doc == nil {
		return false
	}
	w.raw(`<article class="page page-exercise exercise" data-progress-page="`)
	w.text(d.URL)
	w.raw(`" data-exercise="`)
	w.text(d.URL)
	w.raw("\">\n")
	w.pagehead(d)
	w.raw("\n<p class=\"exercise-intro\">")
	w.text(d.T("exercise_intro"))
	w.raw("</p>\n<div class=\"content\">")
	w.raw(string(p.Doc.HTML))
	w.raw("</div>\n<p class=\"exercise-score\" role=\"status\" aria-live=\"polite\" hidden></p>\n")
	w.pageEnd(d)
	return true
}

func (w *writer) term(d *Data) bool {
	p := d.Page
	if p == nil || p.Doc == nil {
		return false
	}
	w.article(d, "term")
	w.breadcrumbs(d)
	w.raw("\n<header class=\"page-header\">\n<p class=\"page-type\">")
	w.text(d.T("type.term"))
	w.raw("</p>\n<h1>")
	w.text(d.Title)
	w.raw("</h1>\n")
	if len(p.Meta.Aliases) > 0 {
		w.raw(`<p class="aliases">`)
		w.text(d.T("aliases"))
		w.raw(": ")
		for i, a := range p.Meta.Aliases {
			if i > 0 {
				w.raw(", ")
			}
			w.raw("<i>")
			w.text(a)
			w.raw("</i>")
		}
		w.raw("</p>")
	}
	w.raw("\n</header>\n<p class=\"definition\"><strong>")
	w.text(d.T("definition"))
	w.raw(":</strong> ")
	w.text(p.Meta.Description)
	w.raw("</p>\n<div class=\"content\">")
	w.raw(string(p.Doc.HTML))
	w.raw("</div>\n")
	w.tags(d)
	w.raw("\n")
	w.related(d)
	w.raw("\n")
	if len(p.Backlinks) > 0 {
		w.raw(`<section class="backlinks" aria-labelledby="backlinks-title"><h2 id="backlinks-title">`)
		w.text(d.T("backlinks"))
		w.raw("</h2>\n<ul>")
		for _, b := range p.Backlinks {
			w.raw("<li>")
			w.link(d, b)
			w.raw("</li>")
		}
		w.raw("</ul></section>")
	}
	w.raw("\n")
	w.pager(d)
	w.raw("\n</article>")
	return true
}

func (w *writer) list(d *Data) bool {
	if d.Section == nil {
		return false
	}
	w.raw("<article class=\"page page-list\">\n")
	w.breadcrumbs(d)
	w.raw("\n<header class=\"page-header\"><h1>")
	w.text(d.Title)
	w.raw("</h1>\n")
	if d.Page != nil {
		w.lead(d.Page.Meta.Description)
	}
	w.raw("\n<p class=\"count\">")
	w.text(d.Tn("pages", len(d.Section.Pages)))
	w.raw("</p></header>\n")
	if p := d.Page; p != nil {
		if p.Doc == nil {
			return false
		}
		w.raw(`<div class="content">`)
		w.raw(string(p.Doc.HTML))
		w.raw("</div>")
	}
	w.raw("\n<h2 class=\"visually-hidden\">")
	w.text(d.T("list_heading"))
	w.raw("</h2>\n")
	w.pagelist(d, d.Section.Pages)
	w.raw("\n</article>")
	return true
}
