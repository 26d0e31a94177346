package api

import (
	"errors"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestRunBatch(t *testing.T) {
	t.Parallel()
	lines := `{"principal": "arn:aws:iam::111122223333:user/alice", "action": "s3:GetObject", "resource": "arn:aws:s3:::mybucket/a", "resourceAccount": "111122223333"}
{"principal": "arn:aws:iam::111122223333:user/alice", "action": "s3:PutObject", "resource": "arn:aws:s3:::mybucket/a", "resourceAccount": "111122223333"}
{"principal": "arn:aws:iam::111122223333:user/alice"}
`
	run := func(opts BatchOptions) (Stats, []string, error) {
		var out strings.Builder
		opts.Stdin, opts.Requests, opts.Output = strings.NewReader(lines), "-", &out
		opts.Identity = []string{readS3}
		stats, err := Engine{}.RunBatch(opts)
		return stats, strings.Split(strings.TrimSuffix(out.String(), "\n"), "\n"), err
	}
	stats, out, err := run(BatchOptions{Expect: "allowed"})
	if err != nil {
		t.Fatal(err)
	}
	if stats.Records != 3 || stats.Errors != 1 || stats.Mismatches != 1 || len(out) != 3 {
		t.Errorf("stats %+v, output:\n%s", stats, strings.Join(out, "\n"))
	}
	for i, want := range []string{`"decision":"allowed"`, `"decision":"implicitDeny"`, `"error":`} {
		if i < len(out) && !strings.Contains(out[i], want) {
			t.Errorf("line %d: %s, want %s", i+1, out[i], want)
		}
	}
	_, out, err = run(BatchOptions{Strict: true})
	if !errors.Is(err, ErrStrict) || len(out) != 3 {
		t.Errorf("strict: error %v, output:\n%s", err, strings.Join(out, "\n"))
	}
	if _, _, err := run(BatchOptions{Expect: "allow"}); err == nil || !strings.HasPrefix(err.Error(), `--expect "allow": `) {
		t.Errorf("expect: error %v", err)
	}
}

func TestRunBatchWarnings(t *testing.T) {
	t.Parallel()
	unknown := `{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": ["s3:GetObjekt", "s3:GetObject"], "Resource": "*"}]}`
	var warnings []string
	var out strings.Builder
	_, err := Engine{}.RunBatch(BatchOptions{
		EvalOptions: EvalOptions{Identity: []string{unknown}, Stdin: strings.NewReader(`{"principal": "arn:aws:iam::111122223333:user/alice", "action": "s3:GetObject", "resource": "*"}` + "\n")},
		Requests:    "-", Output: &out, Warn: func(w string) { warnings = append(warnings, w) },
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(warnings) != 1 || !strings.Contains(warnings[0], "s3:GetObjekt") {
		t.Errorf("warnings %q", warnings)
	}
}

func TestReadsPolicyFromStdin(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		opts EvalOptions
		want bool
	}{
		{EvalOptions{Identity: []string{"a.json"}}, false},
		{EvalOptions{Identity: []string{"a.json", "-"}}, true},
		{EvalOptions{SCPs: []string{"root.json,file://-"}}, true},
		{EvalOptions{Boundary: "-"}, true},
	} {
		if diff := cmp.Diff(tt.want, tt.opts.ReadsPolicyFromStdin()); diff != "" {
			t.Errorf("%+v: mismatch (-want +got):\n%s", tt.opts, diff)
		}
	}
}
