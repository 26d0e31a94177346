// Package batch decides a stream of requests against policies: one JSON
// request per line, or the records of CloudTrail log files, with one
// JSON result per line in input order. Requests are decided by a pool of
// workers; a bounded number of chunks are in flight, so memory does not
// grow with the input.
package batch

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"runtime"
	"sort"
	"strings"
	"time"

	"github.com/iamsim/iamsim/evaluator"
	"github.com/iamsim/iamsim/internal/jsonappend"
	"github.com/iamsim/iamsim/internal/reqcheck"
	"github.com/iamsim/iamsim/internal/source"
)

// Options configure a run.
type Options struct {
	// Resolve returns the policy set that decides a request. It may add to
	// the request (context keys, the role ARN) and to r, which comes
	// empty, and must be safe for concurrent use.
	Resolve func(req *evaluator.Request, r *Resolution) (*evaluator.PolicySet, error)
	// Defaults are context keys every request gets unless it has them.
	Defaults evaluator.Context
	// Workers is the number of deciding goroutines; 0 means GOMAXPROCS.
	Workers int
	// Strict stops at the first malformed line or record.
	Strict bool
	// Trace adds each request's full result, trace included.
	Trace bool
	// Expect is the decision every request should get, whatever its line
	// expects.
	Expect *evaluator.Decision
	// Baseline, when set, makes the run a replay diff (compare.go): each
	// request, resolved and prepared once, is decided against the policy
	// set Resolve returns (new) and the one Baseline returns for the
	// resolved request (old), and only the requests whose decision
	// changes, or is unreliable on either side, are written, with both
	// decisions. Expect and the lines' expect do not apply. It must be
	// safe for concurrent use.
	Baseline func(req *evaluator.Request) (*evaluator.PolicySet, error)
	// Progress, when set, is called with the counts so far about every
	// quarter of a second, and once at the end.
	Progress func(Stats)
	// Check, when set, checks each request's action and context before it
	// is decided (reqcheck): an unknown action makes the line an error,
	// and the warnings join the result line as "warnings". It sees the
	// context of the line and of Defaults, not the keys Resolve adds; a
	// Resolution's Check, when Resolve sets one, checks the context
	// instead.
	Check *reqcheck.Checker
	// AssumedAccount, when set, returns the note for a request whose
	// resource account was assumed to be account, the principal's (the
	// ARN names none and nothing gave one: evaluator.Prepared's
	// ResourceAccount says "principal"); it joins the line's "notes".
	AssumedAccount func(account string) string
	// TrailLimits bound what is read of one CloudTrail log file, which is
	// held whole in memory (JSON lines are read a chunk at a time); a
	// MaxFileSize of 0 means source.DefaultMaxExportSize.
	TrailLimits source.Limits
}

// trailLimits returns the read limits of a CloudTrail log file.
func (o *Options) trailLimits() source.Limits {
	if o.TrailLimits.MaxFileSize <= 0 {
		return o.TrailLimits.Export(0)
	}
	return o.TrailLimits
}

// Resolution is what Resolve says of a request besides its policy set.
type Resolution struct {
	// Keys are the context keys of the line and of Defaults as they were
	// spelled (the request's context has them in canonical form), for
	// Resolve's notes to name them so.
	Keys []string
	// Check, when set, checks the request's context keys in place of
	// Options.Check: a checker that also knows the condition keys of the
	// policies that apply to this request (with account data, the
	// principal's and the resource's).
	Check *reqcheck.Checker
	// Notes join the result line's "notes": a context value of the
	// request that overrides one the account data derives.
	Notes []string
}

// Stats count what a run did.
type Stats struct {
	Records    int           // requests read, malformed ones included
	Errors     int           // malformed lines or records
	Mismatches int           // decisions other than the expected one
	Unreliable int           // requests with a decision marked unreliable (evaluator.Result.Unreliable)
	Elapsed    time.Duration // since the run started
	// Changes count the changed decisions of a replay diff.
	Changes
}

// ErrStrict is returned when Options.Strict stopped a run at a malformed
// line; the line's error result has been written.
var ErrStrict = errors.New("stopped at the first malformed request (--strict)")

// cacheSize bounds each worker's caches of names.
const cacheSize = 4096

// A chunk holds about chunkBytes of request lines, or chunkItems
// CloudTrail records.
const (
	chunkItems = 512
	chunkBytes = 128 << 10
)

// item is one request to decide: a JSONL line or a CloudTrail record.
type item struct {
	raw    string
	line   int // 1-based line in the file (of the record's first line)
	col    int // column of raw's first byte in its line, less 1
	record int // 1-based index in Records, 0 for a JSONL line
	// err is a problem the reader found (a CloudTrail file that is not
	// valid JSON); raw is then the whole file.
	err *lineError
}

