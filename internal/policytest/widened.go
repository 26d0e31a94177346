package policytest

import (
	"fmt"
	"strings"

	"github.com/iamsim/iamsim/internal/catalog"
)

// WidenedPair returns two identity policies of 100 statements, each
// statement granting two of cat's actions on resources of its own, every
// fifth under a condition; NEW differs from OLD in one wildcard, its
// last statement's s3:GetObject becoming s3:Get*. It is the shape of
// issue 15's diff benchmark.
func WidenedPair(cat *catalog.Catalog) (old, new []byte) {
	var sts []string
	services := cat.Services()
	for i := 0; i < 99; i++ {
		s := services[(i*7)%len(services)]
		a1, a2 := s.Actions[0].FullName(), s.Actions[len(s.Actions)/2].FullName()
		st := fmt.Sprintf(`{"Sid": "S%d", "Effect": "Allow", "Action": [%q, %q], "Resource": "arn:aws:%s:us-east-1:111122223333:thing-%d/*"`, i, a1, a2, s.Prefix, i)
		if i%5 == 0 {
			st += `, "Condition": {"StringEquals": {"aws:ResourceTag/team": "blue"}}`
		}
		sts = append(sts, st+"}")
	}
	policy := func(action string) []byte {
		last := fmt.Sprintf(`{"Sid": "Reports", "Effect": "Allow", "Action": "%s", "Resource": "arn:aws:s3:::reports/*"}`, action)
		return []byte(`{"Version": "2012-10-17", "Statement": [` + strings.Join(append(sts, last), ",\n") + `]}`)
	}
	return policy("s3:GetObject"), policy("s3:Get*")
}
