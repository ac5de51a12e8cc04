package export

import (
	_ "embed"
	"fmt"
	"html"
	"path"
	"strings"

	"github.com/razem/razem/generator/page"
	"github.com/razem/razem/generator/publish"
	"github.com/razem/razem/generator/site"
)

// SCORM versions.
const (
	SCORM12   = "1.2"
	SCORM2004 = "2004"
)

//go:embed lms.js
var lmsJS []byte

//go:embed lms.css
var lmsCSS []byte

// SCORM packages the learner edition's files for an LMS. Each step of a
// path (or the one module or exercise) becomes a SCO: a small launch page,
// scorm/sco-N.html, that shows the step's page in a frame and runs the
// runtime adapter (lms.js). The adapter finds the LMS's API (API for 1.2,
// API_1484_11 for 2004), reports a module or page completed when it is
// shown, and an exercise's score as the learner checks answers (passed
// when every question is right). The whole site goes in, so links between
// pages, the glossary and search keep working; the service worker does
// not, as an LMS is no place for one.
func SCORM(version string, s *site.Site, target *site.Page, files []publish.File) ([]byte, error) {
	if version != SCORM12 && version != SCORM2004 {
		return nil, fmt.Errorf("unknown SCORM version %q", version)
	}
	steps := []*site.Page{target}
	if target.Meta.Type == page.TypePath {
		steps = target.Steps
	}
	var out []File
	var names []string
	for _, f := range files {
		if f.Path == "sw.js" || f.Path == "manifest.webmanifest" || strings.HasPrefix(f.Path, "search/bleve/") {
			continue
		}
		out = append(out, File{Path: f.Path, Data: f.Data})
		names = append(names, f.Path)
	}
	lang := target.Meta.Lang
	for i, st := range steps {
		name := fmt.Sprintf("scorm/sco-%d.html", i+1)
		kind := st.Meta.Type
		if kind != page.TypeExercise {
			kind = "page"
		}
		out = append(out, File{Path: name, Data: []byte(launchPage(version, lang, st.Meta.Title, "../"+st.URL, kind))})
	}
	out = append(out, File{Path: "scorm/lms.js", Data: lmsJS}, File{Path: "scorm/lms.css", Data: lmsCSS})
	names = append(names, "scorm/lms.js", "scorm/lms.css")
	out = append(out, File{Path: "imsmanifest.xml", Data: []byte(manifest(version, target, steps, names))})
	return Zip(out, "imsmanifest.xml")
}

// launchPage is a SCO's launch page.
func launchPage(version, lang, title, src, kind string) string {
	t := html.EscapeString(title)
	return `<!DOCTYPE html>
<html lang="` + html.EscapeString(lang) + `">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>` + t + `</title>
<link rel="stylesheet" href="lms.css">
<script src="lms.js" defer></script>
</head>
<body data-scorm="` + version + `" data-kind="` + kind + `">
<iframe class="lms-frame" src="` + html.EscapeString(src) + `" title="` + t + `"></iframe>
</body>
</html>
`
}

// manifest is imsmanifest.xml: one organization, an item per step, a SCO
// resource per item and one asset resource holding the site.
func manifest(version string, target *site.Page, steps []*site.Page, files []string) string {
	id := "razem-" + strings.NewReplacer("/", "-", ".", "-").Replace(strings.TrimSuffix(target.URL, "/index.html"))
	var b strings.Builder
	b.WriteString("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
	scormType := "adlcp:scormType"
	if version == SCORM12 {
		scormType = "adlcp:scormtype"
		b.WriteString(`<manifest identifier="` + id + `" version="1.0" xmlns="http://www.imsproject.org/xsd/imscp_rootv1p1p2" xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_rootv1p2" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://www.imsproject.org/xsd/imscp_rootv1p1p2 imscp_rootv1p1p2.xsd http://www.imsglobal.org/xsd/imsmd_rootv1p2p1 imsmd_rootv1p2p1.xsd http://www.adlnet.org/xsd/adlcp_rootv1p2 adlcp_rootv1p2.xsd">` + "\n")
		b.WriteString("<metadata><schema>ADL SCORM</schema><schemaversion>1.2</schemaversion></metadata>\n")
	} else {
		b.WriteString(`<manifest identifier="` + id + `" version="1" xmlns="http://www.imsglobal.org/xsd/imscp_v1p1" xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_v1p3" xmlns:adlseq="http://www.adlnet.org/xsd/adlseq_v1p3" xmlns:adlnav="http://www.adlnet.org/xsd/adlnav_v1p3" xmlns:imsss="http://www.imsglobal.org/xsd/imsss" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://www.imsglobal.org/xsd/imscp_v1p1 imscp_v1p1.xsd http://www.adlnet.org/xsd/adlcp_v1p3 adlcp_v1p3.xsd http://www.adlnet.org/xsd/adlseq_v1p3 adlseq_v1p3.xsd http://www.adlnet.org/xsd/adlnav_v1p3 adlnav_v1p3.xsd http://www.imsglobal.org/xsd/imsss imsss_v1p0.xsd">` + "\n")
		b.WriteString("<metadata><schema>ADL SCORM</schema><schemaversion>2004 4th Edition</schemaversion></metadata>\n")
	}
	b.WriteString(`<organizations default="org-1"><organization identifier="org-1"><title>` + xmlText(target.Meta.Title) + "</title>\n")
	for i, st := range steps {
		n := fmt.Sprint(i + 1)
		b.WriteString(`<item identifier="item-` + n + `" identifierref="sco-` + n + `"><title>` + xmlText(st.Meta.Title) + "</title>")
		if version == SCORM12 && st.Meta.Type == page.TypeExercise {
			b.WriteString("<adlcp:masteryscore>100</adlcp:masteryscore>")
		}
		b.WriteString("</item>\n")
	}
	b.WriteString("</organization></organizations>\n<resources>\n")
	for i := range steps {
		n := fmt.Sprint(i + 1)
		href := "scorm/sco-" + n + ".html"
		b.WriteString(`<resource identifier="sco-` + n + `" type="webcontent" ` + scormType + `="sco" href="` + href + `"><file href="` + href + `"/><dependency identifierref="site"/></resource>` + "\n")
	}
	b.WriteString(`<resource identifier="site" type="webcontent" ` + scormType + `="asset">` + "\n")
	for _, f := range files {
		b.WriteString(`<file href="` + xmlAttr(path.Clean(f)) + `"/>` + "\n")
	}
	b.WriteString("</resource>\n</resources>\n</manifest>\n")
	return b.String()
}

func xmlAttr(s string) string { return strings.ReplaceAll(xmlText(s), `"`, "&quot;") }
