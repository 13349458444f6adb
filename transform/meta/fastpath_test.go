package meta

import (
	"math/rand"
	"reflect"
	"regexp"
	"sort"
	"strings"
	"testing"
	"time"
	"unicode"
	"unicode/utf8"
)

// The fast paths of Extract must agree with the plain forms they replace on
// any input: each test below runs the plain form (kept here as the oracle)
// and the fast one over edge cases and seeded random strings.

// randText strings together pieces drawn from an alphabet of words and
// runes that matter to the matcher under test.
func randText(r *rand.Rand, pieces []string, n int) string {
	var b strings.Builder
	for i := r.Intn(n + 1); i > 0; i-- {
		b.WriteString(pieces[r.Intn(len(pieces))])
	}
	return b.String()
}

var oddPieces = []string{"\xe5", "\xb7\xa1", "\xff", "\ufffd", " ", "\t", "\n", "\r", "\u3000", "x", "。", "，"}

func TestYearMatchesAgreesWithRegexp(t *testing.T) {
	pieces := append([]string{"2", "0", "1", "9", "20", "2019", "2020", "二", "〇", "○", "零", "O", "o", "Ｏ", "０",
		"一", "二〇一九", "二○二", "年", "年度", "年以来", "年来", "以来", "度", "\f", "\v", "12", "３"}, oddPieces...)
	cases := []string{"", "2019", "2019年", "2019 \t年度", "二〇一九年以来", "二O二o年", "20190年", "12019年", "2019\v年",
		"二〇一〇二〇二〇年", "2020年来2021", "二零二零", "二〇\xe5一九年", "2\xe4\xba\x8c〇一九年"}
	r := rand.New(rand.NewSource(1))
	for i := 0; i < 20000; i++ {
		cases = append(cases, randText(r, pieces, 12))
	}
	for _, s := range cases {
		want := reYear.FindAllStringSubmatchIndex(s, -1)
		if got := yearMatches(s); !reflect.DeepEqual(got, want) {
			t.Fatalf("yearMatches(%q) = %v, regexp says %v", s, got, want)
		}
	}
}

// dateLineRegexp is dateLine without its prefilter.
func dateLineRegexp(line string) (string, string, bool) {
	line = trimIssued(line)
	dates, spans := findDates(line)
	if len(dates) != 1 || strings.TrimFunc(line[spans[0][1]:], isFrame) != "" {
		return "", "", false
	}
	prefix := strings.TrimSuffix(strings.TrimFunc(line[:spans[0][0]], isFrame), "日期")
	return dates[0].String(), strings.TrimFunc(prefix, isFrame), true
}

func TestDateLinePrefilter(t *testing.T) {
	pieces := append([]string{"2019年", "5月", "22日", "22号", "二〇一九年", "十二月", "三十日", "2020.5.6", "2020-12-20", "．",
		"（", "）", "【", "】", "-", "—", "_", "|", ":", "：", "日期", "xx县交通局", "落款", "1", "9", "号", "日"}, oddPieces...)
	r := rand.New(rand.NewSource(2))
	d := &doc{}
	for i := 0; i < 20000; i++ {
		line := randText(r, pieces, 8)
		wd, wp, wok := dateLineRegexp(line)
		gt, gp, gok := dateLine(line)
		if gok != wok || gok && (gt.String() != wd || gp != wp) {
			t.Fatalf("dateLine(%q) = %v %q %v, want %v %q %v", line, gt, gp, gok, wd, wp, wok)
		}
		d.s = []rune(line)
		if _, _, ok := d.dateLine([2]int{0, len(d.s)}); ok != wok {
			t.Fatalf("doc.dateLine(%q) = %v, want %v", line, ok, wok)
		}
	}
}

