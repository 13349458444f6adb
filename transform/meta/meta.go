// Package meta reads document metadata from a campaign work report: its
// title, the reporting unit and its type, the kind of report, its date, the
// year it is about, and where the unit sits in the GB/T 2260 division list.
//
// All matching runs on the simplified text; spans are mapped back to the
// original script by rune offset, which is why Extract needs both texts with
// the same rune count.
package meta

import (
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"sync"
	"time"
	"unicode"
	"unicode/utf8"
)

// Meta is the metadata of one document.
type Meta struct {
	Title        string    // first meaningful line or sentence (original script)
	UnitName     string    // simplified; e.g. 留坝县交通运输局, 沙沟镇, xx县
	UnitType     string    // county|city|province|department|township|village|school|enterprise|hospital|other
	ReportKind   string    // work_summary|rectification|problem_analysis|plan|speech|other
	ReportDate   time.Time // zero when unknown
	Year         int       // the year the report is about; 0 when unknown
	Province     string    // resolved names, "" when unknown
	City         string    // for municipalities (北京市…) the municipality itself
	County       string
	DivisionCode string            // GB/T 2260 code of the most specific resolved division
	Evidence     map[string]string // field → the text span it came from
}

// doc holds the rune views of one document, and where the runes sit that
// the extractors look for, found in one pass over the text.
type doc struct {
	text  string // simplified, as given
	s, o  []rune // simplified, original (o is nil when byText is set)
	lines [][2]int

	// The original script as text, when the caller has it so: it only
	// yields evidence spans, so it is indexed rather than converted. ooff
	// holds the byte offset of every origStep-th rune (and of the end when
	// the rune count is a multiple of origStep). byText tells whether they
	// are in use (ooff is kept empty for reuse when not).
	ostr   string
	ooff   []int
	byText bool

	selfAt    []int     // 我 (self-references)
	quoteAt   []int     // 《 and “ (quoted document and meeting names)
	inspectAt []int     // inspectWords
	fedBackAt []int     // fedBackWords
	places    []mention // division names, leftmost-longest, weighted wBody

	lineStart, divFrom int       // index's state: where the line and the next name may start
	ix                 *divIndex // divisions(), for visit

	// str's last span (by its first rune's address, which holds for a
	// new s too, and its end) and its text: a title line, say, is asked
	// for by title, extract and orig. sameRunes tells that o is s (the
	// report is in simplified script), when orig is str.
	strAt     *rune
	strB      int
	strText   string
	sameRunes bool
}

// docs recycles the doc of each Extract: its position slices grow to the
// same sizes report after report, and nothing of a doc outlives extract.
var docs = sync.Pool{New: func() any { return new(doc) }}

// getDoc returns an empty doc whose slices keep their capacity.
func getDoc() *doc {
	d := docs.Get().(*doc)
	*d = doc{
		lines: d.lines[:0], ooff: d.ooff[:0], selfAt: d.selfAt[:0], quoteAt: d.quoteAt[:0],
		inspectAt: d.inspectAt[:0], fedBackAt: d.fedBackAt[:0], places: d.places[:0],
	}
	return d
}

// release hands d back to the pool unless a huge document grew it.
func (d *doc) release() {
	if len(d.s) > maxPooledRunes {
		return
	}
	d.s, d.o, d.text, d.ostr, d.strAt, d.strText = nil, nil, "", "", nil, ""
	docs.Put(d)
}

// newDoc takes simp as runes (s) and orig as text.
func newDoc(simp string, s []rune, orig string) *doc {
	if orig == simp { // a simplified-script report: its runes serve both
		return newDocRunes(simp, s, s)
	}
	d := getDoc()
	d.text, d.s, d.ostr = simp, s, orig
	n := 0
	for i := range orig {
		if n%origStep == 0 {
			d.ooff = append(d.ooff, i)
		}
		n++
	}
	if n%origStep == 0 {
		d.ooff = append(d.ooff, len(orig))
	}
	d.byText = n == len(d.s)
	if !d.byText {
		d.o = d.s // caller broke the contract: evidence falls back to simplified text
	}
	d.index()
	return d
}

const origStep = 32

// docMarks are the runes newDocRunes stops at.
var docMarks = func() *runeSet {
	m := &runeSet{}
	for _, r := range "\n\r我《“" {
		m.add(r)
	}
	for _, l := range []*wordList{inspectWords, fedBackWords} {
		for r := range l.byFirst {
			m.add(r)
		}
	}
	return m
}()

// newDocRunes takes the rune forms the caller already has, so a document is
// not converted again (the pipeline holds both as runes).
func newDocRunes(simp string, s, o []rune) *doc {
	d := getDoc()
	d.text, d.s, d.o = simp, s, o
	if len(d.o) != len(d.s) {
		d.o = d.s // caller broke the contract: evidence falls back to simplified text
	}
	d.sameRunes = len(d.s) > 0 && &d.o[0] == &d.s[0]
	d.index()
	return d
}

// index finds the meaningful lines, the marked runes and the division names
// (as divIndex.scan would) in one pass. One test turns away the runes that
// are neither a mark nor (by the first-rune and pairs filters) the start of
// a name: about 97 % of a report. It is computed without branching on the
// sets, as a branch on the first runes of names alone (a third of all runes)
// mispredicted often enough to dominate the pass; both sets come from one
// byte of ix.class. Runes outside the Basic Multilingual Plane, which the
// sets do not hold (class aliases them), always go to the exact tests.
func (d *doc) index() {
	s := d.s
	ix := divisions()
	class, pairs := &ix.class, &ix.pairs
	d.lineStart, d.divFrom, d.ix = 0, 0, ix
	for i, next := range s[min(1, len(s)):] {
		r := s[i]
		h := pairHash(r, next)
		x := uint64(class[uint16(r)]) & (pairs[h>>6]>>(h&63) | 2)
		if x != 0 || r >= 0x10000 {
			d.visit(i, x&1 != 0 || r >= 0x10000)
		}
	}
	if len(s) > 0 {
		d.visit(len(s)-1, true) // the exact tests settle the last rune
	}
	d.addLine(d.lineStart, len(s))
}

