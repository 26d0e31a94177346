package mcp

import (
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/iamsim/iamsim/internal/api"
)

func TestListTools(t *testing.T) {
	t.Parallel()
	cs := connect(t, api.Engine{})
	res, err := cs.ListTools(t.Context(), nil)
	if err != nil {
		t.Fatal(err)
	}
	required := map[string][]string{}
	for _, tool := range res.Tools {
		schema, ok := tool.InputSchema.(map[string]any)
		if !ok {
			t.Fatalf("%s: input schema %T", tool.Name, tool.InputSchema)
		}
		var req []string
		if list, ok := schema["required"].([]any); ok {
			for _, r := range list {
				req = append(req, r.(string))
			}
		}
		slices.Sort(req)
		required[tool.Name] = req
		if tool.Description == "" || tool.OutputSchema == nil {
			t.Errorf("%s: want a description and an output schema", tool.Name)
		}
	}
	want := map[string][]string{
		"eval": {"actions", "principal"}, "lint": nil, "expand": {"pattern"}, "can": {"principal"},
		"who-can": {"action", "resource"}, "diff": {"new", "old"},
	}
	if diff := cmp.Diff(want, required); diff != "" {
		t.Errorf("tools and their required arguments mismatch (-want +got):\n%s", diff)
	}
}

// evalCase is what TestEval checks of a decision.
type evalCase struct {
	Decision string
	Deciding []Statement
}

func TestEval(t *testing.T) {
	t.Parallel()
	cs := connect(t, api.Engine{})
	alice := "arn:aws:iam::111122223333:user/alice"
	logs := td + "scenarios/policies/identity-read-logs-bucket.json"
	tests := []struct {
		name string
		args map[string]any
		want []evalCase
	}{{
		name: "identity file allows",
		args: map[string]any{"principal": alice, "actions": []string{"s3:GetObject", "s3:PutObject"},
			"resources": []string{"arn:aws:s3:::example-access-logs-111122223333/a"}, "identity": []string{logs}},
		want: []evalCase{
			{"allowed", []Statement{{Layer: "identity", Policy: logs, Sid: "ReadAccessLogs", Position: logs + ":4:9"}}},
			{"implicitDeny", []Statement{}},
		},
	}, {
		name: "inline identity policy and an SCP level",
		args: map[string]any{"principal": alice, "actions": []string{"ec2:RunInstances"}, "resources": []string{"*"},
			"identity": []string{`{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "*", "Resource": "*"}}`},
			"scps":     []string{td + "scenarios/policies/scp-deny-ec2.json"}},
		want: []evalCase{{"explicitDeny", []Statement{{Layer: "scp", Level: 1, Policy: td + "scenarios/policies/scp-deny-ec2.json", Sid: "DenyAllEC2",
			Position: td + "scenarios/policies/scp-deny-ec2.json:4:9"}}}},
	}, {
		name: "a policy of a template, by reference",
		args: map[string]any{"principal": "arn:aws:iam::111122223333:role/reports-app", "actions": []string{"s3:DeleteObject"},
			"resources": []string{"arn:aws:s3:::any/x"}, "identity": []string{td + "iac/app/template.yaml#AppRole.Policies[0]"}},
		want: []evalCase{{"explicitDeny", []Statement{{Layer: "identity", Policy: "AppRole.Policies[0]", Sid: "NoDeletes", Index: 2,
			Position: td + "iac/app/template.yaml:64:17"}}}},
	}, {
		name: "an AWS managed policy and the context",
		args: map[string]any{"principal": alice, "actions": []string{"s3:GetObject"}, "resources": []string{"arn:aws:s3:::b/k"},
			"identity": []string{"arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess", td + "policies/identity-ip-restriction.json"},
			"context":  map[string]any{"aws:SourceIp": "192.0.2.10"}},
		want: []evalCase{{"allowed", nil}},
	}}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			res := call(t, cs, "eval", tc.args)
			var out EvalOutput
			structured(t, res, &out)
			var got []evalCase
			for _, d := range out.Decisions {
				if d.Explanation == "" || d.Summary == "" {
					t.Errorf("%s: want an explanation and a summary", d.Action)
				}
				got = append(got, evalCase{d.Decision, d.Deciding})
			}
			if tc.want[0].Deciding == nil {
				for i := range got {
					got[i].Deciding = nil
				}
			}
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("decisions mismatch (-want +got):\n%s", diff)
			}
			if text(res) == "" || text(res) == "{}" {
				t.Errorf("want the explanation as text content, got %q", text(res))
			}
		})
	}
}

