package export

import (
	"slices"
	"strings"
	"unicode"

	"loa"
)

// kindRank orders unit kinds as the Board lists them: the province first, its
// departments, then the lower procuracies; the Supreme Procuracy, which is no part
// of a province's table, last.
var kindRank = map[loa.UnitKind]int{
	loa.UnitProvince: 0, loa.UnitDepartment: 1, loa.UnitDistrict: 2, loa.UnitRegional: 3, loa.UnitSupreme: 4,
}

// Ordered returns the report's units in their natural order: by kind (kindRank), then
// by name with numbers compared as numbers ("Phòng 2" before "Phòng 10"). The Supreme
// Procuracy's line is left out when the report holds a province and the Supreme
// Procuracy counts nothing in it, so that a province's table never lists it.
func Ordered(units []*loa.ReportUnit) []*loa.ReportUnit {
	province := slices.ContainsFunc(units, func(u *loa.ReportUnit) bool { return u.Kind == loa.UnitProvince })
	out := make([]*loa.ReportUnit, 0, len(units))
	for _, u := range units {
		if province && u.Kind == loa.UnitSupreme && u.Items == 0 && u.Publications == 0 {
			continue
		}
		out = append(out, u)
	}
	slices.SortStableFunc(out, func(a, b *loa.ReportUnit) int {
		if ra, rb := kindRank[a.Kind], kindRank[b.Kind]; ra != rb {
			return ra - rb
		}
		if c := NaturalCompare(a.Name, b.Name); c != 0 {
			return c
		}
		return strings.Compare(a.Code, b.Code)
	})
	return out
}

// NaturalCompare compares two names with their runs of digits read as numbers, and
// the rest letter by letter without regard to case: "Phòng 2" < "Phòng 10".
func NaturalCompare(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	i, j := 0, 0
	for i < len(ra) && j < len(rb) {
		if unicode.IsDigit(ra[i]) && unicode.IsDigit(rb[j]) {
			si, sj := i, j
			for i < len(ra) && unicode.IsDigit(ra[i]) {
				i++
			}
			for j < len(rb) && unicode.IsDigit(rb[j]) {
				j++
			}
			na := strings.TrimLeft(string(ra[si:i]), "0")
			nb := strings.TrimLeft(string(rb[sj:j]), "0")
			if len(na) != len(nb) {
				return len(na) - len(nb)
			}
			if c := strings.Compare(na, nb); c != 0 {
				return c
			}
			continue
		}
		ca, cb := unicode.ToLower(ra[i]), unicode.ToLower(rb[j])
		if ca != cb {
			if ca < cb {
				return -1
			}
			return 1
		}
		i++
		j++
	}
	return (len(ra) - i) - (len(rb) - j)
}
