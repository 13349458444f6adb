package main

import (
	"errors"
	"io"
	"path/filepath"
	"strings"
	"testing"

	"github.com/reportetl/reportetl/jobs"
)

// PDFs without LibreOffice are a setup problem: exit code 2 with the
// Debian packages to install, and nothing written.
func TestGenWithoutSofficeIsUsageError(t *testing.T) {
	c := newGenCmd()
	c.SetOut(io.Discard)
	c.SetErr(io.Discard)
	c.SetArgs([]string{"--n", "2", "--out", filepath.Join(t.TempDir(), "a"), "--pdf-share", "0.5", "--soffice", "/nonexistent/soffice"})
	err := c.Execute()
	var ee *exitError
	if !errors.As(err, &ee) || ee.code != jobs.ExitUsage || !strings.Contains(err.Error(), "libreoffice-writer-nogui") {
		t.Fatalf("gen --pdf-share without soffice: %v, want exit code %d naming libreoffice-writer-nogui", err, jobs.ExitUsage)
	}
}
