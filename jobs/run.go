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

// Run performs one run: lock, list, extract+transform, write a staged
// snapshot, publish it atomically. On error nothing is published and the
// previous snapshot stays current.
func Run(ctx context.Context, cfg RunConfig) (*Summary, error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	log := cfg.Logger
	started := time.Now().UTC()
	lock, err := AcquireLock(cfg.Out)
	if err != nil {
		return nil, err
	}
	defer lock.Release()
	store, err := load.OpenStore(cfg.Out)
	if err != nil {
		return nil, err
	}
	runID := NewRunID(started)
	sum := &Summary{RunID: runID, Out: cfg.Out}
	row := transform.RunRow{RunID: runID, StartedAt: started, Status: "failed"}
	// A failed run is still logged, in the journal that the next snapshot's
	// runs table is built from.
	defer func() {
		if !sum.Published {
			row.FinishedAt = time.Now().UTC()
			row.TotalMS = row.FinishedAt.Sub(started).Milliseconds()
			if err := appendJournal(cfg.Out, row); err != nil {
				log.Warn("could not record failed run in journal", "err", err)
			}
		}
	}()

	var rules *facts.Engine
	if cfg.RulesFile != "" {
		if rules, err = facts.LoadFile(cfg.RulesFile); err != nil {
			return nil, err
		}
	}

	t0 := time.Now()
	listing, err := extract.Discover(cfg.Inputs, extract.DiscoverOptions{FollowSymlinks: cfg.FollowSymlinks})
	if err != nil {
		return nil, err
	}
	row.DiscoverMS = time.Since(t0).Milliseconds()
	sum.Skipped = listing.Skipped
	for _, s := range listing.Skipped {
		log.Info("skipped", "source", s.Rel, "reason", s.Reason)
	}
	log.Info("run started", "run_id", runID, "inputs", cfg.Inputs, "out", cfg.Out, "documents", len(listing.Sources), "skipped", len(listing.Skipped))

	staging, err := store.Begin(runID)
	if err != nil {
		return nil, err
	}
	ok := false
	defer func() {
		if !ok {
			staging.Abort()
		}
	}()
	sink, err := load.NewDirSink(staging.Dir, transform.SchemaVersion, runID)
	if err != nil {
		return nil, err
	}
	defer sink.Close()
	batcher := transform.NewBatcher(sink, runID, started)
	defer batcher.Reset()

	total := len(listing.Sources)
	done := 0
	// The PDF extractor owns worker processes: stop them when the run ends.
	exts := pipeline.DefaultExtractors()
	defer closeExtractors(exts)
	pl := pipeline.New(pipeline.Config{
		Extractors:   exts,
		Workers:      cfg.Workers,
		MaxFileBytes: cfg.MaxFileBytes,
		Transformer:  transform.New(rules),
		Progress: func(src extract.Source, err error) {
			done++
			if err != nil {
				log.Warn("document failed", "source", src.Rel, "err", err)
				var e *extract.Error
				if errors.As(err, &e) {
					sum.Errors = append(sum.Errors, transform.ErrorRow{Source: src.Rel, Stage: e.Stage, Class: e.Class, Message: e.Err.Error()})
				}
			}
			if cfg.Progress != nil {
				cfg.Progress(done, total)
			}
		},
	})
	st, err := pl.Run(ctx, listing.Sources, batcher)
	if err != nil {
		return nil, fmt.Errorf("run %s: %w", runID, err)
	}
	for _, f := range listing.Failed {
		e := transform.ErrorRow{Source: f.Source.Rel, Stage: f.Err.Stage, Class: f.Err.Class, Message: f.Err.Err.Error()}
		if err := batcher.AddError(e); err != nil {
			return nil, err
		}
		sum.Errors = append(sum.Errors, e)
		st.Failed++
		st.Docs++
	}
	sum.Docs, sum.OK, sum.Failed, sum.Facts, sum.Bytes = st.Docs, st.OK, st.Failed, st.Facts, st.Bytes
	row.Seen, row.New, row.Failed, row.Skipped, row.Facts = int64(st.Docs), int64(st.Docs), int64(st.Failed), int64(len(listing.Skipped)), st.Facts
	row.ExtractMS, row.TransformMS, row.LoadMS = st.Extract.Milliseconds(), st.Transform.Milliseconds(), st.Load.Milliseconds()
	row.Status = "ok"
	if st.Failed > 0 {
		row.Status = "partial"
	}

	// The runs table is the journal of earlier runs plus this one.
	prev, err := readJournal(cfg.Out)
	if err != nil {
		return nil, err
	}
	t1 := time.Now()
	row.FinishedAt = time.Now().UTC()
	row.TotalMS = row.FinishedAt.Sub(started).Milliseconds()
	for _, r := range append(prev, row) {
		if err := batcher.AddRun(r); err != nil {
			return nil, err
		}
	}
	if err := batcher.Push(); err != nil {
		return nil, err
	}
	for _, t := range []string{transform.TableDocuments, transform.TableFacts, transform.TablePages, transform.TableErrors, transform.TableQuality} {
		if err := sink.Ensure(t, transform.Schemas[t]); err != nil {
			return nil, err
		}
	}
	if err := sink.Close(); err != nil {
		return nil, err
	}
	// Statistics summarise the full new snapshot and are published with it.
	if err := stats.Write(staging.Dir, transform.SchemaVersion, runID); err != nil {
		return nil, fmt.Errorf("run %s: %w", runID, err)
	}
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("run %s interrupted before publishing: %w", runID, err)
	}
	if err := staging.Publish(cfg.Keep); err != nil {
		return nil, err
	}
	ok = true
	sum.Published = true
	row.PublishMS = time.Since(t1).Milliseconds()
	if err := appendJournal(cfg.Out, row); err != nil {
		log.Warn("published, but could not append to the run journal", "err", err)
	}
	sum.Wall = time.Since(started)
	log.Info("run finished", "run_id", runID, "documents", sum.Docs, "failed", sum.Failed, "facts", sum.Facts, "duration_ms", sum.Wall.Milliseconds())
	return sum, nil
}

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
