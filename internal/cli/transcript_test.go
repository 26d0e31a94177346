package cli

// Transcripts: every ```console block of README.md and docs/*.md is a
// transcript, checked by TestDocCommands (doccommands_test.go runs the
// commands), so that a doc never shows output the command does not print.
//
//   - Each line that starts with "$ " is a command (a trailing \ continues
//     it); the lines up to the next command or the end of the block are
//     its output, which must equal what the command prints: standard
//     output and standard error interleaved as a terminal shows them
//     (with `> FILE` only standard error, with `2> FILE` only standard
//     output). A command printing nothing shows no lines. A console block
//     holds no pipeline (`| grep ...` is not run) and no command that
//     cannot run here: show those in a ```sh block, whose output is not
//     shown.
//   - The line just before the opening fence may be a marker:
//     <!-- transcript [excerpt] [expect=D[,D...]] [allowed=ARN[,ARN...]|none] -->
//   - expect= lists the decisions the prose around the block promises, in
//     the order the block's commands print them ("Decision: D" lines);
//     allowed= lists the principals iamsim who-can answers are allowed
//     (the "  arn:... (kind)" lines under "Allowed: "), or none. A block whose
//     commands print a decision or a who-can answer must say it, so the
//     prose's promise is written down where a reviewer sees it; it is
//     checked even with -update, so a regenerated transcript can never
//     silently contradict the text around it. The exit status a
//     "# exit N" comment promises is checked in the same way.
//   - excerpt: the block shows part of the output. A line that is "..."
//     (indented or not) stands for any number of omitted lines (none
//     included); every other line must be printed, in the order shown,
//     and lines shown next to each other must be printed next to each
//     other. Without "..." at its start or end, the excerpt starts or ends
//     where the output does. Without the marker, a "..." line is output
//     like any other, and does not match.
//   - Output that varies between runs cannot be checked: a transcript must
//     not show the repository's absolute path, today's date or a duration
//     in ns, µs or ms (give --now a fixed instant).
//
// `go test ./internal/cli -run DocCommands -update` rewrites every
// transcript with what its command prints now. An excerpt keeps its
// shape: each run of lines between "..." is replaced by the run of output
// lines, at the same place or further on, that is most like it; when none
// is like it at all, the test fails and the excerpt must be edited by hand.
// Review the diff like code, and read the prose around each changed block.
//
// TestEvaluationLogicSteps, below, keeps the step numbers of the docs'
// prose in step with those the explanation prints.

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

// consoleBlock is a console block of a doc.
type consoleBlock struct {
	where  string // file:line of its opening fence
	marker string // the <!-- transcript ... --> line before it, if any
	stray  bool   // it has output before its first command
}

// shown is the output a doc shows after a command of a console block.
type shown struct {
	block    *consoleBlock
	from, to int    // its offsets in the doc
	text     string // the doc's text there
}

// transcriptEdit is what -update writes in place of a command's output, and
// what the command answered, for the block's marker check.
type transcriptEdit struct {
	shown *shown
	text  string
	answers
}

// answers are what commands answered, or what a marker promises.
type answers struct {
	decisions []string // "Decision: D" lines
	whoCan    bool     // a who-can answer ("Allowed: ...") was printed
	allowed   []string // the principals it lists
}

// transcriptMarker is a transcript's marker (see the top of this file).
var transcriptMarker = regexp.MustCompile(`^<!-- transcript( excerpt)?(?: expect=([A-Za-z]+(?:,[A-Za-z]+)*))?(?: allowed=(none|[^ ,]+(?:,[^ ,]+)*))? -->$`)

// decisionLine is a decision as the text output prints it.
var decisionLine = regexp.MustCompile(`(?m)^Decision: ([A-Za-z]+)`)

// varying finds output that differs from run to run.
var varying = regexp.MustCompile(`\b\d+(\.\d+)?(ns|µs|ms)\b`)

