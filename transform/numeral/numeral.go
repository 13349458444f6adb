// Package numeral finds numeral expressions in cleaned Chinese report text:
// Arabic and Chinese numerals, their qualifiers (余, 多, 约…左右, 近, 以上),
// the unit word after them, redacted figures (xx条), and the many numeral-
// looking expressions that are not counts (ordinals, slogans such as 四个意识,
// dates, percentages, money, 一 inside ordinary words).
//
// Every expression is returned with a Kind; only Kind == KindCount is a
// candidate fact value. The others carry a Reason so `reportetl explain` can
// say why a number was not used.
//
// Conventions (see DESIGN.md "Counting conventions"):
//   - 200余条 → 200, over; 近百 → 100, under; 约/左右 → about.
//   - Vague ranges (两三个, 十几, 数十, 3-5次) are KindRange with HasValue
//     false; Low and High carry the loosest bounds (两三个 is never 23).
//   - Percent values are in percentage points: 15% → 15, 三成 → 30.
//   - Money values are in yuan: 3.5万元 → 35000.
//   - Years and dates carry the year in Value when there is one.
//   - 万/亿 after a number multiply it: 1万份 → 10000, Unit 份.
//   - Lone 一 (and other single Chinese digits) count only before a unit
//     word; otherwise they are KindIdiom (统一, 一线, 四风). 一起 is a count
//     only when a case-like noun follows in the clause (一起学生校园贷情况).
package numeral

import (
	"strings"
	"unicode/utf8"
)

// Kind says what a numeral expression is.
type Kind string

const (
	KindCount     Kind = "count"     // a cardinal number: a fact candidate
	KindPercent   Kind = "percent"   // 15%, 百分之一点五七, 三成, 3个百分点
	KindOrdinal   Kind = "ordinal"   // 第一, 一是, (一), 1、 headings
	KindIdiom     Kind = "idiom"     // slogans and words built on numerals
	KindRange     Kind = "range"     // 两三, 十几, 数十, 3-5
	KindDate      Kind = "date"      // 2019年10月28日, 3月20日
	KindYear      Kind = "year"      // 2020年, 二〇二〇年, bare 2019
	KindRedacted  Kind = "redacted"  // xx条, x 条, ***
	KindMoney     Kind = "money"     // 5万元
	KindDecimal   Kind = "decimal"   // 3.5 without a unit that explains it
	KindTime      Kind = "time"      // 8时, 上午9点, 9:30
	KindDuration  Kind = "duration"  // 三年, 3个月, 10天
	KindMeasure   Kind = "measure"   // 5公里, 200平方米, 18岁
	KindFrequency Kind = "frequency" // 每月一次
	KindCategory  Kind = "category"  // 10类
	KindCode      Kind = "code"      // phone numbers, 12337, 3号, 1.2.3
	KindName      Kind = "name"      // xx县: a redacted place or unit name
)

// Qualifiers, as used in the facts table.
const (
	Exact    = "exact"
	Over     = "over"
	About    = "about"
	Under    = "under"
	Redacted = "redacted"
)

// Number is one numeral expression found in text. Offsets are rune offsets
// into the scanned text, End exclusive.
type Number struct {
	Start, End       int // whole match incl. qualifier words (约…左右, 余/多/以上); for years, dates and times incl. 年/月/日/时
	NumStart, NumEnd int // the numeral itself
	Text             string
	Value            float64 // meaningful when HasValue
	HasValue         bool    // false for redacted figures and vague ranges
	Integer          bool    // Value is integral (computed with int64, never 199.99999)
	Qualifier        string  // exact|over|about|under|redacted
	Kind             Kind
	Reason           string // for non-count kinds: why it is not a count
	Unit             string // unit or classifier word after the numeral (条, 份, 人次, 元, 个月…); "" if none
	UnitStart        int    // rune span of Unit; both equal NumEnd when Unit is ""
	UnitEnd          int
	Low, High        float64 // bounds for KindRange and year ranges
	Year, Month, Day int     // for KindYear/KindDate; 0 when absent or redacted
}

const maxMant = int64(1e17)

var pow10 = [...]int64{1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18}

// core is a numeral before classification. Its value is mant/10^scale so
// 3.5万 becomes the integer 35000 without going through floating point.
type core struct {
	start, end int
	mant       int64
	scale      int
	has        bool
	rng        bool
	lo, hi     int64
	han        bool // written with Chinese numerals
	single     bool // a single Chinese character (一, 两, 十, 千)
	seq        bool // plain digit string: no separators, decimals or multipliers
	ndig       int
	mult       bool
	dec        bool
	red        bool
	code       bool // dotted numbers, overflow
	bare       bool // starts with a bare 百/千/万/亿
	wildOnly   bool // 几 or 数 on its own
	qual       string
	preStart   int // start of a prefix that is part of the numeral (上百)
	hasPre     bool
	y, mo, d   int // dotted dates 2019.10.28
	date       bool
}

func (c *core) normalize() {
	for c.scale > 0 && c.mant%10 == 0 {
		c.mant /= 10
		c.scale--
	}
}

// scaleUp multiplies the value by 10^k, reporting false on overflow.
func (c *core) scaleUp(k int) bool {
	if k <= 0 {
		return true
	}
	if k > 18 {
		return false
	}
	if c.rng {
		if c.hi > maxMant/pow10[k] {
			return false
		}
		c.lo *= pow10[k]
		c.hi *= pow10[k]
		return true
	}
	if c.scale >= k {
		c.scale -= k
	} else {
		e := k - c.scale
		if c.mant > maxMant/pow10[e] {
			return false
		}
		c.mant *= pow10[e]
		c.scale = 0
	}
	c.normalize()
	return true
}

func (c *core) intValue() (int64, bool) {
	if !c.has || c.rng || c.scale != 0 {
		return 0, false
	}
	return c.mant, true
}

type scanner struct {
	t    []rune
	lo   int     // a match may not start before lo (end of the previous match)
	lean bool    // build no text for reasons: the caller reads only spans, values and kinds
	toks [24]tok // han's scratch
	alt  Number  // match's scratch for a numeral inside a lexicon word
}

func (s *scanner) r(j int) rune {
	if j < 0 || j >= len(s.t) {
		return 0
	}
	return fold(s.t[j])
}

func (s *scanner) hasPrefix(j int, w []rune) bool {
	if j < 0 || j+len(w) > len(s.t) {
		return false
	}
	for k, r := range w {
		if fold(s.t[j+k]) != r {
			return false
		}
	}
	return true
}

func (s *scanner) hasPrefixStr(j int, w string) bool {
	for _, r := range w {
		if s.r(j) != r {
			return false
		}
		j++
	}
	return true
}

// skipSpace skips at most one space: "x 条", "1 起".
func (s *scanner) skipSpace(j int) int {
	if s.r(j) == ' ' {
		return j + 1
	}
	return j
}

// Scan returns every numeral-like expression in text, left to right,
// non-overlapping, preferring the longest match at each position.
func Scan(text []rune) []Number {
	// Report prose holds about one numeral per 50 runes; sizing for a
	// little more avoids most growth without clearing room for four
	// times as many of these large structs.
	return ScanAppend(make([]Number, 0, len(text)/32+4), text)
}

