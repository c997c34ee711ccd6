package demo

import (
	"context"
	"fmt"
	"io"
	"math/rand/v2"
	"strconv"
	"strings"
	"time"

	"github.com/schollz/progressbar/v3"
	"golang.org/x/crypto/bcrypt"

	"loa"
	"loa/store"
)

// The synthetic data sets of the benchmark (demo --scale province|national): ten work
// years (2017–2026) of a whole sector, or of one province, generated from a fixed seed
// so that every run, on either engine, makes the same records. Provinces and their
// 2025 merger are the real ones (63 became 34); the districts, people and items are
// made up: names from syllable lists, titles and bodies composed from phrase lists
// about procuracy work written for loa.

// loadSyntheticScale is demo.Load for the province and national scales.
func loadSyntheticScale(ctx context.Context, db *store.DB, scale Scale, w io.Writer) error {
	size := ProvinceSize
	if scale == National {
		size = NationalSize
	}
	c, err := LoadSynthetic(ctx, db, size, w)
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "%s: %d units, %d people, %d items, %d publications, %d quotas, %d assignments\n",
		scale, c.Units, c.People, c.Items, c.Publications, c.Quotas, c.Assignments)
	return nil
}

// Size says how much LoadSynthetic makes. Provinces are taken from the real list in
// order: the first surviving province is Hưng Yên, into which Thái Bình merged.
type Size struct {
	Seed         uint64
	Provinces    int // provinces that exist throughout (≤ 34)
	Merged       int // provinces that merged into one of those on 1/7/2025 (≤ 29)
	Departments  int // departments of each provincial procuracy (≤ 14)
	Districts    int // district procuracies per province before 1/7/2025, on average
	Regionals    int // regional procuracies per surviving province from 1/7/2025
	People       int
	Items        int
	Publications int // about; the generator aims at it
}

// NationalSize is the national data set of DESIGN.md "Scale": about 2,000 units,
// 20,000 people, 300,000 items, 500,000 publications.
var NationalSize = Size{Seed: 20240626, Provinces: 34, Merged: 29, Departments: 14, Districts: 11, Regionals: 10,
	People: 20000, Items: 300000, Publications: 500000}

// ProvinceSize is one province's ten years: Hưng Yên and Thái Bình, about 6,000 items.
var ProvinceSize = Size{Seed: 20240626, Provinces: 1, Merged: 1, Departments: 12, Districts: 8, Regionals: 8,
	People: 600, Items: 6000, Publications: 10000}

// Counts is what a synthetic load wrote.
type Counts struct {
	Units, People, Postings, Items, Publications, Quotas, Assignments int
}

// The synthetic calendar: work years 2017 (from 1/12/2016) to 2026, the last day fixed
// so that the set never depends on the day it is loaded.
var (
	synthStart  = time.Date(2016, 12, 1, 0, 0, 0, 0, time.UTC)
	synthEnd    = time.Date(2026, 11, 20, 0, 0, 0, 0, time.UTC)
	mergerEnd   = time.Date(2025, 6, 30, 0, 0, 0, 0, time.UTC)
	mergerStart = time.Date(2025, 7, 1, 0, 0, 0, 0, time.UTC)
	vietnam     = time.FixedZone("ICT", 7*3600)
)

const dayFmt = "2006-01-02"

type sProvince struct {
	name   string
	city   bool
	into   int // index of the surviving province; itself when it survives
	code   string
	unitID int64
	ended  bool
	depts  []*sUnit
	dists  []*sUnit
	regs   []*sUnit
	radio  int64 // channel ids
	press  int64
}

type sUnit struct {
	id         int64
	code, name string
	short      string // how a title names it: "VKSND huyện Đông Hưng"
	area       string // the place it serves: "huyện Đông Hưng"
	kind       loa.UnitKind
	parent     int64
	from, to   time.Time // zero: unbounded
	successor  int64
	prov       *sProvince
	weight     float64
	postings   []sPosting
}

type sPosting struct {
	person   int64
	name     string
	from, to time.Time
}

func (u *sUnit) activeOn(d time.Time) bool {
	return (u.from.IsZero() || !d.Before(u.from)) && (u.to.IsZero() || !d.After(u.to))
}

func dateOrNil(t time.Time) any {
	if t.IsZero() {
		return nil
	}
	return t.Format(dayFmt)
}

// workYear is the work year (1/12 – 30/11) that d falls in.
func workYear(d time.Time) int {
	if d.Month() == time.December {
		return d.Year() + 1
	}
	return d.Year()
}

