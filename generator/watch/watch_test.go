package watch

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

// start watches a fresh temp folder (and any extra roots) and returns it.
func start(t *testing.T, extra ...string) (*Watcher, string) {
	t.Helper()
	dir := t.TempDir()
	w, err := New(append([]string{dir}, extra...), Options{
		OnError: func(err error) { t.Errorf("OnError: %v", err) },
	})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { w.Close() })
	return w, dir
}

func write(t *testing.T, p, s string) {
	t.Helper()
	if err := os.WriteFile(p, []byte(s), 0o644); err != nil {
		t.Fatal(err)
	}
}

// next waits for one batch.
func next(t *testing.T, w *Watcher) []Change {
	t.Helper()
	select {
	case b := <-w.Changes():
		return b
	case <-time.After(5 * time.Second):
		t.Fatal("no batch within 5s")
		return nil
	}
}

// quiet asserts that no batch arrives for d.
func quiet(t *testing.T, w *Watcher, d time.Duration) {
	t.Helper()
	select {
	case b := <-w.Changes():
		t.Fatalf("unexpected batch %v", b)
	case <-time.After(d):
	}
}

// want asserts that batch holds exactly the given paths with at least the
// given ops.
func want(t *testing.T, batch []Change, want map[string]Op) {
	t.Helper()
	got := map[string]Op{}
	for _, c := range batch {
		got[c.Path] = c.Op
	}
	if len(got) != len(want) {
		t.Fatalf("batch %v, want paths %v", batch, want)
	}
	for p, op := range want {
		if !got[p].Has(op) {
			t.Fatalf("batch %v: %s has %v, want %v", batch, p, got[p], op)
		}
	}
}

func TestCreateWriteRemoveRename(t *testing.T) {
	w, dir := start(t)
	a, b := filepath.Join(dir, "a.md"), filepath.Join(dir, "b.md")

	write(t, a, "one")
	want(t, next(t, w), map[string]Op{a: Create})

	f, err := os.OpenFile(a, os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	f.WriteString(" two")
	f.Close()
	want(t, next(t, w), map[string]Op{a: Write})

	if err := os.Rename(a, b); err != nil {
		t.Fatal(err)
	}
	want(t, next(t, w), map[string]Op{a: Rename, b: Create})

	if err := os.Remove(b); err != nil {
		t.Fatal(err)
	}
	want(t, next(t, w), map[string]Op{b: Remove})
}

// An atomic save writes a dotfile and renames it over the target: only the
// target is reported, and a second save is seen too (the watch survives).
func TestAtomicSave(t *testing.T) {
	w, dir := start(t)
	target := filepath.Join(dir, "modul.md")
	write(t, target, "v0")
	next(t, w)
	for i := range 2 {
		tmp := filepath.Join(dir, ".modul.md.tmp1234")
		write(t, tmp, "v"+string(rune('1'+i)))
		if err := os.Rename(tmp, target); err != nil {
			t.Fatal(err)
		}
		want(t, next(t, w), map[string]Op{target: Create})
	}
}

// Vim's default save: write test file 4913, move the original to a backup,
// write a new file, delete the backup.
func TestVimSave(t *testing.T) {
	w, dir := start(t)
	target := filepath.Join(dir, "x.md")
	write(t, target, "v0")
	next(t, w)

	probe := filepath.Join(dir, "4913")
	write(t, probe, "")
	os.Remove(probe)
	backup := target + "~"
	if err := os.Rename(target, backup); err != nil {
		t.Fatal(err)
	}
	write(t, target, "v1")
	os.Remove(backup)
	want(t, next(t, w), map[string]Op{target: Create | Rename})
}

func TestIgnoredFilesDoNotTrigger(t *testing.T) {
	w, dir := start(t)
	for _, n := range []string{".x.md.swp", "x.md~", ".#x.md", "4913", "#x.md#", "x.md.swx", ".hidden"} {
		write(t, filepath.Join(dir, n), "junk")
	}
	if err := os.Mkdir(filepath.Join(dir, ".git"), 0o755); err != nil {
		t.Fatal(err)
	}
	write(t, filepath.Join(dir, ".git", "index"), "junk")
	quiet(t, w, 300*time.Millisecond)
}

func TestNewSubfolder(t *testing.T) {
	w, dir := start(t)
	sub := filepath.Join(dir, "nowy", "głęboki")
	if err := os.MkdirAll(sub, 0o755); err != nil {
		t.Fatal(err)
	}
	first := filepath.Join(sub, "pierwszy.md")
	write(t, first, "x") // races with the new watch: must still be seen
	want(t, next(t, w), map[string]Op{
		filepath.Join(dir, "nowy"): Create,
		sub:                        Create,
		first:                      Create,
	})

	later := filepath.Join(sub, "drugi.md")
	write(t, later, "y")
	want(t, next(t, w), map[string]Op{later: Create})
}

// content/ is often a symbolic link to a folder kept elsewhere (another
// repository, a shared drive). Changes in the linked folder and in its
// subfolders are reported under the link's path.
func TestSymlinkedRoot(t *testing.T) {
	real := t.TempDir()
	sub := filepath.Join(real, "moduly")
	if err := os.Mkdir(sub, 0o755); err != nil {
		t.Fatal(err)
	}
	link := filepath.Join(t.TempDir(), "content")
	if err := os.Symlink(real, link); err != nil {
		t.Skip("no symbolic links here:", err)
	}
	w, err := New([]string{link}, Options{OnError: func(err error) { t.Errorf("OnError: %v", err) }})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { w.Close() })

	write(t, filepath.Join(real, "a.md"), "x")
	want(t, next(t, w), map[string]Op{filepath.Join(link, "a.md"): Create})
	write(t, filepath.Join(sub, "b.md"), "y")
	want(t, next(t, w), map[string]Op{filepath.Join(link, "moduly", "b.md"): Create})
}