// ScanAppend is Scan appending to dst: a caller scanning many texts can
// reuse one buffer.
func ScanAppend(dst []Number, text []rune) []Number {
	return scan(dst, text, false, nil)
}

// ScanLean is ScanAppend without the strings that quote the text: Text is
// empty, and Reason holds only its fixed part ("heading ", "word ", or ""
// where Scan's reason is the kind and the text). Everything else (spans,
// values, qualifiers, units, kinds) is what ScanAppend returns. Building
// those strings is most of the cost of a scan, and a caller that only
// reads the numbers (fact extraction without tracing) does not need them.
func ScanLean(dst []Number, text []rune) []Number {
	return scan(dst, text, true, nil)
}

// Trigger reports whether a number may start at a rune r of a text: Scan
// tries no other position.
func Trigger(r rune) bool {
	u := uint32(r)
	return u < 1<<16 && rawTrigger[u>>6]&(1<<(u&63)) != 0
}

// ScanLeanAt is ScanLean for a caller that has found the positions of the
// Trigger runes of text already (in a pass of its own over the text): at
// holds them in ascending order, with any other positions it likes, and
// the scan visits only those.
func ScanLeanAt(dst []Number, text []rune, at []int32) []Number {
	return scan(dst, text, true, at)
}

// scan visits the Trigger runes of text, or (when at is not nil) those
// among the positions at.
func scan(dst []Number, text []rune, lean bool, at []int32) []Number {
	s := scanner{t: text, lean: lean}
	out := dst
	// The match is built in place: a Number is large, and returning it
	// up through match and matchNum copied it at every level.
	var n Number
	for i, k := 0, 0; ; {
		// Most runes start nothing: one bit test each.
		if at == nil {
			for i < len(text) && !Trigger(text[i]) {
				i++
			}
			if i >= len(text) {
				break
			}
		} else {
			for k < len(at) && (int(at[k]) < i || !Trigger(text[at[k]])) {
				k++
			}
			if k >= len(at) {
				break
			}
			i = int(at[k])
		}
		if r := text[i]; !bit(&rawNumeral, r) && !mayStartLex(fold(r), s.r(i+1)) {
			// Only a lexicon word could start here (中, 全, 进 …), and
			// none starts with these two runes.
			i++
			continue
		}
		if s.cannotStart(i) {
			i++
			continue
		}
		if !s.match(i, &n) {
			i++
			continue
		}
		switch {
		case lean:
		case n.Kind != KindCount && n.Reason == "":
			n.Reason, n.Text = withText(string(n.Kind)+" ", text[n.Start:n.End])
		case n.Reason != "" && n.Reason[len(n.Reason)-1] == ' ':
			n.Reason, n.Text = withText(n.Reason, text[n.Start:n.End])
		default:
			n.Text = string(text[n.Start:n.End])
		}
		out = append(out, n)
		next := n.End
		if n.UnitEnd > next {
			next = n.UnitEnd
		}
		if next <= i {
			next = i + 1
		}
		s.lo = next
		i = next
	}
	return out
}

// cannotStart spots the commonest triggers at which match fails, without
// building a match: a bracket not followed by a numeral, and an x inside a
// Latin word (box, xù). Only a lexicon word could start there, and none
// starts with these two runes.
func (s *scanner) cannotStart(i int) bool {
	f, nx := fold(s.t[i]), s.r(i+1)
	switch {
	case f == '(' || f == '[' || f == '【':
		// paren needs a digit or a Chinese numeral inside.
		return !isDigit(nx) && !isHanNum(nx) && !mayStartLex(f, nx)
	case isX(f):
		// redactCore refuses an x after a Latin letter.
		return isLatin(s.r(i-1)) && !mayStartLex(f, nx)
	}
	return false
}

// withText returns prefix followed by the text of rs, and that text: one
// string holds both, so the Reason of a non-count costs no second
// allocation for its Text.
func withText(prefix string, rs []rune) (reason, text string) {
	n := len(prefix)
	for _, r := range rs {
		if l := utf8.RuneLen(r); l > 0 {
			n += l
		} else {
			n += 3 // an invalid rune becomes U+FFFD, as in string(rs)
		}
	}
	var b strings.Builder
	b.Grow(n)
	b.WriteString(prefix)
	for _, r := range rs {
		b.WriteRune(r)
	}
	reason = b.String()
	return reason, reason[len(prefix):]
}

// Parse reports whether the whole of s is one numeral expression (a unit
// word after it is allowed) and returns it.
func Parse(s string) (Number, bool) {
	rs := []rune(s)
	ns := Scan(rs)
	if len(ns) != 1 {
		return Number{}, false
	}
	n := ns[0]
	end := n.End
	if n.UnitEnd > end {
		end = n.UnitEnd
	}
	if n.Start != 0 || end != len(rs) {
		return n, false
	}
	return n, true
}

func (s *scanner) lexAt(i int) (lexEntry, int) {
	a, b := s.r(i), s.r(i+1)
	if !mayStartLex(a, b) {
		return lexEntry{}, -1
	}
	es := lexIndex[[2]rune{a, b}]
	for _, e := range es {
		if s.hasPrefix(i, e.s) {
			// 一线 is a word, 一线索 is "one lead".
			if len(e.s) == 2 && e.s[1] == '线' && s.r(i+2) == '索' {
				continue
			}
			return e, i + len(e.s)
		}
	}
	return lexEntry{}, -1
}

// match tries every pattern that can start at i; a lexicon word wins unless
// a numeral reaches further. The match is written to n, which holds
// garbage when match reports false.
func (s *scanner) match(i int, n *Number) bool {
	lx, lxEnd := s.lexAt(i)
	ok := s.matchNum(i, n)
	if lxEnd > 0 && (!ok || max(n.End, n.UnitEnd) <= lxEnd) {
		// A word that starts before its numeral (单一, 统一, 之一) must not
		// swallow a real number: 宣传单一千余份.
		for p := i + 1; p < lxEnd; p++ {
			if isHanNum(s.r(p)) {
				// Only the kind and extent of this match are read.
				lean := s.lean
				s.lean = true
				n2 := &s.alt
				ok2 := s.matchNum(p, n2)
				s.lean = lean
				if ok2 && n2.Kind != KindIdiom && max(n2.End, n2.UnitEnd) > lxEnd {
					return false
				}
				break
			}
		}
		*n = Number{Start: i, End: lxEnd, NumStart: i, NumEnd: lxEnd, Kind: lx.kind, Qualifier: Exact,
			Reason: lx.reason}
		n.UnitStart, n.UnitEnd = lxEnd, lxEnd
		return true
	}
	return ok
}

