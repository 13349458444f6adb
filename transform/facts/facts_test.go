package facts_test

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/reportetl/reportetl/transform/facts"
	"github.com/reportetl/reportetl/transform/t2s"
)

// want is "metric=value/qualifier", value "null" when redacted.
func extract(text string, year int) []string {
	orig := []rune(text)
	simp := t2s.ConvertRunes(nil, orig)
	var got []string
	for _, f := range facts.Default().Extract(simp, orig, year) {
		v := "null"
		if f.HasValue {
			v = fmt.Sprint(f.Value)
		}
		s := f.Metric + "=" + v + "/" + f.Qualifier
		if f.Year != 0 && f.Year != year {
			s += "@" + fmt.Sprint(f.Year)
		}
		got = append(got, s)
	}
	sort.Strings(got)
	return got
}

// Surface forms and the facts each must give (Duckling style): one row per
// phenomenon a rule handles, including the sentences that must give none.
var cases = []struct {
	text string
	want []string
}{
	// cue before the number, qualifiers
	{"共制作悬挂横幅200余条。", []string{"publicity.banners=200/over"}},
	{"下发宣传单一千余份。", []string{"publicity.leaflets=1000/over"}},
	{"出租车LED显示屏150多车辆。", []string{"publicity.screens=150/over"}},
	{"发放明白纸约3000份。", []string{"publicity.leaflets=3000/about"}},
	{"张贴通告5000份左右。", []string{"publicity.notices=5000/about"}},
	{"制作宣传展板近百块。", []string{"publicity.boards=100/under"}},
	{"发放宣传资料3.5万份。", []string{"publicity.leaflets=35000/exact"}},
	{"发放宣传册１２０本。", []string{"publicity.brochures=120/exact"}},
	{"粉刷固定宣传标语600余幅，设置了6处固定宣传点。", []string{"publicity.sites=6/exact", "publicity.slogans=600/over"}},
	// cue after the number and its unit
	{"组织30余场扫黑除恶巡回演出。", []string{"publicity.events=30/over"}},
	{"召开3次专题会议研究部署。", []string{"org.meetings=3/exact"}},
	{"县扫黑办先后3次对各乡镇、各行业部门开展督导。", []string{"org.inspections=3/exact"}},
	// traditional script matches through T→S
	{"2020年交通運輸行業共製作懸掛橫幅200餘條。", []string{"publicity.banners=200/over"}},
	{"下發宣傳單一千餘份。", []string{"publicity.leaflets=1000/over"}},
	// 各 distributes
	{"印制《扫黑除恶知识汇编》、《扫黑除恶应知应会》读本各500本。", []string{"publicity.brochures=1000/exact"}},
	{"在门诊、住院部、急诊三处各设置扫黑除恶宣传栏2个。", []string{"publicity.boards=6/exact"}},
	{"各村要悬挂横幅。", nil},
	{"印发《政策法规汇编》《典型案例选编》各2000册。", []string{"publicity.brochures=4000/exact"}},
	{"在乡政府门口和集镇中心各设置电子屏1块。", []string{"publicity.screens=2/exact"}},
	{"县委、县政府和政法委各制作展板3块。", []string{"publicity.boards=9/exact"}},
	{"在和谐广场各设置电子屏1块。", []string{"publicity.screens=1/exact"}},
	{"在全县各派出所辖区制作宣传展板近百块。", []string{"publicity.boards=100/under"}},
	// leads: the verb decides
	{"共摸排线索一条。", []string{"leads.found=1/exact"}},
	{"全年共受理涉黑涉恶线索87条。", []string{"leads.received=87/exact"}},
	{"摸排移交公安机关线索186条。", []string{"leads.transferred=186/exact"}},
	{"集团扫黑办已将2条线索报送属地公安机关。", []string{"leads.transferred=2/exact"}},
	{"摸排发现2条线索报送县扫黑办。", []string{"leads.found=2/exact"}},
	{"受理线索40条，仍有6条超期未办结。", []string{"leads.received=40/exact"}},
	{"还有19条线索没有办结。", nil},
	{"尚有未办结线索6条。", nil},
	{"全年未排查出一条涉黑涉恶线索。", []string{"leads.found=0/exact"}},
	{"全年未收到一条举报线索。", []string{"leads.received=0/exact"}},
	{"排查线索8条，其中2条尚未办结。", []string{"leads.found=8/exact"}},
	{"共排查上报线索53条。", []string{"leads.found=53/exact"}},
	{"受理群众举报线索400条，已办结398条。", []string{"leads.closed=398/exact", "leads.received=400/exact"}},
	{"全年群众主动举报线索不到10条。", []string{"leads.received=10/under"}},
	{"收到各类问题线索xx条。", []string{"leads.received=null/redacted"}},
	{"目前已查结 x条。", nil},
	// cases
	{"破获涉恶刑事案件37起。", []string{"cases.evil=37/exact"}},
	{"目前只查处 1 起党员干部充当“保护伞”案件。", []string{"cases.umbrella=1/exact"}},
	{"查处“保护伞”9人。", []string{"cases.umbrella=9/exact"}},
	{"发现一起学生校园贷情况，已联系派出所处理。", []string{"cases.incidents=1/exact"}},
	{"抓获涉恶犯罪嫌疑人41名。", nil},
	{"公开通报曝光涉黑涉恶腐败典型案例6起。", nil},
	// negations
	{"目前，我镇未排查到保护伞现象。", []string{"cases.umbrella=0/exact"}},
	{"本单位未发现涉黑涉恶线索。", []string{"leads.found=0/exact"}},
	{"确保不发生涉黑涉恶问题，如果未发现保护伞要及时说明。", nil},
	// org
	{"与各村签订扫黑除恶承诺书500余份。", []string{"org.commitments=500/over"}},
	{"乡党委与12个村签订目标责任书二十六份。", []string{"org.commitments=26/exact"}},
	{"举办专题培训2次。", []string{"org.trainings=2/exact"}},
	// breakdowns: parts link to the total
	{"发表宣传稿件163篇，其中中央级1篇，省级98篇。", []string{"publicity.articles=1/exact", "publicity.articles=163/exact", "publicity.articles=98/exact"}},
	// year of the clause
	{"2019年共发放宣传单3000份。", []string{"publicity.leaflets=3000/exact@2019"}},
	{"去年发放宣传单3000份。", []string{"publicity.leaflets=3000/exact@2019"}},
	// a joined pair of cues shares one figure, reported under the first
	{"全省各地共悬挂横幅标语12.6万条。", []string{"publicity.banners=126000/exact"}},
	{"累计悬挂横幅、标语450条。", []string{"publicity.banners=450/exact"}},
	// a cue of another category before the head noun qualifies it
	{"收到涉黑涉恶举报3件。", []string{"leads.received=3/exact"}},
	// 各 over items of different metrics gives each the number
	{"重新悬挂横幅、刷写墙体标语各六条。", []string{"publicity.banners=6/exact", "publicity.slogans=6/exact"}},
	{"反馈了宣传氛围不浓、台账资料不全等三个方面的问题。", nil},
	// a label colon keeps label and figure together
	{"悬挂横幅：450条；发放宣传资料：约3.2万份。", []string{"publicity.banners=450/exact", "publicity.leaflets=32000/about"}},
	// thousands separators and 一起 closing a clause after its noun
	{"组织4,817场巡回演出。", []string{"publicity.events=4817/exact"}},
	{"今年侦办涉黑案件一起。", []string{"cases.gang=1/exact"}},
	{"大家一起，共同参与。", nil},
	// comparisons: the base is the same metric in its year, the change nothing
	{"悬挂横幅210条，较2019年的168条有所增加。", []string{"publicity.banners=168/exact@2019", "publicity.banners=210/exact"}},
	{"侦破涉恶案件87起(较2018年的31起增加56起)。", []string{"cases.evil=31/exact@2018", "cases.evil=87/exact"}},
	{"发放宣传单5000份，比上年同期增加1200份。", []string{"publicity.leaflets=5000/exact"}},
	{"全年共摸排线索8条(2019年为14条)。", []string{"leads.found=14/exact@2019", "leads.found=8/exact"}},
	// a parallel clause repeats the verb and leaves out the object
	{"2018年打掉涉黑组织71个，2019年打掉94个。", []string{"cases.gang=71/exact@2018", "cases.gang=94/exact@2019"}},
	{"悬挂横幅30条，发放80份。", []string{"publicity.banners=30/exact"}},
	// figures grouped by spaces, people trained, items before their verb
	{"全县累计悬挂横幅4 300余条。", []string{"publicity.banners=4300/over"}},
	{"参训教师约150人次。", []string{"org.trainings=150/about"}},
	{"7条线索已全部上报县扫黑办。", []string{"leads.transferred=7/exact"}},
	{"受理群众来信来访43件，核查后移交派出所3件。", []string{"leads.received=43/exact", "leads.transferred=3/exact"}},
	// plans: what a unit will do
	{"省扫黑办将于第三季度开展一轮全覆盖督导。", nil},
	// a verb inside a non-cue noun governs nothing; the specific head wins
	{"召开全系统线索摸排推进会2次。", []string{"org.meetings=2/exact"}},
	{"监督公安机关立案涉恶案件3件。", []string{"cases.evil=3/exact"}},
	// a number inside a title is part of its name
	{"张贴《通告》和《致全县人民群众的一封信》1.2万份。", []string{"publicity.notices=12000/exact"}},
	// persons' involvement is not a count; the umbrella still is
	{"未发现员工参与涉黑涉恶活动。", nil},
	{"大队未发现民警、辅警充当黑恶势力“保护伞”问题。", []string{"cases.umbrella=0/exact"}},
	// 件次 counts interventions, not cases; a moved-on part is a disposition
	{"提前介入涉黑涉恶案件侦查活动17件次。", nil},
	{"受理群众来信来访43件，其中移送公安机关2起。", []string{"leads.received=43/exact", "leads.transferred=2/exact"}},
	// leads handed down are received; the verb after the items decides
	{"接收县扫黑办转办线索5条。", []string{"leads.received=5/exact"}},
	{"其中“医托”问题线索2条已移交县公安局处理。", []string{"leads.transferred=2/exact"}},
	{"整改期间共排查线索4条、移交3条。", []string{"leads.found=4/exact", "leads.transferred=3/exact"}},
	{"中央督导组转办线索中仍有183条未办结。", nil},
	// a clause that is only a figure continues the count before it
	{"组织乡村干部业务培训2次，120人次。", []string{"org.trainings=120/exact", "org.trainings=2/exact"}},
	{"在各科室候诊区摆放宣传资料架20个。", nil},
	// a noun counted by its own number, then an action on a cue
	{"在38条公交线路的车厢内张贴宣传标语1600余张。", []string{"publicity.slogans=1600/over"}},
	{"组织30余场扫黑除恶巡回演出。", []string{"publicity.events=30/over"}},
	// 学习 alone is not a meeting
	{"组织党委理论学习中心组专题学习12次。", nil},
	// what a screen plays is not counted; the screens are
	{"利用电子显示屏滚动播放宣传标语160余块。", []string{"publicity.screens=160/over"}},
	{"全年召开所务会专题部署扫黑除恶工作10次。", []string{"org.meetings=10/exact"}},
	{"开展宣传咨询活动45场次。", []string{"publicity.events=45/exact"}},
	{"110接警中发现线索5条。", []string{"leads.found=5/exact"}},
	// not facts
	{"牢固树立“四个意识”，坚决做到“两个维护”。", nil},
	{"线索双向移送、“两个一律”落实不够到位。", nil},
	{"结合“双随机一公开”抽查和12315投诉举报平台开展线索摸排。", nil},
	{"新建高清视频监控点位4,600个。", nil},
	{"社区每月按时向街道扫黑办“零报告”。", nil},
	{"本村全年线索“零报告”。", []string{"leads.found=0/exact"}},
	{"组织文艺巡演57场次。", []string{"publicity.events=57/exact"}},
	{"深入学习党的十九大精神，第一时间召开会议。", nil},
	{"一是加强领导，二是强化宣传。", nil},
	{"每月召开一次调度会议。", nil},
	{"群众知晓率达95%以上，百分之九十的村建立台账。", nil},
	{"围绕10类线索开展摸排，完成13项任务。", nil},
	{"投入经费5万元，修建道路12公里。", nil},
	{"走访群众3000人次，入户2000户次。", nil},
	{"各村悬挂横幅不少于5条。", nil},
	{"下发致全县人民的一封公开信。", nil},
	{"统一零售价，全国两会期间。", nil},
	{"其余8条正在核查中。", nil},
	{"在抖音平台累计播放量超过50万次。", nil},
}

