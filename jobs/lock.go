package jobs

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"time"
)

// Lock is an exclusive flock on OUT/.lock. The kernel drops it when the
// holder dies, so a lock left by a killed run never blocks the next one.
type Lock struct {
	f *os.File
}

// ErrLocked says another live run holds the output; exit code 75.
type ErrLocked struct {
	Path   string
	Holder string // "pid 123 since 2026-11-22T01:00:00Z", as written by the holder
}

func (e *ErrLocked) Error() string {
	h := e.Holder
	if h == "" {
		h = "unknown holder"
	}
	return fmt.Sprintf("another reportetl run holds %s (%s); try again later", e.Path, h)
}

// AcquireLock takes the lock without waiting.
func AcquireLock(out string) (*Lock, error) {
	if err := os.MkdirAll(out, 0o755); err != nil {
		return nil, fmt.Errorf("output %s: %w", out, err)
	}
	p := filepath.Join(out, ".lock")
	f, err := os.OpenFile(p, os.O_RDWR|os.O_CREATE, 0o644)
	if err != nil {
		return nil, fmt.Errorf("lock %s: %w", p, err)
	}
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB); err != nil {
		holder, _ := os.ReadFile(p)
		f.Close()
		if errors.Is(err, syscall.EWOULDBLOCK) {
			return nil, &ErrLocked{Path: p, Holder: strings.TrimSpace(string(holder))}
		}
		return nil, fmt.Errorf("lock %s: %w", p, err)
	}
	// Who holds it, for the message a second run prints.
	f.Truncate(0)
	fmt.Fprintf(f, "pid %d since %s\n", os.Getpid(), time.Now().UTC().Format(time.RFC3339))
	return &Lock{f: f}, nil
}

// Release drops the lock.
func (l *Lock) Release() {
	if l == nil || l.f == nil {
		return
	}
	l.f.Truncate(0)
	syscall.Flock(int(l.f.Fd()), syscall.LOCK_UN)
	l.f.Close()
	l.f = nil
}
