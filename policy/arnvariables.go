package policy

import "strings"

// VariableBeforeResource reports whether a Resource or NotResource entry
// uses a policy variable before the fifth colon of its ARN (in the
// partition, service, Region or account), and returns the first such
// variable's key. A variable may be used "only in the resource portion of
// the ARN", after the fifth colon: "You can't use a variable to replace
// parts of the ARN before the fifth colon, such as the service or
// account" (IAM User Guide, reference_policies_variables.md, "Where you
// can use policy variables", "Resource element"). ${*}, ${?} and ${$}
// are characters, not variables.
func VariableBeforeResource(entry string) (string, bool) {
	if !strings.HasPrefix(entry, "arn:") || !strings.Contains(entry, "${") {
		return "", false
	}
	t, terr := ParseTemplate(entry, true)
	if terr != nil {
		return "", false
	}
	colons := 0
	for _, s := range t {
		if s.Kind == SegmentVariable {
			if colons < ARNFields-1 {
				return s.Text, true
			}
			continue
		}
		colons += strings.Count(s.Text, ":")
	}
	return "", false
}
