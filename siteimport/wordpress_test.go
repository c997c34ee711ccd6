package siteimport_test

import (
	"bytes"
	"context"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"loa"
	"loa/internal/dbtest"
	"loa/siteimport"
	"loa/store"
)

// agency gives db the province's unit and its site channel.
func agency(t *testing.T, db *store.DB) *loa.Unit {
	t.Helper()
	ctx := context.Background()
	u := &loa.Unit{Code: "TB", Name: "Viện kiểm sát nhân dân tỉnh Thái Bình", Kind: loa.UnitProvince}
	if err := db.SaveUnit(ctx, u); err != nil {
		t.Fatal(err)
	}
	if err := db.SaveChannel(ctx, &loa.Channel{Code: "site", Name: "Trang TTĐT", Type: loa.ChannelSite}); err != nil {
		t.Fatal(err)
	}
	return u
}

// picture writes a real picture file (PNG or JPEG by the name) at dir/rel.
func picture(t *testing.T, dir, rel string, w, h int) {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for x := 0; x < w; x++ {
		img.Set(x, x%h, color.RGBA{200, 30, 30, 255})
	}
	var b bytes.Buffer
	if strings.HasSuffix(rel, ".png") {
		png.Encode(&b, img)
	} else {
		jpeg.Encode(&b, img, nil)
	}
	writeFile(t, filepath.Join(dir, rel), b.Bytes())
}

func writeFile(t *testing.T, path string, data []byte) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
}

// wpUploads is the uploads folder of the fixture: the caption's picture exists only
// as its original (the body names the 800×533 copy), the featured image as a PNG.
func wpUploads(t *testing.T) string {
	dir := t.TempDir()
	picture(t, dir, "2023/12/hoi-nghi.jpg", 1600, 1066)
	picture(t, dir, "2023/12/dai-dien.png", 300, 200)
	return dir
}

func TestImportWordPress(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		agency(t, db)
		uploads := wpUploads(t)
		sum, err := siteimport.ImportWordPress(ctx, db, "wordpress.xml", "testdata/wordpress.xml", siteimport.Options{Uploads: uploads})
		if err != nil {
			t.Fatal(err)
		}
		if sum.Items != 2 || sum.Pages != 2 || sum.Sections != 3 || sum.Pictures != 2 || sum.Unchanged != 0 {
			t.Errorf("summary %+v", sum)
		}
		if len(sum.Missing) != 1 || sum.Missing[0] != "2023/12/khong-co.jpg" {
			t.Errorf("missing %v", sum.Missing)
		}
		for reason, n := range map[string]int{"bản nháp": 1, "thùng rác": 1, "riêng tư": 1, "tệp đính kèm (chỉ lấy ảnh dùng trong bài)": 2, "mục khác bài và trang (nav_menu_item)": 1} {
			if sum.Skipped[reason] != n {
				t.Errorf("skipped %q: %d, want %d (%v)", reason, sum.Skipped[reason], n, sum.Skipped)
			}
		}
		// The old addresses.
		target := func(old string) string {
			got, err := db.SiteRedirect(ctx, store.RedirectKeyOf(old))
			if err != nil {
				t.Errorf("%s: %v", old, err)
			}
			return got
		}
		post := target("/?p=101")
		if !strings.HasPrefix(post, "/tin/hoi-nghi-tong-ket-cong-tac-kiem-sat-nam-2023-") {
			t.Fatalf("/?p=101 → %q", post)
		}
		if got := target("https://vksthaibinh.gov.vn/2023/12/20/hoi-nghi-tong-ket-cong-tac-kiem-sat-nam-2023/?utm_source=fb"); got != post {
			t.Errorf("permalink → %q, want %q", got, post)
		}
		if got := target("/category/tin-tuc/hoat-dong-nganh/"); got != "/chuyen-muc/hoat-dong-nganh" {
			t.Errorf("category → %q", got)
		}
		if got := target("/?cat=2"); got != "/chuyen-muc/tin-tuc" {
			t.Errorf("?cat=2 → %q", got)
		}
		if got := target("/?page_id=3"); got != "/trang/lich-tiep-cong-dan" {
			t.Errorf("page → %q", got)
		}
		if got := target("/lich-tiep-cong-dan/"); got != "/trang/lich-tiep-cong-dan" {
			t.Errorf("page permalink → %q", got)
		}
		if _, err := db.SiteRedirect(ctx, "/gioi-thieu"); loa.ErrorCode(err) != loa.ENOTFOUND {
			t.Errorf("an old address equal to its target must not loop: %v", err)
		}
		// The article, its pictures and its body.
		var id int64
		if i := strings.LastIndexByte(post, '-'); i > 0 {
			id = atoi(post[i+1:])
		}
		it, err := db.SiteItem(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		pics, _, err := db.ItemMedia(ctx, id)
		if err != nil || len(pics) != 2 || pics[0].Filename != "dai-dien.png" || pics[1].Filename != "hoi-nghi.jpg" {
			t.Fatalf("pictures %v %v", pics, err)
		}
		for _, want := range []string{"<figure>", `src="/media/`, "<figcaption>Đồng chí Viện trưởng phát biểu khai mạc</figcaption></figure>",
			"kết quả &amp; đề ra", "<br", "Ảnh này không còn trong thư mục."} {
			if !strings.Contains(it.Body, want) {
				t.Errorf("body lacks %q:\n%s", want, it.Body)
			}
		}
		if strings.Contains(it.Body, "[gallery") || strings.Contains(it.Body, "[caption") || strings.Contains(it.Body, "wp-content") {
			t.Errorf("body keeps a shortcode or an old address:\n%s", it.Body)
		}
		if it.Summary != "Tổng kết năm công tác 2023 của ngành." || it.Topic != "Hoạt động ngành" || len(it.Authors) != 1 || it.Authors[0].Name != "Nguyễn Thị Hà" {
			t.Errorf("item %+v", it)
		}
		// No GMT date: post_date is Vietnam's time, 06:15 on 1 July = 23:15 UTC on 30 June.
		p102 := target("/?p=102")
		it2, err := db.SiteItem(ctx, atoi(p102[strings.LastIndexByte(p102, '-')+1:]))
		if err != nil {
			t.Fatal(err)
		}
		if want := time.Date(2024, 6, 30, 23, 15, 0, 0, time.UTC); !it2.PublishedAt.Equal(want) {
			t.Errorf("published at %v, want %v", it2.PublishedAt, want)
		}
		pubs, err := db.Publications(ctx, it2.ID)
		if err != nil || len(pubs) != 1 || pubs[0].PublishedOn.String() != "2024-07-01" {
			t.Errorf("publications %v %v", pubs, err)
		}
		// Sections: a parent lists its subcategories' items.
		parent, err := db.SectionBySlug(ctx, "tin-tuc")
		if err != nil || strings.Join(parent.Topics, "|") != "Tin tức|Hoạt động ngành" {
			t.Errorf("parent section %+v %v", parent, err)
		}
		page, err := db.SitePageBySlug(ctx, "gioi-thieu")
		if err != nil || !strings.Contains(page.Body, "Chức năng, nhiệm vụ") || strings.Contains(page.Body, "<") {
			t.Errorf("page %+v %v", page, err)
		}

		t.Run("a second run changes nothing", func(t *testing.T) {
			before := auditCount(t, db)
			sum, err := siteimport.ImportWordPress(ctx, db, "wordpress.xml", "testdata/wordpress.xml", siteimport.Options{Uploads: uploads})
			if err != nil {
				t.Fatal(err)
			}
			if sum.Items != 0 || sum.Pages != 0 || sum.Sections != 0 || sum.Pictures != 0 || sum.Unchanged != 4 {
				t.Errorf("summary %+v", sum)
			}
			if n, _ := db.SiteItemCount(ctx); n != 2 {
				t.Errorf("%d items", n)
			}
			if got := auditCount(t, db); got != before+1 { // the run's own entry
				t.Errorf("audit grew by %d", got-before)
			}
		})
	})
}

