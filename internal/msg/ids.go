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

// The names the evaluator gives: a layer in a sentence (its title) and
// one policy of it (its noun), the kind of a caller, where a resource
// account came from, and the type of value a condition operator
// compares.
const (
	LayerTitleRCP      ID = "layer-title-rcp"
	LayerTitleSCP      ID = "layer-title-scp"
	LayerTitleEndpoint ID = "layer-title-endpoint"
	LayerTitleResource ID = "layer-title-resource"
	LayerTitleIdentity ID = "layer-title-identity"
	LayerTitleBoundary ID = "layer-title-boundary"
	LayerTitleSession  ID = "layer-title-session"
	LayerNounRCP       ID = "layer-noun-rcp"
	LayerNounSCP       ID = "layer-noun-scp"
	LayerNounEndpoint  ID = "layer-noun-endpoint"
	LayerNounResource  ID = "layer-noun-resource"
	LayerNounIdentity  ID = "layer-noun-identity"
	LayerNounBoundary  ID = "layer-noun-boundary"
	LayerNounSession   ID = "layer-noun-session"
	LayerNounPolicy    ID = "layer-noun-policy"

	KindUser          ID = "kind-user"
	KindRoleSession   ID = "kind-role-session"
	KindRole          ID = "kind-role"
	KindFederatedUser ID = "kind-federated-user"
	KindRoot          ID = "kind-root"
	KindService       ID = "kind-service"
	KindAnonymous     ID = "kind-anonymous"
	KindSAML          ID = "kind-saml"
	KindOIDC          ID = "kind-oidc"

	AccountFromRequest     ID = "account-from-request"
	AccountFromResourceARN ID = "account-from-resource-arn"
	AccountFromPrincipal   ID = "account-from-principal"

	TypeNumber ID = "type-number"
	TypeDate   ID = "type-date"
	TypeBool   ID = "type-bool"
	TypeBinary ID = "type-binary"
	TypeIP     ID = "type-ip"
	TypeARN    ID = "type-arn"
)

// Why a layer does not apply to a request (the evaluator's
// LayerResult.Why and Step.Skipped).
const (
	WhyNoRCPs              ID = "why-no-rcps"
	WhyNoSCPs              ID = "why-no-scps"
	WhyNoEndpoint          ID = "why-no-endpoint"
	WhyNoIdentity          ID = "why-no-identity"
	WhyNoBoundary          ID = "why-no-boundary"
	WhyNoSession           ID = "why-no-session"
	WhyNoTrustPolicy       ID = "why-no-trust-policy"
	WhyNoKeyPolicy         ID = "why-no-key-policy"
	WhyNoResourcePolicy    ID = "why-no-resource-policy"
	WhyRCPCallerNoAccount  ID = "why-rcp-caller-no-account"
	WhyRCPCallerManagement ID = "why-rcp-caller-management"
	WhyRCPCallerNotMember  ID = "why-rcp-caller-not-member"
	WhyRCPAWSOwned         ID = "why-rcp-aws-owned"
	WhyRCPAccountUnknown   ID = "why-rcp-account-unknown"
	WhyRCPManagement       ID = "why-rcp-management"
	WhyRCPNotMember        ID = "why-rcp-not-member"
	WhyRCPLinkedCaller     ID = "why-rcp-linked-caller"
	WhyRCPLinkedResource   ID = "why-rcp-linked-resource"
	WhyRCPManagedKey       ID = "why-rcp-managed-key"
	WhyRCPUnsupported      ID = "why-rcp-unsupported"
	WhyRCPRetireGrant      ID = "why-rcp-retire-grant"
	WhySCPService          ID = "why-scp-service"
	WhySCPAnonymous        ID = "why-scp-anonymous"
	WhySCPFederated        ID = "why-scp-federated"
	WhySCPLinkedRole       ID = "why-scp-linked-role"
	WhySCPManagement       ID = "why-scp-management"
	WhySCPNotMember        ID = "why-scp-not-member"
	WhyIdentityRoot        ID = "why-identity-root"
	WhyIdentityNone        ID = "why-identity-none"
	WhyIdentityFederated   ID = "why-identity-federated"
	WhyBoundaryNotIAM      ID = "why-boundary-not-iam"
	WhyBoundaryLinkedRole  ID = "why-boundary-linked-role"
	WhySessionKind         ID = "why-session-kind"
	WhyResourceTrust       ID = "why-resource-trust"
)

