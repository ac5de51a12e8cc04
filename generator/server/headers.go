package server

import (
	"io"
	"net"
	"net/http"
	"strconv"
	"sync"
	"time"
)

// ContentSecurityPolicy is sent with every response; see the package
// documentation for what it requires of a theme.
const ContentSecurityPolicy = "default-src 'self'; img-src 'self' data:; style-src 'self'; " +
	"script-src 'self'; object-src 'none'; base-uri 'self'; frame-ancestors 'none'; form-action 'self'"

// securityHeaders sets the headers every response carries, errors included.
func securityHeaders(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("Content-Security-Policy", ContentSecurityPolicy)
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Referrer-Policy", "no-referrer")
		h.Set("X-Frame-Options", "DENY")
		next.ServeHTTP(w, r)
	})
}

// accessLog wraps next to write one Common Log Format line per request.
func (s *Server) accessLog(next http.Handler) http.Handler {
	if s.opts.AccessLog == nil {
		return next
	}
	var mu sync.Mutex // one Write per line, lines never interleave
	out := s.opts.AccessLog
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		rec := &recorder{ResponseWriter: w}
		next.ServeHTTP(rec, r)
		line := commonLogLine(r, start, rec.status, rec.bytes)
		mu.Lock()
		io.WriteString(out, line)
		mu.Unlock()
	})
}

// commonLogLine formats: host ident authuser [date] "request" status bytes.
func commonLogLine(r *http.Request, t time.Time, status int, n int64) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		host = r.RemoteAddr
	}
	if status == 0 {
		status = http.StatusOK
	}
	size := "-"
	if n > 0 {
		size = strconv.FormatInt(n, 10)
	}
	// The request line is attacker-controlled: quote it so that it cannot
	// break out of its field or forge a second log line.
	reqLine := strconv.Quote(r.Method + " " + r.RequestURI + " " + r.Proto)
	return host + " - - [" + t.Format("02/Jan/2006:15:04:05 -0700") + "] " +
		reqLine + " " + strconv.Itoa(status) + " " + size + "\n"
}

// recorder notes the status and size of a response. Unwrap lets
// http.ResponseController reach Flush and the deadlines of the real writer,
// which the event stream needs.
type recorder struct {
	http.ResponseWriter
	status int
	bytes  int64
}

func (r *recorder) WriteHeader(code int) {
	if r.status == 0 {
		r.status = code
	}
	r.ResponseWriter.WriteHeader(code)
}

func (r *recorder) Write(b []byte) (int, error) {
	if r.status == 0 {
		r.status = http.StatusOK
	}
	n, err := r.ResponseWriter.Write(b)
	r.bytes += int64(n)
	return n, err
}

func (r *recorder) Unwrap() http.ResponseWriter { return r.ResponseWriter }

// Flush lets plain http.Flusher checks see through the recorder too.
func (r *recorder) Flush() {
	if f, ok := r.ResponseWriter.(http.Flusher); ok {
		f.Flush()
	}
}

var _ http.Flusher = (*recorder)(nil)