// matchNum tries the numeral patterns that can start at i, writing the
// match to n (garbage when it reports false).
func (s *scanner) matchNum(i int, n *Number) bool {
	r := s.r(i)
	ok := false
	switch {
	case r == '(' || r == '[' || r == '【':
		*n, ok = s.paren(i)
	case r == '第':
		*n, ok = s.ordinal(i)
	case r >= '①' && r <= '⑳':
		*n = Number{Start: i, End: i + 1, NumStart: i, NumEnd: i + 1, Kind: KindOrdinal, Qualifier: Exact,
			Value: float64(r - '①' + 1), HasValue: true, Integer: true, Reason: "heading "}
		n.UnitStart, n.UnitEnd = n.NumEnd, n.NumEnd
		ok = true
	case r == '百' && s.hasPrefixStr(i, "百分之"):
		*n, ok = s.percentWords(i)
	case r == '上':
		if _, isU := hanUnit(s.r(i + 1)); isU && s.r(i+1) != '十' && s.r(i-1) != '以' {
			c := core{start: i + 1, end: i + 2, has: true, han: true, preStart: i, hasPre: true, qual: Over}
			c.mant, _ = hanUnit(s.r(i + 1))
			ok = s.classify(&c, n)
			if ok && n.Unit == "" {
				ok = false // 上百 needs a unit word: 上百人, not 以上百姓
			}
		}
	case isDigit(r):
		if c, cok := s.arabic(i); cok {
			ok = s.classify(&c, n)
		}
	case isRedactRune(r):
		if c, cok := s.redactCore(i); cok {
			ok = s.classify(&c, n)
		}
	default:
		if isHanNum(r) || r == '几' || r == '数' {
			if c, cok := s.han(i); cok {
				ok = s.classify(&c, n)
			}
		}
	}
	return ok
}

// arabic parses ASCII (or full-width) digits with thousands separators,
// decimals, Chinese multipliers (3.5万, 2万5千) and partial redaction (20xx).
func (s *scanner) arabic(i int) (c core, ok bool) {
	j := i
	var m int64
	for isDigit(s.r(j)) {
		if m < maxMant {
			m = m*10 + int64(s.r(j)-'0')
		} else {
			c.code = true
		}
		j++
	}
	if j == i {
		return c, false
	}
	c.start, c.ndig, c.seq, c.has, c.mant = i, j-i, true, true, m
	if isX(s.r(j)) { // 20xx年, 1x条
		k := j
		for isX(s.r(k)) {
			k++
		}
		if !isLatin(s.r(k)) && !isDigit(s.r(k)) {
			c.end, c.red, c.has, c.seq = k, true, false, false
			return c, true
		}
	}
	// Dotted or dashed dates: 2019.10.28, 2019-10-28, 2019/10.
	if c.ndig == 4 && m >= 1900 && m <= 2099 {
		if sep := s.r(j); sep == '.' || sep == '-' || sep == '/' {
			if mo, e := s.digits2(j + 1); mo >= 1 && mo <= 12 {
				c.y, c.mo, c.date, c.end = int(m), mo, true, e
				if s.r(e) == sep {
					if d, e2 := s.digits2(e + 1); d >= 1 && d <= 31 {
						c.d, c.end = d, e2
					}
				}
				return c, true
			}
		}
	}
	// Thousands separators: 4,817, and the space GB/T 15835 groups digits
	// with (4 300余条, 1 046起); one kind throughout a number.
	if sep := s.r(j); c.ndig <= 3 && (sep == ',' || isGroupSpace(sep)) {
		k, mm := j, m
		for s.r(k) == sep && isDigit(s.r(k+1)) && isDigit(s.r(k+2)) && isDigit(s.r(k+3)) && !isDigit(s.r(k+4)) && mm < maxMant/1000 {
			mm = mm*1000 + int64(s.r(k+1)-'0')*100 + int64(s.r(k+2)-'0')*10 + int64(s.r(k+3)-'0')
			k += 4
		}
		if k > j {
			m, j, c.seq, c.mant = mm, k, false, mm
		}
	}
	if s.r(j) == '.' && isDigit(s.r(j+1)) {
		k := j + 1
		for isDigit(s.r(k)) {
			if m < maxMant/10 && c.scale < 16 {
				m = m*10 + int64(s.r(k)-'0')
				c.scale++
			} else {
				c.code = true // more precision than any report figure has
			}
			k++
		}
		if s.r(k) == '.' && isDigit(s.r(k+1)) { // 1.2.3: a section or version number
			for s.r(k) == '.' && isDigit(s.r(k+1)) {
				k += 2
				for isDigit(s.r(k)) {
					k++
				}
			}
			c.code = true
		}
		c.mant, c.dec, c.seq, j = m, true, false, k
	}
	c.end = j
	c.normalize()
	if !c.code {
		s.multiply(&c)
	}
	return c, true
}

// digits2 reads one or two digits not followed by a third.
func (s *scanner) digits2(j int) (int, int) {
	if !isDigit(s.r(j)) {
		return -1, j
	}
	v := int(s.r(j) - '0')
	j++
	if isDigit(s.r(j)) {
		v = v*10 + int(s.r(j)-'0')
		j++
	}
	if isDigit(s.r(j)) {
		return -1, j
	}
	return v, j
}

// multAt reads Chinese multiplier characters after a number (万, 千万, 亿)
// and returns the power of ten. It stops before unit words that start with
// the same characters (百分点, 千米, 千克).
func (s *scanner) multAt(j int) (int, int) {
	k := 0
	for k <= 18 {
		switch s.r(j) {
		case '十':
			if n := s.r(j + 1); n != '万' && n != '亿' {
				return k, j
			}
			k++
		case '百':
			if s.r(j+1) == '分' {
				return k, j
			}
			k += 2
		case '千':
			if n := s.r(j + 1); n == '米' || n == '克' || n == '瓦' {
				return k, j
			}
			k += 3
		case '万':
			k += 4
		case '亿':
			k += 8
		default:
			return k, j
		}
		j++
	}
	return k, j
}

// multiply applies multipliers after an Arabic number, including the
// compound form 2万5千.
func (s *scanner) multiply(c *core) {
	k, e := s.multAt(c.end)
	if k == 0 {
		return
	}
	if !c.scaleUp(k) {
		c.code = true
		c.end = e
		return
	}
	c.end, c.mult, c.seq = e, true, false
	for c.scale == 0 && isDigit(s.r(c.end)) {
		j := c.end
		var d int64
		for isDigit(s.r(j)) && d < maxMant {
			d = d*10 + int64(s.r(j)-'0')
			j++
		}
		k2, e2 := s.multAt(j)
		if k2 == 0 || k2 >= k || d >= pow10[k-k2] {
			return
		}
		c.mant += d * pow10[k2]
		c.end, k = e2, k2
	}
}

type tok struct {
	v    int64
	unit bool
	wild bool
}

