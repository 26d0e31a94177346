package policy

import (
	"fmt"
	"sort"
	"strings"
)

// Code identifies a kind of policy problem. Codes are stable: tools and
// ignore files may refer to them. docs/errors.md describes each one.
type Code string

// The problem codes, in the order docs/errors.md lists them.
const (
	CodeSyntax            Code = "E001" // the source is not valid JSON
	CodeTrailingData      Code = "E002" // something follows the JSON document
	CodeDuplicateKey      Code = "E003" // a key appears twice in one object
	CodeUnknownElement    Code = "E004" // an element the grammar does not have
	CodeWrongType         Code = "E005" // an element of the wrong JSON type
	CodeVersion           Code = "E006" // Version is not one AWS accepts here
	CodeStatementMissing  Code = "E007" // no statements
	CodeEffect            Code = "E008" // Effect missing or not Allow/Deny
	CodeActionMissing     Code = "E009" // neither Action nor NotAction
	CodeResourceMissing   Code = "E010" // neither Resource nor NotResource where required
	CodeConflict          Code = "E011" // both halves of an exclusive pair
	CodeUnknownOperator   Code = "E012" // condition operator not known
	CodeQualifier         Code = "E013" // malformed set qualifier or IfExists
	CodeConditionValue    Code = "E014" // condition value invalid for its operator
	CodeVariable          Code = "E015" // malformed ${...} policy variable
	CodeResourceARN       Code = "E016" // Resource entry is not an ARN or "*"
	CodePrincipal         Code = "E017" // malformed principal entry
	CodeNotAllowedForKind Code = "E018" // element this policy kind forbids
	CodePrincipalMissing  Code = "E019" // principal required by this policy kind
	CodeNotPrincipalAllow Code = "E020" // NotPrincipal with Allow
	CodeAction            Code = "E021" // malformed action name
	CodeEncoding          Code = "E022" // empty input, byte order mark or invalid UTF-8
	CodeConditionKey      Code = "E023" // malformed condition key name
	CodeTooDeep           Code = "E024" // nesting deeper than Limits.Depth
	CodeTooLarge          Code = "E025" // document larger than Limits.Bytes
	CodeTooManyStatements Code = "E026" // more statements than Limits.Statements
	CodeTooManyValues     Code = "E027" // a list longer than Limits.Values
	CodeInfrastructure    Code = "E028" // a template or Terraform code iamsim cannot read
)

// Codes lists every problem code with a short title, in code order.
var Codes = []struct {
	Code  Code
	Title string
}{
	{CodeSyntax, "invalid JSON"},
	{CodeTrailingData, "data after the JSON document"},
	{CodeDuplicateKey, "duplicate key"},
	{CodeUnknownElement, "unknown element"},
	{CodeWrongType, "wrong JSON type"},
	{CodeVersion, "invalid Version"},
	{CodeStatementMissing, "missing Statement"},
	{CodeEffect, "missing or invalid Effect"},
	{CodeActionMissing, "missing Action"},
	{CodeResourceMissing, "missing Resource"},
	{CodeConflict, "conflicting elements"},
	{CodeUnknownOperator, "unknown condition operator"},
	{CodeQualifier, "malformed operator qualifier"},
	{CodeConditionValue, "invalid condition value"},
	{CodeVariable, "malformed policy variable"},
	{CodeResourceARN, "invalid resource ARN"},
	{CodePrincipal, "invalid principal"},
	{CodeNotAllowedForKind, "element not allowed in this policy kind"},
	{CodePrincipalMissing, "missing Principal"},
	{CodeNotPrincipalAllow, "NotPrincipal with Allow"},
	{CodeAction, "invalid action"},
	{CodeEncoding, "invalid encoding"},
	{CodeConditionKey, "invalid condition key"},
	{CodeTooDeep, "nesting too deep"},
	{CodeTooLarge, "document too large"},
	{CodeTooManyStatements, "too many statements"},
	{CodeTooManyValues, "too many values"},
	{CodeInfrastructure, "unreadable infrastructure code"},
}

// Error is one problem found in a policy, at a position.
type Error struct {
	Pos  Pos
	Code Code
	Msg  string
	// Line is the source line the position points into, for rendering a
	// caret under the column.
	Line string
}

// Error renders the problem as "file:line:col: CODE message".
func (e *Error) Error() string {
	return fmt.Sprintf("%s: %s %s", e.Pos, e.Code, e.Msg)
}

// Detail renders the problem followed by its source line and a caret under
// the column.
func (e *Error) Detail() string {
	var b strings.Builder
	b.WriteString(e.Error())
	if e.Line == "" {
		return b.String()
	}
	b.WriteString("\n    ")
	b.WriteString(e.Line)
	b.WriteString("\n    ")
	b.WriteString(CaretIndent(e.Line, e.Pos.Col))
	b.WriteString("^")
	return b.String()
}

// CaretIndent returns the white space that puts a caret under the 1-based
// column col of line, keeping tabs so the caret lines up.
func CaretIndent(line string, col int) string {
	var b strings.Builder
	n := 1
	for _, r := range line {
		if n >= col {
			break
		}
		if r == '\t' {
			b.WriteByte('\t')
		} else {
			b.WriteByte(' ')
		}
		n++
	}
	for ; n < col; n++ {
		b.WriteByte(' ')
	}
	return b.String()
}

// ErrorList is a list of problems. It implements error.
type ErrorList []*Error

// Error renders every problem, one per line.
func (l ErrorList) Error() string {
	lines := make([]string, len(l))
	for i, e := range l {
		lines[i] = e.Error()
	}
	return strings.Join(lines, "\n")
}

// Sort orders the problems by file, line, column and code.
func (l ErrorList) Sort() {
	sort.SliceStable(l, func(i, j int) bool {
		a, b := l[i], l[j]
		if a.Pos.File != b.Pos.File {
			return a.Pos.File < b.Pos.File
		}
		if a.Pos.Line != b.Pos.Line {
			return a.Pos.Line < b.Pos.Line
		}
		if a.Pos.Col != b.Pos.Col {
			return a.Pos.Col < b.Pos.Col
		}
		return a.Code < b.Code
	})
}

// Err returns the list as an error, or nil when it is empty.
func (l ErrorList) Err() error {
	if len(l) == 0 {
		return nil
	}
	return l
}

// Unwrap exposes the individual problems to errors.Is and errors.As.
func (l ErrorList) Unwrap() []error {
	errs := make([]error, len(l))
	for i, e := range l {
		errs[i] = e
	}
	return errs
}

// IsInput reports whether the code is about the input itself (not JSON,
// bad encoding, trailing data, duplicate keys, a limit of docs/limits.md
// exceeded, infrastructure code that cannot be read) rather than about the policy it holds. The CLI exits 2 for input problems and 1 for policy
// problems.
func (c Code) IsInput() bool {
	switch c {
	case CodeSyntax, CodeTrailingData, CodeDuplicateKey, CodeEncoding,
		CodeTooDeep, CodeTooLarge, CodeTooManyStatements, CodeTooManyValues, CodeInfrastructure:
		return true
	}
	return false
}
