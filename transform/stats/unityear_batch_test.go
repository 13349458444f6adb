package stats

import (
	"fmt"
	"strings"
	"testing"

	"github.com/reportetl/reportetl/transform"
)

func ceil(a, b int) int { return (a + b - 1) / b }

// unit_year goes to the sink in batches bounded like every other table's:
// by rows, and by the bytes of its two text columns (provenance), so a row
// group never holds the whole table.
func TestUnitYearBatchBounds(t *testing.T) {
	small := func(n int, docIDs ...string) []*UnitYear {
		rows := make([]*UnitYear, n)
		for i := range rows {
			rows[i] = &UnitYear{UnitKey: fmt.Sprint(i), DocIDs: docIDs}
		}
		return rows
	}
	id := strings.Repeat("a", 64)
	// Rows whose provenance is about 300 KB each.
	big := make([]*UnitYear, 20)
	for i := range big {
		ids := make([]string, 300_000/20)
		for j := range ids {
			ids[j] = fmt.Sprintf("%016x-%d", i, j%10)
		}
		big[i] = &UnitYear{UnitKey: fmt.Sprint(i), Values: map[string]Value{"publicity_total": {V: 1, Valid: true, DocID: "d", FactIDs: ids}}}
	}
	per := sourcesLen(big[0].Values) + transform.RowBytes
	for _, tc := range []struct {
		name string
		rows []*UnitYear
		want int
	}{
		{"a few rows", small(10, id), 10},
		// 256 + 1 + 65 bytes a row: the byte bound cuts before the row bound.
		{"rows of one document each", small(transform.BatchRows, id), ceil(transform.BatchBytes, transform.RowBytes+sourcesLen(nil)+len(id)+1)},
		{"no rows", nil, 0},
		{"long provenance", big, ceil(transform.BatchBytes, per)},
	} {
		if got := unitYearBatch(tc.rows); got != tc.want {
			t.Errorf("%s: batch of %d rows, want %d", tc.name, got, tc.want)
		}
	}
	if n := unitYearBatch(big); n < 2 || n >= len(big) {
		t.Fatalf("long provenance: %d of %d rows in the first batch; the case no longer tests the byte bound", n, len(big))
	}
}
