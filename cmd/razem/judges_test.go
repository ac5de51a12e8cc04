package main

import (
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
)

// Outside judges: the W3C Nu HTML Checker and axe-core. CI installs both
// from npm and points RAZEM_VNU and RAZEM_AXE at them (see .ci/run).

func judge(t *testing.T, env, what string) string {
	t.Helper()
	p := os.Getenv(env)
	if p == "" {
		if os.Getenv("CI") != "" {
			t.Fatalf("%s is required in CI (.ci/run installs %s)", env, what)
		}
		t.Skipf("%s not set; %s not run (CI installs it)", env, what)
	}
	if _, err := os.Stat(p); err != nil {
		t.Fatalf("%s: %v", env, err)
	}
	return p
}

// TestNuHTMLChecker validates every HTML file of the built bundled site,
// both editions.
func TestNuHTMLChecker(t *testing.T) {
	jar := judge(t, "RAZEM_VNU", "vnu-jar")
	var files []string
	for _, dir := range []string{builtSite(t), trainerSite(t)} {
		_ = filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
			if err == nil && strings.HasSuffix(p, ".html") {
				files = append(files, p)
			}
			return nil
		})
	}
	if len(files) < 50 {
		t.Fatalf("only %d HTML files", len(files))
	}
	out, err := exec.Command("java", append([]string{"-jar", jar, "--errors-only", "--format", "text"}, files...)...).CombinedOutput()
	if err != nil || strings.Contains(string(out), "Error:") {
		t.Errorf("Nu HTML Checker found errors (%v):\n%s", err, out)
	}
}

// axePages are one page of every type, plus generated pages, and the
// trainer edition's (../trener/).
var axePages = []string{
	"index.html", "moduly/index.html", "moduly/ambasadorzy/index.html", "moduly/ambasadorzy/slajdy.html", "sciezki/pierwsze-partnerstwo/wydruk.html",
	"cwiczenia/sponsorzy/index.html", "sciezki/pierwsze-partnerstwo/certyfikat.html",
	"../trener/moduly/ambasadorzy/index.html", "../trener/moduly/ambasadorzy/plan.html", "../trener/cwiczenia/sponsorzy/index.html",
	"../trener/sciezki/pierwsze-partnerstwo/plan.html",
	"przypadki/cresus-banque-postale/index.html", "cwiczenia/wybor-ambasadora/index.html", "slownik/index.html",
	"slownik/koalicja/index.html", "sciezki/pierwsze-partnerstwo/index.html", "szukaj/index.html?q=koalicja",
	"tagi/index.html", "o-projekcie/index.html", "materialy/index.html", "404.html",
}

type axeViolation struct {
	ID    string `json:"id"`
	Help  string `json:"help"`
	Nodes []struct {
		Target []string `json:"target"`
	} `json:"nodes"`
}

// TestAxe runs axe-core's WCAG 2.1 A/AA rules on every page type, in the
// light and the dark colour scheme.
func TestAxe(t *testing.T) {
	runAxe(t, builtSite(t), axePages)
}

// TestJudgesMultilingual: the language switcher and hreflang links of a
// site in three languages pass both judges.
func TestJudgesMultilingual(t *testing.T) {
	jar := judge(t, "RAZEM_VNU", "vnu-jar")
	dest := filepath.Join(t.TempDir(), "public")
	var out, errb strings.Builder
	if code := run(context.Background(), []string{"build", "--source", multilingualSource(t), "--dest", dest}, &out, &errb); code != 0 {
		t.Fatalf("build: %s", errb.String())
	}
	pages := []string{"de/moduly/koalicje/index.html", "bg/index.html", "moduly/koalicje/index.html", "de/moduly/index.html"}
	var files []string
	for _, p := range pages {
		files = append(files, filepath.Join(dest, p))
	}
	vnu, err := exec.Command("java", append([]string{"-jar", jar, "--errors-only", "--format", "text"}, files...)...).CombinedOutput()
	if err != nil || strings.Contains(string(vnu), "Error:") {
		t.Errorf("Nu HTML Checker found errors (%v):\n%s", err, vnu)
	}
	runAxe(t, dest, pages)
}

// runAxe runs axe-core on pages of a built site in both colour schemes.
func runAxe(t *testing.T, dir string, pages []string) {
	axePath := judge(t, "RAZEM_AXE", "axe-core")
	axe, err := os.ReadFile(axePath)
	if err != nil {
		t.Fatal(err)
	}
	b := newBrowser(t)
	for _, scheme := range []string{"light", "dark"} {
		b.run(t, emulation.SetEmulatedMedia().WithFeatures([]*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: scheme}}))
		for _, page := range pages {
			u := fileURL(dir, strings.SplitN(page, "?", 2)[0])
			if i := strings.Index(page, "?"); i >= 0 {
				u += page[i:]
			}
			var raw string
			b.run(t, chromedp.Navigate(u), chromedp.Sleep(300*time.Millisecond),
				chromedp.Evaluate(string(axe), nil),
				chromedp.Evaluate(`axe.run(document, {runOnly: {type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}).then(r => JSON.stringify({violations: r.violations, passes: r.passes.length}))`, &raw,
					func(p *runtime.EvaluateParams) *runtime.EvaluateParams { return p.WithAwaitPromise(true) }))
			var res struct {
				Violations []axeViolation
				Passes     int
			}
			if err := json.Unmarshal([]byte(raw), &res); err != nil {
				t.Fatalf("%s: %v", page, err)
			}
			if res.Passes < 10 { // proves axe ran its rules on a real page
				t.Errorf("%s (%s): axe passed only %d rules", page, scheme, res.Passes)
			}
			for _, v := range res.Violations {
				var targets []string
				for _, n := range v.Nodes {
					targets = append(targets, strings.Join(n.Target, " "))
				}
				t.Errorf("%s (%s): %s: %s — %s", page, scheme, v.ID, v.Help, strings.Join(targets, ", "))
			}
		}
	}
}
