package policy_test

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/iamsim/iamsim/internal/catalog"
	"github.com/iamsim/iamsim/internal/managedpolicies"
	"github.com/iamsim/iamsim/policy"
)

func mustParse(t testing.TB, name, src string, kind policy.Kind) *policy.Document {
	t.Helper()
	doc, err := policy.Parse(name, []byte(src), kind)
	if err != nil {
		t.Fatalf("Parse %s: %v", name, err)
	}
	return doc
}

func TestWrite(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		kind policy.Kind
		src  string
		opts policy.WriteOptions
		want string
	}{
		{
			name: "element order, one value as a string, several as a list",
			kind: policy.Identity,
			src: `{"Statement": {"Resource": ["arn:aws:s3:::b/*"], "Action": ["s3:GetObject", "s3:PutObject"],
				"Effect": "Allow", "Sid": "Read"}, "Id": "p1", "Version": "2012-10-17"}`,
			want: `{
    "Version": "2012-10-17",
    "Id": "p1",
    "Statement": [
        {
            "Sid": "Read",
            "Effect": "Allow",
            "Action": [
                "s3:GetObject",
                "s3:PutObject"
            ],
            "Resource": "arn:aws:s3:::b/*"
        }
    ]
}
`,
		},
		{
			name: "Not elements, principal types and conditions sorted, condition lists kept",
			kind: policy.Resource,
			src: `{"Version": "2012-10-17", "Statement": [{"Effect": "Deny",
				"NotPrincipal": {"Service": "s3.amazonaws.com", "AWS": ["arn:aws:iam::111122223333:root", "444455556666"]},
				"NotAction": "s3:*", "NotResource": [],
				"Condition": {"StringEquals": {"s3:prefix": ["home/"], "aws:username": "bob"},
					"Bool": {"aws:SecureTransport": false}, "NumericLessThan": {"s3:max-keys": 10}}}]}`,
			want: `{
    "Version": "2012-10-17",
    "Statement": [
        {
            "Effect": "Deny",
            "NotPrincipal": {
                "AWS": [
                    "arn:aws:iam::111122223333:root",
                    "444455556666"
                ],
                "Service": "s3.amazonaws.com"
            },
            "NotAction": "s3:*",
            "NotResource": [],
            "Condition": {
                "Bool": {
                    "aws:SecureTransport": "false"
                },
                "NumericLessThan": {
                    "s3:max-keys": "10"
                },
                "StringEquals": {
                    "aws:username": "bob",
                    "s3:prefix": [
                        "home/"
                    ]
                }
            }
        }
    ]
}
`,
		},
		{
			name: "any principal, no Version, escapes",
			kind: policy.Resource,
			src:  `{"Statement": [{"Sid": "", "Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/\"q\"\\\t<&>\u00e9\u0001"}]}`,
			want: `{
    "Statement": [
        {
            "Sid": "",
            "Effect": "Allow",
            "Principal": "*",
            "Action": "s3:GetObject",
            "Resource": "arn:aws:s3:::b/\"q\"\\\t<&>é\u0001"
        }
    ]
}
`,
		},
		{
			name: "actions in the catalog's spelling",
			kind: policy.Identity,
			src:  `{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": ["S3:getobject", "IAM:List*", "*", "nosuch:thing"], "Resource": "*"}]}`,
			opts: policy.WriteOptions{SpellAction: catalog.Default().SpellAction},
			want: `{
    "Version": "2012-10-17",
    "Statement": [
        {
            "Effect": "Allow",
            "Action": [
                "s3:GetObject",
                "iam:List*",
                "*",
                "nosuch:thing"
            ],
            "Resource": "*"
        }
    ]
}
`,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			doc := mustParse(t, "src.json", tt.src, tt.kind)
			var buf bytes.Buffer
			if err := policy.Write(&buf, doc, tt.opts); err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, buf.String()); diff != "" {
				t.Errorf("mismatch (-want +got):\n%s", diff)
			}
			checkRoundTrip(t, tt.src, tt.kind, tt.opts)
		})
	}
}

