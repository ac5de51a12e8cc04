//go:build !unix

// Package rawfile reads and writes whole files; on Unix without an
// *os.File (see rawfile_unix.go), elsewhere with the os package.
package rawfile

import "os"

// Native says whether this package bypasses the os package here.
const Native = false

// WriteFile is os.WriteFile with mode 0644.
func WriteFile(name string, data []byte) error { return os.WriteFile(name, data, 0o644) }

// ReadFile is os.ReadFile.
func ReadFile(name string) ([]byte, error) { return os.ReadFile(name) }
