package loa

import (
	"slices"
	"strings"
)

// Person is an official of the procuracy (or a named outside writer). Where a person
// works is kept in postings, so rotation between units keeps its history.
type Person struct {
	ID      int64
	Name    string
	Title   string // Kiểm sát viên, Chuyên viên …
	Phone   string
	Email   string
	Version int
	// Current posting, filled by list queries for display.
	UnitID   int64
	UnitName string
}

// Validate checks a person's fields.
func (p *Person) Validate() error {
	var v Validation
	p.Name = strings.TrimSpace(p.Name)
	v.Check(p.Name != "", "name", "Xin nhập họ tên.")
	v.Check(len(p.Name) <= 200, "name", "Họ tên quá dài.")
	v.Check(p.Email == "" || strings.Contains(p.Email, "@"), "email", "Địa chỉ thư không hợp lệ.")
	return v.Err()
}

// Posting says that a person worked in a unit, in a position, from a date to a date.
// Ending a posting sets To; it is never deleted, so history stays.
type Posting struct {
	ID         int64
	PersonID   int64
	PersonName string
	UnitID     int64
	UnitName   string
	Position   string
	From       Date
	To         Date
}

// Validate checks a posting.
func (p *Posting) Validate() error {
	var v Validation
	v.Check(p.PersonID > 0, "person_id", "Xin chọn người.")
	v.Check(p.UnitID > 0, "unit_id", "Xin chọn đơn vị.")
	v.Check(!p.From.IsZero(), "from", "Xin nhập ngày bắt đầu.")
	v.CheckSpan(p.From, p.To, "to")
	return v.Err()
}

// BoardRole is a person's role on the Propaganda Board.
type BoardRole string

// The Board roles.
const (
	BoardHead      BoardRole = "head"
	BoardDeputy    BoardRole = "deputy"
	BoardSecretary BoardRole = "secretary"
	BoardMember    BoardRole = "member"
)

// BoardRoles lists the Board roles in order of rank.
var BoardRoles = []BoardRole{BoardHead, BoardDeputy, BoardSecretary, BoardMember}

// Valid reports whether r is a known Board role.
func (r BoardRole) Valid() bool { return slices.Contains(BoardRoles, r) }

// Membership is a seat on the Board for a time. Consolidating the Board (kiện toàn)
// ends some memberships and starts others.
type Membership struct {
	ID         int64
	PersonID   int64
	PersonName string
	UnitName   string
	Role       BoardRole
	Duties     string
	From       Date
	To         Date
}

// Validate checks a membership.
func (m *Membership) Validate() error {
	var v Validation
	v.Check(m.PersonID > 0, "person_id", "Xin chọn người.")
	v.Check(m.Role.Valid(), "role", "Vai trò trong Ban không hợp lệ.")
	v.Check(!m.From.IsZero(), "from", "Xin nhập ngày bắt đầu.")
	v.CheckSpan(m.From, m.To, "to")
	return v.Err()
}

// Contact is a unit's contact person for communications (đầu mối) for a time.
type Contact struct {
	ID         int64
	UnitID     int64
	UnitCode   string
	UnitName   string
	PersonID   int64
	PersonName string
	Position   string // of the person's posting of today, filled by the site's query
	Phone      string
	Email      string
	From       Date
	To         Date
}

// Validate checks a contact.
func (c *Contact) Validate() error {
	var v Validation
	v.Check(c.UnitID > 0, "unit_id", "Xin chọn đơn vị.")
	v.Check(c.PersonID > 0, "person_id", "Xin chọn người.")
	v.Check(!c.From.IsZero(), "from", "Xin nhập ngày bắt đầu.")
	v.CheckSpan(c.From, c.To, "to")
	return v.Err()
}

// LeaderPosition reports whether a posting's position is a leader's (Viện trưởng,
// Phó Viện trưởng, Trưởng phòng, Phó Trưởng phòng, Chánh Văn phòng, Chánh Thanh tra
// …): the people the public organisation page names for each unit.
func LeaderPosition(position string) bool {
	f := " " + Fold(position) + " "
	return strings.Contains(f, " truong ") || strings.Contains(f, " chanh ")
}
