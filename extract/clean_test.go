package extract

import (
	"math/rand/v2"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"golang.org/x/text/unicode/norm"
)

var cleanCases = []struct {
	rule, name, in, want string
}{
	{"newlines", "crlf and cr", "甲\r\n乙\r丙", "甲\n乙\n丙"},
	{"newlines", "blank runs collapse", "\n\n甲\n\n\n  乙  \n\n", "甲\n乙"},
	{"newlines", "inner spaces collapse", "存在问题   雖然", "存在问题 雖然"},
	{"newlines", "figure wrapped across lines", "張貼標語1\n200餘條,發放", "張貼標語1200餘條,發放"},
	{"newlines", "wrapped figure with trailing spaces", "标语12 \n 300余条", "标语12300余条"},
	{"newlines", "list of figures kept", "横幅\n1\n200条", "横幅\n1\n200条"},
	{"newlines", "digits after a mark kept", "见附件1。\n200余条", "见附件1。\n200余条"},
	{"newlines", "next line not a three-digit group kept", "共计3\n20条", "共计3\n20条"},
	{"chars", "zero width", "扫黑\u200b除恶\ufeff\u200d工作", "扫黑除恶工作"},
	{"chars", "nbsp and ideographic space", "\u3000\u3000悬挂横幅\u00a0200条", "悬挂横幅 200条"},
	{"chars", "controls", "横幅\x00200\x07条", "横幅200条"},
	{"nfkc", "full-width digits and punctuation", "悬挂横幅２００余条，发放ＬＥＤ屏（含宣传车）", "悬挂横幅200余条,发放LED屏(含宣传车)"},
	{"nfkc", "kangxi radicals", "⿊恶势力", "黑恶势力"},
	{"nfkc", "parenthesised ideograph", "㈠加强领导", "(一)加强领导"},
	{"nfkc", "circled numbers stay ordinals", "①召开会议3次②发放传单", "(1)召开会议3次(2)发放传单"},
	{"pinyin", "after han", "工作總結(jié)", "工作總結"},
	{"pinyin", "several", "關(guān)于開展掃黑除惡專項斗爭(zhēng)的部署", "關于開展掃黑除惡專項斗爭的部署"},
	{"pinyin", "umlaut", "綠(lǜ)色通道", "綠色通道"},
	{"pinyin", "keeps ordinals", "(一)加强领导(2018年)", "(一)加强领导(2018年)"},
	{"pinyin", "keeps abbreviations", "利用显示屏(LED)宣传,微信(app)推送", "利用显示屏(LED)宣传,微信(app)推送"},
	{"pinyin", "keeps real parentheses", "各村(社区)书记", "各村(社区)书记"},
	{"pinyin", "keeps latin after a space", "see (a) and (ē)", "see (a) and (ē)"},
	{"lost", "question mark plus mojibake is a sentence break", "摸排工作?,F(xiàn)將有關(guān)情況匯報如下", "摸排工作。將有關情況匯報如下"},
	{"lost", "question mark as the annotated character", "一?(wēi)企業(yè)", "一企業"},
	{"lost", "question mark ate the parenthesis", "認真?zhèn)傳達", "認真傳達"},
	{"lost", "mojibake letter before pinyin", "企I(yè)務", "企務"},
	{"lost", "real question mark kept", "等行為?在貨車領域", "等行為?在貨車領域"},
	{"boilerplate", "sharing-site header traditional",
		"《xx縣工作總結》由會員分享,可在線閱讀,更多相關(guān)《xx縣工作總結(11頁珍藏版)》請在裝配圖網(wǎng)上搜索。\n正文。",
		"正文。"},
	{"boilerplate", "sharing-site header simplified",
		"《xx县工作总结》由会员分享,可在线阅读,更多相关《xx县工作总结》请在人人文库网上搜索。\n正文。", "正文。"},
	{"boilerplate", "document provider sentence", "正文。本文档由某某文库提供,下载后可编辑。\n下文。", "正文。\n下文。"},
	{"boilerplate", "page footer", "正文第一段。第 1 页 共 5 页\n第二段。", "正文第一段。\n第二段。"},
	{"boilerplate", "page footer traditional", "正文。第2頁/共5頁\n下文。", "正文。\n下文。"},
	{"boilerplate", "page footer English", "正文。\nPage 2 of 5\n下文。", "正文。\n下文。"},
	{"boilerplate", "page footer English capitals", "正文。\nPAGE 2 OF 5\n下文。", "正文。\n下文。"},
	{"boilerplate", "page footer English full-width capitals", "正文。\nＰＡＧＥ 2 ＯＦ 5\n下文。", "正文。\n下文。"},
	{"boilerplate", "PAGE as a word kept", "正文。\nPAGE TWO\n下文。", "正文。\nPAGE TWO\n下文。"},
	{"boilerplate", "url line", "正文。\nhttp://www.example.com/doc/123.html\n下文。", "正文。\n下文。"},
	{"boilerplate", "watermark glued to paragraph", "总结如下:qHz法治快讯网\n一、强化组织领导", "总结如下:\n一、强化组织领导"},
	{"boilerplate", "site name glued to paragraph", "情况如下。某某范文网\n一、强化", "情况如下。\n一、强化"},
	{"boilerplate", "legit paragraph ending in 网 kept", "加强防控。织密社会治安防控网\n下文。", "加强防控。织密社会治安防控网\n下文。"},
	{"boilerplate", "pipe-only line", "正文。\n|\n (李秀莲)\n|", "正文。\n(李秀莲)"},
	{"boilerplate", "dash page number line", "正文。\n- 3 -\n下文。", "正文。\n下文。"},
	{"pages", "page numbers split sentences",
		"1、xx县工作总结一是宣传不\n2、到位。二是摸排不\n3、深入。",
		"xx县工作总结一是宣传不到位。二是摸排不深入。"},
	{"pages", "page break on a sentence end between confirmed pages",
		"1、甲乙丙\n2、丁戊。\n3、己庚\n4、辛。",
		"甲乙丙丁戊。\n己庚辛。"},
	{"pages", "lone 1、 after stripped site header",
		"《工作总结》由会员分享,可在线阅读。\n1、工作总结全文。",
		"工作总结全文。"},
	{"pages", "genuine list after heading kept",
		"四、下一步工作计划\n1、加大宣传力度。\n2、加大摸排力度。\n3、加强协作。",
		"四、下一步工作计划\n1、加大宣传力度。\n2、加大摸排力度。\n3、加强协作。"},
	{"pages", "genuine list at document start kept",
		"1、加大宣传力度。\n2、加大摸排力度。",
		"1、加大宣传力度。\n2、加大摸排力度。"},
	{"repeats", "repeated paragraph kept once",
		"第一段内容足够长需要去重的段落文字。\n第二段。\n第一段内容足够长需要去重的段落文字。",
		"第一段内容足够长需要去重的段落文字。\n第二段。"},
	{"repeats", "short repeated headings kept", "一、总结\n内容。\n一、总结", "一、总结\n内容。\n一、总结"},
	{"repeats", "truncated preview of next paragraph",
		"自扫黑除恶专项斗争开展以来,我镇深入贯彻 |\n自扫黑除恶专项斗争开展以来,我镇深入贯彻落实中央部署。",
		"自扫黑除恶专项斗争开展以来,我镇深入贯彻落实中央部署。"},
	{"artifact", "repeated parenthetical after the same word",
		strings.Repeat("扫黑除恶(2018年3月以后)工作。", 5) + "成立于(2018年3月以后)。",
		strings.Repeat("扫黑除恶工作。", 5) + "成立于(2018年3月以后)。"},
	{"artifact", "four repeats are not an artifact",
		strings.Repeat("扫黑除恶(2018年)工作。", 4),
		strings.Repeat("扫黑除恶(2018年)工作。", 4)},
}

