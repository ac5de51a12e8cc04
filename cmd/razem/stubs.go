package main

import (
	"context"
)

func runServe(ctx context.Context, c *cli, args []string) error  { return nil }
