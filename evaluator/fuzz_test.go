package evaluator_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/iamsim/iamsim/evaluator"
	"github.com/iamsim/iamsim/internal/policytest"
	"github.com/iamsim/iamsim/policy"
)

// FuzzEvaluate decides random requests against random policies of every
// layer (identity, resource or trust, boundary, session, endpoint, SCP
// and RCP levels), built from the fuzz input by genCase. Evaluation never
// panics, and (docs/evaluation-logic.md; reference_policies_grammar.md; docs/evaluation-logic.md):
//
//   - the same request decided twice, or into a reused Result, gives the
//     same JSON byte for byte;
//   - with and without a trace the decision, deciding statements and
//     layer verdicts are the same;
//   - the trace agrees with the decision: every statement of every
//     policy in play is traced once; its Action and Resource match as a
//     reference glob matcher in this file says; each layer lists exactly its
//     matching statements and its verdict follows from them; a matching
//     Deny statement in an applicable layer exists if and only if the
//     decision is explicitDeny, and then the deciding statements are
//     exactly those Denies; allowed and implicitDeny are decided by Allow
//     statements that matched;
//   - the layers that apply are those of the docs' table "Which policies
//     apply", and the decision follows from the layers' verdicts by the
//     docs' steps ("The steps");
//   - shuffling the statements of each policy, the policies of each
//     layer and the levels of each chain never changes the decision;
//   - removing an Allow statement never turns a deny into allowed, and
//     keeps an explicitDeny;
//   - adding a Deny statement never turns a deny into allowed, and keeps
//     an explicitDeny; adding an unconditional Deny of everything to an
//     applicable layer gives explicitDeny.
//
// Seeds are in testdata/fuzz/FuzzEvaluate.
func FuzzEvaluate(f *testing.F) {
	for _, s := range []string{"", "\x00", "\x01\x02\x03", "alice reads her notes", "\x07\x00\x00\x01\x01\x01\x01\x01\x01\x01\x01\x01"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		b := fuzzBytes(data)
		c, err := genCase(&b)
		if err != nil {
			t.Fatal(err)
		}
		traced := c.evaluate(t, c.policies, true)
		c.checkDeterministic(t, traced)
		c.checkTraceOff(t, traced)
		c.checkTrace(t, traced)
		c.checkApplicable(t, traced)
		c.checkSteps(t, traced)
		rng := rand.New(rand.NewPCG(uint64(len(data)), uint64(b.pick(256))))
		c.checkShuffle(t, traced, rng)
		c.checkRemoveAllow(t, traced.Decision)
		c.checkAddDeny(t, traced, &b)
	})
}

// evaluate compiles the policies and decides the case's request.
func (c *fuzzCase) evaluate(t *testing.T, p evaluator.Policies, trace bool) *evaluator.Result {
	t.Helper()
	set, err := evaluator.Compile(p, c.org)
	if err != nil {
		t.Fatalf("Compile: %v", err)
	}
	res, err := set.Evaluate(&c.request, evaluator.Options{Trace: trace})
	if err != nil {
		t.Fatalf("Evaluate %+v: %v", c.request, err)
	}
	return res
}

// describe names the request for failure messages.
func (c *fuzzCase) describe() string {
	r := c.request
	return fmt.Sprintf("%s %s %s (resource account %q, role %q, org %+v)", r.Principal, r.Action, r.Resource, r.ResourceAccount, r.RoleARN, c.org)
}

func marshal(t *testing.T, res *evaluator.Result) []byte {
	t.Helper()
	out, err := json.Marshal(res)
	if err != nil {
		t.Fatalf("json.Marshal(result): %v", err)
	}
	return out
}

