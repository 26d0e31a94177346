package lintformat

import (
	"strings"
	"testing"
)

func TestExcerpt(t *testing.T) {
	long := strings.Repeat("a", 100) + "X" + strings.Repeat("b", 200)
	tests := []struct {
		name, line string
		col        int
		want       string
		wantCol    int
	}{
		{"short lines are whole", "abc", 2, "abc", 2},
		{"a long line around the column", long, 101, "..." + strings.Repeat("a", 60) + "X" + strings.Repeat("b", 59) + "...", 64},
		{"the start of a long line", long, 1, strings.Repeat("a", 100) + "X" + strings.Repeat("b", 19) + "...", 1},
		{"the end of a long line", long, 301, "..." + strings.Repeat("b", 120), 123},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, col := excerpt(tt.line, tt.col)
			if got != tt.want || col != tt.wantCol {
				t.Errorf("excerpt = %q, %d; want %q, %d", got, col, tt.want, tt.wantCol)
			}
			if []rune(got)[col-1] != []rune(tt.line)[tt.col-1] {
				t.Errorf("column %d of the excerpt is not the line's column %d", col, tt.col)
			}
		})
	}
}
