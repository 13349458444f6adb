package transform

import (
	"sync"
	"unicode/utf8"
)

// appendRunes is []rune(s) (the same runes, U+FFFD for every invalid byte,
// as the conversion gives) written into dst's storage when it is big
// enough, about twice as fast on Chinese text. The runtime's conversion
// decodes the string twice (once to count) and calls its decoder for every
// non-ASCII rune; here the two- and three-byte forms every CJK character
// takes are decoded inline and anything unusual (invalid bytes,
// surrogates, overlongs, four-byte forms) goes to utf8.DecodeRune. Room for
// a rune per byte spares the counting pass; the pooled buffers this fills
// make the slack free.
func appendRunes(dst []rune, s string) []rune {
	if cap(dst) < len(s) {
		dst = make([]rune, len(s))
	}
	out := dst[:len(s)]
	j := 0
	for i := 0; i < len(s); j++ {
		c := s[i]
		switch {
		case c < utf8.RuneSelf:
			out[j] = rune(c)
			i++
			continue
		case c >= 0xE1 && c <= 0xEF && c != 0xED && i+2 < len(s):
			// E1–EC, EE–EF: any two continuation bytes make a valid rune
			// (E0 and ED restrict the second byte; they take the slow path).
			b1, b2 := s[i+1], s[i+2]
			if b1&0xC0 == 0x80 && b2&0xC0 == 0x80 {
				out[j] = rune(c&0x0F)<<12 | rune(b1&0x3F)<<6 | rune(b2&0x3F)
				i += 3
				continue
			}
		case c >= 0xC2 && c <= 0xDF && i+1 < len(s):
			if b1 := s[i+1]; b1&0xC0 == 0x80 {
				out[j] = rune(c&0x1F)<<6 | rune(b1&0x3F)
				i += 2
				continue
			}
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		out[j] = r
		i += n
	}
	return out[:j]
}

// runeBufs recycles Apply's rune views of a document: nothing in a Result
// points into them (meta and facts copy what they keep), and without reuse
// they were a tenth of all the bytes a run allocates. Buffers of unusually
// long documents are not kept.
var runeBufs = sync.Pool{New: func() any { return new(runePair) }}

type runePair struct{ orig, simp []rune }

const maxPooledRunes = 1 << 20

func (p *runePair) release() {
	if cap(p.orig) <= maxPooledRunes && cap(p.simp) <= maxPooledRunes {
		runeBufs.Put(p)
	}
}
