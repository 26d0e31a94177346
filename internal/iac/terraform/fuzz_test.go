package terraform_test

import (
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/iamsim/iamsim/internal/iac/policydoc"
	"github.com/iamsim/iamsim/internal/iac/terraform"
	"github.com/iamsim/iamsim/policy"
)

// checkRead checks what a reader returned: every error positioned,
// every document JSON or else placed by a parse that finds it invalid.
func checkRead(t *testing.T, set *policydoc.Set, err error) {
	t.Helper()
	if err != nil {
		var list policy.ErrorList
		if !errors.As(err, &list) {
			t.Fatalf("error is no ErrorList: %v", err)
		}
		for _, e := range list {
			if e.Pos.File == "" || e.Pos.Line < 1 || e.Pos.Col < 1 {
				t.Fatalf("error without a position: %v", e)
			}
		}
	}
	if set == nil {
		t.Fatal("nil Set")
	}
	for _, p := range set.Policies {
		for _, s := range p.Spans {
			if s.At < 0 || s.At > len(p.Text) || s.Start < 0 || s.Start > len(p.Doc) {
				t.Fatalf("%s: span %+v outside its document or file", p.Name(), s)
			}
		}
		if json.Valid(p.Doc) {
			continue
		}
		// A JSON string the code gives as it is may be broken; the parse
		// says where, in the file.
		_, perr := p.Locator(policy.DefaultLimits).ParseEmbedded(0, len(p.Doc), p.Kind)
		var list policy.ErrorList
		if !errors.As(perr, &list) || list[0].Pos.File != p.File {
			t.Fatalf("%s: invalid document not placed in %s: %v", p.Name(), p.File, perr)
		}
	}
}

func FuzzReadFile(f *testing.F) {
	for _, dir := range []string{"app", "app/modules/storage"} {
		names, _ := filepath.Glob(filepath.Join(testdata, dir, "*.tf"))
		for _, name := range names {
			src, err := os.ReadFile(name)
			if err != nil {
				f.Fatal(err)
			}
			f.Add(src)
		}
	}
	f.Add([]byte("resource \"aws_iam_policy\" \"p\" {\n  policy = <<-EOT\n    {\"a\": \"${var.x}\\u00e9\"}\n  EOT\n}\n"))
	f.Fuzz(func(t *testing.T, src []byte) {
		set, err := terraform.ReadFile("main.tf", src, testOptions(nil))
		checkRead(t, set, err)
	})
}

func FuzzReadPlan(f *testing.F) {
	src, err := os.ReadFile(filepath.Join(testdata, "plan", "plan.json"))
	if err != nil {
		f.Fatal(err)
	}
	f.Add(src)
	f.Add([]byte(`{"format_version":"1.2","planned_values":{"root_module":{"resources":[{"address":"aws_iam_policy.p","mode":"managed","type":"aws_iam_policy","values":{"policy":"{\"a\":\"\\ud83d\\ude00\\u00e9\\\"\"}"}}]}}}`))
	f.Fuzz(func(t *testing.T, src []byte) {
		set, err := terraform.ReadPlan("plan.json", src, terraform.Options{})
		checkRead(t, set, err)
	})
}
