package load

import (
	"fmt"
	"os"
	"strings"
	"syscall"
	"testing"

	"github.com/apache/arrow/go/v17/arrow"
	"github.com/apache/arrow/go/v17/arrow/array"
	"github.com/apache/arrow/go/v17/arrow/memory"
)

// A full disk: every part file's writes fail with ENOSPC (/dev/full) once
// the 64 KiB write buffer spills. With many dictionary columns of distinct
// values (a documents batch) the failure comes while a column's buffered
// pages are flushed, and pqarrow v17 then panics in its own clean-up (a
// released page buffer read again). The run must get an error naming the
// file and the disk's error instead, and no part file may count as written.
func TestDirSinkDiskFull(t *testing.T) {
	if _, err := os.Stat("/dev/full"); err != nil {
		t.Skip("no /dev/full on this system")
	}
	defer func(c func(string) (*os.File, error)) { createPart = c }(createPart)
	createPart = func(string) (*os.File, error) { return os.OpenFile("/dev/full", os.O_WRONLY, 0) }

	var fields []arrow.Field
	for _, n := range lowCardinality[:15] {
		fields = append(fields, arrow.Field{Name: n, Type: arrow.BinaryTypes.String, Nullable: true})
	}
	s := arrow.NewSchema(fields, nil)
	for _, rows := range []int{500, 2500, 8192} {
		sink, err := NewDirSink(t.TempDir(), "1", "run")
		if err != nil {
			t.Fatal(err)
		}
		var got error
		for i := 0; i < 4 && got == nil; i++ {
			b := array.NewRecordBuilder(memory.DefaultAllocator, s)
			for j := range rows {
				for c := range fields {
					b.Field(c).(*array.StringBuilder).Append(fmt.Sprintf("%040d-%d", j, c))
				}
			}
			rec := b.NewRecord()
			b.Release()
			got = sink.Add("documents", "2020", rec)
			rec.Release()
		}
		if cerr := sink.Close(); got == nil {
			got = cerr
		}
		if got == nil {
			t.Fatalf("%d rows: no error from a disk that takes no bytes", rows)
		}
		if msg := got.Error(); !strings.Contains(msg, "documents/year=2020") || !strings.Contains(msg, syscall.ENOSPC.Error()) {
			t.Fatalf("%d rows: error %q: want the part file and %q", rows, msg, syscall.ENOSPC.Error())
		}
	}
}
