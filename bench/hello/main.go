// Command hello is the ceiling of bench/run.sh: the smallest Go net/http server,
// answering every request with a short text, measured with the same wrk command on
// the same machine as loa, so that loa's figures read as a fraction of what Go's HTTP
// server itself does here.
package main

import (
	"flag"
	"log"
	"net/http"
)

func main() {
	addr := flag.String("addr", "127.0.0.1:8090", "listen address (loopback only)")
	flag.Parse()
	body := []byte("Xin chào, loa!\n")
	http.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		w.Write(body)
	})
	log.Fatal(http.ListenAndServe(*addr, nil))
}
