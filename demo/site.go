package demo

import (
	"context"
	"fmt"

	"loa"
	"loa/store"
)

// siteDemo adds the public site's sections, menu and about page, and the documents
// the seed article names: Directive 05/CT-VKSTC-TCKS (08/6/2021), Plan 13/KH-VKSTC
// (26/01/2024) and the province's Plan 14 (15/02/2024), which follows both.
func siteDemo(ctx context.Context, db *store.DB, d *Data) error {
	sections := []*store.Section{
		{Name: "Tin hoạt động", Slug: "tin-hoat-dong", Description: "Tin về hoạt động của các đơn vị trong ngành Kiểm sát tỉnh.",
			Kinds: []loa.ItemKind{loa.KindNews, loa.KindPhoto, loa.KindVideo}, Position: 1, OnHome: true},
		{Name: "Nghiên cứu – trao đổi", Slug: "nghien-cuu-trao-doi", Description: "Bài nghiên cứu, trao đổi, rút kinh nghiệm nghiệp vụ.",
			Kinds: []loa.ItemKind{loa.KindResearch}, Position: 2, OnHome: true},
		{Name: "Bài viết, phóng sự", Slug: "bai-viet-phong-su", Kinds: []loa.ItemKind{loa.KindArticle, loa.KindReportage}, Position: 3, OnHome: true},
		{Name: "Gương điển hình", Slug: "guong-dien-hinh", Description: "Gương người tốt, việc tốt trong ngành.",
			Topics: []string{"Gương điển hình", "Gương người tốt, việc tốt"}, Position: 4, OnHome: false},
	}
	for _, s := range sections {
		if err := db.SaveSection(ctx, s); err != nil {
			return err
		}
	}
	menu := []*store.MenuLink{
		{Label: "Giới thiệu", Href: "/gioi-thieu", Position: 1},
		{Label: "Tin hoạt động", Href: "/chuyen-muc/tin-hoat-dong", Position: 2},
		{Label: "Nghiên cứu – trao đổi", Href: "/chuyen-muc/nghien-cuu-trao-doi", Position: 3},
		{Label: "Gương điển hình", Href: "/chuyen-muc/guong-dien-hinh", Position: 4},
		{Label: "Văn bản", Href: "/van-ban", Position: 5},
		{Label: "Tổ chức bộ máy", Href: "/to-chuc", Position: 6},
		{Label: "Liên hệ", Href: "/lien-he", Position: 7},
	}
	for _, m := range menu {
		if err := db.SaveMenuLink(ctx, m); err != nil {
			return err
		}
	}
	about := &store.SitePage{Slug: "gioi-thieu", Title: "Giới thiệu Viện kiểm sát nhân dân tỉnh",
		Body: "Viện kiểm sát nhân dân tỉnh thực hành quyền công tố và kiểm sát hoạt động tư pháp ở địa phương, " +
			"góp phần bảo vệ pháp luật, quyền con người, quyền công dân.\n\n" +
			"Ngành Kiểm sát nhân dân được thành lập ngày 26/7/1960. Viện kiểm sát nhân dân tỉnh gồm các phòng nghiệp vụ, " +
			"Văn phòng, Thanh tra và các Viện kiểm sát nhân dân cấp huyện (từ ngày 01/7/2025 là các Viện kiểm sát nhân dân khu vực).\n\n" +
			"Trang thông tin điện tử đăng tin, bài về hoạt động của ngành Kiểm sát tỉnh, các văn bản chỉ đạo, điều hành " +
			"và thông tin liên hệ của các đơn vị."}
	if err := db.SaveSitePage(ctx, about); err != nil {
		return err
	}
	directive := &store.Document{Number: "05/CT-VKSTC-TCKS", Kind: store.DocDirective, Issuer: "Viện kiểm sát nhân dân tối cao",
		IssuedOn: loa.NewDate(2021, 6, 8), Public: true,
		Title: "Chỉ thị về tiếp tục đổi mới, nâng cao chất lượng công tác tuyên truyền của ngành Kiểm sát nhân dân"}
	if err := db.SaveDocument(ctx, directive); err != nil {
		return err
	}
	plan13 := &store.Document{Number: "13/KH-VKSTC", Kind: store.DocPlan, Issuer: "Viện kiểm sát nhân dân tối cao",
		IssuedOn: loa.NewDate(2024, 1, 26), Public: true, Follows: []store.DocRef{{ID: directive.ID}},
		Title: "Kế hoạch về trọng tâm công tác tuyên truyền năm 2024 của ngành Kiểm sát nhân dân"}
	if err := db.SaveDocument(ctx, plan13); err != nil {
		return err
	}
	plan14 := &store.Document{Number: "14/KH-VKS", Kind: store.DocPlan, Issuer: "Viện kiểm sát nhân dân tỉnh Thái Bình",
		IssuedOn: loa.NewDate(2024, 2, 15), Public: true, Follows: []store.DocRef{{ID: directive.ID}, {ID: plan13.ID}},
		Title:    "Kế hoạch thực hiện công tác tuyên truyền của ngành Kiểm sát Thái Bình năm 2024",
		Summary:  "Triển khai tới các đơn vị trong toàn ngành; giao chỉ tiêu tin, bài cho từng đơn vị.",
		FileName: "ke-hoach-14-2024.txt", FileType: "text/plain; charset=utf-8",
		FileData: []byte("Kế hoạch số 14 ngày 15/02/2024 (bản tóm tắt dùng cho dữ liệu mẫu).\n")}
	if err := db.SaveDocument(ctx, plan14); err != nil {
		return err
	}
	return orgDemo(ctx, db, d)
}

