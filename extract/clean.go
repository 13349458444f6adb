package extract

import (
	"cmp"
	"fmt"
	"math/bits"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
	"unsafe"

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
func Clean(text string) (cleaned string, m *OffsetMap, notes []string) {
	sc := scratchPool.Get().(*scratch)
	defer scratchPool.Put(sc)
	if sc.seen == nil {
		sc.seen = map[string]struct{}{}
	}
	c := cleaner{spare: sc.edits[:0], runeAt: sc.runeAt[:0], lineBuf: sc.lines[:0], seen: sc.seen}
	if edits, runes, dropped, ok := c.charNFKCEdits(text); ok {
		c.b = newBuf(text, runes, sc)
		c.noteDropped(dropped)
		c.b.applyAt(edits, c.runeAt)
		c.keepEdits(edits)
		// Passes 1 and 2 made no ideograph and joined none (an invisible
		// character dropped between two could).
		c.maybeMarkers = c.maybeMarkers || dropped > 0
	} else {
		if !utf8.ValidString(text) {
			// One U+FFFD per invalid byte keeps rune offsets aligned with
			// []rune(text), which is how callers index the original.
			text = string([]rune(text))
		}
		c.b = newBuf(text, validRuneCount(text), sc)
		c.run(c.charEdits)
		c.nfkc()
		c.maybeMarkers, c.maybeFooter = true, true
	}
	b := c.b
	c.run(c.pinyinEdits)
	c.run(c.boilerplateEdits)
	c.run(c.whitespaceEdits)
	spaced := b.applies
	c.run(c.pageDebrisEdits)
	c.run(c.repeatEdits)
	c.run(c.artifactEdits)
	if b.applies != spaced {
		// The whitespace pass changes nothing in its own output.
		c.run(c.whitespaceEdits)
	}
	c.run(c.reflowEdits)
	m = b.offsetMap()
	cleaned = b.s
	if b.applies > 0 {
		cleaned = strings.Clone(b.s) // b.s is in a scratch buffer
	}
	// The scratch buffers go back to the pool; nothing returned refers to
	// them (the map and the text are copies).
	sc.edits, sc.runeAt, sc.lines, sc.idx, sc.out = c.spare, c.runeAt, c.lineBuf, [2][]int32{b.idx, b.spare}, b.out
	if len(c.seen) > 1<<10 {
		sc.seen = nil // clearing costs its capacity: don't keep a huge one
	}
	return cleaned, m, c.notes
}

// scratch holds the buffers one Clean call needs, reused across calls.
type scratch struct {
	edits  []edit
	runeAt []int
	lines  []lineSpan
	idx    [2][]int32 // buf.idx and buf.spare
	out    [2][]byte  // buf.out
	seen   map[string]struct{}
}

var scratchPool = sync.Pool{New: func() any { return new(scratch) }}

// buf is text under cleaning with, for every rune, its offset in the
// original. The per-rune slice lives only while cleaning; the result is
// compressed into an OffsetMap.
type buf struct {
	// s is written into out[0] and out[1] in turn (each apply reads the
	// other), so a string cut from s is only valid until the next apply
	// but one: code that keeps one across applies compares applies, the
	// number of applies so far, instead.
	s       string
	out     [2][]byte
	applies int
	idx     []int32
	// ident: idx is the identity (and unused until the first edit), which
	// saves building it for text that needs few passes.
	ident   bool
	spare   []int32 // the previous idx, reused by the next apply
	origLen int
	// valid: s is valid UTF-8 (Clean ensures it) and every edit so far cut
	// it at rune starts, so any piece between edit boundaries is valid and
	// its runes can be counted by skipping continuation bytes.
	valid bool
}

// newBuf takes valid UTF-8 (Clean makes it so) of the given rune count,
// and reuses the scratch's offset slices.
func newBuf(text string, runes int, sc *scratch) *buf {
	return &buf{s: text, ident: true, origLen: runes, valid: true, idx: sc.idx[0][:0], spare: sc.idx[1][:0], out: sc.out}
}

// runes is the rune count of b.s.
func (b *buf) runes() int {
	if b.ident {
		return b.origLen
	}
	return len(b.idx)
}

// appendIdx appends the original offsets of runes [lo, hi) of b.s.
func (b *buf) appendIdx(dst []int32, lo, hi int) []int32 {
	if !b.ident {
		return append(dst, b.idx[lo:hi]...)
	}
	n := len(dst)
	dst = slices.Grow(dst, hi-lo)[:n+hi-lo]
	seg := dst[n:] // (a loop over seg needs no bounds checks)
	for k := range seg {
		seg[k] = int32(lo + k)
	}
	return dst
}

// pieceRunes returns a rune counter (utf8.RuneCountInString) for pieces
// of b.s between edit boundaries.
func (b *buf) pieceRunes() func(string) int {
	if b.valid {
		return validRuneCount
	}
	return runeCount
}

// runeCount is utf8.RuneCountInString (an invalid byte counts as one rune)
// with three-byte sequences, most of a Chinese text, counted inline.
func runeCount(s string) int {
	n := 0
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case c < utf8.RuneSelf:
			i++
		// Lead bytes E1..EC and EE..EF with two continuation bytes are
		// always a valid rune (E0 and ED restrict the second byte).
		case (c >= 0xE1 && c <= 0xEC || c >= 0xEE) && c <= 0xEF && i+2 < len(s) && s[i+1]&0xC0 == 0x80 && s[i+2]&0xC0 == 0x80:
			i += 3
		default:
			_, size := utf8.DecodeRuneInString(s[i:])
			i += size
		}
		n++
	}
	return n
}

// runeStartAt reports whether byte offset i of s is a rune start (or
// outside s, where apply skips the edit or it ends the text).
func runeStartAt(s string, i int) bool {
	return i < 0 || i >= len(s) || utf8.RuneStart(s[i])
}

// validRuneCount counts the runes of valid UTF-8: the bytes that are not
// continuation bytes (10xxxxxx), eight at a time.
func validRuneCount(s string) int {
	cont := 0
	i := 0
	// (The loop is written so that the compiler drops the bounds checks
	// and merges the eight byte loads into one.)
	for ; i < len(s)-7; i += 8 {
		w := uint64(s[i]) | uint64(s[i+1])<<8 | uint64(s[i+2])<<16 | uint64(s[i+3])<<24 |
			uint64(s[i+4])<<32 | uint64(s[i+5])<<40 | uint64(s[i+6])<<48 | uint64(s[i+7])<<56
		cont += bits.OnesCount64(w &^ (w << 1) & 0x8080808080808080)
	}
	for ; i < len(s); i++ {
		if s[i]&0xC0 == 0x80 {
			cont++
		}
	}
	return len(s) - cont
}

