package jobs

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"debug/elf"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"sync"
	"time"

	"github.com/reportetl/reportetl/extract"
	"github.com/reportetl/reportetl/transform"
	"github.com/reportetl/reportetl/transform/facts"
)

// The manifest records what a snapshot was built from, one line per listed
// document, so the next run can tell new, changed, removed and unchanged
// files apart with a stat. It is a JSON Lines file at the snapshot root
// (OUT/current/manifest.jsonl): the first line is a ManifestHeader, every
// other line a ManifestEntry, in listing order. It lives inside the
// snapshot, so it is published (and crash-safe) together with the rows it
// describes: there is no separate state that could disagree with the data.
const (
	ManifestFile   = "manifest.jsonl"
	manifestFormat = "reportetl-manifest/1"
)

// ExtractorVersions is the version of what turns a file of each format into
// rows (decoding, cleaning, extraction). Bump a format's version when a
// change to extract/ or transform/ code changes the rows it produces: the
// next run re-extracts the files of that format and carries the others
// over. Rules files are versioned by their content (RulesFingerprint).
var ExtractorVersions = map[string]string{
	"txt": "1",
	"pdf": "1",
}

// buildFingerprint identifies the code of the running binary, so a new
// build re-extracts what it may now extract differently even when nobody
// remembered to bump ExtractorVersions. Rebuilding the same source gives
// the same binary and the same fingerprint. It is the Go build ID the
// linker stores in the executable (a hash of the build's inputs and of
// the linked binary) when there is one: hashing the whole 20 MB
// executable cost every run 50 ms of CPU, a third of a no-change rerun.
var buildFingerprint = sync.OnceValue(func() string {
	exe, err := os.Executable()
	if err != nil {
		return "unknown"
	}
	var h string
	if id := goBuildID(exe); id != "" {
		sum := sha256.Sum256([]byte(id))
		h = hex.EncodeToString(sum[:])
	} else if h, err = hashFile(exe); err != nil {
		return "unknown"
	}
	return h[:12]
})

// goBuildID reads the Go build ID note of an ELF executable ("" if it is
// not ELF, or was linked with an empty -buildid).
func goBuildID(exe string) string {
	f, err := elf.Open(exe)
	if err != nil {
		return ""
	}
	defer f.Close()
	sec := f.Section(".note.go.buildid")
	if sec == nil {
		return ""
	}
	note, err := sec.Data()
	// An ELF note: name size, description size, type (4 bytes each), the
	// name "Go\x00\x00", then the description, the ID.
	if err != nil || len(note) < 16 || string(note[12:16]) != "Go\x00\x00" {
		return ""
	}
	n := int(f.ByteOrder.Uint32(note[4:8]))
	if n == 0 || 16+n > len(note) {
		return ""
	}
	return string(note[16 : 16+n])
}

// ManifestHeader is the first line of a manifest.
type ManifestHeader struct {
	Format        string            `json:"format"`
	RunID         string            `json:"run_id"`
	SchemaVersion string            `json:"schema_version"`
	Rules         string            `json:"rules"`
	Extractors    map[string]string `json:"extractors"`
	Inputs        []string          `json:"inputs"`
	// ListingFailures counts error rows of files that could not be listed
	// (not manifest entries): the next run drops and re-lists them.
	ListingFailures int `json:"listing_failures"`
	// MaxFileBytes is the size limit the entries were extracted under.
	MaxFileBytes int64 `json:"max_file_bytes"`
	// ListedAt is when the listing started (Unix ns). A file whose mtime is
	// this close to it may have been rewritten after its stat within the
	// same timestamp tick ("racy" like git's index): it is hashed next run.
	ListedAt int64 `json:"listed_at_ns"`
}

// racyWindow covers coarse file-system timestamps (FAT: 2 s).
const racyWindow = int64(2 * time.Second)

// ManifestEntry is one listed document.
type ManifestEntry struct {
	Source string `json:"source"` // path relative to its input root (the `source` column)
	Size   int64  `json:"size"`
	MTime  int64  `json:"mtime_ns"`
	SHA256 string `json:"sha256,omitempty"` // = doc_id; empty for failures that are retried anyway
	Format string `json:"format"`
	Status string `json:"status"`          // ok (rows in documents/facts/pages) or failed (a row in errors)
	Class  string `json:"class,omitempty"` // error class of a failed document
}

