package demo

import (
	"context"
	"fmt"

	"loa"
	"loa/store"
)

// The Board's half-year meeting of 04/6/2024 (the seed article), retold in the demo's
// own words: what was reported, what was discussed, and what was concluded.
const (
	seedMinutes = `Thư ký Ban báo cáo tình hình sáu tháng đầu năm 2024. Ban đã ban hành kế hoạch tuyên truyền năm của ngành Kiểm sát tỉnh (Kế hoạch số 14 ngày 15/02/2024) theo Chỉ thị 05/CT-VKSTC-TCKS và Kế hoạch 13/KH-VKSTC, gửi tới mọi đơn vị, và phổ biến thể lệ giải Búa liềm vàng lần thứ IX năm 2024.
Trong sáu tháng, các đơn vị có 306 tin, bài được đăng trên Trang thông tin điện tử của Viện, trên sóng phát thanh – truyền hình tỉnh và trên các trang tin trong, ngoài ngành.
Một số đơn vị nổi bật cả về số lượng lẫn chất lượng nhờ lãnh đạo đơn vị quan tâm. Ngược lại, vài đơn vị viết rất ít, chưa đạt chỉ tiêu; phần lớn tin gửi về chỉ phản ánh hoạt động của chính đơn vị, còn thiếu bài nghiên cứu, trao đổi, rút kinh nghiệm nghiệp vụ.
Thành viên Ban thảo luận các giải pháp: lãnh đạo đơn vị trực tiếp chỉ đạo việc viết tin, bài; khen thưởng kịp thời người viết tích cực, như tặng Giấy khen sau các đợt thi đua ngắn hạn; học cách làm của những đơn vị có nhiều tin, bài được đăng.`
	seedConclusions = `Đồng chí Trưởng ban ghi nhận các ý kiến và yêu cầu tiếp tục thực hiện nghiêm Chỉ thị 05/CT-VKSTC-TCKS, chú trọng cả nội dung, hình thức và cách làm tuyên truyền.
Sáu tháng cuối năm: định hướng chủ đề, giao chỉ tiêu bài nghiên cứu, trao đổi; giao đơn vị cụ thể viết về chuyển đổi số và các nhiệm vụ trọng tâm, đột phá của ngành.
Chủ đề trọng tâm: kỷ niệm 64 năm thành lập ngành (26/7), đại hội Hội Luật gia, tri ân anh hùng liệt sĩ (27/7), phóng sự phối hợp với Đài truyền hình.
Mỗi Viện kiểm sát cấp huyện cử một cán bộ làm đầu mối tuyên truyền; Ban tham mưu kiện toàn Ban cho phù hợp với việc luân chuyển, điều động cán bộ.`
)

// anniversaryPeriod is the name of the demo's emulation period.
const anniversaryPeriod = "Thi đua chào mừng 64 năm Ngày thành lập ngành Kiểm sát nhân dân"

