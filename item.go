package loa

import (
	"fmt"
	"slices"
	"time"
)

// ItemKind is the kind of a news item (CONTRACTS.md "Vocabulary").
type ItemKind string

// The item kinds.
const (
	KindNews      ItemKind = "news"
	KindArticle   ItemKind = "article"
	KindResearch  ItemKind = "research"
	KindReportage ItemKind = "reportage"
	KindPhoto     ItemKind = "photo"
	KindVideo     ItemKind = "video"
)

// ItemKinds lists every item kind.
var ItemKinds = []ItemKind{KindNews, KindArticle, KindResearch, KindReportage, KindPhoto, KindVideo}

// Valid reports whether k is a known item kind.
func (k ItemKind) Valid() bool { return slices.Contains(ItemKinds, k) }

// QuotaKindAny is the quota kind that counts items of every kind.
const QuotaKindAny = "any"

// ValidQuotaKind reports whether s is an item kind or "any".
func ValidQuotaKind(s string) bool { return s == QuotaKindAny || ItemKind(s).Valid() }

// ChannelType is the type of an outlet (CONTRACTS.md "Vocabulary").
type ChannelType string

// The channel types.
const (
	ChannelSite    ChannelType = "site"
	ChannelSector  ChannelType = "sector"
	ChannelRadioTV ChannelType = "radio_tv"
	ChannelPress   ChannelType = "press"
)

// ChannelTypes lists every channel type.
var ChannelTypes = []ChannelType{ChannelSite, ChannelSector, ChannelRadioTV, ChannelPress}

// Valid reports whether t is a known channel type.
func (t ChannelType) Valid() bool { return slices.Contains(ChannelTypes, t) }

// Channel is an outlet that publishes items: the own site, the Supreme Procuracy
// portal, a newspaper, the provincial radio-TV.
type Channel struct {
	ID   int64
	Code string
	Name string
	Type ChannelType
	URL  string
}

// Validate checks a channel.
func (c *Channel) Validate() error {
	var v Validation
	v.Check(ValidCode(c.Code), "code", "Mã chỉ gồm chữ cái không dấu, chữ số, '-' và '_'.")
	v.Check(c.Name != "", "name", "Xin nhập tên kênh.")
	v.Text("name", c.Name, MaxChannelName, "Tên kênh quá dài.")
	v.Text("url", c.URL, MaxURL, "Địa chỉ trang quá dài.")
	v.Check(c.Type.Valid(), "type", "Loại kênh không hợp lệ.")
	return v.Err()
}

// Status is where an item stands in the site's editorial workflow.
type Status string

// The item statuses.
const (
	StatusDraft     Status = "draft"
	StatusSubmitted Status = "submitted"
	StatusReturned  Status = "returned"
	StatusApproved  Status = "approved"
	StatusPublished Status = "published"
	StatusWithdrawn Status = "withdrawn"
)

// Statuses lists every status in workflow order.
var Statuses = []Status{StatusDraft, StatusSubmitted, StatusReturned, StatusApproved, StatusPublished, StatusWithdrawn}

// Item is a news item or article written by a unit.
type Item struct {
	ID          int64
	Ref         string // the item_ref of imports; empty for items written in loa
	Kind        ItemKind
	UnitID      int64
	UnitCode    string
	UnitName    string
	Title       string
	Summary     string
	Body        string // sanitized HTML
	Topic       string
	ThemeID     int64
	SectionID   int64 // the site's section it is placed in; 0: those of its kind and topic
	Status      Status
	Slug        string
	PublishedAt time.Time // on the site; zero when never published there
	ScheduledAt time.Time
	FirstPub    Date // earliest publication on any channel: what counting uses
	Version     int
	CreatedBy   int64
	CreatedAt   time.Time
	UpdatedAt   time.Time
	Authors     []Author
}

// Author is one author of an item, in order: a person of any unit, or a free name.
type Author struct {
	PersonID int64
	Name     string
}

// Publication says that an item appeared on a channel on a date.
type Publication struct {
	ID          int64
	ItemID      int64
	ChannelID   int64
	ChannelCode string
	ChannelName string
	PublishedOn Date
	URL         string
	Note        string
	Withdrawn   bool
	// Status: only a confirmed publication counts (CONTRACTS.md "Counting rules"); a
	// contributor's record is declared until the secretary, an editor or the admin
	// confirms or refuses it. A new publication's status is set by the store.
	Status PublicationStatus
	// The declaration's evidence beside URL and Note: an attached file of the item.
	EvidenceMediaID int64
	Refusal         string // why it was refused, shown to the contributor
	DecidedBy       string // who confirmed or refused it (e-mail)
	DecidedAt       time.Time
}

// Counts reports whether p counts (CONTRACTS.md "Counting rules"): confirmed and not
// withdrawn. An empty Status is confirmed, the store's default.
func (p *Publication) Counts() bool {
	return !p.Withdrawn && (p.Status == PublicationConfirmed || p.Status == "")
}

// Pending reports whether p is a declaration awaiting confirmation (the report's
// "pending"): declared and not withdrawn.
func (p *Publication) Pending() bool { return !p.Withdrawn && p.Status == PublicationDeclared }

// PublicationStatus is where a publication stands in its confirmation.
type PublicationStatus string

const (
	PublicationDeclared  PublicationStatus = "declared"
	PublicationConfirmed PublicationStatus = "confirmed"
	PublicationRefused   PublicationStatus = "refused"
)

// ConfirmsPublications reports whether u's records are confirmed as they are made,
// and whether u confirms or refuses the declarations of others: the secretary, the
// editors and the admin. Nil is the system (imports, the workflow, the command line).
func ConfirmsPublications(u *User) bool {
	return u == nil || u.Is(RoleSecretary, RoleEditor, RoleAdmin)
}

// CheckPublicationDate refuses a publication dated after today (publishing in the
// future is scheduling, not a record) and, when created is not zero, one dated
// before the day its item was written in loa (forms only: imports of history are
// exempt). today is Vietnam's day.
func CheckPublicationDate(on, today, created Date) error {
	if on.After(today) {
		return FieldError("published_on", fmt.Sprintf("Ngày đăng %s ở sau hôm nay (%s): đăng trong tương lai là hẹn giờ đăng, không phải kết quả đăng.", on.Display(), today.Display()))
	}
	if !created.IsZero() && on.Before(created) {
		return FieldError("published_on", fmt.Sprintf("Ngày đăng %s trước ngày tin bài được viết trên hệ thống (%s).", on.Display(), created.Display()))
	}
	return nil
}
