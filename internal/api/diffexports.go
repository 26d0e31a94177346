package api

import (
	"fmt"

	"github.com/tidwall/gjson"

	"regexp"
	"sort"
	"strconv"
	"strings"

	"github.com/iamsim/iamsim/internal/account"
	"github.com/iamsim/iamsim/internal/diff"
	"github.com/iamsim/iamsim/policy"
)

// exportPrincipal is a user or role of an export with the policies AWS
// evaluates for it.
type exportPrincipal struct {
	name string // "user alice", "role deploy"
	*account.Principal
}

// diffExports compares two account exports principal by principal
// (docs/diff.md, "Account exports"): what each user's and role's
// identity-based policies (inline, attached managed, and a user's
// groups' policies) allow within its permissions boundary, with
// diff.CompareCapped. A principal is matched by kind and name; one on
// a side only is added or removed, compared with no policies. Principals whose policies say
// the same on both sides are not compared; the others are grouped by
// what their policies were and became, and groups whose one change is
// the same managed policy compare it once (compareGroups), so that a
// managed policy attached to a hundred principals is compared, and
// printed, once.
func (e Engine) diffExports(old, new diffInput, opts DiffOptions) ([]DiffPair, error) {
	lim := account.Limits{Files: e.Limits, MaxExportSize: e.MaxExportSize}
	var accts [2]*account.Account
	for i, in := range []diffInput{old, new} {
		acct, err := lim.ParseExport(in.name, in.src)
		if err != nil {
			return nil, InputProblems(firstProblem(err))
		}
		accts[i] = acct
	}
	return diffAccounts(accts, [2]string{old.name, new.name}, [2]map[string]policy.Pos{declarations(old), declarations(new)}, opts)
}

