package policy

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"github.com/tidwall/gjson"
)

// Parse reads one policy document of the given kind. The name labels every
// position (usually the file name). Parse collects every problem it finds
// and returns them as an ErrorList, sorted by position. The document is
// returned whenever the source is valid JSON, even with problems, so that
// a linter can go on; it must not be evaluated unless the error is nil.
// Parse applies DefaultLimits; Limits.Parse applies others.
func Parse(name string, src []byte, kind Kind) (*Document, error) {
	return DefaultLimits.Parse(name, src, kind)
}

// ParseEmbedded is Parse for a policy document that stands at
// file[start:end] inside a larger file, such as a policy in an account
// export: the document is read alone, and every position is a position
// in the file. It applies DefaultLimits; a Locator from Limits.NewLocator
// applies others.
func ParseEmbedded(name string, file []byte, start, end int, kind Kind) (*Document, error) {
	return NewLocator(name, file).ParseEmbedded(start, end, kind)
}

// ParseEmbedded is ParseEmbedded for the Locator's source: reading many
// documents of one file this way indexes its lines once, not once per
// document.
func (l *Locator) ParseEmbedded(start, end int, kind Kind) (*Document, error) {
	return l.parseEmbedded(start, end, kind, nil)
}

// parseEmbedded parses as ParseEmbedded does, recording in use, when it
// is not nil, what the parse asked about the kind.
func (l *Locator) parseEmbedded(start, end int, kind Kind, use *KindUse) (*Document, error) {
	ix := *l.ix
	ix.base = start
	p := &parser{ix: &ix, kind: kind, limits: l.limits, use: use}
	doc := p.parse(ix.src[start:end])
	p.errs.Sort()
	return doc, p.errs.Err()
}

type parser struct {
	ix   *lineIndex
	kind Kind // read it through kindIs and kindPhrase only
	// use, when not nil, records the questions asked about kind.
	use       *KindUse
	limits    Limits
	variables bool // Version 2012-10-17: ${...} is substituted
	errs      ErrorList
	// at is the last position computed: values are read in source order,
	// so the next one is usually found by reading on from there.
	at cursor
}

// errorf records a problem at a byte offset of the source.
func (p *parser) errorf(offset int, code Code, format string, args ...any) {
	p.errorAt(p.ix.pos(offset), code, format, args...)
}

// errorAt records a problem at a position this parser computed.
func (p *parser) errorAt(pos Pos, code Code, format string, args ...any) {
	p.errs = append(p.errs, &Error{Pos: pos, Code: code, Msg: fmt.Sprintf(format, args...), Line: p.ix.line(pos.Line)})
}

func (p *parser) pos(r gjson.Result) Pos { return p.ix.posFrom(&p.at, r.Index) }

// value records a scalar with its text and the span of its source token.
func (p *parser) value(r gjson.Result, text string) Value {
	return Value{Text: text, Pos: p.pos(r), End: p.ix.posFrom(&p.at, r.Index+len(r.Raw))}
}

func (p *parser) parse(src []byte) *Document {
	root, ok := p.checkJSON(src)
	if !ok {
		return nil
	}
	if !root.IsObject() {
		// root has type JSON whatever its value; parse it again to name
		// the type of a scalar.
		p.errorf(root.Index, CodeWrongType, "a policy must be a JSON object, not %s", jsonType(gjson.Parse(root.Raw)))
		return nil
	}
	doc := &Document{Name: p.ix.file, Kind: p.kind, Pos: p.pos(root)}
	var statement gjson.Result
	p.object(root, func(key, value gjson.Result) {
		switch key.Str {
		case "Version":
			if p.isString(key.Str, value) {
				doc.Version = p.value(value, value.Str)
			}
		case "Id":
			if p.isString(key.Str, value) {
				doc.ID = p.value(value, value.Str)
			}
		case "Statement":
			statement = value
		default:
			p.unknownElement(key, "policy", "Version", "Id", "Statement")
		}
	})
	p.checkVersion(doc, root)
	p.variables = doc.HasVariables()
	p.statements(doc, root, statement)
	return doc
}

