package numeral

import (
	"strings"
	"testing"
)

// surface is one row of the Duckling-style corpus: a surface form in
// context, the match expected in it, and what that match means.
type surface struct {
	in    string
	text  string // Text of the expected match; "" = the first match
	kind  Kind
	value float64
	qual  string // "" = exact
	unit  string
	flags string // "novalue": HasValue false; "frac": not an integer
}

var corpus = []surface{
	// Arabic digits.
	{"200", "", KindCount, 200, "", "", ""},
	{"共200条", "200", KindCount, 200, "", "条", ""},
	{"1,200份", "1,200", KindCount, 1200, "", "份", ""},
	{"1，200份", "1，200", KindCount, 1200, "", "份", ""},
	{"1,200,000人次", "1,200,000", KindCount, 1200000, "", "人次", ""},
	{"１２０名", "１２０", KindCount, 120, "", "名", ""},
	{"１，２００份", "１，２００", KindCount, 1200, "", "份", ""},
	{"3.5", "", KindDecimal, 3.5, "", "", "frac"},
	{"3.5万", "", KindCount, 35000, "", "", ""},
	{"3.5万份", "3.5万", KindCount, 35000, "", "份", ""},
	{"20万余", "", KindCount, 200000, Over, "", ""},
	{"1.2亿", "", KindCount, 120000000, "", "", ""},
	{"2万5千", "", KindCount, 25000, "", "", ""},
	{"1亿2000万", "", KindCount, 120000000, "", "", ""},
	{"3千万", "", KindCount, 30000000, "", "", ""},
	{"100000余份", "100000余", KindCount, 100000, Over, "份", ""},
	{"1万份", "1万", KindCount, 10000, "", "份", ""},
	{"1万人次", "1万", KindCount, 10000, "", "人次", ""},
	{"10余万份", "10余万", KindCount, 100000, Over, "份", ""},
	{"200多万", "", KindCount, 2000000, Over, "", ""},
	{"0.25万", "", KindCount, 2500, "", "", ""},
	{"查处 1 起", "1", KindCount, 1, "", "起", ""},
	{"展板300余块", "300余", KindCount, 300, Over, "块", ""},
	{"组织30余场", "30余", KindCount, 30, Over, "场", ""},
	{"发表宣传稿件163余篇", "163余", KindCount, 163, Over, "篇", ""},
	{"宣传车2台", "2", KindCount, 2, "", "台", ""},
	{"微视频3个", "3", KindCount, 3, "", "个", ""},
	{"设置了6处", "6", KindCount, 6, "", "处", ""},
	{"5000人次", "5000", KindCount, 5000, "", "人次", ""},
	{"走访3户次", "3", KindCount, 3, "", "户次", ""},
	{"2000余份", "2000余", KindCount, 2000, Over, "份", ""},

	// Chinese numerals.
	{"一条", "一", KindCount, 1, "", "条", ""},
	{"两个", "两", KindCount, 2, "", "个", ""},
	{"三名", "三", KindCount, 3, "", "名", ""},
	{"四处", "四", KindCount, 4, "", "处", ""},
	{"五本", "五", KindCount, 5, "", "本", ""},
	{"六场", "六", KindCount, 6, "", "场", ""},
	{"七篇", "七", KindCount, 7, "", "篇", ""},
	{"八块", "八", KindCount, 8, "", "块", ""},
	{"九台", "九", KindCount, 9, "", "台", ""},
	{"十个", "十", KindCount, 10, "", "个", ""},
	{"十二", "", KindCount, 12, "", "", ""},
	{"二十", "", KindCount, 20, "", "", ""},
	{"二十八", "", KindCount, 28, "", "", ""},
	{"一百零五", "", KindCount, 105, "", "", ""},
	{"一百一十", "", KindCount, 110, "", "", ""},
	{"一千二百", "", KindCount, 1200, "", "", ""},
	{"一千余", "", KindCount, 1000, Over, "", ""},
	{"下发宣传单一千余份", "一千余", KindCount, 1000, Over, "份", ""},
	{"三千零五十", "", KindCount, 3050, "", "", ""},
	{"两千", "", KindCount, 2000, "", "", ""},
	{"兩百", "", KindCount, 200, "", "", ""},
	{"两百份", "两百", KindCount, 200, "", "份", ""},
	{"一万二千", "", KindCount, 12000, "", "", ""},
	{"一万二", "", KindCount, 12000, "", "", ""},
	{"两千五", "", KindCount, 2500, "", "", ""},
	{"十万", "", KindCount, 100000, "", "", ""},
	{"一亿二千万", "", KindCount, 120000000, "", "", ""},
	{"五十余万", "", KindCount, 500000, Over, "", ""},
	{"百余", "", KindCount, 100, Over, "", ""},
	{"千余", "", KindCount, 1000, Over, "", ""},
	{"万余", "", KindCount, 10000, Over, "", ""},
	{"十余", "", KindCount, 10, Over, "", ""},
	{"二十多", "", KindCount, 20, Over, "", ""},
	{"百余人", "百余", KindCount, 100, Over, "人", ""},
	{"近百", "", KindCount, 100, Under, "", ""},
	{"近百人", "近百", KindCount, 100, Under, "人", ""},
	{"逾千人", "逾千", KindCount, 1000, Over, "人", ""},
	{"上百人", "上百", KindCount, 100, Over, "人", ""},
	{"上千份", "上千", KindCount, 1000, Over, "份", ""},
	{"一点五", "", KindDecimal, 1.5, "", "", "frac"},
	{"三点五万", "", KindCount, 35000, "", "", ""},
	{"壹佰贰拾", "", KindCount, 120, "", "", ""},
	{"共摸排线索一条", "一", KindCount, 1, "", "条", ""},
	{"兩次組織人員", "兩", KindCount, 2, "", "次", ""},
	{"僅有兩個縣直部門", "兩", KindCount, 2, "", "个", ""},
	{"文化长廊一处", "一", KindCount, 1, "", "处", ""},
	{"唯一一个", "一", KindCount, 1, "", "个", ""},

	// Qualifiers.
	{"150多", "", KindCount, 150, Over, "", ""},
	{"LED显示屏150多车辆", "150多", KindCount, 150, Over, "", ""},
	{"150多个", "150多", KindCount, 150, Over, "个", ""},
	{"200余条", "200余", KindCount, 200, Over, "条", ""},
	{"约200人", "约200", KindCount, 200, About, "人", ""},
	{"大约300份", "大约300", KindCount, 300, About, "份", ""},
	{"200份左右", "200份左右", KindCount, 200, About, "份", ""},
	{"约200条左右", "约200条左右", KindCount, 200, About, "条", ""},
	{"近200条左右", "近200条左右", KindCount, 200, About, "条", ""},
	{"300上下", "300上下", KindCount, 300, About, "", ""},
	{"3次以上", "3次以上", KindCount, 3, Over, "次", ""},
	{"200以上", "200以上", KindCount, 200, Over, "", ""},
	{"5人以下", "5人以下", KindCount, 5, Under, "人", ""},
	{"超过500人", "超过500", KindCount, 500, Over, "人", ""},
	{"逾200条", "逾200", KindCount, 200, Over, "条", ""},
	{"不到10人", "不到10", KindCount, 10, Under, "人", ""},
	{"不足5个", "不足5", KindCount, 5, Under, "个", ""},
	{"将近200", "将近200", KindCount, 200, Under, "", ""},
	{"至少3次", "至少3", KindCount, 3, Over, "次", ""},
	{"十来个", "十来", KindCount, 10, About, "个", ""},
	{"20来人", "20来", KindCount, 20, About, "人", ""},
	{"节约1万元", "1万", KindMoney, 10000, "", "元", ""},
	{"最近3个月", "3", KindDuration, 3, "", "个月", ""},

	// Vague ranges: never a concatenated number.
	{"两三个", "两三", KindRange, 0, About, "个", "novalue"},
	{"三五个", "三五", KindRange, 0, About, "个", "novalue"},
	{"一两次", "一两", KindRange, 0, About, "次", "novalue"},
	{"七八个", "七八", KindRange, 0, About, "个", "novalue"},
	{"十几个", "十几", KindRange, 0, About, "个", "novalue"},
	{"几十", "", KindRange, 0, About, "", "novalue"},
	{"数十", "", KindRange, 0, About, "", "novalue"},
	{"数百名", "数百", KindRange, 0, About, "名", "novalue"},
	{"几个", "几", KindRange, 0, About, "个", "novalue"},
	{"两三百", "", KindRange, 0, About, "", "novalue"},
	{"一百二三十人", "一百二三十", KindRange, 0, About, "人", "novalue"},
	{"3-5次", "3-5", KindRange, 0, About, "次", "novalue"},
	{"三至五个", "三至五", KindRange, 0, About, "个", "novalue"},
	{"10~20人", "10~20", KindRange, 0, About, "人", "novalue"},
	{"成千上万", "", KindRange, 0, "", "", "novalue"},

	// Redacted figures.
	{"xx条", "xx", KindRedacted, 0, Redacted, "条", "novalue"},
	{"XX条", "XX", KindRedacted, 0, Redacted, "条", "novalue"},
	{"x条", "x", KindRedacted, 0, Redacted, "条", "novalue"},
	{"交办 x 条", "x", KindRedacted, 0, Redacted, "条", "novalue"},
	{"××件", "××", KindRedacted, 0, Redacted, "件", "novalue"},
	{"***条", "***", KindRedacted, 0, Redacted, "条", "novalue"},
	{"ＸＸ条", "ＸＸ", KindRedacted, 0, Redacted, "条", "novalue"},
	{"1xx条", "1xx", KindRedacted, 0, Redacted, "条", "novalue"},
	{"线索xx余条", "xx余", KindRedacted, 0, Redacted, "条", "novalue"},
	{"xx县", "xx", KindName, 0, Redacted, "", "novalue"},
	{"x 月至x 月", "x 月", KindDate, 0, Redacted, "", "novalue"},
	{"20xx年", "20xx年", KindYear, 0, Redacted, "", "novalue"},

	// Ordinals, enumerations and headings.
	{"第一", "", KindOrdinal, 1, "", "", ""},
	{"第1", "", KindOrdinal, 1, "", "", ""},
	{"第一时间", "", KindOrdinal, 0, "", "", "novalue"},
	{"第一责任人", "", KindOrdinal, 0, "", "", "novalue"},
	{"县委第一巡察组", "第一", KindOrdinal, 1, "", "", ""},
	{"第一次", "第一", KindOrdinal, 1, "", "次", ""},
	{"一是", "", KindOrdinal, 1, "", "", ""},
	{"二是", "", KindOrdinal, 2, "", "", ""},
	{"其一", "", KindOrdinal, 0, "", "", "novalue"},
	{"首先", "", KindOrdinal, 0, "", "", "novalue"},
	{"一、强化组织领导", "一、", KindOrdinal, 1, "", "", ""},
	{"局面。2、三年以来", "2、", KindOrdinal, 2, "", "", ""},
	{"(一)扫黑除恶", "(一)", KindOrdinal, 1, "", "", ""},
	{"（三）健全机制", "（三）", KindOrdinal, 3, "", "", ""},
	{"(2)加强宣传", "(2)", KindOrdinal, 2, "", "", ""},
	{"1.制定方案", "1.", KindOrdinal, 1, "", "", ""},
	{"十九届", "十九", KindOrdinal, 19, "", "届", ""},

	// Slogans and fixed political numbers.
	{"四个意识", "", KindIdiom, 0, "", "", "novalue"},
	{"四个自信", "", KindIdiom, 0, "", "", "novalue"},
	{"两个维护", "", KindIdiom, 0, "", "", "novalue"},
	{"两个确立", "", KindIdiom, 0, "", "", "novalue"},
	{"三书一函", "", KindIdiom, 0, "", "", "novalue"},
	{"十九大", "", KindIdiom, 19, "", "", ""},
	{"十九届四中全会", "", KindIdiom, 19, "", "", ""},
	{"两会", "", KindIdiom, 0, "", "", "novalue"},
	{"全国两会", "", KindIdiom, 0, "", "", "novalue"},
	{"两学一做", "", KindIdiom, 0, "", "", "novalue"},
	{"三会一课", "", KindIdiom, 0, "", "", "novalue"},
	{"一把手", "", KindIdiom, 0, "", "", "novalue"},
	{"一岗双责", "", KindIdiom, 0, "", "", "novalue"},
	{"一线", "", KindIdiom, 0, "", "", "novalue"},
	{"一律", "", KindIdiom, 0, "", "", "novalue"},
	{"一致", "", KindIdiom, 0, "", "", "novalue"},
	{"一体", "", KindIdiom, 0, "", "", "novalue"},
	{"统一", "", KindIdiom, 0, "", "", "novalue"},
	{"唯一", "", KindIdiom, 0, "", "", "novalue"},
	{"一些", "", KindIdiom, 0, "", "", "novalue"},
	{"一切", "", KindIdiom, 0, "", "", "novalue"},
	{"一定", "", KindIdiom, 0, "", "", "novalue"},
	{"一并", "", KindIdiom, 0, "", "", "novalue"},
	{"一道", "", KindIdiom, 0, "", "", "novalue"},
	{"进一步", "", KindIdiom, 0, "", "", "novalue"},
	{"一直", "", KindIdiom, 0, "", "", "novalue"},
	{"一批", "", KindIdiom, 0, "", "", "novalue"},
	{"一级抓一级", "", KindIdiom, 0, "", "", "novalue"},
	{"一手抓", "", KindIdiom, 0, "", "", "novalue"},
	{"一方面", "", KindIdiom, 0, "", "", "novalue"},
	{"五位一体", "", KindIdiom, 0, "", "", "novalue"},
	{"一次性", "", KindIdiom, 0, "", "", "novalue"},
	{"零容忍", "", KindIdiom, 0, "", "", "novalue"},
	{"三大攻坚战", "", KindIdiom, 0, "", "", "novalue"},
	{"十三五", "", KindIdiom, 0, "", "", "novalue"},
	{"四风", "", KindIdiom, 0, "", "", "novalue"},
	{"十分重要", "十分", KindIdiom, 0, "", "", "novalue"},
	{"二级学院", "二", KindIdiom, 2, "", "", ""},
	{"四中全会", "", KindIdiom, 4, "", "", ""},

	// 一起: a count only before a case-like noun.
	{"发现一起学生校园贷情况", "一", KindCount, 1, "", "起", ""},
	{"查处一起涉黑案件", "一", KindCount, 1, "", "起", ""},
	{"一起参与", "一", KindIdiom, 1, "", "", ""},
	{"和群众一起,", "一", KindIdiom, 1, "", "", ""},
	{"两起村民阻工问题", "两", KindCount, 2, "", "起", ""},

	// Percentages.
	{"15%", "15", KindPercent, 15, "", "%", ""},
	{"15.5%以上", "15.5%以上", KindPercent, 15.5, Over, "%", "frac"},
	{"近80%", "近80", KindPercent, 80, Under, "%", ""},
	{"百分之一点五七", "", KindPercent, 1.57, "", "", "frac"},
	{"百分之百", "", KindPercent, 100, "", "", ""},
	{"百分之九十以上", "", KindPercent, 90, Over, "", ""},
	{"三成", "三", KindPercent, 30, "", "成", ""},
	{"八成以上", "八成以上", KindPercent, 80, Over, "成", ""},
	{"3个百分点", "3", KindPercent, 3, "", "个百分点", ""},

	// Years, dates and times.
	{"2020年", "", KindYear, 2020, "", "", ""},
	{"2020年度", "", KindYear, 2020, "", "", ""},
	{"二〇二〇年", "", KindYear, 2020, "", "", ""},
	{"二零一九年", "", KindYear, 2019, "", "", ""},
	{"二〇二〇", "", KindYear, 2020, "", "", ""},
	{"xx县2019扫黑除恶", "2019", KindYear, 2019, "", "", ""},
	{"2018-2020年", "", KindYear, 2018, "", "", ""},
	{"2019年10月28日", "", KindDate, 2019, "", "", ""},
	{"二〇一九年十月二十八日", "", KindDate, 2019, "", "", ""},
	{"2019.10.28", "", KindDate, 2019, "", "", ""},
	{"2019-10-28", "", KindDate, 2019, "", "", ""},
	{"2019年x月x日", "", KindDate, 2019, Redacted, "", ""},
	{"3月20日", "", KindDate, 0, "", "", "novalue"},
	{"10月份", "", KindDate, 0, "", "", "novalue"},
	{"每月20日", "20日", KindDate, 0, "", "", "novalue"},
	{"8时", "", KindTime, 0, "", "", "novalue"},
	{"8时30分", "", KindTime, 0, "", "", "novalue"},
	{"上午9点", "9点", KindTime, 0, "", "", "novalue"},
	{"八点半", "", KindTime, 0, "", "", "novalue"},
	{"9:30", "", KindTime, 0, "", "", "novalue"},

	// Durations, measures, money, frequencies, categories, codes.
	{"三年以来", "三", KindDuration, 3, "", "年", ""},
	{"近3年", "近3", KindDuration, 3, Under, "年", ""},
	{"3个月", "3", KindDuration, 3, "", "个月", ""},
	{"3个多月", "3", KindDuration, 3, Over, "个月", ""},
	{"一年多", "一年多", KindDuration, 1, Over, "年", ""},
	{"二十分钟", "二十", KindDuration, 20, "", "分钟", ""},
	{"5公里", "5", KindMeasure, 5, "", "公里", ""},
	{"200平方米", "200", KindMeasure, 200, "", "平方米", ""},
	{"5万元", "5万", KindMoney, 50000, "", "元", ""},
	{"3.5万元", "3.5万", KindMoney, 35000, "", "元", ""},
	{"200多万元", "200多万", KindMoney, 2000000, Over, "元", ""},
	{"每月召开一次", "一", KindFrequency, 1, "", "次", ""},
	{"每季度召开1次", "1", KindFrequency, 1, "", "次", ""},
	{"10类线索", "10", KindCategory, 10, "", "类", ""},
	{"等三个方面的问题", "三", KindCategory, 3, "", "个方面", ""},
	{"从5个方面入手", "5", KindCategory, 5, "", "个方面", ""},
	{"聚焦12个重点领域", "12", KindCount, 12, "", "个", ""},
	{"聚焦12个领域", "12", KindCategory, 12, "", "个领域", ""},
	{"3号文件", "3", KindCode, 3, "", "号", ""},
	{"12337举报平台", "12337", KindCode, 12337, "", "", ""},
	{"举报电话:12345678", "12345678", KindCode, 12345678, "", "", ""},
	{"“311”集中行动", "311", KindCode, 311, "", "", ""},
	{"12315投诉举报平台", "12315", KindCode, 12315, "", "", ""},
	{"110接警中发现", "110", KindCode, 110, "", "", ""},
	// Digits grouped by spaces (GB/T 15835), as by commas.
	{"悬挂横幅4 300余条", "4 300余", KindCount, 4300, Over, "条", ""},
	{"治安案件1 046起", "1 046", KindCount, 1046, "", "起", ""},
	{"宣传单1 234 567份", "1 234 567", KindCount, 1234567, "", "份", ""},
	{"共12 000份", "12 000", KindCount, 12000, "", "份", ""},
	// Not a group: four digits before the space, or two after it.
	{"2019 300份", "300", KindCount, 300, "", "份", ""},
	{"发放3 50份", "50", KindCount, 50, "", "份", ""},
	{"“两个一律”落实不够", "两", KindIdiom, 2, "", "个", ""},
	{"“三个一批”要求", "三", KindIdiom, 3, "", "个", ""},
	{"“六个一律”", "六", KindIdiom, 6, "", "个", ""},
	// A quoted phrase that is a count is still one: “100个村”.
	{"“100个村”全覆盖", "100", KindCount, 100, "", "个", ""},
	{"1.2.3", "", KindCode, 0, "", "", "novalue"},
}

