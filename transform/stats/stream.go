package stats

import (
	"context"
	"fmt"
	"strings"

	"github.com/apache/arrow/go/v17/arrow"
	"github.com/apache/arrow/go/v17/arrow/array"

	"github.com/reportetl/reportetl/load"
	"github.com/reportetl/reportetl/transform"
)

// Aggregate computes the unit_year rows of the documents and facts tables
// in dir by streaming them: the breakdown index (one pass over two columns
// of the facts, one over two more), the documents, then the facts one
// document and partition at a time. Peak memory is the documents, the
// unit-year accumulators and the breakdown index, not the facts: a
// 100,000-report archive has millions of them.
//
// It relies on the writer's invariant that a document's rows in a
// partition are consecutive (the carry-over merge relies on it too) and
// fails, naming the document, if they are not.
func Aggregate(ctx context.Context, dir string) ([]*UnitYear, error) {
	// The breakdown index and the documents are independent reads.
	var bd *Breakdowns
	bdErr := make(chan error, 1)
	go func() {
		var err error
		bd, err = scanBreakdowns(ctx, dir)
		bdErr <- err
	}()
	a := NewAggregator(nil) // its index is set before the first AddFacts
	in := interner{}
	err := load.ScanColumns(ctx, dir, transform.TableDocuments,
		[]string{"doc_id", "unit_key", "unit_name", "unit_type", "division_code", "report_kind", "report_date", "year", "source"},
		func(_ string, rec arrow.Record) error {
			id, unit, name := strCol(rec, 0), strCol(rec, 1), strCol(rec, 2)
			typ, div, kind := strCol(rec, 3), strCol(rec, 4), strCol(rec, 5)
			date, _ := rec.Column(6).(*array.Date32)
			year, _ := rec.Column(7).(*array.Int32)
			src := strCol(rec, 8)
			if id == nil || unit == nil || name == nil || typ == nil || div == nil || kind == nil || date == nil || year == nil || src == nil {
				return fmt.Errorf("documents: unexpected column types %s", rec.Schema())
			}
			for i := range int(rec.NumRows()) {
				d := Doc{ID: strings.Clone(id.Value(i)), Source: strings.Clone(src.Value(i)), UnitKey: in.get(unit.Value(i)), UnitName: in.get(name.Value(i)),
					UnitType: in.get(typ.Value(i)), Division: in.get(div.Value(i)), ReportKind: in.get(kind.Value(i))}
				if date.IsValid(i) {
					d.ReportDate = date.Value(i).ToTime()
				}
				if year.IsValid(i) {
					d.Year = int(year.Value(i))
				}
				a.AddDoc(d)
			}
			return nil
		})
	if berr := <-bdErr; err == nil && berr != nil {
		return nil, berr
	}
	if err != nil {
		return nil, fmt.Errorf("stats: read documents: %w", err)
	}
	a.bd = bd

	// The facts, grouped into runs of one document within one partition.
	var (
		buf      []Fact
		curDoc   string
		curPart  string
		finished = map[string]bool{} // documents done in curPart
	)
	flush := func() error {
		if len(buf) == 0 {
			return nil
		}
		if finished[curDoc] {
			return fmt.Errorf("stats: facts of document %s are not consecutive in partition year=%s", curDoc, curPart)
		}
		finished[curDoc] = true
		err := a.AddFacts(curDoc, buf)
		buf = buf[:0]
		return err
	}
	err = load.ScanColumns(ctx, dir, transform.TableFacts,
		[]string{"doc_id", "fact_id", "metric", "value", "qualifier", "year", "char_start", "char_end", "part_of", "source"},
		func(part string, rec arrow.Record) error {
			doc, fid, metric, qual, partOf, src := strCol(rec, 0), strCol(rec, 1), strCol(rec, 2), strCol(rec, 4), strCol(rec, 8), strCol(rec, 9)
			value, _ := rec.Column(3).(*array.Float64)
			year, _ := rec.Column(5).(*array.Int32)
			cs, _ := rec.Column(6).(*array.Int64)
			ce, _ := rec.Column(7).(*array.Int64)
			if doc == nil || fid == nil || metric == nil || qual == nil || partOf == nil || value == nil || year == nil || cs == nil || ce == nil || src == nil {
				return fmt.Errorf("facts: unexpected column types %s", rec.Schema())
			}
			if part != curPart {
				if err := flush(); err != nil {
					return err
				}
				curPart, finished = part, map[string]bool{}
			}
			// A document's rows are consecutive: look it up when the
			// (doc_id, source) pair changes, not per row.
			var prevDoc, prevSrc string
			counted := false
			for i := range int(rec.NumRows()) {
				d, s := doc.Value(i), src.Value(i)
				if i == 0 || d != prevDoc || s != prevSrc {
					prevDoc, prevSrc, counted = d, s, a.Counted(d, s)
				}
				// Another copy of a report filed twice: not counted.
				if !counted {
					continue
				}
				if d != curDoc || len(buf) == 0 {
					if err := flush(); err != nil {
						return err
					}
					curDoc = a.canonicalID(d)
				}
				// ID and PartOf are views into the record: AddFacts copies what it keeps.
				f := Fact{ID: fid.Value(i), DocID: curDoc, Metric: in.get(metric.Value(i)),
					Qualifier: in.get(qual.Value(i)), CharStart: cs.Value(i), CharEnd: ce.Value(i)}
				if value.IsValid(i) {
					f.Value, f.HasValue = value.Value(i), true
				}
				if year.IsValid(i) {
					f.Year = int(year.Value(i))
				}
				if partOf.IsValid(i) {
					f.PartOf = partOf.Value(i)
				}
				buf = append(buf, f)
			}
			// A document running on into the next record must not point
			// into this one once it is released.
			for i := range buf {
				buf[i].ID, buf[i].PartOf = strings.Clone(buf[i].ID), strings.Clone(buf[i].PartOf)
			}
			return nil
		})
	if err == nil {
		err = flush()
	}
	if err != nil {
		return nil, fmt.Errorf("stats: read facts: %w", err)
	}
	return a.Rows(), nil
}

