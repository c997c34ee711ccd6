package demo

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"loa"
	"loa/store"
)

// plans adds the 2024 plan (after Plan 14 of 15/02/2024), quotas for every unit that
// exists in each period — the Thái Bình units for 2024 and its halves, their Hưng Yên
// successors for work year 2026 — and for the current work year and half whatever
// the day the demo is loaded, themes of 2024 and 2026, and assignments to named units
// in every state, one of them on digital transformation and one overdue.
func plans(ctx context.Context, db *store.DB, d *Data) error {
	ys := loa.DefaultYearStart
	p := &loa.Plan{Year: 2024, Number: "14/KH-VKS", Title: "Kế hoạch thực hiện công tác tuyên truyền của ngành Kiểm sát Thái Bình năm 2024",
		Issued: date("2024-02-15"), Note: "Thực hiện Chỉ thị 05/CT-VKSTC-TCKS ngày 08/6/2021 và Kế hoạch 13/KH-VKSTC ngày 26/01/2024 của VKSND tối cao."}
	if err := db.SavePlan(ctx, p); err != nil {
		return fmt.Errorf("plan 2024: %w", err)
	}
	current := ys.WorkYear(loa.Today())
	for _, y := range []int{2026, current} {
		if y == 2024 {
			continue
		}
		if err := db.SavePlan(ctx, &loa.Plan{Year: y, Title: fmt.Sprintf("Kế hoạch công tác tuyên truyền năm %d", y)}); err != nil &&
			loa.ErrorFields(err)["year"] == "" { // 2026 may be the current year too
			return fmt.Errorf("plan %d: %w", y, err)
		}
	}

	names := []string{"2024", "2024-H1", "2024-H2", "2026", "2026-H1", "2026-H2"}
	for _, pp := range ys.PeriodsOfYear(current)[:3] {
		names = append(names, pp.Name)
	}
	done := map[string]bool{}
	for _, name := range names {
		if done[name] {
			continue
		}
		done[name] = true
		period, err := ys.ParsePeriod(name)
		if err != nil {
			return err
		}
		var cells []store.QuotaCell
		for _, u := range d.Units {
			if u.Kind == loa.UnitSupreme || !u.ActiveDuring(period.From, period.To) {
				continue
			}
			cells = append(cells, quotaCells(u, period)...)
		}
		if err := db.SetQuotas(ctx, ys, name, cells); err != nil {
			return fmt.Errorf("quotas %s: %w", name, err)
		}
	}

	themes := map[string]*loa.Theme{}
	demoThemes := []*loa.Theme{
		{Period: "2024-H2", Title: "Kỷ niệm 64 năm Ngày thành lập ngành Kiểm sát nhân dân (26/7/1960 – 26/7/2024)", Day: date("2024-07-26"),
			Description: "Tin, bài về các hoạt động kỷ niệm, gương điển hình của ngành."},
		{Period: "2024-H2", Title: "Tri ân các anh hùng liệt sĩ (27/7)", Day: date("2024-07-27"),
			Description: "Hoạt động đền ơn đáp nghĩa, thăm viếng nghĩa trang liệt sĩ."},
		{Period: "2024-H2", Title: "Chuyển đổi số trong ngành Kiểm sát nhân dân",
			Description: "Kết quả ứng dụng công nghệ thông tin, chuyển đổi số trong công tác kiểm sát."},
		{Period: "2024-H2", Title: "Đại hội Hội Luật gia tỉnh", Description: "Công tác chuẩn bị và kết quả Đại hội Hội Luật gia."},
		{Period: "2024-H2", Title: "Ngày Pháp luật Việt Nam (9/11)", Day: date("2024-11-09")},
		{Period: "2026-H2", Title: "Kỷ niệm 66 năm Ngày thành lập ngành Kiểm sát nhân dân", Day: date("2026-07-26")},
		{Period: "2026-H2", Title: "Tri ân các anh hùng liệt sĩ (27/7)", Day: date("2026-07-27")},
		{Period: "2026", Title: "Chuyển đổi số trong ngành Kiểm sát nhân dân",
			Description: "Tiếp tục tuyên truyền kết quả chuyển đổi số sau khi sắp xếp đơn vị hành chính."},
		{Period: "2026-H2", Title: "Ngày Pháp luật Việt Nam (9/11)", Day: date("2026-11-09")},
	}
	if current != 2026 {
		// The current work year has its theme too, whatever the day the demo is loaded:
		// the themes page and the calendar open on the current period.
		demoThemes = append(demoThemes, &loa.Theme{Period: strconv.Itoa(current), Title: "Chuyển đổi số trong ngành Kiểm sát nhân dân",
			Description: "Tuyên truyền kết quả chuyển đổi số của năm công tác."})
	}
	for _, t := range demoThemes {
		if err := db.SaveTheme(ctx, ys, t); err != nil {
			return fmt.Errorf("theme %s: %w", t.Title, err)
		}
		themes[t.Period+" "+strings.SplitN(t.Title, " (", 2)[0]] = t
	}
	theme := func(key string) int64 {
		if t := themes[key]; t != nil {
			return t.ID
		}
		panic("demo theme " + key)
	}

	type step struct {
		to   loa.AssignmentState
		note string
	}
	for _, a := range []struct {
		a     *loa.Assignment
		steps []step
	}{
		{&loa.Assignment{UnitID: d.Units["TB-HUNGHA"].ID, ThemeID: theme("2024-H2 Chuyển đổi số trong ngành Kiểm sát nhân dân"),
			Kind: loa.KindResearch, Title: "Bài trao đổi về chuyển đổi số trong công tác kiểm sát tại Hưng Hà",
			Due: date("2024-09-30"), CreatedOn: date("2024-06-10")},
			[]step{{loa.AssignmentInProgress, "Đã phân công đồng chí Đỗ Thị Hằng"}, {loa.AssignmentSubmitted, "Đã gửi bài"}, {loa.AssignmentDone, "Bài đã đăng"}}},
		{&loa.Assignment{UnitID: d.Units["TB-TPTB"].ID, ThemeID: theme("2024-H2 Kỷ niệm 64 năm Ngày thành lập ngành Kiểm sát nhân dân"),
			Kind: loa.KindNews, Title: "Tin về lễ kỷ niệm 64 năm thành lập ngành", Due: date("2024-07-31"), CreatedOn: date("2024-06-10")},
			[]step{{loa.AssignmentDone, "Tin đã đăng trên Trang thông tin điện tử"}}},
		{&loa.Assignment{UnitID: d.Units["TB-P2"].ID, ThemeID: theme("2024-H2 Chuyển đổi số trong ngành Kiểm sát nhân dân"),
			Kind: loa.KindArticle, Title: "Bài về nhiệm vụ trọng tâm, đột phá của ngành", Due: date("2024-10-31"), CreatedOn: date("2024-06-10")},
			[]step{{loa.AssignmentCancelled, "Gộp vào bài của Phòng 1"}}},
		{&loa.Assignment{UnitID: d.Units["TB-HUNGHA"].ID, ThemeID: theme("2024-H2 Ngày Pháp luật Việt Nam"),
			Kind: loa.KindNews, Title: "Tin hưởng ứng Ngày Pháp luật Việt Nam 9/11/2024", Due: date("2024-11-15"), CreatedOn: date("2024-10-20")},
			[]step{{loa.AssignmentInProgress, ""}}}, // never delivered: overdue
		{&loa.Assignment{UnitID: d.Units["HY-KV6"].ID, ThemeID: theme("2026 Chuyển đổi số trong ngành Kiểm sát nhân dân"),
			Kind: loa.KindArticle, Title: "Bài về chuyển đổi số ở VKSND khu vực 6 sau sắp xếp", Due: date("2026-12-05"), CreatedOn: date("2026-11-02")},
			[]step{{loa.AssignmentInProgress, "Đang viết"}}},
		{&loa.Assignment{UnitID: d.Units["HY-KV5"].ID, ThemeID: theme("2026-H2 Ngày Pháp luật Việt Nam"),
			Kind: loa.KindNews, Title: "Tin hưởng ứng Ngày Pháp luật Việt Nam 9/11/2026", Due: date("2026-11-15"), CreatedOn: date("2026-10-20")},
			nil}, // overdue on 27/11/2026
		{&loa.Assignment{UnitID: d.Units["HY-KV7"].ID, Kind: loa.KindReportage, Title: "Phóng sự phối hợp với Đài PT-TH về công tác kiểm sát",
			Due: date("2026-11-29"), CreatedOn: date("2026-10-01")},
			[]step{{loa.AssignmentInProgress, "Đã làm việc với Đài"}, {loa.AssignmentSubmitted, "Đã gửi bản dựng"}}},
		{&loa.Assignment{UnitID: d.Units["HY-KV8"].ID, ThemeID: theme("2026-H2 Tri ân các anh hùng liệt sĩ"),
			Kind: loa.KindPhoto, Title: "Tin ảnh thăm nghĩa trang liệt sĩ", Due: date("2026-07-31"), CreatedOn: date("2026-07-01")},
			[]step{{loa.AssignmentDone, "Tin ảnh đã đăng"}}},
	} {
		if err := db.CreateAssignment(ctx, a.a); err != nil {
			return fmt.Errorf("assignment %s: %w", a.a.Title, err)
		}
		for _, s := range a.steps {
			if err := db.MoveAssignment(ctx, a.a.ID, s.to, s.note, 0); err != nil {
				return fmt.Errorf("assignment %s: %w", a.a.Title, err)
			}
		}
	}
	return nil
}

// quotaCells are the demo's targets for a unit in a period: a district or regional
// procuracy writes more than a department, a year's target is twice a half's, and
// the district-level ones owe research articles too, as the Board asked in June 2024.
func quotaCells(u *loa.Unit, p loa.Period) []store.QuotaCell {
	all, research := 0, 0
	switch u.Kind {
	case loa.UnitProvince:
		all = 12
	case loa.UnitDistrict, loa.UnitRegional:
		all, research = 15, 1
	case loa.UnitDepartment:
		all = 6
	default:
		return nil
	}
	// Vary by unit so that the dashboard has something to sort.
	all += len(u.Code) % 4
	if !strings.Contains(p.Name, "-") { // a work year
		all, research = all*2, research*2
	}
	cells := []store.QuotaCell{{UnitID: u.ID, Kind: loa.QuotaKindAny, Target: all}}
	if research > 0 {
		cells = append(cells, store.QuotaCell{UnitID: u.ID, Kind: string(loa.KindResearch), Target: research})
	}
	return cells
}
