package cfn

import (
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"path/filepath"
	"slices"

	"github.com/iamsim/iamsim/internal/iac/policydoc"
	"github.com/iamsim/iamsim/policy"
)

// A Stack is one CloudFormation stack of a CDK cloud assembly.
type Stack struct {
	// Artifact is the stack's artifact ID in manifest.json, Name the
	// stack name it deploys as (the stackName property, else the ID).
	Artifact string
	Name     string
	// Template is the path of its template, as Read names it.
	Template string
	Set      *policydoc.Set
	// Constructs maps each logical ID of the template, and of its nested
	// stacks as Policy.Resource names them ("Audit/AuditorRole"), to the
	// path of the CDK construct that made it, from the resource's
	// aws:cdk:path metadata ("IngestStack/Handler/ServiceRole/Resource").
	Constructs map[string]string
}

// manifest is what ReadCDK reads of a cloud assembly's manifest.json
// (the cloud assembly schema of aws-cdk's cloud-assembly-schema
// package: artifacts by ID, each with a type and properties).
type manifest struct {
	Artifacts map[string]struct {
		Type       string `json:"type"`
		Properties struct {
			TemplateFile  string `json:"templateFile"`
			StackName     string `json:"stackName"`
			DirectoryName string `json:"directoryName"`
		} `json:"properties"`
	} `json:"artifacts"`
}

// ReadCDK reads the stacks of a CDK cloud assembly, the directory
// `cdk synth` writes (cdk.out): every artifact of type
// aws:cloudformation:stack in its manifest.json, and those of the nested
// assemblies (cdk:cloud-assembly, one per CDK Stage), in the order of
// their artifact IDs. Files are read through opts.ReadFile. The error
// joins every template's problems (a policy.ErrorList, as Read gives
// them); the stacks read are returned with it.
func ReadCDK(dir string, opts policydoc.Options) ([]Stack, error) {
	if opts.ReadFile == nil {
		return nil, errors.New("cfn: ReadCDK needs Options.ReadFile")
	}
	var stacks []Stack
	var problems policy.ErrorList
	err := readAssembly(dir, opts, 0, &stacks, &problems)
	if err != nil {
		return stacks, err
	}
	if len(problems) > 0 {
		return stacks, distinct(problems)
	}
	return stacks, nil
}

func readAssembly(dir string, opts policydoc.Options, depth int, stacks *[]Stack, problems *policy.ErrorList) error {
	if depth > maxNesting {
		return fmt.Errorf("%s: cloud assemblies nested more than %d deep", dir, maxNesting)
	}
	path := filepath.Join(dir, "manifest.json")
	src, err := opts.ReadFile(path)
	if err != nil {
		return err
	}
	var m manifest
	if err := json.Unmarshal(src, &m); err != nil {
		off, msg := policy.SyntaxMessage(src, err)
		return policy.ErrorList{{Pos: policy.NewLocator(path, src).Pos(off), Code: policy.CodeInfrastructure, Msg: "manifest.json: " + msg}}
	}
	for _, id := range slices.Sorted(maps.Keys(m.Artifacts)) {
		a := m.Artifacts[id]
		switch a.Type {
		case "aws:cloudformation:stack":
			file := filepath.Join(dir, a.Properties.TemplateFile)
			src, err := opts.ReadFile(file)
			if err != nil {
				return err
			}
			set, paths, err := read(file, src, opts, nesting{state: &nestState{}})
			var list policy.ErrorList
			if errors.As(err, &list) {
				*problems = append(*problems, list...)
			} else if err != nil {
				return err
			}
			name := a.Properties.StackName
			if name == "" {
				name = id
			}
			*stacks = append(*stacks, Stack{Artifact: id, Name: name, Template: file, Set: set, Constructs: paths})
		case "cdk:cloud-assembly":
			if err := readAssembly(filepath.Join(dir, a.Properties.DirectoryName), opts, depth+1, stacks, problems); err != nil {
				return err
			}
		}
	}
	return nil
}

// constructs returns the aws:cdk:path of each resource of t that has one.
func constructs(t *template) map[string]string {
	paths := map[string]string{}
	for _, id := range t.order {
		if p := lookup(lookup(t.resources[id].node, "Metadata"), "aws:cdk:path"); p != nil {
			paths[id] = p.Value
		}
	}
	return paths
}
