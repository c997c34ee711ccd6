package web

import (
	"fmt"
	"net/http"
	"slices"
	"strings"

	"loa"
	"loa/docx"
)

// Access says who may use a route. The access-control tests iterate over Routes(),
// so a route added without a rule cannot slip through untested.
type Access struct {
	Public bool       // anyone, signed in or not
	Roles  []loa.Role // else: these roles only (empty: any signed-in user)
}

func roles(r ...loa.Role) Access { return Access{Roles: r} }

// Who may do what (DESIGN.md "Who uses it"). Each rule is named once, here.
var (
	public    = Access{Public: true}
	signedIn  = Access{}
	staff     = roles(loa.RoleAdmin, loa.RoleLeader, loa.RoleSecretary, loa.RoleEditor, loa.RoleViewer)
	orgAdmin  = roles(loa.RoleAdmin, loa.RoleSecretary)
	adminOnly = roles(loa.RoleAdmin)
	// planners set plans, quotas, themes and assignments: the Board's secretary and admins.
	planners = orgAdmin
	// assignees move assignments on and link items: the unit's contributors (their own
	// unit's only, in SQL) and the Board's secretary and admins.
	assignees = roles(loa.RoleAdmin, loa.RoleSecretary, loa.RoleContributor)
	// writers create and edit items (each within loa.CanEdit's limits).
	writers = roles(loa.RoleAdmin, loa.RoleSecretary, loa.RoleEditor, loa.RoleContributor)
	// workers take part in the workflow: everyone but viewers.
	workers = roles(loa.RoleAdmin, loa.RoleLeader, loa.RoleSecretary, loa.RoleEditor, loa.RoleContributor)
	// meetingRunners hold the Board's meetings: its Head (the leader) chairs them,
	// the secretary keeps the minutes; they record conclusions and action items.
	meetingRunners = roles(loa.RoleAdmin, loa.RoleLeader, loa.RoleSecretary)
	// schedulers set the time an approved item goes on the site.
	schedulers = roles(loa.RoleAdmin, loa.RoleEditor)
	// reviewers have items waiting for them in the queue; a contributor's queue holds
	// its unit's returned items, which it opens but has no menu entry for.
	reviewers = roles(loa.RoleAdmin, loa.RoleLeader, loa.RoleSecretary, loa.RoleEditor)
	// drafters set what the official documents carry and write the report's sections:
	// the Board's leader and secretary, and admins (as store.SetDocSettings allows).
	drafters = roles(loa.RoleAdmin, loa.RoleLeader, loa.RoleSecretary)
)

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
	handler http.HandlerFunc
	menu    *menuEntry // the route's entry in the back office's navigation, if any
}

// Method and Path split the pattern.
func (r Route) Method() string { m, _, _ := strings.Cut(r.Pattern, " "); return m }

// Path is the path part of the pattern.
func (r Route) Path() string { _, p, _ := strings.Cut(r.Pattern, " "); return p }

// may reports whether u may use the route of pattern ("POST /app/meetings"), so that
// pages offer only the acts their reader may do; an unknown pattern is an error, which
// fails the page's rendering (and its tests) instead of hiding a button for good.
func (s *Server) may(u *loa.User, pattern string) (bool, error) {
	for _, rt := range s.routes {
		if rt.Pattern == pattern {
			return rt.Access.Allows(u), nil
		}
	}
	return false, fmt.Errorf("web: no route %q", pattern)
}

// Routes returns the routing table.
func (s *Server) Routes() []Route { return slices.Clone(s.routes) }

