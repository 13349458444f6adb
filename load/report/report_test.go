package report_test

import (
	"context"
	"encoding/json"
	"fmt"
	"html"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/reportetl/reportetl/jobs"
	"github.com/reportetl/reportetl/load/report"
)

var units = []struct{ name, typ string }{
	{"城固县", "county"}, {"勉县", "county"}, {"城固县交通运输局", "department"},
	{"勉县教育局", "department"}, {"勉县市场监督管理局", "department"}, {"勉县武侯镇", "township"},
	{"城固县博望镇", "township"}, {"城固县第一中学", "school"}, {"勉县第二中学", "school"},
	{"勉县南关社区", "village"}, {"城固县人民医院", "hospital"},
}

const xssTitle = "<script>alert(1)</script>"

// dataset publishes a two-year archive; one 2020 report has markup in its
// title and in a sentence with a number.
func dataset(t *testing.T) string {
	t.Helper()
	in, out := t.TempDir(), t.TempDir()
	for i, u := range units {
		for _, y := range []int{2019, 2020} {
			k := i + 3*(y-2019)
			body := fmt.Sprintf("%[1]s%[2]d年扫黑除恶专项斗争工作总结\n\n全年悬挂宣传横幅%[3]d条，发放宣传单%[4]d份，共摸排涉黑涉恶线索%[5]d条，破获刑事案件%[6]d起。\n\n%[1]s\n%[7]d年1月8日\n",
				u.name, y, 10+7*k, 100*(k+1), 1+k%6, 2+k, y+1)
			write(t, filepath.Join(in, fmt.Sprintf("%d_%s_扫黑除恶工作总结.txt", y, u.name)), body)
		}
	}
	write(t, filepath.Join(in, "2020_城固县公安局_扫黑除恶工作总结.txt"),
		"城固县公安局2020年扫黑除恶工作总结"+xssTitle+"\n\n全年悬挂宣传横幅88条，共摸排线索7条<script>alert(2)</script>。\n")
	if _, err := jobs.Run(context.Background(), jobs.RunConfig{Inputs: []string{in}, Out: out}); err != nil {
		t.Fatal(err)
	}
	return out
}

func write(t *testing.T, p, s string) {
	t.Helper()
	if err := os.WriteFile(p, []byte(s), 0o644); err != nil {
		t.Fatal(err)
	}
}

func render(t *testing.T, out string) (*report.Report, string, string) {
	t.Helper()
	rep, err := report.BuildChecked(out, report.Options{Year: 2020, Compare: 2019})
	if err != nil {
		t.Fatal(err)
	}
	h, err := report.HTML(rep)
	if err != nil {
		t.Fatal(err)
	}
	return rep, string(h), string(report.Markdown(rep))
}

func TestReportEscapesDocumentText(t *testing.T) {
	_, h, md := render(t, dataset(t))
	if strings.Contains(h, "<script") {
		t.Error("HTML report contains a <script> element")
	}
	if !strings.Contains(h, html.EscapeString(xssTitle)) {
		t.Error("the title's markup is not shown as text")
	}
	if !strings.Contains(h, "alert(2)") {
		t.Error("evidence sentence missing from the sources appendix")
	}
	if strings.Contains(md, "<script") || !strings.Contains(md, "&lt;script&gt;alert(1)&lt;/script&gt;") {
		t.Error("Markdown report does not neutralise the title's markup")
	}
}

// Every number links to an anchor that exists, and every fact anchor shows
// the document, page and sentence.
func TestReportNumbersAreTraceable(t *testing.T) {
	rep, h, md := render(t, dataset(t))
	ids := map[string]bool{}
	for _, m := range regexp.MustCompile(`id="([^"]+)"`).FindAllStringSubmatch(h, -1) {
		ids[m[1]] = true
	}
	links := regexp.MustCompile(`href="#([^"]+)"`).FindAllStringSubmatch(h, -1)
	if len(links) < 3*len(units) {
		t.Fatalf("only %d links", len(links))
	}
	for _, m := range links {
		if !ids[m[1]] {
			t.Errorf("link #%s has no target", m[1])
		}
	}
	// Every known value cell is a link to its facts.
	vals := regexp.MustCompile(`<td class="n v[^"]*"[^>]*>(.*?)</td>`).FindAllStringSubmatch(h, -1)
	if len(vals) < 4*len(units) {
		t.Fatalf("only %d value cells", len(vals))
	}
	for _, m := range vals {
		if m[1] != "—" && !strings.HasPrefix(m[1], `<a href="#f-`) {
			t.Errorf("value %q is not linked to its source", m[1])
		}
	}
	if len(rep.FactRefs) == 0 {
		t.Fatal("no fact references")
	}
	for _, f := range rep.FactRefs {
		if f.Source == "" || f.Evidence == "" || f.Page == 0 {
			t.Errorf("fact %s lacks document, page or sentence: %+v", f.ID, f)
		}
		if !strings.Contains(md, fmt.Sprintf("[^%d]:", f.N)) {
			t.Errorf("Markdown has no footnote %d", f.N)
		}
	}
	// A known value: 城固县 2020 (k=3) banners 31 + leaflets 400 = 431.
	if !strings.Contains(h, ">431</a>") {
		t.Error("城固县's 2020 publicity total 431 is not shown as a linked number")
	}
	if len(rep.YoY) == 0 {
		t.Error("no year-over-year rows")
	}
}