// sentencesWithIndex is the byte-offset search sentencesWith replaced.
func sentencesWithIndex(s string, words []string) []string {
	var spans [][2]int
	for _, w := range words {
		for from := 0; ; {
			i := strings.Index(s[from:], w)
			if i < 0 {
				break
			}
			i += from
			a := strings.LastIndexAny(s[:i], "。！？\n") + 1
			if a > 0 {
				_, n := utf8.DecodeRuneInString(s[a-1:])
				a = a - 1 + n
			}
			b := len(s)
			if j := strings.IndexAny(s[i:], "。！？\n"); j >= 0 {
				b = i + j
			}
			spans = append(spans, [2]int{a, b})
			if from = b; from >= len(s) {
				break
			}
		}
	}
	sort.Slice(spans, func(x, y int) bool { return spans[x][0] < spans[y][0] })
	var out []string
	for i, sp := range spans {
		if i == 0 || sp != spans[i-1] {
			out = append(out, string([]rune(s[sp[0]:sp[1]]))) // as the regexp reads it
		}
	}
	return out
}

func TestSentencesWith(t *testing.T) {
	pieces := append([]string{"巡察", "巡视", "督导", "督查", "检查", "审计", "反馈", "巡", "察", "督", "反", "对县局", "进行了",
		"。", "！", "？", "；", "我", "《", "“"}, oddPieces...)
	r := rand.New(rand.NewSource(3))
	for i := 0; i < 20000; i++ {
		s := randText(r, pieces, 16)
		d := newDocRunes(s, []rune(s), []rune(s))
		for _, g := range []struct {
			at    []int
			words []string
		}{{d.inspectAt, []string{"巡察", "巡视", "督导", "督查", "检查", "审计"}}, {d.fedBackAt, []string{"反馈"}}} {
			var got []string
			for _, sp := range d.sentencesWith(g.at) {
				got = append(got, d.str(sp[0], sp[1]))
			}
			if want := sentencesWithIndex(s, g.words); !reflect.DeepEqual(got, want) {
				t.Fatalf("sentencesWith(%q, %v) = %q, want %q", s, g.words, got, want)
			}
		}
	}
}

func TestSpeakerTitleCut(t *testing.T) {
	pieces := append([]string{"书记", "副书记", "党组书记", "局长", "副局长", "县长", "主任", "交通局", "、", "刘建华", "长", "副"}, oddPieces...)
	r := rand.New(rand.NewSource(4))
	for i := 0; i < 20000; i++ {
		l := randText(r, pieces, 8)
		want := -1
		for _, t := range speakerTitles {
			if i := strings.Index(l, t); i > 0 && (want < 0 || i < want) {
				want = i
			}
		}
		if got := speakerTitleCut(l); got != want {
			t.Fatalf("speakerTitleCut(%q) = %d, want %d", l, got, want)
		}
	}
}

func TestUnitSuffix(t *testing.T) {
	var pieces []string
	for _, s := range typeSuffixes {
		pieces = append(pieces, s.suf)
	}
	pieces = append(pieces, "留坝", "x", "\xe5", "")
	r := rand.New(rand.NewSource(5))
	for i := 0; i < 20000; i++ {
		name := randText(r, pieces, 4)
		var ws, wt string
		for _, s := range typeSuffixes {
			if strings.HasSuffix(name, s.suf) && len(s.suf) > len(ws) {
				ws, wt = s.suf, s.typ
			}
		}
		if gs, gt := unitSuffix(name); gs != ws || gt != wt {
			t.Fatalf("unitSuffix(%q) = %q %q, want %q %q", name, gs, gt, ws, wt)
		}
	}
}

// unitPieces are pieces of unit names, and extra, for randText.
func unitPieces(extra ...string) []string {
	pieces := append([]string{"中共", "中国共产党", "留坝", "沙沟", "县", "镇", "委", "委员会", "党委", "政府", "党委政府", "领导小组",
		"办公室", "扫黑办", "街道办事处", "交通运输局", "第一中学", "某某", "）", "("}, oddPieces...)
	for _, s := range typeSuffixes {
		pieces = append(pieces, s.suf)
	}
	return append(append(pieces, noiseSuffixes...), extra...)
}

