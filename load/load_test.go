package load_test

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/apache/arrow/go/v17/arrow"
	"github.com/apache/arrow/go/v17/arrow/array"
	"github.com/apache/arrow/go/v17/arrow/memory"

	"github.com/reportetl/reportetl/load"
)

var schema = arrow.NewSchema([]arrow.Field{
	{Name: "doc_id", Type: arrow.BinaryTypes.String, Nullable: true},
	{Name: "report_date", Type: arrow.FixedWidthTypes.Date32, Nullable: true},
	{Name: "year", Type: arrow.PrimitiveTypes.Int32, Nullable: true},
	{Name: "value", Type: arrow.PrimitiveTypes.Float64, Nullable: true},
	{Name: "extracted_at", Type: &arrow.TimestampType{Unit: arrow.Microsecond, TimeZone: "UTC"}, Nullable: true},
}, nil)

func record(t *testing.T, ids []string, year int32) arrow.Record {
	t.Helper()
	b := array.NewRecordBuilder(memory.DefaultAllocator, schema)
	defer b.Release()
	for i, id := range ids {
		b.Field(0).(*array.StringBuilder).Append(id)
		if i%2 == 0 {
			b.Field(1).(*array.Date32Builder).Append(arrow.Date32FromTime(time.Date(2020, 9, 15, 0, 0, 0, 0, time.UTC)))
			b.Field(3).(*array.Float64Builder).Append(200)
		} else {
			b.Field(1).AppendNull()
			b.Field(3).AppendNull()
		}
		b.Field(2).(*array.Int32Builder).Append(year)
		b.Field(4).(*array.TimestampBuilder).Append(arrow.Timestamp(time.Date(2026, 11, 22, 1, 2, 3, 4000, time.UTC).UnixMicro()))
	}
	return b.NewRecord()
}

// What pqarrow writes, parquet-go reads back value for value: strings,
// dates, timestamps, nulls, partition folders and key-value metadata.
func TestWrittenFilesReadBackWithParquetGo(t *testing.T) {
	dir := t.TempDir()
	sink, err := load.NewDirSink(dir, "1", "run-a")
	if err != nil {
		t.Fatal(err)
	}
	for _, y := range []int32{2019, 2020} {
		rec := record(t, []string{"a", "b", "c"}, y)
		if err := sink.Add("facts", itoa(y), rec); err != nil {
			t.Fatal(err)
		}
		rec.Release()
	}
	if err := sink.Ensure("errors", schema); err != nil {
		t.Fatal(err)
	}
	if err := sink.Close(); err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{"facts/year=2019/part-00000.parquet", "facts/year=2020/part-00000.parquet", "errors/part-00000.parquet"} {
		if _, err := os.Stat(filepath.Join(dir, p)); err != nil {
			t.Errorf("missing %s: %v", p, err)
		}
	}
	info, err := load.Describe(filepath.Join(dir, "facts/year=2020/part-00000.parquet"))
	if err != nil {
		t.Fatal(err)
	}
	if info.Rows != 3 || info.Meta["reportetl.schema_version"] != "1" || info.Meta["reportetl.run_id"] != "run-a" {
		t.Errorf("footer: %+v", info)
	}
	var rows []load.Row
	if err := load.ReadTable(dir, "facts", func(r load.Row) error { rows = append(rows, r); return nil }); err != nil {
		t.Fatal(err)
	}
	if len(rows) != 6 {
		t.Fatalf("read %d rows, want 6", len(rows))
	}
	r0, r1 := rows[0], rows[1]
	if r0.Str("doc_id") != "a" || r0.Int("year") != 2019 {
		t.Errorf("row 0: %v", r0)
	}
	if d, ok := r0["report_date"].(time.Time); !ok || d.Format("2006-01-02") != "2020-09-15" {
		t.Errorf("date32 read back as %v", r0["report_date"])
	}
	if ts, ok := r0["extracted_at"].(time.Time); !ok || !ts.Equal(time.Date(2026, 11, 22, 1, 2, 3, 4000, time.UTC)) {
		t.Errorf("timestamp read back as %v", r0["extracted_at"])
	}
	if v, ok := r0.Float("value"); !ok || v != 200 {
		t.Errorf("value %v", r0["value"])
	}
	if !r1.Null("value") || !r1.Null("report_date") {
		t.Errorf("nulls lost: %v", r1)
	}
	n := 0
	if err := load.ReadTable(dir, "errors", func(load.Row) error { n++; return nil }); err != nil || n != 0 {
		t.Errorf("empty table: %d rows, %v", n, err)
	}
}

