package server

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"io"
	"io/fs"
	"net/http"
	"net/url"
	"os"
	"path"
	"reflect"
	"strconv"
	"sync"
	"sync/atomic"
	"time"
)

// Limits of the in-memory gzip cache, per site snapshot. Text files of a
// site are small (pages, CSS, search chunks); caching their compressed form
// turns gzip from a per-request cost into a per-build one.
const (
	maxGzipFile  = 2 << 20
	maxGzipTotal = 128 << 20
	maxInjected  = 32 << 20 // larger HTML is served without the reload script
)

// site is one snapshot of the built site plus what was learned about its
// files while serving it.
type site struct {
	fsys    fs.FS
	files   sync.Map // name → *file
	gzTotal atomic.Int64
}

func newSite(fsys fs.FS) *site { return &site{fsys: confine(fsys)} }

// confine swaps an os.DirFS for the same folder opened with os.Root:
// os.DirFS follows symbolic links out of its folder, os.Root refuses them.
// The os.DirFS type is unexported, so it is recognised by name; its value
// is the folder's path.
func confine(fsys fs.FS) fs.FS {
	v := reflect.ValueOf(fsys)
	if v.Kind() != reflect.String || v.Type().String() != "os.dirFS" {
		return fsys
	}
	root, err := os.OpenRoot(v.String())
	if err != nil {
		return fsys // a missing folder serves 404s either way
	}
	return root.FS()
}

// file caches the ETag and compressed form of one file. It stays valid
// while the file's size and modification time are unchanged, which also
// covers a site folder rewritten in place.
type file struct {
	size    int64
	modTime time.Time
	etag    string // quoted strong validator: a hash of the content
	gzName  string // precompressed sibling ("x.css.gz"), if any

	gzOnce sync.Once
	gz     []byte // gzip of the content; nil if not worth keeping
}

// opened is an open site file ready to serve.
type opened struct {
	name    string
	content io.ReadSeeker
	info    fs.FileInfo
	meta    *file
	close   func() error
}

// open opens a regular file of the site and looks up (or computes) its
// metadata. For a folder it reports isDir and fs.ErrNotExist.
func (st *site) open(name string) (*opened, bool, error) {
	f, err := st.fsys.Open(name)
	if err != nil {
		return nil, false, err
	}
	fi, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, false, err
	}
	if fi.IsDir() {
		f.Close()
		return nil, true, fs.ErrNotExist
	}
	if !fi.Mode().IsRegular() {
		f.Close()
		return nil, false, fs.ErrNotExist
	}
	rs, ok := f.(io.ReadSeeker)
	if !ok { // an fs.FS without Seek: buffer the file
		data, err := io.ReadAll(f)
		f.Close()
		if err != nil {
			return nil, false, err
		}
		rs, f = bytes.NewReader(data), nopFile{}
	}
	o := &opened{name: name, content: rs, info: fi, close: f.Close}
	if o.meta, err = st.meta(o); err != nil {
		o.close()
		return nil, false, err
	}
	return o, false, nil
}

type nopFile struct{ fs.File }

func (nopFile) Close() error { return nil }

func (st *site) meta(o *opened) (*file, error) {
	if v, ok := st.files.Load(o.name); ok {
		m := v.(*file)
		if m.size == o.info.Size() && m.modTime.Equal(o.info.ModTime()) {
			return m, nil
		}
	}
	h := sha256.New()
	if _, err := io.Copy(h, o.content); err != nil {
		return nil, err
	}
	if _, err := o.content.Seek(0, io.SeekStart); err != nil {
		return nil, err
	}
	m := &file{
		size:    o.info.Size(),
		modTime: o.info.ModTime(),
		etag:    `"` + hex.EncodeToString(h.Sum(nil)[:12]) + `"`,
	}
	if compressible(contentType(o.name)) {
		if fi, err := fs.Stat(st.fsys, o.name+".gz"); err == nil && fi.Mode().IsRegular() {
			m.gzName = o.name + ".gz"
		}
	}
	st.files.Store(o.name, m)
	return m, nil
}

// gzipped returns the cached gzip of o, compressing it on first use.
func (st *site) gzipped(o *opened) []byte {
	m := o.meta
	m.gzOnce.Do(func() {
		if m.size > maxGzipFile || st.gzTotal.Load() > maxGzipTotal {
			return
		}
		var buf bytes.Buffer
		zw, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression)
		_, err := io.Copy(zw, o.content)
		if err == nil {
			err = zw.Close()
		}
		if _, serr := o.content.Seek(0, io.SeekStart); err != nil || serr != nil {
			return
		}
		if int64(buf.Len()) >= m.size { // tiny files grow
			return
		}
		m.gz = buf.Bytes()
		st.gzTotal.Add(int64(len(m.gz)))
	})
	return m.gz
}

