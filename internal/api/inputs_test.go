package api

import (
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/iamsim/iamsim/evaluator"
)

func TestContextFlags(t *testing.T) {
	t.Parallel()
	ctx := evaluator.Context{}
	if err := ParseContext(ctx, []string{"aws:SourceIp=203.0.113.5", "aws:TagKeys=a,b", "team=x", "TEAM=y"}); err != nil {
		t.Fatal(err)
	}
	if err := parseContextEntries(ctx, []string{
		"ContextKeyName=aws:PrincipalTag/dept,ContextKeyValues=eng,ContextKeyType=string",
		"ContextKeyName=aws:CalledVia,ContextKeyValues=a.amazonaws.com,b.amazonaws.com,ContextKeyType=stringList",
		`[{"ContextKeyName": "s3:prefix", "ContextKeyValues": ["home/"], "ContextKeyType": "string"}]`,
	}); err != nil {
		t.Fatal(err)
	}
	if err := applyNow(ctx, "2026-01-31T12:00:00+01:00", time.Now); err != nil {
		t.Fatal(err)
	}
	want := evaluator.Context{
		"aws:SourceIp":          {Values: []string{"203.0.113.5"}},
		"aws:TagKeys":           {Values: []string{"a", "b"}, Multi: true},
		"team":                  {Values: []string{"x", "y"}, Multi: true},
		"aws:PrincipalTag/dept": {Values: []string{"eng"}},
		"aws:CalledVia":         {Values: []string{"a.amazonaws.com", "b.amazonaws.com"}, Multi: true},
		"s3:prefix":             {Values: []string{"home/"}},
		"aws:CurrentTime":       {Values: []string{"2026-01-31T11:00:00Z"}},
		"aws:EpochTime":         {Values: []string{"1769857200"}},
	}
	if diff := cmp.Diff(want, ctx); diff != "" {
		t.Errorf("mismatch (-want +got):\n%s", diff)
	}
	for _, bad := range []string{"novalue", "=x"} {
		if err := ParseContext(evaluator.Context{}, []string{bad}); err == nil {
			t.Errorf("ParseContext(%q) accepted it", bad)
		}
	}
	if err := applyNow(evaluator.Context{}, "yesterday", time.Now); err == nil {
		t.Error("applyNow accepted an instant that is not RFC 3339")
	}
}
