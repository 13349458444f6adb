package jobs

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/BurntSushi/toml"
	"github.com/robfig/cron/v3"
	"gopkg.in/yaml.v3"
)

// FileConfig is the nightly job's configuration file (--config), TOML
// (.toml) or YAML (.yaml, .yml), with the same names as the flags:
//
//	in             = ["/srv/archive/reports"]   # input folders, in order
//	out            = "/srv/reportetl/out"
//	workers        = 0                          # 0 = one per CPU, plus one
//	keep           = 3                          # published snapshots kept (≥ 2)
//	max_file_bytes = 67108864                   # 0 = default (64 MiB)
//	follow_symlinks = false
//	rules          = "/etc/reportetl/rules.yaml"
//	metrics_file   = "/var/lib/node_exporter/textfile/reportetl.prom"
//	log_level      = "info"                     # debug, info, warn, error
//	schedule       = "0 2 * * *"                # for `reportetl schedule`
//
// Relative paths are relative to the config file's folder. Unknown keys
// are errors (a misspelt key must not silently fall back to a default).
// Flags given on the command line override the file.
type FileConfig struct {
	In             []string `toml:"in" yaml:"in"`
	Out            string   `toml:"out" yaml:"out"`
	Workers        *int     `toml:"workers" yaml:"workers"`
	Keep           *int     `toml:"keep" yaml:"keep"`
	MaxFileBytes   *int64   `toml:"max_file_bytes" yaml:"max_file_bytes"`
	FollowSymlinks *bool    `toml:"follow_symlinks" yaml:"follow_symlinks"`
	Full           *bool    `toml:"full" yaml:"full"`
	Rules          string   `toml:"rules" yaml:"rules"`
	MetricsFile    string   `toml:"metrics_file" yaml:"metrics_file"`
	LogLevel       string   `toml:"log_level" yaml:"log_level"`
	Schedule       string   `toml:"schedule" yaml:"schedule"`
}

// LoadConfig reads and validates a config file. Messages name the file and
// the key.
func LoadConfig(path string) (*FileConfig, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("config: %w", err)
	}
	var fc FileConfig
	switch ext := strings.ToLower(filepath.Ext(path)); ext {
	case ".toml":
		md, err := toml.Decode(string(b), &fc)
		if err != nil {
			return nil, fmt.Errorf("config %s: %w", path, err)
		}
		if und := md.Undecoded(); len(und) > 0 {
			return nil, fmt.Errorf("config %s: unknown key %q (known: %s)", path, und[0].String(), knownKeys)
		}
	case ".yaml", ".yml":
		dec := yaml.NewDecoder(bytes.NewReader(b))
		dec.KnownFields(true)
		if err := dec.Decode(&fc); err != nil && !errors.Is(err, io.EOF) {
			msg := err.Error()
			if strings.Contains(msg, "not found in type") {
				msg = strings.Replace(msg, "not found in type jobs.FileConfig", "is not a known key (known: "+knownKeys+")", 1)
			}
			return nil, fmt.Errorf("config %s: %s", path, msg)
		}
	default:
		return nil, fmt.Errorf("config %s: unknown format %q: use .toml, .yaml or .yml", path, ext)
	}
	if err := fc.validate(); err != nil {
		return nil, fmt.Errorf("config %s: %w", path, err)
	}
	fc.resolve(filepath.Dir(path))
	return &fc, nil
}

const knownKeys = "in, out, workers, keep, max_file_bytes, follow_symlinks, full, rules, metrics_file, log_level, schedule"

// CronParser is the schedule syntax: five fields (minute hour day month
// weekday) or a descriptor such as @daily or @every 6h.
var CronParser = cron.NewParser(cron.Minute | cron.Hour | cron.Dom | cron.Month | cron.Dow | cron.Descriptor)

func (fc *FileConfig) validate() error {
	for i, in := range fc.In {
		if strings.TrimSpace(in) == "" {
			return fmt.Errorf("in[%d] is empty; give an input folder", i)
		}
	}
	if fc.Workers != nil && *fc.Workers < 0 {
		return fmt.Errorf("workers must be ≥ 0 (0 = one per CPU, plus one), got %d", *fc.Workers)
	}
	if fc.Keep != nil && *fc.Keep < 2 {
		return fmt.Errorf("keep must be ≥ 2 so readers of the previous snapshot keep their files, got %d", *fc.Keep)
	}
	if fc.MaxFileBytes != nil && *fc.MaxFileBytes < 0 {
		return fmt.Errorf("max_file_bytes must be ≥ 0 (0 = 64 MiB), got %d", *fc.MaxFileBytes)
	}
	switch fc.LogLevel {
	case "", "debug", "info", "warn", "error":
	default:
		return fmt.Errorf("log_level must be debug, info, warn or error, got %q", fc.LogLevel)
	}
	if fc.Schedule != "" {
		if _, err := CronParser.Parse(fc.Schedule); err != nil {
			return fmt.Errorf("schedule %q: %w (want 5 fields: minute hour day-of-month month day-of-week, e.g. \"0 2 * * *\")", fc.Schedule, err)
		}
	}
	if fc.Out != "" && strings.TrimSpace(fc.Out) == "" {
		return errors.New("out is blank")
	}
	return nil
}

func (fc *FileConfig) resolve(dir string) {
	abs := func(p string) string {
		if p == "" || filepath.IsAbs(p) {
			return p
		}
		return filepath.Join(dir, p)
	}
	for i := range fc.In {
		fc.In[i] = abs(fc.In[i])
	}
	fc.Out, fc.Rules, fc.MetricsFile = abs(fc.Out), abs(fc.Rules), abs(fc.MetricsFile)
}

// Apply copies the file's settings into cfg, except those whose flag was
// given on the command line (set reports whether a flag was).
func (fc *FileConfig) Apply(cfg *RunConfig, set func(flag string) bool) {
	if len(fc.In) > 0 && !set("in") {
		cfg.Inputs = append([]string(nil), fc.In...)
	}
	if fc.Out != "" && !set("out") {
		cfg.Out = fc.Out
	}
	if fc.Workers != nil && !set("workers") {
		cfg.Workers = *fc.Workers
	}
	if fc.Keep != nil && !set("keep") {
		cfg.Keep = *fc.Keep
	}
	if fc.MaxFileBytes != nil && !set("max-file-bytes") {
		cfg.MaxFileBytes = *fc.MaxFileBytes
	}
	if fc.FollowSymlinks != nil && !set("follow-symlinks") {
		cfg.FollowSymlinks = *fc.FollowSymlinks
	}
	if fc.Full != nil && !set("full") {
		cfg.Full = *fc.Full
	}
	if fc.Rules != "" && !set("rules") {
		cfg.RulesFile = fc.Rules
	}
	if fc.MetricsFile != "" && !set("metrics-file") {
		cfg.MetricsFile = fc.MetricsFile
	}
}
