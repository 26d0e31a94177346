package diffcorpus

import (
	"fmt"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/iamsim/iamsim/evaluator"
	"github.com/iamsim/iamsim/internal/catalog"
	"github.com/iamsim/iamsim/internal/lint"
	"github.com/iamsim/iamsim/policy"
)

// The oracle checks every expectation of the corpus by brute force: it
// enumerates the case's universe of requests, decides each with the old
// and with the new policy in its layer, and compares what it finds with
// widens, narrows, widened and notWidened.

const corpusDir = "../../testdata/diff"

var allowAll = mustParse(`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}`)

func mustParse(src string) *policy.Document {
	d, err := policy.Parse("allow-all.json", []byte(src), policy.Identity)
	if err != nil {
		panic(err)
	}
	return d
}

// layered puts a policy in the layer of its kind, beside what the kind
// needs to be the deciding layer: an identity policy allowing everything
// when doc is a guardrail, and for resource and trust policies an
// identity policy allowing everything when identity is set.
func layered(kind policy.Kind, doc *policy.Document, identity bool) evaluator.Policies {
	all := []*policy.Document{allowAll}
	switch kind {
	case policy.Identity:
		return evaluator.Policies{Identity: []*policy.Document{doc}}
	case policy.Boundary:
		return evaluator.Policies{Identity: all, Boundary: doc}
	case policy.Session:
		return evaluator.Policies{Identity: all, Session: doc}
	case policy.SCP:
		return evaluator.Policies{Identity: all, SCPs: [][]*policy.Document{{doc}}}
	case policy.RCP:
		return evaluator.Policies{Identity: all, RCPs: [][]*policy.Document{{doc}}}
	case policy.Endpoint:
		return evaluator.Policies{Identity: all, Endpoint: doc}
	}
	p := evaluator.Policies{Resource: doc}
	if identity {
		p.Identity = all
	}
	return p
}

// findings is what the enumeration found.
type findings struct {
	widened, narrowed map[string]string // action -> one witness
}

func (f *findings) record(m map[string]string, action, witness string) {
	if _, ok := m[action]; !ok {
		m[action] = witness
	}
}

// enumerate decides every request of the space with both policies.
func enumerate(t *testing.T, kind policy.Kind, oldDoc, newDoc *policy.Document, s *requestSpace) *findings {
	t.Helper()
	sets := map[[2]bool]*evaluator.PolicySet{}
	for _, side := range []bool{false, true} {
		for _, identity := range []bool{false, true} {
			doc := oldDoc
			if side {
				doc = newDoc
			}
			set, err := evaluator.Compile(layered(kind, doc, identity), evaluator.Organization{})
			if err != nil {
				t.Fatal(err)
			}
			sets[[2]bool{side, identity}] = set
		}
	}
	states := [][2]*evaluator.PolicySet{{sets[[2]bool{false, false}], sets[[2]bool{true, false}]}}
	if kind == policy.Resource || kind == policy.Trust {
		states = append(states, [2]*evaluator.PolicySet{sets[[2]bool{false, true}], sets[[2]bool{true, true}]})
	}
	return decideAll(t, s, states)
}

// decideAll decides every request of the space with each state's old
// and new policy set, and records the actions whose decision changes; a
// witness found in the second state needs an identity policy allowing
// everything (layered).
func decideAll(t *testing.T, s *requestSpace, states [][2]*evaluator.PolicySet) *findings {
	t.Helper()
	f := &findings{widened: map[string]string{}, narrowed: map[string]string{}}
	pr := evaluator.NewPreparer()
	var oldRes, newRes evaluator.Result
	for _, principal := range s.principals {
		for _, pa := range s.pairs {
			for _, ctx := range s.contexts {
				req := &evaluator.Request{Principal: principal, Action: pa.action, Resource: pa.resource,
					ResourceAccount: home, Context: clone(ctx), RoleARN: roleOf(principal)}
				prep, err := pr.Prepare(req)
				if err != nil {
					t.Fatalf("%s %s %s %v: %v", principal, pa.action, pa.resource, ctx, err)
				}
				for i, sets := range states {
					sets[0].EvaluatePrepared(prep, evaluator.Options{}, &oldRes)
					sets[1].EvaluatePrepared(prep, evaluator.Options{}, &newRes)
					o, n := oldRes.Decision == evaluator.Allowed, newRes.Decision == evaluator.Allowed
					if o == n {
						continue
					}
					w := witness(principal, pa, ctx, i > 0)
					if n {
						f.record(f.widened, strings.ToLower(pa.action), w)
					} else {
						f.record(f.narrowed, strings.ToLower(pa.action), w)
					}
				}
			}
		}
	}
	return f
}

