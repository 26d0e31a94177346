// Package explain renders one decision for a person learning AWS's
// evaluation order: the request, each step in order with the statements
// that decided it, the decision with its reason, and what could change
// it. It is fed only by the evaluator's Prepared request and Result, and
// every sentence it writes comes from the message catalog (internal/msg).
package explain

import (
	"fmt"
	"io"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/iamsim/iamsim/evaluator"
	"github.com/iamsim/iamsim/internal/msg"
	"github.com/iamsim/iamsim/policy"
)

// Options control the text explanation of one decision.
type Options struct {
	// Name heads the explanation when set: the scenario request's name.
	Name string
	// Expect is the decision the request should get, when one is given.
	Expect *evaluator.Decision
	// Verbose shows every statement, matched or not.
	Verbose bool
	// Color paints verdicts and marks with terminal colour codes.
	Color bool
	// AccountFrom says where the command found the resource account it
	// gave the request ("the resource manifest FILE"); "" says "from the
	// request", which is then the user's --resource-account.
	AccountFrom string
}

// Write writes the explanation of res, the decision on prep.
func Write(w io.Writer, prep *evaluator.Prepared, res *evaluator.Result, o Options) {
	write(w, prep, res, o, msg.English)
}

// write is Write in the language of catalog cat.
func write(w io.Writer, prep *evaluator.Prepared, res *evaluator.Result, o Options, cat msg.Catalog) {
	p := &printer{w: w, color: o.Color, cat: cat}
	if o.Name != "" {
		p.linef("%s", p.bold(o.Name))
	}
	p.request(prep, o.AccountFrom)
	p.linef("")
	p.linef("%s", p.text(msg.ExplainOrder))
	p.serviceRule(res)
	p.step(1, p.text(msg.ExplainDenyCheck), p.denyVerdict(res))
	for _, st := range res.Trace {
		if st.Matched && st.Effect == policy.Deny {
			p.statement(st)
		}
	}
	// The layers are declared in AWS's order; the explicit deny check
	// above is step 1.
	for l := evaluator.LayerRCP; l <= evaluator.LayerSession; l++ {
		p.layer(int(l)+1, l, sentenceCase(p.render(l.Title())), res, o.Verbose)
	}
	p.linef("")
	p.decision(res, o.Expect)
	p.badValues(res)
	p.missing(res, o.Verbose)
	for _, n := range res.Notes {
		p.linef("%s", p.text(msg.ExplainNote, p.render(n.Message())))
	}
}

// request writes the request and where its resource account came from;
// accountFrom is Options.AccountFrom.
func (p *printer) request(prep *evaluator.Prepared, accountFrom string) {
	req := &prep.Request
	kind := p.render(prep.PrincipalKind().Message())
	p.linef("%s", p.text(msg.ExplainRequest, req.Principal, req.Action, req.Resource))
	var line string
	_, assumed := prep.AssumedResourceAccount()
	switch account, from := prep.ResourceAccount(); {
	case account == "":
		line = p.text(msg.ExplainAccountUnknown, kind)
	case assumed:
		line = p.text(msg.ExplainAccountAssumed, kind, account)
	case prep.IsAWSOwned() && strings.HasPrefix(req.Resource, "arn:aws:iam::aws:policy/"):
		line = p.text(msg.ExplainAccountAWSPolicy, kind)
	case prep.IsAWSOwned():
		line = p.text(msg.ExplainAccountAWSOwned, kind)
	case from == "request" && accountFrom != "":
		line = p.text(msg.ExplainAccountFromFile, kind, account, accountFrom)
	default:
		line = p.text(msg.ExplainAccountFrom, kind, account, p.text(accountOrigins[from]))
	}
	p.linef("         %s", line)
}

// accountOrigins names where a resource account came from, as
// Prepared.ResourceAccount says.
var accountOrigins = map[string]msg.ID{
	"request":      msg.AccountFromRequest,
	"resource ARN": msg.AccountFromResourceARN,
	"principal":    msg.AccountFromPrincipal,
}

