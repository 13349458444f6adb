package load

import (
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/parquet-go/parquet-go"
	"github.com/parquet-go/parquet-go/format"
)

// Reading goes through parquet-go, not arrow: an independent implementation
// proves the files are standard Parquet, not merely arrow-readable.

// Row is one flat row addressed by column name. Values are string, int32,
// int64, float64, bool, time.Time (date and timestamp columns) or nil.
type Row map[string]any

// Str, Int, Float read a column, giving the zero value for null.
func (r Row) Str(c string) string { s, _ := r[c].(string); return s }
func (r Row) Int(c string) int64 {
	switch v := r[c].(type) {
	case int32:
		return int64(v)
	case int64:
		return v
	}
	return 0
}
func (r Row) Float(c string) (float64, bool) { f, ok := r[c].(float64); return f, ok }
func (r Row) Null(c string) bool             { return r[c] == nil }

// ColumnInfo describes one column of a Parquet file.
type ColumnInfo struct {
	Name     string
	Type     string // physical type plus logical annotation, e.g. "INT32 (DATE)"
	Optional bool
}

// FileInfo is what `inspect` shows about one part file.
type FileInfo struct {
	Path      string
	Rows      int64
	RowGroups int
	Columns   []ColumnInfo
	Meta      map[string]string
}

func openParquet(path string) (*parquet.File, *os.File, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, nil, err
	}
	st, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, nil, err
	}
	pf, err := parquet.OpenFile(f, st.Size())
	if err != nil {
		f.Close()
		return nil, nil, fmt.Errorf("read %s: %w", path, err)
	}
	return pf, f, nil
}

// Describe reads a part file's footer.
func Describe(path string) (FileInfo, error) {
	pf, f, err := openParquet(path)
	if err != nil {
		return FileInfo{}, err
	}
	defer f.Close()
	info := FileInfo{Path: path, Rows: pf.NumRows(), RowGroups: len(pf.RowGroups()), Meta: map[string]string{}}
	for _, kv := range pf.Metadata().KeyValueMetadata {
		if strings.HasPrefix(kv.Key, "reportetl.") {
			info.Meta[kv.Key] = kv.Value
		}
	}
	for _, fld := range pf.Schema().Fields() {
		t := fld.Type()
		typ := t.Kind().String()
		if lt := t.LogicalType(); lt != nil {
			typ += " (" + lt.String() + ")"
		}
		info.Columns = append(info.Columns, ColumnInfo{Name: fld.Name(), Type: typ, Optional: fld.Optional()})
	}
	return info, nil
}

// ReadFile calls fn for every row of a part file.
func ReadFile(path string, fn func(Row) error) error {
	pf, f, err := openParquet(path)
	if err != nil {
		return err
	}
	defer f.Close()
	fields := pf.Schema().Fields()
	kinds := make([]func(parquet.Value) any, len(fields))
	names := make([]string, len(fields))
	for i, fld := range fields {
		names[i] = fld.Name()
		kinds[i] = converter(fld)
	}
	r := parquet.NewReader(pf)
	defer r.Close()
	buf := make([]parquet.Row, 256)
	for {
		n, err := r.ReadRows(buf)
		for _, pr := range buf[:n] {
			row := make(Row, len(fields))
			for _, v := range pr {
				c := v.Column()
				if c < 0 || c >= len(fields) {
					continue
				}
				if v.IsNull() {
					row[names[c]] = nil
				} else {
					row[names[c]] = kinds[c](v)
				}
			}
			if err := fn(row); err != nil {
				return err
			}
		}
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return fmt.Errorf("read %s: %w", path, err)
		}
	}
}

func converter(fld parquet.Field) func(parquet.Value) any {
	t := fld.Type()
	if lt := t.LogicalType(); lt != nil {
		switch lv := lt.Value.(type) {
		case *format.DateType:
			return func(v parquet.Value) any { return time.Unix(int64(v.Int32())*86400, 0).UTC() }
		case *format.TimestampType:
			return func(v parquet.Value) any {
				switch lv.Unit.Value.(type) {
				case *format.NanoSeconds:
					return time.Unix(0, v.Int64()).UTC()
				case *format.MilliSeconds:
					return time.UnixMilli(v.Int64()).UTC()
				default:
					return time.UnixMicro(v.Int64()).UTC()
				}
			}
		}
	}
	switch t.Kind() {
	case parquet.Boolean:
		return func(v parquet.Value) any { return v.Boolean() }
	case parquet.Int32:
		return func(v parquet.Value) any { return v.Int32() }
	case parquet.Int64:
		return func(v parquet.Value) any { return v.Int64() }
	case parquet.Float:
		return func(v parquet.Value) any { return float64(v.Float()) }
	case parquet.Double:
		return func(v parquet.Value) any { return v.Double() }
	default:
		return func(v parquet.Value) any { return string(v.ByteArray()) }
	}
}

// TableFiles lists a table's part files under OUT (through the published
// snapshot), sorted, with the Hive partition value of each ("" if none).
func TableFiles(out, table string) ([]string, error) {
	// Resolve OUT/<table> -> current -> .snapshots/<id> once, so every file
	// comes from one snapshot even if a run publishes meanwhile (and because
	// WalkDir does not descend into a symlinked root).
	root, err := filepath.EvalSymlinks(filepath.Join(out, table))
	if err != nil {
		return nil, fmt.Errorf("table %s in %s: %w (has a run been published there?)", table, out, err)
	}
	var files []string
	err = filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() && strings.HasSuffix(p, ".parquet") {
			files = append(files, p)
		}
		return nil
	})
	sort.Strings(files)
	return files, err
}

// ReadTable calls fn for every row of a table. For Hive-partitioned tables
// whose files lack the partition column (pages), the partition value is
// added as an int32 `year` like DuckDB's hive_partitioning does.
func ReadTable(out, table string, fn func(Row) error) error {
	files, err := TableFiles(out, table)
	if err != nil {
		return err
	}
	for _, p := range files {
		part := partitionValue(p)
		err := ReadFile(p, func(r Row) error {
			if _, has := r["year"]; !has && part != "" {
				if part == HiveNull {
					r["year"] = nil
				} else {
					var y int32
					fmt.Sscanf(part, "%d", &y)
					r["year"] = y
				}
			}
			return fn(r)
		})
		if err != nil {
			return err
		}
	}
	return nil
}

func partitionValue(path string) string {
	for _, seg := range strings.Split(filepath.ToSlash(path), "/") {
		if v, ok := strings.CutPrefix(seg, "year="); ok {
			return v
		}
	}
	return ""
}
