package check

import (
	"testing"
)

func TestSolve(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name                string
		required, forbidden []string
		want                solution
	}{
		{"one pattern", []string{"arn:aws:s3:::a/*"}, nil, found},
		{"two that overlap", []string{"arn:aws:s3:::*-reports/*", "arn:aws:s3:::payroll-*"}, nil, found},
		{"two that cannot", []string{"arn:aws:s3:::a/*", "arn:aws:s3:::b/*"}, nil, none},
		{"a forbidden pattern that leaves some", []string{"arn:aws:s3:::a/*"}, []string{"arn:aws:s3:::a/secret/*"}, found},
		{"a forbidden pattern that covers all", []string{"arn:aws:s3:::a/x*"}, []string{"arn:aws:s3:::a/*"}, none},
		{"? counts one character", []string{"a??", "*c"}, []string{"abc"}, found},
		{"nothing required", nil, []string{"arn:*"}, found},
		{"everything forbidden", nil, []string{"*"}, none},
		{"too intricate for the budget", []string{"?????????????????????????????????????x", "*y??????????????????????????????"}, nil, unknown},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			var req, forb []pattern
			for _, r := range tt.required {
				req = append(req, compileGlob(r))
			}
			for _, f := range tt.forbidden {
				forb = append(forb, compileGlob(f))
			}
			budget := maxSolveStates
			s, got := solve(req, forb, &budget)
			if got != tt.want {
				t.Fatalf("solve: %v, want %v", got, tt.want)
			}
			if got == found && !fits(s, req, forb) {
				t.Errorf("solve found %q, which does not fit", s)
			}
		})
	}
}
