package main

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	cdpbrowser "github.com/chromedp/cdproto/browser"
	"github.com/chromedp/chromedp"
)

// quizSite has one question of every type; the tests answer them from the
// source, as a learner who knows the material would.
const quizSite = `-- config.toml --
title = "Quiz"
-- content/cwiczenia/quiz.md --
---
title: Quiz
---
## Koalicja musi mieć osobowość prawną. [prawda/fałsz]

- [ ] Prawda
  > Nie musi.
- [x] Fałsz
  > Zgadza się: porozumienie wystarczy.

## Co należy do umowy? [wiele odpowiedzi]

- [x] Cele
- [x] Role
- [ ] Logo

## Dopasuj [dopasuj]

- Licencjonowanie → Bookbridge
- Sponsoring → Banque Postale
- Crowdsourcing → Zgłoszenia mieszkańców

## Ułóż etapy [kolejność]

1. Diagnoza
2. Wybór partnerów
3. Umowa
4. Ewaluacja

## Uzupełnij

Umowę podpisują [[wszyscy partnerzy|partnerzy]] przed [[startem]].

## Ile gospodarstw? [liczba]

= 43 000 ± 1 000

> [!ANSWER]
> Wyjaśnienie: ponad czterdzieści trzy tysiące.

## Opisz cel

> [!ANSWER]
> Wzorcowa odpowiedź o celu SMART.
-- content/moduly/m.md --
---
title: Moduł
---
Tekst modułu.

> [!TRAINER]
> Notatka prowadzącego.
-- content/sciezki/p.md --
---
title: Ścieżka
steps: [moduly/m.md, cwiczenia/quiz.md]
---
Ścieżka.
`

