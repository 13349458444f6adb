package facts

import (
	"fmt"
	"math"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"unicode"

	"github.com/reportetl/reportetl/transform/numeral"
)

// Fact is one extracted number.
type Fact struct {
	Metric, Category string
	Value            float64
	HasValue         bool   // false when redacted
	Qualifier        string // exact|over|about|under|redacted
	UnitWord         string
	Year             int // explicit year of the clause; 0 = the report's year
	Start, End       int // evidence span: rune offsets into the cleaned text
	NumStart, NumEnd int // the numeral itself
	Evidence         string
	Rule             string
	PartOf           int // index of the total this is a 其中 part of, or -1
}

// Reject is a number the engine saw and did not take, with the reason; the
// explain command shows them.
type Reject struct {
	Start, End int
	Text       string
	Reason     string
}

// Engine applies a rules file. Read-only after NewEngine: safe for
// concurrent use.
type Engine struct {
	R         *Rules
	cues      trie
	verbs     trie
	units     trie
	rejectB   trie
	rejectA   trie
	negTrig   trie
	unless    trie
	breakdwn  trie
	breaks    map[rune]bool
	verbOf    []map[string]bool // per metric
	verbMet   map[string][]int  // verb -> metrics it marks
	override  map[int][]int     // metric -> metrics it wins over in one noun phrase
	unitCue   map[string][]int  // unit word -> metrics it names by itself
	negOK     map[int]bool
	zeroCue   []rune
	zeroFirst rune // zeroCue[0], or -1
	zeroMet   int
	zeroNo    trie
	afterBlk  trie
	eachVerbs trie
	unitKinds map[string][2]bool // unit → in R.VerbalUnits, in R.EventUnits: one lookup for both

	dest           trie // organisations that receive transferred items
	sumWords       trie // 共, 累计: a clause that sums up the previous one
	negOne         trie // 未, 没有: "not even one"
	disposition    trie
	future         trie
	negFirst       map[int]bool
	negNot         trie
	someUnits      trie
	docs           sync.Pool    // *doc
	breakdownWords [][]rune     // R.Breakdown
	sentBits       [1024]uint64 // sentenceBreaks
	// hitClass is index's one pass over the text, by BMP rune: hitBreak
	// marks clause and sentence breaks, hitScan those and the first runes
	// of negation triggers, hitTrig numeral.Trigger; hitAny is hitScan or
	// hitTrig; the rest are trieBits.
	hitClass  [1 << 16]uint8
	wholeText bool // a word holds a sentence break: scan all text for words
	pipeIDs   bool // a metric ID holds '|': add keys repeats by their joined text
}

// The bits of Engine.hitClass.
const (
	hitAny = 1 << iota
	hitTrig
	hitScan
	hitBreak
	hitCue  // cues.starts
	hitVerb // verbs.starts
	hitBD   // breakdwn.starts
	hitNeg  // negTrig.starts
)

// trieBits are the hitClass bits of the tries whose words may start with
// r; index and words ask for a rune outside the BMP.
func (e *Engine) trieBits(r rune) uint8 {
	var c uint8
	for _, t := range [...]struct {
		t   *trie
		bit uint8
	}{{&e.cues, hitCue}, {&e.verbs, hitVerb}, {&e.breakdwn, hitBD}, {&e.negTrig, hitNeg}} {
		if t.t.starts(r) {
			c |= t.bit
		}
	}
	return c
}

// sentenceBreaks end a sentence; years and 其中 scopes do not cross them.
// Semicolons only separate clauses: "受理线索87条；已办结79条" is one sentence.
var sentenceBreaks = map[rune]bool{'。': true, '！': true, '!': true, '？': true, '?': true, '\n': true}

// NewEngine compiles validated rules.
func NewEngine(r *Rules) *Engine {
	e := &Engine{R: r, breaks: map[rune]bool{}, unitCue: map[string][]int{}, negOK: map[int]bool{}, zeroMet: -1,
		verbMet: map[string][]int{}, override: map[int][]int{}}
	// Non-cues enter the cue dictionary with no metric, so that the
	// longest match swallows the cue inside them (黑恶势力 is not 恶势力).
	for _, w := range r.NonCues {
		e.cues.add(w, -1)
	}
	for i, m := range r.Metrics {
		for _, c := range m.Cues {
			e.cues.add(c, i)
		}
		vs := map[string]bool{}
		for _, v := range m.Verbs {
			e.verbs.add(v, -1)
			vs[v] = true
			e.verbMet[v] = append(e.verbMet[v], i)
		}
		for _, o := range m.Overrides {
			if j := metricIndex(r, o); j >= 0 {
				e.override[i] = append(e.override[i], j)
			}
		}
		e.verbOf = append(e.verbOf, vs)
		for _, u := range m.UnitCues {
			e.unitCue[u] = append(e.unitCue[u], i)
		}
		for _, id := range r.Negation.Metrics {
			if id == m.ID {
				e.negOK[i] = true
			}
		}
		if m.ID == r.ZeroReport.Metric {
			e.zeroMet = i
		}
		if strings.ContainsRune(m.ID, '|') {
			e.pipeIDs = true
		}
	}
	e.cues.sort()
	e.verbs.sort()
	for _, t := range []*trie{&e.cues, &e.verbs} {
		for k := range t.entries {
			en := &t.entries[k]
			en.rules = new(ruleTexts)
			for j, r := range ruleKinds {
				en.rules[j] = r + ":" + en.text
			}
		}
	}
	e.units = newTrie(r.Units)
	e.rejectB = newTrie(r.RejectBefore)
	e.rejectA = newTrie(r.RejectAfter)
	e.negTrig = newTrie(r.Negation.Triggers)
	e.unless = newTrie(r.Negation.Unless)
	e.breakdwn = newTrie(r.Breakdown)
	e.breakdownWords = runesOf(r.Breakdown...)
	e.zeroCue = []rune(r.ZeroReport.Cue)
	e.zeroFirst = -1 // matches no rune: no zero-report cue
	if len(e.zeroCue) > 0 {
		e.zeroFirst = e.zeroCue[0]
	}
	e.zeroNo = newTrie(r.ZeroReport.Unless)
	e.afterBlk = newTrie(r.CueAfterBlockers)
	e.dest = newTrie(r.Destinations)
	e.sumWords = newTrie(r.SumWords)
	e.negOne = newTrie(r.NegateOne)
	e.disposition = newTrie(r.Disposition)
	e.future = newTrie(r.Future)
	e.negNot = newTrie(r.Negation.NotHeads)
	e.someUnits = newTrie(r.SomeUnits)
	e.negFirst = map[int]bool{}
	for _, id := range r.Negation.Prefer {
		if j := metricIndex(r, id); j >= 0 {
			e.negFirst[j] = true
		}
	}
	e.eachVerbs = newTrie(r.EachVerbs)
	e.unitKinds = map[string][2]bool{}
	for k, us := range [][]string{r.VerbalUnits, r.EventUnits} {
		for _, u := range us {
			kinds := e.unitKinds[u]
			kinds[k] = true
			e.unitKinds[u] = kinds
		}
	}
	for _, c := range r.ClauseBreaks {
		e.breaks[c] = true
		if c < 0x10000 {
			e.hitClass[c] |= hitBreak
		}
	}
	for c := range sentenceBreaks {
		e.hitClass[c] |= hitBreak
		e.sentBits[c>>6] |= 1 << (c & 63)
	}
	if z := e.zeroFirst; z >= 0 && z < 0x10000 {
		e.hitClass[z] |= hitAny | hitScan
	}
	for r := range e.hitClass {
		c := &e.hitClass[r]
		if *c&hitBreak != 0 || e.negTrig.first != nil && e.negTrig.first[r>>6]&(1<<(r&63)) != 0 {
			*c |= hitAny | hitScan
		}
		if numeral.Trigger(rune(r)) {
			*c |= hitAny | hitTrig
		}
		*c |= e.trieBits(rune(r))
	}
	for _, t := range []*trie{&e.cues, &e.verbs, &e.breakdwn} {
		for _, en := range t.entries {
			if slices.ContainsFunc(en.word, func(r rune) bool { return sentenceBreaks[r] }) {
				e.wholeText = true
			}
		}
	}
	return e
}

// Extract returns the facts of a document. simp is the cleaned text in
// simplified script, orig the same text in its own script, rune-aligned;
// reportYear is the document's year (0 unknown), used for 今年/去年.
func (e *Engine) Extract(simp, orig []rune, reportYear int) []Fact {
	fs, _ := e.run(simp, orig, reportYear, false)
	return fs
}

type span struct {
	start, end int
	metrics    []int
	word       string
	rules      *ruleTexts // of the cue or verb: its Rule strings, or nil
}

// ruleKinds are the rules that name their cue or verb in Fact.Rule
// ("cue-before:横幅"); ruleTexts holds those strings for one word, made
// when the engine is built rather than concatenated for every fact.
var ruleKinds = [...]string{"cue-before", "cue-after", "cue-prev-clause", "verb", "verb-after"}

type ruleTexts [len(ruleKinds)]string

// ruleText is rule + ":" + the candidate's word.
func ruleText(c candidate) string {
	if rt := c.cue.rules; rt != nil {
		for k, r := range ruleKinds {
			if r == c.rule {
				return rt[k]
			}
		}
	}
	return c.rule + ":" + c.cue.word
}

