package lint

import (
	"errors"
	"fmt"
	"sort"
	"strings"

	"github.com/iamsim/iamsim/internal/catalog"
	"github.com/iamsim/iamsim/internal/wildcard"
	"github.com/iamsim/iamsim/policy"
)

// Finding is one problem in one document.
type Finding struct {
	Rule  *Rule
	Level Level // the rule's level unless the check chose another
	// Pos is where the problem starts and End just past where it ends
	// (End equals Pos when only the start is known).
	Pos, End policy.Pos
	// Path locates the element in the document, as in
	// Statement[1].Action[0]; "" for problems the parser reports and for
	// the document as a whole.
	Path string
	// Key identifies the element the way code-scanning fingerprints need:
	// Path with a statement named by its Sid when it has one
	// (Statement[Sid=Admin].Action[0]), so that adding a statement above
	// it does not change the key.
	Key     string
	Message string
	// Suggestion is the replacement the message proposes ("did you
	// mean"), or "".
	Suggestion string
	// Line is the source line Pos points into, for a caret under it.
	Line string
}

// Linter lints documents against one service catalog. It keeps what it
// has worked out about the catalog between documents, so lint many
// documents with one Linter. It is safe for concurrent use.
type Linter struct {
	// Limits bound each policy the linter parses from a name and source
	// (Lint, LintDetected); a zero field means its default. A Locator
	// given to LintEmbedded carries its own.
	Limits policy.Limits

	catalog *catalog.Catalog

	// Answers about the entries of the documents linted so far.
	patterns        cache[string, []*catalog.Action]     // lower-case action pattern -> the actions it matches
	compiledActions cache[string, *wildcard.Pattern]     // Action entry -> the entry lower-cased and compiled
	actions         cache[string, *actionInfo]           // Action entry -> what the catalog says of it
	keys            cache[string, keyInfo]               // condition key -> what the catalog says of it
	entries         cache[string, *catalog.EntryProblem] // Action entry -> what is wrong with it (catalog.CheckEntry)
	suggestedKeys   cache[string, suggestion]            // condition key -> did you mean
	arnTokens       cache[string, catalog.ARNFormat]     // ARN format of the catalog -> its tokens
	resources       cache[resourceKey, resourcePattern]  // Resource entry -> its tokens
	fits            cache[fitKey, bool]                  // can a Resource entry match an ARN format

	// Indexes of the catalog, built on first use.
	keyRefs lazy[map[string]bool] // the lower-case names of the condition keys some action lists
	tables  lazy[*securityTables] // the action lists of the security rules
}

// New returns a Linter that checks actions and condition keys against cat.
// It works nothing out until it lints.
func New(cat *catalog.Catalog) *Linter {
	return &Linter{catalog: cat}
}

// Catalog returns the catalog the linter checks against.
func (l *Linter) Catalog() *catalog.Catalog { return l.catalog }

// Lint parses src as a policy of the given kind and returns every finding,
// sorted by position then rule ID. The name labels every position.
func (l *Linter) Lint(name string, src []byte, kind policy.Kind) []Finding {
	return l.LintEmbedded(l.Limits.NewLocator(name, src), 0, len(src), kind)
}

// LintEmbedded is Lint for a document that stands at [start:end] of the
// Locator's source, such as a policy in an account export: the document is
// linted alone, and every position is a position in the source.
func (l *Linter) LintEmbedded(loc *policy.Locator, start, end int, kind policy.Kind) []Finding {
	doc, err := loc.ParseEmbedded(start, end, kind)
	c := l.newChecker(loc, start, end, doc, kind)
	c.addParseErrors(err)
	c.runRules()
	sortFindings(c.findings)
	return c.findings
}

// newChecker returns a checker for the document at [start:end] of the
// Locator's source, parsed as kind (doc is nil when it could not be).
func (l *Linter) newChecker(loc *policy.Locator, start, end int, doc *policy.Document, kind policy.Kind) *checker {
	return &checker{linter: l, doc: doc, policyKind: kind, src: loc.Source()[start:end], loc: loc}
}

// addParseErrors records the parser's problems as findings of its rules.
func (c *checker) addParseErrors(err error) {
	var perr policy.ErrorList
	if errors.As(err, &perr) {
		for _, e := range perr {
			r := rulesByCode[e.Code]
			c.findings = append(c.findings, Finding{Rule: r, Level: r.Level, Pos: e.Pos, End: e.Pos, Message: e.Msg, Line: e.Line})
		}
	}
}

