package policy

import "testing"

// TestVariableBeforeResource follows reference_policies_variables.md: a
// variable may be used only in the resource part of an ARN, after the
// fifth colon.
func TestVariableBeforeResource(t *testing.T) {
	t.Parallel()
	tests := []struct {
		entry, key string
	}{
		{entry: "arn:aws:sqs:us-east-1:${aws:PrincipalAccount}:orders", key: "aws:PrincipalAccount"},
		{entry: "arn:aws:sqs:${aws:RequestedRegion}:111122223333:orders", key: "aws:RequestedRegion"},
		{entry: "arn:${aws:PrincipalTag/partition}:s3:::b", key: "aws:PrincipalTag/partition"},
		{entry: "arn:aws:s3:::bucket/${aws:username}/*"},
		{entry: "arn:aws:s3:::${aws:username}"},
		{entry: "arn:aws:sqs:us-east-1:111122223333:${aws:username}:x"},
		{entry: "arn:aws:sqs:us-east-1:${*}:orders"},
		{entry: "arn:aws:sqs:us-east-1:111122223333:orders"},
		{entry: "*"},
	}
	for _, tt := range tests {
		key, ok := VariableBeforeResource(tt.entry)
		if key != tt.key || ok != (tt.key != "") {
			t.Errorf("%s: got %q, %v; want %q", tt.entry, key, ok, tt.key)
		}
	}
}
