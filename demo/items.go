package demo

import (
	"bytes"
	"context"
	"fmt"
	"image"
	"image/color"
	"image/jpeg"
	"strings"
	"sync"
	"time"

	"loa"
	"loa/media"
	"loa/store"
)

// demoItem is one item of the demo, written, moved through the workflow and
// published as it would have happened, at the times given (Vietnam time).
type demoItem struct {
	unit    string
	kind    loa.ItemKind
	title   string
	summary string
	body    string // paragraphs separated by blank lines; the seed article gives HTML
	topic   string
	authors []string
	created string // "2006-01-02 15:04"; for the current items, a time before now ("-72h")
	status  loa.Status
	pub     string   // when it went on the site (published and withdrawn items)
	also    []string // outside publications: "ptth 2024-07-28"
	reason  string   // why it was returned or withdrawn
	comment string   // an editor's comment
	picture string   // a caption: the item gets a picture
	sched   string   // approved items: when they go on the site ("+48h")
}

// The news item about the Board's half-year meeting of 04/6/2024, told in loa's own
// words from the facts of the seed article (DOMAIN.md): who met, when, the 306
// items, the themes of the second half and the conclusions.
const (
	seedTitle   = "Sơ kết sáu tháng, Ban tuyên truyền Viện kiểm sát tỉnh Thái Bình bàn cách nâng chất lượng tin, bài"
	seedSummary = "Ngày 04/6/2024, Ban tuyên truyền Viện kiểm sát nhân dân tỉnh Thái Bình nhìn lại nửa đầu năm công tác với 306 tin, bài được đăng, " +
		"chỉ ra những đơn vị còn viết ít và thống nhất các việc phải làm trong sáu tháng cuối năm."
	seedBody = `<p>Phó Viện trưởng Phạm Viết Vượng, người đứng đầu Ban, điều hành buổi làm việc; ` +
		`dự họp còn có Phó Viện trưởng Nguyễn Anh Đức cùng toàn thể thành viên Ban.</p>` +
		`<h2>306 tin, bài trong nửa đầu năm</h2>` +
		`<p>Thư ký Ban báo cáo: bám theo Chỉ thị số 05/CT-VKSTC-TCKS ngày 08/6/2021 và Kế hoạch số 13/KH-VKSTC ngày 26/01/2024 của Viện kiểm sát nhân dân tối cao, ` +
		`Ban đã tham mưu Kế hoạch số 14 ngày 15/02/2024 để định hướng việc tuyên truyền của toàn ngành Kiểm sát Thái Bình trong năm, gửi tới từng đơn vị, ` +
		`kèm theo việc phổ biến Giải Búa liềm vàng lần thứ IX.</p>` +
		`<p>Tính đến kỳ sơ kết, tin, bài của các đơn vị đã xuất hiện 306 lần trên Trang thông tin điện tử của Viện, trên sóng Đài Phát thanh – Truyền hình tỉnh ` +
		`và trên các trang tin trong và ngoài ngành. Nơi nào lãnh đạo sát sao, phối hợp nhịp nhàng thì nơi đó có nhiều bài hay; ` +
		`song cũng còn đơn vị gửi rất ít, chưa đạt chỉ tiêu, và nhìn chung tin hoạt động vẫn chiếm phần lớn, bài nghiên cứu, trao đổi, ` +
		`rút kinh nghiệm nghiệp vụ còn hiếm.</p>` +
		`<h2>Việc của sáu tháng cuối năm</h2>` +
		`<p>Các thành viên Ban góp nhiều ý kiến: lãnh đạo đơn vị phải trực tiếp đôn đốc việc viết; người viết tích cực cần được ghi nhận kịp thời, ` +
		`chẳng hạn bằng Giấy khen sau mỗi đợt thi đua ngắn hạn; các đơn vị nên học cách làm của những nơi đang dẫn đầu về số tin, bài.</p>` +
		`<p>Về đề tài, Ban chọn các hoạt động mừng 64 năm Ngày thành lập ngành Kiểm sát nhân dân (26/7), đại hội Hội Luật gia, ` +
		`hoạt động tri ân anh hùng, liệt sĩ dịp 27/7 và một phóng sự về ngành làm cùng Đài truyền hình.</p>` +
		`<h2>Kết luận của Trưởng ban</h2>` +
		`<p>Đồng chí Phạm Viết Vượng đề nghị tiếp tục thực hiện đầy đủ Chỉ thị 05 của Viện trưởng Viện kiểm sát nhân dân tối cao, ` +
		`chăm lo đồng thời nội dung, hình thức và cách thức tuyên truyền, với mấy việc cụ thể:</p>` +
		`<ul><li>giao chỉ tiêu bài nghiên cứu, trao đổi cho sáu tháng cuối năm;</li>` +
		`<li>chỉ định đơn vị viết về chuyển đổi số trong ngành và về những nhiệm vụ được chọn làm khâu đột phá;</li>` +
		`<li>mỗi Viện kiểm sát cấp huyện cử một cán bộ làm đầu mối tuyên truyền;</li>` +
		`<li>Ban chuẩn bị phương án kiện toàn Ban tuyên truyền, phân công lại nhiệm vụ sau đợt luân chuyển, điều động cán bộ.</li></ul>`
)

