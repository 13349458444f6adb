package jobs

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"os"
	"path"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/reportetl/reportetl/load"
)

// GoldLine is one line of a gold file (DESIGN.md): a fact line has Metric,
// a metadata line has Field.
type GoldLine struct {
	Doc       string          `json:"doc"`
	Metric    string          `json:"metric"`
	Value     json.RawMessage `json:"value"`
	Qualifier string          `json:"qualifier"`
	Optional  bool            `json:"optional"`
	Year      int             `json:"year"`
	Evidence  string          `json:"evidence"`
	Field     string          `json:"field"`
	ValueAny  []any           `json:"value_any"`
	line      int
}

// ReadGold parses a gold file, naming the line of any error.
func ReadGold(r io.Reader) ([]GoldLine, error) {
	var out []GoldLine
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<20), 1<<24)
	n := 0
	for sc.Scan() {
		n++
		s := strings.TrimSpace(sc.Text())
		if s == "" || strings.HasPrefix(s, "#") {
			continue
		}
		var g GoldLine
		if err := json.Unmarshal([]byte(s), &g); err != nil {
			return nil, fmt.Errorf("gold line %d: %w", n, err)
		}
		if g.Doc == "" || (g.Metric == "" && g.Field == "") {
			return nil, fmt.Errorf("gold line %d: needs \"doc\" and \"metric\" or \"field\"", n)
		}
		g.line = n
		out = append(out, g)
	}
	return out, sc.Err()
}

// produced fact, as read back from the dataset.
type prodFact struct {
	doc, metric, qualifier, evidence, rule string
	value                                  *float64
	year                                   int
}

// MetricScore is precision/recall for one metric.
type MetricScore struct {
	Metric                      string
	Produced, Matched, Required int
	RequiredMatched             int
	Precision, Recall, F1       float64
}

// EvalReport is the outcome of scoring a dataset against a gold file.
type EvalReport struct {
	Docs                         int
	MissingDocs                  []string
	Overall                      MetricScore
	PerMetric                    []MetricScore
	QualifierRight, QualifierAll int
	YearRight, YearAll           int
	MetaRight, MetaAll           int
	MetaByField                  map[string][2]int
	Misses, Extras, MetaWrong    []string
}

func (r *EvalReport) QualifierAccuracy() float64 { return ratio(r.QualifierRight, r.QualifierAll) }
func (r *EvalReport) MetaAccuracy() float64      { return ratio(r.MetaRight, r.MetaAll) }

func ratio(a, b int) float64 {
	if b == 0 {
		return math.NaN()
	}
	return float64(a) / float64(b)
}

