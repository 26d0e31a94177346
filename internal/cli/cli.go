// Package cli implements the iamsim command line.
package cli

import (
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"regexp"
	"runtime/debug"
	"slices"
	"strconv"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/iamsim/iamsim/evaluator"
	"github.com/iamsim/iamsim/internal/api"
	"github.com/iamsim/iamsim/internal/textdist"
	"github.com/iamsim/iamsim/policy"
)

// Exit codes, documented in docs/cli.md.
const (
	ExitOK       = 0 // success
	ExitFindings = 1 // lint findings or an expectation not met
	ExitInput    = 2 // usage or input error
)

// Version is iamsim's version, shown by --version and in JSON and SARIF
// output. Release builds stamp it at link time, as make dist and the
// Dockerfile do (docs/install.md):
//
//	go build -ldflags "-X github.com/iamsim/iamsim/internal/cli.Version=v1.2.0" ./cmd/iamsim
//
// make dist stamps what git describe gives; a build that does not stamp
// it (go run, go install, go test) says "dev".
var Version = "dev"

// exitError carries an exit code out of a command; its message, if any,
// has already been printed.
type exitError struct{ code int }

func (e *exitError) Error() string { return fmt.Sprintf("exit status %d", e.code) }

// Main runs iamsim with the arguments (without the program name) and
// returns the process exit code.
func Main(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	return execute(newRootCmd(stdin, stdout, stderr), args, stderr)
}

// debugEnv names the environment variable that adds the stack trace to an
// internal error.
const debugEnv = "IAMSIM_DEBUG"

// execute runs a command line and turns its outcome into an exit code. A
// panic is a bug in iamsim, never the user's doing: it becomes one line
// on standard error and exit 2, with the Go stack trace only when
// IAMSIM_DEBUG=1.
func execute(root *cobra.Command, args []string, stderr io.Writer) (code int) {
	defer func() {
		if v := recover(); v != nil {
			fmt.Fprintf(stderr, "iamsim: internal error: %s (please report it; %s=1 shows where)\n", strings.Join(strings.Fields(fmt.Sprint(v)), " "), debugEnv)
			if os.Getenv(debugEnv) == "1" {
				stderr.Write(debug.Stack())
			}
			code = ExitInput
		}
	}()
	root.SetArgs(expandListFlags(args))
	cmd, err := root.ExecuteC()
	err = requestError(cmd, err)
	var ee *exitError
	var ap *api.Problems
	switch {
	case err == nil:
		return ExitOK
	case errors.As(err, &ee):
		return ee.code
	case errors.As(err, &ap):
		printProblems(stderr, "iamsim: ", ap.Lines)
		return ExitInput
	}
	fmt.Fprintf(stderr, "iamsim: %s\n", commandError(root, err))
	return ExitInput
}

// unknownCommand matches cobra's error for a word that names no command.
var unknownCommand = regexp.MustCompile(`^unknown command "(.*)" for "iamsim"$`)

// commandError puts cobra's error about an unknown command in iamsim's
// words, on one line, with the nearest command.
func commandError(root *cobra.Command, err error) error {
	m := unknownCommand.FindStringSubmatch(err.Error())
	if m == nil {
		return err
	}
	if near := root.SuggestionsFor(m[1]); len(near) > 0 {
		return fmt.Errorf("unknown command %q; did you mean %s?", m[1], strings.Join(near, " or "))
	}
	return fmt.Errorf("unknown command %q (iamsim --help lists the commands)", m[1])
}

