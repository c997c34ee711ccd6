package store_test

import (
	"bytes"
	"context"
	"fmt"
	"strings"
	"sync"
	"testing"

	"loa"
	"loa/internal/dbtest"
	"loa/store"
)

// TestBackupWhileWriting: writers commit pairs of units (one transaction each, with
// their audit entries) while a backup runs. The restored copy holds every pair that
// was committed before the backup began, and never half a pair, nor a unit without
// the audit entry that was written with it.
func TestBackupWhileWriting(t *testing.T) {
	t.Parallel()
	for _, e := range dbtest.Engines(t) {
		t.Run(e.Name, func(t *testing.T) {
			ctx := context.Background()
			src := dbtest.Open(t, e.DSN(t))
			// Some bulk first, so that the backup takes a while to read.
			if err := src.WithTx(ctx, func(ctx context.Context) error {
				for i := range 400 {
					if err := src.SaveUnit(ctx, &loa.Unit{Code: fmt.Sprintf("BULK%d", i), Name: "Đơn vị có sẵn", Kind: loa.UnitDepartment}); err != nil {
						return err
					}
				}
				return nil
			}); err != nil {
				t.Fatal(err)
			}

			const writers = 4
			var (
				mu        sync.Mutex
				committed = map[string]bool{} // pairs whose commit has returned
				errs      []error
				wg        sync.WaitGroup
			)
			stop := make(chan struct{})
			started := make(chan struct{}, writers*4)
			for w := range writers {
				wg.Add(1)
				go func() {
					defer wg.Done()
					for n := 0; ; n++ {
						select {
						case <-stop:
							return
						default:
						}
						pair := fmt.Sprintf("W%dN%d", w, n)
						err := src.WithTx(ctx, func(ctx context.Context) error {
							for _, half := range []string{"A", "B"} {
								if err := src.SaveUnit(ctx, &loa.Unit{Code: pair + half, Name: "Cặp " + pair, Kind: loa.UnitDepartment}); err != nil {
									return err
								}
							}
							return nil
						})
						mu.Lock()
						if err != nil {
							errs = append(errs, fmt.Errorf("pair %s: %w", pair, err))
						} else {
							committed[pair] = true
						}
						mu.Unlock()
						if err != nil {
							return
						}
						select {
						case started <- struct{}{}:
						default:
						}
					}
				}()
			}
			// Let the writers commit some pairs, then note them and back up.
			for range writers * 2 {
				<-started
			}
			mu.Lock()
			before := make(map[string]bool, len(committed))
			for p := range committed {
				before[p] = true
			}
			mu.Unlock()
			var buf bytes.Buffer
			backupErr := src.Backup(ctx, &buf)
			close(stop)
			wg.Wait()
			if backupErr != nil {
				t.Fatal(backupErr)
			}
			for _, err := range errs {
				t.Errorf("a writer failed while the backup ran: %v", err)
			}
			t.Logf("%d pairs committed before the backup, %d in all", len(before), len(committed))

			dst := dbtest.Open(t, e.DSN(t))
			if err := dst.Restore(ctx, bytes.NewReader(buf.Bytes()), false); err != nil {
				t.Fatal(err)
			}
			units, err := dst.Units(ctx)
			if err != nil {
				t.Fatal(err)
			}
			halves := map[string]string{} // pair → halves present
			ids := map[int64]string{}
			bulk := 0
			for _, u := range units {
				switch {
				case strings.HasPrefix(u.Code, "BULK"):
					bulk++
				case strings.HasPrefix(u.Code, "W"):
					pair := u.Code[:len(u.Code)-1]
					halves[pair] += u.Code[len(u.Code)-1:]
					ids[u.ID] = u.Code
				}
			}
			if bulk != 400 {
				t.Errorf("bulk units in the copy: got %d, want 400", bulk)
			}
			for pair := range before {
				if halves[pair] == "" {
					t.Errorf("pair %s was committed before the backup began but is not in the copy", pair)
				}
			}
			for pair, h := range halves {
				if h != "AB" && h != "BA" {
					t.Errorf("pair %s: the copy holds half of it (%q)", pair, h)
				}
				if !committed[pair] {
					t.Errorf("pair %s is in the copy but its transaction never committed", pair)
				}
			}
			// The audit entries were written in the same transactions: every unit of
			// a pair in the copy has its own, and none points at a unit left out.
			var entries []store.AuditEntry
			for page := 1; ; page++ {
				es, _, err := dst.AuditLog(ctx, store.AuditFilter{Entity: "unit", Page: store.Page{Number: page, Size: 500}})
				if err != nil {
					t.Fatal(err)
				}
				entries = append(entries, es...)
				if len(es) < 500 {
					break
				}
			}
			audited := map[int64]bool{}
			for _, en := range entries {
				audited[en.EntityID] = true
				if strings.Contains(en.After, `"Code":"W`) {
					if _, ok := ids[en.EntityID]; !ok {
						t.Errorf("audit entry %d is about unit %d, which is not in the copy", en.ID, en.EntityID)
					}
				}
			}
			for id, code := range ids {
				if !audited[id] {
					t.Errorf("unit %s (%d) is in the copy without its audit entry", code, id)
				}
			}
		})
	}
}
