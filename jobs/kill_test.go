package jobs_test

import (
	"bufio"
	"errors"
	"fmt"
	"io/fs"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/reportetl/reportetl/load"
)

var (
	binOnce sync.Once
	binPath string
	binErr  error
)

// reportetlBinary builds the real command once per test process.
func reportetlBinary(t *testing.T) string {
	t.Helper()
	if testing.Short() {
		t.Skip("builds and runs the reportetl binary; skipped with -short")
	}
	binOnce.Do(func() {
		dir, err := os.MkdirTemp("", "reportetl-bin-")
		if err != nil {
			binErr = err
			return
		}
		binPath = filepath.Join(dir, "reportetl")
		cmd := exec.Command("go", "build", "-o", binPath, "./cmd/reportetl")
		cmd.Dir = ".."
		if out, err := cmd.CombinedOutput(); err != nil {
			binErr = fmt.Errorf("go build: %v\n%s", err, out)
		}
	})
	if binErr != nil {
		t.Fatal(binErr)
	}
	return binPath
}

// variants of the kill test's archive: each adds, changes and removes
// different files of the corpus, so every killed run has real work.
func applyVariant(t *testing.T, in string, base map[string][]byte, v int) {
	t.Helper()
	names := make([]string, 0, len(base))
	for n := range base {
		names = append(names, n)
	}
	sort.Strings(names)
	want := map[string][]byte{}
	for _, n := range names {
		want[n] = base[n]
	}
	switch v {
	case 1:
		delete(want, names[3])
		want[names[5]] = append(append([]byte(nil), base[names[5]]...), []byte("\n全年共悬挂横幅88条。\n")...)
		want["new/2021_新城镇_扫黑除恶工作总结.txt"] = []byte(report)
	case 2:
		delete(want, names[7])
		delete(want, names[8])
		want[names[1]] = append(append([]byte(nil), base[names[1]]...), []byte("\n发放宣传单1234份，张贴标语56条。\n")...)
		want["new/2021_新城镇_扫黑除恶工作总结.txt"] = []byte(strings.Replace(report, "200余条", "300余条", 1))
		want["zz/2019_老街社区_扫黑除恶工作汇报.txt"] = []byte(strings.Replace(report, "城关镇", "老街社区", -1))
	}
	// Make the folder hold exactly want.
	filepath.WalkDir(in, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			rel, _ := filepath.Rel(in, p)
			if _, ok := want[filepath.ToSlash(rel)]; !ok {
				os.Remove(p)
			}
		}
		return nil
	})
	for n, b := range want {
		p := filepath.Join(in, n)
		if old, err := os.ReadFile(p); err == nil && string(old) == string(b) {
			continue
		}
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func readBase(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	base := map[string][]byte{}
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			rel, _ := filepath.Rel(dir, p)
			b, _ := os.ReadFile(p)
			base[filepath.ToSlash(rel)] = b
		}
		return nil
	})
	return base
}

func runBinary(t *testing.T, bin string, args ...string) (time.Duration, error) {
	t.Helper()
	start := time.Now()
	cmd := exec.Command(bin, args...)
	out, err := cmd.CombinedOutput()
	if err != nil {
		return 0, fmt.Errorf("%s %v: %v\n%s", bin, args, err, out)
	}
	return time.Since(start), nil
}

// factsView is what the concurrent reader compares: the facts table of one
// snapshot, read as a DuckDB glob over OUT/facts/**/*.parquet would.
func factsView(out string) ([]string, error) {
	files, err := load.TableFiles(out, "facts")
	if err != nil {
		return nil, err
	}
	var rows []string
	for _, p := range files {
		if err := load.ReadFile(p, func(r load.Row) error { rows = append(rows, rowString(r)); return nil }); err != nil {
			return nil, err
		}
	}
	return rows, nil
}

