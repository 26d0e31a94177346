package evaluator_test

import (
	"fmt"

	"github.com/iamsim/iamsim/evaluator"
	"github.com/iamsim/iamsim/policy"
)

// ExamplePolicySet_Evaluate decides whether a user may read an object
// under her home prefix.
func ExamplePolicySet_Evaluate() {
	src := []byte(`{
  "Version": "2012-10-17",
  "Statement": [{
    "Sid": "HomeDirectory",
    "Effect": "Allow",
    "Action": "s3:GetObject",
    "Resource": "arn:aws:s3:::mybucket/${aws:username}/*"
  }]
}`)
	doc, err := policy.Parse("home.json", src, policy.Identity)
	if err != nil {
		fmt.Println(err)
		return
	}
	set, err := evaluator.Compile(evaluator.Policies{Identity: []*policy.Document{doc}}, evaluator.Organization{})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, key := range []string{"alice/notes.txt", "bob/notes.txt"} {
		res, err := set.Evaluate(&evaluator.Request{
			Principal: "arn:aws:iam::111122223333:user/alice",
			Action:    "s3:GetObject",
			Resource:  "arn:aws:s3:::mybucket/" + key,
		}, evaluator.Options{})
		if err != nil {
			fmt.Println(err)
			return
		}
		fmt.Println(res.Summary())
	}
	// Output:
	// allowed: identity policy home.json:3:17 allows and no guardrail blocks
	// implicitDeny: no identity-based or resource-based policy allows the request
}
