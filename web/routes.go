package web

import (
	"net/http"
	"slices"
	"strings"

	"loa"
)

// Access says who may use a route. The access-control tests iterate over Routes(),
// so a route added without a rule cannot slip through untested.
type Access struct {
	Public bool       // anyone, signed in or not
	Roles  []loa.Role // else: these roles only (empty: any signed-in user)
}

var (
	public    = Access{Public: true}
	signedIn  = Access{}
	staff     = Access{Roles: []loa.Role{loa.RoleAdmin, loa.RoleLeader, loa.RoleSecretary, loa.RoleEditor, loa.RoleViewer}}
	orgAdmin  = Access{Roles: []loa.Role{loa.RoleAdmin, loa.RoleSecretary}}
	adminOnly = Access{Roles: []loa.Role{loa.RoleAdmin}}
)

func roles(r ...loa.Role) Access { return Access{Roles: r} }

// Allows reports whether u (nil: anonymous) may use the route.
func (a Access) Allows(u *loa.User) bool {
	if a.Public {
		return true
	}
	if u == nil {
		return false
	}
	return len(a.Roles) == 0 || slices.Contains(a.Roles, u.Role)
}

// Route is one entry of the routing table.
type Route struct {
	Pattern string // a net/http pattern: "GET /app/units/{id}"
	Access  Access
}

// Method and Path split the pattern.
func (r Route) Method() string { m, _, _ := strings.Cut(r.Pattern, " "); return m }

// Path is the path part of the pattern.
func (r Route) Path() string { _, p, _ := strings.Cut(r.Pattern, " "); return p }

// Routes returns the routing table.
func (s *Server) Routes() []Route { return slices.Clone(s.routes) }

// handle registers h for pattern behind the access rule: anonymous users are sent to
// the login page (API callers get 401 JSON), signed-in users without the role get 403.
func (s *Server) handle(pattern string, a Access, h http.HandlerFunc) {
	s.routes = append(s.routes, Route{Pattern: pattern, Access: a})
	api := strings.Contains(pattern, " /api/")
	s.mux.Handle(pattern, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		setRoute(r, pattern)
		u := loa.UserFrom(r.Context())
		if !a.Allows(u) {
			switch {
			case u == nil && api:
				writeJSONError(w, http.StatusUnauthorized, "Cần đăng nhập hoặc mã truy cập (Authorization: Bearer).")
			case u == nil:
				http.Redirect(w, r, "/login?next="+urlQueryEscape(r.URL.RequestURI()), http.StatusSeeOther)
			default:
				s.renderError(w, r, loa.Errorf(loa.EFORBIDDEN, "Tài khoản của bạn không có quyền dùng chức năng này."))
			}
			return
		}
		h(w, r)
	}))
}

func (s *Server) registerRoutes() {
	// Infrastructure.
	s.handle("GET /healthz", public, s.healthz)
	s.handle("GET /metrics", public, s.metrics.handler().ServeHTTP)
	s.handle("GET /static/{file...}", public, s.static.serve)
	s.handle("GET /favicon.ico", public, s.static.favicon)

	// Signing in and out, language, own account.
	s.handle("GET /login", public, s.loginForm)
	s.handle("POST /login", public, s.login)
	s.handle("POST /logout", signedIn, s.logout)
	s.handle("POST /lang", public, s.setLang)
	s.handle("GET /app/account", signedIn, s.accountForm)
	s.handle("POST /app/account/password", signedIn, s.changePassword)

	// The back office.
	s.handle("GET /app", signedIn, s.appHome)

	s.handle("GET /app/units", staff, s.unitsList)
	s.handle("GET /app/units/new", orgAdmin, s.unitNew)
	s.handle("POST /app/units", orgAdmin, s.unitCreate)
	s.handle("GET /app/units/{id}", staff, s.unitShow)
	s.handle("GET /app/units/{id}/edit", orgAdmin, s.unitEdit)
	s.handle("POST /app/units/{id}", orgAdmin, s.unitUpdate)
	s.handle("POST /app/units/{id}/delete", orgAdmin, s.unitDelete)

	s.handle("GET /app/people", staff, s.peopleList)
	s.handle("GET /app/people/new", orgAdmin, s.personNew)
	s.handle("POST /app/people", orgAdmin, s.personCreate)
	s.handle("GET /app/people/{id}", staff, s.personShow)
	s.handle("GET /app/people/{id}/edit", orgAdmin, s.personEdit)
	s.handle("POST /app/people/{id}", orgAdmin, s.personUpdate)
	s.handle("POST /app/people/{id}/postings", orgAdmin, s.postingCreate)
	s.handle("POST /app/postings/{id}/end", orgAdmin, s.postingEnd)

	s.handle("GET /app/board", staff, s.boardList)
	s.handle("POST /app/board", orgAdmin, s.membershipCreate)
	s.handle("POST /app/board/{id}/end", orgAdmin, s.membershipEnd)

	s.handle("GET /app/contacts", signedIn, s.contactsList)
	s.handle("POST /app/contacts", orgAdmin, s.contactCreate)
	s.handle("POST /app/contacts/{id}/end", orgAdmin, s.contactEnd)

	s.handle("GET /app/users", adminOnly, s.usersList)
	s.handle("GET /app/users/new", adminOnly, s.userNew)
	s.handle("POST /app/users", adminOnly, s.userCreate)
	s.handle("GET /app/users/{id}/edit", adminOnly, s.userEdit)
	s.handle("POST /app/users/{id}", adminOnly, s.userUpdate)

	s.handle("GET /app/audit", roles(loa.RoleAdmin, loa.RoleSecretary), s.auditList)

	for _, register := range featureRoutes {
		register(s)
	}
}

