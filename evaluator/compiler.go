package evaluator

import (
	"sync"

	"github.com/iamsim/iamsim/internal/matcher"
	"github.com/iamsim/iamsim/policy"
)

// Compiler compiles policy sets as Compile does, but compiles the
// statements of each document only once: sets that share documents, such
// as the managed policies and SCPs of the many principals of an account,
// share their compiled statements. Documents that share their statement
// list (shallow copies, which account data makes to name a managed policy
// after each attachment) count as one, each keeping its own name. A
// Compiler is safe for concurrent use; documents must not change once
// compiled.
type Compiler struct {
	mu   sync.Mutex
	docs map[statementsKey]*matcher.Policy
}

// statementsKey identifies a document's statement list and what its
// compilation depends on besides.
type statementsKey struct {
	first     **policy.Statement // the list's backing array
	n         int
	kind      policy.Kind
	variables bool
}

// NewCompiler returns a Compiler that has compiled nothing yet.
func NewCompiler() *Compiler {
	return &Compiler{docs: map[statementsKey]*matcher.Policy{}}
}

// Compile compiles the policies, reusing the statements of documents
// compiled before.
func (c *Compiler) Compile(p Policies, org Organization) (*PolicySet, error) {
	return compileSet(p, org, c.document)
}

func (c *Compiler) document(d *policy.Document) *matcher.Policy {
	if len(d.Statements) == 0 {
		return matcher.Compile(d)
	}
	key := statementsKey{first: &d.Statements[0], n: len(d.Statements), kind: d.Kind, variables: d.HasVariables()}
	c.mu.Lock()
	defer c.mu.Unlock()
	if mp, ok := c.docs[key]; ok {
		return mp.WithDoc(d) // the statements and their index, under d's name
	}
	mp := matcher.Compile(d)
	c.docs[key] = mp
	return mp
}
