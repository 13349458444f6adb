package pipeline

import (
	"context"
	"fmt"
	"os"
	"path/filepath"

	"github.com/reportetl/reportetl/extract"
	"github.com/reportetl/reportetl/transform"
	"github.com/reportetl/reportetl/transform/facts"
)

// Explanation is one document run through the stages, with the numbers the
// rules rejected: what `reportetl explain` prints.
type Explanation struct {
	Path    string
	Result  *transform.Result
	Rejects []facts.Reject
}

// ExplainFile processes one file exactly as a run does (same limits, same
// extractors, same rules) without writing anything.
func ExplainFile(ctx context.Context, path string, rules *facts.Engine) (*Explanation, error) {
	fi, err := os.Stat(path)
	if err != nil {
		return nil, err
	}
	t := transform.New(rules)
	t.Trace = true
	p := New(Config{Workers: 1, Transformer: t})
	src := extract.Source{Root: filepath.Dir(path), Path: path, Rel: filepath.Base(path), Size: fi.Size(), ModTime: fi.ModTime(),
		Format: extract.Formats[filepath.Ext(path)]}
	if src.Format == "" {
		src.Format = "txt"
	}
	o := p.process(ctx, src)
	if o.err != nil {
		return nil, fmt.Errorf("explain %s: %w", path, o.err)
	}
	return &Explanation{Path: path, Result: o.res, Rejects: o.res.Rejects}, nil
}