func TestSurfaceForms(t *testing.T) {
	for _, c := range cases {
		got := extract(c.text, 2020)
		want := append([]string(nil), c.want...)
		sort.Strings(want)
		if strings.Join(got, ",") != strings.Join(want, ",") {
			t.Errorf("%s\n  got  %v\n  want %v", c.text, got, want)
		}
	}
}

// Evidence is cut from the original script at the fact's offsets.
func TestEvidenceKeepsOriginalScript(t *testing.T) {
	text := "一、宣傳\n2020年共製作懸掛橫幅200餘條，下發宣傳單一千餘份。"
	orig := []rune(text)
	fs := facts.Default().Extract(t2s.ConvertRunes(nil, orig), orig, 2020)
	if len(fs) != 2 {
		t.Fatalf("got %d facts, want 2", len(fs))
	}
	for _, f := range fs {
		if string(orig[f.Start:f.End]) != f.Evidence {
			t.Errorf("evidence %q is not text[%d:%d] = %q", f.Evidence, f.Start, f.End, string(orig[f.Start:f.End]))
		}
		if !strings.Contains(f.Evidence, "橫幅") && !strings.Contains(f.Evidence, "宣傳單") {
			t.Errorf("evidence %q lost the original script", f.Evidence)
		}
	}
}

