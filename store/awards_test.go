package store_test

import (
	"context"
	"reflect"
	"strconv"
	"testing"

	"loa"
	"loa/internal/dbtest"
	"loa/store"
)

func TestAwardWindow(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		edition string
		year    int
	}{
		{"lần thứ IX năm 2024", 2024},
		{"Lần thứ VIII (2023)", 2023},
		{"lần thứ X", 0},
	} {
		t.Run(tc.edition, func(t *testing.T) {
			if got := store.EditionYear(tc.edition); got != tc.year {
				t.Errorf("got %d, want %d", got, tc.year)
			}
		})
	}
	from, to, deadline := store.AwardWindow(2024)
	if got, want := []string{from.String(), to.String(), deadline.String()}, []string{"2023-11-01", "2024-10-31", "2024-11-10"}; !reflect.DeepEqual(got, want) {
		t.Errorf("window: got %v, want %v", got, want)
	}
}

func TestAwardEntryFlow(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		f := newBoardFixture(t, db)
		inside, _ := f.addItem(t, db, 0, loa.KindArticle, "Phóng sự về công tác kiểm sát", []loa.Author{f.person(0)},
			[]boardPub{{channel: 0, on: "2024-03-10"}})
		outside, _ := f.addItem(t, db, 1, loa.KindResearch, "Bài cũ về xây dựng Đảng", nil, []boardPub{{channel: 1, on: "2023-09-01"}})
		draft, err := db.InsertRowForTest(ctx, `INSERT INTO items (kind, unit_id, title, status, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)`,
			loa.KindNews, f.units[0].ID, "Bản nháp", "draft", mustDate(t, "2024-01-01").Time(), mustDate(t, "2024-01-01").Time())
		if err != nil {
			t.Fatal(err)
		}
		t.Run("unpublished item refused", func(t *testing.T) {
			e := &store.AwardEntry{Contest: store.ContestBuaLiemVang, Edition: "lần thứ IX năm 2024", ItemID: draft}
			if err := db.SaveAwardEntry(ctx, e); loa.ErrorFields(err)["item"] == "" {
				t.Fatalf("got %v, want an error on item", err)
			}
		})
		t.Run("item found by id or by title", func(t *testing.T) {
			for _, typed := range []string{"#" + strconv.FormatInt(inside, 10), strconv.FormatInt(inside, 10) + " — Phóng sự", "phong su ve cong tac"} {
				got, err := db.FindAwardCandidate(ctx, typed)
				if err != nil || got.ID != inside {
					t.Errorf("%q: got %v, %v; want item %d", typed, got, err, inside)
				}
			}
			if _, err := db.FindAwardCandidate(ctx, "không có bài này"); loa.ErrorFields(err)["item"] == "" {
				t.Errorf("unknown title: got %v, want an error on item", err)
			}
		})
		good := &store.AwardEntry{Contest: store.ContestBuaLiemVang, Edition: "lần thứ IX năm 2024", Category: "Báo điện tử", ItemID: inside}
		if err := db.SaveAwardEntry(ctx, good); err != nil {
			t.Fatal(err)
		}
		if w := good.Warnings(); len(w) != 0 {
			t.Errorf("warnings inside the window: %v", w)
		}
		late := &store.AwardEntry{Contest: store.ContestBuaLiemVang, Edition: "lần thứ IX năm 2024", ItemID: outside, SubmittedOn: mustDate(t, "2024-11-12")}
		if err := db.SaveAwardEntry(ctx, late); err != nil {
			t.Fatalf("an entry outside the window is warned about, not refused: %v", err)
		}
		if w := late.Warnings(); len(w) != 2 {
			t.Errorf("warnings: got %v, want first publication and deadline", w)
		}
		steps := []struct {
			to      store.AwardStatus
			prize   string
			wantErr string
		}{
			{store.AwardPrize, "Giải C", "status"}, // not submitted yet
			{store.AwardSubmitted, "", ""},
			{store.AwardShortlisted, "", ""},
			{store.AwardPrize, "", "prize"},
			{store.AwardPrize, "Giải C", ""},
			{store.AwardNoPrize, "", "status"}, // final
		}
		for _, s := range steps {
			err := db.SetAwardStatus(ctx, good.ID, s.to, s.prize)
			if s.wantErr == "" && err != nil || s.wantErr != "" && loa.ErrorFields(err)[s.wantErr] == "" {
				t.Fatalf("to %s: got %v, want error on %q", s.to, err, s.wantErr)
			}
		}
		got, err := db.AwardEntry(ctx, good.ID)
		if err != nil {
			t.Fatal(err)
		}
		if got.Status != store.AwardPrize || got.Prize != "Giải C" || got.SubmittedOn.IsZero() {
			t.Errorf("got %+v", got)
		}
		t.Run("filters", func(t *testing.T) {
			for _, tc := range []struct {
				name string
				f    store.AwardFilter
				want int
			}{
				{"all", store.AwardFilter{}, 2},
				{"contest", store.AwardFilter{Contest: store.ContestBuaLiemVang}, 2},
				{"edition", store.AwardFilter{Edition: "lần thứ VIII năm 2023"}, 0},
				{"status", store.AwardFilter{Status: store.AwardPrize}, 1},
			} {
				t.Run(tc.name, func(t *testing.T) {
					list, total, err := db.AwardEntries(ctx, tc.f)
					if err != nil {
						t.Fatal(err)
					}
					if total != tc.want || len(list) != tc.want {
						t.Errorf("got %d (%d listed), want %d", total, len(list), tc.want)
					}
				})
			}
		})
		history, _, err := db.AuditLog(ctx, store.AuditFilter{Entity: "award_entry", EntityID: good.ID})
		if err != nil {
			t.Fatal(err)
		}
		if len(history) != 4 { // created, submitted, shortlisted, prize
			t.Errorf("history: got %d entries, want 4", len(history))
		}
	})
}
