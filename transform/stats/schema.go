// Package stats computes the cross-unit statistics of a snapshot: the
// unit_year table (one row per unit and year, de-duplicated across the
// documents that report it, with the provenance of every value), the
// correlations table (publicity volume against leads found), year-over-year
// changes, type-7 quantiles and robust outliers. It reads the snapshot's
// documents and facts back with load.ReadTable and writes Arrow records.
package stats

import (
	"github.com/apache/arrow/go/v17/arrow"
	"github.com/reportetl/reportetl/transform"
)

// Table names (directories under OUT/).
const (
	TableUnitYear     = "unit_year"
	TableCorrelations = "correlations"
)

// PublicityMetrics are DESIGN.md's publicity ids; each gets a unit_year column
// publicity_<name>. A publicity metric added to rules.yaml later still counts
// in publicity_total, it just has no column of its own.
var PublicityMetrics = []string{
	"publicity.banners", "publicity.slogans", "publicity.notices", "publicity.leaflets",
	"publicity.brochures", "publicity.boards", "publicity.screens", "publicity.articles",
	"publicity.videos", "publicity.events", "publicity.vehicles", "publicity.sites",
	"publicity.messages",
}

// OtherMetrics are the leads and cases metrics with unit_year columns.
var OtherMetrics = []string{
	"leads.found", "leads.received", "leads.transferred", "leads.closed",
	"cases.gang", "cases.evil", "cases.umbrella", "cases.incidents",
}

// CaseMetrics add up to cases_total. cases.umbrella counts officials, not
// cases, so it has its own column but is not part of the total.
var CaseMetrics = []string{"cases.gang", "cases.evil", "cases.incidents"}

// Column is the unit_year column of a metric id: publicity.banners →
// publicity_banners.
func Column(metric string) string {
	b := []byte(metric)
	for i, c := range b {
		if c == '.' {
			b[i] = '_'
		}
	}
	return string(b)
}

var (
	str = arrow.BinaryTypes.String
	i32 = arrow.PrimitiveTypes.Int32
	i64 = arrow.PrimitiveTypes.Int64
	f64 = arrow.PrimitiveTypes.Float64
)

// col declares a column the way every table does (transform.Field).
func col(name string, t arrow.DataType) arrow.Field { return transform.Field(name, t) }

// ValueColumns are unit_year's numeric value columns in schema order:
// publicity_total, one per publicity metric, leads, cases, cases_total.
var ValueColumns = func() []string {
	cs := []string{"publicity_total"}
	for _, m := range PublicityMetrics {
		cs = append(cs, Column(m))
	}
	for _, m := range OtherMetrics {
		cs = append(cs, Column(m))
	}
	return append(cs, "cases_total")
}()

// UnitYearSchema is the unit_year table (DESIGN.md). Provenance: doc_ids
// lists every document behind the row (comma-separated); sources is a JSON
// object mapping each metric column to the document its value was taken
// from and the fact ids that were added up, e.g.
// {"publicity_banners":{"doc_id":"…","fact_ids":["…-2","…-7"]}}.
var UnitYearSchema = func() *arrow.Schema {
	fs := []arrow.Field{
		col("unit_key", str), col("unit_name", str), col("unit_type", str),
		col("division_code", str), col("year", i32), col("n_documents", i32),
	}
	for _, c := range ValueColumns {
		fs = append(fs, col(c, f64))
	}
	fs = append(fs, col("leads_per_10k_publicity", f64), col("quality_flags", str),
		col("doc_ids", str), col("sources", str))
	return arrow.NewSchema(fs, nil)
}()

// CorrelationsSchema is the correlations table (DESIGN.md). note is "small_n"
// when n < SmallN (statistics are still given when n ≥ 3), "constant" when x
// or y does not vary, and null otherwise. p_value is the two-sided Student-t
// p-value of Pearson's r; ci_low/ci_high are the bootstrap 95% percentile
// interval of Pearson's r; slope/intercept are OLS of log1p(y) on log1p(x).
var CorrelationsSchema = arrow.NewSchema([]arrow.Field{
	col("year", i32), col("unit_type", str), col("x", str), col("y", str), col("n", i64),
	col("pearson", f64), col("spearman", f64), col("p_value", f64),
	col("ci_low", f64), col("ci_high", f64), col("slope", f64), col("intercept", f64),
	col("note", str),
}, nil)
