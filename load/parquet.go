package load

import (
	"bufio"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"

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
// visible to readers. Each (table, partition) gets one open file; a new
// row group is written per Add. Safe for concurrent use.
type DirSink struct {
	dir   string
	meta  arrow.Metadata
	props *parquet.WriterProperties

	mu    sync.Mutex
	parts map[string]*partFile
	files []string
}

type partFile struct {
	w *pqarrow.FileWriter
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

func (s *DirSink) Add(table, part string, rec arrow.Record) error {
	if rec.NumRows() == 0 {
		return nil
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	rel := PartDir(table, part)
	pf := s.parts[rel]
	if pf == nil {
		var err error
		if pf, err = s.open(rel, rec.Schema()); err != nil {
			return err
		}
		s.parts[rel] = pf
	}
	// One row group per batch: the batcher upstream bounds batch size, so
	// memory stays bounded and row-group statistics stay useful.
	if err := pf.w.Write(rec); err != nil {
		return fmt.Errorf("load: write %s: %w", rel, err)
	}
	return nil
}

func (s *DirSink) open(rel string, schema *arrow.Schema) (*partFile, error) {
	dir := filepath.Join(s.dir, rel)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("load: %w", err)
	}
	path := filepath.Join(dir, "part-00000.parquet")
	f, err := os.OpenFile(path, os.O_CREATE|os.O_EXCL|os.O_WRONLY, 0o644)
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
	return &partFile{w: w}, nil
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
	rel := PartDir(table, "")
	pf, err := s.open(rel, schema)
	if err != nil {
		return err
	}
	s.parts[rel] = pf
	return nil
}

// Close finishes every part file and fsyncs it; the caller publishes the
// directory afterwards. After an error the snapshot must be discarded.
func (s *DirSink) Close() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	keys := make([]string, 0, len(s.parts))
	for k := range s.parts {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var first error
	for _, k := range keys {
		pf := s.parts[k]
		// pqarrow's Close closes the underlying sink too, so sync through a
		// separate handle afterwards.
		if err := pf.w.Close(); err != nil && first == nil {
			first = fmt.Errorf("load: close %s: %w", k, err)
		}
	}
	for _, p := range s.files {
		if err := syncPath(p); err != nil && first == nil {
			first = err
		}
	}
	s.parts = map[string]*partFile{}
	return first
}

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