// visit records what starts at s[i]: a division name (only looked up when
// the filters let one through), a line end, a mark.
func (d *doc) visit(i int, mayName bool) {
	s, r := d.s, d.s[i]
	if mayName && i >= d.divFrom {
		if e := d.ix.nameAt(s, i); e != nil {
			d.places = append(d.places, mention{divs: e.divs, start: i, end: i + len(e.name), short: e.short, weight: wBody})
			d.divFrom = i + len(e.name) // division names do not overlap
		}
	}
	if !docMarks.has(r) {
		return
	}
	if r == '\n' || r == '\r' {
		d.addLine(d.lineStart, i)
		d.lineStart = i + 1
		return
	}
	switch r {
	case '我':
		d.selfAt = append(d.selfAt, i)
	case '《', '“':
		d.quoteAt = append(d.quoteAt, i)
	}
	// (The inline first-rune tests spare most marks the calls.)
	if inspectWords.first.has(r) && inspectWords.at(s, i) {
		d.inspectAt = append(d.inspectAt, i)
	}
	if fedBackWords.first.has(r) && fedBackWords.at(s, i) {
		d.fedBackAt = append(d.fedBackAt, i)
	}
}

// addLine records runes a to b, trimmed of spaces, as a line if meaningful.
func (d *doc) addLine(a, b int) {
	s := d.s
	for a < b && isSpace(s[a]) {
		a++
	}
	for b > a && isSpace(s[b-1]) {
		b--
	}
	if meaningful(s[a:b]) {
		d.lines = append(d.lines, [2]int{a, b})
	}
}

// runeSet is a bit set over the Basic Multilingual Plane.
type runeSet [1024]uint64

func (m *runeSet) add(r rune) {
	if uint32(r) < 0x10000 {
		m[r>>6] |= 1 << (r & 63)
	}
}

func (m *runeSet) has(r rune) bool {
	return uint32(r) < 0x10000 && m[r>>6]&(1<<(r&63)) != 0
}

// setOf is the set of the runes of s, all in the Basic Multilingual Plane:
// set.has(r) is strings.ContainsRune(s, r) without its search (s holds no
// U+FFFD), and any(set.has) over a rune slice strings.ContainsAny of its
// string.
func setOf(s string) *runeSet {
	m := &runeSet{}
	for _, r := range s {
		if r >= 0x10000 || r == utf8.RuneError {
			panic("meta: setOf " + s)
		}
		m.add(r)
	}
	return m
}

// anyIn reports whether set holds one of rs.
func anyIn(rs []rune, set *runeSet) bool {
	for _, r := range rs {
		if set.has(r) {
			return true
		}
	}
	return false
}

// meaningful lines carry at least two Han characters or a date; page numbers,
// separators and stray "|" are not.
func meaningful(r []rune) bool {
	n := 0
	for _, c := range r {
		if isHan(c) {
			n++
			if n >= 2 {
				return true
			}
		}
	}
	return false
}

// isHan is unicode.Is(unicode.Han, c), with the common CJK Unified
// Ideographs block (all Han, see TestIsHan) spared the table search.
func isHan(c rune) bool {
	return c >= 0x4E00 && c <= 0x9FFF || unicode.Is(unicode.Han, c)
}

// str returns runes a to b of the simplified text.
func (d *doc) str(a, b int) string {
	if a >= b {
		return string(d.s[a:b])
	}
	if p := &d.s[a]; p != d.strAt || b != d.strB {
		d.strAt, d.strB, d.strText = p, b, string(d.s[a:b])
	}
	return d.strText
}

// toOrig maps a span of the simplified text, given by its content, back to
// the original script (first occurrence).
func (d *doc) toOrig(sub string) string {
	i := strings.Index(d.text, sub)
	if i < 0 || sub == "" {
		return sub
	}
	a := utf8.RuneCountInString(d.text[:i])
	return d.orig(a, a+utf8.RuneCountInString(sub))
}

// orig returns runes a to b of the original script.
func (d *doc) orig(a, b int) string {
	if !d.byText {
		if d.sameRunes {
			return d.str(a, b)
		}
		return string(d.o[a:b])
	}
	x := d.ostr[d.origByte(a):d.origByte(b)]
	if !utf8.ValidString(x) {
		return string([]rune(x)) // invalid bytes read as U+FFFD each, as in a rune slice
	}
	return x
}

// origByte returns the byte offset of rune a in ostr.
func (d *doc) origByte(a int) int {
	p := d.ooff[a/origStep]
	for n := a % origStep; n > 0; n-- {
		_, w := utf8.DecodeRuneInString(d.ostr[p:])
		p += w
	}
	return p
}

// Extract reads metadata. simp is the document text converted to simplified
// script with exactly the same rune count as orig; orig is the cleaned
// original-script text; name is the file name, which may carry a year or a
// unit (2019_城关镇_扫黑除恶工作总结.txt).
func Extract(simp, orig, name string) Meta {
	buf := runeBufs.Get().(*[]rune)
	s := (*buf)[:0]
	for _, r := range simp {
		s = append(s, r)
	}
	d := newDoc(simp, s, orig)
	m := extract(d, name)
	d.release()
	if cap(s) <= maxPooledRunes {
		*buf = s
		runeBufs.Put(buf)
	}
	return m
}

// runeBufs recycles Extract's rune form of the text (nothing of it outlives
// extract): converting a report cost about as much as the rest of Extract.
var runeBufs = sync.Pool{New: func() any { return new([]rune) }}

const maxPooledRunes = 1 << 20

// ExtractRunes is Extract for callers holding the texts as runes already:
// simp and orig rune-aligned, simpText = string(simp).
func ExtractRunes(simpText string, simp, orig []rune, name string) Meta {
	d := newDocRunes(simpText, simp, orig)
	m := extract(d, name)
	d.release()
	return m
}

