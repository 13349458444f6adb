package load

import (
	"testing"
	"unsafe"
)

// A reused buffer comes back zeroed and 64-byte aligned, as a new one does.
func TestBufPoolReusesZeroed(t *testing.T) {
	p := &bufPool{}
	b := p.Allocate(5000)
	for i := range b {
		b[i] = 0xff
	}
	p.Free(b)
	c := p.Allocate(6000)
	if &c[0] != &b[0] {
		t.Fatal("freed buffer not reused")
	}
	for i, x := range c[:cap(c)] {
		if x != 0 {
			t.Fatalf("byte %d of a reused buffer is %#x", i, x)
		}
	}
	if len(c) != 6000 || cap(c) != 8192 {
		t.Fatalf("len %d cap %d", len(c), cap(c))
	}
	g := p.Reallocate(9000, c)
	if uintptr(unsafe.Pointer(&g[0]))%64 != 0 || len(g) != 9000 {
		t.Fatalf("grown buffer: len %d, misaligned", len(g))
	}
	if d := p.Allocate(8000); &d[0] != &c[0] {
		t.Fatal("buffer freed by Reallocate not reused")
	}
}
