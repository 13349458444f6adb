package extract

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/encoding/simplifiedchinese"
)

// Formats maps file extensions to the formats the pipeline reads.
var Formats = map[string]string{
	".txt": "txt", ".text": "txt", ".csv": "txt", ".md": "txt",
	".pdf": "pdf",
}

// Skipped is a file found under an input root that the pipeline does not
// read, with the reason; runs list them instead of ignoring them silently.
type Skipped struct {
	Rel    string
	Reason string
}

// Listing is the outcome of walking the input roots.
type Listing struct {
	Sources []Source
	Skipped []Skipped
	// Failed are files or directories that could not be listed; each
	// becomes one error row (class io) and the run goes on.
	Failed []Failure
}

// Failure is a per-file problem found before extraction.
type Failure struct {
	Source Source
	Err    *Error
}

// DiscoverOptions tune the walk.
type DiscoverOptions struct {
	FollowSymlinks bool // follow symlinks that stay inside the root (off by default)
}

// Discover walks every root and returns the files to process in a stable
// order (root order, then path order) so runs are reproducible. A root that
// does not exist is an error for the whole run: a typo in --in must not
// publish an empty snapshot over a good one.
//
// The walk itself is sequential (WalkDir visits entries in lexical order,
// so the listing needs no sort); the stat of every file, most of the
// listing's time on a big archive, runs on all cores between the walk and
// a last in-order pass that files each entry.
func Discover(roots []string, opt DiscoverOptions) (*Listing, error) {
	l := &Listing{}
	seen := map[string]bool{}
	for _, root := range roots {
		fi, err := os.Stat(root)
		if err != nil {
			return nil, fmt.Errorf("input %s: %w", root, err)
		}
		if !fi.IsDir() {
			return nil, fmt.Errorf("input %s: not a directory", root)
		}
		absRoot, err := filepath.Abs(root)
		if err != nil {
			return nil, fmt.Errorf("input %s: %w", root, err)
		}
		var ents walkEntries
		err = filepath.WalkDir(root, func(p string, d fs.DirEntry, werr error) error {
			rel, _ := filepath.Rel(root, p)
			e := walkEntry{path: p, rel: displayRel(filepath.ToSlash(rel))}
			if werr != nil {
				if p == root {
					return werr
				}
				e.err = Errorf("io", "discover", fmt.Errorf("cannot list %s: %w", e.rel, werr))
				ents.add(e)
				if d != nil && d.IsDir() {
					return fs.SkipDir
				}
				return nil
			}
			name := d.Name()
			if p != root && strings.HasPrefix(name, ".") {
				if d.IsDir() {
					return fs.SkipDir
				}
				e.skip = "hidden file"
				ents.add(e)
				return nil
			}
			if d.IsDir() {
				return nil
			}
			e.symlink = d.Type()&fs.ModeSymlink != 0
			if e.symlink && !opt.FollowSymlinks {
				e.skip = "symlink (not followed; use --follow-symlinks)"
			}
			// The absolute path from the root's, not filepath.Abs: that
			// asks the OS for the working directory (two stats) per file.
			e.abs = filepath.Join(absRoot, rel)
			ents.add(e)
			return nil
		})
		if err != nil {
			return nil, fmt.Errorf("input %s: %w", root, err)
		}
		ents.stat(absRoot)
		l.Sources = slices.Grow(l.Sources, ents.n)
		for _, c := range ents.chunks {
			for i := range c {
				l.file(&c[i], root, seen)
			}
		}
	}
	return l, nil
}

// walkEntry is one entry of a root's walk: decided during the walk (err,
// skip) or a file to stat (the stat fills info or err).
type walkEntry struct {
	path, rel, abs string
	symlink        bool
	skip           string
	err            *Error
	info           fs.FileInfo
}

// walkEntries are a root's walk in order, in fixed-size chunks: a
// 100,000-file listing grown as one slice spent a fifth of its time
// copying it; chunks are also the unit of work of the stats.
type walkEntries struct {
	chunks [][]walkEntry
	n      int
}

const walkChunk = 256

func (w *walkEntries) add(e walkEntry) {
	if k := len(w.chunks); k == 0 || len(w.chunks[k-1]) == walkChunk {
		w.chunks = append(w.chunks, make([]walkEntry, 0, walkChunk))
	}
	k := len(w.chunks) - 1
	w.chunks[k] = append(w.chunks[k], e)
	w.n++
}

