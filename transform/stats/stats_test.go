package stats

import (
	"encoding/json"
	"fmt"
	"math"
	"math/rand/v2"
	"reflect"
	"slices"
	"sort"
	"testing"
	"time"
)

func TestRanksAverageTies(t *testing.T) {
	got := Ranks([]float64{10, 20, 20, 5, 20})
	want := []float64{2, 4, 4, 1, 4}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("Ranks = %v, want %v", got, want)
	}
	// Hand-computed: ranks (1, 2.5, 2.5, 4) vs (1, 3, 2, 4) → 4.5/√(4.5·5).
	if r := Spearman([]float64{1, 2, 2, 3}, []float64{1, 3, 2, 4}); math.Abs(r-4.5/math.Sqrt(22.5)) > 1e-12 {
		t.Fatalf("Spearman with ties = %v", r)
	}
}

func TestQuantile7(t *testing.T) {
	xs := []float64{1, 2, 3, 4, 10}
	// numpy.quantile(xs, p) (method="linear", the default).
	for p, want := range map[float64]float64{0: 1, 0.3: 2.2, 0.5: 3, 0.9: 7.6, 1: 10} {
		if got := Quantile7(p, xs); math.Abs(got-want) > 1e-12 {
			t.Errorf("Quantile7(%v) = %v, want %v", p, got, want)
		}
	}
	if !math.IsNaN(Quantile7(0.5, nil)) {
		t.Error("quantile of nothing must be NaN")
	}
	defer func() {
		if recover() == nil {
			t.Error("unsorted input must panic, not answer wrongly")
		}
	}()
	Quantile7(0.5, []float64{3, 1, 2})
}

func TestPValueCriticalValue(t *testing.T) {
	// r = 0.6319 is the two-sided 5% critical value for n = 10 (df = 8).
	if p := PValue(0.6319, 10); math.Abs(p-0.05) > 5e-4 {
		t.Fatalf("p = %v, want ≈ 0.05", p)
	}
	if !math.IsNaN(PValue(0.5, 2)) {
		t.Fatal("n = 2 has no p-value")
	}
}

func TestBootstrapDeterministic(t *testing.T) {
	x := []float64{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12}
	y := []float64{2, 1, 4, 3, 7, 5, 8, 9, 8, 12, 10, 13}
	l1, h1 := BootstrapCI(x, y, 500, 42)
	l2, h2 := BootstrapCI(x, y, 500, 42)
	if l1 != l2 || h1 != h2 {
		t.Fatal("same seed, different interval")
	}
	r := Pearson(x, y)
	if !(l1 < r && r < h1 && h1 <= 1) {
		t.Fatalf("interval [%v, %v] vs r = %v", l1, h1, r)
	}
}

func TestSmallNNoStar(t *testing.T) {
	c := Correlate(2020, "", []float64{1, 2, 3, 4}, []float64{1, 2, 3, 4.1})
	if c.Note != "small_n" || c.Significant() || math.IsNaN(c.Pearson) {
		t.Fatalf("n=4: %+v", c)
	}
	c = Correlate(2020, "", []float64{1, 2}, []float64{1, 2})
	if c.Note != "small_n" || !math.IsNaN(c.Pearson) || c.N != 2 {
		t.Fatalf("n=2: %+v", c)
	}
}

