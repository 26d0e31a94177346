package batch

import (
	"net/netip"
	"strconv"
	"strings"
	"time"

	"github.com/tidwall/gjson"

	"github.com/iamsim/iamsim/evaluator"
	"github.com/iamsim/iamsim/internal/catalog"
	"github.com/iamsim/iamsim/internal/jsonappend"
	"github.com/iamsim/iamsim/policy"
)

// A CloudTrail record becomes a request (docs/cli.md, "Batch mode"):
//
//	eventSource + eventName     → action (with the quirks below)
//	userIdentity                → principal, role ARN, unique ID
//	resources[0].ARN            → resource (the first with an ARN; else *)
//	resources[0].accountId, else recipientAccountId
//	                            → resource account, when the ARN has none
//	sourceIPAddress (an IP)     → aws:SourceIp
//	userAgent                   → aws:UserAgent
//	eventTime                   → aws:CurrentTime, aws:EpochTime
//	awsRegion                   → aws:RequestedRegion
//	tlsDetails (present)        → aws:SecureTransport
//	vpcEndpointId               → aws:SourceVpce
//	sessionContext.attributes   → aws:MultiFactorAuthPresent, aws:TokenIssueTime

// trailEvent is what a result line repeats of its CloudTrail record.
type trailEvent struct {
	eventID, eventTime, errorCode string
	principal, action, resource   string
	warning                       string
}

// appendHead appends the record's identifying fields to a result.
func (ev *trailEvent) appendHead(b []byte) []byte {
	for _, f := range [...]struct{ name, value string }{
		{"eventID", ev.eventID}, {"eventTime", ev.eventTime}, {"principal", ev.principal},
		{"action", ev.action}, {"resource", ev.resource}, {"errorCode", ev.errorCode}, {"warning", ev.warning},
	} {
		if f.value != "" {
			b = jsonappend.Field(b, f.name, f.value)
		}
	}
	return b
}

// sourceQuirks are event sources whose host is not the service's action
// prefix.
var sourceQuirks = map[string]string{
	"monitoring":       "cloudwatch", // CloudWatch's API host
	"streams.dynamodb": "dynamodb",   // DynamoDB Streams' actions are dynamodb:
}

// s3Quirks are S3 event names that are not the name of the action that
// authorizes them (S3 User Guide, "Required permissions for Amazon S3 API
// operations").
var s3Quirks = map[string]string{
	"ListBuckets":             "ListAllMyBuckets",
	"HeadBucket":              "ListBucket",
	"ListObjects":             "ListBucket",
	"ListObjectsV2":           "ListBucket",
	"ListObjectVersions":      "ListBucketVersions",
	"HeadObject":              "GetObject",
	"DeleteObjects":           "DeleteObject",
	"CopyObject":              "PutObject",
	"UploadPart":              "PutObject",
	"UploadPartCopy":          "PutObject",
	"CreateMultipartUpload":   "PutObject",
	"CompleteMultipartUpload": "PutObject",
}

// trailAction is the action of an event source and name, or why there is
// none.
type trailAction struct {
	action, warning string
	err             string
}

// trailCache remembers the actions of event sources and names, per
// worker.
type trailCache struct {
	actions map[[2]string]trailAction
	cat     *catalog.Catalog
}

func newTrailCache() *trailCache { return &trailCache{actions: map[[2]string]trailAction{}} }

// action maps an event source and name to an action, checking the
// service prefix, and the action, against the embedded catalog.
func (tc *trailCache) action(source, name string) trailAction {
	k := [2]string{source, name}
	if a, ok := tc.actions[k]; ok {
		return a
	}
	a := tc.lookup(source, name)
	if len(tc.actions) >= cacheSize {
		clear(tc.actions)
	}
	tc.actions[[2]string{strings.Clone(source), strings.Clone(name)}] = a
	return a
}

func (tc *trailCache) lookup(source, name string) trailAction {
	host, ok := strings.CutSuffix(source, ".amazonaws.com")
	if !ok || host == "" || name == "" {
		return trailAction{err: "eventSource " + strconv.Quote(source) + " is not an AWS service endpoint (service.amazonaws.com)"}
	}
	prefix := host
	if q, ok := sourceQuirks[host]; ok {
		prefix = q
	}
	if tc.cat == nil {
		cat, err := catalog.Load()
		if err != nil {
			return trailAction{err: err.Error()}
		}
		tc.cat = cat
	}
	if _, ok := tc.cat.Service(prefix); !ok {
		return trailAction{err: "eventSource " + strconv.Quote(source) + ": service prefix " + strconv.Quote(prefix) + " is not in the service catalog"}
	}
	switch prefix {
	case "s3":
		if q, ok := s3Quirks[name]; ok {
			name = q
		}
	case "lambda":
		name = trimAPIVersion(name)
	}
	a := trailAction{action: strings.Clone(prefix) + ":" + strings.Clone(name)}
	if _, ok := tc.cat.Action(a.action); !ok {
		a.warning = "action " + a.action + " is not in the service catalog: the event name may not be the action that authorizes the call"
	}
	return a
}

