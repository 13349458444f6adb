package extract

import "testing"

func TestOffsetBuilder(t *testing.T) {
	// Original "ab12cd" → cleaned "abX cd" style: runs [0,2), one rune from 3,
	// then [4,6). Original length 6.
	var b OffsetBuilder
	b.AddRun(0, 2)
	b.Add(3)
	b.AddRun(4, 2) // contiguous with the previous rune: merges
	m := b.Build(6)
	if got := m.Segments(); got != 2 {
		t.Errorf("Segments = %d, want 2 (contiguous runs merge)", got)
	}
	tests := []struct {
		clean, wantOrig int
	}{
		{-1, 0}, {0, 0}, {1, 1}, {2, 3}, {3, 4}, {4, 5}, {5, 6}, {99, 6},
	}
	for _, tt := range tests {
		if got := m.Orig(tt.clean); got != tt.wantOrig {
			t.Errorf("Orig(%d) = %d, want %d", tt.clean, got, tt.wantOrig)
		}
	}
	inverse := []struct {
		orig, wantClean int
	}{
		{0, 0}, {1, 1}, {2, 2}, {3, 2}, {4, 3}, {5, 4}, {6, 5},
	}
	for _, tt := range inverse {
		if got := m.Clean(tt.orig); got != tt.wantClean {
			t.Errorf("Clean(%d) = %d, want %d (removed runes map to the next survivor)", tt.orig, got, tt.wantClean)
		}
	}
	if s, e := m.OrigSpan(1, 3); s != 1 || e != 4 {
		t.Errorf("OrigSpan(1,3) = %d,%d, want 1,4 (covers the removed rune 2)", s, e)
	}
	if s, e := m.OrigSpan(2, 2); s != 3 || e != 3 {
		t.Errorf("OrigSpan(2,2) = %d,%d, want 3,3", s, e)
	}
}

func TestIdentityMap(t *testing.T) {
	m := IdentityMap(10)
	for i := 0; i <= 10; i++ {
		if m.Orig(i) != i || m.Clean(i) != i {
			t.Fatalf("identity: Orig(%d)=%d Clean(%d)=%d", i, m.Orig(i), i, m.Clean(i))
		}
	}
	if m.Segments() != 1 {
		t.Errorf("Segments = %d, want 1", m.Segments())
	}
	var nilMap *OffsetMap
	if nilMap.Orig(7) != 7 {
		t.Errorf("nil map must be the identity")
	}
}

// The map stays compact: a document whose cleaning removes k pieces of debris
// needs O(k) segments, not one per rune.
func TestOffsetMapCompact(t *testing.T) {
	text := benchReport()
	_, m, _ := Clean(text)
	if m.Segments()*20 > m.CleanLen() {
		t.Errorf("%d segments for %d runes: map is not compact", m.Segments(), m.CleanLen())
	}
}
