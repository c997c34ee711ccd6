package store_test

import (
	"context"
	"testing"
	"time"

	"loa"
	"loa/internal/dbtest"
	"loa/store"
)

func TestSections(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		s := &store.Section{Name: "Nghiên cứu – trao đổi", Kinds: []loa.ItemKind{loa.KindResearch}, Topics: []string{" Chuyển đổi số ", ""}, OnHome: true}
		if err := db.SaveSection(ctx, s); err != nil {
			t.Fatal(err)
		}
		got, err := db.SectionBySlug(ctx, "nghien-cuu-trao-doi")
		if err != nil {
			t.Fatal(err)
		}
		if got.Name != s.Name || len(got.Kinds) != 1 || len(got.Topics) != 1 || got.Topics[0] != "Chuyển đổi số" || !got.OnHome {
			t.Errorf("got %+v", got)
		}
		t.Run("a section needs a kind or a topic", func(t *testing.T) {
			err := db.SaveSection(ctx, &store.Section{Name: "Trống"})
			if loa.ErrorFields(err)["kinds"] == "" {
				t.Errorf("got %v", err)
			}
		})
		t.Run("slug taken", func(t *testing.T) {
			err := db.SaveSection(ctx, &store.Section{Name: "Nghiên cứu trao đổi", Kinds: []loa.ItemKind{loa.KindNews}})
			if loa.ErrorFields(err)["slug"] == "" {
				t.Errorf("got %v", err)
			}
		})
		t.Run("stale version", func(t *testing.T) {
			a, _ := db.Section(ctx, s.ID)
			b, _ := db.Section(ctx, s.ID)
			a.Position = 3
			if err := db.SaveSection(ctx, a); err != nil {
				t.Fatal(err)
			}
			if err := db.SaveSection(ctx, b); loa.ErrorCode(err) != loa.ECONFLICT {
				t.Errorf("got %v, want a conflict", err)
			}
		})
		t.Run("menu links refuse scripts", func(t *testing.T) {
			err := db.SaveMenuLink(ctx, &store.MenuLink{Label: "x", Href: "javascript:alert(1)"})
			if loa.ErrorFields(err)["href"] == "" {
				t.Errorf("got %v", err)
			}
		})
	})
}

// TestSiteChangesAcrossHandles: a change made through one handle reaches the
// listeners of another handle on the same database (PostgreSQL: LISTEN/NOTIFY).
func TestSiteChangesAcrossHandles(t *testing.T) {
	t.Parallel()
	for _, e := range dbtest.Engines(t) {
		t.Run(e.Name, func(t *testing.T) {
			dsn := e.DSN(t)
			db1, db2 := dbtest.Open(t, dsn), dbtest.Open(t, dsn)
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			heard := make(chan struct{}, 100)
			db2.ListenSiteChanges(ctx, func() { heard <- struct{}{} })
			if db2.Postgres() {
				select { // the first connection reports itself: changes may have been missed
				case <-heard:
				case <-time.After(10 * time.Second):
					t.Fatal("listener never connected")
				}
			}
			if err := db1.WithTx(ctx, func(ctx context.Context) error { return db1.SiteChanged(ctx) }); err != nil {
				t.Fatal(err)
			}
			select {
			case <-heard:
			case <-time.After(10 * time.Second):
				t.Fatal("the change was not heard by the other handle")
			}
			t.Run("a rolled-back change is not announced to other instances", func(t *testing.T) {
				if !db1.Postgres() {
					t.Skip("SQLite signals in process")
				}
				for len(heard) > 0 {
					<-heard
				}
				db1.WithTx(ctx, func(ctx context.Context) error {
					db1.SiteChanged(ctx)
					return loa.Errorf(loa.EINVALID, "rollback")
				})
				select {
				case <-heard:
					t.Error("heard a rolled-back change")
				case <-time.After(300 * time.Millisecond):
				}
			})
		})
	}
}

func TestDocuments(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		plan13 := &store.Document{Number: "13/KH-VKSTC", Kind: store.DocPlan, IssuedOn: loa.NewDate(2024, 1, 26), Title: "Kế hoạch 13", Public: true}
		if err := db.SaveDocument(ctx, plan13); err != nil {
			t.Fatal(err)
		}
		plan14 := &store.Document{Number: "14/KH-VKS", Kind: store.DocPlan, IssuedOn: loa.NewDate(2024, 2, 15), Title: "Kế hoạch 14", Public: true,
			Follows: []store.DocRef{{ID: plan13.ID}}, FileName: "kh14.pdf", FileType: "application/pdf", FileData: []byte("%PDF-1.4")}
		if err := db.SaveDocument(ctx, plan14); err != nil {
			t.Fatal(err)
		}
		got, err := db.Document(ctx, plan13.ID)
		if err != nil || len(got.Followed) != 1 || got.Followed[0].ID != plan14.ID {
			t.Fatalf("followed: %v %+v", err, got)
		}
		name, ctype, data, err := db.DocumentFile(ctx, plan14.ID, true)
		if err != nil || name != "kh14.pdf" || ctype != "application/pdf" || string(data) != "%PDF-1.4" {
			t.Errorf("file %q %q %q %v", name, ctype, data, err)
		}
		// An edit without a new file keeps the stored one.
		plan14.FileData = nil
		plan14.Title = "Kế hoạch số 14"
		if err := db.SaveDocument(ctx, plan14); err != nil {
			t.Fatal(err)
		}
		if _, _, data, _ := db.DocumentFile(ctx, plan14.ID, true); string(data) != "%PDF-1.4" {
			t.Errorf("file lost on edit")
		}
		plan14.Follows = []store.DocRef{{ID: plan14.ID}}
		if err := db.SaveDocument(ctx, plan14); loa.ErrorFields(err)["follows"] == "" {
			t.Errorf("a document following itself: %v", err)
		}
		if err := db.DeleteDocument(ctx, plan13.ID); err != nil {
			t.Fatal(err)
		}
		if d, _ := db.Document(ctx, plan14.ID); len(d.Follows) != 0 {
			t.Errorf("link to a deleted document kept")
		}
	})
}
