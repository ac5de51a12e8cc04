package generator

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"fmt"
	"io/fs"
	"sort"
	"sync"
	"time"

	"github.com/razem/razem/generator/config"
	"github.com/razem/razem/generator/diag"
	"github.com/razem/razem/generator/markdown"
	"github.com/razem/razem/generator/page"
	"github.com/razem/razem/generator/render"
	"github.com/razem/razem/generator/site"
)

// Builder builds a site repeatedly, reusing what did not change: razem
// serve keeps one and calls Build after every save. The cache follows
// esbuild's rules: entries are immutable once stored, each depends only on
// the inputs hashed into its key, and the key includes every option that
// shapes the result. A one-file body edit therefore re-parses one file,
// re-converts one page and re-renders only that page; anything other pages
// show of it (title, description, tags, reading time, …) is part of the site
// epoch, and a change there re-renders every page.
type Builder struct {
	o Options

	mu        sync.Mutex
	env       *key       // convertEnv of the current build
	envSite   *site.Site // the site env was computed for
	files     map[string]statEntry
	src       map[string]key // content path → key of its source, this build
	meta      map[string]key // content path → key of its front matter, this build
	parsed    map[string]parsedEntry
	converted map[string]convEntry
	rendered  map[string]renderEntry

	list listing // the content tree, with Options.Watched
}

type key [32]byte

// statEntry remembers a source file's size and modification time with its
// bytes, so an unchanged file need not be read again.
type statEntry struct {
	size int64
	mod  time.Time
	data []byte
}

type parsedEntry struct {
	data  []byte // the source, compared byte for byte: cheaper than hashing it again
	set   key    // the parse settings it was parsed with
	key   key
	meta  key // hash of the parsed front matter, for the site epoch
	page  *page.Page
	diags []diag.Diagnostic
}

type convEntry struct {
	key   key
	out   *markdown.Output
	diags []diag.Diagnostic
}

type renderEntry struct {
	key  key
	data []byte
}

// NewBuilder returns a builder whose Build calls share a cache.
func NewBuilder(o Options) *Builder {
	return &Builder{o: o, files: map[string]statEntry{}, src: map[string]key{}, meta: map[string]key{}, parsed: map[string]parsedEntry{}, converted: map[string]convEntry{}, rendered: map[string]renderEntry{}}
}

// keyOf hashes parts with their lengths, so ("ab","c") and ("a","bc")
// differ. Other values hash by their Go syntax (%#v prints maps sorted).
func keyOf(parts ...any) key {
	h := sha256.New()
	var n [8]byte
	for _, p := range parts {
		var b []byte
		switch p := p.(type) {
		case []byte:
			b = p
		case string:
			b = []byte(p)
		case key:
			b = p[:]
		default:
			b = []byte(fmt.Sprintf("%#v", p))
		}
		binary.LittleEndian.PutUint64(n[:], uint64(len(b)))
		h.Write(n[:])
		h.Write(b)
	}
	var k key
	copy(k[:], h.Sum(nil))
	return k
}

// srcKey is the key of a content file's source in this build: its bytes
// are hashed once and the key stands for them in every later key.
func (b *Builder) srcKey(path string) key {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.src[path]
}

// parse returns the cached page for identical bytes and settings (settings
// is the key of everything else parsing depends on). Keys are only computed
// when there is a cache.
func (b *Builder) parse(settings func() key, f sourceFile, fn func(l *diag.List) *page.Page, l *diag.List) *page.Page {
	var set key
	if b != nil {
		set = settings()
		b.mu.Lock()
		e, ok := b.parsed[f.Path]
		b.mu.Unlock()
		if ok && e.set == set && bytes.Equal(e.data, f.Data) {
			b.mu.Lock()
			b.src[f.Path], b.meta[f.Path] = e.key, e.meta
			b.mu.Unlock()
			l.Append(e.diags...)
			return e.page
		}
	}
	var own diag.List
	p := fn(&own)
	ds := own.Sorted()
	l.Append(ds...)
	if b != nil {
		e := parsedEntry{data: f.Data, set: set, key: keyOf(set, f.Data), meta: keyOf(p.Meta), page: p, diags: ds}
		b.mu.Lock()
		b.parsed[f.Path] = e
		b.src[f.Path], b.meta[f.Path] = e.key, e.meta
		b.mu.Unlock()
	}
	return p
}

