package extract

import "testing"

// The source column must be UTF-8: GBK names from Windows zips are decoded,
// other invalid bytes escaped; valid names are left alone.
func TestDisplayRel(t *testing.T) {
	for in, want := range map[string]string{
		"a/工作总结 2020.txt":                       "a/工作总结 2020.txt",
		"\xb9\xa4\xd7\xf7/\xd7\xdc\xbd\xe1.txt": "工作/总结.txt",
		"x/\xff\xfe\x80.txt":                    `x/\xff\xfe\x80.txt`,
		"two\nlines.txt":                        "two\nlines.txt",
	} {
		if got := displayRel(in); got != want {
			t.Errorf("displayRel(%q) = %q, want %q", in, got, want)
		}
	}
}
