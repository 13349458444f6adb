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

	"github.com/apache/arrow/go/v17/arrow"
	"github.com/apache/arrow/go/v17/arrow/memory"
	"github.com/apache/arrow/go/v17/parquet/file"
	"github.com/apache/arrow/go/v17/parquet/pqarrow"

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
	// MetricsFile, if set, is a Prometheus textfile-collector file written
	// (atomically) at the end of every run, failed ones included.
	MetricsFile string
	Logger      *slog.Logger
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
		return fmt.Errorf("--workers must be ≥ 0 (0 = one per CPU, plus one), got %d", c.Workers)
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
	RunID string
	Out   string
	// Full is set when every document was (re-)extracted, Why says why.
	Full bool
	Why  string
	// Seen is every listed document; New, Changed, Unchanged, Removed
	// compare the listing with the previous snapshot.
	Seen, New, Changed, Unchanged, Removed int
	// CarriedFailed counts unchanged documents whose error rows were carried
	// over (not retried, not counted in Failed).
	CarriedFailed int
	// Docs, OK, Failed count the documents processed by this run (plus files
	// that could not be listed, in Docs and Failed).
	Docs      int
	OK        int
	Failed    int
	Facts     int64
	Bytes     int64
	Skipped   []extract.Skipped
	Errors    []transform.ErrorRow
	Wall      time.Duration
	Published bool
	Row       transform.RunRow // this run's row of the runs table
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

