package docx

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"loa"
	"loa/export"
	"loa/store"
)

// Narrative is what the secretary wrote for a report's sections; an empty section
// keeps the text written from the figures.
type Narrative struct {
	Results, Shortcomings, Directions string
}

// ReportOptions complete what a report does not say.
type ReportOptions struct {
	Settings Settings
	// ChannelNames name the channels by code; a channel without one shows its code.
	ChannelNames map[string]string
	// Made is the document's date; zero means today.
	Made      loa.Date
	Narrative Narrative
}

// kindWords are the item kinds as a sentence counts them: "251 tin, 38 bài".
var kindWords = map[loa.ItemKind]string{
	loa.KindNews: "tin", loa.KindArticle: "bài", loa.KindResearch: "bài nghiên cứu, trao đổi",
	loa.KindReportage: "phóng sự", loa.KindPhoto: "tin ảnh", loa.KindVideo: "video",
}

// ReportTitle is the summary line of a period's report: "Kết quả công tác tuyên
// truyền 6 tháng đầu năm 2024".
func ReportTitle(r *loa.Report) string {
	return "Kết quả công tác tuyên truyền " + loa.PeriodWords(r.Period, r.From, r.To)
}

// Report builds the Báo cáo of a report: its results written from the figures (the
// totals, the kinds with the share of research, the channels, the leading units and
// those below quota) with the figures' tables, the shortcomings, the directions for
// the next period, and the closing line; a report with nothing counted says so.
func Report(r *loa.Report, opt ReportOptions) *Doc {
	if opt.Made.IsZero() {
		opt.Made = loa.Today()
	}
	d := &Doc{Kind: "BÁO CÁO", Summary: ReportTitle(r), Date: opt.Made}
	opt.Settings.Apply(d, "BC")
	words := loa.PeriodWords(r.Period, r.From, r.To)
	units := export.Ordered(r.Units)
	empty := r.Items == 0 && r.Publications == 0

	w := Written(r, opt)
	add := func(b ...Block) { d.Body = append(d.Body, b...) }
	text := func(edited, written string) Para {
		if strings.TrimSpace(edited) != "" {
			return Para{Text: edited}
		}
		return Para{Text: written}
	}

	add(Heading{"I. KẾT QUẢ THỰC HIỆN"}, text(opt.Narrative.Results, w.Results))
	if !empty {
		add(Heading{"1. Số tin, bài theo loại"}, kindTable(r))
		add(Heading{"2. Số lượt đăng theo kênh"}, channelTable(r, opt.ChannelNames))
		add(Heading{"3. Kết quả của các đơn vị"}, unitTable(r, units))
	}
	add(Heading{"II. HẠN CHẾ, NGUYÊN NHÂN"}, text(opt.Narrative.Shortcomings, w.Shortcomings))
	add(Heading{"III. PHƯƠNG HƯỚNG, NHIỆM VỤ " + strings.ToUpper(nextPeriodWords(r))}, text(opt.Narrative.Directions, w.Directions))
	add(Para{Text: fmt.Sprintf("Trên đây là báo cáo kết quả công tác tuyên truyền %s của %s./.", words, opt.Settings.Agency)})
	return d
}

// Written is the narrative written from the figures of r (its results, shortcomings
// and directions): what the report says where the secretary wrote nothing, and what
// her form starts from.
func Written(r *loa.Report, opt ReportOptions) Narrative {
	words := loa.PeriodWords(r.Period, r.From, r.To)
	span := fmt.Sprintf("(từ ngày %s đến ngày %s)", r.From.Display(), r.To.Display())
	units := export.Ordered(r.Units)
	empty := r.Items == 0 && r.Publications == 0
	n := Narrative{Shortcomings: shortcomingsText(r, units, empty), Directions: directionsText(r, units)}
	if empty {
		n.Results = fmt.Sprintf("Trong %s %s, chưa có tin, bài nào được ghi nhận và không có số liệu để báo cáo.", words, span)
	} else {
		n.Results = resultsText(r, units, opt, words, span)
	}
	return n
}

