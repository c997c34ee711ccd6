package store

import (
	"errors"
	"strconv"
	"strings"

	"github.com/jackc/pgx/v5/pgconn"
	msqlite "modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"

	"loa"
)

// dialect holds what differs between SQLite and PostgreSQL; everything else is shared.
type dialect interface {
	name() string
	rebind(query string) string
	// convert turns a driver's constraint errors into the domain's error codes.
	convert(err error) error
	// indexedBy is the clause that makes SQLite read a table through the named
	// index (" INDEXED BY name"), empty on PostgreSQL, whose planner chooses
	// index-only scans itself. SQLite's planner always prefers a rowid lookup for
	// "t.id = ?", even when a covering index would spare reading wide rows.
	indexedBy(index string) string
}

type sqliteDialect struct{}

func (sqliteDialect) name() string           { return "sqlite" }
func (sqliteDialect) rebind(q string) string { return q }
func (sqliteDialect) indexedBy(index string) string {
	return " INDEXED BY " + index
}
func (sqliteDialect) convert(err error) error {
	var se *msqlite.Error
	if !errors.As(err, &se) {
		return err
	}
	switch se.Code() {
	case sqlite3.SQLITE_CONSTRAINT_UNIQUE, sqlite3.SQLITE_CONSTRAINT_PRIMARYKEY:
		return loa.Errorf(loa.ECONFLICT, "Bản ghi đã tồn tại (trùng mã hoặc trùng khoá).")
	case sqlite3.SQLITE_CONSTRAINT_FOREIGNKEY:
		return loa.Errorf(loa.ECONFLICT, "Bản ghi đang được dùng ở nơi khác hoặc tham chiếu tới bản ghi không tồn tại.")
	}
	return err
}

type postgresDialect struct{}

func (postgresDialect) name() string                  { return "postgres" }
func (postgresDialect) indexedBy(index string) string { return "" }

// rebind turns '?' placeholders into $1, $2 … outside quoted strings.
func (postgresDialect) rebind(q string) string {
	if !strings.Contains(q, "?") {
		return q
	}
	var b strings.Builder
	b.Grow(len(q) + 16)
	n, quoted := 0, false
	for i := 0; i < len(q); i++ {
		c := q[i]
		switch {
		case c == '\'':
			quoted = !quoted
			b.WriteByte(c)
		case c == '?' && !quoted:
			n++
			b.WriteByte('$')
			b.WriteString(strconv.Itoa(n))
		default:
			b.WriteByte(c)
		}
	}
	return b.String()
}

func (postgresDialect) convert(err error) error {
	var pe *pgconn.PgError
	if !errors.As(err, &pe) {
		return err
	}
	switch pe.Code {
	case "23505":
		return loa.Errorf(loa.ECONFLICT, "Bản ghi đã tồn tại (trùng mã hoặc trùng khoá).")
	case "23503":
		return loa.Errorf(loa.ECONFLICT, "Bản ghi đang được dùng ở nơi khác hoặc tham chiếu tới bản ghi không tồn tại.")
	}
	return err
}
