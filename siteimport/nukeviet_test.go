package siteimport_test

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	_ "github.com/go-sql-driver/mysql"

	"loa/internal/dbtest"
	"loa/siteimport"
	"loa/store"
)

// nukevietDB creates a database in the MariaDB server of LOA_TEST_MARIADB (.ci/mariadb.sh)
// holding the news module's tables as NukeViet 4 creates them (the columns the import
// reads, with their types), and returns its DSN. Skipped when no server is given,
// except under CI, where a missing server fails.
func nukevietDB(t *testing.T, prefix string) (*sql.DB, string) {
	t.Helper()
	base := os.Getenv("LOA_TEST_MARIADB")
	if base == "" {
		if os.Getenv("CI") != "" {
			t.Fatal("LOA_TEST_MARIADB is not set: .ci/mariadb.sh starts a server")
		}
		t.Skip("LOA_TEST_MARIADB not set (.ci/mariadb.sh starts a server)")
	}
	root, err := sql.Open("mysql", base)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { root.Close() })
	b := make([]byte, 6)
	rand.Read(b)
	name := "loa_nv_" + hex.EncodeToString(b)
	if _, err := root.Exec("CREATE DATABASE " + name + " CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci"); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { root.Exec("DROP DATABASE " + name) })
	dsn := strings.TrimSuffix(base, "/") + "/" + name + "?charset=utf8mb4"
	db, err := sql.Open("mysql", dsn)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	table := prefix + "_vi_news"
	for _, q := range []string{
		`CREATE TABLE ` + table + `_cat (catid smallint(5) unsigned NOT NULL AUTO_INCREMENT, parentid smallint(5) unsigned NOT NULL DEFAULT 0,
			title varchar(250) NOT NULL, alias varchar(250) NOT NULL DEFAULT '', description text, weight smallint(5) unsigned NOT NULL DEFAULT 0,
			add_time int(11) unsigned NOT NULL DEFAULT 0, PRIMARY KEY (catid), UNIQUE KEY alias (alias)) ENGINE=MyISAM`,
		`CREATE TABLE ` + table + `_sources (sourceid mediumint(8) unsigned NOT NULL AUTO_INCREMENT, title varchar(250) NOT NULL DEFAULT '',
			link varchar(255) DEFAULT '', PRIMARY KEY (sourceid)) ENGINE=MyISAM`,
		`CREATE TABLE ` + table + `_rows (id int(11) unsigned NOT NULL AUTO_INCREMENT, catid smallint(5) unsigned NOT NULL DEFAULT 0,
			listcatid varchar(255) NOT NULL DEFAULT '', admin_id mediumint(8) unsigned NOT NULL DEFAULT 0, author varchar(250) DEFAULT '',
			sourceid mediumint(8) NOT NULL DEFAULT 0, addtime int(11) unsigned NOT NULL DEFAULT 0, edittime int(11) unsigned NOT NULL DEFAULT 0,
			status tinyint(4) NOT NULL DEFAULT 1, publtime int(11) unsigned NOT NULL DEFAULT 0, exptime int(11) unsigned NOT NULL DEFAULT 0,
			archive tinyint(1) unsigned NOT NULL DEFAULT 0, title varchar(250) NOT NULL DEFAULT '', alias varchar(250) NOT NULL DEFAULT '',
			hometext text NOT NULL, homeimgfile varchar(255) DEFAULT '', homeimgalt varchar(255) DEFAULT '', homeimgthumb tinyint(4) NOT NULL DEFAULT 0,
			hitstotal mediumint(8) unsigned NOT NULL DEFAULT 0, PRIMARY KEY (id)) ENGINE=MyISAM`,
		`CREATE TABLE ` + table + `_detail (id int(11) unsigned NOT NULL, titlesite varchar(255) NOT NULL DEFAULT '', description text NOT NULL,
			bodyhtml longtext NOT NULL, sourcetext varchar(255) DEFAULT '', PRIMARY KEY (id)) ENGINE=MyISAM`,
	} {
		if _, err := db.Exec(q); err != nil {
			t.Fatal(err)
		}
	}
	return db, dsn
}

