package report

import (
	"bytes"
	"fmt"
	"html/template"
)

// The page carries a Content-Security-Policy that allows no script and no
// external resource: escaping is the first defence against document text
// (titles, sentences) carrying markup, the policy the second.
const htmlTemplate = `<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{.Year}}年度扫黑除恶专项斗争工作数据对比报告</title>
<style>
body{font-family:"Noto Sans CJK SC","Noto Sans SC","Source Han Sans SC","PingFang SC","Microsoft YaHei",sans-serif;margin:2em auto;max-width:1100px;padding:0 1em;color:#222;line-height:1.6}
h1{font-size:1.6em;border-bottom:2px solid #b22;padding-bottom:.3em}
h2{font-size:1.3em;margin-top:2em;border-left:4px solid #b22;padding-left:.5em}
table{border-collapse:collapse;margin:.5em 0 1em;font-size:.92em}
th,td{border:1px solid #ccc;padding:.25em .6em}
th{background:#f3f3f3}
td.n{text-align:right;font-variant-numeric:tabular-nums}
td.n a{color:inherit;text-decoration:none;border-bottom:1px dotted #888}
td.flag{background:#fff4e0}
.muted{color:#777;font-size:.9em}
.kpi{display:flex;gap:1em;flex-wrap:wrap}
.kpi div{border:1px solid #ddd;border-radius:6px;padding:.5em 1em;min-width:9em}
.kpi b{display:block;font-size:1.4em}
.ev{font-size:.88em}
svg text{font-family:inherit}
</style>
</head>
<body>
<h1>{{.Year}}年度扫黑除恶专项斗争工作数据对比报告</h1>
<p class="muted">数据快照 {{.RunID}}{{if .Compare}} · 同比基准年 {{.Compare}}{{end}} · 由 reportetl 生成</p>

<h2 id="overview">一、总体情况</h2>
<div class="kpi">
<div>单位数<b>{{.Units}}</b></div>
<div>文件数<b>{{.Docs}}</b></div>
<div>提取数字<b>{{.Facts}}</b></div>
<div>宣传品合计<b>{{.PublicitySum}}</b></div>
<div>摸排线索合计<b>{{.LeadsSum}}</b></div>
<div>有数据质量提示的单位<b>{{.FlaggedUnits}}</b></div>
</div>
<p>{{.Headline}}</p>

<h2 id="ranking">二、各类单位排名</h2>
<p class="muted">按宣传品总量从高到低排列。数字可点击查看来源，鼠标悬停显示出处原句；底色标出有数据质量提示的数字。</p>
{{range .Types}}
<h3>{{.Label}}（{{.N}} 个）</h3>
<p class="muted">宣传品总量四分位数（第 7 类）：Q1 {{.Q1}} · 中位数 {{.Q2}} · Q3 {{.Q3}}</p>
<table>
<tr><th>排名</th><th>单位</th><th>宣传品总量</th><th>摸排线索</th><th>每万件宣传品线索数</th><th>案件合计</th><th>数据质量提示</th></tr>
{{range .Rows}}<tr id="{{.UnitAnchor}}"><td class="n">{{.Rank}}</td><td>{{.Unit}}</td>{{template "cell" .Publicity}}{{template "cell" .Leads}}{{template "cell" .Per10k}}{{template "cell" .Cases}}<td class="muted">{{.Flags}}</td></tr>
{{end}}</table>
{{end}}

<h2 id="scatter">三、宣传量与摸排线索</h2>
{{with .Scatter}}
<svg xmlns="http://www.w3.org/2000/svg" width="{{.W}}" height="{{.H}}" viewBox="0 0 {{.W}} {{.H}}" role="img" aria-label="宣传品总量与摸排线索数散点图">
<rect x="0" y="0" width="{{.W}}" height="{{.H}}" fill="#fff"/>
{{range .XTicks}}<line x1="{{.Pos}}" x2="{{.Pos}}" y1="{{$.Scatter.T}}" y2="{{plotBottom $.Scatter}}" stroke="#eee"/><text x="{{.Pos}}" y="{{add (plotBottom $.Scatter) 16}}" font-size="11" text-anchor="middle" fill="#555">{{.Label}}</text>
{{end}}{{range .YTicks}}<line x1="{{$.Scatter.L}}" x2="{{plotRight $.Scatter}}" y1="{{.Pos}}" y2="{{.Pos}}" stroke="#eee"/><text x="{{add $.Scatter.L -6}}" y="{{add .Pos 4}}" font-size="11" text-anchor="end" fill="#555">{{.Label}}</text>
{{end}}<rect x="{{.L}}" y="{{.T}}" width="{{plotWidth .}}" height="{{plotHeight .}}" fill="none" stroke="#999"/>
<text x="{{add .L (half (plotWidth .))}}" y="{{add .H -10}}" font-size="13" text-anchor="middle">宣传品总量（对数刻度，ln(1+x)）</text>
<text transform="translate(16 {{add .T (half (plotHeight .))}}) rotate(-90)" font-size="13" text-anchor="middle">摸排线索数（对数刻度）</text>
{{if .Line}}<line class="fit" x1="{{.X1}}" y1="{{.Y1}}" x2="{{.X2}}" y2="{{.Y2}}" stroke="#b22" stroke-width="2" stroke-dasharray="6 4"><title>{{.LineLabel}}</title></line>{{end}}
{{range .Points}}<a href="{{.Href}}"><circle cx="{{.X}}" cy="{{.Y}}" r="5" fill="{{.Color}}" fill-opacity="0.75" stroke="#333" stroke-width="0.5"><title>{{.Tip}}</title></circle></a>
{{end}}{{range .Legend}}<circle cx="{{add (plotRight $.Scatter) 14}}" cy="{{.Y}}" r="5" fill="{{.Color}}"/><text x="{{add (plotRight $.Scatter) 24}}" y="{{add .Y 4}}" font-size="12">{{.Label}}</text>
{{end}}</svg>
{{if .Line}}<p class="muted">{{.LineLabel}}（全部单位，最小二乘）</p>{{end}}
{{if not .Points}}<p>本年度没有同时报告宣传量和摸排线索数的单位。</p>{{end}}
{{end}}
<table>
<tr><th>范围</th><th>n</th><th>Pearson</th><th>Spearman</th><th>p 值</th><th>95% 置信区间（自助法）</th><th>斜率（对数）</th><th>说明</th></tr>
{{range .Corr}}<tr><td>{{.Group}}</td><td class="n">{{.N}}</td><td class="n">{{.Pearson}}{{if .Star}}*{{end}}</td><td class="n">{{.Spearman}}</td><td class="n">{{.P}}</td><td class="n">{{.CI}}</td><td class="n">{{.Slope}}</td><td class="muted">{{.Note}}</td></tr>
{{end}}</table>
<p class="muted">* p&lt;0.05 且样本量不小于 10。</p>

<h2 id="yoy">四、同比变化{{if .Compare}}（{{.Compare}} → {{.Year}}）{{end}}</h2>
{{if not .Compare}}<p>未指定对比年份（--compare）。</p>
{{else if not .YoY}}<p>两个年度都有数据的单位为零。</p>
{{else}}<table>
<tr><th>单位</th><th>类型</th><th>指标</th><th>{{.Compare}}</th><th>{{.Year}}</th><th>变化</th><th>变化率</th></tr>
{{range .YoY}}<tr><td>{{.Unit}}</td><td>{{.Type}}</td><td>{{.Metric}}</td>{{template "cell" .From}}{{template "cell" .To}}<td class="n">{{.Delta}}</td><td class="n">{{.Pct}}</td></tr>
{{end}}</table>{{end}}

<h2 id="outliers">五、异常值</h2>
{{if .Outliers}}<table>
<tr><th>单位</th><th>类型</th><th>指标</th><th>数值</th><th>同类中位数</th><th>修正 z 值</th></tr>
{{range .Outliers}}<tr><td>{{.Unit}}</td><td>{{.Type}}</td><td>{{.Metric}}</td>{{template "cell" .Value}}<td class="n">{{.Median}}</td><td class="n">{{.Z}}</td></tr>
{{end}}</table>{{else}}<p>未发现异常值（同类单位少于 5 个的不作判断）。</p>{{end}}

<h2 id="quality">六、数据质量</h2>
{{if .Quality}}<table>
<tr><th>单位</th><th>类型</th><th>提示</th><th>来源文件</th></tr>
{{range .Quality}}<tr><td>{{.Unit}}</td><td>{{.Type}}</td><td>{{range .Flags}}{{.}}<br>{{end}}</td><td>{{range .Docs}}<a href="#{{.Anchor}}">{{.Source}}</a><br>{{end}}</td></tr>
{{end}}</table>{{else}}<p>本年度各单位数据没有质量提示。</p>{{end}}
{{if .Unresolved}}<p>以下文件无法识别报告单位，未计入统计：</p>
<ul>{{range .Unresolved}}<li><a href="#{{.Anchor}}">{{.Source}}</a>：{{.Title}}</li>{{end}}</ul>{{end}}

<h2 id="method">七、方法说明</h2>
<ol>{{range .Method}}<li>{{.}}</li>{{end}}</ol>

<h2 id="facts">附录一、数字来源</h2>
<table class="ev">
<tr><th>#</th><th>指标</th><th>数值</th><th>文件</th><th>页码</th><th>字符位置</th><th>原句</th></tr>
{{range .FactRefs}}<tr id="{{.Anchor}}"><td class="n">{{.N}}</td><td>{{.Metric}}</td><td class="n">{{.Value}}</td><td><a href="#d-{{short .DocID}}">{{.Source}}</a></td><td class="n">{{if .Page}}{{.Page}}{{else}}—{{end}}</td><td class="n">{{.Chars}}</td><td>{{.Evidence}}</td></tr>
{{end}}</table>

<h2 id="documents">附录二、文件</h2>
<table class="ev">
<tr><th>文件</th><th>标题</th><th>单位</th><th>类型</th><th>年度</th><th>日期</th><th>doc_id</th></tr>
{{range .DocRefs}}<tr id="{{.Anchor}}"><td>{{.Source}}</td><td>{{.Title}}</td><td>{{.Unit}}</td><td>{{.Kind}}</td><td>{{if .Year}}{{.Year}}{{end}}</td><td>{{.Date}}</td><td class="muted">{{short .ID}}</td></tr>
{{end}}</table>
</body>
</html>
{{define "cell"}}<td class="n v{{if .Flag}} flag{{end}}"{{if .Tip}} title="{{.Tip}}"{{end}}>{{if .Href}}<a href="{{.Href}}">{{.Text}}</a>{{else}}{{.Text}}{{end}}</td>{{end}}`

var pageTmpl = template.Must(template.New("report").Funcs(template.FuncMap{
	"add":        func(a, b float64) float64 { return a + b },
	"half":       func(a float64) float64 { return a / 2 },
	"plotWidth":  func(s Scatter) float64 { return s.W - s.L - s.R },
	"plotHeight": func(s Scatter) float64 { return s.H - s.T - s.B },
	"plotRight":  func(s Scatter) float64 { return s.W - s.R },
	"plotBottom": func(s Scatter) float64 { return s.H - s.B },
	"short":      short,
}).Parse(htmlTemplate))

// HTML renders the report as one self-contained HTML page.
func HTML(r *Report) ([]byte, error) {
	var b bytes.Buffer
	if err := pageTmpl.Execute(&b, r); err != nil {
		return nil, fmt.Errorf("report: render HTML: %w", err)
	}
	return b.Bytes(), nil
}