// parseMarker reads a block's marker; "" is no marker.
func parseMarker(marker string) (excerpt bool, promised answers, err error) {
	if marker == "" {
		return false, answers{}, nil
	}
	m := transcriptMarker.FindStringSubmatch(marker)
	if m == nil || (m[1] == "" && m[2] == "" && m[3] == "") {
		return false, answers{}, fmt.Errorf("marker %q is not <!-- transcript [excerpt] [expect=DECISION[,DECISION...]] [allowed=ARN[,ARN...]|none] --> with at least one of them", marker)
	}
	if m[2] != "" {
		promised.decisions = strings.Split(m[2], ",")
	}
	if m[3] != "" {
		promised.whoCan = true
		if m[3] != "none" {
			promised.allowed = strings.Split(m[3], ",")
		}
	}
	return m[1] != "", promised, nil
}

// answersOf reads what a command's output answers.
func answersOf(out string) answers {
	var a answers
	for _, d := range decisionLine.FindAllStringSubmatch(out, -1) {
		a.decisions = append(a.decisions, d[1])
	}
	under := false
	for _, l := range strings.Split(out, "\n") {
		switch {
		case strings.HasPrefix(l, "Allowed: "):
			a.whoCan, under = true, true
		case under && strings.HasPrefix(l, "  arn:"):
			a.allowed = append(a.allowed, strings.Fields(l)[0])
		case under && strings.HasPrefix(l, "   "):
		default:
			under = false
		}
	}
	return a
}

// checkTranscript compares what a console command printed with what its
// block shows. It returns the edit -update makes, with ok false when
// there is nothing to check or nothing -update could write.
func checkTranscript(t *testing.T, c docCommand, got string) (transcriptEdit, bool) {
	t.Helper()
	if c.shown.block.stray {
		t.Errorf("%s: the console block shows output before its first command (a line starting with \"$ \")", c.shown.block.where)
		return transcriptEdit{}, false
	}
	excerpt, _, err := parseMarker(c.shown.block.marker)
	if err != nil {
		t.Errorf("%s: %v", c.shown.block.where, err)
		return transcriptEdit{}, false
	}
	if got != "" && !strings.HasSuffix(got, "\n") {
		got += "\n"
	}
	if v := varyingPart(got); v != "" {
		t.Errorf("%s: the output varies between runs (%q): make the command deterministic (--now with a fixed instant, relative paths)\n%s", c.text, v, clip(got))
	}
	e := transcriptEdit{shown: c.shown, text: got, answers: answersOf(got)}
	want := c.shown.text
	if !excerpt {
		if diff := cmp.Diff(want, got); diff != "" && !*update {
			t.Errorf("%s: transcript mismatch (-doc +iamsim):\n%s", c.text, diff)
		}
		return e, true
	}
	if excerptMatches(lines(want), lines(got)) {
		e.text = want
		return e, true
	}
	if !*update {
		t.Errorf("%s: the excerpt is not what the command prints (each shown line must be printed, in order, \"...\" standing for omitted lines)\nexcerpt:\n%s\nprinted:\n%s", c.text, want, clip(got))
		return e, true
	}
	repaired, err := repairExcerpt(lines(want), lines(got))
	if err != nil {
		t.Errorf("%s: -update cannot rewrite the excerpt: %v; edit it by hand\nprinted:\n%s", c.text, err, clip(got))
		e.text = want
		return e, true
	}
	e.text = strings.Join(repaired, "\n") + "\n"
	return e, true
}

// varyingPart returns a part of out that would differ in another run or
// on another machine, or "".
func varyingPart(out string) string {
	for _, s := range []string{repoRoot, time.Now().UTC().Format("2006-01-02"), time.Now().Format("2006-01-02")} {
		if strings.Contains(out, s) {
			return s
		}
	}
	return varying.FindString(out)
}

