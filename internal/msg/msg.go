// Package msg is the message catalog: every sentence of the teaching
// explanation, of a decision's summary and of the notes (the evaluator's
// and those the front ends add about their inputs), and every word the
// evaluator says in a trace (the names of layers and callers, why a layer
// does not apply, how a statement's parts matched, which rule decided a
// condition), named by an ID and written once per language. A second
// language is a second Catalog with the same IDs.
package msg

import "fmt"

// ID names one message of the catalog: stable and kebab-case
// ("summary-no-allow"). The ID of a note is the note's code.
type ID string

// Catalog holds the template of every message in one language. A
// template takes its arguments as fmt does; a language that orders them
// differently refers to them by position ("%[2]s ... %[1]s").
type Catalog map[ID]string

// Text renders message id with args.
func (c Catalog) Text(id ID, args ...any) string {
	if len(args) == 0 {
		return c[id]
	}
	return fmt.Sprintf(c[id], args...)
}