func TestBuildUnitYearRules(t *testing.T) {
	day := func(s string) time.Time { d, _ := time.Parse("2006-01-02", s); return d }
	docs := []Doc{
		{ID: "A", UnitKey: "k|u|county", UnitName: "u", UnitType: "county", ReportKind: "work_summary", Year: 2020, ReportDate: day("2021-01-05")},
		{ID: "B", UnitKey: "k|u|county", UnitName: "u", UnitType: "county", ReportKind: "rectification", Year: 2020, ReportDate: day("2021-03-01")},
		{ID: "C", UnitKey: "k|u|county", UnitName: "u", UnitType: "county", ReportKind: "plan", Year: 2021},
		{ID: "N", UnitKey: "", Year: 2020}, // unresolved unit: no row
	}
	f := func(id, doc, metric string, v float64, q string, start int64, partOf string) Fact {
		return Fact{ID: id, DocID: doc, Metric: metric, Value: v, HasValue: q != "redacted", Qualifier: q, CharStart: start, CharEnd: start + 5, PartOf: partOf}
	}
	facts := []Fact{
		// A: two banner campaigns in two clauses are added; a clause giving
		// a number twice counts once (max).
		f("A1", "A", "publicity.banners", 100, "exact", 0, ""),
		f("A2", "A", "publicity.banners", 30, "over", 10, ""),
		f("A3", "A", "publicity.banners", 3, "exact", 10, ""),
		// Leads received 20 with parts 6 + 15 of the same metric (≠ 20):
		// parts are not added, the mismatch is flagged.
		f("A4", "A", "leads.received", 20, "exact", 20, ""),
		f("A5", "A", "leads.received", 6, "exact", 30, "A4"),
		f("A6", "A", "leads.received", 15, "exact", 40, "A4"),
		// A part of another metric is that metric's own statement.
		f("A7", "A", "leads.transferred", 4, "exact", 50, "A4"),
		// The same figure restated in the closing paragraph.
		f("A8", "A", "publicity.leaflets", 500, "exact", 60, ""),
		f("A9", "A", "publicity.leaflets", 500, "exact", 90, ""),
		f("A10", "A", "leads.found", 0, "redacted", 70, ""),
		// B disagrees on banners and alone reports boards.
		f("B1", "B", "publicity.banners", 200, "exact", 0, ""),
		f("B2", "B", "publicity.boards", 12, "exact", 10, ""),
		f("B3", "B", "leads.found", 9, "exact", 20, ""),
		// C is a plan: its figure is a target.
		f("C1", "C", "publicity.banners", 50, "exact", 0, ""),
		f("N1", "N", "publicity.banners", 7, "exact", 0, ""),
	}
	rows := BuildUnitYear(docs, facts)
	if len(rows) != 2 {
		t.Fatalf("%d rows, want 2", len(rows))
	}
	r := rows[0]
	check := func(col string, want float64, doc string) {
		t.Helper()
		v := r.Values[col]
		if !v.Valid || v.V != want || v.DocID != doc {
			t.Errorf("%s = %+v, want %v from %s", col, v, want, doc)
		}
	}
	check("publicity_banners", 130, "A")
	check("leads_received", 20, "A")
	check("leads_transferred", 4, "A")
	check("publicity_leaflets", 500, "A")
	check("publicity_boards", 12, "B")
	check("leads_found", 9, "B") // A's figure is redacted, B has one
	check("publicity_total", 642, "")
	if got := r.Values["publicity_banners"].FactIDs; !reflect.DeepEqual(got, []string{"A1", "A2"}) {
		t.Errorf("banner facts = %v", got)
	}
	wantFlags := []string{"approx:publicity_banners", "breakdown_mismatch:leads_received",
		"disagree:publicity_banners", "repeated_value:publicity_leaflets"}
	if !reflect.DeepEqual(r.Flags, wantFlags) {
		t.Errorf("flags = %v, want %v", r.Flags, wantFlags)
	}
	if len(r.DocIDs) != 2 {
		t.Errorf("documents = %v", r.DocIDs)
	}
	if v := r.Values["leads_per_10k_publicity"]; math.Abs(v.V-9.0/642*10000) > 1e-9 {
		t.Errorf("leads per 10k = %v", v.V)
	}
	if p := rows[1]; p.Year != 2021 || len(p.Flags) != 1 || p.Flags[0] != "plan_target:publicity_banners" {
		t.Errorf("plan row = %+v", p)
	}
}

// BenchmarkBuildUnitYear: 20,000 documents of 15 facts each (300,000 facts)
// over 5,000 units and 4 years, then the correlations.
func BenchmarkBuildUnitYear(b *testing.B) {
	metrics := append(append([]string(nil), PublicityMetrics...), OtherMetrics...)
	var docs []Doc
	var facts []Fact
	for i := range 20000 {
		id := "d" + string(rune('A'+i%26)) + itoa(i)
		docs = append(docs, Doc{ID: id, UnitKey: "u" + itoa(i%5000), UnitType: []string{"county", "township", "department"}[i%3],
			ReportKind: "work_summary", Year: 2018 + i%4})
		for j := range 15 {
			facts = append(facts, Fact{ID: id + "-" + itoa(j), DocID: id, Metric: metrics[(i+j)%len(metrics)],
				Value: float64((i*7 + j*13) % 1000), HasValue: true, Qualifier: "exact", CharStart: int64(j * 20), CharEnd: int64(j*20 + 10)})
		}
	}
	b.ResetTimer()
	for range b.N {
		rows := BuildUnitYear(docs, facts)
		Correlations(rows)
	}
}

