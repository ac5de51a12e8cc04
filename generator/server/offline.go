package server

import (
	"bytes"
	"cmp"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io/fs"
	"net/url"
	"path"
	"runtime"
	"slices"
	"strings"
	"sync"
)

// Names of the files OfflineFiles generates, relative to the site root.
const (
	ServiceWorkerFile = "sw.js"
	ManifestFile      = "manifest.webmanifest"
)

// WebApp describes the site as an installable, offline-capable web app.
type WebApp struct {
	Name            string // e.g. the site title
	ShortName       string // under the home-screen icon; default Name
	Description     string
	Lang            string // default "pl"
	ThemeColor      string // default "#7a0019"
	BackgroundColor string // default "#ffffff"
	Icon            string // site-relative SVG icon; default "assets/icon.svg"
	// MaxFileBytes keeps larger files out of the precache; default 1 MiB.
	MaxFileBytes int64
	// MaxTotalBytes is the precache budget; default 8 MiB (DefaultBudget).
	// What does not fit, and every page not named in Shell or Lists, is
	// cached when it is first used.
	MaxTotalBytes int64
	// Exclude lists site-relative folders never precached, such as the
	// folder of the server-side bleve index.
	Exclude []string
	// Shell names the pages every visitor needs, precached first with the
	// theme's styles, scripts, fonts and icons: the home and search pages
	// of each language. Default: index.html.
	Shell []string
	// Lists names pages precached after the shell: the section and tag
	// lists, from which a reader offline finds the pages already seen.
	Lists []string
	// Index ranks the files of the static search index (under search/):
	// files it accepts are precached last, lowest rank first, as far as
	// the budget allows; the rest are cached when used. Nil treats search
	// files like any other script.
	Index func(name string) (rank int, ok bool)
}

// DefaultBudget is the default precache budget: a first visit downloads at
// most this much in the background, on old PCs and busy intranets alike.
const DefaultBudget = 8 << 20

func (a WebApp) withDefaults() WebApp {
	a.ShortName = cmp.Or(a.ShortName, a.Name)
	a.Lang = cmp.Or(a.Lang, "pl")
	a.ThemeColor = cmp.Or(a.ThemeColor, "#7a0019")
	a.BackgroundColor = cmp.Or(a.BackgroundColor, "#ffffff")
	a.Icon = cmp.Or(a.Icon, "assets/icon.svg")
	a.MaxFileBytes = cmp.Or(a.MaxFileBytes, 1<<20)
	a.MaxTotalBytes = cmp.Or(a.MaxTotalBytes, DefaultBudget)
	if a.Shell == nil {
		a.Shell = []string{"index.html"}
	}
	return a
}

// OfflineFiles returns the service worker (ServiceWorkerFile) and the web
// app manifest (ManifestFile) for a built site, to be written into its root
// before it is published. site is the built output without these two files.
//
// The worker precaches, within the budget and in this order: the shell
// (app.Shell, the 404 page, the theme's styles, scripts, fonts and icons),
// the list pages (app.Lists) and the static search index's files in the
// order app.Index ranks them. Everything else (the pages themselves, the text fragments of
// search hits, images) is cached as it is used, up to a number of entries
// the worker keeps, oldest dropped first: a first visit stays light, and
// what a learner has read stays readable offline. The cache name is a hash
// of the precached files' names and contents, so any change to them
// installs a new worker, which replaces the old cache. The output is
// byte-identical for identical input.
//
// To use it, the theme registers the worker on http(s) only, since file://
// has no service workers, and never in authoring mode:
//
//	var me = document.currentScript;
//	if ('serviceWorker' in navigator && /^https?:$/.test(location.protocol) &&
//	    !document.querySelector('script[data-razem-reload]')) {
//	  navigator.serviceWorker.register(new URL('../sw.js', me.src)).catch(function () {});
//	}
//
// (for a theme script in assets/), and every page links the manifest with
// a relative URL: <link rel="manifest" href="../manifest.webmanifest">.
func OfflineFiles(app WebApp, site fs.FS) (map[string][]byte, error) {
	app = app.withDefaults()
	files, err := precache(app, site)
	if err != nil {
		return nil, fmt.Errorf("offline: %w", err)
	}
	// The version is a digest of the digests of the files, read and hashed
	// side by side: tens of megabytes, after everything else is written.
	sums := make([][sha256.Size]byte, len(files))
	errs := make([]error, len(files))
	var wg sync.WaitGroup
	next := make(chan int)
	for range max(1, min(runtime.GOMAXPROCS(0), len(files))) {
		wg.Go(func() {
			for i := range next {
				data, err := fs.ReadFile(site, files[i].name)
				sums[i], errs[i] = sha256.Sum256(data), err
			}
		})
	}
	for i := range files {
		next <- i
	}
	close(next)
	wg.Wait()
	h := sha256.New()
	var urls []string
	for i, f := range files {
		if errs[i] != nil {
			return nil, fmt.Errorf("offline: %w", errs[i])
		}
		fmt.Fprintf(h, "%s\x00%d\x00%x\x00", f.name, f.size, sums[i])
		urls = append(urls, relURL(f.name))
	}
	urls = append(urls, ManifestFile)
	list, err := json.Marshal(urls)
	if err != nil {
		return nil, err
	}
	version := hex.EncodeToString(h.Sum(nil)[:8])
	tmpl, err := assets.ReadFile("assets/sw.js")
	if err != nil {
		return nil, err
	}
	sw := bytes.Replace(tmpl, []byte("__VERSION__"), []byte(version), 1)
	sw = bytes.Replace(sw, []byte("__PRECACHE__"), list, 1)

	manifest, err := json.Marshal(webManifest{
		Name:            app.Name,
		ShortName:       app.ShortName,
		Description:     app.Description,
		Lang:            app.Lang,
		StartURL:        "./index.html",
		Scope:           "./",
		Display:         "standalone",
		BackgroundColor: app.BackgroundColor,
		ThemeColor:      app.ThemeColor,
		Icons:           []webIcon{{Src: relURL(app.Icon), Sizes: "any", Type: "image/svg+xml", Purpose: "any"}},
	})
	if err != nil {
		return nil, err
	}
	return map[string][]byte{ServiceWorkerFile: sw, ManifestFile: manifest}, nil
}

