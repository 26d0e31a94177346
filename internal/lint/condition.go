package lint

// conditionRules are the rules of this file.
var conditionRules = []*Rule{}
