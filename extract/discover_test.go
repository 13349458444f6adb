package extract

import (
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
)

// listingLines renders a listing as "kind rel detail" lines in its order,
// the order runs report and extract documents in.
func listingLines(l *Listing) []string {
	var out []string
	for _, s := range l.Sources {
		out = append(out, fmt.Sprintf("source %s %s %d", s.Rel, s.Format, s.Size))
	}
	for _, s := range l.Skipped {
		out = append(out, "skipped "+s.Rel+" "+s.Reason)
	}
	for _, f := range l.Failed {
		out = append(out, "failed "+f.Source.Rel+" "+f.Err.Class)
	}
	return out
}

// Discover lists in lexical order whatever the number of files (the stats
// run on several goroutines), files every entry with the right reason, and
// gives the same listing for a relative root as for its absolute path.
func TestDiscoverListing(t *testing.T) {
	dir := t.TempDir()
	root := filepath.Join(dir, "in")
	write := func(rel, body string) {
		p := filepath.Join(root, filepath.FromSlash(rel))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	var want []string
	// More files than one stat chunk, in two folders, so the parallel
	// stats must be put back in walk order.
	for i := range 700 {
		rel := fmt.Sprintf("a/r%04d.txt", i)
		write(rel, strings.Repeat("x", i%7))
		want = append(want, fmt.Sprintf("source %s txt %d", rel, i%7))
	}
	write("b/report.PDF", "%PDF-1.4")
	write("b/notes.docx", "zip")
	write("b/.hidden.txt", "h")
	write(".git/config.txt", "in a hidden folder: not listed at all")
	write("outside.txt", "the symlinks' targets")
	if err := os.Symlink(filepath.Join(root, "outside.txt"), filepath.Join(root, "b", "link.txt")); err != nil {
		t.Fatal(err)
	}
	want = append(want, "source b/report.PDF pdf 8", "source outside.txt txt 21",
		"skipped b/.hidden.txt hidden file",
		"skipped b/link.txt symlink (not followed; use --follow-symlinks)",
		"skipped b/notes.docx unknown file type .docx")

	l, err := Discover([]string{root}, DiscoverOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if got := listingLines(l); !reflect.DeepEqual(got, want) {
		t.Fatalf("listing:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}

	// A relative root lists the same files, with paths that open them.
	wd, _ := os.Getwd()
	t.Cleanup(func() { os.Chdir(wd) })
	if err := os.Chdir(dir); err != nil {
		t.Fatal(err)
	}
	rl, err := Discover([]string{"in"}, DiscoverOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if got := listingLines(rl); !reflect.DeepEqual(got, want) {
		t.Fatalf("relative root: listing differs:\n%s", strings.Join(got, "\n"))
	}
	if p := rl.Sources[0].Path; p != filepath.Join("in", "a", "r0000.txt") {
		t.Errorf("relative root: Path %q", p)
	}

	// Followed, the symlink is the same file as outside.txt: listed once.
	fl, err := Discover([]string{root}, DiscoverOptions{FollowSymlinks: true})
	if err != nil {
		t.Fatal(err)
	}
	got := listingLines(fl)
	if !slices.Contains(got, "source b/link.txt txt 21") || !slices.Contains(got, "skipped outside.txt same file already listed under another root") {
		t.Errorf("followed symlink: %v", got[len(got)-6:])
	}
}
