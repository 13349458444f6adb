// Package report renders the annual comparison report from a published
// dataset: a self-contained HTML file (inline CSS and SVG, no scripts, no
// external resources) and a Markdown version, both in Chinese. Every number
// links to the facts it was added up from (document, page, sentence). All
// text taken from documents goes through html/template (HTML) or mdEscape
// (Markdown), never into the output verbatim.
package report

import (
	"fmt"
	"math"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"

	"github.com/reportetl/reportetl/load"
	"github.com/reportetl/reportetl/transform/stats"
)

// Options select what the report covers.
type Options struct {
	Year    int
	Compare int // the base year of the year-over-year table; 0 = none
}

// Cell is one traceable number.
type Cell struct {
	Text  string // formatted value, "—" when unknown
	Known bool
	Href  string // anchor of the first fact behind the value ("" for derived values)
	Tip   string // source document, page and sentence of every fact
	Refs  []int  // fact numbers in the appendix (Markdown footnotes)
	Flag  bool   // the value carries a quality flag
}

// FactRef is one fact in the appendix.
type FactRef struct {
	N        int
	ID       string
	Anchor   string
	DocID    string
	DocTitle string
	Source   string
	Page     int
	Chars    string
	Metric   string
	Value    string
	Evidence string
}

// DocRef is one document in the appendix.
type DocRef struct {
	ID, Anchor, Title, Source, Kind, Date, Unit string
	Year                                        int
}

// RankRow is one unit in a ranking table.
type RankRow struct {
	Rank                            int
	Unit, UnitAnchor                string
	Publicity, Leads, Per10k, Cases Cell
	Flags                           string
}

// TypeSection is the ranking of one unit type.
type TypeSection struct {
	Type, Label string
	Rows        []RankRow
	N           int
	Q1, Q2, Q3  string // type-7 quartiles of publicity_total
}

// CorrRow is one correlations row for display.
type CorrRow struct {
	Group                                 string
	N                                     int
	Pearson, Spearman, P, CI, Slope, Note string
	Star                                  bool
}

// YoYRow is one unit's year-over-year change.
type YoYRow struct {
	Unit, Type, Metric string
	From, To           Cell
	Delta, Pct         string
}

// OutRow is one outlier.
type OutRow struct {
	Unit, Type, Metric string
	Value              Cell
	Median, Z          string
}

// QualityRow lists the flags of one unit-year.
type QualityRow struct {
	Unit, Type string
	Flags      []string
	Docs       []DocRef
}

// Point is one unit in the scatter plot (SVG user units).
type Point struct {
	X, Y  float64
	Color string
	Tip   string
	Href  string
}

// Tick is one axis tick.
type Tick struct {
	Pos   float64
	Label string
}

// Scatter is the publicity-vs-leads chart.
type Scatter struct {
	W, H, L, R, T, B float64 // size and plot margins
	Points           []Point
	XTicks, YTicks   []Tick
	Line             bool
	X1, Y1, X2, Y2   float64
	LineLabel        string
	Legend           []LegendItem
}

// LegendItem is one colour of the scatter plot.
type LegendItem struct {
	Label, Color string
	Y            float64
}

// Report is everything the templates render.
type Report struct {
	Year, Compare      int
	RunID              string
	Units, Docs, Facts int
	PublicitySum       string
	LeadsSum           string
	FlaggedUnits       int
	Headline           string
	Types              []TypeSection
	Corr               []CorrRow
	Scatter            Scatter
	YoY                []YoYRow
	Outliers           []OutRow
	Quality            []QualityRow
	Unresolved         []DocRef
	FactRefs           []FactRef
	DocRefs            []DocRef
	Method             []string
}

// TypeLabels are the Chinese names of DESIGN.md's unit types.
var TypeLabels = map[string]string{
	"county": "县（区）", "city": "市", "province": "省", "department": "部门（局、办、委）",
	"township": "乡镇（街道）", "village": "村（社区）", "school": "学校", "enterprise": "企业",
	"hospital": "医院", "other": "其他",
}

