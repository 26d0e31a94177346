package api

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestExpand(t *testing.T) {
	tests := []struct {
		name, pattern  string
		wantActions    []string
		wantSuggestion string
		wantErr        string
	}{
		{name: "wildcard, any case", pattern: "STS:assumeRoleWith*",
			wantActions: []string{"sts:AssumeRoleWithSAML", "sts:AssumeRoleWithWebIdentity"}},
		{name: "misspelt", pattern: "s3:GetObjekt", wantActions: []string{}, wantSuggestion: "s3:GetObject"},
		{name: "not an action pattern", pattern: "GetObject",
			wantErr: `pattern "GetObject": an action pattern is service:Name, with * and ? as wildcards`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Expand(tt.pattern)
			if tt.wantErr != "" {
				if err == nil || err.Error() != tt.wantErr {
					t.Fatalf("error %v; want %s", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			actions := []string{}
			for _, a := range got.Actions {
				actions = append(actions, a.Action)
			}
			if diff := cmp.Diff(tt.wantActions, actions); diff != "" {
				t.Errorf("actions mismatch (-want +got):\n%s", diff)
			}
			if got.Suggestion != tt.wantSuggestion {
				t.Errorf("suggestion %q; want %q", got.Suggestion, tt.wantSuggestion)
			}
		})
	}
}
