package cfn

import (
	"encoding/json"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/iamsim/iamsim/internal/iac/policydoc"
	"github.com/iamsim/iamsim/policy"
)

// FuzzRead checks that Read never panics, that every problem it reports
// is positioned in the template it names, and that every document it
// returns is JSON placed inside its template. It is seeded with the
// templates under testdata/iac/cfn and with hostile ones; nested
// templates are read from the seeds' directory.
func FuzzRead(f *testing.F) {
	for _, s := range []string{
		"", "Resources: {}", "Resources: [a]", "Resources:\n  R: !Ref R\n",
		"Resources:\n  P:\n    Type: AWS::IAM::Policy\n    Properties:\n      PolicyDocument: !Sub '" + strings.Repeat("${AWS::AccountId}", 200) + "'\n",
		"Resources:\n  P:\n    Type: AWS::IAM::Policy\n    Properties:\n      PolicyDocument: " + strings.Repeat("!Join ['', [", 60) + "x" + strings.Repeat("]]", 60) + "\n",
		"Conditions:\n  A: !Condition A\nResources:\n  P:\n    Type: AWS::IAM::Policy\n    Condition: A\n    Properties: {PolicyDocument: {}}\n",
		"Resources:\n  B:\n    Type: AWS::S3::Bucket\n    Properties: {BucketName: !Ref B}\n  P:\n    Type: AWS::S3::BucketPolicy\n    Properties: {PolicyDocument: {Statement: [{Resource: !GetAtt B.Arn}]}}\n",
		"a: &a [x, x]\nb: &b [*a, *a]\nResources:\n  P:\n    Type: AWS::IAM::Policy\n    Properties: {PolicyDocument: {Statement: *b}}\n",
		"{\"Resources\": {\"P\": {\"Type\": \"AWS::Logs::ResourcePolicy\", \"Properties\": {\"PolicyDocument\": \"{\\\"a\\\": [1,\"}}}}",
	} {
		f.Add([]byte(s))
	}
	err := filepath.WalkDir(testdata, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !(strings.HasSuffix(path, ".yaml") || strings.HasSuffix(path, ".json")) {
			return err
		}
		src, err := os.ReadFile(path)
		f.Add(src)
		return err
	})
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		const name = "nested/fuzz.yaml"
		set, err := Read(name, src, testOptions)
		var list policy.ErrorList
		switch {
		case errors.As(err, &list):
			for _, e := range list {
				if !e.Pos.IsValid() || e.Pos.File == "" {
					t.Errorf("a problem without a position: %v", e)
				}
			}
		case err != nil:
			t.Errorf("a problem that is not a positioned list: %v", err)
		}
		for _, p := range set.Policies {
			checkFuzzed(t, &p)
		}
	})
}

func checkFuzzed(t *testing.T, p *policydoc.Policy) {
	if !json.Valid(p.Doc) {
		t.Errorf("%s: the document is not JSON: %s", p.Name(), p.Doc)
	}
	if !p.Pos.IsValid() {
		t.Errorf("%s: no position", p.Name())
	}
	for i, s := range p.Spans {
		if s.At < 0 || s.At > len(p.Text) || s.Start < 0 || s.Start > len(p.Doc) || i > 0 && s.Start < p.Spans[i-1].Start {
			t.Errorf("%s: span %+v is outside the template or the document", p.Name(), s)
		}
	}
	// Parsing the document must not panic, and its positions are in the
	// template.
	_, err := p.Locator(policy.DefaultLimits).ParseEmbedded(0, len(p.Doc), p.Kind)
	var list policy.ErrorList
	if errors.As(err, &list) {
		for _, e := range list {
			if e.Pos.File != p.File || !e.Pos.IsValid() {
				t.Errorf("%s: a problem of the document outside its template: %v", p.Name(), e)
			}
		}
	}
}
