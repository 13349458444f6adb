package stats_test

import (
	"context"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/reportetl/reportetl/extract"
	"github.com/reportetl/reportetl/load"
	"github.com/reportetl/reportetl/transform"
	"github.com/reportetl/reportetl/transform/facts"
	"github.com/reportetl/reportetl/transform/meta"
	"github.com/reportetl/reportetl/transform/stats"
)

// result is a document of unit "u1" with the given facts, as the pipeline
// would hand it to the batcher.
func result(id string, year int, fs ...facts.Fact) *transform.Result {
	doc := &extract.Document{Source: extract.Source{Rel: id + ".txt", Format: "txt"}, DocID: id,
		Text: strings.Repeat("字", 200), Status: "ok", Extractor: "text"}
	doc.Pages = []extract.Page{{Number: 1, Start: 0, End: 200, Text: doc.Text}}
	r := &transform.Result{Doc: doc, Script: "hans", UnitKey: "u1",
		Meta: meta.Meta{UnitName: "某县", UnitType: "county", ReportKind: "work_summary", Year: year}}
	for i := range fs {
		if fs[i].Category == "" {
			fs[i].Category = strings.Split(fs[i].Metric, ".")[0]
		}
		fs[i].Start, fs[i].End, fs[i].HasValue, fs[i].Qualifier = i*10, i*10+5, true, "exact"
		r.FactPages = append(r.FactPages, 1)
	}
	r.Facts = fs
	return r
}

func writeDataset(t *testing.T, rs ...*transform.Result) string {
	t.Helper()
	dir := t.TempDir()
	sink, err := load.NewDirSink(dir, transform.SchemaVersion, "test")
	if err != nil {
		t.Fatal(err)
	}
	b := transform.NewBatcher(sink, "test", time.Now())
	for _, r := range rs {
		if err := b.Add(r); err != nil {
			t.Fatal(err)
		}
	}
	if err := b.Push(); err != nil {
		t.Fatal(err)
	}
	if err := sink.Close(); err != nil {
		t.Fatal(err)
	}
	return dir
}

// inMemoryRows is the specification the streaming path is checked
// against: BuildUnitYear over the whole tables read into memory.
func inMemoryRows(t *testing.T, dir string) []*stats.UnitYear {
	t.Helper()
	docs, err := stats.ReadDocs(dir)
	if err != nil {
		t.Fatal(err)
	}
	fs, err := stats.ReadFacts(dir)
	if err != nil {
		t.Fatal(err)
	}
	return stats.BuildUnitYear(docs, fs)
}

// TestAggregateBreakdownAcrossPartitions: a 其中 part about another year
// sits in another facts partition than its total; the streaming
// aggregation must still see it (not count a same-metric part, and add it
// into its total's check), and agree with the in-memory BuildUnitYear.
func TestAggregateBreakdownAcrossPartitions(t *testing.T) {
	dir := writeDataset(t,
		result("a", 2020,
			facts.Fact{Metric: "leads.found", Value: 30, Year: 2020, PartOf: -1},
			facts.Fact{Metric: "leads.found", Value: 10, Year: 2019, PartOf: 0}, // part, partition 2019
			facts.Fact{Metric: "leads.found", Value: 20, Year: 2020, PartOf: 0}, // part, partition 2020
			facts.Fact{Metric: "publicity.banners", Value: 7, Year: 2020, PartOf: -1},
		),
		result("b", 2019,
			facts.Fact{Metric: "cases.evil", Value: 9, Year: 2019, PartOf: -1},
			facts.Fact{Metric: "cases.evil", Value: 4, Year: 2018, PartOf: 0}, // 4 ≠ 9: mismatch across partitions
		),
	)
	got, err := stats.Aggregate(context.Background(), dir)
	if err != nil {
		t.Fatal(err)
	}
	rows := map[int]*stats.UnitYear{}
	for _, r := range got {
		rows[r.Year] = r
	}
	if v, ok := rows[2020].Get("leads_found"); !ok || v != 30 {
		t.Errorf("2020 leads_found = %v, %v; want 30 (parts are not added)", v, ok)
	}
	if len(rows[2020].Flags) != 0 {
		t.Errorf("2020 flags = %v; parts 10 (year 2019) + 20 add up to 30", rows[2020].Flags)
	}
	if v, ok := rows[2019].Get("leads_found"); ok {
		t.Errorf("2019 leads_found = %v; a part of a leads_found total is not the 2019 figure", v)
	}
	if !reflect.DeepEqual(rows[2019].Flags, []string{"breakdown_mismatch:cases_evil"}) {
		t.Errorf("2019 flags = %v; want the mismatch of 9 against its part 4 in partition 2018", rows[2019].Flags)
	}
	if want := inMemoryRows(t, dir); !reflect.DeepEqual(got, want) {
		t.Errorf("streaming rows differ from BuildUnitYear:\n got %+v\nwant %+v", got, want)
	}
}

