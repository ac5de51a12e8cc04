// Package watch reports changes under a set of files and folders as batches,
// so that `razem serve` rebuilds once per save instead of once per event.
//
// # Roots
//
// A root is either a folder, watched recursively (folders created later are
// watched as soon as they appear), or a single file such as config.toml.
// A single file is never watched directly: editors that save atomically
// (write a temporary file, then rename it over the original) replace the
// file's inode, and a watch on the old inode goes silent after the first
// save (fsnotify issues #17, #134). Its parent folder is watched instead and
// only events naming the file are kept.
//
// # What triggers a batch
//
// Dotfiles and editor scratch files (see [Ignored]) never trigger a batch,
// and ignored folders (.git, …) are not watched at all. The *final* step of an
// atomic save is a rename from an ignored temporary name to the real name,
// which arrives as a Create of the real name, so it is reported. Chmod-only
// events are dropped: on Linux they accompany every delete and carry no
// content change.
//
// # Batching
//
// Events are merged per path and delivered once nothing has happened for
// [Options.Quiet] (default 50 ms), or at the latest [Options.MaxDelay]
// (default 1 s) after the first event, so a continuous stream still gets
// rebuilt. While the consumer is busy (rebuilding) new events keep merging
// into the next batch, so a slow build never queues up stale batches.
package watch

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/fsnotify/fsnotify"
)

// Op is a set of things that happened to a path within one batch.
type Op uint8

// The operations a Change can carry; several may be set at once.
const (
	Create Op = 1 << iota // the path appeared (including as a rename target)
	Write                 // the file's content changed
	Remove                // the path was deleted
	Rename                // the path was renamed away
	Rescan                // events were lost; the path (a root) must be rescanned as a whole
)

// String returns the operations joined by "|", e.g. "CREATE|WRITE".
func (op Op) String() string {
	names := []string{"CREATE", "WRITE", "REMOVE", "RENAME", "RESCAN"}
	var parts []string
	for i, n := range names {
		if op&(1<<i) != 0 {
			parts = append(parts, n)
		}
	}
	if len(parts) == 0 {
		return "NONE"
	}
	return strings.Join(parts, "|")
}

// Has reports whether op includes every operation in o.
func (op Op) Has(o Op) bool { return op&o == o }

// Change is one path that changed during a batch. Path is rooted at the root
// it was found under, spelled as that root was passed to [New] (cleaned).
type Change struct {
	Path string
	Op   Op
}

// Options tunes a Watcher; the zero value is ready to use.
type Options struct {
	// Quiet is how long no event must arrive before a batch is delivered.
	// Default 50 ms: an editor's save is a burst of a few events within a
	// few milliseconds, and delivering mid-save would build a half-saved
	// tree.
	Quiet time.Duration
	// MaxDelay bounds how long a batch may be held back by a continuous
	// stream of events. Default 1 s.
	MaxDelay time.Duration
	// Ignore reports whether a base name must not trigger a batch. Default
	// [Ignored].
	Ignore func(name string) bool
	// OnError receives problems that do not stop watching, such as a folder
	// that could not be watched (inotify watch limit). It is called from the
	// watcher's goroutine and must not block. Nil drops them.
	OnError func(error)
}

// Watcher batches file-system events under a set of roots. Create it with
// [New]; stop it with [Watcher.Close].
type Watcher struct {
	fsw  *fsnotify.Watcher
	opts Options

	dirRoots  []string        // cleaned folder roots, watched recursively
	fileRoots map[string]bool // cleaned single-file roots
	dirs      map[string]bool // every folder we hold a watch on; owned by run

	out      chan []Change
	errs     chan error    // non-fatal fsnotify errors, forwarded by drainErrors
	overflow chan struct{} // the kernel queue overflowed; events were lost
	done     chan struct{}
	wg       sync.WaitGroup
	once     sync.Once
}

// New starts watching roots. Folders must exist; a file root's parent folder
// must exist (the file itself may appear later).
func New(roots []string, opts Options) (*Watcher, error) {
	if opts.Quiet <= 0 {
		opts.Quiet = 50 * time.Millisecond
	}
	if opts.MaxDelay < opts.Quiet {
		opts.MaxDelay = max(time.Second, opts.Quiet)
	}
	if opts.Ignore == nil {
		opts.Ignore = Ignored
	}
	fsw, err := fsnotify.NewBufferedWatcher(4096)
	if err != nil {
		return nil, fmt.Errorf("watch: %w", err)
	}
	w := &Watcher{
		fsw:       fsw,
		opts:      opts,
		fileRoots: map[string]bool{},
		dirs:      map[string]bool{},
		out:       make(chan []Change),
		errs:      make(chan error, 16),
		overflow:  make(chan struct{}, 1),
		done:      make(chan struct{}),
	}
	if err := w.addRoots(roots); err != nil {
		fsw.Close()
		return nil, err
	}
	w.wg.Add(2)
	go w.drainErrors()
	go w.run()
	return w, nil
}

