package explain

import (
	"fmt"
	"io"
	"strings"

	"github.com/iamsim/iamsim/evaluator"
	"github.com/iamsim/iamsim/internal/msg"
)

// printer writes an explanation's lines, in colour when asked, with its
// words from cat.
type printer struct {
	w     io.Writer
	color bool
	cat   msg.Catalog
}

func (p *printer) linef(format string, args ...any) {
	fmt.Fprintf(p.w, format+"\n", args...)
}

// text renders message id of the printer's catalog.
func (p *printer) text(id msg.ID, args ...any) string { return p.cat.Text(id, args...) }

// render renders a message of the evaluator from the printer's catalog.
func (p *printer) render(m evaluator.Message) string {
	return m.Render(func(id string, args ...any) string { return p.text(msg.ID(id), args...) })
}

func (p *printer) paint(code, s string) string {
	if !p.color {
		return s
	}
	return "\x1b[" + code + "m" + s + "\x1b[0m"
}

func (p *printer) bold(s string) string   { return p.paint("1", s) }
func (p *printer) red(s string) string    { return p.paint("31", s) }
func (p *printer) green(s string) string  { return p.paint("32", s) }
func (p *printer) yellow(s string) string { return p.paint("33", s) }
func (p *printer) dim(s string) string    { return p.paint("2", s) }

// paintDecision renders a decision, green when allowed, else red.
func (p *printer) paintDecision(d evaluator.Decision) string {
	if d == evaluator.Allowed {
		return p.green(d.String())
	}
	return p.red(d.String())
}

// step writes a numbered step line with dot leaders.
func (p *printer) step(n int, title, verdict string) {
	label := fmt.Sprintf("%d. %s ", n, title)
	p.linef("  %s%s %s", label, strings.Repeat(".", max(2, 32-len(label))), verdict)
}
