package report

import (
	"bytes"
	"fmt"
	"strings"
)

// mdEscape makes document text inert in Markdown: HTML is written as
// entities (Markdown viewers pass raw HTML through) and the characters that
// start emphasis, links, code or table cells are backslash-escaped.
func mdEscape(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch r {
		case '<':
			b.WriteString("&lt;")
		case '>':
			b.WriteString("&gt;")
		case '&':
			b.WriteString("&amp;")
		case '\n', '\r':
			b.WriteByte(' ')
		case '\\', '`', '*', '_', '[', ']', '|', '#', '~':
			b.WriteByte('\\')
			b.WriteRune(r)
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// mdCell is a number with footnote references to its facts.
func mdCell(c Cell) string {
	s := mdEscape(c.Text)
	if c.Flag {
		s += "⚠"
	}
	for _, n := range c.Refs {
		s += fmt.Sprintf("[^%d]", n)
	}
	return s
}

// Markdown renders the report as GitHub-flavoured Markdown; sources are
// footnotes ([^n]) pointing to document, page and sentence.
func Markdown(r *Report) []byte {
	var b bytes.Buffer
	p := func(format string, a ...any) { fmt.Fprintf(&b, format, a...) }
	p("# %d年度扫黑除恶专项斗争工作数据对比报告\n\n", r.Year)
	p("数据快照 %s", mdEscape(r.RunID))
	if r.Compare != 0 {
		p(" · 同比基准年 %d", r.Compare)
	}
	p(" · 由 reportetl 生成\n\n")

	p("## 一、总体情况\n\n")
	p("| 单位数 | 文件数 | 提取数字 | 宣传品合计 | 摸排线索合计 | 有数据质量提示的单位 |\n|---:|---:|---:|---:|---:|---:|\n")
	p("| %d | %d | %d | %s | %s | %d |\n\n", r.Units, r.Docs, r.Facts, r.PublicitySum, r.LeadsSum, r.FlaggedUnits)
	p("%s\n\n", mdEscape(r.Headline))

	p("## 二、各类单位排名\n\n按宣传品总量从高到低排列；⚠ 表示该数字有数据质量提示，[^n] 为来源脚注。\n\n")
	for _, t := range r.Types {
		p("### %s（%d 个）\n\n宣传品总量四分位数（第 7 类）：Q1 %s · 中位数 %s · Q3 %s\n\n", t.Label, t.N, t.Q1, t.Q2, t.Q3)
		p("| 排名 | 单位 | 宣传品总量 | 摸排线索 | 每万件宣传品线索数 | 案件合计 | 数据质量提示 |\n|---:|---|---:|---:|---:|---:|---|\n")
		for _, row := range t.Rows {
			p("| %d | %s | %s | %s | %s | %s | %s |\n", row.Rank, mdEscape(row.Unit), mdCell(row.Publicity), mdCell(row.Leads),
				mdCell(row.Per10k), mdCell(row.Cases), mdEscape(row.Flags))
		}
		p("\n")
	}

	p("## 三、宣传量与摸排线索\n\n（散点图见 HTML 版。）")
	if r.Scatter.Line {
		p("%s（全部单位，最小二乘）。", mdEscape(r.Scatter.LineLabel))
	}
	p("\n\n| 范围 | n | Pearson | Spearman | p 值 | 95%% 置信区间（自助法） | 斜率（对数） | 说明 |\n|---|---:|---:|---:|---:|---:|---:|---|\n")
	for _, c := range r.Corr {
		star := ""
		if c.Star {
			star = "\\*"
		}
		p("| %s | %d | %s%s | %s | %s | %s | %s | %s |\n", c.Group, c.N, c.Pearson, star, c.Spearman, c.P, c.CI, c.Slope, c.Note)
	}
	p("\n\\* p<0.05 且样本量不小于 10。\n\n")

	if r.Compare != 0 {
		p("## 四、同比变化（%d → %d）\n\n", r.Compare, r.Year)
		if len(r.YoY) == 0 {
			p("两个年度都有数据的单位为零。\n\n")
		} else {
			p("| 单位 | 类型 | 指标 | %d | %d | 变化 | 变化率 |\n|---|---|---|---:|---:|---:|---:|\n", r.Compare, r.Year)
			for _, y := range r.YoY {
				p("| %s | %s | %s | %s | %s | %s | %s |\n", mdEscape(y.Unit), y.Type, y.Metric, mdCell(y.From), mdCell(y.To), y.Delta, y.Pct)
			}
			p("\n")
		}
	} else {
		p("## 四、同比变化\n\n未指定对比年份（--compare）。\n\n")
	}

	p("## 五、异常值\n\n")
	if len(r.Outliers) == 0 {
		p("未发现异常值（同类单位少于 5 个的不作判断）。\n\n")
	} else {
		p("| 单位 | 类型 | 指标 | 数值 | 同类中位数 | 修正 z 值 |\n|---|---|---|---:|---:|---:|\n")
		for _, o := range r.Outliers {
			p("| %s | %s | %s | %s | %s | %s |\n", mdEscape(o.Unit), o.Type, o.Metric, mdCell(o.Value), o.Median, o.Z)
		}
		p("\n")
	}

	p("## 六、数据质量\n\n")
	if len(r.Quality) == 0 {
		p("本年度各单位数据没有质量提示。\n\n")
	} else {
		p("| 单位 | 类型 | 提示 | 来源文件 |\n|---|---|---|---|\n")
		for _, q := range r.Quality {
			var ds []string
			for _, d := range q.Docs {
				ds = append(ds, mdEscape(d.Source))
			}
			p("| %s | %s | %s | %s |\n", mdEscape(q.Unit), q.Type, mdEscape(strings.Join(q.Flags, "；")), strings.Join(ds, "<br>"))
		}
		p("\n")
	}
	if len(r.Unresolved) > 0 {
		p("以下文件无法识别报告单位，未计入统计：\n\n")
		for _, d := range r.Unresolved {
			p("- %s：%s\n", mdEscape(d.Source), mdEscape(d.Title))
		}
		p("\n")
	}

	p("## 七、方法说明\n\n")
	for i, m := range r.Method {
		p("%d. %s\n", i+1, m)
	}
	p("\n## 附录、文件\n\n| 文件 | 标题 | 单位 | 类型 | 年度 | 日期 | doc_id |\n|---|---|---|---|---|---|---|\n")
	for _, d := range r.DocRefs {
		y := ""
		if d.Year != 0 {
			y = fmt.Sprint(d.Year)
		}
		p("| %s | %s | %s | %s | %s | %s | %s |\n", mdEscape(d.Source), mdEscape(d.Title), mdEscape(d.Unit), d.Kind, y, d.Date, short(d.ID))
	}
	p("\n")
	for _, f := range r.FactRefs {
		page := "页码未知"
		if f.Page > 0 {
			page = fmt.Sprintf("第%d页", f.Page)
		}
		p("[^%d]: %s，%s，字符 %s，%s = %s：“%s”\n", f.N, mdEscape(f.Source), page, f.Chars, f.Metric, f.Value, mdEscape(f.Evidence))
	}
	return b.Bytes()
}
