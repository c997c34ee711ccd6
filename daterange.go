package loa

import "strings"

// DateEntryHint is how every date field asks for its date.
const DateEntryHint = "dd/mm/yyyy"

// RangeFieldErrors checks a range of dates as a form's two fields hold them ("from",
// "to"; either may be empty when optional is true), read by ParseDate, and says what is
// wrong beside each field: a date that is not one, a missing end, an end before the
// start. It returns nil when the range is good.
func RangeFieldErrors(from, to string, optional bool) map[string]string {
	errs := map[string]string{}
	from, to = strings.TrimSpace(from), strings.TrimSpace(to)
	const bad = "Ngày không hợp lệ: nhập dạng dd/mm/yyyy, ví dụ 30/06/2025."
	f, errF := ParseOptionalDate(from)
	t, errT := ParseOptionalDate(to)
	switch {
	case errF != nil:
		errs["from"] = bad
	case from == "" && !optional:
		errs["from"] = "Xin nhập từ ngày."
	}
	switch {
	case errT != nil:
		errs["to"] = bad
	case to == "" && !optional:
		errs["to"] = "Xin nhập đến ngày."
	case errF == nil && !SpanOK(f, t):
		errs["to"] = "Đến ngày phải từ ngày " + f.Display() + " trở đi."
	}
	if len(errs) == 0 {
		return nil
	}
	return errs
}
