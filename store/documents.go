package store

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"loa"
)

// DocumentKind is the kind of a legal or planning document.
type DocumentKind string

// The document kinds.
const (
	DocDirective DocumentKind = "directive" // Chỉ thị
	DocPlan      DocumentKind = "plan"      // Kế hoạch
	DocDecision  DocumentKind = "decision"  // Quyết định
	DocGuidance  DocumentKind = "guidance"  // Hướng dẫn
	DocReport    DocumentKind = "report"    // Báo cáo
	DocOther     DocumentKind = "other"
)

// DocumentKinds lists the document kinds in pick-list order.
var DocumentKinds = []DocumentKind{DocDirective, DocPlan, DocDecision, DocGuidance, DocReport, DocOther}

// MaxDocumentFile is the largest file a document may carry.
const MaxDocumentFile = 20 << 20

// Document is the legal and planning basis of the work: a directive, a plan … with
// its number (05/CT-VKSTC-TCKS), issuer, date, title, an optional file, and the
// documents it follows (the province's plan follows the Supreme Procuracy's).
type Document struct {
	ID       int64
	Number   string
	Kind     DocumentKind
	Issuer   string
	IssuedOn loa.Date
	Title    string
	Summary  string
	Public   bool // shown on the public site at /van-ban
	FileName string
	FileType string
	FileSize int64
	Version  int
	Follows  []DocRef // documents this one implements
	Followed []DocRef // documents that implement this one
	// FileData is set only when a new file is saved; reads leave it empty
	// (DocumentFile reads the bytes).
	FileData []byte `json:"-"`
}

// DocRef names a linked document.
type DocRef struct {
	ID       int64
	Number   string
	Title    string
	IssuedOn loa.Date
	Public   bool
}

// Validate checks a document.
func (d *Document) Validate() error {
	var v loa.Validation
	d.Number, d.Title, d.Issuer = strings.TrimSpace(d.Number), strings.TrimSpace(d.Title), strings.TrimSpace(d.Issuer)
	v.Check(d.Number != "", "number", "Xin nhập số, ký hiệu văn bản.")
	v.Check(len(d.Number) <= 100, "number", "Số, ký hiệu quá dài.")
	v.Check(d.Title != "", "title", "Xin nhập trích yếu (tiêu đề).")
	v.Check(len(d.Title) <= 1000, "title", "Tiêu đề quá dài.")
	v.Check(slices.Contains(DocumentKinds, d.Kind), "kind", "Loại văn bản không hợp lệ.")
	v.Check(!d.IssuedOn.IsZero(), "issued_on", "Xin nhập ngày ban hành.")
	v.Check(len(d.FileData) <= MaxDocumentFile, "file", "Tệp quá lớn (tối đa 20 MB).")
	return v.Err()
}

const documentCols = "id, number, kind, issuer, issued_on, title, summary, public, file_name, file_type, file_size, version"

func scanDocument(sc interface{ Scan(...any) error }) (*Document, error) {
	var d Document
	err := sc.Scan(&d.ID, &d.Number, &d.Kind, &d.Issuer, &d.IssuedOn, &d.Title, &d.Summary, &d.Public, &d.FileName, &d.FileType, &d.FileSize, &d.Version)
	return &d, err
}

// Documents returns the documents, newest first; only the public ones when publicOnly.
func (db *DB) Documents(ctx context.Context, publicOnly bool, p Page) (_ []*Document, _ int, err error) {
	defer wrapErr(&err, "list documents")
	where, args := "", []any{}
	if publicOnly {
		where, args = " WHERE public = ?", []any{true}
	}
	total, err := db.count(ctx, "SELECT COUNT(*) FROM documents"+where, args...)
	if err != nil {
		return nil, 0, err
	}
	rows, err := db.query(ctx, "SELECT "+documentCols+" FROM documents"+where+" ORDER BY issued_on DESC, id DESC"+p.sql(), args...)
	if err != nil {
		return nil, 0, err
	}
	defer rows.Close()
	var out []*Document
	for rows.Next() {
		d, err := scanDocument(rows)
		if err != nil {
			return nil, 0, err
		}
		out = append(out, d)
	}
	if err := rows.Err(); err != nil {
		return nil, 0, err
	}
	rows.Close()
	for _, d := range out {
		if err := db.documentLinks(ctx, d, publicOnly); err != nil {
			return nil, 0, err
		}
	}
	return out, total, nil
}

// Document returns the document id with its links. ENOTFOUND when there is none.
func (db *DB) Document(ctx context.Context, id int64) (_ *Document, err error) {
	defer wrapErr(&err, "read document %d", id)
	d, err := scanDocument(db.q(ctx).QueryRowContext(ctx, db.dialect.rebind("SELECT "+documentCols+" FROM documents WHERE id = ?"), id))
	if err = notFound(err, "văn bản"); err != nil {
		return nil, err
	}
	return d, db.documentLinks(ctx, d, false)
}

