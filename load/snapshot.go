package load

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

// Layout of an output directory:
//
//	OUT/.staging/<run_id>/…     a snapshot being built (never read)
//	OUT/.snapshots/<run_id>/…   complete, fsynced snapshots
//	OUT/current -> .snapshots/<run_id>   switched by one rename(2)
//	OUT/facts -> current/facts           fixed links, one per table
//
// A reader globbing OUT/facts/**/*.parquet resolves `current` once per path
// lookup, so it sees the old snapshot or the new one, never a mix of part
// files, and never a partial file: part files only ever appear inside a
// staging directory that is renamed whole.
const (
	stagingDir   = ".staging"
	snapshotsDir = ".snapshots"
	currentLink  = "current"
)

// Tables is the list of table links kept at the top of OUT.
var Tables = []string{"documents", "facts", "pages", "errors", "quality", "runs", "unit_year", "correlations"}

// Store is an output directory holding published snapshots.
type Store struct {
	Out string
}

// OpenStore prepares OUT (creating it) and removes what an interrupted run
// left behind: staging directories are never published, so deleting them
// loses nothing. Call it only while holding the run lock.
func OpenStore(out string) (*Store, error) {
	if err := os.MkdirAll(filepath.Join(out, snapshotsDir), 0o755); err != nil {
		return nil, fmt.Errorf("output %s: %w", out, err)
	}
	if err := os.RemoveAll(filepath.Join(out, stagingDir)); err != nil {
		return nil, fmt.Errorf("output %s: remove leftovers of an interrupted run: %w", out, err)
	}
	if err := os.MkdirAll(filepath.Join(out, stagingDir), 0o755); err != nil {
		return nil, fmt.Errorf("output %s: %w", out, err)
	}
	// A leftover temporary link from a crash between symlink and rename.
	os.Remove(filepath.Join(out, currentLink+".tmp"))
	return &Store{Out: out}, nil
}

// Current returns the directory of the published snapshot, or "" if none.
func (s *Store) Current() (string, error) {
	target, err := os.Readlink(filepath.Join(s.Out, currentLink))
	if errors.Is(err, fs.ErrNotExist) {
		return "", nil
	}
	if err != nil {
		return "", fmt.Errorf("output %s: read current snapshot: %w", s.Out, err)
	}
	return filepath.Join(s.Out, target), nil
}

// Staging is a snapshot under construction.
type Staging struct {
	store *Store
	RunID string
	Dir   string
}

// Begin starts a new snapshot for runID.
func (s *Store) Begin(runID string) (*Staging, error) {
	dir := filepath.Join(s.Out, stagingDir, runID)
	if err := os.Mkdir(dir, 0o755); err != nil {
		return nil, fmt.Errorf("output %s: start snapshot: %w", s.Out, err)
	}
	return &Staging{store: s, RunID: runID, Dir: dir}, nil
}

// Abort discards the staging directory; the published snapshot is untouched.
func (st *Staging) Abort() { os.RemoveAll(st.Dir) }

// Publish makes the staged snapshot the current one in a single rename, after
// every file and directory in it is durable, then keeps the newest keep
// snapshots (at least 2, so a reader still listing the previous snapshot
// does not lose its files under it).
func (st *Staging) Publish(keep int) error {
	out := st.store.Out
	if err := syncTree(st.Dir); err != nil {
		return fmt.Errorf("publish: %w", err)
	}
	final := filepath.Join(out, snapshotsDir, st.RunID)
	if err := os.Rename(st.Dir, final); err != nil {
		return fmt.Errorf("publish: %w", err)
	}
	if err := syncDir(filepath.Join(out, snapshotsDir)); err != nil {
		return fmt.Errorf("publish: %w", err)
	}
	if err := st.store.ensureTableLinks(final); err != nil {
		return fmt.Errorf("publish: %w", err)
	}
	tmp := filepath.Join(out, currentLink+".tmp")
	os.Remove(tmp)
	if err := os.Symlink(filepath.Join(snapshotsDir, st.RunID), tmp); err != nil {
		return fmt.Errorf("publish: %w", err)
	}
	if err := os.Rename(tmp, filepath.Join(out, currentLink)); err != nil {
		return fmt.Errorf("publish: switch current snapshot: %w", err)
	}
	if err := syncDir(out); err != nil {
		return fmt.Errorf("publish: %w", err)
	}
	return st.store.Prune(keep)
}

// ensureTableLinks creates OUT/<table> -> current/<table> once for each
// table the snapshot has. A real directory in its place is not ours to
// delete: say so.
func (s *Store) ensureTableLinks(snap string) error {
	for _, t := range Tables {
		if _, err := os.Stat(filepath.Join(snap, t)); err != nil {
			continue
		}
		p := filepath.Join(s.Out, t)
		fi, err := os.Lstat(p)
		switch {
		case errors.Is(err, fs.ErrNotExist):
			if err := os.Symlink(filepath.Join(currentLink, t), p); err != nil {
				return err
			}
		case err != nil:
			return err
		case fi.Mode()&fs.ModeSymlink == 0:
			return fmt.Errorf("%s exists and is not a reportetl table link; move it away or choose another --out", p)
		}
	}
	return nil
}

// Snapshots lists published snapshot run ids, oldest first (run ids sort by time).
func (s *Store) Snapshots() ([]string, error) {
	ents, err := os.ReadDir(filepath.Join(s.Out, snapshotsDir))
	if err != nil {
		return nil, err
	}
	var ids []string
	for _, e := range ents {
		if e.IsDir() {
			ids = append(ids, e.Name())
		}
	}
	sort.Strings(ids)
	return ids, nil
}

// Prune deletes all but the newest keep snapshots, never the current one.
func (s *Store) Prune(keep int) error {
	if keep < 2 {
		keep = 2
	}
	ids, err := s.Snapshots()
	if err != nil {
		return fmt.Errorf("prune: %w", err)
	}
	cur, _ := s.Current()
	for i := 0; i < len(ids)-keep; i++ {
		p := filepath.Join(s.Out, snapshotsDir, ids[i])
		if p == cur {
			continue
		}
		if err := os.RemoveAll(p); err != nil {
			return fmt.Errorf("prune %s: %w", p, err)
		}
	}
	return nil
}

func syncTree(root string) error {
	var dirs []string
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			dirs = append(dirs, p)
		}
		return nil
	})
	if err != nil {
		return err
	}
	// Deepest first so a directory's entries are durable before its parent's.
	sort.Slice(dirs, func(i, j int) bool { return strings.Count(dirs[i], "/") > strings.Count(dirs[j], "/") })
	for _, d := range dirs {
		if err := syncDir(d); err != nil {
			return err
		}
	}
	return nil
}

func syncDir(dir string) error {
	f, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer f.Close()
	if err := f.Sync(); err != nil {
		return fmt.Errorf("fsync %s: %w", dir, err)
	}
	return nil
}
