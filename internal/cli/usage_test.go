package cli

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
)

// TestUsageErrors checks that each usage error is one line that starts
// with iamsim:, names what is missing or wrong, and exits 2.
func TestUsageErrors(t *testing.T) {
	const alice = "arn:aws:iam::111122223333:user/alice"
	cases := []cliCase{
		{name: "eval without --action and --resource", args: []string{"eval", "--principal", alice},
			wantStderr: "iamsim: eval needs --action and --resource (or --scenario FILE)\n"},
		{name: "eval without --principal", args: []string{"eval", "--action", "s3:GetObject", "--resource", "*"},
			wantStderr: "iamsim: eval needs --principal (or --scenario FILE)\n"},
		{name: "who-can without --resource", args: []string{"who-can", "--account-details", "testdata/accounts", "--action", "s3:GetObject"},
			wantStderr: "iamsim: who-can needs --resource\n"},
		{name: "simulate-custom-policy without flags", args: []string{"simulate-custom-policy"},
			wantStderr: "iamsim: simulate-custom-policy needs --policy-input-list and --action-names\n"},
		{name: "simulate-principal-policy without an export", args: []string{"simulate-principal-policy", "--policy-source-arn", alice, "--action-names", "s3:GetObject"},
			wantStderr: "iamsim: simulate-principal-policy needs --account-details: iamsim reads the principal's policies from its account's export\n"},
		{name: "test without paths", args: []string{"test"}, wantStderr: "iamsim: test needs a scenario FILE or DIR\n"},
		{name: "lint without paths", args: []string{"lint"}, wantStderr: "iamsim: lint needs a policy file, a directory, a glob or - for standard input\n"},
		{name: "expand without patterns", args: []string{"expand"}, wantStderr: "iamsim: expand needs an action PATTERN such as s3:Get*\n"},
		{name: "an argument to a command of flags", args: []string{"eval", "policy.json"},
			wantStderr: "iamsim: eval takes flags only, not \"policy.json\" (iamsim eval --help lists them)\n"},
		{name: "a * the shell expanded", args: []string{"eval", "--principal", alice, "--action", "s3:GetObject", "--resource", "LICENSE", "Makefile", "README.md"},
			wantStderr: "iamsim: eval takes flags only, not \"Makefile\" and 1 more: a * not in quotes becomes the names of files (write '*')\n"},
		{name: "a misspelt command", args: []string{"evl"}, wantStderr: "iamsim: unknown command \"evl\"; did you mean eval?\n"},
		{name: "help about a misspelt command", args: []string{"help", "evl"}, wantStderr: "iamsim: unknown command \"evl\"; did you mean eval?\n"},
		{name: "an unknown command", args: []string{"deploy"}, wantStderr: "iamsim: unknown command \"deploy\" (iamsim --help lists the commands)\n"},
		{name: "a misspelt flag", args: []string{"eval", "--actoin", "s3:GetObject"}, wantStderr: "iamsim: eval: unknown flag --actoin; did you mean --action?\n"},
		{name: "an unknown flag", args: []string{"eval", "--zzzzzzzz"}, wantStderr: "iamsim: eval: unknown flag --zzzzzzzz (iamsim eval --help lists the flags)\n"},
		{name: "an unknown shorthand", args: []string{"lint", "-x", "p.json"}, wantStderr: "iamsim: lint: unknown flag -x (iamsim lint --help lists the flags)\n"},
		{name: "an unknown root flag", args: []string{"--zzzzzzzz"}, wantStderr: "iamsim: unknown flag --zzzzzzzz (iamsim --help lists the flags)\n"},
		{name: "--version after a command", args: []string{"lint", "--version"},
			wantStderr: "iamsim: lint: unknown flag --version: the version is iamsim --version, before any command\n"},
		{name: "a flag without its value", args: []string{"eval", "--format"}, wantStderr: "iamsim: eval: --format needs a value\n"},
		{name: "a root flag without its value", args: []string{"--max-depth"}, wantStderr: "iamsim: --max-depth needs a value\n"},
		{name: "a bad boolean", args: []string{"eval", "--verbose=maybe"}, wantStderr: "iamsim: eval: --verbose=maybe: want true or false\n"},
	}
	for i := range cases {
		cases[i].wantCode = ExitInput
	}
	runCases(t, cases)
}