func (db *DB) documentLinks(ctx context.Context, d *Document, publicOnly bool) error {
	for _, q := range []struct {
		sql string
		dst *[]DocRef
	}{
		{`SELECT o.id, o.number, o.title, o.issued_on, o.public FROM document_links l JOIN documents o ON o.id = l.follows_id WHERE l.document_id = ? ORDER BY o.issued_on, o.id`, &d.Follows},
		{`SELECT o.id, o.number, o.title, o.issued_on, o.public FROM document_links l JOIN documents o ON o.id = l.document_id WHERE l.follows_id = ? ORDER BY o.issued_on, o.id`, &d.Followed},
	} {
		rows, err := db.query(ctx, q.sql, d.ID)
		if err != nil {
			return err
		}
		*q.dst = nil
		for rows.Next() {
			var r DocRef
			if err := rows.Scan(&r.ID, &r.Number, &r.Title, &r.IssuedOn, &r.Public); err != nil {
				rows.Close()
				return err
			}
			if r.Public || !publicOnly {
				*q.dst = append(*q.dst, r)
			}
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
	}
	return nil
}

// DocumentFile returns a document's file: its name, type and bytes. ENOTFOUND when
// the document has no file, or is not public and publicOnly.
func (db *DB) DocumentFile(ctx context.Context, id int64, publicOnly bool) (name, ctype string, data []byte, err error) {
	defer wrapErr(&err, "read file of document %d", id)
	var public bool
	err = db.row(ctx, "văn bản", "SELECT file_name, file_type, file_data, public FROM documents WHERE id = ? AND file_data IS NOT NULL",
		[]any{id}, &name, &ctype, &data, &public)
	if err == nil && publicOnly && !public {
		err = loa.Errorf(loa.ENOTFOUND, "Không tìm thấy văn bản.")
	}
	return name, ctype, data, err
}

// SaveDocument creates (ID 0) or updates a document, audited (the file's bytes are
// not copied into the audit log, only its name and size). A nil FileData keeps the
// stored file. Follows sets the documents it follows, by id; a document cannot
// follow itself. ECONFLICT on a stale version.
func (db *DB) SaveDocument(ctx context.Context, d *Document) error {
	if err := d.Validate(); err != nil {
		return err
	}
	return db.inTx(ctx, fmt.Sprintf("save document %d", d.ID), func(ctx context.Context) error {
		var v loa.Validation
		for _, f := range d.Follows {
			if f.ID == d.ID && d.ID != 0 {
				v.Add("follows", "Văn bản không thể căn cứ vào chính nó.")
			} else if _, err := db.Document(ctx, f.ID); err != nil {
				v.Add("follows", "Không có văn bản được chọn làm căn cứ.")
			}
		}
		if err := v.Err(); err != nil {
			return err
		}
		t := now()
		var before *Document
		if d.ID == 0 {
			id, err := db.insert(ctx, `INSERT INTO documents (number, kind, issuer, issued_on, title, summary, public, created_at, updated_at)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`, d.Number, d.Kind, d.Issuer, d.IssuedOn, d.Title, d.Summary, d.Public, t, t)
			if err != nil {
				return err
			}
			d.ID, d.Version = id, 1
		} else {
			var err error
			if before, err = db.Document(ctx, d.ID); err != nil {
				return err
			}
			res, err := db.exec(ctx, `UPDATE documents SET number = ?, kind = ?, issuer = ?, issued_on = ?, title = ?, summary = ?, public = ?,
				version = version + 1, updated_at = ? WHERE id = ? AND version = ?`,
				d.Number, d.Kind, d.Issuer, d.IssuedOn, d.Title, d.Summary, d.Public, t, d.ID, d.Version)
			if err != nil {
				return err
			}
			if err := changed(res); err != nil {
				return err
			}
			d.Version++
			d.FileName, d.FileType, d.FileSize = before.FileName, before.FileType, before.FileSize
		}
		if d.FileData != nil {
			d.FileSize = int64(len(d.FileData))
			if _, err := db.exec(ctx, "UPDATE documents SET file_name = ?, file_type = ?, file_size = ?, file_data = ? WHERE id = ?",
				d.FileName, d.FileType, d.FileSize, d.FileData, d.ID); err != nil {
				return err
			}
		}
		if _, err := db.exec(ctx, "DELETE FROM document_links WHERE document_id = ?", d.ID); err != nil {
			return err
		}
		for _, f := range d.Follows {
			if _, err := db.exec(ctx, "INSERT INTO document_links (document_id, follows_id) VALUES (?, ?)", d.ID, f.ID); err != nil && loa.ErrorCode(err) != loa.ECONFLICT {
				return err
			}
		}
		action := "update"
		if before == nil {
			action = "create"
		}
		after := *d
		after.FileData = nil
		if err := db.audit(ctx, action, "document", d.ID, before, &after); err != nil {
			return err
		}
		return db.SiteChanged(ctx)
	})
}

// DeleteDocument deletes a document and its links, audited.
func (db *DB) DeleteDocument(ctx context.Context, id int64) error {
	return db.inTx(ctx, fmt.Sprintf("delete document %d", id), func(ctx context.Context) error {
		before, err := db.Document(ctx, id)
		if err != nil {
			return err
		}
		if _, err := db.exec(ctx, "DELETE FROM document_links WHERE document_id = ? OR follows_id = ?", id, id); err != nil {
			return err
		}
		if _, err := db.exec(ctx, "DELETE FROM documents WHERE id = ?", id); err != nil {
			return err
		}
		if err := db.audit(ctx, "delete", "document", id, before, nil); err != nil {
			return err
		}
		return db.SiteChanged(ctx)
	})
}
