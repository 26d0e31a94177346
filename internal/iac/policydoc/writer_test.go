package policydoc_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/iamsim/iamsim/internal/iac/policydoc"
	"github.com/iamsim/iamsim/policy"
)

// A document the Writer writes from a YAML template parses with its
// positions in the template: keys and rewritten values at their start,
// exact strings character by character.
func TestWriterPlacesTheDocument(t *testing.T) {
	text := "PolicyDocument:\n  Version: 2012-10-17\n  Statement:\n    - Effect: Allow\n      Action: s3:GetObjekt\n      Resource: !Sub arn:${AWS::Partition}:s3:::b/*\n"
	at := func(s string) int { return strings.Index(text, s) }
	var w policydoc.Writer
	w.BeginObject(at("Version"))
	w.Key("Version", at("Version"))
	w.String("2012-10-17", at("2012"))
	w.Key("Statement", at("Statement"))
	w.BeginArray(at("- Effect"))
	w.BeginObject(at("Effect"))
	w.Key("Effect", at("Effect"))
	w.StringExact("Allow", at("Allow"))
	w.Key("Action", at("Action"))
	w.StringExact("s3:GetObjekt", at("s3:GetObjekt"))
	w.Key("Resource", at("Resource"))
	w.String("arn:aws:s3:::b/*", at("!Sub"))
	w.EndObject()
	w.EndArray()
	w.EndObject()
	doc, spans := w.Bytes()
	want := `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObjekt","Resource":"arn:aws:s3:::b/*"}]}`
	if string(doc) != want {
		t.Fatalf("document\n got %s\nwant %s", doc, want)
	}
	p := policydoc.Policy{File: "template.yaml", Text: []byte(text), Doc: doc, Spans: spans}
	d, err := p.Locator(policy.DefaultLimits).ParseEmbedded(0, len(doc), policy.Identity)
	if err != nil {
		t.Fatal(err)
	}
	st := d.Statements[0]
	got := []policy.Pos{st.Action.Items[0].Pos, st.Resource.Items[0].Pos, d.Version.Pos}
	wantPos := []policy.Pos{{File: "template.yaml", Line: 5, Col: 15}, {File: "template.yaml", Line: 6, Col: 17}, {File: "template.yaml", Line: 2, Col: 12}}
	if diff := cmp.Diff(wantPos, got); diff != "" {
		t.Errorf("positions mismatch (-want +got):\n%s", diff)
	}
	// An error inside an exact string quotes the template's line.
	w = policydoc.Writer{}
	w.BeginObject(0)
	w.Key("Statement", at("Statement"))
	w.BeginObject(at("Effect"))
	w.Key("Effect", at("Effect"))
	w.StringExact("Alow", at("Allow"))
	w.EndObject()
	w.EndObject()
	doc, spans = w.Bytes()
	p = policydoc.Policy{File: "template.yaml", Text: []byte(text), Doc: doc, Spans: spans}
	_, err = p.Locator(policy.DefaultLimits).ParseEmbedded(0, len(doc), policy.Identity)
	var list policy.ErrorList
	if !errors.As(err, &list) || list[0].Pos.Line != 4 || list[0].Line != "    - Effect: Allow" {
		t.Errorf("want the first error on line 4 quoting it, got %v", err)
	}
}

func TestPlaceholderNames(t *testing.T) {
	s := "arn:aws:s3:::" + policydoc.Placeholder("Bucket") + "/" + policydoc.Placeholder("aws_s3_bucket.b.id") + "/*"
	if diff := cmp.Diff([]string{"Bucket", "aws_s3_bucket.b.id"}, policydoc.PlaceholderNames(s)); diff != "" {
		t.Errorf("mismatch (-want +got):\n%s", diff)
	}
}
