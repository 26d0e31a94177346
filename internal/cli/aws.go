package cli

import (
	"io"

	"github.com/iamsim/iamsim/evaluator"
	"github.com/iamsim/iamsim/internal/awsformat"
)

// awsCase is one decided request, for --format aws and simulate-*.
type awsCase struct {
	request evaluator.Request
	result  *evaluator.Result
	// prepared is the request as decided, when the command keeps it
	// (simulate-*: for warnAssumedAccounts).
	prepared *evaluator.Prepared
}

// writeAWS prints the decided requests in AWS's response format
// (awsformat.Write); separate says that each is a simulation of its own.
func writeAWS(w io.Writer, cases []awsCase, separate bool) error {
	decided := make([]awsformat.Case, len(cases))
	for i, c := range cases {
		decided[i] = awsformat.Case{Request: c.request, Result: c.result}
	}
	return awsformat.Write(w, decided, separate)
}