func itoa(i int) string {
	if i == 0 {
		return "0"
	}
	var s []byte
	for ; i > 0; i /= 10 {
		s = append([]byte{byte('0' + i%10)}, s...)
	}
	return string(s)
}

// The sources column is JSON analysts parse; the hand encoder must write
// exactly what json.Marshal writes for the same map, escapes included.
func TestSourcesJSONIsMarshal(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 8))
	words := []string{"cases_total", "leads_found", "a\"b", `back\slash`, "<&>", "a<b", "b>a", "x&y", "tab\there", "中文", "\x01", "\xff", "\u2028", ""}
	pick := func() string {
		if rng.IntN(3) == 0 {
			return words[rng.IntN(len(words))]
		}
		return fmt.Sprintf("%064x", rng.Uint64())
	}
	var cols []string
	for range 5000 {
		values := map[string]Value{}
		for range rng.IntN(6) {
			v := Value{V: 1, Valid: true}
			if rng.IntN(4) > 0 {
				v.DocID = pick()
			}
			switch rng.IntN(3) {
			case 0: // nil: null
			case 1:
				v.FactIDs = []string{}
			default:
				for range 1 + rng.IntN(3) {
					v.FactIDs = append(v.FactIDs, pick()+"-"+fmt.Sprint(rng.IntN(40)))
				}
			}
			values[pick()] = v
		}
		srcs := map[string]source{}
		for c, v := range values {
			if v.DocID != "" {
				srcs[c] = source{v.DocID, v.FactIDs}
			}
		}
		want := ""
		if len(srcs) > 0 {
			bs, _ := json.Marshal(srcs)
			want = string(bs)
		}
		if got := string(appendSources(nil, values, &cols)); got != want {
			t.Fatalf("appendSources = %s\njson.Marshal  = %s", got, want)
		}
	}
}

// sourcesLen reserves the sources column: it must not fall short of what
// appendSources writes for plain ids (escapes aside), or the reservation
// is pointless.
func TestSourcesLenCoversSources(t *testing.T) {
	values := map[string]Value{
		"cases_total":       {V: 3, Valid: true, DocID: "435b675f1809a963", FactIDs: []string{"435b675f1809a963-12", "435b675f1809a963-13"}},
		"leads_found":       {V: 1, Valid: true, DocID: "9f00aa", FactIDs: []string{}},
		"publicity_banners": {V: 2, Valid: true, DocID: "77"},
		"cases_evil":        {V: 5, Valid: true},
	}
	var cols []string
	if got, est := len(appendSources(nil, values, &cols)), sourcesLen(values); est < got || est > got+16 {
		t.Fatalf("sourcesLen = %d, appendSources wrote %d bytes", est, got)
	}
}

// sortClauses orders clauses with equal starts as sort.Slice did: which
// clause comes first decides which of two equal values is a repetition.
func TestSortClausesMatchesSortSlice(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for range 2000 {
		cs := make([]clause, r.IntN(16))
		for i := range cs {
			cs[i] = clause{start: r.Int64N(4), end: int64(i)}
		}
		want := append([]clause(nil), cs...)
		sort.Slice(want, func(i, j int) bool { return want[i].start < want[j].start })
		sortClauses(cs)
		if !slices.Equal(cs, want) {
			t.Fatalf("sortClauses = %v, sort.Slice = %v", cs, want)
		}
	}
}

// The total filter has every total; it may let others through, but few.
func TestIDFilterHoldsEveryTotal(t *testing.T) {
	parts := map[string][]PartRef{}
	for i := range 5000 {
		parts[fmt.Sprintf("%016x-%d", i*7919, i%40)] = nil
	}
	f := newIDFilter(parts)
	for id := range parts {
		if !f.has(id) {
			t.Fatalf("total %s filtered out", id)
		}
	}
	fp := 0
	for i := range 10000 {
		if f.has(fmt.Sprintf("other-%d", i)) {
			fp++
		}
	}
	if fp > 1000 {
		t.Errorf("%d of 10000 other ids pass the filter", fp)
	}
}