// flagError puts pflag's errors in iamsim's words, naming the command: an
// unknown flag gets the nearest flag the command has, a flag without its
// value says so.
func flagError(cmd *cobra.Command, err error) error {
	var unknown *pflag.NotExistError
	var noValue *pflag.ValueRequiredError
	var invalid *pflag.InvalidValueError
	// name goes in front of the message: the command's, none for iamsim
	// itself.
	name, help := "", "iamsim --help lists the flags"
	if cmd.HasParent() {
		name, help = cmd.Name()+": ", cmd.CommandPath()+" --help lists the flags"
	}
	switch {
	case errors.As(err, &unknown):
		given := unknown.GetSpecifiedName()
		if unknown.GetSpecifiedShortnames() != "" {
			return fmt.Errorf("%sunknown flag -%s (%s)", name, given, help)
		}
		if given == "version" && cmd.HasParent() {
			return fmt.Errorf("%sunknown flag --version: the version is iamsim --version, before any command", name)
		}
		if near := nearestFlag(cmd, given); near != "" {
			return fmt.Errorf("%sunknown flag --%s; did you mean --%s?", name, given, near)
		}
		return fmt.Errorf("%sunknown flag --%s (%s)", name, given, help)
	case errors.As(err, &noValue):
		return fmt.Errorf("%s--%s needs a value", name, noValue.GetFlag().Name)
	case errors.As(err, &invalid) && invalid.GetFlag().Value.Type() == "bool":
		return fmt.Errorf("%s--%s=%s: want true or false", name, invalid.GetFlag().Name, invalid.GetValue())
	case errors.As(err, &invalid):
		// As the commands word a value they refuse: the flag is enough.
		return fmt.Errorf("--%s %q: %v", invalid.GetFlag().Name, invalid.GetValue(), errors.Unwrap(invalid))
	}
	return err
}

// requestFlags name, by command, the flags that give each field of the
// requests the command builds (the first that holds the value is named).
var requestFlags = map[string]map[evaluator.RequestField][]string{
	"eval": {
		evaluator.FieldPrincipal: {"--principal"}, evaluator.FieldAction: {"--action"}, evaluator.FieldResource: {"--resource"},
		evaluator.FieldResourceAccount: {"--resource-account"}, evaluator.FieldRoleARN: {"--role-arn"},
	},
	"can": {
		evaluator.FieldPrincipal: {"--principal"}, evaluator.FieldResource: {"--resource"}, evaluator.FieldResourceAccount: {"--resource-account"},
	},
	"who-can": {
		evaluator.FieldAction: {"--action"}, evaluator.FieldResource: {"--resource"}, evaluator.FieldResourceAccount: {"--resource-account"},
	},
	"simulate-principal-policy": {
		evaluator.FieldPrincipal: {"--caller-arn", "--policy-source-arn"}, evaluator.FieldAction: {"--action-names"},
		evaluator.FieldResource: {"--resource-arns"},
	},
	"simulate-custom-policy": {
		evaluator.FieldPrincipal: {"--caller-arn"}, evaluator.FieldAction: {"--action-names"}, evaluator.FieldResource: {"--resource-arns"},
	},
}

// requestError names the flag that gave a request value that was refused
// (evaluator.RequestError), in place of the field: `--resource "b/k": a
// resource is an ARN ...`. Other errors, and values no flag holds (from a
// scenario or a batch line), are returned as they are.
func requestError(cmd *cobra.Command, err error) error {
	var re *evaluator.RequestError
	if cmd == nil || !errors.As(err, &re) {
		return err
	}
	for _, flag := range requestFlags[cmd.Name()][re.Field] {
		if flagHolds(cmd, strings.TrimPrefix(flag, "--"), re.Value) {
			return fmt.Errorf("%s %q: %s", flag, re.Value, re.Msg)
		}
	}
	return err
}

// flagHolds reports whether the flag was given with value, as its value
// or one of its values.
func flagHolds(cmd *cobra.Command, name, value string) bool {
	f := cmd.Flags().Lookup(name)
	if f == nil || !f.Changed {
		return false
	}
	if list, ok := f.Value.(pflag.SliceValue); ok {
		return slices.Contains(list.GetSlice(), value)
	}
	return f.Value.String() == value
}

// accountIDFlags are the flags of any command that take a 12-digit
// account ID.
var accountIDFlags = []string{"resource-account", "management-account"}

// checkAccountIDs refuses a value of an account ID flag that is not one,
// naming the flag.
func checkAccountIDs(cmd *cobra.Command) error {
	for _, name := range accountIDFlags {
		if f := cmd.Flags().Lookup(name); f != nil && f.Changed && !policy.IsAccountID(f.Value.String()) {
			return fmt.Errorf("--%s %q: want a 12-digit account ID", name, f.Value.String())
		}
	}
	return nil
}

