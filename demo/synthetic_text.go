package demo

import (
	"fmt"
	"math/rand/v2"
	"strconv"
	"strings"
	"time"

	"loa"
)

// The word lists of the synthetic data sets. Provinces are the real ones with the
// 2025 merger; everything else (places, people, titles, bodies) is composed here from
// phrases written for loa about the work of a procuracy.

type survivor struct {
	name string
	city bool
}

// survivors are the 34 provinces and centrally governed cities after 1/7/2025,
// Hưng Yên first (the province of DOMAIN.md's successor).
var survivors = []survivor{
	{"Hưng Yên", false}, {"Hà Nội", true}, {"Huế", true}, {"Lai Châu", false}, {"Điện Biên", false}, {"Sơn La", false},
	{"Lạng Sơn", false}, {"Quảng Ninh", false}, {"Thanh Hóa", false}, {"Nghệ An", false}, {"Hà Tĩnh", false},
	{"Cao Bằng", false}, {"Tuyên Quang", false}, {"Lào Cai", false}, {"Thái Nguyên", false}, {"Phú Thọ", false},
	{"Bắc Ninh", false}, {"Hải Phòng", true}, {"Ninh Bình", false}, {"Quảng Trị", false}, {"Đà Nẵng", true},
	{"Quảng Ngãi", false}, {"Gia Lai", false}, {"Khánh Hòa", false}, {"Lâm Đồng", false}, {"Đắk Lắk", false},
	{"Hồ Chí Minh", true}, {"Đồng Nai", false}, {"Tây Ninh", false}, {"Cần Thơ", true}, {"Vĩnh Long", false},
	{"Đồng Tháp", false}, {"Cà Mau", false}, {"An Giang", false},
}

// mergedProvinces are the 29 provinces that ended on 30/6/2025 and the one each
// merged into, Thái Bình first.
var mergedProvinces = []struct{ name, into string }{
	{"Thái Bình", "Hưng Yên"}, {"Hà Giang", "Tuyên Quang"}, {"Yên Bái", "Lào Cai"}, {"Bắc Kạn", "Thái Nguyên"},
	{"Vĩnh Phúc", "Phú Thọ"}, {"Hòa Bình", "Phú Thọ"}, {"Bắc Giang", "Bắc Ninh"}, {"Hải Dương", "Hải Phòng"},
	{"Hà Nam", "Ninh Bình"}, {"Nam Định", "Ninh Bình"}, {"Quảng Bình", "Quảng Trị"}, {"Quảng Nam", "Đà Nẵng"},
	{"Kon Tum", "Quảng Ngãi"}, {"Bình Định", "Gia Lai"}, {"Ninh Thuận", "Khánh Hòa"}, {"Đắk Nông", "Lâm Đồng"},
	{"Bình Thuận", "Lâm Đồng"}, {"Phú Yên", "Đắk Lắk"}, {"Bình Dương", "Hồ Chí Minh"}, {"Bà Rịa – Vũng Tàu", "Hồ Chí Minh"},
	{"Bình Phước", "Đồng Nai"}, {"Long An", "Tây Ninh"}, {"Sóc Trăng", "Cần Thơ"}, {"Hậu Giang", "Cần Thơ"},
	{"Bến Tre", "Vĩnh Long"}, {"Trà Vinh", "Vĩnh Long"}, {"Tiền Giang", "Đồng Tháp"}, {"Bạc Liêu", "Cà Mau"},
	{"Kiên Giang", "An Giang"},
}

var departmentNames = []struct{ code, name string }{
	{"VP", "Văn phòng"}, {"TTRA", "Thanh tra"}, {"P1", "Phòng 1"}, {"P2", "Phòng 2"}, {"P3", "Phòng 3"}, {"P7", "Phòng 7"},
	{"P8", "Phòng 8"}, {"P9", "Phòng 9"}, {"P10", "Phòng 10"}, {"P11", "Phòng 11"}, {"P12", "Phòng 12"}, {"P15", "Phòng 15"},
	{"P4", "Phòng 4"}, {"P14", "Phòng 14"},
}

