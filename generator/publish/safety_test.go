package publish

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"
)

// files makes a site of n pages whose every file says version.
func site(version string, paths ...string) []File {
	var out []File
	for _, p := range paths {
		out = append(out, File{Path: p, Data: []byte(version)})
	}
	return out
}

// put writes files (path → content) below dir, as a user would.
func put(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for name, s := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// tree lists every file below dir as path → content, the manifest left
// out.
func tree(t *testing.T, dir string) map[string]string {
	t.Helper()
	out := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || d.Name() == ManifestFile {
			return err
		}
		b, err := os.ReadFile(p)
		rel, _ := filepath.Rel(dir, p)
		out[filepath.ToSlash(rel)] = string(b)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func sameTree(t *testing.T, got, want map[string]string) {
	t.Helper()
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("got\n  %v\nwant\n  %v", got, want)
	}
}

// A gh-pages checkout: razem publishes into it, keeps .git, CNAME and a
// file put inside one of its own folders by hand, and on the next build
// removes only its own files.
func TestPublishKeepsFilesRazemDidNotWrite(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "site")
	foreign := map[string]string{".git/HEAD": "ref: refs/heads/gh-pages", ".git/objects/ab/cd": "x", "CNAME": "szkolenia.example.org"}
	put(t, dest, foreign)
	if err := write(dest, site("1", "index.html", "moduly/a/index.html", "moduly/b/index.html")); err != nil {
		t.Fatal(err)
	}
	sameTree(t, tree(t, dest), map[string]string{".git/HEAD": "ref: refs/heads/gh-pages", ".git/objects/ab/cd": "x", "CNAME": "szkolenia.example.org",
		"index.html": "1", "moduly/a/index.html": "1", "moduly/b/index.html": "1"})
	put(t, dest, map[string]string{"moduly/a/notatki.pdf": "pdf"}) // by hand, inside razem's folder
	if err := write(dest, site("2", "index.html", "moduly/c/index.html")); err != nil {
		t.Fatal(err)
	}
	sameTree(t, tree(t, dest), map[string]string{".git/HEAD": "ref: refs/heads/gh-pages", ".git/objects/ab/cd": "x", "CNAME": "szkolenia.example.org",
		"index.html": "2", "moduly/c/index.html": "2", "moduly/a/notatki.pdf": "pdf"})
	assertNoStaging(t, dest)
}

// A file razem did not write is never replaced: the build fails before
// anything changes and says what to do.
func TestPublishRefusesToReplaceForeignFiles(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "public")
	put(t, dest, map[string]string{"index.html": "mine", "notes.txt": "keep", "moduly": "a file where a folder goes"})
	err := write(dest, site("1", "index.html", "moduly/a/index.html", "other.html"))
	want := dest + " holds files razem did not write where the new site has its own (index.html, moduly): razem never replaces files it did not write; " +
		"move them away or delete them, or publish to another folder; if " + dest + " is the output of an earlier razem, which kept no list of its files, delete it and build again"
	if err == nil || err.Error() != want {
		t.Fatalf("err = %v\nwant %s", err, want)
	}
	sameTree(t, tree(t, dest), map[string]string{"index.html": "mine", "notes.txt": "keep", "moduly": "a file where a folder goes"})
	assertNoStaging(t, dest)
	// Once published, a file put by hand where razem will write is refused too.
	os.Remove(filepath.Join(dest, "index.html"))
	os.Remove(filepath.Join(dest, "moduly"))
	if err := write(dest, site("1", "index.html")); err != nil {
		t.Fatal(err)
	}
	put(t, dest, map[string]string{"nowy.html": "by hand"})
	if err := write(dest, site("2", "index.html", "nowy.html")); err == nil || !strings.Contains(err.Error(), "(nowy.html)") || strings.Contains(err.Error(), "earlier razem") {
		t.Errorf("err = %v", err)
	}
}

