package stats

import (
	"math"
	"slices"
	"sort"
	"strings"
	"time"
)

// Doc is the part of a documents row the statistics need.
type Doc struct {
	ID, Source, Title                     string
	UnitKey, UnitName, UnitType, Division string
	ReportKind                            string
	ReportDate                            time.Time // zero = unknown
	Year                                  int       // 0 = unknown
}

// Fact is the part of a facts row the statistics need.
type Fact struct {
	ID, DocID, Metric  string
	Source             string // the file the row came from ("" = the counted copy)
	Value              float64
	HasValue           bool // false = redacted
	Qualifier          string
	Year               int // the year the fact is about; 0 = unknown
	Page               int
	CharStart, CharEnd int64
	Evidence, PartOf   string
}

// Value is one metric of a unit-year and where it came from.
type Value struct {
	V       float64
	Valid   bool     // false = unknown (not reported, or only redacted)
	DocID   string   // the document the value was taken from
	FactIDs []string // the facts added up to V
}

// UnitYear is one row of the unit_year table.
type UnitYear struct {
	UnitKey, UnitName, UnitType, Division string
	Year                                  int
	DocIDs                                []string
	Values                                map[string]Value // by column name (ValueColumns, leads_per_10k_publicity)
	Flags                                 []string
}

// Get returns a column's value and whether it is known.
func (u *UnitYear) Get(col string) (float64, bool) {
	v, ok := u.Values[col]
	return v.V, ok && v.Valid
}

// kindRank orders report kinds by how complete a statement of a year's
// figures they are: a year-end summary states the whole year, a
// rectification report the parts an inspection asked about, a problem
// analysis mostly shortfalls, a speech rounded highlights; a plan's numbers
// are targets, not results.
var kindRank = map[string]int{
	"work_summary": 0, "rectification": 1, "problem_analysis": 2, "speech": 3, "other": 4, "plan": 5,
}

func rankOf(kind string) int {
	if r, ok := kindRank[kind]; ok {
		return r
	}
	return 4
}

func tracked(metric string) bool {
	if strings.HasPrefix(metric, "publicity.") {
		return true
	}
	for _, m := range OtherMetrics {
		if m == metric {
			return true
		}
	}
	return false
}

// docValue is one document's statement of one metric for one year.
type docValue struct {
	doc *Doc
	Value
	flags flagSet // flag kinds: approx, redacted, breakdown_mismatch, repeated_value
}

// BuildUnitYear aggregates facts into unit_year rows. The rules (also in the
// report's method notes):
//
//  1. Identity: a row is (documents.unit_key, year), where year is the year
//     the fact is about (facts.year, else the document's year). Documents
//     without a resolved unit or year make no row.
//  2. Within one document, for one metric and year: breakdown parts
//     (part_of pointing to a total of the same metric) are never added;
//     a part whose total is another metric ("摸排线索9条，其中移送4条") is the
//     document's statement of its own metric and counts. The remaining facts
//     are grouped by evidence clause; within a clause the largest value
//     counts (a clause restating or distributing one number); values of
//     distinct clauses are added (a document reporting banners in town and in
//     villages), except that a value equal to one already counted is taken
//     as a restatement of the same figure (flag repeated_value).
//  3. Across documents reporting the same unit-year, per metric, one
//     document's value is kept, never a sum: the first by (has a non-redacted
//     value; the document is about that year; report kind work_summary >
//     rectification > problem_analysis > speech > other > plan; latest
//     report_date; doc_id). Another document with a different value raises
//     disagree:<column>. Copies of one report (same doc_id, other sources)
//     are one document: the copy with the smallest source path counts.
//  4. publicity_total is the sum of the publicity metrics known for the row
//     (null if none); cases_total the sum of gang, evil and incident cases;
//     leads_per_10k_publicity = leads_found / publicity_total × 10000.
//
// Flags are "<kind>:<column>": approx (an over/about/under figure was used),
// redacted (a redacted figure was left out, so the value is a lower bound or
// null), breakdown_mismatch (parts do not add up to their total),
// repeated_value, disagree, plan_target (taken from a plan: a target).
func BuildUnitYear(docs []Doc, facts []Fact) []*UnitYear {
	a := NewAggregator(NewBreakdowns(facts))
	for _, d := range docs {
		a.AddDoc(d)
	}
	// One call per document, its facts in table order.
	byDoc := map[string][]Fact{}
	var order []string
	for _, f := range facts {
		if _, ok := byDoc[f.DocID]; !ok {
			order = append(order, f.DocID)
		}
		byDoc[f.DocID] = append(byDoc[f.DocID], f)
	}
	for _, id := range order {
		// In-memory facts always belong to the document they are filed under.
		_ = a.AddFacts(id, byDoc[id])
	}
	return a.Rows()
}

func contains(xs []string, s string) bool {
	for _, x := range xs {
		if x == s {
			return true
		}
	}
	return false
}

