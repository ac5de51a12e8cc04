//go:build !unix

package publish

import (
	"errors"
	"os"
	"time"
)

// lockDir is a no-op where flock does not exist.
func lockDir(string) (func(), error) { return func() {}, nil }

// tryLockDir treats a staging folder changed in the last hour as one a
// running build may still be writing: without flock there is no telling.
func tryLockDir(dir string) (func(), error) {
	fi, err := os.Stat(dir)
	if err != nil {
		return nil, err
	}
	if time.Since(fi.ModTime()) < time.Hour {
		return nil, errors.New("possibly in use")
	}
	return func() {}, nil
}
