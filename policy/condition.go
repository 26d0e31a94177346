package policy

import (
	"fmt"
	"strings"

	"github.com/tidwall/gjson"
)

// conditions parses a Condition block: operator → key → value or values.
func (p *parser) conditions(block gjson.Result) []*Condition {
	if !block.IsObject() {
		p.errorf(block.Index, CodeWrongType, "Condition must be an object of operators, not %s", jsonType(block))
		return nil
	}
	var out []*Condition
	p.object(block, func(opKey, keys gjson.Result) {
		op, oe := parseOperator(opKey.Str)
		if oe != nil {
			p.errorf(opKey.Index, oe.code, "%s", oe.msg)
		}
		opPos := p.pos(opKey)
		if !keys.IsObject() {
			p.errorf(keys.Index, CodeWrongType, "condition operator %q must map condition keys to values, not %s", opKey.Str, jsonType(keys))
			return
		}
		p.object(keys, func(key, values gjson.Result) {
			if msg := checkKeyName(key.Str); msg != "" {
				if strings.HasPrefix(msg, "key ") {
					p.errorf(key.Index, CodeConditionKey, "condition %s", msg)
				} else {
					p.errorf(key.Index, CodeConditionKey, "condition key %q: %s", key.Str, msg)
				}
			}
			c := &Condition{Operator: op, OperatorPos: opPos, Key: p.value(key, key.Str), List: values.IsArray()}
			p.conditionValues(key.Str, values, func(v gjson.Result, text string) {
				if oe == nil {
					p.checkConditionValue(op, v, text)
				}
				c.Values = append(c.Values, p.value(v, text))
			})
			out = append(out, c)
		})
	})
	return out
}

// conditionValues walks the value or list of values of a condition key. Strings,
// numbers and booleans are accepted; numbers and booleans keep their text.
func (p *parser) conditionValues(key string, values gjson.Result, fn func(v gjson.Result, text string)) {
	one := func(v gjson.Result) {
		switch v.Type {
		case gjson.String:
			fn(v, v.Str)
		case gjson.Number, gjson.True, gjson.False:
			fn(v, v.Raw)
		default:
			p.errorf(v.Index, CodeWrongType, "a condition value must be a string, number or boolean, not %s", jsonType(v))
		}
	}
	if values.IsArray() {
		n := 0
		values.ForEach(func(_, v gjson.Result) bool {
			if n == p.limits.Values {
				p.tooManyValues(v, fmt.Sprintf("condition key %q", key))
				return false
			}
			n++
			one(v)
			return true
		})
		return
	}
	one(values)
}

// checkConditionValue reports a value that can never be valid for its
// operator (reference_policies_elements_condition_operators.md): a bad
// number, date, boolean, base-64 text, CIDR or ARN, or a malformed policy
// variable where variables are substituted.
func (p *parser) checkConditionValue(op Operator, v gjson.Result, text string) {
	hasVariables := false
	if op.Family.AllowsVariables() && p.variables && strings.Contains(text, "${") {
		t, terr := ParseTemplate(text, p.variables)
		if terr != nil {
			p.errorf(p.innerOffset(v, terr.Offset), CodeVariable, "%s", terr.Msg)
			return
		}
		hasVariables = t.HasVariables()
	}
	if HasPlaceholder(text) {
		return // unknown until deploy: nothing to judge
	}
	var want string
	switch op.Family {
	case FamilyNumeric:
		if _, ok := ParseNumber(text); !ok {
			want = "a number such as 10 or -2.5"
		}
	case FamilyDate:
		if _, ok := ParseDate(text); !ok {
			want = "an ISO 8601 date such as 2026-01-31 or 2026-01-31T12:00:00Z, or epoch seconds"
		}
	case FamilyBool:
		if _, ok := ParseBool(text); !ok && !hasVariables {
			want = "true or false"
		}
	case FamilyNull:
		if _, ok := ParseBool(text); !ok {
			want = "true (the key is absent) or false (the key is present)"
		}
	case FamilyBinary:
		if _, ok := ParseBinary(text); !ok {
			want = "base-64 encoded bytes"
		}
	case FamilyIP:
		if _, ok := ParseIPRange(text); !ok {
			want = "an IPv4 or IPv6 address or CIDR range such as 203.0.113.0/24"
		}
	case FamilyARN:
		if _, ok := SplitARN(text); !ok && !hasVariables {
			want = "an ARN with six fields (arn:partition:service:region:account:resource), wildcards allowed"
		}
	}
	if want != "" {
		p.errorf(v.Index, CodeConditionValue, "%s value %q is not %s", op.Text, text, want)
	}
}