// checkDeterministic decides the request again, from scratch and into a
// Result that held another decision, and compares the JSON.
func (c *fuzzCase) checkDeterministic(t *testing.T, first *evaluator.Result) {
	want := marshal(t, first)
	if got := marshal(t, c.evaluate(t, c.policies, true)); !bytes.Equal(got, want) {
		t.Fatalf("%s: deciding twice differs:\n%s\n%s", c.describe(), want, got)
	}
	set, err := evaluator.NewCompiler().Compile(c.policies, c.org)
	if err != nil {
		t.Fatal(err)
	}
	other := c.request
	other.Action = "s3:GetObject"
	var reused evaluator.Result
	for _, r := range []*evaluator.Request{&other, &c.request} {
		p, err := evaluator.Prepare(r)
		if err != nil {
			t.Fatal(err)
		}
		set.EvaluatePrepared(p, evaluator.Options{Trace: true}, &reused)
	}
	if got := marshal(t, &reused); !bytes.Equal(got, want) {
		t.Fatalf("%s: a reused Result compiled by a Compiler differs:\n%s\n%s", c.describe(), want, got)
	}
}

// checkTraceOff decides without a trace: only the trace may differ, and
// the notes and relevant missing keys that a trace adds (see
// TestTraceDoesNotDecide).
func (c *fuzzCase) checkTraceOff(t *testing.T, traced *evaluator.Result) {
	plain := c.evaluate(t, c.policies, false)
	ignore := cmp.Options{
		cmpopts.IgnoreFields(evaluator.Result{}, "Trace", "Notes", "Missing"),
		cmpopts.IgnoreUnexported(evaluator.Result{}),
		cmpopts.EquateEmpty(),
	}
	if diff := cmp.Diff(traced, plain, ignore); diff != "" {
		t.Fatalf("%s: mismatch (-traced +untraced):\n%s", c.describe(), diff)
	}
	if traced.Summary() != plain.Summary() {
		t.Fatalf("%s: summary %q with a trace, %q without", c.describe(), traced.Summary(), plain.Summary())
	}
	if len(plain.Trace) != 0 {
		t.Fatalf("%s: %d trace steps without a trace", c.describe(), len(plain.Trace))
	}
}

// where identifies a layer, or an SCP or RCP level.
type where struct {
	layer evaluator.Layer
	level int
}

// ref is a statement's identity in the result, independent of order.
func ref(s evaluator.StatementRef) string {
	return fmt.Sprintf("%s/%d/%s/%d/%s/%s", s.Layer, s.Level, s.Policy, s.Index, s.Effect, s.Match)
}

func refs(list []evaluator.StatementRef) []string {
	var out []string
	for _, s := range list {
		out = append(out, ref(s))
	}
	slices.Sort(out)
	return out
}

// statementsIn counts the statements of the policies of each layer and
// level.
func (c *fuzzCase) statementsIn() map[where]int {
	n := map[where]int{}
	c.eachDoc(func(w where, d *policy.Document) { n[w] += len(d.Statements) })
	return n
}

// eachDoc calls fn for every document of the case's policies with the
// layer and level it stands at.
func (c *fuzzCase) eachDoc(fn func(w where, d *policy.Document)) {
	add := func(w where, ds ...*policy.Document) {
		for _, d := range ds {
			if d != nil {
				fn(w, d)
			}
		}
	}
	p := c.policies
	add(where{evaluator.LayerIdentity, 0}, p.Identity...)
	add(where{evaluator.LayerResource, 0}, p.Resource)
	add(where{evaluator.LayerBoundary, 0}, p.Boundary)
	add(where{evaluator.LayerSession, 0}, p.Session)
	add(where{evaluator.LayerEndpoint, 0}, p.Endpoint)
	for i, l := range p.SCPs {
		add(where{evaluator.LayerSCP, i + 1}, l...)
	}
	for i, l := range p.RCPs {
		add(where{evaluator.LayerRCP, i + 1}, l...)
	}
}