// quizBuild builds quizSite with the CLI into learner and trainer folders.
func quizBuild(t *testing.T) (learner, trainer string) {
	t.Helper()
	src := t.TempDir()
	for name, body := range parseArchive(quizSite) {
		p := filepath.Join(src, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.Symlink(filepath.Join(repoRoot(), "themes"), filepath.Join(src, "themes")); err != nil {
		t.Fatal(err)
	}
	learner, trainer = filepath.Join(src, "public"), filepath.Join(src, "trener")
	if code, _, errOut := runCLI(t, "build", "--source", src, "--trainer-dest", trainer); code != 0 {
		t.Fatalf("build: %s", errOut)
	}
	return learner, trainer
}

// parseArchive reads "-- name --" sections.
func parseArchive(s string) map[string]string {
	out := map[string]string{}
	var name string
	for _, line := range strings.SplitAfter(s, "\n") {
		if strings.HasPrefix(line, "-- ") && strings.HasSuffix(strings.TrimSpace(line), " --") {
			name = strings.TrimSuffix(strings.TrimPrefix(strings.TrimSpace(line), "-- "), " --")
			continue
		}
		if name != "" {
			out[name] += line
		}
	}
	return out
}

// TestLearnerEditionHidesAnswers reads the learner edition as its source
// and search index: no answer, feedback or trainer note in either; the
// trainer edition has them all.
func TestLearnerEditionHidesAnswers(t *testing.T) {
	learner, trainer := quizBuild(t)
	read := func(p string) string {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	ex := read(filepath.Join(learner, "cwiczenia/quiz/index.html"))
	for _, secret := range []string{"porozumienie wystarczy", "wszyscy partnerzy", "43 000", "Wzorcowa odpowiedź", "czterdzieści", "data-correct", "is-key"} {
		if strings.Contains(ex, secret) {
			t.Errorf("the learner edition's page holds %q", secret)
		}
	}
	if strings.Contains(read(filepath.Join(learner, "moduly/m/index.html")), "Notatka prowadzącego") {
		t.Error("the learner edition holds a trainer note")
	}
	// Search: a phrase of a model answer finds nothing in the learner
	// edition's index; a phrase of the page's visible text does.
	idx := filepath.Join(learner, "search", "bleve")
	for q, want := range map[string]bool{"wzorcowa odpowiedź": false, "notatka prowadzącego": false, "porozumienie wystarczy": false, "osobowość prawną": true} {
		code, out, errOut := runCLI(t, "search", "--index", idx, "--json", q)
		if code != 0 {
			t.Fatalf("search %q: %s", q, errOut)
		}
		var res struct{ Total int }
		if err := json.Unmarshal([]byte(out), &res); err != nil {
			t.Fatal(err)
		}
		if (res.Total > 0) != want {
			t.Errorf("search %q: %d hits, want hits: %v", q, res.Total, want)
		}
	}
	te := read(filepath.Join(trainer, "cwiczenia/quiz/index.html"))
	for _, shown := range []string{"porozumienie wystarczy", "(wszyscy partnerzy / partnerzy)", "= 43 000 ± 1 000", "Wzorcowa odpowiedź", "→ Bookbridge"} {
		if !strings.Contains(te, shown) {
			t.Errorf("the trainer edition lacks %q", shown)
		}
	}
	if !strings.Contains(read(filepath.Join(trainer, "moduly/m/index.html")), "Notatka prowadzącego") {
		t.Error("the trainer edition lacks the trainer note")
	}
	if _, err := os.Stat(filepath.Join(trainer, "moduly/m/plan.html")); err != nil {
		t.Error("no session plan in the trainer edition")
	}
}

// TestBrowserEditions answers every question type wrongly and rightly in
// the learner edition from file://, saves and loads progress through a
// file, and prints a path's certificate; one Chromium for all of it.
func TestBrowserEditions(t *testing.T) {
	learner, _ := quizBuild(t)
	b := newBrowser(t)
	page := fileURL(learner, "cwiczenia/quiz/index.html")
	b.run(t, chromedp.Navigate(page), chromedp.WaitVisible(`.question .check`, chromedp.ByQuery))
	q := func(n int) string { return fmt.Sprintf(`.question[data-question="%d"]`, n) }
	verdict := func(n int) string {
		t.Helper()
		var cls string
		b.run(t, chromedp.Click(q(n)+` .check`, chromedp.ByQuery), chromedp.Sleep(50*time.Millisecond),
			chromedp.Evaluate(`(q => q.classList.contains("is-correct") ? "right" : q.classList.contains("is-wrong") ? "wrong" : "none:" + q.querySelector(".question-result").textContent)(document.querySelector('`+q(n)+`'))`, &cls))
		return cls
	}
	retry := func(n int) { b.run(t, chromedp.Click(q(n)+` .check`, chromedp.ByQuery)) }
	js := func(n int, script string) {
		t.Helper()
		b.run(t, chromedp.Evaluate(`(q => { `+script+` })(document.querySelector('`+q(n)+`'))`, nil))
	}
	type answer struct {
		name         string
		n            int
		wrong, right string // scripts that fill in the answer
	}
	pick := func(values ...string) string {
		s := ""
		for _, v := range values {
			s += `q.querySelector('input[value="` + v + `"]').click();`
		}
		return s
	}
	// Matching: pick each left side's partner by its text.
	match := func(rights ...string) string {
		return `const rights = ` + jsList(rights) + `; q.querySelectorAll("select").forEach((s, i) => { s.value = [...s.options].find(o => o.text === rights[i]).value; s.dispatchEvent(new Event("change", {bubbles: true})); });`
	}
	// Ordering: move items with their buttons until they stand in order.
	order := func(items ...string) string {
		return `const want = ` + jsList(items) + `; for (let i = 0; i < want.length; i++) { for (let k = 0; k < 10; k++) { const lis = [...q.querySelectorAll(".order-item")]; const at = lis.findIndex(li => li.querySelector(".order-text").textContent.trim() === want[i]); if (at <= i) break; lis[at].querySelector(".order-up").click(); } }`
	}
	fill := func(sel string, values ...string) string {
		return `const v = ` + jsList(values) + `; q.querySelectorAll("` + sel + `").forEach((el, i) => { el.value = v[i]; el.dispatchEvent(new Event("input", {bubbles: true})); });`
	}
	for _, a := range []answer{
		{"true/false", 1, pick("0"), pick("1")},
		{"multiple answer", 2, pick("0"), pick("0", "1")},
		{"matching", 3, match("Banque Postale", "Bookbridge", "Zgłoszenia mieszkańców"), match("Bookbridge", "Banque Postale", "Zgłoszenia mieszkańców")},
		{"ordering", 4, order("Wybór partnerów", "Diagnoza", "Umowa", "Ewaluacja"), order("Diagnoza", "Wybór partnerów", "Umowa", "Ewaluacja")},
		{"blanks", 5, fill("input.blank", "partnerzy", "końcem"), fill("input.blank", "  Wszyscy   Partnerzy ", "startem")},
		{"numeric", 6, fill(".numeric input", "41 999"), fill(".numeric input", "44 000")},
	} {
		t.Run(a.name, func(t *testing.T) {
			js(a.n, a.wrong)
			if v := verdict(a.n); v != "wrong" {
				t.Errorf("wrong answer judged %s", v)
			}
			retry(a.n)
			js(a.n, a.right)
			if v := verdict(a.n); v != "right" {
				t.Errorf("right answer judged %s", v)
			}
		})
	}
	// After the check, the picked option's feedback and the explanation are
	// unsealed and shown.
	var fb, expl string
	b.run(t, chromedp.Text(q(1)+` .choice.is-correct .feedback`, &fb, chromedp.ByQuery),
		chromedp.Text(q(6)+` .callout-answer .sealed`, &expl, chromedp.ByQuery))
	if !strings.Contains(fb, "porozumienie wystarczy") || !strings.Contains(expl, "czterdzieści trzy") {
		t.Errorf("feedback %q, explanation %q", fb, expl)
	}
	// The model answer of the open question opens on request.
	var model string
	b.run(t, chromedp.Click(q(7)+` summary`, chromedp.ByQuery), chromedp.Sleep(50*time.Millisecond), chromedp.Text(q(7)+` .sealed`, &model, chromedp.ByQuery))
	if !strings.Contains(model, "Wzorcowa odpowiedź") {
		t.Errorf("model answer %q", model)
	}
	var score string
	b.run(t, chromedp.Text(`.exercise-score`, &score, chromedp.ByQuery))
	if !strings.Contains(score, "6 z 6") {
		t.Errorf("score %q", score)
	}

	t.Run("progress to a file and back", func(t *testing.T) {
		downloads := t.TempDir()
		path := fileURL(learner, "sciezki/p/index.html")
		b.run(t, chromedp.Navigate(fileURL(learner, "moduly/m/index.html")), chromedp.Navigate(path),
			chromedp.WaitVisible(`.progress-export`, chromedp.ByQuery),
			cdpbrowser.SetDownloadBehavior(cdpbrowser.SetDownloadBehaviorBehaviorAllow).WithDownloadPath(downloads).WithEventsEnabled(true),
			chromedp.Click(`.progress-export`, chromedp.ByQuery))
		saved := filepath.Join(downloads, "postep-razem.json")
		waitFile(t, saved)
		data, _ := os.ReadFile(saved)
		var file struct {
			Razem    int
			Progress struct{ Visited, Passed map[string]bool }
		}
		if err := json.Unmarshal(data, &file); err != nil || file.Razem != 1 || !file.Progress.Visited["moduly/m/index.html"] || !file.Progress.Passed["cwiczenia/quiz/index.html"] {
			t.Fatalf("saved progress (%v): %s", err, data)
		}
		// A new device: no progress; loading the file brings the ticks back.
		b.run(t, chromedp.Evaluate(`localStorage.clear()`, nil), chromedp.Reload(), chromedp.WaitVisible(`.progress-import`, chromedp.ByQuery))
		b.waitFor(t, `document.querySelectorAll(".steps .is-visited").length === 0`, 5*time.Second)
		b.run(t, chromedp.SetUploadFiles(`.progress-import-file`, []string{saved}, chromedp.ByQuery))
		b.waitFor(t, `document.querySelectorAll(".steps .is-visited").length === 2`, 5*time.Second)
		var status string
		b.run(t, chromedp.Text(`.progress-tools-status`, &status, chromedp.ByQuery))
		if !strings.Contains(status, "Wczytano") {
			t.Errorf("import status %q", status)
		}
	})

	t.Run("certificate", func(t *testing.T) {
		b.run(t, chromedp.Navigate(fileURL(learner, "sciezki/p/certyfikat.html")), chromedp.WaitVisible(`#cert-name`, chromedp.ByQuery),
			chromedp.Evaluate(`window.print = () => { window.printed = true; }`, nil),
			chromedp.SendKeys(`#cert-name`, "Anna Kowalska", chromedp.ByQuery),
			chromedp.Click(`.cert-form button`, chromedp.ByQuery))
		b.waitFor(t, `window.printed === true`, 5*time.Second)
		var name, steps, date string
		var visible bool
		b.run(t, chromedp.Text(`.cert-name`, &name, chromedp.ByQuery), chromedp.Text(`.cert-steps`, &steps, chromedp.ByQuery),
			chromedp.Text(`.cert-date`, &date, chromedp.ByQuery), chromedp.Evaluate(`!document.querySelector(".certificate").hidden`, &visible))
		if name != "Anna Kowalska" || !strings.Contains(steps, "Moduł") || !strings.Contains(steps, "Quiz") || date == "" || !visible {
			t.Errorf("certificate: name %q, steps %q, date %q, visible %v", name, steps, date, visible)
		}
		// Without the path finished, there is no certificate to print.
		b.run(t, chromedp.Evaluate(`localStorage.clear()`, nil), chromedp.Reload(), chromedp.WaitReady(`.cert-status`, chromedp.ByQuery))
		var status string
		var formHidden bool
		b.run(t, chromedp.Text(`.cert-status`, &status, chromedp.ByQuery), chromedp.Evaluate(`document.querySelector(".cert-form").hidden`, &formHidden))
		if !strings.Contains(status, "0 z 2") || !formHidden {
			t.Errorf("unfinished path: status %q, form hidden %v", status, formHidden)
		}
	})
	b.check(t, "file://")
}

func jsList(xs []string) string {
	b, _ := json.Marshal(xs)
	return string(b)
}

func waitFile(t *testing.T, p string) {
	t.Helper()
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
		if st, err := os.Stat(p); err == nil && st.Size() > 0 {
			return
		}
	}
	t.Fatalf("%s was not written", p)
}

// scormAgain finds scorm-again's browser builds (npm, installed by .ci/run
// outside the repository).
func scormAgain(t *testing.T) string {
	t.Helper()
	dir := os.Getenv("RAZEM_SCORM_AGAIN")
	if dir == "" {
		home, _ := os.UserHomeDir()
		dir = filepath.Join(home, ".cache", "razem-ci-tools", "node_modules", "scorm-again", "dist")
	}
	if _, err := os.Stat(filepath.Join(dir, "scorm12.js")); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("scorm-again is required in CI (.ci/run installs it): RAZEM_SCORM_AGAIN")
		}
		t.Skip("scorm-again not installed; set RAZEM_SCORM_AGAIN (npm install scorm-again)")
	}
	return dir
}