func (s *Server) serveStatic(w http.ResponseWriter, r *http.Request, req request) {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		http.Error(w, http.StatusText(http.StatusMethodNotAllowed), http.StatusMethodNotAllowed)
		return
	}
	st := s.state.Load()
	if st.site == nil {
		s.serveNoSite(w, r, st)
		return
	}
	o, isDir, err := st.site.open(req.name)
	if isDir && req.explicit {
		// Relative (http.Redirect would make it absolute), so it also
		// works behind a proxy that mounts the site under a sub-path;
		// "./" keeps a name like "a:b" from reading as a URL scheme.
		target := "./" + url.PathEscape(path.Base(req.name)) + "/"
		if r.URL.RawQuery != "" {
			target += "?" + r.URL.RawQuery
		}
		code := http.StatusMovedPermanently
		if s.opts.Watch { // a folder may become a page while authoring
			code = http.StatusFound
		}
		w.Header().Set("Location", target)
		w.WriteHeader(code)
		return
	}
	if err != nil {
		s.notFound(w, r, st, err)
		return
	}
	defer o.close()
	s.serveFile(w, r, st, o)
}

func (s *Server) serveFile(w http.ResponseWriter, r *http.Request, st *state, o *opened) {
	h := w.Header()
	ctype := contentType(o.name)
	h.Set("Content-Type", ctype)
	h.Set("Cache-Control", cacheControl(o.name, s.opts.Watch))
	if s.opts.Watch && isHTML(o.name) && o.meta.size <= maxInjected {
		body, err := io.ReadAll(o.content)
		if err != nil {
			http.Error(w, http.StatusText(http.StatusInternalServerError), http.StatusInternalServerError)
			return
		}
		body = injectReload(body, st.build)
		h.Set("ETag", o.meta.etag[:len(o.meta.etag)-1]+"-"+st.build+`"`)
		http.ServeContent(w, r, "", o.info.ModTime(), bytes.NewReader(body))
		return
	}
	if compressible(ctype) {
		h.Add("Vary", "Accept-Encoding")
		if acceptsGzip(r) && s.serveGzip(w, r, st, o) {
			return
		}
	}
	h.Set("ETag", o.meta.etag)
	http.ServeContent(w, r, "", o.info.ModTime(), o.content)
}

// serveGzip serves the gzip form of o if there is one: the precompressed
// sibling, else the cached in-memory gzip. A gzip response is a different
// representation, so it gets a different ETag.
func (s *Server) serveGzip(w http.ResponseWriter, r *http.Request, st *state, o *opened) bool {
	h := w.Header()
	if o.meta.gzName != "" {
		gz, _, err := st.site.open(o.meta.gzName)
		if err == nil {
			defer gz.close()
			h.Set("Content-Encoding", "gzip")
			h.Set("ETag", gz.meta.etag)
			http.ServeContent(w, r, "", o.info.ModTime(), gz.content)
			return true
		}
	}
	data := st.site.gzipped(o)
	if data == nil {
		return false
	}
	h.Set("Content-Encoding", "gzip")
	h.Set("ETag", o.meta.etag[:len(o.meta.etag)-1]+`-gz"`)
	http.ServeContent(w, r, "", o.info.ModTime(), bytes.NewReader(data))
	return true
}

// notFound serves the site's 404.html with status 404.
func (s *Server) notFound(w http.ResponseWriter, r *http.Request, st *state, cause error) {
	if !errors.Is(cause, fs.ErrNotExist) && !errors.Is(cause, os.ErrPermission) {
		// Anything else, such as a symlink escaping an os.Root, is
		// reported like a missing file: the client learns nothing more.
		s.log.Printf("razem: %s: %v", r.URL.Path, cause)
	}
	o, _, err := st.site.open("404.html")
	if err != nil {
		http.Error(w, "404 page not found", http.StatusNotFound)
		return
	}
	defer o.close()
	body, err := io.ReadAll(o.content)
	if err != nil {
		http.Error(w, "404 page not found", http.StatusNotFound)
		return
	}
	if s.opts.Watch {
		body = injectReload(body, st.build)
	}
	writeBody(w, r, http.StatusNotFound, "text/html; charset=utf-8", body)
}

func writeBody(w http.ResponseWriter, r *http.Request, code int, ctype string, body []byte) {
	h := w.Header()
	h.Set("Content-Type", ctype)
	h.Set("Cache-Control", cacheRevalidate)
	h.Set("Content-Length", strconv.Itoa(len(body)))
	w.WriteHeader(code)
	if r.Method != http.MethodHead {
		w.Write(body)
	}
}
