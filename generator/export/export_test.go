package export

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"io"
	"strings"
	"testing"

	"github.com/razem/razem/generator"
	"github.com/razem/razem/generator/diag"
	"github.com/razem/razem/generator/internal/sitetest"
)

const quiz = `-- content/cwiczenia/quiz.md --
---
title: Quiz
---
## Zdanie [prawda/fałsz]

- [ ] Prawda
  > Nie.
- [x] Fałsz
  > Tak: porozumienie wystarczy.

## Umowa [wiele odpowiedzi]

- [x] Cele
- [x] Role
- [ ] Logo

## Jedna [jedna odpowiedź]

- [x] A
- [ ] B

## Dopasuj [dopasuj]

- Licencjonowanie → Bookbridge
- Sponsoring → Banque Postale
- Crowdsourcing → Mieszkańcy

## Dwie pary [dopasuj]

- A → B
- C → D

## Ułóż [kolejność]

1. Diagnoza
2. Umowa

## Jedna luka

Umowę podpisują [[wszyscy partnerzy|partnerzy]] przed startem.

## Dwie luki

Podpisują [[partnerzy]] przed [[startem]].

## Ile? [liczba]

= 43 000 ± 1 000

## Opisz

> [!ANSWER]
> Wzór.
-- content/moduly/m.md --
---
title: Moduł
related: [cwiczenia/quiz.md]
---
Tekst.
-- content/sciezki/p.md --
---
title: Ścieżka
steps: [moduly/m.md, cwiczenia/quiz.md]
---
Ścieżka.
`

func build(t *testing.T) *sitetest.Result {
	t.Helper()
	return sitetest.BuildFS(t, sitetest.FS(t, quiz), generator.Options{Quiz: true}).OK(t)
}

func TestGIFT(t *testing.T) {
	r := build(t)
	qs := Questions(Exercises(r.Site, nil))
	var l diag.List
	got := string(GIFT(qs, &l))
	for _, want := range []string{
		"$CATEGORY: $course$/razem/Quiz\n",
		"::Zdanie::[html]<p>Zdanie</p>{FALSE#<p>Nie.</p>#<p>Tak\\: porozumienie wystarczy.</p>}",
		"~%50%Cele", "~%-50%Logo",
		"=A\n\t~B}",
		"=Licencjonowanie -> Bookbridge",
		"::Jedna luka::[html]<p>Umowę podpisują {=wszyscy partnerzy =partnerzy} przed startem.</p>",
		"{#43000:1000}",
		"::Opisz::[html]<p>Opisz</p>{####<p>Wzór.</p>}",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("GIFT lacks %q:\n%s", want, got)
		}
	}
	want := `content/cwiczenia/quiz.md:28:1: warning: question "Dwie pary" left out of GIFT: Moodle needs at least three matching pairs
content/cwiczenia/quiz.md:33:1: warning: question "Ułóż" left out of GIFT: GIFT has no ordering questions; export to moodle instead
content/cwiczenia/quiz.md:42:1: warning: question "Dwie luki" left out of GIFT: GIFT holds one blank per question; export to moodle (cloze) instead`
	if d := strings.TrimSpace(diag.Format(l.Sorted())); d != want {
		t.Errorf("diagnostics:\n%s\nwant\n%s", d, want)
	}
}

// moodleQuiz is the part of Moodle XML the importer needs.
type moodleQuiz struct {
	Questions []struct {
		Type     string `xml:"type,attr"`
		Name     string `xml:"name>text"`
		Category string `xml:"category>text"`
		Text     string `xml:"questiontext>text"`
		Single   string `xml:"single"`
		Answers  []struct {
			Fraction  string `xml:"fraction,attr"`
			Text      string `xml:"text"`
			Tolerance string `xml:"tolerance"`
			Feedback  string `xml:"feedback>text"`
		} `xml:"answer"`
		Subquestions []struct {
			Text   string `xml:"text"`
			Answer string `xml:"answer>text"`
		} `xml:"subquestion"`
		GraderInfo string `xml:"graderinfo>text"`
	} `xml:"question"`
}

