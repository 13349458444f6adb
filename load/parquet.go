package load

import (
	"bufio"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/apache/arrow/go/v17/arrow"
	"github.com/apache/arrow/go/v17/parquet"
	"github.com/apache/arrow/go/v17/parquet/compress"
	"github.com/apache/arrow/go/v17/parquet/pqarrow"
)

// lowCardinality are the string columns worth Parquet dictionary encoding.
// Free text (evidence, page text, titles, messages) is left plain: a
// dictionary there only costs memory and a fallback page.
var lowCardinality = []string{
	"doc_id", "source", "format", "encoding", "script", "unit_name", "unit_type",
	"province", "city", "county", "division_code", "unit_key", "report_kind",
	"extractor", "status", "run_id", "metric", "category", "qualifier",
	"unit_word", "rule", "quality", "stage", "class",
}

// longText are free-text columns of up to kilobytes per value. Their
// min/max statistics help no query (nobody prunes row groups by page text)
// yet cost a byte comparison per value, and a page's min/max over 4 KiB is
// dropped by the writer anyway, so they are not collected.
var longText = []string{"text", "evidence"}

// fastZstd are numeric columns of near-random values (text offsets, amounts,
// counts). zstd's fastest level packs them as small as its default does (the
// 10k run's files came out 2% smaller) for less CPU.
var fastZstd = []string{"char_start", "char_end", "orig_start", "orig_end", "value", "n_chars"}

// writerProps are the Parquet properties of every part file: zstd, column
// statistics (so engines can skip row groups by year, metric, doc_id) and
// dictionary pages for the low-cardinality strings.
func writerProps() *parquet.WriterProperties {
	opts := []parquet.WriterProperty{
		parquet.WithCompression(compress.Codecs.Zstd),
		parquet.WithStats(true),
		parquet.WithDictionaryDefault(false),
		parquet.WithMaxRowGroupLength(128 * 1024),
		parquet.WithCreatedBy("reportetl"),
		// Version 2 data pages: arrow's v1 page builder first copies every
		// page (a MiB of text) into a fresh buffer to prepend the levels, then
		// compresses the copy; v2 keeps the levels apart and compresses the
		// values where they are: 3% of a run's CPU. The interop tests read
		// every table with DuckDB, arrow-rs and parquet-go; pyarrow, Polars
		// and Spark read v2 pages too.
		parquet.WithDataPageVersion(parquet.DataPageV2),
	}
	for _, c := range lowCardinality {
		opts = append(opts, parquet.WithDictionaryFor(c, true))
	}
	for _, c := range longText {
		opts = append(opts, parquet.WithStatsFor(c, false))
	}
	for _, c := range fastZstd {
		opts = append(opts, parquet.WithCompressionLevelFor(c, 1))
	}
	return parquet.NewWriterProperties(opts...)
}

// DirSink writes part files under a snapshot directory that is not yet
// visible to readers. Each (table, partition) gets one open file, and a
// goroutine that encodes its batches in the order they came, one row group
// per Add. Add only queues the batch: the caller (the pipeline's collector,
// which the workers wait on) goes back to assembling rows while a row group
// is compressed, and at the end of a run the partitions are finished and
// fsynced side by side. At most writeAhead batches are queued or being
// encoded; Add waits beyond that, so memory stays bounded. Safe for
// concurrent use.
type DirSink struct {
	dir   string
	meta  arrow.Metadata
	props *parquet.WriterProperties
	slots chan struct{} // one per batch queued or being encoded

	mu    sync.Mutex
	parts map[string]*partFile
	files []string

	errMu sync.Mutex
	err   error // the first failed write; later Adds return it

	busy atomic.Int64 // nanoseconds the file goroutines spent writing
}

// writeAhead bounds the batches handed to the part-file goroutines and not
// yet written: two let both cores encode at the end of a run, while each
// holds a batch (a few MiB) alive.
const writeAhead = 2

