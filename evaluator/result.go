package evaluator

import (
	"encoding/json"
	"strings"

	"github.com/iamsim/iamsim/internal/matcher"
	"github.com/iamsim/iamsim/internal/msg"
	"github.com/iamsim/iamsim/policy"
)

// Decision is the outcome of a request.
type Decision int

// The decisions, as AWS names them.
const (
	ImplicitDeny Decision = iota // no policy allows, or a gate stays silent
	Allowed                      // allowed
	ExplicitDeny                 // a Deny statement matched
)

var decisionNames = [...]string{"implicitDeny", "allowed", "explicitDeny"}

// String returns allowed, explicitDeny or implicitDeny.
func (d Decision) String() string { return decisionNames[d] }

// MarshalText implements encoding.TextMarshaler.
func (d Decision) MarshalText() ([]byte, error) { return []byte(d.String()), nil }

// UnmarshalText implements encoding.TextUnmarshaler.
func (d *Decision) UnmarshalText(b []byte) error {
	dec, err := ParseDecision(string(b))
	*d = dec
	return err
}

// ParseDecision parses allowed, explicitDeny or implicitDeny.
func ParseDecision(s string) (Decision, error) {
	for i, n := range decisionNames {
		if n == s {
			return Decision(i), nil
		}
	}
	return 0, &RequestError{Field: FieldDecision, Value: s, Msg: "want allowed, explicitDeny or implicitDeny" + decisionHint(s)}
}

// decisionHint proposes the decision a refused one most likely meant:
// policy words (Allow, Deny) and other spellings.
func decisionHint(s string) string {
	lower := strings.ToLower(s)
	switch {
	case strings.Contains(lower, "implicit"):
		return "; did you mean implicitDeny?"
	case strings.Contains(lower, "explicit"):
		return "; did you mean explicitDeny?"
	case strings.Contains(lower, "allow"):
		return "; did you mean allowed?"
	case strings.Contains(lower, "deny") || strings.Contains(lower, "denied"):
		return "; did you mean explicitDeny (a Deny statement matched) or implicitDeny (nothing allowed)?"
	}
	return ""
}

// Layer is a policy type in the evaluation.
type Layer int

// The layers, in the order AWS evaluates them (iam-user-guide
// reference_policies_evaluation-logic_policy-eval-denyallow.md).
const (
	LayerRCP Layer = iota + 1
	LayerSCP
	LayerEndpoint
	LayerResource
	LayerIdentity
	LayerBoundary
	LayerSession
)

var layerNames = [...]string{"", "rcp", "scp", "endpoint", "resource", "identity", "boundary", "session"}
var layerTitles = [...]msg.ID{"", msg.LayerTitleRCP, msg.LayerTitleSCP, msg.LayerTitleEndpoint, msg.LayerTitleResource, msg.LayerTitleIdentity, msg.LayerTitleBoundary, msg.LayerTitleSession}
var layerNouns = [...]msg.ID{msg.LayerNounPolicy, msg.LayerNounRCP, msg.LayerNounSCP, msg.LayerNounEndpoint, msg.LayerNounResource, msg.LayerNounIdentity, msg.LayerNounBoundary, msg.LayerNounSession}

// String returns the layer's short name: rcp, scp, endpoint, resource,
// identity, boundary, session.
func (l Layer) String() string { return layerNames[l] }

// Title returns the layer's name in a sentence, as the step of AWS's
// evaluation order it is: "identity-based policies", "permissions
// boundary".
func (l Layer) Title() Message { return message(layerTitles[l]) }

// Noun names one policy of the layer in a sentence, in English:
// "identity policy", "SCP"; "policy" for a value that is not a layer.
func (l Layer) Noun() string { return l.noun().String() }

// noun is Noun as a Message.
func (l Layer) noun() Message {
	if l < LayerRCP || l > LayerSession {
		return message(msg.LayerNounPolicy)
	}
	return message(layerNouns[l])
}

// MarshalText implements encoding.TextMarshaler.
func (l Layer) MarshalText() ([]byte, error) { return []byte(l.String()), nil }

// Verdict is what one layer said about the request.
type Verdict int

// The verdicts.
const (
	NotApplicable Verdict = iota // the layer does not apply (or is absent)
	Allows                       // an Allow statement matched and no Deny
	Denies                       // a Deny statement matched
	Silent                       // no statement matched: an implicit deny
)

