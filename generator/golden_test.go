package generator_test

import (
	"flag"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/razem/razem/generator/internal/sitetest"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden")

// TestGolden pins the theme's HTML for one page of every kind. Minification
// is off so a diff reads like the templates. After a deliberate change run
// go test ./generator/ -run Golden -update and review the diff.
func TestGolden(t *testing.T) {
	archive := strings.Replace(site, "-- content/index.md --\n", "[build]\nminify = false\n-- content/index.md --\n", 1)
	r := sitetest.Build(t, archive).OK(t)
	for _, page := range []string{
		"index.html", "moduly/index.html", "moduly/koalicje/index.html", "moduly/koalicje/slajdy.html", "sciezki/start/wydruk.html",
		"przypadki/cresus/index.html", "cwiczenia/koalicje/index.html", "slownik/index.html",
		"slownik/koalicja/index.html", "sciezki/start/index.html", "tagi/koalicje/index.html",
		"szukaj/index.html", "404.html",
	} {
		got := r.File(t, page)
		// Fingerprints change with every CSS or JS edit; the golden files
		// are about markup.
		got = fingerprint.ReplaceAllString(got, "$1.HASH.$2")
		golden := filepath.Join("testdata", "golden", strings.ReplaceAll(page, "/", "_"))
		if *update {
			if err := os.MkdirAll(filepath.Dir(golden), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		want, err := os.ReadFile(golden)
		if err != nil {
			t.Fatalf("%v (run with -update to create it)", err)
		}
		if got != string(want) {
			t.Errorf("%s differs from %s; run go test ./generator/ -run Golden -update and review the diff\n%s", page, golden, firstDiff(string(want), got))
		}
	}
}

func firstDiff(want, got string) string {
	wl, gl := strings.Split(want, "\n"), strings.Split(got, "\n")
	for i := 0; i < len(wl) || i < len(gl); i++ {
		var w, g string
		if i < len(wl) {
			w = wl[i]
		}
		if i < len(gl) {
			g = gl[i]
		}
		if w != g {
			return "line " + itoa(i+1) + ":\n- " + w + "\n+ " + g
		}
	}
	return ""
}

var fingerprint = regexp.MustCompile(`(assets/(?:css|js)/[a-z]+)\.[0-9a-f]{8}\.(css|js)`)

func itoa(i int) string { return strconv.Itoa(i) }
