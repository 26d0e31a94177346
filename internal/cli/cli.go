// Package cli implements the iamsim command line.
package cli

import (
	"errors"
	"fmt"
	"io"

	"github.com/spf13/cobra"

	"github.com/iamsim/iamsim/internal/catalog"
)

// Exit codes, documented in docs/cli.md.
const (
	ExitOK       = 0 // success
	ExitFindings = 1 // lint findings or an expectation not met
	ExitInput    = 2 // usage or input error
)

// Version is iamsim's version, shown by --version and in JSON and SARIF
// output.
const Version = "0.1.0"

// exitError carries an exit code out of a command; its message, if any,
// has already been printed.
type exitError struct{ code int }

func (e *exitError) Error() string { return fmt.Sprintf("exit status %d", e.code) }

// Main runs iamsim with the arguments (without the program name) and
// returns the process exit code.
func Main(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	root := newRootCmd(stdin, stdout, stderr)
	root.SetArgs(expandListFlags(args))
	err := root.Execute()
	var ee *exitError
	var pe *problemsError
	switch {
	case err == nil:
		return ExitOK
	case errors.As(err, &ee):
		return ee.code
	case errors.As(err, &pe):
		for _, l := range pe.lines {
			fmt.Fprintln(stderr, l)
		}
		return ExitInput
	}
	fmt.Fprintf(stderr, "iamsim: %s\n", err)
	return ExitInput
}

func init() {
	cobra.AddTemplateFunc("catalogVersion", catalogVersion)
}

// catalogVersion describes the embedded service catalog for --version.
func catalogVersion() string {
	cat, err := catalog.Load()
	if err != nil {
		return "service catalog: " + err.Error()
	}
	info := cat.Info()
	return fmt.Sprintf("service catalog: %s %s (data of %s)", info.Package, info.Version, info.Date)
}

func newRootCmd(stdin io.Reader, stdout, stderr io.Writer) *cobra.Command {
	root := &cobra.Command{
		Use:   "iamsim",
		Short: "Offline AWS IAM policy simulator and linter",
		Long: `iamsim evaluates and lints AWS IAM policies offline.

It reads policy JSON with exact positions, reports every problem with
file:line:col, and decides requests the way AWS does.`,
		Version:       Version,
		SilenceUsage:  true,
		SilenceErrors: true,
	}
	root.SetVersionTemplate("iamsim {{.Version}}\n{{catalogVersion}}\n")
	root.SetIn(stdin)
	root.SetOut(stdout)
	root.SetErr(stderr)
	root.AddCommand(newLintCmd(runLint), newEvalCmd(runEval), newTestCmd(runTest), newExpandCmd(runExpand), newCanCmd(runCan), newWhoCanCmd(runWhoCan))
	root.AddCommand(newSimulateCmd(false, runSimulate), newSimulateCmd(true, runSimulate))
	return root
}
