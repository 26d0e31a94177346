package policy

// Limits bounds what Parse reads of one policy document, so that hostile
// or broken input gets a clear error instead of unbounded time or memory
// (docs/limits.md). A document in an account export is checked on its
// own, not the export as a whole. A field below 1 means its value in
// DefaultLimits, so the zero Limits are the defaults.
type Limits struct {
	// Bytes is the size of the largest document, in bytes (E025).
	Bytes int
	// Depth is the deepest nesting of JSON arrays and objects (E024). A
	// policy needs about six levels. It cannot exceed MaxDepth.
	Depth int
	// Statements is the most statements a document may have (E026).
	Statements int
	// Values is the most entries one list may have: an Action,
	// NotAction, Resource or NotResource list, the list of one principal
	// type, or a condition's values (E027).
	Values int
}

// DefaultLimits are the limits Parse applies, and those a zero field of
// Limits stands for. Each is several times what the largest AWS managed
// policy needs (230 KB, 162 statements, 1,548 actions in one list, 6
// levels of nesting), and those are far larger than the policies
// customers may store.
var DefaultLimits = Limits{Bytes: 1 << 20, Depth: 64, Statements: 1000, Values: 10000}

// MaxDepth is the largest Limits.Depth: encoding/json, which locates
// syntax errors, reads no deeper.
const MaxDepth = maxSyntaxDepth

// Parse is Parse within the limits l.
func (l Limits) Parse(name string, src []byte, kind Kind) (*Document, error) {
	return l.NewLocator(name, src).ParseEmbedded(0, len(src), kind)
}

// NewLocator is NewLocator for a Locator whose parses apply the limits l.
func (l Limits) NewLocator(name string, src []byte) *Locator {
	return &Locator{ix: newLineIndex(name, src, 0), limits: l.orDefault()}
}

// NewMappedLocator returns a Locator for a policy document, doc, that a
// reader wrote from another file, text, named name: spans, in order of
// Start, place the document's bytes in text, so that every position of a
// parse of doc (and every line an error quotes) is in text. The first
// span should start at 0; offsets before it are at its At.
func (l Limits) NewMappedLocator(name string, text, doc []byte, spans []Span) *Locator {
	if len(spans) == 0 {
		spans = []Span{{}}
	}
	ix := &lineIndex{file: name, src: doc, text: text, starts: lineStarts(text), spans: spans}
	return &Locator{ix: ix, limits: l.orDefault()}
}

// orDefault returns l with each field below 1 replaced by its default,
// and Depth at most MaxDepth.
func (l Limits) orDefault() Limits {
	if l.Bytes < 1 {
		l.Bytes = DefaultLimits.Bytes
	}
	if l.Depth < 1 {
		l.Depth = DefaultLimits.Depth
	}
	if l.Statements < 1 {
		l.Statements = DefaultLimits.Statements
	}
	if l.Values < 1 {
		l.Values = DefaultLimits.Values
	}
	l.Depth = min(l.Depth, MaxDepth)
	return l
}