type doc struct {
	e           *Engine
	simp, orig  []rune
	reportYear  int
	breaks      []int32 // positions of clause breaks, ascending
	sentBreaks  []int32 // the clause breaks that end a sentence
	cues, verbs []span
	blockers    []span // non-cue nouns
	negs        []span // negation triggers
	trace       bool   // keep rejected numbers with their reason
	nums        []numeral.Number
	counts      []int // indexes into nums of count/redacted numbers
	facts       []Fact
	rejects     []Reject
	cands       []candidate // number's scratch
	regions     [][2]int    // words' scratch: the spans scanned for words
	hits        []int32     // index's scratch: positions of runes with hitAny
	trigs       []int32     // index's scratch: positions of numeral.Trigger runes
	zeros       []int       // positions of the zero-report cue
	seen        map[factKey]bool
	totalOfSent map[int]int // sentence start -> index of the last total fact before 其中
	breakdownAt map[int]int // sentence start -> position of 其中
}

// Trace is Extract plus the numbers that were rejected and why.
func (e *Engine) Trace(simp, orig []rune, reportYear int) ([]Fact, []Reject) {
	return e.run(simp, orig, reportYear, true)
}

// run extracts; with trace, it also records why each number was rejected
// (explain needs that, a nightly run does not pay for it).
func (e *Engine) run(simp, orig []rune, reportYear int, trace bool) ([]Fact, []Reject) {
	d := e.newDoc(simp, orig, reportYear, trace)
	d.index()
	// At most one fact per count, negation and zero report: one
	// allocation instead of a growing slice of these large structs.
	d.facts = make([]Fact, 0, len(d.counts)+len(d.negs)+len(d.zeros))
	for _, ni := range d.counts {
		d.number(ni)
	}
	d.negations()
	fs, rs := d.facts, d.rejects
	if len(fs) == 0 {
		fs = nil // as before: no facts is a nil slice
	}
	d.release()
	return fs, rs
}

// newDoc takes a doc from the engine's pool: the per-document indexes
// (breaks, numerals, words, maps) are reused from one document to the
// next instead of grown anew each time.
func (e *Engine) newDoc(simp, orig []rune, reportYear int, trace bool) *doc {
	d, _ := e.docs.Get().(*doc)
	if d == nil {
		d = &doc{seen: map[factKey]bool{}, totalOfSent: map[int]int{}, breakdownAt: map[int]int{}}
	}
	d.e, d.simp, d.orig, d.reportYear, d.trace = e, simp, orig, reportYear, trace
	return d
}

// release empties d, keeping its buffers, and returns it to the pool. The
// facts and rejects are the caller's: they are not kept.
func (d *doc) release() {
	e := d.e
	d.e, d.simp, d.orig, d.facts, d.rejects = nil, nil, nil, nil, nil
	d.breaks, d.sentBreaks, d.negs = d.breaks[:0], d.sentBreaks[:0], d.negs[:0]
	d.cues, d.verbs, d.blockers = d.cues[:0], d.verbs[:0], d.blockers[:0]
	d.nums, d.counts, d.cands, d.zeros = d.nums[:0], d.counts[:0], d.cands[:0], d.zeros[:0]
	d.regions = d.regions[:0]
	clear(d.seen)
	clear(d.totalOfSent)
	clear(d.breakdownAt)
	e.docs.Put(d)
}

func (d *doc) index() {
	e := d.e
	n := len(d.simp)
	// The clause and sentence breaks and the negation triggers, in one
	// pass over the text: a rune that is neither (most runes) costs one
	// bit test.
	//
	// First the positions of those runes, and of the numeral scan's
	// triggers (so that it need not pass over the text again), without a
	// branch per rune: breaks come every few runes, too often and too
	// irregularly for the branch predictor, and a mispredicted branch
	// costs more than the store. Runes outside the BMP are always kept,
	// as before.
	//
	// Then those positions are parted, without a branch either, into the
	// numeral triggers and the rest, so that neither loop below turns
	// away the other's at random.
	if cap(d.hits) < n {
		d.hits, d.trigs = make([]int32, n), make([]int32, n)
	}
	class := &e.hitClass
	hits := d.hits[:hitsOf(class, d.simp, d.hits[:n])]
	hits, trigs := partHits(class, d.simp, hits, d.trigs)
	nextNeg := 0
	for _, i32 := range hits {
		i := int(i32)
		r := d.simp[i]
		c := class[uint16(r)]
		if uint32(r) >= 0x10000 {
			c = hitScan | e.trieBits(r) // no break
		}
		if r == e.zeroFirst && i+len(e.zeroCue) <= n && equalRunes(d.simp[i:], e.zeroCue) {
			d.zeros = append(d.zeros, i)
		}
		if i >= nextNeg && c&hitNeg != 0 {
			if en, ok := e.negTrig.match(d.simp, i); ok {
				d.negs = append(d.negs, span{start: i, end: i + len(en.word), word: en.text})
				nextNeg = i + len(en.word)
			}
		}
		// (thousands and labelColon hold only at their own runes.)
		if c&hitBreak != 0 && !(r == ',' && d.thousands(i)) && !((r == ':' || r == '：') && d.labelColon(i)) {
			d.breaks = append(d.breaks, int32(i))
			if e.sentBits[r>>6]&(1<<(r&63)) != 0 {
				d.sentBreaks = append(d.sentBreaks, int32(i))
			}
		}
	}
	// Only a trace shows the numbers' text and reasons; building them is
	// most of a scan's cost.
	if d.trace {
		d.nums = numeral.ScanAppend(d.nums, d.simp)
	} else {
		d.nums = numeral.ScanLeanAt(d.nums, d.simp, trigs)
	}
	for i := range d.nums {
		nm := &d.nums[i] // a Number is large: no copy
		switch nm.Kind {
		case numeral.KindCount, numeral.KindRedacted:
			d.counts = append(d.counts, i)
		default:
			if d.trace {
				d.reject(nm.Start, nm.End, fmt.Sprintf("%s: %s", nm.Kind, nm.Reason))
			}
		}
	}
	d.words()
}

// hitsOf writes to hits (as long as text) the positions of the runes of
// text whose class has hitAny, and of those outside the BMP, and returns
// how many there are.
func hitsOf(class *[1 << 16]uint8, text []rune, hits []int32) int {
	k := 0
	wide := uint32(0) // any rune outside the BMP, which class aliases
	for i, r := range text {
		wide |= uint32(r)
		hits[k] = int32(i)
		k += int(class[uint16(r)] & hitAny)
	}
	if wide >= 0x10000 { // rare: again, keeping those runes
		k = 0
		for i, r := range text {
			hits[k] = int32(i)
			k += int(class[uint16(r)]&hitAny | uint8(min(uint32(r)>>16, 1)))
		}
	}
	return k
}

// partHits parts hits (from hitsOf) into those whose class has hitScan,
// with those outside the BMP, kept in hits, and those with hitTrig, in
// trigs (as long as the text): with some outside the BMP, which class
// aliases, and which ScanLeanAt passes over.
func partHits(class *[1 << 16]uint8, text []rune, hits, trigs []int32) ([]int32, []int32) {
	k, t := 0, 0
	for _, p := range hits {
		r := text[p]
		c := class[uint16(r)]
		hits[k] = p                                               // k is at most the index of p
		k += int(c/hitScan&1 | uint8((uint32(r)>>16+0xFFFF)>>16)) // the last: 1 outside the BMP
		trigs[t] = p
		t += int(c / hitTrig & 1)
	}
	return hits[:k], trigs[:t]
}

// words finds the cues, verbs and breakdown words. Only the sentences
// around a count (its own and the one before, where clauseVerb may look
// for a cue) and the sentences of negation triggers are ever asked about
// them, and most sentences of a report hold neither: the others are not
// scanned. No word contains a sentence break (NewEngine checks, else the
// whole text is one region), so no match crosses into or out of a
// sentence, and each region gives the matches a scan of the whole text
// would: leftmost-longest and non-overlapping, per dictionary.
func (d *doc) words() {
	e := d.e
	n := len(d.simp)
	rs := d.regions[:0]
	if e.wholeText {
		rs = append(rs, [2]int{0, n})
	} else {
		for _, ni := range d.counts {
			p := d.nums[ni].Start
			lo := d.sentStart(p)
			if lo >= 2 {
				lo = d.sentStart(lo - 2)
			}
			rs = append(rs, [2]int{lo, d.sentEnd(p)})
		}
		for _, ng := range d.negs {
			rs = append(rs, [2]int{d.sentStart(ng.start), d.sentEnd(ng.start)})
		}
		// Ordered by start and merged: a count's region may begin a
		// sentence before that of a negation earlier in its sentence.
		slices.SortFunc(rs, func(a, b [2]int) int { return a[0] - b[0] })
		m := 0
		for _, r := range rs {
			if m > 0 && r[0] <= rs[m-1][1] {
				rs[m-1][1] = max(rs[m-1][1], r[1])
				continue
			}
			rs[m] = r
			m++
		}
		rs = rs[:m]
	}
	d.regions = rs
	// Each dictionary keeps its own leftmost-longest, non-overlapping
	// matching; a rune that starts no word of any (most runes) costs one
	// test of its hitClass.
	nextCue, nextVerb, nextBD := 0, 0, 0
	class := &e.hitClass
	for _, rg := range rs {
		for i := rg[0]; i < rg[1]; i++ {
			r := d.simp[i]
			c := class[uint16(r)]
			if uint32(r) >= 0x10000 {
				c = e.trieBits(r)
			}
			if c&(hitCue|hitVerb|hitBD) == 0 {
				continue
			}
			if i >= nextCue && c&hitCue != 0 {
				if en, ok := e.cues.match(d.simp, i); ok {
					if len(en.vals) > 0 {
						d.cues = append(d.cues, span{i, i + len(en.word), en.vals, en.text, en.rules})
					} else {
						d.blockers = append(d.blockers, span{start: i, end: i + len(en.word), word: en.text, rules: en.rules})
					}
					nextCue = i + len(en.word)
				}
			}
			if i >= nextVerb && c&hitVerb != 0 {
				if en, ok := e.verbs.match(d.simp, i); ok {
					d.verbs = append(d.verbs, span{start: i, end: i + len(en.word), word: en.text, rules: en.rules})
					nextVerb = i + len(en.word)
				}
			}
			if i >= nextBD && c&hitBD != 0 {
				if en, ok := e.breakdwn.match(d.simp, i); ok {
					d.breakdownAt[d.sentStart(i)] = i
					nextBD = i + len(en.word)
				}
			}
		}
	}
}