// checkTrace checks that the trace, the layers and the decision agree.
func (c *fuzzCase) checkTrace(t *testing.T, res *evaluator.Result) {
	fail := func(format string, args ...any) {
		t.Helper()
		js, _ := json.MarshalIndent(res, "", "  ")
		t.Fatalf("%s: %s\n%s", c.describe(), fmt.Sprintf(format, args...), js)
	}
	docs := map[string]*policy.Document{}
	policytest.MapDocs(c.policies, func(d *policy.Document) *policy.Document { docs[d.Name] = d; return d })
	steps := map[where]int{}
	matched := map[where][]evaluator.StatementRef{}
	skipped := map[where]bool{}
	var denies []evaluator.StatementRef
	allows := map[string]bool{}
	for _, s := range res.Trace {
		w := where{s.Layer, s.Level}
		steps[w]++
		if !s.Skipped.IsZero() {
			skipped[w] = true
			if s.Matched {
				fail("a skipped step matched: %+v", s.StatementRef)
			}
			continue
		}
		a, r, pr, conds := s.Action(), s.Resource(), s.Principal(), s.Conditions()
		st := docs[s.Policy].Statements[s.Index]
		if want := refActionMatch(st.Action, c.request.Action); a.Matched != want {
			fail("step %s: Action matched %t, the reference matcher says %t (%s)", ref(s.StatementRef), a.Matched, want, a.Detail)
		}
		if want := c.refResourceMatch(docs[s.Policy], st.Resource); r.Matched != want {
			fail("step %s: Resource matched %t, the reference matcher says %t (%s)", ref(s.StatementRef), r.Matched, want, r.Detail)
		}
		all := a.Matched && r.Matched && (pr == nil || pr.Matched)
		for _, ct := range conds {
			all = all && ct.Result
		}
		if all != s.Matched {
			fail("step %s: matched %t, but its parts say %t (%+v %+v %+v)", ref(s.StatementRef), s.Matched, all, a, r, pr)
		}
		if !s.Matched {
			continue
		}
		matched[w] = append(matched[w], s.StatementRef)
		if s.Effect == policy.Deny {
			denies = append(denies, s.StatementRef)
		} else {
			allows[ref(s.StatementRef)] = true
		}
	}
	callerIdentity := strings.EqualFold(c.request.Action, "sts:GetCallerIdentity")
	for w, n := range c.statementsIn() {
		if callerIdentity && w.layer != evaluator.LayerEndpoint {
			n = 0 // only the endpoint policy is evaluated
		}
		if steps[w] != n {
			fail("%s level %d: %d statements, %d trace steps", w.layer, w.level, n, steps[w])
		}
	}
	for _, lr := range res.Layers {
		w := where{lr.Layer, lr.Level}
		if diff := cmp.Diff(refs(matched[w]), refs(lr.Statements)); diff != "" {
			fail("%s level %d: statements mismatch (-trace +layer):\n%s", lr.Layer, lr.Level, diff)
		}
		want := evaluator.NotApplicable
		if lr.Why.IsZero() {
			want = evaluator.Silent
			for _, s := range lr.Statements {
				switch {
				case s.Effect == policy.Deny:
					want = evaluator.Denies
				case want == evaluator.Silent:
					want = evaluator.Allows
				}
			}
		}
		if lr.Verdict != want || (lr.Verdict == evaluator.NotApplicable) != (!lr.Why.IsZero()) || skipped[w] != (!lr.Why.IsZero() && steps[w] > 0) {
			fail("%s level %d: verdict %s (why %q), want %s", lr.Layer, lr.Level, lr.Verdict, lr.Why, want)
		}
	}
	if c.refusedBy() != "" {
		// Step 0 decides before the policies: whatever matched, nothing
		// decides.
		if len(res.Deciding) > 0 {
			fail("refused by a service rule, yet deciding statements")
		}
		return
	}
	if (len(denies) > 0) != (res.Decision == evaluator.ExplicitDeny) {
		fail("%d Deny statements matched, decision %s", len(denies), res.Decision)
	}
	if res.Decision == evaluator.ExplicitDeny {
		if diff := cmp.Diff(refs(denies), refs(res.Deciding)); diff != "" {
			fail("deciding mismatch (-matched denies +deciding):\n%s", diff)
		}
		return
	}
	for _, s := range res.Deciding {
		if !allows[ref(s)] {
			fail("deciding statement %s is no Allow that matched", ref(s))
		}
	}
	if res.Decision == evaluator.Allowed && len(res.Deciding) == 0 && c.caller.kind != evaluator.PrincipalRoot && !callerIdentity {
		fail("allowed with no deciding statement")
	}
}

