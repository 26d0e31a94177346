package api

import (
	"fmt"

	"github.com/tidwall/gjson"
	"go.yaml.in/yaml/v3"

	"github.com/iamsim/iamsim/internal/account"
	"github.com/iamsim/iamsim/policy"
)

// diffForm is what a file given to diff holds.
type diffForm int

const (
	formPolicy   diffForm = iota // a policy document
	formScenario                 // a scenario file (docs/scenarios.md)
	formExport                   // an account export (docs/accounts.md)
)

// formNames say what each form was detected from, for DiffReport.Input.
var formNames = map[diffForm]string{
	formPolicy:   "policies",
	formScenario: "scenario files (a mapping with policies or requests: docs/scenarios.md)",
	formExport:   "account exports (get-account-authorization-details, with UserDetailList, GroupDetailList or RoleDetailList: docs/accounts.md)",
}

// formOne names one file of each form.
var formOne = map[diffForm]string{formPolicy: "a policy", formScenario: "a scenario", formExport: "an account export"}

// detectForm tells an account export (account.IsExport), a scenario (a
// mapping with a policies or requests key, as the scenario loader reads
// one) and a policy apart. Anything else is read as a policy, whose
// parser then says what is wrong with it.
func detectForm(src []byte) diffForm {
	if account.IsExport(src) {
		return formExport
	}
	if gjson.ValidBytes(src) {
		root := gjson.ParseBytes(src)
		if root.IsObject() && !root.Get("Statement").Exists() && (root.Get("policies").Exists() || root.Get("requests").Exists()) {
			return formScenario
		}
		return formPolicy
	}
	var n yaml.Node
	if yaml.Unmarshal(src, &n) != nil || len(n.Content) == 0 || n.Content[0].Kind != yaml.MappingNode {
		return formPolicy
	}
	for i := 0; i < len(n.Content[0].Content); i += 2 {
		if k := n.Content[0].Content[i].Value; k == "policies" || k == "requests" {
			return formScenario
		}
	}
	return formPolicy
}

// sameForm detects the form of OLD and NEW, which must agree.
func sameForm(old, new diffInput) (diffForm, error) {
	o, n := detectForm(old.src), detectForm(new.src)
	if o != n {
		return 0, fmt.Errorf("%s is %s and %s is %s: diff compares two policies, two scenarios or two account exports", old.name, formOne[o], new.name, formOne[n])
	}
	return o, nil
}

// firstProblem keeps the first of several input problems: a malformed
// OLD or NEW gets one positioned error.
func firstProblem(err error) error {
	for {
		switch e := err.(type) {
		case policy.ErrorList:
			if len(e) > 1 {
				return e[:1]
			}
			return err
		case interface{ Unwrap() []error }:
			if list := e.Unwrap(); len(list) > 0 {
				err = list[0]
				continue
			}
			return err
		default:
			return err
		}
	}
}