// Run performs one run: lock, list, compare with the previous snapshot's
// manifest, extract+transform what is new or changed, assemble a staged
// snapshot (carrying the rest over), publish it atomically. On error
// (including a cancelled ctx: SIGINT/SIGTERM) nothing is published and the
// previous snapshot stays current.
func Run(ctx context.Context, cfg RunConfig) (sum *Summary, err error) {
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
	sum = &Summary{RunID: runID, Out: cfg.Out}
	row := transform.RunRow{RunID: runID, StartedAt: started, Status: "failed"}
	// A failed run is still logged, in the journal that the next snapshot's
	// runs table is built from, and in the metrics file.
	defer func() {
		if !sum.Published {
			row.FinishedAt = time.Now().UTC()
			row.TotalMS = row.FinishedAt.Sub(started).Milliseconds()
			if jerr := appendJournal(cfg.Out, row); jerr != nil {
				log.Warn("could not record failed run in journal", "err", jerr)
			}
			log.Error("run failed; nothing published", "run_id", runID, "err", err, "duration_ms", row.TotalMS)
		}
		if cfg.MetricsFile != "" {
			if merr := writeMetrics(cfg.MetricsFile, cfg.Out, row, sum, ExitCode(sum, err)); merr != nil {
				log.Warn("could not write metrics file", "path", cfg.MetricsFile, "err", merr)
			}
		}
	}()

	t0 := time.Now()
	plan, listing, err := makePlan(cfg, store, runID)
	if err != nil {
		return sum, err
	}
	row.DiscoverMS = time.Since(t0).Milliseconds()
	sum.Skipped = listing.Skipped
	for _, s := range listing.Skipped {
		log.Info("skipped", "source", s.Rel, "reason", s.Reason)
	}
	work := plan.Work()
	sum.Full, sum.Why = plan.Full, plan.Why
	sum.Seen, sum.New, sum.Changed, sum.Unchanged, sum.Removed = len(listing.Sources)+len(listing.Failed), plan.New, plan.Changed, plan.Unchanged, len(plan.Removed)
	log.Info("run started", "run_id", runID, "inputs", cfg.Inputs, "out", cfg.Out, "documents", len(listing.Sources),
		"new", plan.New, "changed", plan.Changed, "unchanged", plan.Unchanged, "removed", len(plan.Removed),
		"skipped", len(listing.Skipped), "full", plan.Full, "full_reason", plan.Why)
	for _, it := range plan.Items {
		if it.Change == Changed {
			log.Debug("re-extract", "source", it.Source.Rel, "reason", it.Reason)
		}
	}

	var rules *facts.Engine
	if cfg.RulesFile != "" {
		if rules, err = facts.LoadFile(cfg.RulesFile); err != nil {
			return sum, err
		}
	}
	staging, err := store.Begin(runID)
	if err != nil {
		return sum, err
	}
	// The delta (rows of the documents extracted now) sits beside the
	// staging snapshot, under .staging, so OpenStore removes it after a crash.
	deltaDir := staging.Dir + ".delta"
	ok := false
	defer func() {
		os.RemoveAll(deltaDir)
		if !ok {
			staging.Abort()
		}
	}()

	// 1. Extract and transform the work into the delta.
	// The work's manifest entries, in listing order (the pipeline finishes
	// documents in that order).
	entries := make([]ManifestEntry, 0, len(work))
	// A full run writes every document now, so the statistics can be
	// gathered on the way instead of reading the tables back.
	var live *stats.Live
	if plan.Full {
		live = stats.NewLive()
	}
	if err := extractDelta(ctx, cfg, rules, runID, started, deltaDir, work, &entries, live, sum, &row); err != nil {
		return sum, fmt.Errorf("run %s: %w", runID, err)
	}
	if err := ctx.Err(); err != nil {
		return sum, fmt.Errorf("run %s interrupted; nothing published: %w", runID, err)
	}

	// 2. Assemble the snapshot: carried partitions linked, touched ones merged.
	t1 := time.Now()
	sink, batcher, err := openBatcher(staging.Dir, runID, started)
	if err != nil {
		return sum, err
	}
	defer sink.Close()
	defer batcher.Reset()
	asm := &assembly{
		ctx: ctx, deltaDir: deltaDir, sink: sink, stageDir: staging.Dir,
		keep: map[string]int{}, pos: map[string]int{}, forceMerge: map[string]bool{},
	}
	if !plan.Full {
		asm.prevDir = plan.PrevDir
		asm.dropping = len(plan.Removed) > 0 || plan.Prev.Header.ListingFailures > 0
	}
	for i, it := range plan.Items {
		if it.Change == Unchanged {
			asm.keep[it.Source.Rel] = i
			if it.Entry != nil && it.Entry.Status == "failed" {
				sum.CarriedFailed++
			}
		} else {
			asm.pos[it.Source.Rel] = i
			if !plan.Full {
				asm.dropping = true
			}
		}
	}
	if len(listing.Failed) > 0 {
		asm.forceMerge[transform.TableErrors] = true
	}
	if err := asm.run(); err != nil {
		return sum, fmt.Errorf("run %s: %w", runID, err)
	}
	for _, f := range listing.Failed {
		e := transform.ErrorRow{Source: f.Source.Rel, Stage: f.Err.Stage, Class: f.Err.Class, Message: f.Err.Err.Error()}
		if err := batcher.AddError(e); err != nil {
			return sum, err
		}
		sum.Errors = append(sum.Errors, e)
		sum.Failed++
		sum.Docs++
	}
	row.Seen, row.New, row.Changed, row.Removed = int64(sum.Seen), int64(sum.New), int64(sum.Changed), int64(sum.Removed)
	row.Failed, row.Skipped, row.Facts = int64(sum.Failed), int64(len(listing.Skipped)), sum.Facts
	row.Status = "ok"
	if sum.Failed > 0 {
		row.Status = "partial"
	}
	// The runs table is the journal of earlier runs plus this one.
	prevRuns, err := readJournal(cfg.Out)
	if err != nil {
		return sum, err
	}
	row.LoadMS += time.Since(t1).Milliseconds()
	if err := batcher.Push(); err != nil {
		return sum, err
	}
	for _, t := range perDocTables {
		if !asm.tables[t] && !(t == transform.TableErrors && len(listing.Failed) > 0) {
			if err := sink.Ensure(t, transform.Schemas[t]); err != nil {
				return sum, err
			}
		}
	}
	if err := sink.Close(); err != nil {
		return sum, err
	}

	prevDir, reusable := plan.PrevDir, !plan.Full && !asm.touched[transform.TableDocuments] && !asm.touched[transform.TableFacts]
	asm.keep, asm.pos = nil, nil
	// 3. The manifest of what this snapshot was built from. Written before
	// the statistics so that the listing, the plan and the entries (hundreds
	// of bytes per document) are garbage by the time the statistics need
	// memory.
	man := &Manifest{Header: plan.Versions}
	man.Header.ListingFailures = len(listing.Failed)
	man.Entries = make([]ManifestEntry, 0, len(plan.Items))
	k := 0
	for _, it := range plan.Items {
		if it.Change == Unchanged {
			man.Entries = append(man.Entries, *it.Entry)
			continue
		}
		if k == len(entries) || entries[k].Source != it.Source.Rel {
			return sum, fmt.Errorf("run %s: %s was not processed", runID, it.Source.Rel)
		}
		man.Entries = append(man.Entries, entries[k])
		k++
	}
	if err := WriteManifest(staging.Dir, man); err != nil {
		return sum, err
	}
	// 4. Statistics summarise the full new snapshot and are published with
	// it. They are a pure function of the documents and facts tables, so when
	// both were carried over unchanged the previous files are reused.
	t2 := time.Now()
	if err := ctx.Err(); err != nil {
		return sum, fmt.Errorf("run %s interrupted; nothing published: %w", runID, err)
	}
	reused := false
	if reusable {
		reused = reuseStats(prevDir, staging.Dir) == nil
	}
	if !reused {
		os.RemoveAll(filepath.Join(staging.Dir, stats.TableUnitYear))
		os.RemoveAll(filepath.Join(staging.Dir, stats.TableCorrelations))
		if why := live.GaveUp(); live != nil && why != "" {
			log.Info("statistics read back from the tables", "why", "gathering them during the run gave up: "+why)
		}
		if err := stats.Write(staging.Dir, transform.SchemaVersion, runID, live); err != nil {
			return sum, fmt.Errorf("run %s: %w", runID, err)
		}
	}

	// 5. The runs table, last, so that this run's row has its statistics
	// step in duration_ms_publish and its true total (all but the rename
	// that publishes it; the journal has that too).
	row.PublishMS = time.Since(t2).Milliseconds()
	row.FinishedAt = time.Now().UTC()
	row.TotalMS = row.FinishedAt.Sub(started).Milliseconds()
	if err := writeRuns(staging.Dir, runID, started, append(prevRuns, row)); err != nil {
		return sum, fmt.Errorf("run %s: %w", runID, err)
	}

	if err := ctx.Err(); err != nil {
		return sum, fmt.Errorf("run %s interrupted before publishing; nothing published: %w", runID, err)
	}
	if err := staging.Publish(cfg.Keep); err != nil {
		return sum, err
	}
	ok = true
	sum.Published = true
	row.PublishMS = time.Since(t2).Milliseconds()
	row.FinishedAt = time.Now().UTC()
	row.TotalMS = row.FinishedAt.Sub(started).Milliseconds()
	if err := appendJournal(cfg.Out, row); err != nil {
		log.Warn("published, but could not append to the run journal", "err", err)
	}
	sum.Wall = time.Since(started)
	sum.Row = row
	log.Info("run finished", "run_id", runID, "status", row.Status, "processed", sum.Docs, "new", sum.New, "changed", sum.Changed,
		"unchanged", sum.Unchanged, "removed", sum.Removed, "failed", sum.Failed, "facts", sum.Facts,
		"linked_files", asm.linked, "merged_partitions", asm.merged, "stats_reused", reused, "stats_live", !reused && live.GaveUp() == "",
		"duration_ms", sum.Wall.Milliseconds())
	return sum, nil
}

