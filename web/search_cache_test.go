package web_test

import (
	"strings"
	"sync"
	"testing"
	"time"

	"loa"
	"loa/internal/dbtest"
	"loa/web"
)

// TestSearchPageKeepsResults: the public search page keeps a query's results, both
// the whole page's and the results as you type (htmx), as the page cache keeps pages:
// a unit renamed (which does not pass through SiteChanged) shows after cacheTTL, an
// item published shows at once.
func TestSearchPageKeepsResults(t *testing.T) {
	eachApp(t, func(t *testing.T, app *testApp) {
		anon := app.anon()
		app.addSearchItem(app.Unit, loa.StatusPublished, loa.KindNews, "Hội nghị tuyên truyền pháp luật", "")
		wantHitSoon(t, anon, "/") // the insert's change notice has arrived (PostgreSQL)
		const page, typing = "/tim-kiem?q=tuyen+truyen", "/tim-kiem?q=tuyen+truy"
		wantIn(t, anon.get(page).Body, "Hội nghị", app.Unit.Name)
		wantIn(t, anon.getHX(typing).Body, "Hội nghị", app.Unit.Name)

		dbtest.Exec(t, app.DB, "UPDATE units SET name = ? WHERE id = ?", "Viện kiểm sát nhân dân huyện Mới Đổi Tên", app.Unit.ID)
		wantIn(t, anon.get(page).Body, app.Unit.Name)
		wantIn(t, anon.getHX(typing).Body, app.Unit.Name)
		app.Srv.AgeSearches(web.CacheTTL)
		wantIn(t, anon.get(page).Body, "Mới Đổi Tên")
		wantIn(t, anon.getHX(typing).Body, "Mới Đổi Tên")

		insertItem(t, app, "Tập huấn tuyên truyền viên", loa.KindNews, app.Unit, loa.StatusPublished, time.Now().Add(-time.Minute), "")
		for i := 0; ; i++ { // on PostgreSQL the change arrives by LISTEN/NOTIFY, a moment later
			if strings.Contains(anon.get(page).Body, "Tập huấn") {
				break
			}
			if i == 100 {
				t.Fatal("an item published does not show in the results kept")
			}
			time.Sleep(20 * time.Millisecond)
		}
	})
}

// TestSearchPageSharesASearch: readers asking at once for the same words on the
// public search page wait for one search (issue 20: at 64 connections the first
// second's readers each searched); other words are searches of their own.
func TestSearchPageSharesASearch(t *testing.T) {
	eachApp(t, func(t *testing.T, app *testApp) {
		anon := app.anon()
		app.addSearchItem(app.Unit, loa.StatusPublished, loa.KindNews, "Hội nghị tuyên truyền pháp luật", "")
		wantHitSoon(t, anon, "/") // the insert's change notice has arrived (PostgreSQL)
		before := app.Srv.SearchesRun()
		// The readers all arrive while a search waits for its turn.
		release := app.Srv.HoldSearches()
		var wg sync.WaitGroup
		for range 16 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				if res := anon.get("/tim-kiem?q=tuyen+truyen"); !strings.Contains(res.Body, "Hội nghị") {
					t.Errorf("status %d, no result", res.StatusCode)
				}
			}()
		}
		time.Sleep(100 * time.Millisecond)
		release()
		wg.Wait()
		if n := app.Srv.SearchesRun() - before; n != 1 {
			t.Errorf("%v searches for 16 readers of the same words, want 1", n)
		}
		anon.get("/tim-kiem?q=phap+luat")
		if n := app.Srv.SearchesRun() - before; n != 2 {
			t.Errorf("%v searches after other words, want 2", n)
		}
	})
}
