package cli

import (
	"encoding/json"
	"io"

	"github.com/iamsim/iamsim/evaluator"
	"github.com/iamsim/iamsim/internal/api"
)

// diffSchemaVersion is the version of diff's JSON output (docs/diff.md,
// "JSON output"); it changes when a field changes meaning or goes away.
const diffSchemaVersion = 1

type diffJSON struct {
	SchemaVersion int            `json:"schemaVersion"`
	Input         string         `json:"input,omitempty"`
	Pairs         []diffPairJSON `json:"pairs"`
	Widenings     int            `json:"widenings"`
	Possible      int            `json:"possibleWidenings"`
}

type diffPairJSON struct {
	Old        string              `json:"old,omitempty"`
	New        string              `json:"new,omitempty"`
	Subject    string              `json:"subject,omitempty"`
	Kind       string              `json:"kind"`
	Detected   string              `json:"detected,omitempty"`
	Principals []diffPrincipalJSON `json:"principals,omitempty"`
	Widenings  []diffFindingJSON   `json:"widenings"`
	Narrowings []diffFindingJSON   `json:"narrowings,omitempty"`
	Possible   []diffPossibleJSON  `json:"possible"`
	Changes    []diffChangeJSON    `json:"changes"`
	// Evaluations counts the requests decided, a measure of the search.
	Evaluations int `json:"evaluations"`
}

type diffFindingJSON struct {
	Action       string                     `json:"action"`
	AccessLevels []string                   `json:"accessLevels"`
	Principal    string                     `json:"principal"`
	Resource     string                     `json:"resource"`
	Context      map[string]diffContextJSON `json:"context"`
	Absent       []string                   `json:"absent"`
	diffCauseJSON
	Also  []diffCauseJSON    `json:"also,omitempty"`
	Grant *diffStatementJSON `json:"grant,omitempty"`
}

// diffCauseJSON is a change responsible for a finding.
type diffCauseJSON struct {
	Statement diffStatementJSON `json:"statement"`
	// Side is where the statement stands: "new" or "old".
	Side    string `json:"side"`
	Removed bool   `json:"removed,omitempty"`
}

type diffPrincipalJSON struct {
	Name   string `json:"name"`
	File   string `json:"file"`
	Line   int    `json:"line"`
	Column int    `json:"column"`
}

type diffContextJSON struct {
	Values []string `json:"values"`
	Multi  bool     `json:"multi,omitempty"`
}

type diffStatementJSON struct {
	File   string `json:"file"`
	Line   int    `json:"line"`
	Column int    `json:"column"`
	Sid    string `json:"sid,omitempty"`
	Index  int    `json:"index"`
	Layer  string `json:"layer,omitempty"`
	Level  int    `json:"level,omitempty"`
}

type diffPossibleJSON struct {
	Side      string            `json:"side"`
	Statement diffStatementJSON `json:"statement"`
	Why       string            `json:"why"`
	Narrowing bool              `json:"narrowing,omitempty"`
}

type diffChangeJSON struct {
	diffCauseJSON
	Narrowing bool           `json:"narrowing,omitempty"`
	Actions   int            `json:"actions"`
	ByLevel   map[string]int `json:"byAccessLevel"`
}

// writeDiffJSON writes a comparison as JSON (schema in docs/diff.md).
func writeDiffJSON(w io.Writer, r *api.DiffReport) error {
	out := diffJSON{SchemaVersion: diffSchemaVersion, Input: r.Input, Pairs: []diffPairJSON{}, Widenings: r.Widenings(), Possible: r.PossibleWidenings()}
	for _, p := range r.Pairs {
		pj := diffPairJSON{Old: p.Old, New: p.New, Subject: p.Subject, Kind: p.Kind.String(), Detected: p.Detected, Widenings: findingsJSON(p.Widenings, false), Possible: []diffPossibleJSON{}, Changes: []diffChangeJSON{}, Evaluations: p.Evaluations}
		for _, x := range p.Principals {
			pj.Principals = append(pj.Principals, diffPrincipalJSON{Name: x.Name, File: x.Pos.File, Line: x.Pos.Line, Column: x.Pos.Col})
		}
		if p.Narrowings != nil {
			pj.Narrowings = findingsJSON(p.Narrowings, true)
		}
		for _, x := range p.Possible {
			side := "new"
			if x.Old {
				side = "old"
			}
			pj.Possible = append(pj.Possible, diffPossibleJSON{Side: side, Statement: statementJSON(x.Statement), Why: x.Why, Narrowing: x.Narrowing})
		}
		for _, c := range p.Changes {
			pj.Changes = append(pj.Changes, diffChangeJSON{diffCauseJSON: causeJSON(c.Cause, c.Narrowing), Narrowing: c.Narrowing, Actions: c.Actions, ByLevel: c.ByLevel})
		}
		out.Pairs = append(out.Pairs, pj)
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(out)
}

func findingsJSON(found []api.DiffFinding, narrowing bool) []diffFindingJSON {
	out := []diffFindingJSON{}
	for _, f := range found {
		ctx := map[string]diffContextJSON{}
		for k, v := range f.Witness.Context {
			ctx[k] = diffContextJSON{Values: v.Values, Multi: v.Multi}
		}
		levels := f.AccessLevels
		if levels == nil {
			levels = []string{}
		}
		absent := f.Witness.Absent
		if absent == nil {
			absent = []string{}
		}
		fj := diffFindingJSON{Action: f.Witness.Action, AccessLevels: levels, Principal: f.Witness.Principal, Resource: f.Witness.Resource, Context: ctx, Absent: absent, diffCauseJSON: causeJSON(f.Cause, narrowing)}
		for _, c := range f.Also {
			fj.Also = append(fj.Also, causeJSON(c, narrowing))
		}
		if f.Grant != nil {
			g := statementJSON(*f.Grant)
			fj.Grant = &g
		}
		out = append(out, fj)
	}
	return out
}

// causeJSON writes a cause; its side is the allowing side's (new for a
// widening) unless it stands on the other.
func causeJSON(c api.DiffCause, narrowing bool) diffCauseJSON {
	side := "new"
	if c.Other != narrowing {
		side = "old"
	}
	return diffCauseJSON{Statement: statementJSON(c.Statement), Side: side, Removed: c.Removed}
}

func statementJSON(s evaluator.StatementRef) diffStatementJSON {
	return diffStatementJSON{File: s.Pos.File, Line: s.Pos.Line, Column: s.Pos.Col, Sid: s.Sid, Index: s.Index, Layer: s.Layer.String(), Level: s.Level}
}
