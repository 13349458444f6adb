// Package pipeline wires the stages for one run: a bounded pool of workers
// extracts and transforms documents in parallel, results are put back into
// listing order (so output is identical whatever the worker count), and one
// writer feeds them to the batcher that emits Arrow records to load.
package pipeline

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"math"
	"os"
	"runtime"
	"runtime/debug"
	"strconv"
	"time"

	"github.com/reportetl/reportetl/extract"
	"github.com/reportetl/reportetl/transform"
)

// Config of one pipeline run. Zero values get defaults in New.
type Config struct {
	Workers      int   // parallel documents (default: DefaultWorkers)
	MaxFileBytes int64 // per-document size limit (default 64 MiB)
	Extractors   map[string]extract.Extractor
	Transformer  *transform.Transformer
	// Progress, if set, is called once per finished document (from one goroutine).
	Progress func(src extract.Source, err error)
	// Done, if set, is called with each successful document's result just
	// before Progress (same goroutine, listing order). jobs uses it to
	// record doc_id and format in the incremental manifest.
	Done func(src extract.Source, res *transform.Result)
}

// DefaultMaxFileBytes is far above any real report (they are 2–50 KB of text
// or a few MB of PDF) and far below what would hurt the machine.
const DefaultMaxFileBytes = 64 << 20

// windowBytes bounds the input bytes of the documents in flight (being
// processed or waiting for an earlier one to be written): their texts are
// held until written, a few times their file size.
const windowBytes = 16 << 20

// Pipeline runs documents through extract and transform into a batcher.
type Pipeline struct {
	cfg Config
}

// New applies defaults.
func New(cfg Config) *Pipeline {
	if cfg.Workers <= 0 {
		cfg.Workers = DefaultWorkers()
	}
	if cfg.MaxFileBytes <= 0 {
		cfg.MaxFileBytes = DefaultMaxFileBytes
	}
	if cfg.Extractors == nil {
		cfg.Extractors = DefaultExtractors()
	}
	if cfg.Transformer == nil {
		cfg.Transformer = transform.New(nil)
	}
	return &Pipeline{cfg: cfg}
}

// DefaultExtractors maps formats to extractors, with the per-document
// limits from the environment (LimitsFromEnv; invalid values fall back to
// the defaults — jobs validate them up front with LimitsFromEnv).
func DefaultExtractors() map[string]extract.Extractor {
	lim, _ := LimitsFromEnv()
	return ExtractorsWithLimits(lim)
}

// ExtractorsWithLimits maps formats to extractors bounded by lim.
func ExtractorsWithLimits(lim Limits) map[string]extract.Extractor {
	opt := extract.PDFOptionsFromEnv()
	opt.Deadline = lim.PDFTimeout
	opt.MemoryBytes = lim.PDFMemoryBytes
	opt.Limits.MaxPages = lim.PDFPages
	opt.Limits.MaxStreamBytes = lim.PDFStreamBytes
	return map[string]extract.Extractor{
		"txt": extract.TextExtractor{},
		"pdf": extract.NewPDFExtractor(opt),
	}
}

// Limits bound what one document may cost. Zero values mean the default;
// the defaults are far above any real report (2–50 KB of text, a few MB and
// at most a few hundred pages of PDF) and far below what would hurt the
// machine. README "Limits" documents them.
type Limits struct {
	// PDFPages: pages read per PDF; the rest are dropped with a note.
	PDFPages int
	// PDFStreamBytes: decompressed bytes per PDF stream (Flate bombs).
	PDFStreamBytes int64
	// PDFTimeout: wall-clock time per PDF; its worker process is killed
	// and the document becomes an error row of class timeout.
	PDFTimeout time.Duration
	// PDFMemoryBytes: memory of a PDF worker process (class memory).
	PDFMemoryBytes int64
}

// Environment variables that set Limits (a nightly job's unit file or
// CronJob sets them; the byte limit is the --max-file-bytes flag).
const (
	EnvPDFPages       = "REPORTETL_MAX_PDF_PAGES"
	EnvPDFStreamBytes = "REPORTETL_MAX_PDF_STREAM_BYTES"
	EnvPDFTimeout     = "REPORTETL_PDF_TIMEOUT"
	EnvPDFMemoryBytes = "REPORTETL_PDF_MEMORY_BYTES"
)