// After a folder is renamed, files in it (and in its subfolders) are
// reported under the new name.
func TestRenamedFolder(t *testing.T) {
	w, dir := start(t)
	old := filepath.Join(dir, "stary")
	if err := os.MkdirAll(filepath.Join(old, "pod"), 0o755); err != nil {
		t.Fatal(err)
	}
	next(t, w)
	renamed := filepath.Join(dir, "nowy")
	if err := os.Rename(old, renamed); err != nil {
		t.Fatal(err)
	}
	b := next(t, w)
	want(t, b, map[string]Op{old: Rename, renamed: Create, filepath.Join(renamed, "pod"): Create})

	f := filepath.Join(renamed, "pod", "plik.md")
	write(t, f, "x")
	want(t, next(t, w), map[string]Op{f: Create})
}

// A single-file root (config.toml) survives atomic saves, and sibling files
// are not reported.
func TestFileRoot(t *testing.T) {
	cfgDir := t.TempDir()
	cfg := filepath.Join(cfgDir, "config.toml")
	write(t, cfg, "title = 'a'")
	w, _ := start(t, cfg)
	for i := range 3 {
		tmp := filepath.Join(cfgDir, "config.toml.tmp")
		write(t, tmp, strings.Repeat("x", i))
		if err := os.Rename(tmp, cfg); err != nil {
			t.Fatal(err)
		}
		want(t, next(t, w), map[string]Op{cfg: Create})
	}
	write(t, filepath.Join(cfgDir, "other.txt"), "x")
	quiet(t, w, 200*time.Millisecond)
}

func TestBurstIsOneBatch(t *testing.T) {
	w, dir := start(t)
	var paths []string
	for i := range 50 {
		p := filepath.Join(dir, "plik"+string(rune('a'+i%26))+string(rune('a'+i/26))+".md")
		write(t, p, "x")
		paths = append(paths, p)
	}
	b := next(t, w)
	if len(b) != len(paths) {
		t.Fatalf("got %d changes in first batch, want %d", len(b), len(paths))
	}
	slices.Sort(paths)
	for i, c := range b {
		if c.Path != paths[i] {
			t.Fatalf("batch[%d] = %s, want %s (sorted)", i, c.Path, paths[i])
		}
	}
	quiet(t, w, 200*time.Millisecond)
}