func extract(d *doc, name string) Meta {
	// Sized for the usual nine fields, so the map is not grown on the way.
	m := Meta{UnitType: "other", ReportKind: "other", Evidence: make(map[string]string, 10)}
	stem := strings.TrimSuffix(filepath.Base(name), filepath.Ext(name))

	tA, tB, realTitle := d.title()
	if tB > tA {
		m.Title = d.orig(tA, tB)
		m.Evidence["title"] = m.Title
	}
	title := ""
	if realTitle {
		title = d.str(tA, tB)
	}

	// Report kind: the title wins over the body.
	if k, ev := kindOf(title); k != "" {
		m.ReportKind = k
		m.Evidence["report_kind"] = ev
	} else if ev := otherKindHead(title); ev != "" {
		// 关于…进展情况的通报: a circular names its own kind, whatever its
		// body reports.
		m.Evidence["report_kind"] = ev
	} else if k, ev := d.kindFromPreamble(); k != "" {
		m.ReportKind = k
		m.Evidence["report_kind"] = d.toOrig(ev)
	} else if k, ev := kindOf(stem); k != "" {
		m.ReportKind = k
		m.Evidence["report_kind"] = ev
	}

	// Report date and signature block.
	sig := d.signature()
	switch {
	case !sig.date.IsZero():
		m.ReportDate = sig.date
		m.Evidence["report_date"] = d.orig(sig.dateSpan[0], sig.dateSpan[1])
	default:
		if t, ev := d.headDate(tA, tB); !t.IsZero() {
			m.ReportDate, m.Evidence["report_date"] = t, ev
		}
	}

	// Unit.
	cands := d.unitCandidates(title, tA, sig, stem)
	selfSuf, selfTyp := d.selfRef()
	best := pickUnit(cands, selfSuf, selfTyp)
	if best != nil {
		m.UnitName = best.name
		m.UnitType = UnitType(best.name)
		m.Evidence["unit_name"] = best.ev
	} else if selfTyp != "" {
		m.UnitType = selfTyp
	}

	// Places.
	ix := divisions()
	var unitM []mention
	unitRunes := []rune(m.UnitName) // converted once for the three uses below
	if m.UnitName != "" {
		unitM = ix.scan(unitRunes, 0, wUnit, nil)
	}
	textM := d.places
	tailFrom := len(d.s)
	if n := len(d.lines); n > 0 {
		tailFrom = d.lines[max(0, n-3)][0]
	}
	for i := range textM {
		switch {
		case realTitle && textM[i].start >= tA && textM[i].end <= tB:
			textM[i].weight = wTitle
		case textM[i].start >= tailFrom:
			textM[i].weight = wSignature
		case textM[i].end <= 300:
			textM[i].weight = wHead
		}
	}
	fileRunes := []rune(stem)
	fileM := ix.scan(fileRunes, 0, wFile, nil)
	for i := range fileM {
		fileM[i].start, fileM[i].end = -fileM[i].start-1, -fileM[i].end-1 // mark as file-name spans
	}
	textOf := func(mm mention) string {
		switch {
		case mm.weight == wUnit:
			return string(unitRunes[mm.start:mm.end])
		case mm.start < 0:
			return string(fileRunes[-mm.start-1 : -mm.end-1])
		}
		return d.orig(mm.start, mm.end)
	}
	pl := resolvePlace(ix, unitM, append(textM, fileM...), m.UnitType, textOf)
	// A level inferred from a more specific mention takes that mention as evidence.
	specific := ""
	for _, x := range []int{pl.county, pl.city, pl.prov} {
		if x >= 0 && specific == "" {
			specific = pl.ev[x]
		}
	}
	evOr := func(x int) string {
		if e := pl.ev[x]; e != "" {
			return e
		}
		return specific
	}
	if pl.prov >= 0 {
		m.Province = ix.divs[pl.prov].Name
		m.DivisionCode = ix.divs[pl.prov].Code
		m.Evidence["province"] = evOr(pl.prov)
	}
	if pl.city >= 0 {
		m.City = ix.divs[pl.city].Name
		m.DivisionCode = ix.divs[pl.city].Code
		m.Evidence["city"] = evOr(pl.city)
	} else if pl.county >= 0 && pl.prov >= 0 && isMunicipality(ix.divs[pl.prov].Code) {
		m.City = m.Province
	}
	if pl.county >= 0 {
		m.County = ix.divs[pl.county].Name
		m.DivisionCode = ix.divs[pl.county].Code
		m.Evidence["county"] = evOr(pl.county)
	}
	// Qualify a unit named by level only (县交通运输局) with its resolved place.
	if best != nil {
		r := unitRunes
		if len(r) > 1 {
			switch {
			case (r[0] == '县' || r[0] == '区' || r[0] == '旗') && m.County != "":
				m.UnitName = m.County + string(r[1:])
			case r[0] == '市' && m.City != "" && m.County == "":
				m.UnitName = m.City + string(r[1:])
			}
		}
	}
	// A speech at a meeting of the whole city or county (在全市…会上的讲话)
	// that names no unit was given at that level.
	if m.UnitName == "" && m.UnitType == "other" {
		if typ, ev := wholeLevel(title); typ != "" {
			m.UnitType = typ
			m.Evidence["unit_type"] = ev
		}
	}
	if m.UnitName != "" || m.UnitType != "other" {
		if _, ok := m.Evidence["unit_type"]; !ok {
			m.Evidence["unit_type"] = m.UnitName
		}
	}

	// Year: title, file name, report date, body.
	titleYear, titleYearEv := 0, ""
	if title != "" {
		titleYear, titleYearEv = yearIn(title)
	}
	fileYr, fileYrEv := fileYear(stem)
	switch {
	case titleYear != 0:
		m.Year, m.Evidence["year"] = titleYear, titleYearEv
	case fileYr != 0:
		m.Year, m.Evidence["year"] = fileYr, fileYrEv
	case !m.ReportDate.IsZero():
		m.Year = m.ReportDate.Year()
		m.Evidence["year"] = m.Evidence["report_date"]
		// A year-end summary filed in January or February is about the year before.
		if m.ReportDate.Month() <= time.February {
			if by, ev := bodyYear(d.text); by == m.Year-1 {
				m.Year, m.Evidence["year"] = by, d.toOrig(ev)
			}
		}
	default:
		if by, ev := bodyYear(d.text); by != 0 {
			m.Year, m.Evidence["year"] = by, d.toOrig(ev)
		}
	}
	return m
}

func isMunicipality(code string) bool {
	switch code[:2] {
	case "11", "12", "31", "50":
		return true
	}
	return false
}

// isFileSep matches the separators of file-name tokens, [_\-\s.、()（）【】\[\]].
func isFileSep(r rune) bool {
	return r < 0x80 && isASCIISpace(byte(r)) || fileSeps.has(r)
}

var fileSeps = setOf("_-.、()（）【】[]")

var reFileYear = regexp.MustCompile(`(?:^|[^0-9])(20[0-9]{2})(?:年|[^0-9]|$)`)

func fileYear(stem string) (int, string) {
	if !strings.Contains(stem, "20") { // in every match
		return 0, ""
	}
	m := reFileYear.FindStringSubmatch(stem)
	if m == nil {
		return 0, ""
	}
	y, _ := cnValue(m[1])
	if y < 2000 || y > 2035 {
		return 0, ""
	}
	return y, stem
}

// ---- title ----

// boilerplate of document-sharing sites; their first line quotes the real
// title in 《》.
var sitePhrases = []string{"由会员分享", "在线阅读", "免费下载", "文档下载", "下载文档", "原创力文档", "阅读次数", "珍藏版", "文库"}