// How a statement's Action, Resource and Principal matched the request
// (the evaluator's PartTrace.Detail).
const (
	MatchNotCovers        ID = "match-not-covers"
	MatchNotMisses        ID = "match-not-misses"
	MatchFound            ID = "match-found"
	MatchNoneOf           ID = "match-none-of"
	MatchNoResource       ID = "match-no-resource"
	MatchVariables        ID = "match-variables"
	MatchVariableSep      ID = "match-variable-sep"
	MatchVariableLiteral  ID = "match-variable-literal"
	MatchVariableValue    ID = "match-variable-value"
	MatchVariableDefault  ID = "match-variable-default"
	MatchVariableNone     ID = "match-variable-none"
	MatchNotPrincipalDeny ID = "match-not-principal-deny"
	MatchNotPrincipalAll  ID = "match-not-principal-allow"
	MatchNotPrincipalExem ID = "match-not-principal-exempts"
	MatchPrincipalAny     ID = "match-principal-any"
	MatchPrincipalAWSAny  ID = "match-principal-aws-any"
	MatchPrincipalRoot    ID = "match-principal-root-account"
	MatchPrincipalAccount ID = "match-principal-account"
	MatchUniqueUser       ID = "match-unique-user"
	MatchUniqueRole       ID = "match-unique-role"
	MatchPrincipalCaller  ID = "match-principal-caller"
	MatchPrincipalRole    ID = "match-principal-role"
	MatchPrincipalParent  ID = "match-principal-parent"
	MatchServicePrincipal ID = "match-service-principal"
	MatchFederated        ID = "match-federated"
	MatchPrincipalNone    ID = "match-principal-none"
)

// Which rule of condition evaluation decided a condition (the
// evaluator's ConditionTrace.Reason).
const (
	CondNullPresent     ID = "condition-null-present"
	CondNullAbsent      ID = "condition-null-absent"
	CondAbsentIfExists  ID = "condition-absent-if-exists"
	CondAbsentForAll    ID = "condition-absent-for-all"
	CondAbsentForAny    ID = "condition-absent-for-any"
	CondAbsentNegated   ID = "condition-absent-negated"
	CondAbsent          ID = "condition-absent"
	CondForAllFails     ID = "condition-for-all-fails"
	CondForAllHolds     ID = "condition-for-all-holds"
	CondForAnyHolds     ID = "condition-for-any-holds"
	CondForAnyFails     ID = "condition-for-any-fails"
	CondSeveralAllow    ID = "condition-several-allow"
	CondSeveralDeny     ID = "condition-several-deny"
	CondSeveralAnyHolds ID = "condition-several-any-holds"
	CondSeveralAnyFails ID = "condition-several-any-fails"
	CondMalformedAllow  ID = "condition-malformed-allow"
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

// The notes of the front ends, on their inputs (account data, the
// command line): the ID of each is the code of its note, declared as an
// evaluator.NoteCode by the package that makes it (internal/account,
// internal/api).
const (
	NoteAccountNotLoaded     ID = "account-not-loaded"
	NoteManagedFromSnapshot  ID = "managed-policy-from-snapshot"
	NoteContextOverride      ID = "context-overrides-derived"
	NoteOwnerIsPrincipals    ID = "resource-owner-principal-account"
	NoteOwnerIsEachPrincipal ID = "resource-owner-each-principal"
	NoteRootEveryAction      ID = "root-every-action-candidate"
	NoteAccountAssumed       ID = "resource-account-assumed"
	NoteSnapshotVersion      ID = "managed-policy-snapshot-version"
	NoteWarning              ID = "warning"
	NotePlaceholder          ID = "code-placeholder"
	NoteCodeAccountAssumed   ID = "code-account-assumed"
	NoteCodeUnread           ID = "code-unread"
	// ContextFromTags and ContextFromOrg name where a derived context
	// value comes from, in NoteContextOverride.
	ContextFromTags ID = "context-from-principal-tags"
	ContextFromOrg  ID = "context-from-organization"
)

// The ways a front end takes a resource account, which
// NoteAccountAssumed names: HowOrManifest adds the resource manifest to
// a way (a flag, HowRequestLine).
const (
	HowScenario    ID = "how-scenario"
	HowRequestLine ID = "how-request-line"
	HowOrManifest  ID = "how-or-manifest"
)
