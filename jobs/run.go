// Package jobs defines what a scheduled run is: its configuration and
// validation, the output lock, the run log (runs table and journal), the
// exit codes, and the steps from listing the archive to publishing a
// snapshot.
package jobs

import (
	"bufio"
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"time"

	"github.com/reportetl/reportetl/extract"
	"github.com/reportetl/reportetl/load"
	"github.com/reportetl/reportetl/pipeline"
	"github.com/reportetl/reportetl/transform"
	"github.com/reportetl/reportetl/transform/facts"
	"github.com/reportetl/reportetl/transform/stats"
)

// Exit codes (DESIGN.md).
const (
	ExitOK      = 0  // all documents ok
	ExitFailed  = 1  // the run itself failed; nothing published
	ExitUsage   = 2  // bad flags or configuration
	ExitPartial = 3  // published, but some documents failed (see errors)
	ExitLocked  = 75 // another run holds the output lock (EX_TEMPFAIL)
)

// DefaultInput is the bundled sample archive, relative to the repository root.
const DefaultInput = "testdata/sample"

// RunConfig configures one run. Defaults are applied by Validate.
type RunConfig struct {
	Inputs         []string
	Out            string
	Workers        int
	Full           bool
	Keep           int
	MaxFileBytes   int64
	FollowSymlinks bool
	RulesFile      string
	Logger         *slog.Logger
	// Progress is called per finished document with (done, total).
	Progress func(done, total int)
}

// Validate fills defaults and checks values, with messages that name the flag.
func (c *RunConfig) Validate() error {
	if len(c.Inputs) == 0 {
		c.Inputs = []string{DefaultInput}
	}
	if c.Out == "" {
		c.Out = "out"
	}
	if c.Keep == 0 {
		c.Keep = 3
	}
	if c.Logger == nil {
		c.Logger = slog.New(slog.DiscardHandler)
	}
	switch {
	case c.Workers < 0:
		return fmt.Errorf("--workers must be ≥ 0 (0 = one per CPU), got %d", c.Workers)
	case c.Keep < 2:
		return fmt.Errorf("--keep must be ≥ 2 so readers of the previous snapshot keep their files, got %d", c.Keep)
	case c.MaxFileBytes < 0:
		return fmt.Errorf("--max-file-bytes must be ≥ 0 (0 = default %d), got %d", pipeline.DefaultMaxFileBytes, c.MaxFileBytes)
	}
	for _, in := range c.Inputs {
		if in == "" {
			return errors.New("--in must not be empty")
		}
	}
	return nil
}

// Summary is what a run reports.
type Summary struct {
	RunID     string
	Out       string
	Docs      int
	OK        int
	Failed    int
	Facts     int64
	Bytes     int64
	Skipped   []extract.Skipped
	Errors    []transform.ErrorRow
	Wall      time.Duration
	Published bool
}

// ExitCode maps a run's outcome to DESIGN.md's exit codes.
func ExitCode(s *Summary, err error) int {
	var locked *ErrLocked
	switch {
	case errors.As(err, &locked):
		return ExitLocked
	case err != nil:
		return ExitFailed
	case s != nil && s.Failed > 0:
		return ExitPartial
	}
	return ExitOK
}

// NewRunID is sortable by time and unique across concurrent hosts.
func NewRunID(t time.Time) string {
	var b [3]byte
	rand.Read(b[:])
	return t.UTC().Format("20060102T150405.000Z") + "-" + hex.EncodeToString(b[:])
}

RUNBODY
func closeExtractors(exts map[string]extract.Extractor) {
	for _, x := range exts {
		if c, ok := x.(io.Closer); ok {
			c.Close()
		}
	}
}

func journalPath(out string) string { return filepath.Join(out, ".state", "runs.jsonl") }

func readJournal(out string) ([]transform.RunRow, error) {
	f, err := os.Open(journalPath(out))
	if errors.Is(err, os.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("run journal: %w", err)
	}
	defer f.Close()
	var rows []transform.RunRow
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 64<<10), 1<<20)
	for sc.Scan() {
		var r transform.RunRow
		// A torn last line (power loss mid-append) is skipped, not fatal.
		if json.Unmarshal(sc.Bytes(), &r) == nil && r.RunID != "" {
			rows = append(rows, r)
		}
	}
	return rows, sc.Err()
}

func appendJournal(out string, r transform.RunRow) error {
	p := journalPath(out)
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		return err
	}
	f, err := os.OpenFile(p, os.O_APPEND|os.O_CREATE|os.O_WRONLY, 0o644)
	if err != nil {
		return err
	}
	defer f.Close()
	b, _ := json.Marshal(r)
	if _, err := f.Write(append(b, '\n')); err != nil {
		return err
	}
	return f.Sync()
}