var demoItems2024 = []demoItem{
	{unit: "TB-VP", kind: loa.KindNews, title: "Viện kiểm sát nhân dân tỉnh Thái Bình triển khai công tác năm 2024",
		summary: "Hội nghị quán triệt chỉ tiêu, nhiệm vụ trọng tâm của ngành Kiểm sát tỉnh trong năm công tác 2024.",
		body:    "Hội nghị có sự tham dự của lãnh đạo Viện, các phòng nghiệp vụ và tám Viện kiểm sát cấp huyện.\n\nCác đơn vị ký giao ước thi đua năm 2024.",
		authors: []string{"Bùi Thảo"}, created: "2023-12-27 08:30", status: loa.StatusPublished, pub: "2023-12-28 10:15",
		also: []string{"vksndtc 2023-12-29"}, picture: "Quang cảnh hội nghị triển khai công tác năm 2024"},
	{unit: "TB-HUNGHA", kind: loa.KindNews, title: "Viện kiểm sát nhân dân huyện Hưng Hà kiểm sát trực tiếp Nhà tạm giữ Công an huyện",
		summary: "Đoàn công tác kiểm tra việc quản lý, giam giữ và chế độ ăn, ở, khám chữa bệnh của người bị tạm giữ.",
		body:    "Qua kiểm sát, đoàn kiến nghị khắc phục một số thiếu sót trong việc ghi sổ sách theo dõi.",
		authors: []string{"Đỗ Thị Hằng"}, created: "2024-01-10 14:00", status: loa.StatusPublished, pub: "2024-01-12 09:20"},
	{unit: "TB-VUTHU", kind: loa.KindNews, title: "Vũ Thư phối hợp tổ chức phiên tòa hình sự rút kinh nghiệm",
		summary: "Phiên tòa xét xử vụ án trộm cắp tài sản được tổ chức để các Kiểm sát viên rút kinh nghiệm về kỹ năng tranh tụng.",
		body:    "Sau phiên tòa, đơn vị tổ chức họp rút kinh nghiệm, đánh giá những mặt làm được và chưa được.",
		authors: []string{"Bùi Văn Nam"}, created: "2024-01-24 16:10", status: loa.StatusPublished, pub: "2024-01-25 08:45", also: []string{"ptth 2024-01-27"}},
	{unit: "TB-P2", kind: loa.KindResearch, title: "Trao đổi về tình tiết “phạm tội có tổ chức” trong vụ án cố ý gây thương tích",
		summary: "Bài viết phân tích một vụ án cụ thể và nêu hai quan điểm khác nhau về việc áp dụng tình tiết định khung.",
		body:    "Tác giả đồng tình với quan điểm thứ hai và kiến nghị hướng dẫn thống nhất.\n\nRất mong nhận được ý kiến trao đổi của bạn đọc.",
		authors: []string{"Đặng Quốc Khánh"}, created: "2024-02-15 10:00", status: loa.StatusPublished, pub: "2024-02-20 14:30", also: []string{"tcks 2024-04-10"}},
	{unit: "TB", kind: loa.KindNews, title: "Ban tuyên truyền ban hành kế hoạch công tác tuyên truyền năm 2024",
		summary: "Kế hoạch số 14 ngày 15/02/2024 đặt chỉ tiêu tin, bài cho từng đơn vị và định hướng các chủ đề trong năm.",
		body:    "Kế hoạch được xây dựng theo Chỉ thị số 05/CT-VKSTC-TCKS và Kế hoạch số 13/KH-VKSTC của Viện kiểm sát nhân dân tối cao.",
		authors: []string{"Bùi Thảo"}, created: "2024-02-15 15:00", status: loa.StatusPublished, pub: "2024-02-16 09:00"},
	{unit: "TB-TPTB", kind: loa.KindPhoto, title: "Tin ảnh: Đoàn viên Viện kiểm sát thành phố ra quân Tháng Thanh niên",
		summary: "Đoàn viên thanh niên dọn vệ sinh, trồng cây xanh tại khu dân cư.", authors: []string{"Trần Thị Mai"},
		created: "2024-03-06 11:00", status: loa.StatusPublished, pub: "2024-03-08 10:00", picture: "Đoàn viên thanh niên trồng cây xanh"},
	{unit: "TB-QUYNHPHU", kind: loa.KindNews, title: "Quỳnh Phụ: kiểm sát trực tiếp công tác thi hành án dân sự",
		summary: "Viện kiểm sát nhân dân huyện Quỳnh Phụ kiểm sát việc tổ chức thi hành các bản án có điều kiện thi hành.",
		authors: []string{"Vũ Minh Tuấn"}, created: "2024-03-19 09:00", status: loa.StatusPublished, pub: "2024-03-21 15:40", also: []string{"ptth 2024-03-23"}},
	{unit: "TB-THAITHUY", kind: loa.KindReportage, title: "Phóng sự: Kiểm sát viên nơi vùng biển Thái Thụy", topic: "Gương điển hình",
		summary: "Một ngày làm việc của những Kiểm sát viên ở huyện ven biển, nơi nhiều vụ việc liên quan đến khai thác hải sản.",
		authors: []string{"Phạm Thu Trang", "Cộng tác viên Đài PT-TH"}, created: "2024-04-01 08:00", status: loa.StatusPublished, pub: "2024-04-05 16:20",
		also: []string{"ptth 2024-04-06"}, picture: "Kiểm sát viên làm việc tại cảng cá"},
	{unit: "TB-TIENHAI", kind: loa.KindNews, title: "Viện kiểm sát nhân dân huyện Tiền Hải tuyên truyền pháp luật cho ngư dân",
		summary: "Buổi tuyên truyền giới thiệu quy định về khai thác thủy sản và phòng, chống vi phạm pháp luật trên biển.",
		authors: []string{"Nguyễn Đức Long"}, created: "2024-04-16 14:00", status: loa.StatusPublished, pub: "2024-04-18 09:10"},
	{unit: "TB-KIENXUONG", kind: loa.KindNews, title: "Kiến Xương ký quy chế phối hợp với Công an huyện",
		summary: "Quy chế phối hợp trong giải quyết tố giác, tin báo về tội phạm và kiến nghị khởi tố.",
		authors: []string{"Hoàng Thị Lan"}, created: "2024-05-07 10:00", status: loa.StatusPublished, pub: "2024-05-09 11:00"},
	{unit: "TB-P1", kind: loa.KindArticle, title: "Nâng cao chất lượng tranh tụng của Kiểm sát viên tại phiên tòa",
		summary: "Những kinh nghiệm rút ra từ các phiên tòa rút kinh nghiệm trong năm công tác.",
		body:    "Chuẩn bị kỹ đề cương xét hỏi là điều kiện đầu tiên.\n\nKiểm sát viên cần chủ động đối đáp, bám sát chứng cứ đã được kiểm tra tại phiên tòa.",
		authors: []string{"Ngô Thị Thu Hà"}, created: "2024-05-20 08:00", status: loa.StatusPublished, pub: "2024-05-22 10:30", also: []string{"bvpl 2024-05-28"}},
	{unit: "TB-DONGHUNG", kind: loa.KindNews, title: "Viện kiểm sát nhân dân huyện Đông Hưng sơ kết công tác sáu tháng",
		summary: "Đơn vị hoàn thành các chỉ tiêu nghiệp vụ và đề ra giải pháp cho sáu tháng cuối năm.",
		authors: []string{"Lê Văn Hùng"}, created: "2024-05-29 15:00", status: loa.StatusPublished, pub: "2024-05-30 17:05"},
	{unit: "TB", kind: loa.KindNews, title: seedTitle, summary: seedSummary, body: seedBody, topic: "Sơ kết công tác tuyên truyền",
		authors: []string{"Bùi Thảo"}, created: "2024-06-05 09:10", status: loa.StatusPublished, pub: "2024-06-06 15:24",
		comment: "Đã đối chiếu số liệu 306 tin, bài với báo cáo của Thư ký Ban.", picture: "Đồng chí Phạm Viết Vượng chủ trì buổi sơ kết"},
	{unit: "TB-VP", kind: loa.KindNews, title: "Viện kiểm sát tỉnh gặp mặt nhân Ngày Báo chí cách mạng Việt Nam 21/6",
		summary: "Lãnh đạo Viện gặp mặt, cảm ơn các cộng tác viên và phóng viên đã đồng hành với ngành.",
		authors: []string{"Bùi Thảo"}, created: "2024-06-20 09:00", status: loa.StatusPublished, pub: "2024-06-21 16:00"},
	{unit: "TB", kind: loa.KindArticle, title: "64 năm xây dựng và trưởng thành của ngành Kiểm sát nhân dân tỉnh Thái Bình", topic: "Kỷ niệm ngày thành lập ngành 26/7",
		summary: "Nhìn lại chặng đường từ ngày thành lập 26/7/1960 đến nay và những dấu ấn của ngành Kiểm sát tỉnh.",
		body:    "Từ những ngày đầu chỉ có vài cán bộ, đến nay ngành Kiểm sát tỉnh đã có đội ngũ Kiểm sát viên vững vàng.\n\nNhiều tập thể, cá nhân được khen thưởng.",
		authors: []string{"Phạm Viết Vượng", "Bùi Thảo"}, created: "2024-07-20 08:00", status: loa.StatusPublished, pub: "2024-07-25 08:00",
		also: []string{"bvpl 2024-07-26", "baothaibinh 2024-07-26"}, picture: "Trụ sở Viện kiểm sát nhân dân tỉnh"},
	{unit: "TB-HUNGHA", kind: loa.KindNews, title: "Hưng Hà dâng hương tri ân các anh hùng liệt sĩ", topic: "Tri ân anh hùng liệt sĩ 27/7",
		summary: "Chi bộ, chi đoàn Viện kiểm sát nhân dân huyện Hưng Hà dâng hương tại nghĩa trang liệt sĩ huyện.",
		authors: []string{"Đỗ Thị Hằng"}, created: "2024-07-26 10:00", status: loa.StatusPublished, pub: "2024-07-27 07:30",
		also: []string{"ptth 2024-07-28"}, picture: "Dâng hương tại nghĩa trang liệt sĩ huyện Hưng Hà"},
	{unit: "TB-VUTHU", kind: loa.KindNews, title: "Tuổi trẻ Viện kiểm sát Vũ Thư thăm, tặng quà gia đình chính sách", topic: "Tri ân anh hùng liệt sĩ 27/7",
		summary: "Đoàn thăm hỏi, tặng quà ba gia đình thương binh, liệt sĩ trên địa bàn huyện.",
		authors: []string{"Lương Thị Yến"}, created: "2024-07-24 15:00", status: loa.StatusPublished, pub: "2024-07-26 09:00"},
	{unit: "TB-P1", kind: loa.KindNews, title: "Chi hội Luật gia Viện kiểm sát tỉnh tổ chức đại hội nhiệm kỳ mới",
		summary: "Đại hội bầu Ban chấp hành chi hội và cử đại biểu dự Đại hội Hội Luật gia tỉnh.",
		authors: []string{"Ngô Thị Thu Hà"}, created: "2024-08-13 09:00", status: loa.StatusPublished, pub: "2024-08-15 10:20"},
	{unit: "TB-P2", kind: loa.KindResearch, title: "Chuyển đổi số trong công tác kiểm sát: kết quả bước đầu và kiến nghị", topic: "Chuyển đổi số",
		summary: "Bài viết tổng hợp việc ứng dụng phần mềm quản lý án, ký số và họp trực tuyến ở các đơn vị trong tỉnh.",
		body:    "Hạ tầng mạng nội bộ đã kết nối tới tất cả các đơn vị.\n\nTác giả kiến nghị đào tạo lại kỹ năng số cho cán bộ lớn tuổi.",
		authors: []string{"Đặng Quốc Khánh"}, created: "2024-09-20 08:00", status: loa.StatusPublished, pub: "2024-09-25 14:00", also: []string{"vksndtc 2024-10-02"}},
	{unit: "TB", kind: loa.KindReportage, title: "Phóng sự: Ngành Kiểm sát Thái Bình với những nhiệm vụ đột phá",
		summary: "Phóng sự thực hiện cùng Đài Phát thanh – Truyền hình tỉnh về việc nâng cao chất lượng thực hành quyền công tố.",
		authors: []string{"Nguyễn Anh Đức", "Đài PT-TH Thái Bình"}, created: "2024-10-10 08:00", status: loa.StatusPublished, pub: "2024-10-15 19:00",
		also: []string{"ptth 2024-10-16"}},
	{unit: "TB-TTRA", kind: loa.KindNews, title: "Thanh tra Viện kiểm sát tỉnh kiểm tra công tác tại Viện kiểm sát huyện Tiền Hải",
		summary: "Đoàn kiểm tra việc chấp hành quy chế nghiệp vụ và công tác văn thư, lưu trữ hồ sơ.",
		authors: []string{"Trịnh Văn Sơn"}, created: "2024-10-28 14:00", status: loa.StatusPublished, pub: "2024-10-30 09:30"},
	{unit: "TB-TPTB", kind: loa.KindNews, title: "Viện kiểm sát thành phố Thái Bình hưởng ứng Ngày Pháp luật 9/11",
		summary: "Đơn vị tổ chức tọa đàm về Luật Tổ chức Viện kiểm sát nhân dân và các luật mới có hiệu lực.",
		authors: []string{"Trần Thị Mai"}, created: "2024-11-07 09:00", status: loa.StatusPublished, pub: "2024-11-09 08:00"},
	{unit: "TB-QUYNHPHU", kind: loa.KindVideo, title: "Video: Phiên tòa trực tuyến đầu tiên tại huyện Quỳnh Phụ",
		summary: "Phiên tòa được kết nối tới điểm cầu Trại tạm giam Công an tỉnh.", authors: []string{"Vũ Minh Tuấn"},
		created: "2024-11-18 10:00", status: loa.StatusPublished, pub: "2024-11-20 15:00"},
	{unit: "TB-KIENXUONG", kind: loa.KindNews, title: "Kiến Xương tổng kết công tác năm 2024",
		summary: "Đơn vị tổng kết công tác năm và đề ra phương hướng cho năm 2025.", authors: []string{"Hoàng Thị Lan"},
		created: "2024-11-22 09:00", status: loa.StatusWithdrawn, pub: "2024-11-25 10:00",
		reason: "Số liệu tổng kết chưa được lãnh đạo đơn vị thông qua; đơn vị sẽ gửi lại bản đã sửa."},
}

