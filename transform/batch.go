package transform

import (
	"fmt"
	"sort"
	"strconv"
	"time"
	"unicode/utf8"

	"github.com/apache/arrow/go/v17/arrow"
)

// Emitter receives finished record batches; load.Sink implements it. This is
// the only way data leaves transform.
type Emitter interface {
	Add(table, part string, rec arrow.Record) error
}

// Batcher accumulates rows per (table, year partition) into Arrow builders
// and emits a record when a batch is full (Add/Push/Reset, like an
// aggregator). Batches are bounded by rows and by bytes of text, so memory
// does not grow with the archive.
type Batcher struct {
	RunID     string
	Now       time.Time
	MaxRows   int   // rows per batch (default BatchRows)
	MaxBytes  int64 // approx. bytes per batch (default BatchBytes)
	out       Emitter
	open      map[batchKey]*batch
	FactCount int64
}

type batchKey struct{ table, part string }

// Batch bounds, shared with the carry-over merge (jobs) so that every row
// group of a table is cut the same way whatever wrote it.
const (
	// BatchRows is the most rows in a batch.
	BatchRows = 8192
	// BatchBytes bounds a batch's text: a batch is buffered once more while
	// pqarrow encodes it, for each open partition (a few years × three
	// tables), and the builders' buffers grow by doubling; 2 MiB keeps all
	// of that near 20 MB while a row group still holds a few hundred pages.
	BatchBytes = 2 << 20
	// RowBytes is added to a row's text bytes for its other columns (ids,
	// source path, rule, …), so a batch of many short rows is bounded too.
	RowBytes = 256
)

type batch struct {
	table, part string
	rb          rowBuilder
	rows        int
	bytes       int64
}

// NewBatcher returns a batcher emitting to out.
func NewBatcher(out Emitter, runID string, now time.Time) *Batcher {
	return &Batcher{RunID: runID, Now: now, MaxRows: BatchRows, MaxBytes: BatchBytes, out: out, open: map[batchKey]*batch{}}
}

func (b *Batcher) get(table, part string) *batch {
	k := batchKey{table, part}
	bt := b.open[k]
	if bt == nil {
		bt = &batch{table: table, part: part, rb: newRowBuilder(Schemas[table])}
		b.open[k] = bt
	}
	if bt.rows == 0 {
		bt.rb.reserve()
	}
	return bt
}

func (b *Batcher) done(bt *batch, bytes int64) error {
	bt.rows++
	bt.bytes += bytes
	if bt.rows >= b.MaxRows || bt.bytes >= b.MaxBytes {
		return b.emit(bt)
	}
	return nil
}

func (b *Batcher) emit(bt *batch) error {
	if bt.rows == 0 {
		return nil
	}
	rec := bt.rb.record()
	defer rec.Release()
	bt.rows, bt.bytes = 0, 0
	if err := b.out.Add(bt.table, bt.part, rec); err != nil {
		return fmt.Errorf("emit %s: %w", bt.table, err)
	}
	return nil
}

func yearPart(y int) string {
	if y <= 0 {
		return ""
	}
	return strconv.Itoa(y)
}

func optYear(y int) *int32 {
	if y <= 0 {
		return nil
	}
	v := int32(y)
	return &v
}

