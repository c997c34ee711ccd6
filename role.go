package loa

import (
	"context"
	"slices"
)

// Role is what a user may do (DESIGN.md "Who uses it").
type Role string

// The roles, from most to least powerful.
const (
	RoleAdmin       Role = "admin"
	RoleLeader      Role = "leader"
	RoleSecretary   Role = "secretary"
	RoleEditor      Role = "editor"
	RoleContributor Role = "contributor"
	RoleViewer      Role = "viewer"
)

// Roles lists every role, in the order pick-lists show them.
var Roles = []Role{RoleAdmin, RoleLeader, RoleSecretary, RoleEditor, RoleContributor, RoleViewer}

// Valid reports whether r is a known role.
func (r Role) Valid() bool { return slices.Contains(Roles, r) }

// User is a person who signs in. A contributor belongs to one unit and sees only it.
type User struct {
	ID       int64
	Email    string
	Name     string
	Role     Role
	UnitID   int64 // 0 when the role is not tied to a unit
	UnitCode string
	UnitName string // the unit's name, shown beside its code
	Active   bool
	Lang     string
}

// Is reports whether u holds one of roles. A nil user holds none.
func (u *User) Is(roles ...Role) bool {
	return u != nil && slices.Contains(roles, u.Role)
}

// ManagesOrganisation: who creates and edits units, people, postings, the Board and contacts.
func (u *User) ManagesOrganisation() bool { return u.Is(RoleAdmin, RoleSecretary) }

// ReadsAudit: who may read the audit log.
func (u *User) ReadsAudit() bool { return u.Is(RoleAdmin, RoleSecretary) }

// ScopedToUnit reports whether u sees only its own unit's records; the store adds the
// unit to every query such a user makes, so a changed id in a URL finds nothing.
func (u *User) ScopedToUnit() bool { return u.Is(RoleContributor) }

type userKey struct{}

// WithUser returns ctx carrying u, the signed-in user on whose behalf work is done.
func WithUser(ctx context.Context, u *User) context.Context {
	return context.WithValue(ctx, userKey{}, u)
}

// UserFrom returns the user carried by ctx, or nil (the public, or the command line).
func UserFrom(ctx context.Context) *User {
	u, _ := ctx.Value(userKey{}).(*User)
	return u
}
