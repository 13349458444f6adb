//go:build !linux

package extract

import "syscall"

// pdeathsig: elsewhere a worker exits when its request pipe closes.
func pdeathsig() *syscall.SysProcAttr { return nil }
