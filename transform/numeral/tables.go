package numeral

import "math/bits"

// Static tables: character classes, unit words, pre-qualifiers and the
// lexicon of fixed expressions that contain numerals but are not numbers.

// fold maps full-width and a few traditional forms to the canonical rune
// the scanner compares against, so callers need not normalise first.
func fold(r rune) rune {
	// Most runes fold to themselves: one bit test instead of the switch.
	// The others are looked up by rank, not by calling foldSlow, which
	// keeps fold small enough to inline (a negative r is >= 1<<16 as u).
	u := uint32(r)
	if u >= 1<<16 {
		return r
	}
	w := folds[u>>6]
	if w&(1<<(u&63)) == 0 {
		return r
	}
	return foldTo[int(foldRank[u>>6])+bits.OnesCount64(w&(1<<(u&63)-1))]
}

// folds marks the BMP runes foldSlow changes (it changes no other rune);
// foldTo holds what they fold to, in rune order, and foldRank counts the
// runes of folds before each word.
var (
	folds    [1 << 16 / 64]uint64
	foldTo   []rune
	foldRank [1 << 16 / 64]uint16
)

func foldSlow(r rune) rune {
	switch {
	case r >= '０' && r <= '９':
		return r - '０' + '0'
	case r >= 'Ａ' && r <= 'Ｚ':
		return r - 'Ａ' + 'A'
	case r >= 'ａ' && r <= 'ｚ':
		return r - 'ａ' + 'a'
	}
	switch r {
	case '，':
		return ','
	case '．':
		return '.'
	case '％':
		return '%'
	case '（':
		return '('
	case '）':
		return ')'
	case '：':
		return ':'
	case '；':
		return ';'
	case '～':
		return '~'
	case '－', '–', '—':
		return '-'
	case '／':
		return '/'
	case '＊':
		return '*'
	case '\u3000', '\u00a0':
		return ' '
	case '兩':
		return '两'
	case '萬':
		return '万'
	case '億':
		return '亿'
	case '縣':
		return '县'
	case '號':
		return '号'
	case '個':
		return '个'
	case '條':
		return '条'
	case '場':
		return '场'
	case '張':
		return '张'
	case '輛':
		return '辆'
	case '處':
		return '处'
	case '塊':
		return '块'
	case '項':
		return '项'
	case '餘':
		return '余'
	case '約':
		return '约'
	case '幾':
		return '几'
	case '數':
		return '数'
	case '點':
		return '点'
	case '時':
		return '时'
	}
	return r
}

func isDigit(r rune) bool { return r >= '0' && r <= '9' }

// isLatin includes accented letters and combining marks so that pinyin
// debris such as (xù) is not read as a redacted x.
func isLatin(r rune) bool {
	return (r >= 'a' && r <= 'z') || (r >= 'A' && r <= 'Z') || (r >= 0xC0 && r <= 0x24F && r != 0xD7 && r != 0xF7) ||
		(r >= 0x300 && r <= 0x36F) || (r >= 0x1E00 && r <= 0x1EFF)
}

// isX reports the Latin letters used as redaction placeholders.
func isX(r rune) bool { return r == 'x' || r == 'X' }

func isRedactRune(r rune) bool { return r == 'x' || r == 'X' || r == '×' || r == '*' }

// hanDigit returns the value of a Chinese digit character.
func hanDigit(r rune) (int64, bool) {
	switch r {
	case '〇', '零', 'O':
		if r == 'O' {
			return 0, false
		}
		return 0, true
	case '一', '壹':
		return 1, true
	case '二', '两', '贰', '貳':
		return 2, true
	case '三', '叁':
		return 3, true
	case '四':
		return 4, true
	case '五':
		return 5, true
	case '六':
		return 6, true
	case '七', '柒':
		return 7, true
	case '八', '捌':
		return 8, true
	case '九', '玖':
		return 9, true
	}
	return 0, false
}

// hanUnit returns the multiplier of a Chinese unit character.
func hanUnit(r rune) (int64, bool) {
	switch r {
	case '十':
		return 10, true
	case '百', '佰':
		return 100, true
	case '千', '仟':
		return 1000, true
	case '万':
		return 10000, true
	case '亿':
		return 100000000, true
	}
	return 0, false
}

func isHanNum(r rune) bool {
	if _, ok := hanDigit(r); ok {
		return true
	}
	_, ok := hanUnit(r)
	return ok
}

