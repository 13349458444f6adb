package transform

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/apache/arrow/go/v17/arrow"

	"github.com/reportetl/reportetl/extract"
)

// rowsEmitter renders every emitted row as text, per table and partition.
type rowsEmitter struct {
	rows    map[string][]string
	batches int
}

func (e *rowsEmitter) Add(table, part string, rec arrow.Record) error {
	e.batches++
	k := table + "/" + part
	for i := 0; i < int(rec.NumRows()); i++ {
		var sb strings.Builder
		for _, c := range rec.Columns() {
			sb.WriteString(c.ValueStr(i))
			sb.WriteByte('|')
		}
		e.rows[k] = append(e.rows[k], sb.String())
	}
	return nil
}

// Builders sized from the previous full batch must not change a single
// value, whatever the batch bounds.
func TestBatcherBoundsKeepRows(t *testing.T) {
	files, _ := filepath.Glob("../testdata/sample/*.txt")
	if len(files) == 0 {
		t.Skip("no testdata/sample")
	}
	var results []*Result
	for _, f := range files {
		raw, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		doc, err := extract.TextExtractor{}.Extract(context.Background(), extract.Source{Rel: filepath.Base(f), Path: f, Format: "txt"}, raw)
		if err != nil {
			t.Fatal(err)
		}
		r, err := New(nil).Apply(doc)
		if err != nil {
			t.Fatal(err)
		}
		results = append(results, r)
	}
	run := func(maxRows int, maxBytes int64) *rowsEmitter {
		e := &rowsEmitter{rows: map[string][]string{}}
		b := NewBatcher(e, "run", time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC))
		b.MaxRows, b.MaxBytes = maxRows, maxBytes
		for _, r := range results {
			if err := b.Add(r); err != nil {
				t.Fatal(err)
			}
		}
		if err := b.Push(); err != nil {
			t.Fatal(err)
		}
		b.Reset()
		return e
	}
	want := run(BatchRows, BatchBytes)
	for _, c := range []struct {
		rows  int
		bytes int64
	}{{1, BatchBytes}, {2, BatchBytes}, {3, BatchBytes}, {BatchRows, 1}, {BatchRows, 3000}, {5, 4000}} {
		got := run(c.rows, c.bytes)
		if got.batches <= want.batches {
			t.Errorf("rows=%d bytes=%d: %d batches, want more than %d", c.rows, c.bytes, got.batches, want.batches)
		}
		for k, rows := range want.rows {
			if strings.Join(got.rows[k], "\n") != strings.Join(rows, "\n") {
				t.Errorf("rows=%d bytes=%d: %s differs", c.rows, c.bytes, k)
			}
		}
		if len(got.rows) != len(want.rows) {
			t.Errorf("rows=%d bytes=%d: %d partitions, want %d", c.rows, c.bytes, len(got.rows), len(want.rows))
		}
	}
}
