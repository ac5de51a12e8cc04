package site

import (
	"cmp"
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/razem/razem/generator/diag"
	"github.com/razem/razem/generator/page"
)

// Assemble links converted pages together: it checks anchors and front
// matter references, and builds sections, tags, learning paths and
// previous/next links. linkSev is the severity of dangling links.
func (s *Site) Assemble(linkSev diag.Severity, l *diag.List) {
	// Tags touch nothing else the rest reads or writes (a page's Tags,
	// each view's Tags): they are gathered beside it, which razem serve's
	// rebuild of the site on every save waits for (6 ms at 10,000 pages).
	tagged := make(chan struct{})
	go func() {
		defer close(tagged)
		for _, code := range s.Languages {
			s.views[code].buildTags()
		}
	}()
	for _, p := range s.Pages {
		s.checkRefs(p, linkSev, l)
		p.Related = s.refs(p, "related", p.Meta.Related, nil, linkSev, l)
		p.Prerequisites = s.refs(p, "prerequisites", p.Meta.Prerequisites, []string{page.TypeModule}, linkSev, l)
		p.Steps = s.refs(p, "steps", p.Meta.Steps, []string{page.TypeModule, page.TypeExercise, page.TypeCase, page.TypePage}, diag.Error, l)
	}
	for _, code := range s.Languages { // each language's navigation stays within it
		v := s.views[code]
		v.buildSections()
		s.Sections = append(s.Sections, v.Sections...)
	}
	s.buildPaths()
	s.checkTerms(l)
	<-tagged
	for _, code := range s.Languages {
		s.Tags = append(s.Tags, s.views[code].Tags...)
	}
}

// checkTerms reports a glossary form (a term's title or alias) that
// another term of the same language already has, or that a term repeats:
// a mention could link to one of them only, and the A–Z page would list
// the word twice. Forms are compared as readers see them: case and runs of
// white space aside. The first term by path keeps the form.
func (s *Site) checkTerms(l *diag.List) {
	type owner struct {
		file, role string
	}
	seen := map[string]owner{}  // language + form → where it was first given
	for _, p := range s.Pages { // sorted by URL: by path within a folder
		if p.Meta.Type != page.TypeTerm {
			continue
		}
		forms := append([]string{p.Meta.Title}, p.Meta.Aliases...)
		for i, f := range forms {
			key, role, pos := "title", "the title", p.Meta.TitlePos
			if i > 0 {
				key, role = "aliases", "an alias"
				if i-1 < len(p.Meta.AliasPos) {
					pos = p.Meta.AliasPos[i-1]
				}
			}
			norm := strings.Join(strings.Fields(strings.ToLower(f)), " ")
			if norm == "" {
				continue
			}
			k := p.Meta.Lang + "\x00" + norm
			first, dup := seen[k]
			switch {
			case !dup:
				seen[k] = owner{p.File, role}
			case first.file == p.File:
				l.Add(pos, "front matter: %s: %q is already %s of this term; give each form once", key, f, first.role)
			default:
				l.Add(pos, "front matter: %s: %q is already %s of the term %s; a word may name one term only", key, f, first.role, first.file)
			}
		}
	}
}

// checkRefs verifies the anchors of the page's links now that every page's
// ids are known.
func (s *Site) checkRefs(p *Page, sev diag.Severity, l *diag.List) {
	for _, r := range p.Doc.Refs {
		target := p
		if r.Page != "" {
			target = s.byPath[r.Page]
		}
		if target == nil || target.Doc == nil || target.Doc.IDs[r.Anchor] {
			continue
		}
		l.Append(diag.Diagnostic{Pos: r.Pos, Severity: sev, Msg: "broken anchor \"" + r.Dest + "\": " + target.File + " has no heading with id \"" + r.Anchor + "\"" + suggest(r.Anchor, target.Doc.IDs)})
	}
}