// routeTable is every route of loa, its handler and who may use it, in one list that
// reads top to bottom; menu(…) places a GET route in the back office's navigation,
// which therefore never shows a link its reader may not open.
func (s *Server) routeTable() []Route {
	return []Route{
		// Infrastructure.
		{Pattern: "GET /healthz", Access: public, handler: s.healthz},
		{Pattern: "GET /metrics", Access: public, handler: s.metrics.handler().ServeHTTP},
		{Pattern: "GET /static/{file...}", Access: public, handler: s.static.serve},
		{Pattern: "GET /favicon.ico", Access: public, handler: s.static.favicon},
		{Pattern: "GET /media/{id}", Access: public, handler: s.mediaServe},
		{Pattern: "GET /media/{id}/site", Access: public, handler: s.mediaServe},

		// Signing in and out, language, own account.
		{Pattern: "GET /login", Access: public, handler: s.loginForm},
		{Pattern: "POST /login", Access: public, handler: s.login},
		{Pattern: "GET /quen-mat-khau", Access: public, handler: s.forgotForm},
		{Pattern: "POST /quen-mat-khau", Access: public, handler: s.forgotSend},
		{Pattern: "GET /dat-lai-mat-khau", Access: public, handler: s.resetForm},
		{Pattern: "POST /dat-lai-mat-khau", Access: public, handler: s.resetPassword},
		{Pattern: "POST /logout", Access: signedIn, handler: s.logout},
		{Pattern: "POST /lang", Access: public, handler: s.setLang},
		{Pattern: "GET /app/account", Access: signedIn, handler: s.accountForm},
		{Pattern: "POST /app/account/password", Access: signedIn, handler: s.changePassword},

		// The workspace.
		{Pattern: "GET /app", Access: signedIn, handler: s.appHome, menu: menu(0, "Trang làm việc")},

		// Items: lists, the editor, the workflow, publications.
		{Pattern: "GET /app/items", Access: signedIn, handler: s.itemsList, menu: menu(10, "Tin bài")},
		{Pattern: "GET /app/items/queue", Access: roles(append(reviewers.Roles, loa.RoleContributor)...), handler: s.itemsQueue,
			menu: menuFor(11, "Chờ xử lý", reviewers)},
		{Pattern: "GET /app/items/panel", Access: signedIn, handler: s.itemsPanel},
		{Pattern: "POST /app/items/settings", Access: adminOnly, handler: s.itemsSettings},
		{Pattern: "GET /app/items/new", Access: writers, handler: s.itemNew},
		{Pattern: "POST /app/items", Access: writers, handler: s.itemCreate},
		{Pattern: "GET /app/items/{id}", Access: signedIn, handler: s.itemShow},
		{Pattern: "GET /app/items/{id}/edit", Access: writers, handler: s.itemEdit},
		{Pattern: "POST /app/items/{id}", Access: writers, handler: s.itemUpdate},
		{Pattern: "POST /app/items/{id}/delete", Access: writers, handler: s.itemDelete},
		{Pattern: "POST /app/items/{id}/transition", Access: workers, handler: s.itemTransition},
		{Pattern: "POST /app/items/{id}/schedule", Access: schedulers, handler: s.itemSchedule},
		{Pattern: "POST /app/items/{id}/approve-publish", Access: schedulers, handler: s.approvePublish},
		{Pattern: "POST /app/items/{id}/comments", Access: workers, handler: s.itemComment},
		{Pattern: "GET /app/items/{id}/diff", Access: signedIn, handler: s.itemDiff},
		{Pattern: "GET /app/items/{id}/preview", Access: signedIn, handler: s.itemPreview},
		{Pattern: "POST /app/items/{id}/pictures", Access: writers, handler: s.itemPicture},
		{Pattern: "POST /app/items/{id}/publications", Access: writers, handler: s.publicationCreate},
		{Pattern: "GET /app/publications/{id}/edit", Access: writers, handler: s.publicationEdit},
		{Pattern: "POST /app/publications/{id}", Access: writers, handler: s.publicationUpdate},
		{Pattern: "POST /app/publications/{id}/delete", Access: writers, handler: s.publicationDelete},
		{Pattern: "GET /app/publications/pending", Access: confirmers, handler: s.publicationsPending, menu: menu(14, "Kết quả đăng chờ xác nhận")},
		{Pattern: "POST /app/publications/decide", Access: confirmers, handler: s.publicationsDecide},
		{Pattern: "GET /app/assignments", Access: signedIn, handler: s.assignmentsList, menu: menu(12, "Nhiệm vụ tuyên truyền")},
		{Pattern: "GET /app/assignments/mine", Access: signedIn, handler: s.assignmentsMine},
		{Pattern: "GET /app/assignments/new", Access: planners, handler: s.assignmentNew},
		{Pattern: "POST /app/assignments", Access: planners, handler: s.assignmentCreate},
		{Pattern: "GET /app/assignments/{id}", Access: signedIn, handler: s.assignmentShow},
		{Pattern: "POST /app/assignments/{id}/state", Access: assignees, handler: s.assignmentMove},
		{Pattern: "POST /app/assignments/{id}/item", Access: assignees, handler: s.assignmentLink},
		{Pattern: "GET /app/calendar", Access: signedIn, handler: s.calendar, menu: menu(13, "Lịch")},
		{Pattern: "GET /app/search", Access: signedIn, handler: s.appSearch, menu: menu(15, "Tìm kiếm")},

		// Plans, progress, reports.
		{Pattern: "GET /app/dashboard", Access: signedIn, handler: s.dashboard, menu: menu(20, "Tiến độ")},
		{Pattern: "GET /app/dashboard/units/{id}", Access: signedIn, handler: s.dashboardUnit},
		{Pattern: "GET /app/plans", Access: staff, handler: s.plansList, menu: menu(21, "Kế hoạch")},
		{Pattern: "POST /app/plans", Access: planners, handler: s.planCreate},
		{Pattern: "GET /app/plans/{id}", Access: staff, handler: s.planShow},
		{Pattern: "POST /app/plans/{id}", Access: planners, handler: s.planUpdate},
		{Pattern: "GET /app/quotas", Access: staff, handler: s.quotaGrid, menu: menu(22, "Chỉ tiêu")},
		{Pattern: "POST /app/quotas", Access: planners, handler: s.quotaGridSave},
		{Pattern: "GET /app/themes", Access: staff, handler: s.themesList, menu: menu(23, "Chủ đề")},
		{Pattern: "POST /app/themes", Access: planners, handler: s.themeCreate},
		{Pattern: "POST /app/themes/{id}/delete", Access: planners, handler: s.themeDelete},
		{Pattern: "GET /app/themes/{id}", Access: staff, handler: s.themeShow},
		{Pattern: "POST /app/themes/{id}/code", Access: planners, handler: s.themeSetCode},
		{Pattern: "GET /app/import", Access: orgAdmin, handler: s.importForm, menu: menu(25, "Nhập dữ liệu")},
		{Pattern: "POST /app/import", Access: orgAdmin, handler: s.importUpload},
		{Pattern: "GET /app/import/mau/{kind}", Access: orgAdmin, handler: s.importTemplate},
		{Pattern: "GET /app/reports", Access: staff, handler: s.reportPage, menu: menu(30, "Báo cáo")},
		{Pattern: "POST /app/reports/close", Access: drafters, handler: s.reportClose},
		{Pattern: "POST /app/reports/reopen", Access: adminOnly, handler: s.reportReopen},
		{Pattern: "GET /app/reports/export", Access: staff, handler: s.reportExport},
		{Pattern: "GET /app/reports/docx", Access: staff, handler: s.reportDocx},
		{Pattern: "GET /app/reports/narrative", Access: drafters, handler: s.narrativeForm},
		{Pattern: "POST /app/reports/narrative", Access: drafters, handler: s.narrativeSave},
		{Pattern: "GET /app/reports/ranking", Access: staff, handler: s.rankingPage, menu: menu(31, "Xếp hạng tháng")},

		// The Board: emulation and rewards, press awards, meetings, members.
		{Pattern: "GET /app/emulation", Access: staff, handler: s.emulationList, menu: menu(60, "Thi đua, khen thưởng")},
		{Pattern: "GET /app/emulation/new", Access: orgAdmin, handler: s.emulationNew},
		{Pattern: "POST /app/emulation", Access: orgAdmin, handler: s.emulationCreate},
		{Pattern: "GET /app/emulation/{id}", Access: staff, handler: s.emulationShow},
		{Pattern: "GET /app/emulation/{id}/edit", Access: orgAdmin, handler: s.emulationEdit},
		{Pattern: "POST /app/emulation/{id}", Access: orgAdmin, handler: s.emulationUpdate},
		{Pattern: "POST /app/emulation/{id}/nominations", Access: orgAdmin, handler: s.nominationCreate},
		{Pattern: "GET /app/emulation/{id}/nominations.xlsx", Access: staff, handler: s.nominationsExport},
		{Pattern: "GET /app/emulation/{id}/proposal", Access: staff, handler: s.emulationDocument(docx.RewardProposal, "to-trinh-khen-thuong")},
		{Pattern: "GET /app/emulation/{id}/decision", Access: staff, handler: s.emulationDocument(docx.RewardDecision, "quyet-dinh-khen-thuong")},
		{Pattern: "GET /app/nominations/{id}", Access: staff, handler: s.nominationShow},
		{Pattern: "POST /app/nominations/{id}/status", Access: orgAdmin, handler: s.nominationStatus},
		{Pattern: "GET /app/awards", Access: staff, handler: s.awardList, menu: menu(61, "Tác phẩm dự giải")},
		{Pattern: "GET /app/awards/new", Access: orgAdmin, handler: s.awardNew},
		{Pattern: "POST /app/awards", Access: orgAdmin, handler: s.awardCreate},
		{Pattern: "GET /app/awards/{id}", Access: staff, handler: s.awardShow},
		{Pattern: "GET /app/awards/{id}/edit", Access: orgAdmin, handler: s.awardEdit},
		{Pattern: "POST /app/awards/{id}", Access: orgAdmin, handler: s.awardUpdate},
		{Pattern: "POST /app/awards/{id}/status", Access: orgAdmin, handler: s.awardStatus},
		{Pattern: "GET /app/meetings", Access: staff, handler: s.meetingList, menu: menu(62, "Họp Ban")},
		{Pattern: "GET /app/meetings/new", Access: meetingRunners, handler: s.meetingNew},
		{Pattern: "POST /app/meetings", Access: meetingRunners, handler: s.meetingCreate},
		{Pattern: "GET /app/meetings/{id}", Access: staff, handler: s.meetingShow},
		{Pattern: "GET /app/meetings/{id}/edit", Access: meetingRunners, handler: s.meetingEdit},
		{Pattern: "GET /app/meetings/{id}/conclusion", Access: staff, handler: s.meetingConclusion},
		{Pattern: "POST /app/meetings/{id}", Access: meetingRunners, handler: s.meetingUpdate},
		{Pattern: "POST /app/meetings/{id}/actions", Access: meetingRunners, handler: s.actionCreate},
		{Pattern: "POST /app/actions/{id}/status", Access: meetingRunners, handler: s.actionStatus},
		// Contributors too: each sees its own unit's open items (the store scopes it).
		{Pattern: "GET /app/actions", Access: signedIn, handler: s.actionList, menu: menu(63, "Việc được giao")},
		{Pattern: "GET /app/board", Access: staff, handler: s.boardList, menu: menu(64, "Thành viên Ban")},
		{Pattern: "POST /app/board", Access: orgAdmin, handler: s.membershipCreate},
		{Pattern: "GET /app/board/decision", Access: staff, handler: s.boardDecision},
		{Pattern: "POST /app/board/{id}/end", Access: orgAdmin, handler: s.membershipEnd},

		// The site as the back office runs it.
		{Pattern: "GET /app/channels", Access: orgAdmin, handler: s.channelsList, menu: menu(70, "Kênh đăng")},
		{Pattern: "GET /app/channels/new", Access: orgAdmin, handler: s.channelNew},
		{Pattern: "POST /app/channels", Access: orgAdmin, handler: s.channelCreate},
		{Pattern: "GET /app/channels/{id}/edit", Access: orgAdmin, handler: s.channelEdit},
		{Pattern: "POST /app/channels/{id}", Access: orgAdmin, handler: s.channelUpdate},
		{Pattern: "GET /app/documents", Access: orgAdmin, handler: s.documentsList, menu: menu(72, "Văn bản")},
		{Pattern: "GET /app/documents/new", Access: orgAdmin, handler: s.documentNew},
		{Pattern: "POST /app/documents", Access: orgAdmin, handler: s.documentCreate},
		{Pattern: "GET /app/documents/{id}/edit", Access: orgAdmin, handler: s.documentEdit},
		{Pattern: "POST /app/documents/{id}", Access: orgAdmin, handler: s.documentUpdate},
		{Pattern: "POST /app/documents/{id}/delete", Access: orgAdmin, handler: s.documentDelete},
		{Pattern: "GET /app/documents/{id}/file", Access: orgAdmin, handler: s.documentFile},
		{Pattern: "GET /app/site", Access: orgAdmin, handler: s.siteAdmin, menu: menu(73, "Trang tin điện tử")},
		{Pattern: "GET /app/site/sections/new", Access: orgAdmin, handler: s.sectionNew},
		{Pattern: "POST /app/site/sections", Access: orgAdmin, handler: s.sectionCreate},
		{Pattern: "GET /app/site/sections/{id}/edit", Access: orgAdmin, handler: s.sectionEdit},
		{Pattern: "POST /app/site/sections/{id}", Access: orgAdmin, handler: s.sectionUpdate},
		{Pattern: "POST /app/site/sections/{id}/delete", Access: orgAdmin, handler: s.sectionDelete},
		{Pattern: "POST /app/site/menu", Access: orgAdmin, handler: s.menuCreate},
		{Pattern: "POST /app/site/menu/{id}", Access: orgAdmin, handler: s.menuUpdate},
		{Pattern: "POST /app/site/menu/{id}/delete", Access: orgAdmin, handler: s.menuDelete},
		{Pattern: "GET /app/site/about", Access: orgAdmin, handler: s.aboutForm},
		{Pattern: "POST /app/site/about", Access: orgAdmin, handler: s.aboutSave},
		{Pattern: "POST /app/site/views", Access: adminOnly, handler: s.siteViewsSetting},
		{Pattern: "GET /app/site/compliance", Access: adminOnly, handler: s.compliancePage, menu: menu(74, "Kiểm tra yêu cầu")},

		// The organisation.
		{Pattern: "GET /app/units", Access: staff, handler: s.unitsList, menu: menu(80, "Đơn vị")},
		{Pattern: "GET /app/units/new", Access: orgAdmin, handler: s.unitNew},
		{Pattern: "POST /app/units", Access: orgAdmin, handler: s.unitCreate},
		{Pattern: "GET /app/units/{id}", Access: staff, handler: s.unitShow},
		{Pattern: "GET /app/units/{id}/edit", Access: orgAdmin, handler: s.unitEdit},
		{Pattern: "POST /app/units/{id}", Access: orgAdmin, handler: s.unitUpdate},
		{Pattern: "POST /app/units/{id}/delete", Access: orgAdmin, handler: s.unitDelete},
		{Pattern: "GET /app/people", Access: staff, handler: s.peopleList, menu: menu(81, "Cán bộ")},
		{Pattern: "GET /app/people/new", Access: orgAdmin, handler: s.personNew},
		{Pattern: "POST /app/people", Access: orgAdmin, handler: s.personCreate},
		{Pattern: "GET /app/people/{id}", Access: staff, handler: s.personShow},
		{Pattern: "GET /app/people/{id}/edit", Access: orgAdmin, handler: s.personEdit},
		{Pattern: "POST /app/people/{id}", Access: orgAdmin, handler: s.personUpdate},
		{Pattern: "POST /app/people/{id}/postings", Access: orgAdmin, handler: s.postingCreate},
		{Pattern: "POST /app/postings/{id}/end", Access: orgAdmin, handler: s.postingEnd},
		{Pattern: "GET /app/contacts", Access: signedIn, handler: s.contactsList, menu: menu(83, "Đầu mối")},
		{Pattern: "POST /app/contacts", Access: orgAdmin, handler: s.contactCreate},
		{Pattern: "POST /app/contacts/{id}/end", Access: orgAdmin, handler: s.contactEnd},

		// The system.
		{Pattern: "GET /app/audit", Access: orgAdmin, handler: s.auditList, menu: menu(90, "Nhật ký")},
		{Pattern: "GET /app/users", Access: adminOnly, handler: s.usersList, menu: menu(91, "Tài khoản")},
		{Pattern: "GET /app/users/new", Access: adminOnly, handler: s.userNew},
		{Pattern: "POST /app/users", Access: adminOnly, handler: s.userCreate},
		{Pattern: "GET /app/users/{id}/edit", Access: adminOnly, handler: s.userEdit},
		{Pattern: "POST /app/users/{id}", Access: adminOnly, handler: s.userUpdate},
		{Pattern: "GET /app/tokens", Access: adminOnly, handler: s.tokensList, menu: menu(92, "Mã truy cập API")},
		{Pattern: "POST /app/tokens", Access: adminOnly, handler: s.tokenCreate},
		{Pattern: "POST /app/tokens/{id}/revoke", Access: adminOnly, handler: s.tokenRevoke},
		{Pattern: "GET /app/settings/documents", Access: drafters, handler: s.docSettingsForm, menu: menu(93, "Thông tin văn bản")},
		{Pattern: "POST /app/settings/documents", Access: drafters, handler: s.docSettingsSave},

		// The JSON API.
		{Pattern: "GET /api/v1/report", Access: signedIn, handler: s.apiReport},
		{Pattern: "GET /api/v1/search", Access: public, handler: s.apiSearch},
		{Pattern: "GET /api/v1/items", Access: public, handler: s.apiItems},

		// The public site; its pages are kept in the page cache (cache.go).
		{Pattern: "GET /{$}", Access: public, handler: s.withOldQueries(s.cached(s.siteHome)), menu: menu(79, "Xem trang tin")},
		{Pattern: "GET /tin-moi", Access: public, handler: s.cached(s.siteLatest)},
		{Pattern: "GET /chuyen-muc/{slug}", Access: public, handler: s.cached(s.siteSection)},
		{Pattern: "GET /tin/{slugid}", Access: public, handler: s.countViews(s.cached(s.siteItem))},
		{Pattern: "GET /don-vi/{code}", Access: public, handler: s.cached(s.siteUnit)},
		{Pattern: "GET /gioi-thieu", Access: public, handler: s.cached(s.siteAbout)},
		{Pattern: "GET /to-chuc", Access: public, handler: s.cached(s.siteOrg)},
		{Pattern: "GET /to-chuc/{code}", Access: public, handler: s.cached(s.siteOrgUnit)},
		{Pattern: "GET /lien-he", Access: public, handler: s.cached(s.siteContacts)},
		{Pattern: "GET /trang/{slug}", Access: public, handler: s.cached(s.sitePage)},
		{Pattern: "GET /van-ban", Access: public, handler: s.cached(s.siteDocuments)},
		{Pattern: "GET /van-ban/{id}/tep", Access: public, handler: s.siteDocumentFile},
		{Pattern: "GET /tim-kiem", Access: public, handler: s.siteSearch},
		{Pattern: "GET /feed.xml", Access: public, handler: s.cached(s.siteFeed)},
		{Pattern: "GET /sitemap.xml", Access: public, handler: s.cached(s.siteSitemap)},
		{Pattern: "GET /sitemap/{file}", Access: public, handler: s.cached(s.siteSitemapPart)},
		// Anything else: the site's 404 page (the back office's under /app).
		{Pattern: "GET /", Access: public, handler: s.siteNotFound},
	}
}