// Manifest is a decoded manifest file.
type Manifest struct {
	Header  ManifestHeader
	Entries []ManifestEntry
}

// RulesFingerprint names a rules file by its version and content, so an
// edited rules file re-extracts everything even if nobody bumped version:.
func RulesFingerprint(rulesFile string) (string, error) {
	var b []byte
	if rulesFile == "" {
		b = facts.DefaultRules()
	} else {
		var err error
		if b, err = os.ReadFile(rulesFile); err != nil {
			return "", fmt.Errorf("rules: %w", err)
		}
	}
	r, err := facts.Parse(b)
	if err != nil {
		return "", err
	}
	sum := sha256.Sum256(b)
	return r.Version + "+" + hex.EncodeToString(sum[:6]), nil
}

// ReadManifest reads dir/manifest.jsonl; (nil, nil) if there is none (a
// snapshot written before manifests existed: the next run is full).
func ReadManifest(dir string) (*Manifest, error) {
	f, err := os.Open(filepath.Join(dir, ManifestFile))
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("manifest: %w", err)
	}
	defer f.Close()
	br := bufio.NewReaderSize(f, 1<<20)
	m := &Manifest{}
	first := true
	for {
		line, err := br.ReadSlice('\n')
		if errors.Is(err, bufio.ErrBufferFull) {
			return nil, fmt.Errorf("manifest %s: line too long", f.Name())
		}
		if len(line) > 0 {
			if first {
				if jerr := json.Unmarshal(line, &m.Header); jerr != nil || m.Header.Format != manifestFormat {
					return nil, fmt.Errorf("manifest %s: not a %s header", f.Name(), manifestFormat)
				}
				first = false
			} else {
				e, ok := fastEntry(line)
				if !ok {
					e = ManifestEntry{}
					if jerr := json.Unmarshal(line, &e); jerr != nil {
						return nil, fmt.Errorf("manifest %s: line %d: %w", f.Name(), len(m.Entries)+2, jerr)
					}
				}
				m.Entries = append(m.Entries, e)
			}
		}
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("manifest %s: %w", f.Name(), err)
		}
	}
	if first {
		return nil, fmt.Errorf("manifest %s: empty", f.Name())
	}
	return m, nil
}

// WriteManifest writes dir/manifest.jsonl and fsyncs it.
func WriteManifest(dir string, m *Manifest) error {
	p := filepath.Join(dir, ManifestFile)
	f, err := os.OpenFile(p, os.O_CREATE|os.O_EXCL|os.O_WRONLY, 0o644)
	if err != nil {
		return fmt.Errorf("manifest: %w", err)
	}
	bw := bufio.NewWriterSize(f, 1<<20)
	enc := json.NewEncoder(bw)
	enc.SetEscapeHTML(false)
	err = enc.Encode(m.Header)
	for i := range m.Entries {
		if err != nil {
			break
		}
		err = enc.Encode(&m.Entries[i])
	}
	if err == nil {
		err = bw.Flush()
	}
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("manifest %s: %w", p, err)
	}
	return nil
}

// Change is what a run does with one document.
type Change string

const (
	Unchanged Change = "unchanged" // rows carried over from the previous snapshot
	New       Change = "new"       // not in the previous snapshot
	Changed   Change = "changed"   // content, extractor/rules version, or a retried failure
	Removed   Change = "removed"   // in the previous snapshot, gone from the archive
)

// PlanItem is one document of a plan.
type PlanItem struct {
	Source *extract.Source // in the listing
	Change Change
	Reason string // why a document is re-extracted: new, content, version, retry
	// Entry is the previous manifest's entry of a listed document (nil if
	// new). Pointers, not copies: a plan has an item per document and lives
	// through the run, 200 bytes an item were 20 MB at 100,000 documents.
	Entry *ManifestEntry
}

// Plan is what an incremental run will do, in listing order (removed
// documents last, in the previous snapshot's order).
type Plan struct {
	Full     bool   // every document is (re-)extracted
	Why      string // why the run is full, when it is
	Items    []PlanItem
	Removed  []ManifestEntry
	Prev     *Manifest
	PrevDir  string
	Versions ManifestHeader // the versions this run extracts with
	// Counts.
	New, Changed, Unchanged int

	sources []extract.Source // the listing, in the order of Items
}