// checkJSON checks the encoding and the JSON syntax of the whole source,
// and returns the document's root value.
func (p *parser) checkJSON(src []byte) (gjson.Result, bool) {
	if len(src) > p.limits.Bytes {
		p.errorf(p.limits.Bytes, CodeTooLarge, "the document has %d bytes, more than the limit of %d; this is where the limit ends", len(src), p.limits.Bytes)
		return gjson.Result{}, false
	}
	if len(bytes.TrimSpace(src)) == 0 {
		p.errorf(0, CodeEncoding, "empty input: a policy is a JSON object")
		return gjson.Result{}, false
	}
	if bytes.HasPrefix(src, []byte("\xef\xbb\xbf")) {
		p.errorf(0, CodeEncoding, "the file starts with a UTF-8 byte order mark, which JSON does not allow; save it without one")
		return gjson.Result{}, false
	}
	if !utf8.Valid(src) {
		p.errorf(FirstInvalidUTF8(src), CodeEncoding, "invalid UTF-8")
		return gjson.Result{}, false
	}
	// gjson.Valid recurses once per nesting level, so the depth is
	// bounded first; encoding/json, which reports where a syntax error
	// is, reads only what gjson rejects.
	if i := tooDeep(src, p.limits.Depth); i >= 0 {
		p.errorf(i, CodeTooDeep, "arrays and objects nest more than %d levels deep", p.limits.Depth)
		return gjson.Result{}, false
	}
	if !gjson.ValidBytes(src) {
		return p.syntaxError(src)
	}
	start := len(src) - len(bytes.TrimLeft(src, jsonSpace))
	end := len(bytes.TrimRight(src, jsonSpace))
	return gjson.Result{Type: gjson.JSON, Raw: string(src[start:end]), Index: start}, true
}

// jsonSpace is the white space JSON allows between tokens.
const jsonSpace = " \t\r\n"

// maxSyntaxDepth is the deepest nesting encoding/json reads.
const maxSyntaxDepth = 10000

// tooDeep returns the offset of the first bracket or brace of src that
// opens more than limit levels of nesting, or -1. Brackets in strings do
// not count. Well-formed or not, src is read once.
func tooDeep(src []byte, limit int) int {
	depth := 0
	for i := 0; i < len(src); i++ {
		switch src[i] {
		case '{', '[':
			if depth++; depth > limit {
				return i
			}
		case '}', ']':
			depth--
		case '"':
			for i++; i < len(src) && src[i] != '"'; i++ {
				if src[i] == '\\' {
					i++
				}
			}
		}
	}
	return -1
}

// syntaxError reports where src stops being one JSON document, as
// encoding/json finds it. When the only problem is data after the
// document, the document is returned.
func (p *parser) syntaxError(src []byte) (gjson.Result, bool) {
	dec := json.NewDecoder(bytes.NewReader(src))
	var raw json.RawMessage
	if err := dec.Decode(&raw); err != nil {
		at, msg := SyntaxMessage(src, err)
		p.errorf(at, CodeSyntax, "%s", msg)
		return gjson.Result{}, false
	}
	end := int(dec.InputOffset())
	if rest := bytes.TrimLeft(src[end:], jsonSpace); len(rest) > 0 {
		p.errorf(len(src)-len(rest), CodeTrailingData, "data after the end of the policy document")
	}
	start := end - len(raw)
	return gjson.Result{Type: gjson.JSON, Raw: string(src[start:end]), Index: start}, true
}

