package docx_test

import (
	"strings"
	"testing"

	"loa"
	"loa/docx"
	"loa/store"
)

func settings() docx.Settings {
	return docx.SettingsFrom(map[string]string{"signer_name": "Nguyễn Văn An"}, "Viện kiểm sát nhân dân tỉnh Thái Bình")
}

// inOrder checks that each of want appears in tx after the one before.
func inOrder(t *testing.T, tx string, want ...string) {
	t.Helper()
	at := 0
	for _, w := range want {
		i := strings.Index(tx[at:], w)
		if i < 0 {
			t.Errorf("%q not found after position %d in\n%s", w, at, tx)
			return
		}
		at += i + len(w)
	}
}

// TestConclusion: the meeting's notice names the chair and the attendees, carries
// the conclusions a paragraph a line, and lists the action items with their owners
// and due dates, one page.
func TestConclusion(t *testing.T) {
	m := &store.Meeting{HeldOn: loa.NewDate(2024, 7, 12), Title: "Sơ kết công tác tuyên truyền 6 tháng đầu năm", Place: "Phòng họp số 1",
		ChairID: 1, ChairName: "Nguyễn Văn An",
		Attendees:   []store.Attendee{{PersonID: 1, Name: "Nguyễn Văn An"}, {PersonID: 2, Name: "Trần Thị Bình"}, {PersonID: 3, Name: "Lê Văn Cường"}},
		Conclusions: "Ghi nhận kết quả 6 tháng đầu năm.\r\n\r\nYêu cầu các đơn vị chưa đạt chỉ tiêu khắc phục ngay.",
		Actions: []*store.ActionItem{
			{Title: "Xây dựng kế hoạch 6 tháng cuối năm", PersonName: "Trần Thị Bình", Due: loa.NewDate(2024, 7, 31)},
			{Title: "Rà soát chỉ tiêu", UnitName: "Viện kiểm sát nhân dân huyện Hưng Hà", PersonName: "Lê Văn Cường"},
		}}
	d := docx.Conclusion(m, settings(), loa.NewDate(2024, 7, 15))
	p := write(t, d)
	checkLayout(t, p, d)
	tx := text(p["word/document.xml"])
	inOrder(t, tx, "Số: \u00a0\u00a0\u00a0\u00a0\u00a0\u00a0/TB-VKSTB", "THÔNG BÁO\nKết luận cuộc họp Ban tuyên truyền ngày 12/07/2024",
		"Ngày 12/07/2024, tại Phòng họp số 1, Ban tuyên truyền Viện kiểm sát nhân dân tỉnh Thái Bình họp về sơ kết công tác tuyên truyền 6 tháng đầu năm. Đồng chí Nguyễn Văn An chủ trì cuộc họp. Tham dự có các đồng chí Trần Thị Bình và Lê Văn Cường.",
		"1. Kết luận\n", "Ghi nhận kết quả 6 tháng đầu năm.\nYêu cầu các đơn vị chưa đạt chỉ tiêu khắc phục ngay.\n",
		"2. Phân công thực hiện\n", "STT\nNội dung công việc\nĐơn vị, người thực hiện\nThời hạn\n",
		"1\nXây dựng kế hoạch 6 tháng cuối năm\nTrần Thị Bình\n31/07/2024\n",
		"2\nRà soát chỉ tiêu\nLê Văn Cường (Viện kiểm sát nhân dân huyện Hưng Hà)\nThường xuyên\n",
		"biết và thực hiện./.", "Nơi nhận:")
	pdfPages(t, d, 1, 1)

	// A meeting without conclusions or actions still gives a whole notice.
	d = docx.Conclusion(&store.Meeting{HeldOn: loa.NewDate(2024, 7, 12), Title: "Họp", ChairName: "Nguyễn Văn An"}, settings(), loa.NewDate(2024, 7, 15))
	p = write(t, d)
	checkLayout(t, p, d)
	inOrder(t, text(p["word/document.xml"]), "Cuộc họp chưa ghi kết luận.", "Cuộc họp không giao việc cụ thể.", "Nơi nhận:")
}

func rewardData() (*loa.EmulationPeriod, []*loa.Nomination) {
	p := &loa.EmulationPeriod{Name: "Đợt thi đua 6 tháng đầu năm 2024", From: loa.NewDate(2024, 1, 1), To: loa.NewDate(2024, 6, 30)}
	ns := []*loa.Nomination{
		{PersonID: 1, PersonName: "Trần Thị Bình", UnitName: "Phòng 2", Reward: "Giấy khen", Reason: "Có 12 bài nghiên cứu, trao đổi", Status: loa.NominationApproved},
		{PersonID: 2, PersonName: "Lê Văn Cường", UnitName: "Phòng 10", Reward: "Giấy khen", Reason: "Bị loại", Status: loa.NominationRejected},
		{PersonID: 3, PersonName: "Phạm Thu Dung", UnitName: "Viện kiểm sát nhân dân huyện Hưng Hà", Reward: "Giấy khen", Reason: "Dẫn đầu số tin", Status: loa.NominationGiven},
		{UnitID: 9, UnitName: "Phòng 2", Reward: "Giấy khen tập thể", Reason: "Vượt chỉ tiêu 150%", Status: loa.NominationApproved},
		{PersonID: 4, PersonName: "Đề Nghị", Reward: "Giấy khen", Reason: "Chưa xét", Status: loa.NominationProposed},
	}
	return p, ns
}