// ColumnLabels are the Chinese names of unit_year columns.
var ColumnLabels = map[string]string{
	"publicity_total": "宣传品总量", "publicity_banners": "横幅", "publicity_slogans": "标语",
	"publicity_notices": "公告/通告", "publicity_leaflets": "宣传单/资料", "publicity_brochures": "宣传册",
	"publicity_boards": "展板/宣传栏", "publicity_screens": "电子屏", "publicity_articles": "稿件/信息",
	"publicity_videos": "视频", "publicity_events": "宣传活动", "publicity_vehicles": "宣传车",
	"publicity_sites": "宣传点", "publicity_messages": "短信/推送", "leads_found": "摸排线索",
	"leads_received": "受理线索", "leads_transferred": "移送线索", "leads_closed": "办结线索",
	"cases_gang": "涉黑案件", "cases_evil": "涉恶案件", "cases_umbrella": "保护伞", "cases_incidents": "其他案件",
	"cases_total": "案件合计", "leads_per_10k_publicity": "每万件宣传品线索数",
}

// FlagLabels explain quality flag kinds.
var FlagLabels = map[string]string{
	"approx": "约数（余、约、近）", "redacted": "数字被隐去（xx）", "breakdown_mismatch": "分项与合计不符",
	"disagree": "多份文件数字不一致", "repeated_value": "同一数字重复表述，只计一次", "plan_target": "取自计划（目标数）",
}

var typeColors = map[string]string{
	"county": "#1f77b4", "city": "#17becf", "province": "#9467bd", "department": "#ff7f0e",
	"township": "#2ca02c", "village": "#8c564b", "school": "#d62728", "enterprise": "#e377c2",
	"hospital": "#bcbd22", "other": "#7f7f7f",
}

func label(m map[string]string, k string) string {
	if v, ok := m[k]; ok {
		return v
	}
	return k
}

// FlagText turns "approx:publicity_banners" into Chinese.
func FlagText(f string) string {
	kind, col, _ := strings.Cut(f, ":")
	return label(ColumnLabels, col) + "：" + label(FlagLabels, kind)
}

