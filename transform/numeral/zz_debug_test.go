package numeral

import (
	"fmt"
	"os"
	"strings"
	"testing"
)

func TestZZDebug(t *testing.T) {
	in := os.Getenv("NUMS")
	if in == "" {
		t.Skip()
	}
	sep := "|"
	if os.Getenv("NUMSEP") != "" {
		sep = os.Getenv("NUMSEP")
	}
	for _, line := range strings.Split(in, sep) {
		rs := []rune(line)
		fmt.Println("==", line)
		for _, n := range Scan(rs) {
			fmt.Printf("  %s  %q kind=%s v=%v has=%v int=%v q=%s unit=%q [%d,%d) num[%d,%d) lo=%v hi=%v ymd=%d/%d/%d reason=%q\n", string(rs[max(0, n.Start-6):min(len(rs), n.End+6)]), n.Text, n.Kind, n.Value, n.HasValue, n.Integer, n.Qualifier, n.Unit, n.Start, n.End, n.NumStart, n.NumEnd, n.Low, n.High, n.Year, n.Month, n.Day, n.Reason)
		}
	}
}
