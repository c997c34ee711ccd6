package store

import (
	"context"
	"strings"

	"loa"
)

// DocSettingPrefix starts the keys of the settings that official documents read
// (docx.Settings): doc.agency, doc.parent_agency, doc.symbol, doc.signer_name …
const DocSettingPrefix = "doc."

// DocSettings returns the document settings that are stored, by key without the
// prefix ("agency"); a setting never stored is absent, and the document uses its
// default.
func (db *DB) DocSettings(ctx context.Context) (_ map[string]string, err error) {
	defer wrapErr(&err, "read document settings")
	return db.settingsWithPrefix(ctx, DocSettingPrefix)
}

// SetDocSettings stores the given document settings (key without the prefix); an
// empty value removes the setting, so the document falls back to its default.
// Leader, secretary and admin only; audited with the values before and after.
func (db *DB) SetDocSettings(ctx context.Context, values map[string]string) error {
	if u := loa.UserFrom(ctx); u != nil && !u.Is(loa.RoleAdmin, loa.RoleSecretary, loa.RoleLeader) {
		return loa.Errorf(loa.EFORBIDDEN, "Chỉ lãnh đạo, thư ký hoặc quản trị đổi được thông tin văn bản.")
	}
	return db.inTx(ctx, "set document settings", func(ctx context.Context) error {
		before, err := db.DocSettings(ctx)
		if err != nil {
			return err
		}
		after := map[string]string{}
		for k, v := range values {
			v = strings.TrimSpace(v)
			if len(v) > 2000 {
				return loa.Errorf(loa.EINVALID, "Giá trị của %q quá dài.", k)
			}
			after[k] = v
			if err := db.putSetting(ctx, DocSettingPrefix+k, v); err != nil {
				return err
			}
		}
		return db.audit(ctx, "update", "setting", 0, before, after)
	})
}