func publish(t *testing.T, store *load.Store, id string, keep int) {
	t.Helper()
	st, err := store.Begin(id)
	if err != nil {
		t.Fatal(err)
	}
	sink, _ := load.NewDirSink(st.Dir, "1", id)
	rec := record(t, []string{id}, 2020)
	if err := sink.Add("facts", "2020", rec); err != nil {
		t.Fatal(err)
	}
	rec.Release()
	if err := sink.Close(); err != nil {
		t.Fatal(err)
	}
	if err := st.Publish(keep); err != nil {
		t.Fatal(err)
	}
}

func readIDs(t *testing.T, out string) []string {
	t.Helper()
	var ids []string
	if err := load.ReadTable(out, "facts", func(r load.Row) error { ids = append(ids, r.Str("doc_id")); return nil }); err != nil {
		t.Fatal(err)
	}
	return ids
}

// Publication switches the whole dataset in one step, keeps the newest
// snapshots, and a new start removes what an interrupted run left.
func TestSnapshotPublication(t *testing.T) {
	out := filepath.Join(t.TempDir(), "out")
	store, err := load.OpenStore(out)
	if err != nil {
		t.Fatal(err)
	}
	publish(t, store, "20260101T000000Z-a", 2)
	if ids := readIDs(t, out); len(ids) != 1 || ids[0] != "20260101T000000Z-a" {
		t.Fatalf("after first publish: %v", ids)
	}
	publish(t, store, "20260102T000000Z-b", 2)
	publish(t, store, "20260103T000000Z-c", 2)
	if ids := readIDs(t, out); len(ids) != 1 || ids[0] != "20260103T000000Z-c" {
		t.Fatalf("after third publish: %v", ids)
	}
	snaps, _ := store.Snapshots()
	if len(snaps) != 2 || snaps[0] != "20260102T000000Z-b" {
		t.Errorf("kept snapshots %v, want the newest 2", snaps)
	}
	// An interrupted run: a staging folder with a half-written file.
	st, err := store.Begin("20260104T000000Z-d")
	if err != nil {
		t.Fatal(err)
	}
	os.MkdirAll(filepath.Join(st.Dir, "facts/year=2020"), 0o755)
	os.WriteFile(filepath.Join(st.Dir, "facts/year=2020/part-00000.parquet"), []byte("PAR1 half"), 0o644)
	if ids := readIDs(t, out); ids[0] != "20260103T000000Z-c" {
		t.Errorf("a staging run is visible: %v", ids)
	}
	if _, err := load.OpenStore(out); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(st.Dir); !os.IsNotExist(err) {
		t.Errorf("leftover staging dir not removed: %v", err)
	}
}

// A real folder where a table link belongs is the user's: never deleted.
func TestPublishRefusesForeignTableFolder(t *testing.T) {
	out := filepath.Join(t.TempDir(), "out")
	os.MkdirAll(filepath.Join(out, "facts"), 0o755)
	os.WriteFile(filepath.Join(out, "facts", "mine.txt"), []byte("x"), 0o644)
	store, err := load.OpenStore(out)
	if err != nil {
		t.Fatal(err)
	}
	st, _ := store.Begin("r1")
	sink, _ := load.NewDirSink(st.Dir, "1", "r1")
	rec := record(t, []string{"a"}, 2020)
	sink.Add("facts", "2020", rec)
	rec.Release()
	sink.Close()
	if err := st.Publish(2); err == nil {
		t.Fatal("publish over a foreign facts folder succeeded")
	}
	if _, err := os.Stat(filepath.Join(out, "facts", "mine.txt")); err != nil {
		t.Errorf("user file gone: %v", err)
	}
}

func itoa(y int32) string {
	return string([]byte{byte('0' + y/1000), byte('0' + y/100%10), byte('0' + y/10%10), byte('0' + y%10)})
}