// nearestFlag returns the name of cmd's flag nearest to an unknown one,
// or "" when none is close.
func nearestFlag(cmd *cobra.Command, given string) string {
	var names []string
	cmd.Flags().VisitAll(func(f *pflag.Flag) { names = append(names, f.Name) })
	slices.Sort(names) // the first of equals is the first in lexical order
	if i := textdist.NearestWithin(given, names, len(given)/3+2); i >= 0 {
		return names[i]
	}
	return ""
}

// needFlag is a flag a command needs, and whether it was given.
type needFlag struct {
	flag  string
	given bool
}

// needFlags names the flags a command needs and was not given: "eval
// needs --action and --resource (or --scenario FILE)"; nil when every one
// was given. or names the alternative to them all, if any.
func needFlags(command, or string, flags ...needFlag) error {
	var missing []string
	for _, f := range flags {
		if !f.given {
			missing = append(missing, f.flag)
		}
	}
	if len(missing) == 0 {
		return nil
	}
	list := strings.Join(missing, ", ")
	if n := len(missing); n > 1 {
		list = strings.Join(missing[:n-1], ", ") + " and " + missing[n-1]
	}
	if or != "" {
		return fmt.Errorf("%s needs %s (or %s)", command, list, or)
	}
	return fmt.Errorf("%s needs %s", command, list)
}

// noArgs refuses arguments to a command that takes flags only. Several
// of them are most often an unquoted * that the shell expanded into the
// names of files.
func noArgs(cmd *cobra.Command, args []string) error {
	switch len(args) {
	case 0:
		return nil
	case 1:
		return fmt.Errorf("%s takes flags only, not %q (%s --help lists them)", cmd.Name(), args[0], cmd.CommandPath())
	}
	return fmt.Errorf("%s takes flags only, not %q and %d more: a * not in quotes becomes the names of files (write '*')", cmd.Name(), args[0], len(args)-1)
}

// needArgs accepts one or more arguments, and names what is missing when
// there are none: "test needs a scenario FILE or DIR".
func needArgs(what string) cobra.PositionalArgs {
	return func(cmd *cobra.Command, args []string) error {
		if len(args) == 0 {
			return fmt.Errorf("%s needs %s", cmd.Name(), what)
		}
		return nil
	}
}

func init() {
	cobra.AddTemplateFunc("catalogVersion", api.CatalogVersion)
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
	// commandError suggests the nearest command on one line instead.
	root.DisableSuggestions, root.SuggestionsMinimumDistance = true, 2
	root.SetFlagErrorFunc(flagError)
	maxSize := byteSize(api.DefaultMaxFileSize)
	maxExport := byteSize(api.DefaultMaxExportSize)
	parser := policy.DefaultLimits
	maxPolicy := byteSize(parser.Bytes)
	pf := root.PersistentFlags()
	pf.Var(&maxSize, maxFileSizeFlag, "the most iamsim reads of one policy, scenario, context, organization or manifest file: bytes, or with KiB, MiB or GiB (docs/limits.md)")
	pf.Var(&maxExport, maxExportSizeFlag, "the most iamsim reads of one account export (--account-details) or CloudTrail log file (--requests)")
	pf.Var(&maxPolicy, maxPolicySizeFlag, "the largest policy document, in a file, an export or an argument (E025)")
	pf.Var(&limitValue{&parser.Depth, policy.MaxDepth}, "max-depth", "the deepest nesting of JSON arrays and objects in a policy (E024)")
	pf.Var(&limitValue{&parser.Statements, math.MaxInt32}, "max-statements", "the most statements of one policy (E026)")
	pf.Var(&limitValue{&parser.Values, math.MaxInt32}, "max-values", "the most entries of one list of a policy: Action, Resource, a principal type, a condition key's values (E027)")
	pf.Var(&codeVars{}, varFlag, "NAME=VALUE: bind what infrastructure code leaves open, a CloudFormation parameter or pseudo parameter (AWS::AccountId), a Terraform variable, or a placeholder (aws_s3_bucket.logs.arn); repeatable (docs/iac.md)")
	pf.StringArray(varFileFlag, nil, "a Terraform .tfvars file of variable values; repeatable")
	root.PersistentPreRunE = func(cmd *cobra.Command, _ []string) error { return checkAccountIDs(cmd) }
	root.SetIn(stdin)
	root.SetOut(stdout)
	root.SetErr(stderr)
	root.AddCommand(newLintCmd(runLint), newEvalCmd(runEval), newTestCmd(runTest), newExpandCmd(runExpand), newCanCmd(runCan), newWhoCanCmd(runWhoCan))
	root.AddCommand(newSimulateCmd(false, runSimulate), newSimulateCmd(true, runSimulate))
	root.AddCommand(newCheckCmd(runCheck), newDiffCmd(runDiff))
	root.AddCommand(newMCPCmd(runMCP))
	helpErrors(root)
	completionErrors(root)
	return root
}

