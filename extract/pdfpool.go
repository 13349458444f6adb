package extract

import (
	"bytes"
	"context"
	"encoding/gob"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"
)

// pdfPool runs PDF parsing in worker processes, like Apache Tika's forked
// parser: a document that loops, exhausts memory or crashes the parser
// costs its worker, never the run. Workers are the same executable started
// with PDFWorkerEnv, kept and reused across documents; one that dies or
// overruns is killed and replaced on the next request.
type pdfPool struct {
	exe     string
	size    int
	memCap  int64
	mu      sync.Mutex
	idle    []*pdfWorker
	slots   chan struct{}
	closed  bool
	started int // workers started (for tests and the benchmark)
}

type pdfWorker struct {
	cmd    *exec.Cmd
	req    *os.File // our end of fd 3
	resp   *os.File // our end of fd 4
	enc    *gob.Encoder
	dec    *gob.Decoder
	stderr *tailBuffer
	done   chan struct{} // closed when the process has exited
	err    error
}

func newPDFPool(size int, memCap int64) (*pdfPool, error) {
	exe, err := os.Executable()
	if err != nil {
		return nil, fmt.Errorf("pdf pool: find own executable: %w", err)
	}
	return &pdfPool{exe: exe, size: size, memCap: memCap, slots: make(chan struct{}, size)}, nil
}

func (p *pdfPool) start() (*pdfWorker, error) {
	reqR, reqW, err := os.Pipe()
	if err != nil {
		return nil, err
	}
	respR, respW, err := os.Pipe()
	if err != nil {
		reqR.Close()
		reqW.Close()
		return nil, err
	}
	cmd := exec.Command(p.exe, "pdf-worker")
	cmd.Env = append(os.Environ(), PDFWorkerEnv+"=1")
	cmd.ExtraFiles = []*os.File{reqR, respW}
	tb := &tailBuffer{max: 4096}
	cmd.Stderr = tb
	cmd.SysProcAttr = workerSysProcAttr()
	if err := cmd.Start(); err != nil {
		reqR.Close()
		reqW.Close()
		respR.Close()
		respW.Close()
		return nil, fmt.Errorf("pdf pool: start worker %s: %w", p.exe, err)
	}
	reqR.Close()
	respW.Close()
	w := &pdfWorker{cmd: cmd, req: reqW, resp: respR, enc: gob.NewEncoder(reqW), dec: gob.NewDecoder(respR), stderr: tb, done: make(chan struct{})}
	go func() { w.err = cmd.Wait(); close(w.done) }()
	p.mu.Lock()
	p.started++
	p.mu.Unlock()
	return w, nil
}

func (w *pdfWorker) kill() {
	if w.cmd.Process != nil {
		w.cmd.Process.Kill()
	}
	w.req.Close()
	w.resp.Close()
	<-w.done
}

// errPoolClosed is returned for documents submitted after Close.
var errPoolClosed = errors.New("pdf worker pool is closed")

func (p *pdfPool) acquire(ctx context.Context) (*pdfWorker, error) {
	select {
	case p.slots <- struct{}{}:
	case <-ctx.Done():
		return nil, ctx.Err()
	}
	p.mu.Lock()
	if p.closed {
		p.mu.Unlock()
		<-p.slots
		return nil, errPoolClosed
	}
	if n := len(p.idle); n > 0 {
		w := p.idle[n-1]
		p.idle = p.idle[:n-1]
		p.mu.Unlock()
		return w, nil
	}
	p.mu.Unlock()
	w, err := p.start()
	if err != nil {
		<-p.slots
		return nil, err
	}
	return w, nil
}

func (p *pdfPool) release(w *pdfWorker, healthy bool) {
	p.mu.Lock()
	if healthy && !p.closed {
		p.idle = append(p.idle, w)
		p.mu.Unlock()
	} else {
		p.mu.Unlock()
		w.kill()
	}
	<-p.slots
}