// syntaxPhrases turn encoding/json's syntax errors ("invalid character
// 'X' <context>") into what the writer of a policy has to fix.
var syntaxPhrases = []struct{ context, msg string }{
	{"after object key:value pair", "expected , or } after a value, found %s: is a comma missing?"},
	{"after array element", "expected , or ] after an array entry, found %s: is a comma missing?"},
	{"after object key", "expected : after a key, found %s"},
	{"looking for beginning of object key string", "expected a key in double quotes, found %s"},
	{"looking for beginning of value", "expected a value (a string in double quotes, a number, true, false, null, an object or an array), found %s"},
	{"in string literal", "%s cannot stand in a string: write it escaped (\\t, \\n)"},
	{"in string escape code", "%s after a backslash is not a JSON escape: write \\\\ for a backslash"},
	{"after top-level value", "data after the end of the document, starting with %s"},
}

// SyntaxMessage puts the error encoding/json gave for src, which is not
// valid JSON, in iamsim's words, and returns the byte offset of src the
// message is about. err is a *json.SyntaxError (from json.Unmarshal,
// json.Valid's companion, or a json.Decoder) or io.ErrUnexpectedEOF (from
// a json.Decoder); any other error keeps its own text, at offset 0.
//
// A trailing comma is reported at the comma, not at the bracket after it;
// an unclosed document at the end of its text. Every reader of JSON in
// iamsim reports syntax with this function, so that one fault reads the
// same in a policy, an account export and a batch request line.
func SyntaxMessage(src []byte, err error) (offset int, msg string) {
	var syn *json.SyntaxError
	switch {
	case errors.As(err, &syn) && syn.Error() != "unexpected end of JSON input":
		at := min(max(int(syn.Offset)-1, 0), max(len(src)-1, 0))
		if comma, ok := trailingComma(src, at); ok {
			return comma, fmt.Sprintf("trailing comma before %c: JSON allows no comma after the last entry", src[at])
		}
		return at, syntaxMessage(syn)
	case syn != nil, errors.Is(err, io.ErrUnexpectedEOF):
		return len(bytes.TrimRight(src, jsonSpace)), "unexpected end of input: the document is not closed"
	case err == nil:
		return 0, "invalid JSON"
	}
	return 0, err.Error()
}

// syntaxMessage is encoding/json's syntax error in iamsim's words. A '/'
// is most likely a comment, which JSON does not have, and a ' a string in
// single quotes.
func syntaxMessage(syn *json.SyntaxError) string {
	text := strings.TrimPrefix(syn.Error(), "json: ")
	rest, ok := strings.CutPrefix(text, "invalid character ")
	if !ok {
		return text
	}
	for _, ph := range syntaxPhrases {
		char, found := strings.CutSuffix(rest, " "+ph.context)
		if !found {
			continue
		}
		switch {
		case char == "'/'" && ph.context != "in string literal":
			return "JSON has no comments: remove the text from / to the end of the comment"
		case char == `'\''` && ph.context != "in string literal":
			return "JSON writes keys and strings in double quotes, not single quotes"
		}
		return fmt.Sprintf(ph.msg, char)
	}
	return text
}

// trailingComma reports whether the syntax error at offset at is a } or ]
// that follows a comma (white space between), and returns the comma's
// offset: encoding/json's words for it ("invalid character '}' looking
// for beginning of object key string") name the brace, not the comma.
func trailingComma(src []byte, at int) (int, bool) {
	if at < 0 || at >= len(src) || src[at] != '}' && src[at] != ']' {
		return 0, false
	}
	before := bytes.TrimRight(src[:at], jsonSpace)
	if len(before) == 0 || before[len(before)-1] != ',' {
		return 0, false
	}
	return len(before) - 1, true
}

// FirstInvalidUTF8 returns the offset of the first byte of src that is
// not part of valid UTF-8, or 0 when there is none.
func FirstInvalidUTF8(src []byte) int {
	for i := 0; i < len(src); {
		r, n := utf8.DecodeRune(src[i:])
		if r == utf8.RuneError && n == 1 {
			return i
		}
		i += n
	}
	return 0
}