// makePlan lists the inputs and compares them with the current snapshot.
func makePlan(cfg RunConfig, store *load.Store, runID string) (*Plan, *extract.Listing, error) {
	// Hashing this binary for the versions (tens of milliseconds) and
	// reading the previous manifest overlap the listing (the manifest and
	// the listing take about half a second each at 100,000 documents, on
	// different resources).
	go buildFingerprint()
	listedAt := time.Now().UnixNano()
	type prevState struct {
		dir, drift string
		man        *Manifest
		err, merr  error
	}
	ch := make(chan prevState, 1)
	go func() {
		var ps prevState
		if ps.dir, ps.err = store.Current(); ps.err == nil && ps.dir != "" && !cfg.Full {
			if ps.man, ps.merr = ReadManifest(ps.dir); ps.merr == nil && ps.man != nil {
				ps.drift = schemaDrift(ps.dir)
			}
		}
		ch <- ps
	}()
	listing, err := extract.Discover(cfg.Inputs, extract.DiscoverOptions{FollowSymlinks: cfg.FollowSymlinks})
	ps := <-ch
	if err != nil {
		return nil, nil, err
	}
	if ps.err != nil {
		return nil, nil, ps.err
	}
	versions, err := currentVersions(&cfg, runID)
	if err != nil {
		return nil, nil, err
	}
	versions.ListedAt = listedAt
	prevDir, prev := ps.dir, ps.man
	full, why := cfg.Full, ""
	switch {
	case ps.merr != nil:
		// A damaged manifest costs a full run, not a failed one.
		cfg.Logger.Warn("previous manifest unreadable; rebuilding everything", "err", ps.merr)
		prev, full, why = nil, true, "the previous manifest is unreadable"
	case ps.drift != "":
		cfg.Logger.Warn("previous snapshot has another table layout; rebuilding everything", "why", ps.drift)
		full, why = true, "the previous snapshot's "+ps.drift
	}
	plan, err := planRun(listing, prevDir, prev, versions, full)
	if err != nil {
		return nil, nil, err
	}
	if why != "" {
		plan.Why = why
	}
	return plan, listing, nil
}