var verdictNames = [...]string{"notApplicable", "allows", "denies", "silent"}

// String names the verdict.
func (v Verdict) String() string { return verdictNames[v] }

// MarshalText implements encoding.TextMarshaler.
func (v Verdict) MarshalText() ([]byte, error) { return []byte(v.String()), nil }

// MatchKind says how a resource-based policy statement named the caller
// (iam-user-guide reference_policies_evaluation-logic_policy-eval-denyallow.md,
// resource-based policies).
type MatchKind int

// The principal match kinds, weakest first.
const (
	MatchNone    MatchKind = iota
	MatchAccount           // the caller's account, caller not its root: a delegation
	MatchParent            // the federating user of a federated user (docs/evaluation-logic.md#federating-users)
	MatchRole              // the role of the calling session
	MatchDirect            // the caller itself ("*" included)
)

var matchNames = [...]string{"", "account", "parent", "role", "direct"}

// String names the match kind.
func (m MatchKind) String() string { return matchNames[m] }

// MarshalText implements encoding.TextMarshaler.
func (m MatchKind) MarshalText() ([]byte, error) { return []byte(m.String()), nil }

// StatementRef identifies a statement of a policy.
type StatementRef struct {
	Layer  Layer         `json:"layer"`
	Level  int           `json:"level,omitempty"` // SCP/RCP level, from 1 at the root
	Policy string        `json:"policy"`
	Sid    string        `json:"sid,omitempty"`
	Index  int           `json:"index"` // position in the policy, from 0
	Pos    policy.Pos    `json:"-"`
	End    policy.Pos    `json:"-"` // the statement's closing brace
	Effect policy.Effect `json:"-"`
	// Match is how a resource-based policy statement named the caller.
	Match MatchKind `json:"match,omitempty"`
}

// Where renders the statement's position as file:line:col.
func (s StatementRef) Where() string { return s.Pos.String() }

// EndAfter returns the position just past the statement's closing brace:
// end positions in iamsim's output (eval and lint JSON, SARIF, --format
// aws) are exclusive, the column after the last character (docs/cli.md,
// "Positions").
func (s StatementRef) EndAfter() policy.Pos {
	end := s.End
	if end.IsValid() {
		end.Col++
	}
	return end
}

// LayerResult is one layer's verdict. SCP and RCP chains have one per level.
type LayerResult struct {
	Layer   Layer   `json:"layer"`
	Level   int     `json:"level,omitempty"`
	Verdict Verdict `json:"verdict"`
	// Why says why a layer does not apply, when it does not.
	Why Message `json:"why,omitzero"`
	// Statements are the matching statements (Denies first when any).
	Statements []StatementRef `json:"statements,omitempty"`
}

// MissingKey is a context key a condition referenced that the request did
// not supply.
type MissingKey struct {
	Key string `json:"key"`
	// Relevant is set when the key appears in a statement whose action,
	// resource and principal matched: supplying it could change the
	// decision.
	Relevant bool `json:"relevant"`
}

// BadValue is a request value of the wrong type for the condition that
// read it. In an Allow statement it keeps the statement from matching;
// in a Deny statement it makes the result unreliable (docs/limits.md).
type BadValue struct {
	Statement StatementRef `json:"statement"`
	Operator  string       `json:"operator"`
	Key       string       `json:"key"`
	Value     string       `json:"value"`
	// Want names the type the operator compares ("an IP address").
	Want string `json:"want"`
}

