package explain

import (
	"bytes"
	"io/fs"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/iamsim/iamsim/evaluator"
	"github.com/iamsim/iamsim/internal/msg"
	"github.com/iamsim/iamsim/internal/scenario"
)

// markerCatalog maps every message of the English catalog to a marker,
// ⟦id⟧, followed by the template's verbs, so that its arguments are
// still rendered.
func markerCatalog() msg.Catalog {
	verb := regexp.MustCompile(`%(\[\d+\])?[-+# 0-9.]*[a-zA-Z]`)
	c := msg.Catalog{}
	for id, text := range msg.English {
		c[id] = "⟦" + string(id) + "⟧" + strings.Join(verb.FindAllString(strings.ReplaceAll(text, "%%", ""), -1), " ")
	}
	return c
}

var (
	markers = regexp.MustCompile(`⟦[^⟧]*⟧`)
	quoted  = regexp.MustCompile(`"(\\.|[^"\\])*"`)
	words   = regexp.MustCompile(`[A-Za-z]{2,}`)
)

// strayWords returns the words of an explanation rendered with
// markerCatalog that no message gives: the words left once the markers
// and the quoted values are taken out, other than those of the data
// (allowed).
func strayWords(text string, allowed map[string]bool) []string {
	text = quoted.ReplaceAllString(markers.ReplaceAllString(text, " "), " ")
	var stray []string
	for _, w := range words.FindAllString(text, -1) {
		if !allowed[w] {
			stray = append(stray, w)
		}
	}
	return stray
}

// dataWords returns the words of the data an explanation of res shows:
// the request, the statements' names and positions, the arguments of
// the evaluator's messages, the keys and values, and the decisions'
// and effects' names, which AWS spells the same in every language.
func dataWords(name string, req *evaluator.Request, res *evaluator.Result) map[string]bool {
	allowed := map[string]bool{}
	add := func(s string) {
		for _, w := range words.FindAllString(s, -1) {
			allowed[w] = true
		}
	}
	var addMessage func(m evaluator.Message)
	addMessage = func(m evaluator.Message) {
		for _, a := range m.Args {
			switch a := a.(type) {
			case string:
				add(a)
			case evaluator.Message:
				addMessage(a)
			}
		}
	}
	for _, s := range []string{name, req.Principal, req.Action, req.Resource, req.ResourceAccount, "Allow Deny allowed explicitDeny implicitDeny"} {
		add(s)
	}
	for k := range req.Context {
		add(k)
	}
	addMessage(res.SummaryMessage())
	if res.ServiceRule != nil {
		add(res.ServiceRule.Doc) // AWS's words, quoted as written
	}
	for _, lr := range res.Layers {
		addMessage(lr.Why)
	}
	for _, m := range res.Missing {
		add(m.Key)
	}
	for _, b := range res.BadValues {
		add(b.Statement.Policy + " " + b.Statement.Pos.File + " " + b.Operator + " " + b.Key)
		addMessage(b.WantMessage())
	}
	for _, st := range res.Trace {
		add(st.Policy + " " + st.Pos.File)
		addMessage(st.Action().Detail)
		addMessage(st.Resource().Detail)
		if p := st.Principal(); p != nil {
			addMessage(p.Detail)
		}
		for _, c := range st.Conditions() {
			add(c.Operator + " " + c.Key + " " + strings.Join(c.Unresolved, " ") + " " + strings.Join(c.Malformed, " "))
		}
	}
	return allowed
}

// TestEveryWordFromCatalog renders the explanation of every request of
// the scenario corpus, verbose, with a catalog of markers: every word
// left is data (an action, an ARN, a key, a Sid, a file name...), so
// that a second catalog translates the whole explanation.
func TestEveryWordFromCatalog(t *testing.T) {
	t.Parallel()
	var files []string
	for _, dir := range []string{"../../testdata/cases", "../../testdata/scenarios"} {
		err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if !d.IsDir() && filepath.Ext(path) == ".yaml" && !strings.Contains(path, string(filepath.Separator)+"policies"+string(filepath.Separator)) {
				files = append(files, path)
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	cat, n := markerCatalog(), 0
	for _, file := range files {
		s, err := scenario.Load(file)
		if err != nil {
			t.Fatal(err)
		}
		set, err := evaluator.Compile(s.Policies, s.Organization)
		if err != nil {
			t.Fatalf("%s: %v", file, err)
		}
		for _, c := range s.Requests {
			prep, err := evaluator.Prepare(&c.Request)
			if err != nil {
				t.Fatalf("%s: %v", c.Pos, err)
			}
			res := &evaluator.Result{}
			set.EvaluatePrepared(prep, evaluator.Options{Trace: true}, res)
			var b bytes.Buffer
			write(&b, prep, res, Options{Name: c.Name, Expect: c.Expect, Verbose: true}, cat)
			if stray := strayWords(b.String(), dataWords(c.Name, &c.Request, res)); len(stray) > 0 {
				t.Errorf("%s: %s: words from no message: %q in\n%s", c.Pos, c.Name, stray, b.String())
			}
			n++
		}
	}
	if n < 300 {
		t.Errorf("explained %d requests, want the whole corpus (at least 300)", n)
	}
}
