package diff

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/iamsim/iamsim/evaluator"
	"github.com/iamsim/iamsim/internal/catalog"
	"github.com/iamsim/iamsim/policy"
)

// scenarioPrincipals are the callers the enumeration of a scenario
// comparison tries: every principal of enumPrincipals but the root user
// (CompareScenarios leaves root users out), another user of the home
// account (the policies name one), and a role session of the home
// account, which a session policy limits.
var scenarioPrincipals = append(slices.DeleteFunc(slices.Clone(enumPrincipals), func(p principal) bool { return isRoot(p.arn) }),
	principal{arn: "arn:aws:iam::" + HomeAccount + ":user/bob"}, principal{arn: homeSession, role: homeRole})

// scenarioSrc is a generated scenario: each layer's policies as JSON.
type scenarioSrc struct {
	identity           []string
	resource, boundary string
	session            string
	scps               []string // one policy per level
}

// genScenario writes a scenario of one or two identity policies and, at
// random, a resource policy, a boundary, a session policy and up to two
// SCP levels.
func genScenario(c chooser, conds []string) scenarioSrc {
	s := scenarioSrc{identity: []string{genPolicy(c, policy.Identity, conds)}}
	if c.intn(2) == 0 {
		s.identity = append(s.identity, genPolicy(c, policy.Identity, conds))
	}
	if c.intn(2) == 0 {
		s.resource = genPolicy(c, policy.Resource, conds)
	}
	if c.intn(2) == 0 {
		s.boundary = genPolicy(c, policy.Identity, conds)
	}
	if c.intn(4) == 0 {
		s.session = genPolicy(c, policy.Identity, conds)
	}
	for n := c.intn(3); n > 0; n-- {
		s.scps = append(s.scps, genPolicy(c, policy.SCP, conds))
	}
	return s
}

// mutate changes one or two layers of a scenario: rewritten, removed or
// added, as a pull request does.
func mutate(c chooser, s scenarioSrc, conds []string) scenarioSrc {
	s.identity, s.scps = slices.Clone(s.identity), slices.Clone(s.scps)
	for n := 1 + c.intn(2); n > 0; n-- {
		gen := func(kind policy.Kind, old string) string {
			if old != "" && c.intn(3) == 0 {
				return ""
			}
			return genPolicy(c, kind, conds)
		}
		switch c.intn(5) {
		case 0:
			s.identity[c.intn(len(s.identity))] = genPolicy(c, policy.Identity, conds)
		case 1:
			s.resource = gen(policy.Resource, s.resource)
		case 2:
			s.boundary = gen(policy.Identity, s.boundary)
		case 3:
			s.session = gen(policy.Identity, s.session)
		default:
			switch {
			case len(s.scps) > 0 && c.intn(2) == 0:
				s.scps = s.scps[:len(s.scps)-1]
			case len(s.scps) > 0:
				s.scps[0] = genPolicy(c, policy.SCP, conds)
			default:
				s.scps = append(s.scps, genPolicy(c, policy.SCP, conds))
			}
		}
	}
	return s
}

// parse parses a generated scenario; false when the generator wrote a
// policy its kind forbids.
func (s scenarioSrc) parse(side string) (Scenario, bool) {
	var sc Scenario
	one := func(name, src string, kind policy.Kind) (*policy.Document, bool) {
		if src == "" {
			return nil, true
		}
		d, err := policy.Parse(side+"-"+name+".json", []byte(src), kind)
		return d, err == nil
	}
	ok := true
	add := func(d *policy.Document, good bool) *policy.Document {
		ok = ok && good
		return d
	}
	p := &sc.Policies
	for i, src := range s.identity {
		p.Identity = append(p.Identity, add(one(fmt.Sprint("identity", i), src, policy.Identity)))
	}
	p.Resource = add(one("resource", s.resource, policy.Resource))
	p.Boundary = add(one("boundary", s.boundary, policy.Boundary))
	p.Session = add(one("session", s.session, policy.Session))
	for i, src := range s.scps {
		p.SCPs = append(p.SCPs, []*policy.Document{add(one(fmt.Sprint("scp", i), src, policy.SCP))})
	}
	return sc, ok
}

func (s scenarioSrc) String() string {
	return fmt.Sprintf("identity %s\n  resource %s\n  boundary %s\n  session %s\n  scps %s", strings.Join(s.identity, " + "), s.resource, s.boundary, s.session, strings.Join(s.scps, " / "))
}

// checkScenarios compares two generated scenarios with CompareScenarios
// and with the enumeration of every request, decided by the evaluator
// on each scenario as a whole; and checks that every finding names its
// cause.
func checkScenarios(t testing.TB, cat *catalog.Catalog, oldSrc, newSrc scenarioSrc) {
	old, ok1 := oldSrc.parse("old")
	new, ok2 := newSrc.parse("new")
	if !ok1 || !ok2 {
		return
	}
	rep, err := CompareScenarios(old, new, Options{Narrowings: true, Actions: smallActions})
	if err != nil {
		t.Fatal(err)
	}
	o, err := scenarioSide(old)
	if err != nil {
		t.Fatal(err)
	}
	n, err := scenarioSide(new)
	if err != nil {
		t.Fatal(err)
	}
	all := oldSrc.String() + "\n" + newSrc.String()
	checkReport(t, cat, rep.Kind, true, rep, o.set, n.set, enumContexts(all, all), oldSrc.String(), newSrc.String())
	for _, f := range append(slices.Clone(rep.Widenings), rep.Narrowings...) {
		if !f.Statement.Pos.IsValid() {
			t.Errorf("finding %+v names no cause\nold: %s\nnew: %s", f.Witness, oldSrc, newSrc)
		}
	}
}

