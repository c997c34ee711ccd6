package store

import (
	"context"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"loa"
)

// ReportNarrative is what the secretary wrote for the narrative sections of a
// period's report; an empty section keeps the text written from the figures.
type ReportNarrative struct {
	Period                            string
	Results, Shortcomings, Directions string
	UpdatedAt                         time.Time `json:"-"`
}

// Empty reports whether no section was written.
func (n *ReportNarrative) Empty() bool {
	return n.Results == "" && n.Shortcomings == "" && n.Directions == ""
}

// maxNarrative bounds a section: a few pages of text.
const maxNarrative = 20000

// ReportNarrative returns what was written for period; a period never written for
// gives an empty narrative, not an error.
func (db *DB) ReportNarrative(ctx context.Context, period string) (_ *ReportNarrative, err error) {
	defer wrapErr(&err, "read report narrative %s", period)
	n := &ReportNarrative{Period: period}
	err = db.row(ctx, "phần nhận định", `SELECT results, shortcomings, directions, updated_at FROM report_narratives WHERE period = ?`,
		[]any{period}, &n.Results, &n.Shortcomings, &n.Directions, &n.UpdatedAt)
	if loa.ErrorCode(err) == loa.ENOTFOUND {
		return &ReportNarrative{Period: period}, nil
	}
	return n, err
}

// SaveReportNarrative stores n for its period (the caller checks that the period
// exists); all sections empty removes it, so the report is written from the figures
// again. Leader, secretary and admin only (as SetDocSettings); audited.
func (db *DB) SaveReportNarrative(ctx context.Context, n *ReportNarrative) error {
	if u := loa.UserFrom(ctx); u != nil && !u.Is(loa.RoleAdmin, loa.RoleSecretary, loa.RoleLeader) {
		return loa.Errorf(loa.EFORBIDDEN, "Chỉ lãnh đạo, thư ký hoặc quản trị sửa được nội dung báo cáo.")
	}
	var v loa.Validation
	n.Period = strings.TrimSpace(n.Period)
	v.Check(n.Period != "" && len(n.Period) <= 20, "period", "Kỳ báo cáo không hợp lệ.")
	for _, f := range []struct {
		field string
		text  *string
	}{{"results", &n.Results}, {"shortcomings", &n.Shortcomings}, {"directions", &n.Directions}} {
		*f.text = strings.TrimSpace(strings.ReplaceAll(*f.text, "\r\n", "\n"))
		v.Check(utf8.RuneCountInString(*f.text) <= maxNarrative, f.field, "Nội dung quá dài (tối đa 20.000 ký tự).")
	}
	if err := v.Err(); err != nil {
		return err
	}
	return db.inTx(ctx, fmt.Sprintf("save report narrative %s", n.Period), func(ctx context.Context) error {
		before, err := db.ReportNarrative(ctx, n.Period)
		if err != nil {
			return err
		}
		var beforeJSON, afterJSON any
		if !before.Empty() {
			beforeJSON = before
		}
		action := "update"
		switch {
		case n.Empty():
			_, err = db.exec(ctx, "DELETE FROM report_narratives WHERE period = ?", n.Period)
			action = "delete"
		default:
			n.UpdatedAt = now()
			afterJSON = n
			if beforeJSON == nil {
				action = "create"
			}
			_, err = db.exec(ctx, `INSERT INTO report_narratives (period, results, shortcomings, directions, updated_at) VALUES (?, ?, ?, ?, ?)
				ON CONFLICT (period) DO UPDATE SET results = excluded.results, shortcomings = excluded.shortcomings,
				directions = excluded.directions, updated_at = excluded.updated_at`,
				n.Period, n.Results, n.Shortcomings, n.Directions, n.UpdatedAt)
		}
		if err != nil {
			return err
		}
		if beforeJSON == nil && afterJSON == nil {
			return nil // nothing was stored and nothing is: no change to record
		}
		return db.audit(ctx, action, "report_narrative", 0, beforeJSON, afterJSON)
	})
}