type synth struct {
	size     Size
	r        *rand.Rand
	b        *store.Bulk
	stamp    time.Time
	ids      map[string]int64 // next id by table
	units    []*sUnit
	provs    []*sProvince
	pre      picker // units writing before the merger, by weight
	post     picker // and after
	site     int64
	sector   []int64
	national []int64
	users    map[loa.Role]int64
	themes   []sTheme
	themeOn  []int // by day index: the theme due within 30 days, or -1
	counts   Counts
}

type sTheme struct {
	id    int64
	day   time.Time
	title string
	short string
}

type picker struct {
	units []*sUnit
	cum   []float64
}

func newPicker(us []*sUnit) picker {
	p := picker{units: us, cum: make([]float64, len(us))}
	t := 0.0
	for i, u := range us {
		t += u.weight
		p.cum[i] = t
	}
	return p
}

func (p picker) pick(r *rand.Rand) *sUnit {
	x := r.Float64() * p.cum[len(p.cum)-1]
	lo, hi := 0, len(p.cum)-1
	for lo < hi {
		m := (lo + hi) / 2
		if p.cum[m] < x {
			lo = m + 1
		} else {
			hi = m
		}
	}
	return p.units[lo]
}

func (s *synth) id(table string) int64 {
	s.ids[table]++
	return s.ids[table]
}

func pick[T any](r *rand.Rand, xs []T) T { return xs[r.IntN(len(xs))] }

// LoadSynthetic writes a synthetic data set of size into db, which must hold no
// units, items or people yet, showing progress on w. The same size (seed included)
// always makes the same records with the same ids.
func LoadSynthetic(ctx context.Context, db *store.DB, size Size, w io.Writer) (Counts, error) {
	size.Provinces = min(max(size.Provinces, 1), len(survivors))
	size.Merged = min(max(size.Merged, 0), len(mergedProvinces))
	size.Departments = min(max(size.Departments, 1), len(departmentNames))
	size.Districts = max(size.Districts, 1)
	size.Regionals = max(size.Regionals, 1)
	size.People = max(size.People, 1)
	s := &synth{size: size, r: rand.New(rand.NewPCG(size.Seed, size.Seed^0x9e3779b97f4a7c15)), ids: map[string]int64{},
		stamp: synthEnd.Add(18 * time.Hour), users: map[loa.Role]int64{}}
	withPlans, err := db.HasTable(ctx, "assignments")
	if err != nil {
		return s.counts, err
	}
	withSections, err := db.HasTable(ctx, "sections")
	if err != nil {
		return s.counts, err
	}
	// One bcrypt for every demo account: hashing is slow on purpose.
	hash, err := bcrypt.GenerateFromPassword([]byte(Password), store.BcryptCost)
	if err != nil {
		return s.counts, err
	}
	b, err := db.Bulk(ctx)
	if err != nil {
		return s.counts, err
	}
	defer b.Close()
	s.b = b
	tables := []string{"units", "people", "postings", "board_memberships", "contacts", "users", "channels", "items",
		"publications", "quotas"}
	if withPlans {
		tables = append(tables, "plans", "themes", "assignments", "assignment_events")
	}
	if withSections {
		tables = append(tables, "sections")
	}
	for _, t := range tables {
		if s.ids[t], err = b.MaxID(ctx, t); err != nil {
			return s.counts, err
		}
	}

	bar := progressbar.NewOptions(size.Items, progressbar.OptionSetWriter(w), progressbar.OptionSetDescription("organisation"),
		progressbar.OptionShowCount(), progressbar.OptionSetItsString("items"), progressbar.OptionShowIts(),
		progressbar.OptionThrottle(200*time.Millisecond), progressbar.OptionClearOnFinish(), progressbar.OptionSetWidth(30))
	steps := []struct {
		name string
		run  func(ctx context.Context) error
	}{
		{"units", s.makeUnits},
		{"people", s.makePeople},
		{"channels", s.makeChannels},
		{"users", func(ctx context.Context) error { return s.makeUsers(ctx, string(hash)) }},
		{"quotas", s.makeQuotas},
	}
	if withPlans {
		steps = append(steps, struct {
			name string
			run  func(ctx context.Context) error
		}{"themes", s.makeThemes})
	}
	if withSections {
		steps = append(steps, struct {
			name string
			run  func(ctx context.Context) error
		}{"sections", s.makeSections})
	}
	for _, st := range steps {
		bar.Describe(st.name)
		if err := st.run(ctx); err != nil {
			return s.counts, fmt.Errorf("synthetic %s: %w", st.name, err)
		}
	}
	bar.Describe("items")
	if err := s.makeItems(ctx, withPlans, func(n int) { bar.Add(n) }); err != nil {
		return s.counts, fmt.Errorf("synthetic items: %w", err)
	}
	bar.Describe("commit, analyze")
	if err := b.Finish(ctx, tables...); err != nil {
		return s.counts, err
	}
	bar.Finish()
	return s.counts, nil
}