// chunk is a run of consecutive items, decided by one worker.
type chunk struct {
	seq   int
	file  string // the file name, for errors and (in a directory) results
	label string // the file name in results, "" for a single input
	items []item
	data  []byte // read buffer of JSONL input
	out   []byte
	// stop is set when Strict stopped in this chunk: out ends with the
	// malformed line's result.
	stop                        bool
	records, errors, mismatches int
	unreliable                  int
	changes                     Changes
}

// feed fills chunks with items, in order; it returns at the end of the
// input or when next returns nil.
type feed func(next func() *chunk, send func(*chunk)) error

// run decides the requests a feed gives and writes the results, in input
// order, to w.
func run(src feed, w io.Writer, opts Options) (Stats, error) {
	start := time.Now()
	workers := opts.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	window := 4 * workers
	free := make(chan *chunk, window)
	for range window {
		free <- &chunk{}
	}
	jobs := make(chan *chunk, window)
	results := make(chan *chunk, window)
	stop := make(chan struct{})
	seq := 0
	next := func() *chunk {
		select {
		case c := <-free:
			c.seq, seq = seq, seq+1
			c.items, c.data, c.out = c.items[:0], c.data[:0], c.out[:0]
			c.stop, c.records, c.errors, c.mismatches, c.unreliable = false, 0, 0, 0, 0
			c.changes = Changes{}
			return c
		case <-stop:
			return nil
		}
	}
	var srcErr error
	go func() {
		srcErr = src(next, func(c *chunk) { jobs <- c })
		close(jobs)
	}()
	done := make(chan struct{})
	for range workers {
		go func() {
			wk := newWorker(&opts)
			for c := range jobs {
				wk.decide(c)
				results <- c
			}
			done <- struct{}{}
		}()
	}
	go func() {
		for range workers {
			<-done
		}
		close(results)
	}()

	bw := bufio.NewWriterSize(w, 256<<10)
	var stats Stats
	pending := make([]*chunk, window)
	want := 0
	lastProgress := start
	var werr error
	for c := range results {
		pending[c.seq%window] = c
		for pending[want%window] != nil && pending[want%window].seq == want {
			c := pending[want%window]
			pending[want%window] = nil
			want++
			if werr == nil {
				_, werr = bw.Write(c.out)
			}
			stats.Records += c.records
			stats.Errors += c.errors
			stats.Mismatches += c.mismatches
			stats.Unreliable += c.unreliable
			stats.Changes.add(c.changes)
			if c.stop || werr != nil {
				close(stop)
				if err := bw.Flush(); werr == nil {
					werr = err
				}
				if werr != nil {
					return stats, werr
				}
				stats.Elapsed = time.Since(start)
				if opts.Progress != nil {
					opts.Progress(stats)
				}
				return stats, ErrStrict
			}
			free <- c
		}
		if opts.Progress != nil {
			if now := time.Now(); now.Sub(lastProgress) >= 250*time.Millisecond {
				lastProgress = now
				stats.Elapsed = now.Sub(start)
				opts.Progress(stats)
			}
		}
	}
	stats.Elapsed = time.Since(start)
	if opts.Progress != nil {
		opts.Progress(stats)
	}
	if err := bw.Flush(); err != nil {
		return stats, err
	}
	return stats, srcErr
}

// worker decides requests; each worker reuses its own storage.
type worker struct {
	opts      *Options
	prep      *evaluator.Preparer
	prepared  evaluator.Prepared
	res       evaluator.Result
	base      evaluator.Result // the baseline's, in a replay diff
	req       evaluator.Request
	ctx       evaluator.Context
	values    []string // the context's values, for one request
	fields    []string // the line's field names, for duplicates
	keys      map[string]string
	name      string
	expect    evaluator.Decision
	hasExpect bool
	ev        trailEvent
	trail     *trailCache
	// actionAt is the offset of the line's action value, -1 when unknown.
	actionAt int
	// record is set while a CloudTrail record is decided: its action is
	// the call that was made, checked against the catalog when the
	// record is read (an unknown one is decided, with the record's
	// warning), so Options.Check checks only its context.
	record bool
	// checks remembers Options.Check's answers by action and by key.
	checks     map[checkKey]checkAnswer
	lastCheck  checkKey // the last question asked, and its answer
	lastAnswer checkAnswer
	warnings   []string // the request's, from Options.Check
	// given are the context keys of the line and of Defaults, as spelled
	// (w.ctx has them canonical), for the checks.
	given []string
	// resolution is what Resolve said of the request.
	resolution Resolution
	// notes are the request's notes; lastAssumed is the last account
	// Options.AssumedAccount was asked about, and lastAssumedNote its
	// answer.
	notes                        []string
	lastAssumed, lastAssumedNote string
	// rendered holds recently rendered deciding statements.
	rendered     [8]renderedStatement
	nextRendered int
	// unchanged is set when a replay diff does not write the request's
	// line.
	unchanged bool
}

