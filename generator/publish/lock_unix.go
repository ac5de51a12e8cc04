//go:build unix

package publish

import (
	"os"
	"syscall"
)

// lockDir takes an exclusive lock on a folder, held until unlock or until
// the process ends, however it ends: a staging folder whose lock can be
// taken belongs to no running build.
func lockDir(dir string) (unlock func(), err error) { return flockDir(dir, 0) }

// tryLockDir is lockDir that fails at once when another process holds the
// lock.
func tryLockDir(dir string) (unlock func(), err error) { return flockDir(dir, syscall.LOCK_NB) }

func flockDir(dir string, how int) (func(), error) {
	f, err := os.Open(dir)
	if err != nil {
		return nil, err
	}
	for {
		err = syscall.Flock(int(f.Fd()), syscall.LOCK_EX|how)
		if err != syscall.EINTR {
			break
		}
	}
	if err != nil {
		f.Close()
		return nil, err
	}
	return func() { f.Close() }, nil
}
