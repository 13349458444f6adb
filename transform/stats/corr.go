package stats

import (
	"math"
	"math/rand/v2"
	"runtime"
	"sort"
	"sync"

	"gonum.org/v1/gonum/stat"
	"gonum.org/v1/gonum/stat/distuv"
)

// SmallN is the sample size below which a correlation is labelled small n
// (and never starred). Below 3 nothing is computed.
const SmallN = 10

// BootstrapB is the number of bootstrap resamples behind ci_low/ci_high.
const BootstrapB = 2000

// Pearson is the sample correlation coefficient; NaN when n < 2 or x or y
// is constant.
func Pearson(x, y []float64) float64 {
	if len(x) < 2 || constant(x) || constant(y) {
		return math.NaN()
	}
	// Rounding can push |r| a hair past 1; a correlation never is.
	return math.Max(-1, math.Min(1, stat.Correlation(x, y, nil)))
}

// Spearman is Pearson's r of the tie-averaged ranks (gonum has none).
func Spearman(x, y []float64) float64 {
	return Pearson(Ranks(x), Ranks(y))
}

// Ranks gives 1-based ranks, ties getting the average of the ranks they
// span (the "fractional" ranking Spearman's rho with ties needs).
func Ranks(x []float64) []float64 {
	idx := make([]int, len(x))
	for i := range idx {
		idx[i] = i
	}
	sort.SliceStable(idx, func(a, b int) bool { return x[idx[a]] < x[idx[b]] })
	r := make([]float64, len(x))
	for i := 0; i < len(idx); {
		j := i
		for j+1 < len(idx) && x[idx[j+1]] == x[idx[i]] {
			j++
		}
		avg := float64(i+j)/2 + 1
		for k := i; k <= j; k++ {
			r[idx[k]] = avg
		}
		i = j + 1
	}
	return r
}

// PValue is the two-sided p-value of H0: ρ = 0 for a sample correlation r
// of n pairs, from Student's t with n−2 degrees of freedom.
func PValue(r float64, n int) float64 {
	if n < 3 || math.IsNaN(r) {
		return math.NaN()
	}
	if math.Abs(r) >= 1 {
		return 0
	}
	df := float64(n - 2)
	t := r * math.Sqrt(df/(1-r*r))
	return 2 * distuv.StudentsT{Mu: 0, Sigma: 1, Nu: df}.Survival(math.Abs(t))
}

// BootstrapCI is the percentile 95% interval of Pearson's r over B resamples
// of the pairs, drawn from a PCG seeded with seed, so a rerun on the same
// data gives the same interval. Resamples with a constant side are skipped.
func BootstrapCI(x, y []float64, b int, seed uint64) (lo, hi float64) {
	n := len(x)
	if n < 3 {
		return math.NaN(), math.NaN()
	}
	rng := rand.New(rand.NewPCG(seed, 0x5eed))
	rs := make([]float64, 0, b)
	bx, by := make([]float64, n), make([]float64, n)
	for range b {
		for i := range n {
			k := rng.IntN(n)
			bx[i], by[i] = x[k], y[k]
		}
		if r := Pearson(bx, by); !math.IsNaN(r) {
			rs = append(rs, r)
		}
	}
	if len(rs) == 0 {
		return math.NaN(), math.NaN()
	}
	sort.Float64s(rs)
	return Quantile7(0.025, rs), Quantile7(0.975, rs)
}

// LogOLS fits log1p(y) = intercept + slope·log1p(x) by least squares.
func LogOLS(x, y []float64) (slope, intercept float64) {
	if len(x) < 2 || constant(x) {
		return math.NaN(), math.NaN()
	}
	lx, ly := make([]float64, len(x)), make([]float64, len(y))
	for i := range x {
		lx[i], ly[i] = math.Log1p(x[i]), math.Log1p(y[i])
	}
	intercept, slope = stat.LinearRegression(lx, ly, nil, false)
	return slope, intercept
}

