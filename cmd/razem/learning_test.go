package main

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// Learning features in the browser, from file:// (the hardest host: no
// server, localStorage per file origin).

func TestBrowserPathProgress(t *testing.T) {
	dir := builtSite(t)
	b := newBrowser(t)
	path := fileURL(dir, "sciezki/pierwsze-partnerstwo/index.html")
	var first string
	b.run(t, chromedp.Navigate(path), chromedp.AttributeValue(`.steps .step a`, "href", &first, nil, chromedp.ByQuery))
	// Visit the first step, then come back: the step is ticked, and the
	// tick survives a reload.
	b.run(t, chromedp.Click(`.steps .step a`, chromedp.ByQuery), chromedp.WaitVisible(`.page-module h1`, chromedp.ByQuery))
	var next string
	b.run(t, chromedp.Text(`.pathnav-next`, &next, chromedp.ByQuery))
	if !strings.Contains(next, "Następny krok") {
		t.Errorf("no next step on the module: %q", next)
	}
	b.run(t, chromedp.Navigate(path), chromedp.Reload())
	var visited bool
	var progress string
	b.waitFor(t, `document.querySelector(".steps .step").classList.contains("is-visited")`, 5*time.Second)
	b.run(t, chromedp.Evaluate(`document.querySelector(".steps .step").classList.contains("is-visited")`, &visited),
		chromedp.Text(`.path-progress`, &progress, chromedp.ByQuery))
	if !visited || !strings.Contains(progress, "1 z") {
		t.Errorf("visited=%v progress=%q", visited, progress)
	}
	// The sidebar shows the tick too.
	var ticked int
	b.run(t, chromedp.Evaluate(`document.querySelectorAll(".sidebar .is-visited").length`, &ticked))
	if ticked == 0 {
		t.Error("no tick in the sidebar")
	}
	// Reset clears it (after the confirm dialog).
	chromedp.ListenTarget(b.ctx, func(ev any) {
		if _, ok := ev.(*page.EventJavascriptDialogOpening); ok {
			go chromedp.Run(b.ctx, page.HandleJavaScriptDialog(true))
		}
	})
	b.run(t, chromedp.Click(`.progress-reset`, chromedp.ByQuery))
	b.waitFor(t, `!document.querySelector(".steps .step").classList.contains("is-visited")`, 5*time.Second)
	b.check(t, "file://")
}

func TestBrowserGlossaryTooltip(t *testing.T) {
	dir := builtSite(t)
	b := newBrowser(t)
	b.run(t, chromedp.Navigate(fileURL(dir, "moduly/partnerstwa-i-koalicje/index.html")), chromedp.WaitVisible(`.term-link`, chromedp.ByQuery))
	visible := func() bool {
		var v bool
		b.run(t, chromedp.Evaluate(`getComputedStyle(document.querySelector(".term .term-tip")).display !== "none"`, &v))
		return v
	}
	if visible() {
		t.Fatal("tooltip visible before hover")
	}
	// Keyboard: focus the link, the tooltip shows; Escape hides it.
	b.run(t, chromedp.Focus(`.term-link`, chromedp.ByQuery))
	if !visible() {
		t.Error("tooltip not shown on focus")
	}
	var described, tip string
	b.run(t, chromedp.AttributeValue(`.term-link`, "aria-describedby", &described, nil, chromedp.ByQuery),
		chromedp.Text(`#`+"term-tip-1", &tip, chromedp.ByQuery))
	if described != "term-tip-1" || len(tip) < 10 {
		t.Errorf("aria-describedby=%q tooltip=%q", described, tip)
	}
	b.run(t, chromedp.KeyEvent("\u001b"))
	if visible() {
		t.Error("Escape did not dismiss the tooltip")
	}
	// Mouse: hovering the link shows it.
	// Scroll without the theme's smooth scrolling, so the position measured
	// next is where the link stays.
	b.run(t, chromedp.Blur(`.term-link`, chromedp.ByQuery),
		chromedp.Evaluate(`document.querySelector(".term-link").scrollIntoView({block: "center", behavior: "instant"})`, nil))
	// Wait until the link stops moving (scrolling may still be easing).
	var box, prev []float64
	for i := 0; i < 50; i++ {
		b.run(t, chromedp.Evaluate(`(r => [r.x + r.width/2, r.y + r.height/2])(document.querySelector(".term-link").getClientRects()[0])`, &box))
		if prev != nil && prev[0] == box[0] && prev[1] == box[1] {
			break
		}
		prev = box
		time.Sleep(50 * time.Millisecond)
	}
	b.run(t, chromedp.MouseEvent(input.MouseMoved, 1, 1), chromedp.MouseEvent(input.MouseMoved, box[0], box[1]))
	if !visible() {
		var dbg string
		b.run(t, chromedp.Evaluate(fmt.Sprintf(`(t => t.className + " hover=" + t.matches(":hover") + " at=" + (e => e ? e.tagName + "/" + e.className + "/" + e.textContent.slice(0,40) : "none")(document.elementFromPoint(%f, %f)) + " link=" + JSON.stringify(document.querySelector(".term-link").getClientRects()[0]) + " scrollY=" + scrollY)(document.querySelector(".term"))`, box[0], box[1]), &dbg))
		t.Errorf("tooltip not shown on hover (%s, at %v)", dbg, box)
	}
	b.check(t, "file://")
}

