package account
import ("testing";"fmt";"github.com/iamsim/iamsim/evaluator")
func TestScratch(t *testing.T){
 d,err:=Load("../../testdata/accounts/111111111111.json","../../testdata/accounts/222222222222.json","../../testdata/accounts/333333333333.json"); if err!=nil{t.Fatal(err)}
 d.Org,err=LoadOrganization("../../testdata/accounts/organization.yaml"); if err!=nil{t.Fatal(err)}
 d.Resources,err=LoadResources("../../testdata/accounts"); if err!=nil{t.Fatal(err)}
 ctx:=evaluator.Context{}; ctx.Set("aws:RequestedRegion","eu-west-1"); ctx.Set("aws:SecureTransport","true"); ctx.Set("aws:PrincipalOrgID","o-a1b2c3d4e5")
 a,err:=d.Can(CanQuery{Principal:"arn:aws:iam::222222222222:user/alice", Context:ctx}); if err!=nil{t.Fatal(err)}
 fmt.Println(a.Candidates,a.Catalog,a.Notes)
 for _,g:=range a.Grants{ fmt.Print(g.AccessLevel()," ",g.Action); for _,o:=range g.On{fmt.Print(" [",o.Resource," ",len(o.Deciding),"]")}; fmt.Println()}
 w,err:=d.WhoCan(WhoCanQuery{Action:"s3:GetObject",Resource:"arn:aws:s3:::acme-prod-data/partner-exchange/x.csv",ResourceAccount:"333333333333",Context:ctx}); if err!=nil{t.Fatal(err)}
 fmt.Printf("%d %+v\n", w.Checked, w.Notes); for _,p:=range w.Principals{fmt.Println(p.Principal,p.Type,p.Summary)}; for _,p:=range w.External{fmt.Println("EXT",p.Principal,p.Summary)}
 d.Org=nil
 w,err=d.WhoCan(WhoCanQuery{Action:"s3:GetObject",Resource:"arn:aws:s3:::acme-prod-data/partner-exchange/x.csv",ResourceAccount:"333333333333",Context:ctx}); if err!=nil{t.Fatal(err)}
 for _,p:=range w.Principals{fmt.Println(p.Principal,p.Type,p.Summary)}; for _,p:=range w.External{fmt.Println("EXT",p.Principal,p.Summary)}
}
