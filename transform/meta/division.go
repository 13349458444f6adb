package meta

import (
	_ "embed"
	"sort"
	"strings"
	"sync"
)

// divisionsTSV is the GB/T 2260 list of province-, prefecture- and
// county-level divisions ("code<TAB>name"); see data/README.md.
//
//go:embed data/divisions.tsv
var divisionsTSV string

// Division is one administrative division of the embedded list.
type Division struct {
	Code  string // GB/T 2260 six-digit code
	Name  string // full name, e.g. 留坝县
	Level int    // 1 province, 2 prefecture, 3 county
}

const (
	levelProvince = 1
	levelCity     = 2
	levelCounty   = 3
)

type divIndex struct {
	divs   []Division
	byCode map[string]int
	byName map[string][]int // full name → divisions
	// names by their first two runes, longest first, for leftmost-longest
	// scanning; bits marks the first runes and pairs the (hashed) first two
	// runes, so most positions of a report cost a bit test or two instead of
	// a map lookup.
	first map[uint64][]nameEntry
	bits  [1024]uint64
	pairs [1024]uint64
	// class is bits (bit 0) and docMarks (bit 1) by BMP rune, one byte
	// each: doc.index tests both with one load.
	class [1 << 16]uint8
	// parents[d] holds parentOf(d, levelProvince) and parentOf(d, levelCity):
	// place resolution asks for them many times per document.
	parents [][2]int
}

type nameEntry struct {
	name  []rune
	divs  []int
	short bool // suffix-less form (汉中 for 汉中市)
}

var (
	divOnce sync.Once
	divIdx  *divIndex
)

func divisions() *divIndex {
	divOnce.Do(func() { divIdx = buildIndex(divisionsTSV) })
	return divIdx
}

// ethnic group names that autonomous divisions carry between the place name
// and the suffix (延边朝鲜族自治州 → 延边).
var ethnicNames = []string{
	"达斡尔族", "鄂伦春族", "鄂温克族", "土家族", "布依族", "朝鲜族", "哈尼族", "傈僳族", "拉祜族",
	"东乡族", "纳西族", "景颇族", "仫佬族", "布朗族", "撒拉族", "毛南族", "仡佬族", "锡伯族",
	"阿昌族", "普米族", "裕固族", "独龙族", "保安族", "德昂族", "维吾尔", "哈萨克", "柯尔克孜",
	"塔吉克", "蒙古族", "蒙古", "回族", "藏族", "苗族", "彝族", "壮族", "满族", "侗族", "瑶族",
	"白族", "傣族", "黎族", "佤族", "畲族", "水族", "土族", "羌族", "怒族", "京族", "各族",
}

// shortStop lists suffix-less division names that are also ordinary words in
// these reports (长治久安, 平安, 安康…) or generic place words; they never
// count as a mention on their own.
var shortStop = map[string]bool{
	"长治": true, "安康": true, "来宾": true, "大同": true, "大庆": true, "四平": true, "日照": true,
	"白银": true, "东方": true, "合作": true, "和平": true, "太平": true, "平安": true, "光明": true,
	"永安": true, "长安": true, "安宁": true, "红旗": true, "胜利": true, "新华": true, "前进": true,
	"向阳": true, "白云": true, "青山": true, "江南": true, "江北": true, "河东": true, "河西": true,
	"城中": true, "城东": true, "城西": true, "城北": true, "城南": true, "新城": true, "老城": true,
	"市中": true, "吉利": true, "公安": true, "安全": true, "文明": true, "团结": true, "和谐": true,
	"中心": true, "新区": true, "高新": true, "开发": true, "清河": true, "延安": true, "遵义": true,
	"井冈山": true, "瑞金": true, "韶山": true, "西安": true, "中山": true, "海南": true, "吉林": true,
}

// fullStop lists full names that are common phrases (老城区 "old town", 城区
// "urban area"); they need a co-mentioned parent like other weak names.
var fullStop = map[string]bool{"老城区": true, "新城区": true, "城区": true, "郊区": true, "矿区": true, "市中区": true}

func shortName(name string, level int) string {
	var sufs []string
	switch level {
	case levelProvince:
		sufs = []string{"自治区", "省", "市"}
	case levelCity:
		sufs = []string{"自治州", "地区", "盟", "市"}
	default:
		sufs = []string{"自治县", "自治旗", "特区", "林区", "县", "区", "市", "旗"}
	}
	s := name
	for _, suf := range sufs {
		if strings.HasSuffix(s, suf) {
			s = strings.TrimSuffix(s, suf)
			break
		}
	}
	for changed := true; changed; {
		changed = false
		for _, e := range ethnicNames {
			if strings.HasSuffix(s, e) && len([]rune(s)) > len([]rune(e))+1 {
				s = strings.TrimSuffix(s, e)
				changed = true
			}
		}
	}
	if s == name || len([]rune(s)) < 2 {
		return ""
	}
	return s
}

