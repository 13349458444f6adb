package pipeline

import (
	"strings"
	"testing"
	"time"
)

// Limits come from the environment (a unit file or CronJob sets them);
// a bad value is reported with the variable's name, not silently ignored.
func TestLimitsFromEnv(t *testing.T) {
	t.Setenv(EnvPDFPages, "50")
	t.Setenv(EnvPDFTimeout, "90s")
	t.Setenv(EnvPDFStreamBytes, "")
	l, err := LimitsFromEnv()
	if err != nil || l.PDFPages != 50 || l.PDFTimeout != 90*time.Second || l.PDFStreamBytes != 0 {
		t.Fatalf("%+v, %v", l, err)
	}
	t.Setenv(EnvPDFMemoryBytes, "1GB")
	t.Setenv(EnvPDFTimeout, "soon")
	_, err = LimitsFromEnv()
	if err == nil || !strings.Contains(err.Error(), EnvPDFMemoryBytes) || !strings.Contains(err.Error(), EnvPDFTimeout) {
		t.Fatalf("bad values: %v, want both variables named", err)
	}
}