// han parses a run of Chinese numerals, falling back to the longest prefix
// that is a well-formed numeral.
func (s *scanner) han(i int) (c core, ok bool) {
	toks := &s.toks // no han call is nested in another
	n := 0
	for j := i; n < len(toks); j++ {
		r := s.r(j)
		if d, isD := hanDigit(r); isD {
			toks[n] = tok{v: d}
		} else if u, isU := hanUnit(r); isU {
			if (r == '百' && s.r(j+1) == '分') || (r == '千' && (s.r(j+1) == '米' || s.r(j+1) == '克')) {
				break
			}
			toks[n] = tok{v: u, unit: true}
		} else if r == '几' || (r == '数' && n == 0) {
			toks[n] = tok{wild: true}
		} else {
			break
		}
		n++
	}
	for ; n > 0; n-- {
		if c, ok = evalHan(toks[:n]); ok {
			break
		}
	}
	if !ok {
		return c, false
	}
	c.start, c.end, c.han = i, i+n, true
	// 一点五七: Chinese decimals. 三点要求 and 八点三十分 are not.
	if !c.rng && c.has && s.r(c.end) == '点' {
		if _, isD := hanDigit(s.r(c.end + 1)); isD {
			k, m, sc := c.end+1, c.mant, 0
			for {
				d, isD := hanDigit(s.r(k))
				if !isD || m >= maxMant/10 || sc >= 16 {
					break
				}
				m, sc, k = m*10+d, sc+1, k+1
			}
			if x := s.r(k); x != '十' && x != '百' && x != '千' && x != '分' {
				c.mant, c.scale, c.end, c.dec, c.single, c.seq = m, sc, k, true, false, false
				c.normalize()
				s.multiply(&c)
			}
		}
	}
	return c, true
}

// isPair reports adjacent digits that Chinese uses as a vague range:
// 一两, 两三, 三四 … 八九, and 三五.
func isPair(a, b int64) bool {
	return a >= 1 && b <= 9 && (b == a+1 || (a == 3 && b == 5))
}

func evalHan(ts []tok) (c core, ok bool) {
	n := len(ts)
	units, wilds := 0, 0
	for _, t := range ts {
		if t.unit {
			units++
		}
		if t.wild {
			wilds++
		}
	}
	if units == 0 && wilds == 0 {
		if n == 1 {
			return core{mant: ts[0].v, has: true, single: true, seq: true, ndig: 1}, true
		}
		if n == 2 {
			if isPair(ts[0].v, ts[1].v) {
				return core{rng: true, lo: ts[0].v, hi: ts[1].v}, true
			}
			if ts[0].v != 0 && ts[1].v != 0 {
				return core{}, false // 一一, 五一: two words, not a number
			}
		}
		if n > 17 {
			return core{}, false // keeps the digit string inside int64
		}
		var m int64
		for _, t := range ts {
			m = m*10 + t.v
		}
		return core{mant: m, has: true, seq: true, ndig: n}, true
	}
	if wilds == 1 && n == 1 {
		return core{rng: true, lo: 1, hi: 9, wildOnly: true}, true
	}
	// 两三百, 十七八, 一百二三十: a digit pair inside a numeral.
	for p := 0; p+1 < n; p++ {
		a, b := ts[p], ts[p+1]
		if a.unit || b.unit || a.wild || b.wild || a.v == 0 {
			continue // 零 is a placeholder, not the start of a pair
		}
		if !isPair(a.v, b.v) {
			return core{}, false
		}
		for _, t := range ts[p+2:] {
			if !t.unit {
				return core{}, false
			}
		}
		var buf [24]tok
		x := append(buf[:0], ts[:p]...)
		x = append(x, a)
		x = append(x, ts[p+2:]...)
		lo, ok1 := evalPlain(x, 0)
		x[p] = b
		hi, ok2 := evalPlain(x, 0)
		if !ok1 || !ok2 {
			return core{}, false
		}
		return core{rng: true, lo: lo, hi: hi}, true
	}
	if wilds > 0 {
		lo, ok1 := evalPlain(ts, 1)
		hi, ok2 := evalPlain(ts, 9)
		if !ok1 || !ok2 {
			return core{}, false
		}
		return core{rng: true, lo: lo, hi: hi}, true
	}
	v, ok := evalPlain(ts, 0)
	if !ok {
		return core{}, false
	}
	return core{mant: v, has: true, single: n == 1, bare: ts[0].unit && ts[0].v >= 100}, true
}

// evalPlain evaluates Chinese numeral tokens; w replaces wildcard digits.
func evalPlain(ts []tok, w int64) (int64, bool) {
	var total, section, cur, lastSmall, lastBig int64
	hasCur := false
	for k, t := range ts {
		if !t.unit {
			d := t.v
			if t.wild {
				d = w
			}
			if hasCur {
				return 0, false
			}
			if d == 0 && !t.wild {
				continue // 零 is a placeholder: 一百零五
			}
			cur, hasCur = d, true
			continue
		}
		u := t.v
		if u < 10000 {
			if lastSmall != 0 && u >= lastSmall {
				return 0, false
			}
			if !hasCur {
				if k > 0 && u != 10 {
					return 0, false
				}
				cur = 1
			}
			section += cur * u
			lastSmall = u
		} else {
			if hasCur {
				section += cur
			}
			if section == 0 {
				if k != 0 {
					return 0, false
				}
				section = 1
			}
			if u == lastBig {
				return 0, false
			}
			if u == 100000000 {
				total = (total + section) * u
			} else {
				total += section * u
			}
			section, lastSmall, lastBig = 0, 0, u
		}
		hasCur = false
		if total > 1e16 || section > 1e16 {
			return 0, false
		}
	}
	if hasCur {
		// 一万二 = 12000, 两千五 = 2500: a digit right after a big unit
		// counts in the next lower place.
		if n := len(ts); n >= 2 && ts[n-2].unit && ts[n-2].v >= 100 {
			cur *= ts[n-2].v / 10
		}
		section += cur
	}
	return total + section, true
}

// redactCore reads redaction placeholders: x, xx, X, ××, ***. A Latin x
// must stand alone (not part of a word like box or xiāng).
func (s *scanner) redactCore(i int) (core, bool) {
	r := s.r(i)
	j := i
	switch {
	case isX(r):
		if isLatin(s.r(i - 1)) {
			return core{}, false
		}
		for isX(s.r(j)) {
			j++
		}
		if isLatin(s.r(j)) || j-i > 4 {
			return core{}, false
		}
	case r == '×':
		for s.r(j) == '×' {
			j++
		}
		if j-i == 1 && isDigit(s.r(i-1)) && isDigit(s.r(j)) {
			return core{}, false // 3×5 is a product
		}
	case r == '*':
		for s.r(j) == '*' {
			j++
		}
		if j-i == 1 {
			if _, _, ue, _ := s.unitAt(s.skipSpace(j)); ue < 0 {
				return core{}, false // a lone * is a footnote or bullet
			}
		}
	default:
		return core{}, false
	}
	return core{start: i, end: j, red: true}, true
}

// unitAt returns the unit word starting at j, or end < 0.
func (s *scanner) unitAt(j int) (string, unitCat, int, string) {
	r := s.r(j)
	if !bit(&unitFirst, r) {
		return "", 0, -1, ""
	}
	for _, e := range unitsFrom(r) {
		if s.hasPrefix(j, e.s) {
			end := j + len(e.s)
			if isLatin(e.s[len(e.s)-1]) && isLatin(s.r(end)) {
				continue // 3m but not 3mm or 3more
			}
			return e.unit, e.cat, end, e.qual
		}
	}
	return "", 0, -1, ""
}

