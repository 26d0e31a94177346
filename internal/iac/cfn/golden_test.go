package cfn

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/iamsim/iamsim/internal/iac/policydoc"
	"github.com/iamsim/iamsim/policy"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/iac/cfn")

const testdata = "../../../testdata/iac/cfn"

// testOptions reads files under testdata, named as Read names them.
var testOptions = policydoc.Options{ReadFile: func(path string) ([]byte, error) {
	return os.ReadFile(filepath.Join(testdata, path))
}}

// inputs are the realistic templates under testdata and the golden file
// of each.
var inputs = []struct{ file, golden string }{
	{"plain.yaml", "plain.golden"},
	{"org.json", "org.golden"},
	{"sam/template.yaml", "sam.golden"},
	{"nested/parent.yaml", "nested.golden"},
	{"cdk.out", "cdk.golden"},
}

// readInput reads one input: a template, or a cloud assembly with
// ReadCDK.
func readInput(t testing.TB, file string) []Stack {
	t.Helper()
	if file == "cdk.out" {
		stacks, err := ReadCDK(file, testOptions)
		if err != nil {
			t.Fatal(err)
		}
		return stacks
	}
	src, err := testOptions.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	set, err := Read(file, src, testOptions)
	if err != nil {
		t.Fatal(err)
	}
	return []Stack{{Name: file, Template: file, Set: set}}
}

// TestGolden compares what each input gives, documents with the
// positions of their first values and principals, with its golden file.
func TestGolden(t *testing.T) {
	for _, in := range inputs {
		t.Run(in.file, func(t *testing.T) {
			var b strings.Builder
			for _, s := range readInput(t, in.file) {
				fmt.Fprintf(&b, "# stack %s (%s)\n", s.Name, s.Template)
				writeSet(t, &b, s)
			}
			path := filepath.Join(testdata, in.golden)
			if *update {
				if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(string(want), b.String()); diff != "" {
				t.Errorf("%s mismatch (-want +got):\n%s", in.golden, diff)
			}
		})
	}
}

func writeSet(t *testing.T, b *strings.Builder, s Stack) {
	set := s.Set
	for _, p := range set.Policies {
		fmt.Fprintf(b, "\npolicy %s\n  type %s, kind %s", p.Name(), p.Type, p.Kind)
		if p.PolicyName != "" {
			fmt.Fprintf(b, ", name %q", p.PolicyName)
		}
		if c := s.Constructs[p.Resource]; c != "" {
			fmt.Fprintf(b, ", construct %s", c)
		}
		fmt.Fprintf(b, "\n  at %s\n", p.Pos)
		if len(p.Placeholders) > 0 {
			fmt.Fprintf(b, "  placeholders %s\n", strings.Join(p.Placeholders, ", "))
		}
		doc, err := p.Locator(policy.DefaultLimits).ParseEmbedded(0, len(p.Doc), p.Kind)
		var list policy.ErrorList
		switch {
		case errors.As(err, &list):
			for _, e := range list {
				fmt.Fprintf(b, "  problem %s\n", e)
			}
		case err != nil:
			t.Fatal(err)
		}
		if doc != nil && len(doc.Statements) > 0 {
			fmt.Fprintf(b, "  first statement's Effect at %s\n", doc.Statements[0].EffectPos)
		}
		var pretty bytes.Buffer
		if err := json.Indent(&pretty, p.Doc, "  ", "  "); err != nil {
			t.Fatalf("%s: the document is not JSON: %v\n%s", p.Name(), err, p.Doc)
		}
		fmt.Fprintf(b, "  %s\n", pretty.String())
	}
	names := func(list []int) string {
		var out []string
		for _, i := range list {
			out = append(out, set.Policies[i].Name())
		}
		return strings.Join(out, ", ")
	}
	for _, pr := range set.Principals {
		fmt.Fprintf(b, "\nprincipal %s (%s) at %s\n", pr.Resource, pr.Type, pr.Pos)
		if pr.Name != "" {
			fmt.Fprintf(b, "  name %s\n", pr.Name)
		}
		if len(pr.Inline) > 0 {
			fmt.Fprintf(b, "  inline %s\n", names(pr.Inline))
		}
		if len(pr.Attached) > 0 {
			fmt.Fprintf(b, "  attached %s\n", names(pr.Attached))
		}
		if pr.Boundary >= 0 {
			fmt.Fprintf(b, "  boundary %s\n", set.Policies[pr.Boundary].Name())
		}
		if pr.BoundaryARN != "" {
			fmt.Fprintf(b, "  boundary ARN %s\n", pr.BoundaryARN)
		}
		if pr.Trust >= 0 {
			fmt.Fprintf(b, "  trust %s\n", set.Policies[pr.Trust].Name())
		}
		for _, arn := range pr.ManagedARNs {
			fmt.Fprintf(b, "  managed %s\n", arn)
		}
		for _, g := range pr.Groups {
			fmt.Fprintf(b, "  group %s\n", set.Principals[g].Resource)
		}
	}
}
