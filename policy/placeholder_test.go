package policy_test

import (
	"strings"
	"testing"

	"github.com/iamsim/iamsim/policy"
)

// A value that holds a placeholder of infrastructure code (docs/iac.md)
// is judged as its deployed value could be: a whole placeholder is any
// valid value, and the rest of a value is judged as if each placeholder
// were valid in its place. Values without one are judged as before.
func TestPlaceholdersParse(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name, statement string
		kind            policy.Kind
		wantErr         string
	}{
		{"whole resource", `"Action":"sns:Publish","Resource":"{{Topic}}"`, policy.Identity, ""},
		{"resource starting with one", `"Action":"s3:GetObject","Resource":"{{Bucket.Arn}}/*"`, policy.Identity, ""},
		{"account and region in an ARN", `"Action":"sqs:SendMessage","Resource":"arn:aws:sqs:{{AWS::Region}}:{{AWS::AccountId}}:jobs"`, policy.Identity, ""},
		{"ARN still judged around it", `"Action":"s3:GetObject","Resource":"nope:{{X}}"`, policy.Identity, "a resource is an ARN"},
		{"account of an AWS principal", `"Principal":{"AWS":"arn:aws:iam::{{AWS::AccountId}}:root"},"Action":"s3:GetObject","Resource":"*"`, policy.Resource, ""},
		{"whole principal", `"Principal":{"AWS":"{{AppRole.Arn}}"},"Action":"s3:GetObject","Resource":"*"`, policy.Resource, ""},
		{"principal still judged around it", `"Principal":{"AWS":"arn:aws:iam::{{A}}:bogus/x"},"Action":"s3:GetObject","Resource":"*"`, policy.Resource, "an AWS principal ARN names"},
		{"condition value", `"Action":"s3:GetObject","Resource":"*","Condition":{"IpAddress":{"aws:SourceIp":"{{var.cidr}}"}}`, policy.Identity, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			src := `{"Version":"2012-10-17","Statement":[{"Effect":"Allow",` + tc.statement + `}]}`
			_, err := policy.Parse("p.json", []byte(src), tc.kind)
			switch {
			case tc.wantErr == "" && err != nil:
				t.Errorf("refused: %v", err)
			case tc.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tc.wantErr)):
				t.Errorf("got %v, want an error with %q", err, tc.wantErr)
			}
		})
	}
}

func TestMaskPlaceholders(t *testing.T) {
	t.Parallel()
	if got := policy.MaskPlaceholders("arn:aws:sqs:{{AWS::Region}}:{{AWS::AccountId}}:q", "*"); got != "arn:aws:sqs:*:*:q" {
		t.Errorf("got %q", got)
	}
	if got := policy.MaskPlaceholders("a {{ b", "*"); got != "a {{ b" || policy.HasPlaceholder("a {{ b") {
		t.Errorf("an unclosed {{ is no placeholder: got %q", got)
	}
}