// smallNum reads a month or day number: 10, 十, 二十八, x.
func (s *scanner) smallNum(j int) (v int, red bool, end int, ok bool) {
	r := s.r(j)
	switch {
	case isDigit(r):
		v, e := s.digits2(j)
		return v, false, e, v >= 0
	case isX(r) || r == '×' || r == '*':
		e := j
		for isRedactRune(s.r(e)) {
			e++
		}
		if isLatin(s.r(e)) || isLatin(s.r(j-1)) {
			return 0, false, j, false
		}
		return 0, true, e, true
	case isHanNum(r):
		c, cok := s.han(j)
		if !cok || !c.has || c.dec || c.mant > 31 {
			return 0, false, j, false
		}
		return int(c.mant), false, c.end, true
	}
	return 0, false, j, false
}

// monthDay extends a date from position j (after 年 or at a month number).
func (s *scanner) monthDay(n *Number, j int) int {
	mv, mred, me, ok := s.smallNum(j)
	if !ok {
		return j
	}
	k := s.skipSpace(me)
	if s.r(k) != '月' || (!mred && (mv < 1 || mv > 12)) {
		return j
	}
	if mred {
		n.Qualifier = Redacted
	} else {
		n.Month = mv
	}
	n.Kind = KindDate
	j = k + 1
	if s.r(j) == '份' {
		return j + 1
	}
	dv, dred, de, ok := s.smallNum(j)
	if !ok {
		return j
	}
	k = s.skipSpace(de)
	if r := s.r(k); (r != '日' && r != '号') || (!dred && (dv < 1 || dv > 31)) {
		return j
	}
	if dred {
		n.Qualifier = Redacted
	} else {
		n.Day = dv
	}
	return k + 1
}

var nameSuffixes = runesOf("县", "市", "区", "镇", "乡", "村", "省", "州", "局", "委", "街道", "社区", "公司", "学校", "中学", "小学", "单位", "同志", "部门", "中心", "小组", "组")

func (s *scanner) setValue(n *Number, c *core) {
	if c.rng {
		n.Low, n.High = float64(c.lo), float64(c.hi)
		return
	}
	if !c.has {
		return
	}
	n.HasValue = true
	if c.scale == 0 {
		n.Value, n.Integer = float64(c.mant), true
	} else {
		n.Value = float64(c.mant) / float64(pow10[c.scale])
	}
}