func TestWriteFileAtomic(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "report", "annual-2020.html")
	for _, s := range []string{"old", "new"} {
		if err := report.WriteFileAtomic(p, []byte(s)); err != nil {
			t.Fatal(err)
		}
	}
	b, _ := os.ReadFile(p)
	ents, _ := os.ReadDir(filepath.Dir(p))
	if string(b) != "new" || len(ents) != 1 {
		t.Fatalf("content %q, %d files in dir", b, len(ents))
	}
}

// chromium finds Debian's chromium; without it the test is skipped, except
// under CI=true.
func chromium(t *testing.T) string {
	t.Helper()
	for _, n := range []string{"chromium", "chromium-browser"} {
		if p, err := exec.LookPath(n); err == nil {
			return p
		}
	}
	if os.Getenv("CI") == "true" {
		t.Fatal("chromium not installed under CI=true (apt-get install chromium fonts-noto-cjk)")
	}
	t.Skip("chromium not installed (apt-get install chromium fonts-noto-cjk)")
	return ""
}

// probe records script errors and alerts and summarises the rendered page
// into an attribute that --dump-dom prints. The report itself has no script
// and forbids scripts by CSP; the test copy drops the CSP so that it checks
// the escaping on its own, not the policy.
const probe = `<script>
window.__e=[];addEventListener('error',function(e){__e.push(String(e.message))});
window.alert=function(m){__e.push('alert:'+m)};
addEventListener('load',function(){document.body.setAttribute('data-probe',JSON.stringify({
errors:__e,scripts:document.scripts.length,svg:document.querySelectorAll('svg').length,
points:document.querySelectorAll('svg circle[r="5"] title').length,fit:document.querySelectorAll('svg line.fit').length,
title:document.title}))});
</script>`

func TestReportInChromium(t *testing.T) {
	bin := chromium(t)
	rep, h, _ := render(t, dataset(t))
	dir := t.TempDir()
	csp := regexp.MustCompile(`<meta http-equiv="Content-Security-Policy"[^>]*>`)
	if !csp.MatchString(h) {
		t.Fatal("report has no Content-Security-Policy")
	}
	page := filepath.Join(dir, "annual-2020.html")
	write(t, page, strings.Replace(csp.ReplaceAllString(h, ""), "<head>", "<head>"+probe, 1))
	shot := filepath.Join(dir, "annual-2020.png")
	if d := os.Getenv("REPORTETL_SCREENSHOT_DIR"); d != "" {
		shot = filepath.Join(d, "annual-2020.png")
	}
	run := func(args ...string) string {
		base := []string{"--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
			"--disable-background-networking", "--disable-component-update", "--disable-sync",
			"--user-data-dir=" + t.TempDir(), "--window-size=1280,2400"}
		cmd := exec.Command(bin, append(append(base, args...), "file://"+page)...)
		var stderr strings.Builder
		cmd.Stderr = &stderr
		b, err := cmd.Output()
		if err != nil {
			t.Fatalf("chromium %v: %v\n%s", args, err, stderr.String())
		}
		return string(b)
	}
	dom := run("--dump-dom")
	m := regexp.MustCompile(`data-probe="([^"]*)"`).FindStringSubmatch(dom)
	if m == nil {
		t.Fatalf("page did not finish loading (no probe result)")
	}
	var got struct {
		Errors            []string
		Scripts, SVG, Fit int
		Points            int
		Title             string
	}
	if err := json.Unmarshal([]byte(html.UnescapeString(m[1])), &got); err != nil {
		t.Fatal(err)
	}
	if len(got.Errors) > 0 {
		t.Errorf("script errors or alerts: %v", got.Errors)
	}
	if got.Scripts != 1 {
		t.Errorf("%d script elements, want only the probe", got.Scripts)
	}
	if got.SVG < 1 || got.Fit != 1 || got.Points != len(rep.Scatter.Points) || got.Points < len(units) {
		t.Errorf("chart: %d svg, %d fitted lines, %d points (want %d)", got.SVG, got.Fit, got.Points, len(rep.Scatter.Points))
	}
	if !strings.Contains(got.Title, "2020年度") {
		t.Errorf("document title %q", got.Title)
	}
	if !strings.Contains(dom, html.EscapeString(xssTitle)) {
		t.Error("the markup in the document title is not rendered as text")
	}
	run("--screenshot=" + shot)
	if st, err := os.Stat(shot); err != nil || st.Size() < 10000 {
		t.Fatalf("screenshot %s: %v", shot, err)
	}
	t.Logf("screenshot: %s", shot)
}
