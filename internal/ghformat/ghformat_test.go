package ghformat

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestAnnotation(t *testing.T) {
	tests := []struct {
		name string
		a    Annotation
		want string
	}{
		{"a start only", Annotation{Level: "error", File: "p.json", Line: 3, Col: 7, Title: "t", Message: "m"},
			"::error file=p.json,line=3,col=7,title=t::m\n"},
		{"a range on one line", Annotation{Level: "warning", File: "p.json", Line: 3, Col: 7, EndLine: 3, EndCol: 9, Title: "t", Message: "m"},
			"::warning file=p.json,line=3,col=7,endLine=3,endColumn=9,title=t::m\n"},
		{"a range over lines drops the columns", Annotation{Level: "notice", File: "p.json", Line: 3, Col: 7, EndLine: 5, EndCol: 2, Message: "m"},
			"::notice file=p.json,line=3,endLine=5::m\n"},
		{"no file: no position", Annotation{Level: "notice", Line: 3, Col: 7, Title: "iamsim lint", Message: "1 error"},
			"::notice title=iamsim lint::1 error\n"},
		{"nothing but a message", Annotation{Level: "error", Message: "m"}, "::error::m\n"},
		{"escapes", Annotation{Level: "error", File: "a,b:c%.json", Line: 1, Title: "x: y, z", Message: "50% of\r\nlines: a, b"},
			"::error file=a%2Cb%3Ac%25.json,line=1,title=x%3A y%2C z::50%25 of%0D%0Alines: a, b\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var b strings.Builder
			tt.a.Write(&b)
			if diff := cmp.Diff(tt.want, b.String()); diff != "" {
				t.Errorf("mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

func TestMarkdown(t *testing.T) {
	tests := []struct {
		name, got, want string
	}{
		{"code keeps markup, escapes the cell's end", Code("a|*b*\nc"), "`a\\|*b* c`"},
		{"text escapes markup and breaks lines", Text("a|*b*_c_`d`<e>\nf"), `a\|\*b\*\_c\_\` + "`d\\`" + `&lt;e>` + "<br>f"},
		{"a place links its line", Place("dir/my file.json", 4, 5), "[`dir/my file.json:4:5`](dir/my%20file.json#L4)"},
		{"a file alone links the file", Place("p.json", 0, 0), "[`p.json`](p.json)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if diff := cmp.Diff(tt.want, tt.got); diff != "" {
				t.Errorf("mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

func TestFold(t *testing.T) {
	for _, rows := range []int{CollapseAfter, CollapseAfter + 1} {
		var b strings.Builder
		end := Fold(&b, rows, "11 findings")
		b.WriteString("rows\n")
		end()
		want := "rows\n"
		if rows > CollapseAfter {
			want = "<details><summary>11 findings</summary>\n\nrows\n</details>\n\n"
		}
		if diff := cmp.Diff(want, b.String()); diff != "" {
			t.Errorf("%d rows: mismatch (-want +got):\n%s", rows, diff)
		}
	}
}
