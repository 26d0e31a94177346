package matcher

import (
	"bytes"
	"encoding/base64"
	"net/netip"
	"strings"
	"time"

	"github.com/iamsim/iamsim/internal/wildcard"
	"github.com/iamsim/iamsim/policy"
)

// Condition is one compiled operator and key of a Condition block.
type Condition struct {
	Source *policy.Condition
	op     policy.Operator
	key    Key // lower case
	values []conditionValue
	// bare is set for an operator without qualifier other than Null: with
	// one request value it compares just that. scalar is set when request
	// values parse as a number, date, address or boolean.
	bare, scalar bool
}

// conditionValue is one policy value, parsed for its operator family.
type conditionValue struct {
	text    string
	tmpl    template                    // String, Bool: the value
	arn     *[policy.ARNFields]template // ARN: the fields; nil when invalid
	num     policy.Decimal
	date    time.Time
	prefix  netip.Prefix
	bin     []byte
	boolean bool
	// invalid is set for a value that can never match (Parse reports it).
	invalid bool
}

func compileCondition(c *policy.Condition, variables bool) *Condition {
	cc := &Condition{Source: c, op: c.Operator, key: compiledKey(strings.ToLower(c.Key.Text))}
	cc.bare = c.Operator.Qualifier == policy.NoQualifier && c.Operator.Family != policy.FamilyNull
	cc.scalar = isScalar(c.Operator.Family)
	cc.values = sized[conditionValue](len(c.Values))
	for _, v := range c.Values {
		cc.values = append(cc.values, compileValue(c.Operator.Family, v.Text, variables))
	}
	return cc
}

func compileValue(f policy.Family, text string, variables bool) conditionValue {
	cv := conditionValue{text: text}
	ok := true
	switch f {
	case policy.FamilyString, policy.FamilyBool:
		cv.tmpl = compileTemplate(text, variables)
		if f == policy.FamilyBool && cv.tmpl.static != nil {
			cv.boolean, ok = policy.ParseBool(text)
		}
	case policy.FamilyNull:
		cv.boolean, ok = policy.ParseBool(text)
	case policy.FamilyNumeric:
		cv.num, ok = policy.ParseNumber(text)
	case policy.FamilyDate:
		cv.date, ok = policy.ParseDate(text)
	case policy.FamilyIP:
		cv.prefix, ok = policy.ParseIPRange(text)
	case policy.FamilyBinary:
		cv.bin, ok = policy.ParseBinary(text)
	case policy.FamilyARN:
		cv.arn, ok = compileARN(text, variables)
	}
	cv.invalid = !ok
	return cv
}

// compileARN splits an ARN pattern into its six fields, each a template:
// ARN operators match field by field, so a * in one field never spans a
// colon into the next (reference_policies_elements_condition_operators.md).
func compileARN(text string, variables bool) (*[policy.ARNFields]template, bool) {
	t, terr := policy.ParseTemplate(text, variables)
	if terr != nil {
		return nil, false
	}
	var fields [policy.ARNFields]template
	var cur policy.Template
	var curText strings.Builder
	n := 0
	flush := func() {
		fields[n] = newTemplate(curText.String(), cur)
		cur, n = nil, n+1
		curText.Reset()
	}
	for _, s := range t {
		if s.Kind == policy.SegmentVariable {
			cur = append(cur, s)
			curText.WriteString("${" + s.Text + "}")
			continue
		}
		rest := s.Text
		for n < policy.ARNFields-1 {
			i := strings.IndexByte(rest, ':')
			if i < 0 {
				break
			}
			if i > 0 {
				cur = append(cur, policy.Segment{Kind: s.Kind, Text: rest[:i]})
				curText.WriteString(rest[:i])
			}
			flush()
			rest = rest[i+1:]
		}
		if rest != "" {
			cur = append(cur, policy.Segment{Kind: s.Kind, Text: rest})
			curText.WriteString(rest)
		}
	}
	if n < policy.ARNFields-1 {
		return nil, false
	}
	flush()
	return &fields, true
}

// Key returns the condition key in lower case.
func (c *Condition) Key() string { return c.key.Name }

