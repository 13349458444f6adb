package pipeline

import (
	"bytes"
	"io"
	"testing"
	"testing/iotest"
)

// readAllSized reads everything whatever the size hint says: the file may
// have shrunk or grown since it was listed (readSource then refuses it by
// its length), and readers may return short reads.
func TestReadAllSized(t *testing.T) {
	data := bytes.Repeat([]byte("扫黑除恶"), 1000)
	for _, hint := range []int64{0, 1, 100, int64(len(data)) - 1, int64(len(data)), int64(len(data)) + 1, 1 << 20} {
		for name, r := range map[string]io.Reader{
			"plain":    bytes.NewReader(data),
			"one byte": iotest.OneByteReader(bytes.NewReader(data)),
			"half":     iotest.HalfReader(bytes.NewReader(data)),
		} {
			got, err := readAllSized(r, hint)
			if err != nil || !bytes.Equal(got, data) {
				t.Errorf("hint %d, %s reader: %d bytes, err %v; want all %d", hint, name, len(got), err, len(data))
			}
		}
	}
	if got, err := readAllSized(bytes.NewReader(nil), 1); err != nil || len(got) != 0 {
		t.Errorf("empty file: %q, %v", got, err)
	}
	if _, err := readAllSized(iotest.ErrReader(io.ErrUnexpectedEOF), 10); err != io.ErrUnexpectedEOF {
		t.Errorf("read error lost: %v", err)
	}
	// The limit reader readSource wraps it in: max+1 bytes at most.
	if got, _ := readAllSized(io.LimitReader(bytes.NewReader(data), 11), 5); len(got) != 11 {
		t.Errorf("limited read gave %d bytes, want 11", len(got))
	}
}
