// Helpers shared by the security rules (security_*.go): policy kinds,
// action and resource patterns, principals and conditions.

package lint

import (
	"fmt"
	"sort"
	"strings"

	"github.com/iamsim/iamsim/internal/catalog"
	"github.com/iamsim/iamsim/internal/wildcard"
	"github.com/iamsim/iamsim/policy"
)

// securityRules are the security rules, family by family (security_*.go):
// grants that are broader than they look (cloudsplaining's risk
// categories, Access Analyzer's security warnings) and principals that let
// too many callers in.
//
// Which kinds they look at: service control policies, resource control
// policies, permissions boundaries, session policies and VPC endpoint
// policies never grant anything, they only cap what other policies grant,
// so "Allow everything" there is the normal pattern (FullAWSAccess) and the
// grant rules skip them. The rules about unscoped actions (passrole-broad,
// privilege-escalation, resource-exposure, credentials-exposure,
// data-exfiltration) read identity-based policies only: in a resource-based
// policy Resource "*" means the resource the policy is attached to, not
// every resource.
var securityRules = concat(adminRules, passRoleRules, escalationRules, exposureRules, trustRules, resourcePolicyRules)

// Policy kinds.

// kindGrants reports whether Allow statements of policies of kind k grant
// permissions. SCPs, RCPs, permissions boundaries, session policies and
// VPC endpoint policies only set the most that other policies can grant
// (access_policies.md: "Session policies limit permissions for a created
// session, but do not grant permissions"); trust policies grant sts:
// actions only, which rules of their own check.
func kindGrants(k policy.Kind) bool {
	return k == policy.Identity || k == policy.Resource
}

// kindIdentityLike reports whether Resource "*" in a policy of kind k
// means every resource of the account and the policy grants it: identity-
// based policies.
func kindIdentityLike(k policy.Kind) bool {
	return k == policy.Identity
}

// Actions and resources.

// isEveryAction reports whether an Action entry names every action: "*",
// "*:*" or more stars.
func isEveryAction(s string) bool {
	svc, act, ok := strings.Cut(s, ":")
	if !ok {
		return s != "" && strings.Trim(s, "*") == ""
	}
	return svc != "" && act != "" && strings.Trim(svc, "*") == "" && strings.Trim(act, "*") == ""
}

// starItem returns the index of the "*" entry of a Resource (not
// NotResource) element, or -1.
func starItem(l *policy.List) int {
	if l == nil || l.Not {
		return -1
	}
	for i, v := range l.Items {
		if v.Text == "*" {
			return i
		}
	}
	return -1
}

// coversEveryResource reports whether a statement applies to every
// resource: Resource "*", or NotResource (which covers every resource but
// the listed ones) unless NotResource itself lists "*".
func coversEveryResource(st *policy.Statement) bool {
	r := st.Resource
	if r == nil {
		return false
	}
	if !r.Not {
		return starItem(r) >= 0
	}
	for _, v := range r.Items {
		if v.Text == "*" {
			return false
		}
	}
	return true
}

// isUnscoped reports whether st allows its actions on every resource
// without a condition: cloudsplaining's "without resource constraints".
func isUnscoped(st *policy.Statement) bool {
	return st.Effect == policy.Allow && st.Action != nil && len(st.Conditions) == 0 && coversEveryResource(st)
}

// resourcePhrase says which resources an unscoped statement covers.
func resourcePhrase(st *policy.Statement) string {
	if st.Resource.Not {
		return "every resource outside NotResource"
	}
	return `every resource ("*")`
}

// elementPath is the JSON path of a statement's Action, NotAction,
// Resource or NotResource element as a whole.
func elementPath(st *policy.Statement, l *policy.List, base string) string {
	if l.Not {
		base = "Not" + base
	}
	return statementPath(st) + "." + base
}

// elementEnd is where an Action or Resource element ends: past its last
// value, or its key when it has none.
func elementEnd(l *policy.List) policy.Pos {
	if n := len(l.Items); n > 0 {
		return l.Items[n-1].End
	}
	return l.Pos
}

// actionPatterns is a statement's Action or NotAction entries, ready to
// test many lower-case action names against. Long lists are indexed by
// service prefix.
type actionPatterns struct {
	linter  *Linter
	st      *policy.Statement
	not     bool
	entries []actionEntry    // one per Action entry
	anySvc  bool             // some entry has no literal service prefix
	index   map[string][]int // service prefix -> indexes of its entries, for long lists
	wild    []int            // with index: the entries without a literal prefix
}

// actionEntry is one entry of actionPatterns.
type actionEntry struct {
	service string            // the literal service prefix, lower case; "" when it has a wildcard
	match   *wildcard.Pattern // compiled by Linter.actionPattern on first use
}

