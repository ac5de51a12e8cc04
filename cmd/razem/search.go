package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"html"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"

	"github.com/razem/razem/generator"
	"github.com/razem/razem/generator/search"
)

func runSearch(ctx context.Context, c *cli, args []string) error {
	fs := newFlags(c, "search")
	asJSON := fs.Bool("json", false, "print one JSON object: {query, total, hits[url, title, type, score, snippet]}")
	limit := fs.Int("limit", search.DefaultLimit, "at most `N` hits")
	typ := fs.String("type", "", "only hits of type `T`: module, case, exercise, term, path or page")
	tag := fs.String("tag", "", "only hits with this tag")
	index := fs.String("index", "", "index `DIR` (default: public/"+generator.BleveDir+")")
	lang := fs.String("lang", "", "read the query in language `L` (its stop words) and list its pages first (default: the site's main language)")
	if err := parseFlags(fs, reorder(args, "json")); err != nil {
		return err
	}
	query := strings.Join(fs.Args(), " ")
	if strings.TrimSpace(query) == "" {
		fmt.Fprintln(c.stderr, "usage: razem search [--json] [--limit N] [--type T] [--lang L] [--index DIR] QUERY")
		return errUsage
	}
	if *typ != "" && !search.KnownType(*typ) {
		fmt.Fprintf(c.stderr, "razem search: unknown type %q (want %s)\n", *typ, strings.Join(search.Types, ", "))
		return errUsage
	}
	if *limit < 1 || *limit > search.MaxLimit {
		fmt.Fprintf(c.stderr, "razem search: --limit must be between 1 and %d\n", search.MaxLimit)
		return errUsage
	}
	dir := *index
	if dir == "" {
		dir = filepath.Join("public", filepath.FromSlash(generator.BleveDir))
	}
	if _, err := os.Stat(dir); errors.Is(err, os.ErrNotExist) {
		return fmt.Errorf("no search index at %s: run razem build first, or pass --index", dir)
	}
	ix, err := search.Open(dir)
	if err != nil {
		return fmt.Errorf("opening %s: %w", dir, err)
	}
	defer ix.Close()
	res, err := ix.Search(ctx, search.Query{Text: query, Type: *typ, Tag: *tag, Limit: *limit, Lang: *lang})
	if err != nil {
		return err
	}
	if *asJSON {
		enc := json.NewEncoder(c.stdout)
		enc.SetEscapeHTML(false) // snippets carry <mark>; this is a terminal, not a page
		return enc.Encode(res)
	}
	printHits(c, res)
	return nil
}

// reorder moves flags after the query to the front, so "razem search
// koalicja --json" works as people type it. Only boolean flags can follow
// the query without a value.
func reorder(args []string, bools ...string) []string {
	var flags, rest []string
	for i := 0; i < len(args); i++ {
		a := args[i]
		if !strings.HasPrefix(a, "-") || a == "-" || a == "--" {
			rest = append(rest, a)
			continue
		}
		flags = append(flags, a)
		name := strings.TrimLeft(a, "-")
		isBool := strings.Contains(name, "=")
		for _, b := range bools {
			isBool = isBool || name == b
		}
		if !isBool && i+1 < len(args) {
			flags = append(flags, args[i+1])
			i++
		}
	}
	return append(flags, rest...)
}

var markRe = regexp.MustCompile(`</?mark>`)

// printHits prints results for people: title, type and address, then the
// snippet with the matches in bold when the terminal shows it.
func printHits(c *cli, res search.Result) {
	if len(res.Ignored) > 0 {
		fmt.Fprintf(c.stdout, "Nie znaleziono: %s.\n", strings.Join(res.Ignored, ", "))
	}
	if res.Total == 0 {
		fmt.Fprintf(c.stdout, "Brak wyników dla „%s”.\n", res.Query)
		return
	}
	if res.Partial {
		fmt.Fprintln(c.stdout, "Żadna strona nie zawiera wszystkich słów – najpierw te, które mają ich najwięcej.")
	}
	fmt.Fprintf(c.stdout, "%d wyników dla „%s”:\n\n", res.Total, res.Query)
	bold := isTerminal(c.stdout)
	for i, h := range res.Hits {
		fmt.Fprintf(c.stdout, "%2d. %s  [%s]\n    %s\n", i+1, h.Title, h.Type, h.URL)
		snip := markRe.ReplaceAllStringFunc(h.Snippet, func(m string) string {
			if !bold {
				return ""
			}
			if m == "<mark>" {
				return "\x1b[1m"
			}
			return "\x1b[0m"
		})
		fmt.Fprintf(c.stdout, "    %s\n\n", html.UnescapeString(snip))
	}
}

func isTerminal(w any) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	st, err := f.Stat()
	return err == nil && st.Mode()&fs.ModeCharDevice != 0
}
