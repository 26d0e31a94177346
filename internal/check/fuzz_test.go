package check

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/iamsim/iamsim/policy"
)

// FuzzCheck runs both checks on arbitrary policies of every kind, with a
// listed resource from the input: checking never panics, a result is FAIL
// exactly when it has reasons, each reason names a statement of the
// policy, each witness is allowed by the evaluator, and checking twice
// gives the same answer. The queries name actions, so each input costs a
// few hundred actions per statement, not the whole catalog. Seeds: the
// policies under testdata/checks and testdata/policies.
func FuzzCheck(f *testing.F) {
	for _, pattern := range []string{"testdata/checks/*.json", "testdata/policies/*.json"} {
		files, _ := filepath.Glob(filepath.Join("..", "..", pattern))
		for _, name := range files {
			src, err := os.ReadFile(name)
			if err != nil {
				f.Fatal(err)
			}
			f.Add(src, uint8(policy.DetectKind(src)), "arn:aws:s3:::reports/*")
		}
	}
	cat := testCatalog(f)
	byActions, err := NewAccessQuery(cat, Access{Actions: []string{"iam:PassRole", "s3:*"}})
	if err != nil {
		f.Fatal(err)
	}
	kinds := policy.Kinds()
	f.Fuzz(func(t *testing.T, src []byte, k uint8, resource string) {
		doc, err := policy.Parse("p.json", src, kinds[int(k)%len(kinds)])
		if err != nil || resource == "" {
			return
		}
		both, err := NewAccessQuery(cat, Access{Actions: []string{"s3:Get*", "sqs:SendMessage"}, Resources: []string{resource}})
		if err != nil {
			t.Fatal(err)
		}
		results := []*Result{byActions.Check(doc), both.Check(doc)}
		if doc.Kind == policy.Resource || doc.Kind == policy.Trust {
			res, err := NoPublicAccess(cat, doc, "AWS::S3::Bucket")
			if err != nil {
				t.Fatal(err)
			}
			results = append(results, res)
		}
		for _, res := range results {
			if (res.Result == Fail) != (len(res.Reasons) > 0) {
				t.Fatalf("result %s with %d reasons", res.Result, len(res.Reasons))
			}
			for _, r := range res.Reasons {
				if r.StatementIndex < 0 || r.StatementIndex >= len(doc.Statements) || doc.Statements[r.StatementIndex].Effect != policy.Allow {
					t.Fatalf("reason names statement %d of %d, not an Allow", r.StatementIndex, len(doc.Statements))
				}
			}
			checkWitnesses(t, doc, res)
		}
		if diff := cmp.Diff(results[0], byActions.Check(doc)); diff != "" {
			t.Fatalf("a second check differs (-first +second):\n%s", diff)
		}
	})
}
