package gen

import (
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Document is one generated report.
type Document struct {
	Name     string // path relative to the archive root, with / separators
	Raw      []byte // the file's bytes; for a PDF, the UTF-8 text LibreOffice renders
	Text     string // the text before encoding (original script, with debris)
	Encoding string // utf-8, utf-8-bom, utf-16le, gbk, big5; "pdf" for a PDF
	Script   string // hans|hant
	Kind     string // DESIGN.md report_kind
	UnitType string
	UnitName string
	Year     int
	Debris   []string // kinds of debris added: pinyin, scraped, repeat, watermark, crlf, redacted
	Gold     []byte   // this document's gold lines (JSON Lines)
	Required int      // required fact lines
	Optional int      // optional fact lines
	// Big5Fallback is set when Big5 was drawn but the text had a character
	// Big5 lacks, so the file was written as UTF-8 instead.
	Big5Fallback bool
}

type section struct {
	head  string
	paras []para
	bank  []string // filler to grow it with
}

type para struct {
	sents   []string
	hasFact bool
}

type docGen struct {
	r       *rand.Rand
	u       unit
	year    int
	kind    string
	fw      bool    // some Arabic digits full-width
	redactP float64 // share of figures written as xx
	facts   []goldFact
}

func (g *docGen) expand(s string) string {
	if !strings.Contains(s, "{") {
		return s
	}
	return strings.NewReplacer("{scope}", g.u.scope, "{self}", g.u.self, "{parent}", g.u.parent,
		"{guide}", g.u.guide, "{year}", strconv.Itoa(g.year)).Replace(s)
}

func (g *docGen) num(v int) number {
	if g.redactP > 0 && chance(g.r, g.redactP) {
		return redacted(g.r)
	}
	return formatNumber(g.r, v, g.fw)
}

func (g *docGen) add(metric string, n number, optional bool, ev string) {
	g.facts = append(g.facts, goldFact{metric: metric, value: n.value, null: n.null, qualifier: n.qual, optional: optional, evidence: ev})
}

// clause writes one fact of metric m and records it.
func (g *docGen) clause(m *metricSpec) string {
	t := pick(g.r, m.ts)
	n := g.num(value(g.r, m, g.u.scale))
	c := t.pre + n.text + t.unit + n.suffix + t.post
	g.add(m.id, n, false, c)
	return c
}

// special sentences: 各 after two titles, 其中 breakdowns, negations. They
// stand as sentences of their own so that 其中 refers to one total.
func (g *docGen) special(id string) (string, bool) {
	r := g.r
	exact := func(v int) number {
		return number{text: strconv.Itoa(max(v, 1)), value: float64(max(v, 1)), qual: "exact"}
	}
	switch id {
	case "publicity.brochures":
		if !chance(r, 0.3) {
			return "", false
		}
		m := exact(value(r, specByID[id], g.u.scale) / 2)
		c := "印制《扫黑除恶应知应会手册》《扫黑除恶知识问答》各" + m.text + "本"
		g.add(id, number{value: 2 * m.value, qual: "exact"}, false, c)
		return c, true
	case "publicity.articles":
		if !chance(r, 0.3) {
			return "", false
		}
		n := exact(value(r, specByID[id], g.u.scale) + 2)
		p := exact(int(n.value) / 3)
		c := "在各级媒体刊发稿件" + n.text + "篇，其中被省级以上媒体采用" + p.text + "篇"
		g.add(id, n, false, "在各级媒体刊发稿件"+n.text+"篇")
		g.add(id, p, true, "其中被省级以上媒体采用"+p.text+"篇")
		return c, true
	case "leads.found":
		if !chance(r, 0.25) {
			return "", false
		}
		n := exact(value(r, specByID[id], g.u.scale) + 3)
		a := exact(int(n.value) / 5)
		b := exact(int(n.value) / 3)
		c := "共摸排涉黑涉恶线索" + n.text + "条，其中涉黑线索" + a.text + "条、涉恶线索" + b.text + "条"
		g.add(id, n, false, "共摸排涉黑涉恶线索"+n.text+"条")
		g.add(id, a, true, "其中涉黑线索"+a.text+"条")
		g.add(id, b, true, "涉恶线索"+b.text+"条")
		return c, true
	case "cases.umbrella":
		if !chance(r, 0.45) {
			return "", false
		}
		var c string
		if chance(r, 0.5) {
			c = "经认真排查，未发现党员干部充当“保护伞”问题"
		} else {
			c = "截至目前，" + g.u.scope + "未排查到保护伞"
		}
		g.add(id, number{value: 0, qual: "exact"}, false, c)
		return c, true
	}
	return "", false
}

// factParas writes the chosen metrics as sentences of up to four clauses.
func (g *docGen) factParas(ids []string, bank []string) []para {
	var out []para
	var clauses []string
	flush := func() {
		if len(clauses) == 0 {
			return
		}
		lead := g.expand(pick(g.r, leadIns))
		s := lead + "，" + strings.Join(clauses, "，") + "。"
		p := para{hasFact: true}
		if chance(g.r, 0.6) {
			p.sents = append(p.sents, g.expand(pick(g.r, bank)))
		}
		p.sents = append(p.sents, s)
		out = append(out, p)
		clauses = nil
	}
	for _, id := range ids {
		if s, ok := g.special(id); ok {
			out = append(out, para{sents: []string{g.expand(pick(g.r, leadIns)) + "，" + s + "。"}, hasFact: true})
			continue
		}
		clauses = append(clauses, g.clause(specByID[id]))
		if len(clauses) >= 2+g.r.IntN(3) {
			flush()
		}
	}
	flush()
	return out
}

// choose draws the metrics of one group, each with probability p.
func (g *docGen) choose(p float64, ids ...string) []string {
	var out []string
	for _, id := range ids {
		m := specByID[id]
		if m.police && !g.u.police {
			continue
		}
		if chance(g.r, p) {
			out = append(out, id)
		}
	}
	return out
}

var (
	orgIDs  = []string{"org.meetings", "org.commitments", "org.inspections", "org.trainings"}
	pubIDs  = []string{"publicity.banners", "publicity.slogans", "publicity.notices", "publicity.leaflets", "publicity.brochures", "publicity.boards", "publicity.screens", "publicity.articles", "publicity.videos", "publicity.events", "publicity.vehicles", "publicity.sites", "publicity.messages"}
	leadIDs = []string{"leads.received", "leads.found", "leads.transferred", "leads.closed"}
	caseIDs = []string{"cases.gang", "cases.evil", "cases.incidents"}
	kindW   = []struct {
		kind string
		w    int
	}{{"work_summary", 55}, {"rectification", 12}, {"problem_analysis", 10}, {"plan", 10}, {"speech", 13}}
	encHans = []struct {
		enc string
		w   int
	}{{"utf-8", 55}, {"gbk", 25}, {"utf-8-bom", 8}, {"utf-16le", 12}}
	encHant = []struct {
		enc string
		w   int
	}{{"utf-8", 45}, {"big5", 35}, {"utf-8-bom", 8}, {"utf-16le", 12}}
)

func weighted[T any](r *rand.Rand, xs []T, w func(T) int) T {
	n := 0
	for _, x := range xs {
		n += w(x)
	}
	k := r.IntN(n)
	for _, x := range xs {
		if k < w(x) {
			return x
		}
		k -= w(x)
	}
	return xs[len(xs)-1]
}

func cnYear(y int) string {
	var b strings.Builder
	for _, c := range strconv.Itoa(y) {
		if c == '0' {
			b.WriteRune('〇')
		} else {
			b.WriteRune(cnDigits[c-'0'])
		}
	}
	return b.String()
}

// generate builds document i. Everything derives from (seed, i), so a
// document does not depend on the others and workers may run in any order.
func (c *Config) generate(i int) Document {
	r := rand.New(rand.NewPCG(uint64(c.Seed), uint64(i)))
	g := &docGen{r: r, u: pickUnit(r)}
	g.year = c.YearFrom + r.IntN(c.YearTo-c.YearFrom+1)
	g.kind = weighted(r, kindW, func(x struct {
		kind string
		w    int
	}) int {
		return x.w
	}).kind
	hant := chance(r, 0.3)
	g.fw = chance(r, 0.15)
	var debris []string
	if chance(r, 0.06) || (g.kind == "problem_analysis" && chance(r, 0.4)) {
		g.redactP = 0.45
		debris = append(debris, "redacted")
	}
	u := g.u
	name := u.name

	// Metric density per kind: summaries are full of figures, plans have few.
	p := map[string]float64{"work_summary": 1, "rectification": 0.5, "problem_analysis": 0.3, "plan": 0.25, "speech": 0.6}[g.kind]

	var title, intro string
	var secs []section
	year := strconv.Itoa(g.year)
	facts := func(bank []string, ids []string) []para { return g.factParas(ids, bank) }
	orgSec := func(head string, q float64) section {
		return section{head: head, paras: facts(fillerOrg, g.choose(0.6*q, orgIDs...)), bank: fillerOrg}
	}
	pubSec := func(head string, q float64) section {
		return section{head: head, paras: facts(fillerPub, g.choose(0.5*q, pubIDs...)), bank: fillerPub}
	}
	leadSec := func(head string, q float64) section {
		ids := g.choose(0.6*q, leadIDs...)
		ids = append(ids, g.choose(0.6*q, caseIDs...)...)
		if u.police && chance(r, 0.6*q) {
			ids = append(ids, "cases.umbrella")
		} else if chance(r, 0.2) {
			if s, ok := g.special("cases.umbrella"); ok {
				ps := facts(fillerLeads, ids)
				return section{head: head, paras: append(ps, para{sents: []string{s + "。"}, hasFact: true}), bank: fillerLeads}
			}
		}
		return section{head: head, paras: facts(fillerLeads, ids), bank: fillerLeads}
	}
	textSec := func(head string, bank []string, n int, listed bool) section {
		s := section{head: head, bank: bank}
		if listed {
			var parts []string
			for k := 0; k < n; k++ {
				parts = append(parts, cnOrdinals[k]+"是"+strings.TrimSuffix(g.expand(pick(r, bank)), "。"))
			}
			s.paras = []para{{sents: []string{strings.Join(parts, "；") + "。"}}}
			return s
		}
		for k := 0; k < n; k++ {
			s.paras = append(s.paras, para{sents: []string{g.expand(pick(r, bank))}})
		}
		return s
	}
	trapSec := func(s section) section {
		s.paras = append(s.paras, para{sents: []string{pick(r, traps), pick(r, traps)}})
		return s
	}
	switch g.kind {
	case "work_summary":
		title = pick(r, []string{name + year + "年扫黑除恶专项斗争工作总结", name + "关于" + year + "年扫黑除恶专项斗争工作情况的汇报", name + year + "年度扫黑除恶专项斗争工作总结"})
		intro = g.expand(pick(r, preambles)) + "现将" + year + "年工作情况总结如下："
		secs = []section{orgSec(pick(r, headsOrg), p), pubSec(pick(r, headsPub), p), leadSec(pick(r, headsLeads), p),
			textSec("存在的问题", fillerProblems, 3, true), trapSec(textSec("下一步打算", fillerNext, 2, false))}
	case "rectification":
		title = pick(r, []string{name + "关于扫黑除恶专项斗争督导反馈问题整改情况的报告", name + year + "年扫黑除恶专项斗争巡察整改情况报告"})
		intro = "根据" + g.u.parent + "统一部署，" + year + "年" + strconv.Itoa(3+r.IntN(6)) + "月，督导组对" + g.u.self + "扫黑除恶专项斗争工作进行了督导，并反馈了督导意见。" + g.u.self + "高度重视，逐条研究，认真整改。现将整改情况报告如下："
		secs = []section{orgSec("整改工作组织情况", p), leadSec("反馈问题整改落实情况", p), pubSec("宣传发动整改情况", p),
			trapSec(textSec("下一步工作打算", fillerNext, 2, false))}
	case "problem_analysis":
		title = name + year + "年扫黑除恶专项斗争存在问题及原因分析"
		intro = "扫黑除恶专项斗争开展以来，" + g.u.self + "采取一系列有效措施，推动了扫黑除恶工作的深入开展，取得了阶段性成效。但对照上级要求，工作中还存在一些不容忽视的问题。"
		secs = []section{leadSec("存在的问题", p), textSec("原因分析", fillerProblems, 4, true), pubSec("宣传发动方面", p),
			trapSec(textSec("整改措施", fillerNext, 3, true))}
	case "plan":
		title = pick(r, []string{name + year + "年扫黑除恶专项斗争工作方案", name + year + "年扫黑除恶专项斗争工作计划"})
		intro = "为深入推进扫黑除恶专项斗争，巩固扩大前期成果，结合" + g.u.self + "实际，制定本方案。"
		secs = []section{textSec("指导思想", fillerOrg, 2, false), leadSec("工作回顾", p), pubSec("宣传发动", p),
			textSec("主要任务", fillerNext, 4, true), trapSec(textSec("工作要求", fillerOrg, 2, false))}
	default: // speech
		title = "在" + name + year + "年扫黑除恶专项斗争推进会上的讲话"
		intro = "同志们：今天，我们召开扫黑除恶专项斗争推进会，主要任务是总结前一阶段工作，安排部署下一步任务。下面，我讲几点意见。"
		secs = []section{pubSec("充分肯定成绩", p), leadSec("坚持问题导向", p), orgSec("压实工作责任", p),
			trapSec(textSec("持续巩固成果", fillerNext, 3, false))}
	}

	// Grow the prose to the document's size: real reports average ~8 KB,
	// most between 4 and 15 KB.
	target := 1300 + int(r.ExpFloat64()*1400)
	size := utf8.RuneCountInString(title) + utf8.RuneCountInString(intro)
	for _, s := range secs {
		for _, p := range s.paras {
			for _, t := range p.sents {
				size += utf8.RuneCountInString(t)
			}
		}
	}
	for size < target {
		s := &secs[r.IntN(len(secs))]
		t := g.expand(pick(r, s.bank))
		if len(s.paras) == 0 || chance(r, 0.3) {
			s.paras = append(s.paras, para{sents: []string{t}})
		} else {
			// A sentence twice in one paragraph is not how reports read.
			pp := &s.paras[r.IntN(len(s.paras))]
			if slices.Contains(pp.sents, t) {
				continue
			}
			pp.sents = append(pp.sents, t)
		}
		size += utf8.RuneCountInString(t)
	}

	// Render, simplified.
	var lines []string
	var factLines []int
	lines = append(lines, title, intro)
	for k, s := range secs {
		lines = append(lines, cnOrdinals[k]+"、"+s.head)
		sub := 0
		for _, pp := range s.paras {
			l := strings.Join(pp.sents, "")
			if sub < len(cnOrdinals) && len(s.paras) > 1 && chance(r, 0.3) {
				l = "（" + cnOrdinals[sub] + "）" + pick(r, subHeads) + "。" + l
				sub++
			}
			if pp.hasFact {
				factLines = append(factLines, len(lines))
			}
			lines = append(lines, l)
		}
	}
	month, day := 12, 1+r.IntN(28)
	dateYear := g.year
	switch g.kind {
	case "plan":
		month = 1 + r.IntN(4)
	case "work_summary":
		if chance(r, 0.25) {
			dateYear, month = g.year+1, 1
		}
	case "rectification", "problem_analysis":
		month = 6 + r.IntN(7)
	}
	var date string
	if chance(r, 0.4) {
		date = cnYear(dateYear) + "年" + chinese(month) + "月" + chinese(day) + "日"
	} else {
		date = fmt.Sprintf("%d年%d月%d日", dateYear, month, day)
	}
	if g.kind != "speech" {
		lines = append(lines, u.sign, date)
	}

	// Debris that lives in the text: a repeated paragraph, a watermark.
	if len(factLines) > 0 && chance(r, 0.08) {
		k := factLines[r.IntN(len(factLines))]
		lines = append(lines[:k+1], lines[k:]...)
		debris = append(debris, "repeat")
	}
	if chance(r, 0.05) {
		k := 2 + r.IntN(len(lines)-2)
		if strings.HasSuffix(lines[k], "。") {
			lines[k] += string(rune('a'+r.IntN(26))) + string(rune('A'+r.IntN(26))) + string(rune('a'+r.IntN(26))) + pick(r, sites)
			debris = append(debris, "watermark")
		}
	}
	scraped := chance(r, 0.1)
	if scraped {
		header := "《" + title + "》由会员分享，可在线阅读，更多相关《" + title + "(" + strconv.Itoa(2+size/900) + "页珍藏版)》请在" + pick(r, sites) + "上搜索。"
		lines = append([]string{header}, lines...)
		debris = append(debris, "scraped")
	}
	text := strings.Join(lines, "\n") + "\n"

	doc := Document{Kind: g.kind, UnitType: u.typ, UnitName: u.name, Year: g.year, Script: "hans"}
	var enc string
	if hant {
		doc.Script = "hant"
		text = toHant(text)
		for i := range g.facts {
			g.facts[i].evidence = toHant(g.facts[i].evidence)
		}
		enc = weighted(r, encHant, func(x struct {
			enc string
			w   int
		}) int {
			return x.w
		}).enc
		if enc != "big5" && chance(r, 0.4) {
			text = addPinyin(text)
			debris = append(debris, "pinyin")
		}
	} else {
		enc = weighted(r, encHans, func(x struct {
			enc string
			w   int
		}) int {
			return x.w
		}).enc
	}
	if scraped {
		text = pageBreaks(r, text)
	}
	if chance(r, 0.2) {
		text = strings.ReplaceAll(text, "\n", "\r\n")
		debris = append(debris, "crlf")
	}
	doc.Text = text
	doc.Debris = debris
	doc.Name = c.name(i)
	// The container is chosen last, from its own random stream, so a
	// document's text and facts are the same whether it ends up as a text
	// file or a PDF, and a text archive is unchanged by --pdf-share.
	if c.isPDF(i) {
		// A PDF carries no file encoding: LibreOffice renders the UTF-8 text.
		doc.Raw, doc.Encoding = []byte(text), "pdf"
		doc.Name = strings.TrimSuffix(doc.Name, ".txt") + ".pdf"
		doc.Debris = slices.DeleteFunc(doc.Debris, func(x string) bool { return x == "crlf" })
	} else {
		doc.Raw, doc.Encoding = encode(text, enc)
		doc.Big5Fallback = enc == "big5" && doc.Encoding != "big5"
	}
	doc.Gold, doc.Required, doc.Optional = g.gold(doc)
	return doc
}

// pageBreaks inserts a sharing site's page numbers: "1、" before the body
// and "\nk、" every page, wherever the page broke (mid-sentence), but never
// between two characters of a numeral.
func pageBreaks(r *rand.Rand, text string) string {
	rs := []rune(text)
	nl := 0
	for nl < len(rs) && rs[nl] != '\n' {
		nl++
	}
	var b strings.Builder
	b.Grow(len(text) + 64)
	b.WriteString(string(rs[:nl+1]))
	b.WriteString("1、")
	page := 2
	next := nl + 1 + 500 + r.IntN(500)
	for i := nl + 1; i < len(rs); i++ {
		if i >= next && i > 0 && !numeralRune(rs[i-1]) && !numeralRune(rs[i]) && rs[i-1] != '\n' && rs[i] != '\n' && rs[i] != '\r' && rs[i-1] != '\r' {
			b.WriteString("\n" + strconv.Itoa(page) + "、")
			page++
			next = i + 500 + r.IntN(500)
		}
		b.WriteRune(rs[i])
	}
	return b.String()
}

func numeralRune(r rune) bool {
	return (r >= '0' && r <= '9') || (r >= '０' && r <= '９') || strings.ContainsRune("零〇一二三四五六七八九十百千万余多,.xX ", r)
}

// gold renders the document's gold lines: metadata first, then facts.
func (g *docGen) gold(d Document) ([]byte, int, int) {
	var b []byte
	line := func(v any) {
		j, _ := json.Marshal(v)
		b = append(b, j...)
		b = append(b, '\n')
	}
	type meta struct {
		Doc   string `json:"doc"`
		Field string `json:"field"`
		Value any    `json:"value"`
	}
	type metaAny struct {
		Doc      string   `json:"doc"`
		Field    string   `json:"field"`
		ValueAny []string `json:"value_any"`
	}
	type fact struct {
		Doc       string   `json:"doc"`
		Metric    string   `json:"metric"`
		Value     *float64 `json:"value"`
		Qualifier string   `json:"qualifier"`
		Optional  bool     `json:"optional"`
		Evidence  string   `json:"evidence"`
	}
	line(meta{d.Name, "report_kind", d.Kind})
	line(meta{d.Name, "year", d.Year})
	line(meta{d.Name, "script", d.Script})
	if d.Kind != "speech" { // a speech's title names the meeting, not the unit
		line(meta{d.Name, "unit_type", d.UnitType})
		line(metaAny{d.Name, "unit_name", g.u.names})
	}
	req, opt := 0, 0
	for _, f := range g.facts {
		fl := fact{Doc: d.Name, Metric: f.metric, Qualifier: f.qualifier, Optional: f.optional, Evidence: f.evidence}
		if !f.null {
			v := f.value
			fl.Value = &v
		}
		if f.optional {
			opt++
		} else {
			req++
		}
		line(fl)
	}
	return b, req, opt
}
