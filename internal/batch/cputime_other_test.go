//go:build !unix

package batch

import "time"

// cpuTime returns 0 where the process's CPU time is not read: the
// benchmarks then report no per-CPU-second figure.
func cpuTime() time.Duration { return 0 }
