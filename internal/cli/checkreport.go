package cli

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"github.com/iamsim/iamsim/internal/api"
	"github.com/iamsim/iamsim/policy"
)

// writeCheckText prints a check's report for a reader: per policy its
// result, Access Analyzer's message, and each reason at its position with
// the eval command that shows its witness.
func writeCheckText(w io.Writer, r *api.CheckReport) error {
	var b strings.Builder
	failed := 0
	for _, p := range r.Policies {
		if p.Result == api.CheckFail {
			failed++
		}
		fmt.Fprintf(&b, "%s %s (%s)\n", p.Result, p.Name, checkKindPhrase(r, p))
		fmt.Fprintf(&b, "  %s\n", p.Message)
		for _, rs := range p.Reasons {
			fmt.Fprintf(&b, "  %s: %s\n", rs.Pos, rs.Description)
			if rs.Witness != nil {
				fmt.Fprintf(&b, "    witness: %s\n", witnessCommand(p, rs.Witness))
			} else if rs.Note != "" {
				fmt.Fprintf(&b, "    %s\n", rs.Note)
			}
		}
	}
	if len(r.Policies) > 1 {
		fmt.Fprintf(&b, "%s: %d of %d policies fail %s\n", r.Result, failed, len(r.Policies), r.Check)
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// checkKindNames are the policy kinds as the output names them.
var checkKindNames = map[policy.Kind]string{
	policy.Identity: "identity policy", policy.Resource: "resource policy", policy.Trust: "role trust policy",
	policy.Boundary: "permissions boundary", policy.Session: "session policy", policy.SCP: "SCP",
	policy.RCP: "RCP", policy.Endpoint: "VPC endpoint policy",
}

// checkKindPhrase says how a policy was read: "identity policy,
// detected", "resource policy of AWS::S3::Bucket".
func checkKindPhrase(r *api.CheckReport, p api.CheckedPolicy) string {
	kind := checkKindNames[p.Kind]
	switch p.KindFrom {
	case "detected":
		kind += ", detected"
	case "--resource-type":
		kind += " of " + r.ResourceType
	default:
		kind += ", from --type"
	}
	if r.Check == "no-new-access" {
		kind += "; existing policy " + orNone(p.Base)
	}
	return kind
}

// witnessCommand writes the iamsim eval command that decides a witness
// request, given the checked policy alone.
func witnessCommand(p api.CheckedPolicy, wit *api.CheckWitness) string {
	args := []string{"iamsim", "eval", "--principal", shellWord(wit.Principal)}
	if wit.RoleARN != "" {
		args = append(args, "--role-arn", shellWord(wit.RoleARN))
	}
	args = append(args, "--action", shellWord(wit.Action), "--resource", shellWord(wit.Resource))
	if wit.ResourceAccount != "" {
		args = append(args, "--resource-account", wit.ResourceAccount)
	}
	for _, c := range wit.Context {
		args = append(args, "--context", shellWord(c.Key+"="+strings.Join(c.Values, ",")))
	}
	switch p.Kind {
	case policy.Resource:
		args = append(args, "--resource-policy", shellWord(p.Arg))
	case policy.Trust:
		args = append(args, "--resource-policy", shellWord(p.Arg), "--resource-policy-type", "trust")
	default:
		args = append(args, "--identity", shellWord(p.Arg))
	}
	return strings.Join(args, " ")
}

// shellWord quotes s for a POSIX shell when it holds anything but
// letters, digits and :/._@=,+-.
func shellWord(s string) string {
	if s != "" && strings.Trim(s, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789:/._@=,+-") == "" {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}

// The JSON output of a check, documented in docs/checks.md. Fields are
// only added, never renamed or removed, while SchemaVersion stays 1.
// result, message, reasons, description, statementIndex and statementId
// are Access Analyzer's names.
type (
	checkJSON struct {
		SchemaVersion int               `json:"schemaVersion"`
		Tool          checkJSONTool     `json:"tool"`
		Check         string            `json:"check"`
		Base          string            `json:"base,omitempty"`
		ResourceType  string            `json:"resourceType,omitempty"`
		Result        string            `json:"result"`
		Policies      []checkJSONPolicy `json:"policies"`
	}
	checkJSONTool struct {
		Name    string           `json:"name"`
		Version string           `json:"version"`
		Catalog checkJSONCatalog `json:"catalog"`
	}
	checkJSONCatalog struct {
		Package string `json:"package"`
		Version string `json:"version"`
		Date    string `json:"date"`
	}
	checkJSONPolicy struct {
		Policy   string            `json:"policy"`
		Base     string            `json:"base,omitempty"`
		Kind     string            `json:"kind"`
		KindFrom string            `json:"kindFrom"`
		Result   string            `json:"result"`
		Message  string            `json:"message"`
		Reasons  []checkJSONReason `json:"reasons"`
	}
	checkJSONReason struct {
		Description    string            `json:"description"`
		StatementIndex int               `json:"statementIndex"`
		StatementID    string            `json:"statementId,omitempty"`
		File           string            `json:"file"`
		Line           int               `json:"line"`
		Column         int               `json:"column"`
		Witness        *checkJSONWitness `json:"witness,omitempty"`
		Note           string            `json:"note,omitempty"`
	}
	checkJSONWitness struct {
		Principal       string             `json:"principal"`
		RoleARN         string             `json:"roleArn,omitempty"`
		Action          string             `json:"action"`
		Resource        string             `json:"resource"`
		ResourceAccount string             `json:"resourceAccount,omitempty"`
		Context         []checkJSONContext `json:"context"`
		Command         string             `json:"command"`
	}
	checkJSONContext struct {
		Key    string   `json:"key"`
		Values []string `json:"values"`
	}
)

// writeCheckJSON prints a check's report as JSON.
func writeCheckJSON(w io.Writer, r *api.CheckReport) error {
	out := checkJSON{
		SchemaVersion: 1,
		Tool:          checkJSONTool{Name: "iamsim", Version: Version, Catalog: checkJSONCatalog{r.Catalog.Package, r.Catalog.Version, r.Catalog.Date}},
		Check:         r.Check, Base: r.Base, ResourceType: r.ResourceType, Result: string(r.Result),
		Policies: []checkJSONPolicy{},
	}
	for _, p := range r.Policies {
		jp := checkJSONPolicy{Policy: p.Name, Base: p.Base, Kind: p.Kind.String(), KindFrom: p.KindFrom, Result: string(p.Result), Message: p.Message, Reasons: []checkJSONReason{}}
		for _, rs := range p.Reasons {
			jr := checkJSONReason{
				Description: rs.Description, StatementIndex: rs.StatementIndex, StatementID: rs.StatementID,
				File: rs.Pos.File, Line: rs.Pos.Line, Column: rs.Pos.Col, Note: rs.Note,
			}
			if wit := rs.Witness; wit != nil {
				jw := &checkJSONWitness{Principal: wit.Principal, RoleARN: wit.RoleARN, Action: wit.Action, Resource: wit.Resource, ResourceAccount: wit.ResourceAccount,
					Context: []checkJSONContext{}, Command: witnessCommand(p, wit)}
				for _, c := range wit.Context {
					jw.Context = append(jw.Context, checkJSONContext{c.Key, c.Values})
				}
				jr.Witness = jw
			}
			jp.Reasons = append(jp.Reasons, jr)
		}
		out.Policies = append(out.Policies, jp)
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(out)
}