var demoItems2025 = []demoItem{
	{unit: "TB", kind: loa.KindNews, title: "Ngành Kiểm sát Thái Bình triển khai công tác năm 2025",
		summary: "Hội nghị triển khai công tác năm 2025, năm cuối trước khi sắp xếp lại đơn vị hành chính.",
		authors: []string{"Bùi Thảo"}, created: "2024-12-26 08:00", status: loa.StatusPublished, pub: "2024-12-27 16:00",
		also: []string{"vksndtc 2024-12-30"}, picture: "Hội nghị triển khai công tác năm 2025"},
	{unit: "TB-HUNGHA", kind: loa.KindNews, title: "Hưng Hà: phối hợp giải quyết nhanh một vụ án ma túy",
		summary: "Viện kiểm sát huyện chủ động tham gia từ giai đoạn điều tra, bảo đảm vụ án được giải quyết đúng thời hạn.",
		authors: []string{"Đỗ Thị Hằng"}, created: "2025-02-12 14:00", status: loa.StatusPublished, pub: "2025-02-14 09:00"},
	{unit: "TB-P2", kind: loa.KindResearch, title: "Một số vướng mắc khi áp dụng Luật Tư pháp người chưa thành niên",
		summary: "Tác giả nêu ba vướng mắc thường gặp và kiến nghị hướng dẫn.", authors: []string{"Đặng Quốc Khánh"},
		created: "2025-03-17 08:00", status: loa.StatusPublished, pub: "2025-03-20 10:00", also: []string{"tcks 2025-05-15"}},
	{unit: "TB", kind: loa.KindNews, title: "Ngành Kiểm sát Thái Bình chuẩn bị sắp xếp tổ chức bộ máy",
		summary: "Viện kiểm sát tỉnh quán triệt phương án sắp xếp các Viện kiểm sát cấp huyện thành Viện kiểm sát khu vực từ ngày 01/7/2025.",
		authors: []string{"Nguyễn Anh Đức"}, created: "2025-05-26 09:00", status: loa.StatusPublished, pub: "2025-05-28 15:00"},
	{unit: "HY-KV5", kind: loa.KindNews, title: "Viện kiểm sát nhân dân khu vực 5 – Hưng Yên đi vào hoạt động",
		summary: "Đơn vị mới được hình thành trên cơ sở Viện kiểm sát thành phố Thái Bình và huyện Vũ Thư.",
		authors: []string{"Trần Thị Mai", "Bùi Văn Nam"}, created: "2025-07-01 14:00", status: loa.StatusPublished, pub: "2025-07-02 09:00",
		picture: "Lễ công bố quyết định thành lập"},
	{unit: "HY-KV7", kind: loa.KindPhoto, title: "Tin ảnh: Kỷ niệm 65 năm Ngày thành lập ngành Kiểm sát nhân dân", topic: "Kỷ niệm ngày thành lập ngành 26/7",
		summary: "Những hình ảnh tại lễ kỷ niệm của Viện kiểm sát nhân dân khu vực 7.", authors: []string{"Vũ Minh Tuấn"},
		created: "2025-07-25 10:00", status: loa.StatusPublished, pub: "2025-07-26 08:00", picture: "Lễ kỷ niệm 65 năm Ngày thành lập ngành"},
	{unit: "HY-KV6", kind: loa.KindNews, title: "Viện kiểm sát khu vực 6 kiểm sát trực tiếp Trại tạm giam",
		summary: "Đoàn kiểm sát việc chấp hành chế độ tạm giam và quyền của người bị tạm giam.", authors: []string{"Lê Văn Hùng"},
		created: "2025-08-19 09:00", status: loa.StatusPublished, pub: "2025-08-21 10:40", also: []string{"ptth 2025-08-22"}},
	{unit: "HY", kind: loa.KindArticle, title: "Ngành Kiểm sát Hưng Yên sau hợp nhất: những việc cần làm ngay",
		summary: "Ổn định tổ chức, thống nhất quy trình nghiệp vụ và giữ nhịp công tác tuyên truyền.", authors: []string{"Bùi Thảo"},
		created: "2025-09-08 08:00", status: loa.StatusPublished, pub: "2025-09-10 14:00", also: []string{"bvpl 2025-09-15"}},
}