// LimitsFromEnv reads Limits from the environment; unset variables keep
// the default. An invalid value is an error naming the variable.
func LimitsFromEnv() (Limits, error) {
	var l Limits
	var errs []error
	num := func(name string) int64 {
		v := os.Getenv(name)
		if v == "" {
			return 0
		}
		n, err := strconv.ParseInt(v, 10, 64)
		if err != nil || n < 0 {
			errs = append(errs, fmt.Errorf("%s=%q: want a whole number ≥ 0 (0 = default)", name, v))
			return 0
		}
		return n
	}
	l.PDFPages = int(min(num(EnvPDFPages), 1<<31-1))
	l.PDFStreamBytes = num(EnvPDFStreamBytes)
	l.PDFMemoryBytes = num(EnvPDFMemoryBytes)
	if v := os.Getenv(EnvPDFTimeout); v != "" {
		d, err := time.ParseDuration(v)
		if err != nil || d < 0 {
			errs = append(errs, fmt.Errorf("%s=%q: want a duration such as 90s or 5m", EnvPDFTimeout, v))
		}
		l.PDFTimeout = d
	}
	if len(errs) > 0 {
		return Limits{}, errors.Join(errs...)
	}
	return l, nil
}

// DefaultWorkers is how many documents are processed in parallel when no
// number is given: one per CPU, plus one. A worker now and then waits (in a
// read, or handing a finished document to the collector while it queues a
// row group), and with one worker per core the core idles meanwhile; the
// extra one keeps it busy. Measured on 2 cores: 10,000 reports 2.10 → 2.04 s,
// 100,000 reports 19.7 → 18.5 s, peak RSS unchanged at 100,000.
func DefaultWorkers() int { return runtime.GOMAXPROCS(0) + 1 }

// Stats summarises a pipeline run.
type Stats struct {
	Docs, OK, Failed int
	Facts            int64
	Bytes            int64
	Extract          time.Duration // summed over workers
	Transform        time.Duration // summed over workers
	Load             time.Duration // wall time adding rows to the batcher (the sink may encode them later, on its own goroutines)
	Wall             time.Duration
}

type outcome struct {
	src  extract.Source
	res  *transform.Result
	err  *extract.Error
	size int64
	ext  time.Duration
	trn  time.Duration
}

// Run processes srcs in order into b. It returns when all documents are
// done or ctx is cancelled (then no new documents start, in-flight ones
// finish, and ctx.Err() is returned: the caller must not publish).
// Per-document failures become error rows, not errors of Run; an error from
// the batcher (the sink) stops the run.
func (p *Pipeline) Run(ctx context.Context, srcs []extract.Source, b *transform.Batcher) (Stats, error) {
	start := time.Now()
	var st Stats
	work := func(i int) outcome { return p.process(ctx, srcs[i]) }
	// A wide window: the writer stops now and then to encode a row group
	// (milliseconds), and with only a few documents of slack the workers
	// would stall behind it. Bytes bound the window for big files.
	win := Window{
		Items:     p.cfg.Workers * 64,
		Weight:    func(i int) int64 { return srcs[i].Size },
		MaxWeight: windowBytes,
	}
	sinkErr := OrderedWindow(ctx, len(srcs), p.cfg.Workers, win, work, func(_ int, cur outcome) error {
		t0 := time.Now()
		st.Docs++
		st.Bytes += cur.size
		st.Extract += cur.ext
		st.Transform += cur.trn
		var err error
		if cur.err != nil {
			st.Failed++
			err = b.AddError(transform.ErrorRow{
				Source: cur.src.Rel, Stage: cur.err.Stage, Class: cur.err.Class,
				Message: cur.err.Err.Error(), Size: cur.src.Size,
			})
		} else {
			st.OK++
			st.Facts += int64(len(cur.res.Facts))
			err = b.Add(cur.res)
			if p.cfg.Done != nil {
				p.cfg.Done(cur.src, cur.res)
			}
		}
		st.Load += time.Since(t0)
		if p.cfg.Progress != nil {
			var perr error
			if cur.err != nil {
				perr = cur.err
			}
			p.cfg.Progress(cur.src, perr)
		}
		return err
	})
	st.Wall = time.Since(start)
	if sinkErr != nil {
		return st, sinkErr
	}
	if err := ctx.Err(); err != nil {
		return st, err
	}
	return st, nil
}