func find(ns []Number, text string) (Number, bool) {
	for _, n := range ns {
		if text == "" || n.Text == text {
			return n, true
		}
	}
	return Number{}, false
}

func TestSurfaceForms(t *testing.T) {
	if len(corpus) < 150 {
		t.Fatalf("corpus has %d rows, want at least 150", len(corpus))
	}
	for _, c := range corpus {
		ns := Scan([]rune(c.in))
		n, ok := find(ns, c.text)
		if !ok {
			t.Errorf("%s: no match %q in %+v", c.in, c.text, ns)
			continue
		}
		qual := c.qual
		if qual == "" {
			qual = Exact
		}
		hasValue := !strings.Contains(c.flags, "novalue")
		integer := hasValue && !strings.Contains(c.flags, "frac")
		if n.Kind != c.kind || n.Qualifier != qual || n.Unit != c.unit || n.HasValue != hasValue || n.Integer != integer ||
			(hasValue && n.Value != c.value) {
			t.Errorf("%s: got %q kind=%s value=%v has=%v int=%v qual=%s unit=%q (%s); want kind=%s value=%v has=%v int=%v qual=%s unit=%q",
				c.in, n.Text, n.Kind, n.Value, n.HasValue, n.Integer, n.Qualifier, n.Unit, n.Reason,
				c.kind, c.value, hasValue, integer, qual, c.unit)
		}
		if n.Kind != KindCount && n.Reason == "" {
			t.Errorf("%s: %s without a Reason", c.in, n.Kind)
		}
	}
}

