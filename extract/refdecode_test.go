package extract

// Frozen copy of decode.go before the speed-up (identifiers prefixed "ref"),
// the oracle for the differential tests in diff_test.go.

import (
	"bytes"
	"errors"
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/traditionalchinese"
	xunicode "golang.org/x/text/encoding/unicode"
)

// Encoding names reported by Decode (the `encoding` column).
//
// GB2312 and GBK files are reported as "gb18030": GB18030 is a strict superset
// of both, the same decoder reads all three, and a single name keeps the
// column easy to group by.
const (
	refEncUTF8    = "utf-8"
	refEncUTF8BOM = "utf-8-bom"
	refEncUTF16LE = "utf-16le"
	refEncUTF16BE = "utf-16be"
	refEncGB18030 = "gb18030"
	refEncBig5    = "big5"
	refEncHZ      = "hz-gb-2312"
)

// Decode turns raw file bytes into text and names the encoding it used.
//
// Detection order: byte-order mark; UTF-16 without BOM (NULs in alternating
// positions); binary sniffing; valid UTF-8 (7-bit HZ-GB-2312 is recognised
// inside ASCII); otherwise every legacy candidate (GB18030, Big5, UTF-8 with
// errors, UTF-16 LE/BE) is decoded and the one with the fewest replacement
// characters wins, ties (within a small tolerance) broken by plausibility: the
// share of decoded ideographs that are among the most common hanzi of either
// script. GBK and Big5 byte ranges overlap so much that validity alone cannot
// tell them apart; a wrong guess turns common characters into rare ones.
//
// Errors are *Error with class "no_text" (empty or whitespace-only input) or
// "encoding" (binary data, or no candidate gives readable text).
func refDecode(raw []byte) (text string, enc string, err error) {
	if len(raw) == 0 {
		return "", "", Errorf("no_text", "decode", errors.New("empty file"))
	}
	switch {
	case bytes.HasPrefix(raw, []byte{0xEF, 0xBB, 0xBF}):
		return refFinishUTF8(raw[3:], refEncUTF8BOM)
	case bytes.HasPrefix(raw, []byte{0xFF, 0xFE}):
		return refFinishUTF16(raw[2:], refEncUTF16LE)
	case bytes.HasPrefix(raw, []byte{0xFE, 0xFF}):
		return refFinishUTF16(raw[2:], refEncUTF16BE)
	}
	if err := refSniffMagic(raw); err != nil {
		return "", "", err
	}
	if enc, ok := refSniffUTF16(raw); ok {
		return refFinishUTF16(raw, enc)
	}
	if err := refSniffBinary(raw); err != nil {
		return "", "", err
	}
	if utf8.Valid(raw) {
		if refIsHZ(raw) {
			if t, err := refDecodeWith(simplifiedchinese.HZGB2312, raw); err == nil && !strings.ContainsRune(t, utf8.RuneError) {
				return refCheckText(t, refEncHZ)
			}
		}
		return refFinishUTF8(raw, refEncUTF8)
	}
	return refDecodeLegacy(raw)
}

func refFinishUTF8(b []byte, enc string) (string, string, error) {

	return refCheckText(string([]rune(string(b))), enc)
}

func refFinishUTF16(b []byte, enc string) (string, string, error) {
	var e encoding.Encoding
	if enc == refEncUTF16LE {
		e = xunicode.UTF16(xunicode.LittleEndian, xunicode.IgnoreBOM)
	} else {
		e = xunicode.UTF16(xunicode.BigEndian, xunicode.IgnoreBOM)
	}
	t, err := refDecodeWith(e, b)
	if err != nil {
		return "", "", Errorf("encoding", "decode", fmt.Errorf("%s: %w", enc, err))
	}
	return refCheckText(t, enc)
}

// checkText rejects decoded text that is empty, mostly undecodable or mostly
// control characters, with a message a person can act on.
func refCheckText(t, enc string) (string, string, error) {
	if strings.TrimSpace(strings.ReplaceAll(t, "\x00", "")) == "" {
		return "", enc, Errorf("no_text", "decode", fmt.Errorf("no text (only whitespace) as %s", enc))
	}
	var n, bad, ctrl int
	for _, r := range t {
		n++
		switch {
		case r == utf8.RuneError:
			bad++
		case refIsControl(r):
			ctrl++
		}
	}
	if pct := 100 * bad / n; pct >= 10 {
		return "", enc, Errorf("encoding", "decode", fmt.Errorf("undecodable: %d%% of characters are invalid even in the best guess (%s)", pct, enc))
	}
	if pct := 100 * ctrl / n; pct >= 10 {
		return "", enc, Errorf("encoding", "decode", fmt.Errorf("not text: %d%% of characters are control characters (as %s)", pct, enc))
	}
	return t, enc, nil
}