func atoi(s string) int64 {
	var n int64
	for _, c := range s {
		n = n*10 + int64(c-'0')
	}
	return n
}

func auditCount(t *testing.T, db *store.DB) int {
	t.Helper()
	_, n, err := db.AuditLog(context.Background(), store.AuditFilter{})
	if err != nil {
		t.Fatal(err)
	}
	return n
}

// Bad input: one clear line, nothing stored.
func TestImportWordPressRefused(t *testing.T) {
	fixture, err := os.ReadFile("testdata/wordpress.xml")
	if err != nil {
		t.Fatal(err)
	}
	text := string(fixture)
	dbtest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		agency(t, db)
		for _, tc := range []struct {
			name, file string
			uploads    func(t *testing.T) string
			want       string
		}{
			{"not WXR", `<?xml version="1.0"?><rss version="2.0"><channel><title>x</title><item><title>a</title></item></channel></rss>`, nil,
				"x.xml: không phải tệp xuất của WordPress"},
			{"not XML at all", "Tiêu đề,Ngày\nA,2024-01-01\n", nil, "x.xml: không phải tệp xuất của WordPress"},
			{"truncated", text[:strings.Index(text, "Hội nghị đã đánh giá")], nil, "x.xml:"},
			{"a picture that is not a picture", text, func(t *testing.T) string {
				dir := wpUploads(t)
				writeFile(t, filepath.Join(dir, "2023/12/dai-dien.png"), []byte("<html><script>alert(1)</script></html>"))
				return dir
			}, "x.xml:26: ảnh 2023/12/dai-dien.png của bài “Hội nghị tổng kết công tác kiểm sát năm 2023”"},
			{"a script in a body", strings.Replace(text, "Bài viết trao đổi về", "<script>alert(1)</script>Bài viết trao đổi về", 1), nil,
				"x.xml:98: bài “Bàn về quyền im lặng của bị can” có mã script"},
		} {
			t.Run(tc.name, func(t *testing.T) {
				path := filepath.Join(t.TempDir(), "x.xml")
				writeFile(t, path, []byte(tc.file))
				opt := siteimport.Options{}
				if tc.uploads != nil {
					opt.Uploads = tc.uploads(t)
				}
				_, err := siteimport.ImportWordPress(ctx, db, "x.xml", path, opt)
				if err == nil || !strings.HasPrefix(err.Error(), tc.want) || strings.Contains(err.Error(), "\n") {
					t.Fatalf("got %v, want %q…", err, tc.want)
				}
				if n, _ := db.SiteItemCount(ctx); n != 0 {
					t.Errorf("%d items stored", n)
				}
				if secs, _ := db.Sections(ctx); len(secs) != 0 {
					t.Errorf("%d sections stored", len(secs))
				}
				if _, err := db.SiteRedirect(ctx, "/?cat=2"); loa.ErrorCode(err) != loa.ENOTFOUND {
					t.Errorf("a redirect stored: %v", err)
				}
			})
		}
	})
}