type webManifest struct {
	Name            string    `json:"name"`
	ShortName       string    `json:"short_name"`
	Description     string    `json:"description,omitempty"`
	Lang            string    `json:"lang"`
	StartURL        string    `json:"start_url"`
	Scope           string    `json:"scope"`
	Display         string    `json:"display"`
	BackgroundColor string    `json:"background_color"`
	ThemeColor      string    `json:"theme_color"`
	Icons           []webIcon `json:"icons"`
}

type webIcon struct {
	Src     string `json:"src"`
	Sizes   string `json:"sizes"`
	Type    string `json:"type"`
	Purpose string `json:"purpose"`
}

// candidate is a file considered for the precache.
type candidate struct {
	name  string
	size  int64
	group int // lower is more important
	rank  int // within the group
}

// Precache groups, most important first.
const (
	groupShell = iota
	groupLists
	groupIndex
)

// precache selects the files to precache, most important first.
func precache(app WebApp, site fs.FS) ([]candidate, error) {
	var all []candidate
	err := fs.WalkDir(site, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if p == "." {
			return nil
		}
		if strings.HasPrefix(d.Name(), ".") || excluded(app.Exclude, p) {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if d.IsDir() || p == ServiceWorkerFile || p == ManifestFile {
			return nil
		}
		g, rank := app.group(p)
		if g < 0 {
			return nil
		}
		fi, err := d.Info()
		if err != nil {
			return err
		}
		if fi.Size() <= app.MaxFileBytes {
			all = append(all, candidate{name: p, size: fi.Size(), group: g, rank: rank})
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	// Sort for determinism, by importance.
	slices.SortFunc(all, func(a, b candidate) int {
		return cmp.Or(cmp.Compare(a.group, b.group), cmp.Compare(a.rank, b.rank), strings.Compare(a.name, b.name))
	})
	var picked []candidate
	var total int64
	for _, c := range all {
		if total+c.size <= app.MaxTotalBytes {
			picked = append(picked, c)
			total += c.size
		}
	}
	return picked, nil
}

func excluded(prefixes []string, p string) bool {
	for _, x := range prefixes {
		x = strings.Trim(x, "/")
		if p == x || strings.HasPrefix(p, x+"/") {
			return true
		}
	}
	return false
}

// group places a file in a precache group, with its rank there; -1
// leaves it to be cached when used (pages, images), or never (feeds,
// sitemaps, precompressed copies, index files only the server reads).
func (a WebApp) group(p string) (group, rank int) {
	if i := slices.Index(a.Shell, p); i >= 0 {
		return groupShell, i
	}
	if p == "404.html" {
		return groupShell, len(a.Shell)
	}
	if i := slices.Index(a.Lists, p); i >= 0 {
		return groupLists, i
	}
	if a.Index != nil {
		if r, ok := a.Index(p); ok {
			return groupIndex, r
		}
		if strings.HasPrefix(p, "search/") {
			return -1, 0
		}
	}
	switch strings.ToLower(path.Ext(p)) {
	case ".css", ".js", ".mjs", ".woff2", ".woff", ".svg", ".ico", ".webmanifest":
		return groupShell, len(a.Shell) + 1
	}
	return -1, 0
}

// relURL escapes a site-relative file name as a relative URL.
func relURL(name string) string {
	u := (&url.URL{Path: name}).EscapedPath()
	if first, _, _ := strings.Cut(u, "/"); strings.Contains(first, ":") {
		u = "./" + u // "a:b.html" would read as a URL scheme
	}
	return u
}
