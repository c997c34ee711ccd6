package web

import (
	"net/http"
	"strconv"
	"sync"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"

	"loa"
)

// securityHeaders sets the headers every response carries. The policy allows no
// inline script at all: pages wire their behaviour from /static/app.js. The values are
// built once and shared by every response (issue 20: Header.Set allocated four slices
// per request); each slice is full to its capacity, so an Add appends to a copy.
func securityHeaders(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hd := w.Header()
		for k, v := range securityHeaderValues {
			hd[k] = v
		}
		h.ServeHTTP(w, r)
	})
}

var securityHeaderValues = http.Header{
	"Content-Security-Policy": {"default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; " +
		"img-src 'self' data:; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'"},
	"X-Content-Type-Options": {"nosniff"},
	"Referrer-Policy":        {"strict-origin-when-cross-origin"},
	"X-Frame-Options":        {"DENY"},
}

// withSessions loads the session and the signed-in user for every request but an
// anonymous read: a GET or HEAD without a session cookie nor a token. Such a request
// would get an empty session and no user, and an anonymous page never writes to its
// session (setFlash refuses it), so it goes to h as it is, without the session's
// context, request copy and writer that cost a cached public page a third of its
// allocations (issue 20). Vary: Cookie is set as LoadAndSave would.
func (s *Server) withSessions(h http.Handler) http.Handler {
	full := s.sessions.LoadAndSave(s.loadUser(h))
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !s.sessionless(r) {
			full.ServeHTTP(w, r)
			return
		}
		hd := w.Header()
		if v := hd["Vary"]; len(v) == 0 {
			hd["Vary"] = varyCookie
		} else {
			hd["Vary"] = append(v, "Cookie")
		}
		h.ServeHTTP(w, r)
	})
}

var varyCookie = []string{"Cookie"}

// sessionless reports whether r is an anonymous read, served without a session
// (withSessions): a GET or HEAD that carries no session cookie and no Authorization.
func (s *Server) sessionless(r *http.Request) bool {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		return false
	}
	if r.Header.Get("Authorization") != "" {
		return false
	}
	if len(r.Header["Cookie"]) == 0 {
		return true
	}
	c, err := r.Cookie(s.sessions.Cookie.Name)
	return err != nil || c.Value == ""
}

// crossOrigin refuses cross-origin state-changing requests (CSRF), using the
// browser's Sec-Fetch-Site and Origin headers (net/http.CrossOriginProtection).
func (s *Server) crossOrigin(h http.Handler) http.Handler {
	cop := http.NewCrossOriginProtection()
	cop.SetDenyHandler(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Error(w, "Yêu cầu từ trang khác bị từ chối (cross-origin request refused).", http.StatusForbidden)
	}))
	return cop.Handler(h)
}

// loadUser puts the signed-in user, if any, into the request's context. A user who
// was deactivated, or whose password changed, since the session signed in is signed
// out here: the session's stamp no longer matches (store.UserSession).
func (s *Server) loadUser(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ctx := r.Context()
		if id := s.sessions.GetInt64(ctx, sessionUserID); id != 0 {
			u, stamp, err := s.db.UserSession(ctx, id)
			switch {
			case err == nil && u.Active && s.sessions.GetString(ctx, sessionStamp) == stamp:
				r = r.WithContext(loa.WithUser(ctx, u))
			case err == nil || loa.ErrorCode(err) == loa.ENOTFOUND:
				s.sessions.Destroy(ctx)
			default:
				s.serverError(w, r, err)
				return
			}
		} else if u := s.bearerUser(r); u != nil {
			r = r.WithContext(loa.WithUser(ctx, u))
		}
		h.ServeHTTP(w, r)
	})
}

// bearerUser authenticates an API token (tokens.go), when the request carries one.
func (s *Server) bearerUser(r *http.Request) *loa.User {
	if r.Header.Get("Authorization") == "" {
		return nil
	}
	return tokenUser(s, r)
}

type metrics struct {
	reg      *prometheus.Registry
	requests *prometheus.CounterVec
	duration *prometheus.HistogramVec
	searches prometheus.Counter
}