func refIsControl(r rune) bool {
	return (r < 0x20 && r != '\n' && r != '\r' && r != '\t' && r != '\f') || r == 0x7F || (r >= 0x80 && r < 0xA0)
}

func refDecodeWith(e encoding.Encoding, b []byte) (string, error) {
	out, err := e.NewDecoder().Bytes(b)
	if err != nil {
		return "", err
	}
	return string(out), nil
}

// sniffUTF16 recognises BOM-less UTF-16 by its NULs: ASCII characters
// (newlines, digits, punctuation) put a zero byte in the high half, so NULs
// pile up in odd positions (LE) or even positions (BE).
func refSniffUTF16(raw []byte) (string, bool) {
	if len(raw) < 4 || len(raw)%2 != 0 {
		return "", false
	}
	sample := raw
	if len(sample) > 1<<16 {
		sample = sample[:1<<16]
	}
	var even, odd int
	for i, c := range sample {
		if c == 0 {
			if i%2 == 0 {
				even++
			} else {
				odd++
			}
		}
	}
	total := even + odd

	if total*10 < len(sample) {
		return "", false
	}
	var enc string
	var e encoding.Encoding
	switch {
	case odd*10 >= total*9:
		enc, e = refEncUTF16LE, xunicode.UTF16(xunicode.LittleEndian, xunicode.IgnoreBOM)
	case even*10 >= total*9:
		enc, e = refEncUTF16BE, xunicode.UTF16(xunicode.BigEndian, xunicode.IgnoreBOM)
	default:
		return "", false
	}
	t, err := refDecodeWith(e, sample)
	if err != nil {
		return "", false
	}
	c := refScoreCandidate(enc, t)
	return enc, c.plaus >= refMinPlausibility
}

// binaryMagic names common non-text formats so the error says what the file is.
var refBinaryMagic = []struct {
	prefix string
	what   string
}{
	{"%PDF-", "a PDF file"},
	{"PK\x03\x04", "a ZIP archive (docx/xlsx/odt?)"},
	{"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", "an OLE2 document (doc/xls/wps?)"},
	{"\x89PNG", "a PNG image"},
	{"\xFF\xD8\xFF", "a JPEG image"},
	{"GIF8", "a GIF image"},
	{"\x1F\x8B", "a gzip archive"},
	{"Rar!", "a RAR archive"},
	{"7z\xBC\xAF", "a 7z archive"},
	{"{\\rtf", "an RTF document"},
}

func refSniffMagic(raw []byte) error {
	for _, m := range refBinaryMagic {
		if bytes.HasPrefix(raw, []byte(m.prefix)) {
			return Errorf("encoding", "decode", fmt.Errorf("not text: looks like %s", m.what))
		}
	}
	return nil
}

// sniffBinary rejects data that is not text in any encoding: control bytes
// (other than tab, newline, CR, form feed) never occur in the encodings Decode
// supports, except in UTF-16 which is handled before.
func refSniffBinary(raw []byte) error {
	sample := raw
	if len(sample) > 1<<16 {
		sample = sample[:1<<16]
	}
	ctrl := 0
	for _, c := range sample {
		if (c < 0x20 && c != '\n' && c != '\r' && c != '\t' && c != '\f' && c != 0x1A) || c == 0x7F {
			ctrl++
		}
	}

	if ctrl*20 > len(sample) {
		return Errorf("encoding", "decode", fmt.Errorf("not text: %d%% of bytes are control characters", (100*ctrl+len(sample)-1)/len(sample)))
	}
	return nil
}

// isHZ reports whether 7-bit text uses HZ-GB-2312 shift sequences.
func refIsHZ(raw []byte) bool {
	for _, c := range raw {
		if c >= 0x80 {
			return false
		}
	}
	return bytes.Count(raw, []byte("~{")) >= 2 && bytes.Count(raw, []byte("~}")) >= 2
}

// minPlausibility: below it a decode is garbage (see decodeLegacy).
const refMinPlausibility = 0.35

type refCandidate struct {
	enc   string
	text  string
	runes int
	repl  int     // U+FFFD produced by the decoder
	plaus float64 // see plausibility
}