// TestNoCount lists text where a reader sees no count at all, even though
// numeral characters or x appear in it.
func TestNoCount(t *testing.T) {
	for _, in := range []string{
		"统一零售价", "LED显示屏", "Excel表格", "box", "统(tǒng)一", "持續(xù)加大", "百姓", "千方百计",
		"千家万户", "几乎", "数据", "以上百姓", "万人", "建成", "三成员单位", "一起参与", "进一步加强",
		"树牢四个意识,坚决做到两个维护", "第一时间召开会议", "一是制定方案,二是落实责任", "五一", "一一对应",
		"两微一端", "形成了一级抓一级的工作局面", "零售", "三令五申", "落实“两个一律”要求",
	} {
		for _, n := range Scan([]rune(in)) {
			if n.Kind == KindCount {
				t.Errorf("%s: unexpected count %q (%v)", in, n.Text, n.Value)
			}
		}
	}
}

func TestRangeBounds(t *testing.T) {
	for _, c := range []struct {
		in       string
		low, hi  float64
		wantKind Kind
	}{
		{"两三个", 2, 3, KindRange},
		{"十几个", 11, 19, KindRange},
		{"几十", 10, 90, KindRange},
		{"数百名", 100, 900, KindRange},
		{"两三百", 200, 300, KindRange},
		{"一百二三十人", 120, 130, KindRange},
		{"3-5次", 3, 5, KindRange},
		{"2018-2020年", 2018, 2020, KindYear},
	} {
		n, ok := Parse(c.in)
		if !ok || n.Kind != c.wantKind || n.Low != c.low || n.High != c.hi {
			t.Errorf("%s: got ok=%v kind=%s low=%v high=%v, want %s %v..%v", c.in, ok, n.Kind, n.Low, n.High, c.wantKind, c.low, c.hi)
		}
	}
}

