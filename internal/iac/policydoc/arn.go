package policydoc

import (
	"strings"

	"github.com/iamsim/iamsim/policy"
)

// QueueARN returns the ARN of the SQS queue at a queue URL,
// https://sqs.REGION.amazonaws.com/ACCOUNT/NAME, in partition, or "" for
// anything else: a queue policy names its queues by URL.
func QueueARN(partition, url string) string {
	rest, ok := strings.CutPrefix(url, "https://sqs.")
	if !ok {
		return ""
	}
	host, path, _ := strings.Cut(rest, "/")
	region, _, _ := strings.Cut(host, ".")
	account, name, _ := strings.Cut(path, "/")
	if region == "" || !policy.IsAccountID(account) || name == "" || strings.Contains(name, "/") {
		return ""
	}
	return "arn:" + partition + ":sqs:" + region + ":" + account + ":" + name
}
