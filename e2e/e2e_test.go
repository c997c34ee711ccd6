// Package e2e drives loa's real pages in a real headless Chromium (Debian's
// chromium-headless-shell or chromium package) through chromedp: real pages, real clicks.
package e2e

import (
	"cmp"
	"context"
	"io"
	"log/slog"
	"net/http/httptest"
	"os"
	"os/exec"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"

	"loa"
	"loa/internal/dbtest"
	"loa/store"
	"loa/web"
)

const password = "mat-khau-trinh-duyet"

// site is a running loa with one user per role, and a browser pointed at it.
type site struct {
	t     *testing.T
	DB    *store.DB
	URL   string
	Users map[loa.Role]*loa.User
	Unit  *loa.Unit
	ctx   context.Context
	pw    string // the users' password when it is not the package's password
}

// chromiumPath finds Debian's Chromium: LOA_CHROMIUM, else its headless shell
// (package chromium-headless-shell: the same engine without the browser's window
// machinery, less than half the CPU per page), else the browser (package chromium).
// Under CI its absence fails the test.
func chromiumPath(t *testing.T) string {
	t.Helper()
	for _, p := range []string{os.Getenv("LOA_CHROMIUM"), "/usr/bin/chromium-headless-shell", "/usr/bin/chromium", "/usr/bin/chromium-browser"} {
		if p == "" {
			continue
		}
		if _, err := os.Stat(p); err == nil {
			return p
		}
	}
	for _, name := range []string{"chromium-headless-shell", "chromium"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	if os.Getenv("CI") != "" {
		t.Fatal("CI is set but chromium is not installed: browser tests must run in CI")
	}
	t.Skip("chromium not installed (apt-get install chromium-headless-shell)")
	return ""
}

// newSite starts loa on db and opens a tab for it in the package's Chromium, in a
// browser context of its own (its own cookies and storage, as a fresh profile).
// opts change the server's configuration (its clock, say).
func newSite(t *testing.T, db *store.DB, opts ...func(*web.Config)) *site {
	t.Helper()
	ctx := context.Background()
	cfg := web.Config{Logger: slog.New(slog.NewTextHandler(io.Discard, nil))}
	for _, o := range opts {
		o(&cfg)
	}
	srv, err := web.New(db, cfg)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(srv.Close)
	hs := httptest.NewServer(srv.Handler())
	t.Cleanup(hs.Close)
	s := &site{t: t, DB: db, URL: hs.URL, Users: map[loa.Role]*loa.User{}}
	s.Unit = &loa.Unit{Code: "TB-HUNGHA", Name: "Viện kiểm sát nhân dân huyện Hưng Hà", Kind: loa.UnitDistrict}
	if err := db.SaveUnit(ctx, s.Unit); err != nil {
		t.Fatal(err)
	}
	for _, r := range loa.Roles {
		u := &loa.User{Email: string(r) + "@loa.test", Name: "Người dùng " + string(r), Role: r}
		if r == loa.RoleContributor {
			u.UnitID = s.Unit.ID
		}
		if err := db.CreateUser(ctx, u, password); err != nil {
			t.Fatal(err)
		}
		s.Users[r] = u
	}
	s.ctx = newTab(t)
	return s
}

// browser is the one headless Chromium the package's tests share: starting one per
// test cost more than most tests. Each test gets its own browser context (see newTab),
// so tests stay as isolated as with a browser each and can run in parallel.
var browser struct {
	once   sync.Once
	ctx    context.Context // the browser's first tab; its children are new tabs
	err    error
	cancel func()
}

// TestMain stops the shared browser after the tests.
func TestMain(m *testing.M) {
	code := m.Run()
	if browser.cancel != nil {
		browser.cancel()
	}
	os.Exit(code)
}

// startBrowser starts the shared Chromium at path on first use.
func startBrowser(path string) (context.Context, error) {
	browser.once.Do(func() {
		dir, err := os.MkdirTemp("", "loa-e2e-chromium-")
		if err != nil {
			browser.err = err
			return
		}
		opts := append(chromedp.DefaultExecAllocatorOptions[:],
			chromedp.ExecPath(path),
			chromedp.NoSandbox,
			chromedp.DisableGPU,
			chromedp.Flag("disable-background-networking", true),
			chromedp.Flag("disable-component-update", true),
			chromedp.Flag("disable-sync", true),
			chromedp.Flag("disable-quic", true),
			chromedp.Flag("no-first-run", true),
			// Tabs of parallel tests are all in the background: keep their timers and
			// rendering at full speed.
			chromedp.Flag("disable-background-timer-throttling", true),
			chromedp.Flag("disable-backgrounding-occluded-windows", true),
			chromedp.Flag("disable-renderer-backgrounding", true),
			chromedp.UserDataDir(dir),
			// V8 without its optimising compilers (Maglev, TurboFan): every page is
			// a new context whose optimised code is thrown away at the next
			// navigation; compiling it cost more than it saved (axe-core's runs
			// took a third less renderer CPU without). The pages' JS runs the same.
			chromedp.Flag("js-flags", "--no-opt --no-maglev"),
			chromedp.WindowSize(1280, 900),
		)
		actx, cancelA := chromedp.NewExecAllocator(context.Background(), opts...)
		bctx, cancelB := chromedp.NewContext(actx)
		browser.ctx, browser.cancel = bctx, func() { cancelB(); cancelA(); os.RemoveAll(dir) }
		browser.err = chromedp.Do(bctx)
	})
	return browser.ctx, browser.err
}

// newTab opens a tab for t in a new browser context of the shared Chromium, closed
// when t ends.
func newTab(t *testing.T) context.Context {
	t.Helper()
	root, err := startBrowser(chromiumPath(t))
	if err != nil {
		t.Fatalf("start chromium: %v", err)
	}
	ctx, cancel := chromedp.NewContext(root, chromedp.WithNewBrowserContext())
	t.Cleanup(cancel)
	// A tab of a test running in parallel with others is not the focused one; make
	// it behave as focused, as a person's tab is (focus, blur, :focus).
	if _, err := chromedp.Call(ctx, emulation.SetFocusEmulationEnabled, emulation.SetFocusEmulationEnabledParams{Enabled: true}); err != nil {
		t.Fatalf("open a tab: %v", err)
	}
	return ctx
}

// run runs browser actions with a deadline, failing the test on error.
func (s *site) run(actions ...chromedp.Action[chromedp.Void]) {
	s.t.Helper()
	ctx, cancel := context.WithTimeout(s.ctx, 30*time.Second)
	defer cancel()
	if err := chromedp.Do(ctx, actions...); err != nil {
		s.t.Fatal(err)
	}
}

// get runs one browser action that returns a value.
func get[T any](s *site, a chromedp.Action[T]) T {
	s.t.Helper()
	ctx, cancel := context.WithTimeout(s.ctx, 30*time.Second)
	defer cancel()
	v, err := chromedp.Run(ctx, a)
	if err != nil {
		s.t.Fatal(err)
	}
	return v
}

// css is a CSS selector for the first matching element.
func css(sel string) chromedp.CSS { return chromedp.CSS(sel) }

// login signs in through the login page as the user of role r.
func (s *site) login(r loa.Role) {
	s.t.Helper()
	s.run(
		chromedp.Navigate(s.URL+"/login"),
		chromedp.WaitVisible(css(`#email`)),
		chromedp.SendKeys(css(`#email`), s.Users[r].Email),
		chromedp.SendKeys(css(`#password`), cmp.Or(s.pw, password)),
		chromedp.Submit(css(`#password`)),
		chromedp.WaitVisible(css(`nav.main-nav`)),
	)
}

// text returns the text of the first element matching sel.
func (s *site) text(sel string) string {
	s.t.Helper()
	return get(s, chromedp.Text(css(sel)))
}

// openSQLite opens a fresh SQLite database for t.
func openSQLite(t *testing.T) *store.DB {
	t.Helper()
	return dbtest.Open(t, dbtest.SQLitePath(t))
}

func TestCreateUnitInBrowser(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, db *store.DB) {
		t.Parallel()
		s := newSite(t, db)
		s.login(loa.RoleAdmin)
		s.run(
			chromedp.Navigate(s.URL+"/app/units/new"),
			chromedp.WaitVisible(css(`#code`)),
			chromedp.SendKeys(css(`#code`), "TB-P15"),
			chromedp.SendKeys(css(`#name`), "Phòng 15 – Kiểm sát giải quyết án hành chính"),
			chromedp.SetValue(css(`#kind`), "department"),
			chromedp.SetValue(css(`#valid_from`), "01/12/2023"),
			chromedp.Submit(css(`#code`)),
			chromedp.WaitVisible(css(`.flash.success`)),
		)
		if got := s.text("h1"); !strings.Contains(got, "Phòng 15 – Kiểm sát giải quyết án hành chính") {
			t.Fatalf("unit page title %q", got)
		}
		s.run(chromedp.Navigate(s.URL + "/app/units"))
		if got := s.text("table.data"); !strings.Contains(got, "TB-P15") || !strings.Contains(got, "Phòng 15") {
			t.Fatalf("units list lacks the new unit: %q", got)
		}
		t.Run("a bad form keeps the typed values", func(t *testing.T) {
			s.run(
				chromedp.Navigate(s.URL+"/app/units/new"),
				chromedp.WaitVisible(css(`#code`)),
				chromedp.SendKeys(css(`#code`), "TB-P15"),
				chromedp.SendKeys(css(`#name`), "Trùng mã"),
				chromedp.Submit(css(`#code`)),
				chromedp.WaitVisible(css(`.field.has-error`)),
			)
			name := get(s, chromedp.Value(css(`#name`)))
			if name != "Trùng mã" || !strings.Contains(s.text(".field.has-error"), "Mã đơn vị đã có") {
				t.Fatalf("typed name %q lost or no message", name)
			}
		})
	})
}
