package batch

import (
	"github.com/iamsim/iamsim/evaluator"
	"github.com/iamsim/iamsim/internal/jsonappend"
)

// A replay diff (Options.Baseline) decides each request twice, against
// the baseline (old) and the current (new) policies, and writes only the
// requests whose decision changes, with both decisions and their
// deciding statements (docs/cli.md, "Replay diff").

// Changes count the requests of a replay diff whose decision changed.
type Changes struct {
	Changed      int // the decision differs between old and new
	NewlyDenied  int // of them, allowed before and denied now
	NewlyAllowed int // of them, denied before and allowed now
}

// The kinds of change a result line's "change" names. An explicit deny
// that becomes an implicit one (or the reverse) is still a denial, but
// a change: another statement, or none, now denies.
const (
	changeNewlyDenied  = "newlyDenied"
	changeNewlyAllowed = "newlyAllowed"
	changeDenial       = "denialChanged"
)

// count counts a request decided old before and now new, and returns its
// change ("" for none).
func (ch *Changes) count(old, now evaluator.Decision) string {
	switch {
	case old == now:
		return ""
	case old == evaluator.Allowed:
		ch.Changed++
		ch.NewlyDenied++
		return changeNewlyDenied
	case now == evaluator.Allowed:
		ch.Changed++
		ch.NewlyAllowed++
		return changeNewlyAllowed
	default:
		ch.Changed++
		return changeDenial
	}
}

// add adds another chunk's counts.
func (ch *Changes) add(o Changes) {
	ch.Changed += o.Changed
	ch.NewlyDenied += o.NewlyDenied
	ch.NewlyAllowed += o.NewlyAllowed
}

// compare appends the fields of a replay diff's line: the request, the
// change, and each side's decision, deciding statements and bad values.
// It reports false when the line is not written: its decision did not
// change and neither side is unreliable (a comparison that rests on an
// unreliable decision is shown, so that it is not passed over).
func (w *worker) compare(c *chunk) (bool, *lineError) {
	old, now := &w.base, &w.res
	change := c.changes.count(old.Decision, now.Decision)
	unreliable := old.Unreliable || now.Unreliable
	if unreliable {
		c.unreliable++
	}
	if change == "" && !unreliable {
		return false, nil
	}
	if !w.record {
		// A CloudTrail record's head names them already.
		c.out = jsonappend.Field(c.out, "principal", w.req.Principal)
		c.out = jsonappend.Field(c.out, "action", w.req.Action)
		c.out = jsonappend.Field(c.out, "resource", w.req.Resource)
	}
	if change != "" {
		c.out = jsonappend.Field(c.out, "change", change)
	}
	var err error
	if c.out, err = w.appendSide(c.out, "old", old); err == nil {
		c.out, err = w.appendSide(c.out, "new", now)
	}
	if err != nil {
		return false, errorAt(-1, "%v", err)
	}
	return true, nil
}

// appendSide appends ,"name":{...}: one side's decision, deciding
// statements and bad values, and with Options.Trace its full result.
func (w *worker) appendSide(b []byte, name string, res *evaluator.Result) ([]byte, error) {
	b = jsonappend.Key(b, name)
	b = append(b, '{')
	b = w.appendDeciding(b, res)
	b = appendBadValues(b, res)
	if w.opts.Trace {
		var err error
		if b, err = appendResult(b, res); err != nil {
			return b, err
		}
	}
	return append(b, '}'), nil
}
