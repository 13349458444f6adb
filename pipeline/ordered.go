package pipeline

import (
	"context"
	"sync"
)

// Window bounds what Ordered keeps in flight: items started and not yet
// emitted (running, or done and waiting for an earlier one).
type Window struct {
	// Items is the most items in flight (default workers×4).
	Items int
	// Weight is an item's cost in memory (the pipeline uses a document's
	// size); nil means every item weighs nothing.
	Weight func(i int) int64
	// MaxWeight is the most weight in flight. An item heavier than that
	// still runs, alone, so one huge document cannot stall the run.
	MaxWeight int64
}

// Ordered runs work(i) for i in [0, n) on `workers` goroutines and hands
// the results to emit in index order, on the calling goroutine, with at
// most workers×4 items in flight: a slow item holds back emission, never
// memory. After ctx is done no new item starts; after emit fails no further
// item is emitted. It returns emit's error.
func Ordered[T any](ctx context.Context, n, workers int, work func(i int) T, emit func(i int, r T) error) error {
	return OrderedWindow(ctx, n, workers, Window{}, work, emit)
}

// OrderedWindow is Ordered with an explicit window. A wide window keeps the
// workers busy while emit is slow now and then (the writer encoding a
// Parquet row group); the weight bound keeps a run of big items from
// holding their memory all at once.
func OrderedWindow[T any](ctx context.Context, n, workers int, win Window, work func(i int) T, emit func(i int, r T) error) error {
	if workers < 1 {
		workers = 1
	}
	if win.Items < 1 {
		win.Items = workers * 4
	}
	weight := func(i int) int64 {
		if win.Weight == nil || win.MaxWeight <= 0 {
			return 0
		}
		return win.Weight(i)
	}
	// Weight is taken in index order by the feeder and given back by emit,
	// so the earliest unemitted item always holds its share: no deadlock.
	var (
		mu     sync.Mutex
		freed  = sync.NewCond(&mu)
		weighs int64
	)
	take := func(w int64) {
		mu.Lock()
		for weighs > 0 && weighs+w > win.MaxWeight {
			freed.Wait()
		}
		weighs += w
		mu.Unlock()
	}
	give := func(w int64) {
		mu.Lock()
		weighs -= w
		mu.Unlock()
		freed.Broadcast()
	}

	type item struct {
		i int
		r T
	}
	idx := make(chan int)
	// Room for every item in flight: emit runs on this goroutine, so while
	// it is busy (the writer encoding a row group) finished items must have
	// somewhere to wait, or the workers stall on the send and a core idles.
	// The tokens already bound how many there can be.
	results := make(chan item, win.Items)
	tokens := make(chan struct{}, win.Items)
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range idx {
				results <- item{i, work(i)}
			}
		}()
	}
	go func() {
		defer close(idx)
		for i := 0; i < n; i++ {
			select {
			case tokens <- struct{}{}:
			case <-ctx.Done():
				return
			}
			if w := weight(i); w > 0 {
				take(w) // returns: items in flight finish and give theirs back
			}
			select {
			case idx <- i:
			case <-ctx.Done():
				return
			}
		}
	}()
	go func() { wg.Wait(); close(results) }()

	pending := map[int]T{}
	next := 0
	var err error
	for it := range results {
		pending[it.i] = it.r
		for {
			r, ok := pending[next]
			if !ok {
				break
			}
			delete(pending, next)
			if err == nil {
				err = emit(next, r)
			}
			if w := weight(next); w > 0 {
				give(w)
			}
			<-tokens
			next++
		}
	}
	return err
}