// checkApplicable compares the layers that apply with the docs' table
// (docs/evaluation-logic.md "Which policies apply"; Organizations "Tasks
// and entities not restricted by SCPs", "Resources and entities not
// restricted by RCPs", "RCP effects on permissions").
func (c *fuzzCase) checkApplicable(t *testing.T, res *evaluator.Result) {
	got := map[where]bool{}
	for _, lr := range res.Layers {
		if lr.Verdict != evaluator.NotApplicable {
			got[where{lr.Layer, lr.Level}] = true
		}
	}
	want := map[where]bool{}
	r, cl, p := c.request, c.caller, c.policies
	kind := cl.kind
	iam := kind == evaluator.PrincipalUser || kind == evaluator.PrincipalRoleSession || kind == evaluator.PrincipalRole || kind == evaluator.PrincipalFederatedUser
	member := func(acct string) bool { return len(c.org.Members) == 0 || slices.Contains(c.org.Members, acct) }
	set := func(l evaluator.Layer, level int, present, applies bool) {
		if present && applies {
			want[where{l, level}] = true
		}
	}
	set(evaluator.LayerEndpoint, 0, p.Endpoint != nil, true)
	if !strings.EqualFold(r.Action, "sts:GetCallerIdentity") {
		set(evaluator.LayerResource, 0, p.Resource != nil, true)
		set(evaluator.LayerIdentity, 0, len(p.Identity) > 0, iam)
		set(evaluator.LayerBoundary, 0, p.Boundary != nil, iam && !cl.slr)
		set(evaluator.LayerSession, 0, p.Session != nil, kind == evaluator.PrincipalRoleSession || kind == evaluator.PrincipalRole || kind == evaluator.PrincipalFederatedUser)
		scp := cl.account != "" && kind != evaluator.PrincipalService && !cl.slr && cl.account != c.org.ManagementAccount && member(cl.account)
		for i := range p.SCPs {
			set(evaluator.LayerSCP, i+1, true, scp)
		}
		resAcct, awsOwned := r.ResourceAccount, false
		if f, ok := policy.SplitARN(r.Resource); resAcct == "" && ok {
			switch {
			case policy.IsAccountID(f[4]):
				resAcct = f[4]
			case f[4] == "aws":
				// An AWS managed policy belongs to no account of the
				// organization (docs/evaluation-logic.md, "AWS-owned
				// resources").
				awsOwned = true
			}
		}
		if resAcct == "" {
			resAcct = cl.account
		}
		service, name, _ := strings.Cut(strings.ToLower(r.Action), ":")
		if r.Resource == "*" {
			// An action on no resource: the calling principal's
			// account's RCPs ("RCP effects on permissions").
			resAcct = cl.account
		}
		rcp := !awsOwned && resAcct != "" && resAcct != c.org.ManagementAccount && member(resAcct) && !cl.slr &&
			!strings.Contains(r.Resource, ":role/aws-service-role/") && !r.AWSManagedKey &&
			slices.Contains([]string{"s3", "sqs", "sts", "kms"}, service) && !(service == "kms" && name == "retiregrant")
		for i := range p.RCPs {
			set(evaluator.LayerRCP, i+1, true, rcp)
		}
	}
	if diff := cmp.Diff(want, got, cmpopts.EquateEmpty(), cmp.AllowUnexported(where{})); diff != "" {
		t.Fatalf("%s: applicable layers mismatch (-docs' table +result):\n%s", c.describe(), diff)
	}
}

