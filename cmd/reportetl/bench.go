package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"runtime"
	"runtime/pprof"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/spf13/cobra"

	"github.com/reportetl/reportetl/extract"
	"github.com/reportetl/reportetl/jobs"
	"github.com/reportetl/reportetl/jobs/gen"
	"github.com/reportetl/reportetl/load"
	"github.com/reportetl/reportetl/pipeline"
	"github.com/reportetl/reportetl/transform"
	"github.com/reportetl/reportetl/transform/facts"
	"github.com/reportetl/reportetl/transform/meta"
	"github.com/reportetl/reportetl/transform/t2s"
)

type benchOpts struct {
	sizes       []int
	runs        int
	dir         string
	seed        int64
	workers     int
	sample      int
	cpuprofile  string
	memprofile  string
	output      string
	keepOutputs bool
	pdf         int // documents of the PDF-only archive; 0 skips the PDF measurement
}

func newBenchCmd() *cobra.Command {
	var (
		o     benchOpts
		sizes string
	)
	c := &cobra.Command{
		Use:   "bench [--sizes 10000,100000] [--runs 3] [--pdf 300] [--dir DIR] [-o FILE]",
		Short: "Measure the pipeline on generated archives against a floor and opencc, print a table",
		Long: `bench generates (or reuses) synthetic archives of each --sizes under --dir, then on
this machine, in one invocation:

  - floor: reads every file and converts it to simplified with transform/t2s (the same
    dictionaries), in parallel on --workers cores; also floor+decode (extract.Decode
    first, as the pipeline must);
  - pipeline: runs this binary's 'run' as a child process --runs times per size
    (fresh output each time): documents/s, MB/s, peak RSS (the child's rusage
    maxrss), output size, the run journal's per-stage times, and pipeline/floor;
  - stages: decode, clean, t2s, meta, facts and write, single-threaded, in-process,
    on the first --sample documents of the first size;
  - t2s against Debian's opencc CLI on the decoded traditional documents (time ratio,
    differing characters), when opencc is installed;
  - accuracy: precision/recall of the last run against the generator's gold;
  - PDF path (--pdf N, 0 skips): a PDF-only archive of N reports (gen --pdf-share 1,
    printed by LibreOffice; reused like the others), 'run' on it as a child process
    --runs times (pages/s from its pages table, wall time including the PDF worker
    pool's start-up), Debian's pdftotext (poppler-utils) over the same files with
    --workers processes at a time, and the run's accuracy against the gold. Skipped
    with a logged reason when soffice (for a new archive) or pdftotext is missing.

  - no-change rerun: 'run' again on the last output of each size (the nightly case).

Figures are medians over --runs. The page cache is warm for every measurement
(each size's floor runs first and reads every file). The PDF path is measured
first: a child's peak RSS (maxrss) reads at least this process's own high-water
mark, so children are run before the bench holds big data itself.
--cpuprofile/--memprofile add one in-process run of the first size under pprof.

Exit codes:
  0  measured and printed
  1  a step failed (generation, a run, opencc, pdftotext)
  2  usage error`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			for _, s := range strings.Split(sizes, ",") {
				n, err := strconv.Atoi(strings.TrimSpace(s))
				if err != nil || n < 1 {
					return usageErr("--sizes must be a comma-separated list of positive counts, got %q", sizes)
				}
				o.sizes = append(o.sizes, n)
			}
			if o.pdf < 0 {
				return usageErr("--pdf must be ≥ 0, got %d", o.pdf)
			}
			if o.runs < 1 {
				return usageErr("--runs must be ≥ 1, got %d", o.runs)
			}
			if o.workers <= 0 {
				o.workers = pipeline.DefaultWorkers()
			}
			if o.dir == "" {
				o.dir = filepath.Join(os.TempDir(), "reportetl-bench")
			}
			var w io.Writer = cmd.OutOrStdout()
			if o.output != "" {
				if err := os.MkdirAll(filepath.Dir(o.output), 0o755); err != nil {
					return err
				}
				f, err := os.Create(o.output)
				if err != nil {
					return fmt.Errorf("bench: -o: %w", err)
				}
				defer f.Close()
				w = io.MultiWriter(w, f)
			}
			return runBench(cmd.Context(), o, w, cmd.ErrOrStderr())
		},
	}
	f := c.Flags()
	f.StringVar(&sizes, "sizes", "10000,100000", "archive sizes (documents), comma-separated")
	f.IntVar(&o.runs, "runs", 3, "runs per measurement; medians are reported")
	f.StringVar(&o.dir, "dir", "", "work folder for archives and outputs (default $TMPDIR/reportetl-bench); archives are reused")
	f.Int64Var(&o.seed, "seed", 1, "generator seed")
	f.IntVar(&o.workers, "workers", 0, "workers for run and the floor (0 = as run: one per CPU, plus one)")
	f.IntVar(&o.sample, "sample", 2000, "documents for the single-threaded per-stage figures")
	f.StringVar(&o.cpuprofile, "cpuprofile", "", "write a CPU profile of one in-process run of the first size")
	f.StringVar(&o.memprofile, "memprofile", "", "write a heap profile (allocations) of one in-process run of the first size")
	f.StringVarP(&o.output, "output", "o", "", "also write the table to this file")
	f.BoolVar(&o.keepOutputs, "keep-outputs", false, "keep the datasets written by the runs")
	f.IntVar(&o.pdf, "pdf", 300, "reports in the PDF-only archive for the PDF measurement (0 = skip)")
	return c
}

