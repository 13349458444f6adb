package pipeline

import (
	"context"
	"sync"
)

// Ordered runs work(i) for i in [0, n) on `workers` goroutines and hands
// the results to emit in index order, on the calling goroutine. At most
// workers×4 items are in flight or waiting for an earlier one: a slow item
// holds back emission, never memory. After ctx is done no new item starts;
// after emit fails no further item is emitted. It returns emit's error.
func Ordered[T any](ctx context.Context, n, workers int, work func(i int) T, emit func(i int, r T) error) error {
	if workers < 1 {
		workers = 1
	}
	type item struct {
		i int
		r T
	}
	idx := make(chan int)
	results := make(chan item, workers)
	tokens := make(chan struct{}, workers*4)
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
			<-tokens
			if err == nil {
				err = emit(next, r)
			}
			next++
		}
	}
	return err
}
