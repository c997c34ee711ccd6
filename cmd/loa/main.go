// Command loa runs the communications work of a People's Procuracy: the web
// application and public news site, imports, reports, backups and demo data.
// CONTRACTS.md fixes its commands, flags and exit statuses.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"sort"
	"strings"
	"syscall"

	"loa"
	"loa/store"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	os.Exit(Run(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}

// usageError is a mistake in how loa was called: exit status 2 (CONTRACTS.md).
type usageError struct{ msg string }

func (e usageError) Error() string { return e.msg }

func usagef(format string, args ...any) error { return usageError{fmt.Sprintf(format, args...)} }

// Env is what every command gets: its arguments, the standard streams and settings.
type Env struct {
	Args           []string
	Stdin          io.Reader
	Stdout, Stderr io.Writer
	DSN            string
	YearStart      loa.YearStart
	Log            *slog.Logger
}

// Open opens (and migrates) the database named by --db or LOA_DB.
func (e *Env) Open(ctx context.Context) (*store.DB, error) { return store.Open(ctx, e.DSN) }

// command is one subcommand.
type command struct {
	summary string
	run     func(ctx context.Context, e *Env) error
}

// commands is the table of subcommands; each lives in its own file.
var commands = map[string]command{
	"serve":   {"chạy ứng dụng web [--addr :8080] [--demo]", runServe},
	"migrate": {"áp dụng migration rồi thoát", runMigrate},
	"user":    {"user add --email E --name N --role R [--unit CODE]", runUser},
	"backup":  {"backup FILE: sao lưu toàn bộ cơ sở dữ liệu", runBackup},
	"restore": {"restore FILE [--force]: phục hồi vào cơ sở dữ liệu trống", runRestore},
	"demo":    {"demo [--scale small|province|national]: nạp dữ liệu mẫu", runDemo},
	"import":  {"import channels|units|quotas|themes|items FILE: nhập tệp CSV hoặc XLSX; import report FILE.json [--unit MÃ]: báo cáo của tỉnh", runImport},
	"report":  {"report --period P | --from D --to D [--scope CODE] [--format json|csv|xlsx] [-o FILE]", runReport},
	"token":   {"token create --user EMAIL [--name NHÃN] | list [--user EMAIL] | revoke ID: mã truy cập API", runToken},
	"period":  {"period close P | reopen P --reason LÝ_DO | list: chốt số liệu của kỳ, mở lại (có lý do), liệt kê", runPeriod},
}

// Run runs loa with args and returns the exit status: 0 success, 2 usage error,
// 1 any other failure. The reason goes to stderr in one line.
func Run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	e := &Env{Stdin: stdin, Stdout: stdout, Stderr: stderr,
		Log: slog.New(slog.NewJSONHandler(stderr, &slog.HandlerOptions{Level: slog.LevelInfo}))}
	err := run(ctx, e, args)
	switch {
	case err == nil:
		return 0
	case errors.As(err, new(usageError)):
		fmt.Fprintln(stderr, "loa:", err)
		return 2
	case errors.Is(err, errReported):
		return 1
	default:
		fmt.Fprintln(stderr, "loa:", oneLine(err.Error()))
		return 1
	}
}

// errReported means the command already wrote its reasons (a refused import's lines).
var errReported = errors.New("reported")

func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

func run(ctx context.Context, e *Env, args []string) error {
	global := flag.NewFlagSet("loa", flag.ContinueOnError)
	global.SetOutput(io.Discard)
	dsn := global.String("db", envOr("LOA_DB", "loa.db"), "")
	if err := global.Parse(args); err != nil {
		return usagef("%v", err)
	}
	rest := global.Args()
	if len(rest) == 0 {
		return usagef("thiếu lệnh; các lệnh: %s", commandList())
	}
	cmd, ok := commands[rest[0]]
	if !ok {
		return usagef("lệnh không có: %q; các lệnh: %s", rest[0], commandList())
	}
	ys := loa.DefaultYearStart
	if v := os.Getenv("LOA_YEAR_START"); v != "" {
		var err error
		if ys, err = loa.ParseYearStart(v); err != nil {
			return fmt.Errorf("LOA_YEAR_START: %w", err)
		}
	}
	// --db may also follow the command: loa report --db x.db --period 2024.
	e.Args, e.DSN, e.YearStart = extractDB(rest[1:], dsn), *dsn, ys
	return cmd.run(ctx, e)
}

// extractDB removes --db/-db from args, storing its value in dsn.
func extractDB(args []string, dsn *string) []string {
	var out []string
	for i := 0; i < len(args); i++ {
		a := args[i]
		switch {
		case a == "--db" || a == "-db":
			if i+1 < len(args) {
				*dsn = args[i+1]
				i++
			}
		case strings.HasPrefix(a, "--db="), strings.HasPrefix(a, "-db="):
			*dsn = a[strings.Index(a, "=")+1:]
		default:
			out = append(out, a)
		}
	}
	return out
}

func commandList() string {
	names := make([]string, 0, len(commands))
	for n := range commands {
		names = append(names, n)
	}
	sort.Strings(names)
	return strings.Join(names, ", ")
}

func envOr(key, def string) string {
	if v := os.Getenv(key); v != "" {
		return v
	}
	return def
}

// flags returns a FlagSet for a subcommand whose errors are usage errors.
func flags(name string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	return fs
}

// parse parses a subcommand's flags, turning mistakes into usage errors; it also
// refuses positional arguments beyond want.
func parse(fs *flag.FlagSet, args []string, want int) ([]string, error) {
	// Allow flags after positional arguments (loa import units FILE --db x).
	var pos []string
	for len(args) > 0 {
		if err := fs.Parse(args); err != nil {
			return nil, usagef("%s: %v", fs.Name(), err)
		}
		args = fs.Args()
		if len(args) > 0 {
			pos = append(pos, args[0])
			args = args[1:]
		}
	}
	if want >= 0 && len(pos) != want {
		return nil, usagef("%s: cần %d tham số, có %d", fs.Name(), want, len(pos))
	}
	return pos, nil
}

func runMigrate(ctx context.Context, e *Env) error {
	if _, err := parse(flags("migrate"), e.Args, 0); err != nil {
		return err
	}
	db, err := e.Open(ctx)
	if err != nil {
		return err
	}
	defer db.Close()
	fmt.Fprintln(e.Stdout, "migrations applied")
	return nil
}
