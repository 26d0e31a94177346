package diff

import (
	"testing"

	"github.com/iamsim/iamsim/evaluator"
	"github.com/iamsim/iamsim/policy"
)

// TestWitnessNotRootForAssumeRole checks that a trust policy opened to
// an account gets a witness AWS would allow: a user of the account, not
// its root user, which AWS refuses sts:AssumeRole whatever the policies
// say (STS API reference, AssumeRole). The witness is decided with the
// new trust policy and an identity policy that allows it.
func TestWitnessNotRootForAssumeRole(t *testing.T) {
	t.Parallel()
	parse := func(name, src string) *policy.Document {
		doc, err := policy.Parse(name, []byte(src), policy.Trust)
		if err != nil {
			t.Fatal(err)
		}
		return doc
	}
	old := parse("old.json", `{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::777788889999:role/ci"}, "Action": "sts:AssumeRole"}]}`)
	new := parse("new.json", `{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::777788889999:root"}, "Action": "sts:AssumeRole"}]}`)
	rep, err := Compare(old, new, Options{Kind: policy.Trust, Actions: []string{"sts:AssumeRole"}})
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Widenings) != 1 {
		t.Fatalf("%d widenings, want 1: %+v", len(rep.Widenings), rep.Widenings)
	}
	w := rep.Widenings[0].Witness
	if isRoot(w.Principal) {
		t.Fatalf("witness caller %s: want a user or role of the account, not its root user", w.Principal)
	}
	identity, err := policy.Parse("identity.json", []byte(`{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "sts:AssumeRole", "Resource": "*"}]}`), policy.Identity)
	if err != nil {
		t.Fatal(err)
	}
	set, err := evaluator.Compile(evaluator.Policies{Identity: []*policy.Document{identity}, Resource: new}, evaluator.Organization{})
	if err != nil {
		t.Fatal(err)
	}
	res, err := set.Evaluate(w.Request(), evaluator.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if res.Decision != evaluator.Allowed {
		t.Errorf("witness %+v: %s (%s), want allowed", w, res.Decision, res.Summary())
	}
}
