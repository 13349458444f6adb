package jobs

import (
	"os"
	"testing"
	"time"

	"github.com/reportetl/reportetl/extract"
	"github.com/reportetl/reportetl/load"
)

func TestZZTime(t *testing.T) {
	if os.Getenv("ZZ") == "" {
		t.Skip()
	}
	t0 := time.Now()
	l, _ := extract.Discover([]string{"/tmp/arch100k/archive"}, extract.DiscoverOptions{})
	t1 := time.Now()
	cur, _ := (&load.Store{Out: "/tmp/ds100k"}).Current()
	m, err := ReadManifest(cur)
	t2 := time.Now()
	t.Log(len(l.Sources), len(m.Entries), err, "discover", t1.Sub(t0), "manifest", t2.Sub(t1))
	v, _ := currentVersions(&RunConfig{Inputs: []string{"/tmp/arch100k/archive"}}, "x")
	p, _ := planRun(l, cur, m, v, false)
	t.Log("plan", time.Since(t2), p.Unchanged)
}