func TestBreakdownPartsLinkToTotal(t *testing.T) {
	text := []rune("发表宣传稿件163篇，其中中央级1篇，省级98篇。")
	fs := facts.Default().Extract(text, text, 2020)
	if len(fs) != 3 || fs[0].PartOf != -1 || fs[1].PartOf != 0 || fs[2].PartOf != 0 {
		t.Fatalf("want a total and two parts linked to it, got %+v", fs)
	}
}

// Rules files: *.good.yml load, *.bad.yml fail with the message in their
// first line ("# want: …").
func TestRulesFiles(t *testing.T) {
	files, _ := filepath.Glob("testdata/rules/*.yml")
	if len(files) == 0 {
		t.Fatal("no rules fixtures")
	}
	for _, f := range files {
		_, err := facts.LoadFile(f)
		switch {
		case strings.HasSuffix(f, ".good.yml"):
			if err != nil {
				t.Errorf("%s: %v", f, err)
			}
		case strings.HasSuffix(f, ".bad.yml"):
			b, _ := os.ReadFile(f)
			first, _, _ := strings.Cut(string(b), "\n")
			want := strings.TrimSpace(strings.TrimPrefix(first, "# want:"))
			if err == nil || !strings.Contains(err.Error(), want) {
				t.Errorf("%s: error %v, want one containing %q", f, err, want)
			}
		}
	}
	if _, err := facts.LoadFile("testdata/rules/does-not-exist.yml"); err == nil {
		t.Error("a missing rules file must be an error")
	}
}