// Syllables of made-up district names.
var (
	placeFirst  = strings.Fields("Đông Tây Nam Bắc Tân Vĩnh An Phú Hòa Thanh Bình Long Hưng Thuận Quảng Kim Yên Gia Mỹ Châu Đức Tiên Lạc Cẩm Văn")
	placeSecond = strings.Fields("Hưng Phú Bình Sơn Hà Lộc Thành An Xuân Điền Lâm Hải Giang Yên Đức Thủy Lợi Hòa Mỹ Khê Trạch Lương Định Quan")
)

var (
	familyNames = strings.Fields("Nguyễn Nguyễn Nguyễn Trần Trần Lê Lê Phạm Phạm Hoàng Huỳnh Phan Vũ Võ Đặng Bùi Đỗ Hồ Ngô Dương Lý Đinh Trịnh Lương Cao")
	middleNames = strings.Fields("Văn Thị Đức Minh Thanh Ngọc Hữu Quang Thu Anh Xuân Hồng Thế Kim Mạnh Bảo")
	givenNames  = strings.Fields("Anh Bình Cường Dũng Giang Hà Hải Hạnh Hằng Hiếu Hoa Hùng Hương Khánh Lan Linh Long Mai Minh Nam Nga Ngọc Phong Phương Quân Sơn Tâm Thảo Thắng Trang Tuấn Vân Việt Yến Hiền Thủy Huy Đạt Tùng")
	staffTitles = []string{"Kiểm sát viên", "Kiểm sát viên", "Kiểm sát viên", "Kiểm tra viên", "Chuyên viên", "Kiểm sát viên trung cấp", "Kiểm sát viên sơ cấp"}
	boardRoles  = []loa.BoardRole{loa.BoardHead, loa.BoardDeputy, loa.BoardSecretary, loa.BoardMember, loa.BoardMember, loa.BoardMember}
	boardDuties = []string{"Chỉ đạo chung công tác tuyên truyền", "Phụ trách nội dung nghiệp vụ", "Tổng hợp, báo cáo; biên tập trang tin",
		"Theo dõi khối cấp tỉnh", "Theo dõi khối khu vực", "Thi đua, khen thưởng"}
)

// anniversaries are the themes of every work year (DOMAIN.md): title and short form
// take the number of years and, for the title, the year.
var anniversaries = []struct {
	month        time.Month
	day, since   int
	title, short string
	desc         string
}{
	{time.February, 3, 1930, "Kỷ niệm %d năm Ngày thành lập Đảng Cộng sản Việt Nam (3/2/1930 – 3/2/%d)", "%d năm Ngày thành lập Đảng (3/2)", "Tuyên truyền về Đảng, công tác xây dựng Đảng trong ngành."},
	{time.June, 21, 1925, "Kỷ niệm %d năm Ngày Báo chí cách mạng Việt Nam (21/6/1925 – 21/6/%d)", "%d năm Ngày Báo chí cách mạng Việt Nam (21/6)", "Tôn vinh đội ngũ cộng tác viên tuyên truyền."},
	{time.July, 26, 1960, "Kỷ niệm %d năm Ngày thành lập ngành Kiểm sát nhân dân (26/7/1960 – 26/7/%d)", "%d năm Ngày thành lập ngành Kiểm sát nhân dân (26/7)", "Ngày truyền thống của ngành: hoạt động, gương điển hình."},
	{time.July, 27, 1947, "Kỷ niệm %d năm Ngày Thương binh – Liệt sĩ (27/7/1947 – 27/7/%d)", "%d năm Ngày Thương binh – Liệt sĩ (27/7)", "Đền ơn đáp nghĩa, tri ân người có công."},
	{time.September, 2, 1945, "Kỷ niệm %d năm Quốc khánh nước Cộng hòa xã hội chủ nghĩa Việt Nam (2/9/1945 – 2/9/%d)", "%d năm Quốc khánh (2/9)", "Tuyên truyền về truyền thống dân tộc."},
	{time.November, 9, 2013, "Hưởng ứng Ngày Pháp luật Việt Nam lần thứ %d (9/11/%d)", "Ngày Pháp luật Việt Nam lần thứ %d (9/11)", "Phổ biến, giáo dục pháp luật cho nhân dân."},
}

// sections of the public site the synthetic sets come with.
var sections = []struct{ slug, name, kinds, topics string }{
	{"tin-hoat-dong", "Tin hoạt động", "news,photo", ""},
	{"bai-viet", "Bài viết", "article", ""},
	{"nghien-cuu-trao-doi", "Nghiên cứu, trao đổi", "research", "Nghiên cứu, trao đổi"},
	{"phong-su-video", "Phóng sự, video", "reportage,video", ""},
	{"chuyen-doi-so", "Chuyển đổi số", "", "Chuyển đổi số"},
}

