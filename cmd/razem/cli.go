package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime/pprof"
	"strings"
	"time"

	"github.com/razem/razem/generator"
	"github.com/razem/razem/generator/config"
	"github.com/razem/razem/generator/diag"
)

// version is set at link time (-ldflags "-X main.version=…").
var version = "dev"

const usage = `razem – static training sites from Markdown

Usage:
  razem <command> [flags] [arguments]

Commands:
  build     build the site into public/
  check     validate everything build validates, without writing
  serve     build and serve with live reload (--watch=false: intranet mode)
  search    query the search index of a built site
  new       create a content file: razem new module "Tytuł"
  export    export for an LMS: SCORM 1.2/2004 packages, Moodle XML, GIFT
  version   print the version

Run "razem <command> --help" for a command's flags.
`

type command struct {
	name, summary string
	run           func(ctx context.Context, c *cli, args []string) error
}

// cli carries the output streams of one invocation.
type cli struct {
	stdout, stderr io.Writer
	now            func() time.Time // nil: the real clock
}

func commands() []command {
	return []command{
		{"build", "razem build [flags]\n\nBuilds content/ + config.toml + theme into public/.", runBuild},
		{"check", "razem check [flags]\n\nValidates front matter, links, anchors, images, glossary and exercises without writing.", runCheck},
		{"serve", "razem serve [flags]\n\nBuilds the site and serves it on http://localhost:1313.", runServe},
		{"search", "razem search [flags] QUERY\n\nQueries the prebuilt search index.", runSearch},
		{"new", "razem new [flags] TYPE \"Tytuł\"\n\nCreates a content file of TYPE (module, case, exercise, term, path, page).", runNew},
		{"export", exportUsage, runExport},
		{"version", "razem version\n\nPrints the version.", func(_ context.Context, c *cli, _ []string) error {
			fmt.Fprintln(c.stdout, "razem", version)
			return nil
		}},
	}
}

// errUsage marks a wrong invocation (exit code 2).
var errUsage = errors.New("usage")

// run executes one command line and returns the exit code: 0 success,
// 1 the input has problems (or the operation failed), 2 wrong usage.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	c := &cli{stdout: stdout, stderr: stderr}
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		fmt.Fprint(stdout, usage)
		if len(args) == 0 {
			return 2
		}
		return 0
	}
	if args[0] == "--version" || args[0] == "-version" {
		args[0] = "version"
	}
	for _, cmd := range commands() {
		if cmd.name != args[0] {
			continue
		}
		err := cmd.run(ctx, c, args[1:])
		switch {
		case err == nil:
			return 0
		case errors.Is(err, flag.ErrHelp):
			return 0
		case errors.Is(err, errUsage):
			return 2
		}
		var failed *diag.Failed
		if errors.As(err, &failed) {
			fmt.Fprintf(stderr, "razem %s: %d error(s); nothing was written\n", cmd.name, diag.CountErrors(failed.Diags))
			return 1
		}
		fmt.Fprintf(stderr, "razem %s: %v\n", cmd.name, err)
		return 1
	}
	fmt.Fprintf(stderr, "razem: unknown command %q\n\n%s", args[0], usage)
	return 2
}

// newFlags makes a flag set that prints the command's usage on --help.
func newFlags(c *cli, name string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(c.stderr)
	for _, cmd := range commands() {
		if cmd.name == name {
			summary := cmd.summary
			fs.Usage = func() {
				fmt.Fprintf(c.stdout, "%s\n\nFlags:\n", summary)
				fs.SetOutput(c.stdout)
				fs.PrintDefaults()
				fs.SetOutput(c.stderr)
			}
		}
	}
	return fs
}

func parseFlags(fs *flag.FlagSet, args []string) error {
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return err
		}
		return errUsage
	}
	return nil
}

// siteFlags are the flags build, check and serve share.
type siteFlags struct {
	source, dest, trainerDest, config, baseURL string
	drafts                                     bool
}

func (f *siteFlags) register(fs *flag.FlagSet, withDest bool) {
	fs.StringVar(&f.source, "source", ".", "site `DIR` holding config.toml, content/ and themes/")
	if withDest {
		fs.StringVar(&f.dest, "dest", "", "output `DIR` (default: SOURCE/public)")
	}
	fs.StringVar(&f.config, "config", "config.toml", "config `FILE`, relative to the source folder")
	fs.StringVar(&f.baseURL, "base-url", "", "absolute `URL` the site is published at (sitemap, feed, OpenGraph)")
	fs.BoolVar(&f.drafts, "drafts", false, "include pages with draft: true")
}

func (f *siteFlags) options() generator.Options {
	return generator.Options{Source: generator.DirFS(f.source), ConfigFile: f.config, BaseURL: f.baseURL, Drafts: f.drafts}
}

func (f *siteFlags) destDir(publishDir string) string {
	if f.dest != "" {
		return f.dest
	}
	return filepath.Join(f.source, filepath.FromSlash(publishDir))
}

