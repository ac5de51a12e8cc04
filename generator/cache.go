package generator

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"fmt"
	"hash"
	"io/fs"
	"reflect"
	"slices"
	"sync"
	"time"

	"github.com/razem/razem/generator/config"
	"github.com/razem/razem/generator/diag"
	"github.com/razem/razem/generator/glossary"
	"github.com/razem/razem/generator/markdown"
	"github.com/razem/razem/generator/page"
	"github.com/razem/razem/generator/polish"
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

	mu        sync.RWMutex
	env       *key       // convertEnv of the current build
	envSite   *site.Site // the site env was computed for
	files     map[string]statEntry
	src       map[string]key // content path → key of its source, this build
	meta      map[string]key // content path → key of its front matter, this build
	parsed    map[string]parsedEntry
	converted map[string]convEntry
	rendered  map[slot]renderEntry

	list    listing      // the content tree, with Options.Watched
	derived site.Derived // URLs and sort keys of the cached pages
	assets  assetCache   // the theme's assets, minified, for b.theme

	// Each language's glossary index with the terms it was made of: most
	// saves change no term, and indexing 2,000 terms analyses each form
	// (3 ms of each save at 10,000 pages).
	glossaries map[string]glossaryEntry

	// The theme as last loaded, with its diagnostics. With Options.Watched
	// it is reused until a reported change lies outside the content folder
	// (a layout, a translation file, config.toml): loading parses every
	// template, 15 ms of each save at 10,000 pages.
	theme      *render.Theme
	themeDiags []diag.Diagnostic
	themeOK    bool
}

// loadTheme returns the site's theme, reusing the last one when nothing
// outside the content folder has changed since (see Builder.theme).
func (b *Builder) loadTheme(load func(l *diag.List) *render.Theme, l *diag.List) *render.Theme {
	if b == nil || !b.o.Watched {
		return load(l)
	}
	b.mu.Lock()
	t, ds, ok := b.theme, b.themeDiags, b.themeOK
	b.mu.Unlock()
	if ok {
		l.Append(ds...)
		return t
	}
	var own diag.List
	t = load(&own)
	ds = own.Sorted()
	l.Append(ds...)
	b.mu.Lock()
	b.theme, b.themeDiags, b.themeOK = t, ds, true
	b.mu.Unlock()
	return t
}

type key [32]byte

type glossaryEntry struct {
	a     *polish.Analyzer // every language's analysis derives from it
	terms []glossary.Term
	ix    *glossary.Index
}

// glossary returns the glossary index of a language's terms, the last one
// made when the terms and the analyzer are the same.
func (b *Builder) glossary(code string, a *polish.Analyzer, terms []glossary.Term, keys glossary.Analyzer) *glossary.Index {
	if b == nil {
		return glossary.New(terms, keys)
	}
	b.mu.Lock()
	e, ok := b.glossaries[code]
	b.mu.Unlock()
	if ok && e.a == a && slices.EqualFunc(e.terms, terms, glossary.Term.Equal) {
		return e.ix
	}
	ix := glossary.New(terms, keys)
	b.mu.Lock()
	if b.glossaries == nil {
		b.glossaries = map[string]glossaryEntry{}
	}
	b.glossaries[code] = glossaryEntry{a, terms, ix}
	b.mu.Unlock()
	return ix
}

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
	key  renderKey
	data []byte
}

// slot is where a rendered output goes: its URL in one edition.
type slot struct {
	url     string
	trainer bool
}

// renderKey is what a rendered output depends on. It is compared, not
// hashed: razem serve checks every page of both editions on each save,
// 20,000 keys at 10,000 pages, and hashing them was a third of a rebuild.
type renderKey struct {
	epoch                key // everything shown of other pages, the theme, the config
	layout, kind, target string
	src                  key // the page's own source; zero for generated pages
	more                 key // the sources of a handout's steps, hashed; zero for others
}

// NewBuilder returns a builder whose Build calls share a cache.
func NewBuilder(o Options) *Builder {
	return &Builder{o: o, files: map[string]statEntry{}, src: map[string]key{}, meta: map[string]key{}, parsed: map[string]parsedEntry{}, converted: map[string]convEntry{}, rendered: map[slot]renderEntry{}}
}