// Phrase banks, by placeholder.
var phrases = map[string][]string{
	"CR": {"Trộm cắp tài sản", "Lừa đảo chiếm đoạt tài sản", "Cố ý gây thương tích", "Mua bán trái phép chất ma túy",
		"Tàng trữ trái phép chất ma túy", "Đánh bạc", "Vi phạm quy định về tham gia giao thông đường bộ", "Tham ô tài sản",
		"Lạm dụng tín nhiệm chiếm đoạt tài sản", "Cướp giật tài sản", "Hủy hoại rừng", "Gây rối trật tự công cộng",
		"Tổ chức đánh bạc", "Vận chuyển hàng cấm", "Sử dụng mạng máy tính, mạng viễn thông chiếm đoạt tài sản", "Cưỡng đoạt tài sản"},
	"CV": {"tranh chấp quyền sử dụng đất", "ly hôn và tranh chấp nuôi con", "tranh chấp hợp đồng vay tài sản", "tranh chấp thừa kế",
		"khiếu kiện quyết định hành chính về đất đai", "tranh chấp hợp đồng mua bán hàng hóa", "đòi bồi thường thiệt hại ngoài hợp đồng"},
	"F": {"công tác thực hành quyền công tố và kiểm sát điều tra", "kiểm sát việc giải quyết các vụ, việc dân sự",
		"kiểm sát thi hành án dân sự", "kiểm sát việc tạm giữ, tạm giam và thi hành án hình sự",
		"kiểm sát việc giải quyết các vụ án hành chính", "tiếp công dân và giải quyết khiếu nại, tố cáo",
		"kiểm sát việc tiếp nhận, giải quyết nguồn tin về tội phạm", "công tác thông tin, tuyên truyền", "kiểm sát việc xét xử các vụ án hình sự"},
	"PU": {"nâng cao kỹ năng tranh tụng của Kiểm sát viên", "tăng cường phối hợp giữa các cơ quan tiến hành tố tụng",
		"tuyên truyền, phổ biến, giáo dục pháp luật cho nhân dân", "đánh giá đúng kết quả thực hiện nhiệm vụ", "phòng ngừa vi phạm pháp luật",
		"nâng cao chất lượng công tác kiểm sát"},
	"G": {"bảo vệ pháp luật, bảo vệ quyền con người, quyền công dân", "xây dựng ngành Kiểm sát nhân dân trong sạch, vững mạnh",
		"giữ vững an ninh chính trị, trật tự an toàn xã hội tại địa phương", "thực hiện thắng lợi nhiệm vụ chính trị của đơn vị",
		"nâng cao niềm tin của nhân dân đối với cơ quan tư pháp"},
	"W": {"số lượng bài nghiên cứu, trao đổi còn ít", "một số bộ phận chưa chú trọng công tác thông tin, tuyên truyền",
		"việc phối hợp có lúc chưa chặt chẽ", "chất lượng một số báo cáo chưa cao", "một số chỉ tiêu nghiệp vụ chưa đạt",
		"việc ứng dụng công nghệ thông tin còn chậm"},
	"C": {"biên chế còn thiếu trong khi khối lượng công việc lớn", "một số cán bộ chưa dành thời gian nghiên cứu",
		"cơ sở vật chất còn hạn chế", "địa bàn rộng, tình hình tội phạm diễn biến phức tạp", "sự chỉ đạo ở một số bộ phận chưa quyết liệt"},
	"T": {"nâng cao chất lượng thực hành quyền công tố gắn với hoạt động điều tra", "thực hiện nghiêm các chỉ tiêu nghiệp vụ theo Nghị quyết của Quốc hội",
		"đẩy mạnh ứng dụng công nghệ thông tin, chuyển đổi số trong hoạt động nghiệp vụ", "tăng cường công tác tuyên truyền về hoạt động của ngành",
		"chú trọng đào tạo, bồi dưỡng đội ngũ Kiểm sát viên", "siết chặt kỷ luật, kỷ cương trong thực thi công vụ",
		"tích cực viết tin, bài về hoạt động của đơn vị"},
	"CA": {"công bố cáo trạng, xét hỏi và tranh luận chặt chẽ, có sức thuyết phục", "đối đáp đầy đủ các ý kiến của người bào chữa",
		"đề nghị mức hình phạt tương xứng với tính chất, mức độ của hành vi phạm tội", "sử dụng hình ảnh, sơ đồ trình chiếu để làm rõ chứng cứ"},
	"TR": {"kỹ năng xét hỏi, tranh luận tại phiên tòa", "viết tin, bài tuyên truyền", "kiểm sát việc giải quyết án dân sự, hành chính",
		"ứng dụng phần mềm quản lý án", "kỹ năng kiểm sát thi hành án dân sự", "quy định mới của Bộ luật Tố tụng hình sự"},
	"EM": {"chào mừng kỷ niệm ngày thành lập ngành", "hoàn thành xuất sắc chỉ tiêu nghiệp vụ năm", "Kiểm sát viên giỏi", "thi đua đột phá trong công tác nghiệp vụ"},
	"FAC": {"Nhà tạm giữ Công an {A}", "Chi cục Thi hành án dân sự {A}", "Trại tạm giam Công an {P}", "Cơ quan Cảnh sát điều tra Công an {A}",
		"Tòa án nhân dân {A}", "Cơ quan Thi hành án hình sự Công an {A}"},
	"LAW": {"Bộ luật Hình sự năm 2015", "Bộ luật Tố tụng hình sự năm 2015", "Bộ luật Dân sự năm 2015", "Luật Thi hành án dân sự",
		"Luật Tổ chức Viện kiểm sát nhân dân năm 2014", "Luật Thi hành tạm giữ, tạm giam năm 2015", "Bộ luật Tố tụng dân sự năm 2015", "Luật Tố tụng hành chính năm 2015"},
	"ISS": {"việc xác định tình tiết tái phạm nguy hiểm", "thẩm quyền giải quyết tranh chấp đất đai", "việc áp dụng biện pháp ngăn chặn đối với người dưới 18 tuổi",
		"việc định giá tài sản trong vụ án trộm cắp", "thời hiệu khởi kiện về thừa kế", "việc trả hồ sơ để điều tra bổ sung", "chứng cứ điện tử trong vụ án hình sự",
		"việc thu hồi tài sản trong các vụ án tham nhũng"},
	"PARTY": {"học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh", "nghị quyết của Đảng về cải cách tư pháp", "phòng, chống tham nhũng, tiêu cực",
		"xây dựng đội ngũ cán bộ tư pháp liêm chính"},
	"YOUTH": {"Tháng Thanh niên", "chiến dịch tình nguyện hè", "phong trào xung kích, sáng tạo", "ngày chủ nhật xanh"},
	"DIG": {"phần mềm quản lý án hình sự", "hệ thống hội nghị truyền hình trực tuyến", "phần mềm quản lý văn bản và điều hành",
		"chữ ký số trong hoạt động nghiệp vụ", "phòng xét xử trực tuyến"},
	"LT":   {"phòng, chống ma túy", "an toàn giao thông", "phòng, chống lừa đảo qua mạng", "phòng, chống bạo lực gia đình", "đất đai", "phòng, chống mua bán người"},
	"MEET": {"sơ kết công tác 6 tháng đầu năm", "triển khai công tác năm", "cán bộ, công chức năm", "tổng kết công tác năm"},
	"AUD":  {"Kiểm sát viên, Kiểm tra viên trong đơn vị", "đại diện các cơ quan tiến hành tố tụng", "đông đảo nhân dân địa phương", "sinh viên chuyên ngành luật"},
	"ACT": {"lén lút chiếm đoạt tài sản của người khác", "dùng thủ đoạn gian dối để chiếm đoạt tiền của người bị hại", "cất giấu trái phép chất ma túy nhằm mục đích bán",
		"dùng hung khí gây thương tích cho người khác", "tổ chức cho nhiều người đánh bạc ăn tiền"},
	"POS": {"Viện trưởng", "Phó Viện trưởng"},
}

