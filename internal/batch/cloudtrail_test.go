package batch

import (
	"bytes"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestDecodeRecord checks how CloudTrail records become requests.
func TestDecodeRecord(t *testing.T) {
	t.Parallel()
	const common = `"eventTime": "2026-11-20T14:03:11Z", "awsRegion": "eu-west-1", "recipientAccountId": "111122223333"`
	tests := []struct {
		name, record string
		want         string // principal|action|resource|resourceAccount|roleArn|uniqueId|federatingUser
		wantContext  []string
		wantErr      string
	}{
		{name: "IAM user, S3 data event",
			record: `{"eventSource": "s3.amazonaws.com", "eventName": "HeadObject", ` + common + `, "sourceIPAddress": "203.0.113.10", "userAgent": "aws-cli/2.22.4",
				"userIdentity": {"type": "IAMUser", "principalId": "AIDAEXAMPLE", "arn": "arn:aws:iam::111122223333:user/alice", "accountId": "111122223333"},
				"resources": [{"type": "AWS::S3::Object", "ARN": "arn:aws:s3:::b/k"}, {"accountId": "444455556666", "type": "AWS::S3::Bucket", "ARN": "arn:aws:s3:::b"}],
				"tlsDetails": {"tlsVersion": "TLSv1.3"}}`,
			want:        "arn:aws:iam::111122223333:user/alice|s3:GetObject|arn:aws:s3:::b/k|111122223333||AIDAEXAMPLE|",
			wantContext: []string{"aws:currenttime=2026-11-20T14:03:11Z", "aws:epochtime=1795183391", "aws:requestedregion=eu-west-1", "aws:securetransport=true", "aws:sourceip=203.0.113.10", "aws:useragent=aws-cli/2.22.4"}},
		{name: "assumed role with MFA, resource account from the resource",
			record: `{"eventSource": "s3.amazonaws.com", "eventName": "GetObject", ` + common + `, "sourceIPAddress": "AWS Internal",
				"userIdentity": {"type": "AssumedRole", "principalId": "AROAEXAMPLE:s1", "arn": "arn:aws:sts::111122223333:assumed-role/app/s1",
					"sessionContext": {"sessionIssuer": {"type": "Role", "arn": "arn:aws:iam::111122223333:role/svc/app"}, "attributes": {"creationDate": "2026-11-20T13:00:00Z", "mfaAuthenticated": "true"}}},
				"resources": [{"accountId": "444455556666", "type": "AWS::S3::Object", "ARN": "arn:aws:s3:::b/k"}]}`,
			want:        "arn:aws:sts::111122223333:assumed-role/app/s1|s3:GetObject|arn:aws:s3:::b/k|444455556666|arn:aws:iam::111122223333:role/svc/app|AROAEXAMPLE|",
			wantContext: []string{"aws:currenttime=2026-11-20T14:03:11Z", "aws:epochtime=1795183391", "aws:multifactorauthpresent=true", "aws:requestedregion=eu-west-1", "aws:tokenissuetime=2026-11-20T13:00:00Z"}},
		{name: "federated user, monitoring is cloudwatch",
			record: `{"eventSource": "monitoring.amazonaws.com", "eventName": "PutMetricData", "userIdentity": {"type": "FederatedUser", "arn": "arn:aws:sts::111122223333:federated-user/bob",
				"sessionContext": {"sessionIssuer": {"type": "IAMUser", "arn": "arn:aws:iam::111122223333:user/broker"}}}, "vpcEndpointId": "vpce-1a2b"}`,
			want:        "arn:aws:sts::111122223333:federated-user/bob|cloudwatch:PutMetricData|*||||arn:aws:iam::111122223333:user/broker",
			wantContext: []string{"aws:sourcevpce=vpce-1a2b"}},
		{name: "service, Lambda API version",
			record: `{"eventSource": "lambda.amazonaws.com", "eventName": "GetFunction20150331v2", "userIdentity": {"type": "AWSService", "invokedBy": "events.amazonaws.com"}, "sourceIPAddress": "events.amazonaws.com"}`,
			want:   "events.amazonaws.com|lambda:GetFunction|*||||"},
		{name: "another account",
			record: `{"eventSource": "s3.amazonaws.com", "eventName": "ListObjectsV2", "recipientAccountId": "111122223333", "userIdentity": {"type": "AWSAccount", "accountId": "444455556666"}, "resources": [{"type": "AWS::S3::Bucket", "ARN": "arn:aws:s3:::b"}]}`,
			want:   "arn:aws:iam::444455556666:root|s3:ListBucket|arn:aws:s3:::b|111122223333|||"},
		{name: "web identity",
			record:      `{"eventSource": "sts.amazonaws.com", "eventName": "AssumeRoleWithWebIdentity", "userIdentity": {"type": "WebIdentityUser", "identityProvider": "token.actions.githubusercontent.com"}, "resources": [{"ARN": "arn:aws:iam::111122223333:role/ci"}], "sourceIPAddress": "2001:db8::1"}`,
			want:        "token.actions.githubusercontent.com|sts:AssumeRoleWithWebIdentity|arn:aws:iam::111122223333:role/ci||||",
			wantContext: []string{"aws:sourceip=2001:db8::1"}},
		{name: "unknown service", record: `{"eventSource": "nothing.amazonaws.com", "eventName": "Do", "userIdentity": {"type": "Root", "arn": "arn:aws:iam::111122223333:root"}}`,
			wantErr: `eventSource "nothing.amazonaws.com": service prefix "nothing" is not in the service catalog`},
		{name: "not an endpoint", record: `{"eventSource": "s3", "eventName": "GetObject"}`,
			wantErr: `eventSource "s3" is not an AWS service endpoint (service.amazonaws.com)`},
		{name: "Identity Center user", record: `{"eventSource": "s3.amazonaws.com", "eventName": "GetObject", "userIdentity": {"type": "IdentityCenterUser"}}`,
			wantErr: `userIdentity type "IdentityCenterUser" cannot be simulated (want IAMUser, AssumedRole, FederatedUser, Root, AWSService, AWSAccount, SAMLUser or WebIdentityUser)`},
		{name: "bad time", record: `{"eventSource": "s3.amazonaws.com", "eventName": "GetObject", "eventTime": "yesterday", "userIdentity": {"type": "Root", "arn": "arn:aws:iam::111122223333:root"}}`,
			wantErr: `eventTime "yesterday" is not an RFC 3339 time`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			w := newWorker(&Options{})
			w.reset()
			err := w.decodeRecord(tt.record)
			if tt.wantErr != "" || err != nil {
				got := ""
				if err != nil {
					got = err.msg
				}
				if diff := cmp.Diff(tt.wantErr, got); diff != "" {
					t.Fatalf("error mismatch (-want +got):\n%s", diff)
				}
				return
			}
			r := w.req
			got := strings.Join([]string{r.Principal, r.Action, r.Resource, r.ResourceAccount, r.RoleARN, r.UniqueID, r.FederatingUser}, "|")
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("request mismatch (-want +got):\n%s", diff)
			}
			var ctx []string
			for k, v := range w.ctx {
				ctx = append(ctx, k+"="+strings.Join(v.Values, ","))
			}
			sort.Strings(ctx)
			if diff := cmp.Diff(tt.wantContext, ctx); diff != "" {
				t.Errorf("context mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

// TestTrimAPIVersion checks Lambda's event names.
func TestTrimAPIVersion(t *testing.T) {
	t.Parallel()
	for in, want := range map[string]string{
		"GetFunction20150331v2": "GetFunction", "CreateFunction20150331": "CreateFunction",
		"Invoke": "Invoke", "ListTagsv2": "ListTagsv2", "20150331": "20150331",
	} {
		if got := trimAPIVersion(in); got != want {
			t.Errorf("trimAPIVersion(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestCloudTrailInputs checks that a log file gives the same results
// plain, gzip-compressed and in a directory (which adds the file name),
// and that a request file's first line is not taken for a log.
func TestCloudTrailInputs(t *testing.T) {
	t.Parallel()
	src, gz := cloudTrailDay(t)
	opts := Options{Resolve: fixed(loadSet(t, "identity-app-new.json"))}
	var plain, zipped bytes.Buffer
	if _, err := Run("trail", bytes.NewReader(src), &plain, opts); err != nil {
		t.Fatal(err)
	}
	if _, err := Run("trail", bytes.NewReader(gz), &zipped, opts); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(plain.String(), zipped.String()); diff != "" {
		t.Errorf("gzip mismatch (-plain +gzip):\n%s", diff)
	}
	if !strings.HasPrefix(plain.String(), `{"record":1,"line":3,"eventID":"3f1c0001-`) {
		t.Errorf("not read as CloudTrail:\n%s", plain.String())
	}

	dir := t.TempDir()
	for name, data := range map[string][]byte{"a.json.gz": gz, "b.json": src, "x_CloudTrail-Digest_1.json.gz": []byte("not read"), "notes.txt": []byte("not read")} {
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	var out bytes.Buffer
	stats, err := RunDir(dir, &out, opts)
	if err != nil {
		t.Fatal(err)
	}
	n := strings.Count(plain.String(), "\n")
	if stats.Records != 2*n || strings.Count(out.String(), "\n") != 2*n {
		t.Fatalf("%d records, %d lines; want %d", stats.Records, strings.Count(out.String(), "\n"), 2*n)
	}
	if !strings.Contains(out.String(), `"file":"`+filepath.Join(dir, "b.json")+`"`) {
		t.Errorf("results do not name their file:\n%s", out.String())
	}

	if isCloudTrail([]byte(`{"principal": "x", "Records": []}`)) || !isCloudTrail([]byte("\n {\n  \"Records\": [")) {
		t.Error("isCloudTrail tells a log from a request line by its first member")
	}
}
