package extract

import (
	"math/rand/v2"
	"strings"
	"testing"
)

// skip must stop exactly where a rune-by-rune scan would: at the first rune
// that is not an ideograph U+4E00..U+9FFF or is in the set, or at an
// invalid byte.
func TestHanSetSkip(t *testing.T) {
	set := newHanSet('会', '页')
	want := func(s string) int {
		for i, r := range s {
			if r < 0x4E00 || r > 0x9FFF || set.has(r) {
				return i
			}
		}
		return len(s)
	}
	pieces := []string{"中", "文", "会", "页", "一", "鿿", "\u4dff", "㐀", "a", "。", "，", "\xe4", "\xe4\xb8", "\xef\xbc\x8c", "ā", "𠀀"}
	rng := rand.New(rand.NewPCG(3, 4))
	for range 20000 {
		var sb strings.Builder
		for range rng.IntN(8) {
			sb.WriteString(pieces[rng.IntN(len(pieces))])
		}
		s := sb.String()
		if got, w := set.skip(s), want(s); got != w {
			t.Fatalf("skip(%q) = %d, want %d", s, got, w)
		}
	}
}
