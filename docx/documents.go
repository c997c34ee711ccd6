package docx

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"loa"
	"loa/store"
)

// The Board's other documents: the conclusion notice of a meeting, the reward
// proposal and decision of an emulation period, and the decision consolidating the
// Board. Each is written from the data in the same layout as the report (Doc), with
// the document settings' agency, signer and recipients.

// lines are the non-blank lines of s, each a paragraph.
func lines(s string) []string {
	var out []string
	for _, l := range strings.Split(strings.ReplaceAll(s, "\r\n", "\n"), "\n") {
		if l = strings.TrimSpace(l); l != "" {
			out = append(out, l)
		}
	}
	return out
}

// names joins names as a sentence lists them: "A, B và C".
func names(ns []string) string {
	switch len(ns) {
	case 0:
		return ""
	case 1:
		return ns[0]
	}
	return strings.Join(ns[:len(ns)-1], ", ") + " và " + ns[len(ns)-1]
}

// numbered adds a leading order number (STT) column to rows: in the documents'
// lists of people the names are short and the number is what the text refers to.
func numbered(rows [][]string) [][]string {
	out := make([][]string, len(rows))
	for i, r := range rows {
		out[i] = append([]string{strconv.Itoa(i + 1)}, r...)
	}
	return out
}

// Conclusion is the Thông báo kết luận of a Board meeting: when and where it was
// held, who chaired and attended, the conclusions, and the action items with their
// owners and due dates.
func Conclusion(m *store.Meeting, s Settings, made loa.Date) *Doc {
	if made.IsZero() {
		made = loa.Today()
	}
	d := &Doc{Kind: "THÔNG BÁO", Date: made,
		Summary: "Kết luận cuộc họp Ban tuyên truyền ngày " + m.HeldOn.Display()}
	s.Apply(d, "TB")
	where := ""
	if p := strings.TrimSpace(m.Place); p != "" {
		where = ", tại " + p
	}
	var attendees []string
	for _, a := range m.Attendees {
		if a.PersonID != m.ChairID {
			attendees = append(attendees, a.Name)
		}
	}
	open := fmt.Sprintf("Ngày %s%s, Ban tuyên truyền %s họp về %s. Đồng chí %s chủ trì cuộc họp.",
		m.HeldOn.Display(), where, s.Agency, lowerFirst(m.Title), m.ChairName)
	if len(attendees) > 0 {
		open += " Tham dự có các đồng chí " + names(attendees) + "."
	}
	d.Body = append(d.Body, Para{Text: open},
		Para{Text: fmt.Sprintf("Sau khi nghe báo cáo và ý kiến của các thành viên, đồng chí %s kết luận như sau:", m.ChairName)})
	if c := lines(m.Conclusions); len(c) > 0 {
		d.Body = append(d.Body, Heading{"1. Kết luận"}, Para{Text: strings.Join(c, "\n")})
	} else {
		d.Body = append(d.Body, Heading{"1. Kết luận"}, Para{Text: "Cuộc họp chưa ghi kết luận."})
	}
	d.Body = append(d.Body, Heading{"2. Phân công thực hiện"})
	if !slices.ContainsFunc(m.Actions, func(a *store.ActionItem) bool { return a.Status != store.ActionCancelled }) {
		d.Body = append(d.Body, Para{Text: "Cuộc họp không giao việc cụ thể."})
	} else {
		t := Table{Header: []string{"STT", "Nội dung công việc", "Đơn vị, người thực hiện", "Thời hạn"}, Widths: []int{2, 14, 9, 5},
			Right: []bool{true}}
		var rows [][]string
		for _, a := range m.Actions {
			if a.Status == store.ActionCancelled {
				continue // cancelled since: not what the notice assigns
			}
			due := "Thường xuyên"
			if !a.Due.IsZero() {
				due = a.Due.Display()
			}
			rows = append(rows, []string{a.Title, a.Owner(), due})
		}
		t.Rows = numbered(rows)
		d.Body = append(d.Body, t)
	}
	d.Body = append(d.Body, Para{Text: "Ban tuyên truyền thông báo để các đơn vị, cá nhân liên quan biết và thực hiện./."})
	return d
}

// lowerFirst lowers the first letter of a title put inside a sentence.
func lowerFirst(s string) string {
	s = strings.TrimSpace(s)
	r := []rune(s)
	if len(r) > 1 && !strings.ContainsRune("ABCDEFGHIJKLMNOPQRSTUVWXYZ", r[1]) { // keep acronyms
		return strings.ToLower(string(r[:1])) + string(r[1:])
	}
	return s
}