func median(xs []float64) float64 {
	s := slices.Clone(xs)
	sort.Float64s(s)
	if len(s) == 0 {
		return 0
	}
	if len(s)%2 == 1 {
		return s[len(s)/2]
	}
	return (s[len(s)/2-1] + s[len(s)/2]) / 2
}

type sizeResult struct {
	n                     int
	bytes                 int64
	genSec                float64
	floorSec, floorDecSec float64
	runSec                float64
	runCPU, floorCPU      float64 // user+sys seconds: robust to other load on the machine
	rssMB                 float64
	outMB                 float64
	stages                map[string]float64 // median ms per runs-table stage
	eval                  *jobs.EvalReport
	failed                int
	rerunSec              float64 // median wall of no-change reruns on the last output
}

func runBench(ctx context.Context, o benchOpts, w, logw io.Writer) error {
	exe, err := os.Executable()
	if err != nil {
		return fmt.Errorf("bench: find own binary: %w", err)
	}
	if err := os.MkdirAll(o.dir, 0o755); err != nil {
		return err
	}
	logf := func(format string, a ...any) { fmt.Fprintf(logw, "bench: "+format+"\n", a...) }
	var results []sizeResult
	load0 := loadAvg()
	// The PDF path first, while this process is small: Go starts children
	// with a vfork-style clone and Linux reports a child's peak RSS as at
	// least the parent's peak at that moment (the shared address space's
	// high-water mark before exec). Later, after reading a 100,000-document
	// gold file, the bench is far bigger than a PDF run.
	var pr *pdfResult
	var pdfErr error
	if o.pdf > 0 {
		if pr, pdfErr = pdfBench(ctx, exe, o, logf, logw); pdfErr != nil && !errors.Is(pdfErr, errSkipped) {
			return pdfErr
		}
		if pdfErr != nil {
			logf("PDF measurement skipped: %v", pdfErr)
		}
	}

	for _, n := range o.sizes {
		r := sizeResult{n: n, stages: map[string]float64{}}
		root := filepath.Join(o.dir, fmt.Sprintf("arch-%d-seed%d", n, o.seed))
		m, sec, err := ensureArchive(ctx, root, n, o.seed, 0)
		if err != nil {
			return err
		}
		r.bytes, r.genSec = m.Bytes, sec
		logf("archive %s: %d documents, %.1f MB", root, n, float64(m.Bytes)/1e6)
		arch := gen.ArchiveDir(root)
		files, err := listFiles(arch)
		if err != nil {
			return err
		}
		var fl, fd, fc []float64
		for k := 0; k < o.runs; k++ {
			c0 := selfCPU()
			s, err := floor(files, o.workers, false)
			if err != nil {
				return err
			}
			fc = append(fc, selfCPU()-c0)
			fl = append(fl, s)
			if s, err = floor(files, o.workers, true); err != nil {
				return err
			}
			fd = append(fd, s)
		}
		r.floorSec, r.floorDecSec, r.floorCPU = median(fl), median(fd), median(fc)
		logf("floor %.2fs, floor+decode %.2fs", r.floorSec, r.floorDecSec)

		var walls, rss, outs, cpus []float64
		stageRuns := map[string][]float64{}
		var lastOut string
		for k := 0; k < o.runs; k++ {
			out := filepath.Join(o.dir, fmt.Sprintf("out-%d-%d", n, k))
			os.RemoveAll(out)
			m, err := runMeasured(ctx, exe, arch, out, o.workers, logw)
			if err != nil {
				return fmt.Errorf("bench: run on %d documents: %w", n, err)
			}
			walls, cpus, rss = append(walls, m.wall), append(cpus, m.cpu), append(rss, m.rssMB)
			size, err := dirSize(out)
			if err != nil {
				return err
			}
			outs = append(outs, float64(size)/1e6)
			row, err := jobs.LastRun(out)
			if err != nil {
				return fmt.Errorf("bench: %w", err)
			}
			r.failed = int(row.Failed)
			for s, ms := range map[string]int64{"discover": row.DiscoverMS, "extract": row.ExtractMS, "transform": row.TransformMS,
				"load": row.LoadMS, "publish": row.PublishMS, "total": row.TotalMS} {
				stageRuns[s] = append(stageRuns[s], float64(ms))
			}
			logf("run %d/%d on %d: %.2fs, peak RSS %.0f MB", k+1, o.runs, n, m.wall, rss[len(rss)-1])
			if lastOut != "" && !o.keepOutputs {
				os.RemoveAll(lastOut)
			}
			lastOut = out
		}
		r.runSec, r.rssMB, r.outMB, r.runCPU = median(walls), median(rss), median(outs), median(cpus)
		for s, v := range stageRuns {
			r.stages[s] = median(v)
		}
		gold, err := jobs.ReadGoldFile(gen.GoldPath(root))
		if err != nil {
			return err
		}
		if r.eval, err = jobs.Eval(lastOut, gold); err != nil {
			return err
		}
		// The nightly case: the same archive again, nothing changed.
		var reruns []float64
		for k := 0; k < o.runs; k++ {
			cmd := exec.CommandContext(ctx, exe, "run", "-q", "--in", arch, "--out", lastOut, "--workers", strconv.Itoa(o.workers))
			cmd.Stderr = logw
			t0 := time.Now()
			if err := cmd.Run(); err != nil {
				var ee *exec.ExitError
				if !(errors.As(err, &ee) && ee.ExitCode() == jobs.ExitPartial) {
					return fmt.Errorf("bench: no-change rerun on %d documents: %w", n, err)
				}
			}
			reruns = append(reruns, time.Since(t0).Seconds())
		}
		r.rerunSec = median(reruns)
		logf("no-change rerun on %d: %.2fs", n, r.rerunSec)
		if !o.keepOutputs {
			os.RemoveAll(lastOut)
		}
		// Each size's figures as soon as they exist: the 100k runs are long.
		logf("%d documents: %.0f docs/s (wall %.1fs, %.1f CPU-s), peak RSS %.0f MB, output %.1f MB, floor %.2fs, precision %.4f recall %.4f",
			n, float64(n)/r.runSec, r.runSec, r.runCPU, r.rssMB, r.outMB, r.floorSec, r.eval.Overall.Precision, r.eval.Overall.Recall)
		results = append(results, r)
	}

	first := gen.ArchiveDir(filepath.Join(o.dir, fmt.Sprintf("arch-%d-seed%d", o.sizes[0], o.seed)))
	files, err := listFiles(first)
	if err != nil {
		return err
	}
	stages, err := stageBench(files[:min(o.sample, len(files))])
	if err != nil {
		return err
	}
	oc, ocErr := openccCompare(files, filepath.Join(o.dir, "opencc"), o.runs)
	if ocErr != nil {
		logf("opencc comparison skipped: %v", ocErr)
	}
	if o.cpuprofile != "" || o.memprofile != "" {
		if err := profileRun(ctx, first, filepath.Join(o.dir, "out-profile"), o); err != nil {
			return err
		}
	}
	printBench(w, o, results, stages, oc, ocErr, pr, pdfErr, load0+" at start, "+loadAvg()+" at end")
	return nil
}

