package matcher_test

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/iamsim/iamsim/internal/matcher"
	"github.com/iamsim/iamsim/policy"
)

// The tests cite IAM User Guide pages by their doc_source/ names
// (reference_policies_elements_condition_operators.md...), and iamsim's
// own choices where the pages leave room by docs/evaluation-logic.md,
// "Choices iamsim makes".

// Versions of the policy language (reference_policies_elements_version.md).
const (
	v2012 = policy.Version2012
	v2008 = policy.Version2008
	vNone = "" // no Version element: 2008-10-17 (iamsim's choice, docs/evaluation-logic.md "Choices iamsim makes")
)

// mustCompile parses src as a policy of the given kind and compiles it;
// the source must parse without problems.
func mustCompile(t testing.TB, kind policy.Kind, src string) *matcher.Policy {
	t.Helper()
	doc, err := policy.Parse("test.json", []byte(src), kind)
	if err != nil {
		t.Fatalf("policy.Parse(%s): %v", src, err)
	}
	return matcher.Compile(doc)
}

// quote returns s as a JSON string.
func quote(s string) string {
	b, err := json.Marshal(s)
	if err != nil {
		panic(err)
	}
	return string(b)
}

// versionElement returns the Version member of a document, or nothing.
func versionElement(version string) string {
	if version == vNone {
		return ""
	}
	return fmt.Sprintf(`"Version": %s, `, quote(version))
}

// statementSrc returns an identity policy with one Allow statement whose
// other elements are given as JSON members (`"Action": "s3:*", ...`).
func statementSrc(version, members string) string {
	return fmt.Sprintf(`{%s"Statement": {"Effect": "Allow", %s}}`, versionElement(version), members)
}

// compileStatement compiles a one-statement identity policy.
func compileStatement(t testing.TB, version, members string) *matcher.Statement {
	t.Helper()
	return mustCompile(t, policy.Identity, statementSrc(version, members)).Statements[0]
}

// conditionSrc returns an identity policy whose only statement has the
// condition {op: {key: values}}; values is JSON text (a string, number,
// boolean or array).
func conditionSrc(version, op, key, values string) string {
	return statementSrc(version, fmt.Sprintf(`"Action": "s3:GetObject", "Resource": "*", "Condition": {%s: {%s: %s}}`, quote(op), quote(key), values))
}

// compileCondition compiles the condition {op: {key: values}} under the
// given Version.
func compileCondition(t testing.TB, version, op, key, values string) *matcher.Condition {
	t.Helper()
	st := mustCompile(t, policy.Identity, conditionSrc(version, op, key, values)).Statements[0]
	if len(st.Conditions) != 1 {
		t.Fatalf("want one condition, got %d", len(st.Conditions))
	}
	return st.Conditions[0]
}

// kv is one context key for a test request.
type kv struct {
	key    string
	values []string
	multi  bool
}

// one is a single-valued context key.
func one(key, value string) kv { return kv{key: key, values: []string{value}} }

// list is a multi-valued context key (given as a list in the request).
func list(key string, values ...string) kv { return kv{key: key, values: values, multi: true} }

// newContext builds a request context with Set and SetList.
func newContext(keys ...kv) matcher.MapContext {
	ctx := matcher.MapContext{}
	for _, k := range keys {
		if k.multi {
			ctx.SetList(k.key, k.values...)
		} else {
			ctx.Set(k.key, k.values[0])
		}
	}
	return ctx
}

// splitAction splits a request action into its lower-cased service and
// name, as ActionMatcher.Match takes them.
func splitAction(action string) (string, string) {
	service, name, _ := strings.Cut(strings.ToLower(action), ":")
	return service, name
}