type titleTpl struct{ tpl, cat, topic string }

const (
	topicProsecution = "Thực hành quyền công tố"
	topicSupervision = "Kiểm sát hoạt động tư pháp"
	topicSector      = "Xây dựng ngành"
	topicParty       = "Công tác Đảng, đoàn thể"
	topicDigital     = "Chuyển đổi số"
	topicResearch    = "Nghiên cứu, trao đổi"
	topicOutreach    = "Tuyên truyền pháp luật"
)

var titles = map[loa.ItemKind][]titleTpl{
	loa.KindNews: {
		{"{U} tổ chức hội nghị sơ kết công tác 6 tháng đầu năm {Y}", "meeting", topicSector},
		{"{U} triển khai nhiệm vụ công tác năm {Y}", "meeting", topicSector},
		{"{U} tổ chức phiên tòa rút kinh nghiệm vụ án {CR}", "court", topicProsecution},
		{"Xét xử lưu động vụ án {CR} tại {A}", "court", topicProsecution},
		{"{U} phối hợp xét xử rút kinh nghiệm vụ án {CV}", "court", topicSupervision},
		{"{U} trực tiếp kiểm sát tại {FAC}", "inspect", topicSupervision},
		{"{U} kiến nghị phòng ngừa vi phạm trong {F}", "inspect", topicSupervision},
		{"{U} tập huấn {TR}", "training", topicSector},
		{"Đoàn công tác VKSND {P} làm việc với {U}", "meeting", topicSector},
		{"{U} phát động phong trào thi đua {EM}", "meeting", topicSector},
		{"Chi bộ {U} sinh hoạt chuyên đề về {PARTY}", "party", topicParty},
		{"Đoàn thanh niên {U} ra quân hưởng ứng {YOUTH}", "party", topicParty},
		{"{U} tuyên truyền pháp luật về {LT} cho nhân dân {A}", "outreach", topicOutreach},
		{"{U} đưa vào sử dụng {DIG}", "digital", topicDigital},
		{"{U} tổ chức hội nghị cán bộ, công chức năm {Y}", "meeting", topicSector},
	},
	loa.KindArticle: {
		{"{U}: nâng cao chất lượng {F}", "field", topicSupervision},
		{"Những kết quả nổi bật của {U} trong {F}", "field", topicSupervision},
		{"{U} nỗ lực hoàn thành các chỉ tiêu nghiệp vụ năm {Y}", "meeting", topicSector},
		{"Chuyển đổi số ở {U}: từ kế hoạch đến việc làm cụ thể", "digital", topicDigital},
		{"Hiệu quả từ tăng cường tranh tụng tại phiên tòa ở {U}", "court", topicProsecution},
		{"Kiểm sát viên {PER} và những năm gắn bó với {A}", "portrait", topicSector},
	},
	loa.KindResearch: {
		{"Một số vướng mắc khi áp dụng {LAW} và kiến nghị hoàn thiện", "research", topicResearch},
		{"Trao đổi về {ISS}", "research", topicResearch},
		{"Rút kinh nghiệm qua việc giải quyết vụ án {CR}", "research", topicResearch},
		{"Bàn về {ISS}", "research", topicResearch},
		{"Kinh nghiệm {F} từ thực tiễn {A}", "research", topicResearch},
	},
	loa.KindReportage: {
		{"Phóng sự: Những người giữ cán cân công lý ở {A}", "portrait", topicSector},
		{"Phóng sự: Một ngày trực tiếp kiểm sát tại {FAC}", "inspect", topicSupervision},
		{"Phóng sự: {U} đồng hành cùng người dân {A}", "outreach", topicOutreach},
	},
	loa.KindPhoto: {
		{"Ảnh: {U} triển khai nhiệm vụ công tác năm {Y}", "meeting", topicSector},
		{"Ảnh: Phiên tòa rút kinh nghiệm vụ án {CR}", "court", topicProsecution},
		{"Ảnh: Hoạt động thiện nguyện của Đoàn thanh niên {U}", "party", topicParty},
	},
	loa.KindVideo: {
		{"Video: {U} tuyên truyền pháp luật về {LT} tại {A}", "outreach", topicOutreach},
		{"Video: Phiên tòa trực tuyến vụ án {CR}", "court", topicProsecution},
	},
}

