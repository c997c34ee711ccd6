package store

import (
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// unnamedOK lists the exported *DB methods returning an error that need not name
// their operation, each with why.
var unnamedOK = map[string]string{
	"WithTx": "runs the caller's function; the caller names the operation (inTx)",
}

// An exported store method that returns an error names its operation (wrapOp,
// wrapErr or inTx) or hands over entirely to a method that does, so that a logged
// internal error always says what was being done (issue 12). The test reads the
// package's source, so a method added later cannot escape it.
func TestStoreMethodsNameTheirOperation(t *testing.T) {
	paths, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	fset := token.NewFileSet()
	var files []*ast.File
	for _, p := range paths {
		if strings.HasSuffix(p, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, p, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		files = append(files, f)
	}
	bad, named, twice := unnamedMethods(files)
	for _, m := range twice {
		t.Errorf("(*DB).%s names its operation, but every error it returns is named already by the methods it calls: drop its wrapErr or inTx name", m)
	}
	for _, m := range bad {
		if _, ok := unnamedOK[m]; !ok {
			t.Errorf("(*DB).%s returns an error without naming its operation: start it with `defer wrapErr(&err, \"…\")` or run its transaction with db.inTx", m)
		}
	}
	for m := range unnamedOK {
		if named[m] {
			t.Errorf("unnamedOK lists (*DB).%s, which names its operation: drop it from the list", m)
		} else if !slices.Contains(bad, m) {
			t.Errorf("unnamedOK lists (*DB).%s, which is gone", m)
		}
	}
}

// The detector catches what it must before it is trusted: a bare method, and a
// delegation to one; it lets through a wrapped method, an inTx, and delegations to
// those, returning domain errors besides.
func TestUnnamedMethodsSees(t *testing.T) {
	const src = `package store
func (db *DB) Bare(ctx context.Context) (int, error) { return db.count(ctx, "SELECT 1") }
func (db *DB) ToBare(ctx context.Context) (int, error) { return db.Bare(ctx) }
func (db *DB) Deferred(ctx context.Context, id int64) (n int, err error) {
	defer wrapErr(&err, "read %d", id)
	return db.count(ctx, "SELECT 1")
}
func (db *DB) Tx(ctx context.Context) error {
	if x {
		return loa.FieldError("x", "y")
	}
	return db.inTx(ctx, "tx", func(ctx context.Context) error { return nil })
}
func (db *DB) ToDeferred(ctx context.Context) (int, error) {
	n, err := db.Deferred(ctx, 1)
	return n, err
}
func (db *DB) ToTx(ctx context.Context) error {
	if x {
		return nil
	}
	return db.Tx(ctx)
}
func (db *DB) Mixed(ctx context.Context) error {
	if err := db.exec(ctx, "x"); err != nil {
		return err
	}
	return db.Tx(ctx)
}
func (db *DB) Twice(ctx context.Context) (n int, err error) {
	defer wrapErr(&err, "twice")
	return db.Deferred(ctx, 2)
}
func (db *DB) NoError(ctx context.Context) int { return 0 }
func (db *DB) unexported(ctx context.Context) error { return nil }
`
	f, err := parser.ParseFile(token.NewFileSet(), "planted.go", src, 0)
	if err != nil {
		t.Fatal(err)
	}
	bad, _, twice := unnamedMethods([]*ast.File{f})
	if want := []string{"Bare", "Mixed", "ToBare"}; !slices.Equal(bad, want) {
		t.Fatalf("got %v, want %v", bad, want)
	}
	if want := []string{"Twice"}; !slices.Equal(twice, want) {
		t.Fatalf("named twice: got %v, want %v", twice, want)
	}
}

// unnamedMethods returns, sorted, the exported methods of *DB in files that return an
// error and do not name their operation (bad), and those that name it although
// every error they return is named already (twice); named holds those that name it
// themselves.
func unnamedMethods(files []*ast.File) (bad []string, named map[string]bool, twice []string) {
	methods := map[string]*ast.FuncDecl{}
	for _, f := range files {
		for _, d := range f.Decls {
			if fd, ok := d.(*ast.FuncDecl); ok && onDB(fd) && fd.Body != nil {
				methods[fd.Name.Name] = fd
			}
		}
	}
	named = map[string]bool{}
	ok := map[string]bool{} // names its operation, itself or through one it hands over to
	visiting := map[string]bool{}
	var check func(name string) bool
	check = func(name string) bool {
		if r, done := ok[name]; done {
			return r
		}
		fd := methods[name]
		if fd == nil || visiting[name] {
			return false
		}
		visiting[name] = true
		named[name] = namesOp(fd.Body)
		ok[name] = named[name] || delegates(fd, check)
		return ok[name]
	}
	for name, fd := range methods {
		if fd.Name.IsExported() && returnsError(fd) && !check(name) {
			bad = append(bad, name)
		}
	}
	for name, fd := range methods {
		if named[name] && returnsError(fd) && delegates(fd, check) {
			twice = append(twice, name)
		}
	}
	slices.Sort(bad)
	slices.Sort(twice)
	return bad, named, twice
}

func onDB(fd *ast.FuncDecl) bool {
	if fd.Recv == nil || len(fd.Recv.List) != 1 {
		return false
	}
	st, ok := fd.Recv.List[0].Type.(*ast.StarExpr)
	if !ok {
		return false
	}
	id, ok := st.X.(*ast.Ident)
	return ok && id.Name == "DB"
}

func returnsError(fd *ast.FuncDecl) bool {
	res := fd.Type.Results
	if res == nil {
		return false
	}
	id, ok := res.List[len(res.List)-1].Type.(*ast.Ident)
	return ok && id.Name == "error"
}

// namesOp reports whether body calls wrapOp, wrapErr or db.inTx.
func namesOp(body *ast.BlockStmt) bool {
	found := false
	ast.Inspect(body, func(n ast.Node) bool {
		c, ok := n.(*ast.CallExpr)
		if !ok {
			return !found
		}
		switch fn := c.Fun.(type) {
		case *ast.Ident:
			found = found || fn.Name == "wrapOp" || fn.Name == "wrapErr"
		case *ast.SelectorExpr:
			found = found || dbCall(c) == "inTx"
		}
		return !found
	})
	return found
}

// dbCall is the name of the db method c calls, or "".
func dbCall(c *ast.CallExpr) string {
	if s, ok := c.Fun.(*ast.SelectorExpr); ok {
		if x, ok := s.X.(*ast.Ident); ok && x.Name == "db" {
			return s.Sel.Name
		}
	}
	return ""
}

// delegates reports whether every error fd returns is nil, a domain error made
// there (loa.…), or the error of a method that names its operation (check): called
// in the return itself, or assigned, only from such calls, to the variable returned.
func delegates(fd *ast.FuncDecl, check func(string) bool) bool {
	fromNamed := func(e ast.Expr) bool {
		c, ok := e.(*ast.CallExpr)
		if !ok {
			return false
		}
		if s, ok := c.Fun.(*ast.SelectorExpr); ok {
			if x, ok := s.X.(*ast.Ident); ok && x.Name == "loa" {
				return true
			}
		}
		// inTx names the caller's own work, which is no handing over.
		m := dbCall(c)
		return m != "" && m != "inTx" && check(m)
	}
	// Where each variable gets its value, outside function literals.
	sources := map[string][]ast.Expr{}
	var returns []*ast.ReturnStmt
	ast.Inspect(fd.Body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.ReturnStmt:
			returns = append(returns, n)
		case *ast.AssignStmt:
			for i, l := range n.Lhs {
				id, ok := l.(*ast.Ident)
				if !ok {
					continue
				}
				src := n.Rhs[0] // a call giving several values
				if len(n.Rhs) == len(n.Lhs) {
					src = n.Rhs[i]
				}
				sources[id.Name] = append(sources[id.Name], src)
			}
		}
		return true
	})
	for _, r := range returns {
		if len(r.Results) == 0 {
			return false
		}
		e := r.Results[len(r.Results)-1]
		switch e := e.(type) {
		case *ast.Ident:
			if e.Name == "nil" {
				continue
			}
			srcs := sources[e.Name]
			if len(srcs) == 0 || !all(srcs, fromNamed) {
				return false
			}
		default:
			if !fromNamed(e) {
				return false
			}
		}
	}
	return true
}

func all[T any](s []T, f func(T) bool) bool {
	for _, v := range s {
		if !f(v) {
			return false
		}
	}
	return true
}
