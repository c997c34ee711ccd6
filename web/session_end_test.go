package web_test

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"testing"

	"loa"
	"loa/store"
)

// signedIn reports whether c's session still opens the back office.
func signedIn(c *client) bool { return c.get("/app").StatusCode == http.StatusOK }

// userForm is the admin's form of u, with a password and active as given.
func userForm(u *loa.User, password string, active bool) url.Values {
	v := url.Values{"email": {u.Email}, "name": {u.Name}, "role": {string(u.Role)}, "unit_id": {strconv.FormatInt(u.UnitID, 10)},
		"lang": {"vi"}, "password": {password}}
	if active {
		v.Set("active", "1")
	}
	return v
}

// TestNewPasswordEndsSessions: changing one's password ends every other session of
// the user and keeps the one that changed it; an admin's reset ends every session
// of the user; the admin resetting its own keeps its own.
func TestNewPasswordEndsSessions(t *testing.T) {
	t.Parallel()
	eachApp(t, func(t *testing.T, app *testApp) {
		t.Run("own change", func(t *testing.T) {
			here, there := app.as(loa.RoleViewer), app.as(loa.RoleViewer)
			const next = "mat-khau-moi-dai-hon"
			res := here.post("/app/account/password", url.Values{"current": {testPassword}, "new": {next}, "confirm": {next}})
			if res.StatusCode != http.StatusSeeOther {
				t.Fatalf("change: got %d", res.StatusCode)
			}
			if !signedIn(here) {
				t.Error("the session that changed the password was ended")
			}
			if signedIn(there) {
				t.Error("another session of the user still works after the change")
			}
			again := app.anon().post("/login", url.Values{"email": {app.Users[loa.RoleViewer].Email}, "password": {next}})
			if again.StatusCode != http.StatusSeeOther {
				t.Errorf("login with the new password: got %d", again.StatusCode)
			}
		})
		t.Run("admin reset", func(t *testing.T) {
			admin := app.as(loa.RoleAdmin)
			ed := app.Users[loa.RoleEditor]
			one, two := app.as(loa.RoleEditor), app.as(loa.RoleEditor)
			res := admin.post("/app/users/"+strconv.FormatInt(ed.ID, 10), userForm(ed, "mat-khau-dat-lai-1", true))
			if res.StatusCode != http.StatusSeeOther {
				t.Fatalf("reset: got %d: %s", res.StatusCode, res.Body)
			}
			if signedIn(one) || signedIn(two) {
				t.Error("a session of the user survives the admin's reset")
			}
			if !signedIn(admin) {
				t.Error("the admin was signed out by resetting another's password")
			}
			// Editing without a new password ends nothing.
			three := app.anon()
			if r := three.post("/login", url.Values{"email": {ed.Email}, "password": {"mat-khau-dat-lai-1"}}); r.StatusCode != http.StatusSeeOther {
				t.Fatalf("login after reset: got %d", r.StatusCode)
			}
			admin.post("/app/users/"+strconv.FormatInt(ed.ID, 10), userForm(ed, "", true))
			if !signedIn(three) {
				t.Error("an edit without a password ended the session")
			}
		})
		t.Run("admin resets its own", func(t *testing.T) {
			me := app.Users[loa.RoleAdmin]
			here, there := app.as(loa.RoleAdmin), app.as(loa.RoleAdmin)
			res := here.post("/app/users/"+strconv.FormatInt(me.ID, 10), userForm(me, "mat-khau-quan-tri-moi", true))
			if res.StatusCode != http.StatusSeeOther {
				t.Fatalf("reset: got %d", res.StatusCode)
			}
			if !signedIn(here) || signedIn(there) {
				t.Errorf("own reset: this session signed in %v (want true), the other %v (want false)", signedIn(here), signedIn(there))
			}
		})
	})
}

// TestReactivationBringsNoTokenBack: deactivating a user revokes its API tokens, so
// reactivating it opens nothing with them; a new token works.
func TestReactivationBringsNoTokenBack(t *testing.T) {
	t.Parallel()
	eachApp(t, func(t *testing.T, app *testApp) {
		ctx := context.Background()
		con := app.Users[loa.RoleContributor]
		token, _, err := app.DB.CreateToken(ctx, con.ID, "kịch bản")
		if err != nil {
			t.Fatal(err)
		}
		const path = "/api/v1/report?period=2024"
		if got := app.bearer(path, token).StatusCode; got != http.StatusOK {
			t.Fatalf("before: got %d", got)
		}
		admin := app.as(loa.RoleAdmin)
		for _, active := range []bool{false, true} {
			if res := admin.post("/app/users/"+strconv.FormatInt(con.ID, 10), userForm(con, "", active)); res.StatusCode != http.StatusSeeOther {
				t.Fatalf("active=%v: got %d", active, res.StatusCode)
			}
		}
		if got := app.bearer(path, token).StatusCode; got != http.StatusUnauthorized {
			t.Errorf("the old token after reactivation: got %d, want 401", got)
		}
		toks, err := app.DB.Tokens(ctx, con.ID)
		if err != nil || len(toks) != 1 || toks[0].Active() {
			t.Fatalf("tokens %+v, %v: want the one, revoked", toks, err)
		}
		entries, _, err := app.DB.AuditLog(ctx, store.AuditFilter{Entity: "api_token", EntityID: toks[0].ID, Page: store.Page{Number: 1, Size: 10}})
		if err != nil || len(entries) != 2 || entries[0].Action != "revoke" {
			t.Errorf("audit of the token: %+v, %v; want its creation and its revocation", entries, err)
		}
		fresh, _, err := app.DB.CreateToken(ctx, con.ID, "mới")
		if err != nil {
			t.Fatal(err)
		}
		if got := app.bearer(path, fresh).StatusCode; got != http.StatusOK {
			t.Errorf("a new token: got %d", got)
		}
	})
}

// TestReactivationBringsNoSessionBack: a session of a deactivated user, left unused
// while the user was inactive, stays ended when the user is reactivated; the user
// signs in again. Editing an active user (no password) ends nothing.
func TestReactivationBringsNoSessionBack(t *testing.T) {
	eachApp(t, func(t *testing.T, app *testApp) {
		con := app.Users[loa.RoleContributor]
		idle, kept := app.as(loa.RoleContributor), app.as(loa.RoleContributor)
		admin := app.as(loa.RoleAdmin)
		edit := func(active bool) {
			t.Helper()
			if res := admin.post("/app/users/"+strconv.FormatInt(con.ID, 10), userForm(con, "", active)); res.StatusCode != http.StatusSeeOther {
				t.Fatalf("active=%v: got %d", active, res.StatusCode)
			}
		}
		edit(true)
		if !signedIn(kept) {
			t.Fatal("an edit of an active user ended its session")
		}
		edit(false)
		edit(true)
		if signedIn(idle) {
			t.Error("a session left unused while the user was inactive works again after reactivation")
		}
		again := app.anon()
		if r := again.post("/login", url.Values{"email": {con.Email}, "password": {testPassword}}); r.StatusCode != http.StatusSeeOther || !signedIn(again) {
			t.Errorf("signing in again after reactivation: got %d", r.StatusCode)
		}
	})
}
