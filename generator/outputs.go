package generator

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/xml"
	"fmt"
	"github.com/razem/razem/generator/markdown"
	"io/fs"
	"path"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/razem/razem/generator/config"
	"github.com/razem/razem/generator/diag"
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
	name   string // what diagnostics call it: the source file, or the output
}

// slot names a job's output in the render cache: both editions have the
// same paths.
func (j job) slot() string {
	if j.data.Trainer {
		return "trainer:" + j.data.URL
	}
	return j.data.URL
}

// key identifies a job's output: the site epoch covers everything it shows
// of other pages, the body of its own page covers the rest.
func (j job) key(b *Builder, epoch key) key {
	parts := []any{epoch, j.layout, j.data.URL, j.data.Kind, j.data.Target, j.data.Trainer}
	if j.data.Page != nil {
		parts = append(parts, b.srcKey(j.data.Page.Path))
	}
	for _, h := range j.data.Handout { // a handout shows its steps' bodies
		parts = append(parts, b.srcKey(h.Page.Path))
	}
	return keyOf(parts...)
}

// renderSite renders every HTML page and the generated XML files of the
// learner edition and, with Options.Trainer, of the trainer edition.
func (b *Builder) renderSite(s *site.Site, theme *render.Theme, cfg config.Config, o Options, convs converters, epoch key, l *diag.List) (learner, trainer []publish.File) {
	m := minify.New(cfg.Build.Minify)
	out, assets := themeAssets(theme, m)
	handouts := b.handouts(s, cfg, theme, convs)
	jobs := planPages(s, theme, cfg, assets, handouts, false)
	if o.Trainer {
		jobs = append(jobs, planPages(s, theme, cfg, assets, handouts, true)...)
	}
	results := make([]publish.File, len(jobs))
	// Pages handed to a Sink, and kept by no cache, render into recycled
	// buffers: 15,000 fresh ones of 20 KB or more were page faults,
	// zeroing and collection.
	var bufs *sync.Pool
	if o.Sink != nil && b == nil {
		bufs = &sync.Pool{}
	}
	forEach(len(jobs), func(i int) {
		j := jobs[i]
		var buf *[]byte
		sink := o.Sink
		if j.data.Trainer {
			sink = o.TrainerSink
		}
		data, ok := b.render(j.slot(), func() key { return j.key(b, epoch) }, func() ([]byte, bool) {
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
	})
	out = append(out,
		publish.File{Path: "sitemap.xml", Data: m.Bytes("sitemap.xml", sitemap(s, cfg))},
		publish.File{Path: "feed.xml", Data: m.Bytes("feed.xml", feed(s, cfg))},
	)
	if o.Trainer { // the assets, sitemap and feed are the same files
		trainer = append(trainer, out...)
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
// data. The trainer edition shows each page's trainer rendering and adds a
// session plan per module and path.
func planPages(s *site.Site, theme *render.Theme, cfg config.Config, assets map[string]string, handouts map[*site.Page][]render.HandoutStep, trainer bool) []job {
	var jobs []job
	shared := map[string]*render.Shared{}
	for lang, strs := range theme.Strings {
		shared[lang] = render.NewShared(strs)
	}
	add := func(layout, url, name string, d render.Data) {
		d.Site, d.Config, d.URL, d.Assets, d.Trainer = s, &cfg, url, assets, trainer
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
		d.Strings, d.Shared = theme.Strings[d.Lang], shared[d.Lang]
		if d.Strings == nil {
			d.Strings, d.Shared = theme.Strings["pl"], shared["pl"]
		}
		if d.Title == "" {
			d.Title = d.Strings[map[string]string{"404": "not_found_title", "search": "search_title", "tags": "all_tags"}[d.Kind]]
		}
		if !theme.Has(layout) {
			layout = "page"
		}
		jobs = append(jobs, job{layout: layout, data: &d, name: name})
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
		add(layout, sec.URL, sec.URL, render.Data{Kind: "list", Section: sec, Page: sec.Intro, Title: title})
		sections[sec.URL] = true
	}
	for _, p := range s.Pages {
		if sections[p.URL] {
			continue // a section's index.md is the intro of its list page
		}
		if p == s.Home {
			add("home", "index.html", p.File, render.Data{Kind: "home", Page: p, Title: p.Meta.Title, Lang: p.Meta.Lang})
			continue
		}
		add(p.Meta.Type, p.URL, p.File, render.Data{Kind: "page", Page: p, Title: p.Meta.Title, Lang: p.Meta.Lang})
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
					add("redirect", u, p.File, render.Data{Kind: "redirect", Page: p, Title: p.Meta.Title, Target: p.URL})
				}
			}
		}
	}
	if s.Home == nil {
		add("home", "index.html", "index.html", render.Data{Kind: "home", Title: cfg.Title})
	}
	add("tags", "tagi/index.html", "tagi/index.html", render.Data{Kind: "tags"})
	for _, t := range s.Tags {
		add("tag", t.URL, t.URL, render.Data{Kind: "tag", Tag: t, Title: t.Name})
	}
	add("search", "szukaj/index.html", "szukaj/index.html", render.Data{Kind: "search"})
	add("404", "404.html", "404.html", render.Data{Kind: "404"})
	return jobs
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
// (so links to them resolve) and what to copy where.
func assetFiles(fsys fs.FS, cfg config.Config, assets []sourceFile) ([]string, [][2]string, error) {
	var outs []string
	var copies [][2]string
	for _, a := range assets {
		outs = append(outs, a.Path)
		copies = append(copies, [2]string{path.Join(cfg.ContentDir, a.Path), a.Path})
	}
	for _, st := range cfg.Static {
		cs, err := listStatic(fsys, st.From, st.To)
		if err != nil {
			return nil, nil, err
		}
		for _, c := range cs {
			outs = append(outs, c[1])
			copies = append(copies, c)
		}
	}
	return outs, copies, nil
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

// sitemap lists every page. Sitemaps need absolute addresses, so without
// base_url the addresses are relative to the sitemap (documented).
func sitemap(s *site.Site, cfg config.Config) []byte {
	var b strings.Builder
	b.WriteString(xml.Header + `<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">` + "\n")
	for _, p := range s.Pages {
		b.WriteString("<url><loc>")
		_ = xml.EscapeText(&b, []byte(absURL(cfg, p.URL)))
		b.WriteString("</loc>")
		if t := lastMod(p); !t.IsZero() {
			b.WriteString("<lastmod>" + t.Format("2006-01-02") + "</lastmod>")
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
		b.WriteString("<entry><title>" + esc(p.Meta.Title) + "</title><id>" + esc(id(p.URL)) + "</id>")
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