// TestRewardProposal and TestRewardDecision: the approved (or given) nominations
// only, people and units, each with its reward and achievement.
func TestRewardProposal(t *testing.T) {
	per, ns := rewardData()
	d := docx.RewardProposal(per, ns, settings(), loa.NewDate(2024, 7, 20))
	p := write(t, d)
	checkLayout(t, p, d)
	tx := text(p["word/document.xml"])
	inOrder(t, tx, "/TTr-VKSTB", "TỜ TRÌNH\nVề việc đề nghị khen thưởng đợt thi đua 6 tháng đầu năm 2024",
		"Kính gửi: Viện trưởng Viện kiểm sát nhân dân tỉnh Thái Bình.", "khen thưởng 2 cá nhân và 1 tập thể",
		"STT\nCá nhân, tập thể\nĐơn vị\nHình thức khen thưởng\nThành tích\n",
		"1\nTrần Thị Bình\nPhòng 2\nGiấy khen\nCó 12 bài nghiên cứu, trao đổi\n",
		"2\nPhạm Thu Dung\nViện kiểm sát nhân dân huyện Hưng Hà\nGiấy khen\nDẫn đầu số tin\n",
		"3\nTập thể Phòng 2\n\nGiấy khen tập thể\nVượt chỉ tiêu 150%\n", "Kính trình Viện trưởng xem xét, quyết định./.")
	for _, not := range []string{"Lê Văn Cường", "Đề Nghị"} {
		if strings.Contains(tx, not) {
			t.Errorf("%s is not approved but listed", not)
		}
	}
	pdfPages(t, d, 1, 1)
	d = docx.RewardProposal(per, nil, settings(), loa.NewDate(2024, 7, 20))
	p = write(t, d)
	checkLayout(t, p, d)
	inOrder(t, text(p["word/document.xml"]), "chưa có đề nghị khen thưởng nào được duyệt", "Nơi nhận:")
}

func TestRewardDecision(t *testing.T) {
	per, ns := rewardData()
	d := docx.RewardDecision(per, ns, settings(), loa.NewDate(2024, 7, 25))
	p := write(t, d)
	checkLayout(t, p, d)
	tx := text(p["word/document.xml"])
	inOrder(t, tx, "/QĐ-VKSTB", "QUYẾT ĐỊNH\nVề việc khen thưởng đợt thi đua 6 tháng đầu năm 2024",
		"VIỆN TRƯỞNG VIỆN KIỂM SÁT NHÂN DÂN TỈNH THÁI BÌNH\n", "Căn cứ Luật Thi đua, khen thưởng", "QUYẾT ĐỊNH:\n",
		"Điều 1. Khen thưởng 2 cá nhân và 1 tập thể", "Trần Thị Bình", "Tập thể Phòng 2", "Điều 2.", "Điều 3.",
		"Nơi nhận:\n- Như Điều 3;\n")
	if strings.Contains(tx, "Lê Văn Cường") || strings.Contains(tx, "để chỉ đạo") {
		t.Errorf("a rejected nomination, or the leadership as a recipient:\n%s", tx)
	}
	pdfPages(t, d, 1, 2)
}

// TestBoardDecision: the Board on a day, by rank, each member's role and duties.
func TestBoardDecision(t *testing.T) {
	ms := []*loa.Membership{
		{PersonName: "Nguyễn Văn An", Role: loa.BoardHead, Duties: "Phụ trách chung"},
		{PersonName: "Trần Thị Bình", Role: loa.BoardDeputy, Duties: "Phụ trách trang tin điện tử"},
		{PersonName: "Lê Văn Cường", Role: loa.BoardSecretary},
		{PersonName: "Phạm Thu Dung", Role: loa.BoardMember, Duties: "Đầu mối Phòng 2"},
	}
	d := docx.BoardDecision(ms, loa.NewDate(2024, 8, 1), settings(), loa.NewDate(2024, 7, 30))
	p := write(t, d)
	checkLayout(t, p, d)
	tx := text(p["word/document.xml"])
	inOrder(t, tx, "/QĐ-VKSTB", "QUYẾT ĐỊNH\nVề việc kiện toàn Ban tuyên truyền Viện kiểm sát nhân dân tỉnh Thái Bình",
		"QUYẾT ĐỊNH:\n", "Điều 1. Kiện toàn Ban tuyên truyền Viện kiểm sát nhân dân tỉnh Thái Bình (từ ngày 01/08/2024) gồm 4 đồng chí có tên sau:",
		"1\nNguyễn Văn An\nTrưởng ban\nPhụ trách chung\n", "2\nTrần Thị Bình\nPhó Trưởng ban\n", "3\nLê Văn Cường\nThư ký\n\n",
		"4\nPhạm Thu Dung\nThành viên\nĐầu mối Phòng 2\n", "Điều 2.", "Điều 3.", "Nơi nhận:\n- Như Điều 3;")
	pdfPages(t, d, 1, 1)
	d = docx.BoardDecision(nil, loa.NewDate(2024, 8, 1), settings(), loa.NewDate(2024, 7, 30))
	p = write(t, d)
	checkLayout(t, p, d)
	inOrder(t, text(p["word/document.xml"]), "chưa có thành viên nào", "Nơi nhận:")
}
