package meta

import (
	"strings"
	"testing"
	"time"
)

func ext(text, name string) Meta { return Extract(text, text, name) }

func TestUnitAndKind(t *testing.T) {
	cases := []struct {
		name, file, text string
		unit, typ, kind  string
	}{
		{"title names a bureau", "a.txt",
			"交通局扫黑除恶专项斗争工作总结\n为深入贯彻上级部署，我局在县委、县政府的正确领导下，积极行动。现将有关工作情况汇报如下：\n一、工作开展情况",
			"交通局", "department", "work_summary"},
		{"redacted county with year in title", "b.txt",
			"xx县2019扫黑除恶专项斗争工作存在问题及原因分析\n扫黑除恶专项斗争开展以来，全县各级各部门采取一系列有效措施。",
			"xx县", "county", "problem_analysis"},
		{"preamble self-reference strips 党委政府", "c.txt",
			"今年以来，城关镇党委政府深入贯彻落实中央、省、市、县工作部署，结合我镇实际推进工作。现将有关情况汇报如下：\n一、强化组织领导",
			"城关镇", "township", "work_summary"},
		{"inspected unit in a rectification report", "d.txt",
			"根据县委统一部署，县委第二巡察组对县公安局党委进行了巡察。现将巡察整改情况予以公布。\n一、整改工作开展情况\n我局党委高度重视。",
			"县公安局", "department", "rectification"},
		{"signature block names a school", "e.txt",
			"自专项斗争开展以来，我校高度重视，现将工作情况汇报如下：\n一、加强领导\n成立了领导小组。\n城南区第一中学\n2020年12月20日",
			"城南区第一中学", "school", "work_summary"},
		{"file name carries the unit", "2019_城关镇_扫黑除恶工作总结.txt",
			"一年来，在上级党委的坚强领导下，扫黑除恶专项斗争取得明显成效，现总结如下。",
			"城关镇", "township", "work_summary"},
		{"township hospital", "f.txt",
			"xx镇卫生院扫黑除恶专项斗争工作汇报\n我院高度重视扫黑除恶工作。",
			"xx镇卫生院", "hospital", "work_summary"},
		{"county party committee stands for the county", "g.txt",
			"中共某县委关于扫黑除恶专项斗争工作情况的报告\n今年以来，全县上下齐心协力。",
			"某县", "county", "work_summary"},
		{"political-legal committee is a department", "h.txt",
			"县委政法委扫黑除恶专项斗争实施方案\n为深入推进专项斗争，特制定本方案。",
			"县委政法委", "department", "plan"},
		{"a circular is other, whatever its body says", "k.txt",
			"XX县扫黑办关于2020年上半年扫黑除恶专项斗争进展情况的通报\n现将有关情况通报如下：",
			"XX县", "county", "other"},
		{"a speech to the whole city names its level", "m.txt",
			"在全市扫黑除恶专项斗争推进会上的讲话\n同志们：今天召开推进会。",
			"", "city", "speech"},
		{"a bank branch is an enterprise", "l.txt",
			"中国农业银行永平县支行\n2020年扫黑除恶专项斗争工作总结\n一、工作开展情况",
			"中国农业银行永平县支行", "enterprise", "work_summary"},
		{"campaign office reports for its county", "i.txt",
			"XX县扫黑办2020年度扫黑除恶工作要点\n一、总体要求",
			"XX县", "county", "plan"},
		{"enterprise", "j.txt",
			"某某建设集团有限公司扫黑除恶专项斗争工作总结\n我公司高度重视。",
			"某某建设集团有限公司", "enterprise", "work_summary"},
		{"village committee", "k.txt",
			"关于张家村扫黑除恶工作开展情况的汇报\n张家村两委高度重视。",
			"张家村", "village", "work_summary"},
		{"speech without unit: its audience's level", "l.txt",
			"在全县扫黑除恶专项斗争推进会上的讲话\n同志们：\n今天召开会议。",
			"", "county", "speech"},
		{"speech without unit or level", "l2.txt",
			"在扫黑除恶专项斗争推进会上的讲话\n同志们：\n今天召开会议。",
			"", "other", "speech"},
		{"title wins over body cues", "m.txt",
			"某镇扫黑除恶专项斗争工作总结\n针对巡察反馈意见，我镇认真开展整改。",
			"某镇", "township", "work_summary"},
		{"untitled text with no cues", "n.txt",
			"扫黑除恶是党中央作出的重大决策部署。",
			"", "other", "other"},
		{"site boilerplate quotes the title", "o.txt",
			"《xx乡2020年扫黑除恶专项斗争整改落实情况报告》由会员分享，可在线阅读，更多相关文档请搜索。\n1、xx乡2020年扫黑除恶专项斗争整改落实情况报告 今年以来，我乡认真整改。",
			"xx乡", "township", "rectification"},
		{"title glued to the body", "p.txt",
			"1、xx县2019扫黑除恶专项斗争工作存在问题及原因分析扫黑除恶专项斗争开展以来,全县各级各部门采取一系列有效措施。",
			"xx县", "county", "problem_analysis"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			m := ext(c.text, c.file)
			if m.UnitName != c.unit || m.UnitType != c.typ || m.ReportKind != c.kind {
				t.Errorf("got unit=%q type=%q kind=%q, want %q %q %q (evidence %v)",
					m.UnitName, m.UnitType, m.ReportKind, c.unit, c.typ, c.kind, m.Evidence)
			}
		})
	}
}