func TestDates(t *testing.T) {
	for _, c := range []struct {
		in       string
		y, m, d  int
		wantKind Kind
	}{
		{"2019年10月28日", 2019, 10, 28, KindDate},
		{"二〇一九年十月二十八日", 2019, 10, 28, KindDate},
		{"2018年3月", 2018, 3, 0, KindDate},
		{"2019年3月份", 2019, 3, 0, KindDate},
		{"2020年", 2020, 0, 0, KindYear},
		{"3月20日", 0, 3, 20, KindDate},
		{"2019.10.28", 2019, 10, 28, KindDate},
		{"2019年x月x日", 2019, 0, 0, KindDate},
	} {
		n, ok := Parse(c.in)
		if !ok || n.Kind != c.wantKind || n.Year != c.y || n.Month != c.m || n.Day != c.d {
			t.Errorf("%s: got ok=%v kind=%s %d-%d-%d, want %s %d-%d-%d", c.in, ok, n.Kind, n.Year, n.Month, n.Day, c.wantKind, c.y, c.m, c.d)
		}
	}
}

// TestOffsets pins the spans callers use for evidence: qualifier words are
// inside Start/End, the unit word is outside unless a qualifier follows it.
func TestOffsets(t *testing.T) {
	for _, c := range []struct {
		in                                         string
		start, end, numStart, numEnd, uStart, uEnd int
	}{
		{"横幅200余条", 2, 6, 2, 5, 6, 7},
		{"约200条左右", 0, 7, 1, 4, 4, 5},
		{"近百人", 0, 2, 1, 2, 2, 3},
		{"交办 x 条", 3, 4, 3, 4, 5, 6},
		{"五十余万元", 0, 4, 0, 2, 4, 5},
	} {
		ns := Scan([]rune(c.in))
		if len(ns) != 1 {
			t.Errorf("%s: %d matches", c.in, len(ns))
			continue
		}
		n := ns[0]
		if n.Start != c.start || n.End != c.end || n.NumStart != c.numStart || n.NumEnd != c.numEnd || n.UnitStart != c.uStart || n.UnitEnd != c.uEnd {
			t.Errorf("%s: got [%d,%d) num [%d,%d) unit [%d,%d), want [%d,%d) num [%d,%d) unit [%d,%d)", c.in,
				n.Start, n.End, n.NumStart, n.NumEnd, n.UnitStart, n.UnitEnd, c.start, c.end, c.numStart, c.numEnd, c.uStart, c.uEnd)
		}
	}
}