// scanBreakdowns builds the breakdown index: the parts (facts with a
// part_of), then the metric of each fact they name.
func scanBreakdowns(ctx context.Context, dir string) (*Breakdowns, error) {
	bd := &Breakdowns{TotalMetric: map[string]string{}, Parts: map[string][]PartRef{}}
	in := interner{}
	err := load.ScanColumns(ctx, dir, transform.TableFacts, []string{"part_of", "metric", "value", "source"},
		func(_ string, rec arrow.Record) error {
			partOf, metric, src := strCol(rec, 0), strCol(rec, 1), strCol(rec, 3)
			value, _ := rec.Column(2).(*array.Float64)
			if partOf == nil || metric == nil || value == nil || src == nil {
				return fmt.Errorf("facts: unexpected column types %s", rec.Schema())
			}
			if partOf.NullN() == int(rec.NumRows()) {
				return nil
			}
			for i := range int(rec.NumRows()) {
				if !partOf.IsValid(i) || partOf.Value(i) == "" {
					continue
				}
				p := PartRef{Metric: in.get(metric.Value(i)), HasValue: value.IsValid(i), Source: strings.Clone(src.Value(i))}
				if p.HasValue {
					p.Value = value.Value(i)
				}
				t := strings.Clone(partOf.Value(i))
				bd.Parts[t] = append(bd.Parts[t], p)
			}
			return nil
		})
	if err != nil || len(bd.Parts) == 0 {
		return bd, err
	}
	bd.totals = newIDFilter(bd.Parts)
	err = load.ScanColumns(ctx, dir, transform.TableFacts, []string{"fact_id", "metric"},
		func(_ string, rec arrow.Record) error {
			fid, metric := strCol(rec, 0), strCol(rec, 1)
			if fid == nil || metric == nil {
				return fmt.Errorf("facts: unexpected column types %s", rec.Schema())
			}
			for i := range int(rec.NumRows()) {
				if !bd.totals.has(fid.Value(i)) {
					continue
				}
				if _, ok := bd.Parts[fid.Value(i)]; ok {
					bd.TotalMetric[strings.Clone(fid.Value(i))] = in.get(metric.Value(i))
				}
			}
			return nil
		})
	return bd, err
}

func strCol(rec arrow.Record, i int) *array.String {
	s, _ := rec.Column(i).(*array.String)
	return s
}

// interner shares the few distinct values of low-cardinality columns (and
// copies them out of the Arrow buffers, which are reused after a record).
type interner map[string]string

func (in interner) get(s string) string {
	if v, ok := in[s]; ok {
		return v
	}
	v := strings.Clone(s)
	in[v] = v
	return v
}
