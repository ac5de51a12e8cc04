package main

import (
	"errors"
	"io/fs"
	"testing"
)

func TestMemoryLimit(t *testing.T) {
	const meminfo = "MemTotal:       16318848 kB\nMemFree:         1024 kB\n"
	cases := []struct {
		name  string
		env   string
		files map[string]string
		want  int64
		ok    bool
	}{
		{"machine", "", map[string]string{"/proc/meminfo": meminfo, "/sys/fs/cgroup/memory.max": "max\n"}, 16318848 << 10 / 4 * 3, true},
		{"container", "", map[string]string{"/proc/meminfo": meminfo, "/sys/fs/cgroup/memory.max": "2147483648\n"}, 2147483648 / 4 * 3, true},
		{"cgroup v1 unlimited", "", map[string]string{"/proc/meminfo": meminfo, "/sys/fs/cgroup/memory/memory.limit_in_bytes": "9223372036854771712\n"}, 16318848 << 10 / 4 * 3, true},
		{"cgroup v1 limited", "", map[string]string{"/sys/fs/cgroup/memory/memory.limit_in_bytes": "1073741824"}, 1073741824 / 4 * 3, true},
		{"a limit above the machine", "", map[string]string{"/proc/meminfo": meminfo, "/sys/fs/cgroup/memory.max": "68719476736"}, 16318848 << 10 / 4 * 3, true},
		{"GOMEMLIMIT wins", "4GiB", map[string]string{"/proc/meminfo": meminfo}, 0, false},
		{"nothing known", "", map[string]string{"/proc/meminfo": "garbage"}, 0, false},
	}
	for _, c := range cases {
		getenv := func(k string) string {
			if k == "GOMEMLIMIT" {
				return c.env
			}
			return ""
		}
		read := func(name string) ([]byte, error) {
			if s, ok := c.files[name]; ok {
				return []byte(s), nil
			}
			return nil, &fs.PathError{Op: "open", Path: name, Err: errors.New("no such file")}
		}
		got, ok := memoryLimit(getenv, read)
		if got != c.want || ok != c.ok {
			t.Errorf("%s: %d, %v; want %d, %v", c.name, got, ok, c.want, c.ok)
		}
	}
}

func TestBuildGCPercent(t *testing.T) {
	for _, c := range []struct {
		gogc string
		args []string
		want int
		ok   bool
	}{
		{"", []string{"build", "--source", "site"}, 80, true},
		{"150", []string{"build"}, 0, false}, // GOGC wins
		{"", []string{"serve"}, 0, false},
		{"", nil, 0, false},
	} {
		getenv := func(k string) string {
			if k == "GOGC" {
				return c.gogc
			}
			return ""
		}
		if got, ok := buildGCPercent(getenv, c.args); got != c.want || ok != c.ok {
			t.Errorf("GOGC=%q %v: %d, %v; want %d, %v", c.gogc, c.args, got, ok, c.want, c.ok)
		}
	}
}