// runRules runs the check of every rule on the document, if there is one.
// A checker that tracks questions records for each rule the findings it
// reported and the questions it asked about the kind.
func (c *checker) runRules() {
	if c.doc == nil {
		return
	}
	if c.track && c.runs == nil {
		c.runs = make([]ruleRun, 0, len(allRules))
	}
	for _, r := range allRules {
		if r.check == nil {
			continue
		}
		run := ruleRun{rule: r, findings: len(c.findings), asked: len(c.asked)}
		c.rule = r
		r.check(c)
		if c.track {
			run.findingsEnd, run.askedEnd = len(c.findings), len(c.asked)
			c.runs = append(c.runs, run)
		}
	}
}

func sortFindings(fs []Finding) {
	sort.SliceStable(fs, func(i, j int) bool {
		a, b := fs[i].Pos, fs[j].Pos
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		if a.Col != b.Col {
			return a.Col < b.Col
		}
		return fs[i].Rule.ID < fs[j].Rule.ID
	})
}

// checker holds one document while the rules look at it.
type checker struct {
	linter *Linter
	doc    *policy.Document
	// policyKind is the kind the document is linted as. Rules read it
	// through kindIs and kindValue only, which track what they asked.
	policyKind policy.Kind
	src        []byte          // the document's text
	loc        *policy.Locator // the source that holds it
	rule       *Rule           // the rule whose check is running
	findings   []Finding

	// track records the questions each rule asks about the kind (asked)
	// and what each rule did (runs), for LintDetected.
	track bool
	asked []kindQuestion
	runs  []ruleRun
}

// ruleRun is what one rule's check did: the findings it reported are
// findings[findings:findingsEnd] of its checker, the questions it asked
// asked[asked:askedEnd].
type ruleRun struct {
	rule                  *Rule
	findings, findingsEnd int
	asked, askedEnd       int
}

// report records a finding of the running rule at the rule's level.
func (c *checker) report(pos, end policy.Pos, path, format string, args ...any) *Finding {
	return c.reportAt(c.rule.Level, pos, end, path, format, args...)
}

// reportAt records a finding of the running rule at the given level.
func (c *checker) reportAt(level Level, pos, end policy.Pos, path, format string, args ...any) *Finding {
	if !end.IsValid() {
		end = pos
	}
	c.findings = append(c.findings, Finding{
		Rule: c.rule, Level: level, Pos: pos, End: end, Path: path, Key: c.stableKey(path),
		Message: fmt.Sprintf(format, args...), Line: c.line(pos.Line),
	})
	return &c.findings[len(c.findings)-1]
}

// reportValue records a finding that spans one value.
func (c *checker) reportValue(v policy.Value, path, format string, args ...any) *Finding {
	return c.report(v.Pos, v.End, path, format, args...)
}

// stableKey names the statement of a path by its Sid, when it has one.
func (c *checker) stableKey(path string) string {
	rest, ok := strings.CutPrefix(path, "Statement[")
	if !ok {
		return path
	}
	n, tail, ok := strings.Cut(rest, "]")
	if !ok {
		return path
	}
	for _, st := range c.doc.Statements {
		if fmt.Sprint(st.Index) == n && st.Sid.Text != "" {
			return "Statement[Sid=" + st.Sid.Text + "]" + tail
		}
	}
	return path
}

// line returns the 1-based line n of the source.
func (c *checker) line(n int) string { return c.loc.Line(n) }

// statementPath is the JSON path of a statement.
func statementPath(st *policy.Statement) string {
	return fmt.Sprintf("Statement[%d]", st.Index)
}

// listPath is the JSON path of item i of a statement's Action, NotAction,
// Resource or NotResource.
func listPath(st *policy.Statement, l *policy.List, base string, i int) string {
	if l.Not {
		base = "Not" + base
	}
	return fmt.Sprintf("Statement[%d].%s[%d]", st.Index, base, i)
}

// conditionPath is the JSON path of a condition key.
func conditionPath(st *policy.Statement, cond *policy.Condition) string {
	return fmt.Sprintf("Statement[%d].Condition.%s.%s", st.Index, cond.Operator.Text, cond.Key.Text)
}

// statementName names a statement in a message: Statement[1] (Sid Admin).
func statementName(st *policy.Statement) string {
	if st.Sid.Text != "" {
		return fmt.Sprintf("Statement[%d] (Sid %s)", st.Index, st.Sid.Text)
	}
	return statementPath(st)
}

// matchActions returns the catalog actions a pattern of an Action element
// matches, remembering the answer for later documents.
func (l *Linter) matchActions(pattern string) []*catalog.Action {
	key := strings.ToLower(pattern)
	return l.patterns.get(key, func() []*catalog.Action { return l.catalog.MatchActions(key) })
}
