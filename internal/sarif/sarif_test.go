package sarif

import "testing"

func TestArtifactURI(t *testing.T) {
	tests := []struct{ name, want string }{
		{"policies/deploy.json", "policies/deploy.json"},
		{"./policies//deploy.json", "policies/deploy.json"},
		{"/work/repo/p.json", "file:///work/repo/p.json"},
		{"policies/with space.json", "policies/with%20space.json"},
		{"<stdin>", "stdin"},
	}
	for _, tt := range tests {
		if got := ArtifactURI(tt.name); got != tt.want {
			t.Errorf("ArtifactURI(%q) = %q, want %q", tt.name, got, tt.want)
		}
	}
}