var demoItems2026 = []demoItem{
	{unit: "HY", kind: loa.KindNews, title: "Viện kiểm sát nhân dân tỉnh Hưng Yên triển khai công tác năm 2026",
		summary: "Hội nghị giao chỉ tiêu cho các phòng và tám Viện kiểm sát khu vực.", authors: []string{"Bùi Thảo"},
		created: "2025-12-29 08:00", status: loa.StatusPublished, pub: "2025-12-30 16:30", picture: "Hội nghị triển khai công tác năm 2026"},
	{unit: "HY-KV8", kind: loa.KindNews, title: "Viện kiểm sát khu vực 8 tuyên truyền pháp luật tại các xã ven biển",
		summary: "Hơn 200 ngư dân được phổ biến quy định về phòng, chống khai thác hải sản bất hợp pháp.", authors: []string{"Nguyễn Đức Long"},
		created: "2026-04-13 14:00", status: loa.StatusPublished, pub: "2026-04-14 09:15", also: []string{"ptth 2026-04-16"}},
	{unit: "HY-KV5", kind: loa.KindNews, title: "Khu vực 5 tổ chức phiên tòa rút kinh nghiệm vụ án tham nhũng",
		summary: "Phiên tòa được truyền hình trực tuyến tới các đơn vị trong tỉnh.", authors: []string{"Bùi Văn Nam"},
		created: "2026-09-16 08:00", status: loa.StatusPublished, pub: "2026-09-18 10:00"},
	{unit: "HY", kind: loa.KindArticle, title: "Chuyển đổi số ngành Kiểm sát Hưng Yên: một năm nhìn lại", topic: "Chuyển đổi số",
		summary: "Kết quả số hóa hồ sơ, ký số văn bản và những việc còn phải làm.", authors: []string{"Đặng Quốc Khánh"},
		created: "-120h", status: loa.StatusApproved, sched: "+44h"},
	{unit: "HY-KV6", kind: loa.KindNews, title: "Viện kiểm sát khu vực 6 kiểm sát việc tiếp công dân",
		summary: "Đoàn kiểm sát việc tiếp công dân, giải quyết khiếu nại, tố cáo trong hoạt động tư pháp.", authors: []string{"Lê Văn Hùng"},
		created: "-60h", status: loa.StatusSubmitted},
	{unit: "HY-KV7", kind: loa.KindResearch, title: "Trao đổi: xác định thẩm quyền điều tra sau khi sắp xếp đơn vị hành chính",
		summary: "Những tình huống chuyển tiếp khi địa giới hành chính thay đổi.", authors: []string{"Vũ Minh Tuấn"},
		created: "-130h", status: loa.StatusSubmitted},
	{unit: "HY-KV8", kind: loa.KindPhoto, title: "Tin ảnh: Đoàn viên Viện kiểm sát khu vực 8 hiến máu tình nguyện",
		summary: "Hơn 20 đoàn viên tham gia ngày hội hiến máu.", authors: []string{"Nguyễn Đức Long"},
		created: "-26h", status: loa.StatusSubmitted, picture: "Đoàn viên hiến máu tình nguyện"},
	{unit: "HY-KV6", kind: loa.KindNews, title: "Tuyên truyền pháp luật cho học sinh trường trung học phổ thông",
		summary: "Kiểm sát viên giới thiệu quy định về phòng, chống bạo lực học đường.", authors: []string{"Đỗ Thị Hằng"},
		created: "-100h", status: loa.StatusReturned, reason: "Xin bổ sung ảnh, tên tác giả ảnh và kiểm tra lại số học sinh tham dự.",
		comment: "Tin tốt, chỉ cần thêm một ảnh có chú thích là đăng được."},
	{unit: "HY-KV6", kind: loa.KindNews, title: "Kiểm sát việc thi hành án treo tại các xã",
		summary: "Bản nháp: kết quả kiểm sát tại ba xã.", authors: []string{"Đỗ Thị Hằng"}, created: "-20h", status: loa.StatusDraft},
	{unit: "HY-KV6", kind: loa.KindArticle, title: "Gương Kiểm sát viên trẻ trong phong trào thi đua", topic: "Gương điển hình",
		summary: "Bản nháp bài viết về một Kiểm sát viên có nhiều sáng kiến.", authors: []string{"Đỗ Thị Hằng"}, created: "-3h", status: loa.StatusDraft},
	{unit: "HY", kind: loa.KindNews, title: "Tổng kết phong trào thi đua năm công tác 2026",
		summary: "Các tập thể, cá nhân được đề nghị khen thưởng.", authors: []string{"Trịnh Văn Sơn"},
		created: "-75h", status: loa.StatusReturned, reason: "Chờ quyết định khen thưởng chính thức rồi mới đăng danh sách."},
	{unit: "HY-KV5", kind: loa.KindNews, title: "Viện kiểm sát khu vực 5 sơ kết chuyên đề kiểm sát án dân sự",
		summary: "Bản nháp do Thư ký Ban nhập hộ đơn vị.", authors: []string{"Trần Thị Mai"}, created: "-6h", status: loa.StatusDraft},
}