// ContextKey returns the condition key as a Key.
func (c *Condition) ContextKey() Key { return c.key }

// Operator returns the parsed operator.
func (c *Condition) Operator() policy.Operator { return c.op }

// Eval reports whether the condition holds for the request. The effect of
// the statement matters only for a bare operator on a key the request
// gives several values (iamsim's choice, docs/evaluation-logic.md "Choices iamsim makes"). Eval does not allocate.
func (c *Condition) Eval(ctx Context, effect policy.Effect) bool {
	holds, _ := c.eval(ctx, effect, nil)
	return holds
}

// EvalGiven is Eval that also reports whether the request gave the key
// at all (an empty list counts), so that a caller listing missing keys
// needs no second lookup.
func (c *Condition) EvalGiven(ctx Context, effect policy.Effect) (holds, given bool) {
	return c.eval(ctx, effect, nil)
}

// Evaluate evaluates the condition like Eval and records how, as data
// that Trace renders. It does not allocate.
func (c *Condition) Evaluate(ctx Context, effect policy.Effect) Outcome {
	var o Outcome
	o.Result, o.Given = c.eval(ctx, effect, &o)
	return o
}

// Explain evaluates the condition like Eval and records why.
func (c *Condition) Explain(ctx Context, effect policy.Effect) *ConditionTrace {
	return c.Trace(ctx, c.Evaluate(ctx, effect))
}

// Outcome records how a condition was evaluated for a request.
type Outcome struct {
	Result bool
	// Given is set when the request gave the key (an empty list counts).
	Given bool
	// Rule is the rule that decided.
	Rule Rule
	// Tried is how many request values were compared with the policy's
	// values, from the first.
	Tried int
}

// Rule names the rule of condition evaluation that decided an outcome.
type Rule uint8

// The rules.
const (
	RuleValue           Rule = iota // the single request value was compared
	RuleNullPresent                 // Null on a present key
	RuleNullAbsent                  // Null on an absent key
	RuleAbsentIfExists              // absent key, IfExists
	RuleAbsentForAll                // absent key, ForAllValues
	RuleAbsentForAny                // absent key, ForAnyValue
	RuleAbsentNegated               // absent key, negated operator
	RuleAbsent                      // absent key otherwise
	RuleForAllFails                 // ForAllValues, a value does not satisfy
	RuleForAllHolds                 // ForAllValues, every value satisfies
	RuleForAnyHolds                 // ForAnyValue, a value satisfies
	RuleForAnyFails                 // ForAnyValue, no value satisfies
	RuleSeveralAllow                // several values, bare operator, Allow
	RuleSeveralDeny                 // several values, bare negated operator, Deny
	RuleSeveralAnyHolds             // several values, bare operator, read as ForAnyValue: one satisfies
	RuleSeveralAnyFails             // several values, bare operator, read as ForAnyValue: none satisfies
	RuleMalformedAllow              // a request value of the wrong type under a negated operator, Allow
)

// Trace renders an outcome of the condition for the same request: the
// request's and the policy's values (variables filled in from ctx), the
// values that could not take part, the result and why.
func (c *Condition) Trace(ctx Context, o Outcome) *ConditionTrace {
	tr := &ConditionTrace{Operator: c.op.Text, Key: c.Source.Key.Text, Pos: c.Source.Key.Pos, Result: o.Result, Rule: o.Rule}
	for i := range c.values {
		text, ok := c.values[i].render(c.op.Family, ctx)
		tr.PolicyValues = append(tr.PolicyValues, text)
		if !ok {
			tr.Unresolved = append(tr.Unresolved, c.values[i].text)
		}
	}
	vals, _, present, _ := lookup(ctx, c.key)
	tr.Present, tr.RequestValues = present && len(vals) > 0, vals
	for _, v := range vals[:min(o.Tried, len(vals))] {
		if !wellFormed(c.op.Family, v) {
			tr.Malformed = append(tr.Malformed, v)
		}
	}
	return tr
}