var themeTitle = titleTpl{"{U} tổ chức các hoạt động kỷ niệm {TH}", "theme", topicParty}

// sentences are the body's phrases by category; "end" closes every body.
var sentences = map[string][]string{
	"meeting": {
		"Ngày {D}, {U} tổ chức hội nghị {MEET} với sự tham dự của toàn thể cán bộ, công chức và người lao động trong đơn vị.",
		"Đồng chí {PER}, {POS} {U}, chủ trì hội nghị.",
		"Theo báo cáo, trong kỳ đơn vị đã thụ lý kiểm sát {M} tin báo, tố giác về tội phạm và kiến nghị khởi tố, đã giải quyết {PCT}% số tin.",
		"Đơn vị thực hành quyền công tố, kiểm sát điều tra {M} vụ với {M} bị can; truy tố đúng thời hạn {PCT}% số vụ, không có trường hợp oan sai.",
		"Các đại biểu đã tập trung thảo luận, làm rõ nguyên nhân của những tồn tại, hạn chế và đề xuất giải pháp khắc phục.",
		"Hội nghị cũng chỉ ra một số hạn chế như {W}; nguyên nhân chủ yếu là {C}.",
		"Phát biểu kết luận, đồng chí {PER} ghi nhận kết quả đạt được và yêu cầu các bộ phận {T}.",
		"Dịp này, {N} tập thể và cá nhân có thành tích xuất sắc đã được khen thưởng.",
	},
	"court": {
		"Phiên tòa được tổ chức theo hình thức rút kinh nghiệm, có sự tham dự của {AUD}.",
		"Theo cáo trạng, năm {Y} bị cáo đã có hành vi {ACT}, gây thiệt hại khoảng {M} triệu đồng.",
		"Tại phiên tòa, Kiểm sát viên đã {CA}.",
		"Hội đồng xét xử chấp nhận quan điểm của Viện kiểm sát, tuyên phạt bị cáo {N} tháng tù.",
		"Sau phiên tòa, {U} đã họp rút kinh nghiệm, chỉ ra những ưu điểm và những điểm cần lưu ý trong kỹ năng xét hỏi, tranh luận.",
		"Phiên tòa góp phần tuyên truyền, giáo dục pháp luật và nâng cao ý thức chấp hành pháp luật của người dân {A}.",
		"Vụ án liên quan đến {CV} giữa các đương sự cư trú tại {A} đã được giải quyết đúng quy định.",
	},
	"inspect": {
		"Thực hiện kế hoạch công tác năm {Y}, ngày {D}, {U} tiến hành trực tiếp kiểm sát tại {FAC}.",
		"Đoàn kiểm sát đã kiểm tra hồ sơ, sổ sách, việc quản lý người bị tạm giữ, tạm giam và chế độ ăn, ở, khám chữa bệnh.",
		"Qua kiểm sát, đoàn đã chỉ ra {N} vi phạm và ban hành kiến nghị yêu cầu khắc phục.",
		"Đơn vị được kiểm sát đã tiếp thu, cam kết khắc phục các vi phạm trong thời hạn luật định.",
		"Hoạt động kiểm sát trực tiếp góp phần bảo đảm pháp luật được chấp hành nghiêm chỉnh và thống nhất.",
	},
	"training": {
		"Ngày {D}, {U} tổ chức lớp tập huấn về {TR} cho {N} Kiểm sát viên, Kiểm tra viên và chuyên viên.",
		"Báo cáo viên đã trao đổi những nội dung mới, những vướng mắc thường gặp trong thực tiễn và cách khắc phục.",
		"Các học viên thảo luận sôi nổi, nêu nhiều tình huống cụ thể phát sinh tại đơn vị.",
		"Lớp tập huấn giúp cán bộ nâng cao kiến thức, kỹ năng, đáp ứng yêu cầu nhiệm vụ trong tình hình mới.",
	},
	"party": {
		"Ngày {D}, Chi bộ {U} tổ chức sinh hoạt chuyên đề về {PARTY}.",
		"Các đảng viên đã liên hệ trách nhiệm bản thân, đề ra việc làm cụ thể gắn với nhiệm vụ chuyên môn.",
		"Đoàn thanh niên đơn vị đã trao {N} suất quà cho học sinh có hoàn cảnh khó khăn và gia đình chính sách tại {A}.",
		"Hoạt động thể hiện tinh thần tương thân tương ái và sự gắn bó với địa phương của cán bộ, đoàn viên.",
	},
	"outreach": {
		"Ngày {D}, {U} phối hợp với chính quyền {A} tổ chức buổi tuyên truyền pháp luật cho khoảng {M} người dân.",
		"Cán bộ của đơn vị đã giới thiệu những quy định của pháp luật về {LT} và giải đáp thắc mắc của người dân.",
		"Nhiều người dân cho biết buổi tuyên truyền giúp họ hiểu rõ hơn quyền và nghĩa vụ của mình.",
		"Tài liệu tuyên truyền được biên soạn ngắn gọn, dễ hiểu, phù hợp với từng nhóm đối tượng.",
	},
	"digital": {
		"{U} đã đưa vào sử dụng {DIG}, giúp rút ngắn thời gian xử lý công việc.",
		"Văn bản đi, đến của đơn vị được xử lý trên môi trường mạng; hồ sơ vụ án từng bước được số hóa.",
		"Đơn vị cũng bồi dưỡng kỹ năng số cho cán bộ, công chức và bảo đảm an toàn thông tin.",
		"Theo đồng chí {PER}, {POS} đơn vị, chuyển đổi số trước hết là thay đổi cách nghĩ, cách làm của mỗi người.",
	},
	"field": {
		"Xác định {F} là một khâu công tác trọng tâm, thời gian qua {U} đã triển khai nhiều giải pháp đồng bộ.",
		"Năm {Y}, đơn vị đã kiểm sát {M} việc, phát hiện vi phạm và ban hành {N} kiến nghị, kháng nghị.",
		"Lãnh đạo đơn vị thường xuyên chỉ đạo sát sao, phân công nhiệm vụ cụ thể cho từng Kiểm sát viên.",
		"Bên cạnh kết quả đạt được, đơn vị thẳng thắn nhìn nhận {W}.",
		"Các kiến nghị của đơn vị đều được cơ quan hữu quan tiếp thu và thực hiện.",
	},
	"portrait": {
		"Hơn {N} năm công tác trong ngành, Kiểm sát viên {PER} luôn tận tụy với công việc và gần gũi với đồng nghiệp.",
		"Nhiều vụ án phức tạp do Kiểm sát viên trực tiếp thụ lý đã được giải quyết đúng pháp luật, không có án bị hủy do lỗi chủ quan.",
		"Với những đóng góp đó, Kiểm sát viên {PER} nhiều năm liền đạt danh hiệu Chiến sĩ thi đua cơ sở.",
		"Đồng nghiệp ở {U} nhận xét đó là người kỹ lưỡng trong từng hồ sơ và kiên nhẫn với từng đương sự.",
	},
	"research": {
		"Thực tiễn áp dụng {LAW} cho thấy còn một số quy định chưa rõ ràng, dẫn đến cách hiểu và áp dụng chưa thống nhất.",
		"Quan điểm thứ nhất cho rằng hành vi của đối tượng đã cấu thành tội {CR}; quan điểm thứ hai cho rằng chỉ cần xử lý hành chính.",
		"Tác giả đồng tình với quan điểm thứ nhất, bởi lẽ hành vi đã thỏa mãn đầy đủ các dấu hiệu của cấu thành tội phạm.",
		"Để áp dụng thống nhất, đề nghị cơ quan có thẩm quyền sớm có văn bản hướng dẫn về {ISS}.",
		"Qua vụ án tại {A}, có thể rút ra một số kinh nghiệm trong việc thu thập, đánh giá chứng cứ.",
		"Trên đây là quan điểm của tác giả, rất mong nhận được ý kiến trao đổi của bạn đọc và đồng nghiệp.",
	},
	"theme": {
		"Hướng tới kỷ niệm {TH}, {U} đã tổ chức nhiều hoạt động thiết thực, ý nghĩa.",
		"Cán bộ, công chức đơn vị đã dâng hương, ôn lại truyền thống và thăm hỏi, tặng quà các gia đình chính sách.",
		"Các hoạt động nhằm giáo dục truyền thống, bồi đắp niềm tự hào và trách nhiệm của mỗi cán bộ đối với ngành.",
		"Đơn vị cũng tổ chức viết tin, bài tuyên truyền về ngày kỷ niệm trên trang thông tin điện tử.",
	},
	"end": {
		"Hoạt động nhằm {PU}, góp phần {G}.",
		"Thời gian tới, {U} tiếp tục {T}.",
		"Lãnh đạo đơn vị đề nghị cán bộ, công chức tiếp tục {T} và {T}.",
		"Qua đó góp phần {G}.",
		"Đây là dịp để đơn vị nhìn lại chặng đường đã qua và xác định rõ nhiệm vụ thời gian tới.",
	},
}

