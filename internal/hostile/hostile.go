// Package hostile makes the small files that cost a reader much, for the tests
// that check loa's bounds (media, importer) and for the stress test that sends
// them to a running server: a PNG claiming a huge picture, XLSX workbooks built
// part by part.
package hostile

import (
	"archive/zip"
	"bytes"
	"encoding/binary"
	"hash/crc32"
)

// PNG is a valid PNG of w×h pixels, all zero, RGBA at 16 bits a channel (8 when
// deep is false): a few hundred KB that decode to w×h×8 (or ×4) bytes. Its pixel
// data is written as deflate would compress it (zeros), without running a
// compressor over the hundreds of MB it stands for.
func PNG(w, h int, deep bool) []byte {
	var out bytes.Buffer
	out.WriteString("\x89PNG\r\n\x1a\n")
	chunk := func(typ string, data []byte) {
		binary.Write(&out, binary.BigEndian, uint32(len(data)))
		c := crc32.NewIEEE()
		c.Write([]byte(typ))
		c.Write(data)
		out.WriteString(typ)
		out.Write(data)
		binary.Write(&out, binary.BigEndian, c.Sum32())
	}
	depth, bpp := 8, 4
	if deep {
		depth, bpp = 16, 8
	}
	ihdr := make([]byte, 13)
	binary.BigEndian.PutUint32(ihdr[0:], uint32(w))
	binary.BigEndian.PutUint32(ihdr[4:], uint32(h))
	ihdr[8], ihdr[9] = byte(depth), 6 // RGBA
	chunk("IHDR", ihdr)
	// Every row is a filter byte 0 and zero pixels: the image data is n zero bytes.
	chunk("IDAT", zlibZeros(h*(1+bpp*w)))
	chunk("IEND", nil)
	return out.Bytes()
}

// zlibZeros is a zlib stream of n zero bytes (n ≥ 1), written directly: one
// dynamic-Huffman deflate block (RFC 1951) whose codes make a zero byte 2 bits and a
// copy of the previous 258 bytes 2 bits, the best deflate can do (zlib's own ratio
// on zeros), so that the middle of the stream is zero bytes.
func zlibZeros(n int) []byte {
	var b bitWriter
	b.bytes = []byte{0x78, 0x01} // zlib header: deflate, 32 KB window, no dictionary
	b.bits(1, 1)                 // BFINAL: the last block
	b.bits(2, 2)                 // BTYPE 10: dynamic Huffman codes
	b.bits(286-257, 5)           // HLIT: literal/length codes 0..285
	b.bits(1-1, 5)               // HDIST: one distance code
	b.bits(18-4, 4)              // HCLEN: code length codes up to the order's 18th
	// The code length code's lengths, in the order RFC 1951 gives (16, 17, 18, 0,
	// 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1): 18 (a run of zero lengths)
	// 1 bit, lengths 1 and 2 2 bits each.
	for _, l := range []uint{0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2, 0, 2} {
		b.bits(l, 3)
	}
	// Their canonical codes: 18 → 0, 1 → 10, 2 → 11.
	one, two := func() { b.code(0b10, 2) }, func() { b.code(0b11, 2) }
	zeros := func(k uint) { b.code(0, 1); b.bits(k-11, 7) } // 11 ≤ k ≤ 138
	// Literal/length lengths: literal 0 and end of block 2 bits, length 258
	// (symbol 285) 1 bit, every other symbol unused; then the one distance, 1 bit.
	two()      // literal 0
	zeros(138) // literals 1..138
	zeros(117) // literals 139..255
	two()      // 256, end of block
	zeros(28)  // 257..284
	one()      // 285, length 258
	one()      // distance code 0, distance 1
	// The data: a literal zero (code 10), then copies of 258 bytes at distance 1
	// (codes 0 and 0), then the rest as literal zeros, then the end of block (11).
	b.code(0b10, 2)
	b.zeroBits(2 * ((n - 1) / 258))
	for range (n - 1) % 258 {
		b.code(0b10, 2)
	}
	b.code(0b11, 2)
	b.flush()
	// Adler-32 of n zeros: the sum of the bytes plus one stays 1, the sum of those
	// sums is n.
	return binary.BigEndian.AppendUint32(b.bytes, uint32(n%65521)<<16|1)
}

// bitWriter packs bits as deflate does, least significant bit first.
type bitWriter struct {
	bytes []byte
	acc   uint // pending bits, the first in the lowest place
	nacc  uint // how many
}

// bits writes the k low bits of v, lowest first (deflate's header fields).
func (b *bitWriter) bits(v, k uint) {
	b.acc |= v << b.nacc
	b.nacc += k
	for b.nacc >= 8 {
		b.bytes = append(b.bytes, byte(b.acc))
		b.acc >>= 8
		b.nacc -= 8
	}
}

// code writes a Huffman code of k bits, its most significant bit first.
func (b *bitWriter) code(c, k uint) {
	for i := range k {
		b.bits(c>>(k-1-i)&1, 1)
	}
}

// zeroBits writes k zero bits, whole bytes at once.
func (b *bitWriter) zeroBits(k int) {
	for ; k > 0 && b.nacc != 0; k-- {
		b.bits(0, 1)
	}
	b.bytes = append(b.bytes, make([]byte, k/8)...)
	b.bits(0, uint(k%8))
}

// flush writes the last partial byte, padded with zero bits.
func (b *bitWriter) flush() {
	if b.nacc > 0 {
		b.bytes = append(b.bytes, byte(b.acc))
		b.acc, b.nacc = 0, 0
	}
}

// Header is row 1 of a channels import file, as inline strings.
const Header = `<row r="1"><c r="A1" t="inlineStr"><is><t>code</t></is></c><c r="B1" t="inlineStr"><is><t>name</t></is></c><c r="C1" t="inlineStr"><is><t>type</t></is></c></row>`

// Workbook is a minimal XLSX with the given sheet data (the inside of
// <sheetData>) and shared strings (the inside of <sst>; no such part when ""),
// extra parts added or replacing these.
func Workbook(sheetData, sst string, extra map[string]string) []byte {
	parts := map[string]string{
		"_rels/.rels": `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
			`<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
		"xl/workbook.xml": `<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">` +
			`<sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>`,
		"xl/_rels/workbook.xml.rels": `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
			`<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>` +
			`<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>`,
		"xl/worksheets/sheet1.xml": `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>` +
			sheetData + `</sheetData></worksheet>`,
	}
	if sst != "" {
		parts["xl/sharedStrings.xml"] = `<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">` + sst + `</sst>`
	}
	for k, v := range extra {
		parts[k] = v
	}
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for name, text := range parts {
		w, _ := zw.Create(name)
		w.Write([]byte(text))
	}
	zw.Close()
	return buf.Bytes()
}
