// Command hello is the ceiling of bench/run.sh: the smallest Go net/http server,
// answering every request with a short text, measured with the same wrk command on
// the same machine as loa, so that loa's figures read as a fraction of what Go's HTTP
// server itself does here.
//
// With -like URL it answers instead with a copy of what URL answered once (its
// status, header fields and body, asked with -gzip or not): the ceiling for that very
// response, so that what loa adds to a cached page can be told from what sending the
// page itself costs.
package main

import (
	"flag"
	"io"
	"log"
	"net/http"
)

func main() {
	addr := flag.String("addr", "127.0.0.1:8090", "listen address (loopback only)")
	like := flag.String("like", "", "answer with a copy of this URL's response")
	gz := flag.Bool("gzip", false, "with -like: ask for the gzip-encoded response")
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
	if gz {
		// Set by hand, so the transport leaves the body encoded.
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