// edit replaces bytes [start, end) of buf.s with repl.
type edit struct {
	start, end int
	repl       string
}

// apply performs edits (any order; overlapping edits after the first are
// dropped). Replacement runes map one-to-one onto the replaced runes when the
// counts agree, otherwise all to the first replaced rune; pure insertions map
// to the rune that follows them.
func (b *buf) apply(edits []edit) { b.applyAt(edits, nil) }

// applyAt is apply with, when runeAt is not nil, the rune offset in b.s of
// every edit's start (which saves counting the runes between edits; the
// edits must then be sorted).
func (b *buf) applyAt(edits []edit, runeAt []int) {
	if len(edits) == 0 {
		return
	}
	// Passes emit edits mostly in order; a sorted slice is left as it is
	// (what a stable sort would do).
	if !slices.IsSortedFunc(edits, func(a, b edit) int { return cmp.Compare(a.start, b.start) }) {
		if runeAt != nil {
			panic("extract: applyAt with unsorted edits")
		}
		slices.SortStableFunc(edits, func(a, b edit) int { return cmp.Compare(a.start, b.start) })
	}
	out := slices.Grow(b.out[b.applies%2][:0], len(b.s))
	if b.valid {
		for _, e := range edits {
			if !runeStartAt(b.s, e.start) || !runeStartAt(b.s, e.end) || !utf8.ValidString(e.repl) {
				b.valid = false
				break
			}
		}
	}
	count := b.pieceRunes()
	idx := b.spare[:0]
	if cap(idx) < b.runes() {
		idx = make([]int32, 0, b.runes()+b.runes()/8)
	}
	pos, ri := 0, 0
	for k, e := range edits {
		if e.start < pos || e.end < e.start || e.end > len(b.s) {
			continue
		}
		keep := b.s[pos:e.start]
		var n int
		if runeAt != nil {
			n = runeAt[k] - ri
		} else {
			n = count(keep)
		}
		out = append(out, keep...)
		idx = b.appendIdx(idx, ri, ri+n)
		ri += n
		on := count(b.s[e.start:e.end])
		rn := count(e.repl)
		out = append(out, e.repl...)
		switch {
		case rn == on:
			idx = b.appendIdx(idx, ri, ri+on)
		case rn > 0:
			anchor := int32(b.origLen)
			if ri < b.runes() {
				anchor = int32(ri)
				if !b.ident {
					anchor = b.idx[ri]
				}
			}
			for range rn {
				idx = append(idx, anchor)
			}
		}
		ri += on
		pos = e.end
	}
	out = append(out, b.s[pos:]...)
	idx = b.appendIdx(idx, ri, b.runes())
	b.out[b.applies%2] = out
	b.s = unsafe.String(unsafe.SliceData(out), len(out))
	b.idx, b.spare, b.ident = idx, b.idx, false
	b.applies++
}

func (b *buf) offsetMap() *OffsetMap {
	var ob OffsetBuilder
	if b.ident {
		ob.AddRun(0, b.origLen)
		return ob.Build(b.origLen)
	}
	// Runs of consecutive offsets go in at once (AddRun merges them exactly
	// as rune-by-rune Adds would).
	idx := b.idx
	for i := 0; i < len(idx); {
		j, next := i+1, idx[i]+1
		for j < len(idx) && idx[j] == next {
			j, next = j+1, next+1
		}
		ob.AddRun(int(idx[i]), j-i)
		i = j
	}
	return ob.Build(b.origLen)
}

type cleaner struct {
	b     *buf
	notes []string
	// strippedHead is set when sharing-site boilerplate was removed from the
	// first line: evidence that a leading "1、" is a page number.
	strippedHead bool
	spare        []edit // see apply

	seen map[string]struct{} // see repeatEdits

	// maybeMarkers: the text may hold a site marker; maybeFooter: a page
	// footer word (see boilerplateEdits).
	maybeMarkers, maybeFooter bool
	runeAt                    []int // see charNFKCEdits

	// See lines.
	lineBuf []lineSpan
	linesOf int // 1 + the buf's applies when lineBuf was split
}

func (c *cleaner) run(pass func(s string) []edit) { c.apply(pass(c.b.s)) }

// apply applies a pass's edits and keeps their slice for the next pass
// (apply holds no reference to it), which starts from c.newEdits.
func (c *cleaner) apply(edits []edit) {
	c.b.apply(edits)
	c.keepEdits(edits)
}

func (c *cleaner) keepEdits(edits []edit) {
	if cap(edits) > cap(c.spare) {
		c.spare = edits
	}
}

func (c *cleaner) newEdits() []edit { return c.spare[:0] }

func (c *cleaner) note(format string, args ...any) {
	c.notes = append(c.notes, fmt.Sprintf(format, args...))
}

// ---- pass 1: characters ----

func (c *cleaner) charEdits(s string) []edit {
	edits := c.newEdits()
	dropped := 0
	for i, w := 0, 0; i < len(s); i += w {
		// Fast path, without decoding: printable ASCII and three-byte
		// U+3000..U+CFFF (lead bytes E3..EC), almost all of a report.
		if c := s[i]; c >= ' ' && c < 0x7F {
			w = 1
			continue
		} else if c >= 0xE3 && c <= 0xEC && i+2 < len(s) && s[i+1]&0xC0 == 0x80 && s[i+2]&0xC0 == 0x80 {
			w = 3
			continue
		}
		var r rune
		r, w = utf8.DecodeRuneInString(s[i:])
		edits, dropped, _ = appendCharEdit(edits, dropped, s, i, r)
	}
	c.noteDropped(dropped)
	return edits
}

func (c *cleaner) noteDropped(dropped int) {
	if dropped > 0 {
		c.note("removed %d invisible or control characters", dropped)
	}
}

// appendCharEdit appends the pass-1 edit of rune r at byte i of s, if it
// needs one (ok), and counts dropped invisible characters.
func appendCharEdit(edits []edit, dropped int, s string, i int, r rune) (_ []edit, _ int, ok bool) {
	// Printable ASCII and everything from U+2794 up (but the BOM) need
	// no edit.
	if r >= ' ' && r < 0x7F || r >= 0x2794 && r != 0xFEFF {
		return edits, dropped, false
	}
	size := utf8.RuneLen(r)
	switch {
	case r == '\r':
		if strings.HasPrefix(s[i+1:], "\n") {
			edits = append(edits, edit{i, i + 1, ""})
		} else {
			edits = append(edits, edit{i, i + 1, "\n"})
		}
	case r == '\f' || r == '\v' || r == 0x2028 || r == 0x2029:
		edits = append(edits, edit{i, i + size, "\n"})
	case r == '\t':
		edits = append(edits, edit{i, i + 1, " "})
	case isInvisible(r):
		edits = append(edits, edit{i, i + size, ""})
		dropped++
	case r >= 0x2460 && r <= 0x2473: // ①..⑳
		edits = append(edits, edit{i, i + size, circled[r-0x2460]})
	case r >= 0x2776 && r <= 0x277F: // ❶..❿
		edits = append(edits, edit{i, i + size, circled[r-0x2776]})
	case r >= 0x2780 && r <= 0x2793: // ➀..➉, ➊..➓
		edits = append(edits, edit{i, i + size, circled[(r-0x2780)%10]})
	default:
		return edits, dropped, false
	}
	return edits, dropped, true
}

