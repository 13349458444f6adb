package stats_test

import (
	"context"
	"fmt"
	"github.com/reportetl/reportetl/load/loadtest"
	"math"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/reportetl/reportetl/jobs"
	"github.com/reportetl/reportetl/transform/stats"
)

// synthUnit is one unit of the synthetic archive.
type synthUnit struct {
	name, typ string
	scale     int
}

var synthUnits = []synthUnit{
	{"城固县", "county", 40}, {"勉县", "county", 31},
	{"城固县公安局", "department", 9}, {"城固县交通运输局", "department", 3},
	{"勉县教育局", "department", 4}, {"勉县市场监督管理局", "department", 5},
	{"勉县武侯镇", "township", 6}, {"城固县博望镇", "township", 7},
	{"城固县第一中学", "school", 2}, {"勉县第二中学", "school", 1},
	{"勉县南关社区", "village", 1}, {"城固县人民医院", "hospital", 2},
}

var synthYears = []int{2019, 2020, 2021}

// truth is the expected unit_year row of a (unit, year): column → value
// (absent = null), and the flags.
type truth struct {
	vals  map[string]float64
	flags []string
}

// writeSynthArchive writes one year-end summary per unit and year with known
// numbers, plus the twists the aggregation rules exist for: a rectification
// report disagreeing with the summary (summary wins), an approximate figure,
// a redacted figure, a breakdown part of another metric, and a report about
// an earlier year's numbers. It returns the truth keyed "name|year".
func writeSynthArchive(t *testing.T, dir string) map[string]truth {
	t.Helper()
	want := map[string]truth{}
	for ui, u := range synthUnits {
		for yi, y := range synthYears {
			s := u.scale
			k := ui*7 + yi*13
			banners := float64(10*s + k%17)
			leaflets := float64(100*s + 10*(k%23))
			boards := float64(2*s + k%5)
			articles := float64(s + k%11)
			found := float64((s*(yi+2))/3 + k%4)
			received := float64(s + k%6)
			transferred := float64(k % 3)
			closed := float64(k%5 + 1)
			evil := float64(s/4 + k%2)
			incidents := float64(s + k%9)
			leafletText := fmt.Sprintf("%.0f份", leaflets)
			foundText := fmt.Sprintf("%.0f条", found)
			tr := truth{vals: map[string]float64{
				"publicity_banners": banners, "publicity_leaflets": leaflets,
				"publicity_boards": boards, "publicity_articles": articles,
				"leads_found": found, "leads_received": received,
				"leads_transferred": transferred, "leads_closed": closed,
				"cases_evil": evil, "cases_incidents": incidents,
			}}
			switch {
			case ui == 1 && y == 2020: // approximate
				leafletText = fmt.Sprintf("%.0f余份", leaflets)
				tr.flags = append(tr.flags, "approx:publicity_leaflets")
			case ui == 6 && y == 2021: // redacted
				foundText = "xx条"
				delete(tr.vals, "leads_found")
				tr.flags = append(tr.flags, "redacted:leads_found")
			}
			body := fmt.Sprintf(`%[1]s%[2]d年扫黑除恶专项斗争工作总结

%[2]d年，我们认真贯彻落实上级部署，扎实推进扫黑除恶专项斗争。现将全年工作总结如下：

一、广泛开展宣传发动
全年悬挂宣传横幅%.0[3]f条，发放宣传单%[4]s，制作宣传展板%.0[5]f块，刊发宣传稿件%.0[6]f篇。

二、深入摸排线索
全年共摸排涉黑涉恶线索%[7]s，受理群众举报线索%.0[8]f条，其中移送纪委监委线索%.0[9]f条。办结线索%.0[10]f条。

三、依法打击
打掉涉恶犯罪团伙%.0[11]f个，破获刑事案件%.0[12]f起。

%[1]s
%[13]d年1月10日
`, u.name, y, banners, leafletText, boards, articles, foundText, received, transferred, closed, evil, incidents, y+1)
			writeFile(t, filepath.Join(dir, fmt.Sprintf("%d_%s_扫黑除恶专项斗争工作总结.txt", y, u.name)), body)
			tr.vals["publicity_total"] = banners + leaflets + boards + articles
			tr.vals["cases_total"] = evil + incidents
			if f, ok := tr.vals["leads_found"]; ok {
				tr.vals["leads_per_10k_publicity"] = f / tr.vals["publicity_total"] * 10000
			}
			if ui == 2 && y == 2020 {
				// A rectification report on the same unit-year with other
				// banner numbers: the year-end summary's value is kept.
				writeFile(t, filepath.Join(dir, fmt.Sprintf("%d_%s_巡察反馈问题整改情况报告.txt", y, u.name)), fmt.Sprintf(`%[1]s关于巡察反馈问题整改情况的报告

按照县委巡察组反馈意见，我局%[2]d年认真开展整改。整改期间悬挂宣传横幅%.0[3]f条。

%[1]s
%[2]d年11月20日
`, u.name, y, banners+7))
				tr.flags = append(tr.flags, "disagree:publicity_banners")
			}
			sort.Strings(tr.flags)
			want[u.name+"|"+fmt.Sprint(y)] = tr
		}
	}
	return want
}

