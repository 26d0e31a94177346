// Package policy reads AWS IAM policy documents into a model that keeps
// the position of every element.
//
// It is the first stage of iamsim's pipeline:
//
//  1. Parse (this package): Parse turns the JSON of one policy into a
//     Document (statements, Action and Resource lists, Principal,
//     Condition blocks), each node with its Pos (file, 1-based line and
//     column). The Kind given to Parse (Identity, Resource, SCP, RCP...)
//     decides which elements are allowed.
//  2. Compile (package evaluator): evaluator.Compile turns the documents
//     in play, grouped by layer in evaluator.Policies, into a PolicySet of
//     precompiled matchers.
//  3. Prepare (package evaluator): evaluator.Prepare checks a request and
//     resolves what it implies (the caller's kind and account, the
//     context keys derived from the principal).
//  4. Evaluate (package evaluator): PolicySet.EvaluatePrepared, or
//     PolicySet.Evaluate for steps 3 and 4 at once, decides the request.
//  5. Result (package evaluator): the decision, the statements that
//     decided it and, on request, a trace of every statement. Renderers
//     print a Result; nothing is recomputed.
//
// Parse does not stop at the first problem: it validates the whole
// document (a bad Effect, Action together with NotAction, an unknown
// condition operator...) and returns every problem as an ErrorList, sorted
// by position. Each Error has a stable Code (listed in docs/errors.md), a
// lower-case message and the Pos it concerns; Error.Detail adds the source
// line with a caret under the column. Compare errors with errors.As, never
// by their text.
//
// Parse is safe on hostile input: it never panics, and the sizes it
// accepts are bounded by Limits.
package policy
