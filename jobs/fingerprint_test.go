package jobs

import (
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

// The build fingerprint comes from the Go build ID the linker wrote into
// the executable, the same ID `go tool buildid` prints; a file that is not
// an ELF executable has none (the fingerprint then hashes the file).
func TestGoBuildID(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("ELF build ID note: linux only")
	}
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	id := goBuildID(exe)
	if strings.Count(id, "/") < 1 {
		t.Fatalf("goBuildID(test binary) = %q, want a Go build ID", id)
	}
	if gobin, err := exec.LookPath("go"); err == nil {
		out, err := exec.Command(gobin, "tool", "buildid", exe).Output()
		if err != nil {
			t.Fatalf("go tool buildid: %v", err)
		}
		if want := strings.TrimSpace(string(out)); id != want {
			t.Errorf("goBuildID = %q, go tool buildid says %q", id, want)
		}
	}
	txt := filepath.Join(t.TempDir(), "a.txt")
	os.WriteFile(txt, []byte("not an executable"), 0o644)
	if id := goBuildID(txt); id != "" {
		t.Errorf("goBuildID(text file) = %q, want empty", id)
	}
	if fp := buildFingerprint(); len(fp) != 12 || strings.Trim(fp, "0123456789abcdef") != "" {
		t.Errorf("buildFingerprint() = %q, want 12 hex digits", fp)
	}
}