// ---- organisation ----

func upperCode(name string) string {
	return strings.ToUpper(strings.ReplaceAll(loa.Slug(name, 0), "-", ""))
}

func (p *sProvince) fullName() string {
	if p.city {
		return "thành phố " + p.name
	}
	return "tỉnh " + p.name
}

func (s *synth) makeUnits(ctx context.Context) error {
	r := s.r
	var rows [][]any
	add := func(u *sUnit) {
		s.units = append(s.units, u)
		rows = append(rows, []any{u.id, u.code, u.name, string(u.kind), nullInt(u.parent), dateOrNil(u.from), dateOrNil(u.to),
			nullInt(u.successor), "", "", "", int64(1), s.stamp})
	}
	supreme := &sUnit{id: s.id("units"), code: "VKSTC", name: "Viện kiểm sát nhân dân tối cao", short: "VKSND tối cao",
		area: "cả nước", kind: loa.UnitSupreme, weight: 30 * float64(s.size.Provinces) / float64(len(survivors))}
	add(supreme)
	for i := 0; i < s.size.Provinces; i++ {
		sv := survivors[i]
		s.provs = append(s.provs, &sProvince{name: sv.name, city: sv.city, into: i})
	}
	taken := 0
	for _, m := range mergedProvinces {
		if taken == s.size.Merged {
			break
		}
		into := -1
		for i, p := range s.provs[:s.size.Provinces] {
			if p.name == m.into {
				into = i
			}
		}
		if into < 0 {
			continue
		}
		s.provs = append(s.provs, &sProvince{name: m.name, into: into, ended: true})
		taken++
	}
	// Provinces, then departments, regionals and districts: each row's parent and
	// successor are written before it.
	for _, p := range s.provs {
		p.code = upperCode(p.name)
		u := &sUnit{id: s.id("units"), code: p.code, name: "Viện kiểm sát nhân dân " + p.fullName(), short: "VKSND " + p.fullName(),
			area: p.fullName(), kind: loa.UnitProvince, parent: supreme.id, prov: p, weight: 8}
		if p.ended {
			u.to, u.successor = mergerEnd, s.provs[p.into].unitID
		}
		p.unitID = u.id
		add(u)
	}
	for _, p := range s.provs {
		for j := 0; j < s.size.Departments; j++ {
			dn := departmentNames[j]
			u := &sUnit{id: s.id("units"), code: p.code + "-" + dn.code, name: dn.name + " – VKSND " + p.fullName(),
				short: dn.name + " VKSND " + p.fullName(), area: p.fullName(), kind: loa.UnitDepartment, parent: p.unitID, prov: p, weight: 1.5}
			if p.ended {
				u.to, u.successor = mergerEnd, s.provs[p.into].depts[j].id
			}
			p.depts = append(p.depts, u)
			add(u)
		}
	}
	for _, p := range s.provs {
		if p.ended {
			continue
		}
		for j := 1; j <= s.size.Regionals; j++ {
			u := &sUnit{id: s.id("units"), code: fmt.Sprintf("%s-KV%d", p.code, j),
				name: fmt.Sprintf("Viện kiểm sát nhân dân khu vực %d – %s", j, p.name), short: fmt.Sprintf("VKSND khu vực %d – %s", j, p.name),
				area: fmt.Sprintf("khu vực %d", j), kind: loa.UnitRegional, parent: p.unitID, from: mergerStart, prov: p, weight: 4}
			p.regs = append(p.regs, u)
			add(u)
		}
	}
	// Districts: the first one is the provincial city (or a central city's first
	// district); the others get made-up names, unique within their province.
	for _, p := range s.provs {
		n := s.size.Districts
		if n > 2 {
			n += r.IntN(5) - 2
		}
		seen := map[string]bool{}
		for j := 0; j < n; j++ {
			var area string
			switch {
			case j == 0 && !p.city:
				area = "thành phố " + p.name
			default:
				for {
					name := pick(r, placeFirst) + " " + pick(r, placeSecond)
					if strings.Fields(name)[0] == strings.Fields(name)[1] || seen[name] {
						continue
					}
					seen[name] = true
					if p.city && r.IntN(3) > 0 {
						area = "quận " + name
					} else {
						area = "huyện " + name
					}
					break
				}
			}
			code := p.code + "-" + upperCode(strings.TrimPrefix(strings.TrimPrefix(strings.TrimPrefix(area, "huyện "), "quận "), "thành phố "))
			if strings.HasPrefix(area, "thành phố") {
				code = p.code + "-TP"
			}
			u := &sUnit{id: s.id("units"), code: code, name: "Viện kiểm sát nhân dân " + area, short: "VKSND " + area,
				area: area, kind: loa.UnitDistrict, parent: p.unitID, to: mergerEnd, prov: p, weight: 2}
			p.dists = append(p.dists, u)
		}
	}
	// Successors: each surviving province's regionals take its districts and those
	// of the provinces merged into it, in order.
	for i, p := range s.provs {
		if p.ended {
			continue
		}
		var group []*sUnit
		for _, q := range s.provs {
			if q.into == i {
				group = append(group, q.dists...)
			}
		}
		for k, d := range group {
			d.successor = p.regs[k*len(p.regs)/len(group)].id
		}
	}
	for _, p := range s.provs {
		for _, d := range p.dists {
			add(d)
		}
	}
	var pre, post []*sUnit
	for _, u := range s.units {
		if u.activeOn(mergerEnd) {
			pre = append(pre, u)
		}
		if u.activeOn(mergerStart) {
			post = append(post, u)
		}
	}
	s.pre, s.post = newPicker(pre), newPicker(post)
	s.counts.Units = len(rows)
	return s.b.Insert(ctx, "units", []string{"id", "code", "name", "kind", "parent_id", "valid_from", "valid_to", "successor_id",
		"address", "phone", "email", "version", "updated_at"}, rows)
}

