package generator_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/razem/razem/generator"
	"github.com/razem/razem/generator/diag"
	"github.com/razem/razem/generator/internal/sitetest"
)

// writeTree writes files (path → content; a content starting with "->" is
// a symbolic link to the rest) below dir.
func writeTree(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for name, s := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		var err error
		if target, ok := strings.CutPrefix(s, "->"); ok {
			err = os.Symlink(target, p)
		} else {
			err = os.WriteFile(p, []byte(s), 0o644)
		}
		if err != nil {
			t.Fatal(err)
		}
	}
}

// A symbolic link inside the site's trees may lead only to a file inside
// its tree or the site's folder: an image linked to /etc/passwd was once
// published, and check said "no problems". content/ itself may be a link
// to a folder anywhere (content kept in another repository).
func TestSymlinksLeavingTheSite(t *testing.T) {
	tmp := t.TempDir()
	dir, outside := filepath.Join(tmp, "site"), filepath.Join(tmp, "outside")
	writeTree(t, outside, map[string]string{"secret.txt": "sekret", "repo/content/index.md": "---\ntitle: Start\n---\n![logo](logo.png) ![w](wspolne.png) ![t](tresc.png)\n",
		"repo/content/obrazy/tresc.png": "png", "repo/content/tresc.png": "->obrazy/tresc.png"})
	writeTree(t, dir, map[string]string{
		"themes":                  "->" + filepath.Join(sitetest.RepoRoot(), "themes"),
		"config.toml":             "title = \"T\"\n",
		"content":                 "->" + filepath.Join(outside, "repo", "content"),
		"wspolne/logo.png":        "png",
		"static/robots.txt":       "User-agent: *\n",
		"static/haslo.txt":        "->/etc/passwd",
		"layouts/partials/x.html": "->" + filepath.Join(outside, "secret.txt"),
	})
	writeTree(t, filepath.Join(outside, "repo", "content"), map[string]string{
		"logo.png":       "->" + filepath.Join(dir, "wspolne", "logo.png"), // inside the site's folder
		"wspolne.png":    "->../../../site/wspolne/logo.png",               // the same, relative to where the link really is
		"haslo.png":      "->/etc/passwd",
		"sekret.png":     "->../../secret.txt",
		"obrazy-wszyst":  "->obrazy",
		"nie-ma.png":     "->nie-ma-takiego.png",
		"_szkice/x.png":  "->/etc/passwd", // ignored folder: not read, not checked
		"zwykly.txt.bak": "x",
	})
	res, err := generator.Build(t.Context(), generator.Options{Source: generator.DirFS(dir), Analyzer: sitetest.Analyzer(t)})
	if err == nil {
		t.Fatal("built a site with links leading out")
	}
	want := strings.Join([]string{
		"content/haslo.png: symbolic link to /etc/passwd leads outside the site; a link in content/ may lead only to a file inside it or inside the site's folder",
		"content/nie-ma.png: symbolic link to nie-ma-takiego.png, which does not exist",
		"content/obrazy-wszyst: symbolic link to a folder (obrazy); razem follows links to files only: link the files, or make content/ itself the link",
		"content/sekret.png: symbolic link to ../../secret.txt leads outside the site; a link in content/ may lead only to a file inside it or inside the site's folder",
		"layouts/partials/x.html: symbolic link to " + filepath.Join(outside, "secret.txt") + " leads outside the site; a link in layouts/ may lead only to a file inside it or inside the site's folder",
		"static/haslo.txt: symbolic link to /etc/passwd leads outside the site; a link in static/ may lead only to a file inside it or inside the site's folder",
	}, "\n")
	if got := strings.TrimSpace(diag.Format(res.Diags)); got != want {
		t.Errorf("diagnostics:\n%s\nwant\n%s", got, want)
	}
	// With the bad links gone, the good ones publish.
	for _, name := range []string{"haslo.png", "sekret.png", "obrazy-wszyst", "nie-ma.png"} {
		os.Remove(filepath.Join(outside, "repo", "content", name))
	}
	os.Remove(filepath.Join(dir, "static", "haslo.txt"))
	os.Remove(filepath.Join(dir, "layouts", "partials", "x.html"))
	res, err = generator.Build(t.Context(), generator.Options{Source: generator.DirFS(dir), Analyzer: sitetest.Analyzer(t)})
	if err != nil {
		t.Fatalf("%v\n%s", err, diag.Format(res.Diags))
	}
	got := map[string]string{}
	for _, f := range res.Files {
		got[f.Path] = string(f.Data)
	}
	for _, name := range []string{"logo.png", "wspolne.png", "tresc.png", "robots.txt"} {
		if _, ok := got[name]; !ok {
			t.Errorf("%s not published", name)
		}
	}
}
