package matcher_test

import (
	"encoding/json"
	"slices"
	"strings"
	"testing"

	"github.com/iamsim/iamsim/internal/matcher"
	"github.com/iamsim/iamsim/policy"
)

// Bits of the flags argument of FuzzConditions.
const (
	fuzzIfExists     = 1 << iota // add IfExists to the operator
	fuzzForAll                   // ForAllValues: qualifier
	fuzzForAny                   // ForAnyValue: qualifier (both bits: none)
	fuzzVersion2008              // Version 2008-10-17: variables literal
	fuzzSingle                   // a single policy value, not a list
	fuzzAbsent                   // the request lacks the key
	fuzzMulti                    // the request gives the key as a list
	fuzzDeny                     // the statement's Effect is Deny
	fuzzNoUsername               // aws:username has no value
	fuzzRaw                      // policy values unquoted (numbers, booleans)
	fuzzListUsername             // aws:username given as a list
)

// FuzzConditions checks that no operator panics on arbitrary policy and
// request values, and that Explain agrees with Eval (the
// explanation shows what decided; nothing is recomputed differently).
// Policies that do not parse are skipped: they are never evaluated.
func FuzzConditions(f *testing.F) {
	names := policy.OperatorNames()
	slices.Sort(names)
	index := func(name string) uint8 { return uint8(slices.Index(names, name)) }
	seeds := []struct {
		op             string
		flags          uint16
		policy, values string
	}{
		{"StringEquals", 0, "alice\nbob", "alice"},
		{"StringNotEquals", fuzzSingle, "home/${aws:username}/", "home/alice/"},
		{"StringEqualsIgnoreCase", fuzzNoUsername, "${aws:username, 'x'}", "X"},
		{"StringNotEqualsIgnoreCase", fuzzMulti, "a", "A\nb"},
		{"StringLike", fuzzForAll | fuzzMulti, "home/*\n\n${*}?", "home/x\n*y"},
		{"StringNotLike", fuzzForAny | fuzzAbsent | fuzzDeny, "*", ""},
		{"NumericEquals", fuzzRaw, "10\n-2.5", "10.0"},
		{"NumericNotEquals", fuzzSingle, "10", "10abc"},
		{"NumericLessThan", fuzzIfExists | fuzzAbsent, "9", "10"},
		{"NumericLessThanEquals", fuzzMulti | fuzzDeny, "1", "0\n2"},
		{"NumericGreaterThan", 0, "9", "10"},
		{"NumericGreaterThanEquals", fuzzForAll, "0", "1e3"},
		{"DateEquals", 0, "2026-01-01T00:00:00Z", "1767225600"},
		{"DateNotEquals", fuzzSingle, "2026-01-01", "2026-01-01T02:00:00+02:00"},
		{"DateLessThan", fuzzRaw, "1767225600", "2025-12-31T23:59:59Z"},
		{"DateLessThanEquals", fuzzIfExists, "2026", "2026-01"},
		{"DateGreaterThan", fuzzMulti | fuzzDeny, "2020-01-01T00:00:01Z", "2020-01-01T00:00:02Z\nnever"},
		{"DateGreaterThanEquals", 0, "2026-01-01T00:00:00.5Z", "1767225600.5"},
		{"Bool", fuzzRaw, "true", "True"},
		{"Bool", fuzzSingle, "${aws:username}", "false"},
		{"BinaryEquals", 0, "QmluYXJ5VmFsdWVJbkJhc2U2NA==", "QmluYXJ5VmFsdWVJbkJhc2U2NA=="},
		{"IpAddress", 0, "203.0.113.0/24\n2001:DB8:1234:5678::/64", "2001:db8:1234:5678::1"},
		{"NotIpAddress", fuzzAbsent | fuzzDeny, "203.0.113.5", "::ffff:203.0.113.5"},
		{"ArnEquals", 0, "arn:aws:iam::*:role/admin", "arn:aws:iam::111122223333:role/admin"},
		{"ArnLike", 0, "arn:aws:someservice:*:111122223333:finance/*", "arn:aws:someservice:us-east-2:999999999999:store/abc:111122223333:finance/document.txt"},
		{"ArnNotEquals", fuzzListUsername, "arn:aws:iam::111122223333:user/${aws:username}", "arn:aws:iam::111122223333:user/alice"},
		{"ArnNotLike", fuzzForAny | fuzzMulti, "arn:${*}:s3:::b/${aws:username, 'd'}", "arn:*:s3:::b/d\nx"},
		{"Null", fuzzRaw, "true", ""},
		{"Null", fuzzMulti, "false", ""},
	}
	for _, s := range seeds {
		f.Add(index(s.op), s.flags, s.policy, s.values, "alice")
	}
	f.Fuzz(func(t *testing.T, opIndex uint8, flags uint16, policyValues, requestValues, username string) {
		op := names[int(opIndex)%len(names)]
		if flags&fuzzIfExists != 0 {
			op += "IfExists"
		}
		switch {
		case flags&fuzzForAll != 0 && flags&fuzzForAny == 0:
			op = "ForAllValues:" + op
		case flags&fuzzForAny != 0 && flags&fuzzForAll == 0:
			op = "ForAnyValue:" + op
		}
		version := v2012
		if flags&fuzzVersion2008 != 0 {
			version = v2008
		}
		values := strings.Split(policyValues, "\n")
		var jsonValues string
		switch {
		case flags&fuzzRaw != 0:
			jsonValues = "[" + strings.Join(values, ", ") + "]"
			if flags&fuzzSingle != 0 {
				jsonValues = policyValues
			}
		case flags&fuzzSingle != 0:
			jsonValues = quote(policyValues)
		default:
			b, err := json.Marshal(values)
			if err != nil {
				t.Skip()
			}
			jsonValues = string(b)
		}
		doc, err := policy.Parse("fuzz.json", []byte(conditionSrc(version, op, "test:key", jsonValues)), policy.Identity)
		if err != nil {
			t.Skip("the policy does not parse, so it is never evaluated")
		}
		st := matcher.Compile(doc).Statements[0]
		if len(st.Conditions) != 1 {
			t.Fatalf("want one condition, got %d", len(st.Conditions))
		}
		c := st.Conditions[0]

		ctx := matcher.MapContext{}
		present := false
		if flags&fuzzAbsent == 0 {
			if flags&fuzzMulti != 0 {
				reqs := strings.Split(requestValues, "\n")
				if requestValues == "" {
					reqs = nil // an empty list
				}
				ctx.SetList("test:key", reqs...)
				present = len(reqs) > 0
			} else {
				ctx.Set("test:key", requestValues)
				present = true
			}
		}
		switch {
		case flags&fuzzNoUsername != 0:
		case flags&fuzzListUsername != 0:
			ctx.SetList("aws:username", username, username)
		default:
			ctx.Set("aws:username", username)
		}
		effect := policy.Allow
		if flags&fuzzDeny != 0 {
			effect = policy.Deny
		}

		got := c.Eval(ctx, effect)
		tr := c.Explain(ctx, effect)
		if tr.Result != got {
			t.Errorf("%s %s: Explain(...).Result = %t, Eval = %t", op, jsonValues, tr.Result, got)
		}
		if tr.Present != present {
			t.Errorf("%s: Explain(...).Present = %t, want %t", op, tr.Present, present)
		}
		if len(tr.PolicyValues) != len(c.Source.Values) {
			t.Errorf("%s: Explain shows %d policy values, the policy has %d", op, len(tr.PolicyValues), len(c.Source.Values))
		}
		if !tr.Present && tr.Rule == matcher.RuleValue {
			t.Errorf("%s: Explain(...).Rule is RuleValue for an absent key", op)
		}
		if again := c.Eval(ctx, effect); again != got {
			t.Errorf("%s: Eval is not deterministic: %t then %t", op, got, again)
		}
		var memo matcher.Memo
		memo.Reset(ctx)
		for _, when := range []string{"first", "remembered"} {
			if o := c.Evaluate(&memo, effect); o.Result != got || o.Rule != tr.Rule {
				t.Errorf("%s: Evaluate through a Memo, %s, = %+v, Explain says %t (rule %d)", op, when, o, tr.Result, tr.Rule)
			}
		}
	})
}