// convert returns the cached conversion of a page body.
func (b *Builder) convert(path string, keyFn func() key, fn func(l *diag.List) *markdown.Output, l *diag.List) *markdown.Output {
	var k key
	if b != nil {
		k = keyFn()
		b.mu.Lock()
		e, ok := b.converted[path]
		b.mu.Unlock()
		if ok && e.key == k {
			l.Append(e.diags...)
			return e.out
		}
	}
	var own diag.List
	out := fn(&own)
	ds := own.Sorted()
	l.Append(ds...)
	if b != nil && diag.CountErrors(ds) == 0 {
		b.mu.Lock()
		b.converted[path] = convEntry{key: k, out: out, diags: ds}
		b.mu.Unlock()
	}
	return out
}

// render returns the cached output file for an unchanged job; a failed
// render is never cached.
func (b *Builder) render(url string, keyFn func() key, fn func() ([]byte, bool)) ([]byte, bool) {
	var k key
	if b != nil {
		k = keyFn()
		b.mu.Lock()
		e, ok := b.rendered[url]
		b.mu.Unlock()
		if ok && e.key == k {
			return e.data, true
		}
	}
	data, ok := fn()
	if b != nil && ok {
		b.mu.Lock()
		b.rendered[url] = renderEntry{key: k, data: data}
		b.mu.Unlock()
	}
	return data, ok
}

// envKey returns convertEnv for this build, computed once (conversions and
// path handouts both need it); zero without a cache.
func (b *Builder) envKey(s *site.Site, cfg config.Config, theme *render.Theme) key {
	if b == nil {
		return key{}
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.env == nil || b.envSite != s {
		k := convertEnv(s, cfg, theme)
		b.env, b.envSite = &k, s
	}
	return *b.env
}

// siteEpoch hashes everything a page may show about other pages, plus the
// theme: front matter, URLs, reading time and question counts.
func (b *Builder) siteEpoch(s *site.Site, theme *render.Theme, cfgKey key) key {
	h := sha256.New()
	h.Write(cfgKey[:])
	h.Write(theme.Hash[:])
	b.mu.Lock()
	defer b.mu.Unlock()
	for _, p := range s.Pages {
		m := b.meta[p.Path]
		fmt.Fprintf(h, "%s\x00%s\x00%x\x00%d\x00%d\x00", p.Path, p.URL, m[:], render.ReadingMinutes(p), p.Doc.Questions)
	}
	files := make([]string, 0, len(s.Files))
	for f := range s.Files {
		files = append(files, f)
	}
	sort.Strings(files) // sort for determinism
	for _, f := range files {
		fmt.Fprintf(h, "%s\x00", f)
	}
	var k key
	copy(k[:], h.Sum(nil))
	return k
}

// readFile reads a content file, or returns the bytes read last time when
// its size and modification time have not changed (razem serve rereads the
// tree after every save; most files did not change). Without a cache, or
// when the file system reports no modification time, it always reads.
func (b *Builder) readFile(fsys fs.FS, name string) ([]byte, error) {
	if b == nil {
		return fs.ReadFile(fsys, name)
	}
	info, err := fs.Stat(fsys, name)
	if err == nil && !info.ModTime().IsZero() {
		b.mu.Lock()
		e, ok := b.files[name]
		b.mu.Unlock()
		if ok && e.size == info.Size() && e.mod.Equal(info.ModTime()) {
			return e.data, nil
		}
	}
	data, err := fs.ReadFile(fsys, name)
	if err == nil && info != nil && !info.ModTime().IsZero() {
		b.mu.Lock()
		b.files[name] = statEntry{size: info.Size(), mod: info.ModTime(), data: data}
		b.mu.Unlock()
	}
	return data, err
}