// Eval scores the published dataset under out against gold with DESIGN.md's
// rule: a produced fact matches a gold fact of the same document, metric and
// value (null = null), each gold line at most once; recall counts required
// lines, precision counts produced facts matching any line. Only documents
// named in the gold file are scored.
func Eval(out string, gold []GoldLine) (*EvalReport, error) {
	docs := map[string]load.Row{} // gold doc name -> documents row
	goldDocs := map[string]bool{}
	for _, g := range gold {
		goldDocs[g.Doc] = true
	}
	key := func(source string) string {
		if goldDocs[source] {
			return source
		}
		return path.Base(source)
	}
	err := load.ReadTable(out, "documents", func(r load.Row) error {
		docs[key(r.Str("source"))] = r
		return nil
	})
	if err != nil {
		return nil, err
	}
	facts := map[string][]prodFact{}
	err = load.ReadTable(out, "facts", func(r load.Row) error {
		k := key(r.Str("source"))
		if !goldDocs[k] {
			return nil
		}
		f := prodFact{doc: k, metric: r.Str("metric"), qualifier: r.Str("qualifier"), evidence: r.Str("evidence"), rule: r.Str("rule"), year: int(r.Int("year"))}
		if v, ok := r.Float("value"); ok {
			f.value = &v
		}
		facts[k] = append(facts[k], f)
		return nil
	})
	if err != nil {
		return nil, err
	}
	rep := &EvalReport{MetaByField: map[string][2]int{}}
	per := map[string]*MetricScore{}
	ms := func(m string) *MetricScore {
		if per[m] == nil {
			per[m] = &MetricScore{Metric: m}
		}
		return per[m]
	}
	byDoc := map[string][]*GoldLine{}
	var names []string
	for i := range gold {
		g := &gold[i]
		if _, ok := byDoc[g.Doc]; !ok {
			names = append(names, g.Doc)
		}
		byDoc[g.Doc] = append(byDoc[g.Doc], g)
	}
	sort.Strings(names)
	for _, name := range names {
		lines := byDoc[name]
		rep.Docs++
		drow, present := docs[name]
		if !present {
			rep.MissingDocs = append(rep.MissingDocs, name)
		}
		used := make([]bool, len(lines))
		for _, f := range facts[name] {
			s := ms(f.metric)
			s.Produced++
			rep.Overall.Produced++
			// Required lines first, so an optional line never steals a
			// match that recall needs.
			best := -1
			for pass := 0; pass < 2 && best < 0; pass++ {
				for i, g := range lines {
					if used[i] || g.Metric != f.metric || g.Optional != (pass == 1) || !sameValue(g.Value, f.value) {
						continue
					}
					best = i
					break
				}
			}
			if best < 0 {
				rep.Extras = append(rep.Extras, fmt.Sprintf("%s: %s=%s %s «%s» [%s]", name, f.metric, fmtVal(f.value), f.qualifier, f.evidence, f.rule))
				continue
			}
			used[best] = true
			g := lines[best]
			s.Matched++
			rep.Overall.Matched++
			if g.Qualifier != "" {
				rep.QualifierAll++
				if g.Qualifier == f.qualifier {
					rep.QualifierRight++
				}
			}
			if g.Year != 0 {
				rep.YearAll++
				if g.Year == f.year {
					rep.YearRight++
				}
			}
		}
		for i, g := range lines {
			switch {
			case g.Metric != "" && !g.Optional:
				s := ms(g.Metric)
				s.Required++
				rep.Overall.Required++
				if used[i] {
					s.RequiredMatched++
					rep.Overall.RequiredMatched++
				} else {
					rep.Misses = append(rep.Misses, fmt.Sprintf("%s: %s=%s %s «%s»", name, g.Metric, string(g.Value), g.Qualifier, g.Evidence))
				}
			case g.Field != "":
				ok := present && metaMatches(g, drow)
				c := rep.MetaByField[g.Field]
				c[1]++
				rep.MetaAll++
				if ok {
					c[0]++
					rep.MetaRight++
				} else {
					got := "(document missing)"
					if present {
						got = fmt.Sprint(metaValue(g.Field, drow))
					}
					rep.MetaWrong = append(rep.MetaWrong, fmt.Sprintf("%s: %s = %s, want %s", name, g.Field, got, wantString(g)))
				}
				rep.MetaByField[g.Field] = c
			}
		}
	}
	score(&rep.Overall)
	for _, s := range per {
		score(s)
		rep.PerMetric = append(rep.PerMetric, *s)
	}
	sort.Slice(rep.PerMetric, func(i, j int) bool { return rep.PerMetric[i].Metric < rep.PerMetric[j].Metric })
	return rep, nil
}

func score(s *MetricScore) {
	s.Precision = ratio(s.Matched, s.Produced)
	s.Recall = ratio(s.RequiredMatched, s.Required)
	if s.Precision+s.Recall > 0 {
		s.F1 = 2 * s.Precision * s.Recall / (s.Precision + s.Recall)
	} else {
		s.F1 = 0
	}
}

func sameValue(raw json.RawMessage, v *float64) bool {
	s := strings.TrimSpace(string(raw))
	if s == "" || s == "null" {
		return v == nil
	}
	if v == nil {
		return false
	}
	g, err := strconv.ParseFloat(s, 64)
	return err == nil && math.Abs(g-*v) < 1e-9
}

