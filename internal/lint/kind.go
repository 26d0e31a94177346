package lint

import (
	"slices"

	"github.com/iamsim/iamsim/policy"
)

// Guess says how the kind of a document linted without --type was chosen,
// and whether the choice matters.
type Guess struct {
	Kind policy.Kind
	// Reason is what the detection saw, as in "a Principal, and only
	// sts:AssumeRole* actions".
	Reason string
	// Differ lists the kinds that look the same to the detection (with a
	// Principal: resource, trust, rcp, endpoint; without: identity,
	// boundary, session, scp) for which the findings that decide the exit
	// status differ: a finding at or above the level LintDetected was
	// given (--fail-on) of another rule or at another position, or one
	// that crosses that level. Findings below the level, and findings
	// that differ only in their wording (the name of the kind in "which
	// identity-based policies require", the quota of the same policy-size
	// warning), change nothing a run decides, and do not count. Empty
	// means the guess could not change the exit status.
	Differ []policy.Kind
}

// LintDetected detects the kind of a document (policy.DetectKind) and
// lints it as that kind. It also lints it as each kind the detection
// cannot tell apart from the one it chose, and reports in the Guess those
// that give other findings at or above failOn (Guess.Differ), so that a
// reader knows when --type could change the exit status.
//
// The other kinds cost little: the document is parsed once, and parsed
// again as another kind only when the parser asked a question about the
// kind that the other kind answers otherwise (policy.KindUse); of the
// rules, only those that asked such a question run again.
func (l *Linter) LintDetected(name string, src []byte, failOn Level) ([]Finding, Guess) {
	return l.LintDetectedAt(l.Limits.NewLocator(name, src), failOn)
}

// LintDetectedAt is LintDetected for the document a Locator holds, such
// as a policy of infrastructure code whose positions are in a template.
func (l *Linter) LintDetectedAt(loc *policy.Locator, failOn Level) ([]Finding, Guess) {
	d := l.lintDetected(loc)
	g := Guess{Kind: d.c.policyKind, Reason: "no Principal"}
	switch g.Kind {
	case policy.Trust:
		g.Reason = "a Principal, and only sts:AssumeRole* and session actions"
	case policy.Resource:
		g.Reason = "a Principal"
	}
	var want []string
	for _, other := range lookAlikes(g.Kind) {
		findings, same := d.as(other)
		if same {
			continue
		}
		if want == nil {
			want = decidingKeys(d.sorted(), failOn)
		}
		if !slices.Equal(want, decidingKeys(findings, failOn)) {
			g.Differ = append(g.Differ, other)
		}
	}
	if d.order == nil {
		sortFindings(d.c.findings) // no more alternatives to work out
		return d.c.findings, g
	}
	return d.order, g
}

// lookAlikes returns the kinds the detection cannot tell apart from kind:
// those that have a Principal when it has one, but kind itself.
func lookAlikes(kind policy.Kind) []policy.Kind {
	var kinds []policy.Kind
	for _, k := range policy.Kinds() {
		if k != kind && k.HasPrincipal() == kind.HasPrincipal() {
			kinds = append(kinds, k)
		}
	}
	return kinds
}

// detected is a document linted as its detected kind, with what is
// needed to lint it as another kind without starting again.
type detected struct {
	c      *checker        // linted as the detected kind, tracking questions
	use    *policy.KindUse // what the parse asked about the kind
	parsed int             // c.findings[:parsed] are the parser's
	loc    *policy.Locator // the source
	order  []Finding       // c.findings sorted, once asked for

	// Reused by as: a checker of the document as another kind, and what
	// its rules did.
	alt   *checker
	again []ruleRun
}

func (l *Linter) lintDetected(loc *policy.Locator) *detected {
	src := loc.Source()
	kind := policy.DetectKind(src)
	doc, use, err := loc.ParseEmbeddedUse(0, len(src), kind)
	c := l.newChecker(loc, 0, len(src), doc, kind)
	c.track = true
	c.addParseErrors(err)
	parsed := len(c.findings)
	c.runRules()
	return &detected{c: c, use: use, parsed: parsed, loc: loc}
}