// classify decides what a parsed numeral is from the words around it.
func (s *scanner) classify(c *core, n *Number) bool {
	*n = Number{Start: c.start, End: c.end, NumStart: c.start, NumEnd: c.end, Qualifier: Exact, Kind: KindCount}
	if c.hasPre {
		n.Start = c.preStart
	}
	n.UnitStart, n.UnitEnd = c.end, c.end
	s.setValue(n, c)
	j := c.end
	prev := s.r(c.start - 1)

	switch {
	case c.red:
		*n = s.classifyRedacted(*n, c)
		return true
	case c.date:
		n.Kind, n.Year, n.Month, n.Day = KindDate, c.y, c.mo, c.d
		n.Value, n.HasValue, n.Integer = float64(c.y), true, true
		n.Start, n.End, n.NumStart, n.NumEnd = c.start, c.end, c.start, c.end
		n.UnitStart, n.UnitEnd = c.end, c.end
		return true
	case c.code:
		n.Kind, n.HasValue, n.Reason = KindCode, false, "number code "
		return true
	}

	// Headings and list markers: 一、 2、 3. (at a line or sentence start).
	if iv, ok := c.intValue(); ok && iv <= 99 && c.start-1 >= s.lo-1 && boundary(prev) && !c.mult {
		nx := s.r(j)
		if nx == '、' || (!c.han && (nx == ')' || (nx == '.' && !isDigit(s.r(j+1)) && !c.dec))) {
			n.Kind, n.End, n.Reason = KindOrdinal, j+1, "heading "
			n.UnitStart, n.UnitEnd = n.NumEnd, n.NumEnd
			return true
		}
	}

	// Years and dates.
	if iv, ok := c.intValue(); ok && c.seq && c.ndig == 4 && iv >= 1900 && iv <= 2099 {
		k := s.skipSpace(j)
		if s.r(k) == '年' && s.r(k+1) != '级' {
			n.Kind, n.Year, n.Value = KindYear, int(iv), float64(iv)
			end := k + 1
			if s.r(end) == '度' {
				end++
			} else {
				end = s.monthDay(n, end)
			}
			n.End, n.UnitStart, n.UnitEnd = end, end, end
			return true
		}
		// 2018-2020年, 2018至2020
		if x := s.r(j); x == '-' || x == '~' || x == '至' || x == '到' {
			if y2, ok := s.year4(j + 1); ok && y2 > iv && y2-iv < 50 {
				end := j + 5
				if s.r(end) == '年' {
					end++
					if s.r(end) == '度' {
						end++
					}
				}
				n.Kind, n.Year, n.Value, n.Low, n.High = KindYear, int(iv), float64(iv), float64(iv), float64(y2)
				n.End, n.UnitStart, n.UnitEnd, n.Reason = end, end, end, "year range "
				return true
			}
		}
	}
	if iv, ok := c.intValue(); ok && !c.mult && !c.dec {
		k := s.skipSpace(j)
		switch s.r(k) {
		case '月':
			// monthDay refuses month numerals it does not read ("001月",
			// found by FuzzScan): then this is no date, not an empty span.
			if iv >= 1 && iv <= 12 && s.r(k+1) != '度' {
				if end := s.monthDay(n, c.start); end > c.start {
					n.HasValue, n.Value, n.Integer = false, 0, false
					n.End, n.UnitStart, n.UnitEnd = end, end, end
					return true
				}
			}
		case '日':
			if iv >= 1 && iv <= 31 {
				n.Kind, n.Day, n.HasValue, n.Value, n.Integer = KindDate, int(iv), false, 0, false
				n.End, n.UnitStart, n.UnitEnd = k+1, k+1, k+1
				return true
			}
		case '时':
			if iv <= 24 && !containsRune("间期代候刻机效段节政事常任尚态局令速光空针差区薪长限", s.r(k+1)) {
				*n = s.timeOfDay(*n, k+1)
				return true
			}
		case '点':
			if iv <= 24 && (s.hasPrefixStr(k+1, "钟") || s.hasPrefixStr(k+1, "半") || s.hasPrefixStr(k+1, "整") ||
				s.minutesAt(k+1) > 0 || s.dayPartBefore(c.start)) {
				*n = s.timeOfDay(*n, k+1)
				return true
			}
		case ':':
			if !c.han && c.ndig <= 2 && iv <= 24 {
				if mm, e := s.digits2(k + 1); mm >= 0 && mm < 60 && e == k+3 {
					n.Kind, n.HasValue, n.Value, n.Integer = KindTime, false, 0, false
					n.End, n.UnitStart, n.UnitEnd = e, e, e
					return true
				}
			}
		}
		// 一是, 二是: enumerations.
		if c.han && s.r(j) == '是' && iv >= 1 && iv <= 20 {
			n.Kind, n.End, n.Reason = KindOrdinal, j+1, "enumeration "
			n.UnitStart, n.UnitEnd = n.NumEnd, n.NumEnd
			return true
		}
	}

	// Two numbers joined into a range: 3-5次, 三至五个, 10~20.
	if !c.rng && c.has && !c.mult && !c.dec {
		if x := s.r(j); x == '-' || x == '~' || x == '至' || x == '到' {
			var c2 core
			ok2 := false
			if c.han {
				if isHanNum(s.r(j + 1)) {
					c2, ok2 = s.han(j + 1)
				}
			} else if isDigit(s.r(j + 1)) {
				c2, ok2 = s.arabic(j + 1)
			}
			if ok2 && c2.has && !c2.rng && !c2.date && !c2.code && !c2.dec && c2.mant > c.mant && c2.scale == 0 && c.scale == 0 {
				_, cat, ue, _ := s.unitAt(s.skipSpace(c2.end))
				if cat != ucYear && cat != ucDay && cat != ucMonth && (ue > 0 || c2.mult || c.han) {
					c.rng, c.lo, c.hi, c.has, c.end = true, c.mant, c2.mant, false, c2.end
					n.HasValue, n.Value, n.Integer = false, 0, false
					n.Low, n.High = float64(c.lo), float64(c.hi)
					n.End, n.NumEnd, n.UnitStart, n.UnitEnd = c.end, c.end, c.end, c.end
					j = c.end
				}
			}
		}
	}

	// Qualifiers right after the numeral: 余, 多, 来; then a multiplier (十余万).
	post := c.qual
	if pr := s.r(j); (pr == '余' || pr == '多') && !c.wildOnly && (!c.single || c.mant >= 10) && !(c.seq && c.han && c.ndig > 1) {
		post = Over
		j++
		if k, e := s.multAt(j); k > 0 && (c.rng || c.has) {
			if c.scaleUp(k) {
				j = e
				s.setValue(n, c)
			}
		}
	} else if pr == '来' && !c.wildOnly {
		if _, cat, ue, _ := s.unitAt(j + 1); ue > 0 && cat == ucClassifier {
			post = About
			j++
		}
	}
	if post == "" {
		if q, e := s.postQualAt(j); e > 0 {
			post, j = q, e
		}
	}
	n.End = j
	n.UnitStart, n.UnitEnd = j, j

	// The unit word.
	k := s.skipSpace(j)
	unit, cat, ue, uq := s.unitAt(k)
	if cat == ucCheng && !s.chengIsPercent(ue) {
		unit, cat, ue = "", 0, -1
	}
	if cat == ucPoint && !c.han && !c.has {
		unit, cat, ue = "", 0, -1
	}
	if ue > 0 {
		n.Unit, n.UnitStart, n.UnitEnd = unit, k, ue
		if uq != "" {
			post = uq
		}
		// 一年多, 3年余: a duration qualified after its unit.
		if (cat == ucYear || cat == ucDuration) && (s.r(ue) == '多' || s.r(ue) == '余') {
			post = Over
			ue++
			n.End = ue
		}
		if q, e := s.postQualAt(ue); e > 0 {
			if post == "" || q == About {
				post = q
			}
			n.End = e
		}
	}

	// Pre-qualifiers: 约, 近, 超过, 不到 …
	pre, preStart := "", n.Start
	if !c.hasPre {
		pre, preStart = s.preQual(c.start)
		if !kindTakesPre(cat) {
			pre, preStart = "", n.Start
		}
	}

	switch {
	case post == About || pre == About:
		n.Qualifier = About
	case post != "":
		n.Qualifier = post
	case pre != "":
		n.Qualifier = pre
	}

	// Gates: bare 百/千/万, 几/数 and single Chinese digits need support.
	if c.bare && pre == "" && post == "" {
		return false // 百姓, 千方百计, 万人
	}
	if c.wildOnly && ue < 0 {
		return false // 几乎, 数据
	}
	if c.single && !c.bare && c.han && post == "" && (ue < 0 || cat == ucPoint) {
		nx := s.r(c.end)
		if nx == '大' || (nx == '中' && s.hasPrefixStr(c.end+1, "全会")) {
			*n = s.slogan(*n, c.end)
			return true
		}
		n.Kind, n.End, n.Qualifier = KindIdiom, c.end, Exact
		n.UnitStart, n.UnitEnd, n.Unit = c.end, c.end, ""
		n.Reason = "word "
		if !s.lean {
			n.Reason += string(s.t[c.start:min(c.end+1, len(s.t))])
		}
		return true
	}
	if c.han && ue < 0 && post == "" {
		if nx := s.r(c.end); nx == '大' || (nx == '中' && s.hasPrefixStr(c.end+1, "全会")) {
			*n = s.slogan(*n, c.end) // 十九大, 四中全会
			return true
		}
		if c.seq && c.ndig > 1 {
			switch {
			case c.ndig == 4 && c.mant >= 1900 && c.mant <= 2099:
				n.Kind, n.Year, n.Reason = KindYear, int(c.mant), "year " // 二〇二〇
			case c.ndig >= 3:
				n.Kind, n.Reason = KindCode, "digit string "
			default:
				n.Kind, n.Reason = KindIdiom, "digit string " // 五一, 一一
			}
			return true
		}
	}
	if c.single && c.han && c.mant == 1 && unit == "起" && !s.yiqiIsCount(ue) && !s.yiqiAfterCase(c.start, ue) {
		n.Kind, n.End, n.Qualifier, n.Unit = KindIdiom, c.end, Exact, ""
		n.UnitStart, n.UnitEnd = c.end, c.end
		n.Reason = "word 一起 (together)"
		return true
	}
	if pre != "" {
		n.Start = preStart
	}

	if c.rng {
		n.Kind = KindRange
		if n.Qualifier == Exact {
			n.Qualifier = About
		}
	}
	switch cat {
	case ucMoney:
		n.Kind = KindMoney
	case ucPercent:
		n.Kind = KindPercent
	case ucCheng:
		n.Kind = KindPercent
		if c.has && c.scaleUp(1) {
			s.setValue(n, c)
		} else if c.rng {
			n.Low, n.High = n.Low*10, n.High*10
		}
	case ucDuration:
		n.Kind = KindDuration
	case ucMeasure:
		n.Kind = KindMeasure
	case ucYear:
		if s.r(ue) == '级' {
			n.Kind, n.Reason = KindOrdinal, "grade "
		} else {
			n.Kind = KindDuration
		}
	case ucMonth, ucDay:
		n.Kind = KindDuration
	case ucHao:
		n.Kind, n.Reason = KindCode, "serial number "
	case ucTime:
		n.Kind = KindDuration
	case ucCategory:
		n.Kind, n.Reason = KindCategory, "category count "
	case ucSession:
		if e := s.plenumAt(ue); e > 0 {
			n.End, n.UnitStart, n.UnitEnd, n.Unit = e, e, e, ""
			n.Kind, n.Reason = KindIdiom, "slogan "
		} else {
			n.Kind, n.Reason = KindOrdinal, "session "
		}
	case ucClassifier, ucPoint:
		if (unit == "次" || unit == "回" || unit == "遍") && s.everyBefore(c.start) {
			n.Kind, n.Reason = KindFrequency, "frequency "
		}
	}
	if n.Kind == KindCount {
		if isOpenQuote(prev) && isCloseQuote(s.r(j)) {
			n.Kind, n.Reason = KindCode, "quoted name " // “311”集中行动
		} else if isOpenQuote(prev) && c.han && n.Value <= 10 && n.Unit != "" && s.quoteClosesAfter(n.UnitEnd) {
			n.Kind, n.Reason = KindIdiom, "quoted slogan " // “两个一律”, “三个一批”
		} else if iv, ok := c.intValue(); ok && !c.han && ue < 0 && post == "" && pre == "" {
			switch {
			case c.seq && c.ndig == 4 && iv >= 1990 && iv <= 2035 && !isDigit(s.r(j)):
				n.Kind, n.Year, n.Reason = KindYear, int(iv), "bare year "
			case c.seq && (c.ndig >= 7 || (c.ndig >= 3 && s.r(c.start) == '0')):
				n.Kind, n.Reason = KindCode, "number code "
			case c.seq && s.codeContext(c.start, c.end):
				n.Kind, n.Reason = KindCode, "hotline or phone "
			}
		}
		if n.HasValue && !n.Integer {
			n.Kind, n.Reason = KindDecimal, "decimal "
		}
	}
	return true
}

