package web

import (
	"context"
	"io"
	"log/slog"
	"slices"
	"strings"
	"testing"

	"loa/demo"
	"loa/internal/dbtest"
	"loa/store"
)

func complianceOf(t *testing.T, db *store.DB) map[string]requirement {
	t.Helper()
	srv, err := New(db, Config{Logger: slog.New(slog.NewTextHandler(io.Discard, nil)), SiteName: "Viện kiểm sát nhân dân tỉnh Hưng Yên"})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(srv.Close)
	reqs, err := srv.complianceChecks(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]requirement{}
	for _, r := range reqs {
		out[r.Name] = r
	}
	return out
}

// TestComplianceDemo: the demo meets every requirement of the compliance page, and
// an empty instance is told what content is missing.
func TestComplianceDemo(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, db *store.DB) {
		empty := complianceOf(t, db)
		for name, want := range map[string]string{
			"Chức năng, nhiệm vụ, quyền hạn":                            "Nội dung chức năng, nhiệm vụ, quyền hạn",
			"Địa chỉ, điện thoại, số fax, thư điện tử của cơ quan":      "Số fax",
			"Người phát ngôn: họ tên, chức vụ, điện thoại, thư điện tử": "Người phát ngôn",
			"Liên kết tới cổng thông tin của các cơ quan liên quan":     "Liên kết các cơ quan",
			"Dữ liệu mở: API tin bài (/api/v1/items)":                   "Tin bài đã đăng",
		} {
			if r, ok := empty[name]; !ok || !slices.Contains(r.Missing, want) {
				t.Errorf("empty instance, %q: missing %q, want %q listed", name, r.Missing, want)
			}
		}
		if _, err := demo.Load(context.Background(), db, demo.Small, io.Discard); err != nil {
			t.Fatal(err)
		}
		reqs := complianceOf(t, db)
		if len(reqs) < 14 {
			t.Errorf("%d requirements", len(reqs))
		}
		for _, r := range reqs {
			if !r.Met() {
				t.Errorf("the demo misses %q: %s", r.Name, strings.Join(r.Missing, "; "))
			}
		}
	})
}