// orgDemo fills in what Decree 42/2022 asks the site to carry (the compliance page
// checks each): functions, duties and powers in both languages, the address,
// telephone, fax and e-mail, the spokesperson, the leaders and contact officers of
// the units of today (the regional procuracies since the 2025 merger), each with a
// position from their posting, and the links to related agencies.
func orgDemo(ctx context.Context, db *store.DB, d *Data) error {
	merger := loa.NewDate(2025, 7, 1)
	posting := func(p *loa.Person, unit, position string) error {
		return db.AddPosting(ctx, &loa.Posting{PersonID: p.ID, UnitID: d.Units[unit].ID, Position: position, From: merger})
	}
	speaker := d.People["Phạm Viết Vượng"]
	speaker.Phone, speaker.Email = "0221 3862 002", "phatngon@vks-hungyen.example"
	if err := db.SavePerson(ctx, speaker); err != nil {
		return err
	}
	if err := posting(speaker, "HY", "Phó Viện trưởng"); err != nil {
		return err
	}
	head := &loa.Person{Name: "Lê Minh Tuấn", Title: "Kiểm sát viên cao cấp", Phone: "0221 3862 100", Email: "vientruong@vks-hungyen.example"}
	if err := db.SavePerson(ctx, head); err != nil {
		return err
	}
	if err := posting(head, "HY", "Viện trưởng"); err != nil {
		return err
	}
	for i := 1; i <= 8; i++ {
		code := fmt.Sprintf("HY-KV%d", i)
		leader := &loa.Person{Name: fmt.Sprintf("Viện trưởng Khu vực %d", i), Title: "Kiểm sát viên trung cấp"}
		if err := db.SavePerson(ctx, leader); err != nil {
			return err
		}
		if err := posting(leader, code, "Viện trưởng"); err != nil {
			return err
		}
		contact := d.People["Đỗ Thị Hằng"] // moved to Khu vực 6 at the merger (demo.go)
		if i != 6 {
			contact = &loa.Person{Name: fmt.Sprintf("Đầu mối Khu vực %d", i), Title: "Kiểm sát viên"}
			if err := db.SavePerson(ctx, contact); err != nil {
				return err
			}
			if err := posting(contact, code, "Kiểm sát viên"); err != nil {
				return err
			}
		}
		if err := db.SetContact(ctx, &loa.Contact{UnitID: d.Units[code].ID, PersonID: contact.ID, Phone: fmt.Sprintf("0221 3860 %03d", 200+i),
			Email: fmt.Sprintf("daumoi.kv%d@vks-hungyen.example", i), From: merger}); err != nil {
			return err
		}
	}
	return db.SaveOrgInfo(ctx, &store.OrgInfo{
		Functions: "Viện kiểm sát nhân dân tỉnh thực hành quyền công tố, kiểm sát hoạt động tư pháp ở địa phương theo Hiến pháp " +
			"và Luật Tổ chức Viện kiểm sát nhân dân.\n\n" +
			"Nhiệm vụ, quyền hạn: thực hành quyền công tố và kiểm sát việc tuân theo pháp luật trong việc giải quyết tố giác, tin báo về tội phạm, " +
			"khởi tố, điều tra, truy tố, xét xử các vụ án hình sự; kiểm sát việc giải quyết các vụ án hành chính, vụ việc dân sự, " +
			"hôn nhân và gia đình, kinh doanh, thương mại, lao động; kiểm sát việc thi hành án, tạm giữ, tạm giam; " +
			"giải quyết khiếu nại, tố cáo trong hoạt động tư pháp; phòng ngừa tội phạm và vi phạm pháp luật.",
		FunctionsEN: "The provincial People's Procuracy exercises the power of prosecution and supervises judicial activities " +
			"in the province, under the Constitution and the Law on the Organisation of the People's Procuracy.",
		AboutEN: "The People's Procuracy of the province exercises the power of prosecution and supervises judicial activities. " +
			"This site publishes news of the procuracy's work, its guiding documents and the contacts of its units.",
		Address: "Số 2 đường Chùa Chuông, phường Phố Hiến, tỉnh Hưng Yên",
		Phone:   "0221 3862 000", Fax: "0221 3862 001", Email: "vanphong@vks-hungyen.example",
		Spokesperson: speaker.ID,
		Links: []store.OrgLink{
			{Label: "Cổng thông tin điện tử Viện kiểm sát nhân dân tối cao", URL: "https://vksndtc.gov.vn"},
			{Label: "Cổng thông tin điện tử tỉnh Hưng Yên", URL: "https://hungyen.gov.vn"},
			{Label: "Báo Bảo vệ pháp luật", URL: "https://baovephapluat.vn"},
		},
	})
}