// debrisEnd returns the end of the list numbering that opens s
// (^[0-9]{1,3}[、.．]\s*, "1、", "12. "), or -1.
func debrisEnd(s string) int {
	n := 0
	for n < len(s) && isDigitByte(s[n]) {
		n++
	}
	if n < 1 || n > 3 {
		return -1
	}
	switch {
	case strings.HasPrefix(s[n:], "、"):
		n += len("、")
	case strings.HasPrefix(s[n:], "．"):
		n += len("．")
	case strings.HasPrefix(s[n:], "."):
		n++
	default:
		return -1
	}
	for n < len(s) && isASCIISpace(s[n]) {
		n++
	}
	return n
}

// isASCIISpace is the regexp class \s.
func isASCIISpace(b byte) bool {
	return b == ' ' || b == '\t' || b == '\n' || b == '\f' || b == '\r'
}

// title returns the rune span of the title and whether it is a real title
// line (as opposed to the first sentence of a body with no title).
func (d *doc) title() (a, b int, real bool) {
	for i, ln := range d.lines {
		if i >= 3 {
			break
		}
		open := indexRune(d.s[ln[0]:min(ln[1], ln[0]+3)], '《')
		if open >= 0 && containsAny(d.str(ln[0], ln[1]), sitePhrases) {
			if cl := indexRune(d.s[ln[0]+open:ln[1]], '》'); cl > 1 {
				return ln[0] + open + 1, ln[0] + open + cl, true
			}
		}
	}
	// Document numbers (x办发〔2019〕12号), attachment marks and bare date
	// lines stand above some titles.
	li := 0
	for li < len(d.lines) && li < 3 && d.isPreTitle(d.lines[li]) {
		li++
	}
	if li == len(d.lines) {
		return 0, 0, false
	}
	ln := d.lines[li]
	a, b = ln[0], ln[1]
	if isDigitRune(d.s[a]) { // debris starts with a digit
		if t := d.str(a, b); debrisEnd(t) >= 0 {
			a += utf8.RuneCountInString(t[:debrisEnd(t)])
		}
	}
	n := b - a
	last := d.s[b-1]
	if n <= 60 && !anyIn(d.s[a:b], titleStops) && !titleLastStops.has(last) {
		// A title broken over two lines: the second carries the kind word.
		if k, _ := kindOf(d.str(a, b)); k == "" && len(d.lines) > li+1 {
			nx := d.lines[li+1]
			if nx[1]-nx[0] <= 30 && !anyIn(d.s[nx[0]:nx[1]], titleNextStops) {
				if k2, _ := kindOf(d.str(nx[0], nx[1])); k2 != "" || otherKindHead(d.str(nx[0], nx[1])) != "" {
					return a, nx[1], true
				}
			}
		}
		return a, b, true
	}
	// A title glued to the body by extraction (…存在问题及原因分析扫黑除恶专项
	// 斗争开展以来,…): the campaign named, then a title-ending word, before
	// the first punctuation.
	end := a
	for end < b && end-a < 60 && !unicode.IsPunct(d.s[end]) && !unicode.IsSpace(d.s[end]) {
		end++
	}
	if pre := d.str(a, end); strings.Contains(pre, "扫黑") {
		cut := -1
		for _, w := range titleEnds {
			if i := strings.LastIndex(pre, w); i >= 0 && i+len(w) > cut {
				cut = i + len(w)
			}
		}
		if cut > 0 && utf8.RuneCountInString(pre[:cut]) >= 8 {
			return a, a + utf8.RuneCountInString(pre[:cut]), true
		}
	}
	// No title: the first sentence stands in.
	for i := a; i < b; i++ {
		if sentenceStops.has(d.s[i]) || i-a >= 80 {
			return a, i, false
		}
	}
	return a, b, false
}

// The punctuation no title holds (titleStops), ends (titleLastStops) or,
// in its second line, holds (titleNextStops), and that ends the sentence
// standing in for a missing title.
var (
	titleStops     = setOf("。；;！!？?")
	titleLastStops = setOf("，,：:、")
	titleNextStops = setOf("。，,；;")
	sentenceStops  = setOf("。！？!?")
)

var reDocNumber = regexp.MustCompile(`[〔\[［(（【]\s*20[0-9]{2}\s*[〕\]］)）】]\s*[0-9]+\s*号$`)

func (d *doc) isPreTitle(ln [2]int) bool {
	// Tested on the runes: most lines are neither, and are not built.
	if d.s[ln[1]-1] == '号' && reDocNumber.MatchString(d.str(ln[0], ln[1])) || runesAt(d.s[:ln[1]], ln[0], runesFuJian) {
		return true
	}
	_, prefix, ok := d.dateLine(ln)
	return ok && prefix == ""
}

var titleEnds = []string{"总结", "汇报", "报告", "原因分析", "分析", "方案", "计划", "讲话", "发言", "工作情况", "要点", "材料"}

func containsAny(s string, subs []string) bool {
	for _, x := range subs {
		if strings.Contains(s, x) {
			return true
		}
	}
	return false
}

func indexRune(r []rune, c rune) int {
	for i, x := range r {
		if x == c {
			return i
		}
	}
	return -1
}

// ---- report kind ----

var kindWords = []struct{ word, kind string }{
	{"存在的问题", "problem_analysis"}, {"存在问题", "problem_analysis"}, {"原因分析", "problem_analysis"},
	{"问题剖析", "problem_analysis"}, {"剖析材料", "problem_analysis"}, {"对照检查", "problem_analysis"},
	{"查摆", "problem_analysis"},
	{"实施方案", "plan"}, {"工作方案", "plan"}, {"方案", "plan"}, {"工作计划", "plan"}, {"计划", "plan"},
	{"工作要点", "plan"}, {"要点", "plan"},
	{"讲话", "speech"}, {"发言", "speech"}, {"致辞", "speech"}, {"讲稿", "speech"},
	{"总结", "work_summary"}, {"汇报", "work_summary"}, {"情况报告", "work_summary"}, {"经验做法", "work_summary"},
	{"经验材料", "work_summary"}, {"典型材料", "work_summary"}, {"工作情况", "work_summary"},
	{"工作报告", "work_summary"}, {"自查报告", "work_summary"}, {"述职", "work_summary"}, {"开展情况", "work_summary"},
	{"推进情况", "work_summary"}, {"落实情况", "work_summary"}, {"的报告", "work_summary"},
}

// wholeLevels are the 全X of a meeting's audience and the unit type of X.
var wholeLevels = []struct{ word, typ string }{
	{"全省", "province"}, {"全市", "city"}, {"全州", "city"}, {"全县", "county"}, {"全区", "county"},
	{"全旗", "county"}, {"全镇", "township"}, {"全乡", "township"}, {"全街道", "township"},
}

