package store

import (
	"context"
	"database/sql"
	"sync"
)

// stmtCache keeps the reads of SQLite's pool prepared, by their SQL text: SQLite
// parses and plans a statement at every prepare, and database/sql prepares one for
// every query that is not. A sql.Stmt prepares itself again on each connection it
// meets and follows the pool's connections. Queries built with a varying number of
// placeholders make more texts than a page uses: past stmtMax texts the others run
// unprepared, as before.
type stmtCache struct {
	mu sync.RWMutex
	m  map[string]*sql.Stmt
}

const stmtMax = 512

// get returns query prepared on p, or nil (full, or the prepare failed: the query
// then runs unprepared and reports its own error).
func (c *stmtCache) get(ctx context.Context, p *sql.DB, query string) queryer {
	c.mu.RLock()
	st, ok := c.m[query]
	c.mu.RUnlock()
	if ok {
		return prepared{st}
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if st, ok := c.m[query]; ok {
		return prepared{st}
	}
	if len(c.m) >= stmtMax {
		return nil
	}
	// Prepared without ctx's deadline: the statement outlives this request.
	st, err := p.PrepareContext(context.WithoutCancel(ctx), query)
	if err != nil {
		return nil
	}
	if c.m == nil {
		c.m = map[string]*sql.Stmt{}
	}
	c.m[query] = st
	return prepared{st}
}

func (c *stmtCache) close() {
	c.mu.Lock()
	defer c.mu.Unlock()
	for _, st := range c.m {
		st.Close()
	}
	c.m = nil
}

// prepared runs a prepared statement as a queryer; the query text is its own.
type prepared struct{ st *sql.Stmt }

func (p prepared) ExecContext(ctx context.Context, _ string, args ...any) (sql.Result, error) {
	return p.st.ExecContext(ctx, args...)
}

func (p prepared) QueryContext(ctx context.Context, _ string, args ...any) (*sql.Rows, error) {
	return p.st.QueryContext(ctx, args...)
}

func (p prepared) QueryRowContext(ctx context.Context, _ string, args ...any) *sql.Row {
	return p.st.QueryRowContext(ctx, args...)
}