// A symbolic link as destination is written through: it stays a link, and
// the folder it points to holds the new site.
func TestPublishThroughSymlink(t *testing.T) {
	tmp := t.TempDir()
	target := filepath.Join(tmp, "www", "site")
	put(t, target, map[string]string{"CNAME": "x.org"})
	link := filepath.Join(tmp, "public")
	if err := os.Symlink(target, link); err != nil {
		t.Fatal(err)
	}
	for _, v := range []string{"1", "2"} {
		if err := write(link, site(v, "index.html")); err != nil {
			t.Fatal(err)
		}
		if fi, err := os.Lstat(link); err != nil || fi.Mode()&os.ModeSymlink == 0 {
			t.Fatalf("the link was replaced: %v %v", fi, err)
		}
		sameTree(t, tree(t, target), map[string]string{"CNAME": "x.org", "index.html": v})
	}
	assertNoStaging(t, target)
	// A link to a folder not made yet is followed too.
	dangling := filepath.Join(tmp, "out")
	os.Symlink(filepath.Join(tmp, "later", "site"), dangling)
	if err := write(dangling, site("1", "index.html")); err != nil {
		t.Fatal(err)
	}
	sameTree(t, tree(t, filepath.Join(tmp, "later", "site")), map[string]string{"index.html": "1"})
}

func TestSourcesCheck(t *testing.T) {
	tmp := t.TempDir()
	root := filepath.Join(tmp, "site")
	put(t, root, map[string]string{"content/a.md": "", "themes/default/x": "", "config.toml": ""})
	os.Symlink(filepath.Join(root, "content"), filepath.Join(tmp, "link-to-content"))
	src := Sources{Root: root, Inputs: []string{filepath.Join(root, "content"), filepath.Join(root, "themes"), filepath.Join(root, "config.toml")}}
	advice := "; publish to a folder of its own, such as public/ in the site's folder"
	for _, c := range []struct{ dest, want string }{
		{filepath.Join(root, "public"), ""},
		{filepath.Join(root, "docs"), ""},
		{filepath.Join(tmp, "elsewhere"), ""},
		{root, "it is the site's folder, which holds its sources" + advice},
		{root + "/", "it is the site's folder, which holds its sources" + advice},
		{tmp, "it contains the site's folder " + root + advice},
		{"/", "it contains the site's folder " + root + advice},
		{filepath.Join(root, "content"), "it is " + filepath.Join(root, "content") + ", which the build reads" + advice},
		{filepath.Join(root, "content", "moduly"), "it is inside " + filepath.Join(root, "content") + ", which the build reads" + advice},
		{filepath.Join(root, "themes", "default"), "it is inside " + filepath.Join(root, "themes") + ", which the build reads" + advice},
		{filepath.Join(root, "config.toml"), "it is " + filepath.Join(root, "config.toml") + ", which the build reads" + advice},
		{filepath.Join(tmp, "link-to-content"), "it is " + filepath.Join(root, "content") + ", which the build reads" + advice},
		{filepath.Join(tmp, "link-to-content", "x"), "it is inside " + filepath.Join(root, "content") + ", which the build reads" + advice},
	} {
		err := src.Check(c.dest)
		got := ""
		if err != nil {
			got = strings.TrimPrefix(err.Error(), "refusing to publish to "+c.dest+": ")
		}
		if got != c.want {
			t.Errorf("%s:\n got %q\nwant %q", c.dest, got, c.want)
		}
	}
	// Two editions of one build are kept apart.
	editions := Sources{Root: root}.And(filepath.Join(root, "public"))
	if err := editions.Check(filepath.Join(root, "public", "trener")); err == nil || !strings.Contains(err.Error(), "where the same build publishes; give each edition a folder of its own") {
		t.Errorf("nested editions: %v", err)
	}
	// Begin refuses before it creates anything.
	if _, err := Begin(filepath.Join(root, "content"), src); err == nil {
		t.Error("Begin published over content/")
	}
	if left, _ := filepath.Glob(filepath.Join(root, ".*")); len(left) > 0 {
		t.Errorf("Begin left %v", left)
	}
}

// steps is every place Commit can be stopped at, as by a kill.
var steps = []string{"manifest", "marked", "linked", "moved aside", "swapped", "old files removed"}