func nullInt(id int64) any {
	if id == 0 {
		return nil
	}
	return id
}

func (s *synth) personName() string {
	r := s.r
	mid := pick(r, middleNames)
	return pick(r, familyNames) + " " + mid + " " + pick(r, givenNames)
}

// makePeople gives every unit that existed before the merger staff in proportion to
// its weight, moves a fifth of them to another unit of their province once, and
// moves the staff of every unit that ended on 30/6/2025 to its successor.
func (s *synth) makePeople(ctx context.Context) error {
	r := s.r
	var people, postings, contacts, board [][]any
	var staffed []*sUnit
	total := 0.0
	for _, u := range s.units {
		if u.from.IsZero() {
			staffed = append(staffed, u)
			total += u.weight
		}
	}
	byID := map[int64]*sUnit{}
	for _, u := range s.units {
		byID[u.id] = u
	}
	post := func(p int64, name string, u *sUnit, position string, from, to time.Time) {
		postings = append(postings, []any{s.id("postings"), p, u.id, position, from.Format(dayFmt), dateOrNil(to)})
		u.postings = append(u.postings, sPosting{person: p, name: name, from: from, to: to})
	}
	n := 0
	for i, u := range staffed {
		k := max(1, int(float64(s.size.People)*u.weight/total))
		if i == len(staffed)-1 {
			k = max(1, s.size.People-n)
		}
		for j := 0; j < k; j++ {
			n++
			id := s.id("people")
			name := s.personName()
			title := pick(r, staffTitles)
			people = append(people, []any{id, name, loa.Fold(name), title, "", "", int64(1), s.stamp})
			position := title
			if j == 0 {
				position = headPosition(u)
			}
			from := time.Date(2005+r.IntN(12), time.Month(1+r.IntN(12)), 1, 0, 0, 0, 0, time.UTC)
			at := u
			if j > 0 && u.prov != nil && r.IntN(5) == 0 {
				// Rotation to another unit of the province that exists until the merger.
				moved := time.Date(2018+r.IntN(7), time.Month(1+r.IntN(12)), 1, 0, 0, 0, 0, time.UTC)
				if moved.After(mergerEnd) {
					moved = time.Date(2025, 3, 1, 0, 0, 0, 0, time.UTC)
				}
				post(id, name, u, position, from, moved.AddDate(0, 0, -1))
				opts := append(append([]*sUnit{}, u.prov.depts...), u.prov.dists...)
				at = pick(r, opts)
				from = moved
			}
			if !at.to.IsZero() {
				post(id, name, at, position, from, at.to)
				post(id, name, byID[at.successor], position, at.to.AddDate(0, 0, 1), time.Time{})
			} else {
				post(id, name, at, position, from, time.Time{})
			}
			if u.kind == loa.UnitSupreme && j < 6 {
				board = append(board, []any{s.id("board_memberships"), id, string(boardRoles[j]), boardDuties[j], "2017-01-01", nil})
			}
		}
	}
	// A contact person for every district and regional procuracy.
	for _, u := range s.units {
		if (u.kind != loa.UnitDistrict && u.kind != loa.UnitRegional) || len(u.postings) == 0 {
			continue
		}
		c := u.postings[r.IntN(len(u.postings))]
		from := synthStart
		if u.from.After(from) {
			from = u.from
		}
		contacts = append(contacts, []any{s.id("contacts"), u.id, c.person, fmt.Sprintf("09%08d", r.IntN(100000000)),
			fmt.Sprintf("daumoi.%s@vks.example", strings.ToLower(u.code)), from.Format(dayFmt), dateOrNil(u.to)})
	}
	s.counts.People, s.counts.Postings = len(people), len(postings)
	if err := s.b.Insert(ctx, "people", []string{"id", "name", "name_fold", "title", "phone", "email", "version", "updated_at"}, people); err != nil {
		return err
	}
	if err := s.b.Insert(ctx, "postings", []string{"id", "person_id", "unit_id", "position", "date_from", "date_to"}, postings); err != nil {
		return err
	}
	if err := s.b.Insert(ctx, "contacts", []string{"id", "unit_id", "person_id", "phone", "email", "date_from", "date_to"}, contacts); err != nil {
		return err
	}
	return s.b.Insert(ctx, "board_memberships", []string{"id", "person_id", "role", "duties", "date_from", "date_to"}, board)
}

