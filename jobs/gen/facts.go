package gen

import (
	"math"
	"math/rand/v2"
	"strconv"
	"strings"
)

// clause templates: pre + number + unit + post. Every template names its
// metric with a cue (and, where the rules need one, a verb) in the same
// clause, the way real reports do; values follow DESIGN.md's conventions.
type tmpl struct {
	pre, unit, post string
}

type metricSpec struct {
	id     string
	lo, hi float64 // range of values for a county (log-uniform), scaled per unit
	police bool    // only units that handle cases report it
	ts     []tmpl
}

var metricSpecs = []metricSpec{
	{"org.meetings", 3, 30, false, []tmpl{{"召开领导小组会议", "次", ""}, {"组织召开专题会议", "次", ""}, {"先后召开党组会、推进会", "次", ""}, {"召开扫黑除恶工作调度会", "次", ""}}},
	{"org.commitments", 20, 2000, false, []tmpl{{"层层签订目标责任书", "份", ""}, {"与下属单位签订责任书", "份", ""}, {"组织干部职工签订承诺书", "份", ""}}},
	{"org.inspections", 2, 20, false, []tmpl{{"开展专项督导检查", "次", ""}, {"开展明察暗访", "次", ""}, {"组织开展督查", "轮", ""}}},
	{"org.trainings", 2, 30, false, []tmpl{{"开展扫黑除恶专题培训", "次", ""}, {"举办业务培训班", "期", ""}, {"组织集中培训", "场", ""}}},
	{"publicity.banners", 20, 3000, false, []tmpl{{"悬挂横幅", "条", ""}, {"悬挂宣传横幅", "条", ""}, {"在主要路口悬挂过街横幅", "幅", ""}}},
	{"publicity.slogans", 20, 2000, false, []tmpl{{"刷写固定标语", "条", ""}, {"张贴宣传标语", "幅", ""}, {"制作墙体标语", "处", ""}}},
	{"publicity.notices", 500, 50000, false, []tmpl{{"张贴《致广大人民群众的公开信》", "份", ""}, {"张贴县公安局通告", "份", ""}, {"张贴举报信息公告", "张", ""}}},
	{"publicity.leaflets", 1000, 300000, false, []tmpl{{"发放宣传资料", "份", ""}, {"发放明白纸", "张", ""}, {"发放宣传单", "份", ""}, {"向群众发放宣传折页", "份", ""}}},
	{"publicity.brochures", 200, 50000, false, []tmpl{{"印发《扫黑除恶应知应会手册》", "册", ""}, {"发放宣传册", "本", ""}, {"编印学习读本", "册", ""}}},
	{"publicity.boards", 5, 300, false, []tmpl{{"制作宣传展板", "块", ""}, {"设置宣传栏", "个", ""}, {"出版黑板报", "期", ""}}},
	{"publicity.screens", 3, 300, false, []tmpl{{"利用LED显示屏", "块", "滚动播放扫黑除恶内容"}, {"协调城区电子屏", "块", "循环播放宣传内容"}}},
	{"publicity.articles", 5, 500, false, []tmpl{{"在各级媒体刊发稿件", "篇", ""}, {"向上级报送工作简报", "期", ""}, {"编发工作信息", "条", ""}, {"在县融媒体中心发表报道", "篇", ""}}},
	{"publicity.videos", 1, 30, false, []tmpl{{"制作扫黑除恶微视频", "部", ""}, {"拍摄宣传短视频", "个", ""}}},
	{"publicity.events", 3, 300, false, []tmpl{{"开展集中宣传活动", "场次", ""}, {"组织文艺演出", "场", ""}, {"举办法治讲座", "场", ""}, {"组织", "场", "巡回演出"}}},
	{"publicity.vehicles", 1, 50, false, []tmpl{{"出动宣传车", "辆", ""}, {"组织流动宣传车", "辆", "深入乡村巡回宣传"}}},
	{"publicity.sites", 2, 100, false, []tmpl{{"设立宣传咨询点", "个", ""}, {"建成法治文化长廊", "处", ""}, {"设置宣传站", "个", ""}}},
	{"publicity.messages", 1000, 1000000, false, []tmpl{{"发送扫黑除恶公益短信", "条", ""}, {"通过运营商发送提示短信", "条", ""}}},
	{"leads.found", 5, 500, false, []tmpl{{"摸排涉黑涉恶线索", "条", ""}, {"共排查问题线索", "条", ""}, {"梳理排查涉黑涉恶问题线索", "条", ""}}},
	{"leads.received", 5, 600, false, []tmpl{{"受理群众举报线索", "条", ""}, {"接到群众举报", "件", ""}, {"收到上级交办线索", "条", ""}}},
	{"leads.transferred", 1, 60, false, []tmpl{{"向县纪委监委移送问题线索", "条", ""}, {"向公安机关移交涉黑涉恶线索", "条", ""}, {"上报县扫黑办线索", "条", ""}}},
	{"leads.closed", 1, 500, false, []tmpl{{"已查结线索", "条", ""}, {"办结举报线索", "条", ""}, {"核查办结问题线索", "件", ""}}},
	{"cases.gang", 1, 3, true, []tmpl{{"打掉涉黑组织", "个", ""}, {"侦办涉黑案件", "起", ""}}},
	{"cases.evil", 1, 20, true, []tmpl{{"打掉涉恶犯罪团伙", "个", ""}, {"打掉恶势力犯罪集团", "个", ""}, {"侦破涉恶案件", "起", ""}}},
	{"cases.umbrella", 1, 10, true, []tmpl{{"查处“保护伞”", "人", ""}, {"查处充当“保护伞”的党员干部", "名", ""}}},
	{"cases.incidents", 5, 500, false, []tmpl{{"破获刑事案件", "起", ""}, {"调处矛盾纠纷", "件", ""}, {"查处治安案件", "起", ""}}},
}

