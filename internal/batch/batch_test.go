package batch

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"runtime"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/iamsim/iamsim/evaluator"
	"github.com/iamsim/iamsim/internal/reqcheck"
	"github.com/iamsim/iamsim/policy"
)

// runLines runs the batch over input with the given workers.
func runLines(t *testing.T, input []byte, opts Options) (string, Stats, error) {
	t.Helper()
	var out bytes.Buffer
	stats, err := Run("in.jsonl", bytes.NewReader(input), &out, opts)
	return out.String(), stats, err
}

// TestOrder checks that results come out in input order, one per line,
// over many chunks and workers, malformed lines included.
func TestOrder(t *testing.T) {
	t.Parallel()
	const n = 5*chunkItems + 17
	lines := strings.Split(strings.TrimSuffix(string(simpleLines(n)), "\n"), "\n")
	for i := 7; i < n; i += 101 {
		lines[i] = `{"principal": "arn:aws:iam::111122223333:user/x", "action": "s3:Get*", "resource": "*"}`
	}
	input := []byte(strings.Join(lines, "\n") + "\n")
	opts := Options{Resolve: fixed(loadSet(t, "identity-app-new.json")), Workers: 4}
	out, stats, err := runLines(t, input, opts)
	if err != nil {
		t.Fatal(err)
	}
	results := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
	if len(results) != n || stats.Records != n {
		t.Fatalf("%d results, %d records, want %d", len(results), stats.Records, n)
	}
	errs := 0
	for i, r := range results {
		var got struct {
			Line     int    `json:"line"`
			Decision string `json:"decision"`
			Error    string `json:"error"`
		}
		if err := json.Unmarshal([]byte(r), &got); err != nil {
			t.Fatalf("result %d is not JSON: %v\n%s", i+1, err, r)
		}
		if got.Line != i+1 {
			t.Fatalf("result %d is of line %d", i+1, got.Line)
		}
		if (got.Error != "") != (i >= 7 && (i-7)%101 == 0) {
			t.Errorf("line %d: error %q, decision %q", i+1, got.Error, got.Decision)
		}
		if got.Error != "" {
			errs++
		}
	}
	if stats.Errors != errs {
		t.Errorf("stats count %d errors, the output %d", stats.Errors, errs)
	}
}

// TestDeterminism checks that the output is the same byte for byte for
// one worker or many and for GOMAXPROCS 1 or 2. It changes GOMAXPROCS,
// so it does not run in parallel.
func TestDeterminism(t *testing.T) {
	input := simpleLines(3*chunkItems + 5)
	input = append(input, "{bad json\n\n"...)
	input = append(input, simpleLines(chunkItems)...)
	set := loadSet(t, "identity-app-new.json")
	var outputs []string
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(0))
	for _, procs := range []int{1, 2} {
		runtime.GOMAXPROCS(procs)
		for _, workers := range []int{0, 1, 3} {
			for _, trace := range []bool{false, true} {
				out, _, err := runLines(t, input, Options{Resolve: fixed(set), Workers: workers, Trace: trace})
				if err != nil {
					t.Fatal(err)
				}
				outputs = append(outputs, out)
			}
		}
	}
	for i := 2; i < len(outputs); i++ {
		if outputs[i] != outputs[i%2] {
			t.Fatalf("run %d differs from run %d:\n%s", i, i%2, cmp.Diff(outputs[i%2], outputs[i]))
		}
	}
}

