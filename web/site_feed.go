package web

import (
	"context"
	"encoding/xml"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/gorilla/feeds"

	"loa"
	"loa/store"
)

// feedSize is the number of items in the RSS feed.
const feedSize = 50

// sitemapLimit is the most URLs one sitemap file may hold (sitemaps.org); above it
// /sitemap.xml becomes an index of /sitemap/pages.xml and /sitemap/items-N.xml.
var sitemapLimit = 50000

// attachPictures adds the items' pictures (all of them, or the first for lists).
// A failure to read pictures leaves the items without them rather than failing the
// page: the text is what matters.
func (s *Server) attachPictures(ctx context.Context, items []*siteItem, all bool) {
	n := 0
	if all {
		n = len(items)
	}
	s.attachPicturesOf(ctx, items, n)
}

// attachPicturesOf adds all their pictures to items[:all] and the first to the others,
// in one query: the item page's own pictures and its related list's (issue 20).
func (s *Server) attachPicturesOf(ctx context.Context, items []*siteItem, all int) {
	ids := make([]int64, len(items))
	for i, it := range items {
		ids[i] = it.ID
	}
	pics, err := s.db.SitePictures(ctx, ids, all > 0)
	if err != nil {
		s.log.Warn("site pictures", "err", err)
		return
	}
	for i, it := range items {
		ps := pics[it.ID]
		if i >= all && len(ps) > 1 {
			ps = ps[:1]
		}
		for _, p := range ps {
			sp := &sitePicture{ID: p.ID, Caption: p.Caption, Credit: p.Credit, Width: p.Width, Height: p.Height,
				URL: "/media/" + strconv.FormatInt(p.ID, 10)}
			if p.SiteWidth > 0 {
				sp.Width, sp.Height, sp.URL = p.SiteWidth, p.SiteHeight, sp.URL+"/site"
			}
			it.Pictures = append(it.Pictures, sp)
		}
		if len(it.Pictures) > 0 {
			it.Picture = it.Pictures[0]
		}
	}
}

func (s *Server) siteFeed(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	items, _, err := s.db.SiteItems(ctx, store.SiteFilter{Page: store.Page{Number: 1, Size: feedSize}, NoCount: true})
	if err != nil {
		s.siteError(w, r, err)
		return
	}
	f := &feeds.Feed{
		Title:       s.cfg.SiteName,
		Link:        &feeds.Link{Href: s.absURL(r, "/")},
		Description: "Trang thông tin điện tử " + s.cfg.SiteName,
	}
	for _, it := range items {
		si := toSiteItem(it)
		f.Items = append(f.Items, &feeds.Item{
			Id:          s.absURL(r, si.URL),
			Title:       it.Title,
			Link:        &feeds.Link{Href: s.absURL(r, si.URL)},
			Description: it.Summary,
			Author:      &feeds.Author{Name: it.UnitName},
			Created:     it.PublishedAt,
			Updated:     it.UpdatedAt,
		})
	}
	if len(items) > 0 {
		f.Updated = items[0].PublishedAt
	} else {
		f.Updated = time.Now()
	}
	rss, err := f.ToRss()
	if err != nil {
		s.siteError(w, r, err)
		return
	}
	w.Header().Set("Content-Type", "application/rss+xml; charset=utf-8")
	w.Write([]byte(rss))
}

type sitemapURL struct {
	Loc     string `xml:"loc"`
	LastMod string `xml:"lastmod,omitempty"`
}

type urlset struct {
	XMLName xml.Name     `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 urlset"`
	URLs    []sitemapURL `xml:"url"`
}

type sitemapIndex struct {
	XMLName  xml.Name     `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 sitemapindex"`
	Sitemaps []sitemapURL `xml:"sitemap"`
}

func writeXML(w http.ResponseWriter, v any) {
	w.Header().Set("Content-Type", "application/xml; charset=utf-8")
	w.Write([]byte(xml.Header))
	enc := xml.NewEncoder(w)
	enc.Indent("", " ")
	enc.Encode(v)
}

// fixedURLs are the site's pages other than items: home, sections, agency pages.
func (s *Server) fixedURLs(r *http.Request) ([]sitemapURL, error) {
	out := []sitemapURL{{Loc: s.absURL(r, "/")}}
	sections, err := s.db.Sections(r.Context())
	if err != nil {
		return nil, err
	}
	for _, sec := range sections {
		out = append(out, sitemapURL{Loc: s.absURL(r, "/chuyen-muc/"+sec.Slug)})
	}
	branches, err := s.orgBranchPaths(r.Context())
	if err != nil {
		return nil, err
	}
	for _, p := range append([]string{"/tin-moi", "/gioi-thieu", "/to-chuc", "/lien-he", "/van-ban"}, branches...) {
		out = append(out, sitemapURL{Loc: s.absURL(r, p)})
	}
	return out, nil
}

func (s *Server) itemURLs(r *http.Request, offset, limit int) ([]sitemapURL, error) {
	refs, err := s.db.SiteItemRefs(r.Context(), offset, limit)
	if err != nil {
		return nil, err
	}
	out := make([]sitemapURL, len(refs))
	for i, ref := range refs {
		out[i] = sitemapURL{Loc: s.absURL(r, itemRefPath(ref)), LastMod: ref.Updated.Format("2006-01-02")}
	}
	return out, nil
}

func itemRefPath(ref store.ItemRef) string {
	return itemPath(&loa.Item{ID: ref.ID, Title: ref.Title, Slug: ref.Slug})
}

func (s *Server) siteSitemap(w http.ResponseWriter, r *http.Request) {
	fixed, err := s.fixedURLs(r)
	if err != nil {
		s.siteError(w, r, err)
		return
	}
	n, err := s.db.SiteItemCount(r.Context())
	if err != nil {
		s.siteError(w, r, err)
		return
	}
	if len(fixed)+n <= sitemapLimit {
		items, err := s.itemURLs(r, 0, sitemapLimit)
		if err != nil {
			s.siteError(w, r, err)
			return
		}
		writeXML(w, urlset{URLs: append(fixed, items...)})
		return
	}
	idx := sitemapIndex{Sitemaps: []sitemapURL{{Loc: s.absURL(r, "/sitemap/pages.xml")}}}
	for i := 1; (i-1)*sitemapLimit < n; i++ {
		idx.Sitemaps = append(idx.Sitemaps, sitemapURL{Loc: s.absURL(r, "/sitemap/items-"+strconv.Itoa(i)+".xml")})
	}
	writeXML(w, idx)
}

// siteSitemapPart serves one file of the sitemap index.
func (s *Server) siteSitemapPart(w http.ResponseWriter, r *http.Request) {
	file := r.PathValue("file")
	if file == "pages.xml" {
		fixed, err := s.fixedURLs(r)
		if err != nil {
			s.siteError(w, r, err)
			return
		}
		writeXML(w, urlset{URLs: fixed})
		return
	}
	num, ok := strings.CutPrefix(file, "items-")
	num, ok2 := strings.CutSuffix(num, ".xml")
	i, err := strconv.Atoi(num)
	if !ok || !ok2 || err != nil || i < 1 || i > 1000 {
		s.siteError(w, r, notFoundErr())
		return
	}
	items, err := s.itemURLs(r, (i-1)*sitemapLimit, sitemapLimit)
	if err != nil {
		s.siteError(w, r, err)
		return
	}
	if len(items) == 0 {
		s.siteError(w, r, notFoundErr())
		return
	}
	writeXML(w, urlset{URLs: items})
}
