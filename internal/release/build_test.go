package release

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestTargetNames checks the archives' names: a zip for Windows only.
func TestTargetNames(t *testing.T) {
	var got []string
	for _, tg := range Targets {
		got = append(got, tg.Archive("v1.2.0"))
	}
	want := []string{
		"iamsim_v1.2.0_linux_amd64.tar.gz", "iamsim_v1.2.0_linux_arm64.tar.gz",
		"iamsim_v1.2.0_darwin_amd64.tar.gz", "iamsim_v1.2.0_darwin_arm64.tar.gz",
		"iamsim_v1.2.0_windows_amd64.zip", "iamsim_v1.2.0_windows_arm64.zip",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("archive names mismatch (-want +got):\n%s", diff)
	}
}

// TestDistRefusesBadVersion checks that a version that cannot be part of
// a file name is refused before anything is built.
func TestDistRefusesBadVersion(t *testing.T) {
	for _, v := range []string{"", "v1 2", "../x", `a\b`, "v1:2"} {
		out := filepath.Join(t.TempDir(), "dist")
		_, err := Dist(Options{Root: "../..", Out: out, Version: v})
		if err == nil || !strings.Contains(err.Error(), "version") {
			t.Errorf("version %q: error %v, want one about the version", v, err)
		}
		if _, err := os.Stat(out); !os.IsNotExist(err) {
			t.Errorf("version %q: %s was created", v, out)
		}
	}
}

// TestDockerfileBuildsLikeDist checks that the Dockerfile's go build line
// has make dist's flags, with the version from its VERSION argument, and
// builds statically.
func TestDockerfileBuildsLikeDist(t *testing.T) {
	src, err := os.ReadFile("../../Dockerfile")
	if err != nil {
		t.Fatal(err)
	}
	line := regexp.MustCompile(`(?m)^RUN (CGO_ENABLED=0 .* go build .*)$`).FindSubmatch(src)
	if line == nil {
		t.Fatal("Dockerfile: no RUN CGO_ENABLED=0 ... go build line")
	}
	flags := BuildFlags("$VERSION")
	want := strings.Join(flags[:len(flags)-1], " ") + ` "` + flags[len(flags)-1] + `"`
	if !strings.Contains(string(line[1]), " go build "+want+" ") {
		t.Errorf("Dockerfile's build line\n\t%s\ndoes not pass make dist's flags\n\t%s", line[1], want)
	}
}