// circled[k] is "(k+1)", what pass 1 writes for a circled number.
var circled = func() (t [20]string) {
	for k := range t {
		t[k] = "(" + strconv.Itoa(k+1) + ")"
	}
	return t
}()

// charNFKCEdits is passes 1 and 2 in one scan, for text whose runes NFKC
// leaves as they are in any context (ASCII, ideographs, common punctuation,
// see soloNFKC) except full-width ASCII and the ideographic space, which
// become ASCII. Such text has nothing for the passes to interact over: the
// edits pass 1 would make and the ones NFKC would then make touch different
// runes, and applying them at once maps offsets exactly as applying them in
// turn. ok is false (and the edits are to be dropped) for invalid UTF-8 and
// for text with any other rune (combining marks, compatibility characters),
// which takes the two separate passes.
//
// The rune offset of every edit goes to c.runeAt (see applyAt). The scan
// also notes which rare words of later passes the text holds, in
// c.maybeMarkers and c.maybeFooter: passes 1–3 make no ideograph and no
// letter that was not there (or there in full width).
func (c *cleaner) charNFKCEdits(s string) (edits []edit, runes, dropped int, ok bool) {
	edits = c.newEdits()
	at := c.runeAt[:0]
	defer func() { c.runeAt = at }()
	for i := 0; i < len(s); runes++ {
		b := s[i]
		if b < utf8.RuneSelf {
			if b < ' ' || b == 0x7F {
				var edited bool
				if edits, dropped, edited = appendCharEdit(edits, dropped, s, i, rune(b)); edited {
					at = append(at, runes)
				}
			} else if b == 'g' || b == 'G' {
				c.maybeFooter = true // "page", "PAGE"
			}
			i++
			continue
		}
		if k := watched.skip(s[i:]); k > 0 {
			i += k
			runes += k/3 - 1 // the loop counts the last one
			continue
		}
		var r rune
		n := 3
		if (b >= 0xE1 && b <= 0xEC || b >= 0xEE && b <= 0xEF) && i+2 < len(s) && s[i+1]&0xC0 == 0x80 && s[i+2]&0xC0 == 0x80 {
			// Three-byte runes (all of CJK and the full-width forms)
			// decoded inline: lead bytes E1..EC, EE and EF never start an
			// overlong or surrogate encoding.
			r = rune(b&0x0F)<<12 | rune(s[i+1]&0x3F)<<6 | rune(s[i+2]&0x3F)
			if r >= 0x4E00 && r <= 0x9FFF {
				if watched.has(r) {
					c.maybeMarkers = c.maybeMarkers || markerAt(s, i, r)
					c.maybeFooter = c.maybeFooter || r == '页' || r == '頁'
				}
				i += 3
				continue
			}
		} else if r, n = utf8.DecodeRuneInString(s[i:]); r == utf8.RuneError && n == 1 {
			return nil, 0, 0, false
		}
		var edited bool
		if edits, dropped, edited = appendCharEdit(edits, dropped, s, i, r); edited {
			at = append(at, runes)
			i += n
			continue
		}
		switch {
		case r >= 0xFF01 && r <= 0xFF5E:
			edits = append(edits, edit{i, i + n, asciiString[r-0xFEE0]})
			at = append(at, runes)
			c.maybeFooter = c.maybeFooter || r == 'ｇ' || r == 'Ｇ'
		case r == 0x3000:
			edits = append(edits, edit{i, i + n, " "})
			at = append(at, runes)
		case stableRune(r) || soloNFKC(r):
		default:
			return nil, 0, 0, false
		}
		i += n
	}
	return edits, runes, dropped, true
}

func isInvisible(r rune) bool {
	switch r {
	case 0x200B, 0x200C, 0x200D, 0x200E, 0x200F, 0x2060, 0xFEFF, 0x00AD, 0x180E:
		return true
	}
	if r >= 0x202A && r <= 0x202E || r >= 0x2066 && r <= 0x2069 {
		return true
	}
	return r != '\n' && isControl(r)
}

// ---- pass 2: NFKC ----