// checkShuffle shuffles statements, policies and levels: the decision
// stays, and so do the deciding statements unless levels moved.
func (c *fuzzCase) checkShuffle(t *testing.T, base *evaluator.Result, rng *rand.Rand) {
	for round := range 2 {
		p := policytest.MapDocs(c.policies, func(d *policy.Document) *policy.Document {
			sts := slices.Clone(d.Statements)
			rng.Shuffle(len(sts), func(i, j int) { sts[i], sts[j] = sts[j], sts[i] })
			return policytest.WithStatements(d, sts)
		})
		shuffle := func(ds []*policy.Document) {
			rng.Shuffle(len(ds), func(i, j int) { ds[i], ds[j] = ds[j], ds[i] })
		}
		shuffle(p.Identity)
		for _, l := range append(slices.Clone(p.SCPs), p.RCPs...) {
			shuffle(l)
		}
		levels := round == 1
		if levels {
			rng.Shuffle(len(p.SCPs), func(i, j int) { p.SCPs[i], p.SCPs[j] = p.SCPs[j], p.SCPs[i] })
			rng.Shuffle(len(p.RCPs), func(i, j int) { p.RCPs[i], p.RCPs[j] = p.RCPs[j], p.RCPs[i] })
		}
		got := c.evaluate(t, p, false)
		if got.Decision != base.Decision {
			t.Fatalf("%s: shuffled (levels too: %t) gives %s, not %s", c.describe(), levels, got.Decision, base.Decision)
		}
		if diff := cmp.Diff(refs(base.Deciding), refs(got.Deciding)); !levels && diff != "" {
			t.Fatalf("%s: shuffled, deciding statements mismatch (-before +after):\n%s", c.describe(), diff)
		}
	}
}

// checkRemoveAllow removes each Allow statement in turn.
func (c *fuzzCase) checkRemoveAllow(t *testing.T, base evaluator.Decision) {
	if base == evaluator.Allowed {
		return
	}
	var targets []*policy.Statement
	policytest.MapDocs(c.policies, func(d *policy.Document) *policy.Document {
		for _, st := range d.Statements {
			if st.Effect == policy.Allow {
				targets = append(targets, st)
			}
		}
		return d
	})
	for _, target := range targets {
		p := policytest.MapDocs(c.policies, func(d *policy.Document) *policy.Document {
			return policytest.WithStatements(d, slices.DeleteFunc(slices.Clone(d.Statements), func(st *policy.Statement) bool { return st == target }))
		})
		got := c.evaluate(t, p, false).Decision
		if got == evaluator.Allowed || base == evaluator.ExplicitDeny && got != evaluator.ExplicitDeny {
			t.Fatalf("%s: removing the Allow at %s turns %s into %s", c.describe(), target.Pos, base, got)
		}
	}
}

// checkAddDeny adds to each policy in turn a generated Deny statement,
// and, to each policy of an applicable layer, a Deny of everything.
func (c *fuzzCase) checkAddDeny(t *testing.T, base *evaluator.Result, b *fuzzBytes) {
	applicable := map[where]bool{}
	for _, lr := range base.Layers {
		applicable[where{lr.Layer, lr.Level}] = lr.Verdict != evaluator.NotApplicable
	}
	g := policyGen{b: b}
	type target struct {
		doc *policy.Document
		w   where
	}
	var targets []target
	c.eachDoc(func(w where, d *policy.Document) { targets = append(targets, target{d, w}) })
	for _, tg := range targets {
		deny := g.statement(tg.doc.Kind, 9)
		deny = strings.Replace(deny, `"Effect": "Allow"`, `"Effect": "Deny"`, 1)
		all := `{"Effect": "Deny", "Action": "*", "Resource": "*"}`
		switch tg.doc.Kind {
		case policy.Trust:
			all = `{"Effect": "Deny", "Principal": "*", "Action": "*"}`
		case policy.Resource, policy.RCP, policy.Endpoint:
			all = `{"Effect": "Deny", "Principal": "*", "Action": "*", "Resource": "*"}`
		}
		for _, src := range []string{deny, all} {
			d := g.parse("deny.json", tg.doc.Kind, `{"Version": "2012-10-17", "Statement": [`+src+`]}`)
			if g.err != nil {
				t.Fatal(g.err)
			}
			p := policytest.MapDocs(c.policies, func(d2 *policy.Document) *policy.Document {
				if d2 != tg.doc {
					return d2
				}
				return policytest.WithStatements(d2, append(slices.Clone(d2.Statements), d.Statements...))
			})
			got := c.evaluate(t, p, false).Decision
			if got == evaluator.Allowed && base.Decision != evaluator.Allowed || base.Decision == evaluator.ExplicitDeny && got != evaluator.ExplicitDeny {
				t.Fatalf("%s: adding %s to %s turns %s into %s", c.describe(), src, tg.doc.Name, base.Decision, got)
			}
			if src == all && applicable[tg.w] && got != evaluator.ExplicitDeny && c.refusedBy() == "" {
				t.Fatalf("%s: adding %s to %s (%s level %d, which applies) gives %s", c.describe(), src, tg.doc.Name, tg.w.layer, tg.w.level, got)
			}
		}
	}
}

