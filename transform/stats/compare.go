package stats

import (
	"math"
	"sort"
)

// Change is one unit's year-over-year change of one column.
type Change struct {
	Unit     *UnitYear // the row of the later year
	Base     *UnitYear // the row of the earlier year
	Column   string
	From, To float64
	Delta    float64
	Pct      float64 // NaN when From is 0
}

// YearOverYear pairs the units present in both years (matched by unit_key)
// and gives the change of each column known in both.
func YearOverYear(rows []*UnitYear, year, base int, cols []string) []Change {
	prev := map[string]*UnitYear{}
	for _, r := range rows {
		if r.Year == base {
			prev[r.UnitKey] = r
		}
	}
	var out []Change
	for _, r := range rows {
		b := prev[r.UnitKey]
		if r.Year != year || b == nil {
			continue
		}
		for _, c := range cols {
			to, ok1 := r.Get(c)
			from, ok2 := b.Get(c)
			if !ok1 || !ok2 {
				continue
			}
			ch := Change{Unit: r, Base: b, Column: c, From: from, To: to, Delta: to - from, Pct: math.NaN()}
			if from != 0 {
				ch.Pct = (to - from) / from * 100
			}
			out = append(out, ch)
		}
	}
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].Unit.UnitType != out[j].Unit.UnitType {
			return out[i].Unit.UnitType < out[j].Unit.UnitType
		}
		return out[i].Unit.UnitKey < out[j].Unit.UnitKey
	})
	return out
}

// OutlierZ is the modified z-score above which a value is an outlier
// (Iglewicz & Hoaglin): |0.6745·(x − median)/MAD| > 3.5.
const OutlierZ = 3.5

// OutlierMinGroup is the smallest unit-type group screened for outliers:
// with fewer units the median and MAD say nothing.
const OutlierMinGroup = 5

// Outlier is a unit whose value is far from its unit type's median.
type Outlier struct {
	Row         *UnitYear
	Column      string
	Value       float64
	Median, MAD float64 // of log1p values within the unit type
	Z           float64 // modified z-score of log1p(Value)
}

// Outliers screens each column per unit type in one year with the robust
// modified z-score on log1p values (counts span orders of magnitude, so a
// log scale keeps one big county from masking everyone else).
func Outliers(rows []*UnitYear, year int, cols []string) []Outlier {
	byType := map[string][]*UnitYear{}
	var types []string
	for _, r := range rows {
		if r.Year != year {
			continue
		}
		if _, ok := byType[r.UnitType]; !ok {
			types = append(types, r.UnitType)
		}
		byType[r.UnitType] = append(byType[r.UnitType], r)
	}
	sort.Strings(types)
	var out []Outlier
	for _, typ := range types {
		for _, c := range cols {
			var rs []*UnitYear
			var ls []float64
			for _, r := range byType[typ] {
				if v, ok := r.Get(c); ok {
					rs = append(rs, r)
					ls = append(ls, math.Log1p(v))
				}
			}
			if len(ls) < OutlierMinGroup {
				continue
			}
			med := Median(ls)
			dev := make([]float64, len(ls))
			for i, l := range ls {
				dev[i] = math.Abs(l - med)
			}
			mad := Median(dev)
			if mad == 0 {
				continue
			}
			for i, l := range ls {
				z := 0.6745 * (l - med) / mad
				if math.Abs(z) > OutlierZ {
					v, _ := rs[i].Get(c)
					out = append(out, Outlier{Row: rs[i], Column: c, Value: v, Median: med, MAD: mad, Z: z})
				}
			}
		}
	}
	return out
}

// TypeQuantiles are the type-7 quartiles of one column per unit type.
type TypeQuantiles struct {
	UnitType   string
	N          int
	Q1, Q2, Q3 float64
}

// Quartiles gives, per unit type in one year, the type-7 quartiles of col.
func Quartiles(rows []*UnitYear, year int, col string) []TypeQuantiles {
	vals := map[string][]float64{}
	for _, r := range rows {
		if v, ok := r.Get(col); ok && r.Year == year {
			vals[r.UnitType] = append(vals[r.UnitType], v)
		}
	}
	var out []TypeQuantiles
	for typ, xs := range vals {
		sort.Float64s(xs)
		out = append(out, TypeQuantiles{UnitType: typ, N: len(xs),
			Q1: Quantile7(0.25, xs), Q2: Quantile7(0.5, xs), Q3: Quantile7(0.75, xs)})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].UnitType < out[j].UnitType })
	return out
}