type partFile struct {
	rel, path string
	w         *pqarrow.FileWriter
	file      *bufferedFile
	queue     chan arrow.Record
	done      chan struct{} // closed when the file is finished and synced
	err       error         // set by the file's goroutine; read after done
}

// bufferedFile batches pqarrow's many small writes (page headers, small
// column chunks, the footer) into fewer syscalls. pqarrow closes its sink
// on Close, which flushes first.
type bufferedFile struct {
	*bufio.Writer
	f *os.File
}

func (b *bufferedFile) Close() error {
	err := b.Flush()
	if cerr := b.f.Close(); err == nil {
		err = cerr
	}
	return err
}

// NewDirSink writes into dir (created if needed). Every file carries the
// key-value metadata reportetl.schema_version and reportetl.run_id.
func NewDirSink(dir, schemaVersion, runID string) (*DirSink, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("load: create snapshot dir: %w", err)
	}
	return &DirSink{
		dir:   dir,
		meta:  arrow.NewMetadata([]string{"reportetl.schema_version", "reportetl.run_id"}, []string{schemaVersion, runID}),
		props: writerProps(),
		slots: make(chan struct{}, writeAhead),
		parts: map[string]*partFile{},
	}, nil
}

// PartDir is the directory of a table partition relative to a snapshot root.
func PartDir(table, part string) string {
	if !Partitioned[table] {
		return table
	}
	if part == "" {
		part = HiveNull
	}
	return filepath.Join(table, "year="+part)
}

// Add queues rec for table's partition; the caller may release rec at once.
// An error from an earlier batch's write is returned here (and by Close):
// the snapshot must then be discarded.
func (s *DirSink) Add(table, part string, rec arrow.Record) error {
	if rec.NumRows() == 0 {
		return nil
	}
	if err := s.failed(); err != nil {
		// The failed batch may be another table's: say so, or the caller's
		// context ("emit facts: …") would pin the failure on this one.
		return fmt.Errorf("not queued, an earlier batch failed: %w", err)
	}
	// The lock is held until the batch is queued, so Close never closes a
	// queue under a sender. The file goroutines never take it.
	s.mu.Lock()
	defer s.mu.Unlock()
	rel := PartDir(table, part)
	pf := s.parts[rel]
	if pf == nil {
		var err error
		if pf, err = s.open(rel, rec.Schema()); err != nil {
			return err
		}
	}
	rec.Retain()
	s.slots <- struct{}{}
	pf.queue <- rec
	return nil
}

func (s *DirSink) failed() error {
	s.errMu.Lock()
	defer s.errMu.Unlock()
	return s.err
}

func (s *DirSink) fail(err error) {
	s.errMu.Lock()
	defer s.errMu.Unlock()
	if s.err == nil {
		s.err = err
	}
}

// write is a part file's goroutine: it writes the queued batches in order,
// one row group each, then (once Close closes the queue) the footer, and
// fsyncs the file. After any write of the sink failed it only drops
// batches: the snapshot is discarded anyway.
func (s *DirSink) write(pf *partFile) {
	defer close(pf.done)
	for rec := range pf.queue {
		if s.failed() == nil { // this file's failure is the sink's too
			t0 := time.Now()
			if err := pf.guard(func() error { return pf.w.Write(rec) }); err != nil {
				pf.err = fmt.Errorf("load: write %s: %w", pf.rel, err)
				s.fail(pf.err)
			}
			s.busy.Add(int64(time.Since(t0)))
		}
		rec.Release()
		<-s.slots
	}
	t0 := time.Now()
	defer func() { s.busy.Add(int64(time.Since(t0))) }()
	// pqarrow's Close closes the underlying sink too, so sync through a
	// separate handle afterwards.
	if err := pf.guard(pf.w.Close); err != nil && pf.err == nil {
		pf.err = fmt.Errorf("load: close %s: %w", pf.rel, err)
	}
	if pf.err != nil {
		// pqarrow may have given up before closing its sink.
		pf.file.f.Close()
		return
	}
	if s.failed() == nil {
		pf.err = syncPath(pf.path)
	}
}