// Work is the documents to extract, in listing order.
func (p *Plan) Work() []extract.Source {
	if p.Unchanged == 0 && len(p.sources) == len(p.Items) {
		return p.sources // a full or first run: all of it, without a copy
	}
	w := make([]extract.Source, 0, p.New+p.Changed)
	for _, it := range p.Items {
		if it.Change != Unchanged {
			w = append(w, *it.Source)
		}
	}
	return w
}

// retryClasses are failures that depend on the machine or the moment, not
// on the file: they are retried every run. Every other failure (malformed,
// encrypted, encoding, no_text, unsupported, internal …) is deterministic
// for the same bytes, extractor and rules, so an unchanged failed document
// keeps its error row and is not retried until it or a version changes.
var retryClasses = map[string]bool{"io": true, "timeout": true, "memory": true, "limit": true}

// planRun compares the listing with the previous snapshot's manifest.
// Unchanged documents are decided by stat alone; a document whose size or
// mtime changed is hashed, and is unchanged if its bytes are.
func planRun(listing *extract.Listing, prevDir string, prev *Manifest, cur ManifestHeader, full bool) (*Plan, error) {
	p := &Plan{Prev: prev, PrevDir: prevDir, Versions: cur, Items: make([]PlanItem, 0, len(listing.Sources)), sources: listing.Sources}
	fullWhy := ""
	switch {
	case full:
		fullWhy = "--full"
	case prevDir == "":
		fullWhy = "no previous snapshot"
	case prev == nil:
		fullWhy = "the previous snapshot has no manifest"
	case prev.Header.SchemaVersion != cur.SchemaVersion:
		fullWhy = fmt.Sprintf("schema version %s → %s", prev.Header.SchemaVersion, cur.SchemaVersion)
	case !slices.Equal(prev.Header.Inputs, cur.Inputs):
		// Rows are ordered by listing order; other roots reorder it.
		fullWhy = "the input folders changed"
	}
	seen := make(map[string]bool, len(listing.Sources))
	for _, s := range listing.Sources {
		if seen[s.Rel] {
			// The same relative path under two roots: rows are keyed by
			// source, so the two cannot be told apart for carrying over.
			fullWhy = "two input folders hold " + s.Rel
			break
		}
		seen[s.Rel] = true
	}
	if fullWhy != "" {
		p.Full, p.Why = true, fullWhy
		var old map[string]bool
		if prev != nil {
			old = make(map[string]bool, len(prev.Entries))
			for _, e := range prev.Entries {
				old[e.Source] = true
			}
		}
		for i := range listing.Sources {
			s := &listing.Sources[i]
			it := PlanItem{Source: s, Change: New, Reason: "new"}
			if old[s.Rel] {
				it.Change, it.Reason = Changed, "full"
				p.Changed++
			} else {
				p.New++
			}
			p.Items = append(p.Items, it)
		}
		if prev != nil {
			for _, e := range prev.Entries {
				if !seen[e.Source] {
					p.Removed = append(p.Removed, e)
				}
			}
		}
		return p, nil
	}

	byRel := make(map[string]int, len(prev.Entries))
	for i, e := range prev.Entries {
		byRel[e.Source] = i
	}
	for j := range listing.Sources {
		s := &listing.Sources[j]
		it := PlanItem{Source: s}
		i, ok := byRel[s.Rel]
		if !ok {
			it.Change, it.Reason = New, "new"
			p.Items = append(p.Items, it)
			p.New++
			continue
		}
		e := &prev.Entries[i]
		it.Entry = e
		switch {
		case prev.Header.Rules != cur.Rules || prev.Header.Extractors[e.Format] != cur.Extractors[e.Format] ||
			prev.Header.Extractors[s.Format] != cur.Extractors[s.Format]:
			it.Change, it.Reason = Changed, "version"
		case e.Status == "failed" && (retryClasses[e.Class] || e.SHA256 == "" && (e.Size != s.Size || e.MTime != s.ModTime.UnixNano())):
			it.Change, it.Reason = Changed, "retry"
		case e.Size == s.Size && e.MTime == s.ModTime.UnixNano() && e.MTime < prev.Header.ListedAt-racyWindow:
			it.Change = Unchanged
		default:
			sum, err := hashFile(s.Path)
			if err != nil {
				// Unreadable now: re-extract, which records the error row.
				it.Change, it.Reason = Changed, "content"
			} else if sum == e.SHA256 {
				it.Change = Unchanged
				touched := *e // the previous manifest stays as read
				touched.Size, touched.MTime = s.Size, s.ModTime.UnixNano()
				it.Entry = &touched
			} else {
				it.Change, it.Reason = Changed, "content"
			}
		}
		if it.Change == Unchanged {
			p.Unchanged++
		} else {
			p.Changed++
		}
		p.Items = append(p.Items, it)
	}
	for _, e := range prev.Entries {
		if !seen[e.Source] {
			p.Removed = append(p.Removed, e)
		}
	}
	return p, nil
}

