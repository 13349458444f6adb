package pipeline_test

import (
	"context"
	"errors"
	"fmt"
	"sync"
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

// TestOrderedWindowBoundsWeight: the weight in flight never exceeds the
// bound, except for one item heavier than the bound, which runs alone; the
// order holds and every item is emitted.
func TestOrderedWindowBoundsWeight(t *testing.T) {
	weights := []int64{3, 3, 3, 10, 1, 1, 1, 1, 4, 4, 4, 2}
	var mu sync.Mutex
	var inFlight, maxSeen int64
	alone := true
	running := 0
	win := pipeline.Window{Items: 8, Weight: func(i int) int64 { return weights[i] }, MaxWeight: 6}
	var got []int
	err := pipeline.OrderedWindow(context.Background(), len(weights), 4, win, func(i int) int {
		mu.Lock()
		inFlight += weights[i]
		running++
		if inFlight > maxSeen && weights[i] <= 6 {
			maxSeen = inFlight
		}
		if weights[i] > 6 && running > 1 {
			alone = false
		}
		mu.Unlock()
		time.Sleep(2 * time.Millisecond)
		return i
	}, func(i, r int) error {
		mu.Lock()
		inFlight -= weights[i]
		running--
		mu.Unlock()
		got = append(got, r)
		return nil
	})
	if err != nil || len(got) != len(weights) {
		t.Fatalf("err %v, emitted %v", err, got)
	}
	for i, r := range got {
		if r != i {
			t.Fatalf("emitted out of order: %v", got)
		}
	}
	if maxSeen > 6 {
		t.Errorf("weight in flight reached %d, bound 6", maxSeen)
	}
	if !alone {
		t.Error("the item heavier than the bound ran beside others")
	}
}

// While emit is busy (the writer encoding a row group), the workers must go
// on with the rest of the window instead of waiting for emit to take their
// results: with 2 workers and a window of 16, all 16 items are worked while
// emit still holds the first one.
func TestOrderedWorksTheWindowWhileEmitIsBusy(t *testing.T) {
	const window = 16
	var mu sync.Mutex
	worked := 0
	allWorked := make(chan struct{})
	err := pipeline.OrderedWindow(context.Background(), window, 2, pipeline.Window{Items: window}, func(i int) int {
		mu.Lock()
		defer mu.Unlock()
		if worked++; worked == window {
			close(allWorked)
		}
		return i
	}, func(i, _ int) error {
		if i == 0 {
			select {
			case <-allWorked:
			case <-time.After(10 * time.Second): // a stall, not a speed limit
				mu.Lock()
				defer mu.Unlock()
				return fmt.Errorf("workers stalled behind a busy emit: %d of %d items worked", worked, window)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}
