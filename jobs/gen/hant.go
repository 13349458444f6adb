package gen

import (
	"strings"
	"sync"

	"golang.org/x/text/encoding/traditionalchinese"

	"github.com/reportetl/reportetl/transform/t2s"
)

// toHant converts simplified text to traditional. The project only ships
// the T→S direction, so the map is that one inverted: for each simplified
// character, the traditional character in Big5 that OpenCC maps to it (the
// lowest code point when several do, unless `preferred` says otherwise). Only entries
// whose round trip through t2s gives the character back are kept, and the
// whole text is checked again because phrases can convert differently from
// characters; where it differs, the simplified character stays (real
// traditional reports also mix a few simplified forms).
var (
	hantOnce sync.Once
	hantMap  map[rune]rune
)

// preferred are the usual traditional forms where several map to one
// simplified character (發 not 髮, 幹 not 乾, 餘 not 馀) or where the
// simplified form is also the traditional one in this genre (只, 面, 制).
var preferred = map[rune]rune{
	'发': '發', '干': '幹', '里': '裡', '台': '臺', '余': '餘', '斗': '鬥', '汇': '匯', '复': '復',
	'历': '歷', '准': '準', '冲': '衝', '尽': '盡', '云': '雲', '采': '採', '划': '劃', '伙': '夥',
	'获': '獲', '据': '據', '松': '鬆', '钟': '鐘', '须': '須', '范': '範', '后': '後', '几': '幾',
	'系': '系', '只': '只', '面': '面', '制': '制', '征': '征', '表': '表', '向': '向', '家': '家',
	'才': '才', '克': '克', '周': '周', '板': '板', '谷': '谷', '致': '致', '借': '借', '卷': '卷',
	'症': '症', '舍': '舍', '回': '回', '折': '折', '困': '困', '出': '出', '了': '了', '于': '於',
	'苏': '蘇', '团': '團', '当': '當', '党': '黨', '叶': '葉', '术': '術', '朴': '樸', '丑': '醜',
	'群': '群', '线': '線', '着': '着', '占': '佔', '凶': '兇', '并': '並', '恶': '惡', '坛': '壇',
}

func buildHant() {
	hantMap = map[rune]rune{}
	big5 := traditionalchinese.Big5.NewEncoder()
	for r := rune(0x3400); r < 0xA000; r++ {
		if !t2s.IsTraditional(r) {
			continue
		}
		// Only standard traditional characters: OpenCC also maps Japanese
		// and variant forms (査, 敎), which Big5 lacks and no report uses.
		if _, err := big5.String(string(r)); err != nil {
			continue
		}
		s := []rune(t2s.Convert(string(r)))
		if len(s) != 1 || s[0] == r {
			continue
		}
		if old, ok := hantMap[s[0]]; !ok || r < old {
			hantMap[s[0]] = r
		}
	}
	for s, t := range preferred {
		if s == t {
			delete(hantMap, s)
			continue
		}
		if []rune(t2s.Convert(string(t)))[0] == s {
			hantMap[s] = t
		}
	}
}

// toHant returns the traditional form of s, rune for rune aligned with s,
// such that t2s.Convert(toHant(s)) == s.
func toHant(s string) string {
	hantOnce.Do(buildHant)
	src := []rune(s)
	out := make([]rune, len(src))
	for i, r := range src {
		if t, ok := hantMap[r]; ok {
			out[i] = t
		} else {
			out[i] = r
		}
	}
	// Phrases (乾隆, 著名 …) can convert differently from their characters.
	for range 4 {
		back := []rune(t2s.Convert(string(out)))
		if len(back) != len(src) {
			return s // cannot happen: t2s keeps rune counts; stay safe
		}
		diff := false
		for i := range src {
			if back[i] != src[i] {
				out[i] = src[i]
				diff = true
			}
		}
		if !diff {
			break
		}
	}
	return string(out)
}

// pinyin debris: a sharing site's converter writes the reading after some
// characters it had to substitute (總結(jié), 關(guān)). The marks are the
// ones the seeds show.
var pinyin = map[rune]string{
	'結': "jié", '關': "guān", '領': "lǐng", '業': "yè", '發': "fā", '現': "xiàn", '統': "tǒng",
	'門': "mén", '數': "shù", '層': "céng", '項': "xiàng", '傳': "chuán", '導': "dǎo", '織': "zhī",
	'鄉': "xiāng", '鎮': "zhèn", '務': "wù", '護': "hù", '網': "wǎng", '內': "nèi", '斷': "duàn",
}

func addPinyin(s string) string {
	var b strings.Builder
	b.Grow(len(s) + len(s)/8)
	for _, r := range s {
		b.WriteRune(r)
		if p, ok := pinyin[r]; ok {
			b.WriteString("(" + p + ")")
		}
	}
	return b.String()
}