// checkBlocks checks each console block's marker against the decisions
// its commands printed, even with -update.
func checkBlocks(t *testing.T, edits []transcriptEdit) {
	t.Helper()
	var order []*consoleBlock
	printed := map[*consoleBlock]answers{}
	for _, e := range edits {
		b := e.shown.block
		a, ok := printed[b]
		if !ok {
			order = append(order, b)
		}
		a.decisions = append(a.decisions, e.decisions...)
		a.allowed = append(a.allowed, e.allowed...)
		a.whoCan = a.whoCan || e.whoCan
		printed[b] = a
	}
	for _, b := range order {
		if err := checkPromised(b.marker, printed[b]); err != nil {
			t.Errorf("%s: %v", b.where, err)
		}
	}
}

// checkPromised compares what a block's marker promises with what its
// commands printed.
func checkPromised(marker string, printed answers) error {
	_, want, err := parseMarker(marker)
	if err != nil {
		return err
	}
	var errs []string
	switch {
	case want.decisions == nil && printed.decisions != nil:
		errs = append(errs, fmt.Sprintf("the commands print decisions %v: say which decisions the prose promises with expect=%s in a <!-- transcript ... --> marker before the block", printed.decisions, strings.Join(printed.decisions, ",")))
	case want.decisions != nil || printed.decisions != nil:
		if diff := cmp.Diff(want.decisions, printed.decisions); diff != "" {
			errs = append(errs, fmt.Sprintf("the prose promises other decisions than the commands print (-marker +iamsim):\n%s", diff))
		}
	}
	switch {
	case !want.whoCan && printed.whoCan:
		list := strings.Join(printed.allowed, ",")
		if list == "" {
			list = "none"
		}
		errs = append(errs, fmt.Sprintf("the commands answer who can: say whom the prose promises with allowed=%s in a <!-- transcript ... --> marker before the block", list))
	case want.whoCan:
		if diff := cmp.Diff(want.allowed, printed.allowed); diff != "" || !printed.whoCan {
			errs = append(errs, fmt.Sprintf("the prose promises other principals than who-can allows (-marker +iamsim):\n%s", diff))
		}
	}
	if errs != nil {
		return fmt.Errorf("%s", strings.Join(errs, "; "))
	}
	return nil
}

// applyEdits writes each edit's text in place of the output it replaces.
func applyEdits(doc string, edits []transcriptEdit) string {
	sort.Slice(edits, func(i, j int) bool { return edits[i].shown.from > edits[j].shown.from })
	for _, e := range edits {
		doc = doc[:e.shown.from] + e.text + doc[e.shown.to:]
	}
	return doc
}

// lines splits output into its lines, without the final newline's empty
// line.
func lines(s string) []string {
	if s == "" {
		return nil
	}
	return strings.Split(strings.TrimSuffix(s, "\n"), "\n")
}

func isEllipsis(l string) bool { return strings.TrimSpace(l) == "..." }

// excerptMatches reports whether the output lines got match the excerpt
// shown, where a "..." line stands for any number of lines.
func excerptMatches(shown, got []string) bool {
	// ok[i][j]: shown[i:] matches got[j:].
	ok := make([][]bool, len(shown)+1)
	for i := range ok {
		ok[i] = make([]bool, len(got)+1)
	}
	ok[len(shown)][len(got)] = true
	for i := len(shown) - 1; i >= 0; i-- {
		for j := len(got); j >= 0; j-- {
			switch {
			case isEllipsis(shown[i]):
				ok[i][j] = ok[i+1][j] || (j < len(got) && ok[i][j+1])
			case j < len(got):
				ok[i][j] = shown[i] == got[j] && ok[i+1][j+1]
			}
		}
	}
	return ok[0][0]
}