// A hard-wrapped text (every full line 20 characters) is joined back into
// sentences: a word and a figure split by the wrap are whole again, while
// lines that end a sentence, short lines and numbered items stay lines.
func TestCleanReflowsHardWrappedText(t *testing.T) {
	paras := []string{
		"大队扫黑除恶专项斗争工作总结",
		"2020年,在县公安局党委和县扫黑办的坚强领导下,大队紧紧围绕目标,坚持把专项斗争作为重大政治任务,聚焦道路运输行业乱象,依法严厉打击交通运输领域黑恶势力违法犯罪活动。",
		"一、加强组织领导,压实工作责任",
		"大队成立了以大队长为组长的领导小组,下设办公室在法制宣传中队,与各中队签订扫黑除恶承诺书12份,召开专题会议8次,发放宣传资料2,600余份。全年共摸排线索5条,已全部移交。",
		"二、强化宣传发动,营造浓厚氛围",
		"利用辖区路口LED电子屏36块滚动播放扫黑除恶宣传标语,推送微信公众号信息58条,组织开展宣讲活动27场,走访群众3000人次。",
	}
	var wrapped []string
	for _, p := range paras {
		r := []rune(p)
		for len(r) > 20 {
			wrapped = append(wrapped, string(r[:20]))
			r = r[20:]
		}
		wrapped = append(wrapped, string(r))
	}
	in, want := strings.Join(wrapped, "\n"), strings.Join(paras, "\n")
	if strings.Count(in, "\n") < 12 {
		t.Fatalf("the case lost its wrapping: %q", in)
	}
	got, m, _ := Clean(in)
	if got != want {
		t.Errorf("Clean:\n got %q\nwant %q", got, want)
	}
	checkOffsets(t, in, got, m)
	// One paragraph per line, lengths all different: nothing joined.
	para := "一、工作开展情况\n我局高度重视,成立了领导小组,召开会议三次。\n二、存在问题\n宣传不够深入,线索摸排不实。\n三、下一步打算\n继续加大宣传力度。\n四、其他\n无。\n五、附件\n无。"
	if got, _, _ := Clean(para); got != para {
		t.Errorf("unwrapped text changed:\n got %q\nwant %q", got, para)
	}
}