// suggest names the closest existing id, the usual fix after a heading was
// renamed.
func suggest(anchor string, ids map[string]bool) string {
	best, bestN := "", 0
	for id := range ids {
		n := commonPrefix(id, anchor)
		if n > bestN || (n == bestN && id < best) {
			best, bestN = id, n
		}
	}
	if bestN < 3 {
		return ""
	}
	return "; did you mean \"#" + best + "\"?"
}

func commonPrefix(a, b string) int {
	n := 0
	for n < len(a) && n < len(b) && a[n] == b[n] {
		n++
	}
	return n
}

// refs resolves front matter references (content paths with .md, or without
// the extension) and reports dangling ones at the line they were written.
func (s *Site) refs(p *Page, key string, refs []page.Ref, types []string, sev diag.Severity, l *diag.List) []*Page {
	var out []*Page
	for _, r := range refs {
		target := s.ref(p, r.Target)
		switch {
		case target != nil && key == "steps" && slices.Contains(out, target):
			l.Add(r.Pos, "front matter: steps: %s is already step %d; a path lists each step once", r.Target, slices.Index(out, target)+1)
		case target == nil:
			l.Append(diag.Diagnostic{Pos: r.Pos, Severity: sev, Msg: fmt.Sprintf("front matter: %s: no page %q (write the path from content/, e.g. moduly/ambasadorzy.md)", key, r.Target)})
		case target == p:
			l.Add(r.Pos, "front matter: %s: a page cannot refer to itself", key)
		case types != nil && !contains(types, target.Meta.Type):
			l.Add(r.Pos, "front matter: %s: %s is a %s, want %s", key, r.Target, target.Meta.Type, strings.Join(types, " or "))
		default:
			out = append(out, target)
			if key != "prerequisites" {
				target.Backlinks = append(target.Backlinks, p)
			}
		}
	}
	return out
}

// ref finds the page a front matter reference names: a path from
// content/ with or without .md, or a bare slug in the page's own folder.
// A page in a language folder looks in that folder first, so translated
// front matter can keep its references as they were.
func (s *Site) ref(p *Page, target string) *Page {
	dirs := []string{""}
	if p.langDir != "" && !strings.HasPrefix(target, p.langDir) {
		dirs = []string{p.langDir, ""}
	}
	for _, dir := range dirs {
		if t := s.byPath[dir+target]; t != nil {
			return t
		}
		if strings.HasSuffix(target, ".md") {
			continue
		}
		if t := s.byPath[dir+target+".md"]; t != nil {
			return t
		}
		if t := s.byPath[dir+joinSection(p.Section, target)+".md"]; t != nil { // a bare slug in the same folder
			return t
		}
	}
	return nil
}

func joinSection(dir, name string) string {
	if dir == "" {
		return name
	}
	return dir + "/" + name
}

func contains(xs []string, s string) bool {
	for _, x := range xs {
		if x == s {
			return true
		}
	}
	return false
}

func (s *Site) buildSections() {
	bySection := map[string]*Section{}
	for _, p := range s.ranked {
		if p.Section == "" {
			continue
		}
		// A page in a language folder lists in that folder; one that names
		// its language outside the folders lists under the language's
		// prefix, beside the pages of its folder.
		u := p.langDir + p.Section + "/index.html"
		if p.langDir == "" {
			u = s.Prefix(p.Meta.Lang) + u
		}
		sec := bySection[u]
		if sec == nil {
			sec = &Section{Name: p.Section, Lang: s.Lang, Type: page.SectionTypes[p.Section], URL: u}
			if sec.Type == "" {
				sec.Type = page.TypePage
			}
			bySection[u] = sec
			s.Sections = append(s.Sections, sec)
		}
		if p.URL == u {
			sec.Intro = p
			continue
		}
		sec.Pages = append(sec.Pages, p)
	}
	order := map[string]int{}
	for i, t := range page.Types {
		order[t] = i
	}
	sort.SliceStable(s.Sections, func(i, j int) bool { // sort for determinism
		a, b := s.Sections[i], s.Sections[j]
		if order[a.Type] != order[b.Type] {
			return order[a.Type] < order[b.Type]
		}
		return cmp.Or(strings.Compare(a.Name, b.Name), strings.Compare(a.URL, b.URL)) < 0
	})
	for _, sec := range s.Sections {
		for i, p := range sec.Pages {
			if i > 0 {
				p.Prev = sec.Pages[i-1]
			}
			if i+1 < len(sec.Pages) {
				p.Next = sec.Pages[i+1]
			}
		}
	}
}