// Num formats a count: integers without decimals and with thousands
// separators, other values with two decimals.
func Num(v float64) string {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return "—"
	}
	s := strconv.FormatFloat(math.Abs(v), 'f', 2, 64)
	if v == math.Trunc(v) && math.Abs(v) < 1e15 {
		s = strconv.FormatInt(int64(math.Abs(v)), 10)
	}
	ip, frac, _ := strings.Cut(s, ".")
	var b strings.Builder
	if v < 0 {
		b.WriteByte('-')
	}
	for i, c := range ip {
		if i > 0 && (len(ip)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	if frac != "" {
		b.WriteString("." + frac)
	}
	return b.String()
}

func fixed(v float64, d int) string {
	if math.IsNaN(v) {
		return "—"
	}
	return strconv.FormatFloat(v, 'f', d, 64)
}

// Build reads the published dataset under out and prepares the report.
func Build(out string, opt Options) (*Report, error) {
	rows, err := stats.ReadUnitYear(out)
	if err != nil {
		return nil, err
	}
	corr, err := stats.ReadCorrelations(out)
	if err != nil {
		return nil, err
	}
	docs, err := stats.ReadDocs(out)
	if err != nil {
		return nil, err
	}
	facts, err := stats.ReadFacts(out)
	if err != nil {
		return nil, err
	}
	rep := build(opt, rows, corr, docs, facts)
	if files, err := load.TableFiles(out, stats.TableUnitYear); err == nil && len(files) > 0 {
		if info, err := load.Describe(files[0]); err == nil {
			rep.RunID = info.Meta["reportetl.run_id"]
		}
	}
	return rep, nil
}

// Years lists the years that have unit_year rows, for error messages.
func Years(rows []*stats.UnitYear) []int {
	seen := map[int]bool{}
	var ys []int
	for _, r := range rows {
		if !seen[r.Year] {
			seen[r.Year] = true
			ys = append(ys, r.Year)
		}
	}
	sort.Ints(ys)
	return ys
}

// ErrNoData is returned when the requested year has no unit_year rows.
type ErrNoData struct {
	Year      int
	Available []int
}

func (e *ErrNoData) Error() string {
	return fmt.Sprintf("no unit_year rows for %d (years with data: %v)", e.Year, e.Available)
}

// BuildChecked is Build plus a check that the year has data.
func BuildChecked(out string, opt Options) (*Report, error) {
	rows, err := stats.ReadUnitYear(out)
	if err != nil {
		return nil, err
	}
	has := false
	for _, r := range rows {
		has = has || r.Year == opt.Year
	}
	if !has {
		return nil, &ErrNoData{Year: opt.Year, Available: Years(rows)}
	}
	return Build(out, opt)
}

type builder struct {
	rep      *Report
	docs     map[string]*stats.Doc
	facts    map[string]*stats.Fact
	factRefs map[string]*FactRef
	docRefs  map[string]bool
}

func build(opt Options, rows []*stats.UnitYear, corr []stats.Correlation, docs []stats.Doc, facts []stats.Fact) *Report {
	b := &builder{
		rep:      &Report{Year: opt.Year, Compare: opt.Compare},
		docs:     map[string]*stats.Doc{},
		facts:    map[string]*stats.Fact{},
		factRefs: map[string]*FactRef{},
		docRefs:  map[string]bool{},
	}
	for i := range docs {
		b.docs[docs[i].ID] = &docs[i]
	}
	for i := range facts {
		b.facts[facts[i].ID] = &facts[i]
	}
	rep := b.rep
	var cur []*stats.UnitYear
	for _, r := range rows {
		if r.Year == opt.Year {
			cur = append(cur, r)
		}
	}

	// Overview.
	var pub, leads float64
	docSet := map[string]bool{}
	for _, r := range cur {
		if v, ok := r.Get("publicity_total"); ok {
			pub += v
		}
		if v, ok := r.Get("leads_found"); ok {
			leads += v
		}
		for _, d := range r.DocIDs {
			docSet[d] = true
		}
		if len(r.Flags) > 0 {
			rep.FlaggedUnits++
		}
	}
	for _, f := range facts {
		if d := b.docs[f.DocID]; d != nil && d.UnitKey != "" && (f.Year == opt.Year || f.Year == 0 && d.Year == opt.Year) {
			rep.Facts++
		}
	}
	rep.Units, rep.Docs = len(cur), len(docSet)
	rep.PublicitySum, rep.LeadsSum = Num(pub), Num(leads)

	// Rankings by unit type, largest publicity first.
	byType := map[string][]*stats.UnitYear{}
	for _, r := range cur {
		byType[r.UnitType] = append(byType[r.UnitType], r)
	}
	types := make([]string, 0, len(byType))
	for t := range byType {
		types = append(types, t)
	}
	sort.Strings(types)
	quart := map[string]stats.TypeQuantiles{}
	for _, q := range stats.Quartiles(rows, opt.Year, "publicity_total") {
		quart[q.UnitType] = q
	}
	for _, t := range types {
		rs := byType[t]
		sort.SliceStable(rs, func(i, j int) bool {
			a, aok := rs[i].Get("publicity_total")
			c, cok := rs[j].Get("publicity_total")
			if aok != cok {
				return aok
			}
			if a != c {
				return a > c
			}
			return rs[i].UnitName < rs[j].UnitName
		})
		sec := TypeSection{Type: t, Label: label(TypeLabels, t), N: len(rs), Q1: "—", Q2: "—", Q3: "—"}
		if q, ok := quart[t]; ok {
			sec.Q1, sec.Q2, sec.Q3 = Num(round2(q.Q1)), Num(round2(q.Q2)), Num(round2(q.Q3))
		}
		for i, r := range rs {
			var fl []string
			for _, f := range r.Flags {
				fl = append(fl, FlagText(f))
			}
			sec.Rows = append(sec.Rows, RankRow{
				Rank: i + 1, Unit: r.UnitName, UnitAnchor: unitAnchor(r),
				Publicity: b.cell(r, "publicity_total"), Leads: b.cell(r, "leads_found"),
				Per10k: b.cell(r, "leads_per_10k_publicity"), Cases: b.cell(r, "cases_total"),
				Flags: strings.Join(fl, "；"),
			})
		}
		rep.Types = append(rep.Types, sec)
	}

	// Correlations of the year.
	var all *stats.Correlation
	for i, c := range corr {
		if c.Year != opt.Year {
			continue
		}
		if c.UnitType == "" {
			all = &corr[i]
		}
		g := "全部单位"
		if c.UnitType != "" {
			g = label(TypeLabels, c.UnitType)
		}
		cr := CorrRow{Group: g, N: c.N, Pearson: fixed(c.Pearson, 3), Spearman: fixed(c.Spearman, 3),
			P: pfmt(c.PValue), CI: "—", Slope: fixed(c.Slope, 3), Star: c.Significant()}
		if !math.IsNaN(c.CILow) {
			cr.CI = "[" + fixed(c.CILow, 3) + ", " + fixed(c.CIHigh, 3) + "]"
		}
		switch c.Note {
		case "small_n":
			cr.Note = fmt.Sprintf("样本量小（n=%d），仅供参考", c.N)
			if c.N < 3 {
				cr.Note = fmt.Sprintf("样本量小（n=%d），无法计算", c.N)
			}
		case "constant":
			cr.Note = "取值无变化，无法计算相关"
		}
		rep.Corr = append(rep.Corr, cr)
	}
	rep.Headline = headline(all)
	rep.Scatter = b.scatter(cur, all)

	// Year over year.
	if opt.Compare != 0 {
		for _, ch := range stats.YearOverYear(rows, opt.Year, opt.Compare, []string{"publicity_total", "leads_found", "cases_total"}) {
			pct := "—"
			if !math.IsNaN(ch.Pct) {
				pct = fmt.Sprintf("%+.1f%%", ch.Pct)
			}
			delta := Num(ch.Delta)
			if ch.Delta > 0 {
				delta = "+" + delta
			}
			rep.YoY = append(rep.YoY, YoYRow{Unit: ch.Unit.UnitName, Type: label(TypeLabels, ch.Unit.UnitType),
				Metric: label(ColumnLabels, ch.Column), From: b.cell(ch.Base, ch.Column), To: b.cell(ch.Unit, ch.Column),
				Delta: delta, Pct: pct})
		}
	}

	// Outliers.
	for _, o := range stats.Outliers(rows, opt.Year, []string{"publicity_total", "leads_found", "leads_per_10k_publicity"}) {
		rep.Outliers = append(rep.Outliers, OutRow{Unit: o.Row.UnitName, Type: label(TypeLabels, o.Row.UnitType),
			Metric: label(ColumnLabels, o.Column), Value: b.cell(o.Row, o.Column),
			Median: Num(round2(math.Expm1(o.Median))), Z: fixed(o.Z, 2)})
	}

	// Data quality.
	for _, r := range cur {
		if len(r.Flags) == 0 {
			continue
		}
		q := QualityRow{Unit: r.UnitName, Type: label(TypeLabels, r.UnitType)}
		for _, f := range r.Flags {
			q.Flags = append(q.Flags, FlagText(f))
		}
		for _, id := range r.DocIDs {
			q.Docs = append(q.Docs, b.doc(id))
		}
		rep.Quality = append(rep.Quality, q)
	}
	for i := range docs {
		d := &docs[i]
		if d.Year == opt.Year && d.UnitKey == "" {
			rep.Unresolved = append(rep.Unresolved, b.doc(d.ID))
		}
	}

	sort.Slice(rep.FactRefs, func(i, j int) bool { return rep.FactRefs[i].N < rep.FactRefs[j].N })
	ids := make([]string, 0, len(b.docRefs))
	for id := range b.docRefs {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	for _, id := range ids {
		rep.DocRefs = append(rep.DocRefs, b.docRef(id))
	}
	rep.Method = methodNotes()
	return rep
}

func round2(v float64) float64 { return math.Round(v*100) / 100 }

func pfmt(p float64) string {
	switch {
	case math.IsNaN(p):
		return "—"
	case p < 0.001:
		return "<0.001"
	}
	return fixed(p, 3)
}

func headline(c *stats.Correlation) string {
	if c == nil {
		return "本年度没有同时报告宣传量和摸排线索数的单位，无法比较两者关系。"
	}
	if c.N < 3 || math.IsNaN(c.Pearson) {
		return fmt.Sprintf("本年度同时报告宣传量和摸排线索数的单位只有 %d 个，样本量小，不作相关分析。", c.N)
	}
	s := fmt.Sprintf("本年度 %d 个单位同时报告了宣传量和摸排线索数：Pearson 相关系数 %.3f，Spearman 秩相关 %.3f", c.N, c.Pearson, c.Spearman)
	if c.Note == "small_n" {
		return s + fmt.Sprintf("（样本量小，n=%d，结论仅供参考）。", c.N)
	}
	if c.Significant() {
		return s + fmt.Sprintf("，p=%s，在 5%% 水平上显著。", pfmt(c.PValue))
	}
	return s + fmt.Sprintf("，p=%s，在 5%% 水平上不显著。", pfmt(c.PValue))
}

func unitAnchor(r *stats.UnitYear) string {
	return "u-" + strconv.Itoa(r.Year) + "-" + anchorSafe(r.UnitKey)
}

// anchorSafe makes an id fragment: hex of the bytes keeps it ASCII and unique.
func anchorSafe(s string) string {
	return fmt.Sprintf("%x", s)
}

func (b *builder) doc(id string) DocRef {
	b.docRefs[id] = true
	return b.docRef(id)
}

func (b *builder) docRef(id string) DocRef {
	d := b.docs[id]
	if d == nil {
		return DocRef{ID: id, Anchor: "d-" + short(id), Title: "（文件已不在数据集中）"}
	}
	ref := DocRef{ID: id, Anchor: "d-" + short(id), Title: d.Title, Source: d.Source,
		Kind: d.ReportKind, Unit: d.UnitName, Year: d.Year}
	if !d.ReportDate.IsZero() {
		ref.Date = d.ReportDate.Format("2006-01-02")
	}
	return ref
}

func short(id string) string {
	if len(id) > 16 {
		return id[:16]
	}
	return id
}

// fact registers a fact for the appendix and returns its entry.
func (b *builder) fact(id string) *FactRef {
	if fr := b.factRefs[id]; fr != nil {
		return fr
	}
	f := b.facts[id]
	fr := &FactRef{N: len(b.factRefs) + 1, ID: id, Anchor: "f-" + id}
	if f != nil {
		b.docRefs[f.DocID] = true
		d := b.docRef(f.DocID)
		fr.DocID, fr.DocTitle, fr.Source, fr.Page = f.DocID, d.Title, d.Source, f.Page
		fr.Chars = fmt.Sprintf("%d–%d", f.CharStart, f.CharEnd)
		fr.Metric, fr.Evidence = f.Metric, f.Evidence
		fr.Value = "（隐去）"
		if f.HasValue {
			fr.Value = Num(f.Value)
		}
	}
	b.factRefs[id] = fr
	b.rep.FactRefs = append(b.rep.FactRefs, *fr)
	return fr
}

// cell formats a unit_year value and links it to its facts. Derived columns
// (totals, ratios) cite the facts of their components.
func (b *builder) cell(r *stats.UnitYear, col string) Cell {
	v, ok := r.Get(col)
	c := Cell{Text: "—", Known: ok}
	if ok {
		c.Text = Num(round2(v))
	}
	var ids []string
	switch col {
	case "publicity_total":
		for _, vc := range stats.ValueColumns {
			if strings.HasPrefix(vc, "publicity_") && vc != col {
				ids = append(ids, r.Values[vc].FactIDs...)
			}
		}
		c.Tip = "各宣传指标之和。"
	case "cases_total":
		for _, m := range stats.CaseMetrics {
			ids = append(ids, r.Values[stats.Column(m)].FactIDs...)
		}
		c.Tip = "涉黑、涉恶、其他案件之和。"
	case "leads_per_10k_publicity":
		ids = append(ids, r.Values["leads_found"].FactIDs...)
		c.Tip = "摸排线索数 ÷ 宣传品总量 × 10000。"
	default:
		ids = r.Values[col].FactIDs
	}
	for _, f := range r.Flags {
		_, fc, _ := strings.Cut(f, ":")
		if fc == col || col == "publicity_total" && strings.HasPrefix(fc, "publicity_") ||
			col == "leads_per_10k_publicity" && fc == "leads_found" {
			c.Flag = true
		}
	}
	var tips []string
	if c.Tip != "" {
		tips = append(tips, c.Tip)
	}
	for _, id := range ids {
		fr := b.fact(id)
		if c.Href == "" {
			c.Href = "#" + fr.Anchor
		}
		c.Refs = append(c.Refs, fr.N)
		page := "页码未知"
		if fr.Page > 0 {
			page = fmt.Sprintf("第%d页", fr.Page)
		}
		tips = append(tips, fmt.Sprintf("[%d] %s %s：%s", fr.N, fr.Source, page, fr.Evidence))
	}
	c.Tip = strings.Join(tips, "\n")
	return c
}

func (b *builder) scatter(cur []*stats.UnitYear, all *stats.Correlation) Scatter {
	s := Scatter{W: 760, H: 460, L: 70, R: 150, T: 20, B: 50}
	pw, ph := s.W-s.L-s.R, s.H-s.T-s.B
	type pt struct {
		lx, ly float64
		r      *stats.UnitYear
	}
	var pts []pt
	maxX, maxY := math.Log1p(10), math.Log1p(10)
	for _, r := range cur {
		x, okx := r.Get("publicity_total")
		y, oky := r.Get("leads_found")
		if !okx || !oky {
			continue
		}
		pts = append(pts, pt{math.Log1p(x), math.Log1p(y), r})
		maxX, maxY = math.Max(maxX, math.Log1p(x)), math.Max(maxY, math.Log1p(y))
	}
	// Axes in log1p units, ending at the next power of ten.
	maxX = math.Log1p(math.Pow(10, math.Ceil(math.Log10(math.Expm1(maxX)+1))))
	maxY = math.Log1p(math.Pow(10, math.Ceil(math.Log10(math.Expm1(maxY)+1))))
	sx := func(l float64) float64 { return s.L + l/maxX*pw }
	sy := func(l float64) float64 { return s.T + ph - l/maxY*ph }
	for _, tk := range []float64{0, 1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8} {
		if l := math.Log1p(tk); l <= maxX+1e-9 {
			s.XTicks = append(s.XTicks, Tick{sx(l), Num(tk)})
		}
		if l := math.Log1p(tk); l <= maxY+1e-9 {
			s.YTicks = append(s.YTicks, Tick{sy(l), Num(tk)})
		}
	}
	seen := map[string]bool{}
	for _, p := range pts {
		x, _ := p.r.Get("publicity_total")
		y, _ := p.r.Get("leads_found")
		col := typeColors[p.r.UnitType]
		if col == "" {
			col = typeColors["other"]
		}
		if !seen[p.r.UnitType] {
			seen[p.r.UnitType] = true
		}
		s.Points = append(s.Points, Point{X: sx(p.lx), Y: sy(p.ly), Color: col, Href: "#" + unitAnchor(p.r),
			Tip: fmt.Sprintf("%s（%s）：宣传品 %s，摸排线索 %s", p.r.UnitName, label(TypeLabels, p.r.UnitType), Num(x), Num(y))})
	}
	var lts []string
	for t := range seen {
		lts = append(lts, t)
	}
	sort.Strings(lts)
	for i, t := range lts {
		col := typeColors[t]
		if col == "" {
			col = typeColors["other"]
		}
		s.Legend = append(s.Legend, LegendItem{Label: label(TypeLabels, t), Color: col, Y: s.T + 10 + float64(i)*20})
	}
	if all != nil && !math.IsNaN(all.Slope) && len(pts) >= 3 {
		x1, x2 := math.Inf(1), math.Inf(-1)
		for _, p := range pts {
			x1, x2 = math.Min(x1, p.lx), math.Max(x2, p.lx)
		}
		y1, y2 := all.Intercept+all.Slope*x1, all.Intercept+all.Slope*x2
		clampY := func(v float64) float64 { return math.Max(0, math.Min(maxY, v)) }
		s.Line = true
		s.X1, s.Y1, s.X2, s.Y2 = sx(x1), sy(clampY(y1)), sx(x2), sy(clampY(y2))
		s.LineLabel = fmt.Sprintf("拟合线：ln(1+线索) = %.3f %s %.3f·ln(1+宣传品)", all.Intercept, map[bool]string{true: "+", false: "−"}[all.Slope >= 0], math.Abs(all.Slope))
	}
	return s
}

func methodNotes() []string {
	return []string{
		"单位识别：按行政区划代码 + 规范化单位名称 + 单位类型匹配同一单位，跨文件、跨年度一致，不按原始字符串匹配。无法识别单位或年份的文件不进入统计，在“数据质量”中列出。",
		"年度：数字归属其所述年份（如 2021 年报告中回顾的 2020 年数字计入 2020 年）。",
		"同一文件内：分项（“其中……”）不再加入其合计；同一句中同一指标取最大值；不同句子中的同一指标相加（如横幅分别在镇区和各村悬挂）；与已计入数字相同的重复表述只计一次，并标注。",
		"同一单位同一年有多份文件时：每个指标只取一份文件的数字，不相加。优先顺序：有具体数字（未隐去）> 文件所述年份即该年 > 报告类型（工作总结 > 整改报告 > 问题分析 > 讲话 > 其他 > 计划方案）> 成文日期较晚者。其他文件数字不同时标注“多份文件数字不一致”。内容完全相同的文件（同一 doc_id，如同一报告存于两个文件夹）视为同一份报告，只计一次（取路径排序在前的一份）。",
		"“余、多、约、左右、近、不到”等约数按所写数字计入，并标注“约数”；被隐去的数字（xx）不计入，所在合计为下限，并标注。计划方案中的数字是目标而非完成数，取用时标注。",
		"宣传品总量为各宣传类指标（横幅、标语、宣传单、展板、稿件等）之和；案件合计为涉黑、涉恶及其他案件之和（保护伞人数单列，不计入）；每万件宣传品线索数 = 摸排线索数 ÷ 宣传品总量 × 10000。",
		"相关分析：宣传品总量与摸排线索数的 Pearson 相关系数、Spearman 秩相关（并列取平均秩）；p 值由 t 分布（自由度 n−2）双侧检验得出；95% 置信区间为 Pearson 相关系数的自助法（2000 次重抽样，固定随机种子，可复现）百分位区间；拟合线为 ln(1+线索) 对 ln(1+宣传品) 的最小二乘回归。n<10 标注“样本量小”，不标显著性星号；n<3 不计算。",
		"分位数采用第 7 类定义（线性插值，与 numpy、R、DuckDB quantile_cont 默认一致）。",
		"异常值：同类单位内对 ln(1+数值) 计算中位数和绝对中位差（MAD），修正 z 值 0.6745·(x−中位数)/MAD 的绝对值大于 3.5 视为异常；同类单位少于 5 个不做判断。",
		"可追溯：表中每个数字链接到其来源事实（文件、页码、原句），鼠标悬停可见出处；附录列出全部引用的事实和文件。",
	}
}

// WriteFileAtomic writes data to path via a temporary file in the same
// directory, fsync and rename, so a reader never sees a partial report.
func WriteFileAtomic(path string, data []byte) error {
	dir := filepath.Dir(path)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("report: %w", err)
	}
	f, err := os.CreateTemp(dir, "."+filepath.Base(path)+".tmp-*")
	if err != nil {
		return fmt.Errorf("report: %w", err)
	}
	tmp := f.Name()
	ok := false
	defer func() {
		if !ok {
			os.Remove(tmp)
		}
	}()
	if _, err := f.Write(data); err != nil {
		f.Close()
		return fmt.Errorf("report: write %s: %w", tmp, err)
	}
	if err := f.Chmod(0o644); err != nil {
		f.Close()
		return fmt.Errorf("report: %w", err)
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return fmt.Errorf("report: sync %s: %w", tmp, err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("report: %w", err)
	}
	if err := os.Rename(tmp, path); err != nil {
		return fmt.Errorf("report: %w", err)
	}
	ok = true
	// Make the rename itself durable.
	if d, err := os.Open(dir); err == nil {
		d.Sync()
		d.Close()
	}
	return nil
}