// clauseStart is the start of the clause holding position i (0 ≤ i ≤ len):
// one past the last clause break before i.
func (d *doc) clauseStart(i int) int { return afterLast(d.breaks, i) }

// sentStart is the start of the sentence holding position i.
func (d *doc) sentStart(i int) int { return afterLast(d.sentBreaks, i) }

// sentEnd is the first sentence break at or after i, or the text's end.
func (d *doc) sentEnd(i int) int {
	if k := search(d.sentBreaks, int32(i)); k < len(d.sentBreaks) {
		return int(d.sentBreaks[k])
	}
	return len(d.simp)
}

// clauseEnd is the first clause break at or after i, or the text's end.
func (d *doc) clauseEnd(i int) int {
	if k := search(d.breaks, int32(i)); k < len(d.breaks) {
		return int(d.breaks[k])
	}
	return len(d.simp)
}

// search is slices.BinarySearch's index (the first k with a[k] >= x)
// written out: the generic call cost twice as much, and facts asks often.
func search(a []int32, x int32) int {
	lo, hi := 0, len(a)
	for lo < hi {
		h := int(uint(lo+hi) >> 1)
		if a[h] < x {
			lo = h + 1
		} else {
			hi = h
		}
	}
	return lo
}

func afterLast(breaks []int32, i int) int {
	if k := search(breaks, int32(i)); k > 0 {
		return int(breaks[k-1]) + 1
	}
	return 0
}

func (d *doc) reject(s, e int, why string) {
	if !d.trace {
		return
	}
	d.rejects = append(d.rejects, Reject{Start: s, End: e, Text: string(d.orig[s:e]), Reason: why})
}

// numberBetween reports whether a count number lies in [a, b).
func (d *doc) numberBetween(a, b int) bool {
	// counts are in text order: start at the first that can be in range.
	k := sort.Search(len(d.counts), func(k int) bool { return d.nums[d.counts[k]].NumStart >= a })
	for _, ni := range d.counts[k:] {
		nm := &d.nums[ni]
		if nm.NumStart >= a && nm.NumEnd <= b {
			return true
		}
		if nm.NumStart >= b {
			return false
		}
	}
	return false
}

func (d *doc) hasWordIn(t trie, a, b int) bool {
	for i := max(a, 0); i < min(b, len(d.simp)); i++ {
		if !t.starts(d.simp[i]) {
			continue // most runes: no call
		}
		if en, ok := t.match(d.simp, i); ok && i+len(en.word) <= b {
			return true
		}
	}
	return false
}

type candidate struct {
	cue  span
	dist int
	rule string
}

