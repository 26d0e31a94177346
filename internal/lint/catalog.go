package lint

// catalogRules are the rules of this file.
var catalogRules = []*Rule{}
