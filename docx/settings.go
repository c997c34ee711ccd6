package docx

import (
	"context"
	"strings"
	"unicode"

	"loa"
)

// Settings are what every document of the agency carries and the data does not say:
// who issues it, its symbol, who signs and who receives it. Stored in the settings
// table under "doc." keys (store.DocSettings); each one missing falls back to a
// default, so a fresh installation still produces a complete document.
type Settings struct {
	Agency       string // issuing agency; default: the site's name
	ParentAgency string // default: the Supreme Procuracy (none when the agency is it)
	Symbol       string // the agency's part of the symbol, "VKSTB"; default from the place
	Number       string // default empty: the clerk writes it when the document is signed
	Place        string // default: the province in the agency's name
	Authority    string // "KT. VIỆN TRƯỞNG"; default empty (the head signs)
	SignerTitle  string // default "VIỆN TRƯỞNG"
	SignerName   string // default empty: room to write it
	Recipients   []string
}

// SettingKeys are the keys of Settings in the settings table (without "doc."), in
// the order a form shows them.
var SettingKeys = []string{"agency", "parent_agency", "symbol", "number", "place", "authority", "signer_title", "signer_name", "recipients"}

// DefaultAgency names the agency when neither the settings nor the site name
// (LOA_SITE_NAME) do: the one default of the web application, the command line and
// every document, so that no two outputs name different agencies.
const DefaultAgency = "Viện kiểm sát nhân dân tỉnh Thái Bình"

// SettingsFrom reads the stored settings m (keys of SettingKeys) over the defaults;
// siteName is the agency when none is stored. Blank values count as missing.
func SettingsFrom(m map[string]string, siteName string) Settings {
	get := func(k, def string) string {
		if v := strings.TrimSpace(m[k]); v != "" {
			return v
		}
		return def
	}
	var s Settings
	s.Agency = get("agency", strings.TrimSpace(siteName))
	if s.Agency == "" {
		s.Agency = DefaultAgency
	}
	parent := "Viện kiểm sát nhân dân tối cao"
	if strings.EqualFold(s.Agency, parent) {
		parent = ""
	}
	s.ParentAgency = get("parent_agency", parent)
	s.Place = get("place", PlaceOf(s.Agency))
	s.Symbol = get("symbol", "VKS"+initials(s.Place))
	s.Number = get("number", "")
	s.Authority = get("authority", "")
	s.SignerTitle = get("signer_title", "VIỆN TRƯỞNG")
	s.SignerName = get("signer_name", "")
	for _, line := range strings.Split(m["recipients"], "\n") {
		if line = strings.Trim(strings.TrimSpace(line), "-;. "); line != "" {
			s.Recipients = append(s.Recipients, line)
		}
	}
	if len(s.Recipients) == 0 {
		s.Recipients = []string{"Viện kiểm sát nhân dân tối cao (để báo cáo)", "Lãnh đạo Viện (để chỉ đạo)",
			"Các đơn vị trực thuộc (để thực hiện)", "Lưu: VT, Ban tuyên truyền"}
	}
	return s
}

// Load reads the stored settings from db (a *store.DB) over the defaults, siteName
// as the agency when none is stored.
func Load(ctx context.Context, db interface {
	DocSettings(ctx context.Context) (map[string]string, error)
}, siteName string) (Settings, error) {
	m, err := db.DocSettings(ctx)
	if err != nil {
		return Settings{}, err
	}
	return SettingsFrom(m, siteName), nil
}

// initials are the capital initials of place without diacritics: "Thái Bình" → "TB",
// "Hà Nội" → "HN".
func initials(place string) string {
	var b strings.Builder
	for _, w := range strings.Fields(loa.Fold(place)) {
		r := []rune(w)[0]
		if unicode.IsLetter(r) && r < unicode.MaxASCII {
			b.WriteRune(unicode.ToUpper(r))
		}
	}
	return b.String()
}

// Apply fills the header and the signature of d from s; kind is the document's part
// of the symbol ("BC", "TB", "QĐ", "TTr").
func (s Settings) Apply(d *Doc, kind string) {
	d.Agency, d.ParentAgency = s.Agency, s.ParentAgency
	d.Number, d.Symbol = s.Number, kind+"-"+s.Symbol
	d.Place = s.Place
	d.Authority, d.SignerTitle, d.SignerName = s.Authority, s.SignerTitle, s.SignerName
	d.Recipients = s.Recipients
}