// indexFrom is the length from which an Action list is indexed.
const indexFrom = 16

func newActionPatterns(l *Linter, st *policy.Statement) *actionPatterns {
	n := len(st.Action.Items)
	a := &actionPatterns{linter: l, st: st, not: st.Action.Not, entries: make([]actionEntry, n)}
	if n >= indexFrom {
		a.index = map[string][]int{}
	}
	for i, v := range st.Action.Items {
		if j := strings.IndexAny(v.Text, ":*?"); j > 0 && v.Text[j] == ':' {
			a.entries[i].service = strings.ToLower(v.Text[:j])
		} else {
			a.anySvc = true
		}
		if a.index != nil {
			if svc := a.entries[i].service; svc != "" {
				a.index[svc] = append(a.index[svc], i)
			} else {
				a.wild = append(a.wild, i)
			}
		}
	}
	return a
}

// match reports whether entry i matches the lower-case action name.
func (a *actionPatterns) match(i int, name string) bool {
	e := &a.entries[i]
	if e.match == nil {
		e.match = a.linter.actionPattern(a.st.Action.Items[i].Text)
	}
	return e.match.Match(name)
}

// firstMatch returns the index of the first entry that matches the
// lower-case action name, or -1.
func (a *actionPatterns) firstMatch(name string) int {
	svc, _, _ := strings.Cut(name, ":")
	if a.index == nil {
		for i, e := range a.entries {
			if (e.service == "" || e.service == svc) && a.match(i, name) {
				return i
			}
		}
		return -1
	}
	best := -1
	for _, i := range a.index[svc] {
		if a.match(i, name) {
			best = i
			break
		}
	}
	for _, i := range a.wild {
		if best >= 0 && i > best {
			break
		}
		if a.match(i, name) {
			best = i
			break
		}
	}
	return best
}

// grants reports whether the statement's Action element covers the
// lower-case action name, and which entry matches it (-1 for NotAction,
// where it is the absence of a match that grants).
func (a *actionPatterns) grants(name string) (item int, ok bool) {
	i := a.firstMatch(name)
	if a.not {
		return -1, i < 0
	}
	return i, i >= 0
}

// candidates returns the indexes into t of the actions the statement may
// grant: those of the services its entries name, or all of them for
// NotAction and entries with a wildcard service prefix. They are in list
// order.
func (a *actionPatterns) candidates(t *actionTable) []int {
	if a.not || a.anySvc {
		return t.all
	}
	var out []int
	seen := map[string]bool{}
	for _, e := range a.entries {
		if svc := e.service; !seen[svc] {
			seen[svc] = true
			out = append(out, t.byService[svc]...)
		}
	}
	sort.Ints(out)
	return out
}

// actionPattern compiles an Action entry for matching against lower-case
// action names, remembering it for later documents. IAM matches action
// names ignoring case; the entry is lower-cased in ASCII only, since
// action names are ASCII, so that no other letter (the Kelvin sign, which
// Unicode lowers to k) can come to match one.
func (l *Linter) actionPattern(text string) *wildcard.Pattern {
	return l.compiledActions.get(text, func() *wildcard.Pattern { return wildcard.Compile(lowerASCII(text)) })
}

// lowerASCII maps A-Z in s to a-z and leaves every other byte alone.
func lowerASCII(s string) string {
	i := strings.IndexFunc(s, func(r rune) bool { return 'A' <= r && r <= 'Z' })
	if i < 0 {
		return s
	}
	b := []byte(s)
	for ; i < len(b); i++ {
		if c := b[i]; 'A' <= c && c <= 'Z' {
			b[i] = c + 'a' - 'A'
		}
	}
	return string(b)
}

// actionTable is a list of actions this file checks for, limited to those
// the catalog knows.
type actionTable struct {
	names     []string // lower case, in list order
	display   []string // as the catalog spells them
	all       []int    // 0..len(names)-1
	byService map[string][]int
}

func newActionTable(cat *catalog.Catalog, names []string) *actionTable {
	t := &actionTable{byService: map[string][]int{}}
	for _, n := range names {
		a, ok := cat.Action(n)
		if !ok {
			continue
		}
		i := len(t.names)
		t.names = append(t.names, strings.ToLower(n))
		t.display = append(t.display, a.FullName())
		t.all = append(t.all, i)
		svc := strings.ToLower(a.Service)
		t.byService[svc] = append(t.byService[svc], i)
	}
	return t
}

// securityTables are the action lists of this file for one catalog.
type securityTables struct {
	permissions, credentials, dataRead *actionTable
	// methods are the escalation methods whose actions the catalog has.
	methods []escalationMethod
}

// securityTables returns the action lists of this file for the linter's
// catalog.
func (l *Linter) securityTables() *securityTables {
	return l.tables.get(func() *securityTables { return newSecurityTables(l.catalog) })
}

