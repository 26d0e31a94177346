package catalog_test

import (
	"fmt"

	"github.com/iamsim/iamsim/internal/catalog"
)

func Example() {
	c, err := catalog.Load()
	if err != nil {
		panic(err)
	}
	a, _ := c.Action("iam:putrolepolicy")
	fmt.Println(a.FullName(), a.AccessLevels)
	k, _ := c.ConditionKey("aws:RequestTag/Owner")
	fmt.Println(k.Name, k.Type, k.IsMultiValued())
	s, _ := c.SuggestAction("s3:GetObjekt")
	fmt.Println("did you mean", s)
	for _, a := range c.MatchActions("s3:GetObject*")[:3] {
		fmt.Println(a.FullName(), a.AccessLevels)
	}
	// Output:
	// iam:PutRolePolicy [Permissions management Write]
	// aws:RequestTag/${TagKey} String false
	// did you mean s3:GetObject
	// s3:GetObject [Read]
	// s3:GetObjectAcl [Read]
	// s3:GetObjectAnnotation [Read]
}
