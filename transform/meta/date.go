package meta

import (
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

const (
	cnDigit = `〇○零OoＯ０一二三四五六七八九`
	cnNum   = `一二三四五六七八九十`
)

var (
	// A year the text talks about: 2019年, 2019年度, 2020年以来, 二〇一九年.
	reYear = regexp.MustCompile(`(20[0-9]{2}|二[〇○零O][一二][` + cnDigit + `])\s*(年度|年以来|年来|年|)`)
	// Year in a title, also without 年 (xx县2019扫黑除恶…), with ranges 2018-2020.
	reTitleYear = regexp.MustCompile(`(20[0-9]{2}|二[〇○零O][一二][` + cnDigit + `])(?:\s*年?\s*[-—–~至到]+\s*(20[0-9]{2}|二[〇○零O][一二][` + cnDigit + `]))?`)
)

// cnValue converts 0–99 written in Arabic digits, Chinese digits (二〇二〇 as
// digit strings) or Chinese numerals (十五, 二十三).
func cnValue(s string) (int, bool) {
	if n, err := strconv.Atoi(s); err == nil {
		return n, true
	}
	digit := func(r rune) int {
		switch r {
		case '〇', '○', '零', 'O', 'o', 'Ｏ', '０':
			return 0
		case '一':
			return 1
		case '二':
			return 2
		case '三':
			return 3
		case '四':
			return 4
		case '五':
			return 5
		case '六':
			return 6
		case '七':
			return 7
		case '八':
			return 8
		case '九':
			return 9
		}
		return -1
	}
	if !strings.ContainsRune(s, '十') {
		n := 0
		for _, r := range s {
			d := digit(r)
			if d < 0 {
				return 0, false
			}
			n = n*10 + d
		}
		return n, s != ""
	}
	tens, ones, _ := strings.Cut(s, "十")
	t := 1
	if tens != "" {
		if t = digit([]rune(tens)[0]); t < 0 || utf8.RuneCountInString(tens) != 1 {
			return 0, false
		}
	}
	o := 0
	if ones != "" {
		if o = digit([]rune(ones)[0]); o < 0 || utf8.RuneCountInString(ones) != 1 {
			return 0, false
		}
	}
	return t*10 + o, true
}

func mkDate(y, m, d string) (time.Time, bool) {
	yy, ok1 := cnValue(y)
	mm, ok2 := cnValue(m)
	dd, ok3 := cnValue(d)
	if !ok1 || !ok2 || !ok3 || yy < 2000 || yy > 2035 || mm < 1 || mm > 12 || dd < 1 || dd > 31 {
		return time.Time{}, false
	}
	t := time.Date(yy, time.Month(mm), dd, 0, 0, 0, 0, time.UTC)
	if t.Day() != dd {
		return time.Time{}, false
	}
	return t, true
}

// findDates returns every date in s with its byte span.
func findDates(s string) (dates []time.Time, spans [][2]int) {
	for k, at := range [...]func(string, int) ([8]int, bool){dateCNAt, dateNumAt} {
		// Literals every match holds spare most lines the matchers, which
		// then start where the first match can.
		p := -1
		switch {
		case k == 0 && strings.Contains(s, "年"):
			p = strings.IndexFunc(s, isDateCNFirst)
		case k == 1 && strings.ContainsAny(s, ".-/．"):
			p = strings.Index(s, "20")
		}
		for i := p; i >= 0 && i < len(s); {
			m, ok := at(s, i)
			if !ok {
				i++ // no match starts inside a rune: every one starts with an ASCII byte or a lead byte
				continue
			}
			if t, ok := mkDate(s[m[2]:m[3]], s[m[4]:m[5]], s[m[6]:m[7]]); ok {
				dates = append(dates, t)
				spans = append(spans, [2]int{m[0], m[1]})
			}
			i = m[1]
		}
	}
	return
}

// dateCNAt and dateNumAt match at s[i], as FindAllStringSubmatchIndex
// would, the regexps (regexp matching cost a report more than all the rest
// of its dates)
//
//	([0-9]{4}|[cnDigit]{4})\s*年\s*([0-9]{1,2}|[cnNum]{1,2})\s*月\s*([0-9]{1,2}|[cnNum]{1,3})\s*[日号]
//	(20[0-9]{2})\s*[.\-/．]\s*([0-9]{1,2})\s*[.\-/．]\s*([0-9]{1,2})
//
// returning the match and group spans. No part can match in more than one
// way: each ends where its runes do, the alternatives start with different
// runes, and what follows a part never starts like it; a run of digits too
// long for a part makes no match (the regexp would try it shorter, only
// to meet a digit where 月, 日, 号 or a separator must be).
func dateCNAt(s string, i int) (m [8]int, ok bool) {
	m[0], m[2] = i, i
	if m[3] = digitsEnd(s, i, 4); m[3] != i+4 {
		if m[3] = runesEnd(s, i, cnDigits, 4); utf8.RuneCountInString(s[i:m[3]]) != 4 {
			return m, false
		}
	}
	j, ok := litAfterSpaces(s, m[3], "年")
	if !ok {
		return m, false
	}
	m[4] = spacesEnd(s, j)
	if m[5] = digitsEnd(s, m[4], 3); m[5]-m[4] > 2 || m[5] == m[4] && !cnRunsTo(s, m[4], &m[5], 2) {
		return m, false
	}
	if j, ok = litAfterSpaces(s, m[5], "月"); !ok {
		return m, false
	}
	m[6] = spacesEnd(s, j)
	if m[7] = digitsEnd(s, m[6], 3); m[7]-m[6] > 2 || m[7] == m[6] && !cnRunsTo(s, m[6], &m[7], 3) {
		return m, false
	}
	if m[1], ok = litAfterSpaces(s, m[7], "日"); !ok {
		m[1], ok = litAfterSpaces(s, m[7], "号")
	}
	return m, ok
}

func dateNumAt(s string, i int) (m [8]int, ok bool) {
	m[0], m[2] = i, i
	if !strings.HasPrefix(s[i:], "20") || digitsEnd(s, i+2, 2) != i+4 {
		return m, false
	}
	m[3] = i + 4
	if m[4], ok = dateSepAfter(s, m[3]); !ok {
		return m, false
	}
	if m[5] = digitsEnd(s, m[4], 3); m[5] == m[4] || m[5]-m[4] > 2 {
		return m, false
	}
	if m[6], ok = dateSepAfter(s, m[5]); !ok {
		return m, false
	}
	if m[7] = digitsEnd(s, m[6], 2); m[7] == m[6] {
		return m, false
	}
	m[1] = m[7]
	return m, true
}

// dateSepAfter matches \s*[.\-/．]\s* at s[j]; it returns where it ends.
func dateSepAfter(s string, j int) (int, bool) {
	j = spacesEnd(s, j)
	switch {
	case j < len(s) && (s[j] == '.' || s[j] == '-' || s[j] == '/'):
		return spacesEnd(s, j+1), true
	case strings.HasPrefix(s[j:], "．"):
		return spacesEnd(s, j+len("．")), true
	}
	return j, false
}

// litAfterSpaces matches \s*lit at s[j]; it returns where it ends.
func litAfterSpaces(s string, j int, lit string) (int, bool) {
	j = spacesEnd(s, j)
	return j + len(lit), strings.HasPrefix(s[j:], lit)
}

// spacesEnd is the end of the \s* (ASCII \t \n \f \r and space) at s[j].
func spacesEnd(s string, j int) int {
	for j < len(s) && (s[j] == ' ' || s[j] == '\t' || s[j] == '\n' || s[j] == '\f' || s[j] == '\r') {
		j++
	}
	return j
}

// digitsEnd is the end of the ASCII digits at s[j], at most max of them.
func digitsEnd(s string, j, max int) int {
	e := j
	for e < len(s) && e-j < max && isDigitByte(s[e]) {
		e++
	}
	return e
}

var cnDigits, cnNums = setOf(cnDigit), setOf(cnNum)

// runesEnd is the end of the runes of set at s[j], at most max of them.
func runesEnd(s string, j int, set *runeSet, max int) int {
	for n := 0; n < max && j < len(s); n++ {
		r, w := utf8.DecodeRuneInString(s[j:])
		if !set.has(r) {
			break
		}
		j += w
	}
	return j
}

// cnRunsTo sets *end to the end of the one to max cnNum runes at s[j],
// and reports whether they are so many and no more follow.
func cnRunsTo(s string, j int, end *int, max int) bool {
	*end = runesEnd(s, j, cnNums, max+1)
	n := utf8.RuneCountInString(s[j:*end])
	return n >= 1 && n <= max
}

// isDateCNFirst matches the runes a dateCNAt match starts with.
func isDateCNFirst(r rune) bool {
	return r >= '0' && r <= '9' || cnDigits.has(r)
}

// dateLine reports the date of a line that is only a date (the signature
// block's date line, or a dated line under a title), optionally wrapped in
// brackets or after a unit name (呼和浩特职业学院 2019年5月22日); prefix is what
// stands before the date.
func dateLine(line string) (t time.Time, prefix string, ok bool) {
	line = trimIssued(line) // 2018年3月20日印发
	// Only frame characters may follow the date, and every date ends with
	// 日, 号 or a digit: most lines fail this before any regexp runs.
	last, _ := utf8.DecodeLastRuneInString(strings.TrimRightFunc(line, isFrame))
	if last != '日' && last != '号' && !(last >= '0' && last <= '9') {
		return time.Time{}, "", false
	}
	dates, spans := findDates(line)
	if len(dates) != 1 {
		return time.Time{}, "", false
	}
	rest := strings.TrimFunc(line[spans[0][1]:], isFrame)
	if rest != "" {
		return time.Time{}, "", false
	}
	prefix = strings.TrimFunc(line[:spans[0][0]], isFrame)
	prefix = strings.TrimSuffix(prefix, "日期")
	return dates[0], strings.TrimFunc(prefix, isFrame), true
}

func isFrame(r rune) bool { return frameRunes.has(r) }

// issueWords may follow the date of a document's closing line: 2018年3月20日印发.
var issueWords = []string{"印发", "制发", "签发", "发布"}

// issueLast has the last rune of each issue word: a line ending in another
// rune needs no trimming.
var issueLast = func() map[rune]bool {
	m := map[rune]bool{}
	for _, w := range issueWords {
		r, _ := utf8.DecodeLastRuneInString(w)
		m[r] = true
	}
	return m
}()

// trimIssued drops an issue word (and the frame after it) from the end of
// a line.
func trimIssued(line string) string {
	t := strings.TrimRightFunc(line, isFrame)
	for _, w := range issueWords {
		if strings.HasSuffix(t, w) {
			return t[:len(t)-len(w)]
		}
	}
	return line
}

var frameRunes = setOf(" \t\u3000()（）[]【】〔〕:：,，.。-—_|")

// yearIn returns the year a title (or file name) names: the first year, or
// the end of a range (2018-2020年 → 2020).
func yearIn(s string) (int, string) {
	// The regexp has no literal prefix, so it stepped through every rune;
	// its leftmost match starts where the first year does (the rest is
	// optional), and it has no anchors, so it runs from there.
	p := 0
	for p < len(s) && yearEnd(s, p) < 0 {
		p++
	}
	if p == len(s) {
		return 0, ""
	}
	m := reTitleYear.FindStringSubmatchIndex(s[p:])
	if m == nil {
		return 0, ""
	}
	for i := range m {
		if m[i] >= 0 {
			m[i] += p
		}
	}
	// Not part of a longer number (a phone number or document code).
	if m[0] > 0 && isDigitByte(s[m[0]-1]) || m[1] < len(s) && isDigitByte(s[m[1]]) {
		return 0, ""
	}
	ys := s[m[2]:m[3]]
	if m[4] >= 0 {
		ys = s[m[4]:m[5]]
	}
	y, ok := cnValue(ys)
	if !ok || y < 2000 || y > 2035 {
		return 0, ""
	}
	return y, s[m[0]:m[1]]
}

func isDigitByte(b byte) bool { return b >= '0' && b <= '9' }

// bodyYear picks the campaign year (2018–2021) the body talks about most.
// Each distinct mention counts once (a find-and-replace artifact repeating
// "(2018年3月以后)" in every sentence is one mention); 年度 mentions weigh
// three; ties go to the later year.
func bodyYear(s string) (int, string) {
	score := map[int]int{}
	ev := map[int]string{}
	seen := map[string]bool{}
	for _, m := range yearMatches(s) {
		if m[0] > 0 && isDigitByte(s[m[0]-1]) || m[3] < len(s) && isDigitByte(s[m[3]]) {
			continue
		}
		if m[4] == m[5] { // bare 2019 without 年
			continue
		}
		y, ok := cnValue(s[m[2]:m[3]])
		if !ok || y < 2018 || y > 2021 {
			continue
		}
		end := m[1]
		ctx := s[m[0]:end] + clause(s[end:], 6)
		if seen[ctx] {
			continue
		}
		seen[ctx] = true
		w := 1
		if s[m[4]:m[5]] == "年度" {
			w = 3
		}
		score[y] += w
		if _, ok := ev[y]; !ok || w > 1 {
			ev[y] = s[m[0]:end] + clause(s[end:], 6)
		}
	}
	best, bestS := 0, 0
	for y, sc := range score {
		if sc > bestS || sc == bestS && y > best {
			best, bestS = y, sc
		}
	}
	return best, ev[best]
}

// yearMatches is reYear.FindAllStringSubmatchIndex(s, -1) written out: the
// regexp has no literal prefix, so it stepped through every rune of a
// report, while a year can only start at "20" or 二.
func yearMatches(s string) [][]int {
	var out [][]int
	for i := 0; i < len(s); {
		if m := yearAt(s, i); m != nil {
			out = append(out, m)
			i = m[1]
			continue
		}
		i++
	}
	return out
}

// yearAt matches reYear at s[i] (its submatch indices, or nil): a year
// (20[0-9]{2} or 二[〇○零O][一二][cnDigit]), ASCII spaces (\s), and the first of
// 年度, 年以来, 年来, 年 that follows, if any.
func yearAt(s string, i int) []int {
	j := yearEnd(s, i)
	if j < 0 {
		return nil
	}
	k := j
	for k < len(s) && (s[k] == ' ' || s[k] == '\t' || s[k] == '\n' || s[k] == '\f' || s[k] == '\r') {
		k++
	}
	e := k
	for _, suf := range []string{"年度", "年以来", "年来", "年"} {
		if strings.HasPrefix(s[k:], suf) {
			e = k + len(suf)
			break
		}
	}
	return []int{i, e, i, j, k, e}
}

// yearEnd returns the end of the year (20[0-9]{2} or 二[〇○零O][一二][cnDigit])
// at s[i], or -1.
func yearEnd(s string, i int) int {
	switch {
	case i+4 <= len(s) && s[i] == '2' && s[i+1] == '0' && isDigitByte(s[i+2]) && isDigitByte(s[i+3]):
		return i + 4
	case strings.HasPrefix(s[i:], "二"):
		j := i + len("二")
		for _, set := range []string{"〇○零O", "一二", cnDigit} {
			r, n := utf8.DecodeRuneInString(s[j:])
			if n == 0 || r == utf8.RuneError || !strings.ContainsRune(set, r) {
				return -1
			}
			j += n
		}
		return j
	}
	return -1
}

// clause returns at most n runes of s, up to the first punctuation.
func clause(s string, n int) string {
	i := 0
	for j, r := range s {
		if i == n || unicode.IsPunct(r) || unicode.IsSpace(r) {
			return s[:j]
		}
		i++
	}
	return s
}