// isGroupSpace reports whether r is a space that may group digits: ASCII,
// no-break, thin and narrow no-break.
func isGroupSpace(r rune) bool {
	return r == ' ' || r == '\u00a0' || r == '\u2009' || r == '\u202f'
}

func isOpenQuote(r rune) bool {
	return r == '“' || r == '"' || r == '「' || r == '‘' || r == '『'
}
func isCloseQuote(r rune) bool {
	return r == '”' || r == '"' || r == '」' || r == '’' || r == '』'
}

var dayParts = runesOf("上午", "下午", "晚上", "凌晨", "早上", "中午", "傍晚", "晚", "早")

func runesOf(ws ...string) [][]rune {
	out := make([][]rune, len(ws))
	for i, w := range ws {
		out[i] = []rune(w)
	}
	return out
}

func kindTakesPre(cat unitCat) bool {
	switch cat {
	case ucHao, ucSession, ucMonth, ucDay, ucTime:
		return false
	}
	return true
}

func containsRune(set string, r rune) bool {
	for _, x := range set {
		if x == r {
			return true
		}
	}
	return false
}

func (s *scanner) year4(j int) (int64, bool) {
	var v int64
	for k := 0; k < 4; k++ {
		if !isDigit(s.r(j + k)) {
			return 0, false
		}
		v = v*10 + int64(s.r(j+k)-'0')
	}
	if isDigit(s.r(j+4)) || v < 1900 || v > 2099 {
		return 0, false
	}
	return v, true
}

func (s *scanner) postQualAt(j int) (string, int) {
	switch s.r(j) {
	case '以', '左', '上', '之':
	default:
		return "", -1 // fast path: no post-qualifier starts here
	}
	for _, p := range postQuals {
		if s.hasPrefix(j, p.s) {
			return p.qual, j + len(p.s)
		}
	}
	return "", -1
}

func (s *scanner) preQual(start int) (string, int) {
	switch s.r(start - 1) {
	case '过', '于', '少', '足', '到', '满', '逾', '约', '概', '近':
	default:
		return "", start // fast path: no qualifier ends here
	}
	for _, p := range preQuals {
		b := start - len(p.s)
		if b < s.lo || !s.hasPrefix(b, p.s) {
			continue
		}
		if len(p.s) == 1 {
			prev := s.r(b - 1)
			if p.s[0] == '近' && containsRune("最附临靠亲就新远邻贴将接", prev) {
				continue
			}
			if p.s[0] == '约' && containsRune("制节契预合邀公简相誓婚条违履特签之有大", prev) {
				continue
			}
		}
		return p.qual, b
	}
	return "", start
}

// chengIsPercent: 三成 is 30%, but 成员, 成立, 成果 are words.
func (s *scanner) chengIsPercent(j int) bool {
	r := s.r(j)
	return clauseEnd(r) || r == ' ' || r == '的' || r == '多' || r == '左' || r == '以' || r == '上' || r == ')'
}

func (s *scanner) minutesAt(j int) int {
	k := j
	for isDigit(s.r(k)) || isHanNum(s.r(k)) {
		k++
	}
	if k > j && k-j <= 3 && s.r(k) == '分' {
		return k + 1
	}
	return 0
}

func (s *scanner) dayPartBefore(start int) bool {
	for _, w := range dayParts {
		if s.hasPrefix(start-len(w), w) {
			return true
		}
	}
	return false
}

func (s *scanner) timeOfDay(n Number, j int) Number {
	if e := s.minutesAt(j); e > 0 {
		j = e
	} else if r := s.r(j); r == '半' || r == '许' || r == '整' || r == '钟' {
		j++
	}
	n.Kind, n.HasValue, n.Value, n.Integer = KindTime, false, 0, false
	n.End, n.UnitStart, n.UnitEnd = j, j, j
	return n
}

func (s *scanner) everyBefore(start int) bool {
	for k := start - 1; k >= 0 && k >= start-10; k-- {
		r := s.r(k)
		if r == '每' {
			return true
		}
		if clauseEnd(r) {
			return false
		}
	}
	return false
}

var codeBefore = runesOf("电话", "热线", "号码", "编号", "邮编", "手机", "信箱", "邮箱", "微信", "QQ", "平台")
var codeAfter = runesOf("热线", "举报", "平台", "信箱", "服务", "智能", "专线", "投诉", "便民", "政务", "接警", "报警", "指挥中心")

func (s *scanner) codeContext(start, end int) bool {
	b := start
	for b > 0 && (s.r(b-1) == ':' || s.r(b-1) == ' ' || s.r(b-1) == '为' || s.r(b-1) == '是') && start-b < 2 {
		b--
	}
	for _, w := range codeBefore {
		if s.hasPrefix(b-len(w), w) {
			return true
		}
	}
	for _, w := range codeAfter {
		if s.hasPrefix(end, w) {
			return true
		}
	}
	return false
}

// quoteClosesAfter reports whether a closing quote follows j after one to
// four ideographs: a small count in Chinese numerals opening a short quoted
// phrase (“两个一律”, “六个一律”, “三个一批”) is a slogan's name, not a
// statistic (“100个村” stays a count).
func (s *scanner) quoteClosesAfter(j int) bool {
	for i := j; i < j+5; i++ {
		r := s.r(i)
		if isCloseQuote(r) {
			return i > j
		}
		if r < 0x4E00 || r > 0x9FFF {
			return false
		}
	}
	return false
}

// plenumAt matches 四中全会 after 十九届.
func (s *scanner) plenumAt(j int) int {
	if _, ok := hanDigit(s.r(j)); ok && s.hasPrefixStr(j+1, "中全会") {
		return j + 4
	}
	return -1
}

