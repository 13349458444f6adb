package pipeline

import (
	"bytes"
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
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

// openRead must behave as os.Open does for everything readSource relies on:
// the bytes, the size and modification time it compares with the listing,
// and errors that name the path and match fs.ErrNotExist/ErrPermission.
func TestOpenReadAsOsOpen(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "报告.txt")
	data := bytes.Repeat([]byte("共悬挂横幅200余条\n"), 3000)
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	got, err := ReadFile(path)
	if err != nil || !bytes.Equal(got, data) {
		t.Fatalf("ReadFile: %d bytes, %v; want %d", len(got), err, len(data))
	}
	f, err := openRead(path)
	if err != nil {
		t.Fatal(err)
	}
	size, mtime, err := f.stat()
	fi, _ := os.Stat(path)
	if err != nil || size != fi.Size() || !mtime.Equal(fi.ModTime()) {
		t.Errorf("stat: %d %v %v; os.Stat says %d %v", size, mtime, err, fi.Size(), fi.ModTime())
	}
	if err := f.Close(); err != nil {
		t.Error(err)
	}

	missing := filepath.Join(dir, "gone.txt")
	_, err = openRead(missing)
	_, osErr := os.Open(missing)
	if !errors.Is(err, fs.ErrNotExist) || err == nil || err.Error() != osErr.Error() {
		t.Errorf("missing file: %v; os.Open says %v", err, osErr)
	}
	if _, err := ReadFile(dir); err == nil {
		t.Error("reading a directory gave no error")
	}
}