func TestParseWholeString(t *testing.T) {
	for _, c := range []struct {
		in string
		ok bool
	}{
		{"200余条", true}, {"一千余份", true}, {"约200条左右", true}, {"四个意识", true},
		{"200余条横幅", false}, {"一起参与", false}, {"横幅200", false}, {"", false}, {"统一零售价", false},
	} {
		if _, ok := Parse(c.in); ok != c.ok {
			t.Errorf("Parse(%q) ok=%v, want %v", c.in, ok, c.ok)
		}
	}
}

// TestScanSentence checks a genre sentence end to end, in order.
func TestScanSentence(t *testing.T) {
	in := "2020年共制作悬挂横幅200余条,发放宣传单一千余份,排查线索xx条,其中移送 x 条,第一时间上报,约30%的群众参与。"
	want := []struct {
		text string
		kind Kind
	}{
		{"2020年", KindYear}, {"200余", KindCount}, {"一千余", KindCount}, {"xx", KindRedacted},
		{"x", KindRedacted}, {"第一时间", KindOrdinal}, {"约30", KindPercent},
	}
	ns := Scan([]rune(in))
	if len(ns) != len(want) {
		t.Fatalf("got %d matches %+v, want %d", len(ns), ns, len(want))
	}
	for i, w := range want {
		if ns[i].Text != w.text || ns[i].Kind != w.kind {
			t.Errorf("match %d: got %q %s, want %q %s", i, ns[i].Text, ns[i].Kind, w.text, w.kind)
		}
	}
}