// refActionMatch reports whether an Action or NotAction list covers the
// action: patterns are matched without regard to case (reference_policies_elements_action.md). The
// vocabulary has no wildcard that could reach into another service.
func refActionMatch(l *policy.List, action string) bool {
	found := false
	for _, it := range l.Items {
		found = found || policytest.Glob([]rune(strings.ToLower(it.Text)), []rune(strings.ToLower(action)))
	}
	return found != l.Not
}

// refResourceMatch reports whether a Resource or NotResource list covers
// the request's resource: case-sensitive, ${aws:username} filled in under
// Version 2012-10-17 for IAM users (the only callers with the key), a
// pattern whose variable has no value matching nothing; no list (a
// trust policy) covers the role it is attached to.
func (c *fuzzCase) refResourceMatch(d *policy.Document, l *policy.List) bool {
	if l == nil {
		return true
	}
	username := ""
	if c.caller.kind == evaluator.PrincipalUser {
		username = c.caller.arn[strings.LastIndexByte(c.caller.arn, '/')+1:]
	}
	found := false
	for _, it := range l.Items {
		pattern := it.Text
		// No variable is filled in before the fifth colon
		// (reference_policies_variables.md, "Resource element"): the
		// entry is then literal text.
		i := strings.Index(pattern, "${")
		literal := i >= 0 && strings.Count(pattern[:i], ":") < 5
		if !literal && d.HasVariables() && strings.Contains(pattern, "${aws:username}") {
			if username == "" {
				continue
			}
			pattern = strings.ReplaceAll(pattern, "${aws:username}", username)
		}
		found = found || policytest.Glob([]rune(pattern), []rune(c.request.Resource))
	}
	return found != l.Not
}

// resourceAccount is the request's resource account as reference_policies_evaluation-logic-cross-account.md defaults
// it: given, else the resource ARN's, else the caller's ("" unknown).
func (c *fuzzCase) resourceAccount() string {
	r := c.request
	if r.ResourceAccount != "" {
		return r.ResourceAccount
	}
	if f, ok := policy.SplitARN(r.Resource); ok && policy.IsAccountID(f[4]) {
		return f[4]
	}
	return c.caller.account
}

// checkSteps decides the request from the layers' verdicts and how the
// resource-based policy's Allow statements named the caller, by the steps
// of docs/evaluation-logic.md ("The steps";
// reference_policies_evaluation-logic_policy-eval-denyallow.md,
// reference_policies_evaluation-logic-cross-account.md), and compares
// with the decision.
func (c *fuzzCase) checkSteps(t *testing.T, res *evaluator.Result) {
	want := c.steps(res)
	if res.Decision != want {
		js, _ := json.MarshalIndent(res, "", "  ")
		t.Fatalf("%s: decision %s, the docs' steps give %s\n%s", c.describe(), res.Decision, want, js)
	}
}