// completionErrors makes "iamsim completion" without a shell, or with a
// word that names none, an error (cobra prints the usage and exits 0, so
// a typo would look like success).
func completionErrors(root *cobra.Command) {
	root.InitDefaultCompletionCmd()
	for _, c := range root.Commands() {
		if c.Name() != "completion" {
			continue
		}
		var shells []string
		for _, sh := range c.Commands() {
			shells = append(shells, sh.Name())
		}
		want := joinOr(shells)
		c.Args = func(_ *cobra.Command, args []string) error {
			if len(args) == 0 {
				return fmt.Errorf("completion needs a SHELL: %s", want)
			}
			if near := textdist.Nearest(args[0], shells); near != "" {
				return fmt.Errorf("completion: unknown shell %q; did you mean %s?", args[0], near)
			}
			return fmt.Errorf("completion: unknown shell %q: want %s", args[0], want)
		}
		c.Use = "completion SHELL"
		c.RunE = func(*cobra.Command, []string) error { return nil } // Args refuses every call
	}
}

// helpErrors makes "iamsim help WORD" for a WORD that names no command an
// error like any other (cobra prints the usage and exits 0).
func helpErrors(root *cobra.Command) {
	root.InitDefaultHelpCmd()
	for _, c := range root.Commands() {
		if c.Name() != "help" {
			continue
		}
		c.Run = nil
		c.RunE = func(_ *cobra.Command, args []string) error {
			cmd, _, err := root.Find(args)
			if err != nil {
				return err
			}
			return cmd.Help()
		}
	}
}

// maxFileSizeFlag names the root flag that bounds what is read of one
// input file; maxExportSizeFlag the one for account exports;
// maxPolicySizeFlag the one for one policy document.
const (
	maxFileSizeFlag   = "max-file-size"
	maxExportSizeFlag = "max-export-size"
	maxPolicySizeFlag = "max-policy-size"
	varFlag           = "var"
	varFileFlag       = "var-file"
)

// rootValueFlags are the root flags that take a value, which may come
// before the command name.
var rootValueFlags = map[string]bool{
	maxFileSizeFlag: true, maxExportSizeFlag: true, maxPolicySizeFlag: true,
	"max-depth": true, "max-statements": true, "max-values": true,
	varFlag: true, varFileFlag: true,
}

// limits returns the read and parser limits the root flags set; a
// command run on its own, without the root, gets the defaults.
func limits(cmd *cobra.Command) api.Limits {
	var l api.Limits
	if v, ok := flagValue[*byteSize](cmd, maxFileSizeFlag); ok {
		l.MaxFileSize = int64(*v)
	}
	if v, ok := flagValue[*byteSize](cmd, maxPolicySizeFlag); ok {
		l.Policy.Bytes = int(min(int64(*v), math.MaxInt))
	}
	for name, n := range map[string]*int{"max-depth": &l.Policy.Depth, "max-statements": &l.Policy.Statements, "max-values": &l.Policy.Values} {
		if v, ok := flagValue[*limitValue](cmd, name); ok {
			*n = *v.n
		}
	}
	return l
}

