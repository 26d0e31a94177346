package cli

import (
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/iamsim/iamsim/evaluator"
	"github.com/iamsim/iamsim/policy"
)

// explainOptions control the text explanation of one decision.
type explainOptions struct {
	Name    string
	Expect  *evaluator.Decision
	Verbose bool // every statement, matched or not
	Color   bool
	// AccountFrom says where the command found the resource account it
	// gave the request ("the resource manifest FILE"); "" says "from the
	// request", which is then the user's --resource-account.
	AccountFrom string
}

// explain writes a decision for a person learning AWS's evaluation order:
// the request, each step in order with the statements that decided it,
// the decision with its reason, and the context keys that could change it.
func explain(w io.Writer, prep *evaluator.Prepared, res *evaluator.Result, o explainOptions) {
	req := &prep.Request
	p := &printer{w: w, color: o.Color}
	if o.Name != "" {
		p.linef("%s", p.bold(o.Name))
	}
	p.linef("Request: %s calls %s on %s", req.Principal, req.Action, req.Resource)
	_, assumed := prep.AssumedResourceAccount()
	switch account, from := prep.ResourceAccount(); {
	case account == "":
		p.linef("         %s; resource account unknown", prep.PrincipalKind())
	case assumed:
		p.linef("         %s; resource account %s (assumed: the principal's, as nothing gives it)", prep.PrincipalKind(), account)
	case prep.IsAWSOwned() && strings.HasPrefix(req.Resource, "arn:aws:iam::aws:policy/"):
		p.linef("         %s; resource account aws (an AWS managed policy, owned by AWS)", prep.PrincipalKind())
	case prep.IsAWSOwned():
		p.linef("         %s; resource account aws (owned by AWS)", prep.PrincipalKind())
	case from == "request" && o.AccountFrom != "":
		p.linef("         %s; resource account %s (from %s)", prep.PrincipalKind(), account, o.AccountFrom)
	default:
		p.linef("         %s; resource account %s (from the %s)", prep.PrincipalKind(), account, from)
	}
	p.linef("")
	p.linef("Evaluation, in AWS's order:")
	p.serviceRule(res)
	p.step(1, "Explicit deny check", denyVerdict(res))
	for _, st := range res.Trace {
		if st.Matched && st.Effect == policy.Deny {
			p.statement(st)
		}
	}
	// The layers are declared in AWS's order; the explicit deny check
	// above is step 1.
	for l := evaluator.LayerRCP; l <= evaluator.LayerSession; l++ {
		p.layer(int(l)+1, l, sentenceCase(l.Title()), res, o.Verbose)
	}
	p.linef("")
	if res.Unreliable {
		p.linef("Decision: %s %s", p.decision(res.Decision), p.red("(unreliable)"))
	} else {
		p.linef("Decision: %s", p.decision(res.Decision))
	}
	p.linef("  %s", res.Summary())
	if o.Expect != nil {
		if *o.Expect == res.Decision {
			p.linef("  expected %s: ok", o.Expect)
		} else {
			p.linef("  %s", p.red(fmt.Sprintf("expected %s: MISMATCH", o.Expect)))
		}
	}
	for _, b := range res.BadValues {
		where := fmt.Sprintf("%s statement %s%s", b.Statement.Effect, b.Statement.Where(), sidSuffix(b.Statement.Sid))
		msg := fmt.Sprintf("%s %s: the request's %q is not %s, so the condition fails", b.Operator, b.Key, b.Value, b.Want)
		if b.Statement.Effect == policy.Deny && res.Unreliable {
			p.linef("%s %s did not apply only because %s; with a well-formed value it could deny", p.red("Error: unreliable decision:"), where, msg)
		} else {
			p.linef("%s %s does not apply: %s", p.yellow("Warning: bad request value:"), where, msg)
		}
	}
	var relevant, other []string
	for _, m := range res.Missing {
		if m.Relevant {
			relevant = append(relevant, m.Key)
		} else {
			other = append(other, m.Key)
		}
	}
	if len(relevant) > 0 {
		p.linef("%s %s", p.yellow("Warning: missing context keys that could change the decision:"), strings.Join(relevant, ", "))
	}
	if len(other) > 0 && o.Verbose {
		p.linef("Other context keys the policies use but the request lacks: %s", strings.Join(other, ", "))
	}
	for _, n := range res.Notes {
		p.linef("Note: %s", n)
	}
}