// registerRoutes puts the route table on the mux, each handler behind its access rule:
// anonymous users are sent to the login page (API callers get 401 JSON), signed-in
// users without the role get 403.
func (s *Server) registerRoutes() {
	s.routes = s.routeTable()
	for _, rt := range s.routes {
		pattern, a, h := rt.Pattern, rt.Access, rt.handler
		api := strings.Contains(pattern, " /api/")
		m := &routeMetrics{pattern: pattern}
		s.mux.Handle(pattern, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			setRoute(w, m)
			u := loa.UserFrom(r.Context())
			if !a.Allows(u) {
				switch {
				case u == nil && api:
					writeJSONError(w, http.StatusUnauthorized, "Cần đăng nhập hoặc mã truy cập (Authorization: Bearer).")
				case u == nil && stashes(pattern):
					// A session that ended mid-edit: the text is kept (session_stash.go).
					next := s.stashForm(w, r)
					if next == "" {
						next = r.URL.RequestURI()
					}
					http.Redirect(w, r, "/login?next="+urlQueryEscape(next), http.StatusSeeOther)
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
}

// menuEntry places a route in the back office's navigation.
type menuEntry struct {
	Order int    // its place; navGroups turn ranges of it into menus
	Label string // Vietnamese; translated when shown
	// Only narrows who sees the entry below who may open the route (never widens it).
	Only Access
}

func menu(order int, label string) *menuEntry { return &menuEntry{Order: order, Label: label} }

func menuFor(order int, label string, only Access) *menuEntry {
	return &menuEntry{Order: order, Label: label, Only: only}
}

// navItem is one entry of the navigation as a user sees it.
type navItem struct {
	Label string
	Href  string
}

// navGroups name the menus of the navigation; an entry belongs to the group whose
// range holds its Order.
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

// navFor returns the menus and entries u may open, from the routes that carry a menu
// entry; current marks the group of path.
func (s *Server) navFor(u *loa.User, path string) []navGroup {
	out := make([]navGroup, len(navGroups))
	for i, g := range navGroups {
		out[i].Label = g.Label
	}
	for _, rt := range s.menu {
		m := rt.menu
		if !rt.Access.Allows(u) || (len(m.Only.Roles) > 0 && !m.Only.Allows(u)) {
			continue
		}
		href := strings.TrimSuffix(rt.Path(), "{$}")
		for i, g := range navGroups {
			if m.Order <= g.Until {
				out[i].Items = append(out[i].Items, navItem{Label: m.Label, Href: href})
				if href == path || (href != "/app" && href != "/" && strings.HasPrefix(path, href+"/")) {
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

// menuRoutes are the routes with a menu entry, in the navigation's order.
func menuRoutes(routes []Route) []Route {
	var out []Route
	for _, rt := range routes {
		if rt.menu != nil {
			if rt.Method() != http.MethodGet || strings.Contains(strings.TrimSuffix(rt.Path(), "{$}"), "{") {
				panic("web: a menu entry needs a GET route without wildcards: " + rt.Pattern)
			}
			out = append(out, rt)
		}
	}
	slices.SortStableFunc(out, func(a, b Route) int { return a.menu.Order - b.menu.Order })
	return out
}
