package lint

import "testing"

// TestForAllValuesWithoutNull checks the empty-set pitfall:
// reference_policies_condition-single-vs-multi-valued-context-keys.md,
// ForAllValues "also returns true if there are no context keys in the
// request"; a Null condition with false requires the key.
func TestForAllValuesWithoutNull(t *testing.T) {
	t.Parallel()
	allow := func(effect, conditions string) string {
		return catPolicy(`{"Effect": "` + effect + `", "Action": "ec2:CreateTags", "Resource": "*", "Condition": {` + conditions + `}}`)
	}
	const tagKeys = `"ForAllValues:StringEquals": {"aws:TagKeys": ["environment", "cost-center"]}`
	const msg = `ForAllValues:StringEquals on "aws:TagKeys" is also true when the request has no aws:TagKeys; add "Null": {"aws:TagKeys": "false"} to require it`
	runCatalogCases(t, "condition-forallvalues-without-null", []catCase{
		{
			name: "no Null guard",
			src:  allow("Allow", tagKeys),
			want: []catFinding{{"note", "Statement[0].Condition.ForAllValues:StringEquals.aws:TagKeys", msg, ""}},
		},
		{name: "Null false on the key", src: allow("Allow", tagKeys+`, "Null": {"aws:TagKeys": "false"}`)},
		{name: "Null false as a list and a Boolean, key in other case", src: allow("Allow", tagKeys+`, "Null": {"AWS:tagkeys": [false]}`)},
		{
			name: "Null true is no guard",
			src:  allow("Allow", tagKeys+`, "Null": {"aws:TagKeys": "true"}`),
			want: []catFinding{{"note", "Statement[0].Condition.ForAllValues:StringEquals.aws:TagKeys", msg, ""}},
		},
		{
			name: "Null false on another key is no guard",
			src:  allow("Allow", tagKeys+`, "Null": {"aws:RequestTag/environment": "false"}`),
			want: []catFinding{{"note", "Statement[0].Condition.ForAllValues:StringEquals.aws:TagKeys", msg, ""}},
		},
		{
			name: "a Null guard in another statement does not count",
			src: catPolicy(`{"Effect": "Allow", "Action": "ec2:CreateTags", "Resource": "*", "Condition": {`+tagKeys+`}}`,
				`{"Effect": "Allow", "Action": "ec2:CreateTags", "Resource": "*", "Condition": {"Null": {"aws:TagKeys": "false"}}}`),
			want: []catFinding{{"note", "Statement[0].Condition.ForAllValues:StringEquals.aws:TagKeys", msg, ""}},
		},
		{name: "a Deny is stricter, not looser, when the key is absent", src: allow("Deny", tagKeys)},
		{name: "ForAnyValue is false for an absent key", src: allow("Allow", `"ForAnyValue:StringEquals": {"aws:TagKeys": "environment"}`)},
		// condition-forallvalues-single-valued flags single-valued keys.
		{name: "a single-valued key", src: allow("Allow", `"ForAllValues:StringEquals": {"aws:RequestTag/environment": "prod"}`)},
		{name: "an unknown key", src: allow("Allow", `"ForAllValues:StringEquals": {"aws:NoSuchKey": "a"}`)},
	})
}
