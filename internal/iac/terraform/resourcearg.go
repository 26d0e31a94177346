package terraform

import (
	"github.com/hashicorp/hcl/v2"
)

// resourceArg returns the value of a resource's argument that a
// reference names (aws_s3_bucket.b.bucket, aws_iam_role.r[0].name) when
// the code sets it: Terraform's plan knows a configured argument before
// apply (https://developer.hashicorp.com/terraform/language/expressions/references#values-not-yet-known).
// A computed attribute (arn, id), an argument the code leaves out, one
// of a block or of an instance that is not known are not found. steps
// is how many steps of the reference the value stands for.
func (sc *scope) resourceArg(tr hcl.Traversal) (n *node, steps int, ok bool) {
	if sc.m == nil || sc.tvars != nil || len(tr) < 3 {
		return nil, 0, false
	}
	name, ok := stepAttr(tr, 1)
	if !ok {
		return nil, 0, false
	}
	var b *block
	for _, x := range sc.m.cfg.blocks {
		if x.mode == "resource" && x.typ == tr.RootName() && x.name == name {
			b = x
		}
	}
	if b == nil {
		return nil, 0, false
	}
	key, i := "", 2
	if ix, isIndex := tr[2].(hcl.TraverseIndex); isIndex {
		key, i = indexText(ix.Key), 3
	}
	arg, ok := stepAttr(tr, i)
	if !ok || (key == "") != (b.count == nil && b.forEach == nil) {
		return nil, 0, false
	}
	switch arg {
	case "count", "for_each", "provider", "depends_on", "lifecycle":
		return nil, 0, false
	}
	a := b.body.Attributes[arg]
	if a == nil {
		return nil, 0, false
	}
	cycleKey := "resource " + b.address() + key + "." + arg
	if sc.m.active[cycleKey] {
		return nil, 0, false
	}
	sc.m.active[cycleKey] = true
	defer delete(sc.m.active, cycleKey)
	insts, err := sc.m.instances(sc.m.scope(), b.count, b.forEach)
	if err != nil {
		return nil, 0, false
	}
	for _, in := range insts {
		if in.key != key {
			continue
		}
		isc := &scope{r: sc.r, m: sc.m, count: in.count, each: in.each}
		v, err := isc.eval(a.Expr)
		if err != nil {
			return nil, 0, false
		}
		return v, i + 1, true
	}
	return nil, 0, false
}
