package loa_test

import (
	"strings"
	"testing"

	"loa"
)

// body2K is an item body of about 2 KB as the site stores it: sanitized HTML
// paragraphs of Vietnamese text (NFC), the size of the synthetic national set's items.
var body2K = func() string {
	p := []string{
		"<p>Ngày 12/6/2024, Viện kiểm sát nhân dân khu vực 3 tổ chức hội nghị sơ kết công tác 6 tháng đầu năm với sự tham dự của toàn thể cán bộ, công chức trong đơn vị.</p>",
		"<p>Theo báo cáo, đơn vị đã thụ lý kiểm sát 214 tin báo, tố giác về tội phạm; thực hành quyền công tố, kiểm sát điều tra 96 vụ với 131 bị can, truy tố đúng thời hạn 100% số vụ.</p>",
		"<p>Hội nghị chỉ ra một số hạn chế như số lượng bài nghiên cứu, trao đổi còn ít; việc phối hợp có lúc chưa chặt chẽ. Nguyên nhân chủ yếu là biên chế còn thiếu trong khi khối lượng công việc lớn.</p>",
		"<p>Phát biểu kết luận, đồng chí Phó Viện trưởng ghi nhận kết quả đạt được và đề nghị các bộ phận đẩy mạnh ứng dụng công nghệ thông tin, chuyển đổi số trong hoạt động nghiệp vụ.</p>",
	}
	var b strings.Builder
	for b.Len() < 2048 {
		for _, s := range p {
			b.WriteString(s)
			b.WriteByte('\n')
		}
	}
	return b.String()
}()

// BenchmarkFoldBody folds a 2 KB item body: what every save of an item pays to keep
// its search text, and what the synthetic loader pays 300,000 times.
func BenchmarkFoldBody(b *testing.B) {
	b.SetBytes(int64(len(body2K)))
	for b.Loop() {
		_ = loa.Fold(body2K)
	}
}

// BenchmarkSlugTitle makes the URL slug of a long title.
func BenchmarkSlugTitle(b *testing.B) {
	title := "Viện kiểm sát nhân dân khu vực 2 – Lâm Đồng tuyên truyền pháp luật về an toàn giao thông cho nhân dân"
	b.SetBytes(int64(len(title)))
	for b.Loop() {
		_ = loa.Slug(title, 100)
	}
}