// wholeLevel reads the level from a speech title: 在全市…会上的讲话 → city.
func wholeLevel(title string) (typ, ev string) {
	if !strings.HasPrefix(title, "在") || !strings.Contains(title, "讲话") && !strings.Contains(title, "发言") {
		return "", ""
	}
	for _, w := range wholeLevels {
		if strings.HasPrefix(title, "在"+w.word) {
			return w.typ, "在" + w.word
		}
	}
	return "", ""
}

// otherKinds are document types that end a title and are none of the
// contract's kinds: a circular, a notice, minutes, a bulletin.
var otherKinds = []string{"通报", "通知", "纪要", "简报"}

// otherKindHead returns the document type a title ends with (its head
// noun), if it is one of otherKinds.
func otherKindHead(title string) string {
	t := strings.TrimRight(title, " 。")
	for _, w := range otherKinds {
		if strings.HasSuffix(t, w) {
			return w
		}
	}
	return ""
}

// kindOf classifies a title or a "现将…如下" sentence. 整改 anywhere makes it a
// rectification report (巡察整改情况, 问题整改方案: what analysts filter on);
// otherwise the earliest kind word wins (工作总结及下一步工作计划 is a summary).
func kindOf(s string) (kind, ev string) {
	if s == "" {
		return "", ""
	}
	if strings.Contains(s, "整改") {
		return "rectification", "整改"
	}
	// The earliest word is found at the first rune where any matches (all
	// start with a non-continuation byte); at one position the list order
	// decides.
	for p, r := range s {
		if !kindFirst.has(r) {
			continue
		}
		for _, k := range kindsByFirst[r] {
			if strings.HasPrefix(s[p:], kindWords[k].word) {
				return kindWords[k].kind, kindWords[k].word
			}
		}
	}
	return "", ""
}

var kindFirst, kindsByFirst = func() (*runeSet, map[rune][]int) {
	words := make([]string, len(kindWords))
	for i, kw := range kindWords {
		words[i] = kw.word
	}
	return wordsByFirst(words)
}()

var reXianJiang = regexp.MustCompile(`现(?:将|就|把)?[^。；;！!]{0,80}?(?:如下|予以公布|公布如下|报告|汇报|总结)`)

// kindFromPreamble reads the kind from the body's opening when there is no
// titled kind: the "现将…汇报如下" sentence first, then distinctive cues.
func (d *doc) kindFromPreamble() (string, string) {
	head := d.str(0, min(len(d.s), 600))
	if m := reXianJiang.FindString(head); m != "" {
		if k, _ := kindOf(m); k != "" {
			return k, m
		}
		return "work_summary", m
	}
	switch {
	case strings.Contains(head, "同志们"):
		return "speech", "同志们"
	case containsAny(head, []string{"巡察反馈", "反馈意见", "巡视反馈", "督导反馈"}) && strings.Contains(head, "整改"):
		return "rectification", "整改"
	case containsAny(head, []string{"特制定本方案", "制定本方案", "特制定如下", "制定如下方案", "特制定本计划"}):
		return "plan", "制定本方案"
	case strings.Contains(head, "存在问题") && strings.Contains(head, "原因"):
		return "problem_analysis", "存在问题"
	}
	return "", ""
}

// ---- dates ----

type signature struct {
	date     time.Time
	dateSpan [2]int
	unit     []cand
}

// signature reads the closing block: a date line among the last lines, with
// the unit on the same line or on the one or two lines above it.
func (d *doc) signature() signature {
	var sg signature
	n := len(d.lines)
	for i := n - 1; i >= 0 && i >= n-8; i-- {
		ln := d.lines[i]
		t, prefix, ok := d.dateLine(ln)
		if !ok {
			continue
		}
		sg.date = t
		sg.dateSpan = ln
		if prefix != "" {
			if c := cleanUnit(prefix); validUnit(c) {
				pr := utf8.RuneCountInString(prefix)
				sg.unit = append(sg.unit, cand{name: c, w: 6, ev: d.orig(ln[0], ln[0]+pr)})
			}
		}
		for j := i - 1; j >= 0 && j >= i-2; j-- {
			l := d.lines[j]
			if !d.mayNameUnit(l[0], l[1], isFrame) {
				break
			}
			if c := cleanUnit(strings.TrimFunc(d.str(l[0], l[1]), isFrame)); validUnit(c) {
				sg.unit = append(sg.unit, cand{name: c, w: 6, ev: d.orig(l[0], l[1])})
			} else {
				break
			}
		}
		break
	}
	return sg
}

// dateLine is dateLine for a line of the document. Only frame characters
// may follow a line's date, which ends with 日, 号 or a digit: most lines
// fail that test before their text is built.
func (d *doc) dateLine(ln [2]int) (time.Time, string, bool) {
	b := ln[1]
	for b > ln[0] && isFrame(d.s[b-1]) {
		b--
	}
	if b == ln[0] || d.s[b-1] != '日' && d.s[b-1] != '号' && !(d.s[b-1] >= '0' && d.s[b-1] <= '9') && !issueLast[d.s[b-1]] {
		return time.Time{}, "", false
	}
	return dateLine(d.str(ln[0], ln[1]))
}

// mayNameUnit reports whether runes a to b, with trailing runes matching
// trim dropped and then trailing spaces, could be cleaned into a unit name
// (see unitEnds); false spares building and cleaning the text.
func (d *doc) mayNameUnit(a, b int, trim func(rune) bool) bool {
	for trim != nil && b > a && trim(d.s[b-1]) {
		b--
	}
	for b > a && unicode.IsSpace(d.s[b-1]) {
		b--
	}
	return b > a && unitEnds.has(d.s[b-1])
}

// headDate finds a date line just under the title, or a date in the title.
func (d *doc) headDate(tA, tB int) (time.Time, string) {
	for i, ln := range d.lines {
		if i >= 5 {
			break
		}
		if t, prefix, ok := d.dateLine(ln); ok && prefix == "" {
			return t, d.orig(ln[0], ln[1])
		}
	}
	if tB > tA {
		if ds, spans := findDates(d.str(tA, tB)); len(ds) > 0 {
			t := d.str(tA, tB)
			return ds[0], t[spans[0][0]:spans[0][1]]
		}
	}
	return time.Time{}, ""
}

// ---- unit candidates ----

type cand struct {
	name string
	w    int
	ev   string
}