func headPosition(u *sUnit) string {
	switch u.kind {
	case loa.UnitDepartment:
		return "Trưởng phòng"
	default:
		return "Viện trưởng"
	}
}

func (s *synth) makeChannels(ctx context.Context) error {
	var rows [][]any
	add := func(code, name string, t loa.ChannelType, url string) int64 {
		id := s.id("channels")
		rows = append(rows, []any{id, code, name, string(t), url})
		return id
	}
	siteName := "Trang thông tin điện tử ngành Kiểm sát nhân dân"
	if s.size.Provinces == 1 {
		siteName = "Trang thông tin điện tử VKSND " + s.provs[0].fullName()
	}
	s.site = add("site", siteName, loa.ChannelSite, "")
	s.sector = []int64{
		add("vksndtc", "Cổng thông tin điện tử VKSND tối cao", loa.ChannelSector, "https://vksndtc.gov.vn"),
		add("bvpl", "Báo Bảo vệ pháp luật", loa.ChannelSector, "https://baovephapluat.vn"),
		add("tcks", "Tạp chí Kiểm sát", loa.ChannelSector, "https://kiemsat.vn"),
	}
	s.national = []int64{
		add("nhandan", "Báo Nhân Dân", loa.ChannelPress, ""),
		add("plvn", "Báo Pháp luật Việt Nam", loa.ChannelPress, ""),
	}
	for _, p := range s.provs {
		p.radio = add("ptth-"+strings.ToLower(p.code), "Đài Phát thanh và Truyền hình "+p.name, loa.ChannelRadioTV, "")
		p.press = add("bao-"+strings.ToLower(p.code), "Báo "+p.name, loa.ChannelPress, "")
	}
	return s.b.Insert(ctx, "channels", []string{"id", "code", "name", "type", "url"}, rows)
}

func (s *synth) makeUsers(ctx context.Context, hash string) error {
	// The contributor writes for the first regional procuracy of the first province.
	contributorUnit := s.provs[0].regs[0].id
	var rows [][]any
	for _, u := range []struct {
		email, name string
		role        loa.Role
		unit        int64
	}{
		{"admin@loa.example", "Quản trị hệ thống", loa.RoleAdmin, 0},
		{"lanhdao@loa.example", "Lãnh đạo Ban tuyên truyền", loa.RoleLeader, 0},
		{"thuky@loa.example", "Thư ký Ban tuyên truyền", loa.RoleSecretary, 0},
		{"bientap@loa.example", "Biên tập viên", loa.RoleEditor, 0},
		{"congtacvien@loa.example", "Cộng tác viên khu vực 1", loa.RoleContributor, contributorUnit},
		{"xem@loa.example", "Thành viên Ban", loa.RoleViewer, 0},
	} {
		id := s.id("users")
		s.users[u.role] = id
		rows = append(rows, []any{id, u.email, u.name, string(u.role), nullInt(u.unit), hash, true, "vi", s.stamp, s.stamp})
	}
	return s.b.Insert(ctx, "users", []string{"id", "email", "name", "role", "unit_id", "password_hash", "active", "lang",
		"created_at", "updated_at"}, rows)
}