// guard runs one of pqarrow's writer calls. After a failed write (a full
// disk) pqarrow v17 can panic in its own clean-up: a released page buffer is
// read again (nil dereference in columnWriter.TotalBytesWritten;
// apache/arrow-go#337, fixed upstream in arrow-go v18 by #366, not in the v17
// this project builds on). The file is lost either way, so the panic becomes
// an error, carrying the write error behind it when the file's buffer kept
// one.
func (pf *partFile) guard(call func() error) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("the Parquet writer failed (%v)", r)
			if ferr := pf.file.Flush(); ferr != nil {
				err = fmt.Errorf("%w; the Parquet writer then failed (%v)", ferr, r)
			}
		}
	}()
	return call()
}

// createPart creates a part file (a variable so that tests can make writes
// fail the way a full disk does).
var createPart = func(path string) (*os.File, error) {
	return os.OpenFile(path, os.O_CREATE|os.O_EXCL|os.O_WRONLY, 0o644)
}

// open creates rel's part file and starts its goroutine. Callers hold s.mu.
func (s *DirSink) open(rel string, schema *arrow.Schema) (*partFile, error) {
	dir := filepath.Join(s.dir, rel)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("load: %w", err)
	}
	path := filepath.Join(dir, "part-00000.parquet")
	f, err := createPart(path)
	if err != nil {
		return nil, fmt.Errorf("load: %w", err)
	}
	withMeta := arrow.NewSchema(schema.Fields(), &s.meta)
	sink := &bufferedFile{Writer: bufio.NewWriterSize(f, 64<<10), f: f}
	w, err := pqarrow.NewFileWriter(withMeta, sink, s.props, pqarrow.NewArrowWriterProperties(pqarrow.WithStoreSchema()))
	if err != nil {
		f.Close()
		return nil, fmt.Errorf("load: parquet writer for %s: %w", rel, err)
	}
	s.files = append(s.files, path)
	pf := &partFile{rel: rel, path: path, w: w, file: sink, queue: make(chan arrow.Record, writeAhead), done: make(chan struct{})}
	s.parts[rel] = pf
	go s.write(pf)
	return pf, nil
}

// Ensure writes an empty part file for a table that got no rows, so every
// table exists in every snapshot: a query on an empty table returns no rows
// instead of failing with "no files found".
func (s *DirSink) Ensure(table string, schema *arrow.Schema) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	for k := range s.parts {
		if k == table || strings.HasPrefix(k, table+string(filepath.Separator)) {
			return nil
		}
	}
	_, err := s.open(PartDir(table, ""), schema)
	return err
}

// Close writes what is queued, finishes every part file and fsyncs it; the
// caller publishes the directory afterwards. It returns the first error of
// the run's writes, or else of the files in path order. After an error the
// snapshot must be discarded; the error sticks, every later call returns
// it. A second Close after a clean one does nothing.
func (s *DirSink) Close() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	keys := make([]string, 0, len(s.parts))
	for k, pf := range s.parts {
		keys = append(keys, k)
		close(pf.queue)
	}
	sort.Strings(keys)
	first := s.failed()
	for _, k := range keys {
		pf := s.parts[k]
		<-pf.done
		if pf.err != nil && first == nil {
			first = pf.err
		}
	}
	s.parts = map[string]*partFile{}
	return first
}

// Busy is the time the part files' goroutines spent encoding, writing and
// syncing so far (summed over files, so it may exceed the wall time): the
// writer's share of a run, which Add no longer shows.
func (s *DirSink) Busy() time.Duration { return time.Duration(s.busy.Load()) }

// Files lists the part files written, for tests and the run summary.
func (s *DirSink) Files() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]string(nil), s.files...)
}

func syncPath(p string) error {
	f, err := os.Open(p)
	if err != nil {
		return fmt.Errorf("load: sync %s: %w", p, err)
	}
	defer f.Close()
	if err := f.Sync(); err != nil {
		return fmt.Errorf("load: sync %s: %w", p, err)
	}
	return nil
}
