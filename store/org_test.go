package store_test

import (
	"context"
	"strings"
	"testing"

	"loa"
	"loa/internal/dbtest"
	"loa/store"
)

func mustDate(t *testing.T, s string) loa.Date {
	t.Helper()
	d, err := loa.ParseDate(s)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func TestUnits(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		prov := &loa.Unit{Code: "TB", Name: "Viện kiểm sát nhân dân tỉnh Thái Bình", Kind: loa.UnitProvince}
		if err := db.SaveUnit(ctx, prov); err != nil {
			t.Fatal(err)
		}
		hh := &loa.Unit{Code: "TB-HUNGHA", Name: "Viện kiểm sát nhân dân huyện Hưng Hà", Kind: loa.UnitDistrict, ParentCode: "TB",
			ValidTo: mustDate(t, "2025-06-30")}
		if err := db.SaveUnit(ctx, hh); err != nil {
			t.Fatal(err)
		}
		t.Run("duplicate code is a field error", func(t *testing.T) {
			err := db.SaveUnit(ctx, &loa.Unit{Code: "TB", Name: "x", Kind: loa.UnitProvince})
			if got := loa.ErrorFields(err)["code"]; got == "" {
				t.Fatalf("got %v, want an error on code", err)
			}
		})
		t.Run("unknown parent", func(t *testing.T) {
			err := db.SaveUnit(ctx, &loa.Unit{Code: "X", Name: "x", Kind: loa.UnitDepartment, ParentCode: "NOPE"})
			if loa.ErrorFields(err)["parent_code"] == "" {
				t.Fatalf("got %v, want an error on parent_code", err)
			}
		})
		t.Run("parent cycle", func(t *testing.T) {
			prov.ParentCode = "TB-HUNGHA"
			err := db.SaveUnit(ctx, prov)
			prov.ParentCode = ""
			if loa.ErrorFields(err)["parent_code"] == "" {
				t.Fatalf("got %v, want a cycle refused", err)
			}
		})
		t.Run("stale version conflicts", func(t *testing.T) {
			a, _ := db.Unit(ctx, hh.ID)
			b, _ := db.Unit(ctx, hh.ID)
			a.Name = "A"
			if err := db.SaveUnit(ctx, a); err != nil {
				t.Fatal(err)
			}
			b.Name = "B"
			if got := loa.ErrorCode(db.SaveUnit(ctx, b)); got != loa.ECONFLICT {
				t.Fatalf("got %q, want conflict", got)
			}
		})
		t.Run("delete refused while it has people", func(t *testing.T) {
			p := &loa.Person{Name: "Nguyễn Văn An"}
			if err := db.SavePerson(ctx, p); err != nil {
				t.Fatal(err)
			}
			if err := db.AddPosting(ctx, &loa.Posting{PersonID: p.ID, UnitID: hh.ID, From: mustDate(t, "2024-01-01")}); err != nil {
				t.Fatal(err)
			}
			if got := loa.ErrorCode(db.DeleteUnit(ctx, hh.ID)); got != loa.ECONFLICT {
				t.Fatalf("got %q, want conflict", got)
			}
			if _, err := db.Unit(ctx, hh.ID); err != nil {
				t.Fatalf("unit gone after a refused delete: %v", err)
			}
		})
		t.Run("delete of an unused unit", func(t *testing.T) {
			u := &loa.Unit{Code: "TMP", Name: "Tạm", Kind: loa.UnitDepartment}
			if err := db.SaveUnit(ctx, u); err != nil {
				t.Fatal(err)
			}
			if err := db.DeleteUnit(ctx, u.ID); err != nil {
				t.Fatal(err)
			}
			if got := loa.ErrorCode(func() error { _, err := db.Unit(ctx, u.ID); return err }()); got != loa.ENOTFOUND {
				t.Fatalf("got %q, want not found", got)
			}
		})
		t.Run("every change is audited", func(t *testing.T) {
			entries, total, err := db.AuditLog(ctx, store.AuditFilter{Entity: "unit"})
			if err != nil {
				t.Fatal(err)
			}
			// create TB, create HH, update HH, create TMP, delete TMP
			if total != 5 || len(entries) != 5 {
				t.Fatalf("got %d entries, want 5", total)
			}
			if entries[0].Action != "delete" || entries[0].Before == "" || entries[0].Actor != "system" {
				t.Fatalf("newest entry %+v, want a delete with before", entries[0])
			}
		})
	})
}