func tv(t syscall.Timeval) float64 { return float64(t.Sec) + float64(t.Usec)/1e6 }

// selfCPU is this process's user+sys CPU seconds so far.
func selfCPU() float64 {
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) != nil {
		return 0
	}
	return tv(ru.Utime) + tv(ru.Stime)
}

func loadAvg() string {
	b, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return "n/a"
	}
	return strings.Join(strings.Fields(string(b))[:3], " ")
}

// ensureArchive reuses root when its manifest matches, else generates it.
func ensureArchive(ctx context.Context, root string, n int, seed int64, pdfShare float64) (*gen.Manifest, float64, error) {
	if b, err := os.ReadFile(gen.ManifestPath(root)); err == nil {
		var m gen.Manifest
		if json.Unmarshal(b, &m) == nil && m.N == n && m.Seed == seed && m.PDFShare == pdfShare {
			return &m, 0, nil
		}
	}
	if err := os.RemoveAll(root); err != nil {
		return nil, 0, err
	}
	t0 := time.Now()
	m, err := gen.Generate(ctx, gen.Config{N: n, Out: root, Seed: seed, PDFShare: pdfShare}, nil)
	return m, time.Since(t0).Seconds(), err
}

func listFiles(dir string) ([]string, error) {
	var out []string
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			out = append(out, p)
		}
		return err
	})
	sort.Strings(out)
	return out, err
}

func dirSize(dir string) (int64, error) {
	var n int64
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.Type().IsRegular() {
			fi, err := d.Info()
			if err != nil {
				return err
			}
			n += fi.Size()
		}
		return nil
	})
	return n, err
}

// floor reads every file and converts it to simplified on `workers`
// goroutines: the least any tool doing this job must do. With decode, the
// bytes are decoded first (GBK, Big5, UTF-16 files need it).
func floor(files []string, workers int, decode bool) (float64, error) {
	t0 := time.Now()
	ch := make(chan string, workers)
	var wg sync.WaitGroup
	var mu sync.Mutex
	var firstErr error
	var sink int
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			n := 0
			for p := range ch {
				b, err := pipeline.ReadFile(p) // as cheaply as the pipeline reads
				if err != nil {
					mu.Lock()
					firstErr = err
					mu.Unlock()
					continue
				}
				s := string(b)
				if decode {
					if s, _, err = extract.Decode(b); err != nil {
						continue
					}
				}
				n += len(t2s.Convert(s))
			}
			mu.Lock()
			sink += n
			mu.Unlock()
		}()
	}
	for _, p := range files {
		ch <- p
	}
	close(ch)
	wg.Wait()
	return time.Since(t0).Seconds(), firstErr
}