// object walks the members of a JSON object in order, reporting duplicate
// keys; each key is given to fn once, at its first occurrence.
func (p *parser) object(obj gjson.Result, fn func(key, value gjson.Result)) {
	var seen keySet
	obj.ForEach(func(key, value gjson.Result) bool {
		if !seen.add(key.Str) {
			p.errorf(key.Index, CodeDuplicateKey, "duplicate key %q: JSON parsers keep only one of the two", key.Str)
			return true
		}
		fn(key, value)
		return true
	})
}

// keySet is the set of keys of one JSON object. Policy objects have a
// few keys, which are looked for in a short list; a map takes over when
// there are many.
type keySet struct {
	few  [8]string
	n    int
	many map[string]bool
}

// add adds key to the set and reports whether it was new.
func (s *keySet) add(key string) bool {
	if s.many != nil {
		if s.many[key] {
			return false
		}
		s.many[key] = true
		return true
	}
	for _, k := range s.few[:s.n] {
		if k == key {
			return false
		}
	}
	if s.n < len(s.few) {
		s.few[s.n] = key
		s.n++
		return true
	}
	s.many = map[string]bool{key: true}
	for _, k := range s.few {
		s.many[k] = true
	}
	return true
}

func (p *parser) unknownElement(key gjson.Result, where string, known ...string) {
	p.errorf(key.Index, CodeUnknownElement, "unknown %s element %q%s", where, key.Str, suggest(key.Str, known))
}

func (p *parser) isString(element string, v gjson.Result) bool {
	if v.Type != gjson.String {
		p.errorf(v.Index, CodeWrongType, "%s must be a string, not %s", element, jsonType(v))
		return false
	}
	return true
}

// jsonType names the JSON type of v for messages.
func jsonType(v gjson.Result) string {
	switch v.Type {
	case gjson.String:
		return "a string"
	case gjson.Number:
		return "a number"
	case gjson.True, gjson.False:
		return "a boolean"
	case gjson.Null:
		return "null"
	}
	if v.IsArray() {
		return "an array"
	}
	return "an object"
}

func (p *parser) checkVersion(doc *Document, root gjson.Result) {
	v := doc.Version
	switch {
	case !v.Pos.IsValid() && p.kindIs(Kind.requiresVersion2012):
		p.errorf(root.Index, CodeVersion, "%s require \"Version\": %q", p.kindPhrase(), Version2012)
	case !v.Pos.IsValid():
		// Absent: variables stay literal text (reference_policies_variables.md
		// "Introduction"; reference_policies_elements_version.md).
	case v.Text != Version2012 && v.Text != Version2008:
		p.errorAt(v.Pos, CodeVersion, "Version %q is not one AWS accepts (%q or %q)", v.Text, Version2012, Version2008)
	case v.Text != Version2012 && p.kindIs(Kind.requiresVersion2012):
		p.errorAt(v.Pos, CodeVersion, "%s require \"Version\": %q", p.kindPhrase(), Version2012)
	}
}

func (p *parser) statements(doc *Document, root, value gjson.Result) {
	switch {
	case !value.Exists():
		p.errorf(root.Index, CodeStatementMissing, "the policy has no Statement")
	case value.IsObject():
		doc.Statements = append(doc.Statements, p.statement(value, 0))
	case value.IsArray():
		n := 0
		value.ForEach(func(_, item gjson.Result) bool {
			if n == p.limits.Statements {
				p.errorf(item.Index, CodeTooManyStatements, "more than %d statements; this is the first past the limit", p.limits.Statements)
				return false
			}
			if !item.IsObject() {
				p.errorf(item.Index, CodeWrongType, "each statement must be a JSON object, not %s", jsonType(item))
			} else {
				doc.Statements = append(doc.Statements, p.statement(item, n))
			}
			n++
			return true
		})
		if n == 0 {
			p.errorf(value.Index, CodeStatementMissing, "the Statement list is empty")
		}
	default:
		p.errorf(value.Index, CodeWrongType, "Statement must be an object or an array of objects, not %s", jsonType(value))
	}
}

