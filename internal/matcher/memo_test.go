package matcher

import (
	"fmt"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/iamsim/iamsim/policy"
)

// TestMemo checks that a Memo gives what its base Context gives: after a
// Reset to another base, for keys that share a slot, and for one key read
// by operators of different families.
func TestMemo(t *testing.T) {
	t.Parallel()
	// Two keys whose hashes start at the same entry.
	a, b := "test:a", ""
	for i := 0; b == ""; i++ {
		if k := fmt.Sprintf("test:b%d", i); NewKey(k).hash%memoSize == NewKey(a).hash%memoSize {
			b = k
		}
	}
	first := MapContext{}
	first.Set(a, "1")
	first.Set(b, "2")
	second := MapContext{}
	second.SetList(a, "3", "4")

	var m Memo
	type got struct {
		Values    []string
		Multi, OK bool
	}
	look := func(key string) got {
		v, multi, ok := m.Lookup(key)
		return got{v, multi, ok}
	}
	m.Reset(first)
	for i := 0; i < 2; i++ { // a and b take turns in their slot
		if diff := cmp.Diff(got{[]string{"1"}, false, true}, look(a)); diff != "" {
			t.Errorf("%s: mismatch (-want +got):\n%s", a, diff)
		}
		if diff := cmp.Diff(got{[]string{"2"}, false, true}, look(b)); diff != "" {
			t.Errorf("%s: mismatch (-want +got):\n%s", b, diff)
		}
	}
	// More keys than the Memo remembers.
	many := MapContext{}
	for i := 0; i < 2*memoSize; i++ {
		many.Set(fmt.Sprintf("test:k%d", i), fmt.Sprint(i))
	}
	m.Reset(many)
	for round := 0; round < 2; round++ {
		for i := 0; i < 2*memoSize+1; i++ {
			want := got{[]string{fmt.Sprint(i)}, false, true}
			if i == 2*memoSize {
				want = got{} // absent
			}
			if diff := cmp.Diff(want, look(fmt.Sprintf("test:k%d", i))); diff != "" {
				t.Errorf("test:k%d, round %d: mismatch (-want +got):\n%s", i, round, diff)
			}
		}
	}
	m.Reset(second)
	if diff := cmp.Diff(got{[]string{"3", "4"}, true, true}, look(a)); diff != "" {
		t.Errorf("%s after Reset: mismatch (-want +got):\n%s", a, diff)
	}
	if diff := cmp.Diff(got{}, look(b)); diff != "" {
		t.Errorf("%s after Reset: mismatch (-want +got):\n%s", b, diff)
	}

	// One key read as a number, then as a date, then as a number again.
	ctx := MapContext{}
	ctx.Set("test:n", "1767225600")
	m.Reset(ctx)
	for _, c := range []struct{ op, value string }{
		{"NumericEquals", `"1767225600"`},
		{"DateEquals", `"2026-01-01T00:00:00Z"`},
		{"NumericLessThan", `"1767225601"`},
		{"IpAddress", `"10.0.0.0/8"`},
	} {
		doc, err := policy.Parse("p.json", []byte(`{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*", "Condition": {"`+c.op+`": {"test:n": `+c.value+`}}}}`), policy.Identity)
		if err != nil {
			t.Fatal(err)
		}
		cond := Compile(doc).Statements[0].Conditions[0]
		if want, got := cond.Eval(ctx, policy.Allow), cond.Eval(&m, policy.Allow); got != want {
			t.Errorf("%s through a Memo = %t, want %t", c.op, got, want)
		}
	}
}

// FuzzParseDate checks the fast path of parseDate against
// policy.ParseDate.
func FuzzParseDate(f *testing.F) {
	for _, s := range []string{
		"2026-03-01T12:00:00Z", "2026-02-29T00:00:00Z", "2024-02-29T23:59:59Z", "2026-13-01T00:00:00Z",
		"2026-00-10T00:00:00Z", "2026-04-31T00:00:00Z", "2026-01-01T24:00:00Z", "2026-01-01T00:60:00Z",
		"2026-01-01T00:00:60Z", "0000-01-01T00:00:00Z", "9999-12-31T23:59:59Z", "2026-01-01t00:00:00z",
		"2026-01-01T00:00:00+00:00", "2026-01-01 00:00:00Z", "1767225600", "2026", "2026-0a-01T00:00:00Z",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		want, wantOK := policy.ParseDate(s)
		got, gotOK := parseDate(s)
		if gotOK != wantOK || !got.Equal(want) {
			t.Errorf("parseDate(%q) = %v, %t; policy.ParseDate says %v, %t", s, got, gotOK, want, wantOK)
		}
	})
}

// TestParseDate compares parseDate with policy.ParseDate over dates of
// the fast path's form, in range and out of it.
func TestParseDate(t *testing.T) {
	t.Parallel()
	for _, y := range []int{0, 1, 399, 400, 1600, 1900, 1969, 1970, 2000, 2023, 2024, 2100, 9999} {
		for mo := 0; mo <= 13; mo++ {
			for d := 0; d <= 32; d++ {
				for _, hms := range [][3]int{{0, 0, 0}, {23, 59, 59}, {24, 0, 0}, {0, 60, 0}, {0, 0, 60}, {12, 30, 7}} {
					s := fmt.Sprintf("%04d-%02d-%02dT%02d:%02d:%02dZ", y, mo, d, hms[0], hms[1], hms[2])
					want, wantOK := policy.ParseDate(s)
					got, gotOK := parseDate(s)
					if gotOK != wantOK || !got.Equal(want) {
						t.Fatalf("parseDate(%q) = %v, %t; policy.ParseDate says %v, %t", s, got, gotOK, want, wantOK)
					}
				}
			}
		}
	}
}
