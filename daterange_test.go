package loa

import (
	"strings"
	"testing"
)

func TestRangeFieldErrors(t *testing.T) {
	for _, c := range []struct {
		from, to       string
		optional       bool
		wantFrom, want string // substrings of the messages; "" for none
	}{
		{"01/01/2024", "30/06/2024", false, "", ""},
		{"2024-01-01", "30/06/2024", false, "", ""},
		{"", "", true, "", ""},
		{"01/01/2024", "", true, "", ""},
		{"", "", false, "Xin nhập từ ngày", "Xin nhập đến ngày"},
		{"31/02/2024", "30/06/2024", false, "dd/mm/yyyy", ""},
		{"01/01/2024", "ngày mai", false, "", "dd/mm/yyyy"},
		{"30/06/2024", "01/01/2024", false, "", "Đến ngày phải từ ngày 30/06/2024 trở đi"},
	} {
		errs := RangeFieldErrors(c.from, c.to, c.optional)
		for field, want := range map[string]string{"from": c.wantFrom, "to": c.want} {
			got := errs[field]
			if (want == "") != (got == "") || (want != "" && !strings.Contains(got, want)) {
				t.Errorf("%q–%q: %s error %q, want %q", c.from, c.to, field, got, want)
			}
		}
	}
}
