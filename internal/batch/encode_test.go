package batch

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math/rand"
	"strings"
	"testing"

	"github.com/iamsim/iamsim/evaluator"
	"github.com/iamsim/iamsim/policy"
)

// TestStatementsAsEvaluatorWrites checks, byte for byte, that the
// deciding statements and bad values of the result lines are evaluator's
// compact form (StatementRef.AppendCompactJSON) of the statements the
// evaluator returns for the same requests, over thousands of random
// requests against random policy sets: SCP levels, Sids with quotes,
// backslashes, control characters, HTML characters, line separators and
// other Unicode, no Sid, policy names that need escaping or are not
// UTF-8. More statements decide than a worker keeps rendered, so recalled
// statements are checked as well as fresh ones.
func TestStatementsAsEvaluatorWrites(t *testing.T) {
	t.Parallel()
	rng := rand.New(rand.NewSource(14))
	sets := make([]*evaluator.PolicySet, 6)
	for i := range sets {
		sets[i] = randomSet(t, rng, i)
	}
	resolve := func(req *evaluator.Request, _ *Resolution) (*evaluator.PolicySet, error) {
		return sets[int(req.Principal[len(req.Principal)-1]-'0')], nil
	}
	actions := []string{"s3:GetObject", "s3:PutObject", "s3:ListBucket", "ec2:RunInstances", "ec2:StopInstances", "dynamodb:GetItem", "sqs:SendMessage"}
	var input bytes.Buffer
	var reqs []evaluator.Request
	for i := range 3000 {
		req := evaluator.Request{
			Principal: fmt.Sprintf("arn:aws:iam::111122223333:user/u%d", rng.Intn(len(sets))),
			Action:    actions[rng.Intn(len(actions))],
			Resource:  "*",
			Context:   evaluator.Context{},
		}
		switch rng.Intn(3) {
		case 0:
			req.Context.Set("s3:max-keys", "many") // a bad value for NumericLessThan
		case 1:
			req.Context.Set("s3:max-keys", fmt.Sprint(i%20))
		}
		line, err := json.Marshal(map[string]any{"principal": req.Principal, "action": req.Action, "resource": req.Resource, "context": contextValues(req.Context)})
		if err != nil {
			t.Fatal(err)
		}
		input.Write(append(line, '\n'))
		reqs = append(reqs, req)
	}
	out, stats, err := runLines(t, input.Bytes(), Options{Resolve: resolve, Workers: 3})
	if err != nil || stats.Errors != 0 {
		t.Fatalf("%d errors: %v", stats.Errors, err)
	}
	lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
	if len(lines) != len(reqs) {
		t.Fatalf("%d result lines for %d requests", len(lines), len(reqs))
	}
	seen := map[string]bool{}
	for i, line := range lines {
		var got struct {
			Deciding  []json.RawMessage `json:"deciding"`
			BadValues []struct {
				Statement json.RawMessage `json:"statement"`
			} `json:"badValues"`
		}
		if err := json.Unmarshal([]byte(line), &got); err != nil {
			t.Fatalf("line %d is not JSON: %v\n%s", i+1, err, line)
		}
		req := reqs[i]
		set, _ := resolve(&req, nil)
		res, err := set.Evaluate(&req, evaluator.Options{})
		if err != nil {
			t.Fatal(err)
		}
		var want, gotStatements []string
		for _, s := range res.Deciding {
			want = append(want, string(s.AppendCompactJSON(nil)))
		}
		for _, v := range res.BadValues {
			want = append(want, string(v.Statement.AppendCompactJSON(nil)))
		}
		for _, raw := range got.Deciding {
			gotStatements = append(gotStatements, string(raw))
		}
		for _, v := range got.BadValues {
			gotStatements = append(gotStatements, string(v.Statement))
		}
		if strings.Join(want, "\n") != strings.Join(gotStatements, "\n") {
			t.Fatalf("line %d: statements\n%s\nwant\n%s", i+1, strings.Join(gotStatements, "\n"), strings.Join(want, "\n"))
		}
		for _, s := range want {
			seen[s] = true
		}
	}
	if len(seen) <= len(worker{}.rendered) {
		t.Errorf("only %d distinct statements decided; want more than a worker keeps rendered", len(seen))
	}
}

// contextValues returns a context as a request line has it.
func contextValues(c evaluator.Context) map[string]string {
	out := map[string]string{}
	for k, v := range c {
		out[k] = v.Values[0]
	}
	return out
}

// sids are Statement IDs to escape and not, "" for none.
var sids = []string{"", "", "Plain", `Say "hi"`, `back\slash`, "tab\there", "bell\x07", "<b>&amp;</b>", "line\u2028break", "Ünïcødé", "日本語", "😀", "é\u0301"}

// policyNames are policy names (and files) to escape and not.
var policyNames = []string{"p.json", `quote"d.json`, "dir/ü.json", "bad\xffutf8.json", "<&>.json", "arn:aws:iam::aws:policy/ReadOnlyAccess"}

// randomSet compiles a random identity policy and a random SCP chain of
// up to four levels, each allowing every action and denying a few.
func randomSet(t *testing.T, rng *rand.Rand, n int) *evaluator.PolicySet {
	t.Helper()
	var p evaluator.Policies
	p.Identity = []*policy.Document{randomDoc(t, rng, fmt.Sprintf("%d-%s", n, policyNames[rng.Intn(len(policyNames))]), policy.Identity, "Allow")}
	for level := range rng.Intn(5) {
		name := fmt.Sprintf("scp%d-%s", level+1, policyNames[rng.Intn(len(policyNames))])
		p.SCPs = append(p.SCPs, []*policy.Document{randomDoc(t, rng, name, policy.SCP, "Deny")})
	}
	set, err := evaluator.Compile(p, evaluator.Organization{})
	if err != nil {
		t.Fatal(err)
	}
	return set
}

// randomDoc writes a policy that allows every action and adds a few
// statements of the given effect on random actions, some with a numeric
// condition, with random Sids.
func randomDoc(t *testing.T, rng *rand.Rand, name string, kind policy.Kind, effect string) *policy.Document {
	t.Helper()
	statements := []string{`{"Effect": "Allow", "Action": "*", "Resource": "*"}`}
	services := []string{"s3:*", "s3:Get*", "ec2:*", "dynamodb:GetItem", "*"}
	for range 1 + rng.Intn(4) {
		sid := ""
		if s := sids[rng.Intn(len(sids))]; s != "" {
			q, _ := json.Marshal(s)
			sid = `"Sid": ` + string(q) + `, `
		}
		cond := ""
		if rng.Intn(2) == 0 {
			cond = `, "Condition": {"NumericLessThan": {"s3:max-keys": "10"}}`
		}
		statements = append(statements, fmt.Sprintf(`{%s"Effect": %q, "Action": %q, "Resource": "*"%s}`, sid, effect, services[rng.Intn(len(services))], cond))
	}
	src := `{"Version": "2012-10-17", "Statement": [` + strings.Join(statements, ",\n  ") + "]}"
	d, err := policy.Parse(name, []byte(src), kind)
	if err != nil {
		t.Fatal(err)
	}
	return d
}