func TestUnitType(t *testing.T) {
	cases := map[string]string{
		"县公安局": "department", "市第一中学": "school", "沙沟镇卫生院": "hospital", "县委政法委": "department",
		"县纪委监委": "department", "城关镇": "township", "东城街道办事处": "township", "张家村": "village",
		"幸福社区": "village", "留坝县": "county", "朝阳区": "county", "达茂旗": "county", "汉中市": "city",
		"韩城市": "county", "陕西省": "province", "广西壮族自治区": "province", "呼和浩特职业学院": "school",
		"县人民医院": "hospital", "县人民法院": "department", "农村商业银行": "enterprise",
		"沙沟镇党委政府": "township", "县交通运输局党组": "department", "中共xx县委": "county",
		"社区卫生服务中心": "hospital", "县政务服务中心": "department", "扫黑除恶": "other",
	}
	for name, want := range cases {
		if got := UnitType(name); got != want {
			t.Errorf("UnitType(%q) = %q, want %q", name, got, want)
		}
	}
}

func TestDateAndYear(t *testing.T) {
	day := func(y, m, d int) time.Time { return time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC) }
	cases := []struct {
		name, file, text string
		date             time.Time
		year             int
	}{
		{"signature date", "a.txt",
			"某镇扫黑除恶工作汇报\n2019年10月28日至11月18日开展督导。\n某镇人民政府\n2020年9月15日", day(2020, 9, 15), 2020},
		{"issued date closes a plan", "a.txt",
			"某县扫黑除恶宣传工作实施方案\n正文。\n中共某县委办公室\n2018年3月20日印发", day(2018, 3, 20), 2018},
		{"chinese numeral date", "a.txt",
			"某局扫黑除恶工作汇报\n正文。\n某局\n二〇二〇年九月十五日", day(2020, 9, 15), 2020},
		{"date under the title", "a.txt",
			"在全县扫黑除恶推进会上的讲话\n（2021年3月2日）\n同志们：", day(2021, 3, 2), 2021},
		{"title year beats date", "a.txt",
			"某县2019年度扫黑除恶专项斗争工作总结\n正文。\n2020年1月10日", day(2020, 1, 10), 2019},
		{"january filing about the year before", "a.txt",
			"某镇扫黑除恶工作总结\n2019年度，我镇共排查线索5条。\n某镇\n2020年1月10日", day(2020, 1, 10), 2019},
		{"rectification dated the next year stays in its year", "a.txt",
			"县委巡察组于2019年10月对县交通局党组进行了巡察。现将整改情况公布。\n2020年9月15日", day(2020, 9, 15), 2020},
		{"body year without date", "a.txt",
			"某局扫黑除恶工作总结\n2020年交通运输行业共制作横幅200余条。2020年来共发放资料。2018年成立领导小组。", time.Time{}, 2020},
		{"repeated artifact counts once", "a.txt",
			"某院扫黑除恶工作总结\n扫黑除恶(2018年3月以后)工作；扫黑除恶(2018年3月以后)宣传；扫黑除恶(2018年3月以后)排查。2019年4月开展活动。2019年5月召开会议。", time.Time{}, 2019},
		{"year from file name", "2019_城关镇_扫黑除恶工作总结.txt", "总结如下。", time.Time{}, 2019},
		{"unknown", "a.txt", "某镇扫黑除恶工作总结\n今年以来开展了工作。", time.Time{}, 0},
		{"title range ends the span", "a.txt", "某县2018-2020年扫黑除恶专项斗争工作总结\n正文。", time.Time{}, 2020},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			m := ext(c.text, c.file)
			if !m.ReportDate.Equal(c.date) || m.Year != c.year {
				t.Errorf("got date=%v year=%d, want %v %d (evidence %v)", m.ReportDate, m.Year, c.date, c.year, m.Evidence)
			}
		})
	}
}