// demoItems writes the demo's items, in one transaction.
func demoItems(ctx context.Context, db *store.DB, d *Data) error {
	now := time.Now()
	at := func(s string) time.Time {
		if strings.HasPrefix(s, "-") || strings.HasPrefix(s, "+") {
			dur, err := time.ParseDuration(s)
			if err != nil {
				panic(err)
			}
			return now.Add(dur).Truncate(time.Minute)
		}
		t, err := time.ParseInLocation("2006-01-02 15:04", s, loa.Zone)
		if err != nil {
			panic(err)
		}
		return t
	}
	all := append(append(append([]demoItem{}, demoItems2024...), demoItems2025...), demoItems2026...)
	all = append(all, recentDemoItems(now)...)
	return db.WithTx(ctx, func(ctx context.Context) error {
		for i, di := range all {
			if err := demoItemRun(ctx, db, d, di, i, at); err != nil {
				return fmt.Errorf("item %q: %w", di.title, err)
			}
		}
		return nil
	})
}

func demoItemRun(ctx context.Context, db *store.DB, d *Data, di demoItem, n int, at func(string) time.Time) error {
	unit := d.Units[di.unit]
	if unit == nil {
		return fmt.Errorf("no unit %s", di.unit)
	}
	writer := d.Users[loa.RoleSecretary]
	if c := d.Users[loa.RoleContributor]; c != nil && c.UnitID == unit.ID {
		writer = c
	}
	editor, leader := d.Users[loa.RoleEditor], d.Users[loa.RoleLeader]
	as := func(u *loa.User, t time.Time) context.Context { return store.AtTime(loa.WithUser(ctx, u), t) }

	created := at(di.created)
	it := &loa.Item{Kind: di.kind, UnitID: unit.ID, Title: di.title, Summary: di.summary, Topic: di.topic, Body: demoBody(di)}
	for _, a := range di.authors {
		au := loa.Author{Name: a}
		if p := d.People[a]; p != nil {
			au.PersonID = p.ID
		}
		it.Authors = append(it.Authors, au)
	}
	if err := db.CreateItem(as(writer, created), it); err != nil {
		return err
	}
	if di.picture != "" {
		f, err := media.Picture("anh.jpg", demoPicture(n))
		if err != nil {
			return err
		}
		if _, err := db.AddMedia(as(writer, created), it.ID, f, di.picture, "Bùi Thảo"); err != nil {
			return err
		}
	}
	if di.status == loa.StatusDraft {
		return nil
	}
	step := func(u *loa.User, t time.Time, a loa.Action, reason string) error {
		return db.Transition(as(u, t), it.ID, a, reason)
	}
	submitted := created.Add(2 * time.Hour)
	if err := step(writer, submitted, loa.ActionSubmit, ""); err != nil {
		return err
	}
	if di.comment != "" {
		if _, err := db.AddComment(as(editor, submitted.Add(time.Hour)), it.ID, di.comment); err != nil {
			return err
		}
	}
	switch di.status {
	case loa.StatusSubmitted:
		return nil
	case loa.StatusReturned:
		return step(editor, submitted.Add(3*time.Hour), loa.ActionReturn, di.reason)
	}
	approved := submitted.Add(3 * time.Hour)
	if di.pub != "" && !approved.Before(at(di.pub)) {
		approved = at(di.pub).Add(-30 * time.Minute)
	}
	if err := step(editor, approved, loa.ActionApprove, ""); err != nil {
		return err
	}
	if di.status == loa.StatusApproved {
		if di.sched == "" {
			return nil
		}
		return db.ScheduleItem(as(editor, approved), it.ID, at(di.sched))
	}
	pub := at(di.pub)
	if err := step(editor, pub, loa.ActionPublish, ""); err != nil {
		return err
	}
	for _, o := range di.also {
		code, on, _ := strings.Cut(o, " ")
		p := &loa.Publication{ItemID: it.ID, ChannelCode: code, PublishedOn: date(on)}
		// Recorded on the day it appeared (a publication is never dated after today).
		when := pub
		if day := p.PublishedOn; day.After(loa.DateOf(pub)) {
			when = time.Date(day.Year(), day.Month(), day.Day(), 17, 0, 0, 0, loa.Zone)
		}
		if err := db.AddPublication(as(d.Users[loa.RoleSecretary], when), p); err != nil {
			return fmt.Errorf("publication %s: %w", o, err)
		}
	}
	if di.status == loa.StatusWithdrawn {
		return step(leader, pub.Add(26*time.Hour), loa.ActionWithdraw, di.reason)
	}
	return nil
}

