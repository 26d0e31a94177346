package api

import (
	"os"

	"github.com/iamsim/iamsim/internal/iac"
	"github.com/iamsim/iamsim/internal/iac/policydoc"
)

// CodeValues bind what infrastructure code leaves open (docs/iac.md).
type CodeValues struct {
	// Values are NAME=VALUE bindings: CloudFormation parameters and
	// pseudo parameters (AWS::AccountId), Terraform variables, and any
	// placeholder's name (aws_s3_bucket.logs.arn).
	Values map[string]string
	// VarFiles are Terraform .tfvars files.
	VarFiles []string
}

// codeReader returns a reader of infrastructure code within the Engine's
// limits and with its values, for one question.
func (e Engine) codeReader() *iac.Reader {
	return &iac.Reader{Limits: e.Limits, Values: e.Code.Values, VarFiles: e.Code.VarFiles}
}

// codeRef returns the path and selector of a policy argument that names
// infrastructure code without reading a file: a reference, FILE#SELECTOR,
// or a directory iac.DetectDir knows (a Terraform module, a CDK cloud
// assembly).
func codeRef(arg string) (path, selector string, ok bool) {
	if path, selector, ok := iac.SplitRef(arg); ok {
		return path, selector, true
	}
	if info, err := os.Stat(arg); err == nil && info.IsDir() && iac.DetectDir(arg) != iac.None {
		return arg, "", true
	}
	return "", "", false
}

// codePolicy returns the one policy of the code at path that selector
// names ("" for the only one it holds).
func codePolicy(code *iac.Reader, path, selector string) (*policydoc.Policy, error) {
	set, _, err := code.Read(path)
	if err != nil {
		return nil, err
	}
	return iac.SelectOne(set, path, selector)
}
