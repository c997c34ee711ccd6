package web_test

import (
	"bytes"
	"mime/multipart"
	"net/http"
	"strings"
	"testing"

	"loa"
)

func init() {
	expectedAccess["GET /app/import"] = "admin secretary"
	expectedAccess["POST /app/import"] = "admin secretary"
}

// upload posts a file to the import page as a browser would.
func (c *client) upload(kind, name, content string) *response {
	c.t.Helper()
	var b bytes.Buffer
	mw := multipart.NewWriter(&b)
	mw.WriteField("kind", kind)
	fw, _ := mw.CreateFormFile("file", name)
	fw.Write([]byte(content))
	mw.Close()
	req, _ := http.NewRequest("POST", c.app.HTTP.URL+"/app/import", &b)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	req.Header.Set("Origin", c.app.HTTP.URL)
	return c.do(req)
}

func TestImportPage(t *testing.T) {
	t.Parallel()
	eachApp(t, func(t *testing.T, app *testApp) {
		sec := app.as(loa.RoleSecretary)
		t.Run("a refused file names every bad line and stores nothing", func(t *testing.T) {
			res := sec.upload("units", "don-vi.csv", "code,name,kind,parent_code\nTB-P1,Phòng 1,department,TB\nbad code,Phòng 2,department,\nTB-P3,Phòng 3,galaxy,\n")
			if res.StatusCode != http.StatusBadRequest {
				t.Fatalf("status %d", res.StatusCode)
			}
			for _, want := range []string{"don-vi.csv:2:", "don-vi.csv:3:", "don-vi.csv:4:"} {
				if !strings.Contains(res.Body, want) {
					t.Errorf("page lacks %q", want)
				}
			}
			if _, err := app.DB.UnitByCode(t.Context(), "TB-P1"); loa.ErrorCode(err) != loa.ENOTFOUND {
				t.Fatal("a refused import stored a row")
			}
		})
		t.Run("a good file is stored, twice gives the same data", func(t *testing.T) {
			csv := "\ufeffcode,name,kind,parent_code\nTB-P1,Phòng 1,department,TB\nTB,Viện kiểm sát nhân dân tỉnh Thái Bình,province,\n"
			for i := 0; i < 2; i++ {
				res := sec.upload("units", "don-vi.csv", csv)
				if res.StatusCode != http.StatusOK || !strings.Contains(res.Body, "Đã nhập") {
					t.Fatalf("upload %d: status %d", i, res.StatusCode)
				}
			}
			u, err := app.DB.UnitByCode(t.Context(), "TB-P1")
			if err != nil || u.ParentCode != "TB" {
				t.Fatalf("unit %+v, %v", u, err)
			}
		})
		t.Run("a text over its form's limit, a NUL byte: FILE:LINE: reason on the page", func(t *testing.T) {
			// Issue 13, finding 7: a too-long unit name came back as a bare error page.
			res := sec.upload("units", "dai.csv", "code,name,kind\nTB-P9,"+strings.Repeat("x", loa.MaxUnitName+1)+",department\nTB-P8,Phòng\x00,department\n")
			if res.StatusCode != http.StatusBadRequest {
				t.Fatalf("status %d", res.StatusCode)
			}
			for _, want := range []string{"dai.csv:2: name: Tên quá dài (301 ký tự, tối đa 300).", "dai.csv:3: name: Có ký tự NUL (mã 0), không được phép."} {
				if !strings.Contains(res.Body, want) {
					t.Errorf("page lacks %q", want)
				}
			}
			if _, err := app.DB.UnitByCode(t.Context(), "TB-P9"); loa.ErrorCode(err) != loa.ENOTFOUND {
				t.Fatal("a refused import stored a row")
			}
		})
		t.Run("not a spreadsheet", func(t *testing.T) {
			if res := sec.upload("units", "anh.png", "\x89PNG"); res.StatusCode != http.StatusBadRequest {
				t.Fatalf("status %d", res.StatusCode)
			}
		})
		t.Run("a contributor may not import", func(t *testing.T) {
			if res := app.as(loa.RoleContributor).upload("units", "u.csv", "code,name,kind\nX,X,department\n"); res.StatusCode != http.StatusForbidden {
				t.Fatalf("status %d", res.StatusCode)
			}
		})
	})
}
