// Package loa holds the domain of loa: the types of the communications work of a
// People's Procuracy, their validation, the counting rules and Vietnamese text
// folding. It does no I/O: the store, web and command packages build on it.
package loa

import (
	"errors"
	"fmt"
	"sort"
	"strings"
)

// Error codes. Each becomes one HTTP status in the web package and one exit status
// in the command; only EINTERNAL is logged, the others are the user's to read.
const (
	ECONFLICT     = "conflict"
	EINTERNAL     = "internal"
	EINVALID      = "invalid"
	ENOTFOUND     = "not_found"
	EUNAUTHORIZED = "unauthorized"
	EFORBIDDEN    = "forbidden"
	EGONE         = "gone"
)

// Error is an error a person can act on: a code for programs and a message for people.
// Fields names the form fields at fault, with a message for each, so a page can show
// each message next to its field.
type Error struct {
	Code    string
	Message string
	Fields  map[string]string
}

func (e *Error) Error() string {
	if len(e.Fields) == 0 {
		return e.Message
	}
	keys := make([]string, 0, len(e.Fields))
	for k := range e.Fields {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	parts := make([]string, 0, len(keys))
	for _, k := range keys {
		parts = append(parts, k+": "+e.Fields[k])
	}
	return e.Message + " (" + strings.Join(parts, "; ") + ")"
}

// Errorf returns an *Error with the code and a formatted message.
func Errorf(code, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

// ErrorCode returns the code of err's *Error, EINTERNAL for any other error, "" for nil.
func ErrorCode(err error) string {
	if err == nil {
		return ""
	}
	var e *Error
	if errors.As(err, &e) {
		return e.Code
	}
	return EINTERNAL
}

// ErrorMessage returns the message a person may read: the *Error's own, or a generic
// one for internal errors, whose text could leak database details.
func ErrorMessage(err error) string {
	var e *Error
	if errors.As(err, &e) {
		return e.Message
	}
	return "Đã có lỗi hệ thống; xin thử lại sau."
}

// ErrorFields returns the per-field messages of err, if any.
func ErrorFields(err error) map[string]string {
	var e *Error
	if errors.As(err, &e) {
		return e.Fields
	}
	return nil
}

// FieldError is EINVALID for one field, the message both at the top of the form and
// next to the field.
func FieldError(field, msg string) *Error {
	return &Error{Code: EINVALID, Message: msg, Fields: map[string]string{field: msg}}
}

// Validation collects field errors while a value is checked.
type Validation struct{ fields map[string]string }

// Add records msg for field unless the field already has a message.
func (v *Validation) Add(field, msg string) {
	if v.fields == nil {
		v.fields = map[string]string{}
	}
	if _, ok := v.fields[field]; !ok {
		v.fields[field] = msg
	}
}

// Check records msg for field when ok is false.
func (v *Validation) Check(ok bool, field, msg string) {
	if !ok {
		v.Add(field, msg)
	}
}

// Err returns nil when nothing was recorded, else an EINVALID *Error with the fields.
func (v *Validation) Err() error {
	if len(v.fields) == 0 {
		return nil
	}
	return &Error{Code: EINVALID, Message: "Dữ liệu chưa hợp lệ, xin xem lại các ô được đánh dấu.", Fields: v.fields}
}
