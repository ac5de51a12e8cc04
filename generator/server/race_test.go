//go:build race

package server

// raceEnabled scales the load test down: the race detector slows every
// request about tenfold, and the test is about correctness under
// concurrency, which 200 connections exercise as well.
const raceEnabled = true
