// Package t2s converts traditional Chinese to simplified Chinese with OpenCC's
// t2s dictionaries (TSPhrases, TSCharacters; Apache-2.0, see data/LICENSE-OpenCC.txt).
//
// The conversion follows OpenCC's t2s.json: at each position the longest
// TSPhrases entry that matches wins (maximum forward matching); otherwise the
// character is replaced by its first TSCharacters candidate; anything else is
// copied. Unlike OpenCC, the output is guaranteed to have exactly as many runes
// as the input, rune for rune aligned, because the pipeline computes fact
// offsets on the simplified text and applies them to the original-script text.
// Entries that would break the alignment are left out (the shipped OpenCC
// 1.1.6 dictionaries contain none, so the output equals OpenCC's).
package t2s

import (
	_ "embed"
	"fmt"
	"slices"
	"strings"
	"sync"
	"unicode/utf8"
	"unsafe"
)

//go:embed data/TSPhrases.txt
var phrasesTxt string

//go:embed data/TSCharacters.txt
var charactersTxt string

// The dense table covers CJK Extension A and the Unified Ideographs block,
// where almost all traditional text lives; rarer runes (Extension B+ etc.)
// go through a map, skipped for runes below its smallest key so that
// punctuation costs a comparison or two.
const (
	denseLo = 0x3400
	denseHi = 0xA000 // exclusive

	// A table entry packs the simplified rune (0 = unchanged) in the low 21
	// bits and, in the high 11 bits, 1 + the index of the phrase group that
	// starts with this rune (0 = no phrase), so one load answers both questions.
	targetBits = 21
	targetMask = 1<<targetBits - 1
	maxGroups  = 1<<(32-targetBits) - 1
)

type phrase struct {
	rest      string // source after its first rune, as UTF-8
	restRunes []rune
	dst       string // whole target, as UTF-8
	dstRunes  []rune
}

type dict struct {
	dense  *[denseHi - denseLo]uint32
	sparse map[rune]uint32
	// sparseMin is the smallest key of sparse (MaxRune+1 when empty).
	sparseMin rune
	// groups[i] holds the phrases sharing a first rune, longest first, so the
	// first match is the maximum forward match.
	groups [][]phrase

	nPhrases, nChars int
	// Entries dropped because they are not rune-for-rune: phrases whose source
	// and target differ in rune length, characters whose key or first
	// candidate is not a single rune.
	skippedPhrases, skippedChars int
}

var (
	once    sync.Once
	global  *dict
	loadErr error
)

func get() *dict {
	once.Do(func() { global, loadErr = load(phrasesTxt, charactersTxt) })
	if loadErr != nil {
		// The data is embedded at compile time, so this is a build defect;
		// TestLoad catches it.
		panic(loadErr)
	}
	return global
}

func load(phrases, characters string) (*dict, error) {
	d := &dict{dense: new([denseHi - denseLo]uint32), sparse: map[rune]uint32{}, sparseMin: utf8.MaxRune + 1}
	if err := parse(characters, func(line int, key, val string) error {
		k, kn := utf8.DecodeRuneInString(key)
		t, tn := utf8.DecodeRuneInString(val)
		if kn != len(key) || tn != len(val) || k == utf8.RuneError || t == utf8.RuneError {
			d.skippedChars++
			return nil
		}
		d.nChars++
		if t != k {
			d.set(k, d.entry(k)&^targetMask|uint32(t))
		}
		return nil
	}); err != nil {
		return nil, fmt.Errorf("t2s: TSCharacters: %w", err)
	}

	byFirst := map[rune][]phrase{}
	if err := parse(phrases, func(line int, key, val string) error {
		if !utf8.ValidString(key) || !utf8.ValidString(val) {
			return fmt.Errorf("line %d: invalid UTF-8", line)
		}
		if utf8.RuneCountInString(key) != utf8.RuneCountInString(val) {
			d.skippedPhrases++
			return nil
		}
		first, n := utf8.DecodeRuneInString(key)
		byFirst[first] = append(byFirst[first], phrase{
			rest: key[n:], restRunes: []rune(key[n:]),
			dst: val, dstRunes: []rune(val),
		})
		d.nPhrases++
		return nil
	}); err != nil {
		return nil, fmt.Errorf("t2s: TSPhrases: %w", err)
	}
	if len(byFirst) > maxGroups {
		return nil, fmt.Errorf("t2s: %d phrase groups exceed the table's %d", len(byFirst), maxGroups)
	}
	firsts := make([]rune, 0, len(byFirst))
	for r := range byFirst {
		firsts = append(firsts, r)
	}
	slices.Sort(firsts) // deterministic group numbering
	for _, r := range firsts {
		g := byFirst[r]
		slices.SortStableFunc(g, func(a, b phrase) int { return len(b.restRunes) - len(a.restRunes) })
		d.groups = append(d.groups, g)
		d.set(r, d.entry(r)&targetMask|uint32(len(d.groups))<<targetBits)
	}
	return d, nil
}

