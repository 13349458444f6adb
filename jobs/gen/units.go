package gen

import (
	"math/rand/v2"
	"strings"
)

// Real counties (GB/T 2260 names, unique in the division list) so that the
// metadata stage can resolve province/city/county the way it would for a real
// archive.
type county struct{ name, city, province string }

var counties = func() []county {
	var out []county
	add := func(prov, city, names string) {
		for _, n := range strings.Fields(names) {
			out = append(out, county{n, city, prov})
		}
	}
	add("陕西省", "汉中市", "留坝县 佛坪县 略阳县 宁强县 镇巴县 西乡县 勉县 洋县 城固县")
	add("陕西省", "安康市", "宁陕县 岚皋县 镇坪县 平利县 紫阳县 汉阴县 石泉县 白河县")
	add("湖南省", "邵阳市", "隆回县 洞口县 绥宁县 新宁县")
	add("甘肃省", "陇南市", "康县 文县 宕昌县 西和县 礼县 两当县 徽县")
	return out
}()

// unit is the reporting unit of one document.
type unit struct {
	name   string   // full simplified name, as in the title
	typ    string   // DESIGN.md unit_type
	names  []string // acceptable unit_name values (gold value_any)
	sign   string   // signature line
	scope  string   // 全县, 全局, 全镇 …: the whole of the unit
	self   string   // 我县, 我局 …
	parent string   // who leads it: 县委、县政府
	guide  string   // the campaign office above it: 县扫黑办
	scale  float64  // size of its figures relative to a county
	police bool     // may report gang/evil/umbrella cases
	c      county
}

var unitTypeWeights = []struct {
	typ string
	w   int
}{
	{"county", 10}, {"city", 3}, {"province", 1}, {"department", 30}, {"township", 20},
	{"village", 11}, {"school", 8}, {"enterprise", 6}, {"hospital", 6}, {"other", 5},
}

var (
	departments = []struct {
		name   string
		police bool
	}{
		{"公安局", true}, {"交通运输局", false}, {"教育局", false}, {"市场监督管理局", false},
		{"自然资源局", false}, {"住房和城乡建设局", false}, {"卫生健康局", false}, {"农业农村局", false},
		{"水利局", false}, {"民政局", false}, {"司法局", false}, {"文化和旅游局", false},
		{"人民法院", true}, {"人民检察院", true}, {"纪委监委", true}, {"财政局", false},
	}
	townStems   = strings.Fields("城关 马道 江口 青桥 石桥 新集 河口 东河 西岔 双河 龙潭 白石 高桥 黄坪 花园 柳林 金台 玉泉 长岭 古城")
	streetNames = strings.Fields("东城街道 西城街道 南关街道 北门街道")
	villageStem = strings.Fields("石桥 王家沟 柳树湾 杨家坪 红岩 桃园 东风 新民 联合 光明 张家庄 李家河")
	communities = strings.Fields("新华路社区 滨河社区 北街社区 南苑社区")
	schools     = strings.Fields("第一中学 第二中学 实验小学 城关小学 职业中学 职业技术学校 实验幼儿园")
	enterprises = strings.Fields("城市建设投资有限公司 交通建设集团有限公司 水务有限责任公司 供电公司 农业发展有限公司 旅游开发有限公司")
	hospitals   = strings.Fields("人民医院 中医医院 妇幼保健院")
	others      = strings.Fields("妇女联合会 总工会 工商业联合会 红十字会")
)

func pick[T any](r *rand.Rand, xs []T) T { return xs[r.IntN(len(xs))] }

func chance(r *rand.Rand, p float64) bool { return r.Float64() < p }

