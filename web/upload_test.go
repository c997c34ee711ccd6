package web_test

import (
	"bytes"
	"context"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"mime"
	"mime/multipart"
	"net/http"
	"net/textproto"
	"net/url"
	"strings"
	"testing"

	"loa"
	"loa/media"
)

// pngBytes encodes a w×h PNG picture.
func pngBytes(t *testing.T, w, h int) []byte {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for x := range w {
		img.Set(x, x%h, color.RGBA{R: 200, G: 30, B: 30, A: 255})
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// namedFile is one file of a multipart form.
type namedFile struct {
	field, filename string
	data            []byte
}

// postFiles posts fields and files as a browser's multipart form. The file name
// is sent in RFC 2231 form (filename*=), so that any byte of it, quotes and line
// breaks included, reaches the server as the user's browser could send it.
func (c *client) postFiles(path string, fields url.Values, files ...namedFile) *response {
	c.t.Helper()
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	for k, vs := range fields {
		for _, v := range vs {
			mw.WriteField(k, v)
		}
	}
	for _, f := range files {
		h := textproto.MIMEHeader{}
		h.Set("Content-Disposition", `form-data; name="`+f.field+`"; filename*=utf-8''`+rfc2231(f.filename))
		h.Set("Content-Type", "application/octet-stream")
		w, err := mw.CreatePart(h)
		if err != nil {
			c.t.Fatal(err)
		}
		w.Write(f.data)
	}
	mw.Close()
	req, _ := http.NewRequest("POST", c.app.HTTP.URL+path, &body)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	req.Header.Set("Origin", c.app.HTTP.URL)
	req.Header.Set("Sec-Fetch-Site", "same-origin")
	return c.do(req)
}

// rfc2231 percent-encodes every byte of s but letters, digits and "-._~".
func rfc2231(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || strings.IndexByte("-._~", c) >= 0 {
			b.WriteByte(c)
		} else {
			fmt.Fprintf(&b, "%%%02X", c)
		}
	}
	return b.String()
}

// uploadDraft writes a draft of the contributor's unit, as the system.
func uploadDraft(t *testing.T, app *testApp, title string) int64 {
	t.Helper()
	it := &loa.Item{Kind: loa.KindNews, UnitID: app.Unit.ID, Title: title, Summary: "Sa pô giữ nguyên", Body: "<p>Nội dung</p>"}
	if err := app.DB.CreateItem(context.Background(), it); err != nil {
		t.Fatal(err)
	}
	return it.ID
}

// itemFields is the editor's form of a draft as the contributor saves it.
func itemFields(t *testing.T, app *testApp, id int64, title string) url.Values {
	t.Helper()
	it, err := app.DB.Item(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	return url.Values{"kind": {string(it.Kind)}, "unit_id": {id64(app.Unit.ID)}, "title": {title}, "summary": {it.Summary},
		"body": {it.Body}, "version": {fmt.Sprint(it.Version)}}
}

func itemMedia(t *testing.T, app *testApp, id int64) (pictures, files []*loa.Media) {
	t.Helper()
	pictures, files, err := app.DB.ItemMedia(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	return pictures, files
}

func TestUploadPictureTypeFromContent(t *testing.T) {
	t.Parallel()
	eachApp(t, func(t *testing.T, app *testApp) {
		con := app.as(loa.RoleContributor)
		t.Run("PNG named .jpg is a PNG", func(t *testing.T) {
			id := uploadDraft(t, app, "Tin có ảnh")
			res := con.postFiles(fmt.Sprintf("/app/items/%d", id), itemFields(t, app, id, "Tin có ảnh"),
				namedFile{"pictures", "anh-hoi-nghi.jpg", pngBytes(t, 64, 48)})
			if res.StatusCode != http.StatusSeeOther {
				t.Fatalf("got %d, want 303: %s", res.StatusCode, excerpt(res.Body))
			}
			pics, _ := itemMedia(t, app, id)
			if len(pics) != 1 {
				t.Fatalf("got %d pictures, want 1", len(pics))
			}
			if got, want := pics[0].ContentType, "image/png"; got != want {
				t.Errorf("stored type: got %q, want %q", got, want)
			}
			m := con.get(fmt.Sprintf("/media/%d", pics[0].ID))
			if m.StatusCode != http.StatusOK {
				t.Fatalf("GET media: got %d", m.StatusCode)
			}
			for h, want := range map[string]string{"Content-Type": "image/png", "X-Content-Type-Options": "nosniff"} {
				if got := m.Header.Get(h); got != want {
					t.Errorf("%s: got %q, want %q", h, got, want)
				}
			}
		})
		for _, tc := range []struct {
			name string
			data string
		}{
			{"text", "Đây chỉ là một tệp văn bản, không phải ảnh.\n"},
			{"HTML", "<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>"},
			{"SVG", `<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><rect width="10" height="10"/></svg>`},
			{"SVG without prolog", `<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>`},
			{"PNG signature then HTML", "\x89PNG\r\n\x1a\n<html><script>alert(1)</script></html>"},
		} {
			t.Run(tc.name+" named .png is refused", func(t *testing.T) {
				id := uploadDraft(t, app, "Tin "+tc.name)
				res := con.postFiles(fmt.Sprintf("/app/items/%d", id), itemFields(t, app, id, "Tiêu đề mới gõ"),
					namedFile{"pictures", "anh.png", []byte(tc.data)})
				if res.StatusCode != http.StatusBadRequest {
					t.Fatalf("got %d, want 400", res.StatusCode)
				}
				if !strings.Contains(res.Body, "không phải ảnh") {
					t.Errorf("the form does not say why: %s", excerpt(res.Body))
				}
				if !strings.Contains(res.Body, `value="Tiêu đề mới gõ"`) {
					t.Error("the typed title is lost")
				}
				if pics, files := itemMedia(t, app, id); len(pics)+len(files) != 0 {
					t.Errorf("stored %d pictures and %d files, want none", len(pics), len(files))
				}
			})
		}
	})
}

func TestUploadTooLarge(t *testing.T) {
	t.Parallel()
	eachApp(t, func(t *testing.T, app *testApp) {
		con := app.as(loa.RoleContributor)
		big := append(pngBytes(t, 8, 8), make([]byte, media.MaxBytes)...) // one PNG, then past the limit
		for _, field := range []string{"pictures", "attachments"} {
			t.Run(field, func(t *testing.T) {
				id := uploadDraft(t, app, "Tin có tệp lớn")
				form := itemFields(t, app, id, "Tiêu đề vừa sửa")
				form.Set("summary", "Sa pô vừa sửa")
				res := con.postFiles(fmt.Sprintf("/app/items/%d", id), form, namedFile{field, "lon.png", big})
				if res.StatusCode != http.StatusBadRequest {
					t.Fatalf("got %d, want 400", res.StatusCode)
				}
				for _, want := range []string{"quá lớn", `value="Tiêu đề vừa sửa"`, "Sa pô vừa sửa"} {
					if !strings.Contains(res.Body, want) {
						t.Errorf("the re-shown form lacks %q", want)
					}
				}
				if pics, files := itemMedia(t, app, id); len(pics)+len(files) != 0 {
					t.Errorf("stored %d pictures and %d files, want none", len(pics), len(files))
				}
				if it, _ := app.DB.Item(context.Background(), id); it.Title != "Tin có tệp lớn" {
					t.Errorf("the item was saved without its file: title %q", it.Title)
				}
			})
		}
		t.Run("just under the limit is accepted", func(t *testing.T) {
			id := uploadDraft(t, app, "Tin có tệp vừa")
			data := append([]byte("%PDF-1.4\n"), make([]byte, media.MaxBytes-9)...)
			res := con.postFiles(fmt.Sprintf("/app/items/%d", id), itemFields(t, app, id, "Tin có tệp vừa"), namedFile{"attachments", "vua.pdf", data})
			if res.StatusCode != http.StatusSeeOther {
				t.Fatalf("got %d, want 303: %s", res.StatusCode, excerpt(res.Body))
			}
		})
	})
}

func TestUploadFileNames(t *testing.T) {
	t.Parallel()
	eachApp(t, func(t *testing.T, app *testApp) {
		con := app.as(loa.RoleContributor)
		pdf := []byte("%PDF-1.4\n1 0 obj\n<<>>\nendobj\n")
		for _, tc := range []struct {
			name     string
			filename string
		}{
			{"path", "../../etc/passwd"},
			{"windows path", `..\..\Windows\win.ini`},
			{"quotes", `bao "cao" 'quy'.pdf`},
			{"line break and header", "bao-cao.pdf\r\nX-Injected: 1\r\n\r\n<script>alert(1)</script>"},
			{"semicolon and parameters", `a.pdf"; filename="evil.html`},
			{"Vietnamese", "Báo cáo sơ kết 6 tháng.pdf"},
		} {
			t.Run(tc.name, func(t *testing.T) {
				id := uploadDraft(t, app, "Tin có tệp "+tc.name)
				res := con.postFiles(fmt.Sprintf("/app/items/%d", id), itemFields(t, app, id, "Tin có tệp "+tc.name), namedFile{"attachments", tc.filename, pdf})
				if res.StatusCode != http.StatusSeeOther {
					t.Fatalf("got %d, want 303: %s", res.StatusCode, excerpt(res.Body))
				}
				_, files := itemMedia(t, app, id)
				if len(files) != 1 {
					t.Fatalf("got %d files, want 1", len(files))
				}
				stored := files[0].Filename
				if strings.ContainsAny(stored, "/\\\r\n\"") || strings.Contains(stored, "..") && strings.Contains(stored, "/") {
					t.Errorf("stored name %q keeps a path, a quote or a line break", stored)
				}
				m := con.get(fmt.Sprintf("/media/%d", files[0].ID))
				if m.StatusCode != http.StatusOK {
					t.Fatalf("GET media: got %d", m.StatusCode)
				}
				if m.Body != string(pdf) {
					t.Error("served bytes differ from the upload")
				}
				if m.Header.Get("X-Injected") != "" {
					t.Error("the file name injected a response header")
				}
				cd := m.Header.Get("Content-Disposition")
				if strings.ContainsAny(cd, "\r\n") {
					t.Errorf("Content-Disposition %q holds a line break", cd)
				}
				disp, params, err := mime.ParseMediaType(cd)
				if err != nil {
					t.Fatalf("Content-Disposition %q is malformed: %v", cd, err)
				}
				if disp != "attachment" {
					t.Errorf("disposition: got %q, want attachment", disp)
				}
				if got := params["filename"]; got != stored || strings.ContainsAny(got, "/\\") {
					t.Errorf("filename parameter %q, want the stored display name %q", got, stored)
				}
				for h, want := range map[string]string{"Content-Type": "application/pdf", "X-Content-Type-Options": "nosniff"} {
					if got := m.Header.Get(h); got != want {
						t.Errorf("%s: got %q, want %q", h, got, want)
					}
				}
				page := con.get(fmt.Sprintf("/app/items/%d/edit", id))
				if strings.Contains(page.Body, "<script>alert(1)</script>") {
					t.Error("the editor shows the file name unescaped")
				}
			})
		}
	})
}

func TestUploadAttachmentNeverRuns(t *testing.T) {
	t.Parallel()
	eachApp(t, func(t *testing.T, app *testApp) {
		con := app.as(loa.RoleContributor)
		id := uploadDraft(t, app, "Tin có tệp HTML")
		for _, f := range []namedFile{
			{"attachments", "trang.html", []byte("<!DOCTYPE html><html><script>alert(1)</script></html>")},
			{"attachments", "hinh.svg", []byte(`<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>`)},
		} {
			res := con.postFiles(fmt.Sprintf("/app/items/%d", id), itemFields(t, app, id, "Tin có tệp HTML"), f)
			if res.StatusCode != http.StatusSeeOther {
				t.Fatalf("%s: got %d, want 303", f.filename, res.StatusCode)
			}
		}
		_, files := itemMedia(t, app, id)
		if len(files) != 2 {
			t.Fatalf("%d files stored, want the 2 sent: the checks below would pass on none", len(files))
		}
		for _, f := range files {
			m := con.get(fmt.Sprintf("/media/%d", f.ID))
			ct := m.Header.Get("Content-Type")
			if strings.Contains(ct, "html") || strings.Contains(ct, "svg") || strings.Contains(ct, "xml") {
				t.Errorf("%s served as %q", f.Filename, ct)
			}
			if d, _, _ := mime.ParseMediaType(m.Header.Get("Content-Disposition")); d != "attachment" {
				t.Errorf("%s: disposition %q, want attachment", f.Filename, d)
			}
			if m.Header.Get("X-Content-Type-Options") != "nosniff" {
				t.Errorf("%s: no nosniff", f.Filename)
			}
			if !strings.Contains(m.Header.Get("Content-Security-Policy"), "sandbox") {
				t.Errorf("%s: CSP %q does not sandbox the file", f.Filename, m.Header.Get("Content-Security-Policy"))
			}
		}
	})
}

// TestMediaVisibility: a draft's media are for who may read the draft; a published
// item's picture is public.
func TestMediaVisibility(t *testing.T) {
	t.Parallel()
	eachApp(t, func(t *testing.T, app *testApp) {
		ctx := context.Background()
		newBoardData(t, app) // the site's channel, which publishing needs
		con := app.as(loa.RoleContributor)
		id := uploadDraft(t, app, "Tin sẽ đăng")
		res := con.postFiles(fmt.Sprintf("/app/items/%d", id), itemFields(t, app, id, "Tin sẽ đăng"),
			namedFile{"pictures", "anh.png", pngBytes(t, 1600, 900)}, namedFile{"attachments", "bao-cao.pdf", []byte("%PDF-1.4\n")})
		if res.StatusCode != http.StatusSeeOther {
			t.Fatalf("got %d, want 303: %s", res.StatusCode, excerpt(res.Body))
		}
		pics, files := itemMedia(t, app, id)
		if len(pics) != 1 || len(files) != 1 {
			t.Fatalf("got %d pictures and %d files, want 1 and 1", len(pics), len(files))
		}
		paths := []string{fmt.Sprintf("/media/%d", pics[0].ID), fmt.Sprintf("/media/%d/site", pics[0].ID), fmt.Sprintf("/media/%d", files[0].ID)}
		check := func(t *testing.T, who string, c *client, want int) {
			t.Helper()
			for _, p := range paths {
				if got := c.get(p).StatusCode; got != want {
					t.Errorf("%s %s: got %d, want %d", who, p, got, want)
				}
			}
		}
		t.Run("draft", func(t *testing.T) {
			check(t, "anonymous", app.anon(), http.StatusNotFound)
			check(t, "contributor", con, http.StatusOK)
			check(t, "editor", app.as(loa.RoleEditor), http.StatusOK)
		})
		for _, a := range []loa.Action{loa.ActionSubmit, loa.ActionApprove} {
			if err := app.DB.Transition(ctx, id, a, ""); err != nil {
				t.Fatal(err)
			}
		}
		t.Run("approved", func(t *testing.T) { check(t, "anonymous", app.anon(), http.StatusNotFound) })
		if err := app.DB.Transition(ctx, id, loa.ActionPublish, ""); err != nil {
			t.Fatal(err)
		}
		t.Run("published", func(t *testing.T) {
			check(t, "anonymous", app.anon(), http.StatusOK)
			m := app.anon().get(paths[1])
			if got := m.Header.Get("Content-Type"); !strings.HasPrefix(got, "image/") {
				t.Errorf("site copy served as %q", got)
			}
		})
		if err := app.DB.Transition(ctx, id, loa.ActionWithdraw, "Thông tin chưa chính xác"); err != nil {
			t.Fatal(err)
		}
		t.Run("withdrawn", func(t *testing.T) { check(t, "anonymous", app.anon(), http.StatusNotFound) })
	})
}