// TestVersionFlags checks that -v and --version print the same before any
// command, as docs/cli.md says.
func TestVersionFlags(t *testing.T) {
	_, long, _ := run(t, "", "--version")
	code, short, stderr := run(t, "", "-v")
	if code != ExitOK || short != long || !strings.HasPrefix(long, "iamsim "+Version+"\n") {
		t.Errorf("iamsim -v: exit %d, %q%q; iamsim --version: %q", code, short, stderr, long)
	}
	doc, err := os.ReadFile(filepath.Join(repoRoot, "docs", "cli.md"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(strings.Join(strings.Fields(string(doc)), " "), "`iamsim --version` (or `iamsim -v`, before any command)") {
		t.Error("docs/cli.md does not say that iamsim -v is --version before any command")
	}
}

// TestGlobalFlagsDocumented checks docs/cli.md's table of global flags
// against the root's persistent flags: each row is one of them, accepted
// after every command's name, with the shorthand it gives, and each of
// them has a row.
func TestGlobalFlagsDocumented(t *testing.T) {
	doc, err := os.ReadFile(filepath.Join(repoRoot, "docs", "cli.md"))
	if err != nil {
		t.Fatal(err)
	}
	section := regexp.MustCompile(`(?s)## Global flags\n(.*?)\n## `).FindSubmatch(doc)
	if section == nil {
		t.Fatal("docs/cli.md has no Global flags section")
	}
	row := regexp.MustCompile("(?m)^\\| `--([a-z-]+)[^`]*`(?:, `-([a-z])`)? \\|")
	root := newRootCmd(strings.NewReader(""), &strings.Builder{}, &strings.Builder{})
	root.InitDefaultHelpFlag()
	documented := map[string]bool{}
	for _, m := range row.FindAllStringSubmatch(string(section[1]), -1) {
		name, short := m[1], m[2]
		documented[name] = true
		for _, cmd := range root.Commands() {
			cmd.InitDefaultHelpFlag()
			f := cmd.Flags().Lookup(name)
			if f == nil {
				f = cmd.InheritedFlags().Lookup(name)
			}
			switch {
			case f == nil:
				t.Errorf("docs/cli.md lists --%s as a global flag, but %s has no such flag", name, cmd.Name())
			case f.Shorthand != short:
				t.Errorf("docs/cli.md gives --%s the shorthand %q; %s gives it %q", name, short, cmd.Name(), f.Shorthand)
			}
		}
	}
	root.PersistentFlags().VisitAll(func(f *pflag.Flag) {
		if !documented[f.Name] {
			t.Errorf("the global flag --%s is not in docs/cli.md's table", f.Name)
		}
	})
}

// TestHelpNamesOwnFlags checks that each command's help (its description,
// examples and flag descriptions) names only flags the command has, and
// that its examples run that command.
func TestHelpNamesOwnFlags(t *testing.T) {
	root := newRootCmd(strings.NewReader(""), &strings.Builder{}, &strings.Builder{})
	flag := regexp.MustCompile(`--[a-z][a-z-]+`)
	for _, cmd := range root.Commands() {
		if cmd.Name() == "completion" || cmd.Name() == "help" {
			continue
		}
		t.Run(cmd.Name(), func(t *testing.T) {
			text := cmd.Long + "\n" + cmd.Example
			cmd.LocalNonPersistentFlags().VisitAll(func(f *pflag.Flag) { text += "\n" + f.Usage })
			for _, name := range flag.FindAllString(text, -1) {
				if !hasFlag(cmd, name[2:]) {
					t.Errorf("the help names %s, which %s does not have", name, cmd.Name())
				}
			}
			for _, line := range strings.Split(cmd.Example, "\n") {
				if strings.HasPrefix(line, "  iamsim ") && !strings.HasPrefix(line, "  iamsim "+cmd.Name()+" ") {
					t.Errorf("an example runs another command: %s", line)
				}
			}
		})
	}
}

// hasFlag reports whether cmd has the flag, its own or a global one.
func hasFlag(cmd *cobra.Command, name string) bool {
	return cmd.Flags().Lookup(name) != nil || cmd.InheritedFlags().Lookup(name) != nil || name == "help"
}
