package policy

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
)

// TestDetectKindShortcut checks that DetectKind's shortcut for sources
// that cannot name a Principal gives what reading the JSON gives: every
// policy under testdata, and each with its Principal keys spelled with a
// \u escape or renamed.
func TestDetectKindShortcut(t *testing.T) {
	t.Parallel()
	var files []string
	for _, pattern := range []string{"testdata/policies/*.json", "testdata/policies/bad/*.json", "testdata/lint/*.json"} {
		m, err := filepath.Glob(filepath.Join("..", pattern))
		if err != nil || len(m) == 0 {
			t.Fatalf("no files match %s: %v", pattern, err)
		}
		files = append(files, m...)
	}
	srcs := [][]byte{
		[]byte(`{"Statement": {"Princip\u0061l": "*", "Effect": "Allow", "Action": "s3:*", "Resource": "*"}}`),
		[]byte(`{"Statement": {"NotPrincipal": {"AWS": "*"}, "Effect": "Deny", "Action": "s3:*", "Resource": "*"}}`),
		[]byte(`{"Statement": {"Effect": "Allow", "Action": "s3:*", "Resource": "*", "Condition": {"StringEquals": {"aws:PrincipalTag/team": "a"}}}}`),
	}
	for _, file := range files {
		src, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		srcs = append(srcs, src,
			bytes.ReplaceAll(src, []byte(`"Principal"`), []byte(`"Princip\u0061l"`)),
			bytes.ReplaceAll(src, []byte(`"Principal"`), []byte(`"Principle"`)))
	}
	principals := 0
	for _, src := range srcs {
		got, want := DetectKind(src), detectKind(src)
		if got != want {
			t.Errorf("DetectKind = %v, reading the JSON gives %v, for:\n%s", got, want, src)
		}
		if want != Identity {
			principals++
		}
	}
	if principals == 0 {
		t.Error("no source has a Principal")
	}
}
