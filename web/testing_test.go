package web_test

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"loa"
	"loa/internal/dbtest"
	"loa/store"
	"loa/web"
)

// testPassword is the password of every user that testApp creates.
const testPassword = "mat-khau-thu-nghiem"

// testApp is a running loa on a real database, with one user per role.
type testApp struct {
	t     *testing.T
	DB    *store.DB
	Srv   *web.Server
	HTTP  *httptest.Server
	Users map[loa.Role]*loa.User
	Unit  *loa.Unit // the contributor's unit
	Other *loa.Unit // another unit
}

// eachApp runs fn on a fresh app on every engine.
func eachApp(t *testing.T, fn func(t *testing.T, app *testApp)) {
	t.Helper()
	dbtest.Each(t, func(t *testing.T, db *store.DB) { fn(t, newTestApp(t, db)) })
}

func newTestApp(t *testing.T, db *store.DB) *testApp {
	t.Helper()
	ctx := context.Background()
	srv, err := web.New(db, web.Config{Logger: slog.New(slog.NewTextHandler(io.Discard, nil)), BaseURL: "http://loa.test"})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(srv.Close)
	app := &testApp{t: t, DB: db, Srv: srv, Users: map[loa.Role]*loa.User{}}
	app.HTTP = httptest.NewServer(srv.Handler())
	t.Cleanup(app.HTTP.Close)
	app.Unit = &loa.Unit{Code: "TB-HUNGHA", Name: "Viện kiểm sát nhân dân huyện Hưng Hà", Kind: loa.UnitDistrict}
	app.Other = &loa.Unit{Code: "TB-VUTHU", Name: "Viện kiểm sát nhân dân huyện Vũ Thư", Kind: loa.UnitDistrict}
	for _, u := range []*loa.Unit{app.Unit, app.Other} {
		if err := db.SaveUnit(ctx, u); err != nil {
			t.Fatal(err)
		}
	}
	for _, r := range loa.Roles {
		u := &loa.User{Email: string(r) + "@loa.test", Name: "Người dùng " + string(r), Role: r}
		if r == loa.RoleContributor {
			u.UnitID = app.Unit.ID
		}
		if err := db.CreateUser(ctx, u, testPassword); err != nil {
			t.Fatal(err)
		}
		app.Users[r] = u
	}
	return app
}

// client is a browser-like HTTP client: it keeps cookies, does not follow redirects,
// and sends the Origin header of the app like a browser's same-origin form post.
type client struct {
	t    *testing.T
	app  *testApp
	http *http.Client
}

// plainTransport asks for pages without gzip, unlike Go's default: compressing every
// page and decompressing it again in the client, under -race, was half of this
// package's test time (148 → 56 s wall). The tests of gzip ask for it themselves
// (compress_test.go, site_test.go, run_test.go).
var plainTransport = func() *http.Transport {
	t := http.DefaultTransport.(*http.Transport).Clone()
	t.DisableCompression = true
	return t
}()

// anon returns a client that is not signed in.
func (app *testApp) anon() *client {
	jar, _ := cookiejar.New(nil)
	return &client{t: app.t, app: app, http: &http.Client{Jar: jar, Transport: plainTransport, CheckRedirect: func(*http.Request, []*http.Request) error {
		return http.ErrUseLastResponse
	}}}
}

// as returns a client signed in as the user of role r.
func (app *testApp) as(r loa.Role) *client {
	app.t.Helper()
	c := app.anon()
	res := c.post("/login", url.Values{"email": {app.Users[r].Email}, "password": {testPassword}})
	if res.StatusCode != http.StatusSeeOther {
		app.t.Fatalf("login as %s: status %d, body %s", r, res.StatusCode, res.Body)
	}
	return c
}

// response is a finished response with its body read.
type response struct {
	StatusCode int
	Header     http.Header
	Body       string
}

func (c *client) do(req *http.Request) *response {
	c.t.Helper()
	res, err := c.http.Do(req)
	if err != nil {
		c.t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return &response{StatusCode: res.StatusCode, Header: res.Header, Body: string(b)}
}

func (c *client) get(path string) *response {
	c.t.Helper()
	req, _ := http.NewRequest("GET", c.app.HTTP.URL+path, nil)
	return c.do(req)
}

func (c *client) post(path string, form url.Values) *response {
	c.t.Helper()
	req, _ := http.NewRequest("POST", c.app.HTTP.URL+path, strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Origin", c.app.HTTP.URL)
	req.Header.Set("Sec-Fetch-Site", "same-origin")
	return c.do(req)
}
