package web_test

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"
	"time"

	"loa"
)

type apiItemsAnswer struct {
	Page  int `json:"page"`
	Size  int `json:"size"`
	Total int `json:"total"`
	Items []struct {
		Title       string `json:"title"`
		URL         string `json:"url"`
		Summary     string `json:"summary"`
		PublishedAt string `json:"published_at"`
		Kind        string `json:"kind"`
		Unit        struct {
			Code string `json:"code"`
			Name string `json:"name"`
		} `json:"unit"`
		Section *struct {
			Slug string `json:"slug"`
		} `json:"section"`
	} `json:"items"`
}

func (a apiItemsAnswer) titles() string {
	var t []string
	for _, it := range a.Items {
		t = append(t, it.Title)
	}
	return strings.Join(t, " | ")
}

func TestAPIItems(t *testing.T) {
	t.Parallel()
	eachApp(t, func(t *testing.T, app *testApp) {
		newSiteFixture(t, app)
		// 23:30 UTC on 30 June is 1 July in Vietnam: the date filters must say so.
		july := insertItem(t, app, "Tin đầu tháng Bảy", loa.KindNews, app.Unit, loa.StatusPublished,
			time.Date(2024, 6, 30, 23, 30, 0, 0, time.UTC), "")
		anon := app.anon()
		get := func(t *testing.T, query string) apiItemsAnswer {
			t.Helper()
			res := anon.get("/api/v1/items" + query)
			wantStatus(t, res, http.StatusOK)
			var a apiItemsAnswer
			if err := json.Unmarshal([]byte(res.Body), &a); err != nil {
				t.Fatalf("%s: %v", res.Body, err)
			}
			wantNotIn(t, res.Body, secrets...)
			return a
		}
		const (
			july1    = "Tin đầu tháng Bảy"
			news     = "Ban tuyên truyền Viện kiểm sát nhân dân tỉnh họp bàn"
			research = "Trao đổi về kỹ năng kiểm sát"
		)

		t.Run("published items only, newest first, public fields", func(t *testing.T) {
			a := get(t, "")
			if a.Total != 3 || a.Page != 1 || a.Size != 20 || a.titles() != july1+" | "+news+" | "+research {
				t.Fatalf("got %d items (%s), page %d size %d", a.Total, a.titles(), a.Page, a.Size)
			}
			it := a.Items[1]
			if it.Kind != "news" || it.Unit.Code != app.Unit.Code || it.Unit.Name != app.Unit.Name || it.Summary != "Tóm tắt: "+news ||
				it.PublishedAt != "2024-06-06T15:24:42+07:00" || !strings.HasPrefix(it.URL, "http://loa.test/tin/") ||
				it.Section == nil || it.Section.Slug != "tin-hoat-dong" {
				t.Errorf("item %+v", it)
			}
			res := anon.get("/api/v1/items")
			wantNotIn(t, res.Body, `"body"`, "Nội dung của", "Bùi Thảo", `"status"`)
		})
		t.Run("paging", func(t *testing.T) {
			a := get(t, "?size=1&page=2")
			if a.Total != 3 || len(a.Items) != 1 || a.Items[0].Title != news || a.Size != 1 || a.Page != 2 {
				t.Errorf("page 2 of 1: %d %s", a.Total, a.titles())
			}
			if a := get(t, "?size=2&page=5"); a.Total != 3 || len(a.Items) != 0 {
				t.Errorf("past the end: %d %s", a.Total, a.titles())
			}
			if a := get(t, "?size=100"); len(a.Items) != 3 {
				t.Errorf("size 100: %s", a.titles())
			}
		})
		t.Run("filters", func(t *testing.T) {
			for _, c := range []struct{ query, want string }{
				{"?section=nghien-cuu-trao-doi", research},
				{"?section=guong-dien-hinh", research}, // by topic
				{"?section=tin-hoat-dong", july1 + " | " + news},
				{"?unit=" + app.Unit.Code, july1 + " | " + news},
				{"?unit=" + app.Other.Code, research},
				{"?from=2024-07-01", july1},
				{"?to=2024-06-30", news + " | " + research},
				{"?from=2024-06-06&to=2024-06-06", news + " | " + research},
				{"?from=2024-06-07&to=2024-06-30", ""},
				{"?unit=" + app.Unit.Code + "&to=2024-06-30&section=tin-hoat-dong", news},
			} {
				if got := get(t, c.query).titles(); got != c.want {
					t.Errorf("%s: got %q, want %q", c.query, got, c.want)
				}
			}
		})
		t.Run("bad parameters", func(t *testing.T) {
			for _, c := range []struct{ query, says string }{
				{"?page=0", "page"}, {"?page=x", "page"}, {"?size=0", "size"}, {"?size=101", "size"}, {"?size=1e2", "size"},
				{"?section=khong-co", "khong-co"}, {"?unit=NOPE", "NOPE"},
				{"?from=2024-02-31", "from"}, {"?to=06%2F06%2F2024", "to"}, {"?from=2024-6-1", "from"}, {"?from=0001-01-01", "from"},
				{"?from=2024-06-07&to=2024-06-06", "to"},
			} {
				res := anon.get("/api/v1/items" + c.query)
				if res.StatusCode != http.StatusBadRequest || !strings.HasPrefix(res.Header.Get("Content-Type"), "application/json") {
					t.Errorf("%s: status %d %s", c.query, res.StatusCode, res.Header.Get("Content-Type"))
					continue
				}
				var e struct{ Error string }
				if err := json.Unmarshal([]byte(res.Body), &e); err != nil || !strings.Contains(e.Error, c.says) {
					t.Errorf("%s: error %q (%v), want it to name %q", c.query, e.Error, err, c.says)
				}
			}
		})
		t.Run("an item withdrawn after publishing leaves the API", func(t *testing.T) {
			setStatus(t, app, july, loa.StatusWithdrawn)
			if a := get(t, "?unit="+app.Unit.Code); a.titles() != news {
				t.Errorf("after withdrawal: %s", a.titles())
			}
		})
	})
}