func newMetrics() *metrics {
	m := &metrics{
		reg: prometheus.NewRegistry(),
		requests: prometheus.NewCounterVec(prometheus.CounterOpts{Name: "loa_http_requests_total",
			Help: "HTTP requests by route pattern and status."}, []string{"route", "status"}),
		duration: prometheus.NewHistogramVec(prometheus.HistogramOpts{Name: "loa_http_request_seconds",
			Help: "HTTP request duration by route pattern.", Buckets: prometheus.ExponentialBuckets(0.0005, 2.5, 12)}, []string{"route"}),
		searches: prometheus.NewCounter(prometheus.CounterOpts{Name: "loa_searches_total",
			Help: "Searches run in the database (not the public search page's kept or shared results)."}),
	}
	m.reg.MustRegister(m.requests, m.duration, m.searches, collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	return m
}

func (m *metrics) handler() http.Handler { return promhttp.HandlerFor(m.reg, promhttp.HandlerOpts{}) }

type statusWriter struct {
	http.ResponseWriter
	status int
}

func (w *statusWriter) WriteHeader(code int) {
	if w.status == 0 {
		w.status = code
	}
	w.ResponseWriter.WriteHeader(code)
}

func (w *statusWriter) Write(b []byte) (int, error) {
	if w.status == 0 {
		w.status = http.StatusOK
	}
	return w.ResponseWriter.Write(b)
}

func (w *statusWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }

// observe counts and times requests by route pattern (not raw path: ids would
// explode the label set), recovers panics into a 500 page, and logs server errors.
// The route is told to the writer (setRoute), which also keeps the status, so a
// request costs one allocation here, not a context and a copy of the request.
func (s *Server) observe(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		ow := &observedWriter{statusWriter: statusWriter{ResponseWriter: w}}
		defer func() {
			if p := recover(); p != nil {
				s.log.Error("panic", "path", r.URL.Path, "panic", p)
				if ow.status == 0 {
					http.Error(ow, "Lỗi hệ thống.", http.StatusInternalServerError)
				}
			}
			if ow.status == 0 {
				ow.status = http.StatusOK
			}
			rt := ow.route
			if rt == nil {
				rt = unmatched
			}
			s.metrics.count(rt, ow.status, time.Since(start))
			if ow.status >= 500 {
				s.log.Error("request", "method", r.Method, "path", r.URL.Path, "status", ow.status, "dur", time.Since(start))
			}
		}()
		h.ServeHTTP(ow, r)
	})
}

// observedWriter is observe's writer: the status, and the route that served it.
type observedWriter struct {
	statusWriter
	route *routeMetrics
}

// routeMetrics are a route's series, made at its first request (not at start: the
// metrics show only routes that served) and then kept, so that counting a request
// does not hash its labels again.
type routeMetrics struct {
	pattern string
	durOnce sync.Once
	dur     prometheus.Observer
	okOnce  sync.Once
	ok      prometheus.Counter // status 200, the common case
}

var unmatched = &routeMetrics{pattern: "unmatched"}

// count adds a request served by rt with status in d.
func (m *metrics) count(rt *routeMetrics, status int, d time.Duration) {
	if status == http.StatusOK {
		rt.okOnce.Do(func() { rt.ok = m.requests.WithLabelValues(rt.pattern, "200") })
		rt.ok.Inc()
	} else {
		m.requests.WithLabelValues(rt.pattern, strconv.Itoa(status)).Inc()
	}
	rt.durOnce.Do(func() { rt.dur = m.duration.WithLabelValues(rt.pattern) })
	rt.dur.Observe(d.Seconds())
}

// setRoute tells observe which route served the request, through its writer.
func setRoute(w http.ResponseWriter, rt *routeMetrics) {
	for {
		if ow, ok := w.(*observedWriter); ok {
			ow.route = rt
			return
		}
		u, ok := w.(interface{ Unwrap() http.ResponseWriter })
		if !ok {
			return
		}
		w = u.Unwrap()
	}
}
