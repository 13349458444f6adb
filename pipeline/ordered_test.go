package pipeline_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/reportetl/reportetl/pipeline"
)

func TestOrderedKeepsOrderAndStopsOnError(t *testing.T) {
	var got []int
	err := pipeline.Ordered(context.Background(), 200, 4, func(i int) int {
		if i%7 == 0 {
			time.Sleep(time.Millisecond) // finish out of order
		}
		return i * i
	}, func(i, r int) error {
		if r != i*i || i != len(got) {
			t.Fatalf("emit(%d, %d) after %d items", i, r, len(got))
		}
		got = append(got, i)
		return nil
	})
	if err != nil || len(got) != 200 {
		t.Fatalf("err %v, %d items", err, len(got))
	}
	stop := errors.New("sink full")
	n := 0
	err = pipeline.Ordered(context.Background(), 100, 3, func(i int) int { return i }, func(i, _ int) error {
		n++
		if i == 10 {
			return stop
		}
		return nil
	})
	if !errors.Is(err, stop) || n != 11 {
		t.Fatalf("after an emit error: err %v, %d emitted, want 11", err, n)
	}
}