// resultsText is the opening of the results: totals, kinds with the share of
// research, channels, the leading units and those below quota.
func resultsText(r *loa.Report, units []*loa.ReportUnit, opt ReportOptions, words, span string) string {
	var lines []string
	lines = append(lines, fmt.Sprintf("Trong %s %s, các đơn vị đã có %d tin, bài được đăng tải, với %d lượt đăng trên các kênh thông tin.",
		words, span, r.Items, r.Publications))
	var kinds []string
	for _, k := range loa.ItemKinds {
		if n := r.ByKind[string(k)]; n > 0 {
			s := fmt.Sprintf("%d %s", n, kindWords[k])
			if k == loa.KindResearch {
				s += fmt.Sprintf(" (chiếm %s tổng số)", percent(n, r.Items))
			}
			kinds = append(kinds, s)
		}
	}
	if len(kinds) > 0 {
		lines = append(lines, "Trong đó có "+strings.Join(kinds, "; ")+".")
	}
	if r.ByKind[string(loa.KindResearch)] == 0 && r.Items > 0 {
		lines = append(lines, "Kỳ này chưa có bài nghiên cứu, trao đổi.")
	}
	if ch := channelLines(r, opt.ChannelNames); len(ch) > 0 {
		var parts []string
		for _, c := range ch {
			parts = append(parts, fmt.Sprintf("%s: %d lượt", c.name, c.n))
		}
		lines = append(lines, "Theo kênh đăng tải: "+strings.Join(parts, "; ")+".")
	}
	if s := viewsSentence(r, units); s != "" {
		lines = append(lines, s)
	}
	if lead := leading(units, 3); len(lead) > 0 {
		var parts []string
		for _, u := range lead {
			parts = append(parts, fmt.Sprintf("%s (%d tin, bài)", u.Name, u.Items))
		}
		lines = append(lines, "Các đơn vị có nhiều tin, bài nhất: "+strings.Join(parts, "; ")+".")
	}
	lines = append(lines, quotaSentence(r, units))
	return strings.Join(lines, "\n")
}

// viewsSentence says how many times the public pages of the period's items were
// read, and which unit's most: empty when nothing was counted (counting off, or a
// range before it began), rather than a misleading "0 lượt xem". Views are those
// counted on the days of the range, never an imported site's earlier totals.
func viewsSentence(r *loa.Report, units []*loa.ReportUnit) string {
	if r.Views <= 0 {
		return ""
	}
	s := fmt.Sprintf("Các tin, bài trên trang thông tin điện tử có %d lượt xem trong kỳ", r.Views)
	var top *loa.ReportUnit
	for _, u := range units {
		if u.Views > 0 && (top == nil || u.Views > top.Views) {
			top = u
		}
	}
	if top != nil {
		s += fmt.Sprintf(", nhiều nhất là %s (%d lượt xem)", top.Name, top.Views)
	}
	return s + "."
}

// quotaSentence says how the units did against their quotas.
func quotaSentence(r *loa.Report, units []*loa.ReportUnit) string {
	withQuota := 0
	var below []string
	for _, u := range units {
		if u.Met == nil {
			continue
		}
		withQuota++
		if !*u.Met {
			below = append(below, fmt.Sprintf("%s (%s)", u.Name, quotaDone(u.Quotas)))
		}
	}
	switch {
	case r.Period == "":
		return "Khoảng thời gian báo cáo không trùng một kỳ nên không xét chỉ tiêu."
	case withQuota == 0:
		return "Kỳ này không có đơn vị nào được giao chỉ tiêu."
	case len(below) == 0:
		return fmt.Sprintf("Cả %d đơn vị được giao chỉ tiêu đều đạt chỉ tiêu.", withQuota)
	}
	return fmt.Sprintf("Trong %d đơn vị được giao chỉ tiêu, %d đơn vị đã đạt, %d đơn vị chưa đạt: %s.",
		withQuota, withQuota-len(below), len(below), strings.Join(below, "; "))
}

// quotaDone is what a unit did against its quotas: "đạt 14/15 tin, bài".
func quotaDone(qs []loa.QuotaResult) string {
	var parts []string
	for _, q := range qs {
		what := "tin, bài"
		if q.Kind != loa.QuotaKindAny {
			what = kindWords[loa.ItemKind(q.Kind)]
		}
		parts = append(parts, fmt.Sprintf("đạt %d/%d %s", q.Done, q.Target, what))
	}
	return strings.Join(parts, ", ")
}

