package policy

import (
	"fmt"
	"strings"
)

// SegmentKind says what a template segment is.
type SegmentKind int

// The segment kinds.
const (
	// SegmentPattern is policy text: in a wildcard context its * and ? are
	// wildcards.
	SegmentPattern SegmentKind = iota
	// SegmentLiteral is text that is never a wildcard: ${*}, ${?}, ${$}.
	SegmentLiteral
	// SegmentVariable is ${key} or ${key, 'default'}: replaced per request
	// by the key's value, which is literal.
	SegmentVariable
)

// Segment is one piece of a Template.
type Segment struct {
	Kind SegmentKind
	// Text is the text of a pattern or literal segment, and the key name
	// as written of a variable.
	Text string
	// Default is the value used when the key has none, if HasDefault.
	Default    string
	HasDefault bool
}

// Template is a policy string split into text and ${...} variables.
type Template []Segment

// HasVariables reports whether the template has any variable segment.
func (t Template) HasVariables() bool {
	for _, s := range t {
		if s.Kind == SegmentVariable {
			return true
		}
	}
	return false
}

// ParseTemplate splits s into segments. With variables false (Version
// 2008-10-17 or none) the whole string is one pattern segment. A problem
// is reported with the byte offset in s where it starts.
func ParseTemplate(s string, variables bool) (Template, *TemplateError) {
	if !variables || !strings.Contains(s, "${") {
		return Template{{Kind: SegmentPattern, Text: s}}, nil
	}
	return parseVariables(s)
}

// parseVariables is ParseTemplate for a string with variables.
func parseVariables(s string) (Template, *TemplateError) {
	// Each variable is a segment, with at most one of text after it.
	t := make(Template, 0, 2*strings.Count(s, "${")+1)
	add := func(kind SegmentKind, text string) {
		if text == "" {
			return
		}
		if n := len(t); n > 0 && t[n-1].Kind == kind && kind != SegmentVariable {
			t[n-1].Text += text
			return
		}
		t = append(t, Segment{Kind: kind, Text: text})
	}
	rest, offset := s, 0
	for {
		i := strings.Index(rest, "${")
		if i < 0 {
			add(SegmentPattern, rest)
			return t, nil
		}
		add(SegmentPattern, rest[:i])
		end := strings.IndexByte(rest[i:], '}')
		if end < 0 {
			return nil, &TemplateError{offset + i, "unclosed policy variable: \"${\" without \"}\""}
		}
		body := rest[i+2 : i+end]
		seg, err := parseVariable(body)
		if err != "" {
			return nil, &TemplateError{offset + i, fmt.Sprintf("policy variable \"${%s}\": %s", body, err)}
		}
		if seg.Kind == SegmentVariable {
			t = append(t, seg)
		} else {
			add(seg.Kind, seg.Text)
		}
		rest, offset = rest[i+end+1:], offset+i+end+1
	}
}

// TemplateError is a malformed variable at a byte offset of the string.
type TemplateError struct {
	Offset int
	Msg    string
}

// parseVariable parses the inside of ${...}.
func parseVariable(body string) (Segment, string) {
	switch body {
	case "*", "?", "$":
		return Segment{Kind: SegmentLiteral, Text: body}, ""
	case "":
		return Segment{}, "empty variable name"
	}
	key, def, hasDefault := strings.Cut(body, ",")
	if strings.TrimSpace(key) != key {
		return Segment{}, "white space around the key name"
	}
	// Access Analyzer UNSUPPORTED_SPACE_IN_VARIABLE: "you cannot include a
	// space in the variable name" (a default value may have spaces).
	if strings.ContainsAny(key, " \t\r\n") {
		return Segment{}, "white space in the key name"
	}
	if err := checkKeyName(key); err != "" {
		return Segment{}, err
	}
	seg := Segment{Kind: SegmentVariable, Text: key}
	if !hasDefault {
		return seg, ""
	}
	def = strings.TrimLeft(def, " ")
	if len(def) < 2 || def[0] != '\'' || def[len(def)-1] != '\'' || strings.Contains(def[1:len(def)-1], "'") {
		return Segment{}, "a default value is written ${key, 'default'}, in single quotes"
	}
	seg.Default, seg.HasDefault = def[1:len(def)-1], true
	return seg, ""
}

// checkKeyName returns a problem with a condition key name, or "".
func checkKeyName(key string) string {
	if key == "" {
		return "empty key name"
	}
	prefix, name, ok := strings.Cut(key, ":")
	if !ok || prefix == "" || name == "" {
		return fmt.Sprintf("key %q is not of the form service:name", key)
	}
	// The prefix is a service prefix (s3), or an identity provider's host
	// and path for federation keys (token.actions.githubusercontent.com,
	// oidc.eks.us-east-1.amazonaws.com/id/EXAMPLE).
	for _, r := range prefix {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || strings.ContainsRune("-._/", r)) {
			return fmt.Sprintf("key %q has %q before the colon, where only letters, digits and - . _ / may stand", key, r)
		}
	}
	if strings.ContainsAny(key, "${}'\"") {
		return fmt.Sprintf("key %q has a character a key name cannot have", key)
	}
	return ""
}