// TestStrict checks that Strict stops after the first malformed line's
// result, with every earlier result written.
func TestStrict(t *testing.T) {
	t.Parallel()
	lines := strings.Split(strings.TrimSuffix(string(simpleLines(3*chunkItems)), "\n"), "\n")
	lines[chunkItems+3] = `{"principal": 1}`
	lines[2*chunkItems] = `{]`
	input := []byte(strings.Join(lines, "\n"))
	out, stats, err := runLines(t, input, Options{Resolve: fixed(loadSet(t, "identity-app-new.json")), Strict: true, Workers: 2})
	if !errors.Is(err, ErrStrict) {
		t.Fatalf("error %v, want ErrStrict", err)
	}
	results := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
	if len(results) != chunkItems+4 {
		t.Fatalf("%d results, want %d", len(results), chunkItems+4)
	}
	want := fmt.Sprintf(`{"line":%d,"error":"in.jsonl:%d:15: principal must be a string, not a number"}`, chunkItems+4, chunkItems+4)
	if last := results[len(results)-1]; last != want {
		t.Errorf("last result\n%s\nwant\n%s", last, want)
	}
	if stats.Errors != 1 {
		t.Errorf("%d errors counted, want 1", stats.Errors)
	}
}

// TestDefaultsAndExpect checks that default context keys yield to the
// line's, and that Expect, which wins over a line's expect, is counted.
func TestDefaultsAndExpect(t *testing.T) {
	t.Parallel()
	allowed := evaluator.Allowed
	opts := Options{
		Resolve:  fixed(loadSet(t, "identity-app-new.json")),
		Defaults: evaluator.Context{"aws:RequestedRegion": {Values: []string{"us-east-1"}}},
		Expect:   &allowed,
	}
	input := `{"principal": "arn:aws:iam::111122223333:user/a", "action": "s3:GetObject", "resource": "arn:aws:s3:::example-app-data/k"}
{"principal": "arn:aws:iam::111122223333:user/a", "action": "s3:GetObject", "resource": "arn:aws:s3:::example-app-data/k", "context": {"AWS:RequestedRegion": "eu-west-1"}}
{"principal": "arn:aws:iam::111122223333:user/a", "action": "s3:GetObject", "resource": "arn:aws:s3:::example-app-data/k", "expect": "explicitDeny"}
`
	out, stats, err := runLines(t, []byte(input), opts)
	if err != nil {
		t.Fatal(err)
	}
	var decisions []string
	for _, r := range strings.Split(strings.TrimSuffix(out, "\n"), "\n") {
		var got struct{ Expect, Decision string }
		if err := json.Unmarshal([]byte(r), &got); err != nil {
			t.Fatal(err)
		}
		decisions = append(decisions, got.Expect+" "+got.Decision)
	}
	want := []string{"allowed explicitDeny", "allowed allowed", "allowed explicitDeny"}
	if diff := cmp.Diff(want, decisions); diff != "" {
		t.Errorf("mismatch (-want +got):\n%s", diff)
	}
	if stats.Mismatches != 2 {
		t.Errorf("%d mismatches, want 2", stats.Mismatches)
	}
}

