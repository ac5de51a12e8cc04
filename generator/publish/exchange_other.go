//go:build !linux && !darwin

package publish

// exchange is not available: Commit renames the old site aside first.
func exchange(a, b string) error { return errNoExchange }
