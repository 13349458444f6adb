package meta

import (
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Unit type rules (first match on the longest suffix of the cleaned name):
//   - the last word decides, so compounds follow their head noun: 县公安局 is a
//     department, 市第一中学 a school, 镇卫生院 a hospital, 县委政法委 a
//     department, 村党支部 (after noise stripping, 村) a village;
//   - party committees and governments of a place stand for the place:
//     沙沟镇党委政府 → 沙沟镇 (township), 中共xx县委 → xx县 (county);
//   - the campaign's own leading group and its office (扫黑办, 扫黑除恶专项斗争
//     领导小组办公室) report for their level of government, so xx县扫黑办 →
//     xx县 (county); a bare 县扫黑办 with no place left stays a department;
//   - 市 is a city unless the division list knows the name as county-level
//     (韩城市 → county).
var typeSuffixes = []struct{ suf, typ string }{
	{"社区卫生服务中心", "hospital"}, {"卫生服务中心", "hospital"}, {"妇幼保健院", "hospital"},
	{"保健院", "hospital"}, {"卫生院", "hospital"}, {"医院", "hospital"},
	{"职业技术学院", "school"}, {"职业学院", "school"}, {"学院", "school"}, {"大学", "school"},
	{"学校", "school"}, {"中学", "school"}, {"小学", "school"}, {"幼儿园", "school"}, {"党校", "school"},
	{"中专", "school"}, {"技校", "school"}, {"职中", "school"}, {"一中", "school"}, {"二中", "school"},
	{"有限责任公司", "enterprise"}, {"有限公司", "enterprise"}, {"公司", "enterprise"}, {"集团", "enterprise"},
	{"银行", "enterprise"}, {"支行", "enterprise"}, {"分行", "enterprise"}, {"信用社", "enterprise"}, {"合作社", "enterprise"}, {"企业", "enterprise"},
	{"煤矿", "enterprise"}, {"厂", "enterprise"},
	{"居民委员会", "village"}, {"村民委员会", "village"}, {"居委会", "village"}, {"村委会", "village"},
	{"村委", "village"}, {"社区", "village"}, {"嘎查", "village"}, {"村", "village"},
	{"街道办事处", "township"}, {"街道", "township"}, {"苏木", "township"}, {"镇", "township"}, {"乡", "township"},
	{"人民法院", "department"}, {"人民检察院", "department"}, {"检察院", "department"}, {"法院", "department"},
	{"管委会", "department"}, {"监委", "department"}, {"法庭", "department"}, {"大队", "department"},
	{"支队", "department"}, {"中队", "department"}, {"中心", "department"}, {"局", "department"},
	{"委", "department"}, {"办", "department"}, {"厅", "department"}, {"部", "department"},
	{"所", "department"}, {"站", "department"}, {"处", "department"}, {"署", "department"}, {"院", "department"},
	// Mass and social organisations: DESIGN.md's "other".
	{"协会", "other"}, {"学会", "other"}, {"商会", "other"}, {"联合会", "other"}, {"妇联", "other"},
	{"工商联", "other"}, {"总工会", "other"}, {"工会", "other"}, {"团委", "other"}, {"团县委", "other"},
	{"团市委", "other"}, {"科协", "other"}, {"侨联", "other"}, {"残联", "other"}, {"文联", "other"},
	{"红十字会", "other"}, {"律协", "other"},
	{"自治区", "province"}, {"省", "province"},
	{"自治州", "city"}, {"地区", "city"}, {"盟", "city"}, {"市", "city"},
	{"自治县", "county"}, {"自治旗", "county"}, {"县", "county"}, {"区", "county"}, {"旗", "county"},
}

// unitSuffix returns the matching type suffix of name, longest first.
func unitSuffix(name string) (suf, typ string) {
	last, _ := utf8.DecodeLastRuneInString(name)
	for _, s := range suffixesByLast[last] {
		if strings.HasSuffix(name, s.suf) {
			return s.suf, s.typ
		}
	}
	return "", ""
}

// suffixesByLast groups typeSuffixes by their last rune, longest first (the
// first of equally long ones, as a scan of the whole list would pick), so
// unitSuffix tests only the few that can match.
var suffixesByLast = func() map[rune][]struct{ suf, typ string } {
	m := map[rune][]struct{ suf, typ string }{}
	for _, s := range typeSuffixes {
		last, _ := utf8.DecodeLastRuneInString(s.suf)
		m[last] = append(m[last], s)
	}
	for _, l := range m {
		sort.SliceStable(l, func(i, j int) bool { return len(l[i].suf) > len(l[j].suf) })
	}
	return m
}()

// UnitType classifies a (cleaned, simplified) unit name.
func UnitType(name string) string {
	name = cleanUnit(name)
	suf, typ := unitSuffix(name)
	if suf == "" {
		return "other"
	}
	if typ == "city" && suf == "市" {
		for _, d := range LookupDivision(name) {
			if d.Level == levelCounty {
				return "county"
			}
		}
	}
	return typ
}

// placeSuffixes end the name of a place whose party committee or government
// may follow it.
var placeSuffixes = []string{"自治区", "自治州", "自治县", "自治旗", "街道", "地区", "省", "市", "县", "区", "旗", "盟", "镇", "乡", "村", "社区", "苏木", "嘎查"}

func endsWithPlace(s string) bool {
	for _, p := range placeSuffixes {
		if strings.HasSuffix(s, p) && len(s) > len(p) {
			return true
		}
	}
	return false
}

// noise suffixes that name a body of a unit rather than the unit.
var noiseSuffixes = []string{
	"扫黑除恶专项斗争领导小组办公室", "扫黑除恶专项斗争工作领导小组办公室", "扫黑除恶领导小组办公室",
	"扫黑除恶专项斗争工作领导小组", "扫黑除恶专项斗争领导小组", "扫黑除恶工作领导小组", "扫黑除恶领导小组",
	"领导小组办公室", "领导小组", "扫黑办", "扫黑除恶办公室",
	"党委政府", "党委", "党组", "党工委", "党总支", "党支部", "人民政府", "政府", "领导班子",
}

// cleanUnit strips party/government/leading-group suffixes and 中共 prefixes
// as long as a place or unit name remains.
func cleanUnit(s string) string {
	s = trimSpace(s)
	for _, p := range []string{"中国共产党", "中共"} {
		if strings.HasPrefix(s, p) && len(s) > len(p) {
			s = s[len(p):]
		}
	}
	// No suffix stripNoise strips matches a name whose last rune ends none
	// of them.
	for changed := true; changed && cleanEnds.has(lastRune(s)); {
		s, changed = stripNoise(s)
	}
	return s
}

// stripNoise strips one round of cleanUnit's suffixes off s, and tells
// whether it did.
func stripNoise(s string) (string, bool) {
	changed := false
	for _, n := range noiseSuffixes {
		if strings.HasSuffix(s, n) {
			r := strings.TrimSuffix(s, n)
			if validStem(r) {
				s, changed = r, true
				break
			}
		}
	}
	// 中共xx县委 / xx镇委员会: the party committee of a place.
	for _, n := range []string{"委员会", "委"} {
		if strings.HasSuffix(s, n) {
			r := strings.TrimSuffix(s, n)
			if endsWithPlace(r) && validStem(r) {
				s, changed = r, true
			}
		}
	}
	// xx街道办事处 → xx街道
	if strings.HasSuffix(s, "街道办事处") {
		s, changed = strings.TrimSuffix(s, "办事处"), true
	}
	return s, changed
}

// cleanEnds holds the last runes of the suffixes cleanUnit strips.
var cleanEnds = func() *runeSet {
	m := &runeSet{}
	for _, n := range append([]string{"委员会", "委", "街道办事处"}, noiseSuffixes...) {
		m.add(lastRune(n))
	}
	return m
}()

func lastRune(s string) rune {
	r, _ := utf8.DecodeLastRuneInString(s)
	return r
}

// trimSpace is strings.TrimSpace, which goes the slow way round for any
// string that does not start and end in ASCII; most here start and end in
// a Han character, and are returned as they are.
func trimSpace(s string) string {
	first, _ := utf8.DecodeRuneInString(s)
	if !isSpace(first) && !isSpace(lastRune(s)) {
		return s
	}
	return strings.TrimSpace(s)
}

// isSpace is unicode.IsSpace, with no table search above U+3000 (the last
// white space rune, see TestIsSpace).
func isSpace(r rune) bool {
	return r <= 0x3000 && unicode.IsSpace(r)
}

// unitEnds holds the runes a string can end with (after TrimSpace) for
// validUnit(cleanUnit(s)) to hold: cleanUnit only strips the suffixes listed
// here, and validUnit wants a type suffix, so whatever is left ends one of
// them. Callers use it to skip spans that cannot name a unit.
var unitEnds = func() *runeSet {
	m := &runeSet{}
	end := func(w string) {
		r, _ := utf8.DecodeLastRuneInString(w)
		m.add(r)
	}
	for _, s := range typeSuffixes {
		end(s.suf)
	}
	for _, n := range noiseSuffixes {
		end(n)
	}
	for _, n := range []string{"委员会", "委", "街道办事处"} {
		end(n)
	}
	return m
}()

// generic stems: words that stand before a unit suffix without naming one
// (全县, 我局, 各乡镇, 相关部门).
var genericStems = []string{
	"全", "我", "本", "各", "该", "此", "每", "贵", "其", "他", "你", "上级", "下级", "相关", "有关", "全体",
	"成员", "职能", "主管", "所在", "所属", "下属", "辖区", "其他", "部分", "有的", "一些", "少数", "多个",
	"各个", "个别", "兄弟", "乡", "镇", "县", "市", "区", "省", "村", "街", "乡镇", "县区", "市县", "县市",
	"省市", "区县", "镇村", "乡村", "城乡", "农村", "城市", "社会", "行政", "政法", "职能部", "其它",
}

func validStem(s string) bool {
	return s != "" && !genericStemSet[s]
}

// genericStemSet is genericStems as a set: one lookup, not some fifty
// comparisons.
var genericStemSet = func() map[string]bool {
	m := map[string]bool{}
	for _, g := range genericStems {
		m[g] = true
	}
	return m
}()

// validUnit reports whether s looks like a unit name: a known suffix after a
// non-generic stem, no sentence punctuation or function words.
func validUnit(s string) bool {
	n, prev := 0, rune(0)
	for _, c := range s {
		if !(isHan(c) || isRedaction(c) || (c >= '0' && c <= '9') || c == '（' || c == '）' || c == '(' || c == ')') {
			return false
		}
		if functionWord(prev, c) {
			return false
		}
		n, prev = n+1, c
	}
	if n < 2 || n > 30 {
		return false
	}
	return validSuffixStem(s)
}

// validSuffixStem reports whether s ends with a unit suffix after a stem
// that names something.
func validSuffixStem(s string) bool {
	suf, _ := unitSuffix(s)
	if suf == "" {
		return false
	}
	stem := strings.TrimSuffix(s, suf)
	if !validStem(stem) {
		return false
	}
	for _, g := range []string{"各", "全", "我", "本", "该", "相关", "有关", "成员", "上级", "全体", "所在", "所属", "下属", "辖区", "其他", "部分", "有的", "一些", "少数", "个别", "职能"} {
		if strings.HasPrefix(stem, g) && !strings.HasPrefix(stem, "全椒") && !strings.HasPrefix(stem, "全南") && !strings.HasPrefix(stem, "全州") {
			return false
		}
	}
	return true
}

// functionWord reports whether a function word or campaign phrase that no
// unit name holds ends at c, after prev: 的 了 是 在 把 对 向 与 及 等 扫黑
// 工作 开展 专项 以来 深入 贯彻. (In a string of the runes validUnit allows,
// a rune pair is where strings.Contains would find the word.)
func functionWord(prev, c rune) bool {
	switch c {
	case '的', '了', '是', '在', '把', '对', '向', '与', '及', '等':
		return true
	case '黑':
		return prev == '扫'
	case '作':
		return prev == '工'
	case '展':
		return prev == '开'
	case '项':
		return prev == '专'
	case '来':
		return prev == '以'
	case '入':
		return prev == '深'
	case '彻':
		return prev == '贯'
	}
	return false
}

func isRedaction(c rune) bool {
	switch c {
	case 'x', 'X', 'ｘ', 'Ｘ', '×', '*', '＊', '某', '□':
		return true
	}
	return false
}

// selfRefs maps the "我X" self-reference to the unit type it implies.
var selfRefs = []struct{ ref, suf, typ string }{
	{"我公司", "公司", "enterprise"}, {"我中心", "中心", "department"}, {"我街道", "街道", "township"},
	{"我社区", "社区", "village"}, {"我局", "局", "department"}, {"我委", "委", "department"},
	{"我办", "办", "department"}, {"我厅", "厅", "department"}, {"我镇", "镇", "township"},
	{"我乡", "乡", "township"}, {"我县", "县", "county"}, {"我市", "市", "city"}, {"我区", "区", "county"},
	{"我校", "", "school"}, {"我院", "院", ""}, {"我村", "村", "village"}, {"我行", "银行", "enterprise"},
	{"我厂", "厂", "enterprise"}, {"我所", "所", "department"},
}