// repairExcerpt rewrites an excerpt that no longer matches: each run of
// lines between "..." lines becomes the run of as many output lines, after
// the previous one, that is most like it (equal lines first, then the
// longest common beginnings), anchored at the output's start or end where
// the excerpt has no "..." there.
func repairExcerpt(shown, got []string) ([]string, error) {
	var runs [][]string
	var cur []string
	for _, l := range shown {
		if isEllipsis(l) {
			runs = append(runs, cur)
			cur = nil
			continue
		}
		cur = append(cur, l)
	}
	runs = append(runs, cur)
	var out []string
	pos := 0
	for i, run := range runs {
		if i > 0 {
			out = append(out, ellipsisAt(shown, i))
		}
		if len(run) == 0 {
			continue
		}
		first, last := pos, len(got)-len(run)
		if i == 0 {
			last = 0
		}
		if i == len(runs)-1 {
			first = max(first, len(got)-len(run))
		}
		best, bestScore := -1, 0
		for s := first; s <= last; s++ {
			score := 0
			for k, l := range run {
				if l == got[s+k] {
					score += 1000
				} else {
					score += commonPrefix(l, got[s+k])
				}
			}
			if score > bestScore {
				best, bestScore = s, score
			}
		}
		if best < 0 || bestScore < 10 {
			return nil, fmt.Errorf("the command no longer prints anything like %q", run[0])
		}
		out = append(out, got[best:best+len(run)]...)
		pos = best + len(run)
	}
	if !excerptMatches(out, got) {
		return nil, fmt.Errorf("the lines it shows are no longer printed in that order")
	}
	return out, nil
}

// ellipsisAt returns the i-th "..." line of shown (counting from 1), with
// its indentation.
func ellipsisAt(shown []string, i int) string {
	for _, l := range shown {
		if isEllipsis(l) {
			if i--; i == 0 {
				return l
			}
		}
	}
	return "..."
}

func commonPrefix(a, b string) int {
	n := 0
	for n < len(a) && n < len(b) && a[n] == b[n] {
		n++
	}
	return n
}

// explanationStep is a step of the text explanation: "  6. Identity-based
// policies ..... verdict".
var explanationStep = regexp.MustCompile(`(?m)^  (\d+)\. (.+?) \.{2,} `)

// docStep is a numbered step of docs/evaluation-logic.md: "6. **Identity-based
// policies.**".
var docStep = regexp.MustCompile(`(?m)^(\d+)\. \*\*(.+?)\.?\*\*`)

// TestEvaluationLogicSteps checks that docs/evaluation-logic.md, "The
// steps", numbers and names the steps as the text explanation of iamsim
// eval does, in the same order, so a reader can go from one to the other;
// and so does the overview at the top of docs/evaluation-order.md, which
// leaves out step 0 (shown only when a service rule refuses).
func TestEvaluationLogicSteps(t *testing.T) {
	// A request a service rule refuses shows step 0 as well as the others.
	_, out, _ := run(t, "", "eval", "--principal", "arn:aws:iam::111122223333:user/alice",
		"--action", "iam:DeletePolicy", "--resource", "arn:aws:iam::aws:policy/AdministratorAccess",
		"--identity", "testdata/policies/identity-s3-home-dirs.json")
	var want []string
	for _, m := range explanationStep.FindAllStringSubmatch(out, -1) {
		want = append(want, m[1]+". "+m[2])
	}
	if len(want) < 9 || want[0] != "0. Service rules" {
		t.Fatalf("the explanation shows steps %q, want step 0 (a service rule refuses) to 8\n%s", want, out)
	}
	tests := []struct {
		doc, section string // the section's heading; "" is the text before the first "## "
		want         []string
	}{
		{"evaluation-logic.md", "## The steps", want},
		{"evaluation-order.md", "", want[1:]},
	}
	for _, tt := range tests {
		src, err := os.ReadFile(filepath.Join(repoRoot, "docs", tt.doc))
		if err != nil {
			t.Fatal(err)
		}
		section, ok := string(src), true
		if tt.section == "" {
			section, _, _ = strings.Cut(section, "\n## ")
		} else {
			section, ok = docSection(section, tt.section)
		}
		if !ok {
			t.Errorf("docs/%s has no section %q", tt.doc, tt.section)
			continue
		}
		var got []string
		for _, m := range docStep.FindAllStringSubmatch(section, -1) {
			got = append(got, m[1]+". "+m[2])
		}
		if diff := cmp.Diff(tt.want, got); diff != "" {
			t.Errorf("docs/%s numbers the steps otherwise than iamsim eval (-eval +doc):\n%s", tt.doc, diff)
		}
	}
}

