package search

import (
	"encoding/json"
	"net/http"
	"strconv"
)

// Handler serves GET /api/search?q=&type=&tag=&limit=&lang= with the JSON
// of Result (Content-Type application/json; charset=utf-8). lang is the
// reader's language (Query.Lang). An empty q gives an empty result. Bad
// parameters (limit not a number from 1 to MaxLimit, an unknown type, q
// longer than MaxQueryLen bytes, tag longer than 200 bytes, lang longer
// than 35) get 400 and {"error": "..."}; other methods get 405. The query is
// reflected only inside JSON strings, whose encoding escapes <, > and &, so
// a response cannot be sniffed or framed as HTML.
func Handler(idx *Index) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodGet && r.Method != http.MethodHead {
			w.Header().Set("Allow", "GET, HEAD")
			writeJSON(w, http.StatusMethodNotAllowed, apiError{"method not allowed"})
			return
		}
		q, msg := parseQuery(r)
		if msg != "" {
			writeJSON(w, http.StatusBadRequest, apiError{msg})
			return
		}
		res, err := idx.Search(r.Context(), q)
		if err != nil {
			if r.Context().Err() != nil {
				return // the client went away
			}
			writeJSON(w, http.StatusInternalServerError, apiError{"search failed"})
			return
		}
		writeJSON(w, http.StatusOK, res)
	})
}

type apiError struct {
	Error string `json:"error"`
}

// Longest accepted parameters, in bytes. A language tag (BCP 47) is at
// most 35 characters in practice; only its primary subtag counts.
const (
	maxTagLen  = 200
	maxLangLen = 35
)

// parseQuery validates the request's parameters; msg says what is wrong.
func parseQuery(r *http.Request) (q Query, msg string) {
	v := r.URL.Query()
	q = Query{Text: v.Get("q"), Type: v.Get("type"), Tag: v.Get("tag"), Limit: DefaultLimit, Lang: v.Get("lang")}
	switch {
	case len(q.Text) > MaxQueryLen:
		return q, "q is longer than " + strconv.Itoa(MaxQueryLen) + " bytes"
	case q.Type != "" && !KnownType(q.Type):
		return q, "unknown type; use one of module, case, exercise, term, path, page"
	case len(q.Tag) > maxTagLen:
		return q, "tag is too long"
	case len(q.Lang) > maxLangLen:
		return q, "lang is too long"
	}
	if s := v.Get("limit"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || n < 1 || n > MaxLimit {
			return q, "limit must be a number from 1 to " + strconv.Itoa(MaxLimit)
		}
		q.Limit = n
	}
	return q, ""
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	b, err := json.Marshal(v) // escapes <, > and & inside strings
	if err != nil {
		status, b = http.StatusInternalServerError, []byte(`{"error":"encoding failed"}`)
	}
	h := w.Header()
	h.Set("Content-Type", "application/json; charset=utf-8")
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	w.Write(append(b, '\n'))
}
