package store_test

import (
	"bytes"
	"context"
	"image"
	"image/jpeg"
	"strconv"
	"testing"

	"loa"
	"loa/internal/dbtest"
	"loa/media"
	"loa/store"
)

func jpegOf(t *testing.T, w, h int) []byte {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for i := range img.Pix {
		img.Pix[i] = uint8(i * 7)
	}
	var b bytes.Buffer
	if err := jpeg.Encode(&b, img, nil); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func TestMedia(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, db *store.DB) {
		f := newItemsFixture(t, db)
		ctb := as(f.Users[loa.RoleContributor])
		it := f.newItem(t, f.Unit, "Tin ảnh hội nghị")
		big, err := media.Picture("hoi-nghi.jpg", jpegOf(t, 1600, 1200))
		if err != nil {
			t.Fatal(err)
		}
		pic, err := db.AddMedia(ctb, it.ID, big, "Quang cảnh hội nghị", "Bùi Thảo")
		if err != nil {
			t.Fatal(err)
		}
		file, err := media.Attachment("ket-luan.pdf", []byte("%PDF-1.4\n"))
		if err != nil {
			t.Fatal(err)
		}
		att, err := db.AddMedia(ctb, it.ID, file, "", "")
		if err != nil {
			t.Fatal(err)
		}
		t.Run("listed without bytes, in order", func(t *testing.T) {
			pics, files, err := db.ItemMedia(ctb, it.ID)
			if err != nil {
				t.Fatal(err)
			}
			if len(pics) != 1 || pics[0].Width != 1600 || pics[0].SiteWidth != 1200 || pics[0].SiteHeight != 900 ||
				pics[0].Caption != "Quang cảnh hội nghị" || pics[0].SiteURL() != "/media/"+itoa(pic.ID)+"/site" {
				t.Fatalf("pictures %+v", pics)
			}
			if len(files) != 1 || files[0].ContentType != "application/pdf" || files[0].Filename != "ket-luan.pdf" {
				t.Fatalf("files %+v", files)
			}
		})
		t.Run("a draft's media are for its readers only", func(t *testing.T) {
			if _, _, _, err := db.MediaFile(context.Background(), pic.ID, false); loa.ErrorCode(err) != loa.ENOTFOUND {
				t.Fatalf("public: %v", err)
			}
			if _, _, _, err := db.MediaFile(as(f.OtherCtb), pic.ID, false); loa.ErrorCode(err) != loa.ENOTFOUND {
				t.Fatalf("other unit: %v", err)
			}
			m, data, public, err := db.MediaFile(ctb, pic.ID, false)
			if err != nil || public || m.ContentType != "image/jpeg" || !bytes.Equal(data, big.Data) {
				t.Fatalf("own unit: %v public=%v", err, public)
			}
			m, data, _, err = db.MediaFile(as(f.Users[loa.RoleViewer]), pic.ID, true)
			if err != nil || !bytes.Equal(data, big.Site) || m.ContentType != "image/jpeg" {
				t.Fatalf("site copy: %v", err)
			}
		})
		t.Run("only who may edit changes them", func(t *testing.T) {
			if err := db.UpdateMedia(as(f.Users[loa.RoleViewer]), &loa.Media{ID: pic.ID, Caption: "x"}); loa.ErrorCode(err) != loa.EFORBIDDEN {
				t.Fatalf("viewer: %v", err)
			}
			if err := db.UpdateMedia(ctb, &loa.Media{ID: pic.ID, Caption: "Đồng chí Phạm Viết Vượng phát biểu", Credit: "Bùi Thảo"}); err != nil {
				t.Fatal(err)
			}
			if _, err := db.AddMedia(as(f.OtherCtb), it.ID, file, "", ""); loa.ErrorCode(err) != loa.ENOTFOUND {
				t.Fatalf("other unit adding: %v", err)
			}
			if err := db.DeleteMedia(ctb, att.ID); err != nil {
				t.Fatal(err)
			}
		})
		t.Run("published: public, with its picture on the site", func(t *testing.T) {
			f.walk(t, it.ID, loa.StatusPublished)
			_, _, public, err := db.MediaFile(context.Background(), pic.ID, false)
			if err != nil || !public {
				t.Fatalf("public=%v %v", public, err)
			}
			if err := db.UpdateMedia(ctb, &loa.Media{ID: pic.ID, Caption: "x"}); loa.ErrorCode(err) != loa.ECONFLICT {
				t.Fatalf("a contributor changed a published item's picture: %v", err)
			}
			if _, err := db.SiteItem(context.Background(), it.ID); err != nil {
				t.Fatalf("published item not public: %v", err)
			}
			pics, err := db.SitePictures(context.Background(), []int64{it.ID}, true)
			if err != nil || len(pics[it.ID]) != 1 || pics[it.ID][0].Caption != "Đồng chí Phạm Viết Vượng phát biểu" {
				t.Fatalf("pictures %+v %v (the attachment must not be among them)", pics, err)
			}
		})
		t.Run("withdrawn: no longer public", func(t *testing.T) {
			if err := db.Transition(context.Background(), it.ID, loa.ActionWithdraw, "Sai ảnh"); err != nil {
				t.Fatal(err)
			}
			if _, _, _, err := db.MediaFile(context.Background(), pic.ID, false); loa.ErrorCode(err) != loa.ENOTFOUND {
				t.Fatalf("got %v", err)
			}
		})
		t.Run("bytes survive a backup and restore", func(t *testing.T) {
			var buf bytes.Buffer
			if err := db.Backup(context.Background(), &buf); err != nil {
				t.Fatal(err)
			}
			if err := db.Restore(context.Background(), &buf, true); err != nil {
				t.Fatal(err)
			}
			_, data, _, err := db.MediaFile(ctb, pic.ID, true)
			if err != nil || !bytes.Equal(data, big.Site) {
				t.Fatalf("after restore: %v", err)
			}
		})
	})
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }
