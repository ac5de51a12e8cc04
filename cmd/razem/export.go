package main

import (
	"context"
	"fmt"
	"path"
	"strings"

	"github.com/razem/razem/generator"
	"github.com/razem/razem/generator/diag"
	"github.com/razem/razem/generator/export"
	"github.com/razem/razem/generator/publish"
	"github.com/razem/razem/generator/site"
)

const exportUsage = `razem export [flags] FORMAT [TARGET] -o FILE

Exports for learning management systems. FORMAT is one of
  scorm12, scorm2004  a SCORM package (zip) of TARGET: a module, exercise
                      or learning path (a path gives one SCO per step)
  moodle              the questions as Moodle XML
  gift                the questions as GIFT
  qti                 the questions as QTI 2.1 items in a content package (zip)
TARGET is a content file (sciezki/pierwsze-partnerstwo.md); for moodle,
gift and qti it may be left out (every exercise) or name an exercise, a path (its
exercises) or a module (its related exercises). A question a format cannot
hold is left out with a warning naming its file and line.`

func runExport(ctx context.Context, c *cli, args []string) error {
	var f siteFlags
	fs := newFlags(c, "export")
	f.register(fs, false)
	out := fs.String("o", "", "write to `FILE` (required)")
	// Flags may come after the format and target too.
	var pos []string
	for len(args) > 0 {
		if err := parseFlags(fs, args); err != nil {
			return err
		}
		args = fs.Args()
		if len(args) > 0 {
			pos = append(pos, args[0])
			args = args[1:]
		}
	}
	if len(pos) < 1 || len(pos) > 2 || *out == "" {
		fmt.Fprintln(c.stderr, "razem export: want FORMAT [TARGET] -o FILE (razem export --help)")
		return errUsage
	}
	format := pos[0]
	switch format {
	case "scorm12", "scorm2004", "moodle", "gift", "qti":
	default:
		fmt.Fprintf(c.stderr, "razem export: unknown format %q; use scorm12, scorm2004, moodle, gift or qti\n", format)
		return errUsage
	}
	o := f.options()
	o.Quiz = true
	res, err := generator.Build(ctx, o)
	c.report(&f, res.Diags)
	if err != nil {
		return err
	}
	var target *site.Page
	if len(pos) == 2 {
		name := strings.TrimPrefix(path.Clean(strings.TrimPrefix(pos[1], res.Config.ContentDir+"/")), "./")
		if target = res.Site.ByPath(name); target == nil {
			return fmt.Errorf("no content file %s (give its path under %s/, e.g. sciezki/pierwsze-partnerstwo.md)", name, res.Config.ContentDir)
		}
	}
	var data []byte
	var l diag.List
	switch format {
	case "scorm12", "scorm2004":
		if target == nil {
			fmt.Fprintln(c.stderr, "razem export: a SCORM package needs a TARGET (a module, exercise or path)")
			return errUsage
		}
		version := export.SCORM12
		if format == "scorm2004" {
			version = export.SCORM2004
		}
		if data, err = export.SCORM(version, res.Site, target, res.Files); err != nil {
			return err
		}
	default:
		qs := export.Questions(export.Exercises(res.Site, target))
		if len(qs) == 0 {
			return fmt.Errorf("no questions to export")
		}
		switch format {
		case "moodle":
			data = export.Moodle(qs, &l)
		case "gift":
			data = export.GIFT(qs, &l)
		default:
			if data, err = export.QTI(qs); err != nil {
				return err
			}
		}
	}
	ds := l.Sorted()
	c.report(&f, ds)
	if diag.CountErrors(ds) > 0 {
		return &diag.Failed{Diags: ds}
	}
	if err := generator.SourcesOf(o, res.Config).Check(*out); err != nil {
		return err
	}
	if err := publish.WriteFile(*out, data); err != nil {
		return err
	}
	fmt.Fprintf(c.stdout, "razem export: %s, %d bytes → %s\n", format, len(data), *out)
	return nil
}