func checkInvariants(t *testing.T, text []rune, ns []Number) {
	t.Helper()
	prev := 0
	for _, n := range ns {
		if n.Start < prev || n.Start > n.NumStart || n.NumStart > n.NumEnd || n.NumEnd > n.End || n.End > len(text) || n.Start >= n.End {
			t.Fatalf("bad offsets %+v (prev end %d, len %d) in %q", n, prev, len(text), string(text))
		}
		if n.UnitStart > n.UnitEnd || n.UnitEnd > len(text) || n.UnitStart < n.NumEnd {
			t.Fatalf("bad unit span %+v in %q", n, string(text))
		}
		if n.Text != string(text[n.Start:n.End]) {
			t.Fatalf("Text %q does not match span in %q", n.Text, string(text))
		}
		prev = n.End
		if n.UnitEnd > prev {
			prev = n.UnitEnd
		}
	}
}

func FuzzScan(f *testing.F) {
	for _, s := range []string{
		"共制作悬挂横幅200余条，发放宣传单一千余份，排查线索xx条",
		"二〇一九年十月二十八日", "百分之一点五七", "约200条左右", "x 月至x 月", "1,200,000", "3.5万元",
		"一百二三十人", "第x次", "(一)", "9999999999999999999999", "亿亿亿亿亿亿", "十几万", "2019.10.",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		text := []rune(s)
		checkInvariants(t, text, Scan(text))
	})
}

