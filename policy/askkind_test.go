package policy_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/iamsim/iamsim/policy"
)

// TestParseEmbeddedUseAlike parses every corpus policy, good and bad, as
// every kind. It wants the same document whatever the kind (its Kind
// aside), and the same problems from each kind that Alike says parses
// alike.
func TestParseEmbeddedUseAlike(t *testing.T) {
	t.Parallel()
	files := append(corpusFiles(t, "*.json"), corpusFiles(t, filepath.Join("bad", "*.json"))...)
	srcs := map[string][]byte{
		"not JSON":    []byte(`{"Version": `),
		"not object":  []byte(`[1]`),
		"principal *": []byte(`{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Principal": "arn:aws:iam::123456789012:root", "Action": "s3:*", "Resource": "execute-api:/*"}}`),
		"federated":   []byte(`{"Version": "2008-10-17", "Statement": {"Effect": "Allow", "Principal": {"Federated": "accounts.google.com", "AWS": "123456789012"}, "Action": "s3:*", "Resource": "arn:aws:s3"}}`),
	}
	for _, file := range files {
		src, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		srcs[filepath.Base(file)] = src
	}
	alike := 0
	for name, src := range srcs {
		loc := policy.NewLocator(name, src)
		for _, kind := range policy.Kinds() {
			doc, use, err := loc.ParseEmbeddedUse(0, len(src), kind)
			wantDoc, wantErr := loc.ParseEmbedded(0, len(src), kind)
			if diff := cmp.Diff(errorLines(wantErr), errorLines(err)); diff != "" || !cmp.Equal(wantDoc, doc) {
				t.Errorf("%s as %v: ParseEmbeddedUse is not ParseEmbedded: problems (-want +got):\n%s", name, kind, diff)
			}
			if !use.Alike(kind) {
				t.Errorf("%s as %v: not alike to itself", name, kind)
			}
			for _, other := range policy.Kinds() {
				otherDoc, otherErr := loc.ParseEmbedded(0, len(src), other)
				if otherDoc != nil {
					otherDoc.Kind = kind
				}
				// Whatever the kind, the document is the same.
				if diff := cmp.Diff(otherDoc, doc); diff != "" {
					t.Errorf("%s: parsed as %v and as %v: document mismatch (-%v +%v):\n%s", name, kind, other, other, kind, diff)
				}
				if other == kind || !use.Alike(other) {
					continue
				}
				alike++
				if diff := cmp.Diff(errorLines(otherErr), errorLines(err)); diff != "" {
					t.Errorf("%s: parsed as %v, said to parse alike as %v: problems mismatch (-%v +%v):\n%s", name, kind, other, other, kind, diff)
				}
			}
		}
	}
	if alike == 0 {
		t.Error("no two kinds parse anything alike")
	}
}

// TestParseEmbeddedUseDiffers checks that kinds whose checks differ are
// not said to parse alike.
func TestParseEmbeddedUseDiffers(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name        string
		src         string
		kind, other policy.Kind
	}{
		{"no Version: SCPs require it", `{"Statement": {"Effect": "Allow", "Action": "s3:*", "Resource": "*"}}`, policy.Identity, policy.SCP},
		{"Version 2008: RCPs require 2012", `{"Version": "2008-10-17", "Statement": {"Effect": "Deny", "Principal": "*", "Action": "s3:*", "Resource": "*"}}`, policy.Resource, policy.RCP},
		{"an incomplete ARN: session policies do not complete it", `{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "sqs:*", "Resource": "arn:aws:sqs"}}`, policy.Identity, policy.Session},
		{"a Principal: the message names the kind", `{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Principal": "*", "Action": "s3:*", "Resource": "*"}}`, policy.Identity, policy.Boundary},
		{"a Resource: trust policies forbid it", `{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Principal": "*", "Action": "s3:*", "Resource": "*"}}`, policy.Resource, policy.Trust},
		{"an Allow with a condition: RCPs allow only full access", `{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Principal": "*", "Action": "s3:*", "Resource": "*"}}`, policy.Resource, policy.RCP},
		{"Federated outside trust policies", `{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Principal": {"Federated": "accounts.google.com"}, "Action": "sts:AssumeRoleWithWebIdentity"}}`, policy.Trust, policy.Resource},
		{"execute-api shorthand outside resource policies", `{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Principal": "*", "Action": "execute-api:Invoke", "Resource": "execute-api:/*"}}`, policy.Resource, policy.Endpoint},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			src := []byte(tt.src)
			_, use, _ := policy.NewLocator("test.json", src).ParseEmbeddedUse(0, len(src), tt.kind)
			if use.Alike(tt.other) {
				t.Errorf("parsed as %v, said to parse alike as %v", tt.kind, tt.other)
			}
		})
	}
}

func errorLines(err error) []string {
	var lines []string
	if list, ok := err.(policy.ErrorList); ok {
		for _, e := range list {
			lines = append(lines, e.Detail())
		}
	}
	return lines
}