// unitEnds must hold the last rune of every span that cleans into a valid
// unit name, or selfNamed and signature would skip real units.
func TestUnitEnds(t *testing.T) {
	pieces := unitPieces()
	r := rand.New(rand.NewSource(6))
	valid := 0
	for i := 0; i < 50000; i++ {
		x := randText(r, pieces, 5)
		d := &doc{s: []rune(x)}
		if validUnit(cleanUnit(x)) {
			valid++
			if !d.mayNameUnit(0, len(d.s), nil) || !d.mayNameUnit(0, len(d.s), isFrame) && validUnit(cleanUnit(strings.TrimFunc(x, isFrame))) {
				t.Fatalf("%q cleans into unit %q but mayNameUnit says no", x, cleanUnit(x))
			}
		}
	}
	if valid < 1000 {
		t.Fatalf("only %d valid units generated: the test proves little", valid)
	}
}

// Extract indexes orig as text; evidence must read as from its runes.
func TestOrigFromText(t *testing.T) {
	pieces := append([]string{"巡察", "扫黑除恶", "a", "é", "𠀀", "年"}, oddPieces...)
	r := rand.New(rand.NewSource(7))
	for i := 0; i < 3000; i++ {
		orig := randText(r, pieces, 80)
		or := []rune(orig)
		simp := string(or) + "" // same rune count, other bytes where orig is invalid
		s := []rune(simp)
		if len(s) != len(or) {
			continue
		}
		fromText, fromRunes := newDoc(simp+"#", append(s, '#'), orig+"#"), newDocRunes(simp+"#", append(s, '#'), append(or, '#'))
		for a := 0; a <= len(or)+1; a += 1 + r.Intn(5) {
			for b := a; b <= len(or)+1; b += 1 + r.Intn(9) {
				if g, w := fromText.orig(a, b), fromRunes.orig(a, b); g != w {
					t.Fatalf("orig(%d, %d) of %q = %q, want %q", a, b, orig, g, w)
				}
			}
		}
	}
	// A broken contract (rune counts differ) falls back to the simplified text.
	d := newDoc("交通局", []rune("交通局"), "交通局x")
	if d.orig(0, 3) != "交通局" {
		t.Fatalf("fallback orig = %q", d.orig(0, 3))
	}
}

func TestWordList(t *testing.T) {
	pieces := append(append([]string{}, selfVerbs...), "交通局", "党委", "x")
	r := rand.New(rand.NewSource(8))
	for i := 0; i < 5000; i++ {
		s := []rune(randText(r, pieces, 6))
		for j := range s {
			want := false
			for _, v := range selfVerbs {
				if strings.HasPrefix(string(s[j:]), v) {
					want = true
				}
			}
			if got := selfVerbList.at(s, j); got != want {
				t.Fatalf("at(%q, %d) = %v, want %v", string(s), j, got, want)
			}
		}
	}
}

// indexRef is the plain form of doc.index: every rune tested, and the
// division names found by a separate scan.
func indexRef(s []rune) (lines [][2]int, selfAt, quoteAt, inspectAt, fedBackAt []int, places []mention) {
	start := 0
	for i := 0; i <= len(s); i++ {
		if i == len(s) || s[i] == '\n' || s[i] == '\r' {
			a, b := start, i
			for a < b && unicode.IsSpace(s[a]) {
				a++
			}
			for b > a && unicode.IsSpace(s[b-1]) {
				b--
			}
			n := 0
			for _, c := range s[a:b] {
				if unicode.Is(unicode.Han, c) {
					n++
				}
			}
			if n >= 2 {
				lines = append(lines, [2]int{a, b})
			}
			start = i + 1
			continue
		}
		switch s[i] {
		case '我':
			selfAt = append(selfAt, i)
		case '《', '“':
			quoteAt = append(quoteAt, i)
		}
		for _, w := range []string{"巡察", "巡视", "督导", "督查", "检查", "审计"} {
			if strings.HasPrefix(string(s[i:]), w) {
				inspectAt = append(inspectAt, i)
				break
			}
		}
		if strings.HasPrefix(string(s[i:]), "反馈") {
			fedBackAt = append(fedBackAt, i)
		}
	}
	return lines, selfAt, quoteAt, inspectAt, fedBackAt, divisions().scan(s, 0, wBody, nil)
}