// Rewarded are the nominations a reward document lists: those approved (or already
// given), in the order they came.
func Rewarded(ns []*loa.Nomination) []*loa.Nomination {
	var out []*loa.Nomination
	for _, n := range ns {
		if n.Status == loa.NominationApproved || n.Status == loa.NominationGiven {
			out = append(out, n)
		}
	}
	return out
}

// rewardTable lists the rewarded: who (a person or a unit), their unit, the form
// of reward and the achievement it is given for.
func rewardTable(ns []*loa.Nomination) Table {
	t := Table{Header: []string{"STT", "Cá nhân, tập thể", "Đơn vị", "Hình thức khen thưởng", "Thành tích"}, Widths: []int{2, 9, 8, 7, 12},
		Right: []bool{true}}
	var rows [][]string
	for _, n := range ns {
		who, unit := n.Nominee(), n.UnitName
		if n.PersonID == 0 {
			who, unit = "Tập thể "+n.UnitName, ""
		}
		rows = append(rows, []string{who, unit, n.Reward, n.Reason})
	}
	t.Rows = numbered(rows)
	return t
}

// counts says how many people and units are rewarded: "3 cá nhân và 1 tập thể".
func counts(ns []*loa.Nomination) string {
	people, units := 0, 0
	for _, n := range ns {
		if n.PersonID != 0 {
			people++
		} else {
			units++
		}
	}
	var parts []string
	if people > 0 {
		parts = append(parts, fmt.Sprintf("%d cá nhân", people))
	}
	if units > 0 {
		parts = append(parts, fmt.Sprintf("%d tập thể", units))
	}
	return names(parts)
}

// head is the head of the agency as a decision names its authority: "VIỆN TRƯỞNG
// VIỆN KIỂM SÁT NHÂN DÂN TỈNH THÁI BÌNH".
func head(s Settings) string { return "VIỆN TRƯỞNG " + upper(s.Agency) }

// RewardProposal is the Tờ trình asking the head of the agency to reward the
// approved nominations of an emulation period.
func RewardProposal(p *loa.EmulationPeriod, ns []*loa.Nomination, s Settings, made loa.Date) *Doc {
	if made.IsZero() {
		made = loa.Today()
	}
	ns = Rewarded(ns)
	d := &Doc{Kind: "TỜ TRÌNH", Date: made, Summary: "Về việc đề nghị khen thưởng " + lowerFirst(p.Name)}
	s.Apply(d, "TTr")
	d.Body = append(d.Body, Para{Text: "Kính gửi: Viện trưởng " + s.Agency + "."},
		Para{Text: fmt.Sprintf("Căn cứ kết quả %s (từ ngày %s đến ngày %s) và đề nghị của các đơn vị, Ban tuyên truyền đã xét và thống nhất đề nghị khen thưởng.",
			lowerFirst(p.Name), p.From.Display(), p.To.Display())})
	if len(ns) == 0 {
		d.Body = append(d.Body, Para{Text: "Kỳ thi đua này chưa có đề nghị khen thưởng nào được duyệt."})
	} else {
		d.Body = append(d.Body, Para{Text: fmt.Sprintf("Ban tuyên truyền kính đề nghị Viện trưởng xem xét, khen thưởng %s có thành tích sau:", counts(ns))},
			rewardTable(ns))
	}
	d.Body = append(d.Body, Para{Text: "Kính trình Viện trưởng xem xét, quyết định./."})
	return d
}