// A kill at any step of a publication leaves the destination holding the
// old site or the new one, complete, and the next publication removes what
// was left behind and keeps the files razem did not write. Both the
// one-step swap and the two renames of systems without one are tried.
func TestPublishSurvivesKillAtEveryStep(t *testing.T) {
	oldSite := site("old", "index.html", "moduly/a/index.html", "moduly/b/index.html", "stary.html")
	newSite := site("new", "index.html", "moduly/a/index.html", "moduly/c/index.html")
	foreign := map[string]string{".git/HEAD": "ref", "CNAME": "x.org", "moduly/a/notatki.pdf": "pdf"}
	asMap := func(fs []File) map[string]string {
		m := map[string]string{}
		for k, v := range foreign {
			m[k] = v
		}
		for _, f := range fs {
			m[f.Path] = string(f.Data)
		}
		return m
	}
	for _, twoRenames := range []bool{false, true} {
		for _, firstBuild := range []bool{false, true} {
			for _, step := range steps {
				name := fmt.Sprintf("%s/two-renames=%v/first=%v", step, twoRenames, firstBuild)
				t.Run(name, func(t *testing.T) {
					dest := filepath.Join(t.TempDir(), "public")
					put(t, dest, foreign)
					if !firstBuild {
						os.Remove(filepath.Join(dest, "moduly/a/notatki.pdf")) // put by hand after the first build
						if err := write(dest, oldSite); err != nil {
							t.Fatal(err)
						}
						put(t, dest, map[string]string{"moduly/a/notatki.pdf": "pdf"})
					}
					st, err := Begin(dest, Sources{})
					if err != nil {
						t.Fatal(err)
					}
					st.noExchange = twoRenames
					reached := false
					st.stopHook = func(s string) bool { reached = reached || s == step; return s == step }
					for _, f := range newSite {
						st.Send(f)
					}
					if err := st.Commit(); !errors.Is(err, errStopped) {
						if !reached {
							t.Skip("this step is not on this path")
						}
						t.Fatalf("Commit: %v", err)
					}
					st.unlock() // the process is gone
					if _, err := os.Stat(dest); err != nil && step == "moved aside" {
						// Two renames: nothing at dest until the next build puts the old site back.
					} else {
						got := tree(t, dest)
						// The entries outside razem's folders never go missing; a file put
						// inside one of them may wait in the old site for the next build.
						if got[".git/HEAD"] != "ref" || got["CNAME"] != "x.org" {
							t.Errorf("after a kill at %q, .git or CNAME is missing: %v", step, got)
						}
						delete(got, "moduly/a/notatki.pdf")
						old, nw := asMap(oldSite), asMap(newSite)
						delete(old, "moduly/a/notatki.pdf")
						delete(nw, "moduly/a/notatki.pdf")
						if firstBuild {
							old = map[string]string{".git/HEAD": "ref", "CNAME": "x.org"}
						}
						if fmt.Sprint(got) != fmt.Sprint(old) && fmt.Sprint(got) != fmt.Sprint(nw) {
							t.Errorf("after a kill at %q dest holds neither site:\n%v", step, got)
						}
					}
					// The next build: leftovers go, foreign files stay.
					if err := write(dest, site("next", "index.html")); err != nil {
						t.Fatal(err)
					}
					sameTree(t, tree(t, dest), map[string]string{".git/HEAD": "ref", "CNAME": "x.org", "moduly/a/notatki.pdf": "pdf", "index.html": "next"})
					assertNoStaging(t, dest)
				})
			}
		}
	}
}

// Between the two renames of a swap without exchange nothing is at dest:
// the next build puts the old site back before anything else, so even a
// build that then fails leaves the old site.
func TestLeftoverOldSiteIsPutBack(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "public")
	if err := write(dest, site("old", "index.html")); err != nil {
		t.Fatal(err)
	}
	st, _ := Begin(dest, Sources{})
	st.noExchange = true
	st.stopHook = func(s string) bool { return s == "moved aside" }
	st.Send(File{Path: "index.html", Data: []byte("new")})
	if err := st.Commit(); !errors.Is(err, errStopped) {
		t.Fatal(err)
	}
	st.unlock()
	if _, err := os.Stat(dest); err == nil {
		t.Fatal("dest exists between the two renames")
	}
	next, err := Begin(dest, Sources{})
	if err != nil {
		t.Fatal(err)
	}
	next.Abort()
	sameTree(t, tree(t, dest), map[string]string{"index.html": "old"})
	assertNoStaging(t, dest)
}