// ConditionTrace records how one condition was evaluated.
type ConditionTrace struct {
	Operator string     `json:"operator"`
	Key      string     `json:"key"`
	Pos      policy.Pos `json:"-"`
	// Present is false when the request did not supply the key (or gave
	// an empty list).
	Present       bool     `json:"present"`
	RequestValues []string `json:"requestValues,omitempty"`
	// PolicyValues are the policy's values with variables filled in.
	PolicyValues []string `json:"policyValues"`
	// Unresolved lists policy values whose variables had no value: they
	// match nothing.
	Unresolved []string `json:"unresolved,omitempty"`
	// Malformed lists request values that are not of the operator's type
	// (a number, date, IP address, ARN...): they match nothing.
	Malformed []string `json:"malformed,omitempty"`
	Result    bool     `json:"result"`
	// Rule is the rule of condition evaluation that decided (RuleValue
	// when the single request value was compared); the evaluator words it.
	Rule Rule `json:"-"`
}

// eval evaluates the condition, recording how in o if it is not nil, and
// reports whether the request gave the key.
func (c *Condition) eval(ctx Context, effect policy.Effect, o *Outcome) (holds, given bool) {
	vals, multi, given, memo := lookup(ctx, c.key)
	// An empty list counts as absent (iamsim's choice, docs/evaluation-logic.md "Choices iamsim makes").
	present := given && len(vals) > 0
	var first *scalar // the first value parsed, remembered by a Memo
	if present && memo != nil && c.scalar {
		first = memo.scalar(c.op.Family)
	}
	if o == nil && c.bare && len(vals) == 1 {
		// The common case, as decide has it: one value, a bare operator.
		holds = c.matchesAny(ctx, vals[0], first) != c.op.Negated
	} else {
		holds = c.decide(ctx, vals, first, multi, present, effect, o)
	}
	if holds && c.op.Negated && effect == policy.Allow && present {
		// A value that matches nothing satisfies a negated operator; an
		// Allow must not grant on bad data (docs/limits.md).
		if _, bad := c.firstMalformed(vals); bad {
			return decided(o, false, RuleMalformedAllow), given
		}
	}
	return holds, given
}

// FirstMalformed returns the first request value of the condition's key
// that is not of the operator's type (a number, date, IP address,
// boolean, base64 or ARN), if any. Such a value matches no policy value.
func (c *Condition) FirstMalformed(ctx Context) (string, bool) {
	vals, _, _, memo := lookup(ctx, c.key)
	if len(vals) == 1 && memo != nil && c.scalar {
		// The common case: one value, parsed once by the Memo.
		if !memo.scalar(c.op.Family).ok {
			return vals[0], true
		}
		return "", false
	}
	return c.firstMalformed(vals)
}

func (c *Condition) firstMalformed(vals []string) (string, bool) {
	switch c.op.Family {
	case policy.FamilyString, policy.FamilyNull:
		return "", false
	}
	for _, v := range vals {
		if !wellFormed(c.op.Family, v) {
			return v, true
		}
	}
	return "", false
}

// decide applies the operator to the request's values of the key; first,
// if not nil, is vals[0] parsed.
func (c *Condition) decide(ctx Context, vals []string, first *scalar, multi, present bool, effect policy.Effect, o *Outcome) bool {
	op := &c.op
	if op.Family == policy.FamilyNull {
		for i := range c.values {
			if !c.values[i].invalid && c.values[i].boolean == !present {
				return decided(o, true, nullRule(present))
			}
		}
		return decided(o, false, nullRule(present))
	}
	if !present {
		switch {
		case op.IfExists:
			return decided(o, true, RuleAbsentIfExists)
		case op.Qualifier == policy.ForAllValues:
			return decided(o, true, RuleAbsentForAll)
		case op.Qualifier == policy.ForAnyValue:
			return decided(o, false, RuleAbsentForAny)
		case op.Negated:
			return decided(o, true, RuleAbsentNegated)
		}
		return decided(o, false, RuleAbsent)
	}
	switch {
	case op.Qualifier == policy.ForAllValues:
		for i, v := range vals {
			if !c.satisfies(ctx, v, parsed(i, first), o) {
				return decided(o, false, RuleForAllFails)
			}
		}
		return decided(o, true, RuleForAllHolds)
	case op.Qualifier == policy.ForAnyValue:
		if c.anySatisfies(ctx, vals, first, o) {
			return decided(o, true, RuleForAnyHolds)
		}
		return decided(o, false, RuleForAnyFails)
	case multi && len(vals) > 1:
		// A bare operator on several values (iamsim's choice, docs/evaluation-logic.md "Choices iamsim makes"): read towards denial.
		switch {
		case effect == policy.Allow && !op.Negated:
			return decided(o, false, RuleSeveralAllow)
		case effect == policy.Deny && op.Negated:
			return decided(o, true, RuleSeveralDeny)
		}
		if c.anySatisfies(ctx, vals, first, o) {
			return decided(o, true, RuleSeveralAnyHolds)
		}
		return decided(o, false, RuleSeveralAnyFails)
	}
	return decided(o, c.satisfies(ctx, vals[0], first, o), RuleValue)
}