func writeFile(t *testing.T, p, s string) {
	t.Helper()
	if err := os.WriteFile(p, []byte(s), 0o644); err != nil {
		t.Fatal(err)
	}
}

func runSynth(t *testing.T) (string, map[string]truth) {
	t.Helper()
	in, out := t.TempDir(), t.TempDir()
	want := writeSynthArchive(t, in)
	sum, err := jobs.Run(context.Background(), jobs.RunConfig{Inputs: []string{in}, Out: out})
	if err != nil {
		t.Fatal(err)
	}
	if sum.Failed > 0 {
		t.Fatalf("%d documents failed: %+v", sum.Failed, sum.Errors)
	}
	return out, want
}

// TestUnitYearSyntheticTruth: unit_year, read back from the published
// Parquet, equals the numbers the reports were written from.
func TestUnitYearSyntheticTruth(t *testing.T) {
	out, want := runSynth(t)
	rows, err := stats.ReadUnitYear(out)
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]*stats.UnitYear{}
	for _, r := range rows {
		got[r.UnitName+"|"+fmt.Sprint(r.Year)] = r
	}
	if len(got) != len(want) {
		var names []string
		for k := range got {
			names = append(names, k)
		}
		sort.Strings(names)
		t.Fatalf("got %d unit-years, want %d: %v", len(got), len(want), names)
	}
	for k, w := range want {
		r := got[k]
		if r == nil {
			t.Errorf("%s: no unit_year row", k)
			continue
		}
		for _, c := range append(append([]string(nil), stats.ValueColumns...), "leads_per_10k_publicity") {
			g, gok := r.Get(c)
			wv, wok := w.vals[c]
			if gok != wok || (wok && math.Abs(g-wv) > 1e-9*math.Max(1, math.Abs(wv))) {
				t.Errorf("%s %s = %v (known %v), want %v (known %v)", k, c, g, gok, wv, wok)
			}
			if wok && c != "publicity_total" && c != "cases_total" && c != "leads_per_10k_publicity" && r.Values[c].DocID == "" {
				t.Errorf("%s %s: no source document", k, c)
			}
		}
		if strings.Join(r.Flags, ",") != strings.Join(w.flags, ",") {
			t.Errorf("%s flags = %v, want %v", k, r.Flags, w.flags)
		}
		wantDocs := 1
		if strings.Contains(strings.Join(w.flags, ","), "disagree") {
			wantDocs = 2
		}
		if len(r.DocIDs) != wantDocs {
			t.Errorf("%s n_documents = %d, want %d", k, len(r.DocIDs), wantDocs)
		}
		if r.UnitKey == "" || r.UnitType == "" {
			t.Errorf("%s: unit identity missing: %+v", k, r)
		}
	}
	// Identity is resolved, not the raw string: one key per unit across years.
	keys := map[string]map[string]bool{}
	for _, r := range rows {
		if keys[r.UnitName] == nil {
			keys[r.UnitName] = map[string]bool{}
		}
		keys[r.UnitName][r.UnitKey] = true
	}
	for n, ks := range keys {
		if len(ks) != 1 {
			t.Errorf("%s has %d unit keys across years: %v", n, len(ks), ks)
		}
	}
}

// duckdb runs SQL with real DuckDB (load/loadtest: installs
// @duckdb/node-api into .ci/duckdb on first use; skips without node, except
// under CI=true) and returns the rows as JSON objects.
func duckdb(t *testing.T, sql string) []map[string]any {
	t.Helper()
	r, err := loadtest.DuckDB(t)(sql)
	if err != nil {
		t.Fatal(err)
	}
	return r.Rows
}

func num(t *testing.T, v any) float64 {
	t.Helper()
	switch x := v.(type) {
	case float64:
		return x
	case string:
		var f float64
		if _, err := fmt.Sscan(x, &f); err != nil {
			t.Fatalf("not a number: %q", x)
		}
		return f
	case nil:
		return math.NaN()
	}
	t.Fatalf("not a number: %T %v", v, v)
	return 0
}

func close9(a, b float64) bool {
	if math.IsNaN(a) || math.IsNaN(b) {
		return math.IsNaN(a) && math.IsNaN(b)
	}
	return math.Abs(a-b) <= 1e-9
}

