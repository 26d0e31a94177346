package evaluator

import (
	"fmt"
	"strings"

	"github.com/iamsim/iamsim/internal/msg"
)

// Message is words the evaluator says, as data: the ID of a message of
// iamsim's catalog and its arguments, so that a renderer can say them in
// the reader's language. String and JSON say them in English.
//
// An argument is a string, a number or a Message, which is rendered
// first. A Message without an ID is the words of its arguments, one
// after the other; the zero Message says nothing.
type Message struct {
	ID   string
	Args []any
}

// message returns the Message id with args.
func message(id msg.ID, args ...any) Message { return Message{ID: string(id), Args: args} }

// Render renders the message with text, which renders one message of a
// catalog, given its ID and its arguments already rendered.
func (m Message) Render(text func(id string, args ...any) string) string {
	args := make([]any, len(m.Args))
	for i, a := range m.Args {
		if sub, ok := a.(Message); ok {
			a = sub.Render(text)
		}
		args[i] = a
	}
	if m.ID == "" {
		var b strings.Builder
		for _, a := range args {
			fmt.Fprint(&b, a)
		}
		return b.String()
	}
	return text(m.ID, args...)
}

// english renders one message of the English catalog.
func english(id string, args ...any) string { return msg.English.Text(msg.ID(id), args...) }

// String returns the message in English.
func (m Message) String() string { return m.Render(english) }

// IsZero reports whether the message says nothing.
func (m Message) IsZero() bool { return m.ID == "" && len(m.Args) == 0 }

// MarshalText implements encoding.TextMarshaler: the message in English.
func (m Message) MarshalText() ([]byte, error) { return []byte(m.String()), nil }