func (w *Watcher) addRoots(roots []string) error {
	for _, r := range roots {
		r = filepath.Clean(r)
		fi, err := os.Stat(r)
		switch {
		case err == nil && fi.IsDir():
			w.dirRoots = append(w.dirRoots, r)
			if err := w.watchTree(r, nil); err != nil {
				return fmt.Errorf("watch: %w", err)
			}
		case err == nil || errors.Is(err, fs.ErrNotExist):
			// A file, or a file that does not exist yet: watch its folder.
			w.fileRoots[r] = true
			if err := w.fsw.Add(filepath.Dir(r)); err != nil {
				return fmt.Errorf("watch: %s: %w", r, err)
			}
		default:
			return fmt.Errorf("watch: %w", err)
		}
	}
	return nil
}

// Changes returns the channel on which batches arrive. It is closed when the
// Watcher is closed. Each batch is sorted by path and holds each path once.
func (w *Watcher) Changes() <-chan []Change { return w.out }

// Close stops watching, closes the Changes channel and waits for the
// watcher's goroutines to end. It is safe to call more than once.
func (w *Watcher) Close() error {
	var err error
	w.once.Do(func() {
		close(w.done)
		err = w.fsw.Close()
		w.wg.Wait()
	})
	return err
}

// drainErrors runs on its own goroutine because fsnotify's inotify backend
// can send an error while holding the lock that Add and Remove need; if the
// goroutine calling Add were also the only reader of Errors, both would wait
// on each other.
func (w *Watcher) drainErrors() {
	defer w.wg.Done()
	for err := range w.fsw.Errors {
		if errors.Is(err, fsnotify.ErrEventOverflow) {
			select {
			case w.overflow <- struct{}{}:
			default: // one pending rescan covers any number of overflows
			}
			continue
		}
		select {
		case w.errs <- err:
		default: // the loop is far behind; dropping a duplicate-ish error is fine
		}
	}
}

// Ignored reports whether a file or folder name is editor or tool noise:
// dotfiles (.git, .#lock, .file.swp, .goutputstream-*), backups ending in
// "~", Vim swap files (.swp, .swo, .swx) and its "4913" write test, Emacs
// auto-saves (#file#), Kate swap files and JetBrains safe-write temporaries.
func Ignored(name string) bool {
	switch {
	case name == "" || name == "4913":
		return true
	case strings.HasPrefix(name, "."), strings.HasSuffix(name, "~"):
		return true
	case strings.HasPrefix(name, "#") && strings.HasSuffix(name, "#"):
		return true
	}
	for _, suf := range []string{".swp", ".swo", ".swx", ".kate-swp", "___jb_tmp___", "___jb_old___"} {
		if strings.HasSuffix(name, suf) {
			return true
		}
	}
	return false
}

// under returns the folder root that contains p, or "".
func (w *Watcher) under(p string) string {
	for _, r := range w.dirRoots {
		if p == r || strings.HasPrefix(p, r+string(filepath.Separator)) || r == "." && filepath.IsLocal(p) {
			return r
		}
	}
	return ""
}

// wanted reports whether an event on p can trigger a batch.
func (w *Watcher) wanted(p string) bool {
	if w.fileRoots[p] {
		return true
	}
	return w.under(p) != "" && !w.opts.Ignore(filepath.Base(p))
}

