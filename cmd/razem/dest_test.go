package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// razem build never publishes over its own sources: --dest content wiped
// every Markdown file once, with exit 0.
func TestBuildRefusesDestOverSources(t *testing.T) {
	dir := smallSite(t, goodSite)
	for _, c := range []struct{ dest, want string }{
		{"content", "it is " + filepath.Join(dir, "content") + ", which the build reads"},
		{"content/moduly", "it is inside " + filepath.Join(dir, "content") + ", which the build reads"},
		{"themes", "which the build reads"}, // themes/ is a link here: its target is what counts
		{".", "it is the site's folder, which holds its sources"},
		{"..", "it contains the site's folder " + dir},
		{"config.toml", "it is " + filepath.Join(dir, "config.toml") + ", which the build reads"},
	} {
		dest := filepath.Join(dir, c.dest)
		code, _, errOut := runCLI(t, "build", "--source", dir, "--dest", dest)
		want := "razem build: refusing to publish to " + dest + ": "
		if code != 1 || !strings.HasPrefix(errOut, want) || !strings.Contains(errOut, c.want) ||
			!strings.HasSuffix(errOut, "; publish to a folder of its own, such as public/ in the site's folder\n") {
			t.Errorf("--dest %s: exit %d\n%s", c.dest, code, errOut)
		}
	}
	if b, err := os.ReadFile(filepath.Join(dir, "content", "moduly", "a.md")); err != nil || string(b) != goodSite["content/moduly/a.md"] {
		t.Errorf("content changed: %q %v", b, err)
	}
	if left, _ := filepath.Glob(filepath.Join(dir, "*", ".*.staging-*")); len(left) > 0 {
		t.Errorf("left behind: %v", left)
	}
	// The trainer edition may not go inside the learner one, nor the other way round.
	code, _, errOut := runCLI(t, "build", "--source", dir, "--trainer-dest", filepath.Join(dir, "public", "trener"))
	if code != 1 || !strings.Contains(errOut, "where the same build publishes; give each edition a folder of its own") {
		t.Errorf("nested editions: exit %d\n%s", code, errOut)
	}
	if _, err := os.Stat(filepath.Join(dir, "public")); !os.IsNotExist(err) {
		t.Error("public/ written by a refused build")
	}
}

// A gh-pages checkout keeps its .git and CNAME through builds; a
// symbolic link as public/ stays a link; what a killed build left beside
// it is removed.
func TestBuildIntoFoldersItDoesNotOwn(t *testing.T) {
	dir := smallSite(t, goodSite)
	pages := filepath.Join(t.TempDir(), "gh-pages")
	for name, s := range map[string]string{".git/HEAD": "ref: refs/heads/gh-pages\n", "CNAME": "szkolenia.example.org\n"} {
		os.MkdirAll(filepath.Dir(filepath.Join(pages, name)), 0o755)
		os.WriteFile(filepath.Join(pages, name), []byte(s), 0o644)
	}
	if err := os.Symlink(pages, filepath.Join(dir, "public")); err != nil {
		t.Fatal(err)
	}
	leftover := filepath.Join(t.TempDir(), ".gh-pages.staging-123")
	leftover = filepath.Join(filepath.Dir(pages), filepath.Base(leftover))
	os.MkdirAll(filepath.Join(leftover, "moduly"), 0o755)
	os.WriteFile(filepath.Join(leftover, "moduly", "index.html"), make([]byte, 1<<20), 0o644)
	for range 2 {
		if code, _, errOut := runCLI(t, "build", "--source", dir); code != 0 {
			t.Fatalf("build: %s", errOut)
		}
		if fi, err := os.Lstat(filepath.Join(dir, "public")); err != nil || fi.Mode()&os.ModeSymlink == 0 {
			t.Fatal("public/ is no longer a link")
		}
		for name, want := range map[string]string{".git/HEAD": "ref: refs/heads/gh-pages\n", "CNAME": "szkolenia.example.org\n"} {
			if b, err := os.ReadFile(filepath.Join(pages, name)); err != nil || string(b) != want {
				t.Errorf("%s: %q %v", name, b, err)
			}
		}
		if _, err := os.Stat(filepath.Join(pages, "moduly", "a", "index.html")); err != nil {
			t.Error("the site is not in the linked folder")
		}
		if _, err := os.Stat(leftover); !os.IsNotExist(err) {
			t.Error("a killed build's staging folder was not removed")
		}
	}
	// A file in the way is not replaced, and the message says what to do.
	os.Remove(filepath.Join(pages, ".razem-manifest"))
	code, _, errOut := runCLI(t, "build", "--source", dir)
	if code != 1 || !strings.Contains(errOut, "razem never replaces files it did not write") || !strings.Contains(errOut, "delete it and build again") {
		t.Errorf("no manifest: exit %d\n%s", code, errOut)
	}
}

// razem export writes its file whole, and never over the sources.
func TestExportRefusesSources(t *testing.T) {
	files := map[string]string{"content/cwiczenia/q.md": "---\ntitle: Test\ntype: exercise\n---\n## Pytanie\n\n- [x] Tak\n- [ ] Nie\n"}
	for k, v := range goodSite {
		files[k] = v
	}
	dir := smallSite(t, files)
	target := filepath.Join(dir, "content", "moduly", "a.md")
	code, _, errOut := runCLI(t, "export", "--source", dir, "gift", "-o", target)
	if code != 1 || !strings.Contains(errOut, "refusing to publish to "+target+": it is inside "+filepath.Join(dir, "content")) {
		t.Errorf("export over content: exit %d\n%s", code, errOut)
	}
	if b, _ := os.ReadFile(target); string(b) != goodSite["content/moduly/a.md"] {
		t.Error("export overwrote a content file")
	}
	out := filepath.Join(dir, "pytania.gift")
	if code, _, errOut := runCLI(t, "export", "--source", dir, "gift", "-o", out); code != 0 {
		t.Fatalf("export: %s", errOut)
	}
	if left, _ := filepath.Glob(filepath.Join(dir, ".pytania.gift.tmp-*")); len(left) > 0 {
		t.Errorf("left behind: %v", left)
	}
}

// With --dest and no --trainer-dest, the trainer edition goes beside the
// learner site (DEST-trener), not into the sources.
func TestBuildTrainerBesideDest(t *testing.T) {
	dir := smallSite(t, goodSite)
	dest := filepath.Join(t.TempDir(), "kurs")
	if code, _, errOut := runCLI(t, "build", "--source", dir, "--dest", dest); code != 0 {
		t.Fatalf("exit %d\n%s", code, errOut)
	}
	if _, err := os.Stat(filepath.Join(dest+"-trener", "index.html")); err != nil {
		t.Errorf("trainer edition not beside --dest: %v", err)
	}
	if _, err := os.Stat(filepath.Join(dir, "public-trener")); !os.IsNotExist(err) {
		t.Errorf("trainer edition written into the sources: %v", err)
	}
}
