package store_test

import (
	"context"
	"testing"

	"loa"
	"loa/internal/dbtest"
	"loa/media"
	"loa/store"
)

// TestDeclarationEvidence: a contributor's declaration needs evidence (a link, a
// file or a note), the secretary's record does not; an evidence file is kept with
// the declaration, out of the item's attachments.
func TestDeclarationEvidence(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, db *store.DB) {
		f := newItemsFixture(t, db)
		ctb, sec := f.Users[loa.RoleContributor], f.Users[loa.RoleSecretary]
		it := &loa.Item{Kind: loa.KindNews, UnitID: f.Unit.ID, Title: "Tin có minh chứng", Body: "<p>x</p>"}
		if err := db.CreateItem(at(t, nil, "2024-03-01"), it); err != nil {
			t.Fatal(err)
		}
		bare := &loa.Publication{ItemID: it.ID, ChannelID: f.PTTH.ID, PublishedOn: mustDate(t, "2024-03-02")}
		err := db.AddPublication(at(t, ctb, "2024-03-03"), bare)
		if loa.ErrorCode(err) != loa.EINVALID || loa.ErrorFields(err)["evidence"] == "" {
			t.Fatalf("a declaration without evidence: %v", err)
		}
		file, err := media.Attachment("trang-bao.pdf", []byte("%PDF-1.4 trang 3"))
		if err != nil {
			t.Fatal(err)
		}
		if err := db.AddPublicationEvidence(at(t, ctb, "2024-03-03"), bare, file); err != nil {
			t.Fatal(err)
		}
		if bare.Status != loa.PublicationDeclared || bare.EvidenceMediaID == 0 {
			t.Fatalf("declared %+v", bare)
		}
		_, files, err := db.ItemMedia(context.Background(), it.ID)
		if err != nil || len(files) != 0 {
			t.Fatalf("the evidence shows among the item's files: %v %v", files, err)
		}
		// Correcting the date keeps the file.
		bare.PublishedOn = mustDate(t, "2024-03-01")
		bare.EvidenceMediaID = 0
		if err := db.UpdatePublication(at(t, ctb, "2024-03-03"), bare); err != nil {
			t.Fatal(err)
		}
		if got, _ := db.Publication(context.Background(), bare.ID); got.EvidenceMediaID == 0 {
			t.Fatal("the correction dropped the evidence file")
		}
		if err := db.AddPublication(at(t, sec, "2024-03-03"), &loa.Publication{ItemID: it.ID, ChannelID: f.BVPL.ID, PublishedOn: mustDate(t, "2024-03-02")}); err != nil {
			t.Fatalf("the secretary's record: %v", err)
		}
	})
}
