package generator

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/xml"
	"fmt"
	"github.com/razem/razem/generator/markdown"
	"io/fs"
	"path"
	"slices"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/razem/razem/generator/config"
	"github.com/razem/razem/generator/diag"
	"github.com/razem/razem/generator/lang"
	"github.com/razem/razem/generator/minify"
	"github.com/razem/razem/generator/page"
	"github.com/razem/razem/generator/publish"
	"github.com/razem/razem/generator/render"
	"github.com/razem/razem/generator/site"
)

// job is one layout execution.
type job struct {
	layout string
	data   *render.Data
	name   string     // what diagnostics call it: the source file, or the output
	page   *site.Page // whose converted HTML it shows (before trainerView), if any
}

// slot names a job's output in the render cache: both editions have the
// same paths.
func (j job) slot() slot { return slot{url: j.data.URL, trainer: j.data.Trainer} }

// key identifies a job's output: the site epoch covers everything it shows
// of other pages, the body of its own page covers the rest.
func (j job) key(b *Builder, epoch key) renderKey {
	k := renderKey{epoch: epoch, layout: j.layout, kind: j.data.Kind, target: j.data.Target}
	if j.data.Page != nil {
		k.src = b.srcKey(j.data.Page.Path)
	}
	if len(j.data.Handout) > 0 { // a handout shows its steps' bodies
		parts := make([]any, len(j.data.Handout))
		for i, h := range j.data.Handout {
			parts[i] = b.srcKey(h.Page.Path)
		}
		k.more = keyOf(parts...)
	}
	return k
}

// renderSite renders every HTML page and the generated XML files of the
// learner edition and, with Options.Trainer, of the trainer edition.
func (b *Builder) renderSite(s *site.Site, theme *render.Theme, cfg config.Config, o Options, convs converters, epoch key, l *diag.List) (learner, trainer []publish.File) {
	m := minify.New(cfg.Build.Minify)
	out, assets := b.themeAssets(theme, m, cfg.Build.Minify)
	handouts := b.handouts(s, cfg, theme, convs)
	// The editions are planned side by side: 10,000 pages take each about
	// 6 ms, on every save in razem serve.
	var jobs, trainerJobs []job
	var planned sync.WaitGroup
	if o.Trainer {
		planned.Go(func() { trainerJobs = planPages(s, theme, cfg, assets, handouts, true) })
	}
	jobs = planPages(s, theme, cfg, assets, handouts, false)
	planned.Wait()
	jobs = append(jobs, trainerJobs...)
	results := make([]publish.File, len(jobs))
	// Pages handed to a Sink, and kept by no cache, render into recycled
	// buffers: 15,000 fresh ones of 20 KB or more were page faults,
	// zeroing and collection.
	var bufs *sync.Pool
	if o.Sink != nil && b == nil {
		bufs = &sync.Pool{}
	}
	// With the built-in theme a page's HTML is shown by its own outputs
	// alone (page, slides, plan, in both editions): a one-off build drops
	// it once they are written, rather than holding every page's HTML
	// until the last page renders (100 MB at 10,000 pages, at the heap's
	// peak). left counts each page's outputs still to render.
	var left map[*site.Page]*atomic.Int32
	if o.Sink != nil && b == nil && theme.Stock() {
		left = map[*site.Page]*atomic.Int32{}
		for _, j := range jobs {
			if j.page != nil && j.page.Doc != nil {
				n := left[j.page]
				if n == nil {
					n = new(atomic.Int32)
					left[j.page] = n
				}
				n.Add(1)
			}
		}
	}
	forEach(len(jobs), func(i int) {
		j := jobs[i]
		var buf *[]byte
		sink := o.Sink
		if j.data.Trainer {
			sink = o.TrainerSink
		}
		data, ok := b.render(j.slot(), func() renderKey { return j.key(b, epoch) }, func() ([]byte, bool) {
			var dst []byte
			if bufs != nil {
				buf, _ = bufs.Get().(*[]byte)
				if buf == nil {
					buf = new([]byte)
				}
				dst = (*buf)[:0]
			}
			html, d := theme.ExecuteTo(dst, j.layout, j.data, j.name)
			if d != nil {
				l.Append(*d)
				return nil, false
			}
			html = m.HTML(html)
			if buf != nil {
				*buf = html
			}
			return html, true
		})
		f := publish.File{Path: j.data.URL, Data: data}
		if buf != nil {
			f.Done = func() { bufs.Put(buf) }
		}
		switch {
		case !ok:
		case sink != nil:
			if err := sink(f); err != nil {
				l.Add(diag.Pos{File: f.Path}, "writing the output: %v", err)
			}
		default:
			results[i] = f
		}
		if n := left[j.page]; n != nil && n.Add(-1) == 0 {
			dropHTML(j.page.Doc)
		}
	})
	// The sitemap and the feed show only what the site epoch covers (URLs,
	// front matter, the config), so an edit of a page body reuses them.
	for _, x := range []struct {
		name string
		make func(*site.Site, config.Config) []byte
	}{{"sitemap.xml", sitemap}, {"feed.xml", feed}} {
		data, _ := b.render(slot{url: x.name}, func() renderKey { return renderKey{epoch: epoch, layout: x.name} }, func() ([]byte, bool) {
			return m.Bytes(x.name, x.make(s, cfg)), true
		})
		out = append(out, publish.File{Path: x.name, Data: data})
	}
	out = slices.Grow(out, len(jobs))
	if o.Trainer { // the assets, sitemap and feed are the same files
		trainer = append(make([]publish.File, 0, len(out)+len(jobs)), out...)
	}
	for i, f := range results {
		switch {
		case f.Path == "":
		case jobs[i].data.Trainer:
			trainer = append(trainer, f)
		default:
			out = append(out, f)
		}
	}
	return out, trainer
}