func shortcomingsText(r *loa.Report, units []*loa.ReportUnit, empty bool) string {
	if empty {
		return "Trong kỳ chưa có tin, bài nào được ghi nhận; các đơn vị cần rà soát việc cập nhật số liệu."
	}
	var lines []string
	var silent []string
	for _, u := range units {
		if u.Items == 0 && u.Kind != loa.UnitSupreme {
			silent = append(silent, u.Name)
		}
	}
	if len(r.BelowQuota) > 0 {
		lines = append(lines, fmt.Sprintf("Còn %d đơn vị chưa đạt chỉ tiêu được giao.", len(r.BelowQuota)))
	}
	if len(silent) > 0 {
		lines = append(lines, fmt.Sprintf("%d đơn vị chưa có tin, bài trong kỳ: %s.", len(silent), strings.Join(silent, "; ")))
	}
	if n := r.ByKind[string(loa.KindResearch)]; r.Items > 0 && n*10 < r.Items {
		lines = append(lines, fmt.Sprintf("Số bài nghiên cứu, trao đổi còn ít (%d bài, %s tổng số tin, bài).", n, percent(n, r.Items)))
	}
	if len(lines) == 0 {
		return "Không có hạn chế đáng kể về số lượng tin, bài trong kỳ."
	}
	lines = append(lines, "Nguyên nhân: một số đơn vị chưa bố trí người viết thường xuyên, việc phối hợp cung cấp thông tin còn chậm.")
	return strings.Join(lines, "\n")
}

func directionsText(r *loa.Report, units []*loa.ReportUnit) string {
	lines := []string{"Tiếp tục thực hiện tốt công tác tuyên truyền, bảo đảm số lượng và chất lượng tin, bài theo kế hoạch."}
	if len(r.BelowQuota) > 0 {
		lines = append(lines, "Các đơn vị chưa đạt chỉ tiêu cần có biện pháp khắc phục, bảo đảm hoàn thành chỉ tiêu kỳ tới.")
	}
	lines = append(lines, "Tăng cường bài nghiên cứu, trao đổi, rút kinh nghiệm nghiệp vụ; mở rộng đăng tải trên các báo, tạp chí trong ngành và trên phát thanh, truyền hình.")
	return strings.Join(lines, "\n")
}

// nextPeriodWords names the period after the report's: "6 tháng cuối năm 2024" after
// 2024-H1, "năm 2025" after 2024; "kỳ tới" for a range that is no period.
func nextPeriodWords(r *loa.Report) string {
	p := r.Period
	if len(p) < 4 {
		return "kỳ tới"
	}
	y, err := strconv.Atoi(p[:4])
	if err != nil {
		return "kỳ tới"
	}
	next := ""
	switch rest := p[4:]; rest {
	case "":
		next = strconv.Itoa(y + 1)
	case "-H1":
		next = p[:4] + "-H2"
	case "-H2":
		next = strconv.Itoa(y+1) + "-H1"
	case "-Q4":
		next = strconv.Itoa(y+1) + "-Q1"
	default:
		next = fmt.Sprintf("%s-Q%c", p[:4], rest[2]+1)
	}
	return loa.PeriodWords(next, loa.Date{}, loa.Date{})
}

// percent is n of total as Vietnamese write it: "2,9%".
func percent(n, total int) string {
	if total == 0 {
		return "0%"
	}
	return strings.Replace(strconv.FormatFloat(float64(n)*100/float64(total), 'f', 1, 64), ".", ",", 1) + "%"
}

// leading are up to n units with the most items, more first, ties by natural order.
func leading(units []*loa.ReportUnit, n int) []*loa.ReportUnit {
	var out []*loa.ReportUnit
	for _, u := range units {
		if u.Items > 0 {
			out = append(out, u)
		}
	}
	slices.SortStableFunc(out, func(a, b *loa.ReportUnit) int { return cmp.Compare(b.Items, a.Items) })
	return out[:min(n, len(out))]
}

type channelLine struct {
	name string
	n    int
}

// channelLines are the publications by channel, most first.
func channelLines(r *loa.Report, names map[string]string) []channelLine {
	var out []channelLine
	for code, n := range r.ByChannel {
		name := names[code]
		if name == "" {
			name = code
		}
		out = append(out, channelLine{name, n})
	}
	slices.SortFunc(out, func(a, b channelLine) int {
		if c := cmp.Compare(b.n, a.n); c != 0 {
			return c
		}
		return strings.Compare(a.name, b.name)
	})
	return out
}

