// Package export turns a built site into what learning management systems
// import: SCORM 1.2 and SCORM 2004 packages of a module or learning path
// (scorm.go), and the exercises' questions as Moodle XML (moodle.go), GIFT
// (gift.go) and QTI 2.1 (qti.go).
//
// Exports read the learner edition built in memory with
// generator.Options.Quiz, so questions come as data (markdown.QuizQuestion)
// and pages as their rendered bytes. A question a format cannot hold is
// reported as a diagnostic naming its file and line, never dropped
// silently. Every output is byte-for-byte the same for the same input: zip
// entries are sorted and carry a fixed time.
package export

import (
	"archive/zip"
	"bytes"
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/razem/razem/generator/diag"
	"github.com/razem/razem/generator/markdown"
	"github.com/razem/razem/generator/page"
	"github.com/razem/razem/generator/site"
)

// Exercises are the exercise pages a target stands for: an exercise
// itself, the exercises among a path's steps, the exercises related to a
// module (either way), or, for a nil target, every exercise of the site.
func Exercises(s *site.Site, target *site.Page) []*site.Page {
	var out []*site.Page
	seen := map[*site.Page]bool{}
	add := func(p *site.Page) {
		if p.Meta.Type == page.TypeExercise && !seen[p] {
			seen[p] = true
			out = append(out, p)
		}
	}
	switch {
	case target == nil:
		for _, p := range s.Pages {
			add(p)
		}
	case target.Meta.Type == page.TypePath:
		for _, p := range target.Steps {
			add(p)
		}
	default:
		add(target)
		for _, p := range target.Related {
			add(p)
		}
		for _, p := range target.Backlinks {
			add(p)
		}
	}
	return out
}

// Question is one question to export, with the page it is on.
type Question struct {
	markdown.QuizQuestion
	Page *site.Page
}

// Questions lists the questions of exercise pages in order.
func Questions(pages []*site.Page) []Question {
	var out []Question
	for _, p := range pages {
		if p.Doc == nil {
			continue
		}
		for _, q := range p.Doc.Quiz {
			out = append(out, Question{QuizQuestion: q, Page: p})
		}
	}
	return out
}

// notExportable reports a question a format cannot hold, as a warning: the
// rest of the questions are still exported.
func notExportable(l *diag.List, q Question, format, why string) {
	l.Warn(diag.Pos{File: q.File, Line: q.Line, Col: 1}, "question %q left out of %s: %s", q.Title, format, why)
}

// text is the question's text: its stem, or its heading when the heading
// is the question itself (a statement to judge, say).
func (q Question) text() string {
	if strings.TrimSpace(q.Stem) != "" {
		return strings.TrimSpace(q.Stem)
	}
	return "<p>" + escapeHTML(q.Title) + "</p>"
}

var htmlEscaper = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&#34;")

func escapeHTML(s string) string { return htmlEscaper.Replace(s) }

// fixedTime is the modification time of every zip entry: the same input
// gives the same bytes.
var fixedTime = time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)

// File is one file of a package.
type File struct {
	Path string
	Data []byte
}

// Zip packs files, sorted by path, with first (if any) first: some LMSs
// look for imsmanifest.xml at the start.
func Zip(files []File, first string) ([]byte, error) {
	sort.SliceStable(files, func(i, j int) bool {
		if (files[i].Path == first) != (files[j].Path == first) {
			return files[i].Path == first
		}
		return files[i].Path < files[j].Path
	})
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for i, f := range files {
		if i > 0 && files[i-1].Path == f.Path {
			return nil, fmt.Errorf("zip: %s twice", f.Path)
		}
		w, err := zw.CreateHeader(&zip.FileHeader{Name: f.Path, Method: zip.Deflate, Modified: fixedTime})
		if err != nil {
			return nil, err
		}
		if _, err := w.Write(f.Data); err != nil {
			return nil, err
		}
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// weight is a Moodle grade fraction for one of n correct options, as
// Moodle lists them (100/3 = 33.33333); ok is false where Moodle has none.
func weight(n int) (string, bool) {
	if n < 1 || n > 10 {
		return "", false
	}
	s := fmt.Sprintf("%.5f", 100/float64(n))
	s = strings.TrimRight(strings.TrimRight(s, "0"), ".")
	return s, true
}

// blankParts splits a stem at its blanks: len(parts) = blanks + 1.
func blankParts(stem string, blanks int) []string {
	var parts []string
	rest := stem
	for i := 0; i < blanks; i++ {
		before, after, ok := strings.Cut(rest, markdown.BlankMark(i))
		if !ok {
			break
		}
		parts = append(parts, before)
		rest = after
	}
	return append(parts, rest)
}