func TestInvariantsOnCorpus(t *testing.T) {
	for _, c := range corpus {
		text := []rune(c.in)
		checkInvariants(t, text, Scan(text))
	}
}

const genre = `2020年以来,我局共制作悬挂横幅200余条,发放宣传单一千余份,张贴公告30000余份,明白纸100000余份,` +
	`印制《扫黑除恶应知应会》读本各500本,LED显示屏150多车辆滚动播放标语。排查线索xx条,其中移送 x 条,查结xx条。` +
	`一是强化组织领导,树牢“四个意识”,坚定“四个自信”,做到“两个维护”,第一时间召开党组会议3次;` +
	`二是开展集中宣传活动30余场,发放宣传资料1.2万份,受教育群众约5000人次左右,群众知晓率达到95%以上。` +
	`2019年10月28日至11月18日,县委第一巡察组对我局进行了巡察,发现一起学生校园贷情况,已联系派出所处理。` +
	`每月召开一次调度会,近三年来累计投入经费3.5万元,组织两三个工作组,走访群众百余户,签订承诺书500余份。` + "\n"

func BenchmarkScan(b *testing.B) {
	var sb strings.Builder
	for sb.Len() < 8<<10 {
		sb.WriteString(genre)
	}
	text := []rune(sb.String())
	b.SetBytes(int64(sb.Len()))
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		_ = Scan(text)
	}
}
