// Package demo loads demonstration data: the Thái Bình procuracy of DOMAIN.md as it
// was until 30/6/2025 and its regional successors after, fictional staff (the people
// named in the seed article excepted), a Board, contacts, channels and one user per
// role. Each feature adds its own demo records in a step of the list steps.
package demo

import (
	"context"
	"fmt"
	"io"

	"github.com/schollz/progressbar/v3"

	"loa"
	"loa/store"
)

// Scale is the size of a demo data set.
type Scale string

// The scales of CONTRACTS.md.
const (
	Small    Scale = "small"
	Province Scale = "province"
	National Scale = "national"
)

// Login is a demo account, printed by loa serve --demo.
type Login struct {
	Role     loa.Role
	Email    string
	Password string
}

// Password is every demo account's password: the demo is for trying loa, never for
// production, and the README says so.
const Password = "loa-demo-2024"

// Step adds one feature's demo records; steps run in order after the organisation.
type Step struct {
	Name string
	Run  func(ctx context.Context, db *store.DB, d *Data) error
}

// steps are the feature steps, in the order they run; a step may refer to the
// records of the steps before it, so a new one goes where its references are met.
var steps = []Step{
	{Name: "board", Run: boardStep},
	{Name: "items", Run: demoItems},
	{Name: "nominations", Run: nominationsStep},
	{Name: "plans", Run: plans},
	{Name: "site", Run: siteDemo},
}

// Data is what the organisation step made, for later steps to refer to.
type Data struct {
	Units    map[string]*loa.Unit   // by code
	People   map[string]*loa.Person // by name
	Channels map[string]*loa.Channel
	Users    map[loa.Role]*loa.User
}

// LoadIfEmpty loads the demo at scale into db when db holds no data, showing progress
// on w. It returns the logins it created, or none when the database was not empty.
func LoadIfEmpty(ctx context.Context, db *store.DB, scale Scale, w io.Writer) ([]Login, error) {
	has, err := db.HasData(ctx)
	if err != nil || has {
		return nil, err
	}
	return Load(ctx, db, scale, w)
}

// Load loads the demo at scale into db.
func Load(ctx context.Context, db *store.DB, scale Scale, w io.Writer) ([]Login, error) {
	if scale != Small {
		return nil, loadSyntheticScale(ctx, db, scale, w)
	}
	bar := progressbar.NewOptions(1+len(steps), progressbar.OptionSetWriter(w), progressbar.OptionSetDescription("demo"),
		progressbar.OptionClearOnFinish())
	d, logins, err := organisation(ctx, db)
	if err != nil {
		return nil, fmt.Errorf("organisation: %w", err)
	}
	bar.Add(1)
	for _, s := range steps {
		if err := s.Run(ctx, db, d); err != nil {
			return nil, fmt.Errorf("%s: %w", s.Name, err)
		}
		bar.Add(1)
	}
	bar.Finish()
	return logins, nil
}

func date(s string) loa.Date {
	d, err := loa.ParseDate(s)
	if err != nil {
		panic(err)
	}
	return d
}

// District procuracies of Thái Bình, their regional successors from 1/7/2025 (the
// grouping here is the demo's own), and each one's fictional contact person.
var districts = []struct{ code, name, successor, contact string }{
	{"TB-TPTB", "Viện kiểm sát nhân dân thành phố Thái Bình", "HY-KV5", "Trần Thị Mai"},
	{"TB-DONGHUNG", "Viện kiểm sát nhân dân huyện Đông Hưng", "HY-KV6", "Lê Văn Hùng"},
	{"TB-HUNGHA", "Viện kiểm sát nhân dân huyện Hưng Hà", "HY-KV6", "Đỗ Thị Hằng"},
	{"TB-QUYNHPHU", "Viện kiểm sát nhân dân huyện Quỳnh Phụ", "HY-KV7", "Vũ Minh Tuấn"},
	{"TB-THAITHUY", "Viện kiểm sát nhân dân huyện Thái Thụy", "HY-KV7", "Phạm Thu Trang"},
	{"TB-TIENHAI", "Viện kiểm sát nhân dân huyện Tiền Hải", "HY-KV8", "Nguyễn Đức Long"},
	{"TB-KIENXUONG", "Viện kiểm sát nhân dân huyện Kiến Xương", "HY-KV8", "Hoàng Thị Lan"},
	{"TB-VUTHU", "Viện kiểm sát nhân dân huyện Vũ Thư", "HY-KV5", "Bùi Văn Nam"},
}

