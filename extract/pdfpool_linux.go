package extract

import "syscall"

// pdeathsig kills a worker when the process that started it dies, so a
// crashed or killed run leaves no workers behind.
func pdeathsig() *syscall.SysProcAttr {
	return &syscall.SysProcAttr{Pdeathsig: syscall.SIGKILL}
}
