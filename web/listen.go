package web

import (
	"context"
	"net"
	"net/http"
	"sync"
	"time"
)

// The listener's connections can gather one response into a single write.
//
// net/http writes a response through a 4 KB buffer: a page whose header and body pass
// 4 KB leaves in two writes, and on loopback each write is a trip through the kernel's
// TCP stack for both ends. The same 3.8 KB gzipped section page served by a bare
// net/http handler reached 0.55 of the hello-world ceiling, a 3.1 KB page 0.76–0.80
// (issue 20, BENCHMARKS.md fifth pass). A cache hit knows its whole answer is in
// memory and final, so it asks its connection to gather: the writes are kept and sent
// in one when the server is done with the response, which net/http marks by resetting
// the write deadline (or by closing the connection). Reads do not send them: net/http
// reads in the background while a handler runs. Only answers complete in memory may
// gather: a streamed answer would be held back.

func listen(addr string) (net.Listener, error) {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return nil, err
	}
	return gatherListener{ln}, nil
}

type gatherListener struct{ net.Listener }

func (l gatherListener) Accept() (net.Conn, error) {
	c, err := l.Listener.Accept()
	if err != nil {
		return nil, err
	}
	return &gatherConn{Conn: c}, nil
}

// gatherConn is a connection that can hold its writes until the response is done.
type gatherConn struct {
	net.Conn
	mu     sync.Mutex
	gather bool
	buf    []byte
	err    error // the failed write of gathered bytes, returned by the next call
}

type connKey struct{}

// withConn is http.Server's ConnContext: it keeps the connection in the requests'
// context, where gatherResponse finds it.
func withConn(ctx context.Context, c net.Conn) context.Context {
	if g, ok := c.(*gatherConn); ok {
		return context.WithValue(ctx, connKey{}, g)
	}
	return ctx
}

// gatherResponse asks r's connection to send the response in one write. The caller's
// answer must be complete: nothing leaves before the server has finished it.
func gatherResponse(r *http.Request) {
	if g, ok := r.Context().Value(connKey{}).(*gatherConn); ok {
		g.mu.Lock()
		g.gather = true
		g.mu.Unlock()
	}
}

func (c *gatherConn) Write(p []byte) (int, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.err != nil {
		return 0, c.err
	}
	if c.gather {
		c.buf = append(c.buf, p...)
		return len(p), nil
	}
	return c.Conn.Write(p)
}

// flush sends what was gathered and stops gathering.
func (c *gatherConn) flush() error {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.gather = false
	if len(c.buf) > 0 {
		_, err := c.Conn.Write(c.buf)
		if err != nil && c.err == nil {
			c.err = err
		}
		c.buf = c.buf[:0]
		if cap(c.buf) > 64<<10 { // an idle connection does not keep a large page
			c.buf = nil
		}
	}
	return c.err
}

// The server resets the write deadline when it has written a response: the gathered
// bytes leave first, under the deadline they were written in.
func (c *gatherConn) SetWriteDeadline(t time.Time) error {
	if err := c.flush(); err != nil {
		return err
	}
	return c.Conn.SetWriteDeadline(t)
}

func (c *gatherConn) SetDeadline(t time.Time) error {
	if err := c.flush(); err != nil {
		return err
	}
	return c.Conn.SetDeadline(t)
}

// CloseWrite is what net/http calls on a connection it closes after a response
// (Connection: close): it must see the response's end first.
func (c *gatherConn) CloseWrite() error {
	if err := c.flush(); err != nil {
		return err
	}
	if cw, ok := c.Conn.(interface{ CloseWrite() error }); ok {
		return cw.CloseWrite()
	}
	return nil
}

func (c *gatherConn) Close() error {
	c.flush()
	return c.Conn.Close()
}
