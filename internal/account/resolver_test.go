package account

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/iamsim/iamsim/evaluator"
	"github.com/iamsim/iamsim/policy"
)

const (
	alice     = "arn:aws:iam::222222222222:user/alice"
	devObject = "arn:aws:s3:::acme-dev-data/home/alice/notes.txt"
)

func newTestResolver(t *testing.T, d *Data, opts ResolverOptions) *Resolver {
	t.Helper()
	r, err := NewResolver(d, opts)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func testPolicy(t *testing.T, name string, kind policy.Kind) *policy.Document {
	t.Helper()
	doc, err := policy.Parse(name, []byte(`{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}]}`), kind)
	if err != nil {
		t.Fatal(err)
	}
	return doc
}

// TestResolverOverlay lays flag-given policies over the data's: identity
// policies join the principal's, the others replace the data's; with an
// organization loaded, SCPs, RCPs and a management account are refused.
func TestResolverOverlay(t *testing.T) {
	t.Parallel()
	d := estate(t, true)
	extra := testPolicy(t, "extra.json", policy.Identity)
	boundary := testPolicy(t, "boundary.json", policy.Boundary)
	r := newTestResolver(t, d, ResolverOptions{Overlay: Overlay{Policies: evaluator.Policies{Identity: []*policy.Document{extra}, Boundary: boundary}}})
	req := evaluator.Request{Principal: alice, Action: "s3:GetObject", Resource: devObject}
	rs, err := r.Resolve(&req, nil)
	if err != nil {
		t.Fatal(err)
	}
	p, err := d.Principal(alice)
	if err != nil {
		t.Fatal(err)
	}
	if n := len(rs.Policies.Identity); n != len(p.Identity)+1 || rs.Policies.Identity[n-1] != extra {
		t.Errorf("identity policies: %d, want the principal's %d and the flag's last", n, len(p.Identity))
	}
	if rs.Policies.Boundary != boundary || rs.Policies.Resource == nil || len(rs.Policies.SCPs) == 0 {
		t.Errorf("the flag's boundary replaces the data's, the data gives the rest: %+v", rs.Policies)
	}
	if req.ResourceAccount != "222222222222" {
		t.Errorf("resource account %q, want the manifest's 222222222222", req.ResourceAccount)
	}
	scp := testPolicy(t, "scp.json", policy.SCP)
	for _, o := range []Overlay{{Policies: evaluator.Policies{SCPs: [][]*policy.Document{{scp}}}}, {ManagementAccount: "111111111111"}} {
		if _, err := NewResolver(d, ResolverOptions{Overlay: o}); err == nil || !strings.Contains(err.Error(), "do not combine it with --scp") {
			t.Errorf("overlay %+v with an organization: err %v", o, err)
		}
	}
	if _, err := NewResolver(estate(t, false), ResolverOptions{Overlay: Overlay{ManagementAccount: "111111111111"}}); err != nil {
		t.Errorf("a management account without an organization: %v", err)
	}
}

// TestResolverContexts completes the same request from a shared context
// (eval) and in place in a context of canonical keys (eval --requests):
// the same keys, and the same note naming the key as the request spelled
// it, whose value wins.
func TestResolverContexts(t *testing.T) {
	t.Parallel()
	d := estate(t, true)
	want := []evaluator.Note{note(NoteContextOverride, "AWS:PrincipalOrgID", "o-other", "o-a1b2c3d4e5", fromOrg)}
	shared := newTestResolver(t, d, ResolverOptions{Context: evaluator.Context{"AWS:PrincipalOrgID": {Values: []string{"o-other"}}}})
	a := evaluator.Request{Principal: alice, Action: "s3:GetObject", Resource: devObject}
	ra, err := shared.Resolve(&a, nil)
	if err != nil {
		t.Fatal(err)
	}
	own := newTestResolver(t, d, ResolverOptions{RequestContexts: true})
	b := evaluator.Request{Principal: alice, Action: "s3:GetObject", Resource: devObject, Context: evaluator.Context{"aws:principalorgid": {Values: []string{"o-other"}}}}
	rb, err := own.Resolve(&b, []string{"AWS:PrincipalOrgID"})
	if err != nil {
		t.Fatal(err)
	}
	for _, notes := range [][]evaluator.Note{ra.Notes, rb.Notes} {
		if diff := cmp.Diff(want, notes); diff != "" {
			t.Errorf("notes (-want +got):\n%s", diff)
		}
	}
	const words = "the request's context AWS:PrincipalOrgID=o-other overrides the value o-a1b2c3d4e5 derived from the organization"
	if got := want[0].String(); got != words {
		t.Errorf("the note says %q, want %q", got, words)
	}
	canonical := func(ctx evaluator.Context) map[string]evaluator.ContextValue {
		out := map[string]evaluator.ContextValue{}
		for k, v := range ctx {
			out[evaluator.CanonicalKey(k)] = v
		}
		return out
	}
	if diff := cmp.Diff(canonical(a.Context), canonical(b.Context)); diff != "" {
		t.Errorf("contexts differ (-shared +in place):\n%s", diff)
	}
	if got := b.Context["aws:PrincipalTag/team"].Values; len(got) != 1 || got[0] != "data" {
		t.Errorf("aws:PrincipalTag/team = %q, want alice's data", got)
	}
	if a.UniqueID == "" || a.UniqueID != b.UniqueID {
		t.Errorf("unique IDs %q and %q, want alice's", a.UniqueID, b.UniqueID)
	}
	if ra.Set != resolveGetObject(t, shared, alice, devObject).Set {
		t.Error("a second request with the same policies should reuse the compiled set")
	}
}

// resolveGetObject resolves a request of s3:GetObject.
func resolveGetObject(t *testing.T, r *Resolver, principal, resource string) Resolution {
	t.Helper()
	req := evaluator.Request{Principal: principal, Action: "s3:GetObject", Resource: resource}
	rs, err := r.Resolve(&req, nil)
	if err != nil {
		t.Fatal(err)
	}
	return rs
}

// TestResolverTrimOrgKeys gives the context's organization keys to the
// organization's callers only, for can and who-can.
func TestResolverTrimOrgKeys(t *testing.T) {
	t.Parallel()
	d := estate(t, true)
	ctx := evaluator.Context{}
	ctx.Set("aws:PrincipalOrgID", "o-a1b2c3d4e5")
	r := newTestResolver(t, d, ResolverOptions{Context: ctx, TrimOrgKeys: true})
	inside, err := d.Principal(alice)
	if err != nil {
		t.Fatal(err)
	}
	outside := &Principal{ARN: "arn:aws:iam::444455556666:root", Account: "444455556666"}
	for _, tt := range []struct {
		p    *Principal
		want bool
	}{{inside, true}, {outside, false}} {
		req := evaluator.Request{Principal: tt.p.ARN, Action: "s3:GetObject", Resource: devObject}
		if _, err := r.ResolveAs(tt.p, tt.p, &req); err != nil {
			t.Fatal(err)
		}
		if _, _, got := req.Context.Find("aws:PrincipalOrgID"); got != tt.want {
			t.Errorf("%s: aws:PrincipalOrgID given: %v, want %v", tt.p.ARN, got, tt.want)
		}
	}
}
