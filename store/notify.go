package store

import (
	"context"
	"database/sql"
	"errors"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/jackc/pgx/v5"
)

// siteChannel is the PostgreSQL notification channel of site changes. The payload is
// the schema that changed, so that deployments (and test runs) sharing one database
// in different schemas do not clear each other's caches.
const siteChannel = "loa_site"

// siteHub fans a site change out to the listeners of this process.
type siteHub struct {
	mu        sync.Mutex
	next      int
	listeners map[int]func()
	waiting   atomic.Bool // a post-commit signal is already queued (SQLite)
}

func (h *siteHub) add(fn func()) int {
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.listeners == nil {
		h.listeners = map[int]func(){}
	}
	h.next++
	h.listeners[h.next] = fn
	return h.next
}

func (h *siteHub) remove(id int) {
	h.mu.Lock()
	defer h.mu.Unlock()
	delete(h.listeners, id)
}

func (h *siteHub) signal() {
	h.mu.Lock()
	fns := make([]func(), 0, len(h.listeners))
	for _, fn := range h.listeners {
		fns = append(fns, fn)
	}
	h.mu.Unlock()
	for _, fn := range fns {
		fn()
	}
}

// sqliteHubs holds one hub per SQLite file, by its path: one process may open the
// same file twice (the server and an import in tests, or two handles of a tool) and
// both handles must hear each other. A PostgreSQL handle has a hub of its own: other
// handles hear it through LISTEN/NOTIFY, as other instances do.
var sqliteHubs struct {
	sync.Mutex
	byPath map[string]*siteHub
}

// newHub returns the hub of a database opened on dsn.
func newHub(dsn string, postgres bool) *siteHub {
	if postgres {
		return &siteHub{}
	}
	sqliteHubs.Lock()
	defer sqliteHubs.Unlock()
	if sqliteHubs.byPath == nil {
		sqliteHubs.byPath = map[string]*siteHub{}
	}
	h := sqliteHubs.byPath[dsn]
	if h == nil {
		h = &siteHub{}
		sqliteHubs.byPath[dsn] = h
	}
	return h
}

// SiteChanged says, inside the transaction that changes what the public site shows,
// that pages rendered before may be stale. Listeners of this process hear it at once
// (so that this instance never serves a page older than its own write) and again
// once the change is committed (a page rendered meanwhile read the old data): on
// PostgreSQL through NOTIFY, which is delivered at commit to every instance; on
// SQLite, one process, by waiting for the single writer connection to come free.
func (db *DB) SiteChanged(ctx context.Context) (err error) {
	defer wrapErr(&err, "notify site change")
	h := db.hub
	h.signal()
	if db.Postgres() {
		_, err := db.exec(ctx, "SELECT pg_notify('"+siteChannel+"', current_schema())")
		return err
	}
	if _, inTx := ctx.Value(txKey{}).(*sql.Tx); !inTx {
		return nil
	}
	if h.waiting.CompareAndSwap(false, true) {
		go func() {
			// The writer pool has one connection: the transaction holds it until it
			// commits or rolls back, so getting it means the change is done.
			c, err := db.w.Conn(context.Background())
			h.waiting.Store(false)
			if err == nil {
				c.Close()
			}
			h.signal()
		}()
	}
	return nil
}

// ListenSiteChanges calls fn on every change of the site made by any instance, until
// ctx ends. On PostgreSQL a dedicated connection LISTENs; when it is lost it is
// opened again, and fn is called after each (re)connection because notifications
// may have been missed meanwhile. fn must be quick and must not block.
func (db *DB) ListenSiteChanges(ctx context.Context, fn func()) {
	h := db.hub
	id := h.add(fn)
	go func() {
		<-ctx.Done()
		h.remove(id)
	}()
	if db.Postgres() {
		go db.listen(ctx, fn)
	}
}

func (db *DB) listen(ctx context.Context, fn func()) {
	backoff := 100 * time.Millisecond
	for ctx.Err() == nil {
		err := db.listenOnce(ctx, fn, func() { backoff = 100 * time.Millisecond })
		if ctx.Err() != nil || errors.Is(err, errClosed) {
			return
		}
		_ = err // the connection failed: wait and reconnect
		select {
		case <-ctx.Done():
			return
		case <-time.After(backoff):
		}
		backoff = min(backoff*2, 10*time.Second)
	}
}

func (db *DB) listenOnce(ctx context.Context, fn func(), connected func()) error {
	cctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	conn, err := pgx.Connect(cctx, db.DSN)
	cancel()
	if err != nil {
		return err
	}
	defer conn.Close(context.Background())
	var schema string
	if err := conn.QueryRow(ctx, "SELECT current_schema()").Scan(&schema); err != nil {
		return err
	}
	if _, err := conn.Exec(ctx, "LISTEN "+siteChannel); err != nil {
		return err
	}
	connected()
	fn() // anything may have changed while no connection listened
	for {
		// Wake now and then to notice that the handle was closed (tests open many).
		wctx, cancel := context.WithTimeout(ctx, 30*time.Second)
		n, err := conn.WaitForNotification(wctx)
		cancel()
		switch {
		case err == nil:
			if n.Payload == "" || n.Payload == schema {
				fn()
			}
		case ctx.Err() != nil:
			return ctx.Err()
		case errors.Is(err, context.DeadlineExceeded) && !conn.IsClosed():
			if perr := db.w.PingContext(ctx); perr != nil && strings.Contains(perr.Error(), "database is closed") {
				return errClosed
			}
		default:
			return err
		}
	}
}

var errClosed = errors.New("store: database closed")

// siteChangedAfter is SiteChanged once a change succeeded (ItemChanged's last step).
func (db *DB) siteChangedAfter(ctx context.Context, err error) error {
	if err != nil {
		return err
	}
	return db.SiteChanged(ctx)
}
