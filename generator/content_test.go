package generator_test

import (
	"bytes"
	"compress/gzip"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/razem/razem/generator"
	"github.com/razem/razem/generator/internal/sitetest"
	"github.com/razem/razem/generator/page"
)

// buildContent builds the bundled knowledge base (content/, config.toml and
// the theme of the repository).
func buildContent(t *testing.T) *sitetest.Result {
	t.Helper()
	return sitetest.BuildFS(t, os.DirFS(sitetest.RepoRoot()), generator.Options{})
}

func TestBundledContent(t *testing.T) {
	r := buildContent(t).OK(t) // zero errors and zero warnings
	count := map[string]int{}
	for _, p := range r.Site.Pages {
		if !strings.HasSuffix(p.Path, "index.md") {
			count[p.Meta.Type]++
		}
	}
	// Floors, so the knowledge base cannot silently shrink.
	for typ, min := range map[string]int{page.TypeModule: 12, page.TypeCase: 6, page.TypeTerm: 30, page.TypeExercise: 8, page.TypePath: 3, page.TypePage: 2} {
		if count[typ] < min {
			t.Errorf("%d pages of type %s, want at least %d", count[typ], typ, min)
		}
	}
	for _, u := range []string{"o-projekcie/index.html", "materialy/index.html", "slownik/index.html", "moduly/wspolpraca-z-samorzadem/index.html", "przypadki/cresus-banque-postale/index.html"} {
		if !r.Has(u) {
			t.Errorf("missing %s", u)
		}
	}
	for _, p := range r.Site.OfType(page.TypeExercise) {
		if p.Doc.Questions < 3 {
			t.Errorf("%s has %d questions", p.File, p.Doc.Questions)
		}
	}
	for _, p := range r.Site.OfType(page.TypeModule) {
		if len(p.Meta.Objectives) == 0 || p.Meta.Duration == 0 {
			t.Errorf("%s lacks objectives or duration", p.File)
		}
	}
}

// TestKeyFacts checks figures that must be carried over from the sources
// exactly.
func TestKeyFacts(t *testing.T) {
	r := buildContent(t)
	text := func(path string) string {
		if r.Site.ByPath(path) == nil {
			t.Fatalf("no page %s", path)
		}
		b, _ := os.ReadFile(filepath.Join(sitetest.RepoRoot(), "content", path)) // front matter figures count too
		return strings.Join(strings.Fields(strings.ReplaceAll(string(b), "\u00a0", " ")), " ")
	}
	facts := map[string][]string{
		"przypadki/cresus-banque-postale.md":    {"43 000", "25 400", "98 %", "25 partnerów", "Banque Postale"},
		"przypadki/bookbridge-wosm.md":          {"4 miesi", "Mongoli", "Kambodż"},
		"przypadki/razem-dla-regionu.md":        {"Klub Myśli Społecznej Inicjatywy", "Collegium Civitas", "Technologie-Netzwerk Berlin", "Białymstoku", "maju 2009", "16 godzin"},
		"przypadki/1-roof-2-ages.md":            {"Gymsana", "EuroMut", "Plus Magazine", "BNP Paribas Fortis"},
		"moduly/partnerstwa-lokalne-cyfrowo.md": {"200 słów", "dwóch tygodni", "50", "80 %", "SMART"},
	}
	for path, want := range facts {
		body := text(path)
		for _, w := range want {
			if !strings.Contains(body, w) {
				t.Errorf("%s lacks %q", path, w)
			}
		}
	}
}

var sentenceEnd = regexp.MustCompile(`[.!?;:…]+\s+|\n+`)

func normalizeWords(s string) string {
	var b strings.Builder
	for _, f := range strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
		return !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r > 127 && r != '\u00a0' && r != '„' && r != '”' && r != '–' && r != '—' && r != '…')
	}) {
		b.WriteString(f)
		b.WriteByte(' ')
	}
	return b.String()
}

// TestContentIsOurOwnWords enforces that no sentence of more than twelve
// words from the source documents appears verbatim in content/.
func TestContentIsOurOwnWords(t *testing.T) {
	seeds, _ := filepath.Glob(filepath.Join(sitetest.RepoRoot(), "..", "shared", "seeds", "*.txt"))
	if len(seeds) == 0 {
		t.Skip("seed documents not found")
	}
	var content strings.Builder
	_ = filepath.WalkDir(filepath.Join(sitetest.RepoRoot(), "content"), func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(p, ".md") {
			b, _ := os.ReadFile(p)
			content.WriteString(normalizeWords(string(b)))
		}
		return nil
	})
	all := content.String()
	checked := 0
	for _, s := range seeds {
		b, _ := os.ReadFile(s)
		for _, sentence := range sentenceEnd.Split(string(b), -1) {
			norm := normalizeWords(sentence)
			if len(strings.Fields(norm)) <= 12 {
				continue
			}
			checked++
			if strings.Contains(all, norm) {
				t.Errorf("copied from %s: %q", filepath.Base(s), strings.TrimSpace(sentence))
			}
		}
	}
	if checked < 100 {
		t.Errorf("only %d long seed sentences found; is the splitter broken?", checked)
	}
}

// TestModulePageWeight guards the brief's budget: a module page weighs
// under 40 KB over the wire (HTML + CSS + JS, gzip), for every module.
func TestModulePageWeight(t *testing.T) {
	r := buildContent(t).OK(t)
	gz := func(b []byte) int {
		var buf bytes.Buffer
		w, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression)
		w.Write(b)
		w.Close()
		return buf.Len()
	}
	assets := 0
	for _, f := range r.Files {
		if strings.HasPrefix(f.Path, "assets/") && (strings.HasSuffix(f.Path, ".css") || strings.HasSuffix(f.Path, ".js")) {
			assets += gz(f.Data)
		}
	}
	for _, p := range r.Site.OfType(page.TypeModule) {
		total := gz([]byte(r.File(t, p.URL))) + assets
		if total > 40*1024 {
			t.Errorf("%s weighs %d bytes gzipped with its CSS and JS; the budget is 40 KB", p.URL, total)
		}
	}
}