func (s *scanner) slogan(n Number, j int) Number {
	end := j + 1
	if s.r(j) == '中' {
		end = j + 3
	}
	n.Kind, n.End, n.Qualifier, n.Unit, n.Reason = KindIdiom, end, Exact, "", "slogan "
	n.UnitStart, n.UnitEnd = end, end
	return n
}

var yiqiVerbs = runesOf(
	"参与", "参加", "研究", "学习", "工作", "开展", "推进", "落实", "努力", "行动", "商讨",
	"探讨", "讨论", "分析", "解决", "处理", "协商", "合作", "配合", "部署", "走访", "宣传", "出动", "发力",
	"组织", "召开", "入户", "上门", "巡逻", "排查", "查处", "打击", "守护", "维护", "建设", "营造", "构建",
	"筑牢", "谋划", "抓", "做", "来", "去", "走", "用", "看", "想", "干", "共", "把", "为", "对", "向", "在", "到", "发")

var caseNouns = runesOf(
	"案", "事件", "事故", "问题", "情况", "纠纷", "行为", "团伙", "违法", "犯罪", "涉黑",
	"涉恶", "诈骗", "盗窃", "抢劫", "斗殴", "贷", "线索", "举报", "信访", "投诉", "上访", "警情", "火灾",
	"伤害", "打架", "寻衅", "非法", "黑恶", "霸", "强揽", "赌", "毒")

// yiqiIsCount decides whether 一起 at …起|j is "one case" (一起学生校园贷情况)
// rather than "together" (一起参与): a verb right after means together, a
// case-like noun later in the clause means a count.
func (s *scanner) yiqiIsCount(j int) bool {
	if clauseEnd(s.r(j)) || s.r(j) == ' ' {
		return false
	}
	for _, v := range yiqiVerbs {
		if s.hasPrefix(j, v) {
			return false
		}
	}
	for k := j; k < j+16 && !clauseEnd(s.r(k)); k++ {
		for _, w := range caseNouns {
			if s.hasPrefix(k, w) {
				return true
			}
		}
	}
	return false
}

// yiqiAfterCase: 一起 closing a clause right after a case noun is "one
// case" (侦办涉黑案件一起。): nothing follows for "together" to join.
func (s *scanner) yiqiAfterCase(start, j int) bool {
	if !clauseEnd(s.r(j)) && j < len(s.t) {
		return false
	}
	for k := max(0, start-3); k < start; k++ {
		for _, w := range caseNouns {
			if s.hasPrefix(k, w) && k+len(w) <= start {
				return true
			}
		}
	}
	return false
}

// classifyRedacted: xx条 is a redacted count, x月 a redacted date, xx县 a
// redacted name.
func (s *scanner) classifyRedacted(n Number, c *core) Number {
	n.Qualifier, n.HasValue, n.Value, n.Integer = Redacted, false, 0, false
	k := s.skipSpace(c.end)
	switch s.r(k) {
	case '年':
		n.Kind = KindYear
		end := k + 1
		if s.r(end) == '度' {
			end++
		} else {
			end = s.monthDay(&n, end)
		}
		n.End, n.UnitStart, n.UnitEnd = end, end, end
		return n
	case '月', '日', '号':
		end := s.monthDay(&n, c.start)
		if end == c.start {
			end = k + 1
		}
		n.Kind = KindDate
		n.End, n.UnitStart, n.UnitEnd = end, end, end
		return n
	}
	for _, w := range nameSuffixes {
		if s.hasPrefix(c.end, w) {
			n.Kind, n.Reason = KindName, "redacted name "
			return n
		}
	}
	n.Kind = KindRedacted
	j := c.end
	if s.r(j) == '余' || s.r(j) == '多' {
		j++
	}
	n.End = j
	k = s.skipSpace(j)
	if unit, _, ue, _ := s.unitAt(k); ue > 0 {
		n.Unit, n.UnitStart, n.UnitEnd = unit, k, ue
	}
	return n
}

// paren matches headings written (一), (1), 【二】.
func (s *scanner) paren(i int) (Number, bool) {
	open := s.r(i)
	k := i + 1
	var c core
	ok := false
	if isDigit(s.r(k)) {
		c, ok = s.arabic(k)
	} else if isHanNum(s.r(k)) {
		c, ok = s.han(k)
	}
	if !ok {
		return Number{}, false
	}
	iv, vok := c.intValue()
	if !vok || iv > 99 {
		return Number{}, false
	}
	cl := s.r(c.end)
	if !(open == '(' && cl == ')') && !(open == '[' && cl == ']') && !(open == '【' && cl == '】') {
		return Number{}, false
	}
	n := Number{Start: i, End: c.end + 1, NumStart: c.start, NumEnd: c.end, Kind: KindOrdinal, Qualifier: Exact,
		Reason: "heading ", UnitStart: c.end, UnitEnd: c.end}
	s.setValue(&n, &c)
	return n, true
}

// ordinal matches 第一, 第1, 第x.
func (s *scanner) ordinal(i int) (Number, bool) {
	k := i + 1
	var c core
	ok := false
	switch r := s.r(k); {
	case isDigit(r):
		c, ok = s.arabic(k)
	case isHanNum(r) || r == '几':
		c, ok = s.han(k)
	case isRedactRune(r):
		c, ok = s.redactCore(k)
	}
	if !ok {
		return Number{}, false
	}
	n := Number{Start: i, End: c.end, NumStart: c.start, NumEnd: c.end, Kind: KindOrdinal, Qualifier: Exact,
		Reason: "ordinal ", UnitStart: c.end, UnitEnd: c.end}
	s.setValue(&n, &c)
	if c.red {
		n.Qualifier = Redacted
	}
	if unit, _, ue, _ := s.unitAt(c.end); ue > 0 {
		n.Unit, n.UnitEnd = unit, ue
	}
	return n, true
}

// percentWords matches 百分之十五, 百分之一点五七, 百分之百.
func (s *scanner) percentWords(i int) (Number, bool) {
	k := i + 3
	var c core
	ok := false
	switch r := s.r(k); {
	case isDigit(r):
		c, ok = s.arabic(k)
	case isHanNum(r) || r == '几':
		c, ok = s.han(k)
	case isRedactRune(r):
		c, ok = s.redactCore(k)
	}
	if !ok || c.code || c.date {
		return Number{}, false
	}
	n := Number{Start: i, End: c.end, NumStart: i, NumEnd: c.end, Kind: KindPercent, Qualifier: Exact,
		UnitStart: c.end, UnitEnd: c.end}
	s.setValue(&n, &c)
	if c.red {
		n.Qualifier = Redacted
	}
	if c.rng {
		n.Qualifier = About
	}
	pre, ps := s.preQual(i)
	post, pe := s.postQualAt(c.end)
	if pe > 0 {
		n.End = pe
	}
	if pre != "" {
		n.Start = ps
	}
	switch {
	case c.red:
	case post == About || pre == About:
		n.Qualifier = About
	case post != "":
		n.Qualifier = post
	case pre != "":
		n.Qualifier = pre
	}
	n.Reason = "percentage "
	return n, true
}