func newSecurityTables(cat *catalog.Catalog) *securityTables {
	var pm []string
	for _, s := range cat.Services() {
		for _, a := range s.Actions {
			if a.HasAccessLevel(catalog.PermissionsManagement) {
				pm = append(pm, strings.ToLower(a.FullName()))
			}
		}
	}
	t := &securityTables{
		permissions: newActionTable(cat, pm),
		credentials: newActionTable(cat, credentialActions),
		dataRead:    newActionTable(cat, dataExfiltrationActions),
	}
	for _, m := range escalationMethods {
		known := true
		for _, a := range m.actions {
			if _, ok := cat.Action(a); !ok {
				known = false
				break
			}
		}
		if known {
			t.methods = append(t.methods, m)
		}
	}
	return t
}

// unconditionalDenials returns the Deny statements that deny their actions
// on every resource ("*") without a condition. What they deny is taken out
// of what a policy allows unscoped, as cloudsplaining does.
func unconditionalDenials(c *checker) []*actionPatterns {
	var out []*actionPatterns
	for _, st := range c.doc.Statements {
		if st.Effect == policy.Deny && st.Action != nil && len(st.Conditions) == 0 && starItem(st.Resource) >= 0 {
			out = append(out, newActionPatterns(c.linter, st))
		}
	}
	return out
}

func deniedByAny(denials []*actionPatterns, name string) bool {
	for _, d := range denials {
		if _, ok := d.grants(name); ok {
			return true
		}
	}
	return false
}

// reportAtAction reports a finding at the Action entry of st with index
// item, or at the whole NotAction element when item is -1.
func reportAtAction(c *checker, st *policy.Statement, item int, msg string) {
	if item >= 0 && item < len(st.Action.Items) {
		c.reportValue(st.Action.Items[item], listPath(st, st.Action, "Action", item), "%s", msg)
		return
	}
	c.report(st.Action.Pos, elementEnd(st.Action), elementPath(st, st.Action, "Action"), "%s", msg)
}

// Principals.

// delegatesToAccounts reports whether every principal of st is a whole
// AWS account (an account ID or its root ARN). A resource-based policy
// that grants to an account leaves the decision to the account's IAM
// policies, as the default KMS key policy does.
func delegatesToAccounts(st *policy.Statement) bool {
	p := st.Principal
	if p == nil || p.Not || p.Any || len(p.Entries) == 0 {
		return false
	}
	for _, e := range p.Entries {
		if e.Type != policy.PrincipalAWS {
			return false
		}
		if policy.IsAccountID(e.Text) {
			continue
		}
		f, ok := policy.SplitARN(e.Text)
		if !ok || f[2] != "iam" || f[5] != "root" || !policy.IsAccountID(f[4]) {
			return false
		}
	}
	return true
}

// anyPrincipal finds the "*" principal of an Allow statement: "Principal":
// "*" or {"AWS": "*"}. It returns where it stands and its path.
func anyPrincipal(st *policy.Statement) (pos, end policy.Pos, path string, ok bool) {
	p := st.Principal
	if st.Effect != policy.Allow || p == nil || p.Not {
		return
	}
	if p.Any {
		return p.Pos, p.Pos, statementPath(st) + ".Principal", true
	}
	n := 0
	for _, e := range p.Entries {
		if e.Type != policy.PrincipalAWS {
			continue
		}
		if e.Text == "*" {
			return e.Pos, e.End, fmt.Sprintf("%s.Principal.AWS[%d]", statementPath(st), n), true
		}
		n++
	}
	return
}

// principalPath is the JSON path of the i-th principal of one type.
func principalPath(st *policy.Statement, typ policy.PrincipalType, i int) string {
	return fmt.Sprintf("%s.Principal.%s[%d]", statementPath(st), typ, i)
}

// Conditions.

