package transform

import (
	"time"

	"github.com/apache/arrow/go/v17/arrow"
	"github.com/apache/arrow/go/v17/arrow/array"
	"github.com/apache/arrow/go/v17/arrow/memory"
)

// SchemaVersion is written into every Parquet file as reportetl.schema_version.
// Bump it when a contract column (DESIGN.md) changes name or type.
const SchemaVersion = "1"

// Table names: the directories under OUT/.
const (
	TableDocuments = "documents"
	TableFacts     = "facts"
	TablePages     = "pages"
	TableErrors    = "errors"
	TableRuns      = "runs"
	TableQuality   = "quality"
)

var (
	tsUTC = &arrow.TimestampType{Unit: arrow.Microsecond, TimeZone: "UTC"}
	str   = arrow.BinaryTypes.String
	i32   = arrow.PrimitiveTypes.Int32
	i64   = arrow.PrimitiveTypes.Int64
	f64   = arrow.PrimitiveTypes.Float64
)

// Field declares a dataset column. Every column is nullable: arrow v17's
// pqarrow writes a negative null count into the statistics of non-nullable
// dictionary-encoded columns, which DuckDB and Spark then reject or
// misreport. Non-null-ness is enforced by the builders instead (and
// asserted in tests). Every table's schema is built with it.
func Field(name string, t arrow.DataType) arrow.Field {
	return arrow.Field{Name: name, Type: t, Nullable: true}
}

func col(name string, t arrow.DataType) arrow.Field { return Field(name, t) }

// Schemas of the tables transform produces (DESIGN.md's data contract).
var (
	DocumentsSchema = arrow.NewSchema([]arrow.Field{
		col("doc_id", str), col("source", str), col("format", str), col("encoding", str),
		col("script", str), col("title", str), col("unit_name", str), col("unit_type", str),
		col("province", str), col("city", str), col("county", str), col("division_code", str),
		col("unit_key", str), col("report_kind", str), col("report_date", arrow.FixedWidthTypes.Date32),
		col("year", i32), col("n_chars", i64), col("n_pages", i32), col("extractor", str),
		col("status", str), col("run_id", str), col("extracted_at", tsUTC),
	}, nil)

	FactsSchema = arrow.NewSchema([]arrow.Field{
		col("doc_id", str), col("source", str), col("fact_id", str), col("metric", str),
		col("category", str), col("value", f64), col("qualifier", str), col("unit_word", str),
		col("year", i32), col("page", i32), col("char_start", i64), col("char_end", i64),
		col("evidence", str), col("rule", str), col("part_of", str),
		// The same span in the decoded text before cleaning (the offset map
		// of extract.Clean), for going back to the archived file.
		col("orig_start", i64), col("orig_end", i64),
	}, nil)

	PagesSchema = arrow.NewSchema([]arrow.Field{
		col("doc_id", str), col("source", str), col("page", i32), col("text", str),
		col("n_chars", i64), col("quality", str),
	}, nil)

	ErrorsSchema = arrow.NewSchema([]arrow.Field{
		col("run_id", str), col("source", str), col("stage", str), col("class", str),
		col("message", str), col("size", i64),
	}, nil)

	// QualitySchema: data-quality findings inside good documents (a 其中
	// breakdown whose parts do not add up to its total, …). Not errors:
	// the document's facts are published; the row tells analysts where to look.
	QualitySchema = arrow.NewSchema([]arrow.Field{
		col("doc_id", str), col("source", str), col("check", str), col("fact_id", str),
		col("metric", str), col("expected", f64), col("actual", f64), col("message", str),
	}, nil)

	RunsSchema = arrow.NewSchema([]arrow.Field{
		col("run_id", str), col("started_at", tsUTC), col("finished_at", tsUTC),
		col("docs_seen", i64), col("docs_new", i64), col("docs_changed", i64),
		col("docs_removed", i64), col("docs_failed", i64), col("docs_skipped", i64),
		col("facts", i64), col("status", str),
		col("duration_ms_discover", i64), col("duration_ms_extract", i64),
		col("duration_ms_transform", i64), col("duration_ms_load", i64),
		col("duration_ms_publish", i64), col("duration_ms_total", i64),
	}, nil)
)

// Schemas maps table name to schema.
var Schemas = map[string]*arrow.Schema{
	TableDocuments: DocumentsSchema, TableFacts: FactsSchema, TablePages: PagesSchema,
	TableErrors: ErrorsSchema, TableRuns: RunsSchema, TableQuality: QualitySchema,
}

// rowBuilder appends Go values to an Arrow record builder by column position.
// It is a thin typed layer so callers cannot mix up column kinds silently.
type rowBuilder struct {
	b *array.RecordBuilder
	// The last record's rows and string bytes per column: a table's batches
	// are alike, so the next batch's buffers are sized once up front instead
	// of doubling (allocating, copying and clearing) as rows arrive.
	rows int
	data []int
}

func newRowBuilder(s *arrow.Schema) rowBuilder {
	return rowBuilder{b: array.NewRecordBuilder(memory.DefaultAllocator, s), data: make([]int, s.NumFields())}
}

// record returns the rows appended so far and resets the builders.
func (r *rowBuilder) record() arrow.Record {
	r.rows = r.b.Field(0).Len()
	for i, f := range r.b.Fields() {
		if s, ok := f.(*array.StringBuilder); ok {
			r.data[i] = s.DataLen()
		}
	}
	return r.b.NewRecord()
}

// reserve sizes the empty builders for a batch like the last record. It is
// called at a batch's first row, once the last record has been written and
// released, so the two are not held at once. String data gets an eighth
// more: a batch closes on the row that crosses its byte bound.
func (r *rowBuilder) reserve() {
	if r.rows == 0 {
		return
	}
	for i, f := range r.b.Fields() {
		f.Reserve(r.rows)
		if s, ok := f.(*array.StringBuilder); ok && r.data[i] > 0 {
			s.ReserveData(r.data[i] + r.data[i]/8)
		}
	}
}

func (r *rowBuilder) str(i int, v string) { r.b.Field(i).(*array.StringBuilder).Append(v) }
func (r *rowBuilder) optStr(i int, v string) {
	if v == "" {
		r.b.Field(i).AppendNull()
		return
	}
	r.str(i, v)
}
func (r *rowBuilder) i64(i int, v int64) { r.b.Field(i).(*array.Int64Builder).Append(v) }
func (r *rowBuilder) i32(i int, v int32) { r.b.Field(i).(*array.Int32Builder).Append(v) }
func (r *rowBuilder) optI32(i int, v *int32) {
	if v == nil {
		r.b.Field(i).AppendNull()
		return
	}
	r.i32(i, *v)
}
func (r *rowBuilder) optF64(i int, v *float64) {
	if v == nil {
		r.b.Field(i).AppendNull()
		return
	}
	r.b.Field(i).(*array.Float64Builder).Append(*v)
}
func (r *rowBuilder) ts(i int, t time.Time) {
	r.b.Field(i).(*array.TimestampBuilder).Append(arrow.Timestamp(t.UTC().UnixMicro()))
}
func (r *rowBuilder) optDate(i int, t time.Time) {
	if t.IsZero() {
		r.b.Field(i).AppendNull()
		return
	}
	r.b.Field(i).(*array.Date32Builder).Append(arrow.Date32FromTime(t))
}
