package jobs_test

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"golang.org/x/text/encoding/simplifiedchinese"

	"github.com/reportetl/reportetl/jobs"
	"github.com/reportetl/reportetl/load"
)

const report = "城关镇扫黑除恶专项斗争工作总结\n2020年，我镇共悬挂横幅200余条，发放宣传单3000份，未排查到保护伞。\n城关镇人民政府\n2020年12月20日\n"

func writeFiles(t *testing.T, dir string, files map[string][]byte) {
	t.Helper()
	for name, b := range files {
		p := filepath.Join(dir, name)
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func factRows(t *testing.T, out string) []string {
	t.Helper()
	var rows []string
	err := load.ReadTable(out, "facts", func(r load.Row) error {
		v, _ := r.Float("value")
		rows = append(rows, fmt.Sprintf("%s|%s|%s|%s|%g", r.Str("source"), r.Str("metric"), r.Str("qualifier"), r.Str("evidence"), v))
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return rows
}

// Bad files become one error row each with a specific class; good files
// are unaffected; the exit code is 3; skipped types are listed.
func TestBadFilesBecomeErrorRows(t *testing.T) {
	in := t.TempDir()
	gbk, _ := simplifiedchinese.GBK.NewEncoder().Bytes([]byte(report))
	writeFiles(t, in, map[string][]byte{
		"good.txt":     []byte(report),
		"good-gbk.txt": gbk,
		"empty.txt":    {},
		"junk.txt":     {0x00, 0x01, 0x02, 0xff, 0xfe, 0x00, 0x00, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08, 0x0e, 0x0f, 0x10},
		"big.txt":      []byte(strings.Repeat("扫黑除恶", 100)),
		"photo.jpg":    {0xff, 0xd8, 0xff},
		"notes/a.docx": []byte("PK"),
	})
	out := filepath.Join(t.TempDir(), "out")
	sum, err := jobs.Run(context.Background(), jobs.RunConfig{Inputs: []string{in}, Out: out, MaxFileBytes: 1000})
	if err != nil {
		t.Fatal(err)
	}
	if code := jobs.ExitCode(sum, nil); code != jobs.ExitPartial {
		t.Errorf("exit code %d, want %d", code, jobs.ExitPartial)
	}
	classes := map[string]string{}
	err = load.ReadTable(out, "errors", func(r load.Row) error {
		if r.Str("message") == "" {
			t.Errorf("%s: empty message", r.Str("source"))
		}
		classes[r.Str("source")] = r.Str("class")
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{"empty.txt": "no_text", "junk.txt": "encoding", "big.txt": "limit"}
	if !reflect.DeepEqual(classes, want) {
		t.Errorf("error rows %v, want %v", classes, want)
	}
	var skipped []string
	for _, s := range sum.Skipped {
		skipped = append(skipped, s.Rel)
	}
	if !reflect.DeepEqual(skipped, []string{"notes/a.docx", "photo.jpg"}) {
		t.Errorf("skipped %v", skipped)
	}
	// The good documents' facts equal a run without the bad files.
	clean := t.TempDir()
	writeFiles(t, clean, map[string][]byte{"good.txt": []byte(report), "good-gbk.txt": gbk})
	out2 := filepath.Join(t.TempDir(), "out")
	if _, err := jobs.Run(context.Background(), jobs.RunConfig{Inputs: []string{clean}, Out: out2}); err != nil {
		t.Fatal(err)
	}
	a, b := factRows(t, out), factRows(t, out2)
	if len(a) != 6 || !reflect.DeepEqual(a, b) {
		t.Errorf("facts with bad files:\n%v\nwithout:\n%v", a, b)
	}
}

// A run that cannot proceed publishes nothing and leaves the last good
// snapshot current.
func TestFailedRunKeepsPreviousSnapshot(t *testing.T) {
	in := t.TempDir()
	writeFiles(t, in, map[string][]byte{"good.txt": []byte(report)})
	out := filepath.Join(t.TempDir(), "out")
	if _, err := jobs.Run(context.Background(), jobs.RunConfig{Inputs: []string{in}, Out: out}); err != nil {
		t.Fatal(err)
	}
	before := factRows(t, out)
	sum, err := jobs.Run(context.Background(), jobs.RunConfig{Inputs: []string{filepath.Join(in, "no-such-dir")}, Out: out})
	if err == nil {
		t.Fatal("a missing input root must fail the run")
	}
	if code := jobs.ExitCode(sum, err); code != jobs.ExitFailed {
		t.Errorf("exit code %d, want 1", code)
	}
	if after := factRows(t, out); !reflect.DeepEqual(before, after) {
		t.Errorf("failed run changed the published facts")
	}
	// The failed run is in the journal: the next snapshot's runs table has it.
	if _, err := jobs.Run(context.Background(), jobs.RunConfig{Inputs: []string{in}, Out: out}); err != nil {
		t.Fatal(err)
	}
	var statuses []string
	load.ReadTable(out, "runs", func(r load.Row) error { statuses = append(statuses, r.Str("status")); return nil })
	if !reflect.DeepEqual(statuses, []string{"ok", "failed", "ok"}) {
		t.Errorf("runs table statuses %v, want ok, failed, ok", statuses)
	}
}

// Reruns over the same archive publish the same facts in the same order,
// whatever the worker count.
func TestRerunIsDeterministic(t *testing.T) {
	out := filepath.Join(t.TempDir(), "out")
	var prev []string
	for i, w := range []int{1, 4, 2} {
		if _, err := jobs.Run(context.Background(), jobs.RunConfig{Inputs: []string{"../testdata/corpus"}, Out: out, Workers: w, Full: true}); err != nil {
			t.Fatal(err)
		}
		rows := factRows(t, out)
		if i > 0 && !reflect.DeepEqual(rows, prev) {
			t.Fatalf("run %d with %d workers differs from the previous run", i, w)
		}
		prev = rows
	}
}

// One run at a time: the second gets ErrLocked naming the holder (exit 75).
func TestSecondRunIsLockedOut(t *testing.T) {
	out := filepath.Join(t.TempDir(), "out")
	lock, err := jobs.AcquireLock(out)
	if err != nil {
		t.Fatal(err)
	}
	_, err = jobs.Run(context.Background(), jobs.RunConfig{Inputs: []string{"../testdata/sample"}, Out: out})
	var locked *jobs.ErrLocked
	if !errors.As(err, &locked) || !strings.Contains(err.Error(), "pid ") {
		t.Fatalf("second run: %v, want ErrLocked naming the holder", err)
	}
	if jobs.ExitCode(nil, err) != jobs.ExitLocked {
		t.Errorf("exit code %d, want 75", jobs.ExitCode(nil, err))
	}
	lock.Release()
	if _, err := jobs.Run(context.Background(), jobs.RunConfig{Inputs: []string{"../testdata/sample"}, Out: out}); err != nil {
		t.Fatalf("after release: %v", err)
	}
}

func TestConfigValidation(t *testing.T) {
	for _, c := range []struct {
		cfg  jobs.RunConfig
		want string
	}{
		{jobs.RunConfig{Workers: -1}, "--workers must be ≥ 0"},
		{jobs.RunConfig{Keep: 1}, "--keep must be ≥ 2"},
		{jobs.RunConfig{MaxFileBytes: -5}, "--max-file-bytes must be ≥ 0"},
		{jobs.RunConfig{Inputs: []string{""}}, "--in must not be empty"},
	} {
		err := c.cfg.Validate()
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%+v: %v, want %q", c.cfg, err, c.want)
		}
	}
	var ok jobs.RunConfig
	if err := ok.Validate(); err != nil || ok.Out != "out" || ok.Inputs[0] != jobs.DefaultInput || ok.Keep != 3 {
		t.Errorf("defaults: %+v, %v", ok, err)
	}
}

// Two runs at once on one output: while the first is extracting, a second
// run is started and must be refused with ErrLocked (exit 75) without
// touching the output; the first then publishes normally.
func TestConcurrentRunsOneWins(t *testing.T) {
	out := filepath.Join(t.TempDir(), "out")
	var second error
	started := false
	sum, err := jobs.Run(context.Background(), jobs.RunConfig{
		Inputs: []string{"../testdata/sample"}, Out: out, Workers: 1,
		Progress: func(done, total int) {
			if started {
				return
			}
			started = true
			_, second = jobs.Run(context.Background(), jobs.RunConfig{Inputs: []string{"../testdata/sample"}, Out: out})
		},
	})
	if err != nil {
		t.Fatalf("first run: %v", err)
	}
	var locked *jobs.ErrLocked
	if !errors.As(second, &locked) || jobs.ExitCode(nil, second) != jobs.ExitLocked {
		t.Fatalf("second run during the first: %v, want ErrLocked (exit 75)", second)
	}
	if !strings.Contains(second.Error(), fmt.Sprintf("pid %d", os.Getpid())) || !strings.Contains(second.Error(), "since ") {
		t.Errorf("message %q should name the holder's pid and start time", second)
	}
	if sum.Docs != 14 || len(factRows(t, out)) == 0 {
		t.Errorf("first run: %d docs published", sum.Docs)
	}
}

// TestReportFiledTwice: archives hold copies of the same report under two
// names (one doc_id). The nightly run must publish both documents and
// count the report once in the statistics, whether or not the copies are
// neighbours in the listing; a second run over the unchanged archive
// (statistics from the stored tables) must agree with the first.
func TestReportFiledTwice(t *testing.T) {
	in := t.TempDir()
	copyTree(t, filepath.Join("..", "testdata", "sample"), in)
	without := fullRun(t, in)
	names, _ := filepath.Glob(filepath.Join(in, "2019_*"))
	if len(names) < 2 {
		t.Fatalf("sample has %d reports of 2019; the test needs two", len(names))
	}
	// A copy sorted after the other 2019 reports: not next to its original.
	b, err := os.ReadFile(names[0])
	if err != nil {
		t.Fatal(err)
	}
	writeFiles(t, in, map[string][]byte{"zz_copies/" + filepath.Base(names[0]): b})
	out := filepath.Join(t.TempDir(), "out")
	sum, err := jobs.Run(context.Background(), jobs.RunConfig{Inputs: []string{in}, Out: out})
	if err != nil {
		t.Fatalf("a report filed twice failed the run: %v", err)
	}
	if sum.OK != len(without["documents"])+1 {
		t.Errorf("%d documents extracted, want %d (both copies)", sum.OK, len(without["documents"])+1)
	}
	got := logical(t, out)
	for _, table := range []string{"unit_year", "correlations"} {
		if !reflect.DeepEqual(got[table], without[table]) {
			t.Errorf("%s with the copy differs from %s without it", table, table)
		}
	}
	// A nightly run that adds a report recomputes the statistics from the
	// stored tables (the copies carried over): same as a full rebuild.
	writeFiles(t, in, map[string][]byte{"new.txt": []byte(report)})
	if sum := runOK(t, jobs.RunConfig{Inputs: []string{in}, Out: out}); sum.New != 1 || sum.Unchanged != sum.Seen-1 {
		t.Fatalf("second run: %d new, %d unchanged of %d; want an incremental run", sum.New, sum.Unchanged, sum.Seen)
	}
	diffLogical(t, "incremental run with a copy", logical(t, out), fullRun(t, in))
}

// A snapshot's runs table describes its own run whole: the row is written
// after the statistics step, so its finished_at is no earlier than the
// unit_year file and duration_ms_total spans started_at to finished_at.
func TestRunsRowCoversStatistics(t *testing.T) {
	out := filepath.Join(t.TempDir(), "out")
	sum := runOK(t, jobs.RunConfig{Inputs: []string{"../testdata/sample"}, Out: out})
	var own load.Row
	for _, r := range runsTable(t, out) {
		if r.Str("run_id") == sum.RunID {
			own = r
		}
	}
	if own == nil {
		t.Fatalf("no runs row for run %s", sum.RunID)
	}
	started, _ := own["started_at"].(time.Time)
	finished, _ := own["finished_at"].(time.Time)
	files, err := load.TableFiles(out, "unit_year")
	if err != nil || len(files) == 0 {
		t.Fatalf("unit_year files: %v %v", files, err)
	}
	fi, err := os.Stat(files[0])
	if err != nil {
		t.Fatal(err)
	}
	// timestamp[us]: finished_at is truncated to the microsecond.
	if finished.Add(time.Microsecond).Before(fi.ModTime()) {
		t.Errorf("runs row finished at %v, before the statistics were written (%v)", finished, fi.ModTime())
	}
	if got, want := own.Int("duration_ms_total"), finished.Sub(started).Milliseconds(); got != want {
		t.Errorf("duration_ms_total = %d, finished_at − started_at = %d ms", got, want)
	}
}
