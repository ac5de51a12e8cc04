package generator

import (
	"fmt"
	"path"
	"strings"

	"github.com/razem/razem/generator/diag"
	"github.com/razem/razem/generator/render"
	"github.com/razem/razem/generator/server"
	"github.com/razem/razem/generator/site"
)

// collisions reports content that would be published where razem puts a
// page or file of its own: content/szukaj/index.md on the search page,
// content/tagi.md on the tag list, content/moduly.md on the list of
// moduly/, an image named like the sitemap. Without this one of the two
// silently replaced the other. Every language's generated pages count.
func collisions(s *site.Site, theme *render.Theme, cfg configView, copies [][2]string, l *diag.List) {
	generated, lists := generatedPages(s), sectionLists(s)
	for _, p := range s.Pages {
		what, ok := generated[p.URL]
		if !ok {
			what, ok = lists[p.URL]
		}
		if !ok || what.page == p || what.section != "" && p.Path == what.section+"/index.md" {
			continue // an index.md that is not its folder's intro has an error of its own (its lang)
		}
		advice := "rename or move the file"
		if what.section != "" {
			advice = fmt.Sprintf("to introduce that list, move it to %s", path.Join(cfg.contentDir, what.section, "index.md"))
		}
		l.Add(diag.Pos{File: p.File, Line: 1, Col: 1}, "published at %s, where razem generates %s; %s", p.URL, what.name, advice)
	}
	for _, sec := range s.Sections {
		if what, ok := generated[sec.URL]; ok && len(sec.Pages) > 0 {
			l.Add(diag.Pos{File: sec.Pages[0].File, Line: 1, Col: 1}, "the folder %s is listed at %s, where razem generates %s; rename the folder",
				strings.TrimSuffix(sec.URL, "index.html"), sec.URL, what.name)
		}
	}
	files := map[string]string{
		"sitemap.xml": "the sitemap", "feed.xml": "the feed", "404.html": "the 404 page",
		server.ServiceWorkerFile: "the service worker", server.ManifestFile: "the web app manifest",
	}
	for n := range theme.Static {
		files["assets/"+n] = "a file of the theme"
	}
	for _, c := range copies {
		out := c[1]
		what := files[out]
		g, ok := generated[out]
		if !ok {
			g, ok = lists[out]
		}
		switch {
		case what != "":
		case ok:
			what = g.name
		case s.ByURL(out) != nil:
			what = "the page of " + s.ByURL(out).File
		case cfg.search && (out == "search" || strings.HasPrefix(out, "search/")):
			what = "the search index (search/)"
		case isVariant(s, out):
			what = "a version of the page beside it (slides, handout, session plan)"
		default:
			continue
		}
		l.Add(diag.Pos{File: c[0]}, "published at %s, where razem puts %s; rename or move the file", out, what)
	}
}

// configView is what collisions needs of the config.
type configView struct {
	contentDir string
	search     bool
}

// generatedPage is a page razem makes: what to call it, and the content
// page that belongs at its URL (a section's index.md, a language's home).
type generatedPage struct {
	name    string
	page    *site.Page
	section string // the folder, for a section's list
}

// generatedPages lists the URLs of the pages razem makes itself in every
// language: homes, tag lists, tag pages and search pages.
func generatedPages(s *site.Site) map[string]generatedPage {
	out := map[string]generatedPage{}
	multi := len(s.Languages) > 1
	for _, code := range s.Languages {
		v := s.In(code)
		of := ""
		if multi {
			of = " (" + code + ")"
		}
		out[v.HomeURL] = generatedPage{name: "the home page" + of, page: v.Home}
		out[v.TagsURL] = generatedPage{name: "the list of tags" + of}
		out[v.SearchURL] = generatedPage{name: "the search page" + of}
		for _, t := range v.Tags {
			out[t.URL] = generatedPage{name: "the page of tag #" + t.Name + of}
		}
	}
	return out
}

// sectionLists lists the URLs of the sections' list pages, with the
// index.md that introduces each.
func sectionLists(s *site.Site) map[string]generatedPage {
	out := map[string]generatedPage{}
	for _, sec := range s.Sections {
		name := "the list of " + strings.TrimSuffix(sec.URL, "index.html")
		out[sec.URL] = generatedPage{name: name, page: sec.Intro, section: strings.TrimSuffix(sec.URL, "/index.html")}
	}
	return out
}

// isVariant says whether out is where a page's slides, trainer version,
// handout or session plan go (beside its index.html).
func isVariant(s *site.Site, out string) bool {
	dir, name := path.Split(out)
	switch name {
	case "slajdy.html", "trener.html", "wydruk.html", "plan.html":
		return s.ByURL(dir+"index.html") != nil
	}
	return false
}
