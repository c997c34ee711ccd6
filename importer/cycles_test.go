package importer_test

import (
	"reflect"
	"strings"
	"testing"

	"loa"
)

// TestUnitSuccessorCycles: successor loops are refused like parent loops (issue 13,
// finding 15), in the file, through the database, and a unit succeeding itself.
func TestUnitSuccessorCycles(t *testing.T) {
	k := known()
	k.Units["HY-KV1"] = &loa.Unit{Code: "HY-KV1", Kind: loa.UnitRegional, SuccessorCode: "TB-HUNGHA"}
	tests := []struct {
		name, file string
		want       []string
	}{
		{"two units in the file", "code,name,kind,successor_code\nA,A,district,B\nB,B,regional,A\n",
			[]string{`f.csv:2: successor_code: vòng lặp đơn vị kế nhiệm A → B → A`,
				`f.csv:3: successor_code: vòng lặp đơn vị kế nhiệm B → A → B`}},
		{"through the database", "code,name,kind,successor_code\nTB-HUNGHA,Hưng Hà,district,C\nC,C,regional,HY-KV1\n",
			[]string{`f.csv:2: successor_code: vòng lặp đơn vị kế nhiệm TB-HUNGHA → C → HY-KV1 → TB-HUNGHA`,
				`f.csv:3: successor_code: vòng lặp đơn vị kế nhiệm C → HY-KV1 → TB-HUNGHA → C`}},
		{"itself", "code,name,kind,successor_code\nA,A,district,A\n",
			[]string{`f.csv:2: successor_code: đơn vị "A" không thể là đơn vị kế nhiệm của chính nó`}},
		{"a chain is no loop", "code,name,kind,successor_code\nA,A,district,B\nB,B,regional,HY-KV1\n", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := readCSV(t, tt.file).ParseUnits(k)
			if got := problemLines(t, err); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got\n  %s\nwant\n  %s", strings.Join(got, "\n  "), strings.Join(tt.want, "\n  "))
			}
		})
	}
}