func TestLint(t *testing.T) {
	t.Parallel()
	cs := connect(t, api.Engine{})
	tests := []struct {
		name string
		args map[string]any
		want []Finding
	}{{
		name: "inline policy",
		args: map[string]any{"policy": `{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObjekt", "Resource": "*"}]}`},
		want: []Finding{{Rule: "action-unknown", Level: "error", Position: "policy:1:71", Kind: "identity", Path: "Statement[0].Action[0]",
			Message: `unknown action "s3:GetObjekt"; did you mean "s3:GetObject"?`, Suggestion: "s3:GetObject"}},
	}, {
		name: "inline policy of a kind given",
		args: map[string]any{"kind": "scp", "policy": `{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*", "Principal": "*"}]}`},
		want: []Finding{{Rule: "element-not-allowed", Level: "error", Position: "policy:1:104", Kind: "scp"}},
	}, {
		name: "a file and a template",
		args: map[string]any{"paths": []string{td + "policies/identity-no-version.json", td + "iac/cfn/sam/template.yaml#ApiFunction.Policies[0]"}},
		want: []Finding{
			{Rule: "version-missing", Level: "warning", Position: td + "policies/identity-no-version.json:1:1", Kind: "identity"},
			{Rule: "version-missing", Level: "warning", Position: td + "iac/cfn/sam/template.yaml:43:11", Policy: "ApiFunction.Policies[0]", Kind: "identity"},
		},
	}, {
		name: "a reference to one policy of a template",
		args: map[string]any{"paths": []string{td + "iac/app/template.yaml#AppRole.Policies[0]"}},
		want: nil,
	}}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			var out LintOutput
			structured(t, call(t, cs, "lint", tc.args), &out)
			got := out.Findings
			for i := range got {
				if len(tc.want) > i && tc.want[i].Message == "" {
					got[i].Message, got[i].Suggestion = "", ""
				}
			}
			if diff := cmp.Diff(tc.want, got, cmpEmpty); diff != "" {
				t.Errorf("findings mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

// cmpEmpty makes an empty slice equal to nil.
var cmpEmpty = cmp.FilterValues(func(a, b []Finding) bool { return len(a) == 0 && len(b) == 0 }, cmp.Ignore())

func TestExpand(t *testing.T) {
	t.Parallel()
	cs := connect(t, api.Engine{})
	var out ExpandOutput
	structured(t, call(t, cs, "expand", map[string]any{"pattern": "s3:GetObjectT*"}), &out)
	want := []api.ExpandedAction{{Action: "s3:GetObjectTagging", AccessLevels: []string{"Read"}}, {Action: "s3:GetObjectTorrent", AccessLevels: []string{"Read"}}}
	if diff := cmp.Diff(want, out.Actions); diff != "" {
		t.Errorf("actions mismatch (-want +got):\n%s", diff)
	}
}

func TestCan(t *testing.T) {
	t.Parallel()
	cs := connect(t, api.Engine{})
	export := td + "accounts/222222222222.json"
	var out CanOutput
	structured(t, call(t, cs, "can", map[string]any{"accountDetails": []string{export}, "principal": "arn:aws:iam::222222222222:user/alice", "services": []string{"s3"}}), &out)
	got := map[string][]string{}
	for _, g := range out.Grants {
		for _, on := range g.On {
			got[g.Action] = append(got[g.Action], on.Resource+" "+on.Deciding[0].Position)
		}
	}
	want := map[string][]string{
		"s3:GetObject":    {"arn:aws:s3:::acme-dev-data/home/alice/* " + export + ":149:29", "arn:aws:s3:::acme-dev-data/teams/data/* " + export + ":159:29"},
		"s3:PutObject":    {"arn:aws:s3:::acme-dev-data/home/alice/* " + export + ":149:29"},
		"s3:DeleteObject": {"arn:aws:s3:::acme-dev-data/home/alice/* " + export + ":149:29"},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("grants mismatch (-want +got):\n%s", diff)
	}
}

func TestWhoCan(t *testing.T) {
	t.Parallel()
	cs := connect(t, api.Engine{})
	var out WhoCanOutput
	structured(t, call(t, cs, "who-can", map[string]any{"accountDetails": []string{td + "accounts/222222222222.json"}, "action": "s3:GetObject", "resource": "arn:aws:s3:::x/y"}), &out)
	var got []string
	for _, p := range out.Principals {
		got = append(got, p.Principal+" "+p.Type)
	}
	want := []string{"arn:aws:iam::222222222222:role/admin role", "arn:aws:iam::222222222222:role/app-runtime role", "arn:aws:iam::222222222222:user/bob user"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("principals mismatch (-want +got):\n%s", diff)
	}
	if out.Checked != 7 {
		t.Errorf("checked %d principals, want 7", out.Checked)
	}
}

// widening is what TestDiff checks of a widening.
type widening struct {
	Action    string
	Statement string
	Witness   string
}

func TestDiff(t *testing.T) {
	t.Parallel()
	cs := connect(t, api.Engine{})
	tests := []struct {
		name string
		args map[string]any
		want []widening
	}{{
		name: "files",
		args: map[string]any{"old": td + "diff-examples/old.json", "new": td + "diff-examples/new.json"},
		want: []widening{
			{"s3:GetObject", td + "diff-examples/new.json:4:5", "arn:aws:s3:::reports/alice/x1"},
			{"s3:PutObject", td + "diff-examples/new.json:10:5", "arn:aws:s3:::reports/alice/x1"},
		},
	}, {
		name: "inline",
		args: map[string]any{
			"old": `{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/*"}]}`,
			"new": "{\"Version\": \"2012-10-17\",\n \"Statement\": [{\"Effect\": \"Allow\", \"Action\": \"s3:GetObject\", \"Resource\": \"*\"}]}",
		},
		want: []widening{{"s3:GetObject", "new:2:16", "arn:aws:s3:us-east-1:111122223333:accesspoint/x/object/x"}},
	}}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			var out DiffOutput
			structured(t, call(t, cs, "diff", tc.args), &out)
			var got []widening
			for _, w := range out.Widenings[:min(len(out.Widenings), len(tc.want))] {
				got = append(got, widening{w.Action, w.Statement.Position, w.Witness.Resource})
			}
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("widenings mismatch (-want +got):\n%s", diff)
			}
		})
	}
}