// RewardDecision is the Quyết định khen thưởng of the approved nominations: the
// authority, the grounds, and the articles, the list of the rewarded in article 1.
// Its signer is the head of the agency.
func RewardDecision(p *loa.EmulationPeriod, ns []*loa.Nomination, s Settings, made loa.Date) *Doc {
	if made.IsZero() {
		made = loa.Today()
	}
	ns = Rewarded(ns)
	d := &Doc{Kind: "QUYẾT ĐỊNH", Date: made, Summary: "Về việc khen thưởng " + lowerFirst(p.Name)}
	s.Apply(d, "QĐ")
	d.Body = append(d.Body, Center{head(s)},
		Para{Text: "Căn cứ Luật Thi đua, khen thưởng năm 2022 và các văn bản hướng dẫn thi hành;", Italic: true},
		Para{Text: "Căn cứ Quy chế công tác thi đua, khen thưởng trong ngành Kiểm sát nhân dân;", Italic: true},
		Para{Text: "Xét đề nghị của Ban tuyên truyền " + s.Agency + ".", Italic: true},
		Center{"QUYẾT ĐỊNH:"})
	if len(ns) == 0 {
		d.Body = append(d.Body, Para{Text: "Điều 1. Kỳ thi đua " + p.Name + " chưa có đề nghị khen thưởng nào được duyệt."})
	} else {
		d.Body = append(d.Body, Para{Text: fmt.Sprintf("Điều 1. Khen thưởng %s đã có thành tích trong %s (danh sách dưới đây):", counts(ns), lowerFirst(p.Name))},
			rewardTable(ns))
	}
	d.Body = append(d.Body,
		Para{Text: "Điều 2. Quyết định có hiệu lực kể từ ngày ký."},
		Para{Text: "Điều 3. Ban tuyên truyền, Văn phòng, thủ trưởng các đơn vị và các cá nhân, tập thể có tên tại Điều 1 chịu trách nhiệm thi hành Quyết định này./."})
	d.Recipients = append([]string{"Như Điều 3"}, withoutHead(d.Recipients)...)
	return d
}

// BoardRoleNames name the Board's roles as a decision writes them.
var BoardRoleNames = map[loa.BoardRole]string{
	loa.BoardHead: "Trưởng ban", loa.BoardDeputy: "Phó Trưởng ban", loa.BoardSecretary: "Thư ký", loa.BoardMember: "Thành viên",
}

// BoardDecision is the Quyết định kiện toàn Ban tuyên truyền: the Board as its
// memberships stand on day on (the store's order: by rank, then name), each
// member's role and duties.
func BoardDecision(members []*loa.Membership, on loa.Date, s Settings, made loa.Date) *Doc {
	if made.IsZero() {
		made = loa.Today()
	}
	d := &Doc{Kind: "QUYẾT ĐỊNH", Date: made, Summary: "Về việc kiện toàn Ban tuyên truyền " + s.Agency}
	s.Apply(d, "QĐ")
	d.Body = append(d.Body, Center{head(s)},
		Para{Text: "Căn cứ Luật Tổ chức Viện kiểm sát nhân dân;", Italic: true},
		Para{Text: "Căn cứ Chỉ thị về công tác tuyên truyền trong ngành Kiểm sát nhân dân;", Italic: true},
		Para{Text: "Xét yêu cầu công tác tuyên truyền của đơn vị.", Italic: true},
		Center{"QUYẾT ĐỊNH:"})
	if len(members) == 0 {
		d.Body = append(d.Body, Para{Text: fmt.Sprintf("Điều 1. Ngày %s, Ban tuyên truyền chưa có thành viên nào được ghi nhận.", on.Display())})
	} else {
		d.Body = append(d.Body, Para{Text: fmt.Sprintf("Điều 1. Kiện toàn Ban tuyên truyền %s (từ ngày %s) gồm %d đồng chí có tên sau:", s.Agency, on.Display(), len(members))})
		t := Table{Header: []string{"STT", "Họ và tên", "Chức danh trong Ban", "Nhiệm vụ"}, Widths: []int{2, 9, 6, 13}, Right: []bool{true}}
		var rows [][]string
		for _, m := range members {
			rows = append(rows, []string{m.PersonName, BoardRoleNames[m.Role], m.Duties})
		}
		t.Rows = numbered(rows)
		d.Body = append(d.Body, t)
	}
	d.Body = append(d.Body,
		Para{Text: "Điều 2. Ban tuyên truyền có nhiệm vụ tham mưu, giúp Viện trưởng tổ chức, chỉ đạo công tác tuyên truyền; các thành viên thực hiện nhiệm vụ theo phân công của Trưởng ban."},
		Para{Text: "Điều 3. Quyết định có hiệu lực kể từ ngày ký; các quyết định trước đây trái với Quyết định này đều bãi bỏ. Văn phòng, thủ trưởng các đơn vị và các đồng chí có tên tại Điều 1 chịu trách nhiệm thi hành Quyết định này./."})
	d.Recipients = append([]string{"Như Điều 3"}, withoutHead(d.Recipients)...)
	return d
}

// withoutHead drops from the recipients a line that sends the document to the
// leadership "to direct": a decision the head signs goes to those who carry it out.
func withoutHead(rs []string) []string {
	var out []string
	for _, r := range rs {
		if !strings.Contains(strings.ToLower(r), "để chỉ đạo") {
			out = append(out, r)
		}
	}
	return out
}
