package load

import (
	"context"
	"errors"
	"fmt"
	"io"
	"math/bits"
	"os"
	"sync"

	"github.com/apache/arrow/go/v17/arrow"
	"github.com/apache/arrow/go/v17/arrow/array"
	"github.com/apache/arrow/go/v17/arrow/memory"
	"github.com/apache/arrow/go/v17/parquet/file"
	"github.com/apache/arrow/go/v17/parquet/pqarrow"
)

// scanBatch is the number of rows per record handed to a ScanColumns
// callback: big enough to amortise the reader, small enough that a few
// columns of it stay well under a megabyte or two.
const scanBatch = 16384

// ScanColumns streams the named columns of every part file of a table, in
// TableFiles order (so the files of one partition come together, in write
// order), calling fn with each record (its columns in the order of cols)
// and the file's Hive partition value ("" if none). Records are released
// after fn returns and their buffers reused for the next ones: fn must not
// keep them, nor strings or slices viewing them (copy what it keeps).
//
// This is the bulk path (the nightly statistics read millions of fact rows,
// a few columns each): arrow column projection, no per-row maps. ReadTable
// stays the parquet-go path used for independent verification.
func ScanColumns(ctx context.Context, dir, table string, cols []string, fn func(part string, rec arrow.Record) error) error {
	files, err := TableFiles(dir, table)
	if err != nil {
		return err
	}
	mem := &bufPool{}
	for _, p := range files {
		if err := scanFile(ctx, p, cols, mem, func(rec arrow.Record) error { return fn(partitionValue(p), rec) }); err != nil {
			return fmt.Errorf("scan %s: %w", p, err)
		}
	}
	return nil
}

// OpenRecords opens a part file for reading as Arrow records of batch rows,
// with only the named columns (in file order; nil = all). The caller
// releases the reader, then closes the file.
func OpenRecords(ctx context.Context, path string, cols []string, batch int) (*os.File, pqarrow.RecordReader, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, nil, err
	}
	rr, err := openRecords(ctx, f, cols, batch, memory.DefaultAllocator)
	if err != nil {
		f.Close()
		return nil, nil, fmt.Errorf("read %s: %w", path, err)
	}
	return f, rr, nil
}

func openRecords(ctx context.Context, f *os.File, cols []string, batch int, mem memory.Allocator) (pqarrow.RecordReader, error) {
	pr, err := file.NewParquetReader(f)
	if err != nil {
		return nil, err
	}
	var idx []int
	for _, c := range cols {
		i := pr.MetaData().Schema.ColumnIndexByName(c)
		if i < 0 {
			return nil, fmt.Errorf("no column %q", c)
		}
		idx = append(idx, i)
	}
	fr, err := pqarrow.NewFileReader(pr, pqarrow.ArrowReadProperties{BatchSize: int64(batch)}, mem)
	if err != nil {
		return nil, err
	}
	return fr.GetRecordReader(ctx, idx, nil)
}

func scanFile(ctx context.Context, path string, cols []string, mem memory.Allocator, fn func(arrow.Record) error) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	rr, err := openRecords(ctx, f, cols, scanBatch, mem)
	if err != nil {
		return err
	}
	defer rr.Release()
	// Decode the next record while fn works on this one: the callers'
	// per-row work and Parquet decoding take about as long as each other.
	recs := make(chan arrow.Record, 1)
	stop := make(chan struct{})
	var readErr error
	go func() {
		defer close(recs)
		for rr.Next() {
			// GetRecordReader returns columns in file order; hand them over
			// in the order asked for. Retained: the reader moves on.
			rec := rr.Record()
			out := reorder(rec, cols)
			if out == rec {
				out.Retain()
			}
			select {
			case recs <- out:
			case <-stop:
				out.Release()
				return
			}
		}
		if err := rr.Err(); err != nil && !errors.Is(err, io.EOF) {
			readErr = err
		}
	}()
	var fnErr error
	for rec := range recs {
		if fnErr == nil {
			if fnErr = fn(rec); fnErr != nil {
				close(stop)
			}
		}
		rec.Release()
	}
	if fnErr != nil {
		return fnErr
	}
	return readErr
}

// reorder returns rec's columns in the order of names: rec itself, or a
// new record sharing its arrays that the caller releases.
func reorder(rec arrow.Record, names []string) arrow.Record {
	same := true
	for i, n := range names {
		if rec.Schema().Field(i).Name != n {
			same = false
			break
		}
	}
	if same {
		return rec
	}
	fields := make([]arrow.Field, len(names))
	arrs := make([]arrow.Array, len(names))
	for i, n := range names {
		j := rec.Schema().FieldIndices(n)[0]
		fields[i], arrs[i] = rec.Schema().Field(j), rec.Column(j)
	}
	return array.NewRecord(arrow.NewSchema(fields, nil), arrs, rec.NumRows())
}

// bufPool is the allocator of one ScanColumns call. The reader builds every
// record's columns in new buffers, growing them by doubling: a pass over
// the 100k archive's facts allocated ~700 MB that way, and the collections
// it caused were a quarter of the statistics' CPU. The pool hands the
// buffers a released record frees to the next one instead. Safe because
// ScanColumns callers must not keep records (nor views into them).
type bufPool struct {
	mu   sync.Mutex
	free [bufClasses][][]byte // by class: capacity 1<<class
}

const (
	bufMinClass = 12 // smaller buffers are left to the collector
	bufClasses  = 31
)

// bufClass returns the smallest class holding n bytes.
func bufClass(n int) int { return bits.Len(uint(n - 1)) }

func (p *bufPool) Allocate(size int) []byte {
	c := bufClass(size)
	if c < bufMinClass || c >= bufClasses {
		return memory.DefaultAllocator.Allocate(size)
	}
	p.mu.Lock()
	if l := p.free[c]; len(l) > 0 {
		b := l[len(l)-1]
		l[len(l)-1] = nil
		p.free[c] = l[:len(l)-1]
		p.mu.Unlock()
		clear(b) // as zeroed as a new one: arrow relies on it
		return b[:size]
	}
	p.mu.Unlock()
	return memory.DefaultAllocator.Allocate(1 << c)[:size]
}

func (p *bufPool) Reallocate(size int, b []byte) []byte {
	if cap(b) >= size {
		return b[:size]
	}
	nb := p.Allocate(size)
	copy(nb, b)
	p.Free(b)
	return nb
}

func (p *bufPool) Free(b []byte) {
	c := bufClass(cap(b))
	if c < bufMinClass || c >= bufClasses || cap(b) != 1<<c {
		return
	}
	p.mu.Lock()
	p.free[c] = append(p.free[c], b[:cap(b)])
	p.mu.Unlock()
}