// decodeLegacy races the candidate decoders on non-UTF-8 input.
func refDecodeLegacy(raw []byte) (string, string, error) {
	type dec struct {
		name string
		e    encoding.Encoding
	}
	decs := []dec{
		{refEncGB18030, simplifiedchinese.GB18030},
		{refEncBig5, traditionalchinese.Big5},
	}
	if len(raw)%2 == 0 {
		decs = append(decs,
			dec{refEncUTF16LE, xunicode.UTF16(xunicode.LittleEndian, xunicode.IgnoreBOM)},
			dec{refEncUTF16BE, xunicode.UTF16(xunicode.BigEndian, xunicode.IgnoreBOM)})
	}
	var cands []refCandidate

	cands = append(cands, refScoreCandidate(refEncUTF8, string([]rune(string(raw)))))
	for _, d := range decs {
		t, err := refDecodeWith(d.e, raw)
		if err != nil {
			continue
		}
		cands = append(cands, refScoreCandidate(d.name, t))
	}
	best := refPickCandidate(cands)

	if refHanCount(best.text) >= 30 && best.plaus < refMinPlausibility {
		return "", best.enc, Errorf("encoding", "decode", fmt.Errorf("unrecognised encoding: best guess %s gives only %.0f%% common characters", best.enc, 100*best.plaus))
	}
	return refCheckText(best.text, best.enc)
}

// pickCandidate keeps the candidates whose replacement count is within a small
// tolerance of the best, then takes the most plausible. The tolerance lets a
// file with one corrupt byte still be read in its real encoding rather than in
// one that happens to accept every byte.
func refPickCandidate(cands []refCandidate) refCandidate {
	minRepl := cands[0].repl
	for _, c := range cands[1:] {
		minRepl = min(minRepl, c.repl)
	}
	var best refCandidate
	found := false
	for _, c := range cands {
		if c.repl > minRepl+max(2, c.runes/500) {
			continue
		}
		if !found || c.plaus > best.plaus {
			best, found = c, true
		}
	}
	return best
}

func refScoreCandidate(enc, t string) refCandidate {
	c := refCandidate{enc: enc, text: t}
	var han, common, weird int
	for _, r := range t {
		c.runes++
		switch {
		case r == utf8.RuneError:
			c.repl++
			weird++
		case r >= 0x4E00 && r <= 0x9FFF:
			han++
			if refCommonHan[r] {
				common++
			}
		case refIsWeird(r):
			weird++
		}
	}
	c.plaus = refPlausibility(han, common, weird)
	return c
}

// plausibility is the share of "expected" characters among ideographs and
// characters a Chinese report would not contain. Uncommon ideographs count a
// little: real text has some, and a text without any ideograph (French in
// GB18030) is judged by its absence of oddities alone.
func refPlausibility(han, common, weird int) float64 {
	if han+weird == 0 {
		return 1
	}
	return (float64(common) + 0.1*float64(han-common)) / float64(han+weird)
}

// isWeird: characters a wrong legacy decode produces and real reports do not
// contain (kana, Hangul, private use, CJK extension A, control characters, …).
func refIsWeird(r rune) bool {
	switch {
	case r < 0x80:
		return refIsControl(r)
	case r >= 0x3400 && r <= 0x4DBF,
		r >= 0xE000 && r <= 0xF8FF,
		r >= 0xAC00 && r <= 0xD7AF,
		r >= 0x3040 && r <= 0x30FF,
		r >= 0xA000 && r <= 0xA4CF,
		r >= 0x2500 && r <= 0x257F,
		r >= 0xF900 && r <= 0xFAFF,
		r >= 0x20000:
		return true
	}
	return refIsControl(r) || unicode.Is(unicode.Cyrillic, r) || unicode.Is(unicode.Greek, r)
}

func refHanCount(t string) int {
	n := 0
	for _, r := range t {
		if r >= 0x4E00 && r <= 0x9FFF {
			n++
		}
	}
	return n
}

// commonHan holds the most frequent hanzi of modern Chinese (about 600) plus
// the vocabulary of work reports, each in simplified and traditional form.
// Only membership matters; the list is deliberately general, not tuned to any
// corpus.
var refCommonHan = func() map[rune]bool {
	m := make(map[rune]bool, 1500)
	for _, s := range []string{refCommonSimplified, refCommonTraditional, refCommonReport} {
		for _, r := range s {
			if r > 0x80 {
				m[r] = true
			}
		}
	}
	return m
}()