// trainerDir is where razem build puts the trainer edition; "" for none.
func (f *siteFlags) trainerDir(cfg config.Config) string {
	switch {
	case f.trainerDest == "-":
		return ""
	case f.trainerDest != "":
		return f.trainerDest
	case cfg.TrainerDir == "":
		return ""
	case f.dest != "" && cfg.TrainerDir == config.Default().TrainerDir:
		// Beside the learner site the user placed, not in the sources:
		// --dest /srv/kurs puts the trainer edition in /srv/kurs-trener.
		return strings.TrimRight(f.dest, `/\`) + "-trener"
	}
	return filepath.Join(f.source, filepath.FromSlash(cfg.TrainerDir))
}

// report prints diagnostics (prefixed with the source folder so paths open
// from the shell's working directory).
func (c *cli) report(f *siteFlags, ds []diag.Diagnostic) {
	for _, d := range ds {
		if f.source != "." && f.source != "" && d.Pos.File != "" {
			d.Pos.File = filepath.ToSlash(filepath.Join(f.source, d.Pos.File))
		}
		fmt.Fprintln(c.stderr, d.String())
	}
}

func runBuild(ctx context.Context, c *cli, args []string) error {
	var f siteFlags
	fs := newFlags(c, "build")
	f.register(fs, true)
	fs.StringVar(&f.trainerDest, "trainer-dest", "", "output `DIR` of the trainer edition (default: SOURCE/public-trener, or DEST-trener with --dest; config trainer_dir; \"-\": none)")
	timings := fs.Bool("timings", false, "print how long each stage took")
	cpuProfile := fs.String("cpuprofile", "", "write a CPU profile of the build to `FILE` (go tool pprof)")
	memProfile := fs.String("memprofile", "", "write a heap profile taken at the build's highest live heap to `FILE` (go tool pprof)")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if *cpuProfile != "" {
		stop, err := startCPUProfile(*cpuProfile)
		if err != nil {
			return err
		}
		defer stop()
	}
	if *memProfile != "" {
		stop, err := startPeakMemProfile(*memProfile)
		if err != nil {
			return err
		}
		defer func() {
			if err := stop(); err != nil {
				fmt.Fprintf(c.stderr, "razem: heap profile: %v\n", err)
			}
		}()
	}
	o := f.options()
	t0 := time.Now()
	res, files, err := buildToDisk(ctx, c, &f, o)
	if err != nil {
		return err
	}
	dest := f.destDir(res.Config.PublishDir)
	fmt.Fprintf(c.stdout, "razem: %d pages, %d search documents, %d files in %s → %s\n",
		len(res.Site.Pages), res.SearchDocs(), files, time.Since(t0).Round(time.Millisecond), dest)
	if t := f.trainerDir(res.Config); t != "" {
		fmt.Fprintf(c.stdout, "razem: trainer edition (notes, answers, session plans) → %s\n", t)
	}
	if *timings {
		printTimings(c.stdout, res.Times, time.Since(t0))
	}
	return nil
}

// printTimings lists the stages of a build. Rendering and search run side
// by side, and the bleve index is written beside both, so their figures
// overlap; "finish" is what came after the pipeline: waiting for the last
// writes and the bleve index, the offline files and the swap.
func printTimings(w io.Writer, t generator.Timings, wall time.Duration) {
	ms := func(d time.Duration) string { return d.Round(100 * time.Microsecond).String() }
	fmt.Fprintf(w, "  read %s, parse %s, convert %s\n", ms(t.Read), ms(t.Parse), ms(t.Convert))
	fmt.Fprintf(w, "  render and write %s ‖ search %s (analysis %s, static index %s) ‖ bleve index %s\n",
		ms(t.Render), ms(t.Search), ms(t.Analyse), ms(t.Static), ms(t.Index))
	fmt.Fprintf(w, "  finish %s (pipeline %s, wall %s)\n", ms(wall-t.Total), ms(t.Total), ms(wall))
}

// startCPUProfile profiles the process into file until stop is called.
func startCPUProfile(file string) (stop func(), err error) {
	out, err := os.Create(file)
	if err != nil {
		return nil, err
	}
	if err := pprof.StartCPUProfile(out); err != nil {
		out.Close()
		return nil, err
	}
	return func() { pprof.StopCPUProfile(); out.Close() }, nil
}

// buildToDisk builds the site into its destination (generator.BuildInto)
// and reports the diagnostics. The destination comes from the config,
// which is read here once more (cheap): BuildInto needs it before the build.
func buildToDisk(ctx context.Context, c *cli, f *siteFlags, o generator.Options) (*generator.Result, int, error) {
	cfg, _ := config.Load(o.Source, f.config)
	res, files, err := generator.BuildEditions(ctx, o, f.destDir(cfg.PublishDir), f.trainerDir(cfg))
	c.report(f, res.Diags)
	return res, files, err
}

func runCheck(ctx context.Context, c *cli, args []string) error {
	var f siteFlags
	fs := newFlags(c, "check")
	f.register(fs, false)
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	o := f.options()
	o.Trainer = true // its pages and session plans render through layouts of their own
	res, err := generator.Build(ctx, o)
	c.report(&f, res.Diags)
	if err != nil {
		return err
	}
	warnings := len(res.Diags) - diag.CountErrors(res.Diags)
	fmt.Fprintf(c.stdout, "razem check: %d pages, %s\n", len(res.Site.Pages), plural(warnings, "no problems", "warning"))
	return nil
}

func plural(n int, zero, word string) string {
	if n == 0 {
		return zero
	}
	return fmt.Sprintf("%d %s%s", n, word, strings.Repeat("s", min(1, n-1)))
}
