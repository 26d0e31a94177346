// The rules checked against the embedded service catalog, gathered from
// catalog_*.go.

package lint

// catalogRules are the catalog rules, family by family (catalog_*.go):
// actions, resources and condition keys checked against the embedded
// service catalog.
var catalogRules = concat(actionRules, resourceRules, conditionKeyRules, conditionTypeRules)
