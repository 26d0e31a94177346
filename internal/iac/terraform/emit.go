package terraform

import (
	"strings"

	"github.com/iamsim/iamsim/internal/iac/policydoc"
	"github.com/iamsim/iamsim/policy"
)

// fill writes the document a node holds into p: its JSON, the file it
// is written in and the spans that place it there. A jsonencode or an
// aws_iam_policy_document is written value by value; a string (a
// heredoc, file()) is the document as it stands, mapped piece by piece.
// A part of the document read from another file (a variable's default
// in variables.tf) is placed where it is referred to, or else at the
// value around it.
func (r *reader) fill(p *policydoc.Policy, n *node, fallback loc) error {
	switch n.kind {
	case kJSON:
		file := n.at.file
		var w policydoc.Writer
		writeNode(&w, n.elems[0], file, n.at.off)
		p.Doc, p.Spans = w.Bytes()
		p.File, p.Text = file, r.files[file]
		p.Pos = r.pos(loc{file, placeOf(n.elems[0], file, n.at.off)})
		return nil
	case kString:
		file := ""
		for _, pc := range n.pieces {
			if pc.at.file != "" {
				file = pc.at.file
				break
			}
		}
		base := fallback
		if n.via.file != "" {
			base = n.via
		}
		if file == "" {
			file = base.file
		}
		if base.file != file {
			base = loc{file, 0}
			for _, pc := range n.pieces {
				if pc.at.file == file {
					base = pc.at
					break
				}
			}
		}
		for _, pc := range n.pieces {
			at, exact := pc.at.off, pc.exact
			if pc.at.file != file {
				at, exact = base.off, false
			}
			p.Spans = append(p.Spans, policy.Span{Start: pc.start, At: at, Exact: exact})
		}
		p.Doc = []byte(n.str)
		p.File, p.Text = file, r.files[file]
		start := len(n.str) - len(strings.TrimLeft(n.str, " \t\r\n"))
		p.Pos = r.pos(n.locAtIn(start, file, base))
		return nil
	}
	at := n.at
	if n.via.file != "" {
		at = n.via
	}
	return &evalError{at: at, msg: "a policy must be a JSON string (jsonencode it), not a " + n.kindName()}
}

// locAtIn is locAt, for a byte read from another file the place base.
func (n *node) locAtIn(i int, file string, base loc) loc {
	if at := n.locAt(i); at.file == file {
		return at
	}
	return base
}

// placeOf returns the offset in file a node is placed at: where it was
// written, else where it was referred to, else fallback.
func placeOf(n *node, file string, fallback int) int {
	switch {
	case n.at.file == file:
		return n.at.off
	case n.via.file == file:
		return n.via.off
	}
	return fallback
}

// writeNode writes a node as JSON, each value placed in file.
func writeNode(w *policydoc.Writer, n *node, file string, fallback int) {
	at := placeOf(n, file, fallback)
	switch n.kind {
	case kObject:
		w.BeginObject(at)
		for i, k := range n.keys {
			kat := at
			if n.keyAt[i].file == file {
				kat = n.keyAt[i].off
			}
			w.Key(k, kat)
			writeNode(w, n.elems[i], file, kat)
		}
		w.EndObject()
	case kTuple:
		w.BeginArray(at)
		for _, e := range n.elems {
			writeNode(w, e, file, at)
		}
		w.EndArray()
	case kString:
		p := n.pieces[0]
		switch {
		case len(n.pieces) == 1 && p.exact && p.at.file == file:
			w.StringExact(n.str, p.at.off)
		case p.at.file == file:
			w.String(n.str, p.at.off)
		default:
			w.String(n.str, at)
		}
	case kNumber, kBool, kNull:
		text := n.lit
		if n.kind == kNull {
			text = "null"
		}
		w.Literal(text, at)
	case kJSON:
		w.String(string(n.render()), at)
	}
}