func newWorker(opts *Options) *worker {
	return &worker{opts: opts, prep: evaluator.NewPreparer(), ctx: evaluator.Context{}, keys: map[string]string{}, trail: newTrailCache(),
		checks: map[checkKey]checkAnswer{}}
}

// checkKey is an action, a context key with the action it was given
// for, or (resource set) a resource in key with its action, asked of one
// checker.
type checkKey struct {
	chk         *reqcheck.Checker
	action, key string
	resource    bool
}

// checkAnswer is what a checker said.
type checkAnswer struct {
	warning string
	err     error
}

// ask asks a checker about an action (k.key ""), a context key or a
// resource, remembering its answers.
func (w *worker) ask(k checkKey) checkAnswer {
	if k == w.lastCheck {
		return w.lastAnswer // lines often repeat their neighbours
	}
	if a, ok := w.checks[k]; ok {
		w.lastCheck, w.lastAnswer = k, a
		return a
	}
	var a checkAnswer
	switch {
	case k.resource:
		a.warning = k.chk.Resource(k.action, k.key)
	case k.key == "":
		a.warning, a.err = k.chk.Action(k.action)
	default:
		a.warning = k.chk.ContextKey(k.action, k.key)
	}
	if len(w.checks) >= cacheSize {
		clear(w.checks)
	}
	k = checkKey{k.chk, strings.Clone(k.action), strings.Clone(k.key), k.resource}
	w.checks[k] = a
	w.lastCheck, w.lastAnswer = k, a
	return a
}

// checkAction asks Options.Check about the request's action; a warning
// goes to w.warnings.
func (w *worker) checkAction() *lineError {
	if w.opts.Check == nil || w.record {
		return nil
	}
	a := w.ask(checkKey{chk: w.opts.Check, action: w.req.Action})
	if a.err != nil {
		return errorAt(w.actionAt, "%v", a.err)
	}
	if a.warning != "" {
		w.warnings = append(w.warnings, a.warning)
	}
	return nil
}

// checkContext asks chk about the request's resource, then the context
// keys the line and Defaults gave, as they were spelled; the warnings go
// to w.warnings.
func (w *worker) checkContext(chk *reqcheck.Checker) {
	if chk == nil {
		return
	}
	// A CloudTrail record is a request AWS decided: neither its action
	// (checkAction) nor its resource is checked.
	if !w.record {
		if a := w.ask(checkKey{chk: chk, action: w.req.Action, key: w.req.Resource, resource: true}); a.warning != "" {
			w.warnings = append(w.warnings, a.warning)
		}
	}
	// Input order, then the (rare) warnings sorted: each names its key.
	start := len(w.warnings)
	for _, k := range w.given {
		if a := w.ask(checkKey{chk: chk, action: w.req.Action, key: k}); a.warning != "" {
			w.warnings = append(w.warnings, a.warning)
		}
	}
	sort.Strings(w.warnings[start:])
}

// reset empties the request for the next line.
func (w *worker) reset() {
	clear(w.ctx)
	w.req = evaluator.Request{Context: w.ctx}
	w.values, w.fields = w.values[:0], w.fields[:0]
	w.name, w.hasExpect, w.actionAt, w.unchanged = "", false, -1, false
	w.warnings, w.given, w.notes = w.warnings[:0], w.given[:0], w.notes[:0]
	w.resolution = Resolution{Notes: w.resolution.Notes[:0]}
}

// decide decides the chunk's items into its output.
func (w *worker) decide(c *chunk) {
	for i := range c.items {
		it := &c.items[i]
		c.records++
		w.reset()
		start := len(c.out)
		c.out = append(c.out, '{')
		if it.record > 0 {
			c.out = jsonappend.IntField(c.out, "record", it.record)
		}
		c.out = jsonappend.IntField(c.out, "line", it.line)
		if c.label != "" {
			c.out = jsonappend.Field(c.out, "file", c.label)
		}
		err := it.err
		if err == nil {
			err = w.decideItem(c, it)
		}
		if err != nil {
			c.errors++
			c.out = jsonappend.Key(c.out, "error")
			c.out = jsonappend.String(c.out, errorText(c.file, it, err))
			c.out = append(c.out, '}', '\n')
			if w.opts.Strict {
				c.stop = true
				return
			}
			continue
		}
		if w.unchanged {
			c.out = c.out[:start]
			continue
		}
		c.out = append(c.out, '}', '\n')
	}
}

