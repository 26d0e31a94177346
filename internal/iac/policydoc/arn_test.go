package policydoc_test

import (
	"testing"

	"github.com/iamsim/iamsim/internal/iac/policydoc"
)

func TestQueueARN(t *testing.T) {
	t.Parallel()
	for url, want := range map[string]string{
		"https://sqs.eu-west-1.amazonaws.com/111122223333/jobs":       "arn:aws:sqs:eu-west-1:111122223333:jobs",
		"https://sqs.eu-west-1.amazonaws.com/111122223333/jobs.fifo":  "arn:aws:sqs:eu-west-1:111122223333:jobs.fifo",
		"https://sqs.eu-west-1.amazonaws.com/{{AWS::AccountId}}/jobs": "",
		"https://sqs.eu-west-1.amazonaws.com/111122223333":            "",
		"arn:aws:sqs:eu-west-1:111122223333:jobs":                     "",
	} {
		if got := policydoc.QueueARN("aws", url); got != want {
			t.Errorf("QueueARN(%q) = %q, want %q", url, got, want)
		}
	}
}