// sorted returns the findings of the detected kind, sorted as Lint sorts
// them.
func (d *detected) sorted() []Finding {
	if d.order == nil {
		d.order = slices.Clone(d.c.findings)
		sortFindings(d.order)
	}
	return d.order
}

// as returns what Lint returns for the document as kind k; same reports
// instead that it is what Lint returns for the detected kind, and then the
// findings are nil.
//
// The parser's document does not depend on the kind, only its problems do
// (policy.KindUse), so the rules look at the same document whatever the
// kind: a rule that asked no question about the kind that k answers
// otherwise reports the same findings as k, and only the others run
// again. When the parser's problems and each rule's findings come out the
// same, so does everything.
func (d *detected) as(k policy.Kind) (findings []Finding, same bool) {
	c := d.c
	parseFindings := c.findings[:d.parsed]
	parseSame := d.use.Alike(k)
	if !parseSame {
		_, err := d.loc.ParseEmbedded(0, len(c.src), k)
		p := c.linter.newChecker(d.loc, 0, len(c.src), c.doc, k)
		p.addParseErrors(err)
		parseFindings = p.findings
		parseSame = sameFindings(c.findings[:d.parsed], parseFindings)
	}
	if d.alt == nil {
		d.alt = c.linter.newChecker(d.loc, 0, len(c.src), c.doc, k)
	}
	// alt.findings[again[i].findings:again[i].findingsEnd] are the
	// findings as k of a rule that asked a question k answers otherwise.
	alt, again := d.alt, d.again[:0]
	alt.policyKind, alt.findings = k, alt.findings[:0]
	rulesSame := true
	for _, run := range c.runs {
		if answersAlike(c.asked[run.asked:run.askedEnd], k) {
			continue
		}
		alt.rule = run.rule
		n := len(alt.findings)
		run.rule.check(alt)
		again = append(again, ruleRun{rule: run.rule, findings: n, findingsEnd: len(alt.findings)})
		rulesSame = rulesSame && sameFindings(c.findings[run.findings:run.findingsEnd], alt.findings[n:])
	}
	d.again = again
	if parseSame && rulesSame {
		return nil, true
	}
	findings = slices.Clone(parseFindings)
	for _, run := range c.runs {
		if len(again) > 0 && again[0].rule == run.rule {
			findings = append(findings, alt.findings[again[0].findings:again[0].findingsEnd]...)
			again = again[1:]
			continue
		}
		findings = append(findings, c.findings[run.findings:run.findingsEnd]...)
	}
	sortFindings(findings)
	return findings, false
}

// answersAlike reports whether kind k answers each question as it was
// answered.
func answersAlike(asked []kindQuestion, k policy.Kind) bool {
	for i := range asked {
		if !asked[i].alike(k) {
			return false
		}
	}
	return true
}

// sameFindings reports whether two lists of findings are of the same
// rules, at the same levels and positions, with the same messages, in the
// same order: the same findings, whose decidingKeys are equal too.
func sameFindings(a, b []Finding) bool {
	return slices.EqualFunc(a, b, func(x, y Finding) bool {
		return x.Rule == y.Rule && x.Level == y.Level && x.Pos == y.Pos && x.Message == y.Message
	})
}

// decidingKeys identifies the findings at or above level, those that
// decide the exit status of a run that fails on level, by rule and
// position, leaving out their wording and their exact level, sorted: two
// lists of findings with the same keys fail a run alike.
func decidingKeys(fs []Finding, level Level) []string {
	keys := make([]string, 0, len(fs))
	for _, f := range fs {
		if f.Level >= level {
			keys = append(keys, f.Rule.ID+" "+f.Pos.String())
		}
	}
	slices.Sort(keys)
	return keys
}
