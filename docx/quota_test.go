package docx

import (
	"strings"
	"testing"

	"loa"
)

// TestQuotaSentence: the counts of units with a quota, of those that met it and of
// those that did not are each in their place.
func TestQuotaSentence(t *testing.T) {
	yes, no := true, false
	units := []*loa.ReportUnit{
		{Name: "Phòng 1", Met: &yes},
		{Name: "Phòng 2", Met: &yes},
		{Name: "Viện kiểm sát nhân dân huyện Hưng Hà", Met: &no, Quotas: []loa.QuotaResult{{Kind: loa.QuotaKindAny, Target: 15, Done: 14}}},
		{Name: "Phòng 3"},
	}
	got := quotaSentence(&loa.Report{Period: "2024-H1"}, units)
	want := "Trong 3 đơn vị được giao chỉ tiêu, 2 đơn vị đã đạt, 1 đơn vị chưa đạt: Viện kiểm sát nhân dân huyện Hưng Hà (đạt 14/15 tin, bài)."
	if got != want {
		t.Fatalf("got  %q\nwant %q", got, want)
	}
	if got := quotaSentence(&loa.Report{Period: "2024-H1"}, units[:2]); !strings.HasPrefix(got, "Cả 2 đơn vị") {
		t.Fatalf("all met: %q", got)
	}
}