// stat stats the files of the walk (following the symlinks that stay
// inside absRoot) on GOMAXPROCS goroutines, each taking the next chunk.
func (w *walkEntries) stat(absRoot string) {
	var next atomic.Int64
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), len(w.chunks)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				k := int(next.Add(1)) - 1
				if k >= len(w.chunks) {
					return
				}
				for i := range w.chunks[k] {
					if e := &w.chunks[k][i]; e.err == nil && e.skip == "" {
						e.stat(absRoot)
					}
				}
			}
		}()
	}
	wg.Wait()
}

func (e *walkEntry) stat(absRoot string) {
	target := e.path
	if e.symlink {
		resolved, err := filepath.EvalSymlinks(e.path)
		if err != nil {
			e.err = Errorf("io", "discover", fmt.Errorf("symlink %s: %w", e.rel, err))
			return
		}
		absT, _ := filepath.Abs(resolved)
		if !strings.HasPrefix(absT, absRoot+string(filepath.Separator)) {
			e.skip = "symlink points outside the input root"
			return
		}
		target, e.abs = resolved, absT
	}
	fi, err := os.Stat(target)
	if err != nil {
		e.err = Errorf("io", "discover", fmt.Errorf("stat %s: %w", e.rel, err))
		return
	}
	e.info = fi
}

// file adds a walked entry to the listing, in walk order.
func (l *Listing) file(e *walkEntry, root string, seen map[string]bool) {
	switch {
	case e.err != nil:
		l.Failed = append(l.Failed, Failure{Source: Source{Root: root, Path: e.path, Rel: e.rel}, Err: e.err})
		return
	case e.skip != "":
		l.Skipped = append(l.Skipped, Skipped{Rel: e.rel, Reason: e.skip})
		return
	case !e.info.Mode().IsRegular():
		l.Skipped = append(l.Skipped, Skipped{Rel: e.rel, Reason: "not a regular file"})
		return
	}
	ext := filepath.Ext(e.path)
	format, ok := Formats[strings.ToLower(ext)]
	if !ok {
		reason := "unknown file type"
		if ext != "" {
			reason = "unknown file type " + strings.ToLower(ext)
		}
		l.Skipped = append(l.Skipped, Skipped{Rel: e.rel, Reason: reason})
		return
	}
	if seen[e.abs] {
		l.Skipped = append(l.Skipped, Skipped{Rel: e.rel, Reason: "same file already listed under another root"})
		return
	}
	seen[e.abs] = true
	l.Sources = append(l.Sources, Source{
		Root: root, Path: e.path, Rel: e.rel, Size: e.info.Size(), ModTime: e.info.ModTime(), Format: format,
	})
}

// displayRel makes a relative path valid UTF-8 for the `source` column
// (Parquet strings must be UTF-8; DuckDB rejects anything else). Archives
// unpacked from Windows zips carry GBK/GB18030 file names: a component that
// decodes cleanly as GB18030 is shown decoded (工作总结.txt, which also lets
// metadata read the unit and year from it); any other invalid byte is
// escaped as \xNN. Source.Path keeps the real bytes for opening the file.
func displayRel(rel string) string {
	if utf8.ValidString(rel) {
		return rel
	}
	parts := strings.Split(rel, "/")
	for i, c := range parts {
		if utf8.ValidString(c) {
			continue
		}
		if d, err := simplifiedchinese.GB18030.NewDecoder().String(c); err == nil && utf8.ValidString(d) &&
			!strings.ContainsFunc(d, func(r rune) bool { return r == utf8.RuneError || unicode.IsControl(r) }) {
			parts[i] = d
			continue
		}
		var b strings.Builder
		for len(c) > 0 {
			r, n := utf8.DecodeRuneInString(c)
			if r == utf8.RuneError && n == 1 {
				fmt.Fprintf(&b, `\x%02x`, c[0])
			} else {
				b.WriteString(c[:n])
			}
			c = c[n:]
		}
		parts[i] = b.String()
	}
	return strings.Join(parts, "/")
}

// Sniff corrects a format guessed from the extension by the file's first
// bytes: a ".txt" that is really a PDF is read as a PDF, and a ".pdf"
// without a PDF header is read as text only if it decodes as text.
func Sniff(format string, head []byte) string {
	isPDF := len(head) >= 5 && string(head[:5]) == "%PDF-"
	switch {
	case isPDF:
		return "pdf"
	case format == "pdf":
		// Many archives carry HTML or text saved as .pdf; a PDF header may
		// also sit after some junk (readers accept it within 1 KB).
		if i := strings.Index(string(head), "%PDF-"); i >= 0 {
			return "pdf"
		}
		return "txt"
	}
	return format
}

// ErrTooLarge is returned when a file exceeds the per-document byte limit.
var ErrTooLarge = errors.New("file exceeds the per-document size limit")