// parse calls fn with the key and first candidate of each "key\tcand cand…" line.
func parse(txt string, fn func(line int, key, val string) error) error {
	for i, l := range strings.Split(strings.TrimRight(txt, "\n"), "\n") {
		key, cands, ok := strings.Cut(l, "\t")
		if !ok || key == "" || cands == "" {
			return fmt.Errorf("line %d: want key<TAB>candidates, got %q", i+1, l)
		}
		val, _, _ := strings.Cut(cands, " ")
		if err := fn(i+1, key, val); err != nil {
			return err
		}
	}
	return nil
}

func (d *dict) set(r rune, e uint32) {
	if r >= denseLo && r < denseHi {
		d.dense[r-denseLo] = e
		return
	}
	d.sparse[r] = e
	if r < d.sparseMin {
		d.sparseMin = r
	}
}

func (d *dict) entry(r rune) uint32 {
	if uint32(r-denseLo) < denseHi-denseLo {
		return d.dense[r-denseLo]
	}
	// Full-width punctuation (U+FFxx) is frequent and has no entry; a map
	// lookup for each would cost more than the rest of the conversion.
	if r < d.sparseMin {
		return 0
	}
	return d.sparse[r]
}

// IsTraditional reports whether TSCharacters gives r a simplified form
// different from r itself (乾, 發, 後 yes; 干, 著, 台, 阪 no). Runes that are
// only changed inside phrases do not count.
func IsTraditional(r rune) bool {
	return get().entry(r)&targetMask != 0
}

// CountTraditional counts the CJK ideographs of text (Extension A and the
// Unified Ideographs block) and those of them IsTraditional reports, in one
// pass with one dictionary lookup each.
func CountTraditional(text []rune) (han, trad int) {
	d := get()
	for _, r := range text {
		if r >= 0x3400 && r <= 0x9FFF {
			han++
			if d.entry(r)&targetMask != 0 {
				trad++
			}
		}
	}
	return han, trad
}

// Convert returns s in simplified characters. The result has the same number
// of runes as s (utf8.RuneCountInString), aligned one to one; bytes that are
// not valid UTF-8 are copied unchanged. If nothing changes, s itself is
// returned without allocating.
func Convert(s string) string {
	d := get()
	i := d.unchangedPrefix(s)
	if i == len(s) {
		return s
	}
	// Nearly all conversions keep the UTF-8 length (3 bytes to 3 bytes), so
	// copy s and overwrite the changed runes in place; fall back to appending
	// from the first rune whose encoding length changes.
	buf := []byte(s) // unlike make+copy, this does not zero the memory first
	if j := d.overwrite(buf, s, i); j < len(s) {
		buf = d.appendString(buf[:j], s[j:])
	}
	// buf is owned here and never written again, so viewing it as a string
	// saves a copy of the whole document (strings.Builder does the same).
	return unsafe.String(unsafe.SliceData(buf), len(buf))
}

// decode is utf8.DecodeRuneInString with the 3-byte case (all of the dense
// table) done first; the hot loops repeat its body because it is too big
// for the inliner. It may accept overlong or surrogate 3-byte sequences; those
// decode to runes without entries and are copied, like invalid bytes.
func decode(s string, i int) (rune, int) {
	if c := s[i]; c&0xF0 == 0xE0 && i+2 < len(s) && s[i+1]&0xC0 == 0x80 && s[i+2]&0xC0 == 0x80 {
		return rune(c&0x0F)<<12 | rune(s[i+1]&0x3F)<<6 | rune(s[i+2]&0x3F), 3
	}
	return utf8.DecodeRuneInString(s[i:])
}

// unchangedPrefix returns the length of the longest prefix of s that converts
// to itself and ends at a conversion boundary.
func (d *dict) unchangedPrefix(s string) int {
	i := 0
	for i < len(s) {
		if s[i] < utf8.RuneSelf {
			i++
			continue
		}
		var r rune
		n := 3
		if c := s[i]; c&0xF0 == 0xE0 && i+2 < len(s) && s[i+1]&0xC0 == 0x80 && s[i+2]&0xC0 == 0x80 {
			r = rune(c&0x0F)<<12 | rune(s[i+1]&0x3F)<<6 | rune(s[i+2]&0x3F) // see decode
		} else {
			r, n = utf8.DecodeRuneInString(s[i:])
		}
		e := d.entry(r)
		if e == 0 {
			i += n
			continue
		}
		if g := e >> targetBits; g != 0 {
			if p := matchString(d.groups[g-1], s[i+n:]); p != nil {
				if p.dst != s[i:i+n+len(p.rest)] {
					return i
				}
				i += n + len(p.rest) // identity phrase, e.g. 角徵
				continue
			}
		}
		if e&targetMask != 0 {
			return i
		}
		i += n
	}
	return i
}