// TestCorrelationsMatchDuckDB: the correlations table and type-7 quantiles
// equal DuckDB's corr, regr_slope/regr_intercept, a tie-averaged rank
// correlation and quantile_cont over the same unit_year rows, to 1e-9.
func TestCorrelationsMatchDuckDB(t *testing.T) {
	out, _ := runSynth(t)
	uy := filepath.ToSlash(filepath.Join(out, "unit_year", "*.parquet"))
	cs, err := stats.ReadCorrelations(out)
	if err != nil {
		t.Fatal(err)
	}
	rows := duckdb(t, fmt.Sprintf(`
with d as (
  select year, coalesce(unit_type, '') t, publicity_total x, leads_found y
  from read_parquet('%[1]s') where publicity_total is not null and leads_found is not null),
g as (select year, '' as grp, x, y from d union all select year, t as grp, x, y from d),
r as (select year, grp, x, y,
  rank() over (partition by year, grp order by x) + (count(*) over (partition by year, grp, x) - 1) / 2.0 rx,
  rank() over (partition by year, grp order by y) + (count(*) over (partition by year, grp, y) - 1) / 2.0 ry
  from g)
select year, grp, count(*)::double n, corr(x, y) pearson, corr(rx, ry) spearman,
  regr_slope(ln(1 + y), ln(1 + x)) slope, regr_intercept(ln(1 + y), ln(1 + x)) intercept
from r group by year, grp order by year, grp`, uy))
	if len(rows) != len(cs) {
		t.Fatalf("duckdb has %d groups, correlations table %d", len(rows), len(cs))
	}
	for i, r := range rows {
		c := cs[i]
		name := fmt.Sprintf("%d/%q", c.Year, c.UnitType)
		if int(num(t, r["year"])) != c.Year || r["grp"] != c.UnitType || int(num(t, r["n"])) != c.N {
			t.Fatalf("group %d: duckdb %v, table %+v", i, r, c)
		}
		if c.N < 3 {
			if !math.IsNaN(c.Pearson) || c.Note != "small_n" {
				t.Errorf("%s n=%d: want null statistics and small_n, got %+v", name, c.N, c)
			}
			continue
		}
		for _, p := range []struct {
			col  string
			mine float64
		}{{"pearson", c.Pearson}, {"spearman", c.Spearman}, {"slope", c.Slope}, {"intercept", c.Intercept}} {
			if d := num(t, r[p.col]); !close9(d, p.mine) {
				t.Errorf("%s %s = %.15g, duckdb %.15g", name, p.col, p.mine, d)
			}
		}
		if c.UnitType == "" && c.N >= stats.SmallN && c.Note != "" {
			t.Errorf("%s: n=%d noted %q", name, c.N, c.Note)
		}
		if !math.IsNaN(c.Pearson) && !(c.CILow <= c.Pearson+1e-12 && c.Pearson <= c.CIHigh+1e-12) && c.N >= stats.SmallN {
			t.Errorf("%s: bootstrap interval [%g, %g] excludes r=%g", name, c.CILow, c.CIHigh, c.Pearson)
		}
	}
	// The all-units rows are not small n here, so they must carry statistics.
	all := 0
	for _, c := range cs {
		if c.UnitType == "" {
			all++
			if c.N != len(synthUnits) && !(c.Year == 2021 && c.N == len(synthUnits)-1) {
				t.Errorf("%d: n = %d", c.Year, c.N)
			}
			if math.IsNaN(c.PValue) || math.IsNaN(c.CILow) {
				t.Errorf("%d: p-value or interval missing: %+v", c.Year, c)
			}
		}
	}
	if all != len(synthYears) {
		t.Errorf("%d all-unit rows, want %d", all, len(synthYears))
	}

	// Quantiles per unit type (type 7 = quantile_cont).
	qs := duckdb(t, fmt.Sprintf(`select year, unit_type t, quantile_cont(publicity_total, [0.1, 0.25, 0.5, 0.75, 0.9]) q
from read_parquet('%s') where publicity_total is not null group by all order by all`, uy))
	uyRows, err := stats.ReadUnitYear(out)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range qs {
		var xs []float64
		for _, u := range uyRows {
			if v, ok := u.Get("publicity_total"); ok && u.Year == int(num(t, r["year"])) && u.UnitType == r["t"] {
				xs = append(xs, v)
			}
		}
		sort.Float64s(xs)
		for i, p := range []float64{0.1, 0.25, 0.5, 0.75, 0.9} {
			d := num(t, r["q"].([]any)[i])
			if m := stats.Quantile7(p, xs); !close9(m, d) {
				t.Errorf("%v %v q%.2f = %.15g, duckdb %.15g", r["year"], r["t"], p, m, d)
			}
		}
	}
}