type stageFig struct {
	name string
	sec  float64
}

type stageResult struct {
	docs  int
	bytes int64
	figs  []stageFig
}

// stageBench times each stage alone, on one goroutine, over the same
// documents held in memory.
func stageBench(files []string) (*stageResult, error) {
	res := &stageResult{docs: len(files)}
	raws := make([][]byte, len(files))
	for i, p := range files {
		b, err := os.ReadFile(p)
		if err != nil {
			return nil, err
		}
		raws[i] = b
		res.bytes += int64(len(b))
	}
	timeit := func(name string, f func(i int)) {
		t0 := time.Now()
		for i := range raws {
			f(i)
		}
		res.figs = append(res.figs, stageFig{name, time.Since(t0).Seconds()})
	}
	texts := make([]string, len(raws))
	timeit("decode", func(i int) { texts[i], _, _ = extract.Decode(raws[i]) })
	cleaned := make([]string, len(raws))
	timeit("clean", func(i int) { cleaned[i], _, _ = extract.Clean(texts[i]) })
	origs := make([][]rune, len(raws))
	simps := make([][]rune, len(raws))
	timeit("t2s", func(i int) {
		origs[i] = []rune(cleaned[i])
		simps[i] = t2s.ConvertRunes(make([]rune, 0, len(origs[i])), origs[i])
	})
	metas := make([]meta.Meta, len(raws))
	timeit("meta", func(i int) { metas[i] = meta.Extract(string(simps[i]), cleaned[i], path.Base(files[i])) })
	eng := facts.Default()
	timeit("facts", func(i int) { eng.Extract(simps[i], origs[i], metas[i].Year) })

	// write: the batcher and Parquet sink over full transform results.
	tr := transform.New(nil)
	results := make([]*transform.Result, len(raws))
	for i := range raws {
		src := extract.Source{Path: files[i], Rel: filepath.Base(files[i]), Format: "txt", Size: int64(len(raws[i]))}
		doc, err := extract.TextExtractor{}.Extract(context.Background(), src, raws[i])
		if err != nil {
			continue
		}
		if results[i], err = tr.Apply(doc); err != nil {
			return nil, err
		}
	}
	dir, err := os.MkdirTemp("", "reportetl-bench-write")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(dir)
	t0 := time.Now()
	sink, err := load.NewDirSink(dir, transform.SchemaVersion, "bench")
	if err != nil {
		return nil, err
	}
	b := transform.NewBatcher(sink, "bench", time.Now())
	for _, r := range results {
		if r != nil {
			if err := b.Add(r); err != nil {
				return nil, err
			}
		}
	}
	if err := b.Push(); err != nil {
		return nil, err
	}
	if err := sink.Close(); err != nil {
		return nil, err
	}
	res.figs = append(res.figs, stageFig{"write", time.Since(t0).Seconds()})
	return res, nil
}

type openccResult struct {
	version          string
	mb               float64
	openccSec, goSec float64
	goProcSec        float64
	diff, total      int
	firstDiff        string
}

