package api

// LintCounts counts a lint report's findings.
type LintCounts struct {
	// ByLevel counts the unsuppressed findings by level.
	ByLevel map[LintLevel]int
	// Input counts the findings that make a file unusable (exit 2).
	Input      int
	Suppressed int
	// KindNotes counts the files whose detected kind could change the
	// exit status (LintedFile.KindMatters).
	KindNotes int
	// Linted counts the files linted: an account export is one file of
	// many documents.
	Linted int
	// Skipped counts the files of directories and globs skipped as not
	// policies.
	Skipped int
}

// Counts counts the report's files and findings.
func (r *LintReport) Counts() LintCounts {
	c := LintCounts{ByLevel: map[LintLevel]int{}}
	for _, in := range r.Inputs {
		if in.Skipped {
			c.Skipped++
		} else {
			c.Linted++
		}
	}
	for _, file := range r.Files {
		if file.KindMatters() {
			c.KindNotes++
		}
		for _, f := range file.Findings {
			switch {
			case f.Suppressed != nil:
				c.Suppressed++
			default:
				c.ByLevel[f.Level]++
				if f.Rule.Code.IsInput() {
					c.Input++
				}
			}
		}
	}
	return c
}

// AtLeast counts the unsuppressed findings at level or above.
func (c LintCounts) AtLeast(level LintLevel) int {
	n := 0
	for l, k := range c.ByLevel {
		if l >= level {
			n += k
		}
	}
	return n
}

// KindMatters reports whether the kind of the file was detected and
// another kind the detection cannot tell from it gives other findings at
// or above the report's FailOn (LintGuess.Differ): the detection could
// change the exit status, and a front end says so.
func (file *LintedFile) KindMatters() bool {
	return file.Guess != nil && len(file.Guess.Differ) > 0
}
