package main

import (
	"bufio"
	"bytes"
	"strconv"
	"strings"
)

// memoryLimit is the soft limit razem sets on the Go heap: three quarters
// of the memory it may use (its cgroup's limit, as in a container or a CI
// job, else the machine's). Below the limit the collector runs as usual,
// when the heap has doubled since the last collection; near it, it
// collects more often, so that a site too large for that doubling (a
// 100,000-page build holds gigabytes) costs CPU time rather than swapping
// or being killed. It returns false when GOMEMLIMIT is set, which the Go
// runtime has already applied, or when nothing says how much memory there
// is.
func memoryLimit(getenv func(string) string, readFile func(string) ([]byte, error)) (int64, bool) {
	if getenv("GOMEMLIMIT") != "" {
		return 0, false
	}
	avail := int64(-1)
	take := func(n int64) {
		if n > 0 && (avail < 0 || n < avail) {
			avail = n
		}
	}
	// cgroup v2, then v1 ("max", or a number near 2^63, when unlimited).
	for _, f := range []string{"/sys/fs/cgroup/memory.max", "/sys/fs/cgroup/memory/memory.limit_in_bytes"} {
		if b, err := readFile(f); err == nil {
			if n, err := strconv.ParseInt(string(bytes.TrimSpace(b)), 10, 64); err == nil && n < 1<<50 {
				take(n)
			}
		}
	}
	if b, err := readFile("/proc/meminfo"); err == nil {
		sc := bufio.NewScanner(bytes.NewReader(b))
		for sc.Scan() {
			if rest, ok := strings.CutPrefix(sc.Text(), "MemTotal:"); ok {
				if kb, err := strconv.ParseInt(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(rest), "kB")), 10, 64); err == nil {
					take(kb << 10)
				}
				break
			}
		}
	}
	if avail < 0 {
		return 0, false
	}
	return avail / 4 * 3, true
}

// buildGCPercent is the collector's target (GOGC) for razem build: 80,
// not Go's 100, so the heap grows to 1.8 times what the last collection
// kept rather than twice. A build's heap is mostly long-lived (every page's
// HTML until it is written, every section's text until both indexes have
// it), so the extra collections find little to free, but they keep the
// peak lower: at 10,000 pages peak RSS 702–741 MiB rather than 731–781
// (tmpfs, three runs each), for 0.4–0.8 s more of the collector's CPU
// time (3.0–3.3 s of about 26 s) and no wall time the machine's noise
// showed. razem serve keeps Go's default: it lives longer and a save's
// reload waits for its collections. It returns false when GOGC is set,
// which the Go runtime has already applied.
func buildGCPercent(getenv func(string) string, args []string) (int, bool) {
	if getenv("GOGC") != "" || len(args) == 0 || args[0] != "build" {
		return 0, false
	}
	return 80, true
}