// TestAggregateOrderIndependent: BuildUnitYear is the specification the
// streaming path is checked against; it must not depend on fact order.
func TestAggregateOrderIndependent(t *testing.T) {
	docs := []stats.Doc{
		{ID: "a", UnitKey: "u", UnitName: "甲", Year: 2020, ReportKind: "work_summary"},
		{ID: "b", UnitKey: "u", UnitName: "甲", Year: 2020, ReportKind: "rectification"},
	}
	fs := []stats.Fact{
		{ID: "a-0", DocID: "a", Metric: "publicity.banners", Value: 5, HasValue: true, CharStart: 0, CharEnd: 5},
		{ID: "b-0", DocID: "b", Metric: "publicity.banners", Value: 8, HasValue: true, CharStart: 0, CharEnd: 5},
		{ID: "a-1", DocID: "a", Metric: "leads.found", Value: 3, HasValue: true, CharStart: 9, CharEnd: 12},
	}
	want := stats.BuildUnitYear(docs, fs)
	rev := []stats.Fact{fs[2], fs[1], fs[0]}
	if got := stats.BuildUnitYear([]stats.Doc{docs[1], docs[0]}, rev); !reflect.DeepEqual(got, want) {
		t.Fatalf("order changed the rows:\n got %+v\nwant %+v", got, want)
	}
	if v, _ := want[0].Get("publicity_banners"); v != 5 || !reflect.DeepEqual(want[0].Flags, []string{"disagree:publicity_banners"}) {
		t.Fatalf("row = %+v", want[0])
	}
}

// TestAggregateRejectsScatteredDocument: the streaming path relies on a
// document's rows in a partition being consecutive; if a writer ever broke
// that, statistics must fail loudly rather than split rule 2's groups.
func TestAggregateRejectsScatteredDocument(t *testing.T) {
	dir := writeDataset(t,
		result("a", 2020, facts.Fact{Metric: "publicity.banners", Value: 5, Year: 2020, PartOf: -1}),
		result("b", 2020, facts.Fact{Metric: "publicity.banners", Value: 6, Year: 2020, PartOf: -1}),
		result("a", 2020, facts.Fact{Metric: "publicity.banners", Value: 7, Year: 2020, PartOf: -1}),
	)
	_, err := stats.Aggregate(context.Background(), dir)
	if err == nil || !strings.Contains(err.Error(), "document a are not consecutive") {
		t.Fatalf("err = %v; want a not-consecutive error naming document a", err)
	}
}

// TestAggregateCountsDuplicateReportOnce: the same report filed under two
// names (one doc_id: the hash of the bytes) is one report. Its copies need
// not be neighbours in the facts table, and must neither fail the
// statistics nor double its breakdown parts or its document count: the
// rows equal those of the archive without the copy, on the streaming path
// and in memory alike.
func TestAggregateCountsDuplicateReportOnce(t *testing.T) {
	a := func(name string) *transform.Result {
		r := result("a", 2020,
			facts.Fact{Metric: "leads.found", Value: 30, Year: 2020, PartOf: -1},
			facts.Fact{Metric: "leads.found", Value: 10, Year: 2020, PartOf: 0},
			facts.Fact{Metric: "leads.found", Value: 20, Year: 2020, PartOf: 0},
			facts.Fact{Metric: "publicity.banners", Value: 7, Year: 2020, PartOf: -1},
		)
		r.Doc.Source.Rel = name
		return r
	}
	b := result("b", 2020, facts.Fact{Metric: "publicity.banners", Value: 6, Year: 2020, PartOf: -1})
	want, err := stats.Aggregate(context.Background(), writeDataset(t, a("x/a.txt"), b))
	if err != nil {
		t.Fatal(err)
	}
	for _, order := range [][]*transform.Result{{a("x/a.txt"), b, a("y/copy.txt")}, {a("y/copy.txt"), b, a("x/a.txt")}} {
		dir := writeDataset(t, order...)
		got, err := stats.Aggregate(context.Background(), dir)
		if err != nil {
			t.Fatalf("a report filed twice failed the statistics: %v", err)
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("rows with the copy differ from the rows without it:\n got %+v\nwant %+v", got, want)
		}
		if mem := inMemoryRows(t, dir); !reflect.DeepEqual(mem, want) {
			t.Errorf("in-memory rows with the copy differ:\n got %+v\nwant %+v", mem, want)
		}
	}
	if len(want) != 1 || len(want[0].DocIDs) != 2 || !reflect.DeepEqual(want[0].Flags, []string{"disagree:publicity_banners"}) {
		t.Fatalf("want one row of documents a and b, parts adding up (no breakdown_mismatch), got %+v", want[0])
	}
}
