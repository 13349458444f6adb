package jobs

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/reportetl/reportetl/transform"
)

// writeMetrics writes a Prometheus textfile-collector file (node_exporter
// --collector.textfile.directory) describing the run that just ended. It is
// written to a temporary file in the same directory, fsynced and renamed,
// so the collector never reads half a file. The last success time comes
// from the run journal, so it survives failed runs.
func writeMetrics(path, out string, row transform.RunRow, sum *Summary, exitCode int) error {
	var lastOK time.Time
	if runs, err := readJournal(out); err == nil {
		for _, r := range runs {
			if (r.Status == "ok" || r.Status == "partial") && r.FinishedAt.After(lastOK) {
				lastOK = r.FinishedAt
			}
		}
	}
	var b bytes.Buffer
	gauge := func(name, help string) {
		fmt.Fprintf(&b, "# HELP %s %s\n# TYPE %s gauge\n", name, help, name)
	}
	ts := func(t time.Time) float64 {
		if t.IsZero() {
			return 0
		}
		return float64(t.UnixMilli()) / 1000
	}
	lbl := fmt.Sprintf(`out=%q`, out)

	gauge("reportetl_last_run_timestamp_seconds", "When the last run finished (Unix time).")
	fmt.Fprintf(&b, "reportetl_last_run_timestamp_seconds{%s} %.3f\n", lbl, ts(row.FinishedAt))
	gauge("reportetl_last_success_timestamp_seconds", "When the last run that published a snapshot finished (Unix time; 0 = never).")
	fmt.Fprintf(&b, "reportetl_last_success_timestamp_seconds{%s} %.3f\n", lbl, ts(lastOK))
	gauge("reportetl_last_run_exit_code", "Exit code of the last run (0 ok, 1 failed, 3 some documents failed).")
	fmt.Fprintf(&b, "reportetl_last_run_exit_code{%s} %d\n", lbl, exitCode)
	gauge("reportetl_last_run_status", "1 for the status of the last run (ok, partial, failed).")
	for _, s := range []string{"ok", "partial", "failed"} {
		v := 0
		if row.Status == s {
			v = 1
		}
		fmt.Fprintf(&b, "reportetl_last_run_status{%s,status=%q} %d\n", lbl, s, v)
	}
	gauge("reportetl_last_run_duration_seconds", "Duration of the last run per stage (extract and transform summed over workers).")
	for _, d := range []struct {
		stage string
		ms    int64
	}{{"discover", row.DiscoverMS}, {"extract", row.ExtractMS}, {"transform", row.TransformMS}, {"load", row.LoadMS}, {"publish", row.PublishMS}, {"total", row.TotalMS}} {
		fmt.Fprintf(&b, "reportetl_last_run_duration_seconds{%s,stage=%q} %.3f\n", lbl, d.stage, float64(d.ms)/1000)
	}
	gauge("reportetl_last_run_documents", "Documents of the last run by what happened to them.")
	if sum != nil {
		for _, c := range []struct {
			k string
			v int
		}{{"seen", sum.Seen}, {"new", sum.New}, {"changed", sum.Changed}, {"unchanged", sum.Unchanged},
			{"removed", sum.Removed}, {"processed", sum.Docs}, {"failed", sum.Failed}, {"carried_failed", sum.CarriedFailed}} {
			fmt.Fprintf(&b, "reportetl_last_run_documents{%s,change=%q} %d\n", lbl, c.k, c.v)
		}
		gauge("reportetl_last_run_facts", "Facts extracted by the last run (from processed documents).")
		fmt.Fprintf(&b, "reportetl_last_run_facts{%s} %d\n", lbl, sum.Facts)
	}
	return writeFileAtomic(path, b.Bytes())
}

// writeFileAtomic replaces path with data in one rename.
func writeFileAtomic(path string, data []byte) error {
	dir := filepath.Dir(path)
	f, err := os.CreateTemp(dir, "."+filepath.Base(path)+".tmp-*")
	if err != nil {
		return err
	}
	tmp := f.Name()
	_, err = f.Write(data)
	if err == nil {
		err = f.Chmod(0o644)
	}
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp, path)
	}
	if err != nil {
		os.Remove(tmp)
		return err
	}
	if d, err := os.Open(dir); err == nil {
		d.Sync()
		d.Close()
	}
	return nil
}