// nfkc normalises segment by segment (norm.Iter stops at normalisation
// boundaries) so each changed segment becomes one edit and the offset map
// stays exact around it.
func (c *cleaner) nfkc() {
	s := c.b.s
	if norm.NFKC.IsNormalString(s) {
		return
	}
	edits := c.newEdits()
	var it norm.Iter
	for pos := 0; pos < len(s); {
		// Skip text already in NFKC: first the runes known to be stable
		// (ASCII, unified ideographs, common CJK punctuation) with a cheap
		// test, then QuickSpan, which stops at a boundary.
		pos += stableNFKC(s[pos:])
		pos += norm.NFKC.QuickSpanString(s[pos:])
		if pos >= len(s) {
			break
		}
		// Full-width ASCII (，（１２０）) and the ideographic space are most
		// of what NFKC changes in Chinese text; map them directly instead of
		// restarting the normalisation iterator for every comma.
		if r, n := utf8.DecodeRuneInString(s[pos:]); r >= 0xFF01 && r <= 0xFF5E || r == 0x3000 {
			a := byte(' ')
			if r != 0x3000 {
				a = byte(r - 0xFEE0)
			}
			// A following combining mark would compose differently: leave
			// that rare case to the iterator.
			if next, _ := utf8.DecodeRuneInString(s[pos+n:]); pos+n >= len(s) || next < 0x300 || next > 0x36F {
				edits = append(edits, edit{pos, pos + n, asciiString[a]})
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
		if end <= pos { // cannot happen; never loop forever
			end = len(s)
		}
		if string(out) != s[pos:end] {
			edits = append(edits, edit{pos, end, string(out)})
		}
		pos = end
	}
	c.apply(edits)
}

// asciiString[c] is string(c), without an allocation per edit.
var asciiString = func() (t [utf8.RuneSelf]string) {
	const all = "\x00\x01\x02\x03\x04\x05\x06\x07\x08\x09\x0a\x0b\x0c\x0d\x0e\x0f" +
		"\x10\x11\x12\x13\x14\x15\x16\x17\x18\x19\x1a\x1b\x1c\x1d\x1e\x1f" +
		" !\"#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~\x7f"
	for i := range t {
		t[i] = all[i : i+1]
	}
	return t
}()

// stableNFKC returns the length of a prefix of s that NFKC leaves as it is,
// by a fast range test covering almost all of a Chinese report. It stops
// one rune early before a combining mark, which may compose with its base.
func stableNFKC(s string) int {
	i, prev := 0, 0
	for i < len(s) {
		c := s[i]
		if c < 0x80 {
			prev = i
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		if stableRune(r) {
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

// soloNFKC reports whether NFKC leaves r as it is and r never combines with
// the rune before it (a starter, not "maybe" in the quick-check sense): in
// text of such runes, NFKC changes nothing. Tone-marked pinyin vowels (ā, é)
// are the common case; their composition with a following combining mark is
// the mark's business, and marks are not solo.
func soloNFKC(r rune) bool {
	if r < soloTableEnd {
		t := soloTable()
		return t[r>>6]&(1<<(r&63)) != 0
	}
	return soloNFKCSlow(r)
}

func soloNFKCSlow(r rune) bool {
	s := string(r)
	return norm.NFKC.PropertiesString(s).BoundaryBefore() && norm.NFKC.IsNormalString(s)
}

// soloTable caches soloNFKC below U+3400 (Latin, pinyin, punctuation,
// symbols, CJK punctuation), which reports use; ideographs are stableRune.
const soloTableEnd = 0x3400

var soloTable = sync.OnceValue(func() *[soloTableEnd / 64]uint64 {
	t := new([soloTableEnd / 64]uint64)
	for r := rune(0); r < soloTableEnd; r++ {
		if soloNFKCSlow(r) {
			t[r>>6] |= 1 << (r & 63)
		}
	}
	return t
})

// stableRune: ASCII, unified ideographs and common CJK punctuation, which
// NFKC leaves as they are and which never compose with a neighbour.
func stableRune(r rune) bool {
	return r < 0x80 || r >= 0x4E00 && r <= 0x9FFF || r >= 0x3001 && r <= 0x3003 || r >= 0x3008 && r <= 0x3011 ||
		r >= 0x2018 && r <= 0x201D || r == 0x2014 || r == 0x00B7 || r == 0x3014 || r == 0x3015
}

// ---- pass 3: pinyin and lost-character debris ----

var (
	// Pinyin in parentheses, `\(([^\s()]{1,7})\)`, and after a `?` that
	// ate the opening parenthesis (認真?zhèn)傳達),
	// `\?([a-zA-Z\x{00E0}-\x{01DC}]{1,7})\)`, are found by findBracketed.
	// toneMarked holds the tone-marked pinyin vowels (and ü, ń, ň, ǹ),
	// toneBase the plain letter of each (ü → v).
	toneMarked = map[rune]bool{}
	toneBase   = func() map[rune]byte {
		m := map[rune]byte{}
		for _, g := range strings.Fields("aāáǎà eēéěè iīíǐì oōóǒò uūúǔù vǖǘǚǜü nńňǹ") {
			for _, r := range g[1:] {
				m[r] = g[0]
				toneMarked[r] = true
			}
		}
		return m
	}()
	// pinyinSyllables is the (finite) language of
	// `^(?:(?:zh|ch|sh|[bpmfdtnlgkhjqxrzcsyw])(?:iang|…|v)|a|o|e|…|m)$`:
	// an initial and a final, or a syllable without initial.
	pinyinSyllables = func() map[string]bool {
		m := map[string]bool{}
		initials := []string{"zh", "ch", "sh"}
		for _, c := range "bpmfdtnlgkhjqxrzcsyw" {
			initials = append(initials, string(c))
		}
		finals := strings.Fields("iang iong uang ueng ang eng ing ong ian iao uai uan van ai ei ao ou an en er ia ie in iu ua uo ui un ue ve vn a o e i u v")
		for _, i := range initials {
			for _, f := range finals {
				m[i+f] = true
			}
		}
		for _, s := range strings.Fields("a o e ai ei ao ou an en ang eng er ng n m") {
			m[s] = true
		}
		return m
	}()
)

// pinyinSyllable reports whether w is one pinyin syllable and whether it
// carries a tone mark. Converters that leave pinyin behind write it with
// tone marks; a toneless syllable is only trusted right after a Han character.
func pinyinSyllable(w string) (ok, toned bool) {
	for _, r := range w {
		if r >= 'A' && r <= 'Z' {
			return false, false // (LED), (PPT): abbreviations, not pinyin
		}
	}
	for _, r := range w {
		// Only a-z and the tone-marked vowels can become plain a-z below;
		// anything else fails (the common case: (一), (2018年)).
		if (r < 'a' || r > 'z') && !toneMarked[r] {
			return false, false
		}
	}
	// Strip the tone marks (rune by rune, in a stack buffer:
	// w is at most 7 runes). Toned: a mark other than ü was stripped.
	var buf [32]byte
	plain := buf[:0]
	for _, r := range w {
		if r >= 'a' && r <= 'z' {
			plain = append(plain, byte(r))
			continue
		}
		base := toneBase[r]
		if r != 'ü' {
			toned = true
		}
		plain = append(plain, base)
	}
	return pinyinSyllables[string(plain)], toned
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
func (c *cleaner) pinyinEdits(s string) []edit {
	edits := c.newEdits()
	removed, breaks := 0, 0
	for _, m := range findBracketed(s, '(', 7, isParenWordRune) {
		ok, toned := pinyinSyllable(s[m[2]:m[3]])
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
			edits = append(edits, edit{start - 1, m[1], ""})
		case toned && isMojibakeByte(prev):
			// Walk back over at most two mojibake bytes.
			j := start - 1
			for j > 0 && start-j < 2 && isMojibakeByte(rune(s[j-1])) {
				j--
			}
			before, _ := utf8.DecodeLastRuneInString(s[:j])
			switch {
			case j > 0 && s[j-1] == '?':
				edits = append(edits, edit{j - 1, m[1], "。"})
				breaks++
				removed--
			case isHan(before):
				edits = append(edits, edit{j, m[1], ""})
			default:
				// ASCII text followed by something pinyin-like: (e.g. "a(b)")
				// is not converter debris.
				continue
			}
		case isHan(prev) && (toned || len(s[m[2]:m[3]]) >= 2):
			edits = append(edits, edit{start, m[1], ""})
		case toned && prev != utf8.RuneError && !unicode.IsSpace(prev) && start > 0:
			edits = append(edits, edit{start, m[1], ""})
		default:
			continue
		}
		removed++
	}
	for _, m := range findBracketed(s, '?', 7, isEatenParenRune) {
		if ok, toned := pinyinSyllable(s[m[2]:m[3]]); ok && toned {
			edits = append(edits, edit{m[0], m[1], ""})
			removed++
		}
	}
	if len(edits) > 0 {
		c.maybeMarkers = true // a removal may join a marker (會(huì)員分享)
	}
	if removed > 0 {
		c.note("removed %d pinyin annotations left by a script converter", removed)
	}
	if breaks > 0 {
		c.note("replaced %d lost characters (?+mojibake) with a sentence break", breaks)
	}
	return edits
}

// findBracketed is FindAllStringSubmatchIndex for the regexp
// `<open>(<c>{1,max})\)` where c is a character class that excludes open and
// ')': the leftmost non-overlapping matches, as [start, end, groupStart,
// groupEnd]. A literal scan is several times faster than the regexp engine.
func findBracketed(s string, open byte, max int, in func(rune) bool) [][4]int {
	var out [][4]int
	for i := 0; i < len(s); {
		k := strings.IndexByte(s[i:], open)
		if k < 0 {
			break
		}
		start := i + k
		j, n := start+1, 0
		for j < len(s) && n < max {
			r, size := utf8.DecodeRuneInString(s[j:])
			if !in(r) {
				break
			}
			j += size
			n++
		}
		if n > 0 && j < len(s) && s[j] == ')' {
			out = append(out, [4]int{start, j + 1, start + 1, j})
			i = j + 1
			continue
		}
		i = start + 1
	}
	return out
}

// isParenWordRune is parenWordRe's class [^\s()] (\s is ASCII in RE2).
func isParenWordRune(r rune) bool {
	switch r {
	case '\t', '\n', '\f', '\r', ' ', '(', ')':
		return false
	}
	return true
}

// isEatenParenRune is eatenParenRe's class [a-zA-Z\x{00E0}-\x{01DC}].
func isEatenParenRune(r rune) bool {
	return r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= 0xE0 && r <= 0x1DC
}

// isMojibakeByte: ASCII symbols and letters that a broken conversion leaves
// in place of a character (`,F`, `I`), excluding digits, spaces, brackets and
// `?` (handled separately).
func isMojibakeByte(r rune) bool {
	return r > ' ' && r < 0x7F && r != '?' && r != '(' && r != ')' && (r < '0' || r > '9')
}

func isHan(r rune) bool { return unicode.Is(unicode.Han, r) }

// ---- pass 4: sharing-site boilerplate ----

// siteMarkers are phrases only a document-sharing site writes, in both
// scripts; the sentence holding one is removed. Literals (not a regexp) so the
// scan is one pass over the text: markersByRune indexes them by first rune.
var siteMarkers = []string{
	"会员分享", "會員分享", "可在线阅读", "可在線閱讀", "上搜索",
	"本文档由", "本文檔由", "本资料由", "本資料由",
	"来源于网络", "來源於網絡", "來源于網絡", "来源於网络",
	"下载后可编辑", "下載後可編輯", "免费下载", "免費下載", "点击下载", "點擊下載",
	"文档下载", "文檔下載", "下载文档", "下載文檔", "如需下载", "如需下載",
	"全文阅读已结束", "全文閱讀已結束", "如有侵权", "如有侵權", "侵权请联系", "侵權請聯繫",
	"仅供参考", "僅供參考",
}

var markersByRune = func() map[rune][]string {
	m := map[rune][]string{}
	for _, w := range siteMarkers {
		r, _ := utf8.DecodeRuneInString(w)
		m[r] = append(m[r], w)
	}
	return m
}()

// hanSet is a set of ideographs U+4E00..U+9FFF. It is a bitset over the
// three-byte runes whose word is picked by the low bits of a rune's first
// two bytes and bit by its third (so skip needs no bounds checks);
// U+4000..U+4DFF are in every set, so skip stops at them without a range
// test.
type hanSet [0x10000 >> 6]uint64

func newHanSet(runes ...rune) *hanSet {
	set := new(hanSet)
	for r := rune(0x4000); r < 0x4E00; r++ {
		set.add(r)
	}
	for _, r := range runes {
		set.add(r)
	}
	return set
}

func (set *hanSet) add(r rune) { set[r>>6] |= 1 << (r & 63) }

// has reports whether r, an ideograph, is in the set.
func (set *hanSet) has(r rune) bool { return set[r>>6]&(1<<(r&63)) != 0 }

// skip returns the byte length of the longest prefix of s made of
// ideographs not in the set: the bulk of a report, which the scans for rare
// words pass over in this tight loop.
func (set *hanSet) skip(s string) int {
	// (The loop is written so that the compiler drops all bounds checks.)
	i := 0
	for ; i < len(s)-2; i += 3 {
		// Lead bytes E4..E9 with two continuation bytes encode U+4000..U+9FFF.
		b0, b1, b2 := s[i], s[i+1], s[i+2]
		if b0-0xE4 > 0xE9-0xE4 || (b1^0x80)|(b2^0x80) >= 0x40 {
			break
		}
		if set[int(b0&0x0F)<<6+int(b1&0x3F)]&(1<<(b2&0x3F)) != 0 {
			break
		}
	}
	return i
}

// markerFirst holds the markers' first runes.
var markerFirst = func() *hanSet {
	var first []rune
	for r := range markersByRune {
		if r < 0x4E00 || r > 0x9FFF {
			panic("extract: site marker must start with an ideograph")
		}
		first = append(first, r)
	}
	return newHanSet(first...)
}()

// markerFirstRune reports whether some marker starts with r.
func markerFirstRune(r rune) bool {
	return r >= 0x4E00 && r <= 0x9FFF && markerFirst.has(r)
}

// watched: the ideographs that start a marker and a footer's 页/頁.
var watched = func() *hanSet {
	set := *markerFirst
	set.add('页')
	set.add('頁')
	return &set
}()

// markerAt reports whether a marker starts at byte i of s, where rune r is.
func markerAt(s string, i int, r rune) bool {
	if !markerFirstRune(r) {
		return false
	}
	for _, w := range markersByRune[r] {
		if strings.HasPrefix(s[i:], w) {
			return true
		}
	}
	return false
}

var (
	pageFooterRe = regexp.MustCompile(`第\s*\d{1,4}\s*[页頁]\s*[,,/、]?\s*共\s*\d{1,4}\s*[页頁]|(?i:page\s+\d{1,4}\s+of\s+\d{1,4})`)
	urlRe        = regexp.MustCompile(`(?:https?://|www\.)[A-Za-z0-9\-._~:/?#\[\]@!$&'*+,;=%]+`)
	siteWord     = `(?:[范範]文|文[库庫]|文[档檔]|[资資]料|公文|快[讯訊]|[写寫]作|秘[书書]|材料|[学學][习習]|知[识識]|考[试試]|法治|[办辦]公|[图圖]|装配[图圖]|[课課]件|教育)[网網]`
	// A watermark: random letters and/or a site name ending in 网
	// (qHz法治快讯网), alone or glued after the end of a paragraph.
	watermark  = `(?:[A-Za-z0-9]{2,6}\p{Han}{2,12}[网網]|[A-Za-z0-9]{0,6}\p{Han}{0,8}` + siteWord + `)`
	tailMarkRe = regexp.MustCompile(`^` + watermark + `$`)
	// Whole lines of debris: a watermark, "|" table rules, "- 3 -".
	markLineRe = regexp.MustCompile(`^(?:` + watermark + `|[|│┃¦ \t]+|[-—–]\s*\d{1,4}\s*[-—–])$`)
)

func (c *cleaner) boilerplateEdits(s string) []edit {
	edits := c.newEdits()
	sentences, marks := 0, 0
	lastEnd := -1
	// The scan for markers is skipped when the original text held none and
	// no pass could have joined one from pieces: passes 1–3 make no
	// ideograph, and only their deletions bring two ideographs together.
	for i, width := 0, 0; c.maybeMarkers && i < len(s); i += width {
		// Markers start with an ideograph: three bytes, lead E4..E9.
		lead := s[i]
		if lead < utf8.RuneSelf {
			width = 1
			continue
		}
		if width = markerFirst.skip(s[i:]); width > 0 {
			continue
		}
		if lead < 0xE4 || lead > 0xE9 || i+2 >= len(s) || s[i+1]&0xC0 != 0x80 || s[i+2]&0xC0 != 0x80 {
			_, width = utf8.DecodeRuneInString(s[i:])
			continue
		}
		width = 3
		r := rune(lead&0x0F)<<12 | rune(s[i+1]&0x3F)<<6 | rune(s[i+2]&0x3F)
		if !markerFirstRune(r) {
			continue // cheap pre-check: not the first rune of any marker
		}
		words, ok := markersByRune[r]
		if !ok || i < lastEnd {
			continue
		}
		for _, w := range words {
			if !strings.HasPrefix(s[i:], w) {
				continue
			}
			start, end := sentenceBounds(s, i, i+len(w))
			edits = append(edits, edit{start, end, ""})
			lastEnd = end
			sentences++
			if strings.TrimSpace(s[:start]) == "" {
				c.strippedHead = true
			}
			break
		}
	}
	if strings.Contains(s, "http") || strings.Contains(s, "www.") {
		for _, m := range urlRe.FindAllStringIndex(s, -1) {
			edits = append(edits, edit{m[0], m[1], ""})
			marks++
		}
	}
	// Footers are looked for only in lines holding one of these words; the
	// next occurrence of each is kept so the text is searched once.
	footerWords := [...]string{"页", "頁", "age", "AGE"}
	var footerNext [len(footerWords)]int // byte offset, len(s) when none
	for _, l := range c.lines(s) {
		line := s[l.start:l.end]
		hasWord := false
		for k, w := range footerWords {
			if !c.maybeFooter {
				break
			}
			if footerNext[k] < l.start {
				footerNext[k] = len(s)
				if j := strings.Index(s[l.start:], w); j >= 0 {
					footerNext[k] = l.start + j
				}
			}
			// Words hold no newline, so one starting in the line is in it.
			hasWord = hasWord || footerNext[k] < l.end
		}
		if hasWord {
			for _, m := range pageFooterRe.FindAllStringIndex(line, -1) {
				edits = append(edits, edit{l.start + m[0], l.start + m[1], ""})
				marks++
			}
		}
		a, z := trimBounds(line)
		if a == z {
			continue
		}
		trimmed := line[a:z]
		endsNet := strings.HasSuffix(trimmed, "网") || strings.HasSuffix(trimmed, "網")
		// Cheap checks first: every debris line ends in 网 or starts with a
		// rule or dash.
		if len(trimmed) <= 96 && (endsNet || startsRule(trimmed)) && markLineRe.MatchString(trimmed) {
			edits = append(edits, edit{l.start, l.end, ""})
			marks++
			continue
		}
		// A watermark glued after the paragraph's last sentence.
		if !endsNet {
			continue
		}
		cut := strings.LastIndexAny(trimmed, "。!?:;”\"")
		if cut < 0 {
			continue
		}
		_, size := utf8.DecodeRuneInString(trimmed[cut:])
		tail := trimmed[cut+size:]
		if tail != "" && len(tail) <= 64 && tailMarkRe.MatchString(tail) {
			ts := l.start + strings.Index(line, trimmed) + cut + size
			edits = append(edits, edit{ts, ts + len(tail), ""})
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

// startsRule reports whether s starts with a rule or dash (|│┃¦-—–).
func startsRule(s string) bool {
	if c := s[0]; c < utf8.RuneSelf {
		return c == '|' || c == '-'
	}
	first, _ := utf8.DecodeRuneInString(s)
	return strings.ContainsRune("│┃¦—–", first)
}

// sentenceBounds widens [start, end) to the sentence around it: back to the
// previous 。!? or line start, forward through the next 。!? or to the line
// end. Sentences longer than maxSentence bytes are not widened (a marker in a
// paragraph without punctuation must not take the paragraph with it).
func sentenceBounds(s string, start, end int) (int, int) {
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

// ---- pass 5: whitespace ----

// whitespaceEdits trims every line, collapses runs of spaces and drops empty
// lines, so paragraphs are separated by exactly one "\n" and the text has no
// leading or trailing whitespace.
func (c *cleaner) whitespaceEdits(s string) []edit {
	edits := c.newEdits()
	prevEnd := -1 // end of the previous kept line
	for _, l := range c.lines(s) {
		line := s[l.start:l.end]
		a, z := trimBounds(line)
		if a == z {
			continue
		}
		trimmed := line[a:z]
		start := l.start + a
		if !c.b.valid {
			// What the pass always did; in valid UTF-8 the first
			// occurrence of the trimmed line is where trimming left it.
			start = l.start + strings.Index(line, trimmed)
		}
		end := start + len(trimmed)
		if prevEnd < 0 {
			edits = append(edits, edit{0, start, ""})
		} else if brokenNumber(s[:prevEnd], trimmed) {
			// A figure wrapped across lines (标语1⏎200余条) is one figure.
			edits = append(edits, edit{prevEnd, start, ""})
		} else {
			// Keep the first newline of the gap (it maps to a real
			// newline), drop the rest.
			nl := prevEnd + strings.IndexByte(s[prevEnd:start], '\n')
			edits = append(edits, edit{prevEnd, nl, ""}, edit{nl + 1, start, ""})
		}
		// Runs of two or more spaces keep their first. The search resumes
		// after a run, so every hit starts a run.
		for i := 0; ; {
			k := strings.Index(trimmed[i:], "  ")
			if k < 0 {
				break
			}
			i += k
			j := i + 2
			for j < len(trimmed) && trimmed[j] == ' ' {
				j++
			}
			edits = append(edits, edit{start + i + 1, start + j, ""})
			i = j
		}
		prevEnd = end
	}
	if prevEnd < 0 {
		return []edit{{0, len(s), ""}}
	}
	edits = append(edits, edit{prevEnd, len(s), ""})
	return dropEmpty(edits)
}

// brokenNumber reports whether a line break splits a figure: the text
// before it ends in one to three digits right after an ideograph
// (…张贴标语1) and the next line starts with a group of exactly three
// digits (200余条). A line of its own digits (a list, a page number) or
// digits after a space or a punctuation mark are left alone.
func brokenNumber(before, next string) bool {
	n := 0
	for n < len(before) && n < 4 && isASCIIDigit(before[len(before)-1-n]) {
		n++
	}
	if n == 0 || n > 3 || len(before) < n+3 {
		return false
	}
	r, _ := utf8.DecodeLastRuneInString(before[:len(before)-n])
	if r < 0x4E00 || r > 0x9FFF {
		return false
	}
	return len(next) >= 4 && isASCIIDigit(next[0]) && isASCIIDigit(next[1]) && isASCIIDigit(next[2]) && !isASCIIDigit(next[3])
}

func isASCIIDigit(b byte) bool { return b >= '0' && b <= '9' }

func dropEmpty(edits []edit) []edit {
	out := edits[:0]
	for _, e := range edits {
		if e.end > e.start || e.repl != "" {
			out = append(out, e)
		}
	}
	return out
}

// ---- pass 9: hard-wrapped lines ----

// reflowEdits joins the lines of a hard-wrapped text (a PDF or a fixed-width
// printout saved as text: most lines the same length, sentences running on
// across them) so that a sentence, a word (承⏎诺书) or a figure split by the
// wrap is whole again. The text counts as wrapped when at least 8 lines and
// 40% of the lines of 12 characters or more have one length L; a line of
// length L±1 that does not end a sentence is then joined to the next, unless
// the next opens a numbered item. A text of one paragraph per line has no
// such common length and is left alone.
func (c *cleaner) reflowEdits(s string) []edit {
	lines := c.lines(s)
	if len(lines) < 8 {
		return nil
	}
	// Cheap test first, on byte lengths: full lines of ideographs have
	// nearly the same byte length too (less two bytes per ASCII digit or
	// comma), so 8 of them fall in two adjacent 8-byte buckets; the long
	// lines of a text of one paragraph per line rarely do. Runes are counted
	// only when it passes.
	var buckets [64]int32
	longBytes := 0
	for _, l := range lines {
		if n := l.end - l.start; n >= 36 && n/8 < len(buckets) {
			buckets[n/8]++
			longBytes++
		}
	}
	near := int32(0)
	for i := 0; i+1 < len(buckets); i++ {
		near = max(near, buckets[i]+buckets[i+1])
	}
	if near < 8 || int(near)*10 < longBytes*4 {
		return nil
	}
	// Rune lengths, counted once for the histogram and the joins (lines
	// under 12 bytes are under 12 runes in any script: left at 0).
	runes := make([]int, len(lines))
	var hist [160]int32
	long := 0
	for i, l := range lines {
		if l.end-l.start < 12 {
			continue
		}
		n := utf8.RuneCountInString(s[l.start:l.end])
		runes[i] = n
		if n >= 12 {
			long++
			if n < len(hist) {
				hist[n]++
			}
		}
	}
	width, most := 0, int32(0)
	for n, k := range hist {
		if k > most {
			width, most = n, k
		}
	}
	if most < 8 || int(most)*10 < long*4 {
		return nil
	}
	edits := c.newEdits()
	for i := 0; i+1 < len(lines); i++ {
		l, nx := lines[i], lines[i+1]
		if n := runes[i]; n < width-1 || n > width+1 || nx.end == nx.start {
			continue
		}
		last, _ := utf8.DecodeLastRuneInString(s[l.start:l.end])
		if strings.ContainsRune("。！？；：!?;:", last) || opensItem(s[nx.start:nx.end]) {
			continue
		}
		edits = append(edits, edit{l.end, nx.start, ""})
	}
	return edits
}

// opensItem reports whether a line starts a numbered item or heading:
// 一、 (二) （三） 1. 2、 ①.
func opensItem(line string) bool {
	r, _ := utf8.DecodeRuneInString(line)
	if r == '(' || r == '（' || (r >= '①' && r <= '⑳') {
		return true
	}
	rest := strings.TrimLeft(line, "0123456789")
	if len(rest) == len(line) {
		if rest = strings.TrimLeft(line, hanDigitRunes); len(rest) == len(line) {
			return false
		}
	}
	next, _ := utf8.DecodeRuneInString(rest)
	return next == '、' || next == '.' || next == '．'
}

const hanDigitRunes = "一二三四五六七八九十"

// ---- pass 6: page-number debris ----

var pageNumRe = regexp.MustCompile(`^(\d{1,3})、`)

type lineSpan struct{ start, end int } // bytes, end excludes '\n'

// trimBounds returns a, z such that line[a:z] == strings.TrimSpace(line),
// without TrimSpace's rune decoding for lines that start or end with an
// ideograph (a lead byte other than C2, E1..E3 cannot start a space).
func trimBounds(line string) (a, z int) {
	a, z = 0, len(line)
	for a < z {
		c := line[a]
		if c < utf8.RuneSelf {
			if asciiSpace[c] == 0 {
				break
			}
			a++
			continue
		}
		if c != 0xC2 && (c < 0xE1 || c > 0xE3) {
			break
		}
		r, n := utf8.DecodeRuneInString(line[a:z])
		if !unicode.IsSpace(r) {
			break
		}
		a += n
	}
	for z > a {
		c := line[z-1]
		if c < utf8.RuneSelf {
			if asciiSpace[c] == 0 {
				break
			}
			z--
			continue
		}
		// Lines mostly end in a three-byte rune; of those, only
		// U+1680..U+205F and U+3000 hold spaces.
		if z-a >= 3 && line[z-3] >= 0xE0 && line[z-3] <= 0xEF && line[z-2]&0xC0 == 0x80 {
			r := rune(line[z-3]&0x0F)<<12 | rune(line[z-2]&0x3F)<<6 | rune(c&0x3F)
			if r != 0x3000 && (r < 0x1680 || r > 0x205F) {
				break
			}
		}
		r, n := utf8.DecodeLastRuneInString(line[a:z])
		if !unicode.IsSpace(r) {
			break
		}
		z -= n
	}
	return a, z
}

// lines is splitLines(s) of s, the text under cleaning, kept while passes
// leave the text unchanged (most passes make no edit to most documents).
// The slice is reused: a pass must not keep it past its return.
func (c *cleaner) lines(s string) []lineSpan {
	if c.linesOf == c.b.applies+1 {
		return c.lineBuf
	}
	c.lineBuf = appendLines(c.lineBuf[:0], s)
	c.linesOf = c.b.applies + 1
	return c.lineBuf
}

func splitLines(s string) []lineSpan {
	return appendLines(make([]lineSpan, 0, strings.Count(s, "\n")+1), s)
}

func appendLines(ls []lineSpan, s string) []lineSpan {
	start := 0
	for {
		nl := strings.IndexByte(s[start:], '\n')
		if nl < 0 {
			ls = append(ls, lineSpan{start, len(s)})
			return ls
		}
		ls = append(ls, lineSpan{start, start + nl})
		start += nl + 1
	}
}

// endsSentence reports whether a line ends a sentence (so a following
// numbered line may be a real list item).
func endsSentence(line string) bool {
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
func (c *cleaner) pageDebrisEdits(s string) []edit {
	if s == "" || s[0] < '0' || s[0] > '9' {
		return nil // cheap pre-check: the first line must be "1、"
	}
	lines := c.lines(s)
	num := make([]int, len(lines))
	for i, l := range lines {
		num[i] = -1
		if l.end == l.start || s[l.start] < '0' || s[l.start] > '9' {
			continue // cheap pre-check: the regexp needs a leading digit
		}
		if m := pageNumRe.FindStringSubmatch(s[l.start:l.end]); m != nil {
			num[i], _ = strconv.Atoi(m[1])
		}
	}
	if len(lines) == 0 || num[0] != 1 {
		return nil
	}
	midSentence := func(i int) bool {
		return i > 0 && !endsSentence(s[lines[i-1].start:lines[i-1].end])
	}
	// findConfirmed returns the first line after `after` numbered k whose
	// previous line ends mid-sentence.
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
	edits := c.newEdits()
	for _, i := range chain {
		l := lines[i]
		numEnd := l.start + len(pageNumRe.FindString(s[l.start:l.end]))
		if i > 0 && midSentence(i) {
			// Join: drop the newline before the page number too.
			edits = append(edits, edit{l.start - 1, numEnd, ""})
		} else {
			edits = append(edits, edit{l.start, numEnd, ""})
		}
	}
	c.note("removed %d sharing-site page numbers (1–%d) and re-joined split sentences", len(chain), len(chain))
	return edits
}

// ---- pass 7: repeated paragraphs ----

// Paragraphs shorter than this are not deduplicated: short headings and
// signatures legitimately repeat.
const minRepeatRunes = 16

// repeatEdits keeps the first of identical paragraphs (a map of paragraph
// text, so linear in the text) and drops a paragraph that is a truncated
// preview of its neighbour (seed-style "first line … |" followed by the full
// paragraph).
func (c *cleaner) repeatEdits(s string) []edit {
	lines := c.lines(s)
	seen := c.seen
	clear(seen)
	edits := c.newEdits()
	dups, previews := 0, 0
	drop := func(i int) {
		l := lines[i]
		if l.end < len(s) {
			edits = append(edits, edit{l.start, l.end + 1, ""})
		} else if l.start > 0 {
			edits = append(edits, edit{l.start - 1, l.end, ""})
		} else {
			edits = append(edits, edit{l.start, l.end, ""})
		}
	}
	prevKept := ""
	count := c.b.pieceRunes() // lines and their stems are such pieces
	for i, l := range lines {
		line := s[l.start:l.end]
		if atLeastRunes(line, minRepeatRunes, count) {
			if _, ok := seen[line]; ok {
				drop(i)
				dups++
				continue
			}
			seen[line] = struct{}{}
		}
		stem, marked := previewStem(line)
		if (marked && atLeastRunes(stem, 10, count)) || atLeastRunes(stem, 40, count) {
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

// atLeastRunes is count(s) >= n without counting when the byte length
// decides (a rune is 1 to 4 bytes).
func atLeastRunes(s string, n int, count func(string) int) bool {
	switch {
	case len(s) < n:
		return false
	case len(s) >= 4*n:
		return true
	}
	return count(s) >= n
}

// previewStem strips the marks a truncated preview ends with (" |", "…",
// "...") and reports whether there were any.
func previewStem(line string) (string, bool) {
	stem := strings.TrimRight(line, " |….")
	return stem, len(stem) < len(line)
}

// ---- pass 8: find-and-replace artifacts ----

// A parenthetical is `\(([^()\n]{1,40})\)`, found by findBracketed.
func isParentheticalRune(r rune) bool { return r != '(' && r != ')' && r != '\n' }

// Minimum identical repetitions after the same word for a parenthetical to be
// treated as a find-and-replace artifact.
const artifactMinRepeats = 5

// artifactEdits removes a parenthetical that a find-and-replace inserted after
// the same word throughout a document (扫黑除恶(2018年3月以后)); left in, it
// injects false years and numbers into every sentence. "The same word" is the
// two characters before the parenthesis.
func (c *cleaner) artifactEdits(s string) []edit {
	matches := findBracketed(s, '(', 40, isParentheticalRune)
	if len(matches) < artifactMinRepeats {
		return nil
	}
	keys := make([]string, len(matches))
	count := map[string]int{}
	for i, m := range matches {
		r1, n1 := utf8.DecodeLastRuneInString(s[:m[0]])
		r2, _ := utf8.DecodeLastRuneInString(s[:m[0]-n1])
		if !isWordRune(r1) || !isWordRune(r2) {
			continue
		}
		keys[i] = string(r2) + string(r1) + s[m[0]:m[1]]
		count[keys[i]]++
	}
	edits := c.newEdits()
	removed := map[string]int{}
	for i, m := range matches {
		if keys[i] != "" && count[keys[i]] >= artifactMinRepeats {
			edits = append(edits, edit{m[0], m[1], ""})
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

func isWordRune(r rune) bool {
	return r != utf8.RuneError && (unicode.IsLetter(r) || unicode.IsDigit(r))
}
