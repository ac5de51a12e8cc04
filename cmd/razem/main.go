// Command razem builds, checks, serves and searches a razem training site.
// main only wires signals, the exit code and the collector's settings;
// everything else is in run so tests can drive the CLI in-process.
package main

import (
	"context"
	"os"
	"os/signal"
	"runtime/debug"
	"syscall"
)

func main() {
	if n, ok := memoryLimit(os.Getenv, os.ReadFile); ok {
		debug.SetMemoryLimit(n)
	}
	if p, ok := buildGCPercent(os.Getenv, os.Args[1:]); ok {
		debug.SetGCPercent(p)
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}