// decideItem decodes one request and decides it, appending the result
// fields. A panic, which would end the process with a Go stack trace, is
// turned into the item's error and its fields are dropped.
func (w *worker) decideItem(c *chunk, it *item) (err *lineError) {
	mark := len(c.out)
	defer func() {
		if r := recover(); r != nil {
			c.out = c.out[:mark]
			err = errorAt(-1, "internal error: %v (please report it)", r)
		}
	}()
	w.record = it.record > 0
	if w.record {
		err = w.decodeRecord(it.raw)
		c.out = w.ev.appendHead(c.out)
	} else {
		err = w.decodeLine(it.raw)
		if w.name != "" {
			c.out = jsonappend.Field(c.out, "name", w.name)
		}
	}
	if err == nil {
		err = w.evaluate(c)
	}
	return err
}

// evaluate decides the worker's request and appends the result fields.
func (w *worker) evaluate(c *chunk) *lineError {
	for k, v := range w.opts.Defaults {
		lower := w.keyName(k)
		if _, ok := w.ctx[lower]; !ok {
			w.ctx[lower] = v
			w.given = append(w.given, k)
		}
	}
	if err := w.checkAction(); err != nil {
		return err
	}
	w.resolution.Keys = w.given
	set, err := w.opts.Resolve(&w.req, &w.resolution)
	if err != nil {
		return errorAt(-1, "%v", err)
	}
	var baseline *evaluator.PolicySet
	if w.opts.Baseline != nil {
		if baseline, err = w.opts.Baseline(&w.req); err != nil {
			return errorAt(-1, "baseline: %v", err)
		}
	}
	if w.resolution.Check != nil {
		w.checkContext(w.resolution.Check)
	} else {
		w.checkContext(w.opts.Check)
	}
	if err := w.prep.PrepareInto(&w.req, &w.prepared); err != nil {
		return errorAt(-1, "%v", err)
	}
	w.notes = append(w.notes, w.resolution.Notes...)
	if n := w.assumedAccountNote(); n != "" {
		w.notes = append(w.notes, n)
	}
	set.EvaluatePrepared(&w.prepared, evaluator.Options{Trace: w.opts.Trace}, &w.res)
	if baseline != nil {
		baseline.EvaluatePrepared(&w.prepared, evaluator.Options{Trace: w.opts.Trace}, &w.base)
		written, err := w.compare(c)
		w.unchanged = !written
		if err == nil {
			c.out = appendStrings(c.out, "warnings", w.warnings)
			c.out = appendStrings(c.out, "notes", w.notes)
		}
		return err
	}
	expect, has := w.expect, w.hasExpect
	if w.opts.Expect != nil {
		expect, has = *w.opts.Expect, true // as in eval, --expect wins
	}
	if has {
		c.out = jsonappend.Field(c.out, "expect", expect.String())
		if expect != w.res.Decision {
			c.mismatches++
		}
	}
	c.out = w.appendDeciding(c.out, &w.res)
	c.out = appendBadValues(c.out, &w.res)
	c.out = appendStrings(c.out, "warnings", w.warnings)
	c.out = appendStrings(c.out, "notes", w.notes)
	if w.res.Unreliable {
		c.unreliable++
	}
	if w.opts.Trace {
		var err error
		if c.out, err = appendResult(c.out, &w.res); err != nil {
			return errorAt(-1, "%v", err)
		}
	}
	return nil
}

// assumedAccountNote returns Options.AssumedAccount's note when the
// request's resource account was assumed, remembering the last one: the
// lines of one caller on S3 all get it.
func (w *worker) assumedAccountNote() string {
	account, ok := w.prepared.AssumedResourceAccount()
	if w.opts.AssumedAccount == nil || !ok {
		return ""
	}
	if account != w.lastAssumed || w.lastAssumedNote == "" {
		w.lastAssumed, w.lastAssumedNote = strings.Clone(account), w.opts.AssumedAccount(account)
	}
	return w.lastAssumedNote
}

// errorText renders a problem as file:line:col: message.
func errorText(file string, it *item, err *lineError) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s:%d", file, it.line+lineOffset(it.raw, err.offset))
	if col := columnIn(it.raw, err.offset); col > 0 {
		if lineOffset(it.raw, err.offset) == 0 {
			col += it.col
		}
		fmt.Fprintf(&b, ":%d", col)
	}
	b.WriteString(": ")
	if it.record > 0 {
		fmt.Fprintf(&b, "record %d: ", it.record)
	}
	b.WriteString(err.msg)
	return b.String()
}

// lineOffset counts the line breaks of raw before a byte offset: a
// CloudTrail record spans lines.
func lineOffset(raw string, offset int) int {
	if offset <= 0 || offset > len(raw) {
		return 0
	}
	return strings.Count(raw[:offset], "\n")
}

// columnIn returns the column of a byte offset in its own line of raw.
func columnIn(raw string, offset int) int {
	if offset < 0 || offset > len(raw) {
		return 0
	}
	lineStart := strings.LastIndexByte(raw[:offset], '\n') + 1
	return column(raw[lineStart:], offset-lineStart)
}
