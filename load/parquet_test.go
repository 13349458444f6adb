package load_test

import (
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

	sink, err := load.NewDirSink(t.TempDir(), "1", "run")
	if err != nil {
		t.Fatal(err)
	}
	if err := sink.Add("pages", "2020", rec); err != nil {
		t.Fatal(err)
	}
	if err := sink.Close(); err != nil {
		t.Fatal(err)
	}
	r, err := file.OpenParquetFile(sink.Files()[0], false)
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
