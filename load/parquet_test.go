package load_test

import (
	"math/rand/v2"
	"slices"
	"strings"
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

// intRecord is a one-column record of the values from..from+n-1.
func intRecord(from, n int) arrow.Record {
	s := arrow.NewSchema([]arrow.Field{{Name: "value", Type: arrow.PrimitiveTypes.Int64, Nullable: true}}, nil)
	b := array.NewRecordBuilder(memory.DefaultAllocator, s)
	defer b.Release()
	for v := from; v < from+n; v++ {
		b.Field(0).(*array.Int64Builder).Append(int64(v))
	}
	return b.NewRecord()
}

// Add only queues a batch; the part files' goroutines write them. Each
// partition must still get its batches in the order they were added, one
// row group each, with many more batches than are written ahead and the
// partitions interleaved, and the caller may release a batch at once.
func TestDirSinkKeepsBatchOrder(t *testing.T) {
	sink, err := load.NewDirSink(t.TempDir(), "1", "run")
	if err != nil {
		t.Fatal(err)
	}
	parts := []string{"2019", "2020", "2021"}
	const batches, rows = 40, 50
	for i := range batches {
		for k, p := range parts {
			rec := intRecord(k*1_000_000+i*rows, rows)
			if err := sink.Add("facts", p, rec); err != nil {
				t.Fatal(err)
			}
			rec.Release()
		}
	}
	if err := sink.Close(); err != nil {
		t.Fatal(err)
	}
	files := sink.Files()
	if len(files) != len(parts) {
		t.Fatalf("%d files, want %d: %v", len(files), len(parts), files)
	}
	for k, path := range files {
		info, err := load.Describe(path)
		if err != nil {
			t.Fatal(err)
		}
		if info.RowGroups != batches {
			t.Errorf("%s: %d row groups, want one per batch (%d)", path, info.RowGroups, batches)
		}
		var got []int64
		if err := load.ReadFile(path, func(r load.Row) error {
			got = append(got, r.Int("value"))
			return nil
		}); err != nil {
			t.Fatal(err)
		}
		if len(got) != batches*rows {
			t.Fatalf("%s: %d rows, want %d", path, len(got), batches*rows)
		}
		for i, v := range got {
			if want := int64(k*1_000_000 + i); v != want {
				t.Fatalf("%s: row %d is %d, want %d (batches out of order)", path, i, v, want)
			}
		}
	}
}

// A batch that cannot be written (here: another schema than the file's)
// fails in the part file's goroutine. The error must reach the caller, from
// a later Add or from Close, so the run does not publish the snapshot.
func TestDirSinkReportsWriteError(t *testing.T) {
	sink, err := load.NewDirSink(t.TempDir(), "1", "run")
	if err != nil {
		t.Fatal(err)
	}
	defer sink.Close()
	good := intRecord(0, 3)
	defer good.Release()
	if err := sink.Add("errors", "", good); err != nil {
		t.Fatal(err)
	}
	s := arrow.NewSchema([]arrow.Field{{Name: "other", Type: arrow.BinaryTypes.String, Nullable: true}}, nil)
	b := array.NewRecordBuilder(memory.DefaultAllocator, s)
	defer b.Release()
	b.Field(0).(*array.StringBuilder).Append("x")
	bad := b.NewRecord()
	defer bad.Release()
	// Later Adds may or may not see it yet (the write is asynchronous);
	// once one does, it and Close must both report it.
	for range 10 {
		if err := sink.Add("errors", "", bad); err != nil {
			if !strings.Contains(err.Error(), "earlier batch failed: load: write errors") {
				t.Fatalf("Add: %v, want the earlier write error of the errors table", err)
			}
			break
		}
	}
	if err := sink.Close(); err == nil || !strings.Contains(err.Error(), "load: write errors") {
		t.Fatalf("Close: %v, want the write error of the errors table", err)
	}
	// The failure sticks: nothing may be added to a sink whose snapshot
	// is being discarded.
	if err := sink.Add("errors", "", good); err == nil {
		t.Errorf("Add after a failed write: nil, want the write error")
	}
}
