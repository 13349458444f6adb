//go:build !linux

package pipeline

import (
	"os"
	"time"
)

func openRead(path string) (docFile, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	return osFile{f}, nil
}

type osFile struct{ *os.File }

func (f osFile) stat() (int64, time.Time, error) {
	fi, err := f.Stat()
	if err != nil {
		return 0, time.Time{}, err
	}
	return fi.Size(), fi.ModTime(), nil
}