// makeQuotas sets, for every unit and work year it existed in, a yearly target near
// what its weight makes it write (so that some meet it and some do not), half-year
// targets for procuracies, and a research target for provincial procuracies.
func (s *synth) makeQuotas(ctx context.Context) error {
	r := s.r
	perDay := float64(s.size.Items) / (synthEnd.Sub(synthStart).Hours()/24 + 1)
	var rows [][]any
	add := func(u *sUnit, period, kind string, target int) {
		rows = append(rows, []any{s.id("quotas"), u.id, period, kind, int64(max(target, 1))})
	}
	for y := 2017; y <= 2026; y++ {
		from := time.Date(y-1, 12, 1, 0, 0, 0, 0, time.UTC)
		to := time.Date(y, 11, 30, 0, 0, 0, 0, time.UTC)
		for _, u := range s.units {
			// Expected items: days in each era times the unit's share of that era.
			exp := 0.0
			for _, era := range []struct {
				from, to time.Time
				p        picker
			}{{from, minTime(to, mergerEnd), s.pre}, {maxTime(from, mergerStart), to, s.post}} {
				a, b := maxTime(era.from, u.from), era.to
				if !u.to.IsZero() {
					b = minTime(b, u.to)
				}
				if b.Before(a) {
					continue
				}
				exp += (b.Sub(a).Hours()/24 + 1) * perDay * u.weight / era.p.cum[len(era.p.cum)-1]
			}
			if exp == 0 {
				continue
			}
			target := int(exp * (0.8 + 0.45*r.Float64()))
			add(u, strconv.Itoa(y), loa.QuotaKindAny, target)
			if u.kind != loa.UnitDepartment && exp >= 4 {
				add(u, fmt.Sprintf("%d-H1", y), loa.QuotaKindAny, int(float64(target)*(0.45+0.1*r.Float64())))
				add(u, fmt.Sprintf("%d-H2", y), loa.QuotaKindAny, int(float64(target)*(0.45+0.1*r.Float64())))
			}
			if u.kind == loa.UnitProvince {
				add(u, strconv.Itoa(y), string(loa.KindResearch), 2+r.IntN(3))
			}
		}
	}
	s.counts.Quotas = len(rows)
	return s.b.Insert(ctx, "quotas", []string{"id", "unit_id", "period", "kind", "target"}, rows)
}

func minTime(a, b time.Time) time.Time {
	if a.Before(b) {
		return a
	}
	return b
}

func maxTime(a, b time.Time) time.Time {
	if a.After(b) {
		return a
	}
	return b
}

// makeThemes writes a plan and the anniversaries of every work year as themes; items
// written before an anniversary fulfil assignments on it (makeItems).
func (s *synth) makeThemes(ctx context.Context) error {
	var plans, themes [][]any
	days := int(synthEnd.Sub(synthStart).Hours()/24) + 1
	s.themeOn = make([]int, days)
	for i := range s.themeOn {
		s.themeOn[i] = -1
	}
	for y := 2017; y <= 2026; y++ {
		plans = append(plans, []any{s.id("plans"), int64(y), fmt.Sprintf("%02d/KH-VKSTC", 10+y%7), fmt.Sprintf("Kế hoạch công tác tuyên truyền năm %d", y),
			fmt.Sprintf("%d-01-%02d", y, 15+y%10), nil, "", int64(1), s.stamp})
		for _, a := range anniversaries {
			day := time.Date(y, a.month, a.day, 0, 0, 0, 0, time.UTC)
			n := y - a.since
			t := sTheme{id: s.id("themes"), day: day, title: fmt.Sprintf(a.title, n, y), short: fmt.Sprintf(a.short, n)}
			themes = append(themes, []any{t.id, strconv.Itoa(y), t.title, a.desc, day.Format(dayFmt), int64(1), s.stamp})
			k := len(s.themes)
			s.themes = append(s.themes, t)
			for d := day.AddDate(0, 0, -30); !d.After(day); d = d.AddDate(0, 0, 1) {
				i := int(d.Sub(synthStart).Hours() / 24)
				if i >= 0 && i < days && s.themeOn[i] < 0 {
					s.themeOn[i] = k
				}
			}
		}
	}
	if err := s.b.Insert(ctx, "plans", []string{"id", "year", "number", "title", "issued_on", "document_id", "note", "version", "updated_at"}, plans); err != nil {
		return err
	}
	return s.b.Insert(ctx, "themes", []string{"id", "period", "title", "description", "day", "version", "updated_at"}, themes)
}

func (s *synth) makeSections(ctx context.Context) error {
	var rows [][]any
	for i, sec := range sections {
		rows = append(rows, []any{s.id("sections"), sec.slug, sec.name, "", sec.kinds, sec.topics, int64(i + 1), true, int64(1), s.stamp})
	}
	return s.b.Insert(ctx, "sections", []string{"id", "slug", "name", "description", "kinds", "topics", "position", "on_home",
		"version", "updated_at"}, rows)
}

