package media

import (
	"image"
	"image/color"

	"golang.org/x/image/draw"
)

// decodeCost is the memory, in bytes, that decoding the picture in data will take,
// from its header (cfg) and, for JPEG, its frame header: an upper estimate of what
// Go's decoders allocate, so that Picture can refuse a picture before decoding it.
func decodeCost(data []byte, cfg image.Config, format string) int64 {
	px := int64(cfg.Width) * int64(cfg.Height)
	switch format {
	case "png":
		bpp := int64(4) // 8-bit gray may become NRGBA when a tRNS chunk follows
		switch cfg.ColorModel {
		case color.Gray16Model, color.RGBA64Model, color.NRGBA64Model:
			bpp = 8
		default:
			if _, ok := cfg.ColorModel.(color.Palette); ok {
				bpp = 1
			}
		}
		if len(data) > 28 && data[28] == 1 {
			bpp *= 2 // interlaced: the seven passes are decoded apart, then merged
		}
		return px * bpp
	case "webp":
		switch cfg.ColorModel {
		case color.YCbCrModel: // lossy, 4:2:0
			return px * 2
		case color.NYCbCrAModel: // lossy with an alpha plane, itself maybe lossless
			return px * 7
		}
		return px * 8 // lossless: the pixels, and a copy for its transforms
	case "jpeg":
		return jpegCost(data, cfg)
	}
	return px * 16
}

// jpegCost reads a JPEG's frame header (SOF0, SOF1 or SOF2, the ones Go decodes):
// each component is a plane of one byte a pixel at its sampling, padded to whole
// MCUs; a progressive JPEG also keeps every component's coefficients, four bytes a
// pixel; CMYK and RGB JPEGs are converted once more, four bytes a pixel. A header
// that cannot be read costs the worst case.
func jpegCost(data []byte, cfg image.Config) int64 {
	px := int64(cfg.Width) * int64(cfg.Height)
	worst := px * 24
	progressive, comps := jpegFrame(data)
	if len(comps) == 0 {
		return worst
	}
	hmax, vmax := 1, 1
	for _, c := range comps {
		if c[0] < 1 || c[0] > 4 || c[1] < 1 || c[1] > 4 {
			return worst
		}
		hmax, vmax = max(hmax, c[0]), max(vmax, c[1])
	}
	mxx := int64((cfg.Width + 8*hmax - 1) / (8 * hmax))
	myy := int64((cfg.Height + 8*vmax - 1) / (8 * vmax))
	var planes int64
	for _, c := range comps {
		h, v := int64(c[0]), int64(c[1])
		if len(comps) == 1 {
			h, v = int64(hmax), int64(vmax)
		}
		planes += mxx * 8 * h * myy * 8 * v
	}
	cost := planes
	if progressive {
		cost += planes * 4
	}
	if cfg.ColorModel == color.CMYKModel || cfg.ColorModel == color.RGBAModel {
		cost += px * 4
	}
	return cost
}

// jpegFrame finds a JPEG's frame header: whether it is progressive and each
// component's horizontal and vertical sampling factors; no components when the
// header cannot be found.
func jpegFrame(data []byte) (progressive bool, comps [][2]int) {
	for i := 2; i+4 <= len(data); {
		if data[i] != 0xFF {
			return false, nil
		}
		m := data[i+1]
		if m == 0xFF { // fill byte
			i++
			continue
		}
		if m == 0x01 || m >= 0xD0 && m <= 0xD8 { // markers without a length
			i += 2
			continue
		}
		n := int(data[i+2])<<8 | int(data[i+3])
		if n < 2 || i+2+n > len(data) {
			return false, nil
		}
		if m == 0xC0 || m == 0xC1 || m == 0xC2 {
			seg := data[i+4 : i+2+n] // precision, height, width, count, then per component: id, HV, table
			if len(seg) < 6 || len(seg) < 6+3*int(seg[5]) {
				return false, nil
			}
			for c := range int(seg[5]) {
				hv := seg[6+3*c+1]
				comps = append(comps, [2]int{int(hv >> 4), int(hv & 15)})
			}
			return m == 0xC2, comps
		}
		i += 2 + n
	}
	return false, nil
}

// shrink returns img scaled down to w×h, each pixel the average of the source area
// it covers (a box filter over exact areas, which does not alias when shrinking).
// It reads the source one row at a time: beyond the result it needs one source row
// and two rows of sums. A kernel scaler (x/image/draw's CatmullRom) first fills a
// float64 buffer of w × the source's height: 115 MB for a 4000×3000 photo.
func shrink(img image.Image, w, h int) *image.RGBA {
	b := img.Bounds()
	xs, ys := spans(b.Dx(), w), spans(b.Dy(), h)
	dst := image.NewRGBA(image.Rect(0, 0, w, h))
	row := image.NewRGBA(image.Rect(0, 0, b.Dx(), 1))
	line := make([]float64, 4*w) // the current source row, shrunk across
	acc := make([]float64, 4*w)  // the destination row being summed
	last := -1
	for y := range h {
		clear(acc)
		for _, sy := range ys[y] {
			if sy.i != last {
				draw.Draw(row, row.Bounds(), img, image.Pt(b.Min.X, b.Min.Y+sy.i), draw.Src)
				clear(line)
				for x, sxs := range xs {
					for _, sx := range sxs {
						p := row.Pix[4*sx.i : 4*sx.i+4]
						line[4*x] += sx.w * float64(p[0])
						line[4*x+1] += sx.w * float64(p[1])
						line[4*x+2] += sx.w * float64(p[2])
						line[4*x+3] += sx.w * float64(p[3])
					}
				}
				last = sy.i
			}
			for k, v := range line {
				acc[k] += sy.w * v
			}
		}
		out := dst.Pix[y*dst.Stride : y*dst.Stride+4*w]
		for k, v := range acc {
			out[k] = uint8(min(255, v+0.5))
		}
	}
	return dst
}

// span is a source pixel's share of a destination pixel.
type span struct {
	i int
	w float64
}

// spans divides n source pixels over m ≤ n destination pixels: for each, the
// source pixels it covers and their shares, which add up to 1.
func spans(n, m int) [][]span {
	out := make([][]span, m)
	scale := float64(n) / float64(m)
	for d := range m {
		lo, hi := float64(d)*scale, float64(d+1)*scale
		for i := int(lo); i < n && float64(i) < hi; i++ {
			if w := min(hi, float64(i+1)) - max(lo, float64(i)); w > 0 {
				out[d] = append(out[d], span{i, w / scale})
			}
		}
	}
	return out
}