func (d *doc) number(ni int) {
	nm := &d.nums[ni]
	e := d.e
	cs, ce := d.clauseStart(nm.Start), d.clauseEnd(nm.Start)
	ss := d.sentStart(nm.Start)

	// Frequencies and rates: 每月一次, 每村2条.
	for i := max(cs, nm.Start-6); i < nm.NumStart; i++ {
		if en, ok := e.rejectB.match(d.simp, i); ok && i+len(en.word) <= nm.NumStart {
			d.reject(nm.Start, nm.End, "frequency or rate after "+en.text)
			return
		}
	}
	// Unit word after the number (spaces allowed: "x 条"). The scanner may
	// have put it inside the match already (五百场以上).
	unit, ue := "", nm.End
	if nm.Unit != "" && nm.UnitStart >= nm.NumEnd && nm.UnitEnd <= nm.End {
		if en, ok := e.units.match(d.simp, nm.UnitStart); ok && nm.UnitStart+len(en.word) <= nm.End {
			unit = en.text
		}
	}
	if unit == "" {
		p := d.skipSpaces(nm.End, len(d.simp))
		if p < len(d.simp) {
			if en, ok := e.units.match(d.simp, p); ok {
				unit = en.text
				ue = p + len(en.word)
			}
		}
	}
	// A count right before 各 says how many items share the number after
	// 各 (三处各设置宣传栏2个): it is a multiplier, not a fact.
	if ue < len(d.simp) && string(d.simp[ue]) == e.R.Each && nm.HasValue {
		d.reject(nm.Start, ue, "multiplier before "+e.R.Each)
		return
	}
	// 其余/剩余 N: the remainder of a total, counted only when its own verb
	// says what happened to it (其余3条已办结).
	remainder := false
	for _, wr := range remainderWords {
		if nm.Start-len(wr) >= cs && equalRunes(d.simp[nm.Start-len(wr):nm.Start], wr) {
			remainder = true
		}
	}
	if ue < len(d.simp) {
		if en, ok := e.rejectA.match(d.simp, ue); ok {
			d.reject(nm.Start, ue, "not a count: followed by "+en.text)
			return
		}
	}

	// "对…侦办的8起涉黑涉恶案件开展一案三查": the object of 对 refers to
	// cases counted elsewhere; it is not a count of this clause.
	if q := d.lastRuneIn('对', cs, nm.Start); q >= 0 && !d.verbBetween(q, nm.Start) {
		d.reject(nm.Start, ue, "object of 对: a reference to items counted elsewhere")
		return
	}
	// Looked up once: several checks below ask.
	verbal, event := false, false
	if unit != "" {
		kinds := e.unitKinds[unit]
		verbal, event = kinds[0], kinds[1]
	}
	// 5个山区村, 22个乡镇: the number counts the place or body right after it.
	if unit != "" && !verbal && !event && ue < len(d.simp) {
		if en, ok := e.afterBlk.match(d.simp, ue); ok {
			d.reject(nm.Start, ue, "counts "+en.text+", not a metric")
			return
		}
	}
	// 将于第三季度开展一轮督导: what a unit will do is a plan.
	if d.hasWordIn(e.future, cs, nm.Start) {
		d.reject(nm.Start, ue, "a plan (future) not a result")
		return
	}
	if d.insideTitle(cs, nm.Start) {
		d.reject(nm.Start, ue, "inside a 《》 title")
		return
	}
	// 较2018年的31起增加56起: the change a comparison states is not a count.
	if d.difference(cs, nm.Start) {
		d.reject(nm.Start, ue, "a difference in a comparison")
		return
	}
	// 每村…2块, 每个小区…1处: a rate per unit, however far 每 stands.
	for i := cs; i < nm.Start; i++ {
		if d.simp[i] == '每' {
			d.reject(nm.Start, ue, "per-unit rate after 每")
			return
		}
	}
	// 未排查出一条线索, 没有打掉一个涉黑组织: "not even one".
	negatedOne := false
	if nm.HasValue && nm.Value == 1 && d.simp[nm.NumStart] == '一' {
		for i := max(cs, nm.Start-5); i < nm.Start; i++ {
			if _, ok := e.negOne.match(d.simp, i); ok {
				negatedOne = true
			}
		}
		if negatedOne && d.hasWordIn(e.someUnits, d.sentStart(nm.Start), ce) {
			d.reject(nm.Start, ue, "negated count about some units only")
			return
		}
	}
	// What choosing a metric needs to know about the number's place.
	// 未排查出一条线索 is "not even one found": its negated verb still says
	// which metric is zero.
	pl := &place{cs: cs, pos: nm.Start, ue: ue, negOne: negatedOne}
	// 线索中仍有183条未办结: a count followed in its clause by a negated
	// verb is of what was not done.
	if !negatedOne && d.negatedVerbIn(ue, min(ce, ue+8), nil) {
		d.reject(nm.Start, ue, "count of what was not done (negated verb after it)")
		return
	}

	cands := d.cands[:0] // scratch: a handful per number
	// Cues before the number in the same clause, nearest first; a cue that
	// already has a number between it and us belongs to that number.
	// Cues are in text order and do not overlap, so their ends ascend:
	// the search skips those ending after the number.
	for k := sort.Search(len(d.cues), func(k int) bool { return d.cues[k].end > nm.Start }) - 1; k >= 0; k-- {
		c := d.cues[k]
		if c.start < cs || nm.Start-c.end > e.R.WindowBefore {
			break
		}
		if d.numberBetween(c.end, nm.Start) || d.blockerBetween(c.end, nm.Start) {
			break
		}
		// 利用电子显示屏滚动播放宣传标语160余块: what a screen plays is not
		// what is counted; the device named before it may be.
		if c.start >= 2 && d.simp[c.start-2] == '播' && d.simp[c.start-1] == '放' {
			continue
		}
		cands = append(cands, candidate{cue: c, dist: nm.Start - c.end, rule: "cue-before"})
	}
	// Cues after the number and its unit: 组织30余场巡回演出.
	if unit != "" {
		for _, c := range d.cues[sort.Search(len(d.cues), func(k int) bool { return d.cues[k].start >= ue }):] {
			// A verbal classifier (4次) counts the action, whose verb and
			// cue may come after its objects: 3次对各乡镇、各部门开展督导.
			// An event classifier (1起) counts the head noun at the end of
			// a long relative clause: 1起党员干部充当保护伞案件.
			win := e.R.WindowAfter
			if verbal || event {
				win = e.R.WindowAfterLong
			}
			if c.start >= ce || c.start-ue > win {
				break
			}
			if (!verbal && d.numberBetween(ue, c.start)) || (!verbal && !event && d.hasWordIn(e.afterBlk, ue, c.start)) || d.blockerBetween(ue, c.start) {
				break
			}
			// 在38条公交线路的车厢内张贴宣传标语: a noun counted by its
			// own number and then an action on a cue; the cue is not what
			// the number counts.
			if !verbal && !event && (d.verbBetween(ue, c.start) || d.hasWordIn(e.eachVerbs, ue, c.start)) {
				break
			}
			// A cue followed by its own number is that number's cue:
			// 与12个村签订责任书26份 counts 26 责任书, not 12.
			if d.ownNumberAfter(c) {
				break
			}
			cands = append(cands, candidate{cue: c, dist: c.start - ue, rule: "cue-after"})
		}
	}
	sortCands(cands)
	d.cands = cands
	cands = d.leadOfPair(cands, unit)

	m, cand, why := d.choose(cands, unit, ss, pl)
	// 悬挂横幅210条，较2019年的168条有所增加: the figure compared with is
	// the same metric's for that year.
	compYear := 0
	if y, ok := d.comparisonBase(cs, nm.Start); ok {
		if k := len(d.facts) - 1; k >= 0 && d.facts[k].Start >= ss && (unit == "" || e.R.Metrics[metricIndex(e.R, d.facts[k].Metric)].units[unit]) {
			m, cand, compYear = metricIndex(e.R, d.facts[k].Metric), candidate{rule: "comparison"}, y
		} else {
			d.reject(nm.Start, ue, "the base of a comparison, of no metric counted before it")
			return
		}
	}
	total := -1
	if bd, ok := d.breakdownAt[ss]; ok && nm.Start > bd && !d.semicolonBetween(bd, nm.Start) {
		if t, ok := d.totalOfSent[ss]; ok {
			total = t
		}
	}
	inherit := func() bool {
		tm := e.R.Metrics[metricIndex(e.R, d.facts[total].Metric)]
		if unit == "" || tm.units[unit] || unit == d.facts[total].UnitWord {
			m, cand = metricIndex(e.R, d.facts[total].Metric), candidate{rule: "part"}
			return true
		}
		return false
	}
	// No cue in the clause, but a verb of a metric whose cue the sentence
	// (or the one before) named earlier: 受理线索400条，已办结398条 →
	// leads.closed 398.
	if m < 0 {
		if vm, v := d.clauseVerb(cs, ss, nm.Start, unit); vm >= 0 {
			// In a breakdown, "县扫黑办转办52条" (agent, verb, number) names
			// where the total's items came from: a part of the total. A verb
			// followed by its object, "移交派出所2条", is what was done.
			if total >= 0 && v.end == d.skipSpaces(v.end, nm.Start) && d.hasAgent(cs, v.start) && inherit() {
			} else {
				m, cand = vm, candidate{rule: "verb", cue: v}
			}
		}
	}
	// The verb may follow the number: 其余3条已办结, 其中涉嫌犯罪的2条已移送.
	if m < 0 {
		if vm, v := d.verbAfter(ue, ce, cs, ss, unit); vm >= 0 {
			m, cand = vm, candidate{rule: "verb-after", cue: v}
		}
	}
	if m < 0 && remainder {
		d.reject(nm.Start, ue, "remainder (其余) without its own verb")
		return
	}
	// A number in a 其中 breakdown without a cue of its own is a part of
	// the total before 其中, when the unit word fits the total's metric —
	// a category (中央级1篇), not a disposition (1条正在核查, 2条已立案).
	if m < 0 && total >= 0 {
		if d.hasWordIn(e.disposition, cs, ce) || d.negatedVerbIn(cs, ce, nil) {
			d.reject(nm.Start, ue, "disposition of part of a total, not a category")
			return
		}
		inherit()
	}
	// The previous clause named the activity, this one counts it:
	// 开展宣讲活动，全县各校共组织一百八十余场.
	if m < 0 && unit != "" && cs >= 2 && d.clauseStart(cs-2) >= ss && d.sumsUp(cs, nm.Start) {
		pcs := d.clauseStart(cs - 2)
		if !d.numberBetween(cs, nm.Start) {
			for k := len(d.cues) - 1; k >= 0; k-- {
				c := d.cues[k]
				if c.end > cs || c.start < pcs {
					if c.start < pcs {
						break
					}
					continue
				}
				for _, mi := range c.metrics {
					met := e.R.Metrics[mi]
					if met.units[unit] && len(met.Verbs) == 0 {
						m, cand = mi, candidate{rule: "cue-prev-clause", cue: c}
						// 各悬挂横幅2条，共6条: the sum restates the total
						// the distributive 各 already gave.
						if n := len(d.facts); n > 0 && d.facts[n-1].Metric == met.ID && d.facts[n-1].HasValue &&
							d.facts[n-1].Value == nm.Value && d.facts[n-1].Start >= ss {
							d.reject(nm.Start, ue, "restates the total of the previous clause")
							return
						}
						break
					}
				}
				if m >= 0 {
					break
				}
			}
		}
	}
	// 培训2次，120人次: a clause that is only a figure continues the count
	// of the clause before it, in another unit of the same metric.
	if m < 0 && unit != "" && d.skipSpaces(cs, nm.Start) == nm.Start && d.skipSpaces(ue, ce) == ce && cs >= 1 {
		if k := len(d.facts) - 1; k >= 0 && d.facts[k].Start >= ss && d.facts[k].End <= cs && d.facts[k].End >= d.clauseStart(cs-1) {
			if mi := metricIndex(e.R, d.facts[k].Metric); e.R.Metrics[mi].units[unit] && d.facts[k].UnitWord != unit {
				m, cand = mi, candidate{rule: "continues"}
			}
		}
	}
	// 2018年打掉涉黑组织71个，2019年打掉94个: a clause that repeats the
	// verb of the sentence's last fact, in the same unit, counts the same
	// thing with its object left out.
	if m < 0 && unit != "" {
		if mi, ok := d.ellipsis(cs, ss, nm.Start, unit); ok {
			m, cand = mi, candidate{rule: "ellipsis"}
		}
	}
	// 起 names an incident by itself, unless the clause names what is
	// counted with a non-cue noun (典型案例6起 are publicity, not cases).
	if m < 0 && !d.blockerBetween(cs, nm.Start) {
		if ms, ok := e.unitCue[unit]; ok {
			m, cand = ms[0], candidate{rule: "unit-cue", cue: span{start: nm.End, end: ue, word: unit}}
		}
	}
	if m < 0 {
		if d.trace && why == "" {
			why = "no cue of a metric in its clause"
			if unit != "" {
				why = "no cue of a metric counted in " + unit + " in its clause"
			}
		}
		d.reject(nm.Start, ue, why)
		return
	}
	met := e.R.Metrics[m]
	// 还有19条线索没有办结: a metric taken by default (no verb of its own
	// before the number) while its cue's verb is negated in the clause
	// counts what was not done, not what was found.
	if !negatedOne && len(met.Verbs) > 0 && (cand.rule == "cue-before" || cand.rule == "cue-after") &&
		d.lastVerb(m, ss, pl) < 0 && d.baVerb(m, cand, pl) < 0 && d.negatedVerbIn(cs, ce, cand.cue.metrics) {
		d.reject(nm.Start, ue, "count of what was not done (negated verb)")
		return
	}
	f := Fact{
		Metric: met.ID, Category: met.Category, Value: nm.Value, HasValue: nm.HasValue,
		Qualifier: nm.Qualifier, UnitWord: unit, NumStart: nm.NumStart, NumEnd: nm.NumEnd,
		Rule: cand.rule, PartOf: -1,
	}
	if cand.cue.word != "" && cand.rule != "part" && cand.rule != "unit-cue" {
		f.Rule = ruleText(cand)
	}
	if nm.Kind == numeral.KindRedacted {
		f.HasValue, f.Value, f.Qualifier = false, 0, "redacted"
	}
	if negatedOne {
		if len(e.negOK) > 0 && !e.negOK[m] {
			d.reject(nm.Start, ue, "negated \"not even one\" of a metric that has no zero facts")
			return
		}
		f.Value, f.Qualifier, f.Rule = 0, "exact", "negated-one/"+f.Rule
	}
	// 一封公开信, 一个平台: 一 + classifier before its noun is the article
	// "a", not a statistic of one.
	if !negatedOne && cand.rule == "cue-after" && met.Copies && f.HasValue && f.Value == 1 && d.simp[nm.NumStart] == '一' && nm.NumEnd-nm.NumStart == 1 {
		d.reject(nm.Start, ue, "一"+unit+" before its noun is an article, not a count")
		return
	}
	// Redacted parts of a redacted total carry nothing to check or sum.
	if !f.HasValue && total >= 0 && !d.facts[total].HasValue && f.Metric == d.facts[total].Metric {
		d.reject(nm.Start, ue, "redacted part of a redacted total")
		return
	}
	// Distributive 各 multiplies: 《A》《B》读本各500本 → 1000,
	// 三处各设置宣传栏2个 → 6, 组建三支宣讲队，各开展宣讲4场 → 12.
	// Items of different metrics each get the number, not a product:
	// 悬挂横幅、刷写标语各六条 is 6 banners and 6 slogans.
	var alsoFor []int
	if f.HasValue {
		if n, ok := d.distributive(cs, nm.Start); ok && n >= 2 {
			if alsoFor = d.eachMetrics(cs, nm.Start, unit, m); len(alsoFor) > 0 {
				f.Rule = "each-metric/" + f.Rule
			} else {
				f.Value *= float64(n)
				f.Rule = "each×" + strconv.Itoa(n) + "/" + f.Rule
			}
		}
	}
	f.Year = d.yearBefore(ss, nm.Start)
	if compYear != 0 {
		f.Year = compYear
	}
	f.Start, f.End = d.evidence(cs, ce, cand.cue, nm.Start, ue)
	f.Evidence = d.evidenceText(f.Start, f.End)
	if total >= 0 && cand.rule != "" {
		f.PartOf = total
		if cand.rule == "part" {
			f.Rule = "part"
		}
	}
	d.add(f)
	if bd, ok := d.breakdownAt[ss]; !ok || nm.Start < bd {
		d.totalOfSent[ss] = len(d.facts) - 1
	}
	for _, mi := range alsoFor {
		g := f
		g.Metric, g.Category, g.PartOf = e.R.Metrics[mi].ID, e.R.Metrics[mi].Category, -1
		d.add(g)
	}
}