// docSection returns a Markdown section, from its heading to the next
// heading of the same level.
func docSection(doc, heading string) (string, bool) {
	_, rest, ok := strings.Cut(doc, "\n"+heading+"\n")
	if !ok {
		return "", false
	}
	level := heading[:strings.IndexByte(heading, ' ')+1]
	if i := strings.Index(rest, "\n"+level); i >= 0 {
		rest = rest[:i]
	}
	return rest, true
}

// TestVaryingPart shows which output cannot be a transcript.
func TestVaryingPart(t *testing.T) {
	tests := []struct {
		name, out string
		varies    bool
	}{
		{"fixed instant", "aws:CurrentTime=2026-01-01T00:00:00Z\n", false},
		{"relative path", "testdata/policies/p.json:1:1: E001 ...\n", false},
		{"absolute path", repoRoot + "/testdata/policies/p.json:1:1: E001 ...\n", true},
		{"today", "aws:CurrentTime=" + time.Now().UTC().Format(time.RFC3339) + "\n", true},
		{"duration", "decided 12 requests in 3.5ms\n", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if got := varyingPart(tt.out); (got != "") != tt.varies {
				t.Errorf("varyingPart(%q) = %q, want a part: %v", tt.out, got, tt.varies)
			}
		})
	}
}

// TestCheckPromised shows that a block whose answers contradict its
// marker, that prints answers without a marker, or whose marker says
// nothing, is reported.
func TestCheckPromised(t *testing.T) {
	d := func(ds ...string) answers { return answers{decisions: ds} }
	who := func(arns ...string) answers { return answers{whoCan: true, allowed: arns} }
	tests := []struct {
		name, marker string
		printed      answers
		fails        bool
	}{
		{"agrees", "<!-- transcript expect=allowed -->", d("allowed"), false},
		{"several in order", "<!-- transcript expect=allowed,implicitDeny -->", d("allowed", "implicitDeny"), false},
		{"excerpt agrees", "<!-- transcript excerpt expect=allowed -->", d("allowed"), false},
		{"no answer, no marker", "", answers{}, false},
		{"excerpt, no answer", "<!-- transcript excerpt -->", answers{}, false},
		{"who-can agrees", "<!-- transcript excerpt allowed=arn:aws:iam::3:user/ops,arn:aws:iam::3:role/r -->", who("arn:aws:iam::3:user/ops", "arn:aws:iam::3:role/r"), false},
		{"who-can none", "<!-- transcript allowed=none -->", who(), false},
		{"contradicts", "<!-- transcript expect=allowed -->", d("implicitDeny"), true},
		{"order differs", "<!-- transcript expect=implicitDeny,allowed -->", d("allowed", "implicitDeny"), true},
		{"one missing", "<!-- transcript expect=allowed,allowed -->", d("allowed"), true},
		{"decision without marker", "", d("allowed"), true},
		{"excerpt without expect", "<!-- transcript excerpt -->", d("allowed"), true},
		{"promised, none printed", "<!-- transcript expect=allowed -->", answers{}, true},
		{"who-can promises ops, allows none", "<!-- transcript allowed=arn:aws:iam::3:user/ops -->", who(), true},
		{"who-can promises none, allows ops", "<!-- transcript allowed=none -->", who("arn:aws:iam::3:user/ops"), true},
		{"who-can without allowed=", "<!-- transcript excerpt -->", who(), true},
		{"allowed= but no who-can", "<!-- transcript allowed=none -->", answers{}, true},
		{"no expect", "<!-- transcript -->", d("allowed"), true},
		{"misspelt", "<!-- transcript expects=allowed -->", d("allowed"), true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			err := checkPromised(tt.marker, tt.printed)
			if (err != nil) != tt.fails {
				t.Errorf("checkPromised = %v, want an error: %v", err, tt.fails)
			}
		})
	}
}