func TestMoodleXML(t *testing.T) {
	r := build(t)
	var l diag.List
	data := Moodle(Questions(Exercises(r.Site, nil)), &l)
	var q moodleQuiz
	if err := xml.Unmarshal(data, &q); err != nil {
		t.Fatalf("not XML: %v\n%s", err, data)
	}
	var types []string
	for _, x := range q.Questions {
		types = append(types, x.Type)
	}
	if got := strings.Join(types, " "); got != "category truefalse multichoice multichoice matching ordering cloze cloze numerical essay" {
		t.Errorf("types %s", got)
	}
	byName := map[string]int{}
	for i, x := range q.Questions {
		byName[x.Name] = i
	}
	tf := q.Questions[byName["Zdanie"]]
	if tf.Answers[0].Text != "true" || tf.Answers[0].Fraction != "0" || tf.Answers[1].Fraction != "100" || !strings.Contains(tf.Answers[1].Feedback, "porozumienie") {
		t.Errorf("truefalse %+v", tf.Answers)
	}
	multi := q.Questions[byName["Umowa"]]
	if multi.Single != "false" || multi.Answers[0].Fraction != "50" || multi.Answers[2].Fraction != "-50" {
		t.Errorf("multichoice %+v", multi)
	}
	if m := q.Questions[byName["Dopasuj"]]; len(m.Subquestions) != 3 || m.Subquestions[1].Answer != "Banque Postale" {
		t.Errorf("matching %+v", m.Subquestions)
	}
	if o := q.Questions[byName["Ułóż"]]; len(o.Answers) != 2 || o.Answers[0].Text != "Diagnoza" || o.Answers[1].Fraction != "2" {
		t.Errorf("ordering %+v", o.Answers)
	}
	if c := q.Questions[byName["Dwie luki"]]; !strings.Contains(c.Text, "Podpisują {1:SHORTANSWER:=partnerzy} przed {1:SHORTANSWER:=startem}.") {
		t.Errorf("cloze %q", c.Text)
	}
	if n := q.Questions[byName["Ile?"]]; n.Answers[0].Text != "43000" || n.Answers[0].Tolerance != "1000" {
		t.Errorf("numerical %+v", n.Answers)
	}
	if e := q.Questions[byName["Opisz"]]; !strings.Contains(e.GraderInfo, "Wzór.") {
		t.Errorf("essay %+v", e)
	}
	// Moodle, too, wants three pairs for matching.
	if d := diag.Format(l.Sorted()); !strings.Contains(d, `quiz.md:28:1: warning: question "Dwie pary" left out of Moodle XML`) {
		t.Errorf("diagnostics %s", d)
	}
}

// scormManifest is the structure SCORM's imsmanifest.xml must have.
type scormManifest struct {
	XMLName    xml.Name
	Identifier string `xml:"identifier,attr"`
	Schema     string `xml:"metadata>schema"`
	Version    string `xml:"metadata>schemaversion"`
	Orgs       struct {
		Default string `xml:"default,attr"`
		Org     []struct {
			Identifier string `xml:"identifier,attr"`
			Title      string `xml:"title"`
			Items      []struct {
				Identifier string `xml:"identifier,attr"`
				Ref        string `xml:"identifierref,attr"`
				Title      string `xml:"title"`
				Mastery    string `xml:"masteryscore"`
			} `xml:"item"`
		} `xml:"organization"`
	} `xml:"organizations"`
	Resources []struct {
		Identifier string     `xml:"identifier,attr"`
		Type       string     `xml:"type,attr"`
		Href       string     `xml:"href,attr"`
		Attrs      []xml.Attr `xml:",any,attr"`
		Files      []struct {
			Href string `xml:"href,attr"`
		} `xml:"file"`
		Deps []struct {
			Ref string `xml:"identifierref,attr"`
		} `xml:"dependency"`
	} `xml:"resources>resource"`
}

