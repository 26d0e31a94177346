package cli

import (
	"bufio"
	"bytes"
	"encoding/json"
	"io"
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestMCPOverStdio runs `iamsim mcp` on pipes, as a coding assistant
// starts it: it answers initialize and tools/list, and ends with exit 0
// when the client closes its standard input.
func TestMCPOverStdio(t *testing.T) {
	t.Parallel()
	inR, inW := io.Pipe()
	outR, outW := io.Pipe()
	var stderr bytes.Buffer
	done := make(chan int)
	go func() {
		code := Main([]string{"mcp"}, inR, outW, &stderr)
		outW.Close()
		done <- code
	}()
	lines := bufio.NewScanner(outR)
	lines.Buffer(nil, 1<<24)
	send := func(msg string) {
		t.Helper()
		if _, err := io.WriteString(inW, msg+"\n"); err != nil {
			t.Fatal(err)
		}
	}
	receive := func() map[string]any {
		t.Helper()
		if !lines.Scan() {
			t.Fatalf("no answer: %v; stderr: %s", lines.Err(), stderr.String())
		}
		var m map[string]any
		if err := json.Unmarshal(lines.Bytes(), &m); err != nil {
			t.Fatalf("answer %s: %v", lines.Bytes(), err)
		}
		return m
	}
	send(`{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{},"clientInfo":{"name":"test","version":"1"}}}`)
	answer := receive()
	info, _ := answer["result"].(map[string]any)["serverInfo"].(map[string]any)
	if info["name"] != "iamsim" || info["version"] != Version {
		t.Errorf("serverInfo %v, want iamsim %s", info, Version)
	}
	send(`{"jsonrpc":"2.0","method":"notifications/initialized"}`)
	send(`{"jsonrpc":"2.0","id":2,"method":"tools/list"}`)
	list := receive()
	var names []string
	for _, tool := range list["result"].(map[string]any)["tools"].([]any) {
		names = append(names, tool.(map[string]any)["name"].(string))
	}
	slices.Sort(names)
	if diff := cmp.Diff([]string{"can", "diff", "eval", "expand", "lint", "who-can"}, names); diff != "" {
		t.Errorf("tools mismatch (-want +got):\n%s", diff)
	}
	inW.Close()
	if code := <-done; code != ExitOK {
		t.Errorf("exit status %d, want 0; stderr: %s", code, stderr.String())
	}
}
