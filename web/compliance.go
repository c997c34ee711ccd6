package web

import (
	"context"
	"net/http"

	"loa"
	"loa/store"
)

// The compliance page lists what the rules for a state agency's site ask (Decree
// 42/2022/NĐ-CP on the information and functions of a state agency's site, Circular
// 26/2020/TT-BTTTT on accessibility) and says, for this instance, which are met and
// what content is still missing, so an agency can check its site before it goes live.

// requirement is one line of the compliance page.
type requirement struct {
	Name    string   // Vietnamese; translated when shown
	Basis   string   // the rule that asks for it
	Missing []string // what is missing (names, not translated: unit names, fields)
	Link    string   // where to fix it
}

// Met reports whether nothing is missing.
func (r requirement) Met() bool { return len(r.Missing) == 0 }

const decree42 = "Nghị định 42/2022/NĐ-CP"

// complianceChecks computes the requirements for this instance's data.
func (s *Server) complianceChecks(ctx context.Context) ([]requirement, error) {
	chrome, err := s.chrome(ctx)
	if err != nil {
		return nil, err
	}
	org, err := s.db.OrgInfo(ctx)
	if err != nil {
		return nil, err
	}
	var out []requirement
	add := func(name, basis, link string, missing ...string) {
		out = append(out, requirement{Name: name, Basis: basis, Link: link, Missing: missing})
	}
	when := func(cond bool, what string) []string {
		if cond {
			return []string{what}
		}
		return nil
	}

	// Accessibility is the software's: the browser tests hold every page to it.
	add("Khả năng truy cập: mục tiêu WCAG 2.1 mức AA", "Thông tư 26/2020/TT-BTTTT", "")

	about, err := s.db.SitePageBySlug(ctx, aboutSlug)
	if err != nil && loa.ErrorCode(err) != loa.ENOTFOUND {
		return nil, err
	}
	add("Trang giới thiệu có nội dung", decree42, "/app/site/about", when(err != nil || len(paragraphs(about.Body)) == 0, "Nội dung trang giới thiệu")...)
	add("Chức năng, nhiệm vụ, quyền hạn", decree42, "/app/site/about", when(len(paragraphs(org.Functions)) == 0, "Nội dung chức năng, nhiệm vụ, quyền hạn")...)

	units, err := s.db.Units(ctx)
	if err != nil {
		return nil, err
	}
	leaders, err := s.db.UnitLeaders(ctx)
	if err != nil {
		return nil, err
	}
	var noLeader []string
	today := loa.Today()
	for _, u := range units {
		if u.ActiveOn(today) && u.Kind != loa.UnitSupreme && len(leaders[u.ID]) == 0 {
			noLeader = append(noLeader, u.Name)
		}
	}
	add("Cơ cấu tổ chức với lãnh đạo của từng đơn vị", decree42, "/app/people", noLeader...)

	var contactGaps []string
	for _, f := range []struct{ v, name string }{{chrome.Address, "Địa chỉ"}, {chrome.Phone, "Điện thoại"}, {chrome.Fax, "Số fax"}, {chrome.Email, "Thư điện tử"}} {
		if f.v == "" {
			contactGaps = append(contactGaps, f.name)
		}
	}
	add("Địa chỉ, điện thoại, số fax, thư điện tử của cơ quan", decree42, "/app/site/about", contactGaps...)

	var speakerGaps []string
	if org.Spokesperson == 0 {
		speakerGaps = []string{"Người phát ngôn"}
	} else if p, err := s.db.SitePerson(ctx, org.Spokesperson); err != nil {
		return nil, err
	} else {
		speakerGaps = personGaps(p.Name, p.Position, p.Phone, p.Email)
	}
	add("Người phát ngôn: họ tên, chức vụ, điện thoại, thư điện tử", decree42, "/app/site/about", speakerGaps...)

	contacts, err := s.db.SiteContacts(ctx)
	if err != nil {
		return nil, err
	}
	var officerGaps []string
	if len(contacts) == 0 {
		officerGaps = []string{"Đầu mối liên hệ của các đơn vị"}
	}
	for _, c := range contacts {
		officerGaps = append(officerGaps, personGaps(c.PersonName+" ("+c.UnitName+")", c.Position, c.Phone, c.Email)...)
	}
	add("Cán bộ đầu mối: họ tên, chức vụ, đơn vị, điện thoại, thư điện tử", decree42, "/app/contacts", officerGaps...)

	add("Liên kết tới cổng thông tin của các cơ quan liên quan", decree42, "/app/site/about", when(len(org.Links) == 0, "Liên kết các cơ quan")...)
	var english []string
	if org.AboutEN == "" {
		english = append(english, "Giới thiệu (tiếng Anh)")
	}
	if org.FunctionsEN == "" {
		english = append(english, "Chức năng, nhiệm vụ, quyền hạn (tiếng Anh)")
	}
	add("Thông tin giới thiệu bằng tiếng Anh", decree42, "/app/site/about", english...)

	_, docs, err := s.db.Documents(ctx, true, store.Page{Number: 1, Size: 1})
	if err != nil {
		return nil, err
	}
	add("Văn bản chỉ đạo, điều hành công khai", decree42, "/app/documents", when(docs == 0, "Văn bản công khai")...)
	items, err := s.db.SiteItemCount(ctx)
	if err != nil {
		return nil, err
	}
	// The API, feed and sitemap are always served; they need published items to carry.
	noItems := when(items == 0, "Tin bài đã đăng")
	add("Dữ liệu mở: API tin bài (/api/v1/items)", decree42, "/api/v1/items", noItems...)
	add("Tin RSS (/feed.xml)", decree42, "/feed.xml", noItems...)
	add("Sơ đồ trang (/sitemap.xml)", decree42, "/sitemap.xml", noItems...)
	add("Bản in của tin bài, ngày cập nhật của các trang thông tin", decree42, "")
	return out, nil
}

// personGaps names what a contact person lacks of name, position, phone and e-mail.
func personGaps(who, position, phone, email string) []string {
	var out []string
	for _, f := range []struct{ v, what string }{{position, "chức vụ"}, {phone, "điện thoại"}, {email, "thư điện tử"}} {
		if f.v == "" {
			out = append(out, who+": thiếu "+f.what)
		}
	}
	return out
}

func (s *Server) compliancePage(w http.ResponseWriter, r *http.Request) {
	reqs, err := s.complianceChecks(r.Context())
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	met := 0
	for _, q := range reqs {
		if q.Met() {
			met++
		}
	}
	s.render(w, r, "app/site_compliance", &Page{Title: T(s.lang(r), "Yêu cầu đối với trang thông tin điện tử"),
		Data: map[string]any{"Requirements": reqs, "Met": met}})
}