// featureRoutes are the route registrations of the features built on the
// foundation (items, the public site, plans, reports …); each feature's file
// appends its own in an init function, so features never edit a shared file.
var featureRoutes []func(s *Server)

// navItem is one entry of the back office's main navigation.
type navItem struct {
	Order  int
	Label  string // Vietnamese; translated when shown
	Href   string
	Access Access
}

// nav is the back office's navigation, sorted by Order; features add theirs with addNav.
var nav = []navItem{
	{Order: 0, Label: "Trang làm việc", Href: "/app", Access: signedIn},
	{Order: 80, Label: "Đơn vị", Href: "/app/units", Access: staff},
	{Order: 81, Label: "Cán bộ", Href: "/app/people", Access: staff},
	{Order: 64, Label: "Thành viên Ban", Href: "/app/board", Access: staff},
	{Order: 83, Label: "Đầu mối", Href: "/app/contacts", Access: signedIn},
	{Order: 90, Label: "Nhật ký", Href: "/app/audit", Access: roles(loa.RoleAdmin, loa.RoleSecretary)},
	{Order: 91, Label: "Tài khoản", Href: "/app/users", Access: adminOnly},
	{Order: 79, Label: "Xem trang tin", Href: "/", Access: public},
}

// navGroups name the menus of the navigation; an entry belongs to the group whose
// range holds its Order, so a feature places its entry by choosing the number.
var navGroups = []struct {
	Until int // last Order of the group
	Label string
}{
	{9, ""}, // the workspace: a link of its own
	{19, "Tin bài"},
	{49, "Kế hoạch, báo cáo"},
	{69, "Ban tuyên truyền"},
	{79, "Trang tin"},
	{89, "Tổ chức"},
	{99, "Hệ thống"},
}

// navGroup is one menu of the navigation as a user sees it.
type navGroup struct {
	Label   string
	Items   []navItem
	Current bool
}

// navFor returns the menus and entries u may use; current marks the group of path.
func navFor(u *loa.User, path string) []navGroup {
	var out []navGroup
	for _, g := range navGroups {
		out = append(out, navGroup{Label: g.Label})
	}
	for _, n := range nav {
		if !n.Access.Allows(u) {
			continue
		}
		for i, g := range navGroups {
			if n.Order <= g.Until {
				out[i].Items = append(out[i].Items, n)
				if n.Href == path || (n.Href != "/app" && n.Href != "/" && strings.HasPrefix(path, n.Href+"/")) {
					out[i].Current = true
				}
				break
			}
		}
	}
	groups := out[:0]
	for _, g := range out {
		if len(g.Items) > 0 {
			groups = append(groups, g)
		}
	}
	return groups
}

// addNav adds a navigation entry (call it from a feature's init function).
func addNav(order int, label, href string, a Access) {
	nav = append(nav, navItem{Order: order, Label: label, Href: href, Access: a})
	slices.SortStableFunc(nav, func(a, b navItem) int { return a.Order - b.Order })
}
