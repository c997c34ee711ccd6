package web

import (
	"context"
	"net/http"
	"strconv"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"

	"loa"
)

// securityHeaders sets the headers every response carries. The policy allows no
// inline script at all: pages wire their behaviour from /static/app.js.
func securityHeaders(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hd := w.Header()
		hd.Set("Content-Security-Policy", "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "+
			"img-src 'self' data:; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'")
		hd.Set("X-Content-Type-Options", "nosniff")
		hd.Set("Referrer-Policy", "strict-origin-when-cross-origin")
		hd.Set("X-Frame-Options", "DENY")
		h.ServeHTTP(w, r)
	})
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
}

func newMetrics() *metrics {
	m := &metrics{
		reg: prometheus.NewRegistry(),
		requests: prometheus.NewCounterVec(prometheus.CounterOpts{Name: "loa_http_requests_total",
			Help: "HTTP requests by route pattern and status."}, []string{"route", "status"}),
		duration: prometheus.NewHistogramVec(prometheus.HistogramOpts{Name: "loa_http_request_seconds",
			Help: "HTTP request duration by route pattern.", Buckets: prometheus.ExponentialBuckets(0.0005, 2.5, 12)}, []string{"route"}),
	}
	m.reg.MustRegister(m.requests, m.duration, collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
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
func (s *Server) observe(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		sw := &statusWriter{ResponseWriter: w}
		route := new(string)
		r = r.WithContext(context.WithValue(r.Context(), routeKey{}, route))
		defer func() {
			if p := recover(); p != nil {
				s.log.Error("panic", "path", r.URL.Path, "panic", p)
				if sw.status == 0 {
					http.Error(sw, "Lỗi hệ thống.", http.StatusInternalServerError)
				}
			}
			if *route == "" {
				*route = "unmatched"
			}
			if sw.status == 0 {
				sw.status = http.StatusOK
			}
			s.metrics.requests.WithLabelValues(*route, strconv.Itoa(sw.status)).Inc()
			s.metrics.duration.WithLabelValues(*route).Observe(time.Since(start).Seconds())
			if sw.status >= 500 {
				s.log.Error("request", "method", r.Method, "path", r.URL.Path, "status", sw.status, "dur", time.Since(start))
			}
		}()
		h.ServeHTTP(sw, r)
	})
}

type routeKey struct{}

// setRoute tells observe which route pattern served the request.
func setRoute(r *http.Request, pattern string) {
	if p, ok := r.Context().Value(routeKey{}).(*string); ok {
		*p = pattern
	}
}
