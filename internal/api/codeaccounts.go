package api

import (
	"fmt"
	"slices"
	"strings"

	"github.com/iamsim/iamsim/evaluator"
	"github.com/iamsim/iamsim/internal/account"
	"github.com/iamsim/iamsim/internal/iac"
	"github.com/iamsim/iamsim/internal/iac/policydoc"
	"github.com/iamsim/iamsim/internal/textdist"
)

// NoteCodeAccountAssumed: infrastructure code names no account, so its
// principals were put in iac.DefaultAccountID (args: the code, the
// account).
const NoteCodeAccountAssumed evaluator.NoteCode = "code-account-assumed"

// NoteCodeUnread: part of the infrastructure code was not read, such as a
// Terraform module from a registry (args: "file:line:col: what").
const NoteCodeUnread evaluator.NoteCode = "code-unread"

// codeAccountID is the account the principals of infrastructure code are
// in: AWS::AccountId as --var binds it, else iac.DefaultAccountID.
func (e Engine) codeAccountID() (string, bool) {
	if id := e.Code.Values["AWS::AccountId"]; id != "" {
		return id, true
	}
	return iac.DefaultAccountID, false
}

// addCodeAccounts adds to d the account each piece of infrastructure code
// would create (iac.Account); code of one account joins it.
func (e Engine) addCodeAccounts(d *account.Data, code []string) error {
	reader := e.codeReader()
	id, given := e.codeAccountID()
	for _, path := range code {
		set, _, err := reader.Read(path)
		if err != nil {
			return err
		}
		acct, err := iac.Account(set, id, path, e.Limits.Policy)
		if err != nil {
			return err
		}
		if !given {
			acct.Notes = append(acct.Notes, evaluator.Note{Code: NoteCodeAccountAssumed, Args: []any{path, id}})
		}
		for _, n := range reader.Notes(path) {
			acct.Notes = append(acct.Notes, evaluator.Note{Code: NoteCodeUnread, Args: []any{n}})
		}
		if err := joinAccount(d, acct); err != nil {
			return err
		}
		if err := e.addCodeResources(d, set, path, id); err != nil {
			return err
		}
	}
	return nil
}

// addCodeResources adds to d the resource-based policies of the code
// whose resources it determines (policydoc.Policy.Targets: a bucket
// policy's bucket), owned by the code's account unless their ARNs say.
func (e Engine) addCodeResources(d *account.Data, set *policydoc.Set, path, id string) error {
	for i := range set.Policies {
		p := &set.Policies[i]
		if len(p.Targets) == 0 {
			continue
		}
		doc, err := p.Parse(e.Limits.Policy, p.Kind)
		if err != nil {
			return err
		}
		if d.Resources == nil {
			d.Resources = account.NewResources(path)
		}
		for _, arn := range p.Targets {
			if err := d.Resources.Add(arn, account.Policy{Doc: doc, Origin: p.Name()}, id); err != nil {
				return fmt.Errorf("%s: %w", path, err)
			}
		}
	}
	return nil
}

// joinAccount adds acct to d, or its principals and policies to the
// account of d with its ID; a name that both have is an error.
func joinAccount(d *account.Data, acct *account.Account) error {
	prev, ok := d.Accounts[acct.ID]
	if !ok {
		d.Accounts[acct.ID] = acct
		return nil
	}
	if err := joinNames(prev.Users, acct.Users, "user", prev.File, acct.File); err != nil {
		return err
	}
	if err := joinNames(prev.Groups, acct.Groups, "group", prev.File, acct.File); err != nil {
		return err
	}
	if err := joinNames(prev.Roles, acct.Roles, "role", prev.File, acct.File); err != nil {
		return err
	}
	if err := joinNames(prev.Policies, acct.Policies, "managed policy", prev.File, acct.File); err != nil {
		return err
	}
	for _, n := range acct.Notes {
		if !slices.ContainsFunc(prev.Notes, func(o evaluator.Note) bool { return fmt.Sprint(o) == fmt.Sprint(n) }) {
			prev.Notes = append(prev.Notes, n)
		}
	}
	return nil
}

func joinNames[V any](into, from map[string]V, what, intoFile, fromFile string) error {
	for name, v := range from {
		if _, ok := into[name]; ok {
			return fmt.Errorf("%s: %s %s is also in %s, of the same account", fromFile, what, name, intoFile)
		}
		into[name] = v
	}
	return nil
}

// PrincipalOfCode returns the ARN of the user, role or group of the
// infrastructure code (--template) that name, its resource (logical ID,
// Terraform address) or its name in the code, names
// (--principal-resource), in the account the code's principals are put
// in.
func (e Engine) PrincipalOfCode(code []string, name string) (string, error) {
	if len(code) == 0 {
		return "", fmt.Errorf("--principal-resource %s: give the code that declares it with --template", name)
	}
	reader := e.codeReader()
	id, _ := e.codeAccountID()
	var all []string
	for _, path := range code {
		set, _, err := reader.Read(path)
		if err != nil {
			return "", err
		}
		for i := range set.Principals {
			p := &set.Principals[i]
			if p.Resource == name || p.Name == name {
				return iac.PrincipalARN(p, id), nil
			}
			all = append(all, p.Resource)
		}
	}
	return "", fmt.Errorf("--principal-resource %s: no user, role or group of %s has that name%s", name, strings.Join(code, ", "), nearestOf(name, all))
}

// nearestOf words the nearest of names to name as a suggestion.
func nearestOf(name string, names []string) string {
	if near := textdist.Nearest(name, names); near != "" {
		return "; did you mean " + near + "?"
	}
	if len(names) == 0 {
		return ""
	}
	return "; it declares " + strings.Join(names, ", ")
}