// eachMetrics returns the metrics other than m whose cues are among the
// items listed before 各 in the clause and that count in unit, in text
// order: 各N then gives each of them N.
func (d *doc) eachMetrics(cs, pos int, unit string, m int) []int {
	q := d.lastEach(cs, pos)
	var out []int
	for _, c := range d.cues {
		if c.start < cs {
			continue
		}
		if c.end > q {
			break
		}
		for _, mi := range c.metrics {
			met := d.e.R.Metrics[mi]
			if mi == m || len(met.Verbs) > 0 || (unit != "" && !met.units[unit]) || slices.Contains(out, mi) {
				continue
			}
			out = append(out, mi)
			break
		}
	}
	return out
}

// evidenceText is strings.TrimSpace(string(d.orig[a:b])), trimmed as runes
// before the one conversion: TrimSpace goes the slow way round for text
// that does not start and end in ASCII. (A rune string converts badly
// only at runes that are not valid, which no space is.)
func (d *doc) evidenceText(a, b int) string {
	for a < b && unicode.IsSpace(d.orig[a]) {
		a++
	}
	for b > a && unicode.IsSpace(d.orig[b-1]) {
		b--
	}
	return string(d.orig[a:b])
}

// leadOfPair: when the nearest cue before the number is the second of a
// joined pair (横幅标语12.6万条, 横幅、标语共450条), the figure is reported
// under the first, as labellers do; the pair shares one number.
func (d *doc) leadOfPair(cands []candidate, unit string) []candidate {
	if len(cands) < 2 || cands[0].rule != "cue-before" {
		return cands
	}
	near := cands[0].cue
	for k, c := range cands[1:] {
		if c.rule != "cue-before" {
			continue
		}
		gap := near.start - c.cue.end
		joined := gap == 0 || gap == 1 && strings.ContainsRune("、和及与", d.simp[c.cue.end])
		// Cues of different categories are not a pair: the first
		// qualifies the second, the head noun (涉黑涉恶举报1件 is a report).
		if !joined || d.e.R.Metrics[c.cue.metrics[0]].Category != d.e.R.Metrics[near.metrics[0]].Category {
			break
		}
		// 立案涉恶案件3件: the specific head overrides the generic word
		// before it; they are not a pair.
		if d.overrides(near.metrics[0], c.cue.metrics[0]) {
			break
		}
		for _, mi := range c.cue.metrics {
			if (unit == "" || d.e.R.Metrics[mi].units[unit]) && len(d.e.R.Metrics[mi].Verbs) == 0 {
				out := append([]candidate{c}, cands[:k+1]...)
				return append(out, cands[k+2:]...)
			}
		}
		break
	}
	return cands
}

// choose picks the first candidate whose metric accepts the unit and whose
// verb, if the metric needs one, appears in the sentence before the number.
func (d *doc) choose(cands []candidate, unit string, ss int, pl *place) (int, candidate, string) {
	why := ""
	for _, c := range cands {
		best, bestPos := -1, -1
		var deflt = -1
		for _, mi := range c.cue.metrics {
			met := d.e.R.Metrics[mi]
			if unit != "" && !met.units[unit] {
				if d.trace && why == "" {
					why = fmt.Sprintf("unit %s does not count %s (cue %s)", unit, met.ID, c.cue.word)
				}
				continue
			}
			if unit == "" && c.dist > 1 {
				if d.trace && why == "" {
					why = "no unit word and not next to its cue " + c.cue.word
				}
				continue
			}
			if len(met.Verbs) == 0 {
				if best < 0 {
					best, bestPos = mi, ss-1
				}
				continue
			}
			if p := max(d.lastVerb(mi, ss, pl), d.baVerb(mi, c, pl)); p > bestPos {
				best, bestPos = mi, p
			} else if met.defaultFor[c.cue.word] {
				deflt = mi
			} else if met.Default && deflt < 0 {
				deflt = mi
			}
		}
		if best < 0 {
			best = deflt
		}
		if best >= 0 {
			// A specific cue in the same noun phrase wins over a generic
			// one: 涉恶刑事案件37起 is cases.evil, not cases.incidents.
			for _, c2 := range cands {
				for _, mi := range c2.cue.metrics {
					if c2.cue.end+2 >= c.cue.start && c2.cue.start < c.cue.start && d.overrides(mi, best) && (unit == "" || d.e.R.Metrics[mi].units[unit]) {
						return mi, c2, ""
					}
				}
			}
			return best, c, ""
		}
		if d.trace && why == "" { // the reason is for explain only
			why = "cue " + c.cue.word + " needs a verb (" + strings.Join(d.e.R.Metrics[c.cue.metrics[0]].Verbs[:min(3, len(d.e.R.Metrics[c.cue.metrics[0]].Verbs))], "/") + "…)"
		}
	}
	return -1, candidate{}, why
}

func (d *doc) overrides(winner, loser int) bool {
	for _, o := range d.e.override[winner] {
		if o == loser {
			return true
		}
	}
	return false
}

// governing returns the verb that governs a number at pos: the last verb in
// [a, pos), moved to the head of a chain of adjacent verbs (共排查上报线索 is
// about leads found, then reported).
func (d *doc) governing(a, pos int) (int, bool) {
	k := -1
	for i, v := range d.verbs {
		if v.start < a {
			continue
		}
		if v.end > pos {
			break
		}
		// 线索摸排推进会: a verb inside a non-cue noun governs nothing.
		if d.insideBlocker(v) {
			continue
		}
		k = i
	}
	if k < 0 {
		return -1, false
	}
	last := k
	for k > 0 && d.verbs[k-1].start >= a && d.chained(d.verbs[k-1], d.verbs[k]) {
		k--
	}
	// The chain's last verb wins when it names where the items went before
	// the counted noun: 摸排移交公安机关线索186条 is leads transferred, while
	// 排查上报各类线索 and 发现并向县扫黑办报送线索 stay leads found.
	if last != k {
		after := d.verbs[last].end
		if end := d.nextCueStart(after, pos); d.hasWordIn(d.e.dest, after, end) {
			return last, true
		}
	}
	return k, true
}

// chained reports whether verb b continues verb a: adjacent (排查上报), or
// joined by 并 with a short prepositional phrase (发现并向县扫黑办报送).
func (d *doc) chained(a, b span) bool {
	if a.end == b.start {
		return true
	}
	if b.start-a.end > 10 || d.simp[a.end] != '并' {
		return false
	}
	for i := a.end; i < b.start; i++ {
		if d.e.breaks[d.simp[i]] || sentenceBreaks[d.simp[i]] {
			return false
		}
	}
	return true
}

func (d *doc) nextCueStart(from, limit int) int {
	for _, c := range d.cues {
		if c.start >= from {
			return min(c.start, limit)
		}
	}
	return limit
}

// ownNumberAfter reports whether a count follows cue c directly, or after
// a closing quote and a summing word in the next clause (《…责任书》，共计36份).
func (d *doc) ownNumberAfter(c span) bool {
	i := c.end
	for n := 0; i < len(d.simp) && n < 3; n++ {
		switch d.simp[i] {
		case '》', '”', '"', '）', ')', ',', '，', ' ':
			i++
			continue
		}
		break
	}
	if en, ok := d.e.sumWords.match(d.simp, i); ok && i < len(d.simp) {
		i += len(en.word)
	}
	for i < len(d.simp) && (d.simp[i] == '约' || d.simp[i] == ' ') {
		i++
	}
	return d.numberBetween(i, min(len(d.simp), i+3))
}

// lastVerb is the position of the verb governing [a, b) if it marks
// metric mi, else -1. Only the head of a verb chain counts.
func (d *doc) lastVerb(mi, a int, pl *place) int {
	k, ok := d.governing(a, pl.pos)
	if !ok || !d.e.verbOf[mi][d.verbs[k].word] || (!pl.negOne && d.negatedVerb(d.verbs[k])) {
		return -1
	}
	return d.verbs[k].start
}

