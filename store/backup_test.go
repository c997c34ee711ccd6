package store_test

import (
	"bytes"
	"compress/gzip"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"loa"
	"loa/internal/dbtest"
	"loa/store"
)

func TestBackupCoversEveryTable(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, db *store.DB) {
		tables, err := db.Tables(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		skip := []string{"sessions", "login_failures", "password_resets"}
		list := store.BackupTablesForTest()
		for _, tb := range tables {
			if !slices.Contains(list, tb) && !slices.Contains(skip, tb) {
				t.Errorf("table %s is not in the backup: add it to backupTables in store/backup.go", tb)
			}
		}
		for i, tb := range list {
			if !slices.Contains(tables, tb) || slices.Contains(skip, tb) || slices.Index(list, tb) != i {
				t.Errorf("backupTables lists %s, which is not a table of the schema, is skipped, or is listed twice", tb)
			}
		}
		// Parents before children, so that the list reads in the order rows can go in.
		fks, err := db.ForeignKeys(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		checked := 0
		for _, fk := range fks {
			child, parent := slices.Index(list, fk[0]), slices.Index(list, fk[1])
			if child < 0 || parent < 0 || child == parent {
				continue
			}
			checked++
			if parent > child {
				t.Errorf("backupTables lists %s before %s, which it refers to", fk[0], fk[1])
			}
		}
		if checked < 30 {
			t.Errorf("only %d foreign keys between backup tables were found", checked)
		}
	})
}

func TestBackupRestore(t *testing.T) {
	t.Parallel()
	for _, e := range dbtest.Engines(t) {
		t.Run(e.Name, func(t *testing.T) {
			ctx := context.Background()
			src := dbtest.Open(t, e.DSN(t))
			// A unit whose parent is created after it: the restore must not trip on order.
			child := &loa.Unit{Code: "CHILD", Name: "Phòng 1", Kind: loa.UnitDepartment}
			if err := src.SaveUnit(ctx, child); err != nil {
				t.Fatal(err)
			}
			parent := &loa.Unit{Code: "TB", Name: "Viện kiểm sát nhân dân tỉnh Thái Bình", Kind: loa.UnitProvince}
			if err := src.SaveUnit(ctx, parent); err != nil {
				t.Fatal(err)
			}
			child.ParentCode = "TB"
			if err := src.SaveUnit(ctx, child); err != nil {
				t.Fatal(err)
			}
			if err := src.CreateUser(ctx, &loa.User{Email: "a@x.vn", Name: "Ánh", Role: loa.RoleAdmin}, "mat-khau-dai-du"); err != nil {
				t.Fatal(err)
			}
			var buf bytes.Buffer
			if err := src.Backup(ctx, &buf); err != nil {
				t.Fatal(err)
			}
			dst := dbtest.Open(t, e.DSN(t))
			if err := dst.Restore(ctx, bytes.NewReader(buf.Bytes()), false); err != nil {
				t.Fatal(err)
			}
			got, err := dst.UnitByCode(ctx, "CHILD")
			if err != nil || got.ParentCode != "TB" || got.Name != "Phòng 1" {
				t.Fatalf("restored unit %+v, %v", got, err)
			}
			if _, err := dst.Authenticate(ctx, "a@x.vn", "mat-khau-dai-du"); err != nil {
				t.Fatalf("restored user cannot log in: %v", err)
			}
			// New rows after a restore get fresh ids (PostgreSQL identities moved on).
			if err := dst.SaveUnit(ctx, &loa.Unit{Code: "NEW", Name: "Mới", Kind: loa.UnitDepartment}); err != nil {
				t.Fatalf("insert after restore: %v", err)
			}
			t.Run("refuses a database with data", func(t *testing.T) {
				err := dst.Restore(ctx, bytes.NewReader(buf.Bytes()), false)
				if loa.ErrorCode(err) != loa.ECONFLICT {
					t.Fatalf("got %v, want a conflict", err)
				}
				if _, err := dst.UnitByCode(ctx, "NEW"); err != nil {
					t.Fatal("a refused restore changed the database")
				}
			})
			t.Run("force replaces", func(t *testing.T) {
				if err := dst.Restore(ctx, bytes.NewReader(buf.Bytes()), true); err != nil {
					t.Fatal(err)
				}
				if _, err := dst.UnitByCode(ctx, "NEW"); loa.ErrorCode(err) != loa.ENOTFOUND {
					t.Fatalf("got %v, want the unit made after the backup gone", err)
				}
			})
			t.Run("a damaged file changes nothing", func(t *testing.T) {
				bad := buf.Bytes()[:len(buf.Bytes())/2]
				if err := dst.Restore(ctx, bytes.NewReader(bad), true); err == nil {
					t.Fatal("a truncated backup was accepted")
				}
				if _, err := dst.UnitByCode(ctx, "CHILD"); err != nil {
					t.Fatal("a failed restore lost data")
				}
			})
		})
	}
}

