package render

import (
	"html/template"
	"os"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/razem/razem/generator/diag"
)

// defaultTheme loads the repository's theme as a site without overrides.
func defaultTheme(t *testing.T, o Options, site map[string]string) *Theme {
	t.Helper()
	var l diag.List
	layers := []Layer{{FS: os.DirFS("../../themes/default"), Dir: ".", Name: "themes/default"}}
	if site != nil {
		fsys := fstest.MapFS{}
		for name, text := range site {
			fsys[name] = &fstest.MapFile{Data: []byte(text)}
		}
		layers = append([]Layer{{FS: fsys, Dir: ".", NoStatic: true}}, layers...)
	}
	th := Load(layers, nil, &l, o)
	if l.HasErrors() {
		t.Fatal(l.Sorted())
	}
	return th
}

// TestNativeDigests holds each native to the templates it mirrors: when a
// partial of the default theme changes, its native must change with it
// (TestNativesMirrorTemplates in package generator then checks the bytes),
// and the digest here is updated to the one printed.
func TestNativeDigests(t *testing.T) {
	th := defaultTheme(t, Options{TemplatesOnly: true}, nil)
	for _, n := range natives {
		layout := n.layout
		if layout == "" {
			layout = "module"
		}
		if got := treeDigest(th.sets[layout], n.mirror); got != n.digest {
			t.Errorf("native %q of layout %q mirrors %v, whose digest is now %s (the native says %s): bring the native in line with the templates, then update its digest", n.name, layout, n.mirror, got, n.digest)
		}
	}
}

// isNative reports whether a set renders a partial through its native.
func isNative(set *template.Template, name string) bool {
	tm := set.Lookup(name)
	return tm != nil && strings.HasPrefix(tm.Tree.Root.String(), `{{native "`+name+`"`)
}

func TestNativesInstalled(t *testing.T) {
	th := defaultTheme(t, Options{}, nil)
	for layout, set := range th.sets {
		for _, n := range natives {
			if n.layout == "" && n.name != "base" && !isNative(set, n.name) { // base: below
				t.Errorf("%s: %s is not native", layout, n.name)
			}
		}
	}
	for _, layout := range []string{"module", "case", "exercise", "term", "list", "slides"} {
		if th.natives[layout]["base"] == nil || (layout != "slides" && !isNative(th.sets[layout], "main")) {
			t.Errorf("%s: pages do not render natively", layout)
		}
	}
	for layout, set := range defaultTheme(t, Options{TemplatesOnly: true}, nil).sets {
		if isNative(set, "sidebar") {
			t.Errorf("%s: TemplatesOnly, yet the sidebar is native", layout)
		}
	}
}

// A site that overrides a partial gets its template, and so does every
// native that mirrors it; the others stay native.
func TestNativeOverride(t *testing.T) {
	parts, err := os.ReadFile("../../themes/default/layouts/partials/parts.html")
	if err != nil {
		t.Fatal(err)
	}
	edited := strings.Replace(string(parts), `<li class="card card-`, `<li class="my-card card-`, 1)
	if edited == string(parts) {
		t.Fatal("parts.html has no card to edit")
	}
	for _, tc := range []struct {
		file, text string
		native     map[string]bool
	}{
		{"layouts/partials/parts.html", edited, map[string]bool{"card": false, "related": false, "pagelist": false, "pagehead": true, "sidebar": true}},
		{"layouts/partials/sidebar.html", `{{define "sidebar"}}<p>{{.T "home"}}</p>{{end}}`, map[string]bool{"sidebar": false, "card": true, "pagehead": true}},
		{"layouts/partials/sidebar.html", `{{define "sidebar"}}-{{end}}{{define "facts"}}-{{end}}`, map[string]bool{"sidebar": false, "facts": false, "pagehead": false, "breadcrumbs": true}},
	} {
		set := defaultTheme(t, Options{}, map[string]string{tc.file: tc.text}).sets["module"]
		for name, want := range tc.native {
			if got := isNative(set, name); got != want {
				t.Errorf("%s overridden: %s native = %v, want %v", tc.file, name, got, want)
			}
		}
	}
}

// FuzzNativeEscaping holds the writer's escaping to html/template's in the
// three contexts the natives use.
func FuzzNativeEscaping(f *testing.F) {
	for _, s := range []string{"", "Współpraca & „partnerstwo”", `a"b'c<d>e+f`, "\x00", "../moduly/a b/index.html#x",
		"javascript:alert(1)", "HTTPS://example.org/?q=1&r=2", "mailto:a@b", "%zz%2F%", "ą/ę?x=ł#ż", "\xff\xfe", "a:b/c", "/x:y"} {
		f.Add(s)
	}
	tm := template.Must(template.New("").Parse(`<p title="{{.}}">{{.}}</p><a href="{{.}}">x</a>`))
	f.Fuzz(func(t *testing.T, s string) {
		var want strings.Builder
		if err := tm.Execute(&want, s); err != nil {
			t.Skip()
		}
		var w writer
		w.raw(`<p title="`)
		w.text(s)
		w.raw(`">`)
		w.text(s)
		w.raw(`</p><a href="`)
		w.url(s)
		w.raw(`">x</a>`)
		if got := string(w.b); got != want.String() {
			t.Errorf("%q:\n got %s\nwant %s", s, got, want.String())
		}
	})
}

// A theme is stock while every layout is the built-in one, or a copy with
// the same content; one changed layout, or a new one, makes it the
// site's own.
func TestStock(t *testing.T) {
	builtin := fstest.MapFS{
		"layouts/base.html": {Data: []byte(`{{define "base"}}<main>{{.Title}}</main>{{end}}`)},
		"layouts/page.html": {Data: []byte(`{{template "base" .}}`)},
	}
	for _, c := range []struct {
		name string
		site fstest.MapFS
		want bool
	}{
		{"built in only", fstest.MapFS{}, true},
		{"an identical copy", fstest.MapFS{"layouts/page.html": builtin["layouts/page.html"]}, true},
		{"a changed layout", fstest.MapFS{"layouts/page.html": {Data: []byte(`{{template "base" .}}!`)}}, false},
		{"a layout of its own", fstest.MapFS{"layouts/extra.html": {Data: []byte(`{{template "base" .}}`)}}, false},
		{"its own strings only", fstest.MapFS{"i18n/pl.toml": {Data: []byte(`title = "x"`)}}, true},
	} {
		var l diag.List
		th := Load([]Layer{{FS: c.site, Dir: "."}, {FS: builtin, Dir: ".", Stock: true}}, nil, &l, Options{})
		if l.HasErrors() {
			t.Fatalf("%s: %v", c.name, l.Sorted())
		}
		if th.Stock() != c.want {
			t.Errorf("%s: Stock() = %v, want %v", c.name, th.Stock(), c.want)
		}
	}
}