// process runs one document. A panic here is a bug in a rule or extractor;
// it is recovered so one document cannot take the nightly run down.
func (p *Pipeline) process(ctx context.Context, listed extract.Source) (o outcome) {
	o = outcome{src: listed}
	stage := "read"
	defer func() {
		if r := recover(); r != nil {
			o.res = nil
			// The row says what happened in a sentence; the stack, for the
			// developer, goes to stderr (the job's log).
			fmt.Fprintf(os.Stderr, "reportetl: internal error on %s (%s): %v\n%s", listed.Rel, stage, r, debug.Stack())
			o.err = extract.Errorf("internal", stage, fmt.Errorf("internal error while processing %s (%s stage): %v; this is a bug in reportetl, the stack trace is in the run's log", listed.Rel, stage, r))
		}
	}()
	t0 := time.Now()
	raw, err := readSource(listed, p.cfg.MaxFileBytes)
	o.size = int64(len(raw))
	if err != nil {
		o.err = classify(err, "read", "io")
		return o
	}
	src := listed
	head := raw
	if len(head) > 1024 {
		head = head[:1024]
	}
	src.Format = extract.Sniff(src.Format, head)
	ex, ok := p.cfg.Extractors[src.Format]
	if !ok {
		o.err = extract.Errorf("unsupported", "extract", fmt.Errorf("%s: no extractor for format %q", src.Rel, src.Format))
		return o
	}
	stage = "extract"
	doc, err := ex.Extract(ctx, src, raw)
	o.ext = time.Since(t0)
	if err != nil {
		o.err = classify(err, "extract", "malformed")
		return o
	}
	stage = "transform"
	t1 := time.Now()
	res, err := p.cfg.Transformer.Apply(doc)
	o.trn = time.Since(t1)
	if err != nil {
		o.err = classify(err, "transform", "internal")
		return o
	}
	o.res = res
	return o
}

func classify(err error, stage, class string) *extract.Error {
	var e *extract.Error
	if errors.As(err, &e) {
		return e
	}
	return extract.Errorf(class, stage, err)
}

// readSource reads one listed file, refusing it before reading when it is
// over max bytes (a 300 MB file costs a stat, not 300 MB of memory), and
// failing it with class io when it disappeared or changed since it was
// listed: a half-written upload read now would publish wrong facts, and the
// next run reads it whole.
func readSource(src extract.Source, max int64) ([]byte, error) {
	f, err := openRead(src.Path)
	if err != nil {
		return nil, extract.Errorf("io", "read", describeOpenError(src, err))
	}
	defer f.Close()
	size, mtime, err := f.stat()
	if err != nil {
		return nil, extract.Errorf("io", "read", fmt.Errorf("%s: %w", src.Rel, err))
	}
	if size > max {
		return nil, extract.Errorf("limit", "read", fmt.Errorf("%s is %d bytes, over the per-document limit of %d bytes (--max-file-bytes)", src.Rel, size, max))
	}
	// Sources not made by Discover (tests, explain) carry no listing state.
	if !src.ModTime.IsZero() && (size != src.Size || !mtime.Equal(src.ModTime)) {
		return nil, extract.Errorf("io", "read", fmt.Errorf("%s changed after it was listed (%d bytes then, %d now); it is probably still being written and will be read by the next run", src.Rel, src.Size, size))
	}
	// Read at most max+1 bytes: a file growing between stat and read must
	// not get past the limit. The buffer is sized from the stat (one
	// allocation, not io.ReadAll's doubling from 512 bytes); one byte more
	// tells EOF from growth.
	raw, err := readAllSized(io.LimitReader(f, max+1), size+1)
	if err != nil {
		return nil, extract.Errorf("io", "read", fmt.Errorf("read %s: %w", src.Rel, err))
	}
	if int64(len(raw)) > max {
		return nil, extract.Errorf("limit", "read", fmt.Errorf("%s grew past the per-document limit of %d bytes while being read (--max-file-bytes)", src.Rel, max))
	}
	return raw, nil
}

// ReadFile is os.ReadFile the way the pipeline reads a document (see
// openRead), for measurements that must read as cheaply as it does.
func ReadFile(path string) ([]byte, error) {
	return readSource(extract.Source{Path: path, Rel: path}, math.MaxInt64-1)
}

// docFile is an open document: openRead gives the cheapest one the
// platform has.
type docFile interface {
	io.ReadCloser
	stat() (size int64, mtime time.Time, err error)
}

// readAllSized is io.ReadAll starting from a buffer of size bytes.
func readAllSized(r io.Reader, size int64) ([]byte, error) {
	b := make([]byte, 0, max(size, 512))
	for {
		n, err := r.Read(b[len(b):cap(b)])
		b = b[:len(b)+n]
		if err == io.EOF {
			return b, nil
		}
		if err != nil {
			return b, err
		}
		if len(b) == cap(b) {
			b = append(b, 0)[:len(b)] // grown since the stat: let append pick the size
		}
	}
}

func describeOpenError(src extract.Source, err error) error {
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return fmt.Errorf("%s was deleted or moved after it was listed (%w)", src.Rel, err)
	case errors.Is(err, fs.ErrPermission):
		return fmt.Errorf("%s cannot be opened: permission denied for the user running reportetl (%w)", src.Rel, err)
	}
	return fmt.Errorf("open %s: %w", src.Rel, err)
}