// dropHTML clears what a page's outputs show of its conversion, in both
// editions; what other pages read of it (word and question counts, the
// table of contents, notes) stays.
func dropHTML(d *markdown.Output) {
	for _, o := range []*markdown.Output{d, d.Trainer} {
		if o != nil {
			o.HTML, o.TOCHTML, o.Slides = "", "", nil
		}
	}
}

// themeAssets returns the theme's assets minified, under names that carry
// a hash of their content. A Builder keeps them while the theme is the
// same: minifying the theme's scripts took milliseconds of every save.
func (b *Builder) themeAssets(theme *render.Theme, m *minify.Minifier, minified bool) ([]publish.File, map[string]string) {
	if b == nil {
		return themeAssets(theme, m)
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	if c := b.assets; c.theme != theme || c.minified != minified {
		out, names := themeAssets(theme, m)
		b.assets = assetCache{theme, minified, out, names}
	}
	return slices.Clone(b.assets.out), b.assets.names
}

// assetCache is Builder.themeAssets' cache.
type assetCache struct {
	theme    *render.Theme
	minified bool
	out      []publish.File
	names    map[string]string // read-only once made
}

// themeAssets minifies and fingerprints the theme's CSS and JS, so servers
// may cache them forever; other static files keep their names.
func themeAssets(theme *render.Theme, m *minify.Minifier) ([]publish.File, map[string]string) {
	names := make([]string, 0, len(theme.Static))
	for n := range theme.Static {
		names = append(names, n)
	}
	sort.Strings(names) // sort for determinism
	var out []publish.File
	assets := map[string]string{}
	for _, n := range names {
		b := m.Bytes(n, theme.Static[n])
		outPath := "assets/" + n
		if ext := path.Ext(n); ext == ".css" || ext == ".js" {
			sum := sha256.Sum256(b)
			outPath = "assets/" + strings.TrimSuffix(n, ext) + "." + hex.EncodeToString(sum[:4]) + ext
		}
		assets[n] = outPath
		out = append(out, publish.File{Path: outPath, Data: b})
	}
	return out, assets
}

// planPages lists every HTML output of one edition with its layout and
// data. Each language has its own home, list, tag and search pages; a page
// sees the view of its own language (site.Site.In), so its navigation
// stays there. The trainer edition shows each page's trainer rendering and
// adds a session plan per module and path.
func planPages(s *site.Site, theme *render.Theme, cfg config.Config, assets map[string]string, handouts map[*site.Page][]render.HandoutStep, trainer bool) []job {
	jobs := make([]job, 0, len(s.Pages)+len(s.Pages)/2+64) // a page and some variants; growing 20,000 jobs by doubling copied megabytes on every save
	shared := map[string]*render.Shared{}
	for _, code := range s.Languages {
		shared[code] = render.NewShared(theme.StringsFor(code))
	}
	// Each job's data is taken from blocks of 512 rather than allocated on
	// its own: 20,000 of them on every save in razem serve.
	var block []render.Data
	has := map[string]bool{} // the theme's layouts, as asked: few, and hot
	add := func(layout, url, name string, data render.Data) {
		page := data.Page
		if len(block) == cap(block) {
			block = make([]render.Data, 0, 512)
		}
		block = append(block, data)
		d := &block[len(block)-1]
		d.Trainer = trainer
		if trainer {
			d.Page = trainerView(d.Page)
			if d.Handout != nil {
				steps := make([]render.HandoutStep, len(d.Handout))
				for i, st := range d.Handout {
					steps[i] = render.HandoutStep{Page: st.Page, Doc: st.Doc.ForEdition(true)}
				}
				d.Handout = steps
			}
		}
		if d.Lang == "" {
			d.Lang = cfg.Language
		}
		d.Site, d.Config, d.URL, d.Assets = s.In(d.Lang), &cfg, url, assets
		d.Strings, d.Shared = theme.StringsFor(d.Lang), shared[d.Lang]
		switch {
		case d.Title != "":
		case d.Kind == "list": // a folder with no index.md: its UI name ("Schulungsmodule")
			d.Title = d.SectionTitle(d.Section)
		default:
			d.Title = d.Strings[map[string]string{"404": "not_found_title", "search": "search_title", "tags": "all_tags"}[d.Kind]]
		}
		ok, seen := has[layout]
		if !seen {
			ok = theme.Has(layout)
			has[layout] = ok
		}
		if !ok {
			layout = "page"
		}
		jobs = append(jobs, job{layout: layout, data: d, name: name, page: page})
	}
	// Generated pages are translations of the same page in the other
	// languages: every language has a home, a tag list and a search page,
	// and sections of the same folder name translate each other.
	each := func(url func(v *site.Site) string) map[string]string {
		out := map[string]string{}
		for _, code := range s.Languages {
			out[code] = url(s.In(code))
		}
		return out
	}
	homes := each(func(v *site.Site) string { return v.HomeURL })
	tagLists := each(func(v *site.Site) string { return v.TagsURL })
	searches := each(func(v *site.Site) string { return v.SearchURL })
	sectionsByName := map[string]map[string]string{}
	for _, sec := range s.Sections {
		if sectionsByName[sec.Name] == nil {
			sectionsByName[sec.Name] = map[string]string{}
		}
		if _, dup := sectionsByName[sec.Name][sec.Lang]; !dup {
			sectionsByName[sec.Name][sec.Lang] = sec.URL
		}
	}
	sections := map[string]bool{}
	for _, sec := range s.Sections {
		layout := "list"
		if sec.Type == page.TypeTerm {
			layout = "glossary"
		}
		title := ""
		if sec.Intro != nil {
			title = sec.Intro.Meta.Title
		}
		add(layout, sec.URL, sec.URL, render.Data{Kind: "list", Section: sec, Page: sec.Intro, Title: title, Lang: sec.Lang,
			Alternates: alternates(sectionsByName[sec.Name], sec.Lang)})
		sections[sec.URL] = true
	}
	for _, p := range s.Pages {
		if sections[p.URL] {
			continue // a section's index.md is the intro of its list page
		}
		if v := s.In(p.Meta.Lang); p == v.Home && p.URL == v.HomeURL {
			add("home", p.URL, p.File, render.Data{Kind: "home", Page: p, Title: p.Meta.Title, Lang: p.Meta.Lang, Alternates: alternates(homes, p.Meta.Lang)})
			continue
		}
		add(p.Meta.Type, p.URL, p.File, render.Data{Kind: "page", Page: p, Title: p.Meta.Title, Lang: p.Meta.Lang, Alternates: pageAlternates(p)})
		if p.Meta.Type == page.TypeModule {
			add("slides", render.Variant(p.URL, "slajdy"), p.File, render.Data{Kind: "slides", Page: p, Title: p.Meta.Title, Lang: p.Meta.Lang})
		}
		if p.Meta.Type == page.TypePath {
			add("handout", render.Variant(p.URL, "wydruk"), p.File, render.Data{Kind: "handout", Page: p, Title: p.Meta.Title, Lang: p.Meta.Lang, Handout: handouts[p]})
			add("certificate", render.Variant(p.URL, "certyfikat"), p.File, render.Data{Kind: "certificate", Page: p, Title: p.Meta.Title, Lang: p.Meta.Lang})
		}
		if trainer && (p.Meta.Type == page.TypeModule || p.Meta.Type == page.TypePath) {
			add("plan", render.Variant(p.URL, "plan"), p.File, render.Data{Kind: "plan", Page: p, Title: p.Meta.Title, Lang: p.Meta.Lang})
		}
		if p.Meta.Type != page.TypeTerm {
			for _, a := range p.Meta.Aliases {
				u := site.URLFor(strings.Trim(a, "/") + ".md")
				if s.ByURL(u) == nil {
					add("redirect", u, p.File, render.Data{Kind: "redirect", Page: p, Title: p.Meta.Title, Target: p.URL, Lang: p.Meta.Lang})
				}
			}
		}
	}
	for _, code := range s.Languages {
		v := s.In(code)
		if v.Home == nil {
			title := cfg.Title
			add("home", v.HomeURL, v.HomeURL, render.Data{Kind: "home", Title: title, Lang: code, Alternates: alternates(homes, code)})
		}
		add("tags", v.TagsURL, v.TagsURL, render.Data{Kind: "tags", Lang: code, Alternates: alternates(tagLists, code)})
		for _, t := range v.Tags {
			add("tag", t.URL, t.URL, render.Data{Kind: "tag", Tag: t, Title: t.Name, Lang: code})
		}
		add("search", v.SearchURL, v.SearchURL, render.Data{Kind: "search", Lang: code, Alternates: alternates(searches, code)})
	}
	add("404", "404.html", "404.html", render.Data{Kind: "404"})
	return jobs
}

// alternates lists a page's versions (language → output path) for the
// language switcher and hreflang links; nil when there is only one.
func alternates(urls map[string]string, current string) []render.Alternate {
	if len(urls) < 2 {
		return nil
	}
	codes := make([]string, 0, len(urls))
	for c := range urls {
		codes = append(codes, c)
	}
	sort.Strings(codes) // sort for determinism
	out := make([]render.Alternate, len(codes))
	for i, c := range codes {
		out[i] = render.Alternate{Lang: c, Label: lang.Label(c), Name: lang.Native(c), URL: urls[c], Current: c == current}
	}
	return out
}

// pageAlternates are the alternates of a page: its translations.
func pageAlternates(p *site.Page) []render.Alternate {
	if p.Translations == nil {
		return nil
	}
	urls := map[string]string{}
	for _, t := range p.Translations {
		urls[t.Meta.Lang] = t.URL
	}
	return alternates(urls, p.Meta.Lang)
}

// trainerView is a page as the trainer edition shows it: its document's
// trainer rendering (the rest of the page is shared).
func trainerView(p *site.Page) *site.Page {
	if p == nil || p.Doc == nil || p.Doc.Trainer == nil {
		return p
	}
	v := *p
	v.Doc = p.Doc.Trainer
	return &v
}

// assetFiles lists the output paths of content assets and static folders
// (so links to them resolve) and what to copy where: the content assets
// (only those pages link to are copied, see referenced) and the files of
// static folders (all of them).
func assetFiles(fsys fs.FS, cfg config.Config, assets []sourceFile, l *diag.List) (outs []string, content, static [][2]string, err error) {
	for _, a := range assets {
		if a.Problem != "" {
			l.Add(diag.Pos{File: path.Join(cfg.ContentDir, a.Path)}, "%s", a.Problem)
			continue
		}
		outs = append(outs, a.Path)
		content = append(content, [2]string{path.Join(cfg.ContentDir, a.Path), a.Path})
	}
	for _, st := range cfg.Static {
		cs, err := listStatic(fsys, st.From, st.To, l)
		if err != nil {
			return nil, nil, nil, err
		}
		for _, c := range cs {
			outs = append(outs, c[1])
			static = append(static, c)
		}
	}
	return outs, content, static, nil
}

// referenced keeps the content assets that a published page links to, in
// Markdown or in raw HTML it publishes: a notes.txt beside the pages, an
// editor's x.md.bak or an image only a draft shows stays unpublished.
// Files a trainer note links to count for both editions.
func referenced(s *site.Site, content [][2]string) [][2]string {
	used := map[string]bool{}
	for _, p := range s.Pages {
		for _, f := range p.Doc.Files {
			used[f] = true
		}
	}
	out := content[:0]
	for _, c := range content {
		if used[c[1]] {
			out = append(out, c)
		}
	}
	return out
}

func copyFiles(fsys fs.FS, copies [][2]string, l *diag.List) []publish.File {
	out := make([]publish.File, len(copies))
	forEach(len(copies), func(i int) {
		b, err := fs.ReadFile(fsys, copies[i][0])
		if err != nil {
			l.Add(diag.Pos{File: copies[i][0]}, "%v", err)
			return
		}
		out[i] = publish.File{Path: copies[i][1], Data: b}
	})
	return out
}

// sortFiles orders outputs by path and drops empty slots and duplicates (a
// later file of the same path wins: content assets over theme files).
func sortFiles(fs []publish.File) []publish.File {
	sort.SliceStable(fs, func(i, j int) bool { return fs[i].Path < fs[j].Path })
	out := fs[:0]
	for _, f := range fs {
		if f.Path == "" {
			continue
		}
		if len(out) > 0 && out[len(out)-1].Path == f.Path {
			out[len(out)-1] = f
			continue
		}
		out = append(out, f)
	}
	return out
}

func absURL(cfg config.Config, u string) string { return site.AbsURL(cfg.BaseURL, u) }

func lastMod(p *site.Page) time.Time {
	if !p.Meta.Updated.IsZero() {
		return p.Meta.Updated
	}
	return p.Meta.Date
}

// sitemap lists every page, and for a page with translations every
// version of it (xhtml:link alternates, as search engines read them).
// Sitemaps need absolute addresses, so without base_url the addresses are
// relative to the sitemap (documented).
func sitemap(s *site.Site, cfg config.Config) []byte {
	var b strings.Builder
	b.WriteString(xml.Header + `<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"`)
	if len(s.Languages) > 1 {
		b.WriteString(` xmlns:xhtml="http://www.w3.org/1999/xhtml"`)
	}
	b.WriteString(">\n")
	for _, p := range s.Pages {
		b.WriteString("<url><loc>")
		_ = xml.EscapeText(&b, []byte(absURL(cfg, p.URL)))
		b.WriteString("</loc>")
		if t := lastMod(p); !t.IsZero() {
			b.WriteString("<lastmod>" + t.Format("2006-01-02") + "</lastmod>")
		}
		for _, a := range pageAlternates(p) {
			b.WriteString(`<xhtml:link rel="alternate" hreflang="` + a.Lang + `" href="`)
			_ = xml.EscapeText(&b, []byte(absURL(cfg, a.URL)))
			b.WriteString(`"/>`)
		}
		b.WriteString("</url>\n")
	}
	b.WriteString("</urlset>\n")
	return []byte(b.String())
}

// feed is an Atom feed of dated material, newest first.
func feed(s *site.Site, cfg config.Config) []byte {
	var dated []*site.Page
	for _, p := range s.Pages {
		if !lastMod(p).IsZero() {
			dated = append(dated, p)
		}
	}
	sort.SliceStable(dated, func(i, j int) bool {
		a, b := lastMod(dated[i]), lastMod(dated[j])
		if !a.Equal(b) {
			return a.After(b)
		}
		return dated[i].URL < dated[j].URL
	})
	if len(dated) > 50 {
		dated = dated[:50]
	}
	updated := time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)
	if len(dated) > 0 {
		updated = lastMod(dated[0])
	}
	id := func(u string) string {
		if cfg.BaseURL != "" {
			return absURL(cfg, u)
		}
		return "urn:razem:" + u
	}
	esc := func(s string) string {
		var b strings.Builder
		_ = xml.EscapeText(&b, []byte(s))
		return b.String()
	}
	var b strings.Builder
	b.WriteString(xml.Header + `<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="` + cfg.Language + `">`)
	b.WriteString("<title>" + esc(cfg.Title) + "</title><id>" + esc(id("")) + "</id><updated>" + updated.Format(time.RFC3339) + "</updated>")
	b.WriteString(`<link rel="self" href="feed.xml"/><link href="index.html"/>`)
	for _, p := range dated {
		b.WriteString("<entry")
		if p.Meta.Lang != cfg.Language {
			b.WriteString(` xml:lang="` + p.Meta.Lang + `"`)
		}
		b.WriteString("><title>" + esc(p.Meta.Title) + "</title><id>" + esc(id(p.URL)) + "</id>")
		b.WriteString(`<link href="` + esc(absURL(cfg, p.URL)) + `"/>`)
		b.WriteString("<updated>" + lastMod(p).Format(time.RFC3339) + "</updated>")
		if p.Meta.Description != "" {
			b.WriteString("<summary>" + esc(p.Meta.Description) + "</summary>")
		}
		b.WriteString("<author><name>" + esc(cfg.Title) + "</name></author></entry>")
	}
	b.WriteString("</feed>\n")
	return []byte(b.String())
}