var titleMarkers = []string{
	"扫黑除恶", "扫黑", "关于", "开展", "年度", "专项", "巡察", "巡视", "落实", "贯彻", "上半年", "下半年",
	"全年", "在", "深入", "推进", "打击", "工作", "二〇", "二○", "〔", "《", "—", "：", ":", "（", "(",
}

// titleMarkersByFirst indexes titleMarkers by first rune, in list order.
var titleMarkerFirst, titleMarkersByFirst = wordsByFirst(titleMarkers)

// wordsByFirst indexes words by their first rune: the set of first runes
// (in the Basic Multilingual Plane) and the indices of the words starting
// with each, in list order.
func wordsByFirst(words []string) (*runeSet, map[rune][]int) {
	set, m := &runeSet{}, map[rune][]int{}
	for i, w := range words {
		r, _ := utf8.DecodeRuneInString(w)
		if r >= 0x10000 {
			panic("meta: word " + w + " starts outside the Basic Multilingual Plane")
		}
		set.add(r)
		m[r] = append(m[r], i)
	}
	return set, m
}

// titleUnitCut returns where the unit in a title ends: the first title
// marker or year (20[0-9]{2}), or len(t). One pass over t finds the least
// strings.Index of them all: every match starts at a rune (the markers and
// the year begin with a non-continuation byte), so at the first rune where
// any matches.
func titleUnitCut(t string) int {
	for p, r := range t {
		if r == '2' && p+4 <= len(t) && t[p+1] == '0' && isDigitByte(t[p+2]) && isDigitByte(t[p+3]) {
			return p
		}
		if !titleMarkerFirst.has(r) {
			continue
		}
		for _, k := range titleMarkersByFirst[r] {
			if strings.HasPrefix(t[p:], titleMarkers[k]) {
				return p
			}
		}
	}
	return len(t)
}

// titleUnit reads the unit that opens a title: 交通局扫黑除恶…总结 → 交通局,
// 关于xx县2019年… → xx县, 中共xx镇委员会关于… → xx镇.
func titleUnit(t string) (string, int) {
	t = strings.TrimSpace(t)
	if e := debrisEnd(t); e >= 0 {
		t = t[e:]
	}
	off := 0
	for _, p := range []string{"关于", "中共"} {
		if strings.HasPrefix(t, p) {
			t = t[len(p):]
			off += len(p)
		}
	}
	cut := titleUnitCut(t)
	c := cleanUnit(t[:cut])
	if !validUnit(c) {
		return "", 0
	}
	return c, utf8.RuneCountInString(t[:cut])
}

var (
	reInspected = regexp.MustCompile(`对([^，,。；;：:、\s“”"《》]{2,30}?)(?:党组|党委|党总支|党支部|领导班子)?(?:进行了?|开展了?)(?:专项|常规|机动|提级)?(?:巡察|巡视|督导|督查|检查|审计)`)
	reFedBack   = regexp.MustCompile(`向([^，,。；;：:、\s“”"《》]{2,30}?)(?:党组|党委|党总支|党支部|领导班子)?反馈`)
)

// selfVerbs follow a unit's self-reference in a preamble: 沙沟镇党委政府深入贯彻….
var selfVerbs = []string{
	"深入", "认真", "高度", "始终", "坚持", "坚决", "按照", "根据", "严格", "积极", "紧紧", "扎实", "全面",
	"切实", "围绕", "聚焦", "进一步", "持续", "不断", "立足", "结合", "迅速", "及时", "召开", "成立",
	"多措并举", "精心", "强化", "加强", "狠抓", "主动", "第一时间", "贯彻", "落实", "针对", "紧扣", "紧盯",
	"牢牢", "大力", "通过", "坚定", "把", "将", "在", "以", "于", "从",
}

var lookBackStop = "对向在由与及的了是为据经从将把被给让使即、，,。；;：:“”\"《》（）()！？!? \t\u3000|"

var leadingNoise = []string{"今年以来", "近年来", "一年来", "三年来", "两年来", "年以来", "以来", "今年", "去年", "近年",
	"年来", "年度", "年初", "年底", "上半年", "下半年", "全年", "同时", "目前", "近期", "当前", "其中", "年", "月", "日", "号"}

// quoteStops end the quoted name unitCandidates reads a unit from.
var quoteStops = setOf("《》“”，,。")

func (d *doc) unitCandidates(title string, tA int, sg signature, stem string) []cand {
	var out []cand
	if title != "" {
		if c, n := titleUnit(title); c != "" {
			out = append(out, cand{name: c, w: 6, ev: d.orig(tA, tA+n)})
		}
	}
	out = append(out, sg.unit...)
	out = append(out, d.speaker()...)
	// The regexps run only on the sentences holding their keyword (every
	// match ends with one): running them over a whole report cost more than
	// the rest of Extract.
	// A sentence without the literals every match holds is not built.
	for _, k := range []struct {
		re  *regexp.Regexp
		at  []int
		may func([]rune) bool
	}{{reInspected, d.inspectAt, mayInspect}, {reFedBack, d.fedBackAt, mayFeedBack}} {
		found := 0
		for _, sent := range d.sentencesWith(k.at) {
			if !k.may(d.s[sent[0]:sent[1]]) {
				continue
			}
			str := d.str(sent[0], sent[1])
			for _, m := range k.re.FindAllStringSubmatchIndex(str, 4-found) {
				if c := cleanUnit(str[m[2]:m[3]]); validUnit(c) {
					a := sent[0] + utf8.RuneCountInString(str[:m[2]])
					out = append(out, cand{name: c, w: 5, ev: d.orig(a, a+utf8.RuneCountInString(str[m[2]:m[3]]))})
				}
				found++
			}
			if found >= 4 {
				break
			}
		}
	}
	out = append(out, d.selfNamed()...)
	// The unit's own documents and meetings quoted in the body:
	// 《呼和浩特职业学院扫黑除恶专项斗争工作方案》.
	for _, i := range d.quoteAt {
		a := i + 1
		seg := d.s[a:min(len(d.s), a+34)]
		for j := 2; j < len(seg) && j <= 30; j++ {
			if quoteStops.has(seg[j]) {
				break
			}
			if runesAt(seg, j, runesSaoHei) || runesAt(seg, j, runesGuanYu) ||
				j+4 <= len(seg) && seg[j] == '2' && seg[j+1] == '0' && isDigitRune(seg[j+2]) && isDigitRune(seg[j+3]) {
				if c := cleanUnit(string(seg[:j])); validUnit(c) {
					out = append(out, cand{name: c, w: 2, ev: d.orig(a, a+j)})
				}
				break
			}
		}
	}
	if stem != "" {
		// The empty tokens reFileSplit.Split would add name no unit.
		for _, tok := range append(strings.FieldsFunc(stem, isFileSep), stem) {
			if c, _ := titleUnit(tok); c != "" {
				out = append(out, cand{name: c, w: 3, ev: stem})
				break
			}
		}
	}
	return out
}

