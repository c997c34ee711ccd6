package web

import (
	"bytes"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"io/fs"
	"mime"
	"net/http"
	"path"
	"strings"
	"sync"
	"time"
)

//go:embed static
var staticFS embed.FS

// staticFiles serves the embedded front-end files at content-hash URLs
// (app.css → app.1a2b3c4d5e.css) with a year-long immutable cache: a new release
// changes the URL, so browsers never keep a stale file.
type staticFiles struct {
	files  map[string][]byte        // name as requested → content
	gz     map[string]func() []byte // name → content gzipped, for the text files
	types  map[string]string
	hashed map[string]string // plain name → hashed name
	etags  map[string]string
}

// embeddedStatic is the embedded files with their hashes, computed once per process:
// they depend on nothing but the binary, every Server shares them, and templates
// reach them through staticURL.
var embeddedStatic = sync.OnceValues(newStatic)

// staticURL is {{ static "app.css" }}: the content-hash URL of an embedded file.
func staticURL(name string) string {
	st, err := embeddedStatic()
	if err != nil {
		return "/static/" + name
	}
	return st.url(name)
}

func newStatic() (*staticFiles, error) {
	s := &staticFiles{files: map[string][]byte{}, gz: map[string]func() []byte{}, types: map[string]string{}, hashed: map[string]string{}, etags: map[string]string{}}
	err := fs.WalkDir(staticFS, "static", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := staticFS.ReadFile(p)
		if err != nil {
			return err
		}
		name := strings.TrimPrefix(p, "static/")
		sum := sha256.Sum256(b)
		h := hex.EncodeToString(sum[:5])
		ext := path.Ext(name)
		hn := strings.TrimSuffix(name, ext) + "." + h + ext
		ct := mime.TypeByExtension(ext)
		if ct == "" {
			ct = "application/octet-stream"
		}
		var gz func() []byte
		if len(b) >= gzipMin && compressible(ct) {
			// Compressed at a file's first gzipped answer and kept: the back office's
			// scripts and styles are ~600 KB plain, ~170 KB gzipped, on a first visit
			// over a provincial office's line. Not at start: all of them took 46 ms,
			// in every process, tests included.
			gz = sync.OnceValue(func() []byte { return gzipped(b) })
		}
		for _, n := range []string{name, hn} {
			s.files[n], s.types[n], s.etags[n] = b, ct, `"`+h+`"`
			if gz != nil {
				s.gz[n] = gz
			}
		}
		s.hashed[name] = hn
		return nil
	})
	return s, err
}

// url is the content-hash URL of a static file, for templates: {{ static "app.css" }}.
func (s *staticFiles) url(name string) string {
	if h, ok := s.hashed[name]; ok {
		return "/static/" + h
	}
	return "/static/" + name
}

func (s *staticFiles) serve(w http.ResponseWriter, r *http.Request) {
	name := r.PathValue("file")
	b, ok := s.files[name]
	if !ok {
		http.NotFound(w, r)
		return
	}
	if _, plain := s.hashed[name]; plain {
		w.Header().Set("Cache-Control", "no-cache")
	} else {
		w.Header().Set("Cache-Control", "public, max-age=31536000, immutable")
	}
	w.Header().Set("Content-Type", s.types[name])
	etag := s.etags[name]
	if gz, ok := s.gz[name]; ok {
		w.Header().Set("Vary", "Accept-Encoding")
		if acceptsGzip(r) {
			w.Header().Set("Content-Encoding", "gzip")
			b, etag = gz(), strings.TrimSuffix(etag, `"`)+`-gz"`
		}
	}
	w.Header().Set("ETag", etag)
	http.ServeContent(w, r, "", time.Time{}, bytes.NewReader(b))
}

func (s *staticFiles) favicon(w http.ResponseWriter, r *http.Request) {
	http.Redirect(w, r, s.url("favicon.svg"), http.StatusMovedPermanently)
}
