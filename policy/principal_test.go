package policy_test

import (
	"testing"

	"github.com/iamsim/iamsim/policy"
)

func TestPrincipalIsAnyone(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, principal string
		want            bool
	}{
		{"the string *", `"Principal": "*"`, true},
		{"AWS *", `"Principal": {"AWS": "*"}`, true},
		{"AWS * among accounts", `"Principal": {"AWS": ["111122223333", "*"]}`, true},
		{"an account", `"Principal": {"AWS": "111122223333"}`, false},
		{"a service", `"Principal": {"Service": "sns.amazonaws.com"}`, false},
		{"NotPrincipal *", `"NotPrincipal": {"AWS": "*"}`, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			src := `{"Version": "2012-10-17", "Statement": [{"Effect": "Deny", ` + tt.principal + `, "Action": "s3:*", "Resource": "*"}]}`
			doc, err := policy.Parse("p.json", []byte(src), policy.Resource)
			if err != nil {
				t.Fatal(err)
			}
			if got := doc.Statements[0].Principal.IsAnyone(); got != tt.want {
				t.Errorf("IsAnyone() = %v, want %v", got, tt.want)
			}
		})
	}
	var none *policy.Principal
	if none.IsAnyone() {
		t.Error("a nil Principal names anyone")
	}
}
