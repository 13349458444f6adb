package jobs

import (
	"os"
	"testing"
)

func TestZZTime(t *testing.T) {
	if os.Getenv("ZZ") == "" {
		t.Skip()
	}
	s, err := Run(t.Context(), RunConfig{Inputs: []string{"/tmp/arch100k/archive"}, Out: "/tmp/ds100k"})
	t.Log(err, s.Wall, s.Row)
}
