package stats

import (
	"github.com/apache/arrow/go/v17/arrow"

	"github.com/reportetl/reportetl/transform"
)

// Live builds the unit_year rows from the pipeline's results while they are
// written, for a run that writes every document of the snapshot (a full
// run): the statistics then cost no second read of the documents and facts
// tables. Its rows equal Aggregate's over the tables those results make
// (TestLiveEqualsAggregate) because each value goes through the same
// conversion the batcher applies (dates to days, years ≤ 0 to unknown,
// redacted values to no value).
//
// Live gives up, and the caller aggregates from the tables (Rows' ok), in
// two cases. A report filed twice (one doc_id) is counted as its copy with
// the smallest source, and which copy that is is known only at the end.
// And its state grows with the unit-years (a few KB each) while the
// pipeline's own buffers are live, so past MaxBytes it is dropped: memory
// stays bounded, and a big archive pays the re-read it would have paid
// anyway.
type Live struct {
	// MaxBytes bounds the estimated state (default LiveMaxBytes).
	MaxBytes int64
	a        *Aggregator
	in       interner
	fs       []Fact
	bd       Breakdowns
	gaveUp   string
	// rows and done: the rows computed by Finish's goroutine.
	rows []*UnitYear
	done chan struct{}
}

// LiveMaxBytes is Live's default budget: about 8,000 unit-years.
const LiveMaxBytes = 32 << 20

// Estimated state per unit-year (two maps, a dozen metric accumulators with
// their fact ids) and per document, measured with gctrace on generated
// archives.
const liveRowBytes, liveDocBytes = 4 << 10, 256

// NewLive returns an empty live aggregation.
func NewLive() *Live {
	return &Live{MaxBytes: LiveMaxBytes, a: NewAggregator(nil), in: interner{},
		bd: Breakdowns{TotalMetric: map[string]string{}, Parts: map[string][]PartRef{}}}
}

// Add folds in one extracted document. Not safe for concurrent use: the
// pipeline calls it from its in-order writer.
func (l *Live) Add(r *transform.Result) {
	if l.gaveUp != "" {
		return
	}
	id := r.Doc.DocID
	if _, seen := l.a.docs[id]; seen {
		l.giveUp("a report filed twice")
		return
	}
	if int64(len(l.a.rows))*liveRowBytes+int64(len(l.a.docs))*liveDocBytes > l.MaxBytes {
		l.giveUp("over its memory budget")
		return
	}
	m := r.Meta
	d := Doc{ID: id, UnitKey: l.in.get(r.UnitKey), UnitName: l.in.get(m.UnitName), UnitType: l.in.get(m.UnitType),
		Division: l.in.get(m.DivisionCode), ReportKind: l.in.get(m.ReportKind)}
	if !m.ReportDate.IsZero() {
		d.ReportDate = arrow.Date32FromTime(m.ReportDate).ToTime()
	}
	if m.Year > 0 {
		d.Year = m.Year
	}
	l.a.AddDoc(d)
	if d.UnitKey == "" {
		return // counted nowhere (AddFacts would drop its facts)
	}
	fs := l.fs[:0]
	for i, f := range r.Facts {
		y := f.Year // as the batcher files it: the document's year if unstated, ≤ 0 unknown
		if y == 0 {
			y = m.Year
		}
		y = max(y, 0)
		sf := Fact{ID: transform.FactID(id, i), DocID: id, Metric: l.in.get(f.Metric), Qualifier: l.in.get(f.Qualifier),
			Year: y, CharStart: int64(f.Start), CharEnd: int64(f.End)}
		if f.HasValue {
			sf.Value, sf.HasValue = f.Value, true
		}
		if f.PartOf >= 0 {
			sf.PartOf = transform.FactID(id, f.PartOf)
		}
		fs = append(fs, sf)
	}
	l.fs = fs
	// The document's own breakdown index: parts and totals of a document
	// are all here, whatever years they are about.
	clear(l.bd.TotalMetric)
	clear(l.bd.Parts)
	for i := range fs {
		if p := fs[i].PartOf; p != "" {
			l.bd.Parts[p] = append(l.bd.Parts[p], PartRef{Metric: fs[i].Metric, Value: fs[i].Value, HasValue: fs[i].HasValue})
		}
	}
	if len(l.bd.Parts) > 0 {
		for i := range fs {
			if _, ok := l.bd.Parts[fs[i].ID]; ok {
				l.bd.TotalMetric[fs[i].ID] = fs[i].Metric
			}
		}
	}
	l.a.bd = &l.bd
	// The facts are views of this document only and are copied where kept.
	_ = l.a.AddFacts(id, fs)
}

func (l *Live) giveUp(why string) {
	l.gaveUp, l.a, l.fs, l.in = why, nil, nil, nil
}

// GaveUp says why Live has no rows ("" if it has them).
func (l *Live) GaveUp() string {
	if l == nil {
		return "not a full run"
	}
	return l.gaveUp
}

// Finish says no document follows and starts computing the rows on a
// goroutine, so that they are ready when Rows is called: the run's last
// row groups are still being encoded meanwhile, on fewer goroutines than
// there are cores. Add must not be called after Finish.
func (l *Live) Finish() {
	if l == nil || l.gaveUp != "" || l.done != nil {
		return
	}
	l.done = make(chan struct{})
	go func() {
		defer close(l.done)
		l.rows = l.a.Rows()
	}()
}

// Rows returns the unit_year rows, or ok false when Live gave up and the
// rows must come from Aggregate.
func (l *Live) Rows() (rows []*UnitYear, ok bool) {
	if l == nil || l.gaveUp != "" {
		return nil, false
	}
	if l.done != nil {
		<-l.done
		return l.rows, true
	}
	return l.a.Rows(), true
}