// diffAccounts compares two accounts principal by principal, as
// diffExports describes; names name the two sides, and declared say
// where each side declares its principals ("user alice", "role deploy").
func diffAccounts(accts [2]*account.Account, names [2]string, declared [2]map[string]policy.Pos, opts DiffOptions) ([]DiffPair, error) {
	var sides [2]map[string]exportPrincipal
	for i, acct := range accts {
		var err error
		if sides[i], err = exportPrincipals(acct); err != nil {
			return nil, err
		}
	}
	seen := map[string]bool{}
	for _, side := range sides {
		for n := range side {
			seen[n] = true
		}
	}
	order := make([]string, 0, len(seen))
	for n := range seen {
		order = append(order, n)
	}
	sort.Strings(order)
	groups := map[string]*group{}
	var keys []string
	for _, n := range order {
		o, okOld := sides[0][n]
		p, okNew := sides[1][n]
		var l diffLayer
		var oldPrint, newPrint string
		if okOld {
			l.old, l.oldDocs, l.oldBoundary = names[0], policyDocs(o.Identity), boundaryDoc(o.Boundary)
			oldPrint = effectivePrint(l.oldDocs, l.oldBoundary)
		}
		if okNew {
			l.new, l.newDocs, l.newBoundary = names[1], policyDocs(p.Identity), boundaryDoc(p.Boundary)
			newPrint = effectivePrint(l.newDocs, l.newBoundary)
		}
		var status string
		switch {
		case !okOld:
			status = "added"
		case !okNew:
			status = "removed"
		case oldPrint == newPrint:
			continue
		default:
			status = "policies " + changedOrigins(n, withBoundary(o), withBoundary(p))
		}
		key := status + "\x00" + oldPrint + "\x00" + newPrint
		g := groups[key]
		if g == nil {
			g = &group{layer: l, status: status}
			g.caller, g.role = callerOf(pickPrincipal(okNew, p, o))
			if okOld && okNew {
				g.shared = sharedChange(n, o, p)
			}
			groups[key] = g
			keys = append(keys, key)
		}
		g.names = append(g.names, n)
	}
	ordered := make([]*group, len(keys))
	for i, k := range keys {
		ordered[i] = groups[k]
	}
	pairs, err := compareGroups(ordered, opts)
	if err != nil {
		return nil, err
	}
	// One entry per change: principals whose comparisons found the same
	// requests through the same statements are reported together.
	var out []DiffPair
	var firsts []*group
	var principals [][]string
	bySig := map[string]int{}
	for i, k := range keys {
		g := groups[k]
		sig := g.status + "\x00" + pairs[i].Old + "\x00" + pairs[i].New + "\x00" + findingsSignature(pairs[i].DiffResult)
		j, ok := bySig[sig]
		if !ok {
			j = len(out)
			bySig[sig] = j
			out = append(out, pairs[i])
			firsts = append(firsts, g)
			principals = append(principals, nil)
		}
		principals[j] = append(principals[j], g.names...)
	}
	for j := range out {
		g := firsts[j]
		sort.Strings(principals[j])
		out[j].Subject = strings.Join(principals[j], ", ") + ": " + g.status
		for _, n := range principals[j] {
			pos, ok := declared[1][n]
			if !ok {
				pos = declared[0][n]
			}
			out[j].Principals = append(out[j].Principals, DiffPrincipal{Name: n, Pos: pos})
		}
		oc := diff.Capped{Identity: g.layer.oldDocs, Boundary: g.layer.oldBoundary}
		nc := diff.Capped{Identity: g.layer.newDocs, Boundary: g.layer.newBoundary}
		if err := diff.NameCaller(out[j].DiffResult, oc, nc, g.caller, g.role); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// declarations finds where an export declares each user and role: the
// position of its UserName or RoleName, by "user NAME" or "role NAME".
// The export has been read (account.ParseExport), so its shape is
// sound. Positions are counted on from one name to the next, in the
// order of the file: an export written on one line stays linear.
func declarations(in diffInput) map[string]policy.Pos {
	out := map[string]policy.Pos{}
	type decl struct {
		name string
		at   int
	}
	var found []decl
	root := gjson.ParseBytes(in.src)
	for _, l := range []struct{ list, key, what string }{{"UserDetailList", "UserName", "user"}, {"RoleDetailList", "RoleName", "role"}} {
		root.Get(l.list).ForEach(func(_, v gjson.Result) bool {
			if name := v.Get(l.key); name.Type == gjson.String {
				found = append(found, decl{l.what + " " + name.String(), name.Index})
			}
			return true
		})
	}
	sort.Slice(found, func(i, j int) bool { return found[i].at < found[j].at })
	pos := policy.Pos{File: in.name, Line: 1, Col: 1}
	from := 0
	for _, d := range found {
		for _, r := range string(in.src[from:d.at]) {
			if r == '\n' {
				pos.Line, pos.Col = pos.Line+1, 1
			} else {
				pos.Col++
			}
		}
		from = d.at
		out[d.name] = pos
	}
	return out
}

// findingsSignature writes what a comparison found, witnesses and
// statements, for telling apart principals whose changes are one.
func findingsSignature(r *DiffResult) string {
	var b strings.Builder
	for _, list := range [][]DiffFinding{r.Widenings, r.Narrowings} {
		for _, f := range list {
			w := f.Witness
			fmt.Fprintf(&b, "%s|%s|%s|%v|%v|%s|%v;", w.Principal, w.Action, w.Resource, w.Context, w.Absent, w.RoleARN, f.Statement.Pos)
		}
		b.WriteString("/")
	}
	for _, p := range r.Possible {
		fmt.Fprintf(&b, "%v|%v|%v|%s;", p.Statement.Pos, p.Old, p.Narrowing, p.Why)
	}
	return b.String()
}

// group is the principals of an export comparison whose policies were
// the same and became the same: one comparison serves them all.
type group struct {
	layer  diffLayer
	status string
	names  []string
	// caller and role name the first principal, whom the witnesses
	// name (diff.NameCaller); role is the role's ARN for a role session.
	caller, role string
	// shared is the one managed policy whose change is the group's only
	// change, as it was and became; nil for other changes.
	shared *[2]*policy.Document
}

// exportPrincipals resolves every user and role of an export.
func exportPrincipals(acct *account.Account) (map[string]exportPrincipal, error) {
	data := &account.Data{Accounts: map[string]*account.Account{acct.ID: acct}}
	out := map[string]exportPrincipal{}
	add := func(what, name, arn string) error {
		p, err := data.Principal(arn)
		if err != nil {
			return fmt.Errorf("%s: %s %s: %w", acct.File, what, name, err)
		}
		out[what+" "+name] = exportPrincipal{what + " " + name, p}
		return nil
	}
	for _, n := range acct.UserNames() {
		if err := add("user", n, acct.Users[n].ARN); err != nil {
			return nil, err
		}
	}
	for _, n := range acct.RoleNames() {
		if err := add("role", n, acct.Roles[n].ARN); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// pickPrincipal returns a when useA, else b.
func pickPrincipal(useA bool, a, b exportPrincipal) exportPrincipal {
	if useA {
		return a
	}
	return b
}

// callerOf is the caller of a principal's requests: the user, or a
// session of the role.
func callerOf(p exportPrincipal) (principal, role string) {
	if p.Role != nil {
		return "arn:aws:sts::" + p.Account + ":assumed-role/" + p.Role.Name + "/diff-session", p.Role.ARN
	}
	return p.User.ARN, ""
}

// effectivePrint is the fingerprint of a principal's identity policies
// and boundary.
func effectivePrint(ident []*policy.Document, boundary *policy.Document) string {
	var b []*policy.Document
	if boundary != nil {
		b = []*policy.Document{boundary}
	}
	return diff.Fingerprint(ident) + "\x02" + diff.Fingerprint(b)
}

// withBoundary lists a principal's identity policies and its boundary.
func withBoundary(p exportPrincipal) []account.Policy {
	if p.Boundary == nil {
		return p.Identity
	}
	return append(append([]account.Policy{}, p.Identity...), *p.Boundary)
}

// policyDocs are the documents of policies.
func policyDocs(ps []account.Policy) []*policy.Document {
	out := make([]*policy.Document, len(ps))
	for i, p := range ps {
		out[i] = p.Doc
	}
	return out
}

// boundaryDoc is a principal's boundary document, nil for none.
func boundaryDoc(b *account.Policy) *policy.Document {
	if b == nil {
		return nil
	}
	return b.Doc
}

// versionSuffix is the default version a managed policy's origin ends
// with: the same policy in both exports may have moved to a new version.
var versionSuffix = regexp.MustCompile(` \(v[0-9]+\)$`)

// changedOrigins names the policies of principal who that changed, were
// added or were removed: `changed "managed policy Dev"; added "inline
// policy x"`, or `changed "group dev, managed policy Dev"` for one it
// has through a group. Leaving out the principal's own name lets
// principals with one change share the words.
func changedOrigins(who string, old, new []account.Policy) string {
	changed, added, removed := originChanges(who, old, new)
	var parts []string
	for _, l := range []struct {
		what  string
		names []string
	}{{"changed", changed}, {"added", added}, {"removed", removed}} {
		if len(l.names) > 0 {
			sort.Strings(l.names)
			parts = append(parts, l.what+" "+strings.Join(quoteAll(l.names), ", "))
		}
	}
	return strings.Join(parts, "; ")
}

// origin names a policy of principal who as changedOrigins does: its
// origin without the default version or the principal's own name.
func origin(who string, p account.Policy) string {
	return strings.TrimPrefix(versionSuffix.ReplaceAllString(p.Origin, ""), who+", ")
}

// originChanges lists the origins of the policies of principal who that
// changed, were added and were removed.
func originChanges(who string, old, new []account.Policy) (changed, added, removed []string) {
	prints := func(ps []account.Policy) map[string]string {
		m := map[string]string{}
		for _, p := range ps {
			m[origin(who, p)] += diff.Fingerprint([]*policy.Document{p.Doc})
		}
		return m
	}
	o, n := prints(old), prints(new)
	for name, fp := range n {
		switch ofp, ok := o[name]; {
		case !ok:
			added = append(added, name)
		case ofp != fp:
			changed = append(changed, name)
		}
	}
	for name := range o {
		if _, ok := n[name]; !ok {
			removed = append(removed, name)
		}
	}
	return changed, added, removed
}

// quoteAll quotes each string, as Go does.
func quoteAll(ss []string) []string {
	out := make([]string, len(ss))
	for i, s := range ss {
		out[i] = strconv.Quote(s)
	}
	return out
}
