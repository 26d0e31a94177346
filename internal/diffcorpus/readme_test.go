package diffcorpus

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// familyRow is a row of the README's family table: a name, a range of
// case numbers and its count.
var familyRow = regexp.MustCompile(`(?m)^\| .+ \| (\d{3})-(\d{3}) \| (\d+) \|$`)

// TestReadmeFamilies checks that the families of testdata/diff/README.md
// cover every case exactly once, in order, with the right counts.
func TestReadmeFamilies(t *testing.T) {
	t.Parallel()
	src, err := os.ReadFile(filepath.Join(corpusDir, "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	cases, err := Load(corpusDir)
	if err != nil {
		t.Fatal(err)
	}
	next := 1
	for _, m := range familyRow.FindAllStringSubmatch(string(src), -1) {
		from, _ := strconv.Atoi(m[1])
		to, _ := strconv.Atoi(m[2])
		count, _ := strconv.Atoi(m[3])
		if from != next || to < from || count != to-from+1 {
			t.Errorf("family row %q: want it to start at %03d and count %d", m[0], next, to-from+1)
		}
		next = to + 1
	}
	if next != len(cases)+1 {
		t.Errorf("the families cover cases 001-%03d, the corpus has %d", next-1, len(cases))
	}
	for i, c := range cases {
		if want := fmt.Sprintf("%03d-", i+1); !strings.HasPrefix(c.Name, want) {
			t.Errorf("case %s: want it numbered %s", c.Name, want)
		}
	}
}
