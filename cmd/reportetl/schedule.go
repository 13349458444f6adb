package main

import (
	"context"
	"errors"
	"log/slog"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/robfig/cron/v3"
	"github.com/spf13/cobra"

	"github.com/reportetl/reportetl/jobs"
)

func newScheduleCmd() *cobra.Command {
	var (
		o      runOpts
		spec   string
		runNow bool
	)
	c := &cobra.Command{
		Use:   `schedule --cron "0 2 * * *" [--run-now] [run flags]`,
		Short: "Run the nightly job in the foreground on a cron schedule (for hosts without cron)",
		Long: `schedule stays in the foreground and runs the same job as 'reportetl run' at the times
of --cron (or the config file's schedule key): five fields, minute hour day-of-month
month day-of-week, in the local time zone unless prefixed with CRON_TZ=Area/City;
descriptors such as @daily or "@every 6h" work too. A run that is still going when
the next time comes is not started twice (the next time is skipped and logged).
--run-now also runs once at start.

It logs every run (JSON when stderr is not a terminal) and, with --metrics-file,
updates the metrics file after each. SIGINT/SIGTERM stop it: a run in progress is
interrupted without publishing anything (the previous snapshot stays current) and
the scheduler exits 0. Under systemd or Kubernetes prefer their timers (docs/).

Exit codes:
  0   stopped by SIGINT/SIGTERM
  2   usage error (no or invalid --cron, bad flags or config file)`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			cfg, fc, err := o.resolve(cmd)
			if err != nil {
				return err
			}
			if spec == "" && fc != nil {
				spec = fc.Schedule
			}
			if spec == "" {
				return usageErr(`--cron is required (e.g. --cron "0 2 * * *"), or a schedule key in --config`)
			}
			sched, err := jobs.CronParser.Parse(spec)
			if err != nil {
				return usageErr("--cron %q: %v (want 5 fields: minute hour day-of-month month day-of-week, e.g. \"0 2 * * *\")", spec, err)
			}
			level := slog.LevelInfo
			if fc != nil && fc.LogLevel != "" {
				level.UnmarshalText([]byte(fc.LogLevel))
			}
			log := newLogger(level)
			ctx, stop := signal.NotifyContext(cmd.Context(), os.Interrupt, syscall.SIGTERM)
			defer stop()

			job := func() {
				start := time.Now()
				log.Info("scheduled run starting", "out", cfg.Out)
				err := runOnce(ctx, cmd.OutOrStdout(), cfg, true)
				code := 0
				var ee *exitError
				if errors.As(err, &ee) {
					code = ee.code
				}
				lvl := slog.LevelInfo
				if code != 0 {
					lvl = slog.LevelError
				}
				log.Log(context.Background(), lvl, "scheduled run finished", "exit_code", code, "err", errString(err),
					"duration_ms", time.Since(start).Milliseconds(), "next", sched.Next(time.Now()).Format(time.RFC3339))
			}
			cr := cron.New(cron.WithParser(jobs.CronParser), cron.WithChain(cron.SkipIfStillRunning(cronLogger{log})))
			if _, err := cr.AddFunc(spec, job); err != nil {
				return usageErr("--cron %q: %v", spec, err)
			}
			log.Info("scheduler started", "cron", spec, "next", sched.Next(time.Now()).Format(time.RFC3339), "run_now", runNow)
			if runNow {
				job()
			}
			cr.Start()
			<-ctx.Done()
			log.Info("stopping: waiting for a run in progress to abandon its work")
			<-cr.Stop().Done()
			log.Info("scheduler stopped")
			return nil
		},
	}
	o.addFlags(c.Flags())
	c.Flags().StringVar(&spec, "cron", "", `when to run: "minute hour day month weekday" (e.g. "0 2 * * *"), @daily, "@every 6h"`)
	c.Flags().BoolVar(&runNow, "run-now", false, "also run once immediately at start")
	return c
}

func errString(err error) string {
	if err == nil {
		return ""
	}
	return err.Error()
}

// cronLogger adapts slog to robfig/cron's logger (used for skipped runs).
type cronLogger struct{ l *slog.Logger }

func (c cronLogger) Info(msg string, kv ...any) { c.l.Info("cron: "+msg, kv...) }
func (c cronLogger) Error(err error, msg string, kv ...any) {
	c.l.Error("cron: "+msg, append(kv, "err", err)...)
}