// ---- items ----

type itemBatch struct {
	items, authors, pubs, assignments, events [][]any
}

var (
	itemCols   = []string{"id", "kind", "unit_id", "title", "summary", "body", "topic", "status", "slug", "published_at", "first_pub", "search_text", "version", "created_at", "updated_at"}
	authorCols = []string{"item_id", "position", "person_id", "name"}
	pubCols    = []string{"id", "item_id", "channel_id", "published_on", "url", "note", "withdrawn"}
	asgCols    = []string{"id", "theme_id", "unit_id", "person_id", "kind", "title", "note", "due_on", "state", "item_id", "created_on", "created_by", "version", "created_at", "updated_at"}
	eventCols  = []string{"id", "assignment_id", "at", "actor_id", "actor", "from_state", "to_state", "note"}
)

const batchItems = 2000

// makeItems generates the items in date order in one goroutine and writes them in
// another, so that composing text and folding it overlap with the database's work.
func (s *synth) makeItems(ctx context.Context, withPlans bool, progress func(int)) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	ch := make(chan *itemBatch, 2)
	go func() {
		defer close(ch)
		s.generate(ctx, withPlans, ch)
	}()
	for bt := range ch {
		for _, t := range []struct {
			table string
			cols  []string
			rows  [][]any
		}{{"items", itemCols, bt.items}, {"item_authors", authorCols, bt.authors}, {"publications", pubCols, bt.pubs},
			{"assignments", asgCols, bt.assignments}, {"assignment_events", eventCols, bt.events}} {
			if err := s.b.Insert(ctx, t.table, t.cols, t.rows); err != nil {
				cancel()
				for range ch {
				}
				return err
			}
		}
		s.counts.Items += len(bt.items)
		s.counts.Publications += len(bt.pubs)
		s.counts.Assignments += len(bt.assignments)
		progress(len(bt.items))
	}
	return ctx.Err()
}

