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

// Example walks the pipeline: parse a policy, compile the set once,
// prepare each request and evaluate it with a trace, then print the
// decision, its summary and how the statement's condition was evaluated.
func Example() {
	src := []byte(`{
  "Version": "2012-10-17",
  "Statement": [{
    "Sid": "EuropeOnly",
    "Effect": "Allow",
    "Action": "ec2:DescribeInstances",
    "Resource": "*",
    "Condition": {"StringEquals": {"aws:RequestedRegion": "eu-west-1"}}
  }]
}`)
	doc, err := policy.Parse("region.json", src, policy.Identity) // 1. parse
	if err != nil {
		fmt.Println(err)
		return
	}
	set, err := evaluator.Compile(evaluator.Policies{Identity: []*policy.Document{doc}}, evaluator.Organization{}) // 2. compile
	if err != nil {
		fmt.Println(err)
		return
	}
	var res evaluator.Result // reused by every evaluation
	for _, region := range []string{"eu-west-1", "us-east-1"} {
		prep, err := evaluator.Prepare(&evaluator.Request{ // 3. prepare
			Principal: "arn:aws:iam::111122223333:user/alice",
			Action:    "ec2:DescribeInstances",
			Resource:  "*",
			Context:   evaluator.Context{"aws:RequestedRegion": {Values: []string{region}}},
		})
		if err != nil {
			fmt.Println(err)
			return
		}
		set.EvaluatePrepared(prep, evaluator.Options{Trace: true}, &res) // 4. evaluate
		fmt.Println(res.Decision)                                        // 5. the result
		fmt.Println("  " + res.Summary())
		for _, step := range res.Trace {
			for _, c := range step.Conditions() {
				fmt.Printf("  %s %s: request %q, policy %q, holds: %t\n", c.Operator, c.Key, c.RequestValues, c.PolicyValues, c.Result)
			}
		}
	}
	// Output:
	// allowed
	//   allowed: identity policy region.json:3:17 allows and no guardrail blocks
	//   StringEquals aws:RequestedRegion: request ["eu-west-1"], policy ["eu-west-1"], holds: true
	// implicitDeny
	//   implicitDeny: no identity-based or resource-based policy allows the request
	//   StringEquals aws:RequestedRegion: request ["us-east-1"], policy ["eu-west-1"], holds: false
}
