package load_test

import (
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/apache/arrow/go/v17/arrow"
	"github.com/apache/arrow/go/v17/arrow/array"
	"github.com/apache/arrow/go/v17/arrow/memory"
	"github.com/apache/arrow/go/v17/parquet/file"

	"github.com/reportetl/reportetl/load"
)

// Long free text gets no min/max statistics; the columns queries filter on
// keep theirs.
func TestLongTextHasNoMinMax(t *testing.T) {
	s := arrow.NewSchema([]arrow.Field{
		{Name: "doc_id", Type: arrow.BinaryTypes.String, Nullable: true},
		{Name: "text", Type: arrow.BinaryTypes.String, Nullable: true},
	}, nil)
	b := array.NewRecordBuilder(memory.DefaultAllocator, s)
	defer b.Release()
	for _, v := range []string{"b", "a", "c"} {
		b.Field(0).(*array.StringBuilder).Append(v)
		b.Field(1).(*array.StringBuilder).Append("第" + v + "页的正文")
	}
	rec := b.NewRecord()
	defer rec.Release()

	r, err := file.OpenParquetFile(writePart(t, "pages", "2020", rec), false)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	rg := r.MetaData().RowGroup(0)
	for i, wantMinMax := range []bool{true, false} {
		cc, err := rg.ColumnChunk(i)
		if err != nil {
			t.Fatal(err)
		}
		st, err := cc.Statistics()
		if err != nil {
			t.Fatal(err)
		}
		got := st != nil && st.HasMinMax()
		if got != wantMinMax {
			t.Errorf("%s: min/max %v, want %v", cc.PathInSchema(), got, wantMinMax)
		}
	}
	if n := r.NumRows(); n != 3 {
		t.Errorf("%d rows, want 3", n)
	}
}

// The zstd codec's capacity hint is a quarter of a page: pages that do not
// compress (random bytes) must outgrow it and still read back whole.
func TestIncompressiblePagesReadBack(t *testing.T) {
	s := arrow.NewSchema([]arrow.Field{{Name: "text", Type: arrow.BinaryTypes.String, Nullable: true}}, nil)
	b := array.NewRecordBuilder(memory.DefaultAllocator, s)
	defer b.Release()
	rnd := rand.New(rand.NewPCG(1, 2))
	var want []string
	for range 64 {
		v := make([]byte, 4<<10)
		for i := range v {
			v[i] = byte('!' + rnd.IntN(90))
		}
		want = append(want, string(v))
		b.Field(0).(*array.StringBuilder).Append(string(v))
	}
	rec := b.NewRecord()
	defer rec.Release()

	var got []string
	if err := load.ReadFile(writePart(t, "errors", "", rec), func(r load.Row) error {
		got = append(got, r.Str("text"))
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(got, want) {
		t.Fatalf("read back %d rows, want the %d written", len(got), len(want))
	}
}

// writePart writes rec as a table partition's only part file and returns its path.
func writePart(t *testing.T, table, part string, rec arrow.Record) string {
	t.Helper()
	sink, err := load.NewDirSink(t.TempDir(), "1", "run")
	if err != nil {
		t.Fatal(err)
	}
	if err := sink.Add(table, part, rec); err != nil {
		t.Fatal(err)
	}
	if err := sink.Close(); err != nil {
		t.Fatal(err)
	}
	return sink.Files()[0]
}