// DryRun lists the inputs and says what a run would do, without taking the
// lock or writing anything.
func DryRun(cfg RunConfig) (*Plan, *extract.Listing, error) {
	if err := cfg.Validate(); err != nil {
		return nil, nil, err
	}
	return makePlan(cfg, &load.Store{Out: cfg.Out}, "dry-run")
}

// schemaDrift compares the previous snapshot's per-document tables with the
// current Arrow schemas; rows can only be carried into the same layout.
func schemaDrift(prevDir string) string {
	parts, err := partitions(prevDir)
	if err != nil {
		return err.Error()
	}
	checked := map[string]bool{}
	for key, files := range parts {
		table, _ := splitKey(key)
		if checked[table] || len(files) == 0 {
			continue
		}
		checked[table] = true
		f, err := os.Open(files[0])
		if err != nil {
			return err.Error()
		}
		pr, err := file.NewParquetReader(f)
		if err != nil {
			f.Close()
			return err.Error()
		}
		fr, err := pqarrow.NewFileReader(pr, pqarrow.ArrowReadProperties{}, memory.DefaultAllocator)
		var got *arrow.Schema
		if err == nil {
			got, err = fr.Schema()
		}
		f.Close()
		if err != nil {
			return err.Error()
		}
		want := transform.Schemas[table]
		if want == nil || !sameColumns(got, want) {
			return "table " + table + " has different columns"
		}
	}
	return ""
}

// sameColumns compares names, types and nullability (not field metadata,
// which the Parquet round trip adds).
func sameColumns(a, b *arrow.Schema) bool {
	if a.NumFields() != b.NumFields() {
		return false
	}
	for i := range a.NumFields() {
		fa, fb := a.Field(i), b.Field(i)
		if fa.Name != fb.Name || fa.Nullable != fb.Nullable || !arrow.TypeEqual(fa.Type, fb.Type) {
			return false
		}
	}
	return true
}

// reuseStats links the previous snapshot's statistics tables.
func reuseStats(prevDir, stageDir string) error {
	for _, t := range []string{stats.TableUnitYear, stats.TableCorrelations} {
		files, err := filepath.Glob(filepath.Join(prevDir, t, "*.parquet"))
		if err != nil || len(files) == 0 {
			return fmt.Errorf("no %s in the previous snapshot", t)
		}
		if err := os.MkdirAll(filepath.Join(stageDir, t), 0o755); err != nil {
			return err
		}
		for _, f := range files {
			if err := linkOrCopy(f, filepath.Join(stageDir, t, filepath.Base(f))); err != nil {
				return err
			}
		}
	}
	return nil
}