func boardStep(ctx context.Context, db *store.DB, d *Data) error {
	person := func(name string) int64 {
		if p := d.People[name]; p != nil {
			return p.ID
		}
		return 0
	}
	unit := func(code string) int64 {
		if u := d.Units[code]; u != nil {
			return u.ID
		}
		return 0
	}

	// The meeting and its conclusions as action items.
	m := &store.Meeting{HeldOn: date("2024-06-04"), Title: "Họp Ban tuyên truyền sơ kết 6 tháng đầu năm 2024",
		ChairID: person("Phạm Viết Vượng"), Place: "Hội trường Viện kiểm sát nhân dân tỉnh Thái Bình",
		Minutes: seedMinutes, Conclusions: seedConclusions}
	for _, name := range []string{"Nguyễn Anh Đức", "Bùi Thảo", "Ngô Thị Thu Hà", "Đặng Quốc Khánh", "Trịnh Văn Sơn"} {
		m.Attendees = append(m.Attendees, store.Attendee{PersonID: person(name)})
	}
	if err := db.SaveMeeting(ctx, m); err != nil {
		return fmt.Errorf("meeting: %w", err)
	}
	type action struct {
		title, unit, person, due string
		done                     string // the day it was done; "" while open
	}
	actions := []action{
		{"Xây dựng chỉ tiêu bài nghiên cứu, trao đổi cho 6 tháng cuối năm", "TB-VP", "Bùi Thảo", "2024-06-30", "2024-06-25"},
		{"Viết bài về chuyển đổi số trong ngành Kiểm sát nhân dân", "TB-P2", "Đặng Quốc Khánh", "2024-09-30", ""},
		{"Loạt tin, bài kỷ niệm 64 năm Ngày thành lập ngành (26/7)", "TB-VP", "", "2024-07-26", "2024-07-26"},
		{"Tuyên truyền đại hội Hội Luật gia tỉnh", "TB-P1", "Ngô Thị Thu Hà", "2024-08-31", ""},
		{"Tin, bài về hoạt động tri ân anh hùng liệt sĩ (27/7)", "TB-HUNGHA", "", "2024-07-31", ""},
		{"Phối hợp với Đài Phát thanh – Truyền hình làm phóng sự về ngành", "", "Nguyễn Anh Đức", "2024-10-31", ""},
		{"Tham mưu kiện toàn Ban tuyên truyền sau luân chuyển, điều động cán bộ", "", "Bùi Thảo", "2024-07-15", ""},
	}
	// Each district-level procuracy names its contact person; the organisation step
	// recorded them from 15/6/2024, so these were done that day.
	for _, ds := range districts {
		actions = append(actions, action{"Cử cán bộ làm đầu mối liên lạc về công tác tuyên truyền", ds.code, "", "2024-06-30", "2024-06-15"})
	}
	for _, a := range actions {
		ai := &store.ActionItem{MeetingID: m.ID, Title: a.title, UnitID: unit(a.unit), PersonID: person(a.person), Due: date(a.due)}
		if err := db.AddActionItem(ctx, ai); err != nil {
			return fmt.Errorf("action %q: %w", a.title, err)
		}
		if a.done != "" {
			if err := db.SetActionStatus(ctx, ai.ID, store.ActionDone, date(a.done), ""); err != nil {
				return err
			}
		}
	}

	// A short emulation period towards the anniversary, with the weights the Board
	// discussed; its proposals come after the items (nominationsStep).
	p := &loa.EmulationPeriod{Name: anniversaryPeriod,
		From: date("2024-06-01"), To: date("2024-07-26"),
		Note:               "Đợt thi đua ngắn hạn theo kết luận cuộc họp Ban ngày 04/6/2024.",
		KindWeights:        map[loa.ItemKind]float64{loa.KindResearch: 3, loa.KindArticle: 2, loa.KindReportage: 2},
		ChannelTypeWeights: map[loa.ChannelType]float64{loa.ChannelSector: 1.5, loa.ChannelRadioTV: 1.5}}
	if err := db.SaveEmulationPeriod(ctx, p); err != nil {
		return fmt.Errorf("emulation period: %w", err)
	}
	// Award entries need published items; the items step may not have run yet, so
	// enter whatever is there and skip otherwise.
	items, err := db.AwardCandidates(ctx, "", 2)
	if err != nil {
		return err
	}
	for i, it := range items {
		e := &store.AwardEntry{Contest: store.ContestBuaLiemVang, Edition: "lần thứ IX năm 2024",
			Category: []string{"Báo điện tử", "Phát thanh, truyền hình"}[i], ItemID: it.ID, SubmittedOn: date("2024-11-05")}
		if err := db.SaveAwardEntry(ctx, e); err != nil {
			return fmt.Errorf("award entry: %w", err)
		}
		if err := db.SetAwardStatus(ctx, e.ID, store.AwardSubmitted, ""); err != nil {
			return err
		}
	}
	return nil
}

// nominationsStep proposes the period's leading writer and a district procuracy for a
// Giấy khen, each with the items that earned it (a proposal needs its evidence).
func nominationsStep(ctx context.Context, db *store.DB, d *Data) error {
	periods, err := db.EmulationPeriods(ctx)
	if err != nil {
		return err
	}
	var p *loa.EmulationPeriod
	for _, x := range periods {
		if x.Name == anniversaryPeriod {
			if p, err = db.EmulationPeriod(ctx, x.ID); err != nil {
				return err
			}
		}
	}
	if p == nil {
		return fmt.Errorf("no period %q", anniversaryPeriod)
	}
	for _, n := range []*loa.Nomination{
		{PersonID: d.People["Bùi Thảo"].ID, Reason: "Viết nhiều tin, bài về sơ kết công tác và kỷ niệm ngày thành lập ngành, được đăng trên trang tin và báo của ngành trong đợt thi đua."},
		{UnitID: d.Units["TB-VUTHU"].ID, Reason: "Đơn vị cấp huyện có tin, bài tri ân anh hùng liệt sĩ được đăng trong đợt."},
	} {
		items, err := db.NominationCandidates(ctx, p, n.PersonID, n.UnitID)
		if err != nil {
			return err
		}
		for _, it := range items {
			n.Items = append(n.Items, it.ID)
		}
		n.PeriodID, n.Reward = p.ID, "Giấy khen"
		if err := db.AddNomination(ctx, n); err != nil {
			return fmt.Errorf("nomination: %w", err)
		}
	}
	return nil
}