// clauseVerb finds, for a number without a cue in its clause, the verb
// governing it in its clause whose metric has a cue earlier in the sentence.
func (d *doc) clauseVerb(cs, ss, pos int, unit string) (int, span) {
	k, ok := d.governing(cs, pos)
	if !ok {
		return -1, span{}
	}
	v := d.verbs[k]
	if d.negatedVerb(v) {
		return -1, span{} // 未办结2条 counts what was not done
	}
	// A sentence that opens with its verb (已查结142条) continues the
	// previous one: its cue may be there.
	if ss >= 2 && cs == ss && !d.hasAgent(cs, v.start) {
		ss = d.sentStart(ss - 2)
	}
	if unit == "" {
		return -1, span{}
	}
	// The cue may stand earlier in the same clause, before the verb:
	// 共排查线索4条、移交3条.
	if mi := d.verbMetricNamed(v, unit, ss, max(cs, v.start)); mi >= 0 {
		return mi, v
	}
	return -1, span{}
}

// verbMetricNamed is the metric of verb v that counts in unit and whose cue
// occurs in [from, to), or -1.
func (d *doc) verbMetricNamed(v span, unit string, from, to int) int {
	for _, mi := range d.e.verbMet[v.word] {
		if !d.e.R.Metrics[mi].units[unit] {
			continue
		}
		for _, c := range d.cues {
			if c.start >= to {
				break
			}
			if c.start < from {
				continue
			}
			for _, cm := range c.metrics {
				// Or a cue of a sibling metric told apart by its verbs:
				// 来信来访43件，核查后移交派出所3件 moves received items on.
				if cm == mi || len(d.e.R.Metrics[cm].Verbs) > 0 && d.e.R.Metrics[cm].Category == d.e.R.Metrics[mi].Category {
					return mi
				}
			}
		}
	}
	return -1
}

// adverbs may stand between a clause start and its verb without being an agent.
var adverbs = runesOf("已经", "已", "经", "经过", "均", "共", "累计", "全部", "目前", "现已", "现", "先后", "分别", "并", "又", "再", "还", "都", "共计", "合计", "陆续", "及时", "依法")

// remainderWords before a number make it the rest of a total.
var remainderWords = runesOf("其余", "剩余", "余下")

// yearWords name a year relative to the report's (off years before it).
var yearWords = []struct {
	word []rune
	off  int
}{{[]rune("今年"), 0}, {[]rune("本年度"), 0}, {[]rune("去年"), -1}, {[]rune("上年"), -1}, {[]rune("上一年"), -1}}

func runesOf(ws ...string) [][]rune {
	out := make([][]rune, len(ws))
	for i, w := range ws {
		out[i] = []rune(w)
	}
	return out
}

// hasAgent reports whether a verb at v has its own subject in the clause
// (县扫黑办转办52条) rather than standing at the clause or item start
// (已办结398条, 其中移交派出所2条).
func (d *doc) hasAgent(cs, v int) bool {
	p := v
	for changed := true; changed; {
		changed = false
		for _, ar := range adverbs {
			if p-len(ar) >= cs && equalRunes(d.simp[p-len(ar):p], ar) {
				p -= len(ar)
				changed = true
				break
			}
		}
	}
	if p <= cs || d.simp[p-1] == '、' || d.simp[p-1] == ' ' {
		return false
	}
	for _, br := range d.e.breakdownWords {
		if p-len(br) >= cs && equalRunes(d.simp[p-len(br):p], br) {
			return false
		}
	}
	return true
}

// verbAfter finds a metric verb right after a number's unit in its clause
// (其余3条已办结), for a metric whose cue the sentence named before.
func (d *doc) verbAfter(ue, ce, cs, ss int, unit string) (int, span) {
	if unit == "" {
		return -1, span{}
	}
	for _, v := range d.verbs {
		if v.start < ue {
			continue
		}
		if v.start >= ce || v.start-ue > 4 {
			break
		}
		if d.negatedVerb(v) {
			continue // 仍有6条超期未办结: not closed
		}
		if mi := d.verbMetricNamed(v, unit, ss, ue); mi >= 0 {
			return mi, v
		}
	}
	return -1, span{}
}

// place is what choosing a metric needs to know about a number: its
// clause start, where it starts, where its unit word ends, and whether it
// is a negated 一 (未发现一条).
type place struct {
	cs, pos, ue int
	negOne      bool
	ba          int8 // 将/把 in the clause before the number: 0 not looked yet, 1 no, 2 yes
}

// baBefore reports whether 将 or 把 stands in the clause before the number,
// looked for once (few numbers ever ask).
func (d *doc) baBefore(pl *place) bool {
	if pl.ba == 0 {
		pl.ba = 1
		for i := pl.cs; i < pl.pos; i++ {
			if d.simp[i] == '将' || d.simp[i] == '把' {
				pl.ba = 2
				break
			}
		}
	}
	return pl.ba == 2
}

// verbsFrom is the index of the first verb starting at or after pos (the
// verbs are in text order).
func (d *doc) verbsFrom(pos int) int {
	lo, hi := 0, len(d.verbs)
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		if d.verbs[m].start < pos {
			lo = m + 1
		} else {
			hi = m
		}
	}
	return lo
}

// baVerb is the position of a verb of metric mi said of the counted items
// after they are named, or -1: the object moved forward by 将/把
// (将2条线索报送公安机关: leads transferred), or the subject, its verb after
// it and an adverb (7条线索已全部上报县扫黑办, 问题线索2条已移交县公安局).
func (d *doc) baVerb(mi int, c candidate, pl *place) int {
	switch {
	case c.rule == "cue-before":
		return d.verbAt(mi, pl.ue, adverbGap(d.simp, pl.ue))
	case c.rule != "cue-after":
		return -1
	case d.baBefore(pl):
		return d.verbAt(mi, c.cue.end, 1)
	}
	return d.verbAt(mi, c.cue.end, adverbGap(d.simp, c.cue.end))
}

// verbAt is the position of a verb of metric mi, not negated, starting in
// [from, from+gap], or -1 (gap 0: none).
func (d *doc) verbAt(mi, from, gap int) int {
	if gap == 0 {
		return -1
	}
	for _, v := range d.verbs[d.verbsFrom(from):] {
		if v.start > from+gap {
			break
		}
		if d.e.verbOf[mi][v.word] && !d.negatedVerb(v) {
			return v.start
		}
	}
	return -1
}

// adverbGap is how many runes of adverbs (已, 全部, 均, at most four)
// start at from.
func adverbGap(text []rune, from int) int {
	gap := 0
	for i := from; i < len(text) && i < from+4 && subjectAdverb(text[i]); i++ {
		gap = i + 1 - from
	}
	return gap
}

// subjectAdverb: the runes of the adverbs between counted items and the
// verb that says what happened to them (已, 已经, 全部, 均, 都).
func subjectAdverb(r rune) bool {
	switch r {
	case '已', '经', '全', '部', '均', '都':
		return true
	}
	return false
}

// baseSuffixes may follow the year of a comparison's base (比上年同期的).
var baseSuffixes = runesOf("同期", "底", "末")

// comparisonWords open a comparison with an earlier figure (较2018年的31起).
var comparisonWords = runesOf("较", "比", "相比", "同比", "对比")

// changeWords state the change a comparison measures (增加56起).
var changeWords = runesOf("增加", "增长", "减少", "下降", "提高", "降低", "上升", "增多", "净增", "多出", "少了")

// changeLast has the last rune of each change word: a quick test.
var changeLast = func() map[rune]bool {
	m := map[rune]bool{}
	for _, w := range changeWords {
		m[w[len(w)-1]] = true
	}
	return m
}()

// comparisonBase reports whether the number at pos is the figure of an
// earlier year a comparison is made with — 较2018年的31起, 比上年同期的
// 168条 — and which year that is.
func (d *doc) comparisonBase(cs, pos int) (int, bool) {
	// Most numbers have no 较/比 (or 年为) just before them: one scan
	// back says so.
	near := pos-2 >= cs && d.simp[pos-1] == '为' && d.simp[pos-2] == '年'
	for i := max(cs, pos-12); i < pos && !near; i++ {
		if d.simp[i] == '较' || d.simp[i] == '比' {
			near = true
		}
	}
	if !near {
		return 0, false
	}
	p := pos
	// 全年共摸排线索8条(2020年为14条): the earlier year's figure, stated.
	stated := p-1 > cs && d.simp[p-1] == '为'
	if p > cs && (d.simp[p-1] == '的' || stated) {
		p--
	}
	for _, w := range baseSuffixes {
		if p-len(w) >= cs && equalRunes(d.simp[p-len(w):p], w) {
			p -= len(w)
			break
		}
	}
	year, ys := 0, -1
	for _, w := range yearWords {
		if w.off < 0 && d.reportYear > 0 && p-len(w.word) >= cs && equalRunes(d.simp[p-len(w.word):p], w.word) {
			year, ys = d.reportYear+w.off, p-len(w.word)
		}
	}
	if ys < 0 {
		k := sort.Search(len(d.nums), func(k int) bool { return d.nums[k].End >= p })
		if k == len(d.nums) || d.nums[k].End != p || d.nums[k].Kind != numeral.KindYear || d.nums[k].Start < cs {
			return 0, false
		}
		year, ys = int(d.nums[k].Value), d.nums[k].Start
	}
	if stated && ys-1 >= 0 && (d.simp[ys-1] == '(' || d.simp[ys-1] == '（') {
		return year, true
	}
	for _, w := range comparisonWords {
		if ys-len(w) >= cs && equalRunes(d.simp[ys-len(w):ys], w) {
			return year, true
		}
	}
	return 0, false
}