func TestClean(t *testing.T) {
	for _, tc := range cleanCases {
		t.Run(tc.rule+"/"+tc.name, func(t *testing.T) {
			got, m, _ := Clean(tc.in)
			if got != tc.want {
				t.Errorf("Clean(%q)\n got %q\nwant %q", tc.in, got, tc.want)
			}
			checkOffsets(t, tc.in, got, m)
		})
	}
}

func TestCleanNotes(t *testing.T) {
	tests := []struct {
		in, want string
	}{
		{"工作總結(jié)。", "pinyin"},
		{"《x》由会员分享,可在线阅读。\n正文。", "boilerplate"},
		{strings.Repeat("扫黑除恶(2018年3月以后)工作。", 5), `"(2018年3月以后)" after "除恶" ×5`},
		{"第一段内容足够长需要去重的段落文字。\n第一段内容足够长需要去重的段落文字。", "repeated paragraph"},
	}
	for _, tt := range tests {
		_, _, notes := Clean(tt.in)
		if !strings.Contains(strings.Join(notes, "\n"), tt.want) {
			t.Errorf("Clean(%q) notes %q lack %q", tt.in, notes, tt.want)
		}
	}
	if _, _, notes := Clean("干净的文本。\n第二段。"); len(notes) != 0 {
		t.Errorf("clean text got notes %q", notes)
	}
}

// checkOffsets is the offset-map property: every cleaned rune maps to an
// original rune it came from (equal, or equal after NFKC of the rune or of the
// composing sequence it starts, or one of the documented rewrites), offsets are in range and never go backwards.
func checkOffsets(t *testing.T, orig, cleaned string, m *OffsetMap) {
	t.Helper()
	or, cr := []rune(orig), []rune(cleaned)
	if m.CleanLen() != len(cr) || m.OrigLen() != len(or) {
		t.Fatalf("map lengths %d/%d, want %d/%d", m.CleanLen(), m.OrigLen(), len(cr), len(or))
	}
	prev := -1
	for i, c := range cr {
		o := m.Orig(i)
		if o < 0 || o >= len(or) {
			t.Fatalf("Orig(%d) = %d out of range [0,%d)", i, o, len(or))
		}
		if o < prev {
			t.Fatalf("Orig(%d) = %d goes back from %d", i, o, prev)
		}
		prev = o
		if !cameFrom(or[o], c) && !strings.ContainsRune(norm.NFKC.String(string(or[o:min(o+4, len(or))])), c) {
			t.Fatalf("cleaned[%d] = %q maps to original[%d] = %q", i, c, o, or[o])
		}
		if back := m.Clean(o); back > i {
			t.Fatalf("Clean(Orig(%d)) = %d, want <= %d", i, back, i)
		}
	}
	if m.Orig(len(cr)) != len(or) {
		t.Errorf("Orig(end) = %d, want %d", m.Orig(len(cr)), len(or))
	}
}

func cameFrom(o, c rune) bool {
	switch {
	case o == c, strings.ContainsRune(norm.NFKC.String(string(o)), c):
		return true
	case o == '?' && c == '。', // lost character → sentence break
		(o == '\r' || o == '\f' || o == '\v') && c == '\n',
		o == '\t' && c == ' ':
		return true
	case o >= 0x2460 && o <= 0x2473 || o >= 0x2776 && o <= 0x2793: // circled → (n)
		return strings.ContainsRune("()0123456789", c)
	}
	return false
}

var tonedPinyinRe = regexp.MustCompile(`\([a-zü]*[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ][a-zü]*\)`)