var specByID = func() map[string]*metricSpec {
	m := map[string]*metricSpec{}
	for i := range metricSpecs {
		m[metricSpecs[i].id] = &metricSpecs[i]
	}
	return m
}()

// goldFact is one fact line of the gold file.
type goldFact struct {
	metric    string
	value     float64
	null      bool
	qualifier string
	optional  bool
	evidence  string // simplified; converted with the document
}

// number is a formatted count: text goes between the template's pre and its
// unit; suffix (左右) after the unit.
type number struct {
	text, suffix string
	value        float64
	null         bool
	qual         string
}

// sig rounds v to d significant digits (what 余/约 figures look like).
func sig(v int, d int) int {
	if v < 10 {
		return v
	}
	p := int(math.Pow10(int(math.Floor(math.Log10(float64(v)))) + 1 - d))
	if p < 1 {
		p = 1
	}
	r := (v + p/2) / p * p
	if r == 0 {
		r = p
	}
	return r
}

var cnDigits = []rune("零一二三四五六七八九")

// chinese writes v (0 < v < 1e8) as a Chinese numeral: 120 → 一百二十,
// 12 → 十二, 10500 → 一万零五百.
func chinese(v int) string {
	if v >= 10000 {
		hi, lo := v/10000, v%10000
		s := chinese(hi) + "万"
		if lo == 0 {
			return s
		}
		if lo < 1000 {
			s += "零"
		}
		return s + chinese4(lo, false)
	}
	return chinese4(v, true)
}

func chinese4(v int, lead bool) string {
	var b strings.Builder
	units := []string{"千", "百", "十", ""}
	div := []int{1000, 100, 10, 1}
	zero := false
	started := false
	for i, d := range div {
		x := v / d % 10
		if x == 0 {
			if started {
				zero = true
			}
			continue
		}
		if zero {
			b.WriteRune('零')
			zero = false
		}
		// 十二, not 一十二, at the head of a number.
		if !(x == 1 && i == 2 && !started && lead) {
			b.WriteRune(cnDigits[x])
		}
		b.WriteString(units[i])
		started = true
	}
	return b.String()
}

var fwDigits = strings.NewReplacer("0", "０", "1", "１", "2", "２", "3", "３", "4", "４", "5", "５", "6", "６", "7", "７", "8", "８", "9", "９")

func commas(v int) string {
	s := strconv.Itoa(v)
	var b strings.Builder
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	return b.String()
}

// formatNumber picks one of the number forms reports use and returns the
// value and qualifier DESIGN.md's counting conventions give it.
func formatNumber(r *rand.Rand, v int, fullwidth bool) number {
	if v < 1 {
		v = 1
	}
	arabic := func(s string) string {
		if fullwidth && chance(r, 0.5) {
			return fwDigits.Replace(s)
		}
		return s
	}
	k := r.Float64()
	switch {
	case k < 0.08 && v >= 1000:
		return number{text: commas(v), value: float64(v), qual: "exact"}
	case k < 0.20 && v >= 20:
		w := sig(v, 2)
		return number{text: arabic(strconv.Itoa(w)) + "余", value: float64(w), qual: "over"}
	case k < 0.25 && v >= 20:
		w := sig(v, 2)
		return number{text: arabic(strconv.Itoa(w)) + "多", value: float64(w), qual: "over"}
	case k < 0.33 && v >= 10000:
		w := sig(v, 2)
		if w%10000 == 0 && chance(r, 0.5) {
			if w >= 100000 {
				return number{text: arabic(strconv.Itoa(w/10000)) + "余万", value: float64(w), qual: "over"}
			}
			return number{text: arabic(strconv.Itoa(w/10000)) + "万余", value: float64(w), qual: "over"}
		}
		s := strconv.FormatFloat(float64(w)/10000, 'f', -1, 64)
		return number{text: arabic(s) + "万", value: float64(w), qual: "exact"}
	case k < 0.41 && v < 100000:
		return number{text: chinese(v), value: float64(v), qual: "exact"}
	case k < 0.45 && v >= 100 && v < 100000:
		w := sig(v, 1)
		return number{text: chinese(w) + "余", value: float64(w), qual: "over"}
	case k < 0.48 && v >= 20:
		w := sig(v, 2)
		return number{text: "约" + arabic(strconv.Itoa(w)), value: float64(w), qual: "about"}
	case k < 0.51 && v >= 20:
		w := sig(v, 2)
		return number{text: arabic(strconv.Itoa(w)), suffix: "左右", value: float64(w), qual: "about"}
	case k < 0.53 && v >= 20:
		w := sig(v, 1)
		if w == 100 && chance(r, 0.5) {
			return number{text: "近百", value: 100, qual: "under"}
		}
		return number{text: "近" + arabic(strconv.Itoa(w)), value: float64(w), qual: "under"}
	}
	return number{text: arabic(strconv.Itoa(v)), value: float64(v), qual: "exact"}
}

var redactions = []string{"xx", "XX", "x ", "xx"}

func redacted(r *rand.Rand) number {
	return number{text: pick(r, redactions), null: true, qual: "redacted"}
}

// value draws a figure for metric m at the unit's scale (log-uniform).
func value(r *rand.Rand, m *metricSpec, scale float64) int {
	lo, hi := m.lo*scale, m.hi*scale
	if lo < 1 {
		lo = 1
	}
	if hi < lo+1 {
		hi = lo + 1
	}
	v := math.Exp(math.Log(lo) + r.Float64()*(math.Log(hi)-math.Log(lo)))
	return int(math.Round(v))
}
