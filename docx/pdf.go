package docx

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"time"
)

// Converter is the LibreOffice program that turns a document into PDF: $LOA_SOFFICE,
// else soffice or libreoffice on the PATH (Debian: apt-get install
// libreoffice-writer-nogui); "" when none is installed, and loa offers Word only.
func Converter() string {
	if p := os.Getenv("LOA_SOFFICE"); p != "" {
		if _, err := exec.LookPath(p); err == nil {
			return p
		}
		return ""
	}
	for _, name := range []string{"soffice", "libreoffice"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	return ""
}

// convertSlots bounds the conversions running at once: each LibreOffice takes a few
// hundred megabytes and a core for a second or two.
var convertSlots = make(chan struct{}, 2)

// PDFTimeout bounds one conversion.
const PDFTimeout = 60 * time.Second

// PDF converts a .docx to PDF with LibreOffice headless. Each conversion runs in a
// directory of its own with its own LibreOffice profile, so that conversions at the
// same time do not wait on one another's profile lock.
func PDF(ctx context.Context, doc []byte) ([]byte, error) {
	soffice := Converter()
	if soffice == "" {
		return nil, fmt.Errorf("docx: no PDF converter (LibreOffice) installed")
	}
	select {
	case convertSlots <- struct{}{}:
		defer func() { <-convertSlots }()
	case <-ctx.Done():
		return nil, ctx.Err()
	}
	ctx, cancel := context.WithTimeout(ctx, PDFTimeout)
	defer cancel()
	dir, err := os.MkdirTemp("", "loa-pdf-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(dir)
	in := filepath.Join(dir, "doc.docx")
	if err := os.WriteFile(in, doc, 0o600); err != nil {
		return nil, err
	}
	cmd := exec.CommandContext(ctx, soffice, "--headless", "--norestore", "-env:UserInstallation=file://"+filepath.Join(dir, "profile"),
		"--convert-to", "pdf", "--outdir", dir, in)
	cmd.Env = append(os.Environ(), "HOME="+dir)
	out, err := cmd.CombinedOutput()
	if err != nil {
		return nil, fmt.Errorf("docx: LibreOffice: %v: %s", err, bytes.TrimSpace(out))
	}
	pdf, err := os.ReadFile(filepath.Join(dir, "doc.pdf"))
	if err != nil {
		return nil, fmt.Errorf("docx: LibreOffice made no PDF: %s", bytes.TrimSpace(out))
	}
	return pdf, nil
}
