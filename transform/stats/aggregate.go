package stats

import (
	"fmt"
	"hash/maphash"
	"slices"
	"sort"
	"strings"
)

// Breakdowns is what the unit_year rules need to know about 其中
// breakdowns (facts.part_of): the metric of every fact that is some part's
// total, and the parts of every total. Parts and totals belong to one
// document but can be about different years, so they can sit in different
// facts partitions; this small index lets the aggregator take the facts one
// partition at a time.
type Breakdowns struct {
	TotalMetric map[string]string    // total fact id → its metric
	Parts       map[string][]PartRef // total fact id → its parts
	totals      *idFilter            // if set, holds every key of Parts
}

// parts returns the parts of the total id (none if it is no total).
func (b *Breakdowns) parts(id string) []PartRef {
	if b.totals != nil && !b.totals.has(id) {
		return nil
	}
	return b.Parts[id]
}

// idFilter is a one-hash Bloom filter of fact ids. Every fact is looked up
// as a possible total, and few are one: a bit rules most out for far less
// than a map miss (two million of them per run on the 100k archive).
type idFilter struct {
	seed maphash.Seed
	bits []uint64
}

func newIDFilter(ids map[string][]PartRef) *idFilter {
	n := 1 << 10 // bits: 32 an id, ~3% false positives
	for n < 32*len(ids) {
		n <<= 1
	}
	f := &idFilter{seed: maphash.MakeSeed(), bits: make([]uint64, n/64)}
	for id := range ids {
		h := f.bit(id)
		f.bits[h/64] |= 1 << (h % 64)
	}
	return f
}

func (f *idFilter) bit(id string) uint64 {
	return maphash.String(f.seed, id) & uint64(len(f.bits)*64-1)
}

func (f *idFilter) has(id string) bool {
	h := f.bit(id)
	return f.bits[h/64]&(1<<(h%64)) != 0
}

// PartRef is one breakdown part, as its total's check needs it. Source is
// the file it was read from: a report filed twice has the same fact ids
// in both copies, and only the counted copy's parts belong to its totals.
type PartRef struct {
	Metric   string
	Value    float64
	HasValue bool
	Source   string
}

// NewBreakdowns indexes the breakdowns of facts held in memory.
func NewBreakdowns(facts []Fact) *Breakdowns {
	b := &Breakdowns{TotalMetric: map[string]string{}, Parts: map[string][]PartRef{}}
	for i := range facts {
		if f := &facts[i]; f.PartOf != "" {
			b.Parts[f.PartOf] = append(b.Parts[f.PartOf], PartRef{f.Metric, f.Value, f.HasValue, f.Source})
		}
	}
	for i := range facts {
		if _, ok := b.Parts[facts[i].ID]; ok {
			b.TotalMetric[facts[i].ID] = facts[i].Metric
		}
	}
	return b
}

// Aggregator builds unit_year rows one document's facts at a time, keeping
// per (unit, year, metric) only the best document's value so far and the
// distinct values seen (for disagree), never the facts themselves: memory
// grows with units × years, not with the archive. BuildUnitYear documents
// the rules; Rows gives the same rows whatever the documents' order.
type Aggregator struct {
	bd     *Breakdowns
	groups []groupBuf // AddFacts' scratch
	ids    []string   // docValueOf's scratch
	years  []yearRow  // AddFacts' scratch: the rows touched in this call
	docs   map[string]*Doc
	rows   map[rowKey]*rowAcc
	order  []rowKey
}

type rowKey struct {
	unit string
	year int
}

type rowAcc struct {
	docs    map[*Doc]struct{}
	metrics map[string]*metricAcc
}

// metricAcc is one (row, metric): rule 3's best document value so far and
// every distinct valid value any document stated.
type metricAcc struct {
	best   docValue
	values []float64
}

// NewAggregator returns an empty aggregator using bd for breakdown lookups.
func NewAggregator(bd *Breakdowns) *Aggregator {
	return &Aggregator{bd: bd, docs: map[string]*Doc{}, rows: map[rowKey]*rowAcc{}}
}