// TestSoundnessScenarios checks CompareScenarios against the
// enumeration on generated scenarios of several layers, NEW changing
// one or two of OLD's layers.
func TestSoundnessScenarios(t *testing.T) {
	cat, pairs, r := soundnessRun(t, 400, 18)
	for i := 0; i < pairs && !t.Failed(); i++ {
		conds := []string{pick(r, genConditions), pick(r, genConditions)}
		old := genScenario(r, conds)
		checkScenarios(t, cat, old, mutate(r, old, conds))
	}
}

// FuzzDiffScenarios is TestSoundnessScenarios on scenarios the fuzzer's
// bytes choose.
func FuzzDiffScenarios(f *testing.F) {
	cat, err := catalog.Load()
	if err != nil {
		f.Fatal(err)
	}
	f.Add([]byte{0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12})
	f.Add([]byte{3, 1, 0, 2, 0, 1, 1, 0, 4, 2, 2, 1, 0, 3, 0, 2})
	f.Fuzz(func(t *testing.T, b []byte) {
		c := &byteChooser{b}
		conds := []string{pick(c, genConditions), pick(c, genConditions)}
		old := genScenario(c, conds)
		checkScenarios(t, cat, old, mutate(c, old, conds))
	})
}

// TestCompareScenariosCauses checks what the whole comparison finds in
// the multi-layer changes that layer-by-layer comparison got wrong, and
// what it blames them on.
func TestCompareScenariosCauses(t *testing.T) {
	t.Parallel()
	doc := func(name string, kind policy.Kind, src string) *policy.Document {
		d, err := policy.Parse(name, []byte(src), kind)
		if err != nil {
			t.Fatal(err)
		}
		return d
	}
	allow := func(actions string) string {
		return `{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": ` + actions + `, "Resource": "*"}]}`
	}
	identity := doc("identity.json", policy.Identity, allow(`["s3:GetObject", "iam:PassRole"]`))
	boundary := doc("boundary.json", policy.Boundary, allow(`"s3:*"`))
	scpOld := doc("scp-old.json", policy.SCP, `{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}, {"Sid": "NoPass", "Effect": "Deny", "Action": "iam:PassRole", "Resource": "*"}]}`)
	scpNew := doc("scp-new.json", policy.SCP, allow(`"*"`))
	bucket := doc("bucket.json", policy.Resource, `{"Version": "2012-10-17", "Statement": [{"Sid": "Partner", "Effect": "Allow", "Principal": {"AWS": "444455556666"}, "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b1/*"}]}`)
	type want struct {
		Action, Principal string
		Cause             string // policy:index, "removed " or "other " first
		Grant             string
	}
	name := func(c Cause) string {
		s := fmt.Sprintf("%s:%d", c.Statement.Policy, c.Statement.Index)
		switch {
		case c.Removed:
			return "removed " + s
		case c.Other:
			return "other " + s
		}
		return s
	}
	for _, tc := range []struct {
		name     string
		old, new evaluator.Policies
		want     []want
	}{
		{
			name: "boundary removed while identity grants little",
			old:  evaluator.Policies{Identity: []*policy.Document{identity}, Boundary: boundary},
			new:  evaluator.Policies{Identity: []*policy.Document{identity}},
			want: []want{{Action: "iam:PassRole", Principal: homeUser, Cause: "removed boundary.json:-1", Grant: "identity.json:0"}},
		},
		{
			name: "SCP deny removed",
			old:  evaluator.Policies{Identity: []*policy.Document{identity}, SCPs: [][]*policy.Document{{scpOld}}},
			new:  evaluator.Policies{Identity: []*policy.Document{identity}, SCPs: [][]*policy.Document{{scpNew}}},
			want: []want{{Action: "iam:PassRole", Principal: homeUser, Cause: "other scp-old.json:1", Grant: "identity.json:0"}},
		},
		{
			name: "SCP level removed, grants capped by the boundary",
			old:  evaluator.Policies{Identity: []*policy.Document{identity}, Boundary: boundary, SCPs: [][]*policy.Document{{scpOld}}},
			new:  evaluator.Policies{Identity: []*policy.Document{identity}, Boundary: boundary},
		},
		{
			name: "resource policy added cross-account",
			old:  evaluator.Policies{Identity: []*policy.Document{identity}},
			new:  evaluator.Policies{Identity: []*policy.Document{identity}, Resource: bucket},
			want: []want{{Action: "s3:GetObject", Principal: "arn:aws:iam::444455556666:user/diff-user", Cause: "bucket.json:0", Grant: ""}},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			rep, err := CompareScenarios(Scenario{Policies: tc.old}, Scenario{Policies: tc.new}, Options{Actions: smallActions})
			if err != nil {
				t.Fatal(err)
			}
			var got []want
			for _, f := range rep.Widenings {
				w := want{Action: f.Witness.Action, Principal: f.Witness.Principal, Cause: name(f.Cause)}
				if f.Grant != nil {
					w.Grant = name(Cause{Statement: *f.Grant})
				}
				got = append(got, w)
			}
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("mismatch (-want +got):\n%s", diff)
			}
		})
	}
}
