package main

import (
	"context"

	"github.com/razem/razem/generator"
	"github.com/razem/razem/generator/glossary"
	"github.com/razem/razem/generator/polish"
)

// newAnalyzer loads the Polish analysis shared by search and the glossary.
func newAnalyzer() glossary.Analyzer {
	a, err := polish.New()
	if err != nil {
		return glossary.FoldAnalyzer{}
	}
	return generator.PolishKeys{A: a}
}

func runServe(ctx context.Context, c *cli, args []string) error  { return nil }
func runSearch(ctx context.Context, c *cli, args []string) error { return nil }