func buildIndex(tsv string) *divIndex {
	ix := &divIndex{byCode: map[string]int{}, byName: map[string][]int{}, first: map[uint64][]nameEntry{}}
	byShort := map[string][]int{}
	for _, line := range strings.Split(tsv, "\n") {
		code, name, ok := strings.Cut(strings.TrimSpace(line), "\t")
		if !ok || len(code) != 6 || code == "code" {
			continue
		}
		lv := levelCounty
		switch {
		case strings.HasSuffix(code, "0000"):
			lv = levelProvince
		case strings.HasSuffix(code, "00"):
			lv = levelCity
		}
		i := len(ix.divs)
		ix.divs = append(ix.divs, Division{Code: code, Name: name, Level: lv})
		ix.byCode[code] = i
		ix.byName[name] = append(ix.byName[name], i)
		if s := shortName(name, lv); s != "" {
			byShort[s] = append(byShort[s], i)
		}
	}
	add := func(name string, divs []int, short bool) {
		r := []rune(name)
		if len(r) < 2 {
			return
		}
		k := pairKey(r[0], r[1])
		ix.first[k] = append(ix.first[k], nameEntry{name: r, divs: divs, short: short})
		if r[0] < 0x10000 {
			ix.bits[r[0]>>6] |= 1 << (r[0] & 63)
		}
		h := pairHash(r[0], r[1])
		ix.pairs[h>>6] |= 1 << (h & 63)
	}
	for name, d := range ix.byName {
		add(name, d, false)
	}
	for name, d := range byShort {
		if shortStop[name] {
			continue
		}
		if _, full := ix.byName[name]; full {
			continue // e.g. a county literally named like another's short form
		}
		add(name, d, true)
	}
	for r := range ix.class {
		if ix.bits[r>>6]&(1<<(r&63)) != 0 {
			ix.class[r] |= 1
		}
		if docMarks.has(rune(r)) {
			ix.class[r] |= 2
		}
	}
	ix.parents = make([][2]int, len(ix.divs))
	for d := range ix.divs {
		ix.parents[d] = [2]int{ix.parentOf(d, levelProvince), ix.parentOf(d, levelCity)}
	}
	for r, es := range ix.first {
		sort.Slice(es, func(i, j int) bool {
			if len(es[i].name) != len(es[j].name) {
				return len(es[i].name) > len(es[j].name)
			}
			return string(es[i].name) < string(es[j].name)
		})
		ix.first[r] = es
	}
	return ix
}

// parent returns the index of the province (level 1) or prefecture (level 2)
// containing d, or -1.
func (ix *divIndex) parent(d int, level int) int {
	if level == levelProvince || level == levelCity {
		return ix.parents[d][level-1]
	}
	return -1
}

// parentOf is parent computed from the codes.
func (ix *divIndex) parentOf(d int, level int) int {
	c := ix.divs[d].Code
	var pc string
	switch level {
	case levelProvince:
		pc = c[:2] + "0000"
	case levelCity:
		pc = c[:4] + "00"
	}
	if pc == c {
		return -1
	}
	if p, ok := ix.byCode[pc]; ok {
		return p
	}
	return -1
}

// within reports whether d lies inside (or is) a.
func (ix *divIndex) within(d, a int) bool {
	if d == a {
		return true
	}
	return ix.parent(d, levelCity) == a || ix.parent(d, levelProvince) == a
}

// LookupDivision returns the divisions with exactly this full name.
func LookupDivision(name string) []Division {
	ix := divisions()
	var out []Division
	for _, i := range ix.byName[name] {
		out = append(out, ix.divs[i])
	}
	return out
}

// mention is one occurrence of a division name in the text.
type mention struct {
	divs       []int
	start, end int // rune offsets in the text scanned
	short      bool
	weight     int
}

func pairKey(a, b rune) uint64 { return uint64(a)<<32 | uint64(uint32(b)) }

// pairHash folds two runes into the 16 bits of the pairs filter.
func pairHash(a, b rune) uint32 {
	h := uint32(a)*0x9E3779B1 ^ uint32(b)*0x85EBCA77
	return h >> 16
}

// scan finds division names leftmost-longest in s.
func (ix *divIndex) scan(s []rune, base, weight int, out []mention) []mention {
	for i := 0; i < len(s); {
		e := ix.nameAt(s, i)
		if e == nil {
			i++
			continue
		}
		out = append(out, mention{divs: e.divs, start: base + i, end: base + i + len(e.name), short: e.short, weight: weight})
		i += len(e.name)
	}
	return out
}

// nameAt returns the longest division name starting at s[i], or nil.
func (ix *divIndex) nameAt(s []rune, i int) *nameEntry {
	if r := s[i]; i+1 >= len(s) || (r < 0x10000 && ix.bits[r>>6]&(1<<(r&63)) == 0) {
		return nil
	}
	if h := pairHash(s[i], s[i+1]); ix.pairs[h>>6]&(1<<(h&63)) == 0 {
		return nil
	}
	es := ix.first[pairKey(s[i], s[i+1])]
	for k := range es {
		if e := &es[k]; len(e.name) <= len(s)-i && runesEqual(s[i:i+len(e.name)], e.name) {
			return e
		}
	}
	return nil
}

func runesEqual(a, b []rune) bool {
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// weak reports whether a mention needs a co-mentioned parent to count: short
// forms of counties, two-character full names (南县 hides in 河南县, 范县 in
// 示范县) and common phrases.
func (ix *divIndex) weak(m mention) bool {
	for _, d := range m.divs {
		dv := ix.divs[d]
		if fullStop[dv.Name] && !m.short {
			return true
		}
		if dv.Level == levelCounty && (m.short || len([]rune(dv.Name)) <= 2) {
			return true
		}
	}
	return false
}