// boundary reports runes after which a numeral starts a heading or list
// item ("一、", "2、", "(三)").
func boundary(r rune) bool {
	switch r {
	case 0, '\n', '\r', '\t', ' ', '。', ';', ':', '!', '?', '！', '？', '”', '"', '>', '|':
		return true
	}
	return false
}

// clauseEnd reports punctuation that ends the clause a number belongs to.
func clauseEnd(r rune) bool {
	switch r {
	case 0, '\n', '\r', '。', ',', ';', ':', '!', '?', '、', '！', '？', '，', '；':
		return true
	}
	return false
}

type unitCat uint8

const (
	ucClassifier unitCat = iota + 1
	ucMoney
	ucPercent
	ucCheng // 成: tenths
	ucDuration
	ucMeasure
	ucYear
	ucMonth
	ucDay
	ucHao
	ucTime
	ucPoint // 点: time of day or "points" classifier
	ucCategory
	ucSession
)

type unitEntry struct {
	s    []rune
	cat  unitCat
	unit string // canonical unit word reported to callers
	qual string // qualifier carried by the unit word itself (个多月)
}

// units lists the words that may follow a numeral. Longer entries are tried
// first so 人次 wins over 人 and 个月 over 个.
var unitWords = map[unitCat][]string{
	ucClassifier: {
		"人次", "户次", "条次", "车次", "辆次", "家次", "场次", "批次", "架次", "期次",
		"个", "起", "件", "条", "份", "次", "场", "名", "人", "处", "块", "台", "本", "篇",
		"幅", "张", "辆", "所", "家", "期", "套", "册", "封", "户", "项", "批", "轮", "组",
		"支", "座", "间", "栋", "面", "盏", "部", "首", "段", "集", "节", "堂", "位", "宗",
		"笔", "单", "版", "枚", "副", "把", "架", "艘", "头", "只", "棵", "种", "层", "页",
		"回", "例", "帧", "张次", "村", "遍",
	},
	ucMoney:    {"元", "块钱", "美元"},
	ucPercent:  {"%", "‰", "个百分点", "百分点"},
	ucCheng:    {"成"},
	ucDuration: {"个多月", "个余月", "个月", "个工作日", "个小时", "个星期", "个季度", "个周", "周年", "小时", "分钟", "天", "周", "星期", "季度", "年度"},
	ucMeasure:  {"公里", "千米", "平方米", "平方公里", "立方米", "公顷", "公斤", "千克", "米", "亩", "吨", "斤", "岁", "周岁", "km", "KM", "m"},
	ucYear:     {"年"},
	ucMonth:    {"月份", "月"},
	ucDay:      {"日"},
	ucHao:      {"号"},
	ucTime:     {"时"},
	ucPoint:    {"点"},
	ucCategory: {"类", "大类", "个方面", "方面", "个领域", "个环节", "个层面"},
	ucSession:  {"届"},
}

var unitIndex = map[rune][]unitEntry{}

// unitLists is unitIndex without the map lookup: the lists in the order of
// their first runes' bits in unitFirst, found by rank (unitRank counts the
// bits of the words before).
var (
	unitLists [][]unitEntry
	unitRank  [1 << 16 / 64]uint16
)

// unitsFrom is unitIndex[r] for a rune whose unitFirst bit is set.
func unitsFrom(r rune) []unitEntry {
	w := unitFirst[r>>6]
	return unitLists[int(unitRank[r>>6])+bits.OnesCount64(w&(1<<(uint(r)&63)-1))]
}

// preQual lists words before a numeral that qualify it, longest first.
var preQuals = []struct {
	s    []rune
	qual string
}{
	{[]rune("不超过"), Under}, {[]rune("不少于"), Over}, {[]rune("不低于"), Over},
	{[]rune("不到"), Under}, {[]rune("不足"), Under}, {[]rune("不满"), Under},
	{[]rune("超过"), Over}, {[]rune("多于"), Over}, {[]rune("高于"), Over}, {[]rune("大于"), Over},
	{[]rune("少于"), Under}, {[]rune("低于"), Under}, {[]rune("小于"), Under},
	{[]rune("至少"), Over}, {[]rune("最少"), Over}, {[]rune("逾"), Over},
	{[]rune("大约"), About}, {[]rune("大概"), About}, {[]rune("约"), About},
	{[]rune("将近"), Under}, {[]rune("接近"), Under}, {[]rune("近"), Under},
}