// composed is a generated item's text.
type composed struct {
	title, summary, body, topic string
}

// textBuilder composes titles and bodies; its buffers are reused between items.
type textBuilder struct {
	sb   strings.Builder
	body strings.Builder
	r    *rand.Rand
	u    *sUnit
	day  time.Time
	th   string
	per  string
}

func randomName(r *rand.Rand) string {
	return pick(r, familyNames) + " " + pick(r, middleNames) + " " + pick(r, givenNames)
}

// fill expands the placeholders of tpl.
func (t *textBuilder) fill(tpl string) string {
	t.sb.Reset()
	t.expand(tpl)
	return t.sb.String()
}

func (t *textBuilder) expand(tpl string) {
	r := t.r
	for {
		i := strings.IndexByte(tpl, '{')
		if i < 0 {
			t.sb.WriteString(tpl)
			return
		}
		t.sb.WriteString(tpl[:i])
		j := strings.IndexByte(tpl[i:], '}')
		key := tpl[i+1 : i+j]
		tpl = tpl[i+j+1:]
		switch key {
		case "U":
			t.sb.WriteString(t.u.short)
		case "A":
			t.sb.WriteString(t.u.area)
		case "P":
			if t.u.prov != nil {
				t.sb.WriteString(t.u.prov.fullName())
			} else {
				t.sb.WriteString("tỉnh Hưng Yên")
			}
		case "Y":
			t.sb.WriteString(strconv.Itoa(workYear(t.day)))
		case "D":
			t.sb.WriteString(t.day.Format("02/01/2006"))
		case "N":
			t.sb.WriteString(strconv.Itoa(2 + r.IntN(30)))
		case "M":
			t.sb.WriteString(strconv.Itoa(20 + r.IntN(400)))
		case "PCT":
			t.sb.WriteString(strconv.Itoa(85 + r.IntN(16)))
		case "PER":
			t.sb.WriteString(t.per)
		case "POS":
			if t.u.kind == loa.UnitDepartment {
				t.sb.WriteString(pick(r, []string{"Trưởng phòng", "Phó Trưởng phòng"}))
			} else {
				t.sb.WriteString(pick(r, phrases["POS"]))
			}
		case "TH":
			t.sb.WriteString(t.th)
		default:
			t.expand(pick(r, phrases[key]))
		}
	}
}