func hashFile(path string) (string, error) {
	f, err := os.Open(path)
	if err != nil {
		return "", err
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return "", err
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

// currentVersions is the header of the manifest this run will write.
func currentVersions(cfg *RunConfig, runID string) (ManifestHeader, error) {
	rules, err := RulesFingerprint(cfg.RulesFile)
	if err != nil {
		return ManifestHeader{}, err
	}
	ins := make([]string, len(cfg.Inputs))
	for i, in := range cfg.Inputs {
		abs, err := filepath.Abs(in)
		if err != nil {
			return ManifestHeader{}, fmt.Errorf("input %s: %w", in, err)
		}
		ins[i] = abs
	}
	exts := make(map[string]string, len(ExtractorVersions))
	keys := make([]string, 0, len(ExtractorVersions))
	for k := range ExtractorVersions {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		exts[k] = ExtractorVersions[k] + "+" + buildFingerprint()
	}
	mfb := cfg.MaxFileBytes
	return ManifestHeader{
		Format: manifestFormat, RunID: runID, SchemaVersion: transform.SchemaVersion,
		Rules: rules, Extractors: exts, Inputs: ins, MaxFileBytes: mfb,
	}, nil
}

// fastEntry decodes an entry line exactly as WriteManifest writes it (keys
// in struct order, no escapes in strings) about ten times faster than
// encoding/json: at 100,000 documents that is most of a no-change run.
// Anything else returns false and goes through encoding/json.
func fastEntry(line []byte) (ManifestEntry, bool) {
	var e ManifestEntry
	b := bytes.TrimRight(line, "\r\n")
	str := func(key string) (string, bool) {
		if !bytes.HasPrefix(b, []byte(`"`+key+`":"`)) {
			return "", false
		}
		b = b[len(key)+4:]
		i := bytes.IndexByte(b, '"')
		if i < 0 || bytes.IndexByte(b[:i], '\\') >= 0 {
			return "", false
		}
		v := string(b[:i])
		b = b[i+1:]
		return v, true
	}
	num := func(key string) (int64, bool) {
		if !bytes.HasPrefix(b, []byte(`"`+key+`":`)) {
			return 0, false
		}
		b = b[len(key)+3:]
		i := 0
		for i < len(b) && (b[i] == '-' || b[i] >= '0' && b[i] <= '9') {
			i++
		}
		v, err := strconv.ParseInt(string(b[:i]), 10, 64)
		b = b[i:]
		return v, err == nil
	}
	sep := func(c byte) bool {
		if len(b) == 0 || b[0] != c {
			return false
		}
		b = b[1:]
		return true
	}
	var ok bool
	if !sep('{') {
		return e, false
	}
	if e.Source, ok = str("source"); !ok || !sep(',') {
		return e, false
	}
	if e.Size, ok = num("size"); !ok || !sep(',') {
		return e, false
	}
	if e.MTime, ok = num("mtime_ns"); !ok || !sep(',') {
		return e, false
	}
	if bytes.HasPrefix(b, []byte(`"sha256"`)) {
		if e.SHA256, ok = str("sha256"); !ok || !sep(',') {
			return e, false
		}
	}
	if e.Format, ok = str("format"); !ok || !sep(',') {
		return e, false
	}
	if e.Status, ok = str("status"); !ok {
		return e, false
	}
	if sep(',') {
		if e.Class, ok = str("class"); !ok {
			return e, false
		}
	}
	return e, sep('}') && len(b) == 0
}
