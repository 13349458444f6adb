package extract

import "sort"

// OffsetMap maps rune offsets in cleaned text back to rune offsets in the
// decoded original text, so evidence found in the cleaned text can be shown
// in (and checked against) the file as it was.
//
// It is a sorted list of segments, each a run of cleaned runes that came from a
// run of consecutive original runes; cleaning keeps most text verbatim, so a
// document needs a handful of segments per removed piece of debris, not one
// entry per rune. Cleaning never reorders text, so original offsets are
// non-decreasing in cleaned order.
type OffsetMap struct {
	segs     []offsetSeg
	cleanLen int
	origLen  int
}

// offsetSeg maps cleaned runes [Clean, Clean+Len) to original runes
// [Orig, Orig+Len).
type offsetSeg struct {
	Clean, Orig, Len int32
}

// Orig returns the original rune offset of the cleaned rune at offset clean.
// A rune that cleaning inserted or rewrote (NFKC expansion, a `?` turned into
// `。`) maps to the original rune it replaced. Offsets at or past the end of
// the cleaned text map to the end of the original, so half-open spans
// [start, end) map with Orig(start) and Orig(end-1)+1, or OrigSpan.
func (m *OffsetMap) Orig(clean int) int {
	if m == nil {
		return clean
	}
	if clean >= m.cleanLen {
		return m.origLen
	}
	if clean <= 0 {
		return int(m.segs[0].Orig)
	}
	i := sort.Search(len(m.segs), func(i int) bool { return int(m.segs[i].Clean) > clean }) - 1
	s := m.segs[i]
	return int(s.Orig) + clean - int(s.Clean)
}

// OrigSpan maps the half-open cleaned span [start, end) to the original span
// that covers it, including anything cleaning removed inside it.
func (m *OffsetMap) OrigSpan(start, end int) (int, int) {
	if end <= start {
		o := m.Orig(start)
		return o, o
	}
	return m.Orig(start), m.Orig(end-1) + 1
}

// Clean is the inverse direction: the cleaned offset of the first cleaned rune
// that comes from original offset orig or later (text removed by cleaning maps
// to the next surviving rune).
func (m *OffsetMap) Clean(orig int) int {
	if m == nil {
		return orig
	}
	// First segment whose end lies past orig.
	i := sort.Search(len(m.segs), func(i int) bool { return int(m.segs[i].Orig+m.segs[i].Len) > orig })
	if i == len(m.segs) {
		return m.cleanLen
	}
	s := m.segs[i]
	if orig <= int(s.Orig) {
		return int(s.Clean)
	}
	return int(s.Clean) + orig - int(s.Orig)
}

// CleanLen is the rune count of the cleaned text; OrigLen of the original.
func (m *OffsetMap) CleanLen() int { return m.cleanLen }
func (m *OffsetMap) OrigLen() int  { return m.origLen }

// Segments reports how many segments the map holds (its memory is ~12 bytes
// per segment).
func (m *OffsetMap) Segments() int { return len(m.segs) }

// IdentityMap is the map of text that cleaning left unchanged.
func IdentityMap(n int) *OffsetMap {
	var b OffsetBuilder
	b.AddRun(0, n)
	return b.Build(n)
}

// OffsetBuilder builds an OffsetMap as cleaned runes are emitted in order.
// The zero value is ready to use.
type OffsetBuilder struct {
	segs []offsetSeg
	n    int32
}

// Add records that the next cleaned rune comes from original rune orig.
func (b *OffsetBuilder) Add(orig int) { b.AddRun(orig, 1) }

// AddRun records that the next n cleaned runes come from original runes
// [orig, orig+n). Consecutive runs merge into one segment.
func (b *OffsetBuilder) AddRun(orig, n int) {
	if n <= 0 {
		return
	}
	if k := len(b.segs); k > 0 {
		last := &b.segs[k-1]
		if int(last.Orig+last.Len) == orig {
			last.Len += int32(n)
			b.n += int32(n)
			return
		}
	}
	b.segs = append(b.segs, offsetSeg{Clean: b.n, Orig: int32(orig), Len: int32(n)})
	b.n += int32(n)
}

// Len is the number of cleaned runes recorded so far.
func (b *OffsetBuilder) Len() int { return int(b.n) }

// Build returns the map; origLen is the rune count of the original text.
func (b *OffsetBuilder) Build(origLen int) *OffsetMap {
	segs := make([]offsetSeg, len(b.segs))
	copy(segs, b.segs)
	return &OffsetMap{segs: segs, cleanLen: int(b.n), origLen: origLen}
}
