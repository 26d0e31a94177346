package policy

// A parse asks questions about the kind it reads the document as (does it
// require Version 2012-10-17, is a Principal forbidden, is it an RCP) and
// records each question with its answer. Another kind that answers every
// question the same would have taken the same path through the parser,
// so parsing as it gives the same problems: a linter that checks a
// document as several kinds parses it once (Locator.ParseEmbeddedUse).

// kindQuestion is one question a parse asked about its kind, with the
// answer it got.
type kindQuestion struct {
	is     func(Kind) bool // nil: the kind itself was read (its name in a message)
	answer bool
}

// kindIs answers a question about the kind being parsed, and records it.
// Every read of p.kind goes through kindIs or kindPhrase.
func (p *parser) kindIs(is func(Kind) bool) bool {
	answer := is(p.kind)
	if p.use != nil {
		p.use.asked = append(p.use.asked, kindQuestion{is: is, answer: answer})
	}
	return answer
}

// kindPhrase names the kind being parsed in a message, which only that
// kind answers alike.
func (p *parser) kindPhrase() string {
	if p.use != nil {
		p.use.asked = append(p.use.asked, kindQuestion{})
	}
	return kindPhrase(p.kind)
}

// KindUse records the questions one parse asked about the kind it read
// the document as. The answers decide which problems the parser reports,
// never what the document holds: parsed as any kind, a source gives the
// same Document but for its Kind field.
type KindUse struct {
	kind  Kind
	asked []kindQuestion
}

// Alike reports whether parsing the same source as kind k would report
// the same problems and give the same document, its Kind aside: every
// question the parse asked about its kind has the same answer for k.
func (u *KindUse) Alike(k Kind) bool {
	for _, q := range u.asked {
		if q.is == nil && k != u.kind || q.is != nil && q.is(k) != q.answer {
			return false
		}
	}
	return true
}

// ParseEmbeddedUse is ParseEmbedded, and also says what the parse asked
// about the kind, so that a caller can tell which other kinds would parse
// the document alike without parsing it again.
func (l *Locator) ParseEmbeddedUse(start, end int, kind Kind) (*Document, *KindUse, error) {
	use := &KindUse{kind: kind}
	doc, err := l.parseEmbedded(start, end, kind, use)
	return doc, use, err
}

// The questions the parser asks.

func isRCP(k Kind) bool               { return k == RCP }
func isTrust(k Kind) bool             { return k == Trust }
func isResource(k Kind) bool          { return k == Resource }
func forbidsPrincipal(k Kind) bool    { return elementRules[k].principal == forbidden }
func forbidsNotPrincipal(k Kind) bool { return elementRules[k].notPrincipal == forbidden }
func requiresPrincipal(k Kind) bool   { return elementRules[k].principal == required }
func forbidsResource(k Kind) bool     { return elementRules[k].resource == forbidden }
func requiresResource(k Kind) bool    { return elementRules[k].resource == required }