func (s *synth) generate(ctx context.Context, withPlans bool, ch chan<- *itemBatch) {
	r := s.r
	days := int(synthEnd.Sub(synthStart).Hours()/24) + 1
	n := s.size.Items
	pubItems := float64(n) * 0.985
	// Extra channels per published item: binomial(3, q), so that the total comes
	// near the Publications asked for.
	q := min(max((float64(s.size.Publications)-pubItems)/pubItems/3, 0), 1)
	bt := &itemBatch{}
	var tb textBuilder
	for i := 0; i < n; i++ {
		dayIdx := int(int64(i) * int64(days) / int64(n))
		day := synthStart.AddDate(0, 0, dayIdx)
		p := s.pre
		if day.After(mergerEnd) {
			p = s.post
		}
		u := p.pick(r)
		kind := pickKind(r, u)
		id := s.id("items")

		// An assignment on the coming anniversary, fulfilled by this item.
		theme := -1
		if withPlans && s.themeOn != nil && s.themeOn[dayIdx] >= 0 && u.kind != loa.UnitDepartment && r.IntN(12) == 0 {
			theme = s.themeOn[dayIdx]
		}
		c := tb.compose(r, u, kind, day, theme, s.themes)

		status := loa.StatusPublished
		recent := synthEnd.Sub(day) < 15*24*time.Hour
		switch {
		case recent && r.IntN(10) < 3:
			status = pick(r, []loa.Status{loa.StatusDraft, loa.StatusSubmitted, loa.StatusReturned, loa.StatusApproved})
		case r.IntN(300) == 0:
			status = loa.StatusWithdrawn
		}
		// Authors: staff posted at the unit that day, or a free name (a reporter).
		var authors []string
		na := 1
		if x := r.IntN(20); x >= 15 {
			na = 2 + x/19
		}
		for k := 0; k < na; k++ {
			var pid any
			name := ""
			if len(u.postings) > 0 && r.IntN(12) > 0 {
				for try := 0; try < 6; try++ {
					ps := u.postings[r.IntN(len(u.postings))]
					if !day.Before(ps.from) && (ps.to.IsZero() || !day.After(ps.to)) || try == 5 {
						pid, name = ps.person, ps.name
						break
					}
				}
			} else {
				name = s.personName()
			}
			if slicesContains(authors, name) {
				continue
			}
			authors = append(authors, name)
			bt.authors = append(bt.authors, []any{id, int64(len(authors)), pid, name})
		}

		local := time.Date(day.Year(), day.Month(), day.Day(), 7+r.IntN(14), r.IntN(60), 0, 0, vietnam)
		publishedAt := any(nil)
		firstPub := any(nil)
		created := local.Add(-time.Duration(1+r.IntN(72)) * time.Hour).UTC()
		slug := loa.Slug(c.title, 100)
		if status == loa.StatusPublished || status == loa.StatusWithdrawn {
			onSite := r.IntN(100) < 93 || status == loa.StatusWithdrawn
			used := map[int64]bool{}
			first := day.Format(dayFmt)
			if onSite {
				publishedAt = local.UTC()
				used[s.site] = true
				bt.pubs = append(bt.pubs, []any{s.id("publications"), id, s.site, first, fmt.Sprintf("/tin/%s-%d", slug, id), "", status == loa.StatusWithdrawn})
			}
			if status == loa.StatusPublished {
				firstPub = first
				extra := 0
				for k := 0; k < 3; k++ {
					if r.Float64() < q {
						extra++
					}
				}
				if !onSite {
					extra = max(extra, 1)
				}
				for k := 0; k < extra; k++ {
					chID := s.channelFor(r, u, kind)
					if used[chID] {
						continue
					}
					on := day
					if onSite || k > 0 {
						on = day.AddDate(0, 0, r.IntN(15))
					}
					if !onSite && k == 0 {
						on = day
					}
					used[chID] = true
					bt.pubs = append(bt.pubs, []any{s.id("publications"), id, chID, on.Format(dayFmt), "", "", false})
				}
			}
		}
		search := store.SearchText(c.title, c.summary, c.body, authors, u.name)
		bt.items = append(bt.items, []any{id, string(kind), u.id, c.title, c.summary, c.body, c.topic, string(status), slug,
			publishedAt, firstPub, search, int64(1), created, maxTime(created, local.UTC())})

		if theme >= 0 {
			t := s.themes[theme]
			state := loa.AssignmentDone
			switch status {
			case loa.StatusDraft, loa.StatusReturned:
				state = loa.AssignmentInProgress
			case loa.StatusSubmitted, loa.StatusApproved:
				state = loa.AssignmentSubmitted
			}
			createdOn := maxTime(day.AddDate(0, 0, -10-r.IntN(20)), synthStart)
			aid := s.id("assignments")
			sec := s.users[loa.RoleSecretary]
			at := createdOn.Add(9 * time.Hour)
			bt.assignments = append(bt.assignments, []any{aid, t.id, u.id, nil, string(kind), "Tin, bài hưởng ứng " + t.short, "",
				t.day.Format(dayFmt), string(state), id, createdOn.Format(dayFmt), sec, int64(1), at, maxTime(at, local.UTC())})
			bt.events = append(bt.events, []any{s.id("assignment_events"), aid, at, sec, "Thư ký Ban tuyên truyền", "", string(loa.AssignmentAssigned), ""})
			if state != loa.AssignmentAssigned {
				bt.events = append(bt.events, []any{s.id("assignment_events"), aid, maxTime(at, local.UTC()), sec, "Thư ký Ban tuyên truyền",
					string(loa.AssignmentAssigned), string(state), ""})
			}
		}

		if len(bt.items) == batchItems || i == n-1 {
			select {
			case ch <- bt:
			case <-ctx.Done():
				return
			}
			bt = &itemBatch{}
		}
	}
}

func slicesContains(xs []string, x string) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}

func pickKind(r *rand.Rand, u *sUnit) loa.ItemKind {
	x := r.IntN(100)
	research := 6
	if u.kind == loa.UnitProvince || u.kind == loa.UnitDepartment || u.kind == loa.UnitSupreme {
		research = 10
	}
	switch {
	case x < research:
		return loa.KindResearch
	case x < research+14:
		return loa.KindArticle
	case x < research+18:
		return loa.KindReportage
	case x < research+24:
		return loa.KindPhoto
	case x < research+26:
		return loa.KindVideo
	}
	return loa.KindNews
}

// channelFor picks an outlet other than the site: the sector's own for research,
// the province's radio-TV for reportage and video, a mix for the rest.
func (s *synth) channelFor(r *rand.Rand, u *sUnit, kind loa.ItemKind) int64 {
	prov := u.prov
	if prov == nil {
		prov = s.provs[0]
	}
	switch kind {
	case loa.KindResearch:
		if r.IntN(3) == 0 {
			return s.sector[2]
		}
		return s.sector[r.IntN(2)]
	case loa.KindReportage, loa.KindVideo:
		if r.IntN(4) > 0 {
			return prov.radio
		}
	}
	switch x := r.IntN(100); {
	case x < 30:
		return s.sector[0]
	case x < 45:
		return s.sector[1]
	case x < 70:
		return prov.radio
	case x < 92:
		return prov.press
	default:
		return pick(r, s.national)
	}
}
