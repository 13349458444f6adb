package transform

import (
	"math/rand/v2"
	"slices"
	"testing"
	"unicode/utf8"
)

// toRunes is appendRunes into a fresh buffer.
func toRunes(s string) []rune { return appendRunes(nil, s) }

// toRunes must be []rune(s) exactly, invalid input included: offsets into
// the text are rune offsets, and one rune more or less would shift every
// fact's provenance after it.
func TestToRunesIsRuneConversion(t *testing.T) {
	// Apply converts into recycled buffers: what an earlier, longer text
	// left in one must not show through.
	dirty := make([]rune, 0, 64)
	toRunes := func(s string) []rune {
		got := toRunes(s)
		dirty = dirty[:cap(dirty)]
		for i := range dirty {
			dirty[i] = 0x10FFFF
		}
		if again := appendRunes(dirty, s); !slices.Equal(again, got) {
			t.Fatalf("appendRunes into a used buffer (%q) = %U, toRunes = %U", s, again, got)
		}
		return got
	}
	cases := []string{
		"", "a", "扫黑除恶专项斗争", "é ñ ß", "𠀀𪚥 emoji 😀",
		"\xff", "\xe4\xb8", "\xe4\xb8x", "\xe4", "\xc3", "\xc3(", "\xed\xa0\x80", // truncated, invalid, surrogate
		"\xe0\x80\x80", "\xe0\xa0\x80", "\xef\xbf\xbd", "\xef\xbf\xbf", "\xc0\xaf", "\xf4\x90\x80\x80",
		"共悬挂横幅200余条\r\n发放宣传单３０００份", "\u00a0\u3000\ufeff",
	}
	for _, s := range cases {
		if got, want := toRunes(s), []rune(s); !slices.Equal(got, want) {
			t.Errorf("toRunes(%q) = %U, want %U", s, got, want)
		}
	}
	// Every one-, two- and three-byte sequence, valid or not, alone and
	// between CJK characters.
	for a := 0; a < 256; a++ {
		for b := 0; b < 256; b++ {
			for _, c := range []int{0x00, 0x41, 0x80, 0x9f, 0xa0, 0xbf, 0xc0, 0xe4, 0xff} {
				s := string([]byte{byte(a), byte(b), byte(c)})
				for _, w := range []string{s, "中" + s + "文", s[:2], s[:1] + "中"} {
					if got, want := toRunes(w), []rune(w); !slices.Equal(got, want) {
						t.Fatalf("toRunes(%q) = %U, want %U", w, got, want)
					}
				}
			}
		}
	}
	// Random mixes of valid runes of every length and stray bytes.
	rng := rand.New(rand.NewPCG(1, 2))
	for range 20000 {
		var b []byte
		for range rng.IntN(40) {
			switch rng.IntN(5) {
			case 0:
				b = append(b, byte(rng.IntN(256)))
			case 1:
				b = utf8.AppendRune(b, rune(rng.IntN(0x80)))
			case 2:
				b = utf8.AppendRune(b, rune(0x4e00+rng.IntN(0x5200)))
			case 3:
				b = utf8.AppendRune(b, rune(rng.IntN(0x110000)))
			default:
				b = utf8.AppendRune(b, rune(0x80+rng.IntN(0x780)))
			}
		}
		if got, want := toRunes(string(b)), []rune(string(b)); !slices.Equal(got, want) {
			t.Fatalf("toRunes(%q) = %U, want %U", b, got, want)
		}
	}
}

func FuzzToRunes(f *testing.F) {
	f.Add("扫黑除恶\xe4\xb8")
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := toRunes(s), []rune(s); !slices.Equal(got, want) {
			t.Fatalf("toRunes(%q) = %U, want %U", s, got, want)
		}
	})
}

var sink []rune

func BenchmarkToRunes(b *testing.B) {
	s := ""
	for len(s) < 8000 {
		s += "2020年，我镇共悬挂横幅200余条，发放宣传单3000份，未排查到保护伞。"
	}
	b.SetBytes(int64(len(s)))
	b.Run("appendRunes", func(b *testing.B) { // as Apply uses it: into a recycled buffer
		for b.Loop() {
			sink = appendRunes(sink, s)
		}
	})
	b.Run("conversion", func(b *testing.B) {
		for b.Loop() {
			sink = []rune(s)
		}
	})
}