var statementElements = []string{"Sid", "Effect", "Principal", "NotPrincipal", "Action", "NotAction", "Resource", "NotResource", "Condition"}

func (p *parser) statement(obj gjson.Result, index int) *Statement {
	st := &Statement{Index: index, Pos: p.pos(obj)}
	var effectSeen bool
	p.object(obj, func(key, value gjson.Result) {
		switch key.Str {
		case "Sid":
			if p.isString("Sid", value) {
				st.Sid = p.value(value, value.Str)
			}
		case "Effect":
			effectSeen = true
			st.EffectPos = p.pos(value)
			p.effect(st, value)
		case "Action", "NotAction":
			st.Action = p.pairedList(st.Action, key, value, "Action", p.checkAction)
		case "Resource", "NotResource":
			st.Resource = p.pairedList(st.Resource, key, value, "Resource", p.checkResource)
		case "Principal", "NotPrincipal":
			if st.Principal != nil {
				p.conflict(key, "Principal")
				return
			}
			st.Principal = p.principal(key, value)
		case "Condition":
			st.Conditions = p.conditions(value)
		default:
			p.unknownElement(key, "statement", statementElements...)
		}
	})
	st.End = p.ix.posFrom(&p.at, obj.Index+len(obj.Raw)-1)
	if !effectSeen {
		p.errorf(obj.Index, CodeEffect, "the statement has no Effect (want \"Allow\" or \"Deny\")")
	}
	if st.Action == nil {
		p.errorf(obj.Index, CodeActionMissing, "the statement has no Action or NotAction")
	}
	p.checkKindRules(st, obj)
	return st
}

func (p *parser) effect(st *Statement, value gjson.Result) {
	if !p.isString("Effect", value) {
		return
	}
	switch value.Str {
	case "Allow":
		st.Effect = Allow
	case "Deny":
		st.Effect = Deny
	default:
		p.errorf(value.Index, CodeEffect, "Effect %q must be exactly \"Allow\" or \"Deny\"%s", value.Str, suggest(value.Str, []string{"Allow", "Deny"}))
	}
}

// conflict reports the second half of an exclusive pair such as Action
// and NotAction.
func (p *parser) conflict(key gjson.Result, base string) {
	p.errorf(key.Index, CodeConflict, "a statement cannot have both %s and Not%s", base, base)
}

// pairedList parses Action/NotAction or Resource/NotResource, reporting a
// conflict when the statement already has the other half.
func (p *parser) pairedList(prev *List, key, value gjson.Result, base string, check func(gjson.Result, string)) *List {
	if prev != nil {
		p.conflict(key, base)
		return prev
	}
	l := &List{Not: key.Str != base, Pos: p.pos(key)}
	p.strings(key.Str, value, func(item gjson.Result) {
		check(item, key.Str)
		l.Items = append(l.Items, p.value(item, item.Str))
	})
	return l
}

// strings walks a string-or-array-of-strings value, reporting items of
// another JSON type.
func (p *parser) strings(element string, value gjson.Result, fn func(gjson.Result)) {
	if value.IsArray() {
		n := 0
		value.ForEach(func(_, item gjson.Result) bool {
			if n == p.limits.Values {
				p.tooManyValues(item, element)
				return false
			}
			n++
			if p.isString(element+" entry", item) {
				fn(item)
			}
			return true
		})
		return
	}
	if value.Type != gjson.String {
		p.errorf(value.Index, CodeWrongType, "%s must be a string or an array of strings, not %s", element, jsonType(value))
		return
	}
	fn(value)
}

// tooManyValues reports entry number Limits.Values+1 of a list, the
// first past the limit.
func (p *parser) tooManyValues(item gjson.Result, list string) {
	p.errorf(item.Index, CodeTooManyValues, "%s has more than %d entries; this is the first past the limit", list, p.limits.Values)
}