// nvArticle inserts an article of the news module.
func nvArticle(t *testing.T, db *sql.DB, prefix string, id, cat, status int, publ time.Time, title, alias, hometext, img, author string, source, hits int, body string) {
	t.Helper()
	table := prefix + "_vi_news"
	if _, err := db.Exec("INSERT INTO "+table+"_rows (id, catid, listcatid, author, sourceid, addtime, status, publtime, title, alias, hometext, homeimgfile, homeimgalt, hitstotal) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
		id, cat, fmt.Sprint(cat), author, source, publ.Unix(), status, publ.Unix(), title, alias, hometext, img, "Ảnh "+title, hits); err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec("INSERT INTO "+table+"_detail (id, description, bodyhtml) VALUES (?, '', ?)", id, body); err != nil {
		t.Fatal(err)
	}
}

func TestImportNukeViet(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		agency(t, db)
		nv, dsn := nukevietDB(t, "nv4")
		for _, q := range []string{
			"INSERT INTO nv4_vi_news_cat (catid, parentid, title, alias) VALUES (1, 0, 'Tin tức - Sự kiện', 'Tin-tuc-Su-kien'), (2, 1, 'Hoạt động của Viện', 'Hoat-dong-cua-Vien')",
			"INSERT INTO nv4_vi_news_sources (sourceid, title) VALUES (1, 'Báo Bảo vệ pháp luật')",
		} {
			if _, err := nv.Exec(q); err != nil {
				t.Fatal(err)
			}
		}
		uploads := t.TempDir()
		picture(t, uploads, "news/2019_05/hoi-nghi.jpg", 640, 480)
		picture(t, uploads, "news/2019_05/trong-bai.png", 320, 200)
		published := time.Date(2019, 5, 31, 17, 30, 0, 0, time.UTC) // 00:30 on 1 June in Vietnam
		nvArticle(t, nv, "nv4", 7, 2, 1, published, "Hội nghị giao ban công tác kiểm sát tháng 5/2019", "Hoi-nghi-giao-ban-cong-tac-kiem-sat-thang-5-2019",
			"Sáng 31/5, Viện KSND tỉnh tổ chức <b>giao ban</b>.", "2019_05/hoi-nghi.jpg", "Lê Văn An, Phạm Thị Bích", 1, 1234,
			`<p>Nội dung hội nghị.</p><p><img alt="Trong bài" src="/uploads/news/2019_05/trong-bai.png" /></p><p><img src="/uploads/news/2019_05/mat.jpg" /></p>`)
		nvArticle(t, nv, "nv4", 8, 1, 0, published, "Bài bị ẩn", "Bai-bi-an", "Ẩn.", "", "", 0, 5, "<p>Ẩn.</p>")
		nvArticle(t, nv, "nv4", 9, 1, 1, time.Now().Add(48*time.Hour), "Bài hẹn giờ", "Bai-hen-gio", "Sau.", "", "", 0, 0, "<p>Sau.</p>")
		nvArticle(t, nv, "nv4", 10, 1, 1, published.Add(time.Hour), "Tên có ký tự lạ: “Đ” & 100%", "Ten-co-ky-tu-la-D-100", "", "", "", 0, 3, "<p>Lạ.</p>")

		opt := siteimport.NukeVietOptions{Options: siteimport.Options{Uploads: uploads}}
		sum, err := siteimport.ImportNukeViet(ctx, db, dsn, opt)
		if err != nil {
			t.Fatal(err)
		}
		if sum.Items != 2 || sum.Sections != 2 || sum.Pictures != 2 || len(sum.Missing) != 1 || sum.Missing[0] != "news/2019_05/mat.jpg" {
			t.Errorf("summary %+v", sum)
		}
		if sum.Skipped["chưa đăng, bị ẩn hoặc đã xoá (status khác 1)"] != 1 || sum.Skipped["hẹn giờ đăng sau hôm nay"] != 1 {
			t.Errorf("skipped %v", sum.Skipped)
		}
		for _, old := range []string{"/news/Hoat-dong-cua-Vien/Hoi-nghi-giao-ban-cong-tac-kiem-sat-thang-5-2019-7.html",
			"/index.php?language=vi&nv=news&op=Hoat-dong-cua-Vien/Hoi-nghi-giao-ban-cong-tac-kiem-sat-thang-5-2019-7",
			"/index.php?nv=news&language=vi&op=Hoat-dong-cua-Vien/Hoi-nghi-giao-ban-cong-tac-kiem-sat-thang-5-2019-7&fbclid=x"} {
			target, err := db.SiteRedirect(ctx, store.RedirectKeyOf(old))
			if err != nil || !strings.HasPrefix(target, "/tin/hoi-nghi-giao-ban-cong-tac-kiem-sat-thang-5-2019-") {
				t.Fatalf("%s → %q %v", old, target, err)
			}
		}
		if target, err := db.SiteRedirect(ctx, "/news/Tin-tuc-Su-kien"); err != nil || target != "/chuyen-muc/tin-tuc-su-kien" {
			t.Errorf("category → %q %v", target, err)
		}
		target, _ := db.SiteRedirect(ctx, "/news/Hoat-dong-cua-Vien/Hoi-nghi-giao-ban-cong-tac-kiem-sat-thang-5-2019-7.html")
		it, err := db.SiteItem(ctx, atoi(target[strings.LastIndexByte(target, '-')+1:]))
		if err != nil {
			t.Fatal(err)
		}
		if !strings.HasPrefix(it.Summary, "Sáng 31/5, Viện KSND tỉnh tổ chức giao ban") || strings.Contains(it.Summary, "<") || it.Topic != "Hoạt động của Viện" || len(it.Authors) != 2 ||
			!strings.Contains(it.Body, `src="/media/`) || !strings.Contains(it.Body, "Nguồn: Báo Bảo vệ pháp luật") {
			t.Errorf("item %+v", it)
		}
		if v, err := db.ItemViews(ctx, it.ID); err != nil || v.Earlier != 1234 || v.Counted != 0 {
			t.Errorf("views %+v (%v), want the old site's 1234 as earlier views", v, err)
		}
		pubs, _ := db.Publications(ctx, it.ID)
		if len(pubs) != 1 || pubs[0].PublishedOn.String() != "2019-06-01" {
			t.Errorf("publications %v", pubs)
		}
		pics, _, _ := db.ItemMedia(ctx, it.ID)
		if len(pics) != 2 || pics[0].Filename != "hoi-nghi.jpg" || pics[0].Caption != "Ảnh Hội nghị giao ban công tác kiểm sát tháng 5/2019" {
			t.Errorf("pictures %+v", pics)
		}

		t.Run("a later run brings only the new articles", func(t *testing.T) {
			nvArticle(t, nv, "nv4", 11, 2, 1, published.Add(24*time.Hour), "Bài mới sau lần nhập đầu", "Bai-moi", "", "", "", 0, 0, "<p>Mới.</p>")
			sum, err := siteimport.ImportNukeViet(ctx, db, dsn, opt)
			if err != nil {
				t.Fatal(err)
			}
			if sum.Items != 1 || sum.Unchanged != 2 || sum.Sections != 0 {
				t.Errorf("summary %+v", sum)
			}
		})
		t.Run("a wrong prefix", func(t *testing.T) {
			opt := opt
			opt.Prefix = "nv5"
			_, err := siteimport.ImportNukeViet(ctx, db, dsn, opt)
			if err == nil || !strings.Contains(err.Error(), "không có các bảng tin tức nv5_vi_news_rows") || strings.Contains(err.Error(), "\n") {
				t.Errorf("got %v", err)
			}
		})
		t.Run("a picture that is not a picture stores nothing", func(t *testing.T) {
			writeFile(t, filepath.Join(uploads, "news/2019_06/gia.jpg"), []byte("GIF89a but not really"))
			nvArticle(t, nv, "nv4", 12, 2, 1, published.Add(48*time.Hour), "Ảnh giả", "Anh-gia", "", "2019_06/gia.jpg", "", 0, 0, "<p>Giả.</p>")
			nvArticle(t, nv, "nv4", 13, 2, 1, published.Add(49*time.Hour), "Bài tốt", "Bai-tot", "", "", "", 0, 0, "<p>Tốt.</p>")
			before, _ := db.SiteItemCount(ctx)
			_, err := siteimport.ImportNukeViet(ctx, db, dsn, opt)
			if err == nil || !strings.Contains(err.Error(), "bài id 12: ảnh news/2019_06/gia.jpg") {
				t.Errorf("got %v", err)
			}
			if n, _ := db.SiteItemCount(ctx); n != before {
				t.Errorf("%d items, was %d", n, before)
			}
		})
	})
}