func (c *fuzzCase) steps(res *evaluator.Result) evaluator.Decision {
	if rule := c.refusedBy(); rule != "" { // step 0
		if res.ServiceRule == nil || res.ServiceRule.Name != rule {
			return evaluator.Allowed // any other answer is wrong
		}
		return evaluator.ImplicitDeny
	}
	if res.ServiceRule != nil {
		return evaluator.Allowed // no rule refuses: the answer is wrong
	}
	v := map[evaluator.Layer]evaluator.Verdict{}
	gateSilent := false
	grant := evaluator.MatchNone
	for _, lr := range res.Layers {
		if lr.Verdict == evaluator.Denies {
			return evaluator.ExplicitDeny // step 2
		}
		v[lr.Layer] = lr.Verdict
		switch lr.Layer {
		case evaluator.LayerRCP, evaluator.LayerSCP, evaluator.LayerEndpoint:
			gateSilent = gateSilent || lr.Verdict == evaluator.Silent
		case evaluator.LayerResource:
			for _, s := range lr.Statements {
				if s.Effect == policy.Allow && s.Match > grant {
					grant = s.Match
				}
			}
		}
	}
	if strings.EqualFold(c.request.Action, "sts:GetCallerIdentity") { // step 1
		if v[evaluator.LayerEndpoint] == evaluator.Silent {
			return evaluator.ImplicitDeny
		}
		return evaluator.Allowed
	}
	if gateSilent { // steps 3-5
		return evaluator.ImplicitDeny
	}
	allowIf := func(ok bool) evaluator.Decision {
		if ok {
			return evaluator.Allowed
		}
		return evaluator.ImplicitDeny
	}
	kind := c.caller.kind
	boundary := v[evaluator.LayerBoundary] != evaluator.Silent
	session := true
	switch kind {
	case evaluator.PrincipalFederatedUser:
		session = c.policies.Session != nil && v[evaluator.LayerSession] == evaluator.Allows
	case evaluator.PrincipalRoleSession, evaluator.PrincipalRole:
		session = c.policies.Session == nil || v[evaluator.LayerSession] == evaluator.Allows
	}
	identity := v[evaluator.LayerIdentity] == evaluator.Allows
	root := kind == evaluator.PrincipalRoot
	role := grant == evaluator.MatchRole || grant == evaluator.MatchParent
	service, _, _ := strings.Cut(strings.ToLower(c.request.Action), ":")
	key := service == "kms" && strings.HasPrefix(c.request.Resource, "arn:aws:kms:") && strings.Contains(c.request.Resource, ":key/")
	switch {
	case c.caller.account == "": // step 6
		return allowIf(grant != evaluator.MatchNone)
	case c.resourceAccount() != c.caller.account: // step 7
		return allowIf(c.policies.Resource != nil && grant != evaluator.MatchNone && (root || identity && boundary && session))
	case c.trust || key: // step 8
		switch {
		case c.policies.Resource == nil:
			return evaluator.ImplicitDeny
		case grant == evaluator.MatchDirect:
			return evaluator.Allowed
		case role:
			return allowIf(boundary && session)
		}
		return allowIf(grant == evaluator.MatchAccount && identity && boundary && session)
	}
	// step 9
	return allowIf(grant == evaluator.MatchDirect || root || (role || identity) && boundary && session)
}

// refusedBy names the service rule that refuses the request, by
// docs/evaluation-logic.md "0. Service rules", or "" when none does.
func (c *fuzzCase) refusedBy() string {
	r := c.request
	action := strings.ToLower(r.Action)
	switch {
	case action == "sts:assumerole" && c.caller.kind == evaluator.PrincipalRoot:
		return "root-assume-role" // STS API Reference, AssumeRole
	case action == "iam:deletepolicy" && strings.HasPrefix(r.Resource, "arn:aws:iam::aws:policy/"):
		return "aws-managed-policy" // access_policies_manage-edit.md
	case action == "iam:deleterole" && strings.Contains(r.Resource, ":role/aws-service-role/"):
		return "service-linked-role" // troubleshoot_roles.md
	}
	return ""
}