// mayInspect reports whether s holds the literals of every reInspected
// match: 对 and 进行 or 开展.
func mayInspect(s []rune) bool {
	dui, verb := false, false
	for i, r := range s {
		switch r {
		case '对':
			dui = true
		case '进', '开':
			verb = verb || runesAt(s, i, runesJinXing) || runesAt(s, i, runesKaiZhan)
		}
	}
	return dui && verb
}

// mayFeedBack reports whether s holds the 向 of every reFedBack match.
func mayFeedBack(s []rune) bool { return indexRune(s, '向') >= 0 }

var (
	runesFuJian  = []rune("附件")
	runesJinXing = []rune("进行")
	runesKaiZhan = []rune("开展")
	inspectWords = newWordList("巡察", "巡视", "督导", "督查", "检查", "审计")
	fedBackWords = newWordList("反馈")
	runesSaoHei  = []rune("扫黑除恶")
	runesGuanYu  = []rune("关于")
)

// sentencesWith returns the rune spans of the sentences (split at 。！？
// and newlines) holding the word occurrences at, in order, each once.
func (d *doc) sentencesWith(at []int) [][2]int {
	var out [][2]int
	end := -1 // end of the last sentence taken
	for _, i := range at {
		if i < end {
			continue
		}
		a, b := i, i+1
		for a > 0 && !sentenceEnd(d.s[a-1]) {
			a--
		}
		for b < len(d.s) && !sentenceEnd(d.s[b]) {
			b++
		}
		out = append(out, [2]int{a, b})
		end = b
	}
	return out
}

func sentenceEnd(r rune) bool { return r == '。' || r == '！' || r == '？' || r == '\n' }

// wordList finds which of some words starts at a position of a rune text;
// the set of first runes turns most positions away with one bit test.
type wordList struct {
	first   runeSet
	byFirst map[rune][][]rune
}

func newWordList(words ...string) *wordList {
	l := &wordList{byFirst: map[rune][][]rune{}}
	for _, w := range words {
		r := []rune(w)
		l.byFirst[r[0]] = append(l.byFirst[r[0]], r)
		l.first.add(r[0])
	}
	return l
}

// at reports whether one of the words starts at s[i].
func (l *wordList) at(s []rune, i int) bool {
	for _, w := range l.startingWith(s[i]) {
		if runesAt(s, i, w) {
			return true
		}
	}
	return false
}

// startingWith returns the words starting with r, in list order.
func (l *wordList) startingWith(r rune) [][]rune {
	if uint32(r) < 0x10000 && !l.first.has(r) {
		return nil
	}
	return l.byFirst[r]
}

// speakerTitles are the offices a speech's byline gives after the unit:
// 宝泉县市场监督管理局党组书记、局长　刘建华.
var speakerTitles = []string{"党组书记", "党委书记", "党工委书记", "副书记", "书记", "局长", "副局长", "主席", "副主席",
	"县长", "副县长", "市长", "副市长", "区长", "镇长", "乡长", "主任", "副主任", "院长", "校长", "总经理", "董事长",
	"部长", "检察长", "会长", "理事长", "政委", "所长", "站长"}

// speaker reads the byline under a speech's title: the unit before the
// speaker's office. A bare 市委/县委 takes the place a speech title names
// (在江州市扫黑除恶推进会上的讲话).
func (d *doc) speaker() []cand {
	// Most reports are no speech: their first line settles it before the
	// head is split.
	first, _, ok := strings.Cut(d.text, "\n")
	if !ok || !strings.Contains(first, "讲话") && !strings.Contains(first, "发言") {
		return nil
	}
	lines := strings.SplitN(d.text, "\n", 6)
	var out []cand
	for _, l := range lines[1:min(len(lines), 4)] {
		l = strings.TrimSpace(l)
		cut := speakerTitleCut(l)
		if cut < 0 {
			continue
		}
		c := cleanUnit(strings.TrimRight(l[:cut], "、 "))
		if !validUnit(c) {
			// 市委副书记: the place comes from the title.
			if c = speechPlace(lines[0]); c == "" {
				continue
			}
		}
		a := utf8.RuneCountInString(d.text[:strings.Index(d.text, l)])
		out = append(out, cand{name: c, w: 6, ev: d.orig(a, a+utf8.RuneCountInString(l))})
	}
	// No byline: the place the speech's meeting is held for (在江南省…会上的讲话).
	if len(out) == 0 {
		if c := speechPlace(lines[0]); c != "" {
			out = append(out, cand{name: c, w: 4, ev: d.orig(1, 1+utf8.RuneCountInString(c))})
		}
	}
	return out
}

// speakerTitleCut returns the least of strings.Index(l, t) > 0 over the
// speakerTitles t, or -1, in one pass over l. A title found at 0 is out
// even where it recurs, as its Index is 0.
func speakerTitleCut(l string) int {
	var atStart [64]bool // by index in speakerTitles
	for p, r := range l {
		if !speakerTitleFirst.has(r) {
			continue
		}
		for _, t := range speakerTitlesByFirst[r] {
			if !strings.HasPrefix(l[p:], speakerTitles[t]) {
				continue
			}
			if p == 0 {
				atStart[t] = true
			} else if !atStart[t] {
				return p
			}
		}
	}
	return -1
}

// speakerTitlesByFirst indexes speakerTitles by first rune (all in the
// Basic Multilingual Plane, as speakerTitleFirst requires).
var speakerTitleFirst, speakerTitlesByFirst = func() (*runeSet, map[rune][]int) {
	if len(speakerTitles) > 64 {
		panic("meta: speakerTitleCut keeps at most 64 titles")
	}
	set, m := &runeSet{}, map[rune][]int{}
	for i, t := range speakerTitles {
		r, _ := utf8.DecodeRuneInString(t)
		set.add(r)
		m[r] = append(m[r], i)
	}
	return set, m
}()

// speechPlace is the place in a speech title 在江州市…会上的讲话: the
// longest valid unit name after 在 within a dozen characters.
func speechPlace(title string) string {
	r := []rune(strings.TrimSpace(title))
	if len(r) < 3 || r[0] != '在' {
		return ""
	}
	best := ""
	for j := 2; j < len(r) && j <= 13; j++ {
		if strings.ContainsRune("省市县区旗盟州", r[j]) && validUnit(string(r[1:j+1])) {
			best = string(r[1 : j+1])
		}
	}
	return best
}