// keyOf hashes parts with their lengths, so ("ab","c") and ("a","bc")
// differ. Other values hash by their Go syntax (%#v prints maps sorted).
// razem serve computes a few keys per page on every save, so the common
// kinds are written without fmt.
func keyOf(parts ...any) key {
	var buf [512]byte
	b := buf[:0]
	for _, p := range parts {
		at := len(b)
		b = append(b, 0, 0, 0, 0, 0, 0, 0, 0, 0) // kind, then length
		kind := byte(0)
		switch p := p.(type) {
		case []byte:
			b = append(b, p...)
		case string:
			b = append(b, p...)
		case key:
			b = append(b, p[:]...)
		case []string:
			kind = 5
			for _, x := range p {
				b = binary.LittleEndian.AppendUint64(b, uint64(len(x)))
				b = append(b, x...)
			}
		case bool:
			kind = 1
			if p {
				b = append(b, 1)
			}
		case int:
			kind = 2
			b = binary.LittleEndian.AppendUint64(b, uint64(p))
		default:
			if v := reflect.ValueOf(p); v.Kind() == reflect.String {
				kind = 3 // a named string type: its name and value
				b = append(append(append(b, v.Type().String()...), 0), v.String()...)
			} else {
				kind = 4
				b = fmt.Appendf(b, "%#v", p)
			}
		}
		b[at] = kind
		binary.LittleEndian.PutUint64(b[at+1:at+9], uint64(len(b)-at-9))
	}
	return sha256.Sum256(b)
}

// srcKey is the key of a content file's source in this build: its bytes
// are hashed once and the key stands for them in every later key.
func (b *Builder) srcKey(path string) key {
	b.mu.RLock()
	defer b.mu.RUnlock()
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
func (b *Builder) render(at slot, keyFn func() renderKey, fn func() ([]byte, bool)) ([]byte, bool) {
	var k renderKey
	if b != nil {
		k = keyFn()
		b.mu.RLock()
		e, ok := b.rendered[at]
		b.mu.RUnlock()
		if ok && e.key == k {
			return e.data, true
		}
	}
	data, ok := fn()
	if b != nil && ok {
		b.mu.Lock()
		b.rendered[at] = renderEntry{key: k, data: data}
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
	h := newFieldHash()
	h.key(cfgKey)
	h.key(theme.Hash)
	b.mu.Lock()
	defer b.mu.Unlock()
	for _, p := range s.Pages {
		h.str(p.Path)
		h.str(p.URL)
		h.key(b.meta[p.Path])
		h.num(render.ReadingMinutes(p))
		h.num(p.Doc.Questions)
	}
	h.strs(s.FileList)
	return h.sum()
}

// fieldHash hashes fields, each string after its length so that ("ab",
// "c") and ("a", "bc") differ, through a buffer: the site epoch and the
// conversion environment hash every page on every save of razem serve.
type fieldHash struct {
	h   hash.Hash
	buf []byte
}

func newFieldHash() *fieldHash { return &fieldHash{h: sha256.New(), buf: make([]byte, 0, 8192)} }

func (f *fieldHash) str(s string) {
	f.num(len(s))
	f.buf = append(f.buf, s...)
	if len(f.buf) >= 4096 {
		f.h.Write(f.buf)
		f.buf = f.buf[:0]
	}
}

// strs hashes a list: its length, then each string.
func (f *fieldHash) strs(ss []string) {
	f.num(len(ss))
	for _, s := range ss {
		f.str(s)
	}
}

func (f *fieldHash) num(n int) { f.buf = binary.LittleEndian.AppendUint64(f.buf, uint64(n)) }
func (f *fieldHash) key(k key) { f.buf = append(f.buf, k[:]...) }
func (f *fieldHash) sum() (k key) {
	f.h.Write(f.buf)
	f.buf = f.buf[:0]
	copy(k[:], f.h.Sum(nil))
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
