package stats_test

import (
	"context"
	"fmt"
	"reflect"
	"testing"
	"time"

	"github.com/reportetl/reportetl/transform"
	"github.com/reportetl/reportetl/transform/facts"
	"github.com/reportetl/reportetl/transform/stats"
)

// TestLiveEqualsAggregate: the rows a full run gathers on the way equal the
// rows read back from the tables it wrote, through every conversion the
// batcher applies: dates kept as days, unstated fact years taken from the
// document, unknown years, redacted values, breakdown parts about other
// years, documents without a unit, several documents of one unit-year.
func TestLiveEqualsAggregate(t *testing.T) {
	dated := result("c", 2020,
		facts.Fact{Metric: "publicity.banners", Value: 9, PartOf: -1}, // year from the document
		facts.Fact{Metric: "publicity.screens", Value: 8, Year: 2020, PartOf: -1},
		facts.Fact{Metric: "leads.found", Value: 12, Year: 2020, PartOf: -1},
	)
	dated.Meta.ReportDate = time.Date(2020, 12, 20, 15, 30, 0, 0, time.FixedZone("CST", 8*3600))
	dated.Meta.ReportKind = "rectification"
	// Same kind, same day, later in the day: as days the two dates tie and
	// the smaller id wins, as the tables store them.
	sameDay := result("g", 2020, facts.Fact{Metric: "publicity.screens", Value: 11, Year: 2020, PartOf: -1})
	sameDay.Meta.ReportDate = time.Date(2020, 12, 20, 20, 0, 0, 0, time.FixedZone("CST", 8*3600))
	sameDay.Meta.ReportKind = "rectification"
	noUnit := result("d", 2020, facts.Fact{Metric: "publicity.banners", Value: 1, Year: 2020, PartOf: -1})
	noUnit.UnitKey = ""
	noYear := result("e", 0,
		facts.Fact{Metric: "publicity.leaflets", Value: 300, PartOf: -1},
		facts.Fact{Metric: "publicity.leaflets", Value: 200, Year: 2019, PartOf: -1},
	)
	other := result("f", 2019, facts.Fact{Metric: "cases.evil", Value: 2, Year: 2019, PartOf: -1})
	other.UnitKey, other.Meta.UnitName, other.Meta.UnitType = "u2", "某镇", "township"
	rs := []*transform.Result{
		result("a", 2020,
			facts.Fact{Metric: "leads.found", Value: 30, Year: 2020, PartOf: -1},
			facts.Fact{Metric: "leads.found", Value: 10, Year: 2019, PartOf: 0},
			facts.Fact{Metric: "leads.found", Value: 25, Year: 2020, PartOf: 0}, // parts 35 ≠ 30
			facts.Fact{Metric: "publicity.banners", Value: 7, Year: 2020, PartOf: -1},
			facts.Fact{Metric: "publicity.banners", Year: 2020, PartOf: -1}, // redacted
			facts.Fact{Metric: "org.meetings", Value: 4, Year: 2020, PartOf: -1},
		),
		dated, sameDay, noUnit, noYear, other,
		result("b", 2019, facts.Fact{Metric: "cases.evil", Value: 9, Year: 2019, PartOf: -1},
			facts.Fact{Metric: "cases.evil", Value: 4, Year: 2018, PartOf: 0}),
	}
	rs[0].Facts[4].HasValue = false
	live := stats.NewLive()
	for _, r := range rs {
		live.Add(r)
	}
	got, ok := live.Rows()
	if !ok {
		t.Fatal("Live gave up on an archive without copies")
	}
	want, err := stats.Aggregate(context.Background(), writeDataset(t, rs...))
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("live rows differ from the rows read back:\n got %+v\nwant %+v", got, want)
	}
	if len(want) < 4 {
		t.Fatalf("only %d rows; the case lost its variety", len(want))
	}
	// Finish computes the same rows on its own goroutine; Rows waits.
	early := stats.NewLive()
	for _, r := range rs {
		early.Add(r)
	}
	early.Finish()
	if fin, ok := early.Rows(); !ok || !reflect.DeepEqual(fin, want) {
		t.Errorf("rows after Finish (ok %v) differ from the rows read back:\n got %+v\nwant %+v", ok, fin, want)
	}
}

// TestLiveGivesUpOnCopies: which copy of a report filed twice is counted is
// known only at the end, so Live hands the job back to Aggregate.
func TestLiveGivesUpOnCopies(t *testing.T) {
	live := stats.NewLive()
	live.Add(result("a", 2020, facts.Fact{Metric: "publicity.banners", Value: 7, Year: 2020, PartOf: -1}))
	if _, ok := live.Rows(); !ok {
		t.Fatal("one document: Live must have the rows")
	}
	live.Add(result("a", 2020, facts.Fact{Metric: "publicity.banners", Value: 7, Year: 2020, PartOf: -1}))
	live.Finish()
	if _, ok := live.Rows(); ok || live.GaveUp() != "a report filed twice" {
		t.Fatalf("a document id seen twice: Live must give up (gave up: %q)", live.GaveUp())
	}
}

// TestLiveStaysInBudget: past its memory budget Live drops its state and
// the statistics come from the tables, so a big archive's full run does not
// hold every unit-year while its pipeline runs.
func TestLiveStaysInBudget(t *testing.T) {
	live := stats.NewLive()
	live.MaxBytes = 64 << 10
	for i := range 100 {
		r := result(fmt.Sprintf("d%03d", i), 2020, facts.Fact{Metric: "publicity.banners", Value: 7, Year: 2020, PartOf: -1})
		r.UnitKey = fmt.Sprintf("u%03d", i)
		live.Add(r)
	}
	if _, ok := live.Rows(); ok || live.GaveUp() != "over its memory budget" {
		t.Fatalf("100 unit-years in a 64 KB budget: Live must give up (gave up: %q)", live.GaveUp())
	}
}