func readSeeds(t *testing.T) map[string]string {
	t.Helper()
	dir := sharedDir(t, "corpus/seeds")
	files, err := filepath.Glob(filepath.Join(dir, "*.txt"))
	if err != nil || len(files) == 0 {
		t.Skipf("../shared seeds absent: %v", err)
	}
	seeds := map[string]string{}
	for _, f := range files {
		raw, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		text, _, err := Decode(raw)
		if err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		seeds[filepath.Base(f)[:3]] = text
	}
	return seeds
}

func TestCleanSeeds(t *testing.T) {
	seeds := readSeeds(t)
	cleaned := map[string]string{}
	for id, text := range seeds {
		c, m, notes := Clean(text)
		cleaned[id] = c
		t.Logf("%s: %d → %d runes, %d segments, notes %q", id, m.OrigLen(), m.CleanLen(), m.Segments(), notes)
		checkOffsets(t, text, c, m)
		if tonedPinyinRe.MatchString(c) {
			t.Errorf("%s: pinyin debris remains: %q", id, tonedPinyinRe.FindString(c))
		}
		for _, bad := range []string{"由會員分享", "由会员分享", "法治快讯网", "\n\n", " \n"} {
			if strings.Contains(c, bad) {
				t.Errorf("%s: %q remains", id, bad)
			}
		}
		// Cleaning is idempotent: a second pass finds nothing more to remove.
		if again, _, notes := Clean(c); again != c {
			t.Errorf("%s: Clean not idempotent, second pass notes %q", id, notes)
		}
	}
	tests := []struct {
		seed string
		want []string // must be present
		not  []string // must be absent
	}{
		{"000", []string{"懸掛橫幅200余條", "下發宣傳單一千余份", "宣傳冊300份", "讀本各500本", "共摸排線索一條", "工作總結\n"}, []string{"(jié)", "?,F"}},
		{"001", []string{"承诺书500余份", "公告等30000余份", "明白纸100000余份", "总结如下:\n一、强化", "(李秀莲)"}, []string{"贯彻 |"}},
		{"002", []string{"联系电话:0916-3923286", "2020年9月15日"}, nil},
		{"003", []string{"自扫黑除恶专项斗争工作开展以来", "2019年5月22日", "2018年11月我院"}, []string{"2018年3月以后"}},
		{"004", []string{"二是落實措施不強硬。在貫徹", "覆蓋面不夠廣", "x 月至x 月", "收到各類問題線索xx條"}, []string{"\n2、", "珍藏版"}},
	}
	for _, tt := range tests {
		c, ok := cleaned[tt.seed]
		if !ok {
			t.Errorf("seed %s missing", tt.seed)
			continue
		}
		for _, w := range tt.want {
			if !strings.Contains(c, w) {
				t.Errorf("%s: cleaned text lacks %q", tt.seed, w)
			}
		}
		for _, w := range tt.not {
			if strings.Contains(c, w) {
				t.Errorf("%s: cleaned text still has %q", tt.seed, w)
			}
		}
	}
	if n := strings.Count(cleaned["001"], "自扫黑除恶专项斗争行动开展以来"); n != 1 {
		t.Errorf("001: opening paragraph appears %d times, want 1", n)
	}
}

func BenchmarkClean(b *testing.B) {
	text := benchReport()
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		Clean(text)
	}
}

// Random mixtures of the rule inputs (and odd characters) must never break
// the offset map or panic.
func TestCleanOffsetsRandomMix(t *testing.T) {
	frags := []string{"\n", "\r\n", " ", "?", "(", ")", "、", "2、", "\u200b", "①", "ｘ", "\uFFFD", "e\u0301", "\xff"}
	for _, tc := range cleanCases {
		frags = append(frags, tc.in)
	}
	rng := rand.New(rand.NewPCG(1, 2))
	for i := range 500 {
		var sb strings.Builder
		for range rng.IntN(12) + 1 {
			f := frags[rng.IntN(len(frags))]
			if len(f) > 4 && rng.IntN(2) == 0 {
				r := []rune(f)
				f = string(r[:rng.IntN(len(r))]) // cut mid-rule
			}
			sb.WriteString(f)
		}
		in := sb.String()
		got, m, _ := Clean(in)
		if t.Failed() {
			return
		}
		t.Run(strconv.Itoa(i), func(t *testing.T) { checkOffsets(t, in, got, m) })
	}
}