func (p *parser) checkAction(item gjson.Result, element string) {
	if msg := actionProblem(item.Str); msg != "" {
		p.errorf(item.Index, CodeAction, "%s %q: %s", element, item.Str, msg)
	}
}

// actionProblem returns what is wrong with an action name, or "".
func actionProblem(a string) string {
	if a == "*" {
		return ""
	}
	service, name, ok := strings.Cut(a, ":")
	switch {
	case !ok:
		return "an action is written service:ActionName, or \"*\""
	case service == "" || name == "":
		return "both the service prefix and the action name are needed"
	case strings.Contains(name, ":"):
		return "an action name has one colon, between the service prefix and the action name"
	case strings.ContainsAny(a, " \t\r\n"):
		return "an action name cannot contain white space"
	}
	for _, r := range service {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '-' || r == '*' || r == '?') {
			return fmt.Sprintf("a service prefix has only letters, digits and hyphens, not %q", r)
		}
	}
	return ""
}

func (p *parser) checkResource(item gjson.Result, element string) {
	text := item.Str
	if HasPlaceholder(text) {
		if strings.HasPrefix(text, placeholderOpen) {
			return // the value the code leaves unknown may be any ARN
		}
		text = MaskPlaceholders(text, "*")
	}
	fields, terr := resourceFields(text, p.variables)
	if terr != nil {
		p.errorf(p.innerOffset(item, terr.Offset), CodeVariable, "%s", terr.Msg)
		return
	}
	if msg := resourceProblem(text, fields, p.kindIs); msg != "" {
		p.errorf(item.Index, CodeResourceARN, "%s %q: %s", element, item.Str, msg)
	}
}

// resourceProblem returns what is wrong with a Resource entry, or "",
// given its number of fields; kindIs answers questions about the kind of
// the policy. Where the kind completes ARNs, fewer than six fields are
// fine: AWS adds * fields.
func resourceProblem(r string, fields int, kindIs func(func(Kind) bool) bool) string {
	if r == "*" || isAPIGatewayShorthand(r) && kindIs(isResource) {
		return ""
	}
	if !strings.HasPrefix(r, "arn:") {
		return "a resource is an ARN (arn:partition:service:region:account:resource) or \"*\""
	}
	if fields < ARNFields && !kindIs(Kind.completesARNs) {
		return fmt.Sprintf("an ARN has six fields separated by colons (arn:partition:service:region:account:resource); this one has %d", fields)
	}
	return ""
}

// isAPIGatewayShorthand reports whether a Resource entry is API Gateway's
// abbreviation for a method of the API a resource policy is attached to:
// execute-api:/stage/METHOD/path, with execute-api:/* for all of them
// (API Gateway developer guide, apigateway-resource-policies-examples:
// "You can use execute-api:/* to represent all stages, methods, and paths
// in the current API"). API Gateway writes the full ARN when it saves the
// policy. It is not an ARN, so iamsim accepts it in resource-based
// policies only.
func isAPIGatewayShorthand(r string) bool {
	return strings.HasPrefix(r, "execute-api:/")
}

// resourceFields counts the colon-separated fields of a Resource entry,
// looking only outside variables: a variable's value never adds a field.
// The error is a malformed variable.
func resourceFields(entry string, variables bool) (int, *TemplateError) {
	if !variables || !strings.Contains(entry, "${") {
		return strings.Count(entry, ":") + 1, nil // the template is the entry
	}
	t, terr := ParseTemplate(entry, variables)
	if terr != nil {
		return 0, terr
	}
	return arnFieldCount(t), nil
}

// arnFieldCount counts the fields of a Resource entry's template.
func arnFieldCount(t Template) int {
	colons := 0
	for _, s := range t {
		if s.Kind != SegmentVariable {
			colons += strings.Count(s.Text, ":")
		}
	}
	return colons + 1
}