// The embedded rules are themselves a valid rules file.
func TestDefaultRulesParse(t *testing.T) {
	if _, err := facts.Parse(facts.DefaultRules()); err != nil {
		t.Fatal(err)
	}
}

func BenchmarkExtract(b *testing.B) {
	var sb strings.Builder
	for sb.Len() < 8<<10 {
		for _, c := range cases {
			sb.WriteString(c.text)
		}
	}
	orig := []rune(sb.String())
	simp := t2s.ConvertRunes(nil, orig)
	b.SetBytes(int64(sb.Len()))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		facts.Default().Extract(simp, orig, 2020)
	}
}

// Extract scans numbers without their text and reasons, Trace with them:
// the facts must not differ.
func TestTraceFactsEqualExtract(t *testing.T) {
	eng := facts.Default()
	for _, c := range cases {
		orig := []rune(c.text)
		simp := t2s.ConvertRunes(nil, orig)
		got := eng.Extract(simp, orig, 2020)
		traced, _ := eng.Trace(simp, orig, 2020)
		if fmt.Sprintf("%+v", got) != fmt.Sprintf("%+v", traced) {
			t.Errorf("%s\n  Extract %+v\n  Trace   %+v", c.text, got, traced)
		}
	}
}

// A clause pasted twice counts once, however many facts the document
// holds (the repeat check changes method above a few dozen facts).
func TestRepeatsInLongDocument(t *testing.T) {
	var sb strings.Builder
	for k := 1; k <= 100; k++ {
		fmt.Fprintf(&sb, "第%d村悬挂横幅%d条。", k, k)
	}
	once := extract(sb.String(), 2020)
	if len(once) != 100 {
		t.Fatalf("got %d facts, want 100: %v", len(once), once)
	}
	for _, n := range []int{1, 30, 60, 100} {
		twice := extract(sb.String()+strings.Repeat("第1村悬挂横幅1条。", 2)+
			strings.Join(strings.SplitAfter(sb.String(), "。")[:n], ""), 2020)
		if strings.Join(twice, " ") != strings.Join(once, " ") {
			t.Fatalf("with %d clauses repeated: got %d facts %v, want %v", n, len(twice), twice, once)
		}
	}
}
