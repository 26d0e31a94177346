package cli

import (
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/spf13/cobra"

	"github.com/iamsim/iamsim/policy"
)

// lintOptions are the inputs of `iamsim lint`.
type lintOptions struct {
	Paths  []string
	Type   string // policy kind; "" detects it from each document
	Stdin  io.Reader
	Stdout io.Writer
	Stderr io.Writer
}

func newLintCmd(runF func(*lintOptions) error) *cobra.Command {
	opts := &lintOptions{}
	cmd := &cobra.Command{
		Use:   "lint PATH...",
		Short: "Report problems in policy documents",
		Long: `Lint parses and validates policy documents and reports every problem as
file:line:col: CODE message, with the source line and a caret.

PATH is a file, a directory (searched recursively for *.json files) or -
for standard input. The policy kind decides which elements are required
or forbidden; without --type it is detected from each document: a
Principal makes a resource-based policy, or a role trust policy when all
its actions are sts:AssumeRole*, and anything else is an identity-based
policy.

Exit status: 0 no problems, 1 problems in a policy, 2 a file that cannot
be read or is not a JSON document (see docs/errors.md for the codes).`,
		Example: `  iamsim lint testdata/policies
  iamsim lint --type scp org/scps/
  cat policy.json | iamsim lint -`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Paths = args
			opts.Stdin, opts.Stdout, opts.Stderr = cmd.InOrStdin(), cmd.OutOrStdout(), cmd.ErrOrStderr()
			return runF(opts)
		},
	}
	cmd.Flags().StringVar(&opts.Type, "type", "", "policy kind: identity, resource, trust, boundary, session, scp, rcp or endpoint (default: detected)")
	return cmd
}

// lintInput is one document to lint.
type lintInput struct {
	name string
	src  []byte
}

func runLint(opts *lintOptions) error {
	var kind policy.Kind
	if opts.Type != "" {
		k, err := policy.ParseKind(opts.Type)
		if err != nil {
			return err
		}
		kind = k
	}
	inputs, readErrs := collectInputs(opts.Paths, opts.Stdin)
	for _, e := range readErrs {
		fmt.Fprintf(opts.Stderr, "iamsim: %s\n", e)
	}
	exit := ExitOK
	if len(readErrs) > 0 {
		exit = ExitInput
	}
	problems := 0
	for _, in := range inputs {
		k := kind
		if opts.Type == "" {
			k = policy.DetectKind(in.src)
		}
		_, err := policy.Parse(in.name, in.src, k)
		if err == nil {
			continue
		}
		for _, e := range err.(policy.ErrorList) {
			fmt.Fprintln(opts.Stdout, e.Detail())
			problems++
			if e.Code.IsInput() {
				exit = ExitInput
			} else if exit == ExitOK {
				exit = ExitFindings
			}
		}
	}
	if problems > 0 {
		fmt.Fprintf(opts.Stderr, "%d %s in %d %s\n", problems, plural(problems, "problem"), len(inputs), plural(len(inputs), "file"))
	}
	if exit != ExitOK {
		return &exitError{exit}
	}
	return nil
}

func plural(n int, word string) string {
	if n == 1 {
		return word
	}
	return word + "s"
}

// collectInputs reads every path: files as given, directories recursively
// (*.json files, in lexical order), and "-" from stdin. Paths that cannot
// be read are returned as errors; the others are still linted.
func collectInputs(paths []string, stdin io.Reader) ([]lintInput, []error) {
	var inputs []lintInput
	var errs []error
	for _, path := range paths {
		if path == "-" {
			src, err := io.ReadAll(stdin)
			if err != nil {
				errs = append(errs, fmt.Errorf("reading standard input: %w", err))
				continue
			}
			inputs = append(inputs, lintInput{name: "<stdin>", src: src})
			continue
		}
		info, err := os.Stat(path)
		if err != nil {
			errs = append(errs, describeFileError(path, err))
			continue
		}
		if !info.IsDir() {
			in, err := readInput(path)
			if err != nil {
				errs = append(errs, err)
				continue
			}
			inputs = append(inputs, in)
			continue
		}
		var files []string
		walkErr := filepath.WalkDir(path, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				errs = append(errs, describeFileError(p, err))
				return nil
			}
			if !d.IsDir() && strings.EqualFold(filepath.Ext(p), ".json") {
				files = append(files, p)
			}
			return nil
		})
		if walkErr != nil {
			errs = append(errs, walkErr)
		}
		if len(files) == 0 {
			errs = append(errs, fmt.Errorf("%s: no *.json files in this directory", path))
		}
		sort.Strings(files)
		for _, f := range files {
			in, err := readInput(f)
			if err != nil {
				errs = append(errs, err)
				continue
			}
			inputs = append(inputs, in)
		}
	}
	return inputs, errs
}

func readInput(path string) (lintInput, error) {
	src, err := os.ReadFile(path)
	if err != nil {
		return lintInput{}, describeFileError(path, err)
	}
	return lintInput{name: path, src: src}, nil
}

// describeFileError turns a file system error into one clear line.
func describeFileError(path string, err error) error {
	switch {
	case os.IsNotExist(err):
		return fmt.Errorf("%s: no such file or directory", path)
	case os.IsPermission(err):
		return fmt.Errorf("%s: permission denied", path)
	}
	var pe *fs.PathError
	if ok := asPathError(err, &pe); ok {
		return fmt.Errorf("%s: %v", path, pe.Err)
	}
	return fmt.Errorf("%s: %v", path, err)
}

func asPathError(err error, target **fs.PathError) bool {
	pe, ok := err.(*fs.PathError)
	if ok {
		*target = pe
	}
	return ok
}