// denyVerdict summarises step 1.
func denyVerdict(res *evaluator.Result) string {
	n := 0
	for _, st := range res.Trace {
		if st.Matched && st.Effect == policy.Deny {
			n++
		}
	}
	if n == 0 {
		return "no Deny statement matches"
	}
	return fmt.Sprintf("%d Deny %s %s", n, plural(n, "statement"), map[bool]string{true: "matches", false: "match"}[n == 1])
}

type printer struct {
	w     io.Writer
	color bool
}

func (p *printer) linef(format string, args ...any) {
	fmt.Fprintf(p.w, format+"\n", args...)
}

func (p *printer) paint(code, s string) string {
	if !p.color {
		return s
	}
	return "\x1b[" + code + "m" + s + "\x1b[0m"
}

func (p *printer) bold(s string) string   { return p.paint("1", s) }
func (p *printer) red(s string) string    { return p.paint("31", s) }
func (p *printer) green(s string) string  { return p.paint("32", s) }
func (p *printer) yellow(s string) string { return p.paint("33", s) }
func (p *printer) dim(s string) string    { return p.paint("2", s) }

func (p *printer) decision(d evaluator.Decision) string {
	if d == evaluator.Allowed {
		return p.green(d.String())
	}
	return p.red(d.String())
}

// step writes a numbered step line with dot leaders.
func (p *printer) step(n int, title, verdict string) {
	label := fmt.Sprintf("%d. %s ", n, title)
	p.linef("  %s%s %s", label, strings.Repeat(".", max(2, 32-len(label))), verdict)
}

// layer writes one step: the layer's verdict (per level for SCPs and
// RCPs) and its matching statements, or every statement when verbose.
func (p *printer) layer(n int, l evaluator.Layer, title string, res *evaluator.Result, verbose bool) {
	var lrs []evaluator.LayerResult
	for _, lr := range res.Layers {
		if lr.Layer == l {
			lrs = append(lrs, lr)
		}
	}
	if len(lrs) == 1 && lrs[0].Level == 0 {
		p.step(n, title, p.verdict(lrs[0], res.Decision))
		p.statements(res, lrs[0], verbose)
		return
	}
	p.step(n, title, "per level:")
	for _, lr := range lrs {
		p.linef("       level %d: %s", lr.Level, p.verdict(lr, res.Decision))
		p.statements(res, lr, verbose)
	}
}

// verdict renders a layer's verdict. A silent layer is an implicit deny
// only when the request is denied implicitly: when another policy
// grants (an identity policy in the resource's own account, say), its
// silence decides nothing.
func (p *printer) verdict(lr evaluator.LayerResult, d evaluator.Decision) string {
	switch lr.Verdict {
	case evaluator.NotApplicable:
		return p.dim("not applicable: " + lr.Why)
	case evaluator.Allows:
		return p.green("allows")
	case evaluator.Denies:
		return p.red("denies")
	}
	switch d {
	case evaluator.ImplicitDeny:
		return p.yellow("silent: no statement allows (an implicit deny)")
	case evaluator.Allowed:
		return p.dim("silent: no statement allows, and another policy grants")
	}
	return p.dim("silent: no statement allows")
}

// statements writes the statements of a layer result: those that matched;
// for a silent layer, the near misses (the action matched, something else
// did not), so that a reader sees why nothing allowed; or all of them
// when verbose.
func (p *printer) statements(res *evaluator.Result, lr evaluator.LayerResult, verbose bool) {
	// A layer or level that denies names its Deny statements first
	// (shown in full under the explicit deny check).
	for _, st := range res.Trace {
		if st.Layer == lr.Layer && st.Level == lr.Level && st.Skipped == "" && st.Matched && st.Effect == policy.Deny {
			p.statementLine(st, " (see step 1)")
		}
	}
	for _, st := range res.Trace {
		if st.Layer != lr.Layer || st.Level != lr.Level || st.Skipped != "" || st.Matched && st.Effect == policy.Deny {
			continue
		}
		nearMiss := lr.Verdict == evaluator.Silent && st.Action().Matched
		if st.Matched || nearMiss || verbose {
			p.statement(st)
		}
	}
}

// sidSuffix is ` Sid "X"` for a statement with a Sid, else "".
func sidSuffix(sid string) string {
	if sid == "" {
		return ""
	}
	return fmt.Sprintf(" Sid %q", sid)
}