// newer orders documents latest first: report date, then year, then id.
func newer(a, b *Doc) bool {
	if !a.ReportDate.Equal(b.ReportDate) {
		return a.ReportDate.After(b.ReportDate)
	}
	if a.Year != b.Year {
		return a.Year > b.Year
	}
	return a.ID < b.ID
}

// better is rule 3's order.
func better(a, b docValue, year int) bool {
	if a.Valid != b.Valid {
		return a.Valid
	}
	if ay, by := a.doc.Year == year, b.doc.Year == year; ay != by {
		return ay
	}
	if ra, rb := rankOf(a.doc.ReportKind), rankOf(b.doc.ReportKind); ra != rb {
		return ra < rb
	}
	if !a.doc.ReportDate.Equal(b.doc.ReportDate) {
		return a.doc.ReportDate.After(b.doc.ReportDate)
	}
	return a.doc.ID < b.doc.ID
}

// docValueOf is rule 2. Groups are small (a few facts), so slices and a
// flag bitmask replace maps, and the scratch arrays keep it from allocating:
// it runs for every (document, year, metric). The fact ids go into ids'
// array: the caller keeps (copies) them before the next call.
func docValueOf(d *Doc, metric string, fs []*Fact, bd *Breakdowns, ids []string) docValue {
	dv := docValue{doc: d}
	dv.DocID = d.ID
	var flags flagSet
	var orderBuf [8]clause
	order := orderBuf[:0]
	for _, f := range fs {
		if f.PartOf != "" {
			if m, ok := bd.TotalMetric[f.PartOf]; ok && m == metric {
				continue
			}
		}
		// Breakdown check on totals of this metric.
		var sum float64
		n, complete := 0, f.HasValue
		for _, p := range bd.parts(f.ID) {
			if p.Metric != metric || (p.Source != "" && d.Source != "" && p.Source != d.Source) {
				continue
			}
			n++
			if !p.HasValue {
				complete = false
			}
			sum += p.Value
		}
		if n > 0 && complete && math.Abs(sum-f.Value) > 1e-9 {
			flags |= flagBreakdownMismatch
		}
		if !f.HasValue {
			flags |= flagRedacted
		}
		k := -1
		for i := range order {
			if order[i].start == f.CharStart && order[i].end == f.CharEnd {
				k = i
				break
			}
		}
		if k < 0 {
			order = append(order, clause{f.CharStart, f.CharEnd, f})
		} else if cur := order[k].best; f.HasValue && (!cur.HasValue || f.Value > cur.Value) {
			order[k].best = f
		}
	}
	sortClauses(order)
	var countedBuf [8]float64
	counted := countedBuf[:0]
	ids = ids[:0]
	for _, c := range order {
		f := c.best
		if !f.HasValue {
			continue
		}
		if contains64(counted, f.Value) {
			flags |= flagRepeatedValue
			continue
		}
		counted = append(counted, f.Value)
		dv.V += f.Value
		dv.Valid = true
		ids = append(ids, f.ID)
		if f.Qualifier == "over" || f.Qualifier == "about" || f.Qualifier == "under" {
			flags |= flagApprox
		}
	}
	if len(ids) == 0 {
		// Only redacted facts: record them as the (unknown) value's source.
		for _, c := range order {
			ids = append(ids, c.best.ID)
		}
	}
	if len(ids) > 0 { // none stays nil: null in the sources JSON
		dv.FactIDs = ids
	}
	dv.flags = flags
	return dv
}

// clause is one evidence clause of docValueOf's group.
type clause struct {
	start, end int64
	best       *Fact // the largest value stated in the clause
}

// sortClauses orders clauses by start as sort.Slice did, without its
// allocations: up to 12 elements sort.Slice is this insertion sort, so
// clauses with equal starts keep its order.
func sortClauses(cs []clause) {
	if len(cs) > 12 {
		h := slices.Clone(cs) // so that cs (docValueOf's stack array) does not escape
		sort.Slice(h, func(i, j int) bool { return h[i].start < h[j].start })
		copy(cs, h)
		return
	}
	for i := 1; i < len(cs); i++ {
		for j := i; j > 0 && cs[j].start < cs[j-1].start; j-- {
			cs[j], cs[j-1] = cs[j-1], cs[j]
		}
	}
}

// flagSet holds a docValue's flag kinds; names lists them sorted.
type flagSet uint8

const (
	flagApprox flagSet = 1 << iota
	flagBreakdownMismatch
	flagRedacted
	flagRepeatedValue
)

// flagNames are in flagSet bit order, which is alphabetical.
var flagNames = [...]string{"approx", "breakdown_mismatch", "redacted", "repeated_value"}

func (s flagSet) names() []string {
	if s == 0 {
		return nil
	}
	var out []string
	for i, n := range flagNames {
		if s&(1<<i) != 0 {
			out = append(out, n)
		}
	}
	return out
}

func contains64(xs []float64, v float64) bool {
	for _, x := range xs {
		if x == v {
			return true
		}
	}
	return false
}