func TestRotationKeepsHistory(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		a := &loa.Unit{Code: "A", Name: "Phòng 1", Kind: loa.UnitDepartment}
		b := &loa.Unit{Code: "B", Name: "Phòng 2", Kind: loa.UnitDepartment}
		saveUnits(t, db, a, b)
		p := &loa.Person{Name: "Đỗ Thị Hoa"}
		if err := db.SavePerson(ctx, p); err != nil {
			t.Fatal(err)
		}
		if err := db.AddPosting(ctx, &loa.Posting{PersonID: p.ID, UnitID: a.ID, From: mustDate(t, "2020-01-01")}); err != nil {
			t.Fatal(err)
		}
		if err := db.AddPosting(ctx, &loa.Posting{PersonID: p.ID, UnitID: b.ID, From: mustDate(t, "2024-03-01")}); err != nil {
			t.Fatal(err)
		}
		ps, err := db.Postings(ctx, p.ID, 0)
		if err != nil {
			t.Fatal(err)
		}
		if len(ps) != 2 || ps[0].UnitID != b.ID || !ps[0].To.IsZero() || ps[1].To.String() != "2024-02-29" {
			t.Fatalf("got postings %+v %+v, want the old one ended on 2024-02-29", ps[0], ps[1])
		}
		people, _, err := db.People(ctx, store.PeopleFilter{Query: "do thi"})
		if err != nil {
			t.Fatal(err)
		}
		if len(people) != 1 || people[0].UnitID != b.ID {
			t.Fatalf("got %+v, want Đỗ Thị Hoa now in Phòng 2 found without diacritics", people)
		}
		t.Run("contact replaced keeps history", func(t *testing.T) {
			q := &loa.Person{Name: "Lê Văn Bình"}
			if err := db.SavePerson(ctx, q); err != nil {
				t.Fatal(err)
			}
			if err := db.SetContact(ctx, &loa.Contact{UnitID: a.ID, PersonID: p.ID, From: mustDate(t, "2023-01-01")}); err != nil {
				t.Fatal(err)
			}
			if err := db.SetContact(ctx, &loa.Contact{UnitID: a.ID, PersonID: q.ID, From: mustDate(t, "2024-07-01")}); err != nil {
				t.Fatal(err)
			}
			all, _ := db.Contacts(ctx, false)
			cur, _ := db.Contacts(ctx, true)
			if len(all) != 2 || len(cur) != 1 || cur[0].PersonID != q.ID {
				t.Fatalf("got all=%d current=%+v", len(all), cur)
			}
		})
		t.Run("membership ends", func(t *testing.T) {
			m := &loa.Membership{PersonID: p.ID, Role: loa.BoardSecretary, From: mustDate(t, "2023-01-01")}
			if err := db.AddMembership(ctx, m); err != nil {
				t.Fatal(err)
			}
			if err := db.EndMembership(ctx, m.ID, mustDate(t, "2022-01-01")); loa.ErrorCode(err) != loa.EINVALID {
				t.Fatalf("got %v, want an end before the start refused", err)
			}
			if err := db.EndMembership(ctx, m.ID, mustDate(t, "2024-01-01")); err != nil {
				t.Fatal(err)
			}
			cur, _ := db.Memberships(ctx, true)
			all, _ := db.Memberships(ctx, false)
			if len(cur) != 0 || len(all) != 1 {
				t.Fatalf("got current=%d all=%d", len(cur), len(all))
			}
		})
	})
}

func TestUsers(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		u := &loa.User{Email: " Admin@Example.VN ", Name: "Quản trị", Role: loa.RoleAdmin}
		if err := db.CreateUser(ctx, u, "mật-khẩu-dài-đủ"); err != nil {
			t.Fatal(err)
		}
		if _, err := db.Authenticate(ctx, "admin@example.vn", "mật-khẩu-dài-đủ"); err != nil {
			t.Fatalf("good login refused: %v", err)
		}
		for _, c := range []struct{ name, email, pw string }{
			{"wrong password", "admin@example.vn", "sai-mat-khau-roi"},
			{"unknown email", "nobody@example.vn", "mật-khẩu-dài-đủ"},
		} {
			t.Run(c.name, func(t *testing.T) {
				_, err := db.Authenticate(ctx, c.email, c.pw)
				if loa.ErrorCode(err) != loa.EUNAUTHORIZED || loa.ErrorMessage(err) != "Sai địa chỉ thư hoặc mật khẩu." {
					t.Fatalf("got %v", err)
				}
			})
		}
		t.Run("contributor needs a unit", func(t *testing.T) {
			err := db.CreateUser(ctx, &loa.User{Email: "c@x.vn", Name: "C", Role: loa.RoleContributor}, "0123456789")
			if loa.ErrorFields(err)["unit_id"] == "" {
				t.Fatalf("got %v", err)
			}
		})
		t.Run("inactive cannot log in", func(t *testing.T) {
			u.Active = false
			if err := db.UpdateUser(ctx, u, ""); err != nil {
				t.Fatal(err)
			}
			if _, err := db.Authenticate(ctx, "admin@example.vn", "mật-khẩu-dài-đủ"); loa.ErrorCode(err) != loa.EUNAUTHORIZED {
				t.Fatalf("got %v", err)
			}
		})
	})
}

// ScopeUnits offers the report's and the dashboard's scopes: the provinces and the
// Supreme Procuracy, by code, none of the units below them.
func TestScopeUnits(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		for _, u := range []*loa.Unit{
			{Code: "VKSTC", Name: "VKSND tối cao", Kind: loa.UnitSupreme},
			{Code: "TB", Name: "VKSND tỉnh Thái Bình", Kind: loa.UnitProvince},
			{Code: "HY", Name: "VKSND tỉnh Hưng Yên", Kind: loa.UnitProvince},
			{Code: "TB-P1", Name: "Phòng 1", Kind: loa.UnitDepartment, ParentCode: "TB"},
			{Code: "TB-HUNGHA", Name: "VKSND huyện Hưng Hà", Kind: loa.UnitDistrict, ParentCode: "TB"},
			{Code: "KV1", Name: "VKSND khu vực 1", Kind: loa.UnitRegional, ParentCode: "HY"},
		} {
			if err := db.SaveUnit(ctx, u); err != nil {
				t.Fatal(err)
			}
		}
		got, err := db.ScopeUnits(ctx)
		if err != nil {
			t.Fatal(err)
		}
		var codes []string
		for _, u := range got {
			codes = append(codes, u.Code)
		}
		if want := "HY TB VKSTC"; strings.Join(codes, " ") != want {
			t.Fatalf("got %v, want %s", codes, want)
		}
	})
}