// Keys whose condition, with a positive operator and fixed values, limits
// who can call: in role trust policies (trustLimitingKeys) and in
// resource-based policies (publicLimitingKeys). Lower case.
var (
	trustLimitingKeys = keySet(
		"aws:PrincipalOrgID", "aws:PrincipalOrgPaths", "aws:PrincipalAccount", "aws:PrincipalArn",
		"aws:SourceAccount", "aws:SourceArn", "aws:SourceOrgID", "aws:SourceOrgPaths", "aws:SourceOwner",
		"aws:userid",
	)
	// After Amazon S3's meaning of "public" (fixed aws:SourceIp ranges,
	// aws:SourceArn, aws:SourceVpc, aws:SourceVpce, aws:SourceOwner,
	// aws:SourceAccount, aws:userid), with the organization, principal and
	// VPC endpoint keys added since, and KMS's kms:CallerAccount.
	publicLimitingKeys = keySet(
		"aws:PrincipalAccount", "aws:PrincipalArn", "aws:PrincipalOrgID", "aws:PrincipalOrgPaths",
		"aws:PrincipalServiceName", "aws:userid",
		"aws:SourceAccount", "aws:SourceArn", "aws:SourceOwner", "aws:SourceOrgID", "aws:SourceOrgPaths",
		"aws:SourceIp", "aws:SourceVpc", "aws:SourceVpcArn", "aws:SourceVpce",
		"aws:VpceAccount", "aws:VpceOrgID", "aws:VpceOrgPaths",
		"s3:DataAccessPointAccount", "s3:DataAccessPointArn", "kms:CallerAccount",
	)
	// The keys Access Analyzer names for service principals
	// (RESTRICT_ACCESS_TO_SERVICE_PRINCIPAL), and the older
	// aws:SourceOwner.
	sourceKeys = keySet("aws:SourceArn", "aws:SourceAccount", "aws:SourceOrgID", "aws:SourceOrgPaths", "aws:SourceOwner")
)

func keySet(keys ...string) map[string]bool {
	m := make(map[string]bool, len(keys))
	for _, k := range keys {
		m[strings.ToLower(k)] = true
	}
	return m
}

// limitingCondition returns the first condition of st on one of keys
// that limits the key to fixed values with a positive operator, or nil.
// Negated operators, IfExists (true when the key is absent, as it is for
// anonymous callers) and ForAllValues (likewise) do not limit.
func limitingCondition(st *policy.Statement, keys map[string]bool) *policy.Condition {
	for _, cond := range st.Conditions {
		op := cond.Operator
		if !keys[strings.ToLower(cond.Key.Text)] || op.Negated || op.IfExists || op.Qualifier == policy.ForAllValues {
			continue
		}
		switch op.Family {
		case policy.FamilyString, policy.FamilyARN, policy.FamilyIP:
		default:
			continue
		}
		if len(cond.Values) > 0 && allFixedValues(cond) {
			return cond
		}
	}
	return nil
}

// allFixedValues reports whether every value of a condition is fixed
// enough to limit the caller; the values are OR'ed, so one broad value
// admits everyone.
func allFixedValues(cond *policy.Condition) bool {
	for _, v := range cond.Values {
		if !fixedValue(cond.Operator, v.Text) {
			return false
		}
	}
	return true
}

// fixedValue reports whether a condition value names something specific:
// not a pattern that admits nearly anything ("*", "o-*", "vpce-*"), not an
// ARN with a wildcard account, not an IP range that covers every address.
// A Like pattern counts as fixed when it is an ARN with a literal account
// (or, without an account, a literal start of the resource part), or when
// its literal start is long enough to pin one organization, role or
// endpoint down ("o-a1b2c3d4e5/*", "AROAEXAMPLEID:*").
func fixedValue(op policy.Operator, v string) bool {
	if op.Family == policy.FamilyIP {
		p, ok := policy.ParseIPRange(v)
		return !ok || p.Bits() > 0
	}
	if v == "" {
		return false
	}
	if op.Compare != policy.CompareLike || !wildcard.HasWildcard(v) {
		return true
	}
	if f, ok := policy.SplitARN(v); ok && f[0] == "arn" {
		if policy.IsAccountID(f[4]) {
			return true
		}
		return f[4] == "" && f[5] != "" && !wildcard.HasWildcard(f[5][:1])
	}
	return strings.IndexAny(v, "*?") >= minFixedPrefix
}

// minFixedPrefix is how many literal characters a pattern needs before
// its first wildcard to count as fixed: an organization ID (o- and at
// least 10 characters) passes, a resource-type prefix such as "vpce-"
// does not.
const minFixedPrefix = 8

// conditionsOn returns the conditions of st on the key, ignoring case.
func conditionsOn(st *policy.Statement, key string) []*policy.Condition {
	var out []*policy.Condition
	for _, cond := range st.Conditions {
		if strings.EqualFold(cond.Key.Text, key) {
			out = append(out, cond)
		}
	}
	return out
}

// isPositiveStringCondition reports whether a condition compares its key
// with a positive string operator, the only kind that can limit a claim.
func isPositiveStringCondition(cond *policy.Condition) bool {
	return cond.Operator.Family == policy.FamilyString && !cond.Operator.Negated
}

// positiveConditionsOn returns the conditions of st that compare the key
// with a positive string operator and have values.
func positiveConditionsOn(st *policy.Statement, key string) []*policy.Condition {
	var out []*policy.Condition
	for _, cond := range conditionsOn(st, key) {
		if isPositiveStringCondition(cond) && len(cond.Values) > 0 {
			out = append(out, cond)
		}
	}
	return out
}
