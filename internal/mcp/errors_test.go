package mcp

import (
	"context"
	"strings"
	"testing"

	sdk "github.com/modelcontextprotocol/go-sdk/mcp"

	"github.com/iamsim/iamsim/internal/api"
	"github.com/iamsim/iamsim/policy"
)

// TestToolErrors calls each tool with a malformed request: each is a tool
// error whose message names the field, or the file:line:col, at fault,
// and the server goes on answering.
func TestToolErrors(t *testing.T) {
	t.Parallel()
	cs := connect(t, api.Engine{})
	accounts := []string{td + "accounts/222222222222.json"}
	alice := "arn:aws:iam::111122223333:user/alice"
	tests := []struct {
		name string
		tool string
		args map[string]any
		want string
	}{
		{"eval without principal", "eval", map[string]any{"actions": []string{"s3:GetObject"}}, `missing properties: ["principal"]`},
		{"eval with an empty principal", "eval", map[string]any{"principal": "", "actions": []string{"s3:GetObject"}}, "principal: give the principal ARN"},
		{"eval with actions not a list", "eval", map[string]any{"principal": alice, "actions": "s3:GetObject"}, "actions"},
		{"eval of invalid JSON", "eval", map[string]any{"principal": alice, "actions": []string{"s3:GetObject"}, "identity": []string{"{\"Version\": \"2012-10-17\",\n \"Statement\": [}"}},
			"--identity:2:16: E001 expected a value"},
		{"eval of an unknown action", "eval", map[string]any{"principal": alice, "actions": []string{"s3:GetObjekt"}, "identity": []string{td + "policies/identity-s3-home-dirs.json"}},
			`unknown action "s3:GetObjekt" (did you mean "s3:GetObject"?)`},
		{"eval of a missing file", "eval", map[string]any{"principal": alice, "actions": []string{"s3:GetObject"}, "identity": []string{td + "policies/none.json"}},
			"policies/none.json"},
		{"eval with a context value of a wrong type", "eval", map[string]any{"principal": alice, "actions": []string{"s3:GetObject"}, "context": map[string]any{"aws:SourceIp": map[string]any{}}},
			`context key "aws:SourceIp": want a string or a list of strings, found {}`},
		{"eval of standard input", "eval", map[string]any{"principal": alice, "actions": []string{"s3:GetObject"}, "boundary": "-"}, "boundary: - (standard input) carries the protocol"},
		{"lint of standard input", "lint", map[string]any{"paths": []string{"-"}}, "paths: - (standard input)"},
		{"lint of nothing", "lint", map[string]any{}, "policy or paths: give a policy"},
		{"lint of an unknown kind", "lint", map[string]any{"policy": "{}", "kind": "idenity"}, `kind "idenity": want identity`},
		{"lint of a missing file", "lint", map[string]any{"paths": []string{td + "policies/none.json"}}, "policies/none.json"},
		{"expand without pattern", "expand", map[string]any{}, `missing properties: ["pattern"]`},
		{"expand of an unknown action", "expand", map[string]any{"pattern": "s3:GetObjekt"}, "pattern s3:GetObjekt matches no action in the catalog; did you mean s3:GetObject?"},
		{"expand of a pattern without a service", "expand", map[string]any{"pattern": "GetObject"}, "an action pattern is service:Name"},
		{"can without accounts", "can", map[string]any{"principal": "arn:aws:iam::222222222222:user/alice"}, "accountDetails or templates"},
		{"can of a principal not loaded", "can", map[string]any{"accountDetails": accounts, "principal": "arn:aws:iam::222222222222:user/zed"}, "zed"},
		{"who-can of an unknown action", "who-can", map[string]any{"accountDetails": accounts, "action": "s3:GetObjekt", "resource": "*"}, "s3:GetObjekt"},
		{"diff without new", "diff", map[string]any{"old": td + "diff-examples/old.json"}, `missing properties: ["new"]`},
		{"diff of invalid JSON", "diff", map[string]any{"old": td + "diff-examples/old.json", "new": "{\"Version\": \"2012-10-17\",\n \"Statement\": [}"}, "new:2:16: E001"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			res := call(t, cs, tc.tool, tc.args)
			if !res.IsError {
				t.Fatalf("want a tool error, got %s", text(res))
			}
			if !strings.Contains(text(res), tc.want) {
				t.Errorf("error %q does not say %q", text(res), tc.want)
			}
		})
	}
	// The session still answers.
	var out ExpandOutput
	structured(t, call(t, cs, "expand", map[string]any{"pattern": "s3:GetObjectT*"}), &out)
}

// TestLimits checks that a tool reads within the engine's limits.
func TestLimits(t *testing.T) {
	t.Parallel()
	cs := connect(t, api.Engine{Limits: api.Limits{MaxFileSize: 64, Policy: policy.Limits{Bytes: 64}}})
	big := `{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}]}`
	tests := []struct {
		tool string
		args map[string]any
		want string
	}{
		{"eval", map[string]any{"principal": "arn:aws:iam::111122223333:user/alice", "actions": []string{"s3:GetObject"}, "identity": []string{big}}, "E025"},
		{"lint", map[string]any{"paths": []string{td + "diff-examples/new.json"}}, "--max-file-size"},
		{"diff", map[string]any{"old": big, "new": big}, "--max-file-size"},
	}
	for _, tc := range tests {
		res := call(t, cs, tc.tool, tc.args)
		if !res.IsError || !strings.Contains(text(res), tc.want) {
			t.Errorf("%s: want a tool error naming %s, got %v %q", tc.tool, tc.want, res.IsError, text(res))
		}
	}
}

// TestPanicIsToolError checks that a bug in a tool is a tool error, and
// the server goes on.
func TestPanicIsToolError(t *testing.T) {
	t.Parallel()
	s := NewServer(api.Engine{}, "test")
	addTool(s, "boom", "panics", api.Engine{}, func(api.Engine, ExpandInput) (ExpandOutput, string, error) { panic("boom") })
	st, ct := sdk.NewInMemoryTransports()
	ss, err := s.Connect(context.Background(), st, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer ss.Close()
	cs, err := sdk.NewClient(&sdk.Implementation{Name: "test", Version: "test"}, nil).Connect(context.Background(), ct, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer cs.Close()
	res := call(t, cs, "boom", map[string]any{"pattern": "x"})
	if !res.IsError || !strings.Contains(text(res), "internal error in iamsim (please report it): boom") {
		t.Errorf("want an internal error, got %v %q", res.IsError, text(res))
	}
	var out ExpandOutput
	structured(t, call(t, cs, "expand", map[string]any{"pattern": "s3:GetObjectT*"}), &out)
}
