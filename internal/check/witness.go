package check

import (
	"cmp"
	"strconv"
	"strings"
	"time"

	"github.com/iamsim/iamsim/evaluator"
	"github.com/iamsim/iamsim/policy"
)

// witnessUser is the caller of a witness for a policy without a
// Principal: a user of the witness account.
const witnessUser = "arn:aws:iam::" + witnessAccount + ":user/witness"

// witnesses builds witness requests for one policy and confirms each with
// the evaluator, given that policy alone: in the resource slot for a
// resource or trust policy, else as an identity policy.
type witnesses struct {
	doc   *policy.Document
	set   *evaluator.PolicySet // nil when the policy does not compile
	stmts []*statement
}

func newWitnesses(doc *policy.Document, stmts []*statement) *witnesses {
	set, err := evaluator.Compile(alone(doc), evaluator.Organization{})
	if err != nil {
		set = nil
	}
	return &witnesses{doc: doc, set: set, stmts: stmts}
}

// alone returns doc as the one policy in play: the resource-based policy
// for a resource or trust policy, else an identity-based policy.
func alone(doc *policy.Document) evaluator.Policies {
	if doc.Kind == policy.Resource || doc.Kind == policy.Trust {
		return evaluator.Policies{Resource: doc}
	}
	return evaluator.Policies{Identity: []*policy.Document{doc}}
}

// build makes the request that statement s grants action on resource,
// with the context its conditions need and that keeps the Deny
// statements under conditions from applying, and returns it when the
// evaluator allows it; otherwise nil and why.
func (w *witnesses) build(s *statement, action, resource string) (*Witness, string) {
	principal := principalOf(s.Statement)
	account := accountOf(principal)
	if principal == witnessUser {
		account = witnessAccount
	}
	if w.doc.Kind == policy.Trust && resource == "*" {
		// A trust policy's resource is its role, in the caller's account
		// when it has one.
		resource = "arn:aws:iam::" + cmp.Or(account, witnessAccount) + ":role/witness"
	}
	wit := &Witness{Principal: principal, Action: action, Resource: resource}
	resAccount := ""
	if f, ok := policy.SplitARN(resource); ok && policy.IsAccountID(f[4]) {
		resAccount = f[4]
	}
	switch {
	case principal == witnessUser && resAccount != "" && resAccount != witnessAccount:
		// The same account as the resource: an identity policy alone
		// grants access within its account.
		wit.Principal = "arn:aws:iam::" + resAccount + ":user/witness"
	case resAccount == "" && account == "":
		// A caller without an account (anonymous, a service): the
		// resource is the witness account's.
		wit.ResourceAccount = witnessAccount
	}
	wit.Context = w.context(s, action)
	if w.set == nil {
		return nil, "no witness: the policy does not compile for evaluation"
	}
	res, err := w.set.Evaluate(wit.request(), evaluator.Options{})
	switch {
	case err != nil:
		return nil, "no witness: iamsim could not build a request for the statement (" + err.Error() + "); Access Analyzer still counts it: the policy might allow the access"
	case res.Decision != evaluator.Allowed:
		return nil, "no witness from this policy alone: for the request iamsim built, " + res.Summary() + "; Access Analyzer still counts the statement: the policy might allow the access"
	}
	return wit, ""
}

// principalOf picks the caller of a witness from the statement's
// Principal: anonymous for "*" or NotPrincipal, else its first AWS
// account, IAM ARN, service or identity provider; a user of the witness
// account when the statement has no Principal.
func principalOf(st *policy.Statement) string {
	p := st.Principal
	if p == nil {
		return witnessUser
	}
	if p.Not || p.IsAnyone() {
		return "*"
	}
	for _, e := range p.Entries {
		switch {
		case e.Type == policy.PrincipalAWS && policy.IsAccountID(e.Text):
			return "arn:aws:iam::" + e.Text + ":root"
		case e.Type == policy.PrincipalAWS && strings.HasPrefix(e.Text, "arn:"):
			return e.Text
		case e.Type == policy.PrincipalService, e.Type == policy.PrincipalFederated:
			return e.Text
		}
	}
	return "*"
}

// accountOf returns the account of a principal ARN, or "".
func accountOf(principal string) string {
	if f, ok := policy.SplitARN(principal); ok && policy.IsAccountID(f[4]) {
		return f[4]
	}
	return ""
}

