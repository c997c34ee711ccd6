package web_test

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"loa"
	"loa/docx"
)

// TestBoardDocuments: the meeting, emulation and Board pages offer their documents;
// each downloads as Word with the data and the document settings, and as PDF where
// LibreOffice is installed (and is neither offered nor made where it is not).
func TestBoardDocuments(t *testing.T) {
	eachApp(t, func(t *testing.T, app *testApp) {
		ctx := context.Background()
		d := newBoardData(t, app)
		ns, err := app.DB.Nominations(ctx, d.period.ID)
		if err != nil || len(ns) != 1 {
			t.Fatalf("nominations %v %v", ns, err)
		}
		if err := app.DB.SetNominationStatus(ctx, ns[0].ID, loa.NominationApproved, ""); err != nil {
			t.Fatal(err)
		}
		if err := app.DB.SetDocSettings(loa.WithUser(ctx, app.Users[loa.RoleAdmin]), map[string]string{"signer_name": "Phạm Viết Vượng"}); err != nil {
			t.Fatal(err)
		}
		viewer := app.as(loa.RoleViewer)
		meeting, emulation := "/app/meetings/"+id64(d.meeting.ID), "/app/emulation/"+id64(d.period.ID)
		for _, c := range []struct {
			page, doc, file string
			want            []string
		}{
			{meeting, meeting + "/conclusion", "thong-bao-ket-luan-2024-06-04.docx", []string{"/TB-VKSTB", "THÔNG BÁO",
				"Kết luận cuộc họp Ban tuyên truyền ngày 04/06/2024", "Đồng chí Phạm Viết Vượng chủ trì cuộc họp. Tham dự có các đồng chí Nguyễn Anh Đức.",
				"Cử đầu mối liên lạc\n" + app.Unit.Name + "\n30/06/2024", "Viết bài chuyển đổi số", "Phạm Viết Vượng\n"}},
			{emulation, emulation + "/proposal", "to-trinh-khen-thuong-" + id64(d.period.ID) + ".docx", []string{"/TTr-VKSTB", "TỜ TRÌNH",
				"khen thưởng thi đua chào mừng 26/7", "khen thưởng 1 cá nhân", "Nguyễn Anh Đức\n", "Giấy khen\nBài nghiên cứu"}},
			{emulation, emulation + "/decision", "quyet-dinh-khen-thuong-" + id64(d.period.ID) + ".docx", []string{"/QĐ-VKSTB", "QUYẾT ĐỊNH",
				"Điều 1. Khen thưởng 1 cá nhân", "Nguyễn Anh Đức\n", "- Như Điều 3;"}},
			{"/app/board", "/app/board/decision?on=2024-08-01", "quyet-dinh-kien-toan-2024-08-01.docx", []string{"/QĐ-VKSTB",
				"Về việc kiện toàn Ban tuyên truyền", "(từ ngày 01/08/2024) gồm 2 đồng chí", "1\nPhạm Viết Vượng\nTrưởng ban\n", "2\nNguyễn Anh Đức\nPhó Trưởng ban\n"}},
		} {
			page := viewer.get(c.page)
			href := strings.SplitN(c.doc, "?", 2)[0]
			if !strings.Contains(page.Body, `href="`+href+`"`) && !strings.Contains(page.Body, `action="`+href+`"`) {
				t.Errorf("%s: no link to %s", c.page, href)
			}
			if !strings.Contains(page.Body, `format=pdf"`) && !strings.Contains(page.Body, `value="pdf"`) {
				t.Errorf("%s: no PDF offered though LibreOffice is installed", c.page)
			}
			res := viewer.get(c.doc)
			if res.StatusCode != http.StatusOK || !strings.Contains(res.Header.Get("Content-Disposition"), c.file) {
				t.Fatalf("%s: status %d, %v", c.doc, res.StatusCode, res.Header)
			}
			tx := docxText(t, res.Body)
			for _, w := range c.want {
				if !strings.Contains(tx, w) {
					t.Errorf("%s: missing %q in\n%s", c.doc, w, tx)
				}
			}
		}
		if res := viewer.get("/app/board/decision?on=32/13/2024"); res.StatusCode != http.StatusBadRequest {
			t.Errorf("bad date: status %d", res.StatusCode)
		}
		if res := viewer.get("/app/meetings/999999/conclusion"); res.StatusCode != http.StatusNotFound {
			t.Errorf("no such meeting: status %d", res.StatusCode)
		}
		if docx.Converter() != "" {
			res := viewer.get(meeting + "/conclusion?format=pdf")
			if res.StatusCode != http.StatusOK || res.Header.Get("Content-Type") != "application/pdf" || !strings.HasPrefix(res.Body, "%PDF") ||
				!strings.Contains(res.Header.Get("Content-Disposition"), "thong-bao-ket-luan-2024-06-04.pdf") {
				t.Errorf("PDF: status %d, %v", res.StatusCode, res.Header)
			}
		}
		// Without LibreOffice: Word only, and a PDF asked for anyway is a clear 404.
		t.Setenv("LOA_SOFFICE", "/nonexistent/soffice")
		if page := viewer.get(meeting); strings.Contains(page.Body, "format=pdf") {
			t.Errorf("PDF offered without LibreOffice")
		}
		if page := viewer.get("/app/reports?period=2024-H1"); strings.Contains(page.Body, "format=pdf") {
			t.Errorf("report PDF offered without LibreOffice")
		}
		if res := viewer.get(meeting + "/conclusion?format=pdf"); res.StatusCode != http.StatusNotFound || !strings.Contains(res.Body, "LibreOffice") {
			t.Errorf("PDF without LibreOffice: status %d", res.StatusCode)
		}
	})
}
