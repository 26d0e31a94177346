package cli

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"strconv"

	"github.com/iamsim/iamsim/internal/api"
	"github.com/iamsim/iamsim/internal/sarif"
	"github.com/iamsim/iamsim/policy"
)

// diffRulesDocURI is where diff's SARIF rules are described.
const diffRulesDocURI = "https://github.com/iamsim/iamsim/blob/main/docs/diff.md"

// The rules of diff's SARIF output, in the order of driver.rules.
var diffSARIFRules = []sarif.Rule{
	{
		ID: "IAMSIM-DIFF-WIDENING", Name: "DiffWidening",
		ShortDescription: sarif.Text{Text: "The policy change allows a request the old policy did not"},
		FullDescription: sarif.Text{Text: "A statement of the new policy allows an action that the old policy did not, or a Deny " +
			"statement or limit (a permissions boundary, an SCP) that the old policies had no longer stops it: the message " +
			"gives a request that the evaluator allows under the new policy and not under the old one, the change responsible " +
			"and, for account exports, the principals it applies to."},
		Help: sarif.Help{
			Text:     "Check that the new access is intended. Run iamsim diff OLD NEW to see every widening with its witness request.",
			Markdown: "Check that the new access is intended. Run `iamsim diff OLD NEW` to see every widening with its witness request.",
		},
		HelpURI:              diffRulesDocURI + "#a-worked-example",
		DefaultConfiguration: sarif.Level{Level: "error"},
		Properties:           sarif.RuleProperties{Tags: []string{"iam", "security"}, Precision: "very-high", SecuritySeverity: "5.5"},
	},
	{
		ID: "IAMSIM-DIFF-POSSIBLE", Name: "DiffPossibleWidening",
		ShortDescription: sarif.Text{Text: "The policy change might allow a request the old policy did not"},
		FullDescription: sarif.Text{Text: "The analysis could not settle whether this statement widens access (a shape it cannot " +
			"reason about exactly, or its budget ran out); the message says why."},
		Help: sarif.Help{
			Text:     "Review the statement by hand; docs/diff.md lists the shapes reported as possible widenings.",
			Markdown: "Review the statement by hand; [docs/diff.md](" + diffRulesDocURI + "#possible-widenings) lists the shapes reported as possible widenings.",
		},
		HelpURI:              diffRulesDocURI + "#possible-widenings",
		DefaultConfiguration: sarif.Level{Level: "warning"},
		Properties:           sarif.RuleProperties{Tags: []string{"iam", "security"}, Precision: "medium", SecuritySeverity: "3.0"},
	},
}

// writeDiffSARIFReport writes a comparison as SARIF, naming the embedded
// service catalog in the driver.
func writeDiffSARIFReport(w io.Writer, r *api.DiffReport) error {
	cat, err := api.EmbeddedCatalog()
	if err != nil {
		return err
	}
	return writeDiffSARIF(w, r, cat)
}

// writeDiffSARIF writes a comparison as SARIF 2.1.0 (docs/diff.md): a
// result per widening at the NEW statement that allows it, with its
// witness in the message, and a warning per possible widening.
// Narrowings take nothing away that code scanning should flag, so they
// are not written.
func writeDiffSARIF(w io.Writer, r *api.DiffReport, catalog api.CatalogInfo) error {
	run := sarif.Run{
		Tool: sarif.Tool{Driver: sarif.Driver{
			Name: "iamsim", SemanticVersion: Version, InformationURI: "https://github.com/iamsim/iamsim", Rules: diffSARIFRules,
			Properties: map[string]string{"catalogPackage": catalog.Package, "catalogVersion": catalog.Version, "catalogDate": catalog.Date},
		}},
		ColumnKind: "unicodeCodePoints", Results: []sarif.Result{},
	}
	seen := map[string]int{}
	for _, p := range r.Pairs {
		for _, f := range p.Widenings {
			msg := sarifMessage(p, f)
			run.Results = append(run.Results, diffResult(0, f.Cause, findingPlace(p, f, false), msg, f.Witness.Action, p, seen))
		}
		for _, x := range p.Possible {
			if x.Narrowing {
				continue
			}
			at, msg := statementPlace(x.Statement), fmt.Sprintf("%s%s %s might widen access: %s", subjectPrefix(p), x.Statement.Where(), statementName(x.Statement), x.Why)
			if x.Old && p.New != "" {
				// The OLD file may not be in the tree (diff --base):
				// point at the start of NEW, or where NEW declares the
				// principal, and name the OLD statement.
				at, msg = place{start: policy.Pos{File: p.New}}, subjectPrefix(p)+"OLD "+msg[len(subjectPrefix(p)):]
				if len(p.Principals) > 0 {
					at = principalPlace(p.Principals[0])
				}
			}
			run.Results = append(run.Results, diffResult(1, api.DiffCause{Statement: x.Statement}, at, msg, x.Why, p, seen))
		}
	}
	return sarif.Write(w, sarif.NewLog(run))
}

// diffResult is one result of rule diffSARIFRules[rule] about a cause,
// located at a place (the start of its file when it has no line). Its
// properties name the policy kind and, for an export, the principals.
func diffResult(rule int, c api.DiffCause, at place, msg, what string, p api.DiffPair, seen map[string]int) sarif.Result {
	region := sarif.Region{StartLine: 1, StartColumn: 1, EndLine: 1, EndColumn: 2}
	if at.start.Line > 0 {
		end := at.end
		if !end.IsValid() {
			end = at.start
			end.Col++
		}
		region = sarif.Region{StartLine: at.start.Line, StartColumn: at.start.Col, EndLine: end.Line, EndColumn: end.Col}
	}
	uri := sarif.ArtifactURI(at.start.File)
	id := diffSARIFRules[rule].ID
	props := map[string]any{"policyKind": p.Kind.String()}
	if len(p.Principals) > 0 {
		props["principals"] = principalNames(p)
	}
	return sarif.Result{
		RuleID: id, RuleIndex: rule, Level: diffSARIFRules[rule].DefaultConfiguration.Level, Message: sarif.Text{Text: msg},
		Locations:           sarif.At(uri, region),
		PartialFingerprints: map[string]string{"primaryLocationLineHash": diffFingerprint(id, uri, c, what, seen)},
		Properties:          props,
	}
}

// diffFingerprint identifies a result independently of its line, so that
// code scanning tracks it across edits elsewhere in the policy: a hash of
// the rule, the file, the cause (its statement's Sid, else its index;
// its side; a policy removed) and what the result is about (the action,
// or why it is possible), with a counter for repeats.
func diffFingerprint(rule, uri string, c api.DiffCause, what string, seen map[string]int) string {
	stmt := c.Statement.Sid
	if stmt == "" {
		stmt = "#" + strconv.Itoa(c.Statement.Index)
	}
	if c.Other {
		stmt = "other:" + c.Statement.Layer.String() + ":" + stmt
	}
	sum := sha256.Sum256([]byte(rule + "\x00" + uri + "\x00" + stmt + "\x00" + what))
	key := hex.EncodeToString(sum[:16])
	seen[key]++
	return fmt.Sprintf("%s:%d", key, seen[key])
}
