package jobs_test

import (
	"bufio"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/reportetl/reportetl/jobs"
)

// Every file in testdata/config states on its first line what loading it
// must say: "# want: <substring of the error>" (empty for *.good.*).
func TestConfigFiles(t *testing.T) {
	files, _ := filepath.Glob("testdata/config/*")
	if len(files) < 10 {
		t.Fatalf("only %d config fixtures", len(files))
	}
	for _, p := range files {
		t.Run(filepath.Base(p), func(t *testing.T) {
			f, err := os.Open(p)
			if err != nil {
				t.Fatal(err)
			}
			sc := bufio.NewScanner(f)
			sc.Scan()
			f.Close()
			want, ok := strings.CutPrefix(sc.Text(), "# want:")
			if !ok {
				t.Fatalf("first line %q does not start with '# want:'", sc.Text())
			}
			want = strings.TrimSpace(want)
			_, err = jobs.LoadConfig(p)
			good := strings.Contains(filepath.Base(p), ".good.")
			switch {
			case good && err != nil:
				t.Errorf("%v", err)
			case !good && err == nil:
				t.Errorf("loaded without error, want %q", want)
			case !good && !strings.Contains(err.Error(), want):
				t.Errorf("error %q\ndoes not contain %q", err, want)
			case !good && !strings.Contains(err.Error(), p):
				t.Errorf("error %q does not name the file", err)
			}
		})
	}
}

// File settings apply unless the flag was given; relative paths are
// relative to the config file.
func TestConfigApply(t *testing.T) {
	fc, err := jobs.LoadConfig("testdata/config/nightly.good.toml")
	if err != nil {
		t.Fatal(err)
	}
	cfg := jobs.RunConfig{Workers: 7}
	fc.Apply(&cfg, func(flag string) bool { return flag == "workers" })
	want := jobs.RunConfig{
		Inputs: []string{filepath.Join("testdata/config", "archive/reports"), "/srv/more"}, Out: "/srv/reportetl/out",
		Workers: 7, Keep: 5, MaxFileBytes: 32 << 20, RulesFile: filepath.Join("testdata/config", "rules.yaml"),
		MetricsFile: "/var/lib/node_exporter/textfile/reportetl.prom",
	}
	if !reflect.DeepEqual(cfg, want) {
		t.Errorf("applied config\n%+v\nwant\n%+v", cfg, want)
	}
	if fc.Schedule != "0 2 * * *" || fc.LogLevel != "info" {
		t.Errorf("schedule %q log_level %q", fc.Schedule, fc.LogLevel)
	}
	if err := cfg.Validate(); err != nil {
		t.Error(err)
	}
}