// statement writes one statement with how each part matched.
func (p *printer) statement(st evaluator.Step) {
	p.statementLine(st, "")
	action, resource := st.Action(), st.Resource()
	p.part("action", action.Matched, action.Detail)
	p.part("resource", resource.Matched, resource.Detail)
	if principal := st.Principal(); principal != nil {
		p.part("principal", principal.Matched, principal.Detail)
	}
	for _, c := range st.Conditions() {
		p.part("condition", c.Result, conditionText(c))
	}
}

// statementLine writes a statement's first line: whether it matched, its
// effect, position, Sid and source, then suffix.
func (p *printer) statementLine(st evaluator.Step, suffix string) {
	mark := p.green("✓")
	if !st.Matched {
		mark = p.dim("✗")
	}
	sid := sidSuffix(st.Sid)
	origin := ""
	if st.Policy != "" && st.Policy != st.Pos.File {
		origin = " in " + st.Policy // a policy of account data, named by its source
	}
	p.linef("       %s %s %s%s%s%s", mark, st.Effect, st.Pos, sid, origin, suffix)
}

func (p *printer) part(what string, ok bool, detail string) {
	result := p.green("yes")
	if !ok {
		result = p.red("no")
	}
	p.linef("           %-9s %s: %s", what, result, detail)
}

// conditionText renders one condition: operator, key, request and policy
// values, and why.
func conditionText(c *evaluator.ConditionTrace) string {
	req := "absent"
	if c.Present {
		req = quoteList(c.RequestValues)
	}
	s := fmt.Sprintf("%s %s: request %s, policy %s", c.Operator, c.Key, req, quoteList(c.PolicyValues))
	var extra []string
	if c.Reason != "" {
		extra = append(extra, c.Reason)
	}
	if len(c.Unresolved) > 0 {
		extra = append(extra, "unresolved variables match nothing: "+strings.Join(c.Unresolved, ", "))
	}
	if len(c.Malformed) > 0 {
		extra = append(extra, "request values of the wrong type match nothing: "+strings.Join(c.Malformed, ", "))
	}
	if len(extra) > 0 {
		s += " (" + strings.Join(extra, "; ") + ")"
	}
	return s
}

func quoteList(vs []string) string {
	q := make([]string, len(vs))
	for i, v := range vs {
		q[i] = fmt.Sprintf("%q", v)
	}
	if len(q) == 1 {
		return q[0]
	}
	return "[" + strings.Join(q, ", ") + "]"
}

// isTerminal reports whether w is a terminal.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	info, err := f.Stat()
	return err == nil && info.Mode()&os.ModeCharDevice != 0
}

// noColorUnset reports whether the NO_COLOR convention is not in force.
func noColorUnset() bool { return os.Getenv("NO_COLOR") == "" }

// problemsError carries input problems already rendered with positions;
// the CLI prints them and exits 2.
type problemsError struct{ lines []string }

func (e *problemsError) Error() string { return strings.Join(e.lines, "\n") }

// printProblems writes each problem after prefix; the source line and
// caret under a problem are indented already.
func printProblems(w io.Writer, prefix string, problems []string) {
	for _, p := range problems {
		fmt.Fprintln(w, prefix+p)
	}
}

// inputProblems renders the problems in err (policy problems with their
// source line and caret).
func inputProblems(err error) error {
	var lines []string
	var visit func(error)
	visit = func(err error) {
		var pe *policy.Error
		switch {
		case errors.As(err, &pe) && err == error(pe):
			lines = append(lines, pe.Detail())
		default:
			if j, ok := err.(interface{ Unwrap() []error }); ok {
				for _, e := range j.Unwrap() {
					visit(e)
				}
				return
			}
			lines = append(lines, err.Error())
		}
	}
	visit(err)
	return &problemsError{lines}
}

// serviceRule writes step 0 when a service rule refused the request
// before any policy was evaluated (docs/evaluation-logic.md, "0. Service
// rules"); requests no rule refuses start at step 1.
func (p *printer) serviceRule(res *evaluator.Result) {
	sr := res.ServiceRule
	if sr == nil {
		return
	}
	p.step(0, "Service rules", p.red("the service refuses: "+sr.Text))
	p.linef("       %s", p.dim(sr.Doc))
}

// sentenceCase capitalizes the first letter of a title:
// "identity-based policies" becomes "Identity-based policies".
func sentenceCase(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}
