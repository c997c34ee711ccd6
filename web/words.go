package web

import (
	"unicode"
	"unicode/utf8"

	"loa"
)

// periodName names a period as people read it, never by its code ("2024-H1"):
// "6 tháng đầu năm 2024", in English "First half of 2024".
func periodName(lang string, p loa.Period) string {
	if lang == "en" {
		if len(p.Name) >= 4 {
			y := p.Name[:4]
			switch p.Name[4:] {
			case "":
				return "Year " + y
			case "-H1":
				return "First half of " + y
			case "-H2":
				return "Second half of " + y
			case "-Q1", "-Q2", "-Q3", "-Q4":
				return "Q" + p.Name[6:] + " " + y
			}
		}
		return p.From.Display() + " – " + p.To.Display()
	}
	return upperFirst(loa.PeriodWords(p.Name, p.From, p.To))
}

// upperFirst capitalises the first letter, for a phrase that starts a line.
func upperFirst(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if n == 0 {
		return s
	}
	return string(unicode.ToUpper(r)) + s[n:]
}
