package policy_test

import (
	"errors"
	"fmt"

	"github.com/iamsim/iamsim/policy"
)

// ExampleParse reads a policy with a misspelt condition operator and
// reports the problem with its code and position.
func ExampleParse() {
	src := []byte(`{
  "Version": "2012-10-17",
  "Statement": [{
    "Effect": "Allow",
    "Action": "s3:GetObject",
    "Resource": "*",
    "Condition": {"StringEqualz": {"aws:username": "alice"}}
  }]
}`)
	_, err := policy.Parse("s3.json", src, policy.Identity)
	var list policy.ErrorList
	if errors.As(err, &list) {
		for _, e := range list {
			fmt.Printf("%s at line %d, column %d\n", e.Code, e.Pos.Line, e.Pos.Col)
			fmt.Println(e.Detail())
		}
	}
	// Output:
	// E012 at line 7, column 19
	// s3.json:7:19: E012 unknown condition operator "StringEqualz"; did you mean "StringEquals"?
	//         "Condition": {"StringEqualz": {"aws:username": "alice"}}
	//                       ^
}

// Example parses a policy and walks its statements, each with the
// position of its opening brace.
func Example() {
	src := []byte(`{
  "Version": "2012-10-17",
  "Statement": [
    {"Sid": "Read", "Effect": "Allow", "Action": ["s3:GetObject", "s3:ListBucket"], "Resource": "*"},
    {"Sid": "NoDelete", "Effect": "Deny", "Action": "s3:Delete*", "Resource": "*"}
  ]
}`)
	doc, err := policy.Parse("s3.json", src, policy.Identity)
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, st := range doc.Statements {
		var actions []string
		for _, a := range st.Action.Items {
			actions = append(actions, a.Text)
		}
		fmt.Println(st.Pos, st.Sid.Text, st.Effect, actions)
	}
	// Output:
	// s3.json:4:5 Read Allow [s3:GetObject s3:ListBucket]
	// s3.json:5:5 NoDelete Deny [s3:Delete*]
}

// ExampleLimits_Parse parses within limits smaller than the defaults:
// each parse applies the limits its caller gives.
func ExampleLimits_Parse() {
	src := []byte(`{"Version": "2012-10-17", "Statement": [
  {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"},
  {"Effect": "Allow", "Action": "s3:PutObject", "Resource": "*"}
]}`)
	small := policy.Limits{Statements: 1} // the other limits are the defaults
	_, err := small.Parse("two.json", src, policy.Identity)
	fmt.Println(err)
	_, err = policy.Parse("two.json", src, policy.Identity)
	fmt.Println(err)
	// Output:
	// two.json:3:3: E026 more than 1 statements; this is the first past the limit
	// <nil>
}
