// Package api is iamsim's one entry point for front ends. The command
// line calls it, and so will the playground, the MCP server and diff: each
// front end turns its own input (flags, a form, a tool call) into the
// options of a question here, and renders the answer it gets back.
//
// A question is one of: evaluate requests (given by flags, a scenario or a
// batch: Evaluate, RunBatch, Simulate), test scenario files (Test), lint
// policies (Lint), expand an action pattern (Expand), and ask what a
// principal can do (Can) or who can do an action (WhoCan), and check
// policies as Access Analyzer's custom policy checks do
// (CheckAccessNotGranted, CheckNoPublicAccess). Reading
// inputs, resolving account data, evaluating and checking requests all
// happen below this package; front ends see only its types, the public
// policy and evaluator packages, and the renderers (internal/explain,
// internal/awsformat, internal/lintformat).
package api

import (
	"github.com/iamsim/iamsim/internal/source"
)

// Engine holds what every question shares: the limits on what is read.
// The zero Engine reads with the default limits.
type Engine struct {
	// Limits bound each file read (--max-file-size) and each policy
	// parsed (--max-policy-size, --max-depth, --max-statements,
	// --max-values).
	Limits Limits
	// MaxExportSize is the most bytes read of one account export or
	// CloudTrail log file (--max-export-size); 0 means the default.
	MaxExportSize int64
	// Code binds what infrastructure code leaves open, for every
	// template and Terraform module a question reads (--var, --var-file).
	Code CodeValues
}

// Limits bound what is read of each file and each policy.
type Limits = source.Limits

// The default limits: DefaultMaxFileSize bytes of one file, and
// DefaultMaxExportSize of one account export or CloudTrail log file.
const (
	DefaultMaxFileSize   = source.DefaultMaxFileSize
	DefaultMaxExportSize = source.DefaultMaxExportSize
)

// FormatSize writes a number of bytes as the limits' flags take it:
// 1048576 as 1MiB.
func FormatSize(n int64) string { return source.FormatSize(n) }