// Result is the decision on one request and why.
type Result struct {
	Decision Decision `json:"decision"`
	// Caller is the kind of the request's principal: IAM user, role
	// session, root user, AWS service, anonymous, federation.
	Caller PrincipalKind `json:"-"`
	// CrossAccount is set when the caller belongs to an account other
	// than the resource's, so that both accounts must allow
	// (reference_policies_evaluation-logic-cross-account.md). Callers
	// without an account (services, anonymous and federation callers)
	// and resources AWS owns (docs/evaluation-logic.md, "AWS-owned
	// resources") are never cross-account.
	CrossAccount bool `json:"-"`
	// Deciding are the statements that decided: the matching Deny
	// statements, or the Allow statements that granted access, or (for a
	// gate that stayed silent) nothing.
	Deciding []StatementRef `json:"deciding"`
	// Layers holds every layer's verdict in AWS's order.
	Layers []LayerResult `json:"layers"`
	// Missing lists context keys that conditions referenced but the
	// request did not supply.
	Missing []MissingKey `json:"missing,omitempty"`
	// Notes name the rules and iamsim choices (docs/evaluation-logic.md)
	// that shaped the decision, and the values iamsim assumed.
	Notes []Note `json:"notes,omitempty"`
	// BadValues lists request values of the wrong type (not a number,
	// date, IP address, boolean, base64 or ARN) that made a condition of
	// an applicable statement fail.
	BadValues []BadValue `json:"badValues,omitempty"`
	// Unreliable is set when a Deny statement failed to apply only on a
	// bad value and the request was not denied otherwise: with a
	// well-formed value the decision could be explicitDeny.
	Unreliable bool `json:"unreliable,omitempty"`
	// ServiceRule is the service rule that refused the request before
	// any policy was evaluated (step 0, docs/evaluation-logic.md); the
	// decision is then implicitDeny and no policy could allow.
	ServiceRule *ServiceRule `json:"serviceRule,omitempty"`
	// Trace records every statement of every policy; only with
	// Options.Trace.
	Trace []Step `json:"trace,omitempty"`

	// outcomes holds the condition outcomes of the trace's steps.
	outcomes []matcher.Outcome
	// memo is the request context's memory during an evaluation.
	memo   *matcher.Memo
	reason reason
	// gateLevel is the SCP or RCP level that stayed silent.
	gateLevel int
}

// Verdict returns what a layer said. For a chain of levels (SCPs,
// RCPs) it is the most telling of the levels' verdicts: Denies when a
// level denied, else Silent when one stayed silent, else Allows when one
// allowed; NotApplicable when the layer does not apply or is absent.
// Layers holds each level's own.
func (r *Result) Verdict(l Layer) Verdict {
	v := NotApplicable
	for i := range r.Layers {
		if lr := &r.Layers[i]; lr.Layer == l && verdictWeight[lr.Verdict] > verdictWeight[v] {
			v = lr.Verdict
		}
	}
	return v
}

// verdictWeight orders the verdicts for Verdict: notApplicable, allows,
// silent, denies.
var verdictWeight = [...]int{NotApplicable: 0, Allows: 1, Silent: 2, Denies: 3}

// reset empties the result for reuse, keeping its slices' storage.
func (r *Result) reset() {
	*r = Result{
		Deciding:  r.Deciding[:0],
		Layers:    r.Layers[:0],
		Missing:   r.Missing[:0],
		Notes:     r.Notes[:0],
		BadValues: r.BadValues[:0],
		Trace:     r.Trace[:0],
		outcomes:  r.outcomes[:0],
		memo:      r.memo,
	}
}

// MarshalJSON adds the one-sentence summary. deciding is always a list,
// [] when no statement decided (a gate that stayed silent), whether or
// not the Result was reused.
func (r *Result) MarshalJSON() ([]byte, error) {
	type plain Result
	p := plain(*r)
	if len(p.Deciding) == 0 {
		p.Deciding = []StatementRef{}
	}
	return json.Marshal(struct {
		*plain
		Summary string `json:"summary"`
	}{&p, r.Summary()})
}

// Step records how one statement was evaluated (Options.Trace). It holds
// the outcome as data; Action, Resource, Principal and Conditions render
// the details when asked, from the statement and the request, which the
// Step refers to. A Step is valid until its Result is reused.
type Step struct {
	StatementRef
	// Skipped says why the statement's policy was not evaluated.
	Skipped Message `json:"skipped,omitzero"`
	// Matched is set when the whole statement applies to the request.
	Matched bool `json:"matched"`

	statement *matcher.Statement // nil when skipped
	request   *Prepared
	// action and resource are the entries of the Action and Resource
	// elements (or their Not forms) that cover the request's, -1 for none.
	action, resource     int
	actionOK, resourceOK bool
	principal            principalMatch
	conditions           []matcher.Outcome // one per statement.Conditions
	// variables is set when the statement's policy substitutes policy
	// variables (Version 2012-10-17).
	variables bool
}

// PartTrace records the match of Action, Resource or Principal.
type PartTrace struct {
	Matched bool    `json:"matched"`
	Detail  Message `json:"detail"`
}