// postQuals follow the numeral or its unit word.
var postQuals = []struct {
	s    []rune
	qual string
}{
	{[]rune("以上"), Over}, {[]rune("以下"), Under}, {[]rune("以内"), Under},
	{[]rune("左右"), About}, {[]rune("上下"), About}, {[]rune("之多"), Over},
}

type lexEntry struct {
	s      []rune
	kind   Kind
	reason string // with a trailing space, for Scan to append the text
}

// lexicon holds fixed expressions containing numerals that are not counts:
// campaign slogans, ordinary words built on 一, vague quantities. Rules stay
// general; this list only covers words a general rule cannot tell apart.
var lexicon = []struct {
	kind   Kind
	reason string
	words  []string
}{
	{KindIdiom, "slogan", []string{
		"四个意识", "四个自信", "两个维护", "两个确立", "四个全面", "两个一百年", "三个代表",
		"四个服从", "两个责任", "两个务必", "两个大局", "两个坚持", "四个不摘", "四个最严",
		"三书一函", "两学一做", "三会一课", "一岗双责", "全国两会", "两会", "村两委", "两委",
		"两新组织", "两高两部", "两高", "三农", "四风", "六稳六保", "六稳", "六保", "十一五",
		"十二五", "十三五", "十四五", "十五五", "一带一路", "一票否决", "一把手", "五位一体",
		"四位一体", "三位一体", "一案一整改", "一案三查", "一案双查", "一事一议", "一人一档",
		"一户一档", "一村一警", "一村一辅警", "一村一法律顾问", "一标三实", "三重一大",
		"中央八项规定", "八项规定", "一级抓一级", "一手抓", "两手抓", "四不两直", "九小场所",
		"三大攻坚战", "一线", "一盘棋", "一张蓝图", "一把尺子", "一竿子插到底", "一抓到底",
		"一网打尽", "一站式", "一网通办", "最多跑一次", "一长三必", "六清", "三项建设",
		"一五一十", "三令五申", "三番五次", "四面八方", "一以贯之",
		"一鼓作气", "一往无前", "一刀切", "一阵风", "一目了然", "一丝不苟", "一视同仁",
		"一劳永逸", "万无一失", "九牛一毛", "乱七八糟", "七上八下", "一条龙", "一条心",
		"零容忍", "零距离", "零报告", "零发案",
	}},
	{KindIdiom, "word", []string{
		"统一", "唯一", "同一", "单一", "专一", "划一", "逐一", "之一", "万一", "归一",
		"合一", "如一", "进一步", "一律", "一致", "一体化", "一体", "一些", "一切", "一定",
		"一并", "一道", "一直", "一批", "一方面", "另一方面", "一系列", "一般", "一贯", "一向",
		"一旦", "一同", "一样", "一番", "一举", "一流", "一心", "一揽子", "一部分", "一时",
		"一概", "一味", "一再", "一齐", "一度", "一次性", "一下", "一块儿", "一方", "一边",
		"一环", "一员", "一份子", "一分子", "一大批", "一手", "一如既往", "一体推进",
		"零售", "零星", "零散", "零碎", "十分", "十足", "万分", "一段时间",
		"一定程度", "一小部分", "一大部分", "一些人", "一年一度", "一年四季",
	}},
	{KindOrdinal, "ordinal", []string{
		"第一时间", "第一责任人", "第一责任", "第一书记", "首先", "其一", "其二", "其三", "其四",
		"其五", "其六", "其七", "其八", "其九", "其十",
	}},
	{KindRange, "vague", []string{
		"成千上万", "成百上千", "数以万计", "数以千计", "数以百计", "千千万万",
	}},
	{KindDate, "date", []string{
		"上半年", "下半年", "周一", "周二", "周三", "周四", "周五", "周六", "周日",
		"星期一", "星期二", "星期三", "星期四", "星期五", "星期六", "星期日", "星期天",
		"初一", "初二", "初三", "初四", "初五", "初六", "初七", "初八", "初九", "初十",
	}},
}

// lexIndex is keyed by the first two runes; every entry has at least two.
var lexIndex = map[[2]rune][]lexEntry{}

// trigger is a bitset over the BMP of runes at which a match may start.
var trigger [1 << 16 / 64]uint64

// rawTrigger is trigger over unfolded runes: r is set when fold(r) is a
// trigger, so Scan can skip the runes between numerals without folding
// each one. rawNumeral marks, likewise, the runes at which matchNum may
// succeed; at any other trigger only a lexicon word can match.
var rawTrigger, rawNumeral [1 << 16 / 64]uint64