// TestWriteError checks that Write returns the writer's error.
func TestWriteError(t *testing.T) {
	t.Parallel()
	doc := mustParse(t, "src.json", `{"Statement": {"Effect": "Allow", "Action": "*", "Resource": "*"}}`, policy.Identity)
	want := errors.New("disk full")
	if err := policy.Write(failingWriter{want}, doc, policy.WriteOptions{}); !errors.Is(err, want) {
		t.Errorf("Write = %v, want %v", err, want)
	}
}

type failingWriter struct{ err error }

func (w failingWriter) Write([]byte) (int, error) { return 0, w.err }

// canonical returns a copy of d as Write orders it: conditions by
// operator then key, principal entries by type; with spelled set, action
// entries lower-cased, since a speller may change their case only.
func canonical(d *policy.Document, spelled bool) *policy.Document {
	c := *d
	c.Statements = nil
	for _, st := range d.Statements {
		s := *st
		if s.Principal != nil {
			p := *s.Principal
			p.Entries = append([]policy.PrincipalEntry(nil), p.Entries...)
			sort.SliceStable(p.Entries, func(i, j int) bool { return p.Entries[i].Type < p.Entries[j].Type })
			s.Principal = &p
		}
		s.Conditions = append([]*policy.Condition(nil), s.Conditions...)
		sort.SliceStable(s.Conditions, func(i, j int) bool {
			a, b := s.Conditions[i], s.Conditions[j]
			return a.Operator.Text < b.Operator.Text || a.Operator.Text == b.Operator.Text && a.Key.Text < b.Key.Text
		})
		if spelled && s.Action != nil {
			l := *s.Action
			l.Items = append([]policy.Value(nil), l.Items...)
			for i := range l.Items {
				l.Items[i].Text = strings.ToLower(l.Items[i].Text)
			}
			s.Action = &l
		}
		c.Statements = append(c.Statements, &s)
	}
	return &c
}

// ignorePositions compares documents as models: where a value stood is
// not part of it.
var ignorePositions = cmpopts.IgnoreTypes(policy.Pos{})

// checkRoundTrip checks, for a source Parse accepts, that the parse of
// Write's output is the parse of the source (positions aside, in Write's
// order) and that writing that again prints the same bytes.
func checkRoundTrip(t testing.TB, src string, kind policy.Kind, opts policy.WriteOptions) {
	t.Helper()
	doc := mustParse(t, "src.json", src, kind)
	out := policy.Marshal(doc, opts)
	again, err := policy.Parse("src.json", out, kind)
	if err != nil {
		t.Fatalf("Parse of Write's output: %v\n%s", err, out)
	}
	spelled := opts.SpellAction != nil
	if diff := cmp.Diff(canonical(doc, spelled), canonical(again, spelled), ignorePositions); diff != "" {
		t.Fatalf("the written policy parses differently (-source +written):\n%s\n%s", diff, out)
	}
	if out2 := policy.Marshal(again, opts); !bytes.Equal(out, out2) {
		t.Fatalf("Write is not idempotent:\nfirst:\n%s\nsecond:\n%s", out, out2)
	}
}

// roundTripFiles checks every policy file matching pattern that Parse
// accepts as the kind its name starts with, and returns how many it
// checked.
func roundTripFiles(t *testing.T, pattern string) int {
	t.Helper()
	files, err := filepath.Glob(pattern)
	if err != nil || len(files) == 0 {
		t.Fatalf("no files match %s: %v", pattern, err)
	}
	speller := policy.WriteOptions{SpellAction: catalog.Default().SpellAction}
	n := 0
	for _, file := range files {
		src, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		kind := kindOf(t, file)
		if _, err := policy.Parse(file, src, kind); err != nil {
			continue // a deliberately broken policy
		}
		n++
		t.Run(filepath.Base(file), func(t *testing.T) {
			checkRoundTrip(t, string(src), kind, policy.WriteOptions{})
			checkRoundTrip(t, string(src), kind, speller)
		})
	}
	return n
}

// TestWriteRoundTripCorpus round-trips the valid policies of
// testdata/policies, testdata/lint and testdata/scenarios/policies.
func TestWriteRoundTripCorpus(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		pattern string
		min     int
	}{
		{filepath.Join(corpusDir, "*.json"), 20},
		{"../testdata/lint/*.json", 5},
		{"../testdata/scenarios/policies/*.json", 10},
	} {
		if n := roundTripFiles(t, tt.pattern); n < tt.min {
			t.Errorf("%s: %d policies round-tripped, want at least %d", tt.pattern, n, tt.min)
		}
	}
}

