package stress

import (
	"bytes"
	"fmt"
	"loa/internal/dbtest"
	"mime/multipart"
	"net/http"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"loa/internal/hostile"
)

// maxServerRSS is the server's memory promise while hostile files arrive.
const maxServerRSS = 300 << 20

// TestHostileUploads sends ten hostile pictures and ten hostile workbooks at once,
// as a signed-in admin, through the real item form and import page, and fails if
// the server's resident memory ever passed 300 MB (its high-water mark, VmHWM,
// read from /proc after the burst: measured, not timed). The pictures are the
// issue's 16-bit PNG of 7000×7000 and the heaviest PNG still accepted (5000×5000
// RGBA, 100 MB decoded); the workbooks put a cell in column XFD on every row,
// bomb the shared strings, fill a million cells, or hold a 12 000-entry zip.
func TestHostileUploads(t *testing.T) {
	t.Parallel() // the memory measured is its own server process's
	if testing.Short() {
		t.Skip("runs a real server and sends it hostile files")
	}
	bin, err := buildLoa()
	if err != nil {
		t.Fatal(err)
	}
	dsn := dbtest.SQLitePath(t)
	setup := exec.Command(bin, "--db", dsn, "user", "add", "--email", "admin@crash.test", "--name", "Quản trị", "--role", "admin")
	setup.Env = append(os.Environ(), "LOA_PASSWORD=mat-khau-dai-du")
	if out, err := setup.CombinedOutput(); err != nil {
		t.Fatalf("user add: %v %s", err, out)
	}
	srv := startServer(t, bin, dsn, freeAddr(t))
	defer srv.kill()
	c := login(t, srv.addr)
	c.Timeout = 5 * time.Minute
	c.Transport = &http.Transport{MaxIdleConnsPerHost: 20}

	type upload struct {
		path, field, name string
		data              []byte
		fields            map[string]string
	}
	var ups []upload
	bomb, heavy := hostile.PNG(7000, 7000, true), hostile.PNG(5000, 5000, false)
	for i := range 10 {
		data := bomb
		if i%2 == 1 {
			data = heavy
		}
		ups = append(ups, upload{"/app/items", "pictures", fmt.Sprintf("anh-%d.png", i), data, map[string]string{"title": "Tin", "kind": "news"}})
	}
	var xfd strings.Builder
	xfd.WriteString(hostile.Header)
	for i := 2; i <= 2000; i++ {
		fmt.Fprintf(&xfd, `<row r="%d"><c r="XFD%d"><v>1</v></c></row>`, i, i)
	}
	var full strings.Builder
	full.WriteString(hostile.Header)
	for i := 2; i <= 20000; i++ {
		fmt.Fprintf(&full, `<row r="%d"><c r="BL%d"><v>1</v></c></row>`, i, i)
	}
	entries := map[string]string{}
	for i := range 12000 {
		entries[fmt.Sprintf("xl/media/x%05d.bin", i)] = ""
	}
	books := [][]byte{
		hostile.Workbook(xfd.String(), "", nil),
		hostile.Workbook(hostile.Header, strings.Repeat("<si/>", 2_000_000), nil),
		hostile.Workbook(full.String(), "", nil),
		hostile.Workbook(hostile.Header, "", entries),
	}
	for i := range 10 {
		ups = append(ups, upload{"/app/import", "file", fmt.Sprintf("bang-%d.xlsx", i), books[i%len(books)], map[string]string{"kind": "channels"}})
	}

	before := procStatus(t, srv.cmd.Process.Pid, "VmRSS")
	var wg sync.WaitGroup
	var mu sync.Mutex
	var failures []string
	for _, u := range ups {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var body bytes.Buffer
			mw := multipart.NewWriter(&body)
			for k, v := range u.fields {
				mw.WriteField(k, v)
			}
			fw, _ := mw.CreateFormFile(u.field, u.name)
			fw.Write(u.data)
			mw.Close()
			req, _ := http.NewRequest("POST", "http://"+srv.addr+u.path, &body)
			req.Header.Set("Content-Type", mw.FormDataContentType())
			req.Header.Set("Origin", "http://"+srv.addr)
			res, err := c.Do(req)
			mu.Lock()
			defer mu.Unlock()
			if err != nil {
				failures = append(failures, u.name+": "+err.Error())
				return
			}
			res.Body.Close()
			// The bomb and the workbooks are refused (400); the heavy picture is
			// accepted, and the item form then refuses the missing fields (400).
			if res.StatusCode != http.StatusBadRequest {
				failures = append(failures, fmt.Sprintf("%s: status %d, want 400", u.name, res.StatusCode))
			}
		}()
	}
	wg.Wait()
	peak := procStatus(t, srv.cmd.Process.Pid, "VmHWM")
	t.Logf("server RSS %d MB before, peak %d MB while 10 hostile pictures and 10 hostile workbooks arrived", before>>20, peak>>20)
	for _, f := range failures {
		t.Error(f)
	}
	if peak > maxServerRSS {
		t.Errorf("server peak RSS %d MB, want under %d MB", peak>>20, maxServerRSS>>20)
	}
	if res, err := http.Get("http://" + srv.addr + "/healthz"); err != nil || res.StatusCode != 200 {
		t.Errorf("server not healthy after the burst: %v", err)
	}
}

// procStatus reads a memory line of /proc/PID/status, in bytes.
func procStatus(t *testing.T, pid int, key string) int64 {
	t.Helper()
	data, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		t.Fatal(err)
	}
	for _, line := range strings.Split(string(data), "\n") {
		if v, ok := strings.CutPrefix(line, key+":"); ok {
			kb, err := strconv.ParseInt(strings.TrimSuffix(strings.TrimSpace(v), " kB"), 10, 64)
			if err != nil {
				t.Fatal(err)
			}
			return kb << 10
		}
	}
	t.Fatalf("no %s in /proc/%d/status", key, pid)
	return 0
}