// extractDelta runs the pipeline over the work into deltaDir and records a
// manifest entry per document.
func extractDelta(ctx context.Context, cfg RunConfig, rules *facts.Engine, runID string, started time.Time, deltaDir string,
	work []extract.Source, entries *[]ManifestEntry, live *stats.Live, sum *Summary, row *transform.RunRow) error {
	log := cfg.Logger
	sink, batcher, err := openBatcher(deltaDir, runID, started)
	if err != nil {
		return err
	}
	defer sink.Close()
	defer batcher.Reset()
	total := len(work)
	done := 0
	// The PDF extractor owns worker processes: stop them when the run ends.
	exts := pipeline.DefaultExtractors()
	defer closeExtractors(exts)
	entry := func(src extract.Source) ManifestEntry {
		return ManifestEntry{Source: src.Rel, Size: src.Size, MTime: src.ModTime.UnixNano(), Format: src.Format}
	}
	pl := pipeline.New(pipeline.Config{
		Extractors:   exts,
		Workers:      cfg.Workers,
		MaxFileBytes: cfg.MaxFileBytes,
		Transformer:  transform.New(rules),
		Done: func(src extract.Source, res *transform.Result) {
			e := entry(src)
			e.SHA256, e.Status = res.Doc.DocID, "ok"
			if f := res.Doc.Source.Format; f != "" {
				e.Format = f
			}
			*entries = append(*entries, e)
			if live != nil {
				live.Add(res)
			}
		},
		Progress: func(src extract.Source, err error) {
			done++
			if err != nil {
				log.Warn("document failed", "source", src.Rel, "err", err)
				e := entry(src)
				e.Status, e.Class = "failed", "internal"
				var xe *extract.Error
				if errors.As(err, &xe) {
					e.Class = xe.Class
					sum.Errors = append(sum.Errors, transform.ErrorRow{Source: src.Rel, Stage: xe.Stage, Class: xe.Class, Message: xe.Err.Error()})
				}
				// Hash a failure that is carried over while the file is
				// unchanged, so a touch does not retry it (retried ones
				// need no hash, and may be huge or unreadable).
				if !retryClasses[e.Class] {
					e.SHA256, _ = hashFile(src.Path)
				}
				*entries = append(*entries, e)
			}
			if cfg.Progress != nil {
				cfg.Progress(done, total)
			}
		},
	})
	st, err := pl.Run(ctx, work, batcher)
	sum.Docs, sum.OK, sum.Failed, sum.Facts, sum.Bytes = st.Docs, st.OK, st.Failed, st.Facts, st.Bytes
	row.ExtractMS, row.TransformMS, row.LoadMS = st.Extract.Milliseconds(), st.Transform.Milliseconds(), st.Load.Milliseconds()
	if err != nil {
		return err
	}
	live.Finish()
	if err := batcher.Push(); err != nil {
		return err
	}
	err = sink.Close()
	// The batcher only queues row groups; the sink's goroutines encode them.
	row.LoadMS += sink.Busy().Milliseconds()
	return err
}

func closeExtractors(exts map[string]extract.Extractor) {
	for _, x := range exts {
		if c, ok := x.(io.Closer); ok {
			c.Close()
		}
	}
}

// LastRun returns the journal's row of the last run on out, with its
// final durations (the runs table's row is written just before the
// snapshot is renamed into place).
func LastRun(out string) (transform.RunRow, error) {
	rows, err := readJournal(out)
	if err == nil && len(rows) == 0 {
		err = fmt.Errorf("no run recorded in %s", journalPath(out))
	}
	if err != nil {
		return transform.RunRow{}, err
	}
	return rows[len(rows)-1], nil
}

// openBatcher opens a sink writing part files under dir and a batcher
// filling it with this run's rows.
func openBatcher(dir, runID string, started time.Time) (*load.DirSink, *transform.Batcher, error) {
	sink, err := load.NewDirSink(dir, transform.SchemaVersion, runID)
	if err != nil {
		return nil, nil, err
	}
	return sink, transform.NewBatcher(sink, runID, started), nil
}

// writeRuns writes the runs table of a staged snapshot.
func writeRuns(dir, runID string, started time.Time, rows []transform.RunRow) error {
	sink, b, err := openBatcher(dir, runID, started)
	if err != nil {
		return err
	}
	defer sink.Close()
	defer b.Reset()
	for _, r := range rows {
		if err := b.AddRun(r); err != nil {
			return err
		}
	}
	if err := b.Push(); err != nil {
		return err
	}
	if err := sink.Ensure(transform.TableRuns, transform.Schemas[transform.TableRuns]); err != nil {
		return err
	}
	return sink.Close()
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