func TestSCORMPackage(t *testing.T) {
	r := build(t)
	path := r.Site.ByPath("sciezki/p.md")
	for _, tc := range []struct{ version, ns, adlcp, attr, schemaVersion string }{
		{SCORM12, "http://www.imsproject.org/xsd/imscp_rootv1p1p2", "http://www.adlnet.org/xsd/adlcp_rootv1p2", "scormtype", "1.2"},
		{SCORM2004, "http://www.imsglobal.org/xsd/imscp_v1p1", "http://www.adlnet.org/xsd/adlcp_v1p3", "scormType", "2004 4th Edition"},
	} {
		t.Run(tc.version, func(t *testing.T) {
			data, err := SCORM(tc.version, r.Site, path, r.Files)
			if err != nil {
				t.Fatal(err)
			}
			again, _ := SCORM(tc.version, r.Site, path, r.Files)
			if !bytes.Equal(data, again) {
				t.Error("two exports differ")
			}
			zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
			if err != nil {
				t.Fatal(err)
			}
			files := map[string][]byte{}
			for _, f := range zr.File {
				rc, _ := f.Open()
				b, _ := io.ReadAll(rc)
				rc.Close()
				files[f.Name] = b
			}
			if zr.File[0].Name != "imsmanifest.xml" {
				t.Errorf("first entry %s", zr.File[0].Name)
			}
			var m scormManifest
			if err := xml.Unmarshal(files["imsmanifest.xml"], &m); err != nil {
				t.Fatal(err)
			}
			if m.XMLName.Space != tc.ns || m.XMLName.Local != "manifest" || m.Schema != "ADL SCORM" || m.Version != tc.schemaVersion || m.Identifier == "" {
				t.Errorf("manifest %v %q %q %q", m.XMLName, m.Schema, m.Version, m.Identifier)
			}
			if len(m.Orgs.Org) != 1 || m.Orgs.Default != m.Orgs.Org[0].Identifier || m.Orgs.Org[0].Title != "Ścieżka" || len(m.Orgs.Org[0].Items) != 2 {
				t.Fatalf("organizations %+v", m.Orgs)
			}
			res := map[string]int{}
			for i, x := range m.Resources {
				res[x.Identifier] = i
			}
			listed := map[string]bool{}
			for _, x := range m.Resources {
				kind := ""
				for _, a := range x.Attrs {
					if a.Name.Space == tc.adlcp && a.Name.Local == tc.attr {
						kind = a.Value
					}
				}
				if x.Type != "webcontent" || (kind != "sco" && kind != "asset") {
					t.Errorf("resource %s: type %q, %s %q", x.Identifier, x.Type, tc.attr, kind)
				}
				if kind == "sco" && (x.Href == "" || files[x.Href] == nil) {
					t.Errorf("SCO %s launches %q, which is not in the package", x.Identifier, x.Href)
				}
				for _, d := range x.Deps {
					if _, ok := res[d.Ref]; !ok {
						t.Errorf("dependency on missing resource %s", d.Ref)
					}
				}
				for _, f := range x.Files {
					if files[f.Href] == nil {
						t.Errorf("listed file %s not in the package", f.Href)
					}
					listed[f.Href] = true
				}
			}
			for name := range files {
				if name != "imsmanifest.xml" && !listed[name] {
					t.Errorf("%s is in the package but not in the manifest", name)
				}
			}
			for i, it := range m.Orgs.Org[0].Items {
				if _, ok := res[it.Ref]; !ok {
					t.Errorf("item %s refers to missing resource %s", it.Identifier, it.Ref)
				}
				if tc.version == SCORM12 && (i == 1) != (it.Mastery == "100") {
					t.Errorf("item %d mastery score %q", i, it.Mastery)
				}
			}
			launch := string(files["scorm/sco-2.html"])
			if !strings.Contains(launch, `src="../cwiczenia/quiz/index.html"`) || !strings.Contains(launch, `data-kind="exercise"`) || !strings.Contains(launch, `<script src="lms.js"`) {
				t.Errorf("launch page:\n%s", launch)
			}
			if files["sw.js"] != nil || files["cwiczenia/quiz/index.html"] == nil {
				t.Error("the package should hold the pages and no service worker")
			}
		})
	}
}

func TestExercisesOfTargets(t *testing.T) {
	r := build(t)
	for target, want := range map[string]int{"sciezki/p.md": 1, "moduly/m.md": 1, "cwiczenia/quiz.md": 1} {
		if got := len(Exercises(r.Site, r.Site.ByPath(target))); got != want {
			t.Errorf("%s: %d exercises", target, got)
		}
	}
	if n := len(Questions(Exercises(r.Site, nil))); n != 10 {
		t.Errorf("%d questions", n)
	}
}

// TestQTI: every item is well-formed XML with the interaction and correct
// response of its type, and the manifest lists them all.
func TestQTI(t *testing.T) {
	r := build(t)
	data, err := QTI(Questions(Exercises(r.Site, nil)))
	if err != nil {
		t.Fatal(err)
	}
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	files := map[string]string{}
	for _, f := range zr.File {
		rc, _ := f.Open()
		b, _ := io.ReadAll(rc)
		rc.Close()
		files[f.Name] = string(b)
		d := xml.NewDecoder(bytes.NewReader(b))
		d.Strict = true
		for {
			if _, err := d.Token(); err == io.EOF {
				break
			} else if err != nil {
				t.Fatalf("%s is not well-formed XML: %v\n%s", f.Name, err, b)
			}
		}
	}
	if len(files) != 11 || strings.Count(files["imsmanifest.xml"], `type="imsqti_item_xmlv2p1"`) != 10 {
		t.Fatalf("%d files; manifest:\n%s", len(files), files["imsmanifest.xml"])
	}
	for item, want := range map[string][]string{
		"items/item-1.xml":  {`<choiceInteraction responseIdentifier="RESPONSE" shuffle="false" maxChoices="1">`, `<value>C2</value>`, "match_correct"},
		"items/item-2.xml":  {`cardinality="multiple" baseType="identifier"><correctResponse><value>C1</value><value>C2</value></correctResponse>`},
		"items/item-4.xml":  {`<matchInteraction`, `<value>L2 R2</value>`},
		"items/item-6.xml":  {`<orderInteraction`, `cardinality="ordered"`, `<value>O1</value><value>O2</value>`},
		"items/item-8.xml":  {`<textEntryInteraction responseIdentifier="RESPONSE2"`, `<mapEntry mapKey="startem" mappedValue="1" caseSensitive="false"/>`, `<mapResponse identifier="RESPONSE1"/>`},
		"items/item-9.xml":  {`baseType="float"`, `toleranceMode="absolute" tolerance="1000 1000"`, `<value>43000</value>`},
		"items/item-10.xml": {`<extendedTextInteraction`, `<rubricBlock view="scorer"><p>Wzór.</p>`},
	} {
		for _, w := range want {
			if !strings.Contains(files[item], w) {
				t.Errorf("%s lacks %q:\n%s", item, w, files[item])
			}
		}
	}
}