func TestIndexAgreesWithPlainForm(t *testing.T) {
	pieces := append([]string{"留坝县", "留坝", "汉中市", "汉中", "陕西省", "陕西", "北京市", "朝阳区", "延边朝鲜族自治州", "南县", "河南",
		"河南县", "城区", "长治久安", "我", "我局", "《", "“", "巡察", "检查", "反馈", "反", "\u2028", "\u00a0", "𠀀", "𠀀我",
		"交通运输局", "工作", "汉", "留"}, oddPieces...)
	r := rand.New(rand.NewSource(9))
	for i := 0; i < 20000; i++ {
		s := []rune(randText(r, pieces, 30))
		if i%7 == 0 {
			s = append(s, 0x10FFFF, 0x12345) // runes outside the BMP alias set entries
		}
		d := newDocRunes(string(s), s, s)
		lines, selfAt, quoteAt, inspectAt, fedBackAt, places := indexRef(s)
		got := []any{d.lines, d.selfAt, d.quoteAt, d.inspectAt, d.fedBackAt, d.places}
		want := []any{lines, selfAt, quoteAt, inspectAt, fedBackAt, places}
		for k := range got {
			if reflect.ValueOf(got[k]).Len() == 0 && reflect.ValueOf(want[k]).Len() == 0 {
				continue
			}
			if !reflect.DeepEqual(got[k], want[k]) {
				t.Fatalf("index(%q) field %d = %v, want %v", string(s), k, got[k], want[k])
			}
		}
		d.release()
	}
}

func TestIsHan(t *testing.T) {
	for c := rune(0); c <= unicode.MaxRune; c++ {
		if isHan(c) != unicode.Is(unicode.Han, c) {
			t.Fatalf("isHan(%U) = %v", c, isHan(c))
		}
	}
}

func TestUnitEndsOrSpaces(t *testing.T) {
	for c := rune(0); c <= unicode.MaxRune; c++ {
		if unitEndsOrSpaces.has(c) != (unitEnds.has(c) || unicode.IsSpace(c)) {
			t.Fatalf("unitEndsOrSpaces.has(%U) = %v", c, unitEndsOrSpaces.has(c))
		}
	}
}

func TestParent(t *testing.T) {
	ix := divisions()
	for d := range ix.divs {
		for _, lv := range []int{levelProvince, levelCity, levelCounty} {
			if g, w := ix.parent(d, lv), ix.parentOf(d, lv); g != w {
				t.Fatalf("parent(%s, %d) = %d, want %d", ix.divs[d].Code, lv, g, w)
			}
		}
	}
}

func kindOfRef(s string) (kind, ev string) {
	if s == "" {
		return "", ""
	}
	if strings.Contains(s, "整改") {
		return "rectification", "整改"
	}
	best := -1
	for _, kw := range kindWords {
		if i := strings.Index(s, kw.word); i >= 0 && (best < 0 || i < best) {
			best, kind, ev = i, kw.kind, kw.word
		}
	}
	return kind, ev
}

var (
	reDebrisRef     = regexp.MustCompile(`^[0-9]{1,3}[、.．]\s*`)
	reYearDigitsRef = regexp.MustCompile(`20[0-9]{2}`)
	reFileSplitRef  = regexp.MustCompile(`[_\-\s.、()（）【】\[\]]+`)
)

