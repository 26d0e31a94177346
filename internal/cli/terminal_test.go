package cli

import (
	"bytes"
	"testing"
)

// TestBufferIsNoTerminal checks that a buffer is no terminal, so that
// output captured in tests and pipes has no colour.
func TestBufferIsNoTerminal(t *testing.T) {
	t.Parallel()
	if isTerminal(&bytes.Buffer{}) {
		t.Error("a buffer counts as a terminal")
	}
}
