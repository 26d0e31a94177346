package cli

// The functions of this file serve can and who-can, which read account
// data themselves until they too call internal/api.

import (
	"fmt"

	"github.com/spf13/cobra"

	"github.com/iamsim/iamsim/evaluator"
	"github.com/iamsim/iamsim/internal/account"
	"github.com/iamsim/iamsim/internal/api"
	"github.com/iamsim/iamsim/internal/reqcheck"
)

// checkActions checks the actions a flag of who-can gives (reqcheck): an
// unknown one is an error naming the flag, unless unknown actions are
// allowed; the warnings are returned by action. Eval and simulate-* check
// theirs in internal/api.
func checkActions(chk *reqcheck.Checker, flag string, actions []string) (map[string][]string, error) {
	warnings := map[string][]string{}
	for _, a := range actions {
		w, err := chk.Action(a)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", flag, err)
		}
		if w != "" {
			warnings[a] = []string{w}
		}
	}
	return warnings, nil
}

// parseContext reads can's --context key=value flags (api.ParseContext).
func parseContext(ctx evaluator.Context, flags []string) error {
	return api.ParseContext(ctx, flags)
}

// accountLimits returns the read limits of the account readers that the
// root flags set (engine), for can and who-can.
func accountLimits(cmd *cobra.Command) account.Limits {
	e := engine(cmd)
	return account.Limits{Files: e.Limits, MaxExportSize: e.MaxExportSize}
}