// watchTree adds a watch on dir and every folder below it that is not
// ignored. Each watch is added before the folder is listed, so a file
// created in between is either listed or reported. When found is non-nil,
// everything below dir is passed to it: after `mkdir -p a/b && touch a/b/c`
// only "a" produces an event, because b and c appeared before anyone
// watched a.
//
// A root that is a symbolic link to a folder (content/ kept in another
// repository and linked in) is walked through the link: WalkDir does not
// follow links, not even the root, so it would see one file and watch
// nothing. inotify follows the link when the watch is added, and reports
// events under the path as given.
func (w *Watcher) watchTree(dir string, found func(string)) error {
	walk := dir
	if fi, err := os.Lstat(dir); err == nil && fi.Mode()&fs.ModeSymlink != 0 {
		walk = dir + string(filepath.Separator)
	}
	return filepath.WalkDir(walk, func(p string, d fs.DirEntry, err error) error {
		if p == walk {
			p = dir
		}
		if err != nil {
			if p == dir {
				return err
			}
			return nil // vanished while walking: its own Remove event follows
		}
		if p != dir && w.opts.Ignore(d.Name()) {
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		if p != dir && found != nil {
			found(p)
		}
		if !d.IsDir() || w.dirs[p] {
			return nil
		}
		if err := w.fsw.Add(p); err != nil {
			if p == dir {
				return err
			}
			w.report(fmt.Errorf("watch: %s: %w", p, err))
			return filepath.SkipDir
		}
		w.dirs[p] = true
		return nil
	})
}

// unwatchTree drops the watches on dir and below. It matters for renamed
// folders: inotify keeps a renamed folder's watches alive under their old
// names, and re-adding the same inode under the new name would otherwise
// keep reporting the old path (or lose the watch when fsnotify processes
// the late IN_MOVE_SELF).
func (w *Watcher) unwatchTree(dir string) {
	prefix := dir + string(filepath.Separator)
	for d := range w.dirs {
		if d == dir || strings.HasPrefix(d, prefix) {
			// Not-watched errors are expected: the kernel already dropped
			// the watch of a deleted folder.
			_ = w.fsw.Remove(d)
			delete(w.dirs, d)
		}
	}
}

func (w *Watcher) report(err error) {
	if w.opts.OnError != nil {
		w.opts.OnError(err)
	}
}

// batch accumulates the pending changes of one batch.
type batch struct {
	ops   map[string]Op
	first time.Time
}

func (b *batch) add(p string, op Op) {
	if b.ops == nil {
		b.ops = map[string]Op{}
		b.first = time.Now()
	}
	b.ops[p] |= op
}

func (b *batch) changes() []Change {
	cs := make([]Change, 0, len(b.ops))
	for p, op := range b.ops {
		cs = append(cs, Change{Path: p, Op: op})
	}
	// Sort for determinism: map order must not leak to the consumer.
	slices.SortFunc(cs, func(a, b Change) int { return strings.Compare(a.Path, b.Path) })
	return cs
}

// run owns all watcher state, so none of it needs a lock.
func (w *Watcher) run() {
	defer w.wg.Done()
	defer close(w.out)
	timer := time.NewTimer(time.Hour)
	timer.Stop()
	defer timer.Stop()
	var (
		pending batch
		ready   []Change // non-nil once the quiet period has passed
	)
	arm := func() {
		ready = nil
		wait := min(w.opts.Quiet, w.opts.MaxDelay-time.Since(pending.first))
		timer.Reset(max(wait, 0))
	}
	for {
		var out chan []Change
		if ready != nil {
			out = w.out
		}
		select {
		case <-w.done:
			return
		case ev, ok := <-w.fsw.Events:
			if !ok {
				return
			}
			if w.handle(ev, &pending) {
				arm()
			}
		case <-w.overflow:
			w.rescan(&pending)
			arm()
		case err := <-w.errs:
			w.report(fmt.Errorf("watch: %w", err))
		case <-timer.C:
			if len(pending.ops) > 0 {
				ready = pending.changes()
			}
		case out <- ready:
			pending, ready = batch{}, nil
		}
	}
}

// handle updates the watches for ev and records it; it reports whether
// anything was added to the batch.
func (w *Watcher) handle(ev fsnotify.Event, b *batch) bool {
	p := filepath.Clean(ev.Name)
	if ev.Has(fsnotify.Remove) || ev.Has(fsnotify.Rename) {
		if w.dirs[p] {
			w.unwatchTree(p)
		}
	}
	if !w.wanted(p) {
		return false
	}
	var op Op
	if ev.Has(fsnotify.Create) {
		op |= Create
		if w.under(p) != "" {
			if fi, err := os.Lstat(p); err == nil && fi.IsDir() {
				// Walk errors only mean the folder vanished again; its
				// Remove event follows.
				_ = w.watchTree(p, func(q string) { b.add(q, Create) })
			}
		}
	}
	if ev.Has(fsnotify.Write) && !w.dirs[p] { // kqueue and Windows write-notify folders too
		op |= Write
	}
	if ev.Has(fsnotify.Remove) {
		op |= Remove
	}
	if ev.Has(fsnotify.Rename) {
		op |= Rename
	}
	if op == 0 { // Chmod only
		return false
	}
	b.add(p, op)
	return true
}

// rescan recovers from lost events: it re-adds watches for folders that
// appeared unseen and asks the consumer to rescan every root.
func (w *Watcher) rescan(b *batch) {
	for _, r := range w.dirRoots {
		if err := w.watchTree(r, nil); err != nil {
			w.report(fmt.Errorf("watch: rescan: %w", err))
		}
		b.add(r, Rescan)
	}
	for r := range w.fileRoots {
		b.add(r, Rescan)
	}
}
