package main

import (
	"context"
	"fmt"
	"text/tabwriter"

	"loa"
)

const periodUsage = "period: dùng: loa period close P | loa period reopen P --reason LÝ_DO | loa period list"

// runPeriod is `loa period close|reopen|list` (CONTRACTS.md "Closed periods"): the
// operator at the command line acts as the admin; both acts are audited.
func runPeriod(ctx context.Context, e *Env) error {
	if len(e.Args) == 0 {
		return usagef("%s", periodUsage)
	}
	switch e.Args[0] {
	case "close", "reopen":
		fs := flags("period " + e.Args[0])
		reason := fs.String("reason", "", "")
		pos, err := parse(fs, e.Args[1:], 1)
		if err != nil {
			return err
		}
		p, err := e.YearStart.ParsePeriod(pos[0])
		if err != nil {
			return usagef("%s", loa.ErrorMessage(err))
		}
		if e.Args[0] == "reopen" && *reason == "" {
			return usagef("period reopen: cần --reason LÝ_DO")
		}
		db, err := e.Open(ctx)
		if err != nil {
			return err
		}
		defer db.Close()
		words := loa.PeriodWords(p.Name, p.From, p.To)
		if e.Args[0] == "close" {
			if err := db.ClosePeriod(ctx, p); err != nil {
				return err
			}
			fmt.Fprintf(e.Stdout, "đã chốt số liệu %s (%s)\n", words, p.Name)
			return nil
		}
		if err := db.ReopenPeriod(ctx, p.Name, *reason); err != nil {
			return err
		}
		fmt.Fprintf(e.Stdout, "đã mở lại %s (%s)\n", words, p.Name)
		return nil
	case "list":
		if _, err := parse(flags("period list"), e.Args[1:], 0); err != nil {
			return err
		}
		db, err := e.Open(ctx)
		if err != nil {
			return err
		}
		defer db.Close()
		ps, err := db.ClosedPeriods(ctx)
		if err != nil {
			return err
		}
		w := tabwriter.NewWriter(e.Stdout, 2, 4, 2, ' ', 0)
		fmt.Fprintln(w, "KỲ\tTỪ\tĐẾN\tCHỐT LÚC\tNGƯỜI CHỐT\tTÌNH TRẠNG")
		for _, c := range ps {
			state := "đã chốt"
			if !c.Closed() {
				state = fmt.Sprintf("mở lại lúc %s bởi %s: %s", loa.FormatTime(c.ReopenedAt), c.ReopenedBy, c.ReopenReason)
			}
			fmt.Fprintf(w, "%s\t%s\t%s\t%s\t%s\t%s\n", c.Period, c.From, c.To, loa.FormatTime(c.ClosedAt), c.ClosedBy, state)
		}
		return w.Flush()
	}
	return usagef("%s", periodUsage)
}