// openccCompare converts the decoded traditional documents (up to ~20 MB)
// with `opencc -c t2s.json` and with t2s.Convert and compares the outputs
// rune by rune.
func openccCompare(files []string, dir string, runs int) (*openccResult, error) {
	bin, err := exec.LookPath("opencc")
	if err != nil {
		return nil, errors.New("opencc CLI not found (apt-get install -y opencc)")
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	var sb strings.Builder
	for _, p := range files {
		b, err := os.ReadFile(p)
		if err != nil {
			return nil, err
		}
		s, _, err := extract.Decode(b)
		if err != nil || transform.Script([]rune(s)) != "hant" {
			continue
		}
		sb.WriteString(s)
		if sb.Len() > 20e6 {
			break
		}
	}
	in := filepath.Join(dir, "hant.txt")
	if err := os.WriteFile(in, []byte(sb.String()), 0o644); err != nil {
		return nil, err
	}
	res := &openccResult{mb: float64(sb.Len()) / 1e6}
	if v, err := exec.Command(bin, "--version").CombinedOutput(); err == nil {
		for _, l := range strings.Split(string(v), "\n") {
			if strings.Contains(strings.ToLower(l), "version") {
				res.version = strings.TrimSpace(l)
			}
		}
	}
	outOC := filepath.Join(dir, "opencc.txt")
	var oc, g, gp []float64
	var goOut string
	for range runs {
		t0 := time.Now()
		if out, err := exec.Command(bin, "-c", "t2s.json", "-i", in, "-o", outOC).CombinedOutput(); err != nil {
			return nil, fmt.Errorf("opencc: %v: %s", err, out)
		}
		oc = append(oc, time.Since(t0).Seconds())
		// Same work as the CLI: read the file, convert, write the result.
		t0 = time.Now()
		b, err := os.ReadFile(in)
		if err != nil {
			return nil, err
		}
		t1 := time.Now()
		goOut = t2s.Convert(string(b))
		g = append(g, time.Since(t1).Seconds())
		if err := os.WriteFile(filepath.Join(dir, "go.txt"), []byte(goOut), 0o644); err != nil {
			return nil, err
		}
		gp = append(gp, time.Since(t0).Seconds())
	}
	res.openccSec, res.goSec, res.goProcSec = median(oc), median(g), median(gp)
	ob, err := os.ReadFile(outOC)
	if err != nil {
		return nil, err
	}
	a, b := []rune(goOut), []rune(string(ob))
	res.total = len(a)
	if len(a) != len(b) {
		res.diff = -1
		res.firstDiff = fmt.Sprintf("lengths differ: %d vs %d runes", len(a), len(b))
	}
	for i := 0; i < min(len(a), len(b)); i++ {
		if a[i] != b[i] {
			if res.diff >= 0 {
				res.diff++
			}
			if res.firstDiff == "" {
				lo := max(0, i-8)
				res.firstDiff = fmt.Sprintf("t2s %q vs opencc %q", string(a[lo:min(len(a), i+8)]), string(b[lo:min(len(b), i+8)]))
			}
		}
	}
	os.RemoveAll(dir)
	return res, nil
}

// profileRun runs the pipeline in-process on arch under pprof.
func profileRun(ctx context.Context, arch, out string, o benchOpts) error {
	os.RemoveAll(out)
	defer os.RemoveAll(out)
	if o.cpuprofile != "" {
		f, err := os.Create(o.cpuprofile)
		if err != nil {
			return err
		}
		defer f.Close()
		if err := pprof.StartCPUProfile(f); err != nil {
			return err
		}
		defer pprof.StopCPUProfile()
	}
	if _, err := jobs.Run(ctx, jobs.RunConfig{Inputs: []string{arch}, Out: out, Workers: o.workers}); err != nil {
		return fmt.Errorf("bench: profiled run: %w", err)
	}
	if o.memprofile != "" {
		f, err := os.Create(o.memprofile)
		if err != nil {
			return err
		}
		defer f.Close()
		if err := pprof.Lookup("allocs").WriteTo(f, 0); err != nil {
			return err
		}
	}
	return nil
}

func printBench(w io.Writer, o benchOpts, rs []sizeResult, st *stageResult, oc *openccResult, ocErr error, pr *pdfResult, pdfErr error, loads string) {
	fmt.Fprintf(w, "## reportetl bench — %s, %s/%s, %d CPUs, workers %d, medians of %d runs\n\n",
		time.Now().UTC().Format("2006-01-02"), runtime.GOOS, runtime.GOARCH, runtime.NumCPU(), o.workers, o.runs)
	fmt.Fprintf(w, "Load average (1/5/15 min): %s. Wall-clock figures include whatever else the machine was running; the CPU-second columns do not.\n\n", loads)
	fmt.Fprintln(w, "### Text path, end to end (`reportetl run` as a child process, warm page cache)")
	fmt.Fprintln(w)
	fmt.Fprintln(w, "| documents | input MB | wall s | docs/s | MB/s | CPU s | docs per CPU-s | peak RSS MB | output MB | floor s | floor CPU s | floor+decode s | pipeline/floor (wall) | pipeline/floor (CPU) | pipeline/(floor+decode) | failed |")
	fmt.Fprintln(w, "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
	for _, r := range rs {
		mb := float64(r.bytes) / 1e6
		fmt.Fprintf(w, "| %d | %.1f | %.2f | %.0f | %.1f | %.1f | %.0f | %.0f | %.1f | %.2f | %.2f | %.2f | %.1f× | %.1f× | %.1f× | %d |\n",
			r.n, mb, r.runSec, float64(r.n)/r.runSec, mb/r.runSec, r.runCPU, float64(r.n)/r.runCPU, r.rssMB, r.outMB,
			r.floorSec, r.floorCPU, r.floorDecSec, r.runSec/r.floorSec, r.runCPU/r.floorCPU, r.runSec/r.floorDecSec, r.failed)
	}
	fmt.Fprintln(w)
	fmt.Fprintln(w, "### Per stage, from the run journal (ms; extract and transform are summed over workers, load is adding rows to batches plus encoding and writing them, summed over the writer's goroutines)")
	fmt.Fprintln(w)
	fmt.Fprintln(w, "| documents | discover | extract (decode+clean) | transform (t2s+meta+facts) | load (batch+Parquet) | statistics + publish | total |")
	fmt.Fprintln(w, "| ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
	for _, r := range rs {
		s := r.stages
		fmt.Fprintf(w, "| %d | %.0f | %.0f | %.0f | %.0f | %.0f | %.0f |\n", r.n, s["discover"], s["extract"], s["transform"], s["load"], s["publish"], s["total"])
	}
	fmt.Fprintln(w)
	if st != nil {
		fmt.Fprintf(w, "### Per stage, one goroutine, in memory (%d documents, %.1f MB)\n\n", st.docs, float64(st.bytes)/1e6)
		fmt.Fprintln(w, "| stage | s | docs/s | MB/s (input bytes) | share |")
		fmt.Fprintln(w, "| --- | ---: | ---: | ---: | ---: |")
		var tot float64
		for _, f := range st.figs {
			tot += f.sec
		}
		for _, f := range st.figs {
			fmt.Fprintf(w, "| %s | %.3f | %.0f | %.1f | %.0f%% |\n", f.name, f.sec, float64(st.docs)/f.sec, float64(st.bytes)/1e6/f.sec, 100*f.sec/tot)
		}
		fmt.Fprintln(w)
	}
	fmt.Fprintln(w, "### Traditional → simplified against Debian's opencc CLI")
	fmt.Fprintln(w)
	if oc != nil {
		fmt.Fprintf(w, "Input: the decoded traditional documents of the %d archive, %.1f MB. %s\n\n", o.sizes[0], oc.mb, oc.version)
		fmt.Fprintln(w, "| converter | s | MB/s | differing characters |")
		fmt.Fprintln(w, "| --- | ---: | ---: | ---: |")
		fmt.Fprintf(w, "| opencc -c t2s.json (process: start-up, dictionaries, file I/O) | %.3f | %.1f | reference |\n", oc.openccSec, oc.mb/oc.openccSec)
		fmt.Fprintf(w, "| t2s.Convert + file read/write (in process) | %.3f | %.1f | %d of %d |\n", oc.goProcSec, oc.mb/oc.goProcSec, oc.diff, oc.total)
		fmt.Fprintf(w, "| t2s.Convert alone | %.3f | %.1f | |\n\n", oc.goSec, oc.mb/oc.goSec)
		fmt.Fprintf(w, "opencc time / t2s time: %.1f× (with file I/O), %.1f× (conversion alone).", oc.openccSec/oc.goProcSec, oc.openccSec/oc.goSec)
		if oc.firstDiff != "" {
			fmt.Fprintf(w, " First difference: %s.", oc.firstDiff)
		}
		fmt.Fprintln(w)
	} else {
		fmt.Fprintf(w, "Not measured: %v\n", ocErr)
	}
	fmt.Fprintln(w)
	fmt.Fprintln(w, "### No-change rerun (same archive, same output: the nightly case)")
	fmt.Fprintln(w)
	fmt.Fprintln(w, "| documents | wall s (median) |")
	fmt.Fprintln(w, "| ---: | ---: |")
	for _, r := range rs {
		fmt.Fprintf(w, "| %d | %.2f |\n", r.n, r.rerunSec)
	}
	fmt.Fprintln(w)
	printPDF(w, o, pr, pdfErr)
	fmt.Fprintln(w, "### Accuracy against the generator's gold (last run of each size)")
	fmt.Fprintln(w)
	accuracyHeader(w)
	for _, r := range rs {
		accuracyRow(w, r.n, r.eval)
	}
	fmt.Fprintln(w)
	var gens []string
	for _, r := range rs {
		if r.genSec > 0 {
			gens = append(gens, fmt.Sprintf("%d documents in %.1f s", r.n, r.genSec))
		}
	}
	if len(gens) > 0 {
		fmt.Fprintf(w, "Generation (not part of the figures): %s.\n", strings.Join(gens, ", "))
	}
}

// errSkipped marks a measurement that could not be made on this machine (a
// tool is missing): bench reports the reason instead of failing.
var errSkipped = errors.New("not measured")

type pdfResult struct {
	docs, pages int
	mb          float64 // PDF bytes
	writer      string  // what printed the PDFs (the manifest's pdf_writer)
	genSec      float64
	runSec      float64
	runCPU      float64
	rssMB       float64
	failed      int
	eval        *jobs.EvalReport

	ptVersion    string
	ptSec, ptCPU float64
	ptFailed     int
	ptErr        error // why pdftotext was not measured
}

// pdfBench measures the PDF path on a PDF-only archive of o.pdf reports:
// `run` as a child process and pdftotext over the same files, both with
// o.workers in parallel, and the run's accuracy against the gold file.
func pdfBench(ctx context.Context, exe string, o benchOpts, logf func(string, ...any), logw io.Writer) (*pdfResult, error) {
	root := filepath.Join(o.dir, fmt.Sprintf("pdf-%d-seed%d", o.pdf, o.seed))
	logf("PDF archive %s: %d reports (LibreOffice prints them once; the archive is reused)", root, o.pdf)
	m, sec, err := ensureArchive(ctx, root, o.pdf, o.seed, 1)
	if errors.Is(err, gen.ErrNoSoffice) {
		return nil, fmt.Errorf("%w: %w", errSkipped, err)
	}
	if err != nil {
		return nil, fmt.Errorf("bench: PDF archive: %w", err)
	}
	arch := gen.ArchiveDir(root)
	files, err := listFiles(arch)
	if err != nil {
		return nil, err
	}
	files = slices.DeleteFunc(files, func(p string) bool { return filepath.Ext(p) != ".pdf" })
	r := &pdfResult{docs: len(files), mb: float64(m.Bytes) / 1e6, writer: m.PDFWriter, genSec: sec}

	var walls, cpus, rss []float64
	var lastOut string
	for k := 0; k < o.runs; k++ {
		out := filepath.Join(o.dir, fmt.Sprintf("out-pdf-%d-%d", o.pdf, k))
		os.RemoveAll(out)
		m, err := runMeasured(ctx, exe, arch, out, o.workers, logw)
		if err != nil {
			return nil, fmt.Errorf("bench: run on %d PDFs: %w", len(files), err)
		}
		// CPU includes the waited-for PDF worker processes.
		walls, cpus, rss = append(walls, m.wall), append(cpus, m.cpu), append(rss, m.rssMB)
		row, err := jobs.LastRun(out)
		if err != nil {
			return nil, fmt.Errorf("bench: %w", err)
		}
		r.failed = int(row.Failed)
		pages := 0
		if err := load.ReadTable(out, transform.TablePages, func(load.Row) error { pages++; return nil }); err != nil {
			return nil, fmt.Errorf("bench: read pages of the PDF run: %w", err)
		}
		r.pages = pages
		logf("PDF run %d/%d: %d pages in %.2fs (%.0f pages/s), %d failed", k+1, o.runs, pages, m.wall, float64(pages)/m.wall, r.failed)
		if lastOut != "" && !o.keepOutputs {
			os.RemoveAll(lastOut)
		}
		lastOut = out
	}
	r.runSec, r.runCPU, r.rssMB = median(walls), median(cpus), median(rss)
	gold, err := jobs.ReadGoldFile(gen.GoldPath(root))
	if err != nil {
		return nil, err
	}
	if r.eval, err = jobs.Eval(lastOut, gold); err != nil {
		return nil, fmt.Errorf("bench: score the PDF run: %w", err)
	}
	if !o.keepOutputs {
		os.RemoveAll(lastOut)
	}

	bin, err := exec.LookPath("pdftotext")
	if err != nil {
		r.ptErr = errors.New("pdftotext not found (apt-get install -y poppler-utils)")
		logf("pdftotext skipped: %v", r.ptErr)
		return r, nil
	}
	if v, err := exec.Command(bin, "-v").CombinedOutput(); err == nil {
		r.ptVersion = strings.TrimSpace(strings.SplitN(string(v), "\n", 2)[0])
	}
	var pw, pc []float64
	for k := 0; k < o.runs; k++ {
		sec, cpu, failed, err := pdftotextAll(ctx, bin, files, filepath.Join(o.dir, "pdftotext-out"), o.workers)
		if err != nil {
			return nil, err
		}
		pw, pc, r.ptFailed = append(pw, sec), append(pc, cpu), failed
		logf("pdftotext %d/%d: %.2fs (%.0f pages/s), %d failed", k+1, o.runs, sec, float64(r.pages)/sec, failed)
	}
	r.ptSec, r.ptCPU = median(pw), median(pc)
	return r, nil
}

// pdftotextAll runs `pdftotext -enc UTF-8 file out.txt` on every file,
// `workers` processes at a time, as a shell loop with xargs -P would: the
// wall time, the processes' CPU seconds and how many exited non-zero.
func pdftotextAll(ctx context.Context, bin string, files []string, outDir string, workers int) (float64, float64, int, error) {
	if err := os.MkdirAll(outDir, 0o755); err != nil {
		return 0, 0, 0, fmt.Errorf("bench: pdftotext output folder: %w", err)
	}
	defer os.RemoveAll(outDir)
	type job struct {
		i    int
		path string
	}
	ch := make(chan job)
	var (
		wg       sync.WaitGroup
		mu       sync.Mutex
		cpu      float64
		failed   int
		firstErr error
	)
	t0 := time.Now()
	for range max(workers, 1) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range ch {
				cmd := exec.CommandContext(ctx, bin, "-q", "-enc", "UTF-8", j.path, filepath.Join(outDir, fmt.Sprintf("%d.txt", j.i)))
				err := cmd.Run()
				mu.Lock()
				if cmd.ProcessState != nil {
					if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
						cpu += tv(ru.Utime) + tv(ru.Stime)
					}
				}
				var ee *exec.ExitError
				switch {
				case errors.As(err, &ee):
					failed++ // a PDF pdftotext cannot read: counted, as our failures are
				case err != nil && firstErr == nil:
					firstErr = fmt.Errorf("bench: pdftotext %s: %w", j.path, err)
				}
				mu.Unlock()
			}
		}()
	}
	for i, p := range files {
		ch <- job{i, p}
	}
	close(ch)
	wg.Wait()
	return time.Since(t0).Seconds(), cpu, failed, firstErr
}