// overwrite converts s[i:] into buf[i:], which holds a copy of s, as long as
// replacements keep their UTF-8 length. It returns where it stopped: len(s),
// or the start of the first replacement of another length.
func (d *dict) overwrite(buf []byte, s string, i int) int {
	buf = buf[:len(s)]
	for i < len(s) {
		if s[i] < utf8.RuneSelf {
			i++
			continue
		}
		var r rune
		n := 3
		if c := s[i]; c&0xF0 == 0xE0 && i+2 < len(s) && s[i+1]&0xC0 == 0x80 && s[i+2]&0xC0 == 0x80 {
			r = rune(c&0x0F)<<12 | rune(s[i+1]&0x3F)<<6 | rune(s[i+2]&0x3F) // see decode
		} else {
			r, n = utf8.DecodeRuneInString(s[i:])
		}
		e := d.entry(r)
		if e == 0 {
			i += n
			continue
		}
		if g := e >> targetBits; g != 0 {
			if p := matchString(d.groups[g-1], s[i+n:]); p != nil {
				if len(p.dst) != n+len(p.rest) {
					return i
				}
				copy(buf[i:], p.dst)
				i += len(p.dst)
				continue
			}
		}
		if t := rune(e & targetMask); t != 0 {
			switch {
			case n == 3 && t >= 0x800 && t < 0x10000:
				buf[i] = byte(0xE0 | t>>12)
				buf[i+1] = byte(0x80 | t>>6&0x3F)
				buf[i+2] = byte(0x80 | t&0x3F)
			case utf8.RuneLen(t) == n:
				utf8.EncodeRune(buf[i:], t)
			default:
				return i
			}
		}
		i += n
	}
	return i
}

// appendString appends the conversion of s to dst, copying unchanged spans
// in one go. It handles any change of UTF-8 length.
func (d *dict) appendString(dst []byte, s string) []byte {
	start := 0 // first byte not yet copied to dst
	for i := 0; i < len(s); {
		if s[i] < utf8.RuneSelf {
			i++
			continue
		}
		r, n := decode(s, i)
		e := d.entry(r)
		if e == 0 {
			i += n
			continue
		}
		if g := e >> targetBits; g != 0 {
			if p := matchString(d.groups[g-1], s[i+n:]); p != nil {
				dst = append(dst, s[start:i]...)
				dst = append(dst, p.dst...)
				i += n + len(p.rest)
				start = i
				continue
			}
		}
		if t := rune(e & targetMask); t != 0 {
			dst = append(dst, s[start:i]...)
			dst = utf8.AppendRune(dst, t)
			start = i + n
		}
		i += n
	}
	return append(dst, s[start:]...)
}

func matchString(g []phrase, rest string) *phrase {
	for k := range g {
		if strings.HasPrefix(rest, g[k].rest) {
			return &g[k]
		}
	}
	return nil
}

// ConvertRunes appends the simplified form of src to dst and returns the
// extended slice; len(result)-len(dst) == len(src), aligned one to one. Pass
// dst[:0] of a previous result to reuse its memory. src and dst must not
// overlap unless dst is src[:0] (in-place conversion is fine).
func ConvertRunes(dst, src []rune) []rune {
	d := get()
	dst = slices.Grow(dst, len(src))
	for i := 0; i < len(src); {
		r := src[i]
		e := d.entry(r)
		if e == 0 {
			dst = append(dst, r)
			i++
			continue
		}
		if g := e >> targetBits; g != 0 {
			if p := matchRunes(d.groups[g-1], src[i+1:]); p != nil {
				dst = append(dst, p.dstRunes...)
				i += len(p.dstRunes)
				continue
			}
		}
		if t := rune(e & targetMask); t != 0 {
			r = t
		}
		dst = append(dst, r)
		i++
	}
	return dst
}

func matchRunes(g []phrase, rest []rune) *phrase {
	for k := range g {
		p := g[k].restRunes
		if len(p) <= len(rest) && slices.Equal(rest[:len(p)], p) {
			return &g[k]
		}
	}
	return nil
}
