package stats

import (
	"math"
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
	flags []string // flag kinds: approx, redacted, breakdown_mismatch, repeated_value
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
//     disagree:<column>.
//  4. publicity_total is the sum of the publicity metrics known for the row
//     (null if none); cases_total the sum of gang, evil and incident cases;
//     leads_per_10k_publicity = leads_found / publicity_total × 10000.
//
// Flags are "<kind>:<column>": approx (an over/about/under figure was used),
// redacted (a redacted figure was left out, so the value is a lower bound or
// null), breakdown_mismatch (parts do not add up to their total),
// repeated_value, disagree, plan_target (taken from a plan: a target).
func BuildUnitYear(docs []Doc, facts []Fact) []*UnitYear {
	byID := make(map[string]*Doc, len(docs))
	for i := range docs {
		byID[docs[i].ID] = &docs[i]
	}
	factByID := make(map[string]*Fact, len(facts))
	for i := range facts {
		factByID[facts[i].ID] = &facts[i]
	}
	type rowKey struct {
		unit string
		year int
	}
	type groupKey struct {
		rowKey
		metric, doc string
	}
	rows := map[rowKey]*UnitYear{}
	rowDocs := map[rowKey]map[string]*Doc{}
	touch := func(k rowKey, d *Doc) {
		if rowDocs[k] == nil {
			rowDocs[k] = map[string]*Doc{}
			rows[k] = &UnitYear{UnitKey: k.unit, Year: k.year, Values: map[string]Value{}}
		}
		rowDocs[k][d.ID] = d
	}
	for i := range docs {
		if d := &docs[i]; d.UnitKey != "" && d.Year > 0 {
			touch(rowKey{d.UnitKey, d.Year}, d)
		}
	}
	groups := map[groupKey][]*Fact{}
	// partsOf: total fact id → its parts, for the breakdown check.
	partsOf := map[string][]*Fact{}
	for i := range facts {
		f := &facts[i]
		if f.PartOf != "" {
			partsOf[f.PartOf] = append(partsOf[f.PartOf], f)
		}
		d := byID[f.DocID]
		if d == nil || d.UnitKey == "" || !tracked(f.Metric) {
			continue
		}
		y := f.Year
		if y == 0 {
			y = d.Year
		}
		if y == 0 {
			continue
		}
		k := rowKey{d.UnitKey, y}
		touch(k, d)
		gk := groupKey{k, f.Metric, d.ID}
		groups[gk] = append(groups[gk], f)
	}

	// One docValue per (row, metric, document).
	cands := map[rowKey]map[string][]docValue{}
	for gk, fs := range groups {
		dv := docValueOf(byID[gk.doc], gk.metric, fs, factByID, partsOf)
		if cands[gk.rowKey] == nil {
			cands[gk.rowKey] = map[string][]docValue{}
		}
		cands[gk.rowKey][gk.metric] = append(cands[gk.rowKey][gk.metric], dv)
	}

	out := make([]*UnitYear, 0, len(rows))
	for k, row := range rows {
		ds := make([]*Doc, 0, len(rowDocs[k]))
		for _, d := range rowDocs[k] {
			ds = append(ds, d)
		}
		// The most recent document names the unit.
		sort.Slice(ds, func(i, j int) bool { return newer(ds[i], ds[j]) })
		row.UnitName, row.UnitType, row.Division = ds[0].UnitName, ds[0].UnitType, ds[0].Division
		for _, d := range ds {
			row.DocIDs = append(row.DocIDs, d.ID)
		}
		sort.Strings(row.DocIDs)
		flags := map[string]bool{}
		var pubTotal, caseTotal Value
		metrics := make([]string, 0, len(cands[k]))
		for m := range cands[k] {
			metrics = append(metrics, m)
		}
		sort.Strings(metrics)
		for _, m := range metrics {
			c := cands[k][m]
			sort.Slice(c, func(i, j int) bool { return better(c[i], c[j], k.year) })
			best := c[0]
			col := Column(m)
			for _, fl := range best.flags {
				flags[fl+":"+col] = true
			}
			if best.doc.ReportKind == "plan" && best.Valid {
				flags["plan_target:"+col] = true
			}
			for _, o := range c[1:] {
				if o.Valid && best.Valid && o.V != best.V {
					flags["disagree:"+col] = true
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
		for f := range flags {
			row.Flags = append(row.Flags, f)
		}
		sort.Strings(row.Flags)
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

// docValueOf is rule 2.
func docValueOf(d *Doc, metric string, fs []*Fact, byID map[string]*Fact, partsOf map[string][]*Fact) docValue {
	dv := docValue{doc: d}
	dv.DocID = d.ID
	flags := map[string]bool{}
	type clause struct{ start, end int64 }
	best := map[clause]*Fact{}
	var order []clause
	for _, f := range fs {
		if f.PartOf != "" {
			if t := byID[f.PartOf]; t != nil && t.Metric == metric {
				continue
			}
		}
		// Breakdown check on totals of this metric.
		var sum float64
		n, complete := 0, f.HasValue
		for _, p := range partsOf[f.ID] {
			if p.Metric != metric {
				continue
			}
			n++
			if !p.HasValue {
				complete = false
			}
			sum += p.Value
		}
		if n > 0 && complete && math.Abs(sum-f.Value) > 1e-9 {
			flags["breakdown_mismatch"] = true
		}
		if !f.HasValue {
			flags["redacted"] = true
		}
		c := clause{f.CharStart, f.CharEnd}
		cur, seen := best[c]
		if !seen {
			order = append(order, c)
		}
		if !seen || (f.HasValue && (!cur.HasValue || f.Value > cur.Value)) {
			best[c] = f
		}
	}
	sort.Slice(order, func(i, j int) bool { return order[i].start < order[j].start })
	var counted []float64
	for _, c := range order {
		f := best[c]
		if !f.HasValue {
			continue
		}
		if contains64(counted, f.Value) {
			flags["repeated_value"] = true
			continue
		}
		counted = append(counted, f.Value)
		dv.V += f.Value
		dv.Valid = true
		dv.FactIDs = append(dv.FactIDs, f.ID)
		if f.Qualifier == "over" || f.Qualifier == "about" || f.Qualifier == "under" {
			flags["approx"] = true
		}
	}
	if len(dv.FactIDs) == 0 {
		// Only redacted facts: record them as the (unknown) value's source.
		for _, c := range order {
			dv.FactIDs = append(dv.FactIDs, best[c].ID)
		}
	}
	for f := range flags {
		dv.flags = append(dv.flags, f)
	}
	sort.Strings(dv.flags)
	return dv
}

func contains64(xs []float64, v float64) bool {
	for _, x := range xs {
		if x == v {
			return true
		}
	}
	return false
}