func printPDF(w io.Writer, o benchOpts, r *pdfResult, err error) {
	fmt.Fprintln(w, "### PDF path: `reportetl run` against pdftotext (same files, same parallelism)")
	fmt.Fprintln(w)
	if r == nil {
		if err == nil {
			err = errors.New("--pdf 0")
		}
		fmt.Fprintf(w, "Not measured: %v\n\n", err)
		return
	}
	fmt.Fprintf(w, "Input: a PDF-only archive of %d reports (`gen --pdf-share 1 --seed %d`), printed from the generator's UTF-8 text by %s; %.1f MB, %d pages (the run's pages table). %d at a time (--workers).\n\n",
		r.docs, o.seed, r.writer, r.mb, r.pages, o.workers)
	fmt.Fprintln(w, "| tool | wall s | pages/s | docs/s | CPU s | pages per CPU-s | peak RSS MB | failed |")
	fmt.Fprintln(w, "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
	pg, n := float64(r.pages), float64(r.docs)
	fmt.Fprintf(w, "| reportetl run (child process: start-up, PDF worker pool, facts, Parquet) | %.2f | %.0f | %.0f | %.1f | %.0f | %.0f | %d |\n",
		r.runSec, pg/r.runSec, n/r.runSec, r.runCPU, pg/r.runCPU, r.rssMB, r.failed)
	if r.ptErr == nil {
		fmt.Fprintf(w, "| %s (one process per file, text to a file) | %.2f | %.0f | %.0f | %.1f | %.0f | | %d |\n",
			orDefault(r.ptVersion, "pdftotext"), r.ptSec, pg/r.ptSec, n/r.ptSec, r.ptCPU, pg/r.ptCPU, r.ptFailed)
		fmt.Fprintln(w)
		fmt.Fprintf(w, "reportetl run pages/s ÷ pdftotext pages/s: %.2f× (wall), %.2f× (CPU). pdftotext only extracts text; the run also finds facts and writes every table.\n",
			r.ptSec/r.runSec, r.ptCPU/r.runCPU)
	} else {
		fmt.Fprintf(w, "\npdftotext not measured: %v\n", r.ptErr)
	}
	fmt.Fprintln(w)
	fmt.Fprintln(w, "Accuracy of the last PDF run against the archive's gold (the same facts the text files carry):")
	fmt.Fprintln(w)
	accuracyHeader(w)
	accuracyRow(w, r.docs, r.eval)
	fmt.Fprintln(w)
	if r.genSec > 0 {
		fmt.Fprintf(w, "PDF archive generation (not part of the figures): %d reports in %.1f s.\n\n", r.docs, r.genSec)
	}
}

// accuracyHeader and accuracyRow print the accuracy table of the text
// sizes and of the PDF archive alike.
func accuracyHeader(w io.Writer) {
	fmt.Fprintln(w, "| documents | produced | required | precision | recall | F1 | qualifier acc. | metadata acc. |")
	fmt.Fprintln(w, "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
}

func accuracyRow(w io.Writer, docs int, e *jobs.EvalReport) {
	fmt.Fprintf(w, "| %d | %d | %d | %.4f | %.4f | %.4f | %.4f | %.4f |\n", docs, e.Overall.Produced, e.Overall.Required,
		e.Overall.Precision, e.Overall.Recall, e.Overall.F1, e.QualifierAccuracy(), e.MetaAccuracy())
}

func orDefault(s, def string) string {
	if s == "" {
		return def
	}
	return s
}

// measured is one child run: wall seconds, user+sys CPU seconds (its
// waited-for children included) and peak RSS in MB.
type measured struct{ wall, cpu, rssMB float64 }

// runMeasured runs this binary's `run` on arch into out as a child process.
// Exit 3 (some documents failed) is a result, not an error. A child's peak
// RSS (rusage maxrss) is at least this process's own peak so far (Go starts
// children with a vfork-style clone; see the PDF step in runBench), so
// children are measured before the bench holds big data itself.
func runMeasured(ctx context.Context, exe, arch, out string, workers int, logw io.Writer) (measured, error) {
	cmd := exec.CommandContext(ctx, exe, "run", "-q", "--in", arch, "--out", out, "--workers", strconv.Itoa(workers))
	cmd.Stderr = logw
	t0 := time.Now()
	err := cmd.Run()
	m := measured{wall: time.Since(t0).Seconds()}
	var ee *exec.ExitError
	if err != nil && !(errors.As(err, &ee) && ee.ExitCode() == jobs.ExitPartial) {
		return m, err
	}
	if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
		m.rssMB = float64(ru.Maxrss) / 1024 // KiB on Linux
		m.cpu = tv(ru.Utime) + tv(ru.Stime)
	}
	return m, nil
}