func fmtVal(v *float64) string {
	if v == nil {
		return "null"
	}
	return strconv.FormatFloat(*v, 'f', -1, 64)
}

func metaValue(field string, r load.Row) any {
	v := r[field]
	if t, ok := v.(time.Time); ok {
		return t.Format("2006-01-02")
	}
	return v
}

func metaMatches(g *GoldLine, r load.Row) bool {
	got := fmt.Sprint(metaValue(g.Field, r))
	if metaValue(g.Field, r) == nil {
		got = ""
	}
	want := []any{}
	if len(g.Value) > 0 {
		var v any
		json.Unmarshal(g.Value, &v)
		want = append(want, v)
	}
	want = append(want, g.ValueAny...)
	for _, w := range want {
		ws := fmt.Sprint(w)
		if f, ok := w.(float64); ok {
			ws = strconv.FormatFloat(f, 'f', -1, 64)
		}
		if strings.EqualFold(ws, got) {
			return true
		}
	}
	return false
}

func wantString(g *GoldLine) string {
	if len(g.Value) > 0 {
		return string(g.Value)
	}
	b, _ := json.Marshal(g.ValueAny)
	return string(b)
}

// ReadGoldFile opens and parses a gold file.
func ReadGoldFile(p string) ([]GoldLine, error) {
	f, err := os.Open(p)
	if err != nil {
		return nil, fmt.Errorf("gold: %w", err)
	}
	defer f.Close()
	g, err := ReadGold(f)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", p, err)
	}
	return g, nil
}

// Print writes the report for people.
func (r *EvalReport) Print(w io.Writer, details bool) {
	fmt.Fprintf(w, "documents scored: %d", r.Docs)
	if len(r.MissingDocs) > 0 {
		fmt.Fprintf(w, " (%d missing from the output: %s)", len(r.MissingDocs), strings.Join(r.MissingDocs, ", "))
	}
	fmt.Fprintln(w)
	fmt.Fprintf(w, "%-22s %8s %8s %8s %8s %8s %8s\n", "metric", "produced", "matched", "required", "precision", "recall", "F1")
	row := func(s MetricScore) {
		fmt.Fprintf(w, "%-22s %8d %8d %8d %9s %8s %8s\n", s.Metric, s.Produced, s.Matched, s.Required, pct(s.Precision), pct(s.Recall), pct(s.F1))
	}
	for _, s := range r.PerMetric {
		row(s)
	}
	o := r.Overall
	o.Metric = "OVERALL"
	row(o)
	fmt.Fprintf(w, "qualifier accuracy: %s (%d/%d matched facts)\n", pct(r.QualifierAccuracy()), r.QualifierRight, r.QualifierAll)
	fmt.Fprintf(w, "year accuracy:      %s (%d/%d matched facts with a gold year)\n", pct(ratio(r.YearRight, r.YearAll)), r.YearRight, r.YearAll)
	fmt.Fprintf(w, "metadata accuracy:  %s (%d/%d)", pct(r.MetaAccuracy()), r.MetaRight, r.MetaAll)
	var fields []string
	for f := range r.MetaByField {
		fields = append(fields, f)
	}
	sort.Strings(fields)
	for _, f := range fields {
		c := r.MetaByField[f]
		fmt.Fprintf(w, " · %s %d/%d", f, c[0], c[1])
	}
	fmt.Fprintln(w)
	if !details {
		return
	}
	section := func(title string, xs []string) {
		if len(xs) == 0 {
			return
		}
		fmt.Fprintf(w, "\n%s (%d):\n", title, len(xs))
		for _, x := range xs {
			fmt.Fprintln(w, "  "+x)
		}
	}
	section("misses (required gold facts not produced)", r.Misses)
	section("extras (produced facts matching no gold line)", r.Extras)
	section("metadata wrong", r.MetaWrong)
}

func pct(f float64) string {
	if math.IsNaN(f) {
		return "n/a"
	}
	return strconv.FormatFloat(f, 'f', 3, 64)
}
