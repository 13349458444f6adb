package extract

// Frozen copy of clean.go before the speed-up (identifiers prefixed "ref"),
// the oracle for the differential tests in diff_test.go.

import (
	"fmt"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Clean removes the debris archived reports carry and returns the cleaned text,
// a map from cleaned rune offsets back to rune offsets in text, and notes that
// say what was removed. Everything downstream matches on the cleaned text.
//
// Passes, in order (each is linear in the text length):
//
//  1. characters: CRLF/CR → LF, form feed → LF, zero-width and bidi marks and
//     control characters dropped, circled numbers ①/❶/➀ → "(1)" (NFKC would
//     make them a bare digit glued to the next number-like text);
//  2. NFKC: full-width digits, letters and punctuation become ASCII, NBSP and
//     the ideographic space become spaces, Kangxi radicals become ideographs;
//  3. converter debris: a parenthesised pinyin syllable right after a
//     character (總結(jié) → 總結) is removed, with the lost-character marks
//     around it (see pinyinEdits);
//  4. sharing-site noise: sentences with site phrases (会员分享, 可在线阅读,
//     …上搜索, 免费下载, 如有侵权 …), "第X页 共Y页" footers, URLs, site watermarks
//     glued to the end of a paragraph (qHz法治快讯网), lines of only "|";
//  5. whitespace: lines trimmed, runs of spaces collapsed, blank lines dropped
//     (paragraphs are separated by one "\n");
//  6. page-number debris "\n2、" inserted where a sharing site's page broke a
//     sentence (see pageDebrisEdits);
//  7. repeated paragraphs and truncated previews of the next paragraph;
//  8. find-and-replace artifacts: one parenthetical repeated ≥5 times after
//     the same word (扫黑除恶(2018年3月以后)).
func refClean(text string) (cleaned string, m *OffsetMap, notes []string) {
	if !utf8.ValidString(text) {

		text = string([]rune(text))
	}
	b := refNewBuf(text)
	c := refCleaner{b: b}
	c.run(c.charEdits)
	c.nfkc()
	c.run(c.pinyinEdits)
	c.run(c.boilerplateEdits)
	c.run(c.whitespaceEdits)
	c.run(c.pageDebrisEdits)
	c.run(c.repeatEdits)
	c.run(c.artifactEdits)
	c.run(c.whitespaceEdits)
	return b.s, b.offsetMap(), c.notes
}

// buf is text under cleaning with, for every rune, its offset in the
// original. The per-rune slice lives only while cleaning; the result is
// compressed into an OffsetMap.
type refBuf struct {
	s       string
	idx     []int32
	origLen int
}

func refNewBuf(text string) *refBuf {
	n := utf8.RuneCountInString(text)
	idx := make([]int32, n)
	for i := range idx {
		idx[i] = int32(i)
	}
	return &refBuf{s: text, idx: idx, origLen: n}
}

// edit replaces bytes [start, end) of buf.s with repl.
type refEdit struct {
	start, end int
	repl       string
}

// apply performs edits (any order; overlapping edits after the first are
// dropped). Replacement runes map one-to-one onto the replaced runes when the
// counts agree, otherwise all to the first replaced rune; pure insertions map
// to the rune that follows them.
func (b *refBuf) apply(edits []refEdit) {
	if len(edits) == 0 {
		return
	}
	sort.SliceStable(edits, func(i, j int) bool { return edits[i].start < edits[j].start })
	var sb strings.Builder
	sb.Grow(len(b.s))
	idx := make([]int32, 0, len(b.idx))
	pos, ri := 0, 0
	for _, e := range edits {
		if e.start < pos || e.end < e.start || e.end > len(b.s) {
			continue
		}
		keep := b.s[pos:e.start]
		n := utf8.RuneCountInString(keep)
		sb.WriteString(keep)
		idx = append(idx, b.idx[ri:ri+n]...)
		ri += n
		on := utf8.RuneCountInString(b.s[e.start:e.end])
		rn := utf8.RuneCountInString(e.repl)
		sb.WriteString(e.repl)
		switch {
		case rn == on:
			idx = append(idx, b.idx[ri:ri+on]...)
		case rn > 0:
			anchor := int32(b.origLen)
			if ri < len(b.idx) {
				anchor = b.idx[ri]
			}
			for range rn {
				idx = append(idx, anchor)
			}
		}
		ri += on
		pos = e.end
	}
	sb.WriteString(b.s[pos:])
	idx = append(idx, b.idx[ri:]...)
	b.s, b.idx = sb.String(), idx
}

func (b *refBuf) offsetMap() *OffsetMap {
	var ob OffsetBuilder
	for _, o := range b.idx {
		ob.Add(int(o))
	}
	return ob.Build(b.origLen)
}

type refCleaner struct {
	b     *refBuf
	notes []string
	// strippedHead is set when sharing-site boilerplate was removed from the
	// first line: evidence that a leading "1、" is a page number.
	strippedHead bool
}

func (c *refCleaner) run(pass func(s string) []refEdit) { c.b.apply(pass(c.b.s)) }

func (c *refCleaner) note(format string, args ...any) {
	c.notes = append(c.notes, fmt.Sprintf(format, args...))
}

func (c *refCleaner) charEdits(s string) []refEdit {
	var edits []refEdit
	dropped := 0
	for i, r := range s {
		size := utf8.RuneLen(r)
		switch {
		case r == '\r':
			if strings.HasPrefix(s[i+1:], "\n") {
				edits = append(edits, refEdit{i, i + 1, ""})
			} else {
				edits = append(edits, refEdit{i, i + 1, "\n"})
			}
		case r == '\f' || r == '\v' || r == 0x2028 || r == 0x2029:
			edits = append(edits, refEdit{i, i + size, "\n"})
		case r == '\t':
			edits = append(edits, refEdit{i, i + 1, " "})
		case refIsInvisible(r):
			edits = append(edits, refEdit{i, i + size, ""})
			dropped++
		case r >= 0x2460 && r <= 0x2473:
			edits = append(edits, refEdit{i, i + size, "(" + strconv.Itoa(int(r-0x2460)+1) + ")"})
		case r >= 0x2776 && r <= 0x277F:
			edits = append(edits, refEdit{i, i + size, "(" + strconv.Itoa(int(r-0x2776)+1) + ")"})
		case r >= 0x2780 && r <= 0x2793:
			edits = append(edits, refEdit{i, i + size, "(" + strconv.Itoa(int(r-0x2780)%10+1) + ")"})
		}
	}
	if dropped > 0 {
		c.note("removed %d invisible or control characters", dropped)
	}
	return edits
}

func refIsInvisible(r rune) bool {
	switch r {
	case 0x200B, 0x200C, 0x200D, 0x200E, 0x200F, 0x2060, 0xFEFF, 0x00AD, 0x180E:
		return true
	}
	if r >= 0x202A && r <= 0x202E || r >= 0x2066 && r <= 0x2069 {
		return true
	}
	return r != '\n' && refIsControl(r)
}

// nfkc normalises segment by segment (norm.Iter stops at normalisation
// boundaries) so each changed segment becomes one edit and the offset map
// stays exact around it.
func (c *refCleaner) nfkc() {
	s := c.b.s
	if norm.NFKC.IsNormalString(s) {
		return
	}
	var edits []refEdit
	var it norm.Iter
	for pos := 0; pos < len(s); {

		pos += refStableNFKC(s[pos:])
		pos += norm.NFKC.QuickSpanString(s[pos:])
		if pos >= len(s) {
			break
		}

		if r, n := utf8.DecodeRuneInString(s[pos:]); r >= 0xFF01 && r <= 0xFF5E || r == 0x3000 {
			a := byte(' ')
			if r != 0x3000 {
				a = byte(r - 0xFEE0)
			}

			if next, _ := utf8.DecodeRuneInString(s[pos+n:]); pos+n >= len(s) || next < 0x300 || next > 0x36F {
				edits = append(edits, refEdit{pos, pos + n, string(a)})
				pos += n
				continue
			}
		}
		it.InitString(norm.NFKC, s[pos:])
		// Long expansions (㈠ → "(一)") come out over several calls
		// before the input position moves.
		var out []byte
		for !it.Done() && it.Pos() == 0 {
			out = append(out, it.Next()...)
		}
		end := pos + it.Pos()
		if end <= pos {
			end = len(s)
		}
		if string(out) != s[pos:end] {
			edits = append(edits, refEdit{pos, end, string(out)})
		}
		pos = end
	}
	c.b.apply(edits)
}

// stableNFKC returns the length of a prefix of s that NFKC leaves as it is,
// by a fast range test covering almost all of a Chinese report. It stops
// one rune early before a combining mark, which may compose with its base.
func refStableNFKC(s string) int {
	i, prev := 0, 0
	for i < len(s) {
		c := s[i]
		if c < 0x80 {
			prev = i
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		if r >= 0x4E00 && r <= 0x9FFF || r >= 0x3001 && r <= 0x3003 || r >= 0x3008 && r <= 0x3011 ||
			r >= 0x2018 && r <= 0x201D || r == 0x2014 || r == 0x00B7 || r == 0x3014 || r == 0x3015 {
			prev = i
			i += n
			continue
		}
		if r >= 0x0300 && r <= 0x036F || r >= 0x3099 && r <= 0x309A {
			return prev
		}
		break
	}
	return i
}

var (
	refParenWordRe = regexp.MustCompile(`\(([^\s()]{1,7})\)`)
	// A `?` that ate the opening parenthesis: 認真?zhèn)傳達.
	refEatenParenRe = regexp.MustCompile(`\?([a-zA-Z\x{00E0}-\x{01DC}]{1,7})\)`)
	refToneStrip    = strings.NewReplacer(
		"ā", "a", "á", "a", "ǎ", "a", "à", "a",
		"ē", "e", "é", "e", "ě", "e", "è", "e",
		"ī", "i", "í", "i", "ǐ", "i", "ì", "i",
		"ō", "o", "ó", "o", "ǒ", "o", "ò", "o",
		"ū", "u", "ú", "u", "ǔ", "u", "ù", "u",
		"ǖ", "v", "ǘ", "v", "ǚ", "v", "ǜ", "v", "ü", "v",
		"ń", "n", "ň", "n", "ǹ", "n",
	)
	refSyllableRe = regexp.MustCompile(`^(?:(?:zh|ch|sh|[bpmfdtnlgkhjqxrzcsyw])(?:iang|iong|uang|ueng|ang|eng|ing|ong|ian|iao|uai|uan|van|ai|ei|ao|ou|an|en|er|ia|ie|in|iu|ua|uo|ui|un|ue|ve|vn|a|o|e|i|u|v)|a|o|e|ai|ei|ao|ou|an|en|ang|eng|er|ng|n|m)$`)
)

// pinyinSyllable reports whether w is one pinyin syllable and whether it
// carries a tone mark. Converters that leave pinyin behind write it with
// tone marks; a toneless syllable is only trusted right after a Han character.
func refPinyinSyllable(w string) (ok, toned bool) {
	for _, r := range w {
		if r >= 'A' && r <= 'Z' {
			return false, false
		}
	}
	plain := refToneStrip.Replace(w)
	toned = plain != w && plain != strings.ReplaceAll(w, "ü", "v")
	for _, r := range plain {
		if r < 'a' || r > 'z' {
			return false, false
		}
	}
	return refSyllableRe.MatchString(plain), toned
}

// pinyinEdits removes pinyin debris left by bad simplified↔traditional
// converters (總結(jié), 關(guān)). Three lost-character shapes come with it, and
// each keeps the sentence readable rather than guessing the lost character:
//
//   - `?(xiàn)`: the annotated character itself became `?` — removed;
//   - `?,F(xiàn)`: mojibake (1–2 ASCII symbols/letters) stands for the annotated
//     character and the `?` before it for lost punctuation — replaced by `。`
//     (a sentence break), the mojibake removed;
//   - `?zhèn)`: the `?` ate the opening parenthesis — removed.
//
// A `?` that is not next to pinyin is kept: it is usually a real question
// mark (NFKC turns ？ into ?).
func (c *refCleaner) pinyinEdits(s string) []refEdit {
	var edits []refEdit
	removed, breaks := 0, 0
	for _, m := range refParenWordRe.FindAllStringSubmatchIndex(s, -1) {
		ok, toned := refPinyinSyllable(s[m[2]:m[3]])
		if !ok {
			continue
		}
		start := m[0]
		prev, _ := utf8.DecodeLastRuneInString(s[:start])
		switch {
		case start > 0 && s[start-1] == '?':
			if !toned {
				continue
			}
			edits = append(edits, refEdit{start - 1, m[1], ""})
		case toned && refIsMojibakeByte(prev):

			j := start - 1
			for j > 0 && start-j < 2 && refIsMojibakeByte(rune(s[j-1])) {
				j--
			}
			before, _ := utf8.DecodeLastRuneInString(s[:j])
			switch {
			case j > 0 && s[j-1] == '?':
				edits = append(edits, refEdit{j - 1, m[1], "。"})
				breaks++
				removed--
			case refIsHan(before):
				edits = append(edits, refEdit{j, m[1], ""})
			default:

				continue
			}
		case refIsHan(prev) && (toned || len(s[m[2]:m[3]]) >= 2):
			edits = append(edits, refEdit{start, m[1], ""})
		case toned && prev != utf8.RuneError && !unicode.IsSpace(prev) && start > 0:
			edits = append(edits, refEdit{start, m[1], ""})
		default:
			continue
		}
		removed++
	}
	for _, m := range refEatenParenRe.FindAllStringSubmatchIndex(s, -1) {
		if ok, toned := refPinyinSyllable(s[m[2]:m[3]]); ok && toned {
			edits = append(edits, refEdit{m[0], m[1], ""})
			removed++
		}
	}
	if removed > 0 {
		c.note("removed %d pinyin annotations left by a script converter", removed)
	}
	if breaks > 0 {
		c.note("replaced %d lost characters (?+mojibake) with a sentence break", breaks)
	}
	return edits
}

// isMojibakeByte: ASCII symbols and letters that a broken conversion leaves
// in place of a character (`,F`, `I`), excluding digits, spaces, brackets and
// `?` (handled separately).
func refIsMojibakeByte(r rune) bool {
	return r > ' ' && r < 0x7F && r != '?' && r != '(' && r != ')' && (r < '0' || r > '9')
}

func refIsHan(r rune) bool { return unicode.Is(unicode.Han, r) }

// siteMarkers are phrases only a document-sharing site writes, in both
// scripts; the sentence holding one is removed. Literals (not a regexp) so the
// scan is one pass over the text: markersByRune indexes them by first rune.
var refSiteMarkers = []string{
	"会员分享", "會員分享", "可在线阅读", "可在線閱讀", "上搜索",
	"本文档由", "本文檔由", "本资料由", "本資料由",
	"来源于网络", "來源於網絡", "來源于網絡", "来源於网络",
	"下载后可编辑", "下載後可編輯", "免费下载", "免費下載", "点击下载", "點擊下載",
	"文档下载", "文檔下載", "下载文档", "下載文檔", "如需下载", "如需下載",
	"全文阅读已结束", "全文閱讀已結束", "如有侵权", "如有侵權", "侵权请联系", "侵權請聯繫",
	"仅供参考", "僅供參考",
}

var refMarkersByRune = func() map[rune][]string {
	m := map[rune][]string{}
	for _, w := range refSiteMarkers {
		r, _ := utf8.DecodeRuneInString(w)
		m[r] = append(m[r], w)
	}
	return m
}()

var (
	refPageFooterRe = regexp.MustCompile(`第\s*\d{1,4}\s*[页頁]\s*[,,/、]?\s*共\s*\d{1,4}\s*[页頁]|(?i:page\s+\d{1,4}\s+of\s+\d{1,4})`)
	refUrlRe        = regexp.MustCompile(`(?:https?://|www\.)[A-Za-z0-9\-._~:/?#\[\]@!$&'*+,;=%]+`)
	refSiteWord     = `(?:[范範]文|文[库庫]|文[档檔]|[资資]料|公文|快[讯訊]|[写寫]作|秘[书書]|材料|[学學][习習]|知[识識]|考[试試]|法治|[办辦]公|[图圖]|装配[图圖]|[课課]件|教育)[网網]`
	// A watermark: random letters and/or a site name ending in 网
	// (qHz法治快讯网), alone or glued after the end of a paragraph.
	refWatermark  = `(?:[A-Za-z0-9]{2,6}\p{Han}{2,12}[网網]|[A-Za-z0-9]{0,6}\p{Han}{0,8}` + refSiteWord + `)`
	refTailMarkRe = regexp.MustCompile(`^` + refWatermark + `$`)
	// Whole lines of debris: a watermark, "|" table rules, "- 3 -".
	refMarkLineRe = regexp.MustCompile(`^(?:` + refWatermark + `|[|│┃¦ \t]+|[-—–]\s*\d{1,4}\s*[-—–])$`)
)

func (c *refCleaner) boilerplateEdits(s string) []refEdit {
	var edits []refEdit
	sentences, marks := 0, 0
	lastEnd := -1
	for i, r := range s {
		words, ok := refMarkersByRune[r]
		if !ok || i < lastEnd {
			continue
		}
		for _, w := range words {
			if !strings.HasPrefix(s[i:], w) {
				continue
			}
			start, end := refSentenceBounds(s, i, i+len(w))
			edits = append(edits, refEdit{start, end, ""})
			lastEnd = end
			sentences++
			if strings.TrimSpace(s[:start]) == "" {
				c.strippedHead = true
			}
			break
		}
	}
	if strings.Contains(s, "http") || strings.Contains(s, "www.") {
		for _, m := range refUrlRe.FindAllStringIndex(s, -1) {
			edits = append(edits, refEdit{m[0], m[1], ""})
			marks++
		}
	}
	for _, l := range refSplitLines(s) {
		line := s[l.start:l.end]
		if strings.Contains(line, "页") || strings.Contains(line, "頁") || strings.Contains(line, "age") {
			for _, m := range refPageFooterRe.FindAllStringIndex(line, -1) {
				edits = append(edits, refEdit{l.start + m[0], l.start + m[1], ""})
				marks++
			}
		}
		trimmed := strings.TrimSpace(line)
		if trimmed == "" {
			continue
		}
		last, _ := utf8.DecodeLastRuneInString(trimmed)
		first, _ := utf8.DecodeRuneInString(trimmed)
		endsNet := last == '网' || last == '網'

		if len(trimmed) <= 96 && (endsNet || strings.ContainsRune("|│┃¦-—–", first)) && refMarkLineRe.MatchString(trimmed) {
			edits = append(edits, refEdit{l.start, l.end, ""})
			marks++
			continue
		}

		cut := strings.LastIndexAny(trimmed, "。!?:;”\"")
		if cut < 0 || !endsNet {
			continue
		}
		_, size := utf8.DecodeRuneInString(trimmed[cut:])
		tail := trimmed[cut+size:]
		if tail != "" && len(tail) <= 64 && refTailMarkRe.MatchString(tail) {
			ts := l.start + strings.Index(line, trimmed) + cut + size
			edits = append(edits, refEdit{ts, ts + len(tail), ""})
			marks++
		}
	}
	if sentences > 0 {
		c.note("removed %d sharing-site boilerplate sentences", sentences)
	}
	if marks > 0 {
		c.note("removed %d page footers, URLs or site watermarks", marks)
	}
	return edits
}

// sentenceBounds widens [start, end) to the sentence around it: back to the
// previous 。!? or line start, forward through the next 。!? or to the line
// end. Sentences longer than maxSentence bytes are not widened (a marker in a
// paragraph without punctuation must not take the paragraph with it).
func refSentenceBounds(s string, start, end int) (int, int) {
	const maxSentence = 900 // bytes, ~300 CJK characters
	a := start
	for a > 0 && start-a < maxSentence {
		r, size := utf8.DecodeLastRuneInString(s[:a])
		if r == '\n' || r == '。' || r == '!' || r == '?' {
			break
		}
		a -= size
	}
	z := end
	for z < len(s) && z-end < maxSentence {
		r, size := utf8.DecodeRuneInString(s[z:])
		if r == '\n' {
			break
		}
		z += size
		if r == '。' || r == '!' || r == '?' {
			break
		}
	}
	if start-a >= maxSentence || z-end >= maxSentence {
		return start, end
	}
	return a, z
}

// whitespaceEdits trims every line, collapses runs of spaces and drops empty
// lines, so paragraphs are separated by exactly one "\n" and the text has no
// leading or trailing whitespace.
func (c *refCleaner) whitespaceEdits(s string) []refEdit {
	var edits []refEdit
	prevEnd := -1
	for _, l := range refSplitLines(s) {
		line := s[l.start:l.end]
		trimmed := strings.TrimSpace(line)
		if trimmed == "" {
			continue
		}
		start := l.start + strings.Index(line, trimmed)
		end := start + len(trimmed)
		if prevEnd < 0 {
			edits = append(edits, refEdit{0, start, ""})
		} else {

			nl := prevEnd + strings.IndexByte(s[prevEnd:start], '\n')
			edits = append(edits, refEdit{prevEnd, nl, ""}, refEdit{nl + 1, start, ""})
		}
		for i := 0; i < len(trimmed); i++ {
			if trimmed[i] != ' ' {
				continue
			}
			j := i + 1
			for j < len(trimmed) && trimmed[j] == ' ' {
				j++
			}
			if j-i > 1 {
				edits = append(edits, refEdit{start + i + 1, start + j, ""})
			}
			i = j - 1
		}
		prevEnd = end
	}
	if prevEnd < 0 {
		return []refEdit{{0, len(s), ""}}
	}
	edits = append(edits, refEdit{prevEnd, len(s), ""})
	return refDropEmpty(edits)
}

func refDropEmpty(edits []refEdit) []refEdit {
	out := edits[:0]
	for _, e := range edits {
		if e.end > e.start || e.repl != "" {
			out = append(out, e)
		}
	}
	return out
}

var refPageNumRe = regexp.MustCompile(`^(\d{1,3})、`)

type refLineSpan struct{ start, end int } // bytes, end excludes '\n'

func refSplitLines(s string) []refLineSpan {
	var ls []refLineSpan
	start := 0
	for {
		nl := strings.IndexByte(s[start:], '\n')
		if nl < 0 {
			ls = append(ls, refLineSpan{start, len(s)})
			return ls
		}
		ls = append(ls, refLineSpan{start, start + nl})
		start += nl + 1
	}
}

// endsSentence reports whether a line ends a sentence (so a following
// numbered line may be a real list item).
func refEndsSentence(line string) bool {
	line = strings.TrimRight(line, " ”’」』)】》\"'")
	r, _ := utf8.DecodeLastRuneInString(line)
	return strings.ContainsRune("。!?;:….", r)
}

// pageDebrisEdits removes the page numbers sharing sites print at the start of
// each page ("1、", "2、", …) and re-joins the sentence a page break split.
//
// A chain of such numbers must start with "1、" on the first line and count
// up by one; a later "k、" joins the chain only when the line before it ends
// mid-sentence (a real list item follows a finished sentence), except that a
// number sandwiched between two confirmed page numbers is one too (a page
// break that fell on a sentence end). A lone "1、" counts only when site
// boilerplate was stripped from the head of the document.
func (c *refCleaner) pageDebrisEdits(s string) []refEdit {
	lines := refSplitLines(s)
	num := make([]int, len(lines))
	for i, l := range lines {
		num[i] = -1
		if m := refPageNumRe.FindStringSubmatch(s[l.start:l.end]); m != nil {
			num[i], _ = strconv.Atoi(m[1])
		}
	}
	if len(lines) == 0 || num[0] != 1 {
		return nil
	}
	midSentence := func(i int) bool {
		return i > 0 && !refEndsSentence(s[lines[i-1].start:lines[i-1].end])
	}

	findConfirmed := func(k, after int) int {
		for i := after + 1; i < len(lines); i++ {
			if num[i] == k && midSentence(i) {
				return i
			}
		}
		return -1
	}
	chain := []int{0}
	for k := 2; ; k++ {
		last := chain[len(chain)-1]
		if i := findConfirmed(k, last); i >= 0 {
			chain = append(chain, i)
			continue
		}
		j := findConfirmed(k+1, last)
		if j < 0 {
			break
		}
		between := -1
		count := 0
		for i := last + 1; i < j; i++ {
			if num[i] == k {
				between, count = i, count+1
			}
		}
		if count != 1 {
			break
		}
		chain = append(chain, between, j)
		k++
	}
	if len(chain) < 2 && !c.strippedHead {
		return nil
	}
	var edits []refEdit
	for _, i := range chain {
		l := lines[i]
		numEnd := l.start + len(refPageNumRe.FindString(s[l.start:l.end]))
		if i > 0 && midSentence(i) {

			edits = append(edits, refEdit{l.start - 1, numEnd, ""})
		} else {
			edits = append(edits, refEdit{l.start, numEnd, ""})
		}
	}
	c.note("removed %d sharing-site page numbers (1–%d) and re-joined split sentences", len(chain), len(chain))
	return edits
}

// Paragraphs shorter than this are not deduplicated: short headings and
// signatures legitimately repeat.
const refMinRepeatRunes = 16

// repeatEdits keeps the first of identical paragraphs (a map of paragraph
// text, so linear in the text) and drops a paragraph that is a truncated
// preview of its neighbour (seed-style "first line … |" followed by the full
// paragraph).
func (c *refCleaner) repeatEdits(s string) []refEdit {
	lines := refSplitLines(s)
	seen := make(map[string]struct{}, len(lines))
	var edits []refEdit
	dups, previews := 0, 0
	drop := func(i int) {
		l := lines[i]
		if l.end < len(s) {
			edits = append(edits, refEdit{l.start, l.end + 1, ""})
		} else if l.start > 0 {
			edits = append(edits, refEdit{l.start - 1, l.end, ""})
		} else {
			edits = append(edits, refEdit{l.start, l.end, ""})
		}
	}
	prevKept := ""
	for i, l := range lines {
		line := s[l.start:l.end]
		if utf8.RuneCountInString(line) >= refMinRepeatRunes {
			if _, ok := seen[line]; ok {
				drop(i)
				dups++
				continue
			}
			seen[line] = struct{}{}
		}
		stem, marked := refPreviewStem(line)
		n := utf8.RuneCountInString(stem)
		if (marked && n >= 10) || n >= 40 {
			if i+1 < len(lines) {
				next := s[lines[i+1].start:lines[i+1].end]
				if len(next) > len(stem) && strings.HasPrefix(next, stem) {
					drop(i)
					previews++
					continue
				}
			}
			if marked && len(prevKept) > len(stem) && strings.HasPrefix(prevKept, stem) {
				drop(i)
				previews++
				continue
			}
		}
		prevKept = line
	}
	if dups > 0 {
		c.note("removed %d repeated paragraphs", dups)
	}
	if previews > 0 {
		c.note("removed %d truncated paragraph previews", previews)
	}
	return edits
}

// previewStem strips the marks a truncated preview ends with (" |", "…",
// "...") and reports whether there were any.
func refPreviewStem(line string) (string, bool) {
	stem := strings.TrimRight(line, " |….")
	return stem, len(stem) < len(line)
}

var refParenthetical = regexp.MustCompile(`\(([^()\n]{1,40})\)`)

// Minimum identical repetitions after the same word for a parenthetical to be
// treated as a find-and-replace artifact.
const refArtifactMinRepeats = 5

// artifactEdits removes a parenthetical that a find-and-replace inserted after
// the same word throughout a document (扫黑除恶(2018年3月以后)); left in, it
// injects false years and numbers into every sentence. "The same word" is the
// two characters before the parenthesis.
func (c *refCleaner) artifactEdits(s string) []refEdit {
	matches := refParenthetical.FindAllStringIndex(s, -1)
	if len(matches) < refArtifactMinRepeats {
		return nil
	}
	keys := make([]string, len(matches))
	count := map[string]int{}
	for i, m := range matches {
		r1, n1 := utf8.DecodeLastRuneInString(s[:m[0]])
		r2, _ := utf8.DecodeLastRuneInString(s[:m[0]-n1])
		if !refIsWordRune(r1) || !refIsWordRune(r2) {
			continue
		}
		keys[i] = string(r2) + string(r1) + s[m[0]:m[1]]
		count[keys[i]]++
	}
	var edits []refEdit
	removed := map[string]int{}
	for i, m := range matches {
		if keys[i] != "" && count[keys[i]] >= refArtifactMinRepeats {
			edits = append(edits, refEdit{m[0], m[1], ""})
			removed[keys[i]]++
		}
	}
	ks := make([]string, 0, len(removed))
	for k := range removed {
		ks = append(ks, k)
	}
	sort.Strings(ks)
	for _, k := range ks {
		word, paren, _ := strings.Cut(k, "(")
		c.note("removed find-and-replace artifact %q after %q ×%d", "("+paren, word, removed[k])
	}
	return edits
}

func refIsWordRune(r rune) bool {
	return r != utf8.RuneError && (unicode.IsLetter(r) || unicode.IsDigit(r))
}