// Inputs at the edges of Clean's shortcuts (passes 1 and 2 in one scan, the
// skipped marker and footer scans, the skipped second whitespace pass): the
// text, the original offset of every cleaned rune and the notes are those
// the pass-by-pass cleaner produced.
var cleanShortcutCases = []struct {
	in, want string
	orig     []int
	notes    []string
}{
	{"ＡＢ́，甲", "AB́,甲", []int{0, 1, 2, 3, 4}, []string(nil)},
	{"会\u200b员分享,可在线阅读。\n正文。", "正文。", []int{13, 14, 15}, []string{"removed 1 invisible or control characters", "removed 1 sharing-site boilerplate sentences"}},
	{"會(huì)員分享。\n正文。", "正文。", []int{11, 12, 13}, []string{"removed 1 pinyin annotations left by a script converter", "removed 1 sharing-site boilerplate sentences"}},
	{"正文。第 2 ｐａｇｅ 3\n第 1 ｐａｇｅ 3 of 5\nＰａｇｅ 2 of 5\n下文。", "正文。第 2 page 3\n第 1\n下文。", []int{0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 29, 42, 43, 44}, []string{"removed 2 page footers, URLs or site watermarks"}},
	{"正文第一段。第 1 页 共 5 页\n第二段。", "正文第一段。\n第二段。", []int{0, 1, 2, 3, 4, 5, 17, 18, 19, 20, 21}, []string{"removed 1 page footers, URLs or site watermarks"}},
	{"總結(jié)ā́，\r\n\r\n  甲  乙\t\t丙\u3000\n", "總結ā́,\n甲 乙 丙", []int{0, 1, 7, 8, 9, 11, 16, 17, 19, 20, 22}, []string{"removed 1 pinyin annotations left by a script converter"}},
	{"각，ｶﾞ，가", "각,ガ,가", []int{0, 2, 3, 5, 6}, []string(nil)},
	{"①，❶（２）\u2028➊\f\v甲", "(1),(1)(2)\n(1)\n甲", []int{0, 0, 0, 1, 2, 2, 2, 3, 4, 5, 6, 7, 7, 7, 8, 10}, []string(nil)},
	{"\xff甲\xe4\xb8，乙\r", "�甲��,乙", []int{0, 1, 2, 3, 4, 5}, []string(nil)},
	{"第一段内容足够长需要去重的段落文字。\n  \n第一段内容足够长需要去重的段落文字。\n甲  乙", "第一段内容足够长需要去重的段落文字。\n甲 乙", []int{0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 41, 42, 44}, []string{"removed 1 repeated paragraphs"}},
	{"1、甲乙丙\r\n2、丁戊。\r\n3、己庚\r\n4、辛。", "甲乙丙丁戊。\n己庚辛。", []int{2, 3, 4, 9, 10, 11, 13, 16, 17, 22, 23}, []string{"removed 4 sharing-site page numbers (1–4) and re-joined split sentences"}},
	{"\u00a0\u3000\u2003 \n\n", "", []int(nil), []string(nil)},
}

func TestCleanShortcuts(t *testing.T) {
	for _, tc := range cleanShortcutCases {
		got, m, notes := Clean(tc.in)
		var orig []int
		for i := range []rune(got) {
			orig = append(orig, m.Orig(i))
		}
		if got != tc.want || !slices.Equal(orig, tc.orig) || !slices.Equal(notes, tc.notes) {
			t.Errorf("Clean(%q)\n got %q %v %q\nwant %q %v %q", tc.in, got, orig, notes, tc.want, tc.orig, tc.notes)
		}
	}
}

// Clean writes the text under cleaning into pooled buffers; what it returned
// for one document must survive the cleaning of the next ones.
func TestCleanResultOutlivesNextCalls(t *testing.T) {
	docs := []string{benchReport(), "①发放宣传单１２００份\r\n\r\n重复的段落内容超过十六个字符的一段话。\n重复的段落内容超过十六个字符的一段话。", benchReport()[:5000]}
	for _, tc := range cleanCases {
		docs = append(docs, tc.in)
	}
	type result struct {
		text  string
		origs []int
	}
	snapshot := func(text string, m *OffsetMap) result {
		r := result{text: strings.Clone(text)}
		for i := range m.CleanLen() + 1 {
			r.origs = append(r.origs, m.Orig(i))
		}
		return r
	}
	texts, maps, want := make([]string, len(docs)), make([]*OffsetMap, len(docs)), make([]result, len(docs))
	for i, d := range docs {
		texts[i], maps[i], _ = Clean(d)
		want[i] = snapshot(texts[i], maps[i])
	}
	for i := range docs {
		if r := snapshot(texts[i], maps[i]); r.text != want[i].text || !slices.Equal(r.origs, want[i].origs) {
			t.Errorf("document %d: result changed by later calls:\n%q\nwas\n%q", i, r.text, want[i].text)
		}
	}
}