// CompleteARN returns a Resource entry as AWS reads it in a policy of kind
// k: in identity-based policies an ARN with fewer than six fields gets *
// for each missing field (arn:aws:sqs ≡ arn:aws:sqs:*:*:*, reference_policies_grammar.md).
func CompleteARN(k Kind, entry string, variables bool) string {
	if !k.completesARNs() || !strings.HasPrefix(entry, "arn:") {
		return entry
	}
	n, terr := resourceFields(entry, variables)
	if terr != nil {
		return entry
	}
	for ; n < ARNFields; n++ {
		entry += ":*"
	}
	return entry
}

// innerOffset returns the source offset of byte i of a string value's
// text, or the string's own offset when escapes make the mapping unclear.
func (p *parser) innerOffset(v gjson.Result, i int) int {
	if v.Raw == `"`+v.Str+`"` {
		return v.Index + 1 + i
	}
	return v.Index
}

func (p *parser) checkKindRules(st *Statement, obj gjson.Result) {
	if pr := st.Principal; pr != nil {
		element, forbids := "Principal", forbidsPrincipal
		if pr.Not {
			element, forbids = "NotPrincipal", forbidsNotPrincipal
		}
		if p.kindIs(forbids) {
			p.errorAt(pr.Pos, CodeNotAllowedForKind, "%s is not allowed in %s", element, p.kindPhrase())
		}
		if pr.Not && st.Effect == Allow {
			p.errorAt(pr.Pos, CodeNotPrincipalAllow, "NotPrincipal with \"Effect\": \"Allow\" is not supported; use Principal, or Deny with NotPrincipal")
		}
	} else if p.kindIs(requiresPrincipal) {
		p.errorf(obj.Index, CodePrincipalMissing, "statements of %s need a Principal", p.kindPhrase())
	}
	if st.Effect == Allow && p.kindIs(isRCP) && !isFullAccess(st) {
		p.errorAt(st.EffectPos, CodeNotAllowedForKind, "resource control policies support \"Effect\": \"Allow\" only in the full-access statement (\"Action\": \"*\", \"Resource\": \"*\", no Condition); restrict access with Deny statements")
	}
	switch {
	case st.Resource != nil && p.kindIs(forbidsResource):
		element := "Resource"
		if st.Resource.Not {
			element = "NotResource"
		}
		p.errorAt(st.Resource.Pos, CodeNotAllowedForKind, "%s is not allowed in %s: it applies to the role it is attached to", element, p.kindPhrase())
	case st.Resource == nil && p.kindIs(requiresResource):
		p.errorf(obj.Index, CodeResourceMissing, "the statement has no Resource or NotResource, which %s require", p.kindPhrase())
	}
}

// isFullAccess reports whether st allows every action on every resource
// without a condition, the only Allow statement resource control policies
// support (RCP syntax page; Access Analyzer RCP_SYNTAX_ERROR_ALLOW: "RCPs
// only support specifying all principals ("*") in the Principal element,
// all resources ("*") in the Resource element, and no Condition element
// with an effect of Allow"). The principal is checked on its own (E017).
func isFullAccess(st *Statement) bool {
	all := func(l *List) bool { return l != nil && !l.Not && len(l.Items) == 1 && l.Items[0].Text == "*" }
	return all(st.Action) && all(st.Resource) && len(st.Conditions) == 0
}

// kindPhrase names a kind in a sentence: "identity policies".
func kindPhrase(k Kind) string {
	switch k {
	case Identity:
		return "identity-based policies"
	case Resource:
		return "resource-based policies"
	case Trust:
		return "role trust policies"
	case Boundary:
		return "permissions boundaries"
	case Session:
		return "session policies"
	case SCP:
		return "service control policies"
	case RCP:
		return "resource control policies"
	case Endpoint:
		return "VPC endpoint policies"
	}
	return k.String()
}