func TestTitleMatchersAgreeWithPlainForms(t *testing.T) {
	pieces := append([]string{"工作总结", "总结", "汇报", "存在问题", "存在的问题", "方案", "实施方案", "计划", "要点", "讲话", "整改",
		"的报告", "情况报告", "交通局", "关于", "扫黑除恶", "扫黑", "在", "二〇", "二○", "〔", "《", "—", "：", ":", "（", "(", "2019",
		"20", "201", "1", "12", "123", "1234", "、", ".", "．", "_", "-", "【", "】", "[", "]", "\f", "\v", "总", "存在"}, oddPieces...)
	r := rand.New(rand.NewSource(10))
	for i := 0; i < 30000; i++ {
		s := randText(r, pieces, 10)
		if gk, ge := kindOf(s); true {
			if wk, we := kindOfRef(s); gk != wk || ge != we {
				t.Fatalf("kindOf(%q) = %q %q, want %q %q", s, gk, ge, wk, we)
			}
		}
		wantCut := len(s)
		for _, mk := range titleMarkers {
			if i := strings.Index(s, mk); i >= 0 && i < wantCut {
				wantCut = i
			}
		}
		if loc := reYearDigitsRef.FindStringIndex(s); loc != nil && loc[0] < wantCut {
			wantCut = loc[0]
		}
		if got := titleUnitCut(s); got != wantCut {
			t.Fatalf("titleUnitCut(%q) = %d, want %d", s, got, wantCut)
		}
		wantEnd := -1
		if loc := reDebrisRef.FindStringIndex(s); loc != nil {
			wantEnd = loc[1]
		}
		if got := debrisEnd(s); got != wantEnd {
			t.Fatalf("debrisEnd(%q) = %d, want %d", s, got, wantEnd)
		}
		var wantToks []string
		for _, tok := range reFileSplitRef.Split(s, -1) {
			if tok != "" {
				wantToks = append(wantToks, tok)
			}
		}
		if got := strings.FieldsFunc(s, isFileSep); !reflect.DeepEqual(got, wantToks) && len(got)+len(wantToks) > 0 {
			t.Fatalf("FieldsFunc(%q, isFileSep) = %q, want %q", s, got, wantToks)
		}
	}
}

// The regexps dateCNAt and dateNumAt stand for.
var (
	reDateCN  = regexp.MustCompile(`([0-9]{4}|[` + cnDigit + `]{4})\s*年\s*([0-9]{1,2}|[` + cnNum + `]{1,2})\s*月\s*([0-9]{1,2}|[` + cnNum + `]{1,3})\s*[日号]`)
	reDateNum = regexp.MustCompile(`(20[0-9]{2})\s*[.\-/．]\s*([0-9]{1,2})\s*[.\-/．]\s*([0-9]{1,2})`)
)

func findDatesRef(s string) (dates []time.Time, spans [][2]int) {
	for _, re := range []*regexp.Regexp{reDateCN, reDateNum} {
		for _, m := range re.FindAllStringSubmatchIndex(s, -1) {
			if t, ok := mkDate(s[m[2]:m[3]], s[m[4]:m[5]], s[m[6]:m[7]]); ok {
				dates = append(dates, t)
				spans = append(spans, [2]int{m[0], m[1]})
			}
		}
	}
	return
}

func TestYearsAndDatesAgreeWithRegexps(t *testing.T) {
	pieces := append([]string{"2019", "2020", "20", "二〇一九", "二○二〇", "二", "〇", "年", "年度", " ", "-", "—", "至", "到", "~",
		"2018-2020年", "2019年5月22日", "5月", "22日", "十二月", "三十日", "2020.5.6", "2020-12-20", "．", "/", "号", "1", "9",
		"交通局", "O", "o", "Ｏ", "０", "二〇一九年五月二十日"}, oddPieces...)
	r := rand.New(rand.NewSource(11))
	for i := 0; i < 30000; i++ {
		s := randText(r, pieces, 8)
		gy, ge := yearIn(s)
		wy, we := 0, ""
		if m := reTitleYear.FindStringSubmatchIndex(s); m != nil && !(m[0] > 0 && isDigitByte(s[m[0]-1]) || m[1] < len(s) && isDigitByte(s[m[1]])) {
			ys := s[m[2]:m[3]]
			if m[4] >= 0 {
				ys = s[m[4]:m[5]]
			}
			if y, ok := cnValue(ys); ok && y >= 2000 && y <= 2035 {
				wy, we = y, s[m[0]:m[1]]
			}
		}
		if gy != wy || ge != we {
			t.Fatalf("yearIn(%q) = %d %q, want %d %q", s, gy, ge, wy, we)
		}
		gd, gs := findDates(s)
		wd, ws := findDatesRef(s)
		if !reflect.DeepEqual(gd, wd) || !reflect.DeepEqual(gs, ws) {
			t.Fatalf("findDates(%q) = %v %v, want %v %v", s, gd, gs, wd, ws)
		}
	}
}

