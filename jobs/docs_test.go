package jobs_test

import (
	"bytes"
	"errors"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"

	"github.com/reportetl/reportetl/jobs"
)

// The systemd units in docs/ pass `systemd-analyze verify` (where systemd
// is installed), start the command a real install would, and use a config
// file that loads.
func TestDocsSystemdUnits(t *testing.T) {
	svc, err := os.ReadFile("../docs/systemd/reportetl.service")
	if err != nil {
		t.Fatal(err)
	}
	timer, err := os.ReadFile("../docs/systemd/reportetl.timer")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(svc), "ExecStart=/usr/local/bin/reportetl run --config /etc/reportetl/reportetl.toml") {
		t.Error("reportetl.service does not start `reportetl run --config /etc/reportetl/reportetl.toml`")
	}
	if !strings.Contains(string(svc), "SuccessExitStatus=3 75") {
		t.Error("reportetl.service must treat exit 3 and 75 as success")
	}
	if _, err := jobs.LoadConfig("../docs/systemd/reportetl.toml"); err != nil {
		t.Errorf("docs/systemd/reportetl.toml: %v", err)
	}
	analyze, err := exec.LookPath("systemd-analyze")
	if err != nil {
		t.Skip("systemd-analyze not installed; unit syntax not verified")
	}
	// verify checks that ExecStart exists: point it at a real executable.
	dir := t.TempDir()
	bin := filepath.Join(dir, "reportetl")
	os.WriteFile(bin, []byte("#!/bin/sh\n"), 0o755)
	os.WriteFile(filepath.Join(dir, "reportetl.service"), bytes.ReplaceAll(svc, []byte("/usr/local/bin/reportetl"), []byte(bin)), 0o644)
	os.WriteFile(filepath.Join(dir, "reportetl.timer"), timer, 0o644)
	cmd := exec.Command(analyze, "verify", filepath.Join(dir, "reportetl.service"), filepath.Join(dir, "reportetl.timer"))
	out, err := cmd.CombinedOutput()
	// verify also reports problems of unrelated units on the host (and,
	// in containers without systemd as PID 1, its own bus); only lines
	// naming our units count.
	var ours []string
	for _, l := range strings.Split(string(out), "\n") {
		if strings.Contains(l, "reportetl.") {
			ours = append(ours, l)
		}
	}
	if len(ours) > 0 {
		t.Errorf("systemd-analyze verify (%v):\n%s", err, strings.Join(ours, "\n"))
	}
}

// The Kubernetes example parses, is a CronJob with a valid schedule that
// forbids concurrent runs, and runs `reportetl run` with a config that loads.
func TestDocsKubernetesCronJob(t *testing.T) {
	b, err := os.ReadFile("../docs/kubernetes/cronjob.yaml")
	if err != nil {
		t.Fatal(err)
	}
	dec := yaml.NewDecoder(bytes.NewReader(b))
	kinds := map[string]map[string]any{}
	for {
		var doc map[string]any
		err := dec.Decode(&doc)
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			t.Fatalf("cronjob.yaml: %v", err)
		}
		kinds[doc["kind"].(string)] = doc
	}
	cj := kinds["CronJob"]
	if cj == nil || cj["apiVersion"] != "batch/v1" {
		t.Fatalf("no batch/v1 CronJob in cronjob.yaml: %v", kinds)
	}
	spec := cj["spec"].(map[string]any)
	if _, err := jobs.CronParser.Parse(spec["schedule"].(string)); err != nil {
		t.Errorf("schedule: %v", err)
	}
	if spec["concurrencyPolicy"] != "Forbid" {
		t.Errorf("concurrencyPolicy %v, want Forbid", spec["concurrencyPolicy"])
	}
	pod := spec["jobTemplate"].(map[string]any)["spec"].(map[string]any)["template"].(map[string]any)["spec"].(map[string]any)
	if pod["restartPolicy"] != "Never" {
		t.Errorf("restartPolicy %v, want Never (podFailurePolicy needs it)", pod["restartPolicy"])
	}
	c := pod["containers"].([]any)[0].(map[string]any)
	args := c["args"].([]any)
	if len(args) < 3 || args[0] != "run" || args[1] != "--config" {
		t.Errorf("container args %v, want run --config FILE", args)
	}
	cm := kinds["ConfigMap"]
	if cm == nil {
		t.Fatal("no ConfigMap with the config file")
	}
	conf := cm["data"].(map[string]any)["reportetl.yaml"].(string)
	p := filepath.Join(t.TempDir(), "reportetl.yaml")
	os.WriteFile(p, []byte(conf), 0o644)
	if _, err := jobs.LoadConfig(p); err != nil {
		t.Errorf("ConfigMap reportetl.yaml: %v", err)
	}
}