// SortPages orders pages by weight, then title in Polish alphabetical order.
func SortPages(ps []*Page) {
	type keyed struct {
		p   *Page
		key string
	}
	ks := make([]keyed, len(ps))
	for i, p := range ps {
		k := p.sortKey
		if k == "" { // a page not made by New
			k = SortKey(p.Meta.Title)
		}
		ks[i] = keyed{p, k}
	}
	// URLs are unique (New reports duplicates), so the order is total and
	// needs no stable sort, which takes twice as long on 10,000 pages.
	slices.SortFunc(ks, func(x, y keyed) int {
		a, b := x.p, y.p
		if a.Meta.Weight != b.Meta.Weight {
			switch { // unweighted pages go last
			case a.Meta.Weight == 0:
				return 1
			case b.Meta.Weight == 0:
				return -1
			}
			return cmp.Compare(a.Meta.Weight, b.Meta.Weight)
		}
		return cmp.Or(strings.Compare(x.key, y.key), strings.Compare(a.URL, b.URL))
	})
	for i := range ks {
		ps[i] = ks[i].p
	}
}

func (s *Site) buildTags() {
	byName := map[string]*Tag{}
	for _, p := range s.ranked {
		for _, tn := range p.tags {
			t := byName[tn.slug]
			if t == nil {
				t = &Tag{Name: tn.name, Lang: s.Lang, Slug: tn.slug, URL: s.Prefix(s.Lang) + "tagi/" + tn.slug + "/index.html"}
				byName[tn.slug] = t
				s.Tags = append(s.Tags, t)
			}
			t.Pages = append(t.Pages, p)
			if p.Tags == nil {
				p.Tags = make([]*Tag, 0, len(p.tags))
			}
			p.Tags = append(p.Tags, t)
		}
	}
	sort.Slice(s.Tags, func(i, j int) bool { return Compare(s.Tags[i].Name, s.Tags[j].Name) < 0 })
}

func (s *Site) buildPaths() {
	for _, p := range s.Pages {
		if p.Meta.Type != page.TypePath {
			continue
		}
		for i, step := range p.Steps {
			ps := &PathStep{Path: p, Index: i}
			if i+1 < len(p.Steps) {
				ps.Next = p.Steps[i+1]
			}
			if i > 0 {
				ps.Prev = p.Steps[i-1]
			}
			step.OnPaths = append(step.OnPaths, ps)
		}
	}
}

// Steps lists the pages some learning path names as a step, as Assemble
// will resolve them; it may run before conversion, and reports nothing
// (Assemble does).
func (s *Site) Steps() map[*Page]bool {
	steps := map[*Page]bool{}
	for _, p := range s.Pages {
		if p.Meta.Type != page.TypePath {
			continue
		}
		for _, r := range p.Meta.Steps {
			if t := s.ref(p, r.Target); t != nil {
				steps[t] = true
			}
		}
	}
	return steps
}

// Paths returns the learning paths in order.
func (s *Site) Paths() []*Page { return s.OfType(page.TypePath) }

// OfType returns the pages of a type in section order.
func (s *Site) OfType(t string) []*Page {
	var out []*Page
	for _, p := range s.ranked {
		if p.Meta.Type == t && !strings.HasSuffix(p.Path, "/index.md") && p.Path != "index.md" {
			out = append(out, p)
		}
	}
	return out
}