// The unit regexps run only on sentences mayInspect/mayFeedBack let
// through: those must include every sentence where they match.
func TestUnitRegexpPrefilters(t *testing.T) {
	pieces := append([]string{"对", "向", "县交通局", "党组", "进行", "进行了", "开展", "开展了", "进", "开", "专项", "巡察", "检查",
		"反馈", "，", "“"}, oddPieces...)
	r := rand.New(rand.NewSource(12))
	for i := 0; i < 30000; i++ {
		s := randText(r, pieces, 8)
		rs := []rune(s)
		if reInspected.MatchString(s) && !mayInspect(rs) {
			t.Fatalf("mayInspect(%q) = false, reInspected matches", s)
		}
		if reFedBack.MatchString(s) && !mayFeedBack(rs) {
			t.Fatalf("mayFeedBack(%q) = false, reFedBack matches", s)
		}
	}
}

func TestMaySelfName(t *testing.T) {
	var runes []rune
	for r := rune(0); r < 0x10000; r++ {
		if unitEndsOrSpaces.has(r) {
			runes = append(runes, r)
		}
	}
	for r := range selfVerbList.byFirst {
		runes = append(runes, r)
	}
	runes = append(runes, 'x', '的', 0x10000, 0x10000+'局', 0x10000+'深', 0x10FFFF, utf8.RuneError)
	for _, p := range runes {
		for _, c := range runes {
			if !maySelfName(p, c) && unitEndsOrSpaces.has(p) && selfVerbList.startingWith(c) != nil {
				t.Fatalf("maySelfName(%q, %q) = false", p, c)
			}
		}
	}
}

func TestIsSpace(t *testing.T) {
	for c := rune(-1); c <= unicode.MaxRune+1; c++ {
		if isSpace(c) != unicode.IsSpace(c) {
			t.Fatalf("isSpace(%U) = %v", c, isSpace(c))
		}
	}
}

// validUnitRef is validUnit's plain form.
func validUnitRef(s string) bool {
	if n := utf8.RuneCountInString(s); n < 2 || n > 30 {
		return false
	}
	for _, c := range s {
		if !(unicode.Is(unicode.Han, c) || isRedaction(c) || (c >= '0' && c <= '9') || c == '（' || c == '）' || c == '(' || c == ')') {
			return false
		}
	}
	for _, w := range []string{"的", "了", "是", "在", "把", "对", "向", "与", "及", "等", "扫黑", "工作", "开展", "专项", "以来", "深入", "贯彻"} {
		if strings.Contains(s, w) {
			return false
		}
	}
	return validSuffixStem(s)
}

// trimSpace, validUnit and cleanUnit's skipping of stripNoise agree with
// their plain forms.
func TestUnitFastPaths(t *testing.T) {
	r := rand.New(rand.NewSource(7))
	pieces := unitPieces("1", "全", "的", "扫", "黑", "扫黑", "工", "作", "工作", "开展", "专项", "以来", "深入", "贯彻",
		"贯", "彻", "等", " ", "\u3000", "\u2028")
	valid := 0
	for i := 0; i < 100000; i++ {
		x := randText(r, pieces, 6)
		if got, want := trimSpace(x), strings.TrimSpace(x); got != want {
			t.Fatalf("trimSpace(%q) = %q, want %q", x, got, want)
		}
		if y, changed := stripNoise(x); !cleanEnds.has(lastRune(x)) && (changed || y != x) {
			t.Fatalf("stripNoise(%q) = %q, but cleanUnit skips it", x, y)
		}
		for _, y := range []string{x, cleanUnit(x)} {
			want := validUnitRef(y)
			if got := validUnit(y); got != want {
				t.Fatalf("validUnit(%q) = %v, want %v", y, got, want)
			}
			if want {
				valid++
			}
		}
	}
	if valid < 1000 {
		t.Fatalf("only %d valid units generated: the test proves little", valid)
	}
}