var departments = []struct{ code, name string }{
	{"TB-VP", "Văn phòng"}, {"TB-TTRA", "Thanh tra"},
	{"TB-P1", "Phòng 1"}, {"TB-P2", "Phòng 2"}, {"TB-P3", "Phòng 3"}, {"TB-P7", "Phòng 7"}, {"TB-P8", "Phòng 8"},
	{"TB-P9", "Phòng 9"}, {"TB-P10", "Phòng 10"}, {"TB-P11", "Phòng 11"}, {"TB-P12", "Phòng 12"}, {"TB-P15", "Phòng 15"},
}

func organisation(ctx context.Context, db *store.DB) (*Data, []Login, error) {
	d := &Data{Units: map[string]*loa.Unit{}, People: map[string]*loa.Person{}, Channels: map[string]*loa.Channel{}, Users: map[loa.Role]*loa.User{}}
	add := func(u *loa.Unit) error {
		if err := db.SaveUnit(ctx, u); err != nil {
			return fmt.Errorf("unit %s: %w", u.Code, err)
		}
		d.Units[u.Code] = u
		return nil
	}
	merger := date("2025-07-01")
	ended := date("2025-06-30")
	for _, u := range []*loa.Unit{
		{Code: "VKSTC", Name: "Viện kiểm sát nhân dân tối cao", Kind: loa.UnitSupreme, Address: "44 Lý Thường Kiệt, Hà Nội"},
		{Code: "HY", Name: "Viện kiểm sát nhân dân tỉnh Hưng Yên", Kind: loa.UnitProvince, ParentCode: "VKSTC"},
		{Code: "TB", Name: "Viện kiểm sát nhân dân tỉnh Thái Bình", Kind: loa.UnitProvince, ParentCode: "VKSTC",
			ValidTo: ended, SuccessorCode: "HY", Address: "Thành phố Thái Bình, tỉnh Thái Bình", Phone: "0227 3831 xxx"},
	} {
		if err := add(u); err != nil {
			return nil, nil, err
		}
	}
	for _, dp := range departments {
		if err := add(&loa.Unit{Code: dp.code, Name: dp.name, Kind: loa.UnitDepartment, ParentCode: "TB", ValidTo: ended}); err != nil {
			return nil, nil, err
		}
	}
	for i := 1; i <= 8; i++ {
		code := fmt.Sprintf("HY-KV%d", i)
		if err := add(&loa.Unit{Code: code, Name: fmt.Sprintf("Viện kiểm sát nhân dân khu vực %d – Hưng Yên", i), Kind: loa.UnitRegional,
			ParentCode: "HY", ValidFrom: merger}); err != nil {
			return nil, nil, err
		}
	}
	for _, ds := range districts {
		if err := add(&loa.Unit{Code: ds.code, Name: ds.name, Kind: loa.UnitDistrict, ParentCode: "TB", ValidTo: ended, SuccessorCode: ds.successor}); err != nil {
			return nil, nil, err
		}
	}

	person := func(name, title, unit, position string, from loa.Date) (*loa.Person, error) {
		p := &loa.Person{Name: name, Title: title}
		if err := db.SavePerson(ctx, p); err != nil {
			return nil, err
		}
		if err := db.AddPosting(ctx, &loa.Posting{PersonID: p.ID, UnitID: d.Units[unit].ID, Position: position, From: from}); err != nil {
			return nil, err
		}
		d.People[name] = p
		return p, nil
	}
	since := date("2020-01-01")
	board := []struct {
		name, title, unit, position string
		role                        loa.BoardRole
		duties                      string
	}{
		{"Phạm Viết Vượng", "Phó Viện trưởng", "TB", "Phó Viện trưởng", loa.BoardHead, "Chỉ đạo chung công tác tuyên truyền"},
		{"Nguyễn Anh Đức", "Phó Viện trưởng", "TB", "Phó Viện trưởng", loa.BoardDeputy, "Phụ trách nội dung nghiệp vụ"},
		{"Bùi Thảo", "Chuyên viên", "TB-VP", "Chuyên viên", loa.BoardSecretary, "Tổng hợp, báo cáo; biên tập trang tin"},
		{"Ngô Thị Thu Hà", "Kiểm sát viên", "TB-P1", "Phó Trưởng phòng", loa.BoardMember, "Theo dõi khối phòng nghiệp vụ"},
		{"Đặng Quốc Khánh", "Kiểm sát viên", "TB-P2", "Trưởng phòng", loa.BoardMember, "Bài nghiên cứu, trao đổi"},
		{"Trịnh Văn Sơn", "Kiểm sát viên", "TB-TTRA", "Chánh Thanh tra", loa.BoardMember, "Thi đua, khen thưởng"},
	}
	for _, b := range board {
		p, err := person(b.name, b.title, b.unit, b.position, since)
		if err != nil {
			return nil, nil, err
		}
		if err := db.AddMembership(ctx, &loa.Membership{PersonID: p.ID, Role: b.role, Duties: b.duties, From: date("2023-03-01")}); err != nil {
			return nil, nil, err
		}
	}
	// A member who left the Board when rotated to a district: the Board's history.
	moved, err := person("Lương Thị Yến", "Kiểm sát viên", "TB-P3", "Kiểm sát viên", since)
	if err != nil {
		return nil, nil, err
	}
	m := &loa.Membership{PersonID: moved.ID, Role: loa.BoardMember, Duties: "Theo dõi khối cấp huyện", From: date("2023-03-01")}
	if err := db.AddMembership(ctx, m); err != nil {
		return nil, nil, err
	}
	if err := db.EndMembership(ctx, m.ID, date("2024-02-29")); err != nil {
		return nil, nil, err
	}
	if err := db.AddPosting(ctx, &loa.Posting{PersonID: moved.ID, UnitID: d.Units["TB-VUTHU"].ID, Position: "Phó Viện trưởng", From: date("2024-03-01")}); err != nil {
		return nil, nil, err
	}
	for i, ds := range districts {
		p, err := person(ds.contact, "Kiểm sát viên", ds.code, "Kiểm sát viên", since)
		if err != nil {
			return nil, nil, err
		}
		if err := db.SetContact(ctx, &loa.Contact{UnitID: d.Units[ds.code].ID, PersonID: p.ID, Phone: fmt.Sprintf("0912 000 %03d", 100+i),
			Email: fmt.Sprintf("daumoi%d@vks-thaibinh.example", i+1), From: date("2024-06-15")}); err != nil {
			return nil, nil, err
		}
	}
	// The merger: the Hưng Hà contact moved to its successor, Khu vực 6, on 1/7/2025,
	// and is the demo's contributor there.
	if err := db.AddPosting(ctx, &loa.Posting{PersonID: d.People["Đỗ Thị Hằng"].ID, UnitID: d.Units["HY-KV6"].ID,
		Position: "Kiểm sát viên", From: merger}); err != nil {
		return nil, nil, err
	}
	for _, c := range []*loa.Channel{
		{Code: "site", Name: "Trang thông tin điện tử VKSND tỉnh Thái Bình", Type: loa.ChannelSite},
		{Code: "vksndtc", Name: "Cổng thông tin điện tử VKSND tối cao", Type: loa.ChannelSector},
		{Code: "bvpl", Name: "Báo Bảo vệ pháp luật", Type: loa.ChannelSector},
		{Code: "tcks", Name: "Tạp chí Kiểm sát", Type: loa.ChannelSector},
		{Code: "ptth", Name: "Đài Phát thanh – Truyền hình Thái Bình", Type: loa.ChannelRadioTV},
		{Code: "baothaibinh", Name: "Báo Thái Bình", Type: loa.ChannelPress},
	} {
		if err := db.SaveChannel(ctx, c); err != nil {
			return nil, nil, err
		}
		d.Channels[c.Code] = c
	}
	var logins []Login
	for _, u := range []*loa.User{
		{Email: "admin@loa.example", Name: "Quản trị hệ thống", Role: loa.RoleAdmin},
		{Email: "lanhdao@loa.example", Name: "Phạm Viết Vượng", Role: loa.RoleLeader},
		{Email: "thuky@loa.example", Name: "Bùi Thảo", Role: loa.RoleSecretary},
		{Email: "bientap@loa.example", Name: "Cao Minh Phương", Role: loa.RoleEditor},
		{Email: "khuvuc6@loa.example", Name: "Đỗ Thị Hằng", Role: loa.RoleContributor, UnitID: d.Units["HY-KV6"].ID},
		{Email: "xem@loa.example", Name: "Nguyễn Anh Đức", Role: loa.RoleViewer},
	} {
		if err := db.CreateUser(ctx, u, Password); err != nil {
			return nil, nil, err
		}
		d.Users[u.Role] = u
		logins = append(logins, Login{Role: u.Role, Email: u.Email, Password: Password})
	}
	return d, logins, nil
}
