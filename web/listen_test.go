package web

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"net"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"
)

// countingListener counts the writes made on its connections.
type countingListener struct {
	net.Listener
	mu     sync.Mutex
	writes int
}

func (l *countingListener) Accept() (net.Conn, error) {
	c, err := l.Listener.Accept()
	if err != nil {
		return nil, err
	}
	return &countingConn{Conn: c, l: l}, nil
}

func (l *countingListener) count() int {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.writes
}

type countingConn struct {
	net.Conn
	l *countingListener
}

func (c *countingConn) Write(p []byte) (int, error) {
	c.l.mu.Lock()
	c.l.writes++
	c.l.mu.Unlock()
	return c.Conn.Write(p)
}

func (c *countingConn) CloseWrite() error { return c.Conn.(*net.TCPConn).CloseWrite() }

// serveGathering serves /gather (an answer that asks to gather) and /plain (the same
// answer that does not) of n bytes through the gathering listener, counting writes.
func serveGathering(t *testing.T, n int) (addr string, l *countingListener) {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	l = &countingListener{Listener: ln}
	body := bytes.Repeat([]byte("x"), n)
	answer := func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain")
		w.Header().Set("Content-Length", fmt.Sprint(len(body)))
		if r.Method != http.MethodHead {
			w.Write(body)
		}
	}
	mux := http.NewServeMux()
	mux.HandleFunc("/gather", func(w http.ResponseWriter, r *http.Request) {
		gatherResponse(r)
		answer(w, r)
	})
	mux.HandleFunc("/plain", answer)
	srv := &http.Server{Handler: mux, ConnContext: withConn}
	go srv.Serve(gatherListener{l})
	t.Cleanup(func() { srv.Close() })
	return ln.Addr().String(), l
}

// exchange sends raw requests on one connection and reads as many responses.
func exchange(t *testing.T, addr, raw string, n int) []*http.Response {
	t.Helper()
	c, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	c.SetDeadline(time.Now().Add(10 * time.Second))
	if _, err := io.WriteString(c, raw); err != nil {
		t.Fatal(err)
	}
	br := bufio.NewReader(c)
	var out []*http.Response
	for i := 0; i < n; i++ {
		method := http.MethodGet
		if strings.HasPrefix(raw, "HEAD") {
			method = http.MethodHead
		}
		res, err := http.ReadResponse(br, &http.Request{Method: method})
		if err != nil {
			t.Fatalf("response %d: %v", i+1, err)
		}
		b, err := io.ReadAll(res.Body)
		if err != nil {
			t.Fatalf("response %d body: %v", i+1, err)
		}
		res.Body = io.NopCloser(bytes.NewReader(b))
		out = append(out, res)
	}
	return out
}

func get(path string) string { return "GET " + path + " HTTP/1.1\r\nHost: x\r\n\r\n" }

func TestGatheredAnswerLeavesInOneWrite(t *testing.T) {
	for _, n := range []int{100, 5000, 30 << 10, 300 << 10} {
		addr, l := serveGathering(t, n)
		for _, tc := range []struct {
			path   string
			writes int // per response
		}{{"/gather", 1}, {"/plain", 2}} {
			if n < 3000 && tc.path == "/plain" {
				tc.writes = 1 // fits net/http's 4 KB buffer anyway
			}
			before := l.count()
			// Three answers on one kept-alive connection, asked one after the other.
			c, err := net.Dial("tcp", addr)
			if err != nil {
				t.Fatal(err)
			}
			br := bufio.NewReader(c)
			for i := 0; i < 3; i++ {
				io.WriteString(c, get(tc.path))
				res, err := http.ReadResponse(br, nil)
				if err != nil {
					t.Fatal(err)
				}
				b, _ := io.ReadAll(res.Body)
				if res.StatusCode != 200 || len(b) != n {
					t.Fatalf("%s, %d B: status %d, %d bytes", tc.path, n, res.StatusCode, len(b))
				}
			}
			c.Close()
			got := l.count() - before
			if tc.path == "/gather" && n > 64<<10 {
				// Past the kernel's socket buffer a write may be split by the system
				// anyway; what matters is that loa asked for one.
				tc.writes = 1
			}
			if got != 3*tc.writes {
				t.Errorf("%s, %d B: %d writes for 3 answers, want %d", tc.path, n, got, 3*tc.writes)
			}
		}
	}
}

// A gathered answer still arrives whole whatever follows it: pipelined requests, a
// HEAD, a client that asks to close.
func TestGatheredAnswerArrivesWhole(t *testing.T) {
	addr, _ := serveGathering(t, 30<<10)
	res := exchange(t, addr, get("/gather")+get("/plain")+get("/gather"), 3)
	for i, r := range res {
		if b, _ := io.ReadAll(r.Body); r.StatusCode != 200 || len(b) != 30<<10 {
			t.Errorf("pipelined %d: status %d, %d bytes", i+1, r.StatusCode, len(b))
		}
	}
	res = exchange(t, addr, "HEAD /gather HTTP/1.1\r\nHost: x\r\n\r\n", 1)
	if res[0].StatusCode != 200 || res[0].ContentLength != 30<<10 {
		t.Errorf("HEAD: status %d, length %d", res[0].StatusCode, res[0].ContentLength)
	}
	c, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	c.SetDeadline(time.Now().Add(10 * time.Second))
	io.WriteString(c, "GET /gather HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
	all, err := io.ReadAll(c) // to the server's close
	if err != nil {
		t.Fatal(err)
	}
	r, err := http.ReadResponse(bufio.NewReader(bytes.NewReader(all)), nil)
	if err != nil {
		t.Fatal(err)
	}
	if b, _ := io.ReadAll(r.Body); len(b) != 30<<10 {
		t.Errorf("Connection: close: %d bytes", len(b))
	}
}
