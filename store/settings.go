package store

import (
	"context"
	"strings"
)

// The settings table holds key–value settings: flags (leader_approval, show_views),
// the document settings (doc.…) and the agency's information (org.…). These two
// helpers are the one way to read a family of them and to write one.

// settingsWithPrefix returns the stored settings whose key starts with prefix, by key
// without it; a setting never stored is absent.
func (db *DB) settingsWithPrefix(ctx context.Context, prefix string) (map[string]string, error) {
	rows, err := db.query(ctx, "SELECT key, value FROM settings WHERE key LIKE ?", prefix+"%")
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[string]string{}
	for rows.Next() {
		var k, v string
		if err := rows.Scan(&k, &v); err != nil {
			return nil, err
		}
		out[strings.TrimPrefix(k, prefix)] = v
	}
	return out, rows.Err()
}

// putSetting stores value under key; an empty value removes the setting, so that its
// reader falls back to its default. Callers audit the change.
func (db *DB) putSetting(ctx context.Context, key, value string) error {
	var err error
	if value == "" {
		_, err = db.exec(ctx, "DELETE FROM settings WHERE key = ?", key)
	} else {
		_, err = db.exec(ctx, `INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value`, key, value)
	}
	return err
}
