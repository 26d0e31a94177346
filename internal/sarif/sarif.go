// Package sarif holds the SARIF 2.1.0 document iamsim writes, in the
// subset GitHub code scanning reads
// (https://docs.github.com/en/code-security/code-scanning/integrating-with-code-scanning/sarif-support-for-code-scanning),
// for every command that writes SARIF: lint and diff. It knows the
// shape of the document, not what a result means.
package sarif

import (
	"encoding/json"
	"io"
	"net/url"
	"path/filepath"

	"github.com/iamsim/iamsim/internal/source"
)

// Schema and Version name the SARIF version of a Log.
const (
	Schema  = "https://json.schemastore.org/sarif-2.1.0.json"
	Version = "2.1.0"
)

// The SARIF document, field by field as the specification names them.
type (
	// Log is the whole document.
	Log struct {
		Schema  string `json:"$schema"`
		Version string `json:"version"`
		Runs    []Run  `json:"runs"`
	}
	// Run is one run of a tool, with its results.
	Run struct {
		Tool        Tool         `json:"tool"`
		Invocations []Invocation `json:"invocations,omitempty"`
		ColumnKind  string       `json:"columnKind"`
		Results     []Result     `json:"results"`
	}
	// Invocation carries the notes of a run that are not results.
	Invocation struct {
		ExecutionSuccessful        bool           `json:"executionSuccessful"`
		ToolExecutionNotifications []Notification `json:"toolExecutionNotifications"`
	}
	// Notification is a note about the run at a location.
	Notification struct {
		Level     string     `json:"level"`
		Message   Text       `json:"message"`
		Locations []Location `json:"locations"`
	}
	// Tool is the tool that ran.
	Tool struct {
		Driver Driver `json:"driver"`
	}
	// Driver describes the tool and its rules.
	Driver struct {
		Name            string            `json:"name"`
		SemanticVersion string            `json:"semanticVersion"`
		InformationURI  string            `json:"informationUri"`
		Rules           []Rule            `json:"rules"`
		Properties      map[string]string `json:"properties"`
	}
	// Rule is one kind of result.
	Rule struct {
		ID                   string         `json:"id"`
		Name                 string         `json:"name"`
		ShortDescription     Text           `json:"shortDescription"`
		FullDescription      Text           `json:"fullDescription"`
		Help                 Help           `json:"help"`
		HelpURI              string         `json:"helpUri"`
		DefaultConfiguration Level          `json:"defaultConfiguration"`
		Properties           RuleProperties `json:"properties"`
	}
	// Text is a plain-text message.
	Text struct {
		Text string `json:"text"`
	}
	// Help is a rule's help, as text and Markdown.
	Help struct {
		Text     string `json:"text"`
		Markdown string `json:"markdown"`
	}
	// Level is a rule's default level: error, warning or note.
	Level struct {
		Level string `json:"level"`
	}
	// RuleProperties are the properties code scanning reads from a rule.
	RuleProperties struct {
		Tags             []string `json:"tags"`
		Precision        string   `json:"precision"`
		SecuritySeverity string   `json:"security-severity,omitempty"`
	}
	// Result is one finding at a location.
	Result struct {
		RuleID              string            `json:"ruleId"`
		RuleIndex           int               `json:"ruleIndex"`
		Level               string            `json:"level"`
		Message             Text              `json:"message"`
		Locations           []Location        `json:"locations"`
		PartialFingerprints map[string]string `json:"partialFingerprints"`
		Properties          map[string]any    `json:"properties,omitempty"`
	}
	// Location is where a result stands.
	Location struct {
		PhysicalLocation Physical `json:"physicalLocation"`
	}
	// Physical is a region of a file.
	Physical struct {
		ArtifactLocation Artifact `json:"artifactLocation"`
		Region           Region   `json:"region"`
	}
	// Artifact names a file by URI.
	Artifact struct {
		URI string `json:"uri"`
	}
	// Region is a span of a file, lines and columns from 1, the end
	// exclusive.
	Region struct {
		StartLine   int `json:"startLine"`
		StartColumn int `json:"startColumn"`
		EndLine     int `json:"endLine"`
		EndColumn   int `json:"endColumn"`
	}
)

// At is the one location of a result or notification: a region of the
// file at uri.
func At(uri string, r Region) []Location {
	return []Location{{PhysicalLocation: Physical{ArtifactLocation: Artifact{URI: uri}, Region: r}}}
}

// NewLog is a document of one run.
func NewLog(run Run) Log {
	return Log{Schema: Schema, Version: Version, Runs: []Run{run}}
}

// Write writes a document as JSON indented by two spaces, with <, > and
// & as they are.
func Write(w io.Writer, log Log) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(log)
}

// ArtifactURI is the SARIF artifact location of a file: the path as
// given, with / separators, which code scanning resolves against the
// repository root; a file: URI for an absolute path; "stdin" for
// standard input.
func ArtifactURI(name string) string {
	switch {
	case name == source.Stdin:
		return "stdin"
	case filepath.IsAbs(name):
		return (&url.URL{Scheme: "file", Path: filepath.ToSlash(name)}).String()
	}
	return (&url.URL{Path: filepath.ToSlash(filepath.Clean(name))}).String()
}