// TestLineErrors checks the message and position of malformed lines.
func TestLineErrors(t *testing.T) {
	t.Parallel()
	const p = `"principal": "arn:aws:iam::111122223333:user/a", `
	tests := []struct{ name, line, want string }{
		{"syntax", `{"principal": "a",}`, `x.jsonl:1:18: trailing comma before }: JSON allows no comma after the last entry`},
		{"not an object", `"s3:GetObject"`, `x.jsonl:1:1: a request is a JSON object, not a string`},
		{"missing resource", `{` + p + `"action": "s3:GetObject"}`, `x.jsonl:1:1: the request has no resource`},
		{"duplicate field", `{` + p + p + `"action": "s3:GetObject"}`, `x.jsonl:1:51: duplicate field "principal"`},
		{"unknown field", `{` + p + `"Action": "s3:GetObject"}`, `x.jsonl:1:51: unknown field "Action" (want ` + lineFields + `)`},
		{"bad principal", `{"principal": "bob", "action": "s3:GetObject", "resource": "*"}`, `x.jsonl:1: principal "bob": want an IAM user, role, role session (arn:aws:sts::ACCOUNT:assumed-role/ROLE/SESSION), federated user or root ARN, a service principal such as s3.amazonaws.com, "*" for anonymous, a saml-provider ARN, or an OIDC provider host`},
		{"bad expect", `{` + p + `"action": "s3:GetObject", "resource": "*", "expect": "deny"}`, `x.jsonl:1:104: decision "deny": want allowed, explicitDeny or implicitDeny; did you mean explicitDeny (a Deny statement matched) or implicitDeny (nothing allowed)?`},
		{"context null", `{` + p + `"action": "s3:GetObject", "resource": "*", "context": {"aws:SourceIp": null}}`, `x.jsonl:1:122: context key "aws:SourceIp": want a string, number, boolean or a list of them, not null`},
		{"context duplicate", `{` + p + `"action": "s3:GetObject", "resource": "*", "context": {"a:b": "1", "A:B": "2"}}`, `x.jsonl:1:118: duplicate context key "A:B" (key names are case-insensitive)`},
		{"entry type", `{` + p + `"action": "s3:GetObject", "resource": "*", "contextEntries": [{"ContextKeyName": "k", "ContextKeyValues": ["1"], "ContextKeyType": "int"}]}`, `x.jsonl:1:182: context key "k": unknown context key type "int" (want string, numeric, boolean, ip, binary or date, or one of them with List)`},
		{"entry value", `{` + p + `"action": "s3:GetObject", "resource": "*", "contextEntries": [{"ContextKeyName": "k", "ContextKeyValues": ["ten"], "ContextKeyType": "numeric"}]}`, `x.jsonl:1:158: context key "k": "ten" is not a valid numeric`},
		{"entry count", `{` + p + `"action": "s3:GetObject", "resource": "*", "contextEntries": [{"ContextKeyName": "k", "ContextKeyValues": ["1", "2"], "ContextKeyType": "numeric"}]}`, `x.jsonl:1:157: context key "k": type numeric takes one value, not 2 (use numericList)`},
		{"non-ASCII column", `{"name": "é€", "principal": 7}`, `x.jsonl:1:29: principal must be a string, not a number`},
	}
	set := loadSet(t, "identity-app-new.json")
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			var out bytes.Buffer
			if _, err := Run("x.jsonl", strings.NewReader(tt.line), &out, Options{Resolve: fixed(set), Workers: 1}); err != nil {
				t.Fatal(err)
			}
			var got struct{ Error string }
			if err := json.Unmarshal(out.Bytes(), &got); err != nil {
				t.Fatalf("%v: %s", err, out.String())
			}
			if diff := cmp.Diff(tt.want, got.Error); diff != "" {
				t.Errorf("mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

// TestSeveralDeciding checks the list of deciding statements when more
// than one decides, rendered once and then recalled.
func TestSeveralDeciding(t *testing.T) {
	t.Parallel()
	src := `{"Version": "2012-10-17", "Statement": [
  {"Sid": "One", "Effect": "Deny", "Action": "s3:*", "Resource": "*"},
  {"Effect": "Deny", "Action": "s3:Get*", "Resource": "*"}]}`
	set := compileIdentity(t, "deny\"s.json", src)
	line := `{"principal": "arn:aws:iam::111122223333:user/a", "action": "s3:GetObject", "resource": "*"}` + "\n"
	out, _, err := runLines(t, []byte(line+line), Options{Resolve: fixed(set), Workers: 1})
	if err != nil {
		t.Fatal(err)
	}
	want := `{"line":%d,"decision":"explicitDeny","deciding":[{"layer":"identity","policy":"deny\"s.json","sid":"One","effect":"Deny","at":"deny\"s.json:2:3"},{"layer":"identity","policy":"deny\"s.json","effect":"Deny","at":"deny\"s.json:3:3"}]}` + "\n"
	if diff := cmp.Diff(fmt.Sprintf(want, 1)+fmt.Sprintf(want, 2), out); diff != "" {
		t.Errorf("mismatch (-want +got):\n%s", diff)
	}
}

// TestProgress checks that Progress gets the final counts.
func TestProgress(t *testing.T) {
	t.Parallel()
	var last Stats
	calls := 0
	input := append(simpleLines(chunkItems+1), "nonsense\n"...)
	_, stats, err := runLines(t, input, Options{Resolve: fixed(loadSet(t, "identity-app-new.json")), Progress: func(s Stats) { last = s; calls++ }})
	if err != nil {
		t.Fatal(err)
	}
	if calls == 0 || last != stats || last.Records != chunkItems+2 || last.Errors != 1 {
		t.Errorf("%d calls, last %+v, stats %+v", calls, last, stats)
	}
}

// TestLongLinesAndCRLF checks lines longer than a chunk, CRLF line ends
// and a last line without a line break.
func TestLongLinesAndCRLF(t *testing.T) {
	t.Parallel()
	long := `{"principal": "arn:aws:iam::111122223333:user/a", "action": "s3:GetObject", "resource": "*", "context": {"k:v": "` + strings.Repeat("x", 3*chunkBytes) + `"}}`
	short := `{"principal": "arn:aws:iam::111122223333:user/a", "action": "s3:GetObject", "resource": "*"}`
	input := short + "\r\n" + long + "\r\n\r\n" + long + "\n" + short
	out, stats, err := runLines(t, []byte(input), Options{Resolve: fixed(loadSet(t, "identity-app-new.json"))})
	if err != nil {
		t.Fatal(err)
	}
	want := ""
	for _, n := range []int{1, 2, 4, 5} {
		want += fmt.Sprintf(`{"line":%d,"decision":"explicitDeny","deciding":[{"layer":"identity","policy":"identity-app-new.json","sid":"DenyOtherRegions","effect":"Deny","at":"identity-app-new.json:28:5"}]}`+"\n", n)
	}
	if diff := cmp.Diff(want, out); diff != "" || stats.Errors != 0 {
		t.Errorf("%d errors; mismatch (-want +got):\n%s", stats.Errors, diff)
	}
}

// TestBadValues checks that a result line carries the bad request values
// and the unreliable mark (docs/limits.md, "Bad values"), and that Stats
// counts unreliable decisions.
func TestBadValues(t *testing.T) {
	t.Parallel()
	src := `{"Version": "2012-10-17", "Statement": [
  {"Effect": "Allow", "Action": "s3:*", "Resource": "*"},
  {"Sid": "Blocked", "Effect": "Deny", "Action": "s3:*", "Resource": "*", "Condition": {"IpAddress": {"aws:SourceIp": "198.51.100.0/24"}}}]}`
	d, err := policy.Parse("p.json", []byte(src), policy.Identity)
	if err != nil {
		t.Fatal(err)
	}
	set, err := evaluator.Compile(evaluator.Policies{Identity: []*policy.Document{d}}, evaluator.Organization{})
	if err != nil {
		t.Fatal(err)
	}
	lines := `{"principal": "arn:aws:iam::111122223333:user/a", "action": "s3:GetObject", "resource": "*", "context": {"aws:SourceIp": "office"}}
{"principal": "arn:aws:iam::111122223333:user/a", "action": "s3:GetObject", "resource": "*", "context": {"aws:SourceIp": "203.0.113.1"}}
`
	out, stats, err := runLines(t, []byte(lines), Options{Resolve: fixed(set), Workers: 1})
	if err != nil {
		t.Fatal(err)
	}
	want := `{"line":1,"decision":"allowed","deciding":[{"layer":"identity","policy":"p.json","effect":"Allow","at":"p.json:2:3"}],"unreliable":true,` +
		`"badValues":[{"statement":{"layer":"identity","policy":"p.json","sid":"Blocked","effect":"Deny","at":"p.json:3:3"},"operator":"IpAddress","key":"aws:SourceIp","value":"office","want":"an IP address"}]}
{"line":2,"decision":"allowed","deciding":[{"layer":"identity","policy":"p.json","effect":"Allow","at":"p.json:2:3"}]}
`
	if diff := cmp.Diff(want, out); diff != "" {
		t.Errorf("mismatch (-want +got):\n%s", diff)
	}
	if stats.Unreliable != 1 {
		t.Errorf("Stats.Unreliable = %d, want 1", stats.Unreliable)
	}
}

// TestPanicIsALineError checks that a panic while deciding a line becomes
// that line's error result instead of ending the process with a stack
// trace, and that the lines after it are still decided.
func TestPanicIsALineError(t *testing.T) {
	t.Parallel()
	calls := 0
	resolve := func(*evaluator.Request, *Resolution) (*evaluator.PolicySet, error) {
		calls++
		if calls == 1 {
			panic("boom")
		}
		return evaluator.Compile(evaluator.Policies{}, evaluator.Organization{})
	}
	line := `{"principal": "arn:aws:iam::111122223333:user/a", "action": "s3:GetObject", "resource": "*"}` + "\n"
	out, stats, err := runLines(t, []byte(line+line), Options{Resolve: resolve, Workers: 1})
	if err != nil {
		t.Fatal(err)
	}
	want := `{"line":1,"error":"in.jsonl:1: internal error: boom (please report it)"}
{"line":2,"decision":"implicitDeny","deciding":[]}
`
	if diff := cmp.Diff(want, out); diff != "" {
		t.Errorf("mismatch (-want +got):\n%s", diff)
	}
	if stats.Errors != 1 {
		t.Errorf("Stats.Errors = %d, want 1", stats.Errors)
	}
}

// TestCheck checks that with Options.Check an unknown action makes its
// line an error, at the action's column, counted with the malformed
// lines, and that warnings join the result line; a worker remembers the
// answers, so the same lines twice give the same results.
func TestCheck(t *testing.T) {
	t.Parallel()
	lines := `{"principal": "arn:aws:iam::111122223333:user/a", "action": "s3:GetObjectt", "resource": "arn:aws:s3:::b/k"}
{"principal": "arn:aws:iam::111122223333:user/a", "action": "s3:GetObject", "resource": "arn:aws:s3:::b/k", "context": {"aws:SecureTransprot": "true"}}
`
	const typo = `"error":"in.jsonl:%d:61: unknown action \"s3:GetObjectt\" (did you mean \"s3:GetObject\"?)"}`
	const warned = `"warnings":["unknown context key \"aws:SecureTransprot\": not a global condition key, and no supplied policy uses it (did you mean \"aws:SecureTransport\"?)"]}`
	set := loadSet(t, "identity-app-new.json")
	out, stats, err := runLines(t, []byte(lines+lines), Options{Resolve: fixed(set), Workers: 1, Check: reqcheck.New(false)})
	if err != nil {
		t.Fatal(err)
	}
	got := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
	for i, line := range got {
		want := fmt.Sprintf(typo, i+1)
		if i%2 == 1 {
			want = warned
		}
		if !strings.HasSuffix(line, want) {
			t.Errorf("line %d: got %s\nwant it to end with %s", i+1, line, want)
		}
	}
	if len(got) != 4 || stats.Errors != 2 || stats.Records != 4 {
		t.Errorf("%d results, stats %+v, want 2 errors of 4 records", len(got), stats)
	}
	out, stats, _ = runLines(t, []byte(lines), Options{Resolve: fixed(set), Workers: 1, Check: reqcheck.New(true)})
	if stats.Errors != 0 || !strings.Contains(out, `"warnings":["action \"s3:GetObjectt\" is not in iamsim's service catalog`) {
		t.Errorf("with unknown actions allowed: stats %+v\n%s", stats, out)
	}
	// A resource the action never acts on is a warning too.
	bucket := `{"principal": "arn:aws:iam::111122223333:user/a", "action": "s3:GetObject", "resource": "arn:aws:s3:::b"}`
	out, stats, _ = runLines(t, []byte(bucket), Options{Resolve: fixed(set), Workers: 1, Check: reqcheck.New(false)})
	if stats.Errors != 0 || !strings.Contains(out, `"warnings":["resource \"arn:aws:s3:::b\" is not a resource s3:GetObject acts on (`) {
		t.Errorf("bucket for an object action: stats %+v\n%s", stats, out)
	}
	// A CloudTrail record's action is the call that was made: an action
	// the catalog does not list is decided, with the record's warning.
	trail := `{"Records": [{"eventSource": "s3.amazonaws.com", "eventName": "GetObjectt", "eventID": "e1", "eventTime": "2026-11-20T00:00:00Z",
		"userIdentity": {"type": "IAMUser", "arn": "arn:aws:iam::111122223333:user/a"}}]}`
	out, stats, _ = runLines(t, []byte(trail), Options{Resolve: fixed(set), Workers: 1, Check: reqcheck.New(false)})
	if stats.Errors != 0 || !strings.Contains(out, `"warning":"action s3:GetObjectt is not in the service catalog`) || !strings.Contains(out, `"decision":`) {
		t.Errorf("CloudTrail record: stats %+v\n%s", stats, out)
	}
}

// TestResolution checks what a Resolution adds to a line: its checker
// checks the context in place of Options.Check (it knows the keys of the
// request's own policies), its notes join "notes", and so does the note
// of Options.AssumedAccount when the resource's account was assumed; the
// keys are given to Resolve as the line spelled them.
func TestResolution(t *testing.T) {
	t.Parallel()
	doc, err := policy.Parse("p.json", []byte(`{"Statement": {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*",
		"Condition": {"StringEquals": {"ec2:SourceInstanceARN": "i"}}}}`), policy.Identity)
	if err != nil {
		t.Fatal(err)
	}
	set, err := evaluator.Compile(evaluator.Policies{Identity: []*policy.Document{doc}}, evaluator.Organization{})
	if err != nil {
		t.Fatal(err)
	}
	var keys []string
	resolve := func(req *evaluator.Request, r *Resolution) (*evaluator.PolicySet, error) {
		keys = append(keys, r.Keys...)
		if strings.HasSuffix(req.Principal, "user/a") {
			r.Check = reqcheck.New(false, doc)
			r.Notes = append(r.Notes, "resolved")
		}
		return set, nil
	}
	lines := `{"principal": "arn:aws:iam::111122223333:user/a", "action": "s3:GetObject", "resource": "arn:aws:s3:::b/k", "context": {"EC2:SourceInstanceArn": "i"}}
{"principal": "arn:aws:iam::111122223333:user/b", "action": "s3:GetObject", "resource": "arn:aws:s3:::b/k", "resourceAccount": "111122223333", "context": {"ec2:SourceInstanceARN": "i"}}
`
	out, _, err := runLines(t, []byte(lines), Options{Resolve: resolve, Workers: 1, Check: reqcheck.New(false),
		AssumedAccount: func(account string) string { return "assumed " + account }})
	if err != nil {
		t.Fatal(err)
	}
	want := `{"line":1,"decision":"allowed","deciding":[{"layer":"identity","policy":"p.json","effect":"Allow","at":"p.json:1:15"}],"notes":["resolved","assumed 111122223333"]}
{"line":2,"decision":"allowed","deciding":[{"layer":"identity","policy":"p.json","effect":"Allow","at":"p.json:1:15"}],"warnings":["context key \"ec2:SourceInstanceARN\" is a key of ec2, not of s3, and no supplied policy uses it"]}
`
	if diff := cmp.Diff(want, out); diff != "" {
		t.Errorf("mismatch (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{"EC2:SourceInstanceArn", "ec2:SourceInstanceARN"}, keys); diff != "" {
		t.Errorf("Resolution.Keys mismatch (-want +got):\n%s", diff)
	}
}