func kindTable(r *loa.Report) Table {
	t := Table{Header: []string{"Loại", "Số tin, bài", "Tỉ lệ"}, Widths: []int{5, 2, 2}, Right: []bool{false, true, true}}
	for _, k := range loa.ItemKinds {
		n := r.ByKind[string(k)]
		t.Rows = append(t.Rows, []string{loa.KindNames[k], strconv.Itoa(n), percent(n, r.Items)})
	}
	t.Total = []string{"Tổng cộng", strconv.Itoa(r.Items), "100%"}
	return t
}

func channelTable(r *loa.Report, names map[string]string) Table {
	t := Table{Header: []string{"Kênh", "Số lượt đăng"}, Widths: []int{7, 2}, Right: []bool{false, true}}
	for _, c := range channelLines(r, names) {
		t.Rows = append(t.Rows, []string{c.name, strconv.Itoa(c.n)})
	}
	t.Total = []string{"Tổng cộng", strconv.Itoa(r.Publications)}
	return t
}

// unitTable is the units' figures: no row-number column, so the names have the room.
func unitTable(r *loa.Report, units []*loa.ReportUnit) Table {
	t := Table{Header: []string{"Đơn vị", "Tin, bài", "Lượt đăng", "Lượt xem", "Nghiên cứu", "Chỉ tiêu", "Kết quả"},
		Widths: []int{8, 2, 2, 2, 2, 2, 3}, Right: []bool{false, true, true, true, true, true, false}}
	for _, u := range units {
		target, result := "", ""
		for _, q := range u.Quotas {
			if q.Kind == loa.QuotaKindAny {
				target = strconv.Itoa(q.Target)
			}
		}
		if u.Met != nil {
			result = "Đạt"
			if !*u.Met {
				result = "Chưa đạt"
			}
		}
		t.Rows = append(t.Rows, []string{u.Name, strconv.Itoa(u.Items), strconv.Itoa(u.Publications), strconv.FormatInt(u.Views, 10),
			strconv.Itoa(u.ByKind[string(loa.KindResearch)]), target, result})
	}
	t.Total = []string{"Tổng cộng", strconv.Itoa(r.Items), strconv.Itoa(r.Publications), strconv.FormatInt(r.Views, 10),
		strconv.Itoa(r.ByKind[string(loa.KindResearch)]), "", ""}
	return t
}

// Source is what ReportFrom reads from the database (a *store.DB).
type Source interface {
	DocSettings(ctx context.Context) (map[string]string, error)
	Channels(ctx context.Context) ([]*loa.Channel, error)
	ReportNarrative(ctx context.Context, period string) (*store.ReportNarrative, error)
}

// ReportFrom builds the Báo cáo of r with the stored settings (siteName as the
// agency when none is set), the channels' names and, for a whole period's report,
// the sections the secretary wrote, dated today: the one way the command line and
// the report page make it.
func ReportFrom(ctx context.Context, db Source, r *loa.Report, siteName string) (*Doc, error) {
	opt, err := ReportOptionsFrom(ctx, db, r, siteName)
	if err != nil {
		return nil, err
	}
	return Report(r, opt), nil
}

// ReportOptionsFrom reads what ReportFrom needs besides the report. The narrative is
// the period's for a report of every unit only: a scoped report or a range of dates
// is written from its own figures.
func ReportOptionsFrom(ctx context.Context, db Source, r *loa.Report, siteName string) (ReportOptions, error) {
	set, err := Load(ctx, db, siteName)
	if err != nil {
		return ReportOptions{}, err
	}
	cs, err := db.Channels(ctx)
	if err != nil {
		return ReportOptions{}, err
	}
	opt := ReportOptions{Settings: set, ChannelNames: map[string]string{}}
	for _, c := range cs {
		opt.ChannelNames[c.Code] = c.Name
	}
	if r.Period != "" && r.Scope == "" {
		n, err := db.ReportNarrative(ctx, r.Period)
		if err != nil {
			return ReportOptions{}, err
		}
		opt.Narrative = Narrative{Results: n.Results, Shortcomings: n.Shortcomings, Directions: n.Directions}
	}
	return opt, nil
}