// TestWriteRoundTripManaged round-trips every embedded AWS managed policy
// that Parse accepts as an identity policy: nearly all of them.
func TestWriteRoundTripManaged(t *testing.T) {
	t.Parallel()
	snap, err := managedpolicies.Embedded()
	if err != nil {
		t.Fatal(err)
	}
	speller := policy.WriteOptions{SpellAction: catalog.Default().SpellAction}
	n := 0
	for _, p := range snap.Policies {
		if _, err := policy.Parse(p.Name, p.Document, policy.Identity); err != nil {
			continue
		}
		n++
		t.Run(p.Name, func(t *testing.T) {
			checkRoundTrip(t, string(p.Document), policy.Identity, policy.WriteOptions{})
			checkRoundTrip(t, string(p.Document), policy.Identity, speller)
		})
	}
	if n < len(snap.Policies)*9/10 {
		t.Errorf("%d of %d managed policies round-tripped, want at least 90%%", n, len(snap.Policies))
	}
}

// FuzzWriteRoundTrip checks, for every input Parse accepts, that Write's
// output parses back to the same model (positions aside) and that Write
// is idempotent. It is seeded with the policies of testdata/policies,
// testdata/lint and testdata/scenarios/policies, each with the kind of
// its file name. Actions are not respelled, which keeps every run fast
// and independent of the catalog.
func FuzzWriteRoundTrip(f *testing.F) {
	kinds := policy.Kinds()
	for _, pattern := range []string{
		filepath.Join(corpusDir, "*.json"), filepath.Join(corpusDir, "bad", "*.json"),
		"../testdata/lint/*.json", "../testdata/scenarios/policies/*.json",
	} {
		files, err := filepath.Glob(pattern)
		if err != nil {
			f.Fatal(err)
		}
		for _, file := range files {
			src, err := os.ReadFile(file)
			if err != nil {
				f.Fatal(err)
			}
			f.Add(src, uint8(kindOf(f, file)))
		}
	}
	f.Add([]byte(`{"Statement": {"Effect": "Allow", "Action": [], "Resource": "a\u0000\"\\", "Condition": {"Null": {"k": [true, false]}}}}`), uint8(policy.Identity))
	f.Fuzz(func(t *testing.T, src []byte, k uint8) {
		kind := kinds[int(k)%len(kinds)]
		doc, err := policy.Parse("fuzz.json", src, kind)
		if err != nil {
			return
		}
		out := policy.Marshal(doc, policy.WriteOptions{})
		if len(out) > policy.DefaultLimits.Bytes {
			return // indentation took the document past the size limit
		}
		again, err := policy.Parse("fuzz.json", out, kind)
		if err != nil {
			t.Fatalf("Parse of Write's output: %v\n%s", err, out)
		}
		if a, b := canonical(doc, false), canonical(again, false); !cmp.Equal(a, b, ignorePositions) {
			t.Fatalf("the written policy parses differently (-source +written):\n%s\n%s", cmp.Diff(a, b, ignorePositions), out)
		}
		if out2 := policy.Marshal(again, policy.WriteOptions{}); !bytes.Equal(out, out2) {
			t.Fatalf("Write is not idempotent:\nfirst:\n%s\nsecond:\n%s", out, out2)
		}
	})
}

func ExampleWrite() {
	src := `{"Statement": {"Resource": "*", "Effect": "Allow", "Action": ["s3:GetObject"],
		"Condition": {"Bool": {"aws:SecureTransport": true}}}, "Version": "2012-10-17"}`
	doc, err := policy.Parse("example.json", []byte(src), policy.Identity)
	if err != nil {
		fmt.Println(err)
		return
	}
	if err := policy.Write(os.Stdout, doc, policy.WriteOptions{}); err != nil {
		fmt.Println(err)
	}
	// Output:
	// {
	//     "Version": "2012-10-17",
	//     "Statement": [
	//         {
	//             "Effect": "Allow",
	//             "Action": "s3:GetObject",
	//             "Resource": "*",
	//             "Condition": {
	//                 "Bool": {
	//                     "aws:SecureTransport": "true"
	//                 }
	//             }
	//         }
	//     ]
	// }
}