// Quantile7 is the type-7 (numpy/R default, DuckDB quantile_cont) quantile
// of sorted data: linear interpolation between order statistics at
// h = (n−1)p. gonum's stat.Quantile implements other definitions and panics
// on unsorted input, hence this. It panics if sorted is not sorted, too,
// because a silent wrong answer is worse.
func Quantile7(p float64, sorted []float64) float64 {
	n := len(sorted)
	if n == 0 || math.IsNaN(p) || p < 0 || p > 1 {
		return math.NaN()
	}
	if !sort.Float64sAreSorted(sorted) {
		panic("stats.Quantile7: data not sorted")
	}
	h := float64(n-1) * p
	lo := math.Floor(h)
	i := int(lo)
	if i >= n-1 {
		return sorted[n-1]
	}
	return sorted[i] + (h-lo)*(sorted[i+1]-sorted[i])
}

// Median is the type-7 median of unsorted data (the input is not modified).
func Median(x []float64) float64 {
	s := append([]float64(nil), x...)
	sort.Float64s(s)
	return Quantile7(0.5, s)
}

func constant(x []float64) bool {
	for _, v := range x[1:] {
		if v != x[0] {
			return false
		}
	}
	return true
}

// Correlation is one row of the correlations table.
type Correlation struct {
	Year              int
	UnitType          string // "" = all units
	X, Y              string
	N                 int
	Pearson, Spearman float64 // NaN = null
	PValue            float64
	CILow, CIHigh     float64
	Slope, Intercept  float64
	Note              string // small_n | constant | ""
}

// Significant reports whether the correlation earns a star: p < 0.05 with a
// sample that is not small.
func (c Correlation) Significant() bool {
	return c.N >= SmallN && c.Note == "" && !math.IsNaN(c.PValue) && c.PValue < 0.05
}

// Correlate computes one correlations row from paired observations.
func Correlate(year int, unitType string, x, y []float64) Correlation {
	c := Correlation{Year: year, UnitType: unitType, X: "publicity_total", Y: "leads_found", N: len(x)}
	nan := math.NaN()
	c.Pearson, c.Spearman, c.PValue, c.CILow, c.CIHigh, c.Slope, c.Intercept = nan, nan, nan, nan, nan, nan, nan
	switch {
	case len(x) < SmallN:
		c.Note = "small_n"
	}
	if len(x) < 3 {
		return c
	}
	if constant(x) || constant(y) {
		if c.Note == "" {
			c.Note = "constant"
		}
		c.Slope, c.Intercept = LogOLS(x, y)
		return c
	}
	c.Pearson = Pearson(x, y)
	c.Spearman = Spearman(x, y)
	c.PValue = PValue(c.Pearson, len(x))
	c.CILow, c.CIHigh = BootstrapCI(x, y, BootstrapB, seedOf(year, unitType))
	c.Slope, c.Intercept = LogOLS(x, y)
	return c
}

// seedOf derives the bootstrap seed from the group, so every group's
// interval is reproducible independently of the others (FNV-1a).
func seedOf(year int, unitType string) uint64 {
	h := uint64(14695981039346656037)
	for _, b := range []byte(unitType) {
		h = (h ^ uint64(b)) * 1099511628211
	}
	return h ^ uint64(year)
}

// Correlations computes, for every year, one row over all units with both
// publicity_total and leads_found known, and one row per unit type.
func Correlations(rows []*UnitYear) []Correlation {
	type key struct {
		year int
		typ  string
	}
	xs, ys := map[key][]float64{}, map[key][]float64{}
	var keys []key
	add := func(k key, x, y float64) {
		if _, ok := xs[k]; !ok {
			keys = append(keys, k)
		}
		xs[k] = append(xs[k], x)
		ys[k] = append(ys[k], y)
	}
	for _, r := range rows {
		x, okx := r.Get("publicity_total")
		y, oky := r.Get("leads_found")
		if !okx || !oky {
			continue
		}
		add(key{r.Year, ""}, x, y)
		add(key{r.Year, r.UnitType}, x, y)
	}
	sort.Slice(keys, func(i, j int) bool {
		if keys[i].year != keys[j].year {
			return keys[i].year < keys[j].year
		}
		return keys[i].typ < keys[j].typ
	})
	// Each row's bootstrap has its own seed, so the rows are computed side
	// by side on every core (the run's other work is done by now) and come
	// out the same in any order.
	out := make([]Correlation, len(keys))
	next := make(chan int, len(keys))
	for i := range keys {
		next <- i
	}
	close(next)
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), len(keys)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				k := keys[i]
				out[i] = Correlate(k.year, k.typ, xs[k], ys[k])
			}
		}()
	}
	wg.Wait()
	return out
}
