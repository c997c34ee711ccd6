// Command hello is the ceiling of bench/run.sh: the smallest Go net/http server,
// answering every request with a short text, measured with the same wrk command on
// the same machine as loa, so that loa's figures read as a fraction of what Go's HTTP
// server itself does here.
//
// With -like URL it answers instead with a copy of what URL answered once (its
// status, header fields and body, asked with -gzip or not): the ceiling for that very
// response, so that what loa adds to a cached page can be told from what sending the
// page itself costs. With -like and -raw it sends that copy with no HTTP server at all:
// a loop reads each request's head and answers with the response's bytes in one write,
// what the kernel and wrk alone cost for those bytes.
package main

import (
	"bufio"
	"bytes"
	"flag"
	"fmt"
	"io"
	"log"
	"net"
	"net/http"
	"time"
)

func main() {
	addr := flag.String("addr", "127.0.0.1:8090", "listen address (loopback only)")
	like := flag.String("like", "", "answer with a copy of this URL's response")
	gz := flag.Bool("gzip", false, "with -like: ask for the gzip-encoded response")
	raw := flag.Bool("raw", false, "with -like: answer from a bare TCP loop, one write per response")
	flag.Parse()
	if *like == "" {
		body := []byte("Xin chào, loa!\n")
		http.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "text/plain; charset=utf-8")
			w.Write(body)
		})
		log.Fatal(http.ListenAndServe(*addr, nil))
	}
	status, header, body := fetch(*like, *gz)
	if *raw {
		log.Fatal(serveRaw(*addr, status, header, body))
	}
	http.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		for k, v := range header {
			h[k] = v
		}
		w.WriteHeader(status)
		w.Write(body)
	})
	log.Fatal(http.ListenAndServe(*addr, nil))
}

// fetch reads url once, as a browser asking for gzip (or not) would.
func fetch(url string, gz bool) (int, http.Header, []byte) {
	req, err := http.NewRequest(http.MethodGet, url, nil)
	if err != nil {
		log.Fatal(err)
	}
	// Set by hand, so that the transport neither asks for gzip nor decodes it (a
	// decoded answer loses its Content-Length: copied, it went out chunked).
	req.Header.Set("Accept-Encoding", "identity")
	if gz {
		req.Header.Set("Accept-Encoding", "gzip")
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		log.Fatal(err)
	}
	defer res.Body.Close()
	body, err := io.ReadAll(res.Body)
	if err != nil {
		log.Fatal(err)
	}
	h := res.Header.Clone()
	h.Del("Date") // net/http writes its own
	return res.StatusCode, h, body
}

// serveRaw answers every request on addr with the same bytes, in one write each: the
// floor of what serving them costs. It reads only request heads (wrk's GETs).
func serveRaw(addr string, status int, header http.Header, body []byte) error {
	var b bytes.Buffer
	fmt.Fprintf(&b, "HTTP/1.1 %d %s\r\n", status, http.StatusText(status))
	header.Set("Date", time.Now().UTC().Format(http.TimeFormat))
	header.Write(&b)
	b.WriteString("\r\n")
	b.Write(body)
	answer := b.Bytes()
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return err
	}
	for {
		c, err := ln.Accept()
		if err != nil {
			return err
		}
		go func() {
			defer c.Close()
			r := bufio.NewReader(c)
			for {
				for { // the request's head, to its blank line
					line, err := r.ReadSlice('\n')
					if err != nil {
						return
					}
					if len(bytes.TrimSpace(line)) == 0 {
						break
					}
				}
				if _, err := c.Write(answer); err != nil {
					return
				}
			}
		}()
	}
}
