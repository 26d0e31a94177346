package cli

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestEndColumnsOneConvention checks that every end position iamsim
// prints is exclusive, the column just after the last character: lint's
// JSON and SARIF for a value, eval's JSON and --format aws for a
// statement (docs/cli.md, "Positions").
func TestEndColumnsOneConvention(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "p.json")
	src := `{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": ["s3:GetObject", "s3:GetObjectt"], "Resource": "*"}]}` + "\n"
	if err := os.WriteFile(file, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	line := strings.TrimSuffix(src, "\n")
	// last is the character before an exclusive end column.
	last := func(endCol int) string {
		if endCol < 2 || endCol-2 >= len(line) {
			return ""
		}
		return line[endCol-2 : endCol-1]
	}

	_, out, _ := run(t, "", "lint", "--format", "json", file)
	var lint struct {
		Findings []struct {
			Rule      string `json:"rule"`
			Column    int    `json:"column"`
			EndColumn int    `json:"endColumn"`
		} `json:"findings"`
	}
	if err := json.Unmarshal([]byte(out), &lint); err != nil {
		t.Fatalf("lint: %v\n%s", err, out)
	}
	checked := false
	for _, f := range lint.Findings {
		if f.Column > 0 && line[f.Column-1:f.Column] == `"` && f.EndColumn > f.Column {
			checked = true
			if got := last(f.EndColumn); got != `"` {
				t.Errorf("lint %s: endColumn %d ends on %q, want the closing quote before it", f.Rule, f.EndColumn, got)
			}
		}
	}
	if !checked {
		t.Fatalf("no lint finding on a string value to check:\n%s", out)
	}

	args := []string{"eval", "--principal", "arn:aws:iam::111122223333:user/alice", "--action", "s3:GetObject", "--resource", "*", "--identity", file}
	_, out, stderr := run(t, "", append(args, "--format", "json")...)
	var eval []struct {
		Deciding []struct {
			EndLine   int `json:"endLine"`
			EndColumn int `json:"endColumn"`
		} `json:"deciding"`
	}
	if err := json.Unmarshal([]byte(out), &eval); err != nil || len(eval) != 1 || len(eval[0].Deciding) != 1 {
		t.Fatalf("eval: %v, stderr %q\n%s", err, stderr, out)
	}
	if got := last(eval[0].Deciding[0].EndColumn); got != "}" {
		t.Errorf("eval: endColumn %d ends on %q, want the closing brace before it", eval[0].Deciding[0].EndColumn, got)
	}

	_, out, stderr = run(t, "", append(args, "--format", "aws")...)
	var aws struct {
		EvaluationResults []struct {
			MatchedStatements []struct {
				EndPosition struct{ Column int } `json:"EndPosition"`
			} `json:"MatchedStatements"`
		} `json:"EvaluationResults"`
	}
	if err := json.Unmarshal([]byte(out), &aws); err != nil || len(aws.EvaluationResults) != 1 || len(aws.EvaluationResults[0].MatchedStatements) != 1 {
		t.Fatalf("aws: %v, stderr %q\n%s", err, stderr, out)
	}
	if got := aws.EvaluationResults[0].MatchedStatements[0].EndPosition.Column; got != eval[0].Deciding[0].EndColumn {
		t.Errorf("--format aws EndPosition column %d, eval endColumn %d: want one convention", got, eval[0].Deciding[0].EndColumn)
	}
}
