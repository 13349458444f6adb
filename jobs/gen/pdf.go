package gen

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"net/url"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"strings"
	"sync"
	"time"
)

// ErrNoSoffice is wrapped by Generate's error when PDFs are asked for and
// LibreOffice cannot be found: a setup problem, not a failed generation.
var ErrNoSoffice = errors.New("--pdf-share needs LibreOffice to write PDFs: install it with `apt-get install -y libreoffice-writer-nogui fonts-noto-cjk` (Debian/Ubuntu), or use --pdf-share 0")

// pdfBatch is how many files one soffice process converts: its start-up
// (a second or more, ten with a fresh profile on a loaded machine) is the
// cost, the conversions themselves are quick.
const pdfBatch = 200

// isPDF reports whether document i is written as a PDF. The draw comes from
// its own stream, keyed by seed and index only, so the choice does not
// depend on N, the worker count or the document's own random draws.
func (c *Config) isPDF(i int) bool {
	if c.PDFShare <= 0 {
		return false
	}
	r := rand.New(rand.NewPCG(uint64(c.Seed)^0x9e3779b97f4a7c15, uint64(i)))
	return r.Float64() < c.PDFShare
}

// FindSoffice resolves LibreOffice's binary (a path or a name in PATH;
// "" means "soffice"), wrapping ErrNoSoffice when it is missing.
func FindSoffice(bin string) (string, error) {
	if bin == "" {
		bin = "soffice"
	}
	p, err := exec.LookPath(bin)
	if err != nil {
		return "", fmt.Errorf("%w (%v)", ErrNoSoffice, err)
	}
	return p, nil
}

// convertPDFs prints each scratch/<dir>/<base>.txt to arch/<dir>/<base>.pdf
// with LibreOffice Writer (UTF-8 text import, the fonts fontconfig offers
// for CJK: fonts-noto-cjk on Debian). Files are converted in batches of
// pdfBatch per soffice process, with up to `workers` processes at a time,
// each with its own profile folder: LibreOffice refuses to run twice on one
// profile and would otherwise hand the job to a user's running instance.
// It returns a description of the writer for the manifest.
func convertPDFs(ctx context.Context, soffice, scratch, arch string, names []string, workers int) (string, error) {
	// Batches never span folders (--outdir is one folder per process), and
	// a small archive is still split so that every worker has a share.
	size := max(1, min(pdfBatch, (len(names)+workers-1)/max(workers, 1)))
	var batches [][]string
	for _, n := range names {
		last := len(batches) - 1
		if last < 0 || len(batches[last]) == size || path.Dir(batches[last][0]) != path.Dir(n) {
			batches = append(batches, nil)
			last++
		}
		batches[last] = append(batches[last], n)
	}
	workers = max(1, min(workers, len(batches)))
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	ch := make(chan []string)
	var (
		wg       sync.WaitGroup
		mu       sync.Mutex
		firstErr error
	)
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			profile := filepath.Join(scratch, fmt.Sprintf(".lo-profile-%d", w))
			for b := range ch {
				if err := sofficeBatch(ctx, soffice, profile, scratch, arch, b); err != nil {
					mu.Lock()
					if firstErr == nil {
						firstErr = err
					}
					mu.Unlock()
					cancel()
				}
			}
		}()
	}
feed:
	for _, b := range batches {
		select {
		case ch <- b:
		case <-ctx.Done():
			break feed
		}
	}
	close(ch)
	wg.Wait()
	if firstErr != nil {
		return "", firstErr
	}
	if err := ctx.Err(); err != nil {
		return "", fmt.Errorf("PDF conversion interrupted: %w", err)
	}
	return sofficeVersion(soffice) + " (soffice --convert-to pdf from UTF-8 text)", nil
}

// sofficeBatch converts one batch of documents of one folder and checks
// that every PDF was written: soffice exits 0 even when a file failed.
func sofficeBatch(ctx context.Context, soffice, profile, scratch, arch string, names []string) error {
	dir := path.Dir(names[0])
	outDir := filepath.Join(arch, filepath.FromSlash(dir))
	if err := os.MkdirAll(outDir, 0o755); err != nil {
		return fmt.Errorf("create %s: %w", outDir, err)
	}
	absProfile, err := filepath.Abs(profile)
	if err != nil {
		return fmt.Errorf("PDF profile folder: %w", err)
	}
	args := []string{
		"-env:UserInstallation=" + (&url.URL{Scheme: "file", Path: filepath.ToSlash(absProfile)}).String(),
		"--headless", "--norestore", "--nolockcheck",
		"--infilter=Text (encoded):UTF8", "--convert-to", "pdf", "--outdir", outDir,
	}
	for _, n := range names {
		args = append(args, filepath.Join(scratch, filepath.FromSlash(strings.TrimSuffix(n, ".pdf")+".txt")))
	}
	// A hung soffice must not hang generation: generous for a loaded
	// machine (a fresh profile alone takes seconds).
	ctx, cancel := context.WithTimeout(ctx, 2*time.Minute+time.Duration(len(names))*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, soffice, args...)
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	// soffice is a script starting oosplash and soffice.bin: on a timeout
	// only the first is killed, and a survivor holding the output pipe must
	// not block Wait.
	cmd.WaitDelay = 10 * time.Second
	runErr := cmd.Run()
	var missing []string
	for _, n := range names {
		if fi, err := os.Stat(filepath.Join(arch, filepath.FromSlash(n))); err != nil || fi.Size() == 0 {
			missing = append(missing, n)
		}
	}
	if runErr == nil && len(missing) == 0 {
		return nil
	}
	msg := strings.TrimSpace(out.String())
	if len(msg) > 600 {
		msg = "…" + msg[len(msg)-600:]
	}
	if runErr == nil {
		runErr = errors.New("exited 0")
	}
	return fmt.Errorf("soffice on %d files of %s: %v; %d PDFs not written (first %s); output: %s",
		len(names), dir, runErr, len(missing), firstOr(missing, "none"), msg)
}

func firstOr(xs []string, def string) string {
	if len(xs) == 0 {
		return def
	}
	return xs[0]
}

// sofficeVersion is e.g. "LibreOffice 7.4.7.2", or "LibreOffice" when the
// binary does not say.
func sofficeVersion(soffice string) string {
	b, err := exec.Command(soffice, "--version").Output()
	if f := strings.Fields(string(b)); err == nil && len(f) >= 2 {
		return f[0] + " " + f[1]
	}
	return "LibreOffice"
}