// TestAnswersOf shows what is read from a command's output.
func TestAnswersOf(t *testing.T) {
	out := "Request: ...\nDecision: allowed\n  allowed: ...\n\nAllowed: 2 of the 12\n  arn:aws:iam::3:user/ops (user)\n      allowed by ...\n  arn:aws:iam::3:role/r (role)\n\nFrom accounts that are not loaded\n  arn:aws:iam::4:root (account: ...)\n"
	want := answers{decisions: []string{"allowed"}, whoCan: true, allowed: []string{"arn:aws:iam::3:user/ops", "arn:aws:iam::3:role/r"}}
	if diff := cmp.Diff(want, answersOf(out), cmp.AllowUnexported(answers{})); diff != "" {
		t.Errorf("answersOf mismatch (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(answers{whoCan: true}, answersOf("...\nAllowed: none of the 12.\n\nRefused: ...\n  arn:aws:iam::3:user/ops (user)\n"), cmp.AllowUnexported(answers{})); diff != "" {
		t.Errorf("answersOf, none allowed, mismatch (-want +got):\n%s", diff)
	}
}

// TestTranscriptExcerpt shows how an excerpt matches the output and how -update
// rewrites one that no longer does.
func TestTranscriptExcerpt(t *testing.T) {
	out := []string{"Request: x", "  1. a ... ok", "  2. b ... ok", "  3. c ... no", "Decision: allowed", "  why: a statement allows"}
	tests := []struct {
		name    string
		shown   []string
		matches bool
		repair  []string // nil: cannot be repaired
	}{
		{"whole", out, true, out},
		{"start and end", []string{"Request: x", "...", "Decision: allowed", "  why: a statement allows"}, true, nil},
		{"middle", []string{"...", "  2. b ... ok", "..."}, true, nil},
		{"ellipsis for nothing", []string{"Request: x", "  ...", "  1. a ... ok", "..."}, true, nil},
		{"a line not printed", []string{"Request: x", "...", "Decision: denied", "  why: a statement allows"},
			false, []string{"Request: x", "...", "Decision: allowed", "  why: a statement allows"}},
		{"not next to each other", []string{"Request: x", "  2. b ... ok", "..."},
			false, []string{"Request: x", "  1. a ... ok", "..."}},
		{"out of order", []string{"...", "  3. c ... no", "...", "  1. a ... ok", "..."}, false, nil},
		{"end not at the end", []string{"...", "Decision: allowed"}, false, nil},
		{"changed last line", []string{"...", "  why: a statement denies"},
			false, []string{"...", "  why: a statement allows"}},
		{"changed line in a run", []string{"Request: x", "  1. a ... changed", "..."},
			false, []string{"Request: x", "  1. a ... ok", "..."}},
		{"nothing alike", []string{"...", "zzz", "..."}, false, nil},
		{"only an ellipsis", []string{"..."}, true, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if got := excerptMatches(tt.shown, out); got != tt.matches {
				t.Errorf("excerptMatches = %v, want %v", got, tt.matches)
			}
			if tt.matches {
				return
			}
			got, err := repairExcerpt(tt.shown, out)
			if tt.repair == nil {
				if err == nil {
					t.Errorf("repairExcerpt = %q, want an error", got)
				}
				return
			}
			if diff := cmp.Diff(tt.repair, got); diff != "" {
				t.Errorf("repairExcerpt mismatch (-want +got):\n%s", diff)
			}
		})
	}
}