// backupLines is a backup of a small database, as its uncompressed lines.
func backupLines(t *testing.T, db *store.DB) []string {
	t.Helper()
	ctx := context.Background()
	parent := &loa.Unit{Code: "TB", Name: "Viện kiểm sát nhân dân tỉnh Thái Bình", Kind: loa.UnitProvince}
	if err := db.SaveUnit(ctx, parent); err != nil {
		t.Fatal(err)
	}
	for _, c := range []string{"P1", "P2"} {
		if err := db.SaveUnit(ctx, &loa.Unit{Code: c, Name: "Phòng " + c, Kind: loa.UnitDepartment, ParentCode: "TB"}); err != nil {
			t.Fatal(err)
		}
	}
	if err := db.CreateUser(ctx, &loa.User{Email: "a@x.vn", Name: "Ánh", Role: loa.RoleAdmin}, "mat-khau-dai-du"); err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := db.Backup(ctx, &buf); err != nil {
		t.Fatal(err)
	}
	zr, err := gzip.NewReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	raw, err := io.ReadAll(zr)
	if err != nil {
		t.Fatal(err)
	}
	return strings.SplitAfter(string(raw), "\n")[:strings.Count(string(raw), "\n")]
}

// gz compresses lines back into a backup file, as they are.
func gz(t *testing.T, lines []string) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	for _, l := range lines {
		zw.Write([]byte(l))
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// resealed inserts extra lines before the end line and rewrites the end line so that
// its row counts and checksum match the new content, as a forger would: the file is
// then refused for what the extra lines say, not for a broken seal. A file without
// an end line gets the extra lines at its end.
func resealed(t *testing.T, lines []string, extra ...string) []string {
	t.Helper()
	last := lines[len(lines)-1]
	var end struct {
		End *struct {
			Rows   map[string]int64 `json:"rows"`
			SHA256 string           `json:"sha256"`
		} `json:"end"`
	}
	if json.Unmarshal([]byte(last), &end) != nil || end.End == nil {
		return append(slices.Clone(lines), extra...)
	}
	out := append(slices.Clone(lines[:len(lines)-1]), extra...)
	rows := map[string]int64{}
	table := ""
	sum := sha256.New()
	for i, l := range out {
		sum.Write([]byte(l))
		if i == 0 {
			continue
		}
		if strings.HasPrefix(l, "[") {
			rows[table]++
			continue
		}
		var sec struct{ Table string }
		if err := json.Unmarshal([]byte(l), &sec); err != nil {
			t.Fatal(err)
		}
		table = sec.Table
		rows[table] += 0
	}
	end.End.Rows, end.End.SHA256 = rows, hex.EncodeToString(sum.Sum(nil))
	b, _ := json.Marshal(end)
	return append(out, string(b)+"\n")
}

// section is a section line naming table and columns, as a hostile file would.
func section(table string, cols ...string) string {
	b, _ := json.Marshal(map[string]any{"table": table, "columns": cols})
	return string(b) + "\n"
}

// TestRestoreRunsNoSQLFromTheFile: table and column names in a backup are never
// spliced into SQL. Each file below, with a valid seal, tries to run its own SQL
// through a name; it must be refused whole, naming what it refused, and leave the
// database empty, with no table created and no file attached.
func TestRestoreRunsNoSQLFromTheFile(t *testing.T) {
	t.Parallel()
	for _, e := range dbtest.Engines(t) {
		t.Run(e.Name, func(t *testing.T) {
			ctx := context.Background()
			good := backupLines(t, dbtest.Open(t, e.DSN(t)))
			attached := filepath.Join(t.TempDir(), "evil.db")
			cases := []struct {
				name, refused string
				extra         []string
			}{
				{"table name with a SELECT", `settings (key, value) SELECT 'pwned', 'x' --`,
					[]string{section(`settings (key, value) SELECT 'pwned', 'x' --`), "[]\n"}},
				{"table name with statements", "ATTACH",
					[]string{section(`settings (key, value) VALUES ('pwned', 'x'); ATTACH DATABASE '` + attached + `' AS evil; CREATE TABLE evil.t (x); CREATE TABLE pwned (x); CREATE TRIGGER wipe AFTER INSERT ON units BEGIN DELETE FROM audit_log; END; --`), "[]\n"}},
				{"column name with a SELECT", `key, value) SELECT 'pwned', 'x' --`,
					[]string{section("settings", `key, value) SELECT 'pwned', 'x' --`), "[]\n"}},
				{"column name reading a server file", "pg_read_file",
					[]string{section("settings", `key, value) SELECT 'pwned', pg_read_file('/etc/hostname') --`), "[]\n"}},
				{"unknown table", "no_such_table", []string{section("no_such_table", "id"), "[1]\n"}},
				{"unknown column", "no_such_column", []string{section("quotas", "no_such_column"), "[1]\n"}},
			}
			for _, c := range cases {
				t.Run(c.name, func(t *testing.T) {
					// Each case goes into a database of its own, empty but for the
					// migrations, so that what a case leaves cannot hide another's.
					dst := dbtest.Open(t, e.DSN(t))
					// The hostile section replaces the real one of its table, so
					// that it is refused for its names, not for coming twice.
					var hostile struct{ Table string }
					if err := json.Unmarshal([]byte(c.extra[0]), &hostile); err != nil {
						t.Fatal(err)
					}
					var lines []string
					skip := false
					for _, l := range good {
						if strings.HasPrefix(l, `{"table":`+strconv.Quote(hostile.Table)+`,`) {
							skip = true
							continue
						}
						if skip && strings.HasPrefix(l, "[") {
							continue
						}
						skip = false
						lines = append(lines, l)
					}
					err := dst.Restore(ctx, bytes.NewReader(gz(t, resealed(t, lines, c.extra...))), false)
					if loa.ErrorCode(err) != loa.EINVALID || !strings.Contains(err.Error(), c.refused) {
						t.Errorf("got %v, want the file refused naming %q", err, c.refused)
					}
					if has, err := dst.HasData(ctx); err != nil || has {
						t.Errorf("the database holds data after a refused restore (%v)", err)
					}
					tables, err := dst.Tables(ctx)
					if err != nil {
						t.Fatal(err)
					}
					if slices.Contains(tables, "pwned") {
						t.Error("the file created a table")
					}
					if _, err := os.Stat(attached); err == nil {
						t.Error("the file attached a database file")
					}
				})
			}
		})
	}
}

// TestRestoreRefusesATruncatedBackup: a backup cut at any line boundary, or with a
// row taken out or changed, is refused, and the database stays empty.
func TestRestoreRefusesATruncatedBackup(t *testing.T) {
	t.Parallel()
	for _, e := range dbtest.Engines(t) {
		t.Run(e.Name, func(t *testing.T) {
			ctx := context.Background()
			lines := backupLines(t, dbtest.Open(t, e.DSN(t)))
			dst := dbtest.Open(t, e.DSN(t))
			refused := func(what string, file []byte) {
				t.Helper()
				if err := dst.Restore(ctx, bytes.NewReader(file), false); loa.ErrorCode(err) != loa.EINVALID {
					t.Errorf("%s: got %v, want the file refused", what, err)
				}
				if has, err := dst.HasData(ctx); err != nil || has {
					t.Fatalf("%s: the database holds data after a refused restore (%v)", what, err)
				}
			}
			for n := range len(lines) {
				refused(fmt.Sprintf("cut after %d of %d lines", n, len(lines)), gz(t, lines[:n]))
			}
			refused("last line without its newline", gz(t, append(slices.Clone(lines[:len(lines)-1]), strings.TrimSuffix(lines[len(lines)-1], "\n"))))
			for i, l := range lines {
				if !strings.HasPrefix(l, "[") {
					continue
				}
				refused(fmt.Sprintf("line %d taken out", i+1), gz(t, slices.Delete(slices.Clone(lines), i, i+1)))
				changed := slices.Clone(lines)
				changed[i] = strings.Replace(l, "TB", "XX", 1)
				if changed[i] != l {
					refused(fmt.Sprintf("line %d changed", i+1), gz(t, changed))
				}
			}
			refused("a line after the end line", gz(t, append(slices.Clone(lines), lines[1])))
			// A well-sealed file whose unit points at a parent it does not hold: the
			// keys are checked inside the transaction, which rolls back, and the
			// database takes the next restore.
			refused("a dangling reference", gz(t, resealed(t, danglingParent(t, lines))))
			// The whole file still restores, into the same database left empty.
			if err := dst.Restore(ctx, bytes.NewReader(gz(t, lines)), false); err != nil {
				t.Fatalf("the whole file: %v", err)
			}
			if u, err := dst.UnitByCode(ctx, "P2"); err != nil || u.ParentCode != "TB" {
				t.Fatalf("restored unit %+v, %v", u, err)
			}
		})
	}
}

// danglingParent returns lines with the parent of a unit set to an id not in the file.
func danglingParent(t *testing.T, lines []string) []string {
	t.Helper()
	out := slices.Clone(lines)
	col := -1
	for i, l := range out {
		var sec struct {
			Table   string
			Columns []string
		}
		if !strings.HasPrefix(l, "[") {
			col = -1
			if json.Unmarshal([]byte(l), &sec) == nil && sec.Table == "units" {
				col = slices.Index(sec.Columns, "parent_id")
			}
			continue
		}
		var cells []any
		if col < 0 || json.Unmarshal([]byte(l), &cells) != nil || cells[col] == nil {
			continue
		}
		cells[col] = 999999
		b, _ := json.Marshal(cells)
		out[i] = string(b) + "\n"
		return out
	}
	t.Fatal("no unit with a parent in the backup")
	return nil
}

// TestRestoreRefusesOtherFiles: an older backup without an end line, and one from the
// other engine, are refused with a message saying why.
func TestRestoreRefusesOtherFiles(t *testing.T) {
	t.Parallel()
	for _, e := range dbtest.Engines(t) {
		t.Run(e.Name, func(t *testing.T) {
			ctx := context.Background()
			lines := backupLines(t, dbtest.Open(t, e.DSN(t)))
			dst := dbtest.Open(t, e.DSN(t))
			old := slices.Clone(lines[:len(lines)-1])
			old[0] = strings.Replace(old[0], "loa-backup-2", "loa-backup-1", 1)
			if err := dst.Restore(ctx, bytes.NewReader(gz(t, old)), false); loa.ErrorCode(err) != loa.EINVALID || !strings.Contains(err.Error(), "loa-backup-1") {
				t.Errorf("an old backup: got %v, want refused naming its format", err)
			}
			other := slices.Clone(lines)
			other[0] = strings.Replace(strings.Replace(other[0], `"sqlite"`, `"other"`, 1), `"postgres"`, `"other"`, 1)
			if err := dst.Restore(ctx, bytes.NewReader(gz(t, other)), false); loa.ErrorCode(err) != loa.EINVALID || !strings.Contains(err.Error(), "other") {
				t.Errorf("another engine's backup: got %v, want refused naming it", err)
			}
			if has, err := dst.HasData(ctx); err != nil || has {
				t.Errorf("the database holds data after a refused restore (%v)", err)
			}
		})
	}
}
