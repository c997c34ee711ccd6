// Package web serves loa over HTTP: the back office under /app, the public news site,
// the JSON API, health and metrics. Pages are rendered on the server from embedded
// templates, parsed at start so that a broken template fails at boot, not at a click.
package web

import (
	"context"
	"log/slog"
	"net/http"
	"strings"
	"sync"
	"time"

	"github.com/alexedwards/scs/v2"

	"loa"
	"loa/docx"
	"loa/mail"
	"loa/store"
)

// Config is the web application's configuration, read from the environment by the
// command and validated there.
type Config struct {
	// YearStart is the first day of the work year (LOA_YEAR_START).
	YearStart loa.YearStart
	// SecureCookies marks the session cookie Secure: set it behind TLS
	// (LOA_SECURE_COOKIES=1, for a TLS-terminating proxy too).
	SecureCookies bool
	// TrustProxy reads the client's address from the last X-Forwarded-For entry, for
	// the login rate limit behind a reverse proxy (LOA_TRUST_PROXY=1). Leave it off
	// when loa faces clients directly: the header is then theirs to forge.
	TrustProxy bool
	// TemplatesDir, when set, reads templates from disk at every render (development).
	TemplatesDir string
	// BaseURL is the public address of the site, for feeds, sitemaps and canonical links.
	BaseURL string
	// SiteName is the agency shown in the header of the public site.
	SiteName string
	// Mail is the SMTP server of reminders (mail.ConfigFromEnv); none: no mail.
	Mail   mail.Config
	Logger *slog.Logger
	// Now is the server's clock (default time.Now), so that a test can open the
	// dashboard on any day of a period. Only the dashboard's figures and pace
	// forecast and the period pickers' "current period" read it (Server.today);
	// everything else (workflow, dates refused as future, audit) keeps the real time.
	Now func() time.Time
}

// Server is the web application.
type Server struct {
	db       *store.DB
	cfg      Config
	log      *slog.Logger
	sessions *scs.SessionManager
	views    *views
	static   *staticFiles
	mux      *http.ServeMux
	routes   []Route // the route table (routes.go)
	menu     []Route // its routes with a menu entry, in the navigation's order
	metrics  *metrics
	cache    *pageCache   // the public site's pages (cache.go)
	reads    *viewCounter // views of the item pages not yet written (views.go)
	// searches bounds the full-text searches running at once (search.go).
	searches chan struct{}
	// plainChrome executes the public chrome's templates on every page instead of
	// writing their fragments (site_chrome.go): tests compare the two.
	plainChrome bool
	// searchResults keeps the public search page's recent results (search.go).
	searchResults searchCache

	// stop ends what the server started (the cache's listener, the background jobs);
	// jobs counts the goroutines Close waits for.
	stop context.CancelFunc
	ctx  context.Context
	jobs sync.WaitGroup
}

// New builds the server: sessions, templates, static files and routes.
func New(db *store.DB, cfg Config) (*Server, error) {
	if cfg.Logger == nil {
		cfg.Logger = slog.Default()
	}
	if cfg.SiteName == "" {
		cfg.SiteName = docx.DefaultAgency
	}
	if cfg.YearStart == (loa.YearStart{}) {
		cfg.YearStart = loa.DefaultYearStart
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	cfg.BaseURL = strings.TrimRight(cfg.BaseURL, "/")
	s := &Server{db: db, cfg: cfg, log: cfg.Logger, mux: http.NewServeMux(), metrics: newMetrics(),
		cache: newPageCache(cacheMaxBytes), reads: newViewCounter(), searches: make(chan struct{}, maxSearches())}
	s.ctx, s.stop = context.WithCancel(context.Background())

	sm := scs.New()
	sm.Store = db.Sessions()
	sm.Lifetime = 12 * time.Hour
	sm.IdleTimeout = 2 * time.Hour
	sm.Cookie.Name = "loa_session"
	sm.Cookie.HttpOnly = true
	sm.Cookie.SameSite = http.SameSiteLaxMode
	sm.Cookie.Secure = cfg.SecureCookies
	sm.ErrorFunc = func(w http.ResponseWriter, r *http.Request, err error) { s.serverError(w, r, err) }
	s.sessions = sm

	var err error
	if s.static, err = embeddedStatic(); err != nil {
		return nil, err
	}
	if s.views, err = newViews(cfg.TemplatesDir); err != nil {
		return nil, err
	}
	s.registerRoutes()
	s.menu = menuRoutes(s.routes)
	// The page cache is emptied on every change of the site, from any instance.
	s.db.ListenSiteChanges(s.ctx, s.cache.clear)
	return s, nil
}

// Close stops what the server started, the cache's listener and the background jobs
// of Run, waits for the jobs to return and writes the views counted since the last
// batch. The database is the caller's to close, after.
func (s *Server) Close() {
	s.stop()
	s.jobs.Wait()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := s.flushViews(ctx); err != nil {
		s.log.Error("write views", "err", err)
	}
}

// Handler is the whole application with its middleware.
func (s *Server) Handler() http.Handler {
	var h http.Handler = s.mux
	h = s.withSessions(h) // the session and the user (middleware.go)
	h = s.crossOrigin(h)
	h = securityHeaders(h)
	h = s.observe(h)
	return h
}

// Sessions exposes the session manager (tests sign in through it).
func (s *Server) Sessions() *scs.SessionManager { return s.sessions }

// Run serves on addr until ctx ends, then shuts down gracefully: requests in flight
// finish (up to 15 s) before Run returns.
func (s *Server) Run(ctx context.Context, addr string, ready func(addr string)) error {
	srv := &http.Server{Addr: addr, Handler: s.Handler(), ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout: 60 * time.Second, WriteTimeout: 120 * time.Second, IdleTimeout: 120 * time.Second,
		ConnContext: withConn}
	ln, err := listen(addr)
	if err != nil {
		return err
	}
	if ready != nil {
		ready(ln.Addr().String())
	}
	s.startJobs(ctx)
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	sctx, cancel := context.WithTimeout(context.Background(), 15*time.Second)
	defer cancel()
	return srv.Shutdown(sctx)
}

// startJobs starts the periodic work of one instance, each job until ctx ends or the
// server is closed. Work that must happen once across instances claims its rows in
// the database (scheduled publishing, reminders), so every instance runs every job.
func (s *Server) startJobs(ctx context.Context) {
	ctx, cancel := context.WithCancel(ctx)
	context.AfterFunc(s.ctx, cancel)
	jobs := []struct {
		every time.Duration
		run   func(context.Context) error
		name  string
	}{
		{scheduledEvery, s.publishScheduled, "scheduled publishing"},
		{remindersEvery, func(ctx context.Context) error { return s.RunReminders(ctx, time.Now()) }, "reminders"},
		{time.Hour, s.db.PruneSessions, "prune sessions"},
		{viewsFlush, s.flushViews, "write views"},
	}
	for _, j := range jobs {
		s.jobs.Add(1)
		go func() {
			defer s.jobs.Done()
			every(ctx, j.every, func(ctx context.Context) {
				if err := j.run(ctx); err != nil && ctx.Err() == nil {
					s.log.Error(j.name, "err", err)
				}
			})
		}()
	}
}

// every calls fn now and then every interval until ctx ends.
func every(ctx context.Context, interval time.Duration, fn func(context.Context)) {
	t := time.NewTicker(interval)
	defer t.Stop()
	for {
		fn(ctx)
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}
