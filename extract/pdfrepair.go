package extract

import (
	"bytes"
	"fmt"
	"regexp"
	"strconv"
)

// repairXref rebuilds the cross-reference table of a damaged file by
// scanning for "N G obj", as poppler and pdf.js do: truncated files (no
// %%EOF), wrong offsets and a /Size that undercounts all end here. The new
// table and trailer are appended to a copy, so every object stays where it
// is. Objects inside object streams are not found by a scan; files that
// need them stay unreadable.
func repairXref(data []byte) ([]byte, bool) {
	heads := objHeadRe.FindAllSubmatchIndex(data, -1)
	if len(heads) == 0 {
		return nil, false
	}
	type entry struct {
		off int
		gen int
	}
	objs := map[int]entry{}
	maxID := 0
	root := ""
	for i, h := range heads {
		id, err1 := strconv.Atoi(string(data[h[2]:h[3]]))
		gen, err2 := strconv.Atoi(string(data[h[4]:h[5]]))
		if err1 != nil || err2 != nil || id <= 0 || id > 1<<22 || gen > 65535 {
			continue
		}
		// "12 0 obj" must start a line (or the file) to be an object header.
		if h[0] > 0 && !isPDFSpace(data[h[0]-1]) && data[h[0]-1] != '>' {
			continue
		}
		objs[id] = entry{h[0], gen}
		maxID = max(maxID, id)
		end := len(data)
		if i+1 < len(heads) {
			end = heads[i+1][0]
		}
		if catalogRe.Match(data[h[1]:min(end, h[1]+4096)]) {
			root = fmt.Sprintf("%d %d R", id, gen)
		}
	}
	if root == "" {
		return nil, false
	}
	var b bytes.Buffer
	b.Write(data)
	if len(data) > 0 && data[len(data)-1] != '\n' {
		b.WriteByte('\n')
	}
	start := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n", maxID+1)
	for id := 0; id <= maxID; id++ {
		if e, ok := objs[id]; ok {
			fmt.Fprintf(&b, "%010d %05d n\r\n", e.off, e.gen)
		} else {
			b.WriteString("0000000000 65535 f\r\n")
		}
	}
	fmt.Fprintf(&b, "trailer\n<< /Size %d /Root %s", maxID+1, root)
	tail := data[max(0, len(data)-1<<20):]
	if m := encryptRefRe.FindSubmatch(tail); m != nil {
		b.WriteString(" /Encrypt ")
		b.Write(m[1])
	}
	if m := idRe.Find(tail); m != nil {
		b.WriteByte(' ')
		b.Write(m)
	}
	fmt.Fprintf(&b, " >>\nstartxref\n%d\n%%%%EOF\n", start)
	return b.Bytes(), true
}

var (
	catalogRe    = regexp.MustCompile(`/Type\s*/Catalog\b`)
	encryptRefRe = regexp.MustCompile(`/Encrypt\s+(\d+\s+\d+\s+R)`)
	idRe         = regexp.MustCompile(`/ID\s*\[\s*<[0-9A-Fa-f\s]*>\s*<[0-9A-Fa-f\s]*>\s*\]`)
)