func TestPlaces(t *testing.T) {
	cases := []struct {
		name, text         string
		prov, city, county string
		code, unit         string
	}{
		{"full hierarchy in the title",
			"陕西省汉中市留坝县交通运输局扫黑除恶工作总结\n正文。", "陕西省", "汉中市", "留坝县", "610729", "陕西省汉中市留坝县交通运输局"},
		{"county named in the body qualifies 县…局",
			"根据县委统一部署，县委巡察组对县交通运输局党组进行了巡察。现将整改情况予以公布。\n制定《留坝县农村公路养护办法》。印发《留坝县交通安全管理办法》。",
			"陕西省", "汉中市", "留坝县", "610729", "留坝县交通运输局"},
		{"short city name in a school's name",
			"呼和浩特职业学院扫黑除恶工作汇报\n正文。", "内蒙古自治区", "呼和浩特市", "", "150100", "呼和浩特职业学院"},
		{"city bureau stops at the city",
			"汉中市公安局扫黑除恶工作总结\n指导留坝县、佛坪县、宁强县开展工作。留坝县成效明显，留坝县排查线索。", "陕西省", "汉中市", "", "610700", "汉中市公安局"},
		{"ambiguous district resolved by its city",
			"通州区扫黑除恶工作总结\n在南通市委的坚强领导下，南通市扫黑办具体指导。", "江苏省", "南通市", "通州区", "320612", "通州区"},
		{"ambiguous district resolved by the municipality",
			"北京市通州区扫黑除恶工作总结\n正文。", "北京市", "北京市", "通州区", "110112", "北京市通州区"},
		{"ambiguous district left unresolved",
			"通州区扫黑除恶工作总结\n正文。", "", "", "", "", "通州区"},
		{"two-character county needs its parent",
			"河南省濮阳市范县公安局扫黑除恶工作总结\n正文。", "河南省", "濮阳市", "范县", "410926", "河南省濮阳市范县公安局"},
		{"ordinary words are not places",
			"某镇扫黑除恶工作总结\n争创示范县，确保长治久安，群众平安安康。", "", "", "", "", "某镇"},
		{"redacted county takes no county from the body",
			"xx县扫黑除恶工作总结\n学习借鉴留坝县、佛坪县经验。学习留坝县做法。陕西省委督导组指导。", "陕西省", "", "", "610000", "xx县"},
		{"county-level city",
			"韩城市扫黑除恶工作总结\n正文。", "陕西省", "渭南市", "韩城市", "610581", "韩城市"},
		{"province short form in the title",
			"陕西某县扫黑除恶工作总结\n正文。", "陕西省", "", "", "610000", "陕西某县"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			m := ext(c.text, "x.txt")
			if m.Province != c.prov || m.City != c.city || m.County != c.county || m.DivisionCode != c.code || m.UnitName != c.unit {
				t.Errorf("got %q/%q/%q %q unit %q, want %q/%q/%q %q unit %q (evidence %v)",
					m.Province, m.City, m.County, m.DivisionCode, m.UnitName, c.prov, c.city, c.county, c.code, c.unit, m.Evidence)
			}
		})
	}
}