// Add appends one document's rows to the documents, pages and facts batches.
func (b *Batcher) Add(r *Result) error {
	d, m := r.Doc, r.Meta
	part := yearPart(m.Year)

	bt := b.get(TableDocuments, part)
	rb := &bt.rb
	rb.str(0, d.DocID)
	rb.str(1, d.Source.Rel)
	rb.str(2, d.Source.Format)
	rb.str(3, d.Encoding)
	rb.str(4, r.Script)
	rb.str(5, m.Title)
	rb.optStr(6, m.UnitName)
	rb.optStr(7, m.UnitType)
	rb.optStr(8, m.Province)
	rb.optStr(9, m.City)
	rb.optStr(10, m.County)
	rb.optStr(11, m.DivisionCode)
	rb.optStr(12, r.UnitKey)
	rb.str(13, m.ReportKind)
	rb.optDate(14, m.ReportDate)
	rb.optI32(15, optYear(m.Year))
	n := int64(r.Runes)
	if n == 0 {
		n = int64(utf8.RuneCountInString(d.Text))
	}
	rb.i64(16, n)
	np := int32(len(d.Pages))
	rb.optI32(17, &np)
	rb.str(18, d.Extractor)
	rb.str(19, d.Status)
	rb.str(20, b.RunID)
	rb.ts(21, b.Now)
	if err := b.done(bt, int64(len(m.Title))+RowBytes); err != nil {
		return err
	}

	for _, p := range d.Pages {
		bt := b.get(TablePages, part)
		rb := &bt.rb
		rb.str(0, d.DocID)
		rb.str(1, d.Source.Rel)
		rb.i32(2, int32(p.Number))
		rb.str(3, p.Text)
		rb.i64(4, int64(p.End-p.Start)) // Text is Doc.Text's runes [Start, End)
		rb.str(5, p.Quality)
		if err := b.done(bt, int64(len(p.Text))+RowBytes); err != nil {
			return err
		}
	}

	for i, f := range r.Facts {
		y := f.Year
		if y == 0 {
			y = m.Year
		}
		bt := b.get(TableFacts, yearPart(y))
		rb := &bt.rb
		rb.str(0, d.DocID)
		rb.str(1, d.Source.Rel)
		rb.str(2, FactID(d.DocID, i))
		rb.str(3, f.Metric)
		rb.str(4, f.Category)
		if f.HasValue {
			v := f.Value
			rb.optF64(5, &v)
		} else {
			rb.optF64(5, nil)
		}
		rb.str(6, f.Qualifier)
		rb.optStr(7, f.UnitWord)
		rb.optI32(8, optYear(y))
		if pg := r.FactPages[i]; pg > 0 {
			v := int32(pg)
			rb.optI32(9, &v)
		} else {
			rb.optI32(9, nil)
		}
		rb.i64(10, int64(f.Start))
		rb.i64(11, int64(f.End))
		rb.str(12, f.Evidence)
		rb.str(13, f.Rule)
		if f.PartOf >= 0 {
			rb.str(14, FactID(d.DocID, f.PartOf))
		} else {
			rb.optStr(14, "")
		}
		os, oe := d.Orig.OrigSpan(f.Start, f.End)
		rb.i64(15, int64(os))
		rb.i64(16, int64(oe))
		b.FactCount++
		if err := b.done(bt, int64(len(f.Evidence))+RowBytes); err != nil {
			return err
		}
	}
	for _, c := range r.Checks {
		bt := b.get(TableQuality, "")
		rb := &bt.rb
		rb.str(0, d.DocID)
		rb.str(1, d.Source.Rel)
		rb.str(2, c.Name)
		rb.str(3, FactID(d.DocID, c.Fact))
		rb.str(4, c.Metric)
		rb.optF64(5, &c.Expected)
		rb.optF64(6, &c.Actual)
		rb.str(7, c.Message)
		if err := b.done(bt, int64(len(c.Message))+RowBytes); err != nil {
			return err
		}
	}
	return nil
}

// FactID is a fact's stable id: its document and its position in it.
func FactID(docID string, i int) string {
	if len(docID) > 16 {
		docID = docID[:16]
	}
	return docID + "-" + strconv.Itoa(i)
}

// ErrorRow is one row of the errors table.
type ErrorRow struct {
	Source, Stage, Class, Message string
	Size                          int64
}

// AddError appends a failed document to the errors table.
func (b *Batcher) AddError(e ErrorRow) error {
	bt := b.get(TableErrors, "")
	rb := &bt.rb
	rb.str(0, b.RunID)
	rb.str(1, e.Source)
	rb.str(2, e.Stage)
	rb.str(3, e.Class)
	rb.str(4, e.Message)
	rb.i64(5, e.Size)
	return b.done(bt, int64(len(e.Message))+RowBytes)
}

// Push emits every open batch, tables and partitions in a fixed order.
func (b *Batcher) Push() error {
	keys := make([]batchKey, 0, len(b.open))
	for k := range b.open {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool {
		if keys[i].table != keys[j].table {
			return keys[i].table < keys[j].table
		}
		return keys[i].part < keys[j].part
	})
	for _, k := range keys {
		if err := b.emit(b.open[k]); err != nil {
			return err
		}
	}
	return nil
}

// Reset releases the builders.
func (b *Batcher) Reset() {
	for _, bt := range b.open {
		bt.rb.b.Release()
	}
	b.open = map[batchKey]*batch{}
}

// RunRow is one row of the runs table.
type RunRow struct {
	RunID       string    `json:"run_id"`
	StartedAt   time.Time `json:"started_at"`
	FinishedAt  time.Time `json:"finished_at"`
	Seen        int64     `json:"docs_seen"`
	New         int64     `json:"docs_new"`
	Changed     int64     `json:"docs_changed"`
	Removed     int64     `json:"docs_removed"`
	Failed      int64     `json:"docs_failed"`
	Skipped     int64     `json:"docs_skipped"`
	Facts       int64     `json:"facts"`
	Status      string    `json:"status"`
	DiscoverMS  int64     `json:"duration_ms_discover"`
	ExtractMS   int64     `json:"duration_ms_extract"`
	TransformMS int64     `json:"duration_ms_transform"`
	LoadMS      int64     `json:"duration_ms_load"`
	PublishMS   int64     `json:"duration_ms_publish"`
	TotalMS     int64     `json:"duration_ms_total"`
}

// AddRun appends a row to the runs table.
func (b *Batcher) AddRun(r RunRow) error {
	bt := b.get(TableRuns, "")
	rb := &bt.rb
	rb.str(0, r.RunID)
	rb.ts(1, r.StartedAt)
	rb.ts(2, r.FinishedAt)
	for i, v := range []int64{r.Seen, r.New, r.Changed, r.Removed, r.Failed, r.Skipped, r.Facts} {
		rb.i64(3+i, v)
	}
	rb.str(10, r.Status)
	for i, v := range []int64{r.DiscoverMS, r.ExtractMS, r.TransformMS, r.LoadMS, r.PublishMS, r.TotalMS} {
		rb.i64(11+i, v)
	}
	return b.done(bt, RowBytes)
}