// handouts converts the steps of every learning path again for its
// printable handout: ids get a per-step prefix (every module has a
// „Podsumowanie”) and links are made relative to the handout page.
// Glossary tooltips are left out of print. Problems in the steps were
// reported when the steps themselves were converted.
func (b *Builder) handouts(s *site.Site, cfg config.Config, theme *render.Theme, convs converters) map[*site.Page][]render.HandoutStep {
	out := map[*site.Page][]render.HandoutStep{}
	env := b.envKey(s, cfg, theme)
	for _, p := range s.Paths() {
		handoutURL := render.Variant(p.URL, "wydruk")
		steps := make([]render.HandoutStep, len(p.Steps))
		forEach(len(p.Steps), func(i int) {
			st := p.Steps[i]
			virtual := &site.Page{Page: st.Page, URL: handoutURL, Section: st.Section}
			conv := convs.of(st.Meta.Lang)
			in := markdown.Input{File: st.File, Body: st.Body, BodyLine: st.BodyLine, Exercise: st.Meta.Type == page.TypeExercise,
				Links: s.Resolver(virtual), IDPrefix: fmt.Sprintf("krok-%d-", i+1)}
			var discard diag.List
			cacheKey := func() key { return keyOf(env, handoutURL, in.IDPrefix, b.srcKey(st.Path), st.Meta.Lang, st.Meta.Type) }
			doc := b.convert("handout:"+handoutURL+":"+in.IDPrefix, cacheKey, func(l *diag.List) *markdown.Output { return conv.Convert(in, l) }, &discard)
			steps[i] = render.HandoutStep{Page: st, Doc: doc}
		})
		out[p] = steps
	}
	return out
}