// TestBrowserSCORM exports the quiz site's path as SCORM 1.2 and 2004,
// serves each package beside a host page that runs scorm-again's LMS API
// and frames a SCO's launch page, and checks what the runtime received:
// the module reported completed, the exercise its score and passing.
func TestBrowserSCORM(t *testing.T) {
	lib := scormAgain(t)
	chromiumPath(t)
	src := filepath.Dir(mustQuizSource(t))
	b := newBrowser(t)
	for _, tc := range []struct{ format, script, class, global, status, scoreKey string }{
		{"scorm12", "scorm12.js", "Scorm12API", "API", "cmi.core.lesson_status", "cmi.core.score.raw"},
		{"scorm2004", "scorm2004.js", "Scorm2004API", "API_1484_11", "cmi.completion_status", "cmi.score.raw"},
	} {
		t.Run(tc.format, func(t *testing.T) {
			zipPath := filepath.Join(t.TempDir(), "p.zip")
			if code, _, errOut := runCLI(t, "export", "--source", src, tc.format, "sciezki/p.md", "-o", zipPath); code != 0 {
				t.Fatalf("export: %s", errOut)
			}
			root := t.TempDir()
			unzip(t, zipPath, filepath.Join(root, "pkg"))
			lms, _ := os.ReadFile(filepath.Join(lib, tc.script))
			os.WriteFile(filepath.Join(root, "lms.js"), lms, 0o644)
			os.WriteFile(filepath.Join(root, "host.js"), []byte(`window.`+tc.global+` = new `+tc.class+`({autocommit: false, logLevel: 5});
window.frameSCO = function (n) { var f = document.getElementById("sco"); f.src = "pkg/scorm/sco-" + n + ".html"; };`), 0o644)
			os.WriteFile(filepath.Join(root, "index.html"), []byte(`<!DOCTYPE html><html><head><meta charset="utf-8"><title>LMS</title><script src="lms.js"></script><script src="host.js"></script></head><body><iframe id="sco" title="SCO" style="width:1000px;height:800px"></iframe></body></html>`), 0o644)
			srv := httptest.NewServer(http.FileServer(http.Dir(root)))
			defer srv.Close()
			get := func(key string) string {
				var v string
				b.run(t, chromedp.Evaluate(`String(window.`+tc.global+`.getCMIValue("`+key+`"))`, &v))
				return v
			}
			// The module SCO: completed once shown.
			b.run(t, chromedp.Navigate(srv.URL+"/index.html"), chromedp.Evaluate(`frameSCO(1)`, nil))
			b.waitFor(t, `window.`+tc.global+`.getCMIValue("`+tc.status+`") === "completed"`, 10*time.Second)
			// The exercise SCO: incomplete, then a score on each check, passed
			// when every question is right.
			b.run(t, chromedp.Navigate(srv.URL+"/index.html"), chromedp.Evaluate(`frameSCO(2)`, nil))
			content := `document.getElementById("sco").contentDocument.querySelector("iframe").contentDocument`
			b.waitFor(t, `!!(`+content+` && `+content+`.querySelector(".question .check:not([hidden])") && `+content+`.querySelector(".question-actions:not([hidden])"))`, 10*time.Second)
			if s := get(tc.status); s != "incomplete" {
				t.Errorf("exercise status at start %q", s)
			}
			b.run(t, chromedp.Evaluate(`(d => { d.querySelector('.question[data-question="1"] input[value="1"]').click(); d.querySelector('.question[data-question="1"] .check').click(); })(`+content+`)`, nil))
			b.waitFor(t, `window.`+tc.global+`.getCMIValue("`+tc.scoreKey+`") === "17"`, 5*time.Second)
			// Answer the rest through the page's own form.
			b.run(t, chromedp.Evaluate(`(d => {
				const q = n => d.querySelector('.question[data-question="' + n + '"]');
				q(2).querySelector('input[value="0"]').click(); q(2).querySelector('input[value="1"]').click();
				const rights = ["Bookbridge", "Banque Postale", "Zgłoszenia mieszkańców"];
				q(3).querySelectorAll("select").forEach((s, i) => { s.value = [...s.options].find(o => o.text === rights[i]).value; });
				const want = ["Diagnoza", "Wybór partnerów", "Umowa", "Ewaluacja"];
				for (let i = 0; i < want.length; i++) { for (let k = 0; k < 10; k++) { const lis = [...q(4).querySelectorAll(".order-item")]; const at = lis.findIndex(li => li.querySelector(".order-text").textContent.trim() === want[i]); if (at <= i) break; lis[at].querySelector(".order-up").click(); } }
				q(5).querySelectorAll("input.blank").forEach((el, i) => { el.value = ["partnerzy", "startem"][i]; });
				q(6).querySelector(".numeric input").value = "43000";
				[2, 3, 4, 5, 6].forEach(n => q(n).querySelector(".check").click());
			})(`+content+`)`, nil))
			b.waitFor(t, `window.`+tc.global+`.getCMIValue("`+tc.scoreKey+`") === "100"`, 5*time.Second)
			if tc.format == "scorm12" {
				if s := get("cmi.core.lesson_status"); s != "passed" {
					t.Errorf("lesson_status %q, want passed", s)
				}
			} else if s, c := get("cmi.success_status"), get("cmi.completion_status"); s != "passed" || c != "completed" {
				t.Errorf("success_status %q, completion_status %q", s, c)
			}
		})
	}
	b.check(t, "http://127.0.0.1")
}