// compose makes an item's title, summary (the first sentence), body (paragraphs of
// two or three sentences, about 1–3 KB) and topic.
func (t *textBuilder) compose(r *rand.Rand, u *sUnit, kind loa.ItemKind, day time.Time, theme int, themes []sTheme) composed {
	t.r, t.u, t.day, t.th = r, u, day, ""
	t.per = randomName(r)
	tt := pick(r, titles[kind])
	if theme >= 0 {
		tt = themeTitle
		t.th = themes[theme].short
	}
	c := composed{title: t.fill(tt.tpl), topic: tt.topic}
	own := sentences[tt.cat]
	// The category's lead first, then its other sentences in a shuffled order, some
	// repeated when the body is long.
	want := 7 + r.IntN(10)
	list := []string{own[0]}
	for _, k := range r.Perm(len(own) - 1) {
		list = append(list, own[k+1])
	}
	for len(list) < want {
		list = append(list, own[r.IntN(len(own))])
	}
	list = list[:want]
	t.body.Reset()
	for i := 0; i < len(list); {
		n := min(2+r.IntN(2), len(list)-i)
		t.body.WriteString("<p>")
		for k := 0; k < n; k++ {
			s := t.fill(list[i+k])
			if i == 0 && k == 0 {
				c.summary = s
			}
			if k > 0 {
				t.body.WriteByte(' ')
			}
			t.body.WriteString(s)
		}
		t.body.WriteString("</p>\n")
		i += n
	}
	t.body.WriteString("<p>")
	t.body.WriteString(t.fill(pick(r, sentences["end"])))
	t.body.WriteString("</p>\n")
	if kind == loa.KindPhoto {
		t.body.WriteString(fmt.Sprintf("<p><em>Ảnh: %s</em></p>\n", t.per))
	}
	c.body = t.body.String()
	return c
}
