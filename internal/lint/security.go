package lint

// securityRules are the rules of this file.
var securityRules = []*Rule{}