// selfNamed finds units naming themselves in the preamble: a unit name,
// optionally followed by 党委/党组/政府, followed by an action verb.
func (d *doc) selfNamed() []cand {
	var out []cand
	s := d.s[:min(len(d.s), 500)]
	for j := 1; j < len(s); j++ {
		// The name ends right before the verb or before a body (党委…),
		// whose last runes are unit ends too; a space may stand between.
		if maySelfName(s[j-1], s[j]) && unitEndsOrSpaces.has(s[j-1]) && selfVerbList.at(d.s, j) {
			out = d.selfNamedAt(j, out)
		}
	}
	return out
}

// selfNamedAt is selfNamed at a self verb starting at rune j: out with the
// unit named before it, if any. Apart, it leaves selfNamed's loop lean.
func (d *doc) selfNamedAt(j int, out []cand) []cand {
	k := j
	for _, n := range selfBodies {
		if l := len(n); k-l > 0 && runesAt(d.s, k-l, n) {
			k -= l
			break
		}
	}
	a := k
	for a > 0 && k-a < 20 && !lookBackStops.has(d.s[a-1]) && !(d.s[a-1] >= '0' && d.s[a-1] <= '9') {
		a--
	}
	for trimmed := true; trimmed && a < k; {
		trimmed = false
		for _, w := range leadingNoiseList.startingWith(d.s[a]) {
			if runesAt(d.s, a, w) && a+len(w) < k {
				a += len(w)
				trimmed = true
				break
			}
		}
	}
	if k-a < 2 || !d.mayNameUnit(a, k, nil) {
		return out
	}
	if c := cleanUnit(d.str(a, k)); validUnit(c) {
		w := 4 // the opening self-reference names the reporter; later ones may be others
		if len(out) > 0 {
			w = 2
		}
		out = append(out, cand{name: c, w: w, ev: d.orig(a, j)})
	}
	return out
}

// maySelfName is false where a unit name cannot end before rune p, with a
// self verb starting at rune c: both bit tests at once, as either alone
// passes too many runes to branch on cheaply. True is settled by the exact
// tests (a rune outside the BMP may alias a set entry). Both sets are
// bits of one byte a rune in selfMarks.
func maySelfName(p, c rune) bool {
	return selfMarks[uint16(p)]&(selfMarks[uint16(c)]>>1)&1 != 0 || uint32(c) >= 0x10000
}

// selfMarks has bit 0 for the runes of unitEndsOrSpaces and bit 1 for the
// first runes of selfVerbList, by BMP rune.
var selfMarks = func() (m [1 << 16]uint8) {
	for r := range m {
		if unitEndsOrSpaces.has(rune(r)) {
			m[r] |= 1
		}
		if selfVerbList.first.has(rune(r)) {
			m[r] |= 2
		}
	}
	return m
}()

// Rune forms of the word lists selfNamed tries at every verb.
var (
	selfVerbList     = newWordList(selfVerbs...)
	leadingNoiseList = newWordList(leadingNoise...)
	unitEndsOrSpaces = func() *runeSet {
		m := *unitEnds
		for r := rune(0); r < 0x10000; r++ { // unicode.White_Space lies in the BMP
			if unicode.IsSpace(r) {
				m.add(r)
			}
		}
		return &m
	}()
	selfBodies    = runeWords("党委政府", "党委", "党组", "党工委", "人民政府", "政府")
	lookBackStops = func() *runeSet {
		m := &runeSet{}
		for _, r := range lookBackStop {
			m.add(r)
		}
		return m
	}()
)

func runeWords(words ...string) [][]rune {
	out := make([][]rune, len(words))
	for i, w := range words {
		out[i] = []rune(w)
	}
	return out
}

func isDigitRune(r rune) bool { return r >= '0' && r <= '9' }

func runesAt(s []rune, i int, w []rune) bool {
	if i+len(w) > len(s) {
		return false
	}
	return runesEqual(s[i:i+len(w)], w)
}

var selfRefRunes = func() [][]rune {
	out := make([][]rune, len(selfRefs))
	for i, r := range selfRefs {
		out[i] = []rune(r.ref)
	}
	return out
}()

// selfRefSeconds holds the second runes of selfRefs: most 我 (我们) are
// followed by none, and need not be compared with each.
var selfRefSeconds = func() *runeSet {
	m := &runeSet{}
	for _, r := range selfRefRunes {
		m.add(r[1])
	}
	return m
}()

// selfRef returns the most frequent 我X self-reference in the text.
func (d *doc) selfRef() (suf, typ string) {
	counts := make([]int, len(selfRefs))
	for _, i := range d.selfAt {
		if i+1 < len(d.s) && !selfRefSeconds.has(d.s[i+1]) {
			continue
		}
		for k, r := range selfRefRunes {
			if runesAt(d.s, i, r) {
				counts[k]++
				break
			}
		}
	}
	bestN := 0
	for k, r := range selfRefs {
		if counts[k] > bestN {
			bestN, suf, typ = counts[k], r.suf, r.typ
		}
	}
	return
}

// pickUnit sums candidate weights per name, favours names matching the
// text's 我X self-reference, and prefers the longer, more specific name when
// one candidate ends with another (留坝县交通运输局 over 交通运输局).
func pickUnit(cands []cand, selfSuf, selfTyp string) *cand {
	if len(cands) == 0 {
		return nil
	}
	score := map[string]int{}
	ev := map[string]string{}
	for _, c := range cands {
		score[c.name] += c.w
		if _, ok := ev[c.name]; !ok {
			ev[c.name] = c.ev
		}
	}
	names := make([]string, 0, len(score))
	for n := range score {
		names = append(names, n)
		if selfSuf != "" && strings.HasSuffix(n, selfSuf) || selfSuf == "" && selfTyp != "" && UnitType(n) == selfTyp {
			score[n] += 3
		}
	}
	sort.Slice(names, func(i, j int) bool {
		a, b := names[i], names[j]
		if score[a] != score[b] {
			return score[a] > score[b]
		}
		if len(a) != len(b) {
			return len(a) > len(b)
		}
		return a < b
	})
	best := names[0]
	for _, n := range names[1:] {
		if len(n) > len(best) && strings.HasSuffix(n, best) && UnitType(n) == UnitType(best) {
			best = n
		}
	}
	return &cand{name: best, w: score[best], ev: ev[best]}
}