// demoBody is the item's HTML: the seed article's own, or its paragraphs.
func demoBody(di demoItem) string {
	if strings.HasPrefix(di.body, "<") {
		return di.body
	}
	var b strings.Builder
	b.WriteString("<p>" + di.summary + "</p>")
	for _, p := range strings.Split(di.body, "\n\n") {
		if p = strings.TrimSpace(p); p != "" {
			b.WriteString("<p>" + p + "</p>")
		}
	}
	return b.String()
}

// demoPictures holds the pictures drawn so far: five variants serve every item.
var (
	demoPicturesMu sync.Mutex
	demoPictures   = map[int][]byte{}
)

// demoPicture draws a 960×540 picture in the procuracy's red and gold, one of five
// variants by n, so the demo's pages have pictures without shipping any.
func demoPicture(n int) []byte {
	n %= 5
	demoPicturesMu.Lock()
	defer demoPicturesMu.Unlock()
	if b, ok := demoPictures[n]; ok {
		return b
	}
	const w, h = 960, 540
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	red, gold := color.RGBA{0xa5, 0x0e, 0x0e, 0xff}, color.RGBA{0xd4, 0xa0, 0x17, 0xff}
	shift := (n * 97) % w
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			t := float64((x+shift)%w) / w
			c := color.RGBA{
				uint8(float64(red.R)*(1-t) + float64(gold.R)*t),
				uint8(float64(red.G)*(1-t) + float64(gold.G)*t),
				uint8(float64(red.B)*(1-t)+float64(gold.B)*t) + uint8(y*40/h),
				0xff}
			img.SetRGBA(x, y, c)
		}
	}
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, img, &jpeg.Options{Quality: 80}); err != nil {
		panic(err)
	}
	demoPictures[n] = buf.Bytes()
	return buf.Bytes()
}