// context returns the context keys that satisfy the conditions of s, and
// for each Deny statement under conditions that covers the action, a key
// that keeps its first condition false.
func (w *witnesses) context(s *statement, action string) []ContextEntry {
	var out []ContextEntry
	has := func(key string) bool {
		for _, e := range out {
			if strings.EqualFold(e.Key, key) {
				return true
			}
		}
		return false
	}
	for _, cond := range s.Conditions {
		if v, ok := satisfying(cond); ok && !has(cond.Key.Text) {
			out = append(out, ContextEntry{Key: cond.Key.Text, Values: []string{v}})
		}
	}
	lower := strings.ToLower(action)
	for _, d := range w.stmts {
		if d.Effect != policy.Deny || d.isSureDeny() || len(d.Conditions) == 0 || !d.actions.covers(lower) {
			continue
		}
		cond := d.Conditions[0]
		if has(cond.Key.Text) || len(cond.Values) == 0 {
			continue
		}
		switch op := cond.Operator; {
		case op.Negated && op.Family != policy.FamilyIP && !strings.Contains(cond.Values[0].Text, "${"):
			out = append(out, ContextEntry{Key: cond.Key.Text, Values: []string{fillValue(cond.Values[0].Text, op)}})
		case !op.Negated && op.IfExists:
			out = append(out, ContextEntry{Key: cond.Key.Text, Values: []string{"iamsim-other"}})
		}
	}
	return out
}

// satisfying returns a value of the condition's key that makes a
// positive condition true; false for a condition met by the key's
// absence (negated operators, ForAllValues, Null true) or one with a
// policy variable.
func satisfying(cond *policy.Condition) (string, bool) {
	op := cond.Operator
	if len(cond.Values) == 0 || op.Negated || op.Qualifier == policy.ForAllValues {
		return "", false
	}
	v := cond.Values[0].Text
	if strings.Contains(v, "${") {
		return "", false
	}
	switch op.Family {
	case policy.FamilyNull:
		return "example", v == "false"
	case policy.FamilyIP:
		p, ok := policy.ParseIPRange(v)
		return p.Addr().String(), ok
	case policy.FamilyNumeric:
		return numberBeside(v, op.Compare)
	case policy.FamilyDate:
		return dateBeside(v, op.Compare)
	}
	return fillValue(v, op), true
}

// fillValue is a value a Like pattern matches, "example" for one that
// matches anything (the value itself for the other comparisons).
func fillValue(v string, op policy.Operator) string {
	if op.Compare != policy.CompareLike {
		return v
	}
	if p := compileGlob(v); !p.isAll() {
		return fill(p)
	}
	return "example"
}

// numberBeside returns a number the comparison with v accepts.
func numberBeside(v string, c policy.Compare) (string, bool) {
	f, err := strconv.ParseFloat(v, 64)
	if err != nil {
		return "", false
	}
	switch c {
	case policy.CompareLessThan:
		f--
	case policy.CompareGreaterThan:
		f++
	}
	return strconv.FormatFloat(f, 'f', -1, 64), true
}

// dateBeside returns a date the comparison with v accepts.
func dateBeside(v string, c policy.Compare) (string, bool) {
	t, ok := policy.ParseDate(v)
	if !ok {
		return "", false
	}
	switch c {
	case policy.CompareLessThan:
		t = t.Add(-time.Second)
	case policy.CompareGreaterThan:
		t = t.Add(time.Second)
	}
	return t.UTC().Format(time.RFC3339), true
}

// Confirm decides a witness request with doc alone, as the checks'
// witnesses are decided (the resource-based policy for a resource or
// trust policy, else an identity-based policy), and says why when the
// evaluator does not allow it: "" when it does.
func Confirm(doc *policy.Document, wit *Witness) string {
	set, err := evaluator.Compile(alone(doc), evaluator.Organization{})
	if err != nil {
		return "no witness: the policy does not compile for evaluation"
	}
	res, err := set.Evaluate(wit.request(), evaluator.Options{})
	switch {
	case err != nil:
		return "no witness: " + err.Error()
	case res.Decision != evaluator.Allowed:
		return "no witness from this policy alone: for the request iamsim built, " + res.Summary()
	}
	return ""
}
