package catfile

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestEncodeDecode checks that Decode gives back what Encode wrote, nil
// for what is empty, and that Encode depends only on the catalog.
func TestEncodeDecode(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		in   *Catalog
	}{
		{"empty", &Catalog{}},
		{"header only", &Catalog{Header: Header{Source: "s", Package: "p", Version: "v", Date: "d", UpdatedAt: "u",
			Repository: "r", Integrity: "i", Licence: "l", Provenance: "o", Generated: "g"}}},
		{"everything", &Catalog{
			Services: []*Service{
				{Prefix: "a", Name: "A"},
				{
					Prefix: "s3", Name: "Amazon S3",
					Actions: []Action{
						{Name: "GetObject", Access: []string{"Read"}, ConditionKeys: []string{"s3:x", "aws:y"},
							Resources: []ActionResource{{Type: "object", Required: true, ConditionKeys: []string{"s3:x"}}, {Type: "Bucket"}}},
						{Name: "Run", Access: []string{"Read"}, Scenarios: []Scenario{{Name: "one", Resources: []ActionResource{{Type: "object"}}}, {Name: "none"}}},
					},
					ResourceTypes: []ResourceType{{Name: "bucket", ARN: "arn:${Partition}:s3:::${BucketName}"}, {Name: "object", ARN: "arn:é", ConditionKeys: []string{"s3:x"}}},
					ConditionKeys: []ConditionKey{{Name: "s3:x", Type: "String"}, {Name: "s3:T/${TagKey}", Type: "ArrayOfString", Category: "c"}},
				},
			},
			GlobalKeys: []ConditionKey{{Name: "aws:y", Type: "Bool", Category: "request"}},
			KeyAliases: map[string][]string{"saml": {"sts"}, "b": {"sts", "x"}, "a": {"x"}},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b := Encode(tt.in)
			if !strings.HasPrefix(string(b), Magic) {
				t.Fatalf("no magic: %q", b)
			}
			got, err := Decode(string(b))
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.in, got); diff != "" {
				t.Errorf("round trip mismatch (-want +got):\n%s", diff)
			}
			if again := Encode(got); string(again) != string(b) {
				t.Errorf("encoding the decoded catalog gives other bytes")
			}
		})
	}
}

// TestDecodeErrors checks that a damaged file is an error naming its
// offset.
func TestDecodeErrors(t *testing.T) {
	t.Parallel()
	file := string(Encode(&Catalog{Services: []*Service{{Prefix: "s", Actions: []Action{{Name: "A", Access: []string{"Read"},
		Resources: []ActionResource{{Type: "t", Required: true}}}}, ResourceTypes: []ResourceType{{Name: "t"}}}}}))
	bad := []string{"", "iamsim-catalog 0\n" + file[len(Magic):], file + "x", strings.Replace(file, "\x01\x00\x01", "\x01\x00\x07", 1)}
	for n := range len(file) {
		bad = append(bad, file[:n])
	}
	for _, in := range bad {
		_, err := Decode(in)
		if err == nil || !strings.Contains(err.Error(), "offset ") {
			t.Errorf("Decode(%q) = %v, want an error naming the offset", in, err)
		}
	}
}
