package demo

import (
	"fmt"
	"math/rand/v2"
	"time"

	"loa"
)

// recentDemoItems fills the current half-year with published items of the Hưng Yên
// units, unevenly — some units ahead of their quotas, some behind — so that the
// dashboard a Board opens today has something to say. The seed is fixed: the same
// day gives the same demo.
func recentDemoItems(now time.Time) []demoItem {
	today := loa.DateOf(now)
	half := loa.DefaultYearStart.HalfOf(today)
	days := int(today.Time().Sub(half.From.Time()).Hours()/24) - 2
	if days < 7 {
		return nil // the half has just begun: nothing to show yet
	}
	units := []struct {
		code, writer string
		n            int
	}{
		{"HY", "Bùi Thảo", 12}, {"HY-KV1", "Phạm Thu Trang", 15}, {"HY-KV2", "Vũ Minh Tuấn", 4},
		{"HY-KV3", "Nguyễn Đức Long", 9}, {"HY-KV4", "Hoàng Thị Lan", 17}, {"HY-KV5", "Trần Thị Mai", 6},
		{"HY-KV6", "Đỗ Thị Hằng", 11}, {"HY-KV7", "Lê Văn Hùng", 3}, {"HY-KV8", "Bùi Văn Nam", 10},
	}
	rng := rand.New(rand.NewPCG(2026, 7))
	var out []demoItem
	for _, u := range units {
		for i := 0; i < u.n; i++ {
			a := recentActivities[rng.IntN(len(recentActivities))]
			kind := loa.KindNews
			switch r := rng.IntN(10); {
			case r == 0:
				kind = loa.KindResearch
			case r <= 2:
				kind = loa.KindArticle
			}
			day := half.From.AddDays(1 + rng.IntN(days))
			created := time.Date(day.Year(), day.Month(), day.Day(), 8+rng.IntN(8), 5*rng.IntN(12), 0, 0, loa.Zone)
			pub := created.Add(time.Duration(20+rng.IntN(30)) * time.Hour)
			if pub.After(now) {
				pub = now.Add(-time.Hour)
			}
			di := demoItem{unit: u.code, kind: kind, title: fmt.Sprintf(a.title, unitShort[u.code]), summary: a.summary,
				authors: []string{u.writer}, created: created.Format("2006-01-02 15:04"), status: loa.StatusPublished,
				pub: pub.Format("2006-01-02 15:04"), topic: a.topic}
			if rng.IntN(4) == 0 {
				di.also = []string{fmt.Sprintf("%s %s", []string{"ptth", "bvpl", "vksndtc"}[rng.IntN(3)], loa.DateOf(pub.Add(48*time.Hour)).String())}
				if loa.DateOf(pub.Add(48 * time.Hour)).After(today) {
					di.also = nil
				}
			}
			out = append(out, di)
		}
	}
	return out
}

var unitShort = map[string]string{
	"HY": "Viện kiểm sát nhân dân tỉnh Hưng Yên", "HY-KV1": "Viện kiểm sát khu vực 1", "HY-KV2": "Viện kiểm sát khu vực 2",
	"HY-KV3": "Viện kiểm sát khu vực 3", "HY-KV4": "Viện kiểm sát khu vực 4", "HY-KV5": "Viện kiểm sát khu vực 5",
	"HY-KV6": "Viện kiểm sát khu vực 6", "HY-KV7": "Viện kiểm sát khu vực 7", "HY-KV8": "Viện kiểm sát khu vực 8",
}

// recentActivities are the everyday work a unit writes about, in loa's own words.
var recentActivities = []struct{ title, summary, topic string }{
	{"%s kiểm sát trực tiếp việc tạm giữ, tạm giam", "Đoàn công tác kiểm tra chế độ ăn, ở và việc bảo đảm quyền của người bị tạm giữ.", "Tin hoạt động"},
	{"%s phối hợp tổ chức phiên tòa rút kinh nghiệm", "Phiên tòa xét xử vụ án trộm cắp tài sản được các đơn vị theo dõi để rút kinh nghiệm.", "Tin hoạt động"},
	{"%s tuyên truyền pháp luật tại cơ sở", "Kiểm sát viên giới thiệu quy định mới về phòng, chống tội phạm cho người dân.", "Tin hoạt động"},
	{"%s sơ kết công tác kiểm sát án dân sự", "Đơn vị chỉ ra những vi phạm thường gặp và cách khắc phục.", "Tin hoạt động"},
	{"%s ứng dụng phần mềm quản lý án", "Cán bộ được hướng dẫn nhập liệu và tra cứu hồ sơ trên phần mềm mới.", "Chuyển đổi số"},
	{"%s hưởng ứng Ngày Pháp luật Việt Nam", "Nhiều hoạt động tìm hiểu pháp luật được tổ chức trong tháng.", "Ngày Pháp luật 9/11"},
	{"%s tri ân các anh hùng liệt sĩ", "Đoàn viên dâng hương, dọn vệ sinh nghĩa trang liệt sĩ.", "Tri ân anh hùng liệt sĩ 27/7"},
	{"%s kỷ niệm ngày thành lập ngành Kiểm sát nhân dân", "Buổi gặp mặt cán bộ hưu trí và các thế hệ Kiểm sát viên.", "Kỷ niệm ngày thành lập ngành 26/7"},
	{"Kinh nghiệm kiểm sát điều tra vụ án ma túy tại %s", "Những lưu ý khi đánh giá chứng cứ trong các vụ án tàng trữ trái phép chất ma túy.", "Nghiên cứu – trao đổi"},
	{"%s kiểm sát việc thi hành án hình sự tại xã", "Kiểm tra hồ sơ người chấp hành án treo và cải tạo không giam giữ.", "Tin hoạt động"},
	{"%s giải quyết dứt điểm đơn khiếu nại tồn đọng", "Đơn vị rà soát, phân loại và trả lời công dân đúng hạn.", "Tin hoạt động"},
	{"Chi đoàn %s ra quân tình nguyện", "Đoàn viên giúp đỡ gia đình chính sách và tặng quà học sinh nghèo.", "Tin hoạt động"},
}
