package textdist

import "testing"

func TestLevenshtein(t *testing.T) {
	t.Parallel()
	tests := []struct {
		a, b string
		want int
	}{
		{"", "", 0},
		{"abc", "", 3},
		{"", "abc", 3},
		{"StringEqualz", "StringEquals", 1},
		{"kitten", "sitting", 3},
		{"ForAllValue", "ForAllValues", 1},
		{"s3:GetObjekt", "s3:GetObject", 1},
	}
	for _, tt := range tests {
		if got := Levenshtein(tt.a, tt.b); got != tt.want {
			t.Errorf("Levenshtein(%q, %q) = %d, want %d", tt.a, tt.b, got, tt.want)
		}
		if got := Levenshtein(tt.b, tt.a); got != tt.want {
			t.Errorf("Levenshtein(%q, %q) = %d, want %d (not symmetric)", tt.b, tt.a, got, tt.want)
		}
	}
}

func TestNearestWithin(t *testing.T) {
	t.Parallel()
	candidates := []string{"identity", "boundary", "identify", "scp"}
	tests := []struct {
		name  string
		s     string
		limit int
		want  int
	}{
		{"exact", "scp", 1, 3},
		{"one edit within two", "identty", 2, 0},
		{"the first of equals", "identiy", 2, 0},
		{"one edit is not within one", "identty", 1, -1},
		{"case counts", "SCP", 3, -1},
		{"case counts, within the limit", "SCP", 4, 3},
		{"nothing near", "organization", 4, -1},
		{"no candidates", "scp", 10, -1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			cands := candidates
			if tt.name == "no candidates" {
				cands = nil
			}
			if got := NearestWithin(tt.s, cands, tt.limit); got != tt.want {
				t.Errorf("NearestWithin(%q, %q, %d) = %d, want %d", tt.s, cands, tt.limit, got, tt.want)
			}
		})
	}
}

func TestNearest(t *testing.T) {
	t.Parallel()
	passRole := []string{
		"aa:pass_role_with_star_in_resource",
		"aa:pass_role_with_star_in_action_and_resource",
		"aa:pass_role_with_star_in_resource_and_not_action",
		"aa:pass_role_with_not_resource",
		"aa:pass_role_with_star_in_action_and_not_resource",
		"aa:pass_role_with_not_action_and_not_resource",
	}
	operators := []string{"StringEquals", "StringEqualsIgnoreCase", "StringLike", "StringNotEquals", "ForAllValues", "ForAnyValue"}
	tests := []struct {
		name       string
		s          string
		candidates []string
		want       string
	}{
		{"a truncation completes to its shortest completion", "aa:pass_role_with_star", passRole, "aa:pass_role_with_star_in_resource"},
		{"a longer truncation", "aa:pass_role_with_star_in_action", passRole, "aa:pass_role_with_star_in_action_and_resource"},
		{"a misspelling still goes by edits", "aa:pass_role_with_not_resourse", passRole, "aa:pass_role_with_not_resource"},
		{"a truncation too short to place", "aa:pass", passRole, ""},
		{"one edit beats a longer completion", "StringEqualz", operators, "StringEquals"},
		{"a truncation by one", "StringLik", operators, "StringLike"},
		{"truncation of a name that has longer completions", "StringEquals", operators, ""},
		{"case differs only", "stringequals", operators, "StringEquals"},
		{"ties go to the longest shared prefix", "bad", []string{"aad", "bax"}, "bax"},
		{"ties with no shared prefix go lexically", "abd", []string{"abx", "aby"}, "abx"},
		{"nothing close", "Principal", operators, ""},
		{"no candidates", "x", nil, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if got := Nearest(tt.s, tt.candidates); got != tt.want {
				t.Errorf("Nearest(%q) = %q, want %q", tt.s, got, tt.want)
			}
		})
	}
}