// A stream that never pauses still produces a batch after MaxDelay.
func TestMaxDelay(t *testing.T) {
	dir := t.TempDir()
	w, err := New([]string{dir}, Options{Quiet: 100 * time.Millisecond, MaxDelay: 300 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	p := filepath.Join(dir, "a.md")
	stop := time.After(2 * time.Second)
	tick := time.NewTicker(20 * time.Millisecond)
	defer tick.Stop()
	start := time.Now()
	for {
		select {
		case <-tick.C:
			write(t, p, time.Now().String())
		case <-w.Changes():
			if d := time.Since(start); d > time.Second {
				t.Fatalf("first batch after %v, want about 300ms", d)
			}
			return
		case <-stop:
			t.Fatal("no batch while events kept coming")
		}
	}
}

// While the consumer is busy, changes merge into one batch instead of
// queueing.
func TestSlowConsumerMerges(t *testing.T) {
	w, dir := start(t)
	write(t, filepath.Join(dir, "a.md"), "1")
	time.Sleep(200 * time.Millisecond) // a batch is ready but nobody reads
	write(t, filepath.Join(dir, "b.md"), "1")
	time.Sleep(200 * time.Millisecond)
	want(t, next(t, w), map[string]Op{filepath.Join(dir, "a.md"): Create, filepath.Join(dir, "b.md"): Create})
}

func TestCloseClosesChanges(t *testing.T) {
	w, _ := start(t)
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	if _, ok := <-w.Changes(); ok {
		t.Fatal("Changes not closed")
	}
	w.Close() // idempotent
}

func TestNewErrors(t *testing.T) {
	if _, err := New([]string{filepath.Join(t.TempDir(), "no", "such", "file")}, Options{}); err == nil {
		t.Fatal("want error for a missing parent folder")
	}
}

func TestIgnored(t *testing.T) {
	for name, want := range map[string]bool{
		"a.md": false, "4913.md": false, "config.toml": false, "obraz.png": false,
		".a.md": true, "a.md~": true, ".#a.md": true, "4913": true, "#a.md#": true,
		".a.md.swp": true, "a.md.swo": true, ".git": true, "a.md___jb_tmp___": true,
	} {
		if got := Ignored(name); got != want {
			t.Errorf("Ignored(%q) = %v, want %v", name, got, want)
		}
	}
}

func TestOpString(t *testing.T) {
	if s := (Create | Write).String(); s != "CREATE|WRITE" {
		t.Fatal(s)
	}
	if s := Op(0).String(); s != "NONE" {
		t.Fatal(s)
	}
}

// When the kernel queue overflows, events are lost: every root is
// reported for a full rescan, and folders created meanwhile get watched.
func TestOverflowRescans(t *testing.T) {
	w, dir := start(t)
	w.overflow <- struct{}{}
	want(t, next(t, w), map[string]Op{dir: Rescan})
}

// TestSaveToBatchLatency logs how long an atomic save takes to arrive as a
// batch with the default options: the watcher's share of the brief's
// 100 ms edit-to-reload budget (mostly the Quiet period).
//
//	go test ./generator/watch -run SaveToBatch -v
func TestSaveToBatchLatency(t *testing.T) {
	w, dir := start(t)
	target := filepath.Join(dir, "modul.md")
	var d []time.Duration
	for i := range 20 {
		tmp := filepath.Join(dir, ".modul.md.tmp")
		t0 := time.Now()
		write(t, tmp, strings.Repeat("x", i))
		if err := os.Rename(tmp, target); err != nil {
			t.Fatal(err)
		}
		next(t, w)
		d = append(d, time.Since(t0))
	}
	slices.Sort(d)
	t.Logf("atomic save → batch, %d runs: p50 %v, max %v (Quiet %v)", len(d), d[len(d)/2], d[len(d)-1], 50*time.Millisecond)
}