func (c *Condition) anySatisfies(ctx Context, vals []string, first *scalar, o *Outcome) bool {
	for i, v := range vals {
		if c.satisfies(ctx, v, parsed(i, first), o) {
			return true
		}
	}
	return false
}

// parsed returns first for the first request value, nil for the others.
func parsed(i int, first *scalar) *scalar {
	if i == 0 {
		return first
	}
	return nil
}

func nullRule(present bool) Rule {
	if present {
		return RuleNullPresent
	}
	return RuleNullAbsent
}

// decided records the rule in o, if recording, and returns result.
func decided(o *Outcome, result bool, r Rule) bool {
	if o != nil {
		o.Rule = r
	}
	return result
}

// satisfies reports whether one request value satisfies the operator: for
// a positive operator, it matches some policy value; for a negated one, it
// matches none (the NOR rule, reference_policies_elements_condition_operators.md).
// sv, if not nil, is v parsed.
func (c *Condition) satisfies(ctx Context, v string, sv *scalar, o *Outcome) bool {
	if o != nil {
		o.Tried++
	}
	return c.matchesAny(ctx, v, sv) != c.op.Negated
}

// matchesAny reports whether request value v matches one of the policy
// values under the base comparison; sv, if not nil, is v parsed. A request
// value that is not of the operator's type matches nothing (iamsim's choice, docs/evaluation-logic.md "Choices iamsim makes").
func (c *Condition) matchesAny(ctx Context, v string, sv *scalar) bool {
	op := &c.op
	switch op.Family {
	case policy.FamilyString:
		return c.matchesString(ctx, v)
	case policy.FamilyBinary:
		return c.matchesBinary(v)
	case policy.FamilyARN:
		return c.matchesARN(ctx, v)
	}
	if sv == nil {
		parsed := parseScalar(op.Family, v)
		sv = &parsed
	}
	if !sv.ok {
		return false
	}
	for i := range c.values {
		pv := &c.values[i]
		if pv.invalid {
			continue
		}
		var m bool
		switch op.Family {
		case policy.FamilyNumeric:
			m = compare(op.Compare, sv.num.Cmp(pv.num))
		case policy.FamilyDate:
			m = compare(op.Compare, sv.date.Compare(pv.date))
		case policy.FamilyIP:
			m = pv.prefix.Contains(sv.addr)
		case policy.FamilyBool:
			pb, pok := pv.boolOf(ctx)
			m = pok && pb == sv.b
		}
		if m {
			return true
		}
	}
	return false
}

// matchesString is matchesAny for the String operators.
func (c *Condition) matchesString(ctx Context, v string) bool {
	for i := range c.values {
		pv := &c.values[i]
		if pv.invalid {
			continue
		}
		var m bool
		switch c.op.Compare {
		case policy.CompareEquals:
			m = pv.tmpl.equals(ctx, v, false)
		case policy.CompareEqualsIgnoreCase:
			m = pv.tmpl.equals(ctx, v, true)
		default:
			m = pv.tmpl.matchLike(ctx, v)
		}
		if m {
			return true
		}
	}
	return false
}