// The staging folder of a build that was killed is removed by the next
// one, not the staging folder of a build still running.
func TestLeftoverStagingRemovedUnlessInUse(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "public")
	killed, _ := Begin(dest, Sources{})
	killed.Write(File{Path: "big/index.html", Data: []byte("x")})
	killed.unlock() // killed: its lock went with it
	running, _ := Begin(dest, Sources{})
	running.Write(File{Path: "index.html", Data: []byte("y")})
	third, err := Begin(dest, Sources{})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(killed.Dir()); !os.IsNotExist(err) {
		t.Error("the killed build's staging folder is still there")
	}
	if _, err := os.Stat(filepath.Join(running.Dir(), "index.html")); err != nil {
		t.Error("a running build's staging folder was removed")
	}
	if err := running.Commit(); err != nil {
		t.Fatal(err)
	}
	third.Abort()
	sameTree(t, tree(t, dest), map[string]string{"index.html": "y"})
	assertNoStaging(t, dest)
	var names []string
	entries, _ := os.ReadDir(filepath.Dir(dest))
	for _, e := range entries {
		names = append(names, e.Name())
	}
	sort.Strings(names)
	if fmt.Sprint(names) != "[public]" {
		t.Errorf("beside dest: %v", names)
	}
}

// The manifest lists what was written, claimed folders (written by the
// bleve writer, not through the staging) included.
func TestManifestListsClaimedFolders(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "public")
	st, _ := Begin(dest, Sources{})
	st.Claim("search/bleve")
	st.Claim("absent")
	put(t, st.Dir(), map[string]string{"search/bleve/store/000.zap": "z", "search/bleve/index_meta.json": "{}"})
	st.Send(File{Path: "index.html", Data: []byte("x")})
	if err := st.Commit(); err != nil {
		t.Fatal(err)
	}
	owned, ok := readManifest(dest)
	var got []string
	for f := range owned {
		got = append(got, f)
	}
	sort.Strings(got)
	if !ok || fmt.Sprint(got) != "[.razem-manifest index.html search/bleve/index_meta.json search/bleve/store/000.zap]" {
		t.Errorf("manifest: %v %v", ok, got)
	}
}

// killSite is version v of the site the killed publisher writes: odd and
// even versions have different files, so a mix of two shows.
func killSite(v int) []File {
	var out []File
	for i := range 200 {
		out = append(out, File{Path: fmt.Sprintf("m%d/%d/index.html", v%2, i), Data: []byte(fmt.Sprint(v))})
	}
	return append(out, File{Path: "index.html", Data: []byte(fmt.Sprint(v))})
}

// The publisher TestPublishKilled kills: it publishes versions until it
// is killed.
func TestKilledPublisher(t *testing.T) {
	dest := os.Getenv("RAZEM_KILLED_PUBLISHER")
	if dest == "" {
		t.Skip("run by TestPublishKilled")
	}
	for v := 0; ; v++ {
		if err := write(dest, killSite(v)); err != nil {
			t.Fatal(err)
		}
	}
}

// A publisher killed (SIGKILL) at random moments: after each kill dest is
// one complete version with the foreign files beside it, and the next
// publication leaves nothing behind.
func TestPublishKilled(t *testing.T) {
	if testing.Short() {
		t.Skip("starts processes")
	}
	dest := filepath.Join(t.TempDir(), "public")
	put(t, dest, map[string]string{".git/HEAD": "ref", "CNAME": "x.org"})
	for round := range 8 {
		cmd := exec.Command(os.Args[0], "-test.run=^TestKilledPublisher$")
		cmd.Env = append(os.Environ(), "RAZEM_KILLED_PUBLISHER="+dest)
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		time.Sleep(time.Duration(100+round*37) * time.Millisecond)
		cmd.Process.Kill()
		cmd.Wait()
		got := tree(t, dest)
		if got[".git/HEAD"] != "ref" || got["CNAME"] != "x.org" {
			t.Fatalf("round %d: foreign files missing", round)
		}
		delete(got, ".git/HEAD")
		delete(got, "CNAME")
		if len(got) == 0 {
			continue // killed before its first publication
		}
		v, _ := strconv.Atoi(got["index.html"])
		want := map[string]string{}
		for _, f := range killSite(v) {
			want[f.Path] = string(f.Data)
		}
		if fmt.Sprint(got) != fmt.Sprint(want) {
			t.Fatalf("round %d: dest is not one complete version (%d files, index.html %q)", round, len(got), got["index.html"])
		}
	}
	if err := write(dest, site("last", "index.html")); err != nil {
		t.Fatal(err)
	}
	sameTree(t, tree(t, dest), map[string]string{".git/HEAD": "ref", "CNAME": "x.org", "index.html": "last"})
	assertNoStaging(t, dest)
}