// trimAPIVersion removes the API version Lambda appends to its event
// names: GetFunction20150331v2 is lambda:GetFunction.
func trimAPIVersion(name string) string {
	s := name
	if i := strings.LastIndexByte(s, 'v'); i > 0 && i < len(s)-1 && allDigits(s[i+1:]) {
		s = s[:i]
	}
	if len(s) > 8 && allDigits(s[len(s)-8:]) {
		return s[:len(s)-8]
	}
	return name
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

// decodeRecord reads one CloudTrail record into the worker's request
// and w.ev.
func (w *worker) decodeRecord(raw string) *lineError {
	w.ev = trailEvent{}
	ev := &w.ev
	rec := gjson.Parse(raw)
	if !rec.IsObject() {
		return errorAt(0, "a CloudTrail record is a JSON object, not %s", typeName(rec))
	}
	var source, name, recipient, region, ip, agent string
	var identity, resources gjson.Result
	tls := false
	r := &w.req
	rec.ForEach(func(k, v gjson.Result) bool {
		switch k.Str {
		case "eventID":
			ev.eventID = v.Str
		case "eventTime":
			ev.eventTime = v.Str
		case "eventSource":
			source = v.Str
		case "eventName":
			name = v.Str
		case "errorCode":
			ev.errorCode = v.Str
		case "awsRegion":
			region = v.Str
		case "sourceIPAddress":
			ip = v.Str
		case "userAgent":
			agent = v.Str
		case "userIdentity":
			identity = v
		case "resources":
			resources = v
		case "recipientAccountId":
			recipient = v.Str
		case "tlsDetails":
			tls = v.IsObject()
		case "vpcEndpointId":
			if v.Str != "" {
				w.setValue("aws:sourcevpce", v.Str)
			}
		}
		return true
	})
	a := w.trail.action(source, name)
	if a.err != "" {
		return errorAt(0, "%s", a.err)
	}
	r.Action, ev.action, ev.warning = a.action, a.action, a.warning
	if err := w.trailPrincipal(identity); err != nil {
		return err
	}
	ev.principal = r.Principal
	r.Resource = "*"
	var owner string
	resources.ForEach(func(_, res gjson.Result) bool {
		arn := res.Get("ARN")
		if arn.Str == "" {
			return true
		}
		r.Resource, owner = arn.Str, res.Get("accountId").Str
		return false
	})
	ev.resource = r.Resource
	if f, ok := policy.SplitARN(r.Resource); !ok || !policy.IsAccountID(f[4]) {
		if owner == "" {
			owner = recipient
		}
		if policy.IsAccountID(owner) {
			r.ResourceAccount = owner
		}
	}
	if addr, err := netip.ParseAddr(ip); err == nil {
		w.setValue("aws:sourceip", addr.String())
	}
	if agent != "" {
		w.setValue("aws:useragent", agent)
	}
	if region != "" {
		w.setValue("aws:requestedregion", region)
	}
	if tls {
		w.setValue("aws:securetransport", "true")
	}
	if ev.eventTime != "" {
		t, err := time.Parse(time.RFC3339, ev.eventTime)
		if err != nil {
			return errorAt(-1, "eventTime %q is not an RFC 3339 time", ev.eventTime)
		}
		w.setValue("aws:currenttime", ev.eventTime)
		w.setValue("aws:epochtime", strconv.FormatInt(t.Unix(), 10))
	}
	return nil
}

// trailPrincipal sets the request's principal from userIdentity
// (CloudTrail User Guide, "CloudTrail userIdentity element").
func (w *worker) trailPrincipal(id gjson.Result) *lineError {
	r := &w.req
	if !id.IsObject() {
		return errorAt(-1, "the record has no userIdentity")
	}
	var typ, arn, principalID, accountID, invokedBy, provider string
	var session gjson.Result
	id.ForEach(func(k, v gjson.Result) bool {
		switch k.Str {
		case "type":
			typ = v.Str
		case "arn":
			arn = v.Str
		case "principalId":
			principalID = v.Str
		case "accountId":
			accountID = v.Str
		case "invokedBy":
			invokedBy = v.Str
		case "identityProvider":
			provider = v.Str
		case "sessionContext":
			session = v
		}
		return true
	})
	switch typ {
	case "IAMUser":
		r.Principal, r.UniqueID = arn, principalID
	case "AssumedRole":
		r.Principal = arn
		r.RoleARN = session.Get("sessionIssuer.arn").Str
		r.UniqueID, _, _ = strings.Cut(principalID, ":")
	case "FederatedUser":
		r.Principal = arn
		if issuer := session.Get("sessionIssuer"); issuer.Get("type").Str == "IAMUser" {
			r.FederatingUser = issuer.Get("arn").Str
		}
	case "Root":
		r.Principal = arn
	case "AWSService":
		r.Principal = invokedBy
	case "AWSAccount":
		// Another account called; CloudTrail names the account, not the
		// caller: its root stands for it.
		if !policy.IsAccountID(accountID) {
			return errorAt(-1, "userIdentity of type AWSAccount has no accountId")
		}
		r.Principal = "arn:aws:iam::" + accountID + ":root"
	case "SAMLUser", "WebIdentityUser":
		r.Principal = provider
	default:
		return errorAt(-1, "userIdentity type %q cannot be simulated (want IAMUser, AssumedRole, FederatedUser, Root, AWSService, AWSAccount, SAMLUser or WebIdentityUser)", typ)
	}
	if r.Principal == "" {
		return errorAt(-1, "userIdentity of type %s names no caller", typ)
	}
	if attrs := session.Get("attributes"); attrs.Exists() {
		if mfa := attrs.Get("mfaAuthenticated").Str; mfa == "true" || mfa == "false" {
			w.setValue("aws:multifactorauthpresent", mfa)
		}
		if created := attrs.Get("creationDate").Str; created != "" {
			w.setValue("aws:tokenissuetime", created)
		}
	}
	return nil
}

// setValue sets a single-valued context key named in lower case.
func (w *worker) setValue(key, value string) {
	w.values = append(w.values, value)
	n := len(w.values)
	w.ctx[key] = evaluator.ContextValue{Values: w.values[n-1 : n : n]}
	w.given = append(w.given, key)
}