func TestBrowserSlides(t *testing.T) {
	dir := builtSite(t)
	b := newBrowser(t)
	b.run(t, chromedp.Navigate(fileURL(dir, "moduly/ambasadorzy/slajdy.html")), chromedp.WaitVisible(`.slide.is-current`, chromedp.ByQuery))
	current := func() int {
		var i int
		b.run(t, chromedp.Evaluate(`Array.from(document.querySelectorAll(".slide")).findIndex(s => s.classList.contains("is-current"))`, &i))
		return i
	}
	var total int
	b.run(t, chromedp.Evaluate(`document.querySelectorAll(".slide").length`, &total))
	if total < 4 {
		t.Fatalf("%d slides", total)
	}
	b.run(t, chromedp.KeyEvent(kbArrowRight), chromedp.KeyEvent(kbArrowRight))
	if c := current(); c != 2 {
		t.Errorf("after two right arrows slide %d is current", c)
	}
	b.run(t, chromedp.KeyEvent(kbArrowLeft))
	if c := current(); c != 1 {
		t.Errorf("after a left arrow slide %d is current", c)
	}
	var count string
	b.run(t, chromedp.Text(`.deck-count`, &count, chromedp.ByQuery))
	if !strings.Contains(count, "2") {
		t.Errorf("counter %q", count)
	}
	// The slide survives a reload (#N in the address).
	b.run(t, chromedp.Reload(), chromedp.WaitVisible(`.slide.is-current`, chromedp.ByQuery))
	if c := current(); c != 1 {
		t.Errorf("after reload slide %d is current", c)
	}
	b.check(t, "file://")
}

const (
	kbArrowRight = kb.ArrowRight
	kbArrowLeft  = kb.ArrowLeft
)

// TestPrintHandout prints a module and a whole learning path to PDF the
// way a trainer would, and checks the PDFs have pages and the text of the
// material (pdftotext, when installed, reads them back).
func TestPrintHandout(t *testing.T) {
	dir := builtSite(t)
	b := newBrowser(t)
	out := t.TempDir()
	for name, pg := range map[string]string{"modul": "moduly/ambasadorzy/index.html", "sciezka": "sciezki/pierwsze-partnerstwo/wydruk.html", "trener": "../trener/moduly/ambasadorzy/index.html"} {
		var pdf []byte
		b.run(t, chromedp.Navigate(fileURL(dir, pg)), chromedp.WaitVisible(`main`, chromedp.ByQuery),
			chromedp.ActionFunc(func(ctx context.Context) error {
				var err error
				pdf, _, err = page.PrintToPDF().WithPaperWidth(8.27).WithPaperHeight(11.69).Do(ctx)
				return err
			}))
		if len(pdf) < 10000 || !strings.HasPrefix(string(pdf), "%PDF") {
			t.Fatalf("%s: not a PDF (%d bytes)", pg, len(pdf))
		}
		file := filepath.Join(out, name+".pdf")
		os.WriteFile(file, pdf, 0o644)
		if os.Getenv("RAZEM_KEEP_PDF") != "" {
			os.WriteFile(filepath.Join(os.Getenv("RAZEM_KEEP_PDF"), name+".pdf"), pdf, 0o644)
		}
		if _, err := exec.LookPath("pdftotext"); err != nil {
			continue
		}
		text, err := exec.Command("pdftotext", "-layout", file, "-").Output()
		if err != nil {
			t.Fatal(err)
		}
		s := string(text)
		if strings.Contains(s, "Widok trenera") || strings.Contains(s, "Szukaj w materiałach") {
			t.Errorf("%s: navigation printed", pg)
		}
		switch name {
		case "modul":
			if !strings.Contains(s, "Ambasadorzy") || !strings.Contains(s, "Linki") {
				t.Errorf("module handout lacks title or the printed links:\n%.600s", s)
			}
			if strings.Contains(s, "Ranking kandydatów") {
				t.Error("trainer notes printed in the learner handout")
			}
		case "trener":
			if !strings.Contains(s, "Ranking kandydatów") { // the title of the module's trainer note
				t.Error("trainer edition lacks the trainer notes")
			}
		case "sciezka":
			if !strings.Contains(s, "Partnerstwa i koalicje") || strings.Count(s, "\f") < 5 {
				t.Errorf("path handout has %d pages", strings.Count(s, "\f"))
			}
		}
	}
}