// Kill test: runs of the real binary are killed with SIGKILL at random
// moments while the archive changes between three variants; after each, a
// normal run must publish exactly what a clean run over the same archive
// publishes. Meanwhile a reader lists and reads OUT/facts/**/*.parquet in a
// loop and must only ever see a complete snapshot of some variant.
func TestKilledRunsRecover(t *testing.T) {
	bin := reportetlBinary(t)
	base := readBase(t, "../testdata/corpus")
	in := filepath.Join(t.TempDir(), "archive")
	const variants = 3

	// Clean outputs per variant, and how long a full run takes.
	clean := make([]map[string][]string, variants)
	cleanFacts := make([][]string, variants)
	var longest time.Duration
	for v := range variants {
		applyVariant(t, in, base, v)
		out := filepath.Join(t.TempDir(), fmt.Sprintf("clean%d", v))
		d, err := runBinary(t, bin, "run", "-q", "--in", in, "--out", out)
		if err != nil {
			t.Fatal(err)
		}
		longest = max(longest, d)
		clean[v] = logical(t, out)
		cleanFacts[v] = clean[v]["facts"]
	}
	for v := 1; v < variants; v++ {
		if reflect.DeepEqual(cleanFacts[v], cleanFacts[0]) {
			t.Fatalf("variant %d has the same facts as variant 0: the test would not notice a stale snapshot", v)
		}
	}

	out := filepath.Join(t.TempDir(), "out")
	applyVariant(t, in, base, 0)
	if _, err := runBinary(t, bin, "run", "-q", "--in", in, "--out", out); err != nil {
		t.Fatal(err)
	}

	// The concurrent reader.
	var (
		stop                   atomic.Bool
		reads, pruned, badRead atomic.Int64
		readerErr              atomic.Value
		wg                     sync.WaitGroup
	)
	wg.Add(1)
	go func() {
		defer wg.Done()
		for !stop.Load() {
			rows, err := factsView(out)
			if err != nil {
				// A snapshot pruned while this reader was still on it (after
				// --keep newer runs) is the documented limit, not a partial one.
				if errors.Is(err, fs.ErrNotExist) {
					pruned.Add(1)
					continue
				}
				badRead.Add(1)
				readerErr.Store(err.Error())
				continue
			}
			reads.Add(1)
			match := false
			for v := range variants {
				if reflect.DeepEqual(rows, cleanFacts[v]) {
					match = true
					break
				}
			}
			if !match {
				badRead.Add(1)
				readerErr.Store(fmt.Sprintf("reader saw %d fact rows matching no complete snapshot", len(rows)))
			}
		}
	}()

	rng := rand.New(rand.NewPCG(uint64(time.Now().UnixNano()), 7))
	const kills = 22
	maxDelay := longest + longest/4
	t.Logf("longest clean run %s", longest)
	killedMidway := 0
	for i := range kills {
		v := (i + 1) % variants
		applyVariant(t, in, base, v)
		args := []string{"run", "-q", "--in", in, "--out", out}
		if i%4 == 3 {
			args = append(args, "--full")
		}
		cmd := exec.Command(bin, args...)
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		delay := time.Duration(rng.Int64N(int64(maxDelay)))
		time.Sleep(delay)
		cmd.Process.Signal(syscall.SIGKILL)
		err := cmd.Wait()
		var ee *exec.ExitError
		if errors.As(err, &ee) && ee.Sys().(syscall.WaitStatus).Signaled() {
			killedMidway++
		}
		d, err := runBinary(t, bin, "run", "-q", "--in", in, "--out", out)
		if err != nil {
			t.Fatalf("run after kill %d (at %s): %v", i, delay, err)
		}
		t.Logf("kill %d at %s; next run %s", i, delay.Round(time.Millisecond), d.Round(time.Millisecond))
		got := logical(t, out)
		for _, table := range contentTables {
			if !reflect.DeepEqual(got[table], clean[v][table]) {
				diffLogical(t, fmt.Sprintf("after kill %d at %s (variant %d)", i, delay, v), got, clean[v])
				break
			}
		}
		if leftovers, _ := os.ReadDir(filepath.Join(out, ".staging")); len(leftovers) != 0 {
			t.Errorf("after kill %d: %d staging leftovers after a normal run", i, len(leftovers))
		}
	}
	stop.Store(true)
	wg.Wait()
	t.Logf("%d runs killed mid-way (%d finished before the signal); reader: %d complete reads, %d retried after pruning, %d bad",
		killedMidway, kills-killedMidway, reads.Load(), pruned.Load(), badRead.Load())
	if badRead.Load() > 0 {
		t.Errorf("the reader saw an incomplete snapshot %d times; last: %v", badRead.Load(), readerErr.Load())
	}
	if reads.Load() == 0 {
		t.Error("the reader never completed a read")
	}
	if killedMidway < kills/2 {
		t.Errorf("only %d of %d runs were killed mid-way; the delays are too long", killedMidway, kills)
	}
}