func pickUnit(r *rand.Rand) unit {
	c := pick(r, counties)
	n := 0
	for _, w := range unitTypeWeights {
		n += w.w
	}
	k := r.IntN(n)
	typ := ""
	for _, w := range unitTypeWeights {
		if k < w.w {
			typ = w.typ
			break
		}
		k -= w.w
	}
	u := unit{typ: typ, c: c, parent: "县委、县政府", guide: "县扫黑办", scale: 0.25}
	short := strings.TrimSuffix(c.name, "县")
	if short == "" || len([]rune(short)) < 2 {
		short = c.name
	}
	switch typ {
	case "county":
		u.name = c.name
		u.names = []string{c.name, c.name + "委", c.name + "委县政府", c.name + "扫黑办", c.name + "扫黑除恶专项斗争领导小组办公室", c.name + "扫黑除恶专项斗争领导小组"}
		u.sign = c.name + "扫黑除恶专项斗争领导小组办公室"
		u.scope, u.self, u.parent, u.guide, u.scale, u.police = "全县", "我县", "市委、市政府", "市扫黑办", 1, true
	case "city":
		u.name = c.city
		u.names = []string{c.city, c.city + "委", c.city + "扫黑办", c.city + "扫黑除恶专项斗争领导小组办公室", c.city + "扫黑除恶专项斗争领导小组"}
		u.sign = c.city + "扫黑除恶专项斗争领导小组办公室"
		u.scope, u.self, u.parent, u.guide, u.scale, u.police = "全市", "我市", "省委、省政府", "省扫黑办", 4, true
	case "province":
		u.name = c.province
		u.names = []string{c.province, c.province + "委", c.province + "扫黑办", c.province + "扫黑除恶专项斗争领导小组办公室", c.province + "扫黑除恶专项斗争领导小组"}
		u.sign = c.province + "扫黑除恶专项斗争领导小组办公室"
		u.scope, u.self, u.parent, u.guide, u.scale, u.police = "全省", "我省", "党中央、国务院", "全国扫黑办", 20, true
	case "department":
		d := pick(r, departments)
		u.name = c.name + d.name
		u.names = []string{u.name, "县" + d.name, d.name, u.name + "党组", u.name + "党委"}
		u.sign = u.name
		u.scope, u.self, u.scale, u.police = "全系统", "我局", 0.3, d.police
		switch {
		case strings.HasSuffix(d.name, "院"):
			u.scope, u.self = "全院", "我院"
		case strings.HasSuffix(d.name, "委"):
			u.scope, u.self = "全县纪检监察机关", "我委"
		}
	case "township":
		var t string
		if chance(r, 0.2) {
			t = pick(r, streetNames)
			u.scope, u.self = "全街道", "我街道"
		} else if chance(r, 0.3) {
			t = pick(r, townStems) + "乡"
			u.scope, u.self = "全乡", "我乡"
		} else {
			t = pick(r, townStems) + "镇"
			u.scope, u.self = "全镇", "我镇"
		}
		u.name = c.name + t
		u.names = []string{u.name, t, t + "党委", t + "党委政府", u.name + "党委", u.name + "人民政府", t + "人民政府"}
		u.sign = t + "党委"
		u.scale = 0.3
	case "village":
		t := pick(r, townStems) + "镇"
		var v string
		if chance(r, 0.3) {
			v = pick(r, communities)
			u.scope, u.self = "全社区", "我社区"
		} else {
			v = pick(r, villageStem) + "村"
			u.scope, u.self = "全村", "我村"
		}
		u.name = t + v
		u.names = []string{u.name, v, c.name + u.name, v + "党支部", v + "委员会", v + "村民委员会", v + "居民委员会", t + v + "党支部"}
		u.sign = v + "党支部"
		u.parent, u.guide, u.scale = "镇党委、镇政府", "镇扫黑办", 0.05
	case "school":
		s := pick(r, schools)
		u.name = c.name + s
		u.names = []string{u.name, s, "县" + s}
		u.sign = u.name
		u.scope, u.self, u.parent, u.guide, u.scale = "全校", "我校", "县委教育工委", "县教育局", 0.08
	case "enterprise":
		e := pick(r, enterprises)
		u.name = c.name + e
		u.names = []string{u.name, short + e, e}
		u.sign = u.name
		u.scope, u.self, u.parent, u.guide, u.scale = "公司", "我公司", "县国资委", "县扫黑办", 0.08
	case "hospital":
		h := pick(r, hospitals)
		u.name = c.name + h
		u.names = []string{u.name, h, "县" + h}
		u.sign = u.name
		u.scope, u.self, u.parent, u.guide, u.scale = "全院", "我院", "县卫生健康局", "县扫黑办", 0.08
	default: // other: mass organisations have no unit-type suffix
		o := pick(r, others)
		u.name = c.name + o
		u.names = []string{u.name, "县" + o, o}
		u.sign = u.name
		u.scope, u.self, u.scale = "全县各级组织", "我会", 0.1
	}
	return u
}
