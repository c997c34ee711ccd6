package store

import (
	"context"
	"path/filepath"
	"runtime"
	"testing"
)

// TestSQLiteReadersBounded: SQLite's reading pool is twice the cores, at least 4 and
// at most 8: each reader holds a page cache outside Go's heap (~4.5 MB), and eight of
// them on the benchmark's two cores took the server past 150 MB RSS (issue 20).
func TestSQLiteReadersBounded(t *testing.T) {
	for procs, want := range map[int]int{1: 4, 2: 4, 3: 6, 4: 8, 16: 8} {
		if got := sqliteReaders(procs); got != want {
			t.Errorf("sqliteReaders(%d) = %d, want %d", procs, got, want)
		}
	}
	db, err := Open(context.Background(), filepath.Join(t.TempDir(), "loa.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if got, want := db.r.Stats().MaxOpenConnections, sqliteReaders(runtime.GOMAXPROCS(0)); got != want {
		t.Errorf("the reading pool holds %d connections, want %d", got, want)
	}
}