const refCommonSimplified = "的一是不了在人有我他这个们中来上大为和国地到以说时要就出会可也你对生能而子那得于着下自之年过发后作里用道行所然家种事成方多经么去法学如都同现当没动面起看定天分还进好小部其些主样理心她本前开但因只从想实日军者意无力它与长把机十民第公此已工使情明性知全三又关点正业外将两高间由问很最重并物手应战向头文体政美相见被利什二等产或新己制身果加西斯月话合回特代内信表化老给世位次度门任常先海通教儿原东声提立及比员解水名真论处走义各入几口认条平系气题活尔更别打女变四神总何电数安少报才结反受目太量再感建务做接必场件计管期市直德资命山金指克许统区保至队形社便空决治展马科司五基眼书非则听白却界达光放强即像难且权思王象完设式色路记南品住告类求据程北边死张该交规万取拉格望觉术领共确传师观清今切院让识候带导争运笑飞风步改收根干造言联持组每济车亲极林服快办议往元英士证近失转夫令准布始怎呢存未远叫台单影具罗字爱击流备兵连调深商算质团集百需价花党华城石级整府离况亚请技际约示复病息究线似官火断精满支视消越器容照须九增研写称企八功吗包片史委乎查轻易早曾除农找装广显吧阿李标谈吃图念六引历首医局突专费号尽另周较注语仅考落青随选列武红响虽推势参希古众构房半节土投某案黑维革划敌致陈律足态护七兴派孩验责营星够章音跟志底站严巴例防族供效续施留讲型料终答紧黄绝奇察母京段依批群项故按河米围江织害斗双境客纪采举杀攻父苏密低朝友诉止细愿千值仍男钱破网热助倒育属坐帝限船脸职速刻乐否刚威毛状率甚独球般普怕弹校苦创假久错承印晚兰试股拿脑预谁益阳若哪微尼继送急血惊伤素药适波夜省初喜卫源食险待述陆习置居劳财环排福纳欢雷警获模充负云停木游龙树疑层冷洲冲射略范竟句室异激汉村哈策演简卡罪判担州静退既衣您宗积余痛检差富灵协角占配征修皮挥胜降阶审沉坚善妈刘读啊超免压银买皇养伊怀执副乱抗犯追帮宣佛岁航优怪香著田铁控税左右份穿艺背阵草脚概恶块顿敢守酒岛托央户烈洋哥索胡款靠评版宝座释景顾弟登货互付伯慢欧换闻危忙核暗姐介坏讨丽良序升监临亮露永呼味野架域沙掉括舰鱼杂误湖钟"

const refCommonTraditional = "這個們來為國說時會對發過後裡裏還進經麼學現當沒動見長機實從關點業將兩間問應戰頭體產無與樣種開門員東聲條題電數報結總認計場變邊張該規萬覺術領確傳師觀讓識帶導爭運飛風車親極辦議轉準單羅愛擊調質團華級離亞請際約複復視須稱農廣顯圖歷醫專費號盡較語僅眾構節劃陳興驗責營圍紀舉殺蘇細錢網熱職樂狀彈試預誰繼傷適險習勞財環歡龍簡檢協審堅讀買養執亂幫優鐵藝陣惡塊頓島評寶釋顧貨聞監臨雜鐘處義氣決區隊統強權設類據務達難連斷滿消須話動給書軍齊紅響雖勢參眾態護續講終緊絕愛陸衛歲負層衝範異擔靈勝階壓銀懷罰屬脫雙境輕戶嚴選區價標談僅歷醫專號將縣鄉鎮黨組織員會議導領幹部紀監檢査查線宣傳標語橫幅單冊展覽報導網絡視頻廣播電視發放張貼懸掛製作開展區縣級鄉鎮街道辦處長書記審計財稅務資產權責任問題整改落實條例規範執法治亂罪犯案件傘護惡勢摸排舉報處罰關係農業務實績效"

// commonReport is the campaign's own vocabulary; it matters most because a
// mis-decoded report loses exactly these characters.
const refCommonReport = "扫掃黑除恶惡专專项項斗鬥争爭线線索摸排查宣传傳横橫幅标標语語册冊县縣镇鎮乡鄉村局委纪紀监監组組织織领領导導汇匯报報总總结結问問题題整改落实實责責任治安综綜合法律犯罪案件伞傘保护護违違纪纪涉团團伙夥骗騙赌賭毒盗盜抢搶霸欺压壓群众眾举舉线索核办辦督导導巡察反馈饋排摸移送交转轉立结结签簽订訂承诺諾书書宣讲講横标张張贴貼悬懸挂掛发發放栏欄板屏幕视視频頻短信微息稿件篇条條份场場次期人户戶万萬亿億余餘多近约約共计計达達累积積"