// AddDoc registers a document; a document with a unit and a year makes its
// row exist even without facts. Documents must be added before their facts.
//
// The same report filed twice (two sources, one doc_id: the id is the hash
// of the bytes) is one report: it is counted once, as the copy with the
// smallest source path, whatever order the copies arrive in. AddFacts
// drops the facts of the other copies when they carry their source.
func (a *Aggregator) AddDoc(d Doc) {
	if cur := a.docs[d.ID]; cur != nil && cur.Source <= d.Source {
		return
	}
	a.docs[d.ID] = &d
}

// Counted reports whether facts read from source are those of the counted
// copy of document id (true for a document not registered).
func (a *Aggregator) Counted(id, source string) bool {
	d := a.docs[id]
	return d == nil || d.Source == source
}

// canonicalID returns the registered document's own id string (so a
// caller holding id in a temporary buffer keeps no reference to it), or a
// copy for an unknown document.
func (a *Aggregator) canonicalID(id string) string {
	if d := a.docs[id]; d != nil {
		return d.ID
	}
	return strings.Clone(id)
}

func (a *Aggregator) touch(k rowKey, d *Doc) *rowAcc {
	r := a.rows[k]
	if r == nil {
		r = &rowAcc{docs: map[*Doc]struct{}{}, metrics: map[string]*metricAcc{}}
		a.rows[k] = r
		a.order = append(a.order, k)
	}
	r.docs[d] = struct{}{}
	return r
}

// AddFacts folds in facts of one document (all of them, or all of them in
// one year partition: every (year, metric) group of the document must
// arrive in one call, as rule 2 is a function of the whole group). The
// facts' strings may be views into a caller's buffer: what is kept is
// copied.
func (a *Aggregator) AddFacts(docID string, fs []Fact) error {
	d := a.docs[docID]
	if d == nil || d.UnitKey == "" {
		return nil
	}
	// Groups in order of first appearance; a document states a dozen
	// metrics at most, so a linear search beats a map per call.
	groups := a.groups[:0]
	for i := range fs {
		f := &fs[i]
		if f.DocID != docID {
			return fmt.Errorf("stats: fact %s of document %s handed in with document %s", f.ID, f.DocID, docID)
		}
		if !tracked(f.Metric) || (f.Source != "" && f.Source != d.Source) {
			continue
		}
		y := f.Year
		if y == 0 {
			y = d.Year
		}
		if y == 0 {
			continue
		}
		k := -1
		for j := range groups {
			if groups[j].year == y && groups[j].metric == f.Metric {
				k = j
				break
			}
		}
		if k < 0 {
			k = len(groups)
			if k < cap(groups) {
				groups = groups[:k+1]
				groups[k].year, groups[k].metric, groups[k].facts = y, f.Metric, groups[k].facts[:0]
			} else {
				groups = append(groups, groupBuf{year: y, metric: f.Metric})
			}
		}
		groups[k].facts = append(groups[k].facts, f)
	}
	a.groups = groups
	// A row is touched once per call, not per group: groups of one year
	// need not be adjacent.
	years := a.years[:0]
	for _, g := range groups {
		var r *rowAcc
		for _, y := range years {
			if y.year == g.year {
				r = y.r
				break
			}
		}
		if r == nil {
			r = a.touch(rowKey{d.UnitKey, g.year}, d)
			years = append(years, yearRow{g.year, r})
		}
		dv := docValueOf(d, g.metric, g.facts, a.bd, a.ids)
		if cap(dv.FactIDs) > cap(a.ids) {
			a.ids = dv.FactIDs
		}
		m := r.metrics[g.metric]
		switch {
		case m == nil:
			m = &metricAcc{best: dv.keep()}
			r.metrics[g.metric] = m
		case better(dv, m.best, g.year):
			m.best = dv.keep()
		}
		if dv.Valid && !contains64(m.values, dv.V) {
			m.values = append(m.values, dv.V)
		}
	}
	clear(years) // no pointers kept past the call
	a.years = years[:0]
	return nil
}