// difference reports whether the number at pos follows a change word in a
// clause that compares (较…增加56起).
func (d *doc) difference(cs, pos int) bool {
	if pos-1 < cs || !changeLast[d.simp[pos-1]] {
		return false
	}
	changed := false
	for _, w := range changeWords {
		if pos-len(w) >= cs && equalRunes(d.simp[pos-len(w):pos], w) {
			changed = true
		}
	}
	if !changed {
		return false
	}
	for i := cs; i < pos; i++ {
		for _, w := range comparisonWords {
			if i+len(w) <= pos && equalRunes(d.simp[i:i+len(w)], w) {
				return true
			}
		}
	}
	return false
}

// ellipsis is the metric of the sentence's last fact when the number at pos
// follows the same two-ideograph verb that stood before that fact's number
// in its clause, and is counted in the same unit.
func (d *doc) ellipsis(cs, ss, pos int, unit string) (int, bool) {
	k := len(d.facts) - 1
	if k < 0 || pos-2 < cs {
		return -1, false
	}
	f := &d.facts[k]
	if f.Start < ss || f.UnitWord != unit || f.PartOf >= 0 || !f.HasValue {
		return -1, false
	}
	v := d.simp[pos-2 : pos]
	if v[0] < 0x4E00 || v[0] > 0x9FFF || v[1] < 0x4E00 || v[1] > 0x9FFF {
		return -1, false
	}
	pcs := d.clauseStart(f.NumStart)
	if pcs >= cs {
		return -1, false
	}
	for i := pcs; i+2 <= f.NumStart; i++ {
		if equalRunes(d.simp[i:i+2], v) {
			return metricIndex(d.e.R, f.Metric), true
		}
	}
	return -1, false
}

// insideBlocker reports whether span v lies inside a non-cue noun.
func (d *doc) insideBlocker(v span) bool {
	k := sort.Search(len(d.blockers), func(k int) bool { return d.blockers[k].end >= v.end })
	return k < len(d.blockers) && d.blockers[k].start <= v.start
}

// insideTitle reports whether position pos of the clause starting at cs is
// inside a 《…》 title: 《致全县人民的一封信》 names a document, its 一 is not a
// count.
func (d *doc) insideTitle(cs, pos int) bool {
	for i := pos - 1; i >= cs; i-- {
		switch d.simp[i] {
		case '》':
			return false
		case '《':
			return true
		}
	}
	return false
}

// negatedVerbIn reports whether the clause [cs, ce) has a negated verb of
// one of metrics, or of any metric when metrics is nil (线索…未办结).
func (d *doc) negatedVerbIn(cs, ce int, metrics []int) bool {
	for _, v := range d.verbs[d.verbsFrom(cs):] {
		if v.start >= ce {
			break
		}
		if !d.negatedVerb(v) {
			continue
		}
		if metrics == nil {
			return true
		}
		for _, mi := range metrics {
			if d.e.verbOf[mi][v.word] {
				return true
			}
		}
	}
	return false
}

// negatedVerb reports whether a negation (未, 没有, 尚未 …) stands right
// before verb v: 未办结 says the items were not closed.
func (d *doc) negatedVerb(v span) bool {
	for i := max(v.start-2, 0); i < v.start; i++ {
		if en, ok := d.e.negOne.match(d.simp, i); ok && i+len(en.word) == v.start {
			return true
		}
	}
	return false
}

// blockerBetween reports whether a non-cue noun (典型案例, 黑恶势力) stands
// between a cue and a number: the count is then of that noun.
func (d *doc) blockerBetween(a, b int) bool { return spanWithin(d.blockers, a, b) }

// spanWithin reports whether one of spans (in text order) lies in [a, b).
func spanWithin(spans []span, a, b int) bool {
	for _, x := range spans {
		if x.start >= a && x.end <= b {
			return true
		}
		if x.start >= b {
			break
		}
	}
	return false
}

// sumsUp reports whether the clause before a number is only a summing word
// and verbs (共签订15份, 累计组织一百八十余场, 共计约7400条), so it counts
// the thing the previous clause named. 累计播放量超过50万次 names its own.
func (d *doc) sumsUp(cs, pos int) bool {
	i := cs
	found := false
	for i < pos {
		if en, ok := d.e.sumWords.match(d.simp, i); ok {
			i += len(en.word)
			found = true
			continue
		}
		if en, ok := d.e.verbs.match(d.simp, i); ok {
			i += len(en.word)
			continue
		}
		if en, ok := d.e.eachVerbs.match(d.simp, i); ok {
			i += len(en.word)
			continue
		}
		switch d.simp[i] {
		case '约', '达', '了', '有', '为', ' ', '已', '全', '县', '各', '校', '镇', '村', '部', '门':
			// short subjects like 全县各校 are fine
			i++
			continue
		}
		return false
	}
	return found
}

// hasYearWord is a cheap pre-check for 今年/去年/上年/本年度 in [a, b).
func (d *doc) hasYearWord(a, b int) bool {
	for i := a; i+1 < b; i++ {
		if d.simp[i+1] == '年' {
			switch d.simp[i] {
			case '今', '去', '上', '本', '一':
				return true
			}
		}
	}
	return false
}

// labelColon reports whether the colon at i separates a label from its
// figure (悬挂横幅：450条, 发放宣传资料：约3.2万份): then label and number are
// one clause. A colon before words (汇报如下：) still ends the clause.
func (d *doc) labelColon(i int) bool {
	if d.simp[i] != ':' && d.simp[i] != '：' {
		return false
	}
	j := d.skipSpaces(i+1, len(d.simp))
	if j < len(d.simp) && (d.simp[j] == '约' || d.simp[j] == '近' || d.simp[j] == '共') {
		j++
	}
	if j >= len(d.simp) {
		return false
	}
	switch r := d.simp[j]; {
	case r >= '0' && r <= '9', r == 'x', r == 'X', r == '*':
		return true
	case strings.ContainsRune("一二两三四五六七八九十百千万〇零", r):
		// a Chinese numeral followed by more numeral or a unit, not a word (一是)
		return j+1 < len(d.simp) && d.simp[j+1] != '是' && d.simp[j+1] != '要'
	}
	return false
}

// thousands reports whether the comma at i separates thousands (4,817),
// which is part of a number, not a clause break.
func (d *doc) thousands(i int) bool {
	if d.simp[i] != ',' || i == 0 || i+3 >= len(d.simp) {
		return false
	}
	isD := func(r rune) bool { return r >= '0' && r <= '9' }
	return isD(d.simp[i-1]) && isD(d.simp[i+1]) && isD(d.simp[i+2]) && isD(d.simp[i+3]) && (i+4 >= len(d.simp) || !isD(d.simp[i+4]))
}

func (d *doc) lastRuneIn(r rune, a, b int) int {
	for i := b - 1; i >= a; i-- {
		if d.simp[i] == r {
			return i
		}
	}
	return -1
}

func (d *doc) verbBetween(a, b int) bool { return spanWithin(d.verbs, a, b) }

func (d *doc) semicolonBetween(a, b int) bool {
	for i := a; i < b; i++ {
		if d.simp[i] == '；' || d.simp[i] == ';' {
			return true
		}
	}
	return false
}

func (d *doc) skipSpaces(i, end int) int {
	for i < end && d.simp[i] == ' ' {
		i++
	}
	return i
}

// distributive finds a distributive 各 before pos in the clause and the
// number of items it distributes over: a count right before it (三处各),
// else the items enumerated before it in the clause, or in the previous
// clause when 各 opens this one.
func (d *doc) distributive(cs, pos int) (int, bool) {
	q := d.lastEach(cs, pos)
	// 各 before a noun is "every" (各村, 各派出所); only 各 before the number
	// or before an action verb distributes (各500本, 各设置宣传栏2个).
	if q < 0 || d.numberBetween(q+1, pos) {
		return 0, false
	}
	if q+1 < pos {
		if _, ok := d.e.eachVerbs.match(d.simp, q+1); !ok {
			return 0, false
		}
	}
	for _, ni := range d.counts {
		nm := &d.nums[ni]
		if nm.NumStart >= q {
			break
		}
		if nm.NumStart < cs {
			continue
		}
		end := nm.End
		if nm.UnitEnd > end {
			end = nm.UnitEnd
		}
		// 三处各 / 两个广场各: the count and its noun right before 各.
		if nm.HasValue && end <= q && q-end <= 4 && !d.numberBetween(end, q) {
			if p := d.skipSpaces(end, q); p == q || q-end <= 4 {
				return int(nm.Value), true
			}
		}
	}
	if n := d.enumerated(cs, q); n >= 2 {
		return n, true
	}
	if d.skipSpaces(cs, q) == q && cs >= 2 {
		if n := d.enumerated(d.clauseStart(cs-2), cs-1); n >= 2 {
			return n, true
		}
	}
	return 1, true
}

// lastEach is the position of the last 各 in [cs, pos), or -1.
func (d *doc) lastEach(cs, pos int) int {
	for i := pos - 1; i >= cs; i-- {
		if string(d.simp[i]) == d.e.R.Each {
			return i
		}
	}
	return -1
}

// enumerated counts the items listed before 各 in the clause: book titles
// 《…》, else items separated by 、 or joined by 和/及/与 (乡政府门口和集镇
// 中心各设置电子屏1块: two; 县委、县政府和政法委各…: three).
func (d *doc) enumerated(cs, each int) int {
	titles, seps := 0, 0
	for i := cs; i < each; i++ {
		switch d.simp[i] {
		case '《':
			titles++
		case '、':
			seps++
		case '和', '及', '与':
			if i > cs && i+1 < each && !conjWord(d.simp[i-1], d.simp[i], d.simp[i+1]) {
				seps++
			}
		}
	}
	if titles >= 2 {
		return titles
	}
	if seps > 0 {
		return seps + 1
	}
	return 1
}

