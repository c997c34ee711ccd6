package loa

import (
	"regexp"
	"slices"
	"strings"
	"time"
)

// UnitKind is the kind of a unit (CONTRACTS.md "Vocabulary").
type UnitKind string

// The unit kinds.
const (
	UnitSupreme    UnitKind = "supreme"
	UnitProvince   UnitKind = "province"
	UnitDepartment UnitKind = "department"
	UnitDistrict   UnitKind = "district"
	UnitRegional   UnitKind = "regional"
)

// UnitKinds lists every unit kind.
var UnitKinds = []UnitKind{UnitSupreme, UnitProvince, UnitDepartment, UnitDistrict, UnitRegional}

// Valid reports whether k is a known unit kind.
func (k UnitKind) Valid() bool { return slices.Contains(UnitKinds, k) }

var codeRE = regexp.MustCompile(`^[A-Za-z0-9_-]{1,64}$`)

// ValidCode reports whether s is a code: ASCII letters, digits, '-' and '_' (CONTRACTS.md).
func ValidCode(s string) bool { return codeRE.MatchString(s) }

// Unit is a procuracy or one of its departments. Units change over time: a district
// procuracy ended on 30/6/2025 and names its regional successor, and reports on old
// periods still show it.
type Unit struct {
	ID            int64
	Code          string
	Name          string
	Kind          UnitKind
	ParentID      int64
	ParentCode    string
	ValidFrom     Date
	ValidTo       Date
	SuccessorID   int64
	SuccessorCode string
	Address       string
	Phone         string
	Email         string
	Version       int
	UpdatedAt     time.Time
}

// Validate checks the unit's own fields; the store checks references and cycles.
func (u *Unit) Validate() error {
	var v Validation
	u.Code = strings.TrimSpace(u.Code)
	u.Name = strings.TrimSpace(u.Name)
	v.Check(ValidCode(u.Code), "code", "Mã chỉ gồm chữ cái không dấu, chữ số, '-' và '_'.")
	v.Check(u.Name != "", "name", "Xin nhập tên đơn vị.")
	v.Text("name", u.Name, MaxUnitName, "Tên quá dài.")
	v.Check(u.Kind.Valid(), "kind", "Loại đơn vị không hợp lệ.")
	v.CheckSpan(u.ValidFrom, u.ValidTo, "valid_to")
	v.Check(u.ParentCode == "" || u.ParentCode != u.Code, "parent_code", "Đơn vị không thể là cấp trên của chính nó.")
	v.Check(u.SuccessorCode == "" || u.SuccessorCode != u.Code, "successor_code", "Đơn vị không thể là đơn vị kế nhiệm của chính nó.")
	v.Text("address", u.Address, MaxAddress, "Địa chỉ quá dài.")
	v.Text("phone", u.Phone, MaxPhone, "Số điện thoại quá dài.")
	v.Text("email", u.Email, MaxEmail, "Địa chỉ thư quá dài.")
	v.Check(u.Email == "" || strings.Contains(u.Email, "@"), "email", "Địa chỉ thư không hợp lệ.")
	return v.Err()
}

// ActiveOn reports whether the unit existed on day d (validity dates are inclusive).
func (u *Unit) ActiveOn(d Date) bool {
	return (u.ValidFrom.IsZero() || !d.Before(u.ValidFrom)) && (u.ValidTo.IsZero() || !d.After(u.ValidTo))
}

// ActiveDuring reports whether the unit existed on some day of [from, to].
func (u *Unit) ActiveDuring(from, to Date) bool {
	return (u.ValidFrom.IsZero() || !to.Before(u.ValidFrom)) && (u.ValidTo.IsZero() || !from.After(u.ValidTo))
}

// UnitCycle returns the loop that the unit code is on, as "A → B → A", when following
// next from unit to unit (a unit's parent code, or its successor's), or "" when there
// is none. A loop further along that code only leads into is not code's: it is found
// from the units on it. The one check of both links, for the forms and the imports:
// a unit may not be above itself, nor succeed itself through others.
func UnitCycle(next map[string]string, code string) string {
	path := []string{code}
	seen := map[string]bool{code: true}
	for c := next[code]; c != ""; c = next[c] {
		if c == code {
			return strings.Join(append(path, c), " → ")
		}
		if seen[c] {
			return ""
		}
		seen[c] = true
		path = append(path, c)
	}
	return ""
}