// parse sends one document to a worker and waits at most deadline.
func (p *pdfPool) parse(ctx context.Context, raw []byte, lim PDFLimits, deadline time.Duration) (*pdfParsed, *Error) {
	w, err := p.acquire(ctx)
	if err != nil {
		if ctx.Err() != nil {
			return nil, Errorf("timeout", "pdf", fmt.Errorf("waiting for a PDF worker: %w", err))
		}
		return nil, Errorf("unsupported", "pdf", err)
	}
	type result struct {
		resp pdfResponse
		err  error
	}
	ch := make(chan result, 1)
	go func() {
		if err := w.enc.Encode(pdfRequest{Raw: raw, Limits: lim, MemLimit: p.memCap}); err != nil {
			ch <- result{err: err}
			return
		}
		var r pdfResponse
		err := w.dec.Decode(&r)
		ch <- result{r, err}
	}()
	timer := time.NewTimer(deadline)
	defer timer.Stop()
	var tick <-chan time.Time
	if p.memCap > 0 && rssSupported() {
		t := time.NewTicker(25 * time.Millisecond)
		defer t.Stop()
		tick = t.C
	}
	for {
		select {
		case r := <-ch:
			if r.err != nil {
				// The worker died mid-document: out of memory, a fatal
				// runtime error (stack overflow), or killed.
				w.kill()
				p.release(w, false)
				return nil, w.deathError(r.err)
			}
			p.release(w, true)
			if r.resp.Class != "" {
				return nil, Errorf(r.resp.Class, "pdf", errors.New(r.resp.Msg))
			}
			if r.resp.Parsed == nil {
				return nil, Errorf("malformed", "pdf", errors.New("worker returned no result"))
			}
			return r.resp.Parsed, nil
		case <-timer.C:
			p.release(w, false)
			return nil, Errorf("timeout", "pdf", fmt.Errorf("parsing took longer than %s; worker killed", deadline))
		case <-ctx.Done():
			p.release(w, false)
			return nil, Errorf("timeout", "pdf", fmt.Errorf("run cancelled while parsing: %w", ctx.Err()))
		case <-tick:
			if rss := processRSS(w.cmd.Process.Pid); rss > p.memCap {
				p.release(w, false)
				return nil, Errorf("memory", "pdf", fmt.Errorf("worker used %d MiB, over the %d MiB cap; killed", rss>>20, p.memCap>>20))
			}
		}
	}
}

func (w *pdfWorker) deathError(err error) *Error {
	<-w.done
	msg := strings.TrimSpace(w.stderr.String())
	class := "malformed"
	if strings.Contains(msg, "out of memory") || strings.Contains(msg, "cannot allocate memory") {
		class = "memory"
	}
	if i := strings.IndexByte(msg, '\n'); i > 0 {
		msg = msg[:i]
	}
	return Errorf(class, "pdf", fmt.Errorf("PDF worker died (%v; %v): %s", err, w.err, msg))
}

// Close stops every worker. Documents in flight finish first; later ones
// get an error.
func (p *pdfPool) Close() error {
	p.mu.Lock()
	p.closed = true
	idle := p.idle
	p.idle = nil
	p.mu.Unlock()
	for _, w := range idle {
		w.req.Close() // EOF: the worker exits on its own
		select {
		case <-w.done:
		case <-time.After(2 * time.Second):
			w.kill()
		}
		w.resp.Close()
	}
	return nil
}

// tailBuffer keeps the first max bytes of a worker's stderr (the panic or
// fatal error line is at the start).
type tailBuffer struct {
	mu  sync.Mutex
	max int
	b   bytes.Buffer
}

func (t *tailBuffer) Write(p []byte) (int, error) {
	t.mu.Lock()
	defer t.mu.Unlock()
	if room := t.max - t.b.Len(); room > 0 {
		t.b.Write(p[:min(room, len(p))])
	}
	return len(p), nil
}

func (t *tailBuffer) String() string {
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.b.String()
}

func rssSupported() bool {
	_, err := os.Stat("/proc/self/statm")
	return err == nil
}

// processRSS reads a process's resident set size from /proc (Linux).
func processRSS(pid int) int64 {
	b, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/statm")
	if err != nil {
		return 0
	}
	f := strings.Fields(string(b))
	if len(f) < 2 {
		return 0
	}
	pages, _ := strconv.ParseInt(f[1], 10, 64)
	return pages * int64(os.Getpagesize())
}

func workerSysProcAttr() *syscall.SysProcAttr {
	return pdeathsig()
}