// numeralStart reports the (folded) runes matchNum can match at.
func numeralStart(r rune) bool {
	switch r {
	case '(', '[', '【', '第', '上', '几', '数':
		return true
	}
	return (r >= '①' && r <= '⑳') || isDigit(r) || isRedactRune(r) || isHanNum(r)
}

// unitFirst marks the first runes of unit words: most runes after a
// numeral start none, and need no map lookup.
var unitFirst [1 << 16 / 64]uint64

func bit(set *[1 << 16 / 64]uint64, r rune) bool {
	return r >= 0 && r < 1<<16 && set[r>>6]&(1<<(uint(r)&63)) != 0
}

func setBit(set *[1 << 16 / 64]uint64, r rune) {
	if r >= 0 && r < 1<<16 {
		set[r>>6] |= 1 << (uint(r) & 63)
	}
}

// lexPairs is a Bloom filter over the first two runes of lexicon words: a
// clear bit proves no word starts with the pair, which spares most
// positions (中, 全, 进 …) the map lookup.
var lexPairs [1 << 16 / 64]uint64

func pairHash(a, b rune) uint32 {
	return (uint32(a)*0x9E3779B1 ^ uint32(b)*0x85EBCA77) >> 16
}

func mayStartLex(a, b rune) bool {
	h := pairHash(a, b)
	return lexPairs[h>>6]&(1<<(h&63)) != 0
}

func setTrigger(r rune) {
	if r >= 0 && r < 1<<16 {
		trigger[r>>6] |= 1 << (uint(r) & 63)
	}
}

func isTrigger(r rune) bool {
	return r >= 0 && r < 1<<16 && trigger[r>>6]&(1<<(uint(r)&63)) != 0
}

func init() {
	for cat, ws := range unitWords {
		for _, w := range ws {
			rs := []rune(w)
			e := unitEntry{s: rs, cat: cat, unit: w}
			if w == "个多月" || w == "个余月" {
				e.unit, e.qual = "个月", Over
			}
			unitIndex[rs[0]] = append(unitIndex[rs[0]], e)
			setBit(&unitFirst, rs[0])
		}
	}
	for k := range unitIndex {
		sortLongestUnits(unitIndex[k])
	}
	n := 0
	for k, w := range unitFirst {
		unitRank[k] = uint16(n)
		for ; w != 0; w &= w - 1 {
			r := rune(k<<6 + bits.TrailingZeros64(w))
			unitLists = append(unitLists, unitIndex[r])
			n++
		}
	}
	for _, g := range lexicon {
		for _, w := range g.words {
			rs := []rune(w)
			k := [2]rune{rs[0], rs[1]}
			// The reason ends in a space: Scan appends the matched text.
			lexIndex[k] = append(lexIndex[k], lexEntry{rs, g.kind, g.reason + " "})
			h := pairHash(rs[0], rs[1])
			lexPairs[h>>6] |= 1 << (h & 63)
			setTrigger(rs[0])
		}
	}
	for k := range lexIndex {
		sortLongestLex(lexIndex[k])
	}
	for r := '0'; r <= '9'; r++ {
		setTrigger(r)
		setTrigger(r - '0' + '０')
	}
	for _, r := range "xXｘＸ×*＊(（[【第上数几" {
		setTrigger(r)
	}
	for r := '①'; r <= '⑳'; r++ {
		setTrigger(r)
	}
	for _, r := range "〇零一壹二两兩贰貳三叁四五六七柒八捌九玖十百佰千仟万萬亿億" {
		setTrigger(r)
	}
	for r := rune(0); r < 1<<16; r++ {
		if r&63 == 0 {
			foldRank[r>>6] = uint16(len(foldTo))
		}
		f := foldSlow(r)
		if f != r {
			setBit(&folds, r)
			foldTo = append(foldTo, f)
		}
		if isTrigger(f) { // every numeral start is a trigger
			setBit(&rawTrigger, r)
			if numeralStart(f) {
				setBit(&rawNumeral, r)
			}
		}
	}
}

func sortLongestUnits(es []unitEntry) {
	for i := 1; i < len(es); i++ {
		for j := i; j > 0 && len(es[j].s) > len(es[j-1].s); j-- {
			es[j], es[j-1] = es[j-1], es[j]
		}
	}
}

func sortLongestLex(es []lexEntry) {
	for i := 1; i < len(es); i++ {
		for j := i; j > 0 && len(es[j].s) > len(es[j-1].s); j-- {
			es[j], es[j-1] = es[j-1], es[j]
		}
	}
}
