package policy_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/iamsim/iamsim/policy"
)

const corpusDir = "../testdata/policies"

// kindOf returns the policy kind named by a corpus file's prefix
// (testdata/policies/README.md: "The file-name prefix gives the policy kind").
func kindOf(t testing.TB, file string) policy.Kind {
	t.Helper()
	prefix, _, _ := strings.Cut(filepath.Base(file), "-")
	k, err := policy.ParseKind(prefix)
	if err != nil {
		t.Fatalf("%s: the file name does not start with a policy kind: %v", file, err)
	}
	return k
}

func corpusFiles(t testing.TB, pattern string) []string {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(corpusDir, pattern))
	if err != nil {
		t.Fatal(err)
	}
	if len(files) == 0 {
		t.Fatalf("no files match %s in %s", pattern, corpusDir)
	}
	return files
}

// TestCorpusValid parses every policy of testdata/policies, which are meant
// to be accepted by AWS, with the kind of its file name: none has a problem.
func TestCorpusValid(t *testing.T) {
	t.Parallel()
	for _, file := range corpusFiles(t, "*.json") {
		t.Run(filepath.Base(file), func(t *testing.T) {
			t.Parallel()
			src, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			kind := kindOf(t, file)
			doc, err := policy.Parse(file, src, kind)
			if err != nil {
				var detail []string
				for _, e := range err.(policy.ErrorList) {
					detail = append(detail, e.Detail())
				}
				t.Fatalf("Parse as %v:\n%s", kind, strings.Join(detail, "\n"))
			}
			if doc == nil || len(doc.Statements) == 0 {
				t.Fatalf("Parse as %v returned %+v, want a document with statements", kind, doc)
			}
			if doc.Kind != kind || doc.Name != file {
				t.Errorf("document kind %v name %q, want %v %q", doc.Kind, doc.Name, kind, file)
			}
		})
	}
}

// TestCorpusDetectKind checks DetectKind on the valid corpus: it tells
// identity, resource and trust policies apart; boundaries, session policies
// and SCPs look like identity policies, RCPs and endpoint policies like
// resource policies (they name principals).
func TestCorpusDetectKind(t *testing.T) {
	t.Parallel()
	detected := map[policy.Kind]policy.Kind{
		policy.Identity: policy.Identity,
		policy.Resource: policy.Resource,
		policy.Trust:    policy.Trust,
		policy.Boundary: policy.Identity,
		policy.Session:  policy.Identity,
		policy.SCP:      policy.Identity,
		policy.RCP:      policy.Resource,
		policy.Endpoint: policy.Resource,
	}
	for _, file := range corpusFiles(t, "*.json") {
		src, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		want := detected[kindOf(t, file)]
		if got := policy.DetectKind(src); got != want {
			t.Errorf("%s: DetectKind = %v, want %v", filepath.Base(file), got, want)
		}
	}
}

// badCorpus pins the problems of every file in testdata/policies/bad, each
// written with exactly one deliberate problem (README.md). A new bad file
// needs an entry here.
var badCorpus = map[string][]string{
	"identity-action-and-notaction.json":  {"8:13 E011"},
	"identity-bad-arn.json":               {"8:25 E016"},
	"identity-bad-cidr.json":              {"11:37 E014"},
	"identity-bad-date.json":              {"11:40 E014"},
	"identity-bad-effect.json":            {"6:23 E008"},
	"identity-bad-number.json":            {"11:47 E014"},
	"identity-bad-variable.json":          {"8:48 E015"},
	"identity-bad-version.json":           {"2:16 E006"},
	"identity-duplicate-key.json":         {"8:13 E003"},
	"identity-forallvalues-typo.json":     {"10:17 E013"},
	"identity-missing-resource.json":      {"4:9 E010"},
	"identity-null-ifexists.json":         {"10:17 E013"},
	"identity-principal-in-identity.json": {"7:13 E018"},
	"identity-syntax-error.json":          {"7:13 E001"},
	"identity-trailing-data.json":         {"12:1 E002"},
	// Without Action the statement also misses it.
	"identity-unknown-element.json":         {"4:9 E009", "7:13 E004"},
	"identity-unknown-operator.json":        {"10:17 E012"},
	"rcp-allow-not-full-access.json":        {"6:23 E018"},
	"resource-notprincipal-with-allow.json": {"7:13 E020"},
	"scp-principal-in-scp.json":             {"7:13 E018"},
	"session-incomplete-arn.json":           {"7:25 E016"},
	"trust-missing-principal.json":          {"4:9 E019"},
}

func TestCorpusBad(t *testing.T) {
	t.Parallel()
	seen := map[string]bool{}
	for _, file := range corpusFiles(t, filepath.Join("bad", "*.json")) {
		name := filepath.Base(file)
		seen[name] = true
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			want, ok := badCorpus[name]
			if !ok {
				t.Fatalf("no entry in badCorpus for %s: add the problems it must produce", name)
			}
			src, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			_, err = policy.Parse(name, src, kindOf(t, file))
			if err == nil {
				t.Fatal("Parse: no problem found")
			}
			if diff := cmp.Diff(want, problems(t, name, err)); diff != "" {
				t.Errorf("mismatch (-want +got):\n%s\nerrors:\n%v", diff, err)
			}
		})
	}
	for name := range badCorpus {
		if !seen[name] {
			t.Errorf("badCorpus has %s, which is not in %s/bad", name, corpusDir)
		}
	}
}
