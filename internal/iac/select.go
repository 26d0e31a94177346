package iac

import (
	"fmt"
	"sort"
	"strings"

	"github.com/iamsim/iamsim/internal/iac/policydoc"
	"github.com/iamsim/iamsim/internal/textdist"
	"github.com/iamsim/iamsim/policy"
)

// Select returns the policies of set that selector names, in the set's
// order: the policy whose name (policydoc.Policy.Name) it is, or every
// policy of the resource, or of the part of it, it names ("AppRole",
// "AppRole.Policies"); "" selects every policy. A selector that names none is an error naming the
// nearest policy and listing what the set holds; path is the file the
// set was read from, for the message.
func Select(set *policydoc.Set, path, selector string) ([]*policydoc.Policy, error) {
	var found []*policydoc.Policy
	for i := range set.Policies {
		if p := &set.Policies[i]; names(p.Name(), selector) {
			found = append(found, p)
		}
	}
	if len(found) > 0 {
		return found, nil
	}
	all := Names(set)
	if len(all) == 0 {
		return nil, fmt.Errorf("%s#%s: %s holds no policy", path, selector, path)
	}
	near := ""
	if n := nearest(selector, all); n != "" {
		near = fmt.Sprintf(" (nearest: %s#%s)", path, n)
	}
	return nil, fmt.Errorf("%s#%s: no such policy%s; it holds %s", path, selector, near, list(path, all))
}

// nearest returns the name a mistyped selector most likely meant: the
// first that starts with it, else the nearest by edit distance, else "".
func nearest(selector string, names []string) string {
	for _, n := range names {
		if strings.HasPrefix(n, selector) {
			return n
		}
	}
	return textdist.Nearest(selector, names)
}

// SelectOne is Select for an argument that takes one policy: a selector
// naming several is an error listing them.
func SelectOne(set *policydoc.Set, path, selector string) (*policydoc.Policy, error) {
	found, err := Select(set, path, selector)
	if err != nil {
		return nil, err
	}
	if len(found) > 1 {
		var all []string
		for _, p := range found {
			all = append(all, p.Name())
		}
		what := path + "#" + selector
		if selector == "" {
			what = path
		}
		return nil, fmt.Errorf("%s holds %d policies; name one: %s", what, len(found), list(path, all))
	}
	return found[0], nil
}

// names reports whether selector names the policy called name: it is
// empty (every policy), the name, or a part of it that ends where a
// property or index starts.
func names(name, selector string) bool {
	if selector == "" {
		return true
	}
	if !strings.HasPrefix(name, selector) {
		return false
	}
	rest := name[len(selector):]
	return rest == "" || rest[0] == '.' || rest[0] == '['
}

// Names returns the names of the set's policies, sorted, each once.
func Names(set *policydoc.Set) []string {
	seen := map[string]bool{}
	var all []string
	for i := range set.Policies {
		if n := set.Policies[i].Name(); !seen[n] {
			seen[n] = true
			all = append(all, n)
		}
	}
	sort.Strings(all)
	return all
}

// list writes names as references, at most ten of them.
func list(path string, names []string) string {
	const most = 10
	var b strings.Builder
	for i, n := range names {
		if i == most {
			fmt.Fprintf(&b, " and %d more", len(names)-most)
			break
		}
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(path + "#" + n)
	}
	return b.String()
}

// KindAs is the kind to read a policy of infrastructure code as, when
// asked for kind: the kind its property says when asked for a resource
// policy whose kind (resource or trust) is to be detected, else kind.
func KindAs(p *policydoc.Policy, kind policy.Kind, detect bool) policy.Kind {
	if kind == policy.Resource && detect && (p.Kind == policy.Resource || p.Kind == policy.Trust) {
		return p.Kind
	}
	return kind
}