// SIGTERM (and SIGINT) stop a run: no new documents, nothing published,
// exit 1 within a few seconds; the previous snapshot stays current and the
// next run completes normally.
func TestSignalStopsRun(t *testing.T) {
	bin := reportetlBinary(t)
	base := readBase(t, "../testdata/corpus")
	in := filepath.Join(t.TempDir(), "archive")
	// Enough documents that the run is still extracting when signalled:
	// 800 took 0.2 s on the CI machine, as long as the wait below, and the
	// run published before the signal came.
	for i := range 100 {
		for n, b := range base {
			p := filepath.Join(in, fmt.Sprintf("copy%03d", i), n)
			os.MkdirAll(filepath.Dir(p), 0o755)
			os.WriteFile(p, append(b, fmt.Sprintf("\n%d\n", i)...), 0o644)
		}
	}
	out := filepath.Join(t.TempDir(), "out")
	// A previous snapshot to protect.
	first := filepath.Join(in, "copy000")
	if _, err := runBinary(t, bin, "run", "-q", "--in", first, "--out", out); err != nil {
		t.Fatal(err)
	}
	before := logical(t, out)
	for _, sig := range []syscall.Signal{syscall.SIGTERM, syscall.SIGINT} {
		cmd := exec.Command(bin, "run", "-q", "-v", "--workers", "2", "--in", in, "--out", out)
		stderr, _ := cmd.StderrPipe()
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		// Signal once the run has listed the archive and started extracting.
		sc := bufio.NewScanner(stderr)
		var log strings.Builder
		for sc.Scan() {
			log.WriteString(sc.Text() + "\n")
			if strings.Contains(sc.Text(), "run started") {
				break
			}
		}
		time.Sleep(50 * time.Millisecond)
		cmd.Process.Signal(sig)
		signalled := time.Now()
		done := make(chan error, 1)
		go func() {
			for sc.Scan() {
				log.WriteString(sc.Text() + "\n")
			}
			done <- cmd.Wait()
		}()
		var err error
		select {
		case err = <-done:
		case <-time.After(20 * time.Second):
			cmd.Process.Kill()
			t.Fatalf("%v: the run did not stop within 20 s", sig)
		}
		took := time.Since(signalled)
		var ee *exec.ExitError
		if !errors.As(err, &ee) || ee.ExitCode() != 1 {
			t.Errorf("%v: exit %v, want exit code 1\n%s", sig, err, log.String())
		}
		t.Logf("%v: stopped %s after the signal", sig, took.Round(time.Millisecond))
		diffLogical(t, sig.String()+" changed the published snapshot", logical(t, out), before)
		if leftovers, _ := os.ReadDir(filepath.Join(out, ".staging")); len(leftovers) != 0 {
			t.Errorf("%v: %d staging leftovers", sig, len(leftovers))
		}
	}
	if _, err := runBinary(t, bin, "run", "-q", "--in", first, "--out", out); err != nil {
		t.Fatalf("run after the signals: %v", err)
	}
}

// `reportetl schedule` runs the job on its schedule and stops cleanly (exit
// 0) on SIGTERM.
func TestScheduleRunsAndStops(t *testing.T) {
	bin := reportetlBinary(t)
	out := filepath.Join(t.TempDir(), "out")
	metrics := filepath.Join(t.TempDir(), "reportetl.prom")
	cmd := exec.Command(bin, "schedule", "--cron", "@every 1s", "--run-now", "--in", "../testdata/sample", "--out", out, "--metrics-file", metrics)
	var log strings.Builder
	cmd.Stderr = &log
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	// Wait for two published runs (the immediate one and a scheduled one).
	deadline := time.Now().Add(60 * time.Second)
	for {
		runs := 0
		load.ReadTable(out, "runs", func(load.Row) error { runs++; return nil })
		if runs >= 2 {
			break
		}
		if time.Now().After(deadline) {
			cmd.Process.Kill()
			t.Fatalf("no two runs within 60 s\n%s", log.String())
		}
		time.Sleep(200 * time.Millisecond)
	}
	cmd.Process.Signal(syscall.SIGTERM)
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("schedule after SIGTERM: %v, want exit 0\n%s", err, log.String())
		}
	case <-time.After(20 * time.Second):
		cmd.Process.Kill()
		t.Fatal("schedule did not stop within 20 s of SIGTERM")
	}
	if !strings.Contains(log.String(), "scheduler stopped") {
		t.Errorf("no 'scheduler stopped' in the log:\n%s", log.String())
	}
	b, err := os.ReadFile(metrics)
	if err != nil || !strings.Contains(string(b), "reportetl_last_success_timestamp_seconds") {
		t.Errorf("metrics file: %v\n%s", err, b)
	}
	// A bad schedule is a usage error.
	c := exec.Command(bin, "schedule", "--cron", "0 2 * *", "--in", "../testdata/sample", "--out", out)
	if err := c.Run(); err == nil || c.ProcessState.ExitCode() != 2 {
		t.Errorf("bad --cron: %v, want exit 2", err)
	}
}