func TestSetOf(t *testing.T) {
	for _, s := range []string{" \t\u3000()（）[]【】〔〕:：,，.。-—_|", "《》“”，,。"} {
		set := setOf(s)
		for c := rune(-1); c <= unicode.MaxRune+1; c++ {
			if set.has(c) != strings.ContainsRune(s, c) {
				t.Fatalf("setOf(%q).has(%U) = %v", s, c, set.has(c))
			}
		}
	}
}

// findDates's matchers against the regexps, on pieces dense in what they
// match and almost match.
func TestDateMatchersAgreeWithRegexps(t *testing.T) {
	pieces := append([]string{"2019", "20", "201", "20190", "0", "12", "123", "二〇一九", "二○二〇", "〇", "O", "o", "Ｏ", "０",
		"一", "二", "十", "十二", "三十一", "年", "月", "日", "号", "．", ".", "-", "/", " ", "\t", "\n", "\f", "\r", "\v", "\u3000",
		"2019年5月22日", "2020.5.6", "2020 - 12 / 20", "二〇一九年五月二十日", "二〇一九年十二月三十一号"}, oddPieces...)
	// Dates part by part, each part drawn from what fits and what almost does.
	parts := [][]string{
		{"", "x", "1", "20", "一"}, {"2019", "201", "20190", "二〇一九", "二〇一", "〇一二三四", "OoＯ０", "1999"},
		{"", " ", "\t", "\n", "\f", "\r", "\v", "\u3000"}, {"年", "月", ".", "-", "/", "．", "·"},
		{"", " ", "\f", "\r\n", "\v"}, {"5", "12", "123", "五", "十二", "十二三", "0", ""},
		{"", " ", "\t", "\f", "\u3000"}, {"月", "日", ".", "．", "-", "/"}, {"", "\f", " "},
		{"22", "3", "123", "三十一", "三十一二", "十", ""}, {"", " ", "\f", "\v"}, {"日", "号", "", "1", "年"},
	}
	r := rand.New(rand.NewSource(12))
	matched := 0
	for i := 0; i < 200000; i++ {
		s := randText(r, pieces, 10)
		if i%2 == 0 {
			var b strings.Builder
			for _, p := range parts {
				b.WriteString(p[r.Intn(len(p))])
			}
			s = b.String()
		}
		gd, gs := findDates(s)
		wd, ws := findDatesRef(s)
		if !reflect.DeepEqual(gd, wd) || !reflect.DeepEqual(gs, ws) {
			t.Fatalf("findDates(%q) = %v %v, want %v %v", s, gd, gs, wd, ws)
		}
		for _, re := range []*regexp.Regexp{reDateCN, reDateNum} {
			var want [][]int
			for _, m := range re.FindAllStringSubmatchIndex(s, -1) {
				want = append(want, m)
			}
			var got [][]int
			at := dateCNAt
			if re == reDateNum {
				at = dateNumAt
			}
			for j := 0; j < len(s); {
				m, ok := at(s, j)
				if !ok {
					j++
					continue
				}
				got = append(got, m[:])
				j = m[1]
			}
			if !reflect.DeepEqual(got, want) {
				t.Fatalf("%q: matches %v, want %v (%v)", s, got, want, re)
			}
			matched += len(want)
		}
	}
	if matched < 10000 {
		t.Fatalf("only %d matches: the test proves little", matched)
	}
}
