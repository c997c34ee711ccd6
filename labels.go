package loa

// The names people read for the domain's codes, in Vietnamese: the one place pages
// (through the catalog, for English), exports and mail take them from.

// KindNames are the item kinds as the Board writes them (CONTRACTS.md's glossary).
var KindNames = map[ItemKind]string{
	KindNews: "Tin", KindArticle: "Bài", KindResearch: "Bài nghiên cứu, trao đổi",
	KindReportage: "Phóng sự", KindPhoto: "Tin ảnh", KindVideo: "Video",
}

// AnyKindName names the quota kind "any": items of every kind.
const AnyKindName = "Mọi loại"

// QuotaKindName names a quota's kind: an item kind, or "any"; an unknown code is
// shown as it is.
func QuotaKindName(k string) string {
	if k == QuotaKindAny {
		return AnyKindName
	}
	if n, ok := KindNames[ItemKind(k)]; ok {
		return n
	}
	return k
}

// StatusNames are the statuses as people read them.
var StatusNames = map[Status]string{
	StatusDraft: "Nháp", StatusSubmitted: "Chờ duyệt", StatusReturned: "Trả lại",
	StatusApproved: "Đã duyệt", StatusPublished: "Đã đăng", StatusWithdrawn: "Đã gỡ",
}

// ChannelTypeNames are the channel types as people read them.
var ChannelTypeNames = map[ChannelType]string{
	ChannelSite: "Trang thông tin điện tử", ChannelSector: "Trong ngành",
	ChannelRadioTV: "Phát thanh – truyền hình", ChannelPress: "Báo chí khác",
}

// UnitKindNames are the kinds of unit as people read them.
var UnitKindNames = map[UnitKind]string{
	UnitSupreme: "VKSND tối cao", UnitProvince: "VKSND tỉnh", UnitDepartment: "Phòng, đơn vị trực thuộc",
	UnitDistrict: "VKSND cấp huyện", UnitRegional: "VKSND khu vực",
}

// RoleNames are the accounts' roles as people read them.
var RoleNames = map[Role]string{
	RoleAdmin: "Quản trị hệ thống", RoleLeader: "Lãnh đạo Ban", RoleSecretary: "Thư ký Ban",
	RoleEditor: "Biên tập viên", RoleContributor: "Cộng tác viên", RoleViewer: "Người xem",
}

// BoardRoleNames are the seats on the Board as people read them.
var BoardRoleNames = map[BoardRole]string{
	BoardHead: "Trưởng ban", BoardDeputy: "Phó ban", BoardSecretary: "Thư ký", BoardMember: "Thành viên",
}