// mustQuizSource writes quizSite once and returns its config.toml.
func mustQuizSource(t *testing.T) string {
	t.Helper()
	learner, _ := quizBuild(t)
	return filepath.Join(filepath.Dir(learner), "config.toml")
}

func unzip(t *testing.T, zipPath, dest string) {
	t.Helper()
	data, err := os.ReadFile(zipPath)
	if err != nil {
		t.Fatal(err)
	}
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range zr.File {
		p := filepath.Join(dest, filepath.FromSlash(f.Name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		var buf bytes.Buffer
		_, err = buf.ReadFrom(rc)
		rc.Close()
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// TestGIFTParsesWithGiftPegjs exports the bundled exercises as GIFT and
// parses them with gift-pegjs (npm, installed by .ci/run): every question
// comes back, with the type it was written as.
func TestGIFTParsesWithGiftPegjs(t *testing.T) {
	mod := os.Getenv("RAZEM_GIFT_PEGJS")
	if mod == "" {
		home, _ := os.UserHomeDir()
		mod = filepath.Join(home, ".cache", "razem-ci-tools", "node_modules", "gift-pegjs")
	}
	if _, err := os.Stat(filepath.Join(mod, "package.json")); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("gift-pegjs is required in CI (.ci/run installs it): RAZEM_GIFT_PEGJS")
		}
		t.Skip("gift-pegjs not installed; set RAZEM_GIFT_PEGJS (npm install gift-pegjs)")
	}
	out := filepath.Join(t.TempDir(), "q.gift")
	code, _, errOut := runCLI(t, "export", "--source", repoRoot(), "gift", "-o", out)
	if code != 0 {
		t.Fatalf("export: %s", errOut)
	}
	// Ordering questions and several blanks have no GIFT form: each is
	// named with its file and line.
	if !strings.Contains(errOut, `content/cwiczenia/sponsorzy.md:96:1: warning: question "Od pierwszego kontaktu do rocznego podsumowania" left out of GIFT: GIFT has no ordering questions`) {
		t.Errorf("warnings:\n%s", errOut)
	}
	data, _ := os.ReadFile(out)
	script := `const {parse} = require(process.argv[1]); const qs = parse(require("fs").readFileSync(0, "utf8"));
console.log(JSON.stringify(qs.map(q => ({type: q.type, title: q.title, choices: (q.choices || []).length, pairs: (q.matchPairs || []).length}))));`
	cmd := exec.CommandContext(context.Background(), "node", "-e", script, mod)
	cmd.Stdin = bytes.NewReader(data)
	res, err := cmd.Output()
	if err != nil {
		t.Fatalf("gift-pegjs: %v", err)
	}
	var qs []struct {
		Type, Title    string
		Choices, Pairs int
	}
	if err := json.Unmarshal(res, &qs); err != nil {
		t.Fatal(err)
	}
	types := map[string]int{}
	titles := map[string]string{}
	for _, q := range qs {
		types[q.Type]++
		titles[q.Title] = q.Type
	}
	if want := strings.Count(string(data), "\n::"); len(qs)-types["Category"] != want {
		t.Errorf("gift-pegjs read %d questions, the file has %d", len(qs)-types["Category"], want)
	}
	for title, typ := range map[string]string{
		"Sponsoring zawsze oznacza współpracę z wielką korporacją.": "TF",
		"Kryterium i sygnał ostrzegawczy":                           "Matching",
		"Średnia ocena kandydatki":                                  "Numerical",
		"Kryteria wyboru":                                           "MC",
		"Plan opieki nad ambasadorem":                               "Essay",
	} {
		if titles[title] != typ {
			t.Errorf("%q parsed as %q, want %s", title, titles[title], typ)
		}
	}
	if types["MC"] < 30 || types["Category"] < 10 {
		t.Errorf("types %v", types)
	}
}

// TestExportCLI: usage errors exit 2, an unknown target names itself, and
// the same input exports the same bytes.
func TestExportCLI(t *testing.T) {
	src := filepath.Dir(mustQuizSource(t))
	out := filepath.Join(t.TempDir(), "x")
	for _, args := range [][]string{{"export", "--source", src, "pdf", "-o", out}, {"export", "--source", src, "gift"}, {"export", "--source", src, "scorm12", "-o", out}} {
		if code, _, _ := runCLI(t, args...); code != 2 {
			t.Errorf("%v: exit %d, want 2", args, code)
		}
	}
	if code, _, errOut := runCLI(t, "export", "--source", src, "moodle", "moduly/nie-ma.md", "-o", out); code != 1 || !strings.Contains(errOut, "no content file moduly/nie-ma.md") {
		t.Errorf("unknown target: %d %s", code, errOut)
	}
	var zips [2][]byte
	for i := range zips {
		p := filepath.Join(t.TempDir(), "p.zip")
		if code, _, errOut := runCLI(t, "export", "--source", src, "scorm2004", "content/sciezki/p.md", "-o", p); code != 0 {
			t.Fatalf("export: %s", errOut)
		}
		zips[i], _ = os.ReadFile(p)
	}
	if len(zips[0]) == 0 || !bytes.Equal(zips[0], zips[1]) {
		t.Error("two exports of the same site differ")
	}
}
