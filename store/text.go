package store

import "strings"

// likeEscape keeps a user's % and _ literal inside a LIKE … ESCAPE '\' pattern.
func likeEscape(s string) string {
	return strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`).Replace(s)
}