// codeValues returns what the root flags bind in infrastructure code
// (--var, --var-file).
func codeValues(cmd *cobra.Command) api.CodeValues {
	var c api.CodeValues
	if v, ok := flagValue[*codeVars](cmd, varFlag); ok {
		c.Values = v.values
	}
	if f := cmd.Flag(varFileFlag); f != nil {
		if files, ok := f.Value.(pflag.SliceValue); ok {
			c.VarFiles = files.GetSlice()
		}
	}
	return c
}

// codeVars is the value of --var: NAME=VALUE bindings.
type codeVars struct{ values map[string]string }

func (v *codeVars) String() string { return "" }

// Set adds a binding.
func (v *codeVars) Set(s string) error {
	name, value, ok := strings.Cut(s, "=")
	if !ok || strings.TrimSpace(name) == "" {
		return fmt.Errorf("want NAME=VALUE, as in AWS::AccountId=111122223333 or bucket_name=logs")
	}
	if v.values == nil {
		v.values = map[string]string{}
	}
	v.values[strings.TrimSpace(name)] = value
	return nil
}

// Type names the value in help.
func (v *codeVars) Type() string { return "NAME=VALUE" }

// flagValue returns the value of the flag name of cmd or its parents,
// when it has one of type V.
func flagValue[V pflag.Value](cmd *cobra.Command, name string) (V, bool) {
	if f := cmd.Flag(name); f != nil {
		v, ok := f.Value.(V)
		return v, ok
	}
	var none V
	return none, false
}

// engine returns the engine of the limits the root flags set:
// --max-export-size for account exports and CloudTrail logs, limits for
// every other file and each policy.
func engine(cmd *cobra.Command) api.Engine {
	e := api.Engine{Limits: limits(cmd), Code: codeValues(cmd)}
	if v, ok := flagValue[*byteSize](cmd, maxExportSizeFlag); ok {
		e.MaxExportSize = int64(*v)
	}
	return e
}

// limitValue is a flag value holding a parser limit: a whole number from
// 1 to max.
type limitValue struct {
	n   *int
	max int
}

func (v *limitValue) String() string { return strconv.Itoa(*v.n) }

// Set parses a limit.
func (v *limitValue) Set(s string) error {
	n, err := strconv.Atoi(strings.TrimSpace(s))
	switch {
	case err != nil:
		return fmt.Errorf("want a whole number")
	case n < 1:
		return fmt.Errorf("a limit must be at least 1")
	case n > v.max:
		return fmt.Errorf("the limit cannot exceed %d", v.max)
	}
	*v.n = n
	return nil
}

// Type names the value in help.
func (v *limitValue) Type() string { return "int" }

// byteSize is a flag value holding a number of bytes, written 1048576,
// 512KiB, 1MiB or 2GiB.
type byteSize int64

var sizeSyntax = regexp.MustCompile(`^(\d+) ?(|B|KiB|MiB|GiB)$`)

func (b *byteSize) String() string { return api.FormatSize(int64(*b)) }

// Set parses a size.
func (b *byteSize) Set(s string) error {
	m := sizeSyntax.FindStringSubmatch(strings.TrimSpace(s))
	if m == nil {
		return fmt.Errorf("want a number of bytes, optionally with KiB, MiB or GiB (1048576, 512KiB, 1MiB)")
	}
	n, err := strconv.ParseInt(m[1], 10, 64)
	unit := map[string]int64{"": 1, "B": 1, "KiB": 1 << 10, "MiB": 1 << 20, "GiB": 1 << 30}[m[2]]
	if err != nil || n > math.MaxInt64/unit {
		return fmt.Errorf("too large: a size is at most 8 EiB")
	}
	if n == 0 {
		return fmt.Errorf("the size must be at least 1 byte")
	}
	*b = byteSize(n * unit)
	return nil
}

// Type names the value in help.
func (b *byteSize) Type() string { return "size" }
