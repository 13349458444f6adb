package stats

import (
	"context"
	"encoding/json"
	"fmt"
	"math"
	"slices"
	"sort"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/apache/arrow/go/v17/arrow"
	"github.com/apache/arrow/go/v17/arrow/array"
	"github.com/apache/arrow/go/v17/arrow/memory"

	"github.com/reportetl/reportetl/load"
	"github.com/reportetl/reportetl/transform"
)

// ReadDocs reads the documents table of a dataset or snapshot directory.
func ReadDocs(dir string) ([]Doc, error) {
	var docs []Doc
	err := load.ReadTable(dir, "documents", func(r load.Row) error {
		d := Doc{
			ID: r.Str("doc_id"), Source: r.Str("source"), Title: r.Str("title"),
			UnitKey: r.Str("unit_key"), UnitName: r.Str("unit_name"), UnitType: r.Str("unit_type"),
			Division: r.Str("division_code"), ReportKind: r.Str("report_kind"), Year: int(r.Int("year")),
		}
		if t, ok := r["report_date"].(time.Time); ok {
			d.ReportDate = t
		}
		docs = append(docs, d)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("stats: read documents: %w", err)
	}
	return docs, nil
}

// ReadFacts reads the facts table of a dataset or snapshot directory, with
// the evidence sentences (the report shows them); repeated strings
// (document ids, metrics, qualifiers) are shared. The nightly statistics
// stream the table instead (Aggregate).
func ReadFacts(dir string) ([]Fact, error) {
	var fs []Fact
	in := interner{}
	err := load.ReadTable(dir, "facts", func(r load.Row) error {
		f := Fact{
			ID: r.Str("fact_id"), DocID: in.get(r.Str("doc_id")), Metric: in.get(r.Str("metric")),
			Qualifier: in.get(r.Str("qualifier")), Year: int(r.Int("year")), Page: int(r.Int("page")),
			CharStart: r.Int("char_start"), CharEnd: r.Int("char_end"),
			PartOf: r.Str("part_of"), Evidence: r.Str("evidence"), Source: in.get(r.Str("source")),
		}
		f.Value, f.HasValue = r.Float("value")
		fs = append(fs, f)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("stats: read facts: %w", err)
	}
	return fs, nil
}

// Write computes unit_year and correlations from the documents and facts in
// dir (a staging snapshot) and writes both tables into the same dir, so they
// are published atomically with the data they summarise. live, when it has
// the rows (a full run fed it every document), saves reading the tables.
func Write(dir, schemaVersion, runID string, live *Live) error {
	rows, ok := live.Rows()
	if !ok {
		var err error
		if rows, err = Aggregate(context.Background(), dir); err != nil {
			return err
		}
	}
	sink, err := load.NewDirSink(dir, schemaVersion, runID)
	if err != nil {
		return err
	}
	defer sink.Close() // for the error paths; after the Close below it does nothing more
	// The correlations are computed on their own goroutines while the
	// unit_year records are built here. unit_year goes to the sink in
	// batches cut like the documents tables' (transform.BatchRows,
	// BatchBytes), one row group each: the sink encodes a batch on its
	// goroutine while the next is built, and no record of the whole table
	// is ever held (at 100,000 reports this step sets the run's peak
	// memory). The sink keeps what it queues, so each record is released
	// once added.
	corr := make(chan []Correlation, 1)
	go func() { corr <- Correlations(rows) }()
	for rest := rows; len(rest) > 0; {
		n := unitYearBatch(rest)
		uy := UnitYearRecord(rest[:n])
		err = sink.Add(TableUnitYear, "", uy)
		uy.Release()
		if err != nil {
			<-corr
			return err
		}
		rest = rest[n:]
	}
	cr := CorrelationsRecord(<-corr)
	err = sink.Add(TableCorrelations, "", cr)
	cr.Release()
	if err != nil {
		return err
	}
	for t, s := range map[string]*arrow.Schema{TableUnitYear: UnitYearSchema, TableCorrelations: CorrelationsSchema} {
		if err := sink.Ensure(t, s); err != nil {
			return err
		}
	}
	if err := sink.Close(); err != nil {
		return fmt.Errorf("stats: %w", err)
	}
	return nil
}

// unitYearBatch is how many of rows go into the next unit_year batch: at
// most transform.BatchRows, and the rows whose text columns reach
// transform.BatchBytes.
func unitYearBatch(rows []*UnitYear) int {
	bytes := 0
	for i, r := range rows {
		if i == transform.BatchRows || bytes >= transform.BatchBytes {
			return i
		}
		bytes += transform.RowBytes + sourcesLen(r.Values) + docIDsLen(r.DocIDs)
	}
	return len(rows)
}

// UnitYearRecord builds the unit_year Arrow record of rows.
func UnitYearRecord(rows []*UnitYear) arrow.Record {
	b := array.NewRecordBuilder(memory.DefaultAllocator, UnitYearSchema)
	defer b.Release()
	optStr := func(i int, s string) { appendOptStr(b, i, s) }
	// The long text columns are built in js and copied into the builder
	// once, not through a string per row.
	optBytes := func(i int, v []byte) {
		if len(v) == 0 {
			b.Field(i).AppendNull()
			return
		}
		b.Field(i).(*array.StringBuilder).BinaryBuilder.Append(v)
	}
	var (
		js   []byte
		cols []string
	)
	// The two long text columns are reserved up front: grown by doubling,
	// their buffers were copied and zeroed a dozen times, a quarter of the
	// statistics step at 100,000 reports.
	b.Reserve(len(rows))
	docIDs, sources := 0, 0
	for _, r := range rows {
		docIDs += docIDsLen(r.DocIDs)
		sources += sourcesLen(r.Values)
	}
	reserve := func(name string, n int) {
		b.Field(UnitYearSchema.FieldIndices(name)[0]).(*array.StringBuilder).ReserveData(n)
	}
	reserve("doc_ids", docIDs)
	reserve("sources", sources)
	for _, r := range rows {
		optStr(0, r.UnitKey)
		optStr(1, r.UnitName)
		optStr(2, r.UnitType)
		optStr(3, r.Division)
		b.Field(4).(*array.Int32Builder).Append(int32(r.Year))
		b.Field(5).(*array.Int32Builder).Append(int32(len(r.DocIDs)))
		i := 6
		for _, c := range numericColumns {
			if v, ok := r.Get(c); ok {
				b.Field(i).(*array.Float64Builder).Append(v)
			} else {
				b.Field(i).AppendNull()
			}
			i++
		}
		optStr(i, strings.Join(r.Flags, ","))
		js = js[:0]
		for k, id := range r.DocIDs {
			if k > 0 {
				js = append(js, ',')
			}
			js = append(js, id...)
		}
		optBytes(i+1, js)
		optBytes(i+2, appendSources(js[:0], r.Values, &cols))
	}
	return b.NewRecord()
}

// numericColumns are unit_year's value columns in table order, the
// derived ratio last.
var numericColumns = append(slices.Clip(ValueColumns), "leads_per_10k_publicity")

// source is one value's provenance in the sources column.
type source struct {
	DocID   string   `json:"doc_id"`
	FactIDs []string `json:"fact_ids"`
}

// appendSources appends the sources column of one row: the JSON object
// {column: {"doc_id": …, "fact_ids": […]}} of every value taken from a
// document, keys sorted, byte for byte what json.Marshal gives for it
// (TestSourcesJSONIsMarshal), nothing when no value has a document. By hand
// because Marshal's reflection and key sort were most of the statistics
// step's serial tail. cols is scratch.
func appendSources(b []byte, values map[string]Value, cols *[]string) []byte {
	*cols = (*cols)[:0]
	for c, v := range values {
		if v.DocID != "" {
			*cols = append(*cols, c)
		}
	}
	if len(*cols) == 0 {
		return b
	}
	slices.Sort(*cols)
	b = append(b, '{')
	for k, c := range *cols {
		if k > 0 {
			b = append(b, ',')
		}
		v := values[c]
		b = appendJSONString(b, c)
		b = append(b, `:{"doc_id":`...)
		b = appendJSONString(b, v.DocID)
		b = append(b, `,"fact_ids":`...)
		if v.FactIDs == nil {
			b = append(b, "null"...)
		} else {
			b = append(b, '[')
			for j, id := range v.FactIDs {
				if j > 0 {
					b = append(b, ',')
				}
				b = appendJSONString(b, id)
			}
			b = append(b, ']')
		}
		b = append(b, '}')
	}
	return append(b, '}')
}

// docIDsLen is the length of the doc_ids column's value for ids, plus one.
func docIDsLen(ids []string) int {
	n := 0
	for _, id := range ids {
		n += len(id) + 1
	}
	return n
}

// sourcesLen is the length appendSources gives values, escapes aside.
func sourcesLen(values map[string]Value) int {
	n := 0
	for c, v := range values {
		if v.DocID == "" {
			continue
		}
		n += len(c) + len(v.DocID) + len(`"":{"doc_id":"","fact_ids":null},`)
		for _, id := range v.FactIDs {
			n += len(id) + 3
		}
	}
	return n + 1
}

// appendJSONString appends s as encoding/json writes it. Ids and column
// names are plain ASCII and are quoted as they are; anything else goes
// through json.Marshal, which knows its escapes.
func appendJSONString(b []byte, s string) []byte {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c >= utf8.RuneSelf || c == '"' || c == '\\' || c == '<' || c == '>' || c == '&' {
			q, _ := json.Marshal(s)
			return append(b, q...)
		}
	}
	b = append(b, '"')
	b = append(b, s...)
	return append(b, '"')
}

// CorrelationsRecord builds the correlations Arrow record.
func CorrelationsRecord(cs []Correlation) arrow.Record {
	b := array.NewRecordBuilder(memory.DefaultAllocator, CorrelationsSchema)
	defer b.Release()
	optStr := func(i int, s string) { appendOptStr(b, i, s) }
	optF := func(i int, v float64) {
		if math.IsNaN(v) {
			b.Field(i).AppendNull()
		} else {
			b.Field(i).(*array.Float64Builder).Append(v)
		}
	}
	for _, c := range cs {
		b.Field(0).(*array.Int32Builder).Append(int32(c.Year))
		optStr(1, c.UnitType)
		optStr(2, c.X)
		optStr(3, c.Y)
		b.Field(4).(*array.Int64Builder).Append(int64(c.N))
		for i, v := range []float64{c.Pearson, c.Spearman, c.PValue, c.CILow, c.CIHigh, c.Slope, c.Intercept} {
			optF(5+i, v)
		}
		optStr(12, c.Note)
	}
	return b.NewRecord()
}

// ReadUnitYear reads the unit_year table back (for the report).
func ReadUnitYear(dir string) ([]*UnitYear, error) {
	var rows []*UnitYear
	err := load.ReadTable(dir, TableUnitYear, func(r load.Row) error {
		u := &UnitYear{
			UnitKey: r.Str("unit_key"), UnitName: r.Str("unit_name"), UnitType: r.Str("unit_type"),
			Division: r.Str("division_code"), Year: int(r.Int("year")), Values: map[string]Value{},
		}
		if s := r.Str("quality_flags"); s != "" {
			u.Flags = strings.Split(s, ",")
		}
		if s := r.Str("doc_ids"); s != "" {
			u.DocIDs = strings.Split(s, ",")
		}
		srcs := map[string]source{}
		if s := r.Str("sources"); s != "" {
			if err := json.Unmarshal([]byte(s), &srcs); err != nil {
				return fmt.Errorf("unit_year %s %d: sources: %w", u.UnitKey, u.Year, err)
			}
		}
		for _, c := range numericColumns {
			v := Value{DocID: srcs[c].DocID, FactIDs: srcs[c].FactIDs}
			v.V, v.Valid = r.Float(c)
			if v.Valid || v.DocID != "" {
				u.Values[c] = v
			}
		}
		rows = append(rows, u)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("stats: read unit_year: %w", err)
	}
	sort.Slice(rows, func(i, j int) bool {
		if rows[i].Year != rows[j].Year {
			return rows[i].Year < rows[j].Year
		}
		return rows[i].UnitKey < rows[j].UnitKey
	})
	return rows, nil
}

// ReadCorrelations reads the correlations table back (for the report).
func ReadCorrelations(dir string) ([]Correlation, error) {
	var cs []Correlation
	err := load.ReadTable(dir, TableCorrelations, func(r load.Row) error {
		f := func(c string) float64 {
			if v, ok := r.Float(c); ok {
				return v
			}
			return math.NaN()
		}
		cs = append(cs, Correlation{
			Year: int(r.Int("year")), UnitType: r.Str("unit_type"), X: r.Str("x"), Y: r.Str("y"),
			N: int(r.Int("n")), Pearson: f("pearson"), Spearman: f("spearman"), PValue: f("p_value"),
			CILow: f("ci_low"), CIHigh: f("ci_high"), Slope: f("slope"), Intercept: f("intercept"),
			Note: r.Str("note"),
		})
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("stats: read correlations: %w", err)
	}
	return cs, nil
}

// appendOptStr appends s to string column i, or null when s is empty.
func appendOptStr(b *array.RecordBuilder, i int, s string) {
	if s == "" {
		b.Field(i).AppendNull()
		return
	}
	b.Field(i).(*array.StringBuilder).Append(s)
}
