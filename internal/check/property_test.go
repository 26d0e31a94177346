package check

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/iamsim/iamsim/evaluator"
	"github.com/iamsim/iamsim/policy"
)

// TestAccessNotGrantedProperty checks access-not-granted against the
// evaluator on generated identity policies without conditions, where
// "might allow" and "allows" agree: over a small universe of actions and
// resources, when the evaluator allows one listed action on one listed
// resource the check fails, and when the check fails its every reason
// has a witness the evaluator allows (checkWitnesses). The check's search
// is exact, so a FAIL with no request of the small universe allowed is
// still right when its witness is.
func TestAccessNotGrantedProperty(t *testing.T) {
	t.Parallel()
	cat := testCatalog(t)
	actionEntries := []string{"s3:GetObject", "s3:PutObject", "s3:Get*", "s3:*", "iam:PassRole", "iam:*", "*", "s3:*Object"}
	resourceEntries := []string{"*", "arn:aws:s3:::a/*", "arn:aws:s3:::a/x", "arn:aws:s3:::b*", "arn:aws:s3:::*/x", "arn:aws:iam::111122223333:role/*"}
	universe := []string{"arn:aws:s3:::a/x", "arn:aws:s3:::a/y", "arn:aws:s3:::b/x", "arn:aws:s3:::bb", "arn:aws:s3:::c/x", "arn:aws:iam::111122223333:role/r", "*"}
	listedActions := [][]string{{"s3:GetObject"}, {"s3:PutObject", "iam:PassRole"}, {"iam:*"}, nil}
	listedResources := [][]string{nil, {"arn:aws:s3:::a/*"}, {"arn:aws:s3:::b*"}, {"arn:aws:s3:::c/x"}}
	rng := rand.New(rand.NewPCG(15, 4))
	pick := func(list []string) string { return list[rng.IntN(len(list))] }
	for i := range 300 {
		var sts []string
		for range 1 + rng.IntN(4) {
			effect := "Allow"
			if rng.IntN(3) == 0 {
				effect = "Deny"
			}
			action, resource := "Action", "Resource"
			if rng.IntN(5) == 0 {
				action = "NotAction"
			}
			if rng.IntN(5) == 0 {
				resource = "NotResource"
			}
			sts = append(sts, fmt.Sprintf(`{"Effect": %q, %q: [%q, %q], %q: %q}`, effect, action, pick(actionEntries), pick(actionEntries), resource, pick(resourceEntries)))
		}
		src := identity(sts...)
		access := Access{Actions: listedActions[rng.IntN(len(listedActions))], Resources: listedResources[rng.IntN(len(listedResources))]}
		if access.Actions == nil && access.Resources == nil {
			access.Actions = []string{"s3:*"}
		}
		t.Run(fmt.Sprint(i), func(t *testing.T) {
			doc := parse(t, policy.Identity, src)
			q, err := NewAccessQuery(cat, access)
			if err != nil {
				t.Fatal(err)
			}
			res := q.Check(doc)
			checkWitnesses(t, doc, res)
			for _, r := range res.Reasons {
				if r.Witness == nil {
					t.Errorf("%s: a reason without a witness in a policy without conditions: %+v", src, r)
				}
			}
			if res.Result == Fail {
				return
			}
			set, err := evaluator.Compile(alone(doc), evaluator.Organization{})
			if err != nil {
				t.Fatal(err)
			}
			for _, a := range []string{"s3:GetObject", "s3:PutObject", "s3:ListBucket", "iam:PassRole", "iam:CreateUser"} {
				if !q.coversListed(strings.ToLower(a)) {
					continue
				}
				for _, r := range universe {
					if len(access.Resources) > 0 && !compileGlob(access.Resources[0]).matches(r) {
						continue
					}
					got, err := set.Evaluate(&evaluator.Request{Principal: witnessUser, Action: a, Resource: r}, evaluator.Options{})
					if err == nil && got.Decision == evaluator.Allowed {
						t.Fatalf("%s\nlisted %+v: PASS, but the evaluator allows %s on %s", src, access, a, r)
					}
				}
			}
		})
	}
}