func TestDivisionList(t *testing.T) {
	ix := divisions()
	n := [4]int{}
	for _, d := range ix.divs {
		n[d.Level]++
	}
	// 31 provinces, ~330 prefectures, ~2,850 counties (statistical placeholders
	// and functional zones removed).
	if n[1] != 31 || n[2] < 320 || n[2] > 345 || n[3] < 2800 || n[3] > 2900 {
		t.Fatalf("division counts %v", n)
	}
	for name, code := range map[string]string{"留坝县": "610729", "汉中市": "610700", "陕西省": "610000", "呼和浩特市": "150100"} {
		got := LookupDivision(name)
		if len(got) != 1 || got[0].Code != code {
			t.Errorf("LookupDivision(%q) = %v, want %s", name, got, code)
		}
	}
	if len(LookupDivision("朝阳区")) != 2 {
		t.Errorf("朝阳区 should be ambiguous (Beijing, Changchun)")
	}
}

func TestEvidenceIsOriginalScript(t *testing.T) {
	orig := "交通局掃黑除惡專項斗爭工作總結\n我局高度重視。"
	simp := "交通局扫黑除恶专项斗争工作总结\n我局高度重视。"
	m := Extract(simp, orig, "a.txt")
	if m.Title != orig[:strings.Index(orig, "\n")] {
		t.Errorf("title %q should be in the original script", m.Title)
	}
	if m.UnitName != "交通局" || m.ReportKind != "work_summary" {
		t.Errorf("got %q %q", m.UnitName, m.ReportKind)
	}
}

func BenchmarkExtract(b *testing.B) {
	var sb strings.Builder
	sb.WriteString("留坝县交通运输局2020年扫黑除恶专项斗争工作总结\n")
	sb.WriteString("今年以来，县交通运输局党组深入贯彻落实中央、省、市、县关于扫黑除恶专项斗争的部署要求，现将工作情况汇报如下：\n")
	para := "一、加强组织领导。成立了以局长为组长的领导小组，召开专题会议12次，制作悬挂横幅200余条，发放宣传资料一千余份，在汉中市交通系统会议上作交流发言。2020年共排查线索5条。\n"
	for sb.Len() < 8000 {
		sb.WriteString(para)
	}
	sb.WriteString("留坝县交通运输局\n2020年12月20日\n")
	text := sb.String()
	b.SetBytes(int64(len(text)))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		Extract(text, text, "2020_留坝县交通运输局.txt")
	}
}

// Extract must never panic, whatever the extractor hands it.
func FuzzExtract(f *testing.F) {
	for _, s := range []string{"", "\n\n", "1、扫黑", "《》由会员分享", "交通局扫黑除恶专项斗争工作总结\n我局\n2020年9月15日",
		"对县局党组进行了巡察", "二〇二〇年十三月四十日", "（2019〕12号\n附件\n扫黑除恶", "我我我局院", "2019-2020"} {
		f.Add(s, s+"x", "2019_城关镇.txt")
	}
	f.Fuzz(func(t *testing.T, simp, orig, name string) {
		m := Extract(simp, orig, name)
		if m.UnitType == "" || m.ReportKind == "" {
			t.Fatalf("empty enum: %+v", m)
		}
	})
}
