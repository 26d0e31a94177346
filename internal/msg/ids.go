package msg

// The summaries of a decision, one per rule that decides (the
// evaluator's Result.Summary). Each takes the decision first.
const (
	SummaryCallerIdentity         ID = "summary-caller-identity"
	SummaryExplicitDenyOne        ID = "summary-explicit-deny-one"
	SummaryExplicitDenyMany       ID = "summary-explicit-deny-many"
	SummaryRCPGate                ID = "summary-rcp-gate"
	SummarySCPGate                ID = "summary-scp-gate"
	SummaryEndpointGate           ID = "summary-endpoint-gate"
	SummaryResourceGrant          ID = "summary-resource-grant"
	SummaryNoResourceGrant        ID = "summary-no-resource-grant"
	SummaryDirectGrant            ID = "summary-direct-grant"
	SummaryRoot                   ID = "summary-root"
	SummaryRoleGrant              ID = "summary-role-grant"
	SummaryIdentityAllow          ID = "summary-identity-allow"
	SummaryBoundarySilent         ID = "summary-boundary-silent"
	SummarySessionSilent          ID = "summary-session-silent"
	SummaryFederatedNoSession     ID = "summary-federated-no-session"
	SummaryAccountOnly            ID = "summary-account-only"
	SummaryNoAllow                ID = "summary-no-allow"
	SummaryNoTrustPolicy          ID = "summary-no-trust-policy"
	SummaryNoKeyPolicy            ID = "summary-no-key-policy"
	SummaryTrustNoMatch           ID = "summary-trust-no-match"
	SummaryKeyNoMatch             ID = "summary-key-no-match"
	SummaryTrustAccountNoIdentity ID = "summary-trust-account-no-identity"
	SummaryKeyAccountNoIdentity   ID = "summary-key-account-no-identity"
	SummaryTrustAccountIdentity   ID = "summary-trust-account-identity"
	SummaryKeyAccountIdentity     ID = "summary-key-account-identity"
	SummaryCrossNoResourcePolicy  ID = "summary-cross-no-resource-policy"
	SummaryCrossNoResourceGrant   ID = "summary-cross-no-resource-grant"
	SummaryCrossNoIdentity        ID = "summary-cross-no-identity"
	SummaryCrossBoth              ID = "summary-cross-both"
	SummaryServiceRule            ID = "summary-service-rule"
)

// The phrases a summary is built of.
const (
	// StatementRef names one statement: its policy's noun, its position.
	StatementRef ID = "statement-ref"
	// ListComma separates the items of a list but the last two, which
	// ListLast separates: "A, B and C".
	ListComma ID = "list-comma"
	ListLast  ID = "list-last"
	// LimitsNone, LimitsOne and LimitsBoth end a summary of a grant to
	// the caller's role with the limits that apply to its session.
	LimitsNone ID = "limits-none"
	LimitsOne  ID = "limits-one"
	LimitsBoth ID = "limits-both"
	// IdentityStatementAllows and IdentityPolicyAllows say that the
	// caller's identity-based policies allow, with the statement or not.
	IdentityStatementAllows ID = "identity-statement-allows"
	IdentityPolicyAllows    ID = "identity-policy-allows"
)

// The notes: the ID of each is the code of the evaluator's note
// (evaluator.NoteCode).
const (
	NoteFullAccessMissing   ID = "full-access-missing"
	NoteStarGrantDirect     ID = "star-grant-direct"
	NoteAWSOwned            ID = "aws-owned-resource"
	NoteCrossAccount        ID = "cross-account"
	NoteAccountUnknown      ID = "resource-account-unknown"
	NoteSessionNotGiven     ID = "session-name-not-given"
	NoteSecureTransport     ID = "secure-transport-absent"
	NoteTimeAbsent          ID = "current-time-absent"
	NoteNoSourceVpce        ID = "source-vpce-absent"
	NoteUnsubstituted       ID = "variable-not-substituted"
	NoteRCPCallerAccount    ID = "rcp-caller-account"
	NoteReservedIAMRoleRule ID = "service-rule-reserved-iam-role"
)

// The service rules that refuse a request: the ID of each is the rule's
// name (evaluator.ServiceRule.Name), its text what the service refuses.
const (
	RuleAWSManagedPolicy  ID = "aws-managed-policy"
	RuleServiceLinkedRole ID = "service-linked-role"
	RuleReservedKMSAlias  ID = "reserved-kms-alias"
	RuleAWSManagedKMSKey  ID = "aws-managed-kms-key"
	RuleRootAssumeRole    ID = "root-assume-role"
)

// The teaching explanation of one decision (internal/explain).
const (
	ExplainRequest          ID = "explain-request"
	ExplainAccountUnknown   ID = "explain-account-unknown"
	ExplainAccountAssumed   ID = "explain-account-assumed"
	ExplainAccountAWSPolicy ID = "explain-account-aws-policy"
	ExplainAccountAWSOwned  ID = "explain-account-aws-owned"
	ExplainAccountFromFile  ID = "explain-account-from-file"
	ExplainAccountFrom      ID = "explain-account-from"
	ExplainOrder            ID = "explain-order"
	ExplainServiceRules     ID = "explain-service-rules"
	ExplainServiceRefuses   ID = "explain-service-refuses"
	ExplainDenyCheck        ID = "explain-deny-check"
	ExplainNoDenyMatches    ID = "explain-no-deny-matches"
	ExplainDenyMatchesOne   ID = "explain-deny-matches-one"
	ExplainDenyMatchesMany  ID = "explain-deny-matches-many"
	ExplainPerLevel         ID = "explain-per-level"
	ExplainLevel            ID = "explain-level"
	ExplainNotApplicable    ID = "explain-not-applicable"
	ExplainAllows           ID = "explain-allows"
	ExplainDenies           ID = "explain-denies"
	ExplainSilentImplicit   ID = "explain-silent-implicit"
	ExplainSilentGranted    ID = "explain-silent-granted"
	ExplainSilent           ID = "explain-silent"
	ExplainSeeStep1         ID = "explain-see-step-1"
	ExplainSid              ID = "explain-sid"
	ExplainOrigin           ID = "explain-origin"
	ExplainPartAction       ID = "explain-part-action"
	ExplainPartResource     ID = "explain-part-resource"
	ExplainPartPrincipal    ID = "explain-part-principal"
	ExplainPartCondition    ID = "explain-part-condition"
	ExplainYes              ID = "explain-yes"
	ExplainNo               ID = "explain-no"
	ExplainCondition        ID = "explain-condition"
	ExplainAbsent           ID = "explain-absent"
	ExplainUnresolved       ID = "explain-unresolved"
	ExplainMalformed        ID = "explain-malformed"
	ExplainDecision         ID = "explain-decision"
	ExplainUnreliable       ID = "explain-unreliable"
	ExplainExpectedOK       ID = "explain-expected-ok"
	ExplainExpectedMismatch ID = "explain-expected-mismatch"
	ExplainBadStatement     ID = "explain-bad-statement"
	ExplainBadValue         ID = "explain-bad-value"
	ExplainUnreliableLabel  ID = "explain-unreliable-label"
	ExplainUnreliableDeny   ID = "explain-unreliable-deny"
	ExplainBadValueLabel    ID = "explain-bad-value-label"
	ExplainBadValueSkips    ID = "explain-bad-value-skips"
	ExplainMissingRelevant  ID = "explain-missing-relevant"
	ExplainMissingOther     ID = "explain-missing-other"
	ExplainNote             ID = "explain-note"
)