// conjWord reports whether 和/及/与 at the middle of a, b, c is part of a
// word (和谐, 和平, 以及 counts once: 以 is skipped, 及时, 涉及, 参与, 给与)
// rather than a conjunction between two items.
func conjWord(a, b, c rune) bool {
	switch b {
	case '和':
		return c == '谐' || c == '平' || c == '睦' || c == '美' || a == '温' || a == '共' || a == '总' || a == '调' || a == '缓'
	case '及':
		return c == '时' || c == '早' || c == '格' || a == '涉' || a == '普' || a == '波' || a == '危' || a == '来' || a == '不'
	case '与':
		return a == '参' || a == '给' || a == '赋' || a == '授' || a == '干'
	}
	return false
}

// yearBefore is the last explicit year mentioned in the sentence before pos:
// 2019年…, 二〇二〇年…, 今年 (the report's year), 去年/上年.
func (d *doc) yearBefore(ss, pos int) int {
	y := 0
	k := sort.Search(len(d.nums), func(k int) bool { return d.nums[k].Start >= ss })
	for i := k; i < len(d.nums); i++ {
		nm := &d.nums[i]
		if nm.Start < ss {
			continue
		}
		if nm.Start >= pos {
			break
		}
		if (nm.Kind == numeral.KindYear || nm.Kind == numeral.KindDate) && nm.HasValue && nm.Value >= 1990 && nm.Value <= 2100 {
			y = int(nm.Value)
		}
	}
	if d.reportYear > 0 && d.hasYearWord(ss, pos) {
		// The last of the words wins; none starts where another does.
		last := -1
		for _, w := range yearWords {
			if i := lastIndexRunes(d.simp[ss:pos], w.word); i > last {
				last = i
				y = d.reportYear + w.off
			}
		}
	}
	return y
}

// lastIndexRunes is the index of the last w in s, or -1.
func lastIndexRunes(s, w []rune) int {
	for i := len(s) - len(w); i >= 0; i-- {
		if s[i] == w[0] && equalRunes(s[i:], w) {
			return i
		}
	}
	return -1
}

// evidence is the clause holding the number, widened to its cue.
func (d *doc) evidence(cs, ce int, cue span, a, b int) (int, int) {
	s, e := cs, ce
	if cue.word != "" {
		s, e = min(s, cue.start), max(e, cue.end)
	}
	s, e = min(s, a), max(e, b)
	for s < e && (d.simp[s] == ' ' || d.simp[s] == '\n') {
		s++
	}
	return s, e
}

// factKey identifies a fact for add's repeat check. It stands for the
// text "metric|value|qualifier|evidence" (value as fmt.Sprint prints it,
// or null) and equals another key exactly when that text does, but is
// made of strings the fact already holds: no key is built per fact.
type factKey struct {
	metric, qualifier, evidence string
	hasValue                    bool
	value                       uint64 // the bits of Value, one NaN for all
}

func (d *doc) add(f Fact) {
	// A sentence repeated in the text (pasted twice) counts once.
	// Distinct bits of Value print distinctly (the shortest repr is
	// exact, -0 prints as -0), except that every NaN prints as NaN.
	k := keyOf(&f)
	if d.e.pipeIDs {
		// A metric ID holding '|' makes the joined text ambiguous; keep
		// the text itself as the key so that such rules behave as before.
		k = factKey{evidence: joinedKey(f)}
	}
	if d.seenKey(k) {
		d.reject(f.NumStart, f.NumEnd, "repeat of an earlier identical clause")
		return
	}
	if d.e.pipeIDs || len(d.facts) >= linearSeen {
		d.seen[k] = true
	}
	d.facts = append(d.facts, f)
}

// linearSeen: up to this many facts, add finds repeats by comparing with
// each fact so far, which for the few facts of most documents is cheaper
// than hashing every evidence string into a map. Above it, the map holds
// the keys of all facts (seenKey fills it the first time).
const linearSeen = 48

// seenKey reports whether a fact with key k was added before: the keys
// of the facts so far are exactly the keys seen, as add keeps only facts
// with a new key.
func (d *doc) seenKey(k factKey) bool {
	if d.e.pipeIDs {
		return d.seen[k]
	}
	if len(d.facts) < linearSeen {
		for i := range d.facts {
			if keyOf(&d.facts[i]) == k {
				return true
			}
		}
		return false
	}
	if len(d.seen) == 0 {
		for i := range d.facts {
			d.seen[keyOf(&d.facts[i])] = true
		}
	}
	return d.seen[k]
}

// keyOf is add's repeat key of a fact (without the '|' ambiguity of
// pipeIDs, which add handles).
func keyOf(f *Fact) factKey {
	k := factKey{metric: f.Metric, qualifier: f.Qualifier, evidence: f.Evidence, hasValue: f.HasValue}
	if f.HasValue {
		k.value = math.Float64bits(f.Value)
		if math.IsNaN(f.Value) {
			k.value = math.Float64bits(math.NaN())
		}
	}
	return k
}

// joinedKey is the repeat check's key as text: metric|value|qualifier|evidence.
func joinedKey(f Fact) string {
	k := []byte(f.Metric)
	k = append(k, '|')
	if f.HasValue {
		k = strconv.AppendFloat(k, f.Value, 'g', -1, 64) // as fmt.Sprint
	} else {
		k = append(k, "null"...)
	}
	k = append(k, '|')
	k = append(k, f.Qualifier...)
	k = append(k, '|')
	k = append(k, f.Evidence...)
	return string(k)
}

// negations turns 未排查到保护伞 into cases.umbrella = 0.
func (d *doc) negations() {
	e := d.e
	n := len(d.simp)
	for _, ng := range d.negs {
		i, te, trig := ng.start, ng.end, ng.word
		ss, ce := d.sentStart(i), d.clauseEnd(i)
		if d.hasWordIn(e.unless, ss, ce) {
			continue
		}
		// The head noun comes last in a Chinese noun phrase: in
		// 未发现职工参与黑恶势力或充当保护伞问题 the negated count is the
		// umbrella, so the last cue in the window is taken.
		var inWin []span
		for _, c := range d.cues {
			if c.start < te {
				continue
			}
			if c.start >= ce || c.start-te > e.R.Negation.Window || d.numberBetween(te, c.start) {
				break
			}
			inWin = append(inWin, c)
		}
		// The umbrella is the campaign's headline count: when it is named
		// in a negated clause, that is what is negated (未发现“保护伞”线索).
		for k, c := range inWin {
			if d.e.negFirst[c.metrics[0]] {
				inWin = inWin[k : k+1]
				break
			}
		}
		for k := len(inWin) - 1; k >= 0; k-- {
			c := inWin[k]
			// 未发现有涉黑涉恶前科的人员: the negated head is persons.
			if d.hasWordIn(e.negNot, c.end, ce) {
				break
			}
			// 未发现员工参与涉黑涉恶活动: persons' involvement, not a count
			// of gangs; 未发现民警充当“保护伞” still negates the umbrella.
			if !e.negFirst[c.metrics[0]] && d.hasWordIn(e.negNot, te, c.start) {
				break
			}
			m := -1
			for _, mi := range c.metrics {
				if !e.negOK[mi] {
					continue
				}
				met := e.R.Metrics[mi]
				if len(met.Verbs) == 0 {
					m = mi
					break
				}
				for v := range e.verbOf[mi] {
					if strings.Contains(trig, v) {
						m = mi
					}
				}
				if m < 0 && met.Default {
					m = mi
				}
			}
			if m < 0 {
				continue
			}
			met := e.R.Metrics[m]
			s, en2 := d.evidence(d.clauseStart(i), ce, c, i, c.end)
			d.add(Fact{
				Metric: met.ID, Category: met.Category, Value: 0, HasValue: true, Qualifier: "exact",
				Year: d.yearBefore(ss, i), Start: s, End: en2, NumStart: i, NumEnd: te,
				Evidence: d.evidenceText(s, en2), Rule: "negation:" + trig + "+" + c.word, PartOf: -1,
			})
			break
		}
	}
	if len(d.e.zeroCue) > 0 && d.e.zeroMet >= 0 {
		for _, i := range d.zeros {
			ss, se := d.sentStart(i), d.clauseEnd(i)
			for se < n && !sentenceBreaks[d.simp[se]] {
				se++
			}
			// "6个乡镇仍是零报告" is about some sub-units, not the whole unit.
			if d.hasWordIn(d.e.zeroNo, ss, se) || d.numberBetween(d.clauseStart(i), i) {
				continue
			}
			met := e.R.Metrics[d.e.zeroMet]
			s, en2 := d.evidence(d.clauseStart(i), d.clauseEnd(i), span{}, i, i+len(d.e.zeroCue))
			d.add(Fact{
				Metric: met.ID, Category: met.Category, HasValue: true, Qualifier: "exact",
				Year: d.yearBefore(ss, i), Start: s, End: en2, NumStart: i, NumEnd: i + len(d.e.zeroCue),
				Evidence: d.evidenceText(s, en2), Rule: "zero-report", PartOf: -1,
			})
		}
	}
}

func sortCands(c []candidate) {
	// Insertion sort: a handful of candidates; stable so that at equal
	// distance the cue before the number wins.
	for i := 1; i < len(c); i++ {
		for j := i; j > 0 && c[j].dist < c[j-1].dist; j-- {
			c[j], c[j-1] = c[j-1], c[j]
		}
	}
}

func metricIndex(r *Rules, id string) int {
	for i, m := range r.Metrics {
		if m.ID == id {
			return i
		}
	}
	return -1
}
