//go:build race

package web

// raceEnabled: the race detector makes sync.Pool drop items at random, so allocation
// bounds that rest on a pool do not hold under it.
const raceEnabled = true