// serviceRule writes step 0 when a service rule refused the request
// before any policy was evaluated (docs/evaluation-logic.md, "0. Service
// rules"); requests no rule refuses start at step 1.
func (p *printer) serviceRule(res *evaluator.Result) {
	sr := res.ServiceRule
	if sr == nil {
		return
	}
	p.step(0, p.text(msg.ExplainServiceRules), p.red(p.text(msg.ExplainServiceRefuses, p.text(msg.ID(sr.Name)))))
	p.linef("       %s", p.dim(sr.Doc))
}

// denyVerdict summarises step 1.
func (p *printer) denyVerdict(res *evaluator.Result) string {
	n := 0
	for _, st := range res.Trace {
		if st.Matched && st.Effect == policy.Deny {
			n++
		}
	}
	switch n {
	case 0:
		return p.text(msg.ExplainNoDenyMatches)
	case 1:
		return p.text(msg.ExplainDenyMatchesOne, n)
	}
	return p.text(msg.ExplainDenyMatchesMany, n)
}

// decision writes the decision, its summary and whether it was the
// expected one.
func (p *printer) decision(res *evaluator.Result, expect *evaluator.Decision) {
	d := p.paintDecision(res.Decision)
	if res.Unreliable {
		d += " " + p.red(p.text(msg.ExplainUnreliable))
	}
	p.linef("%s", p.text(msg.ExplainDecision, d))
	p.linef("  %s", p.render(res.SummaryMessage()))
	switch {
	case expect == nil:
	case *expect == res.Decision:
		p.linef("  %s", p.text(msg.ExplainExpectedOK, expect))
	default:
		p.linef("  %s", p.red(p.text(msg.ExplainExpectedMismatch, expect)))
	}
}

// badValues writes the request values of the wrong type that kept a
// statement from applying.
func (p *printer) badValues(res *evaluator.Result) {
	for _, b := range res.BadValues {
		where := p.text(msg.ExplainBadStatement, b.Statement.Effect, b.Statement.Where(), p.sidSuffix(b.Statement.Sid))
		why := p.text(msg.ExplainBadValue, b.Operator, b.Key, b.Value, p.render(b.WantMessage()))
		if b.Statement.Effect == policy.Deny && res.Unreliable {
			p.linef("%s %s", p.red(p.text(msg.ExplainUnreliableLabel)), p.text(msg.ExplainUnreliableDeny, where, why))
		} else {
			p.linef("%s %s", p.yellow(p.text(msg.ExplainBadValueLabel)), p.text(msg.ExplainBadValueSkips, where, why))
		}
	}
}

// missing writes the context keys the request lacks that could change
// the decision, and when verbose the others the policies use.
func (p *printer) missing(res *evaluator.Result, verbose bool) {
	var relevant, other []string
	for _, m := range res.Missing {
		if m.Relevant {
			relevant = append(relevant, m.Key)
		} else {
			other = append(other, m.Key)
		}
	}
	if len(relevant) > 0 {
		p.linef("%s %s", p.yellow(p.text(msg.ExplainMissingRelevant)), strings.Join(relevant, ", "))
	}
	if len(other) > 0 && verbose {
		p.linef("%s", p.text(msg.ExplainMissingOther, strings.Join(other, ", ")))
	}
}

// sentenceCase capitalizes the first letter of a title:
// "identity-based policies" becomes "Identity-based policies".
func sentenceCase(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if n == 0 {
		return s
	}
	return string(unicode.ToUpper(r)) + s[n:]
}

// sidSuffix is ` Sid "X"` for a statement with a Sid, else "".
func (p *printer) sidSuffix(sid string) string {
	if sid == "" {
		return ""
	}
	return p.text(msg.ExplainSid, sid)
}

// quoteList renders values quoted, in brackets when there are several.
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