type yearRow struct {
	year int
	r    *rowAcc
}

// groupBuf is one (year, metric) group of AddFacts, reused across calls.
type groupBuf struct {
	year   int
	metric string
	facts  []*Fact
}

// keep copies the fact ids a kept value holds (they may be views, or in
// docValueOf's scratch): one string holds them all.
func (dv docValue) keep() docValue {
	if dv.FactIDs == nil {
		return dv // stays null in the sources JSON
	}
	n := 0
	for _, id := range dv.FactIDs {
		n += len(id)
	}
	var b strings.Builder // not Join: it returns a lone id itself
	b.Grow(n)
	for _, id := range dv.FactIDs {
		b.WriteString(id)
	}
	all := b.String()
	ids := make([]string, len(dv.FactIDs))
	for i, id := range dv.FactIDs {
		ids[i], all = all[:len(id)], all[len(id):]
	}
	dv.FactIDs = ids
	return dv
}

// Rows returns the unit_year rows, ordered by year then unit key.
func (a *Aggregator) Rows() []*UnitYear {
	for _, d := range a.docs {
		if d.UnitKey != "" && d.Year > 0 {
			a.touch(rowKey{d.UnitKey, d.Year}, d)
		}
	}
	out := make([]*UnitYear, 0, len(a.rows))
	for _, k := range a.order {
		r := a.rows[k]
		// Sized for the metrics and the three derived columns: no regrowth.
		row := &UnitYear{UnitKey: k.unit, Year: k.year, Values: make(map[string]Value, len(r.metrics)+3)}
		ds := make([]*Doc, 0, len(r.docs))
		for d := range r.docs {
			ds = append(ds, d)
		}
		// The most recent document names the unit.
		sort.Slice(ds, func(i, j int) bool { return newer(ds[i], ds[j]) })
		row.UnitName, row.UnitType, row.Division = ds[0].UnitName, ds[0].UnitType, ds[0].Division
		for _, d := range ds {
			row.DocIDs = append(row.DocIDs, d.ID)
		}
		sort.Strings(row.DocIDs)
		var flags []string // sorted and deduplicated below
		var pubTotal, caseTotal Value
		metrics := make([]string, 0, len(r.metrics))
		for m := range r.metrics {
			metrics = append(metrics, m)
		}
		sort.Strings(metrics)
		for _, m := range metrics {
			acc := r.metrics[m]
			best := acc.best
			col := Column(m)
			for _, fl := range best.flags.names() {
				flags = append(flags, fl+":"+col)
			}
			if best.doc.ReportKind == "plan" && best.Valid {
				flags = append(flags, "plan_target:"+col)
			}
			if best.Valid {
				for _, v := range acc.values {
					if v != best.V {
						flags = append(flags, "disagree:"+col)
						break
					}
				}
			}
			row.Values[col] = best.Value
			if best.Valid && strings.HasPrefix(m, "publicity.") {
				pubTotal.V += best.V
				pubTotal.Valid = true
			}
			if best.Valid && contains(CaseMetrics, m) {
				caseTotal.V += best.V
				caseTotal.Valid = true
			}
		}
		row.Values["publicity_total"] = pubTotal
		row.Values["cases_total"] = caseTotal
		if lf, ok := row.Get("leads_found"); ok && pubTotal.Valid && pubTotal.V > 0 {
			row.Values["leads_per_10k_publicity"] = Value{V: lf / pubTotal.V * 10000, Valid: true}
		}
		if len(flags) > 0 { // none stays nil
			sort.Strings(flags)
			row.Flags = slices.Compact(flags)
		}
		out = append(out, row)
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Year != out[j].Year {
			return out[i].Year < out[j].Year
		}
		return out[i].UnitKey < out[j].UnitKey
	})
	return out
}
