package store_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"loa"
	"loa/internal/dbtest"
	"loa/store"
)

func TestMonthlyRanking(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		rollupWorld(t, db)
		on := func(s string) loa.Date { return mustDate(t, s) }
		rows := []store.ItemImport{
			// Two items of TB-HH in October, one by two authors.
			{Ref: "A", Title: "A", Kind: loa.KindNews, UnitCode: "TB-HH", ChannelCode: "site", PublishedOn: on("2026-10-01"), Authors: []string{"Nguyễn Văn An", "Trần Thị Bình"}},
			{Ref: "B", Title: "B", Kind: loa.KindArticle, UnitCode: "TB-HH", ChannelCode: "site", PublishedOn: on("2026-10-31"), Authors: []string{"nguyễn văn an"}},
			// Two of HY-KV1: one in October, one first published in September (its
			// October publication does not make it October's).
			{Ref: "C", Title: "C", Kind: loa.KindNews, UnitCode: "HY-KV1", ChannelCode: "site", PublishedOn: on("2026-10-15"), Authors: []string{"Lê Văn Cường"}},
			{Ref: "D", Title: "D", Kind: loa.KindNews, UnitCode: "HY-KV1", ChannelCode: "site", PublishedOn: on("2026-09-30"), Authors: []string{"Lê Văn Cường"}},
			{Ref: "D", Title: "D", Kind: loa.KindNews, UnitCode: "HY-KV1", ChannelCode: "site", PublishedOn: on("2026-10-02"), Authors: []string{"Lê Văn Cường"}},
			// November's.
			{Ref: "E", Title: "E", Kind: loa.KindNews, UnitCode: "SUP", ChannelCode: "site", PublishedOn: on("2026-11-01")},
		}
		if _, err := db.ImportItems(ctx, rows, store.ImportOptions{}); err != nil {
			t.Fatal(err)
		}
		rk, err := db.MonthlyRanking(ctx, on("2026-10-01"), on("2026-10-31"))
		if err != nil {
			t.Fatal(err)
		}
		line := func(ls []*loa.Score) string {
			var out []string
			for _, l := range ls {
				out = append(out, fmt.Sprintf("%d %s %d news=%d article=%d", l.Rank, l.Name, l.Items, l.ByKind[loa.KindNews], l.ByKind[loa.KindArticle]))
			}
			return strings.Join(out, "; ")
		}
		for _, c := range []struct{ name, got, want string }{
			{"units", line(rk.Units), "1 VKSND huyện Hưng Hà 2 news=1 article=1; 2 VKSND khu vực 1 1 news=1 article=0"},
			{"writers: two spellings one writer (ties of spelling by Vietnamese order), an item for each author, ties share a rank", line(rk.Writers),
				"1 nguyễn văn an 2 news=1 article=1; 2 Lê Văn Cường 1 news=1 article=0; 2 Trần Thị Bình 1 news=1 article=0"},
			{"totals", fmt.Sprint(rk.Items, rk.ByKind[loa.KindNews], rk.ByKind[loa.KindArticle]), "3 2 1"},
		} {
			t.Run(c.name, func(t *testing.T) {
				if c.got != c.want {
					t.Errorf("got  %s\nwant %s", c.got, c.want)
				}
			})
		}
	})
}
