// Package evaluator decides AWS IAM requests offline, as AWS's policy
// evaluation logic does, and says why.
//
// A request goes through four calls:
//
//  1. Parse: policy.Parse reads each policy document, with positions.
//  2. Compile: Compile (or a Compiler, which shares compiled documents
//     between sets) takes the documents in play, grouped by layer in
//     Policies (identity-based, resource-based, permissions boundary,
//     session policy, VPC endpoint policy, and the SCP and RCP chains of
//     an Organization), and compiles their statements into a PolicySet
//     once. A PolicySet is safe for concurrent use.
//  3. Prepare: Prepare (or a Preparer, which remembers the principals and
//     actions it has parsed) checks a Request and resolves what it
//     implies: the caller's kind and account, the resource account, and
//     the context keys derived from the principal. Preparing allocates.
//  4. Evaluate: PolicySet.EvaluatePrepared decides a Prepared request
//     into a Result, which it may reuse; without Options.Trace it
//     allocates nothing. PolicySet.Evaluate prepares and evaluates at
//     once.
//
// The Result is data: the Decision (Allowed, ExplicitDeny, ImplicitDeny),
// the statements that decided it (StatementRef, with positions), each
// Layer's Verdict in AWS's order, the context keys conditions wanted but
// the request lacked, and with Options.Trace one Step per statement: how
// its Action, Resource and Principal matched and each condition's
// ConditionTrace. Result.Summary says the decision in one sentence, and
// a Result marshals to the JSON iamsim prints. Renderers read a Result;
// nothing is recomputed.
//
// The words the evaluator says (why a layer does not apply, how a part
// of a statement matched, which rule decided a condition, the summary)
// are Messages: the ID of a message of iamsim's catalog and its
// arguments. String and JSON give them in English; Message.Render gives
// them in another language.
//
// A condition that cannot be evaluated on a request value (a date that is
// not a date) does not abort the run: the statement does not apply and
// the value is listed in Result.BadValues.
package evaluator