func clone(c evaluator.Context) evaluator.Context {
	out := evaluator.Context{}
	for k, v := range c {
		out[k] = evaluator.ContextValue{Values: slices.Clone(v.Values), Multi: v.Multi}
	}
	return out
}

// roleOf is the role behind an assumed-role session ARN.
func roleOf(principal string) string {
	f := strings.SplitN(principal, ":", 6)
	if len(f) < 6 || !strings.HasPrefix(f[5], "assumed-role/") {
		return ""
	}
	name := strings.Split(f[5], "/")[1]
	return "arn:aws:iam::" + f[4] + ":role/" + name
}

func witness(principal string, pa pair, ctx evaluator.Context, identity bool) string {
	w := principal + " " + pa.action + " " + pa.resource
	for _, k := range sortedKeys(ctx) {
		w += " " + k + "=" + strings.Join(ctx[k].Values, ",")
		if ctx[k].Multi {
			w += "[]"
		}
	}
	if identity {
		w += " (with an identity policy allowing everything)"
	}
	return w
}

// readCase parses both policies of a case, failing on any lint error
// about correctness. Security findings are the corpus's subject: a
// policy made public is a case, not a mistake.
func readCase(t *testing.T, l *lint.Linter, c Case) (oldDoc, newDoc *policy.Document) {
	t.Helper()
	var docs []*policy.Document
	for _, p := range []string{c.Old, c.New} {
		src, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range l.Lint(p, src, c.Kind) {
			if f.Level == lint.Error && f.Rule.Security == lint.NotSecurity {
				t.Errorf("%s: %s: %s", f.Pos, f.Rule.ID, f.Message)
			}
		}
		d, err := policy.Parse(p, src, c.Kind)
		if err != nil {
			t.Fatal(err)
		}
		docs = append(docs, d)
	}
	return docs[0], docs[1]
}

// TestCorpusOracle checks each case's expectation against the requests
// of its universe, decided by the evaluator.
func TestCorpusOracle(t *testing.T) {
	cases, err := Load(corpusDir)
	if err != nil {
		t.Fatal(err)
	}
	if len(cases) < 80 {
		t.Errorf("the corpus has %d cases, want at least 80", len(cases))
	}
	cat := catalog.Default()
	l := lint.New(cat)
	for _, c := range cases {
		t.Run(c.Name, func(t *testing.T) {
			t.Parallel()
			if c.Expect.Scenario {
				old, new := readScenarios(t, c)
				space := scenarioSpace(t, cat, c, old, new)
				f := enumerateScenarios(t, old, new, space)
				t.Logf("%d principals, %d action-resource pairs, %d contexts; widened%s; narrowed%s",
					len(space.principals), len(space.pairs), len(space.contexts), example(f.widened), example(f.narrowed))
				checkFindings(t, c.Expect, f)
				return
			}
			oldDoc, newDoc := readCase(t, l, c)
			space, err := deriveSpace(cat, c.Kind, c.Expect.Universe, oldDoc, newDoc)
			if err != nil {
				t.Fatal(err)
			}
			f := enumerate(t, c.Kind, oldDoc, newDoc, space)
			t.Logf("%d principals, %d action-resource pairs, %d contexts; widened%s; narrowed%s",
				len(space.principals), len(space.pairs), len(space.contexts), example(f.widened), example(f.narrowed))
			checkFindings(t, c.Expect, f)
		})
	}
}

func checkFindings(t *testing.T, e Expectation, f *findings) {
	t.Helper()
	if got := len(f.widened) > 0; got != e.Widens {
		t.Errorf("widens: expect %t, the enumeration finds %t%s", e.Widens, got, example(f.widened))
	}
	if got := len(f.narrowed) > 0; got != e.Narrows {
		t.Errorf("narrows: expect %t, the enumeration finds %t%s", e.Narrows, got, example(f.narrowed))
	}
	for _, a := range e.Widened {
		if _, ok := f.widened[strings.ToLower(a)]; !ok {
			t.Errorf("widened: %s is not widened in the universe", a)
		}
	}
	for _, a := range e.NotWidened {
		if w, ok := f.widened[strings.ToLower(a)]; ok {
			t.Errorf("notWidened: %s is widened: %s", a, w)
		}
	}
}

// example is one witness of the findings, for a message.
func example(m map[string]string) string {
	for _, a := range sortedKeys(m) {
		return fmt.Sprintf(" %d actions, e.g. %s", len(m), m[a])
	}
	return " nothing"
}
