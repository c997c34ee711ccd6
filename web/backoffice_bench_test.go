package web_test

import (
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"strings"
	"testing"
)

// BenchmarkBackOffice opens the secretary's heavy pages on the database named by
// LOA_BENCH_DSN (the national set of bench/; skipped otherwise), signed in through
// the login form, for -cpuprofile (issue 20: the items list, the report page, the
// dashboard of one province and of all units).
func BenchmarkBackOffice(b *testing.B) {
	_, srv := nationalServer(b, "http://loa.test")
	h := srv.Handler()
	r := httptest.NewRequest("POST", "http://loa.test/login", strings.NewReader(url.Values{
		"email": {"thuky@loa.example"}, "password": {"loa-demo-2024"}}.Encode()))
	r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	r.Header.Set("Origin", "http://loa.test")
	w := httptest.NewRecorder()
	h.ServeHTTP(w, r)
	cookie := ""
	for _, c := range w.Result().Cookies() {
		if c.Name == "loa_session" {
			cookie = c.Name + "=" + c.Value
		}
	}
	if cookie == "" {
		b.Fatalf("login: status %d, no session cookie", w.Code)
	}
	for _, c := range []struct{ name, path string }{
		{"items", "/app/items"},
		{"report", "/app/reports?period=2024"},
		{"dashboard-province", "/app/dashboard?scope=" + cmpOr(os.Getenv("LOA_BENCH_PROVINCE"), "HUNGYEN")},
		{"dashboard-all", "/app/dashboard"},
	} {
		b.Run(c.name, func(b *testing.B) {
			cpu0 := cpuTime()
			for b.Loop() {
				r := httptest.NewRequest("GET", "http://loa.test"+c.path, nil)
				r.Header.Set("Cookie", cookie)
				w := &nullWriter{h: http.Header{}}
				h.ServeHTTP(w, r)
				if w.code != 0 && w.code != 200 {
					b.Fatalf("%s: status %d", c.path, w.code)
				}
			}
			// The process's CPU per page (every thread, the GC's included): steadier
			// than wall time on a shared machine, where waiting for a core is not work.
			b.ReportMetric(float64(cpuTime()-cpu0)/float64(b.N)/1e6, "cpu-ms/op")
		})
	}
}

func cmpOr(a, b string) string {
	if a != "" {
		return a
	}
	return b
}