// matchesBinary is matchesAny for BinaryEquals.
func (c *Condition) matchesBinary(v string) bool {
	var buf [256]byte
	bin, ok := decodeBase64(v, buf[:])
	if !ok {
		return false
	}
	for i := range c.values {
		if pv := &c.values[i]; !pv.invalid && bytes.Equal(bin, pv.bin) {
			return true
		}
	}
	return false
}

// matchesARN is matchesAny for the ARN operators: field by field.
func (c *Condition) matchesARN(ctx Context, v string) bool {
	arn, ok := policy.SplitARN(v)
	if !ok {
		return false
	}
	for i := range c.values {
		pv := &c.values[i]
		if pv.invalid {
			continue
		}
		m := true
		for f := range arn {
			if !pv.arn[f].matchLike(ctx, arn[f]) {
				m = false
				break
			}
		}
		if m {
			return true
		}
	}
	return false
}

// wellFormed reports whether a request value is of the operator family's
// type, as matchesAny parses it.
func wellFormed(f policy.Family, v string) bool {
	ok := true
	switch f {
	case policy.FamilyNumeric, policy.FamilyDate, policy.FamilyIP, policy.FamilyBool:
		ok = parseScalar(f, v).ok
	case policy.FamilyBinary:
		var buf [256]byte
		_, ok = decodeBase64(v, buf[:])
	case policy.FamilyARN:
		_, ok = policy.SplitARN(v)
	}
	return ok
}

// compare applies an ordering comparison to the result of a Cmp.
func compare(c policy.Compare, cmp int) bool {
	switch c {
	case policy.CompareEquals:
		return cmp == 0
	case policy.CompareLessThan:
		return cmp < 0
	case policy.CompareLessThanEquals:
		return cmp <= 0
	case policy.CompareGreaterThan:
		return cmp > 0
	case policy.CompareGreaterThanEquals:
		return cmp >= 0
	}
	return false
}

// parseAddr parses a request's IP address; a prefix naming a single host
// is accepted too.
func parseAddr(v string) (netip.Addr, bool) {
	if a, err := netip.ParseAddr(v); err == nil {
		return a.Unmap(), a.Zone() == ""
	}
	p, ok := policy.ParseIPRange(v)
	if !ok || p.Bits() != p.Addr().BitLen() {
		return netip.Addr{}, false
	}
	return p.Addr(), true
}

// decodeBase64 decodes a base-64 request value into buf when it fits.
func decodeBase64(v string, buf []byte) ([]byte, bool) {
	enc := base64.StdEncoding
	if enc.DecodedLen(len(v)) > len(buf) {
		b, err := enc.DecodeString(v)
		return b, err == nil
	}
	n, err := enc.Decode(buf, []byte(v))
	return buf[:n], err == nil
}

// boolOf returns the Bool value, filling in variables (iamsim's choice, docs/evaluation-logic.md "Choices iamsim makes"); ok
// is false when a variable has no value or the value is neither true nor
// false: it then matches nothing. It does not allocate.
func (pv *conditionValue) boolOf(ctx Context) (value, ok bool) {
	if pv.tmpl.static != nil {
		return pv.boolean, true
	}
	var buf [maxPieces]wildcard.Piece
	pieces, ok := pv.tmpl.resolve(ctx, buf[:])
	switch {
	case !ok:
		return false, false
	case equalFoldPieces(pieces, "true"):
		return true, true
	case equalFoldPieces(pieces, "false"):
		return false, true
	}
	return false, false
}

// render returns the policy value as compared, with variables filled in;
// ok is false when a variable had no value.
func (pv *conditionValue) render(f policy.Family, ctx Context) (string, bool) {
	switch f {
	case policy.FamilyString, policy.FamilyBool:
		return pv.tmpl.render(ctx)
	case policy.FamilyARN:
		if pv.invalid {
			return pv.text, true
		}
		parts := make([]string, len(pv.arn))
		for i := range pv.arn {
			var fieldOK bool
			parts[i], fieldOK = pv.arn[i].render(ctx)
			if !fieldOK {
				// As written, like an unresolved String value: the
				// fields' texts are rebuilt from segments and would show
				// ${*} as a bare * and drop a default value.
				return pv.text, false
			}
		}
		return strings.Join(parts, ":"), true
	}
	return pv.text, true
}
