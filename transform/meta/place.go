package meta

// Place resolution: which province, prefecture and county the reporting unit
// belongs to.
//
// Rules:
//   - Division names are found leftmost-longest in the unit name, the title,
//     the file name, the preamble, the signature block and the body; a mention
//     weighs more the closer it is to the unit's own identity
//     (unit name > title/file name > signature > preamble > body).
//   - Suffix-less forms (汉中, 陕西) count only in the unit name, title, file
//     name and signature, never in the body, and never when they are ordinary
//     words (长治久安, 平安…, see shortStop).
//   - County short forms, two-character county names and common phrases
//     (城区, 老城区) count only when their prefecture or province is also
//     mentioned.
//   - A division in the unit name anchors the search: a county there is the
//     answer; a prefecture or province there bounds it, and the unit's own
//     level stops it (汉中市公安局 is a prefecture-level bureau, no county).
//   - A county-type unit whose name is redacted (xx县) never takes a county
//     from the body: the counties a report mentions are then other counties.
//   - Among candidates the highest own+parent score wins; an unbroken tie
//     between different divisions (永和县 without 山西/临汾) stays unresolved.

type place struct {
	prov, city, county int // -1 when unknown
	ev                 map[int]string
}

const (
	wBody      = 1
	wHead      = 2
	wSignature = 3
	wTitle     = 5
	wFile      = 4
	wUnit      = 10
)

func resolvePlace(ix *divIndex, unitMentions, mentions []mention, unitType string, text func(mention) string) place {
	pl := place{prov: -1, city: -1, county: -1, ev: map[int]string{}}
	all := append(append([]mention(nil), unitMentions...), mentions...)
	// Drop suffix-less forms found in weakly weighted zones.
	kept := all[:0]
	for _, m := range all {
		if m.short && m.weight < wSignature {
			continue
		}
		kept = append(kept, m)
	}
	all = kept

	own := map[int]int{}
	best := map[int]mention{} // heaviest mention per division, for evidence
	credit := func(d int, m mention) {
		own[d] += m.weight
		if b, ok := best[d]; !ok || m.weight > b.weight {
			best[d] = m
		}
	}
	for _, m := range all {
		if ix.weak(m) {
			continue
		}
		for _, d := range m.divs {
			credit(d, m)
		}
	}
	supported := func(d int) bool {
		for _, lv := range []int{levelCity, levelProvince} {
			if p := ix.parent(d, lv); p >= 0 && own[p] > 0 {
				return true
			}
		}
		return false
	}
	for _, m := range all {
		if !ix.weak(m) {
			continue
		}
		for _, d := range m.divs {
			if supported(d) {
				credit(d, m)
			}
		}
	}
	total := func(d int) int {
		t := own[d]
		for _, lv := range []int{levelCity, levelProvince} {
			if p := ix.parent(d, lv); p >= 0 {
				t += own[p]
			}
		}
		return t
	}

	// Anchor: the most specific division named in the unit name itself.
	anchor := -1
	for _, m := range unitMentions {
		if ix.weak(m) && !anyOf(m.divs, func(d int) bool { return supported(d) }) {
			continue
		}
		d := pickBest(ix, m.divs, total)
		if d >= 0 && (anchor < 0 || ix.divs[d].Level > ix.divs[anchor].Level) {
			anchor = d
		}
	}

	choose := func(level int) int {
		bestD, bestT, tie := -1, 0, false
		for d, o := range own {
			if o == 0 || ix.divs[d].Level != level {
				continue
			}
			if anchor >= 0 && !ix.within(d, anchor) {
				continue
			}
			t := total(d)
			// A lone body mention is not enough to place the unit.
			if own[d] < 2 && t == own[d] {
				continue
			}
			switch {
			case t > bestT:
				bestD, bestT, tie = d, t, false
			case t == bestT && d != bestD:
				tie = true
			}
		}
		if tie {
			return -1
		}
		return bestD
	}

	stopAt := levelCounty // deepest level we may fill
	if anchor >= 0 {
		switch {
		case ix.divs[anchor].Level == levelCounty:
			stopAt = 0 // resolved by the name
		case unitType == "city" || unitType == "province" || unitType == "department" || unitType == "county":
			stopAt = 0
		}
	} else {
		switch unitType {
		case "county":
			stopAt = levelCity
		case "city":
			stopAt = levelProvince
		case "province":
			stopAt = 0
		}
	}

	var d int = -1
	if anchor >= 0 {
		d = anchor
	}
	if stopAt >= levelCounty {
		if c := choose(levelCounty); c >= 0 {
			d = c
		}
	}
	if (d < 0 || ix.divs[d].Level < levelCity) && stopAt >= levelCity {
		if c := choose(levelCity); c >= 0 {
			d = c
		}
	}
	if d < 0 && stopAt >= levelProvince {
		d = choose(levelProvince)
	}
	if d < 0 {
		return pl
	}
	switch ix.divs[d].Level {
	case levelCounty:
		pl.county = d
		pl.city = ix.parent(d, levelCity)
		pl.prov = ix.parent(d, levelProvince)
	case levelCity:
		pl.city = d
		pl.prov = ix.parent(d, levelProvince)
	default:
		pl.prov = d
	}
	for _, x := range []int{pl.prov, pl.city, pl.county} {
		if x >= 0 {
			if m, ok := best[x]; ok {
				pl.ev[x] = text(m)
			}
		}
	}
	return pl
}

// pickBest resolves an ambiguous name to the candidate with the strictly best
// score, or -1.
func pickBest(ix *divIndex, divs []int, total func(int) int) int {
	if len(divs) == 1 {
		return divs[0]
	}
	bestD, bestT, tie := -1, -1, false
	for _, d := range divs {
		t := total(d)
		switch {
		case t > bestT:
			bestD, bestT, tie = d, t, false
		case t == bestT:
			tie = true
		}
	}
	if tie {
		return -1
	}
	return bestD
}

func anyOf(xs []int, f func(int) bool) bool {
	for _, x := range xs {
		if f(x) {
			return true
		}
	}
	return false
}
